// One image update on a large env repository, end to end: the patch-manifest
// bundle (ls-remote, shallow fetch, patch, commit, push) against the
// tutorial's way (full clone, checkout candidate, sed -i, commit, push),
// measured side by side in the same run, alternating, over file:// so both
// go through git's pack protocol as they would against a server.
//
//   node bench/env-repo/run.mjs [--commits 20000] [--services 1000] [--reps 3]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBundle } from '../../scripts/lib/run-bundle.mjs';
import { REGISTRY, deploymentPath, generateEnvRepo, serviceName } from './generate.mjs';

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    commits: { type: 'string', default: '20000' },
    services: { type: 'string', default: '1000' },
    reps: { type: 'string', default: '3' },
  },
});
const commits = Number(values.commits);
const services = Number(values.services);
const reps = Number(values.reps);
const node = process.env.GITOPS_TEST_NODE || process.execPath;
const bundle = join(root, 'dist', 'patch-manifest', 'index.js');
if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);

// Generating takes a while; the repository is kept between runs, and copied so each run starts from the same state.
const work = join(root, 'bench', '.work', 'env-repo');
const pristine = join(work, `env-${commits}c-${services * 3}f.git`);
if (!existsSync(join(pristine, 'generated'))) {
  await rm(pristine, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const started = performance.now();
  await generateEnvRepo(pristine, { commits, services });
  await writeFile(join(pristine, 'generated'), '');
  log(`generated ${pristine} in ${seconds(performance.now() - started)}`);
}
const scratch = await mkdtemp(join(tmpdir(), 'bench-env-repo-'));
const bare = join(scratch, 'env.git');
await cp(pristine, bare, { recursive: true });
const url = `file://${bare}`;
const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const identity = ['-c', 'user.name=Cloud Build', '-c', 'user.email=cloudbuild@example.com'];
const target = 42 % services;
const image = (tag) => `${REGISTRY}/${serviceName(target)}:${tag}`;

async function patchManifest(tag) {
  const run = await runBundle('patch-manifest', { node, inputs: { 'env-repository': url, images: image(tag) } });
  await rm(run.dir, { recursive: true, force: true });
  if (run.code !== 0 || run.outputs.changed !== 'true' || run.outputs.files !== deploymentPath(target)) {
    throw new Error(`patch-manifest failed (exit ${run.code}, outputs ${JSON.stringify(run.outputs)}):\n${run.stdout}${run.stderr}`);
  }
  return run.durationMs;
}

/** The tutorial's cloudbuild.yaml steps, with `sed -i` on the one file in place of rendering the template. */
async function tutorialWay(tag) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-tutorial-'));
  const clone = join(dir, 'env');
  const started = performance.now();
  git(dir, 'clone', '-q', url, clone);
  git(clone, 'checkout', '-q', 'candidate');
  execFileSync('sed', ['-i', `s#${REGISTRY}/${serviceName(target)}:[^ ]*#${image(tag)}#`, deploymentPath(target)], { cwd: clone });
  git(clone, ...identity, 'commit', '-q', '-am', `Deploying image ${image(tag)}`);
  git(clone, 'push', '-q', 'origin', 'candidate');
  const elapsed = performance.now() - started;
  await rm(dir, { recursive: true, force: true });
  return elapsed;
}

const objects = git(bare, 'count-objects', '-v').match(/size-pack: (\d+)/)[1];
log(
  `repository: ${git(bare, 'rev-list', '--count', 'candidate')} commits, ${git(bare, 'ls-tree', '-r', '--name-only', 'candidate').split('\n').length} files, pack ${Math.round(objects / 1024)} MiB`,
);
log(`node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}, ${git(root, '--version')}`);

// What each way downloads, which over a real network adds transfer time to the figures below.
async function packSizes() {
  const dir = await mkdtemp(join(tmpdir(), 'bench-pack-'));
  git(dir, 'init', '-q', 'shallow');
  git(join(dir, 'shallow'), 'fetch', '-q', '--no-tags', '--depth=1', url, 'refs/heads/candidate');
  git(dir, 'clone', '-q', '--bare', url, 'full');
  const size = (repo) => Number(git(join(dir, repo), 'count-objects', '-v').match(/size-pack: (\d+)/)[1]);
  const sizes = { shallow: size('shallow'), full: size('full') };
  await rm(dir, { recursive: true, force: true });
  return sizes;
}
const packs = await packSizes();
log(`downloaded: patch-manifest ${packs.shallow} KiB (one commit, depth 1), tutorial way ${packs.full} KiB (full clone)`);

// One untimed run of each warms the page cache for both.
await patchManifest('warm-up-action');
await tutorialWay('warm-up-tutorial');
const times = { action: [], tutorial: [] };
for (let rep = 0; rep < reps; rep++) {
  // ABBA order, so that drift in the machine's load falls on both sides.
  const order = rep % 2 === 0 ? ['action', 'tutorial'] : ['tutorial', 'action'];
  for (const way of order) {
    const ms = way === 'action' ? await patchManifest(`bench-action-${rep}`) : await tutorialWay(`bench-tutorial-${rep}`);
    times[way].push(ms);
    log(`rep ${rep + 1} ${way.padEnd(8)} ${seconds(ms)}`);
  }
}
const action = median(times.action);
const tutorial = median(times.tutorial);
const ratio = action / tutorial;
log(
  `median patch-manifest ${seconds(action)}, tutorial way ${seconds(tutorial)}, ratio ${ratio.toFixed(3)} (target <= 0.25: ${ratio <= 0.25 ? 'met' : 'NOT met'})`,
);
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
