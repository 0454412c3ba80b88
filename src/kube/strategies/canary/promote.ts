import type { DeployInputs } from '../../deploy-inputs.js';
import { emptyReport } from '../report.js';
import { deployRolling } from '../rolling.js';
import type { CandidateSource, DeployDeps, DeployResult } from '../strategy.js';
import { deploymentsOf, removeTracks } from './plan.js';
import { restorePrimaries } from './restore.js';
import { deleteTrackServices, openTraffic, restoreRoutes, unpinPrimaries } from '../traffic/index.js';

/**
 * Canary promote: each primary gets back the replicas it gave up, the
 * candidate rolls out to it as with the rolling strategy (rollback
 * included), then canary and baseline go, whatever the outcome.
 */
export async function promoteCanary(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const deployments = deploymentsOf(source, inputs);
  const report = emptyReport('canary', 'promote');
  const traffic = await openTraffic(inputs, deployments, deps, { cleanup: true });
  // The primary is about to run a new pod template: its Services select by the app's labels again, tracks included.
  if (traffic) await unpinPrimaries(traffic, deps, report.notes);
  // No wait: the rollout that follows waits for the primaries at their full size.
  await restorePrimaries(deployments, inputs, report, deps, { wait: false });
  const result = await deps.logger.group('Promote: roll the candidate out to the primaries', async () =>
    deployRolling(source, inputs, deps),
  );
  if (traffic) {
    // The primaries run the candidate (or production again, rolled back): the routes send them all the traffic, as written.
    const failure = await restoreRoutes(traffic, deps, report.notes);
    if (failure) {
      result.result = 'failed';
      result.failure = `${result.failure ? `${result.failure}; ` : ''}${failure}; the routes still give the canary its share, so it is left running: run promote again`;
      result.strategy = report;
      return result;
    }
  }
  await removeTracks(deployments, report, deps);
  if (traffic) report.deleted.push(...(await deleteTrackServices(traffic, deps)));
  result.strategy = report;
  return result;
}
