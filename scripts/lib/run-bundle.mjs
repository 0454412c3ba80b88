// Runs a built action bundle the way the GitHub runner does: inputs as
// INPUT_* variables, outputs and the job summary through files.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** Reads the GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseOutputFile(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

export async function runBundle(name, { inputs = {}, env = {}, workspace, node = process.execPath, bundle } = {}) {
  const dir = await mkdtemp(join(tmpdir(), `run-${name}-`));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, '')]);
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([key, value]) => [`INPUT_${key.replace(/ /g, '_').toUpperCase()}`, value]));
  const started = performance.now();
  const child = spawn(node, [bundle ?? join(root, 'dist', name, 'index.js')], {
    cwd: workspace ?? dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_WORKSPACE: workspace ?? dir,
      RUNNER_TEMP: dir,
      ...env,
      ...inputEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
  return {
    code,
    stdout,
    stderr,
    durationMs: performance.now() - started,
    outputs: parseOutputFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    dir,
  };
}
