// The whole pipeline on this machine, as GitHub would run it: a real git app
// and env repository, a real registry (Debian's docker-registry), a real image
// builder (buildah), real kubectl against kube-sim, and the built bundles run
// with INPUT_*, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
//
//   npm run demo [-- --kubeconfig PATH] [--registry HOST:PORT] [--env-repository URL|PATH] [--keep]
//
// Scenario: build -> patch -> deploy -> stepped canary (25%, judged, 50%,
// judged) -> promote; a broken commit that fails, is diagnosed and rolled
// back automatically; a manual rollback to the first production revision;
// then environments chained by digest, dev ->
// staging (verified, tagged as a release candidate) -> production (a canary,
// tagged as a release), and a release stopped at staging by failing tests;
// last, new version tags found in the registry and delivered to dev.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startLocalRegistry } from './lib/registry.mjs';
import { runBundle } from './lib/run-bundle.mjs';

/**
 * An annotation's message as a person reads it: the runner's escapes undone,
 * folded at spaces to the terminal's width, never cut (the diagnosis's last
 * words, such as "manifest unknown", are the ones that matter).
 */
function wrapped(message, indent = '      ') {
  const width = Math.max(60, (process.stdout.columns || 100) - indent.length);
  const text = message.replace(/%0D/g, '').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const lines = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.map((line) => `${indent}${line}\n`).join('');
}

const root = new URL('..', import.meta.url).pathname;
const { values: options } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    registry: { type: 'string' },
    'env-repository': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const identity = {
  GIT_AUTHOR_NAME: 'Ada Lovelace',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Lovelace',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};
const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...identity } }).trim();
const need = (tool, hint) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    console.error(`demo: '${tool}' is not installed: ${hint}`);
    process.exit(1);
  }
};
need('kubectl', 'install kubectl (the Google Cloud SDK ships one)');
const debianTools = ['buildah', ...(options.registry ? [] : ['docker-registry'])];
try {
  execFileSync('bash', [join(root, 'scripts', 'install-tools.sh'), ...debianTools], { stdio: 'inherit' });
} catch {
  process.exit(1); // install-tools said what is missing
}

const bundles = ['build-push', 'patch-manifest', 'deploy-candidate', 'canary-check', 'promote-production'];
if (!bundles.every((name) => existsSync(join(root, 'dist', name, 'index.js')))) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}

const base = await mkdtemp(join(tmpdir(), 'gitops-demo-'));
const cleanups = [];
const cleanup = async () => {
  for (const close of cleanups.reverse()) await close().catch(() => undefined);
  if (!options.keep) await rm(base, { recursive: true, force: true });
};
process.on('SIGINT', () => cleanup().then(() => process.exit(130)));

// --- services ------------------------------------------------------------

async function startRegistry() {
  if (options.registry) return options.registry;
  const { host, stop } = await startLocalRegistry(base);
  cleanups.push(stop);
  return host;
}

async function startCluster(registry) {
  if (options.kubeconfig) return options.kubeconfig;
  const { startKubeSim } = await import('../test/kube-sim/index.mjs');
  const sim = await startKubeSim({ registries: [registry], kubeconfigPath: join(base, 'kubeconfig') });
  cleanups.push(() => sim.close());
  return sim.kubeconfigPath;
}

