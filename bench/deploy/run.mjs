// How soon deploy-candidate reports a rollout after it is done, against
// `kubectl rollout status` run on each Deployment one after another (as
// azure/k8s-deploy waits). 50 Deployments in kube-sim whose pods become
// ready at known times (a spread set by image rules); both contenders start
// from the same apply of the same manifests, each in a namespace of its own,
// runs alternating, each namespace deleted after its run so that every run
// finds the simulator equally loaded. The moment a Deployment becomes ready
// is taken from the simulator's store as it records the change (a hook on
// Store.prototype.record, in this process), to the sub-millisecond.
//
//   node bench/deploy/run.mjs [--deployments 50] [--runs 3] [--first-ready-ms 500] [--spread-ms 2000]
//
// Needs the built bundle (node scripts/build.mjs deploy-candidate) and kubectl.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startKubeSim } from '../../test/kube-sim/index.mjs';
import { Store } from '../../test/kube-sim/store.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    deployments: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    'first-ready-ms': { type: 'string', default: '500' },
    'spread-ms': { type: 'string', default: '2000' },
  },
});
const COUNT = Number(values.deployments);
const RUNS = Number(values.runs);
const FIRST = Number(values['first-ready-ms']);
const SPREAD = Number(values['spread-ms']);
const bundle = join(root, 'dist', 'deploy-candidate', 'index.js');
if (!existsSync(bundle)) throw new Error(`${bundle} is missing: node scripts/build.mjs deploy-candidate`);

const work = join(root, 'bench', '.work', 'deploy');
await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });

// Deployment i's pod is ready FIRST + i * SPREAD / (COUNT - 1) ms after its container starts.
const readyAfter = (i) => Math.round(FIRST + (i * SPREAD) / Math.max(1, COUNT - 1));
const name = (i) => `app-${String(i).padStart(2, '0')}`;
const rules = Array.from({ length: COUNT }, (_, i) => ({
  image: `bench.example.com/${name(i)}:v1`,
  behavior: 'slow',
  readyAfterMs: readyAfter(i),
}));
const sim = await startKubeSim({ rules, kubeconfigPath: join(work, 'kubeconfig') });

const manifests = Array.from(
  { length: COUNT },
  (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name(i)}
spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name(i)}}
  template:
    metadata:
      labels: {app: ${name(i)}}
    spec:
      containers: [{name: app, image: 'bench.example.com/${name(i)}:v1'}]
`,
).join('---\n');
await writeFile(join(work, 'deployments.yaml'), manifests);

const isReady = (d) =>
  d &&
  d.metadata.generation <= (d.status?.observedGeneration ?? 0) &&
  (d.status?.availableReplicas ?? 0) >= d.spec.replicas &&
  (d.status?.updatedReplicas ?? 0) >= d.spec.replicas;

/** Namespace → when each of its Deployments first became ready (performance.now()). */
const readyAt = new Map();
const record = Store.prototype.record;
Store.prototype.record = function (change) {
  const { resource, object } = change;
  if (resource.kind === 'Deployment' && isReady(object)) {
    const times = readyAt.get(object.metadata.namespace) ?? new Map();
    readyAt.set(object.metadata.namespace, times);
    if (!times.has(object.metadata.name)) times.set(object.metadata.name, performance.now());
  }
  return record.call(this, change);
};

/** When the last Deployment of `namespace` became ready. */
function lastReady(namespace) {
  const times = readyAt.get(namespace) ?? new Map();
  if (times.size !== COUNT) throw new Error(`only ${times.size} of ${COUNT} Deployments in ${namespace} became ready`);
  return Math.max(...times.values());
}

/** Runs a command; resolves with its exit time and, when `marker` is given, the time its stdout first matched it. */
function timed(command, args, { env = process.env, marker } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let markedAt;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (marker && markedAt === undefined && marker(out)) markedAt = performance.now();
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve({ exitAt: performance.now(), markedAt, out })
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}${out}`)),
    );
  });
}

const kubectl = (args) => timed('kubectl', ['--kubeconfig', sim.kubeconfigPath, ...args]);

async function viaDeployCandidate(namespace) {
  const started = performance.now();
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: work,
    GITHUB_SHA: '0'.repeat(40),
    INPUT_MANIFESTS: 'deployments.yaml',
    INPUT_NAMESPACE: namespace,
    INPUT_KUBECONFIG: sim.kubeconfigPath,
    INPUT_TIMEOUT: '2m',
    'INPUT_ROLLBACK-ON-FAILURE': 'false',
  };
  // The last verdict line: the moment deploy-candidate knows every workload rolled out.
  const succeeded = (out) => (out.match(/: succeeded after /g) ?? []).length === COUNT;
  const run = await timed(process.execPath, [bundle], { env, marker: succeeded });
  const last = lastReady(namespace);
  return { verdictMs: run.markedAt - last, exitMs: run.exitAt - last, totalMs: run.exitAt - started };
}

async function viaRolloutStatus(namespace) {
  const started = performance.now();
  await kubectl(['apply', '--server-side', '--field-manager=bench', '-n', namespace, '-f', join(work, 'deployments.yaml')]);
  let exitAt = 0;
  for (let i = 0; i < COUNT; i++)
    exitAt = (await kubectl(['rollout', 'status', `deployment/${name(i)}`, '-n', namespace, '--timeout=2m'])).exitAt;
  const last = lastReady(namespace);
  return { verdictMs: exitAt - last, exitMs: exitAt - last, totalMs: exitAt - started };
}

const results = { 'deploy-candidate': [], 'kubectl rollout status, one by one': [] };
for (let run = 0; run < RUNS; run++) {
  for (const [label, contender] of [
    ['deploy-candidate', viaDeployCandidate],
    ['kubectl rollout status, one by one', viaRolloutStatus],
  ]) {
    const namespace = `bench-${run}-${label.startsWith('deploy') ? 'dc' : 'rs'}`;
    sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const result = await contender(namespace);
    sim.delete('Namespace', undefined, namespace);
    await sim.waitUntil(() => !sim.get('Namespace', undefined, namespace), { timeoutMs: 30_000, what: `namespace ${namespace} gone` });
    results[label].push(Object.fromEntries(Object.entries(result).map(([key, ms]) => [key, Math.round(ms * 10) / 10])));
    process.stderr.write(`run ${run + 1} ${label}: ${JSON.stringify(results[label].at(-1))}\n`);
  }
}
await sim.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (label) => {
  const r = results[label];
  const cell = (key) => `${median(r.map((x) => x[key]))} (${Math.min(...r.map((x) => x[key]))}–${Math.max(...r.map((x) => x[key]))})`;
  return `| ${label} | ${cell('verdictMs')} | ${cell('exitMs')} | ${cell('totalMs')} |`;
};
const lastReadyAfter = readyAfter(COUNT - 1);
console.log(
  `${COUNT} Deployments, pods ready ${FIRST}–${lastReadyAfter} ms after their container starts; ${RUNS} runs each, alternating; median (min–max), ms.`,
);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.\n`);
console.log('| waiting with | last ready → verdict | last ready → process exit | apply start → process exit |');
console.log('| --- | --- | --- | --- |');
console.log(row('deploy-candidate'));
console.log(row('kubectl rollout status, one by one'));
await writeFile(
  join(work, 'result.json'),
  JSON.stringify({ count: COUNT, runs: RUNS, firstReadyMs: FIRST, spreadMs: SPREAD, results }, null, 2),
);
