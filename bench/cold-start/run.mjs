// What a rejected input costs: every bundle in dist/ run with an input that
// fails at parse, against `node -e 0`, interleaved, 20 runs each. A bundle
// that loads its dependencies before checking its inputs shows up here.
//
//   node bench/cold-start/run.mjs [--runs 20]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** Per action, inputs that its parser refuses: an unknown enum value where it has one. */
const BAD_INPUTS = {
  'build-push': { image: 'ghcr.io/acme/hello', builder: 'podman' },
  'patch-manifest': { 'env-repository': 'acme/hello-env', images: 'UPPER/case' },
  'promote-production': { 'env-repository': 'acme/hello-env', mode: 'merge' },
  'deploy-candidate': { manifests: 'kubernetes.yaml', strategy: 'sideways' },
  'canary-check': { provider: 'nagios' },
  deliver: { image: 'ghcr.io/acme/hello', 'env-repository': 'acme/hello-env', builder: 'podman' },
};

const root = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
const node = process.env.GITOPS_TEST_NODE || process.execPath;
const dist = join(root, 'dist');
const bundles = existsSync(dist) ? readdirSync(dist).filter((name) => existsSync(join(dist, name, 'index.js'))) : [];
const skipped = bundles.filter((name) => !BAD_INPUTS[name]);
const measured = bundles.filter((name) => BAD_INPUTS[name]);
const workspace = await mkdtemp(join(tmpdir(), 'bench-cold-start-'));
// Floors for any bundle: node starting its module loader, then also printing
// the one line a refusal must print (stdout on a pipe loads node's streams).
const emptyModule = join(workspace, 'empty.mjs');
const printingModule = join(workspace, 'print.mjs');
await writeFile(emptyModule, '');
await writeFile(printingModule, "process.stdout.write('::error::x\\n');\nprocess.exitCode = 1;\n");

function timed(args, inputs = {}) {
  const env = { PATH: process.env.PATH, HOME: workspace, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(node, args, { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, output }));
  });
}

// Each bundle must fail at its input check, or the figure would measure something else.
for (const name of measured) {
  const { code, output } = await timed([join(dist, name, 'index.js')], BAD_INPUTS[name]);
  if (code !== 1 || !new RegExp(`^::error::${name}: input '`, 'm').test(output)) {
    throw new Error(`${name} did not refuse its input at parse (exit ${code}):\n${output}`);
  }
}

const references = { 'empty .mjs': emptyModule, '.mjs printing 1 line': printingModule };
const times = { 'node -e 0': [], 'empty .mjs': [], '.mjs printing 1 line': [] };
for (const name of measured) times[name] = [];
for (let run = 0; run < runs; run++) {
  times['node -e 0'].push((await timed(['-e', '0'])).ms);
  for (const [name, file] of Object.entries(references)) times[name].push((await timed([file])).ms);
  for (const name of measured) times[name].push((await timed([join(dist, name, 'index.js')], BAD_INPUTS[name])).ms);
}
await rm(workspace, { recursive: true, force: true });

const log = (line) => process.stdout.write(`${line}\n`);
const baseline = median(times['node -e 0']);
log(
  `node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}, ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, ${runs} runs each, interleaved`,
);
const floor = median(times['.mjs printing 1 line']);
const row = (name, ms, note = '') =>
  log(`${name.padEnd(22)} median ${ms.toFixed(1).padStart(6)} ms  ratio ${(ms / baseline).toFixed(2)}x${note}`);
row('node -e 0', baseline);
for (const name of Object.keys(references)) row(name, median(times[name]));
for (const name of measured) {
  const ms = median(times[name]);
  row(name, ms, `  ${ms / baseline < 1.5 ? 'ok' : 'over 1.5x'}  (+${(ms - floor).toFixed(1)} ms over a module that prints 1 line)`);
}
if (skipped.length) log(`not measured (no known bad input): ${skipped.join(', ')}`);

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
