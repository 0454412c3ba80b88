import type { Logger } from '../action/logger.js';
import type { StepResult } from '../action/step.js';
import type { GitExec } from '../git/git.js';
import type { Kubectl } from '../kube/kubectl.js';
import type { CheckResult, Verdict } from './check.js';
import type { CommandDeps } from './command.js';
import type { HttpDeps } from './http.js';
import type { VerifyInputs } from './inputs.js';
import type { LoadDeps } from './load.js';
import { failureMessage, passMessage, verifyReport, verifySummary } from './summary.js';

export interface VerifyResult {
  result: Verdict;
  checks: CheckResult[];
  revision: string;
  environment: string;
  durationMs: number;
}

export interface VerifyDeps {
  logger: Logger;
  /** Made when a job check needs one, so that other checks never start kubectl. */
  kubectl: () => Kubectl | Promise<Kubectl>;
  workspace: string;
  /** Scratch space (an env-repository checkout). */
  workdir: string;
  fetch?: HttpDeps['fetch'];
  loadClient?: LoadDeps['client'];
  spawn?: CommandDeps['spawn'];
  gitExec?: GitExec;
  now?: () => number;
  signal?: AbortSignal;
}

/** What checks get to know about the revision: as environment variables of the command and of the Job's containers. */
export function checkEnvironment(inputs: VerifyInputs): Record<string, string> {
  const urls = [...(inputs.http?.checks.map((check) => check.target.url) ?? []), ...(inputs.load ? [inputs.load.target.url] : [])];
  return {
    VERIFY_REVISION: inputs.revision,
    VERIFY_ENVIRONMENT: inputs.environment,
    VERIFY_NAMESPACE: inputs.namespace,
    VERIFY_PREVIEW_URL: inputs.previewUrl,
    VERIFY_URLS: [...new Set(urls)].join('\n'),
    VERIFY_LOAD_URL: inputs.load?.target.url ?? '',
  };
}

/**
 * Runs the checks asked for, one kind after another (http, load, job,
 * command) so that none skews another's figures, and every one of them
 * whatever the others found: the report has them all. The revision passes
 * when every check passed.
 */
export async function verify(inputs: VerifyInputs, deps: VerifyDeps): Promise<VerifyResult> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const { logger, signal } = deps;
  const env = checkEnvironment(inputs);
  const checks: CheckResult[] = [];
  const record = (results: CheckResult[]) => {
    for (const check of results) {
      checks.push(check);
      const line = `${check.name}: ${check.verdict}: ${check.shown}${check.reason ? `: ${check.reason}` : ''}`;
      if (check.verdict === 'passed') logger.info(line);
      else logger.warning(line);
    }
  };

  if (inputs.http) {
    const { runHttpChecks } = await import('./http.js');
    record(await runHttpChecks(inputs.http, { fetch: deps.fetch, now, signal }));
  }
  if (inputs.load && !signal?.aborted) {
    const { runLoadCheck } = await import('./load.js');
    record([await runLoadCheck(inputs.load, { client: deps.loadClient, now, signal })]);
  }
  if (inputs.job && !signal?.aborted) {
    const { runJobCheck } = await import('./job.js');
    const settings = {
      source: inputs.job.source,
      namespace: inputs.namespace,
      timeoutMs: inputs.timeoutMs,
      env,
      revision: inputs.revision,
    };
    record([
      await runJobCheck(settings, {
        kubectl: await deps.kubectl(),
        logger,
        workdir: deps.workdir,
        workspace: deps.workspace,
        gitExec: deps.gitExec,
        now,
        signal,
      }),
    ]);
  }
  if (inputs.command && !signal?.aborted) {
    const { runCommandCheck } = await import('./command.js');
    const settings = { script: inputs.command.script, timeoutMs: inputs.timeoutMs, cwd: deps.workspace, env };
    record([await runCommandCheck(settings, { logger, spawn: deps.spawn, now, signal })]);
  }

  return {
    result: checks.length > 0 && checks.every((check) => check.verdict === 'passed') && !signal?.aborted ? 'passed' : 'failed',
    checks,
    revision: inputs.revision,
    environment: inputs.environment,
    durationMs: Math.round(now() - started),
  };
}

/** verify's use case: failed checks fail the step, after its outputs and summary. */
export async function verifyStep(inputs: VerifyInputs, deps: VerifyDeps): Promise<StepResult> {
  const result = await verify(inputs, deps);
  const passed = result.result === 'passed';
  return {
    outputs: { result: result.result, report: verifyReport(result) },
    summary: verifySummary(result),
    ...(passed ? { notice: { message: `verify: ${passMessage(result)}` } } : { failure: failureMessage(result) }),
  };
}
