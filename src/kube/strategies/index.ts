/**
 * deploy-candidate's strategies, one folder (or file) each, after
 * azure/k8s-deploy's: a strategy is its deploy, promote and reject steps,
 * each a function of the candidate read once. Rolling has deploy alone: its
 * promote and reject are refused with the inputs.
 */
import { describeError } from '../../action/errors.js';
import type { DeployInputs } from '../deploy-inputs.js';
import { deployBlueGreen } from './blue-green/deploy.js';
import { promoteBlueGreen } from './blue-green/promote.js';
import { rejectBlueGreen } from './blue-green/reject.js';
import { readCandidate } from './candidate.js';
import { deployCanary } from './canary/deploy.js';
import { promoteCanary } from './canary/promote.js';
import { rejectCanary } from './canary/reject.js';
import { deployRolling } from './rolling.js';
import { emptyResult, type DeployDeps, type DeployResult, type StrategyStep } from './strategy.js';

const STRATEGIES: Record<DeployInputs['strategy'], Partial<Record<DeployInputs['action'], StrategyStep>>> = {
  rolling: { deploy: deployRolling },
  canary: { deploy: deployCanary, promote: promoteCanary, reject: rejectCanary },
  'blue-green': { deploy: deployBlueGreen, promote: promoteBlueGreen, reject: rejectBlueGreen },
};

/**
 * deploy-candidate's work: one step of its strategy, on the candidate, timed
 * from the step's start. A step stopped by an error (a refused input, a
 * cluster that refused the candidate) still gives a result, failed, with the
 * revision as far as it was known and the error as thrown.
 */
export async function deployWithStrategy(inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const clock = deps.clock ?? (() => performance.now());
  const started = clock();
  const step = STRATEGIES[inputs.strategy][inputs.action];
  if (!step) throw new Error(`strategy '${inputs.strategy}' has no action '${inputs.action}'`);
  let revision = inputs.ref ? '' : deps.context.sha;
  let result: DeployResult;
  try {
    result = await step(await readCandidate(inputs, deps, (sha) => (revision = sha)), inputs, deps);
  } catch (error) {
    result = { ...emptyResult(revision), result: 'failed', failure: describeError(error), stoppedBy: error };
  }
  result.durationMs = Math.round(clock() - started);
  return result;
}
