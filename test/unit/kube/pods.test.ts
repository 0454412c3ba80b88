import type { KubeObject } from '../../../src/kube/objects.js';
import { isTemplateContainer, matchesSelector, unpullableContainer, type ContainerStatus, type Pod } from '../../../src/kube/pods.js';

const pod = (statuses: ContainerStatus[], init: ContainerStatus[] = []): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-7d9f-abcde', labels: { app: 'web', 'pod-template-hash': '7d9f' } },
  status: { containerStatuses: statuses, initContainerStatuses: init },
});
const waiting = (reason: string, message: string, name = 'app', image = 'registry.example.com/web:v2'): ContainerStatus => ({
  name,
  image,
  state: { waiting: { reason, message } },
});

describe('unpullableContainer', () => {
  it.each([
    [
      'containerd, a tag the registry lacks',
      'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/web:v2": failed to resolve reference "registry.example.com/web:v2": registry.example.com/web:v2: not found',
    ],
    ['CRI-O, a missing manifest', 'reading manifest v2 in registry.example.com/web: manifest unknown: manifest unknown'],
    ['Docker, a missing manifest', 'Error response from daemon: manifest for registry.example.com/web:v2 not found: manifest unknown'],
  ])('finds an image that does not exist: %s', (_, message) => {
    expect(unpullableContainer(pod([waiting('ErrImagePull', message)]))).toEqual({
      pod: 'web-7d9f-abcde',
      container: 'app',
      image: 'registry.example.com/web:v2',
      reason: 'ErrImagePull',
      message,
    });
  });

  it('finds an invalid image name, in an init container too', () => {
    const found = unpullableContainer(
      pod(
        [waiting('PodInitializing', '')],
        [waiting('InvalidImageName', 'Failed to apply default image tag "Web:V2"', 'migrate', 'Web:V2')],
      ),
    );
    expect(found).toMatchObject({ container: 'migrate', reason: 'InvalidImageName', image: 'Web:V2' });
  });

  it.each([
    ['a denied pull', 'ErrImagePull', 'rpc error: code = Unknown desc = failed to resolve reference: unexpected status: 403 Forbidden'],
    [
      'an ambiguous Docker Hub answer',
      'ErrImagePull',
      'rpc error: code = Unknown desc = pull access denied, repository does not exist or may require authorization',
    ],
    ['a rate limit', 'ErrImagePull', 'rpc error: code = Unknown desc = 429 Too Many Requests: toomanyrequests'],
    ['the back-off, which does not say why', 'ImagePullBackOff', 'Back-off pulling image "registry.example.com/web:v2"'],
    ['a crash loop', 'CrashLoopBackOff', 'back-off 10s restarting failed container=app'],
    ['a container being created', 'ContainerCreating', ''],
  ])('leaves what may pass to the timeout: %s', (_, reason, message) => {
    expect(unpullableContainer(pod([waiting(reason, message)]))).toBeUndefined();
  });

  it('finds nothing in a running pod or one with no status yet', () => {
    expect(unpullableContainer(pod([{ name: 'app', image: 'web:v2', ready: true, state: { running: {} } }]))).toBeUndefined();
    expect(unpullableContainer({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'new' } })).toBeUndefined();
  });
});

describe('matchesSelector', () => {
  const labels = { app: 'web', track: 'canary', tier: 'front' };
  it.each([
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'web', track: 'baseline' } }, false],
    [{ matchExpressions: [{ key: 'track', operator: 'In', values: ['canary', 'baseline'] }] }, true],
    [{ matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] }, false],
    [{ matchExpressions: [{ key: 'colour', operator: 'NotIn', values: ['blue'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] }, false],
    [{}, false],
    [undefined, false],
  ])('%j matches: %s', (selector, expected) => {
    expect(matchesSelector(labels, selector)).toBe(expected);
  });
});

describe('isTemplateContainer', () => {
  const deployment = (image: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { spec: { initContainers: [{ name: 'migrate', image: 'tools:1' }], containers: [{ name: 'app', image }] } } },
  });
  const found = { pod: 'web-1', container: 'app', image: 'registry.example.com/web:v2', reason: 'ErrImagePull', message: 'not found' };

  it('is true for a container of the current template with its image', () => {
    expect(isTemplateContainer(deployment('registry.example.com/web:v2'), found)).toBe(true);
    expect(isTemplateContainer(deployment('x'), { ...found, container: 'migrate', image: 'tools:1' })).toBe(true);
  });

  it('is false for a pod of an older revision, whose image the template no longer names', () => {
    expect(isTemplateContainer(deployment('registry.example.com/web:v3'), found)).toBe(false);
    expect(isTemplateContainer(deployment('registry.example.com/web:v2'), { ...found, container: 'sidecar' })).toBe(false);
    expect(isTemplateContainer({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, found)).toBe(false);
  });
});
