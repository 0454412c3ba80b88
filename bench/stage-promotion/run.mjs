// Promotion from one environment to the next on the large env repository of
// bench/env-repo (20,000 commits, 1,000 services, every image pinned by
// digest): patch-manifest `promote-from` (read the previous environment's
// success commit, find its images, check the changed digest in the registry,
// patch, commit, push) against patch-manifest writing the same one-image
// change from `images`, side by side in the same run, alternating.
//
//   node bench/stage-promotion/run.mjs [--commits 20000] [--services 1000] [--reps 5]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pushTinyImage, startLocalRegistry } from '../../scripts/lib/registry.mjs';
import { runBundle } from '../../scripts/lib/run-bundle.mjs';
import { REGISTRY, deploymentPath, generateEnvRepo, serviceName } from '../env-repo/generate.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    commits: { type: 'string', default: '20000' },
    services: { type: 'string', default: '1000' },
    reps: { type: 'string', default: '5' },
  },
});
const commits = Number(values.commits);
const services = Number(values.services);
const reps = Number(values.reps);
const node = process.env.GITOPS_TEST_NODE || process.execPath;
if (!existsSync(join(root, 'dist', 'patch-manifest', 'index.js')))
  throw new Error('dist/patch-manifest is missing: run npm run build first');

const work = join(root, 'bench', '.work', 'env-repo');
const pristine = join(work, `env-${commits}c-${services * 3}f.git`);
if (!existsSync(join(pristine, 'generated'))) {
  await rm(pristine, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await generateEnvRepo(pristine, { commits, services });
  await writeFile(join(pristine, 'generated'), '');
}
const scratch = await mkdtemp(join(tmpdir(), 'bench-stage-promotion-'));
const bare = join(scratch, 'env.git');
await cp(pristine, bare, { recursive: true });
const url = `file://${bare}`;
const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 }).trim();
const identity = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com'];

const registry = await startLocalRegistry(scratch);
const target = 42 % services;
const repository = `acme/${serviceName(target)}`;
const imageOf = async (tag) => `${registry.host}/${repository}:${tag}@${await pushTinyImage(registry.host, repository, tag)}`;

// Production of both environments: every image pinned by digest; the measured service on the local registry.
const tree = join(scratch, 'tree');
git(scratch, 'clone', '-q', '--branch', 'candidate', url, tree);
execFileSync(
  'bash',
  [
    '-c',
    `git ls-files 'apps/**/deployment.yaml' | xargs -n 200 perl -pi -e 's#(${REGISTRY}/(svc-\\d+):[^\\s"@]+)$#"$1\\@" . "sha256:" . substr(unpack("H*", $2) . ("0" x 64), 0, 64)#e'`,
  ],
  { cwd: tree },
);
const first = await imageOf('v1');
execFileSync('sed', ['-i', `s#${REGISTRY}/${serviceName(target)}:[^ ]*#${first}#`, deploymentPath(target)], { cwd: tree });
git(tree, ...identity, 'commit', '-q', '-am', 'Pin every image by digest');
git(tree, 'push', '-q', url, 'HEAD:refs/heads/env/production/production', 'HEAD:refs/heads/env/staging/production');

async function stagingRuns(tag) {
  const image = await imageOf(tag);
  execFileSync('sed', ['-i', `s#${registry.host}/${repository}:[^ ]*#${image}#`, deploymentPath(target)], { cwd: tree });
  git(tree, ...identity, 'commit', '-q', '-am', `Promote: ${tag}\n\nSource-Commit: acme/${serviceName(target)}@${'a'.repeat(40)}`);
  git(tree, 'push', '-q', url, 'HEAD:refs/heads/env/staging/production');
}

async function timed(inputs, label) {
  const run = await runBundle('patch-manifest', {
    node,
    inputs: { 'env-repository': url, branch: 'env/production/candidate', 'base-branch': 'env/production/production', ...inputs },
  });
  await rm(run.dir, { recursive: true, force: true });
  if (run.code !== 0 || run.outputs.changed !== 'true' || run.outputs.files !== deploymentPath(target))
    throw new Error(`${label} failed (exit ${run.code}, outputs ${JSON.stringify(run.outputs)}):\n${run.stdout}${run.stderr}`);
  return run.durationMs;
}
const promotion = () => timed({ 'promote-from': 'env/staging/production' }, 'promotion');
const patch = async (tag) => timed({ images: await imageOf(tag) }, 'patch-manifest');

log(
  `repository: ${git(bare, 'rev-list', '--count', 'candidate')} commits, ${services * 3} files; node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}`,
);
// Untimed warm-up of both.
await stagingRuns('warm-a');
await promotion();
await patch('warm-b');
const times = { promotion: [], patch: [] };
for (let rep = 0; rep < reps; rep++) {
  const order = rep % 2 === 0 ? ['promotion', 'patch'] : ['patch', 'promotion'];
  for (const way of order) {
    let ms;
    if (way === 'promotion') {
      await stagingRuns(`staging-${rep}`);
      ms = await promotion();
    } else ms = await patch(`direct-${rep}`);
    times[way].push(ms);
    log(`rep ${rep + 1} ${way.padEnd(9)} ${seconds(ms)}`);
  }
}
const ratio = median(times.promotion) / median(times.patch);
log(
  `median promotion ${seconds(median(times.promotion))}, patch-manifest ${seconds(median(times.patch))}, ratio ${ratio.toFixed(3)} (target <= 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'})`,
);
await registry.stop();
await rm(scratch, { recursive: true, force: true });

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
function seconds(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}
function log(line) {
  process.stdout.write(`${line}\n`);
}
