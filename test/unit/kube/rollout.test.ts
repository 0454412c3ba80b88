import { readFileSync } from 'node:fs';
import type { KubeObject } from '../../../src/kube/objects.js';
import { judgeRollout } from '../../../src/kube/rollout.js';

/** Objects read back with `kubectl get -o json` from kube-sim at known points of their rollouts. */
const recorded = JSON.parse(readFileSync(new URL('./fixtures/rollout-objects.json', import.meta.url), 'utf8')) as Record<
  string,
  KubeObject
>;
const object = (name: string): KubeObject => structuredClone(recorded[name]);

describe('judgeRollout on recorded objects', () => {
  it.each([
    ['deployment-progressing', 'progressing', 'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...'],
    ['deployment-complete', 'ready', 'deployment "web" successfully rolled out'],
    [
      'deployment-new-generation',
      'progressing',
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    ],
    ['deployment-rolling', 'progressing', 'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...'],
    [
      'deployment-deadline-exceeded',
      'failed',
      'deployment "stuck" exceeded its progress deadline: ReplicaSet "stuck-kj925h584g" has timed out progressing.',
    ],
    ['statefulset-progressing', 'progressing', 'Waiting for 2 pods to be ready...'],
    ['statefulset-complete', 'ready', 'partitioned roll out complete: 2 new pods have been updated...'],
    ['statefulset-partitioned', 'ready', 'partitioned roll out complete: 3 new pods have been updated...'],
    ['daemonset-progressing', 'progressing', 'Waiting for daemon set "agent" rollout to finish: 0 of 2 updated pods are available...'],
    ['daemonset-complete', 'ready', 'daemon set "agent" successfully rolled out'],
    ['job-running', 'progressing', 'Waiting for job "migrate" to complete: 0 of 1 succeeded, 0 active, 0 failed...'],
    ['job-complete', 'ready', 'job "migrate" completed'],
    ['job-failed', 'failed', 'job "broken" failed: BackoffLimitExceeded: Job has reached the specified backoff limit'],
  ])('%s is %s', (name, state, message) => {
    expect(judgeRollout(object(name))).toEqual({ state, message });
  });

  it('waits while the controller has not seen the newest generation, whatever the counts say', () => {
    const deployment = object('deployment-complete');
    deployment.metadata.generation = 2;
    expect(judgeRollout(deployment)).toEqual({ state: 'progressing', message: 'Waiting for deployment spec update to be observed...' });
    const statefulSet = object('statefulset-complete');
    statefulSet.metadata.generation = 2;
    expect(judgeRollout(statefulSet).state).toBe('progressing');
    const daemonSet = object('daemonset-complete');
    daemonSet.metadata.generation = 2;
    expect(judgeRollout(daemonSet).state).toBe('progressing');
  });

  it('says why pods cannot be created while it waits, and in the failure, without failing on it alone', () => {
    const refusal = {
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message: 'pods "web-7d9c" is forbidden: error looking up service account shop/web: serviceaccount "web" not found',
    };
    const waiting = object('deployment-progressing');
    waiting.status!.conditions = [...(waiting.status!.conditions ?? []), refusal];
    expect(judgeRollout(waiting)).toEqual({
      state: 'progressing',
      message: `Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available... (pods cannot be created: ${refusal.message})`,
    });
    const stuck = object('deployment-deadline-exceeded');
    stuck.status!.conditions = [...(stuck.status!.conditions ?? []), refusal];
    expect(judgeRollout(stuck)).toEqual({
      state: 'failed',
      message: expect.stringMatching(/progress deadline: .*\(pods cannot be created: pods "web-7d9c" is forbidden/),
    });
    // Cleared (status False) once a pod could be created: nothing is said.
    waiting.status!.conditions = waiting.status!.conditions!.map((c) => (c.type === 'ReplicaFailure' ? { ...c, status: 'False' } : c));
    expect(judgeRollout(waiting).message).toBe('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...');
  });

  it('waits for old replicas to go once every new one is updated', () => {
    const deployment = object('deployment-rolling');
    deployment.status!.updatedReplicas = 3;
    deployment.status!.replicas = 4;
    expect(judgeRollout(deployment).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    );
  });

  it('waits for a StatefulSet without a partition until the update revision is current', () => {
    const statefulSet = object('statefulset-complete');
    delete statefulSet.spec!.updateStrategy!.rollingUpdate;
    statefulSet.status!.updateRevision = 'db-next';
    expect(judgeRollout(statefulSet)).toEqual({
      state: 'progressing',
      message: 'waiting for statefulset rolling update to complete 2 pods at revision db-next...',
    });
    statefulSet.status!.currentRevision = 'db-next';
    expect(judgeRollout(statefulSet).state).toBe('ready');
  });

  it('holds a partitioned StatefulSet to the pods above the partition', () => {
    const statefulSet = object('statefulset-partitioned');
    statefulSet.status!.updatedReplicas = 0;
    expect(judgeRollout(statefulSet).message).toBe('Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...');
  });

  it('has nothing to wait for with OnDelete updates', () => {
    const daemonSet = object('daemonset-progressing');
    daemonSet.spec!.updateStrategy = { type: 'OnDelete' };
    expect(judgeRollout(daemonSet).state).toBe('ready');
    const statefulSet = object('statefulset-progressing');
    statefulSet.spec!.updateStrategy = { type: 'OnDelete' };
    expect(judgeRollout(statefulSet).state).toBe('ready');
  });
});
