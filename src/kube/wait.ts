import type { Logger } from '../action/logger.js';
import { formatDuration } from './duration.js';
import { JsonStream } from './json-stream.js';
import { lastLines, namespaceArgs, type Kubectl } from './kubectl.js';
import { describeRef, refKey, resourceArg, type KubeObject, type ObjectRef } from './objects.js';
import { isTemplateContainer, matchesSelector, unpullableContainer, type Pod, type Unpullable } from './pods.js';
import { judgeRollout } from './rollout.js';

export type WorkloadStatus = 'succeeded' | 'failed' | 'timed-out';

export interface WorkloadResult {
  ref: ObjectRef;
  status: WorkloadStatus;
  /** From the start of the wait to the verdict. */
  durationMs: number;
  /** The last thing the rollout rules said about it. */
  reason: string;
  /** The object as last seen, for diagnosis. */
  object?: KubeObject;
}

export interface WaitOptions {
  timeoutMs: number;
  logger: Logger;
  clock?: () => number;
  /** Fail a workload as soon as a pod of its current template cannot pull an image that does not exist. */
  failFast?: boolean;
  /** Pause before watching again after a watch ended early; grows with each consecutive failure. */
  reconnectDelayMs?: (failures: number) => number;
}

interface Tracked {
  ref: ObjectRef;
  message: string;
  object?: KubeObject;
  result?: WorkloadResult;
}

interface WatchEvent {
  type?: string;
  object?: KubeObject;
}

const defaultReconnectDelay = (failures: number) => Math.min(2000, 50 * 2 ** failures);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * Waits for every workload in parallel, all within one overall timeout. One
 * watch per kind and namespace streams every change (`kubectl get -w`), and
 * each change of a workload we applied is judged by the rollout rules at
 * once, so a verdict comes as soon as the cluster reports it, not at the next
 * poll. With `failFast`, one more watch per namespace follows the pods, and a
 * workload fails at once when a pod of its current template cannot pull an
 * image the registry says does not exist: no wait, however long, would help.
 * A watch that ends early (a dropped connection, a server error) is started
 * again; its first list brings us up to date.
 */