/** Simulated pods serve no HTTP, so each version's answers are served here, as canary and baseline would answer the check. */
async function serveVersion(greeting, { failEvery = 0 } = {}) {
  let served = 0;
  const server = createServer((_request, response) => {
    served++;
    const failing = failEvery && served % failEvery === 0;
    response.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain' });
    response.end(failing ? 'error\n' : `${greeting}\n`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

// --- the run ------------------------------------------------------------

const started = performance.now();
const summaries = join(root, '.tmp', 'demo-summaries.md');
await mkdir(join(root, '.tmp'), { recursive: true });
await writeFile(summaries, '# gitops-delivery demo: job summaries\n');
let step = 0;
const total = 39;
const bar = (done) => `[${'#'.repeat(done)}${'.'.repeat(total - done)}]`;

async function stage(title, name, inputs, { expectFailure = false, env = {} } = {}) {
  // The progress line is rewritten in place on a terminal only; a log gets one line per stage.
  if (process.stdout.isTTY) process.stdout.write(`${bar(step)} ${title} …\r`);
  const run = await runBundle(name, {
    inputs,
    workspace: app,
    env: {
      GITHUB_REPOSITORY: 'acme/hello-app',
      GITHUB_SHA: git(app, 'rev-parse', 'HEAD'),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: String(2000 + step),
      ...storage,
      ...env,
    },
  });
  step++;
  const ok = expectFailure ? run.code !== 0 : run.code === 0;
  const shown = Object.entries(run.outputs)
    .filter(([key]) => ['digest', 'commit', 'changed', 'result', 'decision', 'score', 'skipped'].includes(key))
    .concat(run.outputs['served-share'] ? [['served-share', `${run.outputs['served-share']}%`]] : [])
    .map(([key, value]) => `${key}=${key === 'commit' || key === 'digest' ? value.replace(/^(sha256:)?(.{12}).*/, '$1$2') : value}`)
    .join(' ');
  process.stdout.write(
    `${process.stdout.isTTY ? '\x1b[2K' : ''}${bar(step)} ${title.padEnd(58)} ${ok ? (expectFailure ? 'failed, as meant' : 'ok') : 'UNEXPECTED'} ${(run.durationMs / 1000).toFixed(1)} s  ${shown}\n`,
  );
  for (const line of run.stdout.split('\n').filter((text) => text.startsWith('::error::'))) process.stdout.write(wrapped(line.slice(9)));
  await appendFile(summaries, `\n## ${step}. ${title}\n\n${run.summary}\n`);
  if (!ok) {
    process.stderr.write(run.stdout + run.stderr);
    await cleanup();
    process.exit(1);
  }
  return run.outputs;
}

const registry = await startRegistry();
const kubeconfig = await startCluster(registry);
const storage = { CONTAINERS_STORAGE_CONF: join(base, 'storage.conf') };
await writeFile(
  storage.CONTAINERS_STORAGE_CONF,
  `[storage]\ndriver = "vfs"\ngraphroot = "${join(base, 'storage')}"\nrunroot = "${join(base, 'run')}"\n`,
);

const envRepository = options['env-repository'] ?? join(base, 'hello-env.git');
if (!options['env-repository']) git(base, 'init', '-q', '--bare', '-b', 'main', envRepository);
const app = join(base, 'hello-app');
await mkdir(app);
git(app, 'init', '-q', '-b', 'main');
const image = `${registry}/acme/hello`;
const writeApp = async (greeting) => {
  await writeFile(
    join(app, 'server.js'),
    `require('http').createServer((q, s) => s.end(${JSON.stringify(greeting + '\n')})).listen(8080);\n`,
  );
  await writeFile(join(app, 'Dockerfile'), 'FROM scratch\nCOPY server.js /app/server.js\n');
  await writeFile(
    join(app, 'kubernetes.yaml.tpl'),
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: hello',
      '  labels: {app: hello}',
      'spec:',
      '  replicas: 4',
      '  progressDeadlineSeconds: 20',
      '  selector: {matchLabels: {app: hello}}',
      '  template:',
      '    metadata: {labels: {app: hello}}',
      '    spec:',
      '      containers:',
      '        - name: hello',
      '          image: ${IMAGE} # pinned by digest',
      '          ports: [{containerPort: 8080}]',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: hello}',
      'spec:',
      '  selector: {app: hello}',
      '  ports: [{port: 80, targetPort: 8080}]',
      '',
    ].join('\n'),
  );
  git(app, 'add', '.');
  git(app, 'commit', '-q', '-m', `Say ${greeting}`);
};

process.stdout.write(
  `app repository  ${app}\nenv repository  ${envRepository}\nregistry        ${registry}\nkubeconfig      ${kubeconfig}\n\n`,
);
const deployInputs = (ref) => ({ 'env-repository': envRepository, ref, kubeconfig, namespace: 'default', timeout: '60s' });

// 1. The first release.
await writeApp('Hello World!');
const first = await stage('build-push: build and push the image (buildah)', 'build-push', { image, builder: 'buildah' });
const rendered = await stage('patch-manifest: render the template onto candidate', 'patch-manifest', {
  'env-repository': envRepository,
  template: 'kubernetes.yaml.tpl',
  images: `${image}:${git(app, 'rev-parse', '--short=7', 'HEAD')}@${first.digest}`,
});
await stage('deploy-candidate: apply and wait for the rollout', 'deploy-candidate', deployInputs(rendered.commit));
await stage('promote-production: record the first success', 'promote-production', {
  'env-repository': envRepository,
  source: rendered.commit,
});

// 2. A new version, checked as a stepped canary against the running one: 25%
//    of the traffic (one pod in four), judged, then 50%, judged, then all.
await writeApp('Hello GitOps!');
const second = await stage('build-push: the new version', 'build-push', { image, builder: 'buildah' });
const patched = await stage('patch-manifest: pin the new image by digest', 'patch-manifest', {
  'env-repository': envRepository,
  images: `${image}:${git(app, 'rev-parse', '--short=7', 'HEAD')}@${second.digest}`,
});
const [baselineUrl, canaryUrl] = [await serveVersion('Hello World!'), await serveVersion('Hello GitOps!')];
for (const step of [1, 2]) {
  await stage(`deploy-candidate: canary step ${step} of 25,50 beside a baseline`, 'deploy-candidate', {
    ...deployInputs(patched.commit),
    strategy: 'canary',
    'canary-steps': '25,50',
    'canary-step': String(step),
  });
  await stage(`canary-check: canary against baseline at step ${step} (http)`, 'canary-check', {
    provider: 'http',
    'canary-url': canaryUrl,
    'baseline-url': baselineUrl,
    requests: '200',
    interval: '0s',
  });
}
await stage('deploy-candidate: promote the canary to all replicas', 'deploy-candidate', {
  ...deployInputs(patched.commit),
  strategy: 'canary',
  action: 'promote',
});
await stage('promote-production: record it', 'promote-production', { 'env-repository': envRepository, source: patched.commit });

// 3. A broken commit: its image was never pushed. The registry says so, and the
//    deploy fails as soon as a pod reports it, well before its timeout.
const broken = await stage('patch-manifest: a tag the registry does not hold', 'patch-manifest', {
  'env-repository': envRepository,
  images: `${image}:does-not-exist`,
});
await stage(
  'deploy-candidate: fails, is diagnosed, rolls back',
  'deploy-candidate',
  { ...deployInputs(broken.commit), timeout: '20s' },
  { expectFailure: true },
);

// 4. A manual rollback to the first production revision.
const firstRelease = git(envRepository, 'rev-list', '--max-parents=0', 'production');
await stage('rollback: deploy the first production revision', 'deploy-candidate', {
  ...deployInputs(firstRelease),
  'rollback-on-failure': 'false',
});
await stage('rollback: record it on production', 'promote-production', {
  'env-repository': envRepository,
  source: firstRelease,
  reason: 'rollback',
});

// 5. Environments chained by digest: dev, then staging (verified: HTTP checks,
//    a short load test, integration tests as an in-cluster Job; then tagged as
//    a release candidate), then, once approved, production as a canary (tagged
//    as a release). Each environment is a pair of branches of the env repository.
// The simulated cluster answers from this process: kubectl must not block it.
for (const namespace of ['dev', 'staging'])
  await promisify(execFile)('kubectl', ['--kubeconfig', kubeconfig, 'create', 'namespace', namespace]);
const branches = (stage) => ({ branch: `env/${stage}/candidate`, 'base-branch': `env/${stage}/production` });
const deployStage = (stage, ref, extra = {}) => ({
  ...deployInputs(ref),
  namespace: stage === 'production' ? 'default' : stage,
  'production-ref': `env/${stage}/production`,
  ...extra,
});
const recordStage = (stage, source, extra = {}) => ({
  'env-repository': envRepository,
  source,
  branch: `env/${stage}/production`,
  ...extra,
});
const promoteTo = (from, to) => ({ 'env-repository': envRepository, 'promote-from': `env/${from}/production`, ...branches(to) });
const stagingServer = await serveVersion('Hello, environments!');
const verifyStaging = (ref, testCommand) => ({
  revision: ref,
  environment: 'staging',
  'preview-url': stagingServer,
  'http-checks': '- /healthz',
  'load-url': '/',
  'load-requests': '200',
  'load-thresholds': 'p95 < 300ms\nerrors < 1%',
  'job-image': 'registry.example/acme/hello-tests:1',
  'job-command': testCommand,
  namespace: 'staging',
  kubeconfig,
  timeout: '60s',
});

await writeApp('Hello, environments!');
const third = await stage('build-push: a release for the environments', 'build-push', { image, builder: 'buildah' });
const dev = await stage('dev: patch-manifest onto env/dev/candidate', 'patch-manifest', {
  'env-repository': envRepository,
  images: `${image}:${git(app, 'rev-parse', '--short=7', 'HEAD')}@${third.digest}`,
  ...branches('dev'),
});
await stage('dev: deploy-candidate', 'deploy-candidate', deployStage('dev', dev.commit));
const devSuccess = await stage('dev: promote-production records the success', 'promote-production', recordStage('dev', dev.commit));
const staging = await stage('staging: promote dev by digest (promote-from)', 'patch-manifest', promoteTo('dev', 'staging'));
await stage('staging: deploy-candidate', 'deploy-candidate', deployStage('staging', staging.commit));
await stage('staging: verify (HTTP, load, integration Job)', 'verify', verifyStaging(staging.commit, 'echo "integration: 12 passed"'));
await stage(
  'staging: record it, tag the release candidate',
  'promote-production',
  recordStage('staging', staging.commit, { 'image-tags': 'rc-{app-short-sha}' }),
);
process.stdout.write(
  `${' '.repeat(bar(step).length)} production: the reviewers of the GitHub environment approve (on GitHub, env-cd's approve job)\n`,
);
const production = await stage('production: promote staging by digest', 'patch-manifest', promoteTo('staging', 'production'));
await stage('production: deploy-candidate as a canary', 'deploy-candidate', {
  ...deployStage('production', production.commit),
  strategy: 'canary',
  'canary-percentage': '50',
});
await stage('production: canary-check (http)', 'canary-check', {
  provider: 'http',
  'canary-url': stagingServer,
  'baseline-url': baselineUrl,
  requests: '200',
  interval: '0s',
});
await stage('production: promote the canary to all replicas', 'deploy-candidate', {
  ...deployStage('production', production.commit),
  strategy: 'canary',
  action: 'promote',
});
await stage(
  'production: record it, tag the release',
  'promote-production',
  recordStage('production', production.commit, { 'image-tags': 'release-{app-short-sha}' }),
);

// 6. A release stopped at staging: its integration tests fail, so staging goes
//    back to its production revision and nothing moves on.
const stopped = await stage('dev: patch-manifest a release whose tests fail', 'patch-manifest', {
  'env-repository': envRepository,
  images: `${image}:${git(app, 'rev-parse', '--short=7', 'HEAD~1')}@${second.digest}`,
  ...branches('dev'),
});
await stage('dev: deploy-candidate', 'deploy-candidate', deployStage('dev', stopped.commit));
await stage('dev: promote-production records the success', 'promote-production', recordStage('dev', stopped.commit));
const stoppedStaging = await stage('staging: promote dev by digest', 'patch-manifest', promoteTo('dev', 'staging'));
await stage('staging: deploy-candidate', 'deploy-candidate', deployStage('staging', stoppedStaging.commit));
await stage(
  'staging: verify fails (integration Job exits 3)',
  'verify',
  verifyStaging(stoppedStaging.commit, 'echo "integration: 11 passed, 1 failed"; exit 3'),
  { expectFailure: true },
);
await stage('staging: roll back to its production revision', 'deploy-candidate', {
  ...deployStage('staging', `env/staging/production`),
});
void devSuccess;

// 7. Image watch: a version tag appears in the registry and is delivered to
//    dev's candidate by the policy in the env repository, with no build.
const retag = async (digest, tag) => {
  const type = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';
  const got = await fetch(`http://${registry}/v2/acme/hello/manifests/${digest}`, { headers: { accept: type } });
  const put = await fetch(`http://${registry}/v2/acme/hello/manifests/${tag}`, {
    method: 'PUT',
    body: Buffer.from(await got.arrayBuffer()),
    headers: { 'content-type': got.headers.get('content-type') },
  });
  if (put.status !== 201) throw new Error(`tagging ${tag} answered ${put.status}`);
};
const watch = { 'env-repository': envRepository, policies: `- image: ${image}\n  semver: '^1.0'`, ...branches('dev') };
await retag(third.digest, '1.0.0');
await stage('watch-images: 1.0.0 appeared, delivered to dev', 'watch-images', watch);
await retag(second.digest, '1.1.0');
await retag(second.digest, '2.0.0-rc.1');
await stage('watch-images: 1.1.0 appeared (2.0.0-rc.1 is not ^1.0)', 'watch-images', watch);

for (const branch of ['candidate', 'production', 'env/dev/production', 'env/staging/production', 'env/production/production']) {
  process.stdout.write(`\n$ git log --oneline ${branch}\n${git(envRepository, 'log', '--oneline', branch)}\n`);
}
const tags = await fetch(`http://${registry}/v2/acme/hello/tags/list`).then((response) => response.json());
process.stdout.write(`\n$ registry tags of acme/hello\n${[...tags.tags].sort().join('  ')}\n`);
process.stdout.write(
  `\nwhole pipeline in ${((performance.now() - started) / 1000).toFixed(1)} s; the job summaries of every stage: ${summaries}\n`,
);
await cleanup();
