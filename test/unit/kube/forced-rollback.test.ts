import { describe, expect, it } from '@jest/globals';
import type { Logger } from '../../../src/action/logger.js';
import { failedRevisions, releaseStuckPods, type FailedRevision } from '../../../src/kube/forced-rollback.js';
import { Kubectl, type KubectlRunner } from '../../../src/kube/kubectl.js';
import type { KubeObject } from '../../../src/kube/objects.js';
import type { WorkloadResult } from '../../../src/kube/wait.js';

const logger: Logger & { lines: string[] } = {
  lines: [],
  info(message) {
    this.lines.push(message);
  },
  warning(message) {
    this.lines.push(message);
  },
  error(message) {
    this.lines.push(message);
  },
  group: (_name, body) => body(),
};

const pod = (name: string, revision: string, owner: string, ready: boolean, waiting?: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'db', 'controller-revision-hash': revision }, ownerReferences: [{ uid: owner }] },
  status: {
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containerStatuses: [{ name: 'db', image: 'db:v2', ready, state: waiting ? { waiting: { reason: waiting } } : { running: {} } }],
  },
});

/** A cluster of one StatefulSet, answering kubectl as the API server would; `observed` is its controller's view, in turn. */
function cluster(statefulSet: { observed: number[]; updateRevision: string }, pods: object[]) {
  const calls: string[][] = [];
  let looks = 0;
  const runner: KubectlRunner = {
    run: async (args) => {
      calls.push(args);
      const ok = (value: object | string) => ({ code: 0, stdout: typeof value === 'string' ? value : JSON.stringify(value), stderr: '' });
      if (args[0] === 'get' && args[1] === 'statefulset.apps') {
        const observedGeneration = statefulSet.observed[Math.min(looks++, statefulSet.observed.length - 1)];
        return ok({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'db', namespace: 'shop', uid: 'sts-uid', generation: 5 },
          spec: { selector: { matchLabels: { app: 'db' } } },
          status: { observedGeneration, updateRevision: statefulSet.updateRevision, currentRevision: 'db-good', updatedReplicas: 2 },
        });
      }
      if (args[0] === 'get' && args[1] === 'pods') return ok({ items: pods });
      if (args[0] === 'delete') {
        const names = args.slice(2, args.indexOf('-n'));
        return ok(names.map((n) => `pod/${n}`).join('\n'));
      }
      throw new Error(`unexpected kubectl ${args.join(' ')}`);
    },
    stream: async () => ({ code: 0, stdout: '', stderr: '' }),
  };
  return { kubectl: new Kubectl(runner), calls };
}

const ref = { group: 'apps', kind: 'StatefulSet', namespace: 'shop', name: 'db' };
const reverted: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop', generation: 5 } };
const failed = (touched: number): FailedRevision => ({
  ref,
  uid: 'sts-uid',
  revision: 'db-bad',
  touched,
  selector: { matchLabels: { app: 'db' } },
});

const PODS = [
  pod('db-0', 'db-bad', 'another-uid', false, 'ImagePullBackOff'), // not this StatefulSet's
  pod('db-1', 'db-good', 'sts-uid', false, 'CrashLoopBackOff'), // production's revision: not ours to delete
  pod('db-2', 'db-bad', 'sts-uid', true), // of the failed revision, but Ready
  pod('db-3', 'db-bad', 'sts-uid', false, 'CrashLoopBackOff'),
  pod('db-4', 'db-bad', 'sts-uid', false, 'ImagePullBackOff'),
];

describe('releaseStuckPods: the forced rollback, within bounds', () => {
  it('deletes only not-Ready pods of the failed revision owned by the StatefulSet, highest ordinal first, no more than were touched', async () => {
    const one = cluster({ observed: [5], updateRevision: 'db-good' }, PODS);
    const released = await releaseStuckPods(one.kubectl, [failed(1)], { applied: [reverted], timeoutMs: 5000, logger });
    expect(released).toEqual([
      {
        pod: { group: '', kind: 'Pod', namespace: 'shop', name: 'db-4' },
        workload: ref,
        revision: 'db-bad',
        why: 'ImagePullBackOff (container db)',
      },
    ]);
    expect(one.calls.filter((args) => args[0] === 'delete')).toEqual([
      ['delete', 'pod', 'db-4', '-n', 'shop', '--ignore-not-found', '--wait=false', '-o', 'name'],
    ]);

    const all = cluster({ observed: [5], updateRevision: 'db-good' }, PODS);
    const more = await releaseStuckPods(all.kubectl, [failed(10)], { applied: [reverted], timeoutMs: 5000, logger });
    expect(more.map((r) => [r.pod.name, r.why])).toEqual([
      ['db-4', 'ImagePullBackOff (container db)'],
      ['db-3', 'CrashLoopBackOff (container db)'],
    ]);
  });

  it('waits for the controller to see the reverted template before deleting anything', async () => {
    const lagging = cluster({ observed: [4, 4, 5], updateRevision: 'db-good' }, PODS);
    const released = await releaseStuckPods(lagging.kubectl, [failed(1)], { applied: [reverted], timeoutMs: 5000, logger });
    expect(released.map((r) => r.pod.name)).toEqual(['db-4']);
    const order = lagging.calls.map((args) => `${args[0]} ${args[1]}`);
    expect(order.slice(0, 3)).toEqual(['get statefulset.apps', 'get statefulset.apps', 'get statefulset.apps']);
    expect(order.indexOf('delete pod')).toBeGreaterThan(2);
  });

  it('deletes nothing when production has the failed template, when the controller never catches up, or when the rollback did not apply it', async () => {
    const same = cluster({ observed: [5], updateRevision: 'db-bad' }, PODS);
    expect(await releaseStuckPods(same.kubectl, [failed(3)], { applied: [reverted], timeoutMs: 5000, logger })).toEqual([]);
    const never = cluster({ observed: [4], updateRevision: 'db-good' }, PODS);
    expect(await releaseStuckPods(never.kubectl, [failed(3)], { applied: [reverted], timeoutMs: 300, logger })).toEqual([]);
    const absent = cluster({ observed: [5], updateRevision: 'db-good' }, PODS);
    expect(await releaseStuckPods(absent.kubectl, [failed(3)], { applied: [], timeoutMs: 5000, logger })).toEqual([]);
    for (const { calls } of [same, never, absent]) expect(calls.some((args) => args[0] === 'delete')).toBe(false);
  });
});

describe('failedRevisions', () => {
  it('reads the failed StatefulSets as they stand, and nothing else', async () => {
    const { kubectl, calls } = cluster({ observed: [5], updateRevision: 'db-bad' }, []);
    const result = (r: typeof ref, status: WorkloadResult['status']): WorkloadResult => ({ ref: r, status, durationMs: 1, reason: '' });
    const found = await failedRevisions(kubectl, [
      result(ref, 'timed-out'),
      result({ ...ref, kind: 'Deployment', name: 'web' }, 'failed'),
      result({ ...ref, name: 'fine' }, 'succeeded'),
    ]);
    expect(found).toEqual([{ ref, uid: 'sts-uid', revision: 'db-bad', touched: 2, selector: { matchLabels: { app: 'db' } } }]);
    expect(calls).toHaveLength(1);
  });
});
