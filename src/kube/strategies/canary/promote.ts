import type { DeployInputs } from '../../deploy-inputs.js';
import { emptyReport } from '../report.js';
import { deployRolling } from '../rolling.js';
import type { CandidateSource, DeployDeps, DeployResult } from '../strategy.js';
import { deploymentsOf, removeTracks } from './plan.js';
import { restorePrimaries } from './restore.js';

/**
 * Canary promote: each primary gets back the replicas it gave up, the
 * candidate rolls out to it as with the rolling strategy (rollback
 * included), then canary and baseline go, whatever the outcome.
 */
export async function promoteCanary(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const deployments = deploymentsOf(source, inputs);
  const report = emptyReport('canary', 'promote');
  // No wait: the rollout that follows waits for the primaries at their full size.
  await restorePrimaries(deployments, inputs, report, deps, { wait: false });
  const result = await deps.logger.group('Promote: roll the candidate out to the primaries', async () =>
    deployRolling(source, inputs, deps),
  );
  const notes = report.notes;
  await removeTracks(deployments, report, deps);
  report.notes = [...notes, ...report.notes];
  result.strategy = report;
  return result;
}
