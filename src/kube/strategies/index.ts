import { deployCandidate, readCandidate, type DeployDeps, type DeployResult } from '../deploy.js';
import type { DeployInputs } from '../deploy-inputs.js';
import { blueGreen } from './blue-green.js';
import { canary } from './canary.js';

/** deploy-candidate's work: the rolling strategy, or a step of a canary or blue-green deployment. */
export async function deployWithStrategy(inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  if (inputs.strategy === 'rolling') return deployCandidate(inputs, deps);
  const started = (deps.clock ?? (() => performance.now()))();
  const source = await readCandidate(inputs, deps);
  return inputs.strategy === 'canary' ? canary(source, inputs, deps, started) : blueGreen(source, inputs, deps, started);
}
