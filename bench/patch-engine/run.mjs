// Patch engine benchmark: updates an image across a generated env repository
// with patchTree, and compares with `kubectl set image --local` side by side:
// over the same files (the workload files that hold the image) and over the
// whole tree. Run from the repository root:
//
//   node bench/patch-engine/run.mjs [--files 3000] [--documents 10000] [--runs 7] [--same-files-runs 15]
//                                   [--kubectl-sample 30] [--seed 1]
//
// Everything it writes goes under bench/.work/patch-engine/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from './tree.mjs';
import { parseArgs } from 'node:util';
import { ENVIRONMENTS, generateEnvRepository, REGISTRY, SIDECAR } from './generate.mjs';

const { values: options } = parseArgs({
  options: {
    files: { type: 'string', default: '3000' },
    documents: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '7' },
    // The same-files runs are cheap, and the parser warms up over the first few: more runs, a median past the warm-up.
    'same-files-runs': { type: 'string', default: '15' },
    'kubectl-sample': { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
  },
});
const runs = Number(options.runs);
const sameFilesRuns = Number(options['same-files-runs']);
const sampleSize = Number(options['kubectl-sample']);
const seed = Number(options.seed);

const repository = fileURLToPath(new URL('../..', import.meta.url));
const work = join(repository, 'bench/.work/patch-engine');
const lib = join(work, 'lib');
const env = join(work, 'env');
const kubectlOutput = join(work, 'kubectl-output');
mkdirSync(work, { recursive: true });
rmSync(kubectlOutput, { recursive: true, force: true });
mkdirSync(kubectlOutput);
const loadBefore = loadavg()[0];

// The library as the actions ship it: compiled TypeScript, no test transforms.
execFileSync(
  join(repository, 'node_modules/.bin/tsc'),
  [
    '--outDir',
    lib,
    '--rootDir',
    'src',
    '--module',
    'NodeNext',
    '--moduleResolution',
    'NodeNext',
    '--target',
    'ES2022',
    '--skipLibCheck',
    '--types',
    'node',
    'src/manifest/images.ts',
    'src/manifest/paths.ts',
  ],
  { cwd: repository, stdio: 'inherit' },
);
const { parseImageUpdates, patchTree, listManifestFiles, readFiles } = await loadEngine(lib);

const tree = generateEnvRepository(env, { files: Number(options.files), documents: Number(options.documents), seed });
const git = (...args) => execFileSync('git', args, { cwd: env, encoding: 'utf8', maxBuffer: 1 << 28 });
git('init', '-q');
git('add', '.');
git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'generated');

const random = (() => {
  let state = seed * 7919;
  return () => ((state = (state * 48271) % 2147483647) - 1) / 2147483646;
})();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sum = (values) => values.reduce((total, value) => total + value, 0);
const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
/** Lines that carry a comment; the generated files have `#` nowhere else. */
const commentLines = (text) => text.split('\n').filter((line) => /(^|\s)#/.test(line)).length;

// --- patch engine ---------------------------------------------------------

/**
 * One engine run with a new tag: patchTree over `files` (or over the whole
 * tree, listed as patch-manifest lists it, when `files` is undefined) and
 * writing what changed, as patch-manifest does.
 */
async function engineRun(line, run, files) {
  const updates = parseImageUpdates([line(`v2.${run}.0`)]);
  const started = performance.now();
  const listed = files ?? listManifestFiles(env);
  const afterList = performance.now();
  const patch = patchTree(readFiles(env, listed), updates);
  const afterPatch = performance.now();
  await Promise.all(patch.files.map((file) => writeFile(join(env, file.path), file.after)));
  const written = performance.now();
  return {
    timing: { list: afterList - started, patch: afterPatch - afterList, write: written - afterPatch, total: written - started },
    files: listed.length,
    patch,
  };
}

/**
 * The same update in a fresh Node process (`once.mjs`), timed from spawn to
 * exit like kubectl is. Uses a tag of its own, so that it always has work.
 */
function engineProcessRun(line, run, files = []) {
  const image = line(`v4.${run}.0`);
  const started = performance.now();
  const child = spawnSync(process.execPath, [join(repository, 'bench/patch-engine/once.mjs'), lib, env, image, ...files], {
    encoding: 'utf8',
  });
  const elapsed = performance.now() - started;
  if (child.status !== 0) throw new Error(`once.mjs failed: ${child.stderr}`);
  return { ms: elapsed, changes: Number(child.stdout) };
}

/** What starting Node costs, before anything is loaded: `node -e ''`. */
function nodeStartRun() {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.status !== 0) throw new Error(`node -e '' failed: ${child.stderr}`);
  return performance.now() - started;
}

