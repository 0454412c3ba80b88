import { describe, expect, it } from '@jest/globals';
import { autoscalerKey, autoscalersOf } from '../../../src/kube/strategies/canary/primary.js';
import { Kubectl, KubectlError, type KubectlResult, type KubectlRunner } from '../../../src/kube/kubectl.js';
import type { ObjectRef } from '../../../src/kube/objects.js';

/** kubectl answering every call with `result`, recording the calls. */
function answering(result: Partial<KubectlResult>) {
  const calls: string[][] = [];
  const runner: KubectlRunner = {
    run: async (args) => {
      calls.push(args);
      return { code: 0, stdout: '', stderr: '', ...result };
    },
    stream: async () => ({ code: 0, stdout: '', stderr: '' }),
  };
  return { kubectl: new Kubectl(runner), calls };
}

const warnings: string[] = [];
const logger = {
  info: () => undefined,
  warning: (message: string) => void warnings.push(message),
  error: () => undefined,
  group: <T>(_name: string, body: () => Promise<T>) => body(),
};
const deployment = (namespace: string, name: string): ObjectRef => ({ group: 'apps', kind: 'Deployment', namespace, name });
const hpa = (name: string, target: Record<string, string>) => ({ metadata: { name }, spec: { scaleTargetRef: target } });

describe('the autoscalers of canary primaries', () => {
  it('finds the HPA that scales each Deployment, once per namespace, and no other', async () => {
    const items = [
      hpa('web', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }),
      hpa('old', { apiVersion: 'extensions/v1beta1', kind: 'Deployment', name: 'api' }),
      hpa('set', { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }),
    ];
    const { kubectl, calls } = answering({ stdout: JSON.stringify({ items }) });
    const found = await autoscalersOf(kubectl, [deployment('shop', 'web'), deployment('shop', 'api')], logger);
    expect([...found]).toEqual([[autoscalerKey(deployment('shop', 'web')), 'web']]);
    expect(calls).toEqual([['get', 'horizontalpodautoscalers.autoscaling', '-n', 'shop', '-o', 'json']]);
  });

  it('warns and goes on when it may not list them, and stops on any other error', async () => {
    const forbidden = answering({ code: 1, stderr: 'Error from server (Forbidden): horizontalpodautoscalers.autoscaling is forbidden' });
    expect((await autoscalersOf(forbidden.kubectl, [deployment('shop', 'web')], logger)).size).toBe(0);
    expect(warnings).toEqual([expect.stringMatching(/^cannot list HorizontalPodAutoscalers in shop \(forbidden\)/)]);
    const down = answering({ code: 1, stderr: 'The connection to the server was refused' });
    await expect(autoscalersOf(down.kubectl, [deployment('shop', 'web')], logger)).rejects.toBeInstanceOf(KubectlError);
  });
});
