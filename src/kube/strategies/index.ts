/**
 * deploy-candidate's strategies, one folder (or file) each, after
 * azure/k8s-deploy's: a strategy is its deploy, promote and reject steps,
 * each a function of the candidate read once. Rolling has deploy alone: its
 * promote and reject are refused with the inputs.
 */
import type { DeployInputs } from '../deploy-inputs.js';
import { deployBlueGreen } from './blue-green/deploy.js';
import { promoteBlueGreen } from './blue-green/promote.js';
import { rejectBlueGreen } from './blue-green/reject.js';
import { readCandidate } from './candidate.js';
import { deployCanary } from './canary/deploy.js';
import { promoteCanary } from './canary/promote.js';
import { rejectCanary } from './canary/reject.js';
import { deployRolling } from './rolling.js';
import type { DeployDeps, DeployResult, StrategyStep } from './strategy.js';

const STRATEGIES: Record<DeployInputs['strategy'], Partial<Record<DeployInputs['action'], StrategyStep>>> = {
  rolling: { deploy: deployRolling },
  canary: { deploy: deployCanary, promote: promoteCanary, reject: rejectCanary },
  'blue-green': { deploy: deployBlueGreen, promote: promoteBlueGreen, reject: rejectBlueGreen },
};

/** deploy-candidate's work: one step of its strategy, on the candidate, timed from the step's start. */
export async function deployWithStrategy(inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const clock = deps.clock ?? (() => performance.now());
  const started = clock();
  const step = STRATEGIES[inputs.strategy][inputs.action];
  if (!step) throw new Error(`strategy '${inputs.strategy}' has no action '${inputs.action}'`);
  const result = await step(await readCandidate(inputs, deps), inputs, deps);
  result.durationMs = Math.round(clock() - started);
  return result;
}