function engineProcessSummary(outcomes, expectedChanges, nodeStarts) {
  const wrong = outcomes.find((outcome) => outcome.changes !== expectedChanges);
  if (wrong) throw new Error(`once.mjs made ${wrong.changes} changes, not ${expectedChanges}`);
  const times = outcomes.map((outcome) => outcome.ms);
  return { medianMs: median(times), firstRunMs: times[0], runsMs: times, medianNodeStartMs: median(nodeStarts) };
}

/** Summarises the engine's runs; byte-exactness is checked by git, then the tree is restored. */
function engineSummary(outcomes) {
  const timings = outcomes.map((outcome) => outcome.timing);
  const { patch, files } = outcomes.at(-1);
  const numstat = git('diff', '--numstat')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t').map(Number));
  const byKind = {};
  for (const file of patch.files) for (const change of file.changes) byKind[change.kind] = (byKind[change.kind] ?? 0) + 1;
  git('checkout', '-q', '--', '.');
  return {
    filesRead: files,
    firstRunMs: timings[0].total,
    medianMs: median(timings.map((timing) => timing.total)),
    medianListMs: median(timings.map((timing) => timing.list)),
    medianPatchMs: median(timings.map((timing) => timing.patch)),
    medianWriteMs: median(timings.map((timing) => timing.write)),
    runsMs: timings.map((timing) => timing.total),
    filesChanged: patch.files.length,
    changes: sum(patch.files.map((file) => file.changes.length)),
    byKind,
    linesAdded: sum(numstat.map(([plus]) => plus)),
    linesRemoved: sum(numstat.map(([, minus]) => minus)),
    commentsKept: patch.files.every((file) => commentLines(file.before) === commentLines(file.after)),
    skipped: patch.skipped.length,
  };
}

// --- kubectl --------------------------------------------------------------

const kubeconfig = join(work, 'kubeconfig');
writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');

/**
 * `kubectl set image --local -f FILE C1=IMAGE C2=IMAGE -o yaml`, its output
 * written next to the tree as a user's `> file` would. Returns the time and
 * what it did to the file's comments and lines.
 */
function kubectlRun(file, containers, image) {
  const path = join(env, file.path);
  const output = join(kubectlOutput, file.path.replaceAll('/', '_'));
  const started = performance.now();
  const kubectl = spawnSync(
    'kubectl',
    ['set', 'image', '--local', '-f', path, ...containers.map((container) => `${container}=${image}`), '-o', 'yaml'],
    { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig }, maxBuffer: 1 << 26 },
  );
  if (kubectl.status === 0) writeFileSync(output, kubectl.stdout);
  const elapsed = performance.now() - started;
  if (kubectl.status !== 0) throw new Error(`kubectl failed on ${file.path}: ${kubectl.stderr}`);
  // kubectl prints only the objects it changed: an image already in place would time a no-op.
  const set = kubectl.stdout.split(`image: ${image}\n`).length - 1;
  if (set !== file.workloads * containers.length)
    throw new Error(`kubectl set ${set} images in ${file.path}, not ${file.workloads * containers.length}`);
  const before = readFileSync(path, 'utf8');
  const diff = spawnSync('git', ['diff', '--no-index', '--numstat', path, output], { encoding: 'utf8' }).stdout.split('\t');
  return {
    ms: elapsed,
    workloads: file.workloads,
    commentLinesBefore: commentLines(before),
    commentLinesAfter: commentLines(kubectl.stdout),
    inputLines: before.split('\n').length - 1,
    inputLinesRemoved: Number(diff[1]),
  };
}

