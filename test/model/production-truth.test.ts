// A model-based test of what the README promises: `production` tells the
// truth. A seeded sequence of random operations (deliveries of good and
// broken images, concurrent deliveries, re-runs of old builds, deployments
// with each strategy passed or failed, manual rollbacks to random production
// revisions) runs the built bundles and the workflows' own scripts, in the
// order the reusable workflows run them, against one real env repository, one
// registry and kube-sim; after every operation the invariants are checked.
//
//   MODEL_OPS=200 MODEL_SEED=<n> npm run jest -- test/model
//
// replays a run (the seed of a failing run is in its message); without
// MODEL_SEED a new seed is drawn and printed.
//
// MODEL_SEED=2 once found, at operation 21, a rollback in the blue-green
// environment done the rolling way (the plain Deployment beside the live
// colour, both selected by the live Service): rollback.yml now goes back the
// blue-green way there (strategy blue-green: deploy the other colour, switch).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { makeAppRepo, type AppRepo } from '../support/app-repo.js';
import { git, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { pushEmptyImage, startRegistry, type StartedRegistry } from '../support/registry.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { runWorkflowStep, workflowStep, type WorkflowStep } from '../support/workflow-step.js';

const OPS = Number(process.env.MODEL_OPS ?? 40);
const SEED = Number(process.env.MODEL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REPLAY = `MODEL_OPS=${OPS} MODEL_SEED=${SEED} npm run jest -- test/model`;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Environment {
  stage: string;
  strategy: 'rolling' | 'canary' | 'blue-green';
  namespace: string;
  candidate: string;
  production: string;
}
/** The chain dev -> staging -> prod, one strategy each, as env-cd's callers would set them. */
const ENVIRONMENTS: Environment[] = (
  [
    ['dev', 'rolling'],
    ['staging', 'canary'],
    ['prod', 'blue-green'],
  ] as const
).map(([stage, strategy]) => ({
  stage,
  strategy,
  namespace: `model-${stage}`,
  candidate: `env/${stage}/candidate`,
  production: `env/${stage}/production`,
}));

const manifest = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  labels: {app: hello}
spec:
  replicas: 2
  selector:
    matchLabels: {app: hello}
  template:
    metadata:
      labels: {app: hello}
    spec:
      containers:
        - name: hello
          image: ${image}
---
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector: {app: hello}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;

let sim: KubeSim;
let registry: StartedRegistry;
let app: AppRepo;
let bare: string;
let resolveStep: WorkflowStep;
/** The canary's side, healthy or failing, and the baseline's, as canary-check's http provider reaches them. */
let healthy: Server;
let failing: Server;
let baseline: Server;
const url = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** What the model knows: the app commits in order (main is linear, so order is ancestry), and what rolled out. */
const appCommits: string[] = [];
/** The image each app commit's build delivered. */
const appImages = new Map<string, string>();
const rolledOut = new Map<string, Set<string>>(ENVIRONMENTS.map((env) => [env.stage, new Set<string>()]));
let seedTree = '';
const log: string[] = [];

const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (p: number) => random() < p;

function expectOk(run: ActionRun, what: string): ActionRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  return run;
}

// ---- the operations, each as the workflows run it ----

/** app-ci for a new commit on main: the image is pushed (or, broken, names a tag that was never pushed), then patch-manifest. */
async function newCommit(broken: boolean): Promise<{ sha: string; image: string }> {
  const sha = await app.commit(`change ${appCommits.length}`);
  appCommits.push(sha);
  const image = broken
    ? `${registry.host}/acme/hello:broken-${sha.slice(0, 7)}`
    : `${registry.host}/acme/hello:${sha.slice(0, 7)}@${(await pushEmptyImage(registry, 'acme/hello', sha, sha)).digest}`;
  appImages.set(sha, image);
  return { sha, image };
}

async function deliver(sha: string, image: string): Promise<ActionRun> {
  const [first] = ENVIRONMENTS;
  return expectOk(
    await runAction('patch-manifest', {
      workspace: await app.checkout(sha, { depth: 0 }),
      env: { GITHUB_SHA: sha },
      inputs: { 'env-repository': bare, branch: first.candidate, 'base-branch': first.production, images: image },
      timeoutMs: 120_000,
    }),
    `patch-manifest of ${sha.slice(0, 7)}`,
  );
}

const deploy = (env: Environment, ref: string, inputs: Record<string, string> = {}) =>
  runAction('deploy-candidate', {
    inputs: {
      'env-repository': bare,
      ref,
      'production-ref': env.production,
      manifests: 'kubernetes.yaml',
      namespace: env.namespace,
      kubeconfig: sim.kubeconfigPath,
      timeout: '30s',
      ...inputs,
    },
    timeoutMs: 120_000,
  });

const record = async (env: Environment, source: string, reason = 'deploy') =>
  expectOk(
    await runAction('promote-production', {
      inputs: { 'env-repository': bare, source, branch: env.production, reason },
      timeoutMs: 60_000,
    }),
    `promote-production ${reason} of ${source.slice(0, 7)} on ${env.production}`,
  );

/** The images of a revision's manifests. */
async function imagesAt(rev: string): Promise<string[]> {
  const text = await git(bare, ['cat-file', 'blob', `${rev}:kubernetes.yaml`]);
  return [...new Set([...text.matchAll(/^\s*image: (\S+)/gm)].map((m) => m[1]))].sort();
}

/** What the cluster runs in an environment: the images of every Deployment there, all replicas ready. */
function running(env: Environment): string[] {
  const deployments = sim.list('Deployment', env.namespace) as {
    metadata: { name: string };
    spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    status?: { readyReplicas?: number; updatedReplicas?: number };
  }[];
  for (const d of deployments) {
    if ((d.status?.readyReplicas ?? 0) < d.spec.replicas)
      throw new Error(`${env.namespace}/${d.metadata.name} has ${d.status?.readyReplicas ?? 0} of ${d.spec.replicas} replicas ready`);
  }
  return [...new Set(deployments.flatMap((d) => d.spec.template.spec.containers.map((c) => c.image)))].sort();
}

/** Notes a revision as rolled out when the cluster, read independently of the action, runs its images. */
async function rolledOutNow(env: Environment, rev: string): Promise<boolean> {
  const [want, have] = [await imagesAt(rev), running(env)];
  if (JSON.stringify(want) !== JSON.stringify(have)) return false;
  rolledOut.get(env.stage)!.add(await git(bare, ['rev-parse', `${rev}^{tree}`]));
  return true;
}

/** env-cd's deploy job for the tip of the environment's candidate branch. */
async function deployCandidate(env: Environment): Promise<string> {
  const tip = await tipOf(bare, env.candidate);
  if (!tip) return 'no candidate yet';
  const deployed = await deploy(env, tip, { strategy: env.strategy });
  let finished = deployed.outputs.result === 'succeeded';
  let how = `${env.strategy} ${deployed.outputs.result}`;
  if (finished && env.strategy === 'canary') {
    const good = chance(0.75);
    const analysis = await runAction('canary-check', {
      inputs: {
        provider: 'http',
        'canary-url': url(good ? healthy : failing),
        'baseline-url': url(baseline),
        interval: '0',
        requests: '40',
        concurrency: '8',
        'request-timeout': '5s',
      },
      timeoutMs: 60_000,
    });
    finished = analysis.code === 0 && analysis.outputs.decision === 'pass';
    how += `, canary ${analysis.outputs.decision ?? `exit ${analysis.code}`}`;
  }
  if (finished && env.strategy === 'blue-green') {
    // Stands for the verification of the new colour through its preview.
    finished = chance(0.75);
    how += finished ? ', verified' : ', verification failed';
  }
  if (finished && env.strategy !== 'rolling') {
    const promoted = await deploy(env, tip, { strategy: env.strategy, action: 'promote' });
    finished = promoted.outputs.result === 'succeeded';
    how += `, promote ${promoted.outputs.result}`;
  }
  if (!finished) {
    // env-cd removes a canary or colour that was not promoted, whatever stopped it.
    if (env.strategy !== 'rolling') {
      expectOk(await deploy(env, tip, { strategy: env.strategy, action: 'reject' }), `reject in ${env.stage}`);
      how += ', rejected';
    }
    return how;
  }
  if (!(await rolledOutNow(env, tip))) throw new Error(`${env.stage}: deploy-candidate said ${how}, but the cluster does not run ${tip}`);
  const recorded = await record(env, tip);
  how += `, recorded ${recorded.outputs.commit.slice(0, 7)}`;
  const next = ENVIRONMENTS[ENVIRONMENTS.indexOf(env) + 1];
  if (next && recorded.outputs.commit) {
    const promoted = expectOk(
      await runAction('patch-manifest', {
        inputs: { 'env-repository': bare, 'promote-from': recorded.outputs.commit, branch: next.candidate, 'base-branch': next.production },
        timeoutMs: 60_000,
      }),
      `promotion from ${env.stage} to ${next.stage}`,
    );
    how += `, ${next.candidate} ${promoted.outputs.changed === 'true' ? 'updated' : 'unchanged'}`;
  }
  return how;
}

/**
 * rollback.yml: resolve the revision with its own script, deploy it (rolling,
 * or in a blue-green environment as the other colour, then switch, removing
 * it when it does not roll out), record it with reason rollback.
 */
async function rollback(env: Environment): Promise<string> {
  const count = Number(await git(bare, ['rev-list', '--count', '--first-parent', env.production]));
  if (count < 2) return 'nothing to roll back to';
  const history = (await git(bare, ['rev-list', '--first-parent', env.production])).split('\n');
  const spec = pick(['previous', `-${1 + Math.floor(random() * (count - 1))}`, pick(history.slice(1))]);
  const resolved = await runWorkflowStep(resolveStep, {
    ENV_URL: bare,
    ENV_REPOSITORY: bare,
    PRODUCTION_BRANCH: env.production,
    REVISION: spec,
    TOKEN: '',
  });
  if (resolved.code !== 0) throw new Error(`resolve ${spec} failed:\n${resolved.stdout}`);
  const sha = resolved.outputs.sha;
  let deployed = await deploy(env, sha, env.strategy === 'blue-green' ? { strategy: 'blue-green' } : {});
  if (env.strategy === 'blue-green' && deployed.outputs.result === 'succeeded')
    deployed = await deploy(env, sha, { strategy: 'blue-green', action: 'promote' });
  if (deployed.outputs.result !== 'succeeded') {
    if (env.strategy === 'blue-green')
      expectOk(await deploy(env, sha, { strategy: 'blue-green', action: 'reject' }), `reject the rollback colour in ${env.stage}`);
    return `rollback to ${spec} (${sha.slice(0, 7)}): ${deployed.outputs.result}`;
  }
  if (!(await rolledOutNow(env, sha))) {
    const live = sim.get('Service', env.namespace, 'hello') as { spec: { selector: Record<string, string> } };
    throw new Error(
      `${env.stage}: the rollback's deploy-candidate succeeded, but the cluster does not run ${sha.slice(0, 7)} (${(await imagesAt(sha)).join(', ')}): it runs ${running(env).join(', ')}; deployments ${sim
        .list('Deployment', env.namespace)
        .map((d: { metadata: { name: string } }) => d.metadata.name)
        .join(', ')}; service hello selects ${JSON.stringify(live.spec.selector)}`,
    );
  }
  const recorded = await record(env, sha, 'rollback');
  return `rollback to ${spec} (${sha.slice(0, 7)}), recorded ${recorded.outputs.changed === 'true' ? recorded.outputs.commit.slice(0, 7) : 'nothing new'}`;
}

// ---- the invariants ----

interface Commit {
  sha: string;
  message: string;
}
async function history(branch: string): Promise<Commit[]> {
  if (!(await tipOf(bare, branch))) return [];
  const text = await git(bare, ['log', '--first-parent', '--reverse', '--format=%H%x00%B%x1e', branch]);
  return text
    .split('\x1e')
    .map((entry) => entry.replace(/^\n/, ''))
    .filter(Boolean)
    .map((entry) => {
      const [sha, message] = entry.split('\0');
      return { sha, message };
    });
}
const trailer = (message: string, key: string) => [...message.matchAll(new RegExp(`^${key}: (\\S+)$`, 'gm'))].at(-1)?.[1];
const isAncestor = (a: string, b: string) =>
  git(bare, ['merge-base', '--is-ancestor', a, b]).then(
    () => true,
    () => false,
  );

/** The app commits a branch delivered, in its order, as indexes into the app's linear history. */
function appOrder(commits: Commit[]): { index: number; sha: string }[] {
  return commits.flatMap(({ sha, message }) => {
    const source = trailer(message, 'Source-Commit');
    const index = source ? appCommits.indexOf(source.split('@')[1]) : -1;
    return index >= 0 ? [{ index, sha }] : [];
  });
}

async function checkInvariants(): Promise<void> {
  for (const env of ENVIRONMENTS) {
    const production = await history(env.production);
    const tip = production.at(-1)!.sha;
    // 1. The production tip is what the cluster runs.
    const [want, have] = [await imagesAt(tip), running(env)];
    if (JSON.stringify(want) !== JSON.stringify(have))
      throw new Error(
        `${env.stage}: production ${tip.slice(0, 7)} names ${want.join(', ')}, the cluster runs ${have.join(', ') || 'nothing'}`,
      );
    for (const [i, commit] of production.entries()) {
      if (i === 0) continue; // the seed
      const from = trailer(commit.message, 'Promoted-From');
      if (!from) throw new Error(`${env.stage}: production commit ${commit.sha.slice(0, 7)} names no Promoted-From`);
      // 2. Every recorded deployment was an attempt on candidate; a rollback goes back to what production held.
      if (trailer(commit.message, 'Replaces')) {
        if (!(await isAncestor(from, production[i - 1].sha)))
          throw new Error(`${env.stage}: rollback ${commit.sha.slice(0, 7)} goes to ${from.slice(0, 7)}, which was never on production`);
      } else if (!(await isAncestor(from, env.candidate))) {
        throw new Error(`${env.stage}: production ${commit.sha.slice(0, 7)} records ${from.slice(0, 7)}, which is not on ${env.candidate}`);
      }
      // 3. No production commit records a revision that did not roll out.
      const tree = await git(bare, ['rev-parse', `${commit.sha}^{tree}`]);
      if (tree !== seedTree && !rolledOut.get(env.stage)!.has(tree))
        throw new Error(`${env.stage}: production ${commit.sha.slice(0, 7)} records a tree that never rolled out`);
    }
    // 4. No older image replaced a newer one: candidate's deliveries, and production's deployments, go forward in the app's history.
    const deployments = production.filter((commit) => !trailer(commit.message, 'Replaces'));
    for (const [branch, commits] of [
      [env.candidate, await history(env.candidate)],
      [env.production, deployments],
    ] as const) {
      const order = appOrder(commits);
      for (let i = 1; i < order.length; i++)
        if (order[i].index < order[i - 1].index)
          throw new Error(
            `${branch}: ${order[i].sha.slice(0, 7)} delivers app commit #${order[i].index} after ${order[i - 1].sha.slice(0, 7)} delivered #${order[i - 1].index}`,
          );
    }
  }
}

// ---- the run ----

beforeAll(async () => {
  process.stdout.write(`production-truth model: ${OPS} operations, seed ${SEED}; replay with ${REPLAY}\n`);
  registry = await startRegistry();
  sim = await startKubeSim({ registries: [registry.host], timings: { pullMs: 10, readyDelayMs: 60, crashAfterMs: 50 } });
  for (const env of ENVIRONMENTS) sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: env.namespace } });
  resolveStep = await workflowStep('.github/workflows/rollback.yml', 'resolve', 'resolve');
  const serve = (status: number) =>
    new Promise<Server>((resolve) => {
      const server = createServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'ok\n' : 'error\n');
      });
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  [healthy, failing, baseline] = await Promise.all([serve(200), serve(500), serve(200)]);

  app = await makeAppRepo();
  const { sha, image } = await newCommit(false);
  // Every environment starts from one success: the first image, deployed and recorded.
  bare = await makeBareRepo(await tempDir('model-env'), 'hello-env', [
    {
      branch: ENVIRONMENTS[0].production,
      files: { 'kubernetes.yaml': manifest(image) },
      message: `Initial deployment\n\nSource-Commit: acme/hello-app@${sha}`,
    },
  ]);
  for (const env of ENVIRONMENTS.slice(1)) await git(bare, ['branch', env.production, ENVIRONMENTS[0].production]);
  seedTree = await git(bare, ['rev-parse', `${ENVIRONMENTS[0].production}^{tree}`]);
  for (const env of ENVIRONMENTS) expectOk(await deploy(env, env.production), `first deployment in ${env.stage}`);
  await checkInvariants();
}, 180_000);

