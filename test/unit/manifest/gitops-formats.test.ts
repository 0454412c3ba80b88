import { ManifestError, parseImageUpdates, patchManifestText } from '../../../src/manifest/images.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function patch(text: string, images: string[], file = 'manifest.yaml') {
  return patchManifestText(text, parseImageUpdates(images), file);
}

/** Patches, checks the bytes, and that a second run finds nothing left to do. */
function expectPatch(before: string, images: string[], after: string, file?: string) {
  const first = patch(before, images, file);
  expect(first.text).toBe(after);
  const second = patch(first.text, images, file);
  expect(second.text).toBe(first.text);
  expect(second.changes).toEqual([]);
  return first.changes;
}

function refusal(text: string, images: string[], file = 'manifest.yaml'): ManifestError {
  try {
    patch(text, images, file);
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Helm values: only keys the values already have are written', () => {
  const podinfo = yaml(
    '# podinfo values for production',
    'replicaCount: 2',
    'image:',
    '  repository: ghcr.io/stefanprodan/podinfo',
    '  tag: 6.14.1',
    '  pullPolicy: IfNotPresent',
    'ui:',
    '  color: "#34577c"',
  );
  const bitnami = yaml(
    'image:',
    '  registry: docker.io',
    '  repository: bitnami/nginx',
    '  tag: 1.27.3-debian-12-r2',
    '  digest: ""',
    '  pullPolicy: IfNotPresent',
  );

  it.each<[string, string, string[], string]>([
    [
      'a digest alone pins through the tag where the values have no digest key',
      podinfo,
      [`ghcr.io/stefanprodan/podinfo@${D1}`],
      podinfo.replace('tag: 6.14.1', `tag: 6.14.1@${D1}`),
    ],
    [
      'a new digest alone replaces the one pinned in the tag',
      podinfo.replace('tag: 6.14.1', `tag: 6.14.1@${D1}`),
      [`ghcr.io/stefanprodan/podinfo@${D2}`],
      podinfo.replace('tag: 6.14.1', `tag: 6.14.1@${D2}`),
    ],
    [
      'tag and digest go into the tag where there is no digest key',
      podinfo,
      [`ghcr.io/stefanprodan/podinfo:6.14.2@${D1}`],
      podinfo.replace('tag: 6.14.1', `tag: 6.14.2@${D1}`),
    ],
    [
      "a digest goes into the chart's own digest key, the tag stays",
      bitnami,
      [`docker.io/bitnami/nginx@${D1}`],
      bitnami.replace('digest: ""', `digest: "${D1}"`),
    ],
    [
      'a quoted tag keeps its quotes',
      yaml('image:', '  repository: ghcr.io/acme/hello', '  tag: "1.0" # pinned by CD'),
      [`ghcr.io/acme/hello@${D1}`],
      yaml('image:', '  repository: ghcr.io/acme/hello', `  tag: "1.0@${D1}" # pinned by CD`),
    ],
  ])('%s', (_, before, images, after) => {
    const changes = expectPatch(before, images, after, 'values.yaml');
    expect(changes).toHaveLength(1);
    expect(after).not.toMatch(/^\s*digest: sha/m);
  });

  it('never adds a digest key to a Flux HelmRelease', () => {
    const release = yaml(
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata:',
      '  name: podinfo',
      '  namespace: apps',
      'spec:',
      '  chart:',
      '    spec:',
      '      chart: podinfo',
      '      version: "6.x"',
      '  values:',
      '    image:',
      '      repository: ghcr.io/stefanprodan/podinfo',
      '      tag: 6.14.1',
    );
    expectPatch(release, [`ghcr.io/stefanprodan/podinfo@${D1}`], release.replace('tag: 6.14.1', `tag: 6.14.1@${D1}`), 'release.yaml');
  });

  it.each<[string, string, string[], RegExp, number]>([
    [
      'a digest alone and an empty tag',
      yaml('image:', '  repository: ghcr.io/acme/hello', '  tag: ""'),
      [`ghcr.io/acme/hello@${D1}`],
      /no digest key and no tag to pin .* through/,
      3,
    ],
    [
      'a tag alone and values with a digest key but no tag key',
      yaml('image:', '  repository: ghcr.io/acme/hello', `  digest: ${D1}`),
      ['ghcr.io/acme/hello:1.1'],
      /has a digest key and no tag key, and ghcr.io\/acme\/hello:1.1 has no digest/,
      2,
    ],
  ])('refuses %s, naming the line', (_, before, images, message, line) => {
    const error = refusal(before, images, 'values.yaml');
    expect(error.problem).toBe('unpatchable');
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`^values\\.yaml:${line} `));
  });

  it('sets the digest key and leaves the tag key alone when values have only a digest key and the target a digest', () => {
    const before = yaml('image:', '  repository: ghcr.io/acme/hello', `  digest: ${D1}`);
    expectPatch(before, [`ghcr.io/acme/hello:1.1@${D2}`], before.replace(D1, D2), 'values.yaml');
  });
});

describe('kustomize tagSuffix', () => {
  const kustomization = (...entry: string[]) =>
    yaml(
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - deployment.yaml',
      'images:',
      '  - name: ghcr.io/acme/hello',
      ...entry.map((line) => `    ${line}`),
    );

  it('refuses a tag that does not end with the suffix, which kustomize would drop, naming the line', () => {
    const error = refusal(kustomization('tagSuffix: -debug'), ['ghcr.io/acme/hello:1.1'], 'overlays/dev/kustomization.yaml');
    expect(error.message).toMatch(/^overlays\/dev\/kustomization\.yaml:7 /);
    expect(error.message).toMatch(/tagSuffix '-debug', which kustomize ignores once newTag is set/);
    expect(error.line).toBe(7);
  });

  it('sets newTag to a tag that ends with the suffix: it renders exactly that tag', () => {
    expectPatch(
      kustomization('tagSuffix: -debug'),
      ['ghcr.io/acme/hello:1.1-debug'],
      kustomization('tagSuffix: -debug', 'newTag: 1.1-debug'),
      'kustomization.yaml',
    );
    expectPatch(
      kustomization('tagSuffix: -debug', 'newTag: 1.0-debug'),
      ['ghcr.io/acme/hello:1.1-debug'],
      kustomization('tagSuffix: -debug', 'newTag: 1.1-debug'),
      'kustomization.yaml',
    );
  });

  it('takes a digest alone, which names one image whatever the suffix', () => {
    expectPatch(
      kustomization('tagSuffix: -debug'),
      [`ghcr.io/acme/hello@${D1}`],
      kustomization('tagSuffix: -debug', `digest: ${D1}`),
      'kustomization.yaml',
    );
  });

  it('leaves an entry without a suffix as before', () => {
    expectPatch(kustomization('newTag: "1.0"'), ['ghcr.io/acme/hello:1.1'], kustomization('newTag: "1.1"'), 'kustomization.yaml');
  });
});