const kubectlEffects = (outcomes) => ({
  commentLinesBefore: sum(outcomes.map((outcome) => outcome.commentLinesBefore)),
  commentLinesAfter: sum(outcomes.map((outcome) => outcome.commentLinesAfter)),
  linesRemovedOfInput: `${sum(outcomes.map((outcome) => outcome.inputLinesRemoved))} of ${sum(outcomes.map((outcome) => outcome.inputLines))}`,
});

// --- the comparisons ------------------------------------------------------

const app = `app-${String(17 % tree.apps).padStart(3, '0')}`;
const appImage = (tag) => `${REGISTRY}/${app}:${tag}`;
const sidecarImage = (tag) => `${SIDECAR}:${tag}`;
// Every generated workload runs the app's image in `migrate` (init) and `app`, and the sidecar in `envoy`.
const appContainers = ['app', 'migrate'];
const sidecarContainers = ['envoy'];
const appFiles = tree.workloadFiles.filter((file) => file.app === app);
const rows = [];

// 1. Same files: the workload files that hold the application image, engine
// and kubectl alternating run by run so that both see the same load.
{
  const paths = appFiles.map((file) => file.path);
  const engineOutcomes = [];
  const processOutcomes = [];
  const nodeStarts = [];
  const kubectlTotals = [];
  let kubectlLast;
  for (let run = 1; run <= sameFilesRuns; run++) {
    engineOutcomes.push(await engineRun(appImage, run, paths));
    processOutcomes.push(engineProcessRun(appImage, run, paths));
    nodeStarts.push(nodeStartRun());
    // A tag the engine never writes, so that kubectl always has an image to change.
    kubectlLast = appFiles.map((file) => kubectlRun(file, appContainers, appImage(`v3.${run}.0`)));
    kubectlTotals.push(sum(kubectlLast.map((outcome) => outcome.ms)));
  }
  const engine = engineSummary(engineOutcomes);
  const engineProcess = engineProcessSummary(processOutcomes, engine.changes, nodeStarts);
  const kubectlMedian = median(kubectlTotals);
  rows.push({
    update: `one application image (${REGISTRY}/${app})`,
    scope: `same files: the ${appFiles.length} workload files that hold it`,
    engine,
    engineProcess,
    kubectl: {
      method: `all ${appFiles.length} files, every run`,
      files: appFiles.length,
      workloads: sum(appFiles.map((file) => file.workloads)),
      medianMs: kubectlMedian,
      firstRunMs: kubectlTotals[0],
      runsMs: kubectlTotals,
      ...kubectlEffects(kubectlLast),
    },
    ratio: kubectlMedian / engine.medianMs,
    processRatio: kubectlMedian / engineProcess.medianMs,
  });
}

// 2 and 3. Whole tree: the engine over every file; kubectl over every
// workload file, as a tool that does not know where the image is would run
// it, timed on a random sample and extrapolated per workload. kubectl picks
// containers by name, not by image: on another app's file the same command
// would set the wrong image (every workload has an `app` and a `migrate`), so
// there its output is only timed, then discarded.
const shuffled = [...tree.workloadFiles];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
}
const sample = shuffled.slice(0, sampleSize);
const sampledWorkloads = sum(sample.map((file) => file.workloads));
const allWorkloads = sum(tree.workloadFiles.map((file) => file.workloads));

for (const [update, line, containers] of [
  [`one application image (${REGISTRY}/${app})`, appImage, appContainers],
  [`a sidecar image in every workload (${SIDECAR})`, sidecarImage, sidecarContainers],
]) {
  const engineOutcomes = [];
  const processOutcomes = [];
  const nodeStarts = [];
  for (let run = 1; run <= runs; run++) {
    engineOutcomes.push(await engineRun(line, run));
    // Parsing is the whole cost of the sidecar update; a process start would not show.
    if (line === appImage) {
      processOutcomes.push(engineProcessRun(line, run));
      nodeStarts.push(nodeStartRun());
    }
  }
  const engine = engineSummary(engineOutcomes);
  const engineProcess = processOutcomes.length ? engineProcessSummary(processOutcomes, engine.changes, nodeStarts) : undefined;
  const kubectlOutcomes = sample.map((file) => kubectlRun(file, containers, line('v2.0.0')));
  const perWorkloadMs = sum(kubectlOutcomes.map((outcome) => outcome.ms)) / sampledWorkloads;
  const holding = kubectlOutcomes.filter((_, index) => line === sidecarImage || sample[index].app === app);
  rows.push({
    update,
    scope: `whole tree: ${tree.files} files for the engine, all ${tree.workloadFiles.length} workload files for kubectl`,
    engine,
    engineProcess,
    kubectl: {
      method: `${sample.length} random workload files (${sampledWorkloads} workloads), once each, extrapolated per workload`,
      files: tree.workloadFiles.length,
      workloads: allWorkloads,
      perWorkloadMs,
      medianMs: perWorkloadMs * allWorkloads,
      sampledFilesHoldingImage: holding.length,
      // Effects only where kubectl set the right image; elsewhere its output is discarded.
      ...kubectlEffects(holding),
    },
    ratio: (perWorkloadMs * allWorkloads) / engine.medianMs,
    processRatio: engineProcess && (perWorkloadMs * allWorkloads) / engineProcess.medianMs,
  });
}

