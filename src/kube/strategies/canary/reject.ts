import type { DeployInputs } from '../../deploy-inputs.js';
import { describeRef } from '../../objects.js';
import { emptyReport } from '../report.js';
import { emptyResult, type CandidateSource, type DeployDeps, type DeployResult } from '../strategy.js';
import { deploymentsOf, removeTracks } from './plan.js';
import { restorePrimaries } from './restore.js';

/**
 * Canary reject: each primary gets back the replicas it gave up and runs
 * them, then canary and baseline go (even if a primary could not grow: the
 * canary runs a rejected candidate).
 */
export async function rejectCanary(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const deployments = deploymentsOf(source, inputs);
  const report = emptyReport('canary', 'reject');
  const result = emptyResult(source.candidate.sha);
  const restored = await restorePrimaries(deployments, inputs, report, deps, { wait: true });
  const notes = report.notes;
  await removeTracks(deployments, report, deps);
  report.notes = [...notes, ...report.notes];
  result.strategy = report;
  const unready = restored.filter((w) => w.status !== 'succeeded');
  if (unready.length) {
    result.result = 'failed';
    result.failure = `${unready.map((w) => `${describeRef(w.ref)} ${w.status}: ${w.reason}`).join('; ')}: the primary did not get its replicas back; canary and baseline were removed`;
  }
  return result;
}
