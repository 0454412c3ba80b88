import { canaryManifests } from '../../../src/kube/strategies/canary/plan.js';
import { emptyReport, strategyOutputs, strategySection } from '../../../src/kube/strategies/report.js';
import {
  canaryStateOf,
  primaryPatch,
  splitReplicas,
  SHARE_TOLERANCE,
  colorName,
  derivedDeployment,
  isPodDependency,
  liveColorOf,
  nextColor,
  previewService,
  retargetPatch,
  routingSelector,
  selectsPods,
  switchedService,
  trackName,
} from '../../../src/kube/strategies/shape.js';
import type { Manifest } from '../../../src/kube/manifests.js';
import type { KubeObject } from '../../../src/kube/objects.js';

const web = (image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas: 4,
    progressDeadlineSeconds: 120,
    revisionHistoryLimit: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'web', image }] } },
    ...extra,
  },
});
const manifest = (object: KubeObject): Manifest => ({
  object,
  ref: { group: 'apps', kind: object.kind, namespace: 'shop', name: object.metadata.name },
  source: 'k8s/web.yaml#1',
});
const service = (selector: Record<string, string>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
  spec: { type: 'LoadBalancer', clusterIP: '10.0.0.7', selector, ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 31000 }] },
});

describe('names and numbers', () => {
  it('names the canary, the baseline, the colours and previews after the Deployment', () => {
    expect(trackName('web', 'canary')).toBe('web-canary');
    expect(trackName('web', 'baseline')).toBe('web-baseline');
    expect(colorName('web', 'blue')).toBe('web-blue');
  });

  it.each([
    // share, primary replicas, canary / baseline / primary pods, canary share served
    [10, 10, [1, 1, 8], 10],
    [10, 4, [1, 1, 2], 25], // whole pods cannot do better
    [10, 2, [1, 1, 0], 50],
    [25, 4, [1, 1, 2], 25],
    [30, 4, [1, 1, 2], 25],
    [50, 1, [1, 1, 0], 50], // one replica: canary and baseline, the primary at zero
    [75, 4, [3, 1, 0], 75], // past half, the baseline serves what is left
    [100, 3, [3, 0, 0], 100],
    [10, 9, [1, 1, 7], 11.1],
    [1, 200, [2, 2, 196], 1],
    [33, 3, [1, 1, 1], 33.3],
  ])('%i%% of %i replicas: %j pods, %d%% served', (share, replicas, pods, served) => {
    const split = splitReplicas(share, replicas);
    expect([split.canary, split.baseline, split.primary]).toEqual(pods);
    expect(split.served.canary).toBe(served);
    expect(split.honest).toBe(Math.abs(served - share) <= SHARE_TOLERANCE);
  });

  it('serves every share within 2 points where the replicas allow it, and says how many replicas would otherwise', () => {
    for (let replicas = 1; replicas <= 60; replicas++) {
      for (let share = 1; share <= 100; share++) {
        const split = splitReplicas(share, replicas);
        const total = split.canary + split.baseline + split.primary;
        // The Services spread over as many pods as the primary ran (two at least: one canary, one baseline).
        expect(total).toBe(Math.max(replicas, share < 100 ? 2 : 1));
        expect(split.canary).toBeGreaterThanOrEqual(1);
        if (share < 100) expect(split.baseline).toBeGreaterThanOrEqual(1);
        if (share <= 50) expect(split.baseline).toBe(split.canary);
        else expect(split.primary).toBe(0);
        // No other whole-pod split of the same pods comes nearer.
        const nearest = Math.min(
          ...Array.from({ length: total }, (_, i) => i + 1)
            .filter((c) => (share <= 50 ? 2 * c <= total : share < 100 ? c < total : c === total))
            .map((c) => Math.abs((c * 100) / total - share)),
        );
        expect(Math.abs((split.canary * 100) / total - share)).toBeCloseTo(nearest, 9);
        expect(split.honest).toBe(nearest <= SHARE_TOLERANCE + 1e-9);
        if (!split.honest) {
          expect(split.replicasNeeded).toBeGreaterThan(replicas);
          expect(splitReplicas(share, split.replicasNeeded!).honest).toBe(true);
          expect(splitReplicas(share, split.replicasNeeded! - 1).honest).toBe(false);
        }
        expect(split.served.canary + split.served.baseline + split.served.primary).toBeCloseTo(100, 0);
      }
    }
  });

  it('leaves an autoscaled primary its replicas and sizes canary and baseline beside it', () => {
    expect(splitReplicas(10, 9, { primaryFixed: true })).toMatchObject({ canary: 1, baseline: 1, primary: 9, honest: true });
    expect(splitReplicas(20, 6, { primaryFixed: true })).toMatchObject({ canary: 2, baseline: 2, primary: 6, served: { canary: 20 } });
    // A canary cannot reach half beside a primary that keeps its pods.
    expect(splitReplicas(60, 4, { primaryFixed: true })).toMatchObject({ honest: false });
    expect(splitReplicas(60, 4, { primaryFixed: true }).replicasNeeded).toBeUndefined();
  });

  it('records the canary state on the primary and reads it back, refusing a record it cannot read', () => {
    const state = {
      revision: 'a'.repeat(40),
      replicas: 10,
      autoscaled: false,
      step: 2,
      history: [
        { share: 10, served: 10 },
        { share: 25, served: 25 },
      ],
    };
    const patch = primaryPatch(4, state) as { metadata: { annotations: Record<string, string> }; spec: { replicas: number } };
    expect(patch.spec.replicas).toBe(4);
    const primary = web('web:v1', {});
    primary.metadata.annotations = patch.metadata.annotations;
    expect(canaryStateOf(primary)).toEqual(state);
    expect(primaryPatch(undefined, null)).toEqual({ metadata: { annotations: { 'gitops-delivery/canary': null } } });
    expect(canaryStateOf(web('web:v1'))).toBeUndefined();
    primary.metadata.annotations = { 'gitops-delivery/canary': '{"revision":"x"}' };
    expect(() => canaryStateOf(primary)).toThrow(/annotation gitops-delivery\/canary of deployment web cannot be read/);
  });

  it('alternates colours, green first', () => {
    expect(nextColor(undefined)).toBe('green');
    expect(nextColor('green')).toBe('blue');
    expect(nextColor('blue')).toBe('green');
  });

  it('reads the live colour from the annotation, ignoring what is not a colour', () => {
    expect(liveColorOf(service({ app: 'web' }, { 'gitops-delivery/live-color': 'blue' }))).toBe('blue');
    expect(liveColorOf(service({ app: 'web' }, { 'gitops-delivery/live-color': 'purple' }))).toBeUndefined();
    expect(liveColorOf(service({ app: 'web' }))).toBeUndefined();
  });
});

