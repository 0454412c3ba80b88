import { spawn as nodeSpawn } from 'node:child_process';
import type { Logger } from '../action/logger.js';
import { formatDuration } from '../kube/duration.js';
import type { CheckResult } from './check.js';

export interface CommandSettings {
  /** A bash script, as a workflow's `run:` takes it. */
  script: string;
  timeoutMs: number;
  cwd: string;
  /** Added to the runner's environment: the revision, environment and URLs. */
  env: Record<string, string>;
}

export interface CommandDeps {
  logger: Logger;
  spawn?: typeof nodeSpawn;
  now?: () => number;
  signal?: AbortSignal;
  /** The environment the command starts from (default the runner's). */
  baseEnv?: NodeJS.ProcessEnv;
}

/** Lines of output kept for the failure's reason. */
const TAIL = 20;

/**
 * Runs a command on the runner with bash, as a `run:` step does
 * (`bash --noprofile --norc -eo pipefail`), in its own process group so that
 * a timeout stops everything it started. Its output goes into the step log,
 * grouped; exit 0 passes.
 */
export async function runCommandCheck(settings: CommandSettings, deps: CommandDeps): Promise<CheckResult> {
  const { logger, spawn = nodeSpawn, now = () => performance.now() } = deps;
  const started = now();
  const tail: string[] = [];
  const outcome = await logger.group(
    'command',
    () =>
      new Promise<{ code?: number; signal?: string; error?: string; timedOut: boolean }>((resolve) => {
        const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', settings.script], {
          cwd: settings.cwd,
          env: { ...(deps.baseEnv ?? process.env), ...settings.env },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
        let timedOut = false;
        const stop = () => {
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        };
        const timer = setTimeout(() => {
          timedOut = true;
          stop();
        }, settings.timeoutMs);
        deps.signal?.addEventListener('abort', stop);
        const partial = { stdout: '', stderr: '' };
        const take = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
          const lines = (partial[stream] + chunk.toString('utf8')).split('\n');
          partial[stream] = lines.pop() ?? '';
          for (const line of lines) show(line);
        };
        const show = (line: string) => {
          logger.info(line);
          tail.push(line);
          if (tail.length > TAIL) tail.shift();
        };
        child.stdout!.on('data', take('stdout'));
        child.stderr!.on('data', take('stderr'));
        child.on('error', (error) => {
          clearTimeout(timer);
          resolve({ error: error.message, timedOut });
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          deps.signal?.removeEventListener('abort', stop);
          for (const rest of [partial.stdout, partial.stderr]) if (rest) show(rest);
          resolve({ code: code ?? undefined, signal: signal ?? undefined, timedOut });
        });
      }),
  );
  const durationMs = Math.round(now() - started);
  const took = formatDuration(durationMs);
  const lastLine = tail
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
  const last = lastLine ? `, last line: ${JSON.stringify(lastLine.slice(0, 200))}` : '';
  const base = { kind: 'command' as const, name: commandName(settings.script), durationMs };
  if (outcome.error) {
    return {
      ...base,
      verdict: 'failed',
      figures: { durationMs },
      shown: 'not started',
      reason: `input 'command': bash could not be started: ${outcome.error}`,
    };
  }
  if (outcome.timedOut) {
    return {
      ...base,
      verdict: 'failed',
      figures: { durationMs, timedOut: true },
      shown: `stopped after ${took}`,
      reason: `the command did not finish within ${formatDuration(settings.timeoutMs)} (input 'timeout')${last}`,
    };
  }
  if (deps.signal?.aborted) {
    return { ...base, verdict: 'failed', figures: { durationMs }, shown: 'cancelled', reason: 'the step was cancelled' };
  }
  const exitCode = outcome.code ?? 128;
  const figures = { exitCode, durationMs };
  if (exitCode === 0) return { ...base, verdict: 'passed', figures, shown: `exit 0 in ${took}` };
  return {
    ...base,
    verdict: 'failed',
    figures,
    shown: `exit ${exitCode} after ${took}`,
    reason: `the command exited with code ${exitCode}${outcome.signal ? ` (${outcome.signal})` : ''}${last}`,
  };
}

/** The script's first line, shortened: how the summary names the check. */
export function commandName(script: string): string {
  const lines = script
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const first = lines[0] ?? '';
  const shown = first.length > 60 ? `${first.slice(0, 59)}…` : first;
  return lines.length > 1 ? `${shown} (+${lines.length - 1} lines)` : shown;
}
