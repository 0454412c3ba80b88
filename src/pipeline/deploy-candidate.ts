import { describeError } from '../action/errors.js';
import type { StepResult } from '../action/step.js';
import type { DeployInputs } from '../kube/deploy-inputs.js';
import { deployWithStrategy } from '../kube/strategies/index.js';
import { strategyOutputs } from '../kube/strategies/report.js';
import { emptyResult, type DeployDeps, type DeployResult } from '../kube/strategies/strategy.js';
import { deploySummary, workloadsJson } from '../kube/summary.js';

/**
 * deploy-candidate's use case: one step of its strategy, recorded as a GitHub
 * deployment when a token and the run's commit allow one. Every outcome,
 * a refusal before anything was applied included, sets every output and
 * writes the summary; the step's error is the one that stopped it, as thrown,
 * so that it names the input to fix.
 */
export async function deployCandidateStep(inputs: DeployInputs, deps: DeployDeps): Promise<StepResult> {
  const clock = deps.clock ?? (() => performance.now());
  const started = clock();
  let result: DeployResult;
  try {
    result = await recorded(inputs, deps, () => deployWithStrategy(inputs, deps));
  } catch (error) {
    // The deployment record failed around a deploy that did not report.
    result = { ...emptyResult(inputs.ref ? '' : deps.context.sha), result: 'failed', failure: describeError(error), stoppedBy: error };
    result.durationMs = Math.round(clock() - started);
  }
  return {
    outputs: {
      result: result.result,
      revision: result.revision,
      workloads: workloadsJson(result.candidate.workloads),
      'duration-ms': result.durationMs,
      ...strategyOutputs(result.strategy),
    },
    summary: deploySummary(result, inputs.environment),
    failure: result.stoppedBy ?? result.failure,
  };
}

async function recorded(inputs: DeployInputs, { context, logger }: DeployDeps, deploy: () => Promise<DeployResult>): Promise<DeployResult> {
  if (!(inputs.token && context.repository && context.sha)) return deploy();
  // Octokit is loaded only when there is a record to write.
  const { withDeploymentRecord } = await import('../github/deployments.js');
  const request = {
    // The revision deployed (a rollback's is not the commit the run was dispatched on).
    ref: /^[0-9a-f]{40}$/.test(inputs.ref) ? inputs.ref : context.sha,
    environment: inputs.environment,
    description: `deploy-candidate ${inputs.ref || context.sha.slice(0, 12)}`,
    payload: { strategy: inputs.strategy, ...(inputs.ref ? { 'env-ref': inputs.ref } : {}) },
  };
  return withDeploymentRecord(inputs.token, context, request, logger, deploy, (outcome) => [
    outcome.result === 'succeeded' ? 'success' : 'failure',
    outcome.failure ?? 'every workload rolled out',
  ]);
}
