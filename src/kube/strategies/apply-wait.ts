import { ApplyError, applyManifests, CrdNotEstablishedError } from '../apply.js';
import type { DeployInputs } from '../deploy-inputs.js';
import { diagnose } from '../diagnose.js';
import { releaseStuckPods, type FailedRevision } from '../forced-rollback.js';
import { describeRef, isWorkload, refOf, type KubeObject } from '../objects.js';
import { explainRefusal } from '../refusal.js';
import { waitForRollouts } from '../wait.js';
import type { DeployDeps, Revision, Rollout } from './strategy.js';

/** What a rollback does beyond applying and waiting: release the pods that the failed revision left stuck. */
export interface Recovery {
  /** The StatefulSets whose failed rollout the rollback reverts. */
  failed: FailedRevision[];
}

/**
 * Applies one revision, waits for its workloads, and diagnoses those that did
 * not roll out. A candidate the cluster refuses before any workload changed
 * throws, saying whose fault it is; a rollback's refusal is its result.
 */
export async function rollOut(
  revision: Revision,
  inputs: DeployInputs,
  deps: DeployDeps,
  candidate: boolean,
  recovery?: Recovery,
): Promise<Rollout> {
  const { kubectl, logger } = deps;
  const clock = deps.clock ?? (() => performance.now());
  const rollout: Rollout = { revision: revision.sha, applied: [], workloads: [], diagnoses: [], healthy: false };
  let objects: KubeObject[];
  const started = clock();
  try {
    objects = await applyManifests(kubectl, revision.manifests, {
      forceConflicts: inputs.forceConflicts,
      logger,
      crdTimeoutMs: inputs.timeoutMs,
    });
    rollout.applied = objects.map(refOf);
  } catch (error) {
    if (!(error instanceof ApplyError || error instanceof CrdNotEstablishedError)) throw error;
    // Refused before any workload changed: a mistake in the manifests, with nothing to roll back.
    if (candidate && error instanceof ApplyError && error.dryRun) throw explainRefusal(error.kubectl, revision.manifests, inputs);
    if (candidate && error instanceof CrdNotEstablishedError) throw error;
    rollout.applyError = error.message;
    logger.error(error.message);
    return rollout;
  }
  // Waiting for new CRDs to be served comes out of the rollout's time.
  const establishing = revision.manifests.some((m) => m.ref.kind === 'CustomResourceDefinition') ? clock() - started : 0;
  const timeoutMs = Math.max(1000, inputs.timeoutMs - establishing);
  if (recovery?.failed.length) {
    rollout.released = await releaseStuckPods(kubectl, recovery.failed, { applied: objects, timeoutMs, logger });
  }
  const workloads = rollout.applied.filter(isWorkload);
  logger.info(`waiting for ${workloads.length} workload${workloads.length === 1 ? '' : 's'}`);
  rollout.workloads = await waitForRollouts(kubectl, workloads, {
    timeoutMs,
    failFast: inputs.failFast,
    logger,
    clock: deps.clock,
    reconnectDelayMs: deps.reconnectDelayMs,
  });
  const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
  rollout.diagnoses = await Promise.all(failed.map((workload) => diagnose(kubectl, workload)));
  for (const diagnosis of rollout.diagnoses) {
    const name = describeRef(diagnosis.ref);
    if (!diagnosis.findings.length) logger.error(`${name}: ${failed.find((w) => w.ref === diagnosis.ref)?.reason}`);
    for (const finding of diagnosis.findings) {
      const more = finding.alsoIn ? ` (and ${finding.alsoIn} more like it)` : '';
      logger.error(
        `${name}: ${finding.reason}: ${finding.subject}${more}: ${finding.message}${finding.logs ? `\nlast log lines:\n${finding.logs}` : ''}`,
      );
    }
    if (diagnosis.events.length) logger.info(`${name}: recent warnings:\n  ${diagnosis.events.join('\n  ')}`);
  }
  rollout.healthy = failed.length === 0;
  return rollout;
}

export function describeFailure(rollout: Rollout): string {
  if (rollout.applyError) return rollout.applyError;
  const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
  const first = failed[0];
  const finding = rollout.diagnoses.find((d) => d.ref === first.ref)?.findings[0];
  const why = finding ? `${finding.reason}: ${finding.message}` : first.reason;
  return `${failed.length} of ${rollout.workloads.length} workloads did not roll out (${describeRef(first.ref)} ${first.status}: ${why})`;
}
