import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { tempDir } from './temp.js';

const root = new URL('../..', import.meta.url).pathname;

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Values the action asked the runner to mask (`::add-mask::`), in order. */
  masks: string[];
  /** The run's own folder: home, runner temp, command files, and the workspace unless one was given. */
  dir: string;
}

export interface RunActionOptions {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  workspace?: string;
  timeoutMs?: number;
  /** Another bundle to run in place of dist/<name>/index.js; action.yml defaults still come from <name>. */
  bundle?: string;
}

/** The fixed facts of the run the tests pretend to be in. */
export const RUN_CONTEXT = {
  GITHUB_REPOSITORY: 'acme/hello-app',
  GITHUB_SHA: '5f3a9c1e2b7d4f6a8c0e1d3b5a7f9c2e4d6b8a01',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '4242',
};

/**
 * Runs an action's built bundle as the runner does: a fresh process with
 * nothing of the test's environment but PATH, a HOME with no git identity,
 * the action.yml defaults and the given inputs as INPUT_* variables, and the
 * command files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, ...) it reads back.
 * `stdout` is what the process printed less its `::add-mask::` commands,
 * which the runner consumes without showing; nothing else is masked, so a
 * test that searches the output for a secret finds every other copy of it.
 */
export async function runAction(name: string, opts: RunActionOptions): Promise<ActionRun> {
  const bundle = opts.bundle ?? join(root, 'dist', name, 'index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build the bundles first (npm run build)`);
  const node = process.env.GITOPS_TEST_NODE || process.execPath;
  const dir = await tempDir(`run-${name}`);
  const home = join(dir, 'home');
  const runnerTemp = join(dir, 'temp');
  const workspace = opts.workspace ?? join(dir, 'workspace');
  await Promise.all([home, runnerTemp, workspace].map((folder) => mkdir(folder, { recursive: true })));
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'step_summary.md'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
    GITHUB_STATE: join(dir, 'state'),
  };
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));

  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    ...RUN_CONTEXT,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    ...files,
  };
  const context = { ...base, ...opts.env };
  const env = { ...base, ...inputVariables(await actionDefaults(name, context)), ...opts.env, ...inputVariables(opts.inputs) };

  const child = spawn(node, [bundle], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const code = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not finish in ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve(status ?? (signal ? 128 : 1));
    });
  });
  const masks: string[] = [];
  const shown = stdout.replace(/^::add-mask::([^\r\n]*)(?:\r?\n|$)/gm, (_line, value: string) => {
    masks.push(unescapeCommandData(value));
    return '';
  });
  return {
    code,
    stdout: shown,
    stderr,
    masks,
    outputs: parseOutputFile(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    dir,
  };
}

/** Undoes @actions/core's escaping of a workflow command's data. */
function unescapeCommandData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** The runner's naming: INPUT_ + name upper-cased, spaces to underscores, dashes kept. */
export function inputVariables(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([key, value]) => [`INPUT_${key.replace(/ /g, '_').toUpperCase()}`, value]));
}

/**
 * The defaults in the action's action.yml, which the runner passes for every
 * input not given. Of expressions, only `${{ github.* }}` is known here.
 */
async function actionDefaults(name: string, env: Record<string, string>): Promise<Record<string, string>> {
  const file = name === 'deliver' ? join(root, 'action.yml') : join(root, 'actions', name, 'action.yml');
  if (!existsSync(file)) return {};
  const inputs = (parse(await readFile(file, 'utf8')) as { inputs?: Record<string, { default?: unknown }> }).inputs ?? {};
  const defaults: Record<string, string> = {};
  for (const [input, spec] of Object.entries(inputs)) {
    if (spec?.default === undefined) continue;
    defaults[input] = String(spec.default).replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (expression, path: string) => {
      const [scope, key] = path.split('.');
      if (scope !== 'github' || !key) throw new Error(`${file}: runAction cannot evaluate ${expression}`);
      return key === 'token' ? (env.GITHUB_TOKEN ?? '') : (env[`GITHUB_${key.toUpperCase()}`] ?? '');
    });
  }
  return defaults;
}

/**
 * Reads GITHUB_OUTPUT as the runner does: `name=value` lines and
 * `name<<DELIMITER` blocks, whichever marker comes first on the line.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals > 0 && (heredoc < 0 || equals < heredoc)) {
      outputs[line.slice(0, equals)] = line.slice(equals + 1);
    } else if (heredoc > 0) {
      const delimiter = line.slice(heredoc + 2);
      const end = lines.indexOf(delimiter, i + 1);
      if (!delimiter || end < 0) throw new Error(`GITHUB_OUTPUT: no closing '${delimiter}' for '${line}'`);
      outputs[line.slice(0, heredoc)] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      throw new Error(`GITHUB_OUTPUT: '${line}' is neither name=value nor name<<DELIMITER`);
    }
  }
  return outputs;
}
