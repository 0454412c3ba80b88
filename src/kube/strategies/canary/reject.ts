import type { DeployInputs } from '../../deploy-inputs.js';
import { describeRef } from '../../objects.js';
import { emptyReport } from '../report.js';
import { emptyResult, type CandidateSource, type DeployDeps, type DeployResult } from '../strategy.js';
import { deploymentsOf, removeTracks } from './plan.js';
import { restorePrimaries } from './restore.js';
import { deleteTrackServices, openTraffic, restoreRoutes, unpinPrimaries } from '../traffic/index.js';

/**
 * Canary reject: each primary gets back the replicas it gave up and runs
 * them, then canary and baseline go (even if a primary could not grow: the
 * canary runs a rejected candidate).
 */
export async function rejectCanary(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const deployments = deploymentsOf(source, inputs);
  const report = emptyReport('canary', 'reject');
  const result = emptyResult(source.candidate.sha);
  const traffic = await openTraffic(inputs, deployments, deps, { cleanup: true });
  const restored = await restorePrimaries(deployments, inputs, report, deps, { wait: true });
  result.strategy = report;
  if (traffic) {
    // All traffic back to the primaries before the tracks go, so that no request is sent to a Service without pods.
    const failure = await restoreRoutes(traffic, deps, report.notes);
    if (failure) {
      result.result = 'failed';
      result.failure = `${failure}; the routes still give the canary its share, so canary and baseline are left running: run reject again`;
      return result;
    }
  }
  await removeTracks(deployments, report, deps);
  if (traffic) {
    report.deleted.push(...(await deleteTrackServices(traffic, deps)));
    await unpinPrimaries(traffic, deps, report.notes);
  }
  const unready = restored.filter((w) => w.status !== 'succeeded');
  if (unready.length) {
    result.result = 'failed';
    result.failure = `${unready.map((w) => `${describeRef(w.ref)} ${w.status}: ${w.reason}`).join('; ')}: the primary did not get its replicas back; canary and baseline were removed`;
  }
  return result;
}