export async function waitForRollouts(kubectl: Kubectl, refs: ObjectRef[], options: WaitOptions): Promise<WorkloadResult[]> {
  const clock = options.clock ?? (() => performance.now());
  const reconnectDelay = options.reconnectDelayMs ?? defaultReconnectDelay;
  const started = clock();
  const tracked = new Map(refs.map((ref) => [refKey(ref), { ref, message: 'not seen yet' } as Tracked]));
  const all = new AbortController();
  const timer = setTimeout(() => all.abort(), options.timeoutMs);
  const watches = new Set<{ pending: () => boolean; stop: () => void }>();

  const settle = (item: Tracked, status: WorkloadStatus, reason: string) => {
    item.result = { ref: item.ref, status, durationMs: Math.round(clock() - started), reason, object: item.object };
    const line = `${describeRef(item.ref)}: ${status} after ${formatDuration(item.result.durationMs)}: ${reason}`;
    if (status === 'succeeded') options.logger.info(line);
    else options.logger.warning(line);
    for (const watch of watches) if (!watch.pending()) watch.stop();
  };

  /** Streams `kubectl get --watch` events until nothing it serves is pending, starting it again when it ends early. */
  const watch = async (resource: string, namespace: string, pending: () => boolean, onEvent: (event: WatchEvent) => void) => {
    let failures = 0;
    while (pending() && !all.signal.aborted) {
      const done = new AbortController();
      const entry = { pending, stop: () => done.abort() };
      watches.add(entry);
      all.signal.addEventListener('abort', entry.stop);
      const stream = new JsonStream();
      let events = 0;
      const exit = await kubectl.stream(
        ['get', resource, ...namespaceArgs(namespace), '--watch', '--output-watch-events', '-o', 'json'],
        (chunk) => {
          for (const event of stream.push(chunk)) {
            events++;
            onEvent(event as WatchEvent);
          }
        },
        done.signal,
      );
      watches.delete(entry);
      all.signal.removeEventListener('abort', entry.stop);
      if (!pending() || all.signal.aborted) break;
      failures = events > 0 ? 0 : failures + 1;
      const why = exit.code === 0 ? 'the server closed it' : `exit ${exit.code}: ${lastLines(exit.stderr, 2) || 'no message'}`;
      options.logger.info(`watch of ${resource}${namespace ? ` in ${namespace}` : ''} ended (${why}); watching again`);
      await sleep(reconnectDelay(failures), all.signal);
    }
  };

  const byNamespace = new Map<string, Tracked[]>();
  const byResource = new Map<string, Tracked[]>();
  for (const item of tracked.values()) {
    const resource = `${resourceArg(item.ref)} ${item.ref.namespace}`;
    byResource.set(resource, [...(byResource.get(resource) ?? []), item]);
    byNamespace.set(item.ref.namespace, [...(byNamespace.get(item.ref.namespace) ?? []), item]);
  }
  /** Per namespace as the workloads name it, the pods that cannot pull their image, by pod name. */
  const unpullable = new Map<string, Map<string, Unpullable & { labels?: Record<string, string> }>>();

  const failIfUnpullable = (item: Tracked) => {
    if (!options.failFast || !item.object || item.result) return;
    for (const found of unpullable.get(item.ref.namespace)?.values() ?? []) {
      if (matchesSelector(found.labels, item.object.spec?.selector) && isTemplateContainer(item.object, found)) {
        return settle(
          item,
          'failed',
          `pod ${found.pod} container ${found.container}: ${found.reason}: image ${found.image} cannot be pulled: ${found.message}`,
        );
      }
    }
  };

  const watchWorkloads = (items: Tracked[]) => {
    const byName = new Map(items.map((item) => [item.ref.name, item]));
    return watch(
      resourceArg(items[0].ref),
      items[0].ref.namespace,
      () => items.some((item) => !item.result),
      (event) => {
        const item = event.object?.metadata && byName.get(event.object.metadata.name);
        if (!item || item.result) return;
        item.object = event.object;
        if (event.type === 'DELETED') return settle(item, 'failed', 'it was deleted while we waited for it');
        if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
        const verdict = judgeRollout(event.object!);
        if (verdict.state !== 'progressing') return settle(item, verdict.state === 'ready' ? 'succeeded' : 'failed', verdict.message);
        if (verdict.message !== item.message) options.logger.info(`${describeRef(item.ref)}: ${verdict.message}`);
        item.message = verdict.message;
        failIfUnpullable(item);
      },
    );
  };

  const watchPods = (namespace: string, items: Tracked[]) => {
    const found = new Map<string, Unpullable & { labels?: Record<string, string> }>();
    unpullable.set(namespace, found);
    return watch(
      'pods',
      namespace,
      () => items.some((item) => !item.result),
      (event) => {
        const pod = event.object as Pod | undefined;
        if (!pod?.metadata) return;
        const container = event.type === 'DELETED' ? undefined : unpullableContainer(pod);
        if (!container) return void found.delete(pod.metadata.name);
        found.set(pod.metadata.name, { ...container, labels: pod.metadata.labels });
        items.forEach(failIfUnpullable);
      },
    );
  };

  try {
    await Promise.all([
      ...[...byResource.values()].map(watchWorkloads),
      ...(options.failFast ? [...byNamespace].map(([namespace, items]) => watchPods(namespace, items)) : []),
    ]);
  } finally {
    clearTimeout(timer);
  }
  for (const item of tracked.values()) {
    if (!item.result) settle(item, 'timed-out', `not rolled out within ${formatDuration(options.timeoutMs)}: ${item.message}`);
  }
  return [...tracked.values()].map((item) => item.result!);
}
