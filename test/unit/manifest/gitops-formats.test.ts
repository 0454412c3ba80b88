import { findImages, ManifestError, parseImageUpdates, patchManifestText } from '../../../src/manifest/images.js';
import { formatImageReference } from '../../../src/image/reference.js';

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

describe('Argo CD Applications', () => {
  const application = (...source: string[]) =>
    yaml(
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: hello-production',
      '  namespace: argocd',
      'spec:',
      '  project: default',
      '  destination:',
      '    server: https://kubernetes.default.svc',
      '    namespace: hello',
      ...source.map((line) => `  ${line}`),
      '  syncPolicy:',
      '    automated: {prune: true, selfHeal: true}',
    );
  const kustomizeSource = (...images: string[]) => [
    'source:',
    '  repoURL: https://github.com/acme/hello-env.git',
    '  targetRevision: candidate',
    '  path: overlays/production',
    '  kustomize:',
    '    images:',
    ...images.map((image) => `      - ${image}`),
  ];

  it.each<[string, string[], string[], string[]]>([
    [
      'name:tag',
      ['ghcr.io/acme/hello:1.0', 'ghcr.io/acme/worker:3.2'],
      ['ghcr.io/acme/hello:1.1'],
      ['ghcr.io/acme/hello:1.1', 'ghcr.io/acme/worker:3.2'],
    ],
    ['name=newName:tag keeps its new name', ['hello=ghcr.io/acme/hello:1.0'], ['ghcr.io/acme/hello:1.1'], ['hello=ghcr.io/acme/hello:1.1']],
    ['a quoted entry stays quoted', ['"ghcr.io/acme/hello:1.0" # CD'], ['ghcr.io/acme/hello:1.1'], ['"ghcr.io/acme/hello:1.1" # CD']],
    ['a digest alone', ['ghcr.io/acme/hello:1.0'], [`ghcr.io/acme/hello@${D1}`], [`ghcr.io/acme/hello@${D1}`]],
    ['name=newName@digest', [`hello=ghcr.io/acme/hello@${D1}`], [`ghcr.io/acme/hello@${D2}`], [`hello=ghcr.io/acme/hello@${D2}`]],
    [
      'a tag with a digest takes name=newName, which every kustomize reads alike',
      ['ghcr.io/acme/hello:1.0'],
      [`ghcr.io/acme/hello:1.1@${D1}`],
      [`ghcr.io/acme/hello=ghcr.io/acme/hello:1.1@${D1}`],
    ],
    [
      'a rename',
      ['ghcr.io/acme/hello:1.0'],
      ['ghcr.io/acme/hello=europe-docker.pkg.dev/acme/apps/hello:1.1'],
      ['ghcr.io/acme/hello=europe-docker.pkg.dev/acme/apps/hello:1.1'],
    ],
    ['a registry with a port', ['localhost:5000/hello:1.0'], ['localhost:5000/hello:1.1'], ['localhost:5000/hello:1.1']],
  ])('kustomize.images: %s', (_, before, images, after) => {
    const changes = expectPatch(
      application(...kustomizeSource(...before)),
      images,
      application(...kustomizeSource(...after)),
      'apps/hello.yaml',
    );
    expect(changes).toEqual([expect.objectContaining({ line: 17, kind: 'kustomize' })]);
  });

  it('updates kustomize.images and helm.valuesObject of a multi-source Application together', () => {
    const before = application(
      'sources:',
      '  - repoURL: https://github.com/acme/hello-env.git',
      '    path: overlays/production',
      '    kustomize:',
      '      images:',
      '        - ghcr.io/acme/hello:1.0',
      '  - repoURL: https://charts.acme.dev',
      '    chart: hello-worker',
      '    targetRevision: 0.4.2',
      '    helm:',
      '      valuesObject:',
      '        image:',
      '          repository: ghcr.io/acme/hello',
      '          tag: "1.0"',
    );
    const changes = expectPatch(before, ['ghcr.io/acme/hello:1.1'], before.replace(/1\.0/g, '1.1'), 'apps/hello.yaml');
    expect(changes.map((change) => [change.line, change.kind])).toEqual([
      [16, 'kustomize'],
      [24, 'helm'],
    ]);
  });

  const helmSource = (...helm: string[]) => [
    'source:',
    '  repoURL: https://charts.acme.dev',
    '  chart: hello',
    '  targetRevision: 1.4.0',
    '  helm:',
    ...helm.map((line) => `    ${line}`),
  ];

  it.each<[string, string[], string[], string[]]>([
    [
      'image.repository and image.tag',
      [
        'parameters:',
        '  - name: image.repository',
        '    value: ghcr.io/acme/hello',
        '  - name: image.tag',
        '    value: "1.0"',
        '  - name: replicaCount',
        '    value: "3"',
      ],
      ['ghcr.io/acme/hello:1.1'],
      [
        'parameters:',
        '  - name: image.repository',
        '    value: ghcr.io/acme/hello',
        '  - name: image.tag',
        '    value: "1.1"',
        '  - name: replicaCount',
        '    value: "3"',
      ],
    ],
    [
      'a digest alone, pinned through the tag with no digest parameter',
      ['parameters:', '  - {name: image.repository, value: ghcr.io/acme/hello}', '  - {name: image.tag, value: "1.0", forceString: true}'],
      [`ghcr.io/acme/hello@${D1}`],
      [
        'parameters:',
        '  - {name: image.repository, value: ghcr.io/acme/hello}',
        `  - {name: image.tag, value: "1.0@${D1}", forceString: true}`,
      ],
    ],
    [
      'a digest parameter, and a rename',
      [
        'parameters:',
        '  - name: worker.image.repository',
        '    value: ghcr.io/acme/hello',
        '  - name: worker.image.tag',
        '    value: "1.0"',
        '  - name: worker.image.digest',
        '    value: ""',
      ],
      [`ghcr.io/acme/hello=ghcr.io/acme/hello-v2:2.0@${D1}`],
      [
        'parameters:',
        '  - name: worker.image.repository',
        '    value: ghcr.io/acme/hello-v2',
        '  - name: worker.image.tag',
        '    value: "2.0"',
        '  - name: worker.image.digest',
        `    value: "${D1}"`,
      ],
    ],
    [
      'image.name and image.tag, as Argo CD Image Updater writes them',
      ['parameters:', '  - name: image.name', '    value: ghcr.io/acme/hello', '  - name: image.tag', '    value: v1'],
      ['ghcr.io/acme/hello:v2'],
      ['parameters:', '  - name: image.name', '    value: ghcr.io/acme/hello', '  - name: image.tag', '    value: v2'],
    ],
    [
      'an image parameter holding a whole reference',
      ['parameters:', '  - name: migrations.image', '    value: ghcr.io/acme/hello:1.0'],
      ['ghcr.io/acme/hello:1.1'],
      ['parameters:', '  - name: migrations.image', '    value: ghcr.io/acme/hello:1.1'],
    ],
  ])('helm.parameters: %s', (_, before, images, after) => {
    const changes = expectPatch(application(...helmSource(...before)), images, application(...helmSource(...after)), 'apps/hello.yaml');
    expect(changes).toHaveLength(1);
    expect(changes[0].kind).toBe('helm');
  });

  it('helm.parameters: refuses a repository without a tag or digest parameter, naming the line', () => {
    const text = application(
      ...helmSource(
        'parameters:',
        '  - name: image.repository',
        '    value: ghcr.io/acme/hello',
        '  - name: image.pullPolicy',
        '    value: Always',
      ),
    );
    const error = refusal(text, ['ghcr.io/acme/hello:1.1'], 'apps/hello.yaml');
    expect(error.message).toMatch(
      /^apps\/hello\.yaml:17 cannot be patched: the Helm parameter image\.repository names ghcr\.io\/acme\/hello, but no parameter sets image\.tag/,
    );
  });

  it('helm.values: patches inside the block, byte for byte, and names the line in the file', () => {
    const values = [
      'values: |',
      '  # production overrides',
      '  replicaCount: 3',
      '  image:',
      '    repository: ghcr.io/acme/hello',
      '    tag: "1.0"   # set by CD',
      '',
      '  sidecar:',
      '    image: ghcr.io/acme/hello:1.0',
      'releaseName: hello',
    ];
    const before = application(...helmSource(...values));
    const after = before.replace('tag: "1.0"', 'tag: "1.1"').replace('image: ghcr.io/acme/hello:1.0', 'image: ghcr.io/acme/hello:1.1');
    const changes = expectPatch(before, ['ghcr.io/acme/hello:1.1'], after, 'apps/hello.yaml');
    expect(changes.map((change) => change.line)).toEqual([21, 24]);
    expect(after.split('\n')[20]).toBe('          tag: "1.1"   # set by CD');
  });

  it('helm.values: a digest alone pins through the tag, and CRLF line ends stay', () => {
    const before = application(...helmSource('values: |-', '  image:', '    repository: ghcr.io/acme/hello', '    tag: 1.0.3')).replace(
      /\n/g,
      '\r\n',
    );
    expectPatch(before, [`ghcr.io/acme/hello@${D1}`], before.replace('tag: 1.0.3', `tag: 1.0.3@${D1}`), 'apps/hello.yaml');
  });

  it.each<[string, string[], RegExp, number]>([
    [
      'a quoted string',
      ['values: "image:\\n  repository: ghcr.io/acme/hello\\n  tag: \\"1.0\\"\\n"'],
      /:16 cannot be patched: helm\.values names the image, but is not a literal block/,
      16,
    ],
    [
      'a folded block',
      ['values: >', '  image: ghcr.io/acme/hello:1.0'],
      /:16 cannot be patched: helm\.values names the image, but is not a literal block/,
      16,
    ],
    [
      'values that do not read as YAML',
      ['values: |', '  image:', '    repository: ghcr.io/acme/hello', '    tag: {{ .Values.tag }', '  extra: [unclosed'],
      /:16 cannot be patched: helm\.values does not read as YAML/,
      16,
    ],
  ])('helm.values: refuses %s that names the image, naming file:line', (_, values, message, line) => {
    const error = refusal(application(...helmSource(...values)), ['ghcr.io/acme/hello:1.1'], 'apps/hello.yaml');
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
  });

  it('helm.values: a refusal inside the block names the line in the file', () => {
    const values = ['values: |', '  image:', '    repository: ghcr.io/acme/hello', '    tag: ""'];
    const error = refusal(application(...helmSource(...values)), [`ghcr.io/acme/hello@${D1}`], 'apps/hello.yaml');
    expect(error.message).toMatch(/^apps\/hello\.yaml:19 cannot be patched: the Helm image ghcr\.io\/acme\/hello has no digest key/);
  });

  it('helm.values that do not name the image are left alone, even when not YAML', () => {
    const text = application(...helmSource('values: |', '  tag: {{ .Values.tag }', '  [unclosed'));
    expect(patch(text, ['ghcr.io/acme/hello:1.1']).text).toBe(text);
  });

  it('an ApplicationSet template, with sources', () => {
    const before = yaml(
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata:',
      '  name: hello',
      'spec:',
      '  goTemplate: true',
      '  generators:',
      '    - list:',
      '        elements:',
      '          - cluster: staging',
      '          - cluster: production',
      '  template:',
      '    metadata:',
      "      name: 'hello-{{.cluster}}'",
      '    spec:',
      '      project: default',
      '      sources:',
      '        - repoURL: https://github.com/acme/hello-env.git',
      "          path: 'overlays/{{.cluster}}'",
      '          kustomize:',
      '            images: [ghcr.io/acme/hello:1.0]',
      '        - repoURL: https://charts.acme.dev',
      '          chart: hello',
      '          helm:',
      '            parameters:',
      '              - {name: image.repository, value: ghcr.io/acme/hello}',
      '              - {name: image.tag, value: "1.0"}',
      '      destination:',
      '        server: https://kubernetes.default.svc',
      "        namespace: 'hello-{{.cluster}}'",
    );
    const changes = expectPatch(
      before,
      ['ghcr.io/acme/hello:1.1'],
      before.replace(/hello:1\.0/, 'hello:1.1').replace('value: "1.0"', 'value: "1.1"'),
    );
    expect(changes.map((change) => change.line)).toEqual([21, 27]);
  });

  it('a Kustomization and a Flux HelmRelease are patched as before', () => {
    const kustomization = yaml(
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'images:',
      '  - name: ghcr.io/acme/hello',
      '    newTag: "1.0"',
    );
    expectPatch(kustomization, ['ghcr.io/acme/hello:1.1'], kustomization.replace('"1.0"', '"1.1"'), 'kustomization.yaml');
    const release = yaml(
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata:',
      '  name: hello',
      'spec:',
      '  values:',
      '    image: {repository: ghcr.io/acme/hello, tag: "1.0"}',
    );
    expectPatch(release, ['ghcr.io/acme/hello:1.1'], release.replace('"1.0"', '"1.1"'), 'release.yaml');
  });

  it('findImages reports what an Application deploys', () => {
    const text = application(
      'sources:',
      '  - kustomize:',
      '      images: ["hello=ghcr.io/acme/hello:1.0"]',
      '  - helm:',
      '      parameters: [{name: image.repository, value: ghcr.io/acme/worker}, {name: image.tag, value: "2.0"}]',
      '      values: |',
      '        sidecar: {image: ghcr.io/acme/proxy:3.0}',
    );
    expect(findImages(text).map((ref) => formatImageReference(ref))).toEqual([
      'ghcr.io/acme/hello:1.0',
      'ghcr.io/acme/worker:2.0',
      'ghcr.io/acme/proxy:3.0',
    ]);
  });
});
