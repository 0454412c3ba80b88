import type { Condition, KubeObject } from './objects.js';

export interface Verdict {
  state: 'progressing' | 'ready' | 'failed';
  /** kubectl rollout status's own words, so a user who knows them recognises them. */
  message: string;
}

const progressing = (message: string): Verdict => ({ state: 'progressing', message });
const ready = (message: string): Verdict => ({ state: 'ready', message });
const failed = (message: string): Verdict => ({ state: 'failed', message });

function condition(object: KubeObject, type: string): Condition | undefined {
  return object.status?.conditions?.find((c) => c.type === type);
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/**
 * Whether a workload has rolled out, judged by the rules `kubectl rollout
 * status` uses (and `kubectl wait --for=condition=complete` for Jobs): the
 * controller must have seen the current generation, and the counts it reports
 * must have caught up with the spec.
 */
export function judgeRollout(object: KubeObject): Verdict {
  switch (object.kind) {
    case 'Deployment':
      return judgeDeployment(object);
    case 'StatefulSet':
      return judgeStatefulSet(object);
    case 'DaemonSet':
      return judgeDaemonSet(object);
    case 'Job':
      return judgeJob(object);
    default:
      return ready(`${object.kind} has no rollout to wait for`);
  }
}

function observed(object: KubeObject): boolean {
  return num(object.metadata.generation) <= num(object.status?.observedGeneration);
}

function judgeDeployment(d: KubeObject): Verdict {
  const name = d.metadata.name;
  if (!observed(d)) return progressing(`Waiting for deployment spec update to be observed...`);
  // Pods the API server refuses (a missing ServiceAccount, a quota): said while waiting, and in the failure. Not a
  // failure by itself: a ServiceAccount applied with the Deployment may come a moment later, and the controller retries.
  const refused = condition(d, 'ReplicaFailure');
  const why = refused?.status === 'True' ? ` (pods cannot be created: ${refused.message || refused.reason || 'no reason given'})` : '';
  const progress = condition(d, 'Progressing');
  if (progress?.reason === 'ProgressDeadlineExceeded')
    return failed(`deployment "${name}" exceeded its progress deadline${progress.message ? `: ${progress.message}` : ''}${why}`);
  const status = d.status ?? {};
  const updated = num(status.updatedReplicas);
  const replicas = d.spec?.replicas;
  if (typeof replicas === 'number' && updated < replicas) {
    return progressing(
      `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...${why}`,
    );
  }
  if (num(status.replicas) > updated) {
    return progressing(
      `Waiting for deployment "${name}" rollout to finish: ${num(status.replicas) - updated} old replicas are pending termination...${why}`,
    );
  }
  if (num(status.availableReplicas) < updated) {
    return progressing(
      `Waiting for deployment "${name}" rollout to finish: ${num(status.availableReplicas)} of ${updated} updated replicas are available...${why}`,
    );
  }
  return ready(`deployment "${name}" successfully rolled out`);
}

function judgeStatefulSet(s: KubeObject): Verdict {
  const strategy = s.spec?.updateStrategy;
  // OnDelete: nothing rolls until pods are deleted by hand, so there is nothing to wait for.
  if (strategy?.type && strategy.type !== 'RollingUpdate')
    return ready(`statefulset "${s.metadata.name}" uses ${strategy.type}: no rollout to wait for`);
  const status = s.status ?? {};
  if (!num(status.observedGeneration) || !observed(s)) return progressing('Waiting for statefulset spec update to be observed...');
  const replicas = s.spec?.replicas;
  if (typeof replicas === 'number' && num(status.readyReplicas) < replicas) {
    return progressing(`Waiting for ${replicas - num(status.readyReplicas)} pods to be ready...`);
  }
  const partition = strategy?.rollingUpdate?.partition;
  if (strategy?.rollingUpdate && typeof replicas === 'number' && typeof partition === 'number') {
    if (num(status.updatedReplicas) < replicas - partition) {
      return progressing(
        `Waiting for partitioned roll out to finish: ${num(status.updatedReplicas)} out of ${replicas - partition} new pods have been updated...`,
      );
    }
    return ready(`partitioned roll out complete: ${num(status.updatedReplicas)} new pods have been updated...`);
  }
  if (status.updateRevision !== status.currentRevision) {
    return progressing(
      `waiting for statefulset rolling update to complete ${num(status.updatedReplicas)} pods at revision ${status.updateRevision}...`,
    );
  }
  return ready(`statefulset rolling update complete ${num(status.currentReplicas)} pods at revision ${status.currentRevision}...`);
}

function judgeDaemonSet(d: KubeObject): Verdict {
  const name = d.metadata.name;
  const strategy = d.spec?.updateStrategy?.type;
  if (strategy && strategy !== 'RollingUpdate') return ready(`daemon set "${name}" uses ${strategy}: no rollout to wait for`);
  if (!observed(d)) return progressing('Waiting for daemon set spec update to be observed...');
  const status = d.status ?? {};
  const desired = num(status.desiredNumberScheduled);
  if (num(status.updatedNumberScheduled) < desired) {
    return progressing(
      `Waiting for daemon set "${name}" rollout to finish: ${num(status.updatedNumberScheduled)} out of ${desired} new pods have been updated...`,
    );
  }
  if (num(status.numberAvailable) < desired) {
    return progressing(
      `Waiting for daemon set "${name}" rollout to finish: ${num(status.numberAvailable)} of ${desired} updated pods are available...`,
    );
  }
  return ready(`daemon set "${name}" successfully rolled out`);
}

function judgeJob(job: KubeObject): Verdict {
  const name = job.metadata.name;
  const failure = condition(job, 'Failed');
  if (failure?.status === 'True')
    return failed(`job "${name}" failed: ${[failure.reason, failure.message].filter(Boolean).join(': ') || 'no reason given'}`);
  if (condition(job, 'Complete')?.status === 'True') return ready(`job "${name}" completed`);
  const status = job.status ?? {};
  const completions = typeof job.spec?.completions === 'number' ? job.spec.completions : 1;
  return progressing(
    `Waiting for job "${name}" to complete: ${num(status.succeeded)} of ${completions} succeeded, ${num(status.active)} active, ${num(status.failed)} failed...`,
  );
}