afterAll(async () => {
  await Promise.all([sim?.close(), registry?.close(), ...[healthy, failing, baseline].map((s) => s && new Promise((r) => s.close(r)))]);
});

type Operation = [weight: number, name: string, run: () => Promise<string>];
const OPERATIONS: Operation[] = [
  [
    4,
    'deliver',
    async () => {
      const broken = chance(0.25);
      const { sha, image } = await newCommit(broken);
      const run = await deliver(sha, image);
      return `${broken ? 'broken ' : ''}${sha.slice(0, 7)}: changed=${run.outputs.changed}`;
    },
  ],
  [
    1,
    'concurrent deliveries',
    async () => {
      const older = await newCommit(chance(0.2));
      const newer = await newCommit(chance(0.2));
      const [a, b] = await Promise.all([deliver(older.sha, older.image), deliver(newer.sha, newer.image)]);
      return `${older.sha.slice(0, 7)} changed=${a.outputs.changed} stale=${a.outputs.stale}, ${newer.sha.slice(0, 7)} changed=${b.outputs.changed}`;
    },
  ],
  [
    1,
    're-run of an old build',
    async () => {
      if (appCommits.length < 3) return 'too early';
      const sha = pick(appCommits.slice(1, -1));
      const run = await deliver(sha, appImages.get(sha)!);
      return `${sha.slice(0, 7)}: changed=${run.outputs.changed} stale=${run.outputs.stale}`;
    },
  ],
  [4, 'deploy', async () => deployTo(pick(ENVIRONMENTS))],
  [
    1,
    'deliver during a deployment',
    async () => {
      const env = pick(ENVIRONMENTS);
      const { sha, image } = await newCommit(chance(0.2));
      const [run, how] = await Promise.all([deliver(sha, image), deployCandidate(env)]);
      return `${sha.slice(0, 7)} changed=${run.outputs.changed} | ${env.stage}: ${how}`;
    },
  ],
  [2, 'rollback', async () => rollbackIn(pick(ENVIRONMENTS))],
];
const deployTo = async (env: Environment) => `${env.stage}: ${await deployCandidate(env)}`;
const rollbackIn = async (env: Environment) => `${env.stage}: ${await rollback(env)}`;

it(
  `production tells the truth after each of ${OPS} random operations (seed ${SEED})`,
  async () => {
    const total = OPERATIONS.reduce((sum, [weight]) => sum + weight, 0);
    for (let i = 1; i <= OPS; i++) {
      let roll = random() * total;
      const [, name, run] = OPERATIONS.find(([weight]) => (roll -= weight) < 0) ?? OPERATIONS[0];
      try {
        log.push(`#${i} ${name}: ${await run()}`);
        await checkInvariants();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `seed ${SEED}, operation #${i} (${name}): ${message}\nreplay: ${REPLAY}\nenv repository: ${bare}\nthe operations so far:\n${log.slice(-15).join('\n')}`,
        );
      }
    }
    process.stdout.write(`production-truth model, seed ${SEED}:\n${log.join('\n')}\n`);
  },
  Math.max(300_000, OPS * 15_000),
);
