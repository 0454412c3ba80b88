import type { DeployInputs } from '../../deploy-inputs.js';
import { emptyReport } from '../report.js';
import { emptyResult, type CandidateSource, type DeployDeps, type DeployResult } from '../strategy.js';
import { deploymentsOf, removeTracks } from './plan.js';

/** Canary reject: canary and baseline go; the primaries never changed. */
export async function rejectCanary(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const deployments = deploymentsOf(source, inputs);
  const report = emptyReport('canary', 'reject');
  const result = emptyResult(source.candidate.sha);
  await removeTracks(deployments, report, deps);
  result.strategy = report;
  return result;
}
