import type { Logger } from '../action/logger.js';
import { formatDuration } from './duration.js';
import { JsonStream } from './json-stream.js';
import { lastLines, type Kubectl } from './kubectl.js';
import { describeRef, refKey, resourceArg, type KubeObject, type ObjectRef } from './objects.js';
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
  /** Pause before watching again after a watch ended early; grows with each consecutive failure. */
  reconnectDelayMs?: (failures: number) => number;
}

interface Tracked {
  ref: ObjectRef;
  message: string;
  object?: KubeObject;
  result?: WorkloadResult;
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
 * poll. A watch that ends early (a dropped connection, a server error) is
 * started again; its first list brings us up to date.
 */
export async function waitForRollouts(kubectl: Kubectl, refs: ObjectRef[], options: WaitOptions): Promise<WorkloadResult[]> {
  const clock = options.clock ?? (() => performance.now());
  const reconnectDelay = options.reconnectDelayMs ?? defaultReconnectDelay;
  const started = clock();
  const tracked = new Map(refs.map((ref) => [refKey(ref), { ref, message: 'not seen yet' } as Tracked]));
  const all = new AbortController();
  const timer = setTimeout(() => all.abort(), options.timeoutMs);

  const settle = (item: Tracked, status: WorkloadStatus, reason: string) => {
    item.result = { ref: item.ref, status, durationMs: Math.round(clock() - started), reason, object: item.object };
    const line = `${describeRef(item.ref)}: ${status} after ${formatDuration(item.result.durationMs)}: ${reason}`;
    if (status === 'succeeded') options.logger.info(line);
    else options.logger.warning(line);
  };

  const groups = new Map<string, Tracked[]>();
  for (const item of tracked.values()) {
    const key = `${resourceArg(item.ref)} ${item.ref.namespace}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }

  const watchGroup = async (items: Tracked[]) => {
    const { ref } = items[0];
    const byName = new Map(items.map((item) => [item.ref.name, item]));
    const pending = () => items.some((item) => !item.result);
    const args = [
      'get',
      resourceArg(ref),
      ...(ref.namespace ? ['-n', ref.namespace] : []),
      '--watch',
      '--output-watch-events',
      '-o',
      'json',
    ];
    let failures = 0;
    while (pending() && !all.signal.aborted) {
      const done = new AbortController();
      const stopWhenDone = () => done.abort();
      all.signal.addEventListener('abort', stopWhenDone);
      const stream = new JsonStream();
      let events = 0;
      const onEvent = (event: { type?: string; object?: KubeObject }) => {
        events++;
        const item = event.object?.metadata && byName.get(event.object.metadata.name);
        if (!item || item.result) return;
        if (event.type === 'DELETED') {
          item.object = event.object;
          settle(item, 'failed', 'it was deleted while we waited for it');
        } else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
          item.object = event.object;
          const verdict = judgeRollout(event.object!);
          if (verdict.state === 'progressing') {
            if (verdict.message !== item.message) options.logger.info(`${describeRef(item.ref)}: ${verdict.message}`);
          } else settle(item, verdict.state === 'ready' ? 'succeeded' : 'failed', verdict.message);
          item.message = verdict.message;
        }
        if (!pending()) done.abort();
      };
      const exit = await kubectl.stream(
        args,
        (chunk) => {
          for (const event of stream.push(chunk)) onEvent(event as { type?: string; object?: KubeObject });
        },
        done.signal,
      );
      all.signal.removeEventListener('abort', stopWhenDone);
      if (!pending() || all.signal.aborted) break;
      failures = events > 0 ? 0 : failures + 1;
      const why = exit.code === 0 ? 'the server closed it' : `exit ${exit.code}: ${lastLines(exit.stderr, 2) || 'no message'}`;
      options.logger.info(`watch of ${resourceArg(ref)}${ref.namespace ? ` in ${ref.namespace}` : ''} ended (${why}); watching again`);
      await sleep(reconnectDelay(failures), all.signal);
    }
  };

  try {
    await Promise.all([...groups.values()].map(watchGroup));
  } finally {
    clearTimeout(timer);
  }
  for (const item of tracked.values()) {
    if (!item.result) settle(item, 'timed-out', `not rolled out within ${formatDuration(options.timeoutMs)}: ${item.message}`);
  }
  return [...tracked.values()].map((item) => item.result!);
}
