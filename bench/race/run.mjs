// Concurrent writers on one env repository: W bundle runs started at the same
// instant against one repository, over file:// (a bare repository on disk)
// and over smart HTTP (git-http-backend behind a token check, as in the
// tests). Every run must land (a lost update is a deployment nobody recorded
// or a promotion that failed for no reason), no run may undo another's change
// when it re-applies its edit after losing a race, and a promotion that found
// its work already done must say changed=false.
//
// Scenarios, each on a fresh repository, for each W and each transport:
// - patch-manifest: W runs for W/2 services, two increasing tags each, all at
//   once;
// - patch-manifest, per-service order: the same runs, those of one service
//   one after the other (a workflow `concurrency` group keyed on the
//   service); the final tree must hold every service's newest tag;
// - promote-production: W runs promoting W distinct candidate commits;
//   production must gain exactly W commits, each holding the tree of one
//   source, every source exactly once;
// - promote-production, one commit: W runs promoting the same commit; exactly
//   one reports changed=true, and production gains exactly one commit.
//
//   node bench/race/run.mjs [--writers 20,50,100] [--transports file,http]
//                           [--scenarios patch,patch-ordered,promote,promote-same]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from '../../scripts/lib/run-bundle.mjs';
import { REGISTRY, deploymentPath, generateEnvRepo, serviceName } from '../env-repo/generate.mjs';

const root = new URL('../..', import.meta.url).pathname;
const node = process.env.GITOPS_TEST_NODE || process.execPath;
// The bundles are copied first, so that a rebuild of dist/ while the benchmark runs cannot change them under it.
const bundles = join(root, 'bench', '.work', 'race', 'dist');
await rm(bundles, { recursive: true, force: true });
for (const name of ['patch-manifest', 'promote-production']) {
  if (!existsSync(join(root, 'dist', name, 'index.js'))) throw new Error(`dist/${name}/index.js is missing: run npm run build first`);
  await cp(join(root, 'dist', name), join(bundles, name), { recursive: true });
}
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return (at >= 0 ? args[at + 1] : fallback).split(',').filter(Boolean);
};
const WRITERS = option('writers', '20,50,100').map(Number);
const TRANSPORTS = option('transports', 'file,http');
const SCENARIOS = option('scenarios', 'patch,patch-ordered,promote,promote-same');
const TOKEN = 'ghs_benchracetoken';

// The smart-HTTP server of the tests, compiled from test/support.
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'bench', 'race', 'tsconfig.json')], {
  cwd: root,
  stdio: 'inherit',
});
const { startGitHttpServer } = await import(join(root, 'bench', '.work', 'race', 'git-http-server.js'));

const log = (line) => process.stdout.write(`${line}\n`);
const imageOf = ({ service, tag }) => `${REGISTRY}/${serviceName(service)}:${tag}`;

log(
  `node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}, ${execFileSync('git', ['--version'], { encoding: 'utf8' }).trim()}, ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores`,
);
const rows = [];
for (const writers of WRITERS) {
  for (const transport of TRANSPORTS) {
    for (const scenario of SCENARIOS) rows.push(await measure(scenario, writers, transport));
  }
}
log(
  '\n| scenario | writers | transport | landed | wall time | per run, median (slowest) | runs that lost a race | most attempts by one run | problems |',
);
log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  log(
    `| ${row.scenario} | ${row.writers} | ${row.transport} | ${row.landed} | ${seconds(row.wallMs)} | ${seconds(row.median)} (${seconds(row.slowest)}) | ${row.lost} | ${row.maxAttempts} | ${row.problems.length} |`,
  );
}
process.exitCode = rows.some((row) => row.problems.length) ? 1 : 0;

