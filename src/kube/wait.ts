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
  /** Ends the wait early (a cancelled step): what is still pending is settled as cancelled. */
  signal?: AbortSignal;
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
  return new RolloutWait(kubectl, refs, options).run();
}

type UnpullablePod = Unpullable & { labels?: Record<string, string> };

/** One wait for a set of workloads: the watches, and the verdicts they lead to. */
class RolloutWait {
  private readonly clock: () => number;
  private readonly started: number;
  private readonly tracked: Map<string, Tracked>;
  private readonly all = new AbortController();
  private readonly watches = new Set<{ pending: () => boolean; stop: () => void }>();
  /** Per namespace as the workloads name it, the pods that cannot pull their image, by pod name. */
  private readonly unpullable = new Map<string, Map<string, UnpullablePod>>();

  constructor(
    private readonly kubectl: Kubectl,
    refs: ObjectRef[],
    private readonly options: WaitOptions,
  ) {
    this.clock = options.clock ?? (() => performance.now());
    this.started = this.clock();
    this.tracked = new Map(refs.map((ref) => [refKey(ref), { ref, message: 'not seen yet' } as Tracked]));
  }

  async run(): Promise<WorkloadResult[]> {
    const { options } = this;
    const timer = setTimeout(() => this.all.abort(), options.timeoutMs);
    // A deletion seen by no watch (one reconnecting at that moment) would otherwise be waited out to the timeout.
    const cancel = () => this.all.abort();
    options.signal?.addEventListener('abort', cancel);
    if (options.signal?.aborted) cancel();
    const byNamespace = new Map<string, Tracked[]>();
    const byResource = new Map<string, Tracked[]>();
    for (const item of this.tracked.values()) {
      const resource = `${resourceArg(item.ref)} ${item.ref.namespace}`;
      byResource.set(resource, [...(byResource.get(resource) ?? []), item]);
      byNamespace.set(item.ref.namespace, [...(byNamespace.get(item.ref.namespace) ?? []), item]);
    }
    try {
      await Promise.all([
        ...[...byResource.values()].map((items) => this.watchWorkloads(items)),
        ...(options.failFast ? [...byNamespace].map(([namespace, items]) => this.watchPods(namespace, items)) : []),
      ]);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', cancel);
    }
    for (const item of this.tracked.values()) {
      if (item.result) continue;
      if (options.signal?.aborted) this.settle(item, 'failed', `the wait was cancelled: ${item.message}`);
      else this.settle(item, 'timed-out', `not rolled out within ${formatDuration(options.timeoutMs)}: ${item.message}`);
    }
    return [...this.tracked.values()].map((item) => item.result!);
  }

  private settle(item: Tracked, status: WorkloadStatus, reason: string): void {
    item.result = { ref: item.ref, status, durationMs: Math.round(this.clock() - this.started), reason, object: item.object };
    const line = `${describeRef(item.ref)}: ${status} after ${formatDuration(item.result.durationMs)}: ${reason}`;
    if (status === 'succeeded') this.options.logger.info(line);
    else this.options.logger.warning(line);
    for (const watch of this.watches) if (!watch.pending()) watch.stop();
  }

  /** Streams `kubectl get --watch` events until nothing it serves is pending, starting it again when it ends early. */
  private async watch(resource: string, namespace: string, pending: () => boolean, onEvent: (event: WatchEvent) => void): Promise<void> {
    const { all, options } = this;
    const reconnectDelay = options.reconnectDelayMs ?? defaultReconnectDelay;
    let failures = 0;
    while (pending() && !all.signal.aborted) {
      const done = new AbortController();
      const entry = { pending, stop: () => done.abort() };
      this.watches.add(entry);
      all.signal.addEventListener('abort', entry.stop);
      const stream = new JsonStream();
      let events = 0;
      const exit = await this.kubectl.stream(
        ['get', resource, ...namespaceArgs(namespace), '--watch', '--output-watch-events', '-o', 'json'],
        (chunk) => {
          for (const event of stream.push(chunk)) {
            events++;
            onEvent(event as WatchEvent);
          }
        },
        done.signal,
      );
      this.watches.delete(entry);
      all.signal.removeEventListener('abort', entry.stop);
      if (!pending() || all.signal.aborted) break;
      failures = events > 0 ? 0 : failures + 1;
      const why = exit.code === 0 ? 'the server closed it' : `exit ${exit.code}: ${lastLines(exit.stderr, 2) || 'no message'}`;
      options.logger.info(`watch of ${resource}${namespace ? ` in ${namespace}` : ''} ended (${why}); watching again`);
      await sleep(reconnectDelay(failures), all.signal);
    }
  }

  private failIfUnpullable(item: Tracked): void {
    if (!this.options.failFast || !item.object || item.result) return;
    for (const found of this.unpullable.get(item.ref.namespace)?.values() ?? []) {
      if (matchesSelector(found.labels, item.object.spec?.selector) && isTemplateContainer(item.object, found)) {
        return this.settle(
          item,
          'failed',
          `pod ${found.pod} container ${found.container}: ${found.reason}: image ${found.image} cannot be pulled: ${found.message}`,
        );
      }
    }
  }

  /** Judges each change of the workloads of one kind and namespace by the rollout rules. */
  private watchWorkloads(items: Tracked[]): Promise<void> {
    const byName = new Map(items.map((item) => [item.ref.name, item]));
    return this.watch(
      resourceArg(items[0].ref),
      items[0].ref.namespace,
      () => items.some((item) => !item.result),
      (event) => {
        const item = event.object?.metadata && byName.get(event.object.metadata.name);
        if (!item || item.result) return;
        item.object = event.object;
        if (event.type === 'DELETED') return this.settle(item, 'failed', 'it was deleted while we waited for it');
        if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
        const verdict = judgeRollout(event.object!);
        if (verdict.state !== 'progressing') return this.settle(item, verdict.state === 'ready' ? 'succeeded' : 'failed', verdict.message);
        if (verdict.message !== item.message) this.options.logger.info(`${describeRef(item.ref)}: ${verdict.message}`);
        item.message = verdict.message;
        this.failIfUnpullable(item);
      },
    );
  }

  /** Follows a namespace's pods for one that cannot pull its image, which fails its workload at once. */
  private watchPods(namespace: string, items: Tracked[]): Promise<void> {
    const found = new Map<string, UnpullablePod>();
    this.unpullable.set(namespace, found);
    return this.watch(
      'pods',
      namespace,
      () => items.some((item) => !item.result),
      (event) => {
        const pod = event.object as Pod | undefined;
        if (!pod?.metadata) return;
        const container = event.type === 'DELETED' ? undefined : unpullableContainer(pod);
        if (!container) return void found.delete(pod.metadata.name);
        found.set(pod.metadata.name, { ...container, labels: pod.metadata.labels });
        items.forEach((item) => this.failIfUnpullable(item));
      },
    );
  }
}