const kubectlVersion = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
const machine = {
  nproc: availableParallelism(),
  node: process.version,
  kubectl: kubectlVersion.status === 0 ? JSON.parse(kubectlVersion.stdout).clientVersion.gitVersion : 'unknown',
  loadAverage: { before: loadBefore, after: loadavg()[0] },
  tree: `${tree.files} files, ${tree.documents} YAML documents (${tree.workloads} workloads) in ${tree.files / 5} directories: ${tree.apps} apps × ${ENVIRONMENTS.join('/')}`,
};
writeFileSync(join(work, 'result.json'), `${JSON.stringify({ machine, rows }, null, 2)}\n`);

console.log(`\nmachine: ${machine.nproc} CPUs, node ${machine.node}, kubectl ${machine.kubectl}`);
console.log(`load:    ${machine.loadAverage.before.toFixed(1)} before, ${machine.loadAverage.after.toFixed(1)} after (1-minute average)`);
console.log(`tree:    ${machine.tree}`);
const times = (ratio) => `${ratio.toFixed(1)}×${ratio >= 5 ? '' : ' (under 5×)'}`;
for (const { update, scope, engine, engineProcess, kubectl, ratio, processRatio } of rows) {
  console.log(`\n${update} — ${scope}`);
  console.log(
    `  patchTree + write over ${engine.filesRead} files: median ${ms(engine.medianMs)} of ${engine.runsMs.length} runs (list ${ms(engine.medianListMs)}, patch ${ms(engine.medianPatchMs)}, write ${ms(engine.medianWriteMs)}); first run ${ms(engine.firstRunMs)}`,
  );
  console.log(
    `    ${engine.changes} references in ${engine.filesChanged} files (${Object.entries(engine.byKind)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ')}); git diff: +${engine.linesAdded} -${engine.linesRemoved} lines; comments kept: ${engine.commentsKept ? 'yes' : 'NO'}`,
  );
  if (engineProcess)
    console.log(
      `  the same in a fresh node process each run (once.mjs): median ${ms(engineProcess.medianMs)}; first run ${ms(engineProcess.firstRunMs)}; node -e '' alone: median ${ms(engineProcess.medianNodeStartMs)}`,
    );
  console.log(
    `  kubectl set image --local over ${kubectl.files} files (${kubectl.workloads} workloads): ${ms(kubectl.medianMs)}${
      kubectl.perWorkloadMs
        ? ` (${ms(kubectl.perWorkloadMs)} per workload)`
        : ` median of ${kubectl.runsMs.length} runs; first run ${ms(kubectl.firstRunMs)}`
    }; measured on ${kubectl.method}`,
  );
  if (kubectl.sampledFilesHoldingImage === 0)
    console.log(`    none of the sampled files holds the image: kubectl's output there was only timed, then discarded`);
  else
    console.log(
      `    comment lines in the files where it set the image: ${kubectl.commentLinesBefore} before, ${kubectl.commentLinesAfter} in kubectl's output; lines of the input it rewrote: ${kubectl.linesRemovedOfInput}`,
    );
  console.log(`  kubectl / patch engine: ${times(ratio)}${processRatio ? `; kubectl / engine process: ${times(processRatio)}` : ''}`);
}
console.log(`\nfull results: ${join('bench/.work/patch-engine', 'result.json')}`);
