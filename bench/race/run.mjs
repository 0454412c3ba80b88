// Concurrent writers on one env repository: 20 patch-manifest bundle runs
// against one bare repository, for 10 services, five of which get three runs
// with increasing tags. Every run must land (a lost update is a deployment
// nobody recorded) and no run may undo another's change when it re-applies
// its edit after losing a race.
//
// Two scenarios, each on a fresh repository:
// - at once: all 20 runs start at the same instant;
// - per-service order: the runs of one service follow each other, as a
//   workflow `concurrency` group keyed on the service makes them; the first
//   run of every service starts at once. Here the final tree must hold every
//   service's newest tag.
//
//   node bench/race/run.mjs
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from '../../scripts/lib/run-bundle.mjs';
import { REGISTRY, deploymentPath, generateEnvRepo, serviceName } from '../env-repo/generate.mjs';

const SERVICES = 10;
const REPEATED = 5;
const TAGS_OF_REPEATED = 3;
const root = new URL('../..', import.meta.url).pathname;
const node = process.env.GITOPS_TEST_NODE || process.execPath;
if (!existsSync(join(root, 'dist', 'patch-manifest', 'index.js'))) {
  throw new Error('dist/patch-manifest/index.js is missing: run npm run build first');
}
const log = (line) => process.stdout.write(`${line}\n`);
const imageOf = ({ service, tag }) => `${REGISTRY}/${serviceName(service)}:${tag}`;
const plan = () => {
  const runs = [];
  for (let tag = 1; tag <= TAGS_OF_REPEATED; tag++) {
    for (let service = 0; service < (tag === 1 ? SERVICES : REPEATED); service++) runs.push({ service, tag: `race-${tag}` });
  }
  return runs;
};

log(
  `node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}, ${execFileSync('git', ['--version'], { encoding: 'utf8' }).trim()}, ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores`,
);
log(`${plan().length} runs: ${SERVICES} services, ${REPEATED} of them with ${TAGS_OF_REPEATED} increasing tags`);
const failedAtOnce = await scenario('at once', false);
const failedOrdered = await scenario('per-service order', true);
process.exitCode = failedAtOnce || failedOrdered ? 1 : 0;

async function scenario(title, ordered) {
  const scratch = await mkdtemp(join(tmpdir(), 'bench-race-'));
  const bare = join(scratch, 'env.git');
  await generateEnvRepo(bare, { commits: 50, services: SERVICES });
  const git = (...args) => execFileSync('git', args, { cwd: bare, encoding: 'utf8' }).trim();
  const before = git('rev-parse', 'candidate');
  const runs = plan();
  const start = (run) =>
    runBundle('patch-manifest', {
      node,
      inputs: { 'env-repository': bare, images: imageOf(run), message: `${serviceName(run.service)} ${run.tag}` },
    }).then((result) => Object.assign(run, { result }));

  const started = performance.now();
  if (ordered) {
    const chains = Array.from({ length: SERVICES }, (_, service) => runs.filter((run) => run.service === service));
    await Promise.all(chains.map(async (chain) => chain.reduce((previous, run) => previous.then(() => start(run)), Promise.resolve())));
  } else {
    await Promise.all(runs.map(start));
  }
  const wallMs = performance.now() - started;

  const problems = [];
  const history = git('rev-list', '--first-parent', `${before}..candidate`).split('\n').filter(Boolean).reverse();
  for (const run of runs) {
    const { result } = run;
    const name = `${serviceName(run.service)} ${run.tag}`;
    if (result.code !== 0 || result.outputs.changed !== 'true') {
      problems.push(`${name}: exit ${result.code}, ${(result.stdout + result.stderr).trim().split('\n').pop()}`);
      continue;
    }
    run.landedAt = history.indexOf(result.outputs.commit);
    // EnvRepo logs each lost race before re-applying the edit.
    run.attempts = 1 + (result.stdout.match(/re-applying on the new tip/g) ?? []).length;
    if (run.landedAt < 0) {
      problems.push(`${name}: commit ${result.outputs.commit} is not on candidate`);
      continue;
    }
    // A commit must change its own service's file, to its own tag, and nothing else.
    const changed = git('diff', '--name-only', `${result.outputs.commit}^`, result.outputs.commit);
    if (changed !== deploymentPath(run.service)) problems.push(`${name}: its commit changed ${changed.split('\n').join(', ')}`);
    if (!git('show', `${result.outputs.commit}:${deploymentPath(run.service)}`).includes(`image: ${imageOf(run)}\n`)) {
      problems.push(`${name}: its commit lacks its image`);
    }
  }
  const landed = runs.filter((run) => run.landedAt >= 0);
  if (history.length !== runs.length) problems.push(`candidate gained ${history.length} commits for ${runs.length} runs`);

  // The final tree holds, for each service, the image of its run that landed last; ordered, that is the newest.
  let newest = 0;
  for (let service = 0; service < SERVICES; service++) {
    const mine = landed.filter((run) => run.service === service);
    if (!mine.length) continue;
    const last = mine.reduce((a, b) => (b.landedAt > a.landedAt ? b : a));
    const highest = mine.reduce((a, b) => (b.tag > a.tag ? b : a));
    const text = git('show', `candidate:${deploymentPath(service)}`);
    if (!text.includes(`image: ${imageOf(last)}\n`))
      problems.push(`${serviceName(service)}: final tree lacks ${imageOf(last)}, the last to land`);
    if (text.includes(`image: ${imageOf(highest)}\n`)) newest++;
    else if (ordered) problems.push(`${serviceName(service)}: final tree lacks the newest tag ${highest.tag}`);
  }

  const durations = runs.map((run) => run.result.durationMs);
  log(`\n${title}:`);
  log(
    `  landed: ${landed.length} of ${runs.length}; candidate gained ${history.length} commits; ${problems.length ? 'PROBLEMS' : 'no lost or undone update'}`,
  );
  log(
    `  lost races: ${landed.filter((run) => run.attempts > 1).length} runs lost at least one; most attempts by one run: ${Math.max(...landed.map((run) => run.attempts))}`,
  );
  log(
    `  newest tag in the final tree: ${newest} of ${SERVICES} services${ordered ? '' : ' (overlapping runs of one service land in push order, not tag order)'}`,
  );
  log(
    `  wall time ${(wallMs / 1000).toFixed(2)} s; per run: median ${(median(durations) / 1000).toFixed(2)} s, slowest ${(Math.max(...durations) / 1000).toFixed(2)} s`,
  );
  for (const problem of problems) log(`  ${problem}`);
  await Promise.all([scratch, ...runs.map((run) => run.result.dir)].map((dir) => rm(dir, { recursive: true, force: true })));
  return problems.length > 0;
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
