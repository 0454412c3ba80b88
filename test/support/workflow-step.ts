import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseOutputFile } from './run-action.js';
import { tempDir } from './temp.js';
import { ACTIONS_CHECKOUT } from './workflow-check.js';

const root = new URL('../..', import.meta.url).pathname;

export interface WorkflowStep {
  run: string;
  /** The names the step's `env:` sets; their values are expressions the test supplies itself. */
  env: string[];
  shell: string;
}

/** A `run:` step of a workflow in this repository, by job and step id, exactly as written. */
export async function workflowStep(file: string, job: string, id: string): Promise<WorkflowStep> {
  const workflow = parse(await readFile(join(root, file), 'utf8')) as {
    defaults?: { run?: { shell?: string } };
    jobs: Record<
      string,
      { defaults?: { run?: { shell?: string } }; steps?: { id?: string; run?: string; env?: object; shell?: string }[] }
    >;
  };
  const step = workflow.jobs[job]?.steps?.find(
    (candidate) => candidate.id === id || (!candidate.id && (candidate as { name?: string }).name === id),
  );
  if (!step?.run) throw new Error(`${file}: job ${job} has no run step with id ${id}`);
  // A step that runs a script of the project's own checkout runs that file.
  const script = step.run.trim().match(new RegExp(`^bash ${ACTIONS_CHECKOUT.replace('.', '\\.')}/(\\S+)$`))?.[1];
  return {
    run: script ? await readFile(join(root, script), 'utf8') : step.run,
    env: Object.keys(step.env ?? {}),
    shell: step.shell ?? workflow.jobs[job].defaults?.run?.shell ?? workflow.defaults?.run?.shell ?? 'bash',
  };
}

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs a bash step as the runner does (`bash --noprofile --norc -eo pipefail
 * FILE`), with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and only PATH and
 * HOME of the test's environment. Every variable the step's `env:` names must
 * be given, so a renamed variable fails the test instead of running empty.
 */
export async function runWorkflowStep(step: WorkflowStep, env: Record<string, string>): Promise<StepRun> {
  if (step.shell !== 'bash') throw new Error(`runWorkflowStep runs bash steps, not ${step.shell}`);
  const missing = step.env.filter((name) => !(name in env));
  if (missing.length) throw new Error(`the step's env names ${missing.join(', ')}, which the test does not give`);
  const dir = await tempDir('step');
  const files = { script: join(dir, 'step.sh'), GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  await Promise.all([writeFile(files.script, step.run), writeFile(files.GITHUB_OUTPUT, ''), writeFile(files.GITHUB_STEP_SUMMARY, '')]);
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      LC_ALL: 'C',
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: files.GITHUB_OUTPUT,
      GITHUB_STEP_SUMMARY: files.GITHUB_STEP_SUMMARY,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve(status ?? 1));
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}
