// Runs every benchmark (bench/<name>/run.mjs) once, in a quick mode: one
// repetition and small sizes, given below per benchmark in its own flags, so
// that a change which breaks a benchmark shows in a minute or two rather than
// at the next full run. The numbers a quick run prints are not results; the
// full runs, and their recorded results, are in bench/README.md.
//
// Usage: node bench/run.mjs [--only name,name] [--lines N]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const QUICK = {
  'build-push': ['--runs', '1', '--megabytes', '1'],
  'cold-start': ['--runs', '1'],
  deploy: ['--deployments', '3', '--runs', '1', '--first-ready-ms', '100', '--spread-ms', '200'],
  'env-repo': ['--commits', '200', '--services', '20', '--reps', '1'],
  judge: ['--trials', '10'],
  'patch-engine': ['--files', '30', '--documents', '100', '--runs', '1', '--same-files-runs', '1', '--kubectl-sample', '3'],
  race: ['--writers', '4', '--transports', 'file', '--scenarios', 'patch,promote'],
  'stage-promotion': ['--commits', '200', '--services', '20', '--reps', '1'],
  verify: ['--runs', '1', '--rounds', '1', '--seconds', '1', '--connections', '2'],
  watch: ['--runs', '1', '--tags', '100', '--policies', '5'],
};

const here = new URL('.', import.meta.url).pathname;
const { values } = parseArgs({ options: { only: { type: 'string' }, lines: { type: 'string', default: '5' } } });
const only = values.only?.split(',').filter(Boolean);
const lines = Number(values.lines);
const names = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(here, entry.name, 'run.mjs')))
  .map((entry) => entry.name)
  .filter((name) => !only || only.includes(name))
  .sort();

/** Runs one benchmark; resolves its exit code, the seconds it took, and what it printed. */
function runOne(name) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(here, name, 'run.mjs'), ...QUICK[name]], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => resolve({ code: code ?? signal, seconds: (performance.now() - started) / 1000, output }));
  });
}

const failed = [];
for (const name of names) {
  if (!QUICK[name]) {
    process.stdout.write(`== ${name}: skipped, it has no quick flags in bench/run.mjs\n\n`);
    continue;
  }
  const { code, seconds, output } = await runOne(name);
  const tail = output.trimEnd().split('\n').slice(-lines).join('\n');
  process.stdout.write(
    `== ${name} ${QUICK[name].join(' ')}: ${code === 0 ? 'ok' : `failed (${code})`} in ${seconds.toFixed(1)} s\n${tail}\n\n`,
  );
  if (code !== 0) failed.push(name);
}
if (failed.length) {
  process.stdout.write(`failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
