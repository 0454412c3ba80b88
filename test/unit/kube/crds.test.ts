import { describe, expect, it } from '@jest/globals';
import type { Logger } from '../../../src/action/logger.js';
import { applyManifests, CrdNotEstablishedError, waitEstablished } from '../../../src/kube/apply.js';
import { Kubectl, type KubectlResult, type KubectlRunner } from '../../../src/kube/kubectl.js';
import type { Manifest } from '../../../src/kube/manifests.js';

const logger: Logger = { info: () => undefined, warning: () => undefined, error: () => undefined, group: (_name, body) => body() };

/** kubectl as the API server would answer while `pending` CRDs never get Established. */
function cluster(pending: Record<string, { type: string; status: string; reason?: string; message?: string }[]>) {
  const calls: string[][] = [];
  const runner: KubectlRunner = {
    run: async (args): Promise<KubectlResult> => {
      calls.push(args);
      const named = args.filter((arg) => arg.startsWith('customresourcedefinition.apiextensions.k8s.io/')).map((arg) => arg.split('/')[1]);
      if (args[0] === 'wait') {
        const late = named.filter((name) => pending[name]);
        return late.length
          ? { code: 1, stdout: '', stderr: `error: timed out waiting for the condition on customresourcedefinitions/${late[0]}\n` }
          : {
              code: 0,
              stdout: named.map((n) => `customresourcedefinition.apiextensions.k8s.io/${n} condition met`).join('\n'),
              stderr: '',
            };
      }
      if (args[0] === 'get') {
        const items = named.map((name) => ({
          metadata: { name },
          status: { conditions: pending[name] ?? [{ type: 'Established', status: 'True' }] },
        }));
        return { code: 0, stdout: JSON.stringify(items.length === 1 ? items[0] : { kind: 'List', items }), stderr: '' };
      }
      if (args[0] === 'apply') return { code: 0, stdout: '{"kind":"List","items":[]}', stderr: '' };
      throw new Error(`unexpected kubectl ${args.join(' ')}`);
    },
    stream: async () => ({ code: 0, stdout: '', stderr: '' }),
  };
  return { kubectl: new Kubectl(runner), calls };
}

const conflict = [
  { type: 'NamesAccepted', status: 'False', reason: 'ListKindConflict', message: '"WidgetList" is already in use' },
  { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
];

describe('waitEstablished', () => {
  it('waits with kubectl wait, within the time given, and returns when every CRD is Established', async () => {
    const { kubectl, calls } = cluster({});
    await waitEstablished(kubectl, ['a.example.com', 'b.example.com'], 2500);
    expect(calls).toEqual([
      [
        'wait',
        '--for=condition=Established',
        '--timeout=3s',
        'customresourcedefinition.apiextensions.k8s.io/a.example.com',
        'customresourcedefinition.apiextensions.k8s.io/b.example.com',
      ],
    ]);
  });

  it('names the CRDs not Established, with their conditions, and only those', async () => {
    const { kubectl } = cluster({ 'widgets.example.com': conflict });
    const error = await waitEstablished(kubectl, ['gadgets.example.com', 'widgets.example.com'], 60_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrdNotEstablishedError);
    expect((error as CrdNotEstablishedError).crds).toEqual(['widgets.example.com']);
    expect((error as Error).message).toBe(
      'CustomResourceDefinition widgets.example.com: NamesAccepted False (ListKindConflict: "WidgetList" is already in use), Established False (NotAccepted: not all names are accepted): not Established within 60 s, so the cluster does not serve its kind and nothing after the Namespaces and CRDs was applied',
    );
  });
});

describe('applyManifests with CRDs', () => {
  const crd = (name: string): Manifest => ({
    source: 'crds.yaml#1',
    ref: { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', namespace: '', name },
    object: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name } },
  });
  const widget: Manifest = {
    source: 'widget.yaml#1',
    ref: { group: 'example.com', kind: 'Widget', namespace: 'shop', name: 'w' },
    object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } },
  };

  it('applies nothing after the CRDs when one is not Established, and the wait is bounded by the timeout given', async () => {
    const { kubectl, calls } = cluster({ 'widgets.example.com': conflict });
    const error = await applyManifests(kubectl, [widget, crd('widgets.example.com')], {
      forceConflicts: true,
      logger,
      crdTimeoutMs: 7000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrdNotEstablishedError);
    const applies = calls.filter((args) => args[0] === 'apply');
    // The CRD's dry run and apply; the Widget neither.
    expect(applies).toHaveLength(2);
    expect(calls.find((args) => args[0] === 'wait')).toContain('--timeout=7s');
  });
});
