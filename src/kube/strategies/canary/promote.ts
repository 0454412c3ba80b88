import type { DeployInputs } from '../../deploy-inputs.js';
import { emptyReport } from '../report.js';
import { deployRolling } from '../rolling.js';
import type { CandidateSource, DeployDeps, DeployResult } from '../strategy.js';
import { deploymentsOf, removeTracks } from './plan.js';

/** Canary promote: the candidate rolls out to the primaries as with the rolling strategy, then canary and baseline go. */
export async function promoteCanary(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const deployments = deploymentsOf(source, inputs);
  const report = emptyReport('canary', 'promote');
  const result = await deps.logger.group('Promote: roll the candidate out to the primaries', async () =>
    deployRolling(source, inputs, deps),
  );
  await removeTracks(deployments, report, deps);
  result.strategy = report;
  return result;
}
