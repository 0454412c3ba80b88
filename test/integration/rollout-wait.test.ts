import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { silentLogger } from '../../src/action/logger.js';
import { Kubectl, spawnKubectl } from '../../src/kube/kubectl.js';
import { waitForRollouts } from '../../src/kube/wait.js';

let sim: KubeSim;
let kubectl: Kubectl;
let namespaces = 0;

beforeAll(async () => {
  sim = await startKubeSim();
  kubectl = new Kubectl(spawnKubectl(), { kubeconfig: sim.kubeconfigPath });
});
afterAll(async () => {
  await sim?.close();
});

/** A Job that runs until deleted, in a namespace of its own, once its pod runs. */
async function runningJob(): Promise<{ namespace: string; name: string }> {
  const namespace = `wait${++namespaces}`;
  sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  sim.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'slow', namespace },
    spec: {
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'registry.example/slow:1', command: ['sleep', '600'] }] },
      },
    },
  });
  await sim.waitUntil(() => sim.list('Pod', namespace).find((pod) => pod.status?.phase === 'Running'), {
    timeoutMs: 60_000,
    what: 'a running pod',
  });
  return { namespace, name: 'slow' };
}

describe('a rollout wait', () => {
  it('ends at once when its signal aborts, settling what is pending as cancelled', async () => {
    const { namespace, name } = await runningJob();
    const cancel = new AbortController();
    const waiting = waitForRollouts(kubectl, [{ group: 'batch', kind: 'Job', namespace, name }], {
      timeoutMs: 120_000,
      logger: silentLogger,
      signal: cancel.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const aborted = performance.now();
    cancel.abort();
    const [result] = await waiting;
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/^the wait was cancelled: /);
    // Bounded by the watch process's end, not by the 120 s timeout.
    expect(performance.now() - aborted).toBeLessThan(30_000);
  }, 120_000);

  it('is not held to its timeout by a deletion no watch saw (the watch was reconnecting), once cancelled', async () => {
    const { namespace, name } = await runningJob();
    const cancel = new AbortController();
    const waiting = waitForRollouts(kubectl, [{ group: 'batch', kind: 'Job', namespace, name }], {
      timeoutMs: 120_000,
      logger: silentLogger,
      signal: cancel.signal,
      reconnectDelayMs: () => 300,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The deletion falls between two watches: the next one lists nothing and waits.
    sim.dropWatches();
    sim.delete('Job', namespace, name);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    cancel.abort();
    const [result] = await waiting;
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/cancelled/);
  }, 120_000);

  it('is cancelled before it starts when its signal has already aborted', async () => {
    const [result] = await waitForRollouts(kubectl, [{ group: 'batch', kind: 'Job', namespace: 'none', name: 'none' }], {
      timeoutMs: 120_000,
      logger: silentLogger,
      signal: AbortSignal.abort(),
    });
    expect(result).toMatchObject({ status: 'failed', reason: 'the wait was cancelled: not seen yet' });
  });
});
