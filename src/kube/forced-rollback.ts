/**
 * The forced rollback of StatefulSets. With a RollingUpdate, a StatefulSet's
 * controller waits for every pod to be Running and Ready before it replaces
 * one, and a pod of the failed revision that never became ready never will:
 * reverting the template alone leaves it, and production, broken. Kubernetes'
 * documentation says what an operator does then ("forced rollback"): revert
 * the template, then delete the pods the bad template made. This does that,
 * within bounds: only pods of the failed controller-revision, owned by the
 * StatefulSet, not Ready, and no more than the rollout updated.
 *
 * Deployments and DaemonSets need none of it: reverting scales the failed
 * ReplicaSet down, and a DaemonSet deletes its unavailable pods of another
 * revision at once.
 */
import type { Logger } from '../action/logger.js';
import { deleteObjects } from './apply.js';
import { selectorString } from './diagnose.js';
import { formatDuration } from './duration.js';
import { namespaceArgs, type Kubectl } from './kubectl.js';
import { describeRef, refKey, refOf, resourceArg, type KubeObject, type LabelSelector, type ObjectRef } from './objects.js';
import type { Pod } from './pods.js';
import type { WorkloadResult } from './wait.js';

const REVISION_LABEL = 'controller-revision-hash';
const POLL_MS = 200;

/** A StatefulSet whose rollout failed, as it stood before the rollback: the revision it was rolling to and how far it got. */
export interface FailedRevision {
  ref: ObjectRef;
  uid: string;
  /** The controller-revision of the failed template (status.updateRevision). */
  revision: string;
  /** Pods the failed rollout updated (status.updatedReplicas): the most that may be deleted. */
  touched: number;
  selector?: LabelSelector;
}

/** A pod deleted so that its StatefulSet's controller makes it again from the reverted template. */
export interface ReleasedPod {
  pod: ObjectRef;
  workload: ObjectRef;
  /** The failed controller-revision it belonged to. */
  revision: string;
  /** What kept it from becoming ready: `ImagePullBackOff`, `CrashLoopBackOff`, `not ready`, … */
  why: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function getObject(kubectl: Kubectl, ref: ObjectRef): Promise<KubeObject | undefined> {
  const out = await kubectl.run(['get', resourceArg(ref), ref.name, ...namespaceArgs(ref.namespace), '--ignore-not-found', '-o', 'json']);
  return out.trim() ? (JSON.parse(out) as KubeObject) : undefined;
}

/**
 * Reads, before the rollback re-applies production, each failed
 * StatefulSet's update revision and how many pods it updated, which bound
 * what the rollback may delete.
 */
export async function failedRevisions(kubectl: Kubectl, failed: WorkloadResult[]): Promise<FailedRevision[]> {
  const found: FailedRevision[] = [];
  for (const { ref, status } of failed) {
    if (status === 'succeeded' || ref.group !== 'apps' || ref.kind !== 'StatefulSet') continue;
    const live = await getObject(kubectl, ref);
    const revision = live?.status?.updateRevision;
    if (!live?.metadata.uid || !revision || revision === live.status?.currentRevision) continue;
    found.push({
      ref,
      uid: live.metadata.uid,
      revision,
      touched: typeof live.status?.updatedReplicas === 'number' ? live.status.updatedReplicas : 0,
      selector: live.spec?.selector,
    });
  }
  return found;
}

const isReady = (pod: Pod) =>
  (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some(
    (c) => c.type === 'Ready' && c.status === 'True',
  ) ?? false;

/** Why a pod is not ready, in the words `kubectl get pods` shows. */
function troubleOf(pod: Pod): string {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const container of statuses) {
    const reason = container.state?.waiting?.reason ?? container.state?.terminated?.reason;
    if (reason && reason !== 'ContainerCreating' && reason !== 'PodInitializing') return `${reason} (container ${container.name})`;
    // Between two crashes a crash-looping container runs for a moment; its restarts tell.
    const restarts = container.restartCount ?? 0;
    if (restarts > 0 && (container.lastState?.terminated?.exitCode ?? 0) !== 0)
      return `CrashLoopBackOff (container ${container.name}, restarted ${restarts} times)`;
  }
  const unscheduled = (pod.status as { conditions?: { type: string; status: string; reason?: string }[] } | undefined)?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False',
  );
  if (unscheduled) return unscheduled.reason ?? 'Unschedulable';
  return statuses.some((c) => c.state?.running) ? 'running but never ready' : 'never started';
}

