import { deleteObjects } from '../apply.js';
import type { DeployInputs } from '../deploy-inputs.js';
import { formatDuration } from '../duration.js';
import { failedRevisions } from '../forced-rollback.js';
import { pruneSet } from '../manifests.js';
import { describeRef, type ObjectRef } from '../objects.js';
import { describeFailure, rollOut, type Recovery } from './apply-wait.js';
import type { CandidateSource, DeployDeps, DeployResult, Revision, Rollout } from './strategy.js';

/**
 * The rolling strategy: apply (server-side), wait for every workload in
 * parallel, diagnose what failed, roll back to the production revision on
 * failure (deleting the pods a failed StatefulSet left stuck, which its
 * controller would not replace), and prune what the candidate dropped once
 * it is healthy.
 */
export async function deployRolling(
  { candidate, loadProduction }: CandidateSource,
  inputs: DeployInputs,
  deps: DeployDeps,
): Promise<DeployResult> {
  const { logger } = deps;
  const roll = async (revision: Revision, label: string, recovery?: Recovery): Promise<Rollout> =>
    logger.group(`${label}: apply and wait (timeout ${formatDuration(inputs.timeoutMs)})`, () =>
      rollOut(revision, inputs, deps, label === 'Candidate', recovery),
    );

  const result: DeployResult = {
    result: 'succeeded',
    revision: candidate.sha,
    candidate: await roll(candidate, 'Candidate'),
    pruned: [],
    durationMs: 0,
  };

  if (result.candidate.healthy) {
    if (inputs.prune) {
      const previous = await loadProduction();
      if ('missing' in previous) logger.info(`prune: nothing to compare with: ${previous.missing}`);
      else result.pruned = await prune(previous, candidate, deps);
    }
  } else {
    result.result = 'failed';
    result.failure = describeFailure(result.candidate);
    if (inputs.rollbackOnFailure) {
      const previous = await loadProduction();
      if ('missing' in previous) {
        result.rollback = { skipped: previous.missing };
        logger.warning(`not rolled back: ${previous.missing}; the failed state is left for inspection`);
        result.failure += `; not rolled back: ${previous.missing}`;
      } else {
        // Read before the revert: the revision each failed StatefulSet was rolling to, whose stuck pods the rollback deletes.
        const failed = await failedRevisions(deps.kubectl, result.candidate.workloads);
        const rollback = await roll(previous, `Rollback to ${inputs.productionRef} ${previous.sha.slice(0, 12)}`, { failed });
        result.rollback = rollback;
        const released = rollback.released?.length
          ? ` (after deleting the stuck pod${rollback.released.length === 1 ? '' : 's'} ${rollback.released.map((r) => r.pod.name).join(', ')} of the failed revision)`
          : '';
        if (rollback.healthy) {
          result.result = 'rolled-back';
          result.failure += `; rolled back to ${inputs.productionRef} ${previous.sha.slice(0, 12)}${released}`;
          if (inputs.prune) result.pruned = await prune(candidate, previous, deps);
        } else {
          result.failure += `; the rollback to ${inputs.productionRef} ${previous.sha.slice(0, 12)}${released} failed too: ${describeFailure(rollback)}`;
        }
      }
    }
  }
  return result;
}

/** Deletes what `previous` declared and `next` no longer does. */
async function prune(previous: Revision, next: Revision, deps: DeployDeps): Promise<ObjectRef[]> {
  if (previous.sha && previous.sha === next.sha) return [];
  const gone = pruneSet(
    previous.manifests.map((m) => m.ref),
    next.manifests.map((m) => m.ref),
  );
  deps.logger.info(
    gone.length
      ? `prune: ${gone.length} objects of ${previous.sha.slice(0, 12)} are gone from ${next.sha.slice(0, 12) || 'the candidate'}`
      : 'prune: nothing to delete',
  );
  await deleteObjects(deps.kubectl, gone);
  for (const ref of gone) deps.logger.info(`pruned ${describeRef(ref)}`);
  return gone;
}
