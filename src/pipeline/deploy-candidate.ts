import type { StepResult } from '../action/step.js';
import type { DeployInputs } from '../kube/deploy-inputs.js';
import { deployWithStrategy } from '../kube/strategies/index.js';
import { strategyOutputs } from '../kube/strategies/report.js';
import type { DeployDeps, DeployResult } from '../kube/strategies/strategy.js';
import { deploySummary, workloadsJson } from '../kube/summary.js';

/**
 * deploy-candidate's use case: one step of its strategy, recorded as a GitHub
 * deployment when a token and the run's commit allow one. A step that throws
 * still sets `result` to failed.
 */
export async function deployCandidateStep(inputs: DeployInputs, deps: DeployDeps): Promise<StepResult> {
  let result: DeployResult;
  try {
    result = await recorded(inputs, deps, () => deployWithStrategy(inputs, deps));
  } catch (error) {
    return { outputs: { result: 'failed' }, summary: '', failure: error };
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
    failure: result.failure,
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