async function measure(scenario, writers, transport) {
  const scratch = await mkdtemp(join(tmpdir(), 'bench-race-'));
  const bare = join(scratch, 'env.git');
  const promoting = scenario.startsWith('promote');
  // Promotions take the newest candidate commits, each deploying one new build: W distinct trees, all newer than production.
  await generateEnvRepo(bare, promoting ? { commits: writers + 20, services: 10, lag: writers } : { commits: 50, services: writers / 2 });
  const server = transport === 'http' ? await startGitHttpServer({ root: scratch, token: TOKEN }) : undefined;
  const remote = server ? { 'env-repository': `${server.url}/env.git`, token: TOKEN } : { 'env-repository': bare };
  const git = (...argv) => execFileSync('git', argv, { cwd: bare, encoding: 'utf8' }).trim();
  const branch = promoting ? 'production' : 'candidate';
  const before = git('rev-parse', branch);

  let runs;
  if (promoting) {
    const candidates = git('rev-list', '--first-parent', `-n${writers}`, 'candidate').split('\n').reverse();
    runs = candidates.map((source, i) => ({
      name: `promotion ${i + 1}`,
      source: scenario === 'promote-same' ? candidates.at(-1) : source,
    }));
  } else {
    const services = writers / 2;
    runs = Array.from({ length: writers }, (_, i) => ({ service: i % services, tag: `race-${Math.floor(i / services) + 1}` }));
    for (const run of runs) run.name = `${serviceName(run.service)} ${run.tag}`;
  }
  const start = (run) =>
    runBundle(promoting ? 'promote-production' : 'patch-manifest', {
      node,
      bundle: join(bundles, promoting ? 'promote-production' : 'patch-manifest', 'index.js'),
      inputs: promoting
        ? { ...remote, source: run.source, branch: 'production', mode: 'push', reason: 'deploy' }
        : { ...remote, images: imageOf(run), message: run.name, branch: 'candidate', 'base-branch': 'production' },
    }).then((result) => Object.assign(run, { result }));

  const started = performance.now();
  if (scenario === 'patch-ordered') {
    const chains = groupBy(runs, (run) => run.service);
    await Promise.all(
      [...chains.values()].map((chain) => chain.reduce((previous, run) => previous.then(() => start(run)), Promise.resolve())),
    );
  } else {
    await Promise.all(runs.map(start));
  }
  const wallMs = performance.now() - started;
  await server?.close();

  const problems = [];
  const history = git('rev-list', '--first-parent', `${before}..${branch}`).split('\n').filter(Boolean).reverse();
  for (const run of runs) {
    const { result } = run;
    // EnvRepo logs each lost race before re-applying the edit.
    run.attempts = 1 + (result.stdout.match(/re-applying on the new tip/g) ?? []).length;
    if (result.code !== 0) {
      problems.push(`${run.name}: exit ${result.code}, ${(result.stdout + result.stderr).trim().split('\n').pop()}`);
      continue;
    }
    run.landedAt = history.indexOf(result.outputs.commit);
    if (scenario === 'promote-same') {
      if (result.outputs.commit !== git('rev-parse', branch))
        problems.push(`${run.name}: commit ${result.outputs.commit} is not production's tip`);
      continue;
    }
    if (result.outputs.changed !== 'true') problems.push(`${run.name}: changed=${result.outputs.changed}`);
    if (run.landedAt < 0) {
      problems.push(`${run.name}: commit ${result.outputs.commit} is not on ${branch}`);
      continue;
    }
    if (promoting) {
      if (git('rev-parse', `${result.outputs.commit}^{tree}`) !== git('rev-parse', `${run.source}^{tree}`))
        problems.push(`${run.name}: its commit does not hold the tree of ${run.source}`);
      continue;
    }
    // A commit must change its own service's file, to its own tag, and nothing else.
    const changed = git('diff', '--name-only', `${result.outputs.commit}^`, result.outputs.commit);
    if (changed !== deploymentPath(run.service)) problems.push(`${run.name}: its commit changed ${changed.split('\n').join(', ')}`);
    if (!git('show', `${result.outputs.commit}:${deploymentPath(run.service)}`).includes(`image: ${imageOf(run)}\n`)) {
      problems.push(`${run.name}: its commit lacks its image`);
    }
  }
  const landed = runs.filter((run) => run.landedAt >= 0);
  const expected = scenario === 'promote-same' ? 1 : runs.length;
  if (history.length !== expected) problems.push(`${branch} gained ${history.length} commits for ${expected} expected`);

  if (scenario === 'promote-same') {
    const claimed = runs.filter((run) => run.result.outputs.changed === 'true').length;
    if (claimed !== 1) problems.push(`${claimed} runs reported changed=true for the one commit made`);
  } else if (promoting) {
    // Each source is on production exactly once, and the tip holds the source of the promotion that landed last.
    const sources = history.map((commit) => /^Promoted-From: (\S+)$/m.exec(git('log', '-1', '--format=%B', commit))?.[1]).sort();
    if (JSON.stringify(sources) !== JSON.stringify(runs.map((run) => run.source).sort()))
      problems.push('production does not record every source exactly once');
    const last = landed.reduce((a, b) => (b.landedAt > a.landedAt ? b : a), landed[0]);
    if (last && git('rev-parse', `${branch}^{tree}`) !== git('rev-parse', `${last.source}^{tree}`))
      problems.push('production does not hold the tree of the last promotion');
  } else {
    // The final tree holds, for each service, the image of its run that landed last; ordered, that is the newest.
    for (const [service, mine] of groupBy(landed, (run) => run.service)) {
      const last = mine.reduce((a, b) => (b.landedAt > a.landedAt ? b : a));
      const highest = mine.reduce((a, b) => (b.tag > a.tag ? b : a));
      const text = git('show', `${branch}:${deploymentPath(service)}`);
      if (!text.includes(`image: ${imageOf(last)}\n`))
        problems.push(`${serviceName(service)}: final tree lacks ${imageOf(last)}, the last to land`);
      if (scenario === 'patch-ordered' && !text.includes(`image: ${imageOf(highest)}\n`))
        problems.push(`${serviceName(service)}: final tree lacks the newest tag ${highest.tag}`);
    }
  }

  const durations = runs.map((run) => run.result.durationMs);
  const row = {
    scenario,
    writers,
    transport,
    landed:
      scenario === 'promote-same'
        ? `${runs.filter((run) => run.result.code === 0).length} of ${runs.length} exit 0`
        : `${landed.length} of ${runs.length}`,
    wallMs,
    median: median(durations),
    slowest: Math.max(...durations),
    lost: runs.filter((run) => run.attempts > 1).length,
    maxAttempts: Math.max(...runs.map((run) => run.attempts)),
    problems,
  };
  log(
    `${scenario}, ${writers} writers, ${transport}: ${row.landed}, ${seconds(wallMs)}, most attempts ${row.maxAttempts}, ${problems.length ? `${problems.length} PROBLEMS` : 'no problem'}`,
  );
  for (const problem of problems.slice(0, 10)) log(`  ${problem}`);
  if (problems.length > 10) log(`  … and ${problems.length - 10} more`);
  await Promise.all([scratch, ...runs.map((run) => run.result.dir)].map((dir) => rm(dir, { recursive: true, force: true })));
  return row;
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy(list, key) {
  const groups = new Map();
  for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