describe('derived objects', () => {
  it('adds the label to labels, selector and template, renames, and keeps what makes it behave alike', () => {
    const source = web('web:v2', { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } });
    const canary = derivedDeployment(source, { name: 'web-canary', label: 'track', value: 'canary', replicas: 1 });
    expect(canary).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web-canary', namespace: 'shop', labels: { app: 'web', track: 'canary' } },
      spec: {
        replicas: 1,
        progressDeadlineSeconds: 120,
        selector: { matchLabels: { app: 'web', track: 'canary' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
        template: {
          metadata: { labels: { app: 'web', tier: 'front', track: 'canary' } },
          spec: { containers: [{ name: 'web', image: 'web:v2' }] },
        },
      },
    });
    // The source is left as it was.
    expect(source.spec!.selector!.matchLabels).toEqual({ app: 'web' });
    expect(source.metadata.name).toBe('web');
  });

  it('builds the canary from the candidate and the baseline from the running pod template, each sized by the split', () => {
    const running = web('web:v1');
    (running.spec!.template as { metadata: Record<string, unknown> }).metadata.creationTimestamp = null;
    running.metadata = { ...running.metadata, uid: 'u-1', resourceVersion: '42', managedFields: [] };
    running.status = { replicas: 4 };
    const manifests = canaryManifests(
      manifest(web('web:v2')),
      { ...running, spec: { ...running.spec, replicas: 6 } },
      { canary: 3, baseline: 2 },
    );
    const [canary, baseline] = manifests;
    expect(canary.object.spec!.replicas).toBe(3);
    expect(canary.ref).toEqual({ group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web-canary' });
    expect(baseline.ref.name).toBe('web-baseline');
    const image = (m: Manifest) => (m.object.spec!.template as { spec: { containers: { image: string }[] } }).spec.containers[0].image;
    expect(image(canary)).toBe('web:v2');
    expect(image(baseline)).toBe('web:v1');
    expect(baseline.object.spec!.replicas).toBe(2);
    expect(baseline.object.spec!.selector!.matchLabels).toEqual({ app: 'web', track: 'baseline' });
    // Nothing the server wrote is applied back.
    expect(baseline.object.metadata).toEqual({ name: 'web-baseline', namespace: 'shop', labels: { app: 'web', track: 'baseline' } });
    expect(baseline.object.status).toBeUndefined();
    expect((baseline.object.spec!.template as { metadata: object }).metadata).not.toHaveProperty('creationTimestamp');
  });

  it('matches a Service to pods by its selector, the colour aside', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(selectsPods(service({ app: 'web' }), labels)).toBe(true);
    expect(selectsPods(service({ app: 'web', color: 'blue' }), labels)).toBe(true);
    expect(selectsPods(service({ app: 'web', tier: 'back' }), labels)).toBe(false);
    expect(selectsPods(service({ app: 'api' }), labels)).toBe(false);
    expect(selectsPods(service({}), labels)).toBe(false);
    expect(selectsPods(service({ color: 'blue' }), labels)).toBe(false);
  });

  it('previews a Service as a ClusterIP Service selecting one colour, with its ports and nothing the server allocated', () => {
    const preview = previewService(service({ app: 'web', color: 'blue' }, { 'gitops-delivery/live-color': 'blue' }), 'green');
    expect(preview).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'web-preview',
        namespace: 'shop',
        labels: { app: 'web', 'gitops-delivery/preview-of': 'web', color: 'green' },
      },
      spec: { type: 'ClusterIP', selector: { app: 'web', color: 'green' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
  });

  it('switches a declared Service whole, and an undeclared one by the two fields it owns', () => {
    const declared = service({ app: 'web' }, { team: 'shop' });
    const switched = switchedService(declared, 'green', true);
    expect(switched.spec!.selector).toEqual({ app: 'web', color: 'green' });
    expect(switched.metadata.annotations).toEqual({ team: 'shop', 'gitops-delivery/live-color': 'green' });
    expect(switched.spec!.ports).toEqual(declared.spec!.ports);
    expect(declared.spec!.selector).toEqual({ app: 'web' });

    const live = service({ app: 'web', color: 'green' }, { 'gitops-delivery/live-color': 'green' });
    expect(switchedService(live, 'blue', false)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop', annotations: { 'gitops-delivery/live-color': 'blue' } },
      spec: { selector: { app: 'web', color: 'blue' } },
    });
  });

  it('pins a Service to pods by pod-template-hash, which matching, previews and switches leave aside', () => {
    const pinned = service({ app: 'web', 'pod-template-hash': '5d8f7c' });
    expect(routingSelector(pinned)).toEqual({ app: 'web' });
    expect(selectsPods(pinned, { app: 'web' })).toBe(true);
    expect(previewService(pinned, 'green').spec!.selector).toEqual({ app: 'web', color: 'green' });
    expect(switchedService(pinned, 'green', false).spec!.selector).toEqual({ app: 'web', color: 'green' });
  });

  it('patches a selector from one set of labels to another, dropping what goes with null', () => {
    expect(retargetPatch({ app: 'web' }, { app: 'web', 'pod-template-hash': '5d8f7c' })).toEqual({
      spec: { selector: { app: 'web', 'pod-template-hash': '5d8f7c' } },
    });
    expect(retargetPatch({ app: 'web', color: 'green' }, { app: 'web', 'pod-template-hash': '5d8f7c' }, null)).toEqual({
      metadata: { annotations: { 'gitops-delivery/live-color': null } },
      spec: { selector: { app: 'web', 'pod-template-hash': '5d8f7c', color: null } },
    });
    expect(retargetPatch({ app: 'web', color: 'green' }, { app: 'web', color: 'blue' }, 'blue')).toEqual({
      metadata: { annotations: { 'gitops-delivery/live-color': 'blue' } },
      spec: { selector: { app: 'web', color: 'blue' } },
    });
  });

  it('ships with the canary only what pods need to start', () => {
    const kinds = (group: string, kind: string) =>
      isPodDependency({ ...manifest(web('x')), ref: { group, kind, namespace: 'shop', name: 'x' } });
    expect(kinds('', 'ConfigMap')).toBe(true);
    expect(kinds('', 'Secret')).toBe(true);
    expect(kinds('', 'ServiceAccount')).toBe(true);
    expect(kinds('', 'Service')).toBe(false);
    expect(kinds('networking.k8s.io', 'Ingress')).toBe(false);
    expect(kinds('apps', 'StatefulSet')).toBe(false);
  });
});

