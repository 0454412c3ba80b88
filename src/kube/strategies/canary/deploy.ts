import type { DeployInputs } from '../../deploy-inputs.js';
import { describeRef } from '../../objects.js';
import { describeFailure, rollOut } from '../apply-wait.js';
import { getLive } from '../cluster.js';
import { emptyReport, type StrategyReport } from '../report.js';
import { deployRolling } from '../rolling.js';
import { isPodDependency } from '../shape.js';
import type { CandidateSource, DeployDeps, DeployResult } from '../strategy.js';
import { canaryManifests, deploymentsOf } from './plan.js';

/**
 * Canary deploy: beside each production Deployment, a canary running the
 * candidate and a baseline running what production runs now; the primaries
 * do not change.
 */
export async function deployCanary(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const deployments = deploymentsOf(source, inputs);
  const { kubectl, logger } = deps;
  const report: StrategyReport = emptyReport('canary', 'deploy');
  const primaries = await Promise.all(deployments.map((m) => getLive(kubectl, m.ref)));

  const missing = deployments.filter((_, i) => !primaries[i]);
  if (missing.length) {
    // Nothing runs yet to compare a canary with or to send it traffic: the first deployment goes out whole.
    const note = `${missing.map((m) => describeRef(m.ref)).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no running primary (first deploy): the candidate was deployed with the rolling strategy, without a canary`;
    logger.warning(note);
    const result = await deployRolling(source, inputs, deps);
    report.notes.push(note);
    result.strategy = report;
    return result;
  }

  const planned = deployments.map((m, i) => canaryManifests(m, primaries[i]!, inputs.canaryPercentage!));
  report.canaries = planned.map(({ pair }) => pair);
  for (const { pair } of planned) {
    logger.info(
      `${pair.namespace ? `${pair.namespace}/` : ''}${pair.primary}: canary ${pair.canary} and baseline ${pair.baseline}, ${pair.replicas} replicas each`,
    );
  }
  const manifests = [...source.candidate.manifests.filter(isPodDependency), ...planned.flatMap(({ manifests }) => manifests)];
  const rollout = await logger.group(`Canary ${inputs.canaryPercentage}%: apply and wait`, () =>
    rollOut({ sha: source.candidate.sha, manifests }, inputs, deps, true),
  );
  report.created = planned.flatMap(({ manifests }) => manifests.map((m) => m.ref));
  const result: DeployResult = {
    result: 'succeeded',
    revision: source.candidate.sha,
    candidate: rollout,
    pruned: [],
    durationMs: 0,
    strategy: report,
  };
  if (!rollout.healthy) {
    result.result = 'failed';
    // The primaries never changed, so there is nothing to roll back; the failed pods stay for inspection.
    result.failure = `${describeFailure(rollout)}; the primaries are unchanged, the canary and baseline are left for inspection: action 'reject' removes them`;
  }
  return result;
}