const ordinalOf = (pod: Pod, set: string) => Number(pod.metadata.name.slice(set.length + 1)) || 0;

export interface ReleaseOptions {
  /** The objects the rollback applied, as the server returned them (their generation). */
  applied: KubeObject[];
  /** How long the controller may take to see the reverted template. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * After the rollback applied production's template: once each StatefulSet's
 * controller has seen it (observedGeneration caught up) and moved to another
 * revision, deletes its stuck pods of the failed revision. A StatefulSet the
 * rollback did not apply, or whose production template is the failed one,
 * is left alone.
 */
export async function releaseStuckPods(kubectl: Kubectl, failed: FailedRevision[], options: ReleaseOptions): Promise<ReleasedPod[]> {
  const released: ReleasedPod[] = [];
  const applied = new Map(options.applied.map((object) => [refKey(refOf(object)), object]));
  for (const stuck of failed) {
    const reverted = applied.get(refKey(stuck.ref));
    if (!reverted) continue;
    const name = describeRef(stuck.ref);
    const live = await observed(kubectl, stuck.ref, reverted.metadata.generation ?? 0, options.timeoutMs);
    if (!live) {
      options.logger.warning(
        `${name}: its controller did not take up the reverted template within ${formatDuration(options.timeoutMs)}; no pod deleted`,
      );
      continue;
    }
    if (live.status?.updateRevision === stuck.revision) {
      options.logger.info(`${name}: production's template is the failed one (${stuck.revision}); no pod deleted`);
      continue;
    }
    const pods = (
      await kubectl.json<{ items: Pod[] }>(['get', 'pods', ...namespaceArgs(stuck.ref.namespace), '-l', selectorString(stuck.selector)])
    ).items;
    const doomed = pods
      .filter(
        (pod) =>
          pod.metadata.labels?.[REVISION_LABEL] === stuck.revision &&
          (pod.metadata.ownerReferences as { uid?: string }[] | undefined)?.some((owner) => owner.uid === stuck.uid) &&
          !pod.metadata.deletionTimestamp &&
          !isReady(pod),
      )
      .sort((a, b) => ordinalOf(b, stuck.ref.name) - ordinalOf(a, stuck.ref.name))
      .slice(0, stuck.touched);
    if (!doomed.length) continue;
    const refs = doomed.map((pod) => ({ group: '', kind: 'Pod', namespace: stuck.ref.namespace, name: pod.metadata.name }));
    const deleted = new Set((await deleteObjects(kubectl, refs)).map((ref) => ref.name));
    for (const pod of doomed) {
      if (!deleted.has(pod.metadata.name)) continue;
      const entry: ReleasedPod = {
        pod: refs.find((ref) => ref.name === pod.metadata.name)!,
        workload: stuck.ref,
        revision: stuck.revision,
        why: troubleOf(pod),
      };
      released.push(entry);
      options.logger.warning(
        `${name}: deleted pod ${pod.metadata.name} of the failed revision ${stuck.revision} (${entry.why}): its controller does not replace a pod that never became ready, so it is made again from production's template (forced rollback)`,
      );
    }
  }
  return released;
}

/** The StatefulSet once its controller has seen `generation`, or undefined if it did not within the time given. */
async function observed(kubectl: Kubectl, ref: ObjectRef, generation: number, timeoutMs: number): Promise<KubeObject | undefined> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const live = await getObject(kubectl, ref);
    if (!live) return undefined;
    if ((live.status?.observedGeneration ?? 0) >= generation && live.status?.updateRevision) return live;
    if (performance.now() > until) return undefined;
    await sleep(POLL_MS);
  }
}