describe('report', () => {
  it('gives empty outputs without a strategy, and the tracks and colour with one', () => {
    expect(strategyOutputs(undefined)).toEqual({
      'canary-workloads': '[]',
      'canary-share': '',
      'served-share': '',
      'canary-step': '',
      'canary-track': '',
      'baseline-track': '',
      'blue-green-workloads': '[]',
      color: '',
    });
    const report = emptyReport('blue-green', 'deploy');
    report.colors = [
      {
        namespace: 'shop',
        primary: 'web',
        color: 'blue',
        workload: 'web-blue',
        previous: 'web-green',
        services: ['web'],
        previews: ['web-preview'],
      },
      { namespace: 'shop', primary: 'api', color: 'green', workload: 'api-green', services: ['api'], previews: ['api-preview'] },
    ];
    // Two colours at once: no single answer.
    expect(strategyOutputs(report).color).toBe('');
    report.colors.pop();
    expect(strategyOutputs(report).color).toBe('blue');
    expect(strategySection(report).join('\n')).toContain('| shop | web | blue | web-blue | web-green | web | web-preview |');
    expect(strategySection(emptyReport('canary', 'reject')).join('\n')).toContain('Nothing was created, switched or deleted.');
  });

  it('states the canary share asked and served, the largest of several, and charts the steps', () => {
    const report = emptyReport('canary', 'deploy');
    const pair = (primary: string, servedShare: number) => ({
      namespace: 'shop',
      primary,
      canary: `${primary}-canary`,
      baseline: `${primary}-baseline`,
      replicas: 1,
      baselineReplicas: 1,
      primaryReplicas: 7,
      primaryOriginalReplicas: 9,
      share: 10,
      servedShare,
      baselineShare: servedShare,
      primaryShare: 100 - 2 * servedShare,
      step: 2,
      history: [
        { share: 5, served: 5.6 },
        { share: 10, served: servedShare },
      ],
    });
    report.canaries = [pair('web', 11.1), pair('api', 10)];
    expect(strategyOutputs(report)).toMatchObject({ 'canary-share': '10', 'served-share': '11.1', 'canary-step': '2' });
    const section = strategySection(report).join('\n');
    expect(section).toMatch(/\| shop +\| web +\| 2 +\| 10% +\| \*\*11\.1%\*\* \/ 11\.1% \/ 77\.8% +\| 1 \/ 1 \/ 7 \(of 9\) +\|/);
    expect(section).toContain('```mermaid\nxychart-beta');
    expect(section).toContain('  bar [5, 10]\n  line [5.6, 11.1]');
    // Promote and reject state no share.
    expect(strategyOutputs({ ...report, action: 'promote' })).toMatchObject({ 'canary-share': '', 'served-share': '' });
  });
});
