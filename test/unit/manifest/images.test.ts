import { ManifestError, parseImageUpdates, patchManifestText, type ImageChange } from '../../../src/manifest/images.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

/** Lines joined with a final newline, so that a case reads like the file it stands for. */
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function patch(text: string, images: string[], file?: string) {
  return patchManifestText(text, parseImageUpdates(images), file);
}

/** Patches, checks the expected bytes, and that a second run changes nothing. */
function expectPatch(before: string, images: string[], after: string, file?: string): ImageChange[] {
  const first = patch(before, images, file);
  expect(first.text).toBe(after);
  const second = patch(first.text, images, file);
  expect(second.text).toBe(first.text);
  expect(second.changes).toEqual([]);
  return first.changes;
}

/** Indents a block of lines under a path of keys, the way each workload kind nests its pod spec. */
function workload(apiVersion: string, kind: string, podSpecPath: string[], image: string): string {
  const lines = [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', '  name: web # the front end'];
  podSpecPath.forEach((key, depth) => lines.push(`${'  '.repeat(depth)}${key}:`));
  const pad = '  '.repeat(podSpecPath.length);
  lines.push(
    `${pad}initContainers:`,
    `${pad}  - name: migrate`,
    `${pad}    image: ${image}`,
    `${pad}containers:`,
    `${pad}  - name: web`,
    `${pad}    image: ${image} # pinned by CD`,
    `${pad}    ports: [{containerPort: 8080}]`,
    `${pad}  - name: proxy`,
    `${pad}    image: envoyproxy/envoy:v1.30.0`,
    `${pad}ephemeralContainers:`,
    `${pad}  - name: debug`,
    `${pad}    image: "${image}"`,
  );
  return yaml(...lines);
}

describe('patchManifestText: containers of every workload kind', () => {
  it.each([
    ['v1', 'Pod', ['spec']],
    ['v1', 'PodTemplate', ['template', 'spec']],
    ['apps/v1', 'Deployment', ['spec', 'template', 'spec']],
    ['apps/v1', 'StatefulSet', ['spec', 'template', 'spec']],
    ['apps/v1', 'DaemonSet', ['spec', 'template', 'spec']],
    ['apps/v1', 'ReplicaSet', ['spec', 'template', 'spec']],
    ['batch/v1', 'Job', ['spec', 'template', 'spec']],
    ['batch/v1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
    ['argoproj.io/v1alpha1', 'Rollout', ['spec', 'template', 'spec']],
    ['serving.knative.dev/v1', 'Service', ['spec', 'template', 'spec']],
  ])('%s %s: containers, initContainers and ephemeralContainers', (apiVersion, kind, path) => {
    const changes = expectPatch(
      workload(apiVersion, kind, path, 'ghcr.io/acme/web:1.0'),
      ['ghcr.io/acme/web:1.1'],
      workload(apiVersion, kind, path, 'ghcr.io/acme/web:1.1'),
    );
    expect(changes.map(({ kind, from, to }) => ({ kind, from, to }))).toEqual(
      Array(3).fill({ kind: 'container', from: 'ghcr.io/acme/web:1.0', to: 'ghcr.io/acme/web:1.1' }),
    );
  });

  it('reports the 1-based line of each change', () => {
    const text = workload('apps/v1', 'Deployment', ['spec', 'template', 'spec'], 'ghcr.io/acme/web:1.0');
    const lines = text.split('\n');
    const changes = patch(text, ['ghcr.io/acme/web:2']).changes;
    expect(changes.map((change) => change.line)).toEqual(
      lines.flatMap((line, index) => (line.includes('ghcr.io/acme/web:1.0') ? [index + 1] : [])),
    );
  });

  it.each([
    ['a ConfigMap value', yaml('kind: ConfigMap', 'data:', '  image: nginx:1.0')],
    ['containers outside a pod template', yaml('kind: Widget', 'spec:', '  containers:', '    - image: nginx:1.0')],
    ['an annotation', yaml('kind: Deployment', 'metadata:', '  annotations:', '    image: nginx:1.0')],
    [
      'a template that is not YAML-typed',
      yaml('kind: Job', 'spec:', '  template:', '    spec:', '      containers:', '        - image: ${IMAGE}'),
    ],
  ])('leaves %s alone', (_, text) => {
    const result = patch(text, ['nginx:2.0']);
    expect(result.text).toBe(text);
    expect(result.changes).toEqual([]);
  });
});

describe('patchManifestText: reference forms', () => {
  const pod = (image: string) => yaml('kind: Pod', 'spec:', '  containers:', `    - image: ${image}`);

  it.each([
    ['nginx:1.0', 'nginx:2.0', 'nginx:2.0'],
    ['docker.io/library/nginx:1.0', 'nginx:2.0', 'docker.io/library/nginx:2.0'],
    ['index.docker.io/library/nginx:1.0', 'nginx:2.0', 'index.docker.io/library/nginx:2.0'],
    ['nginx', 'docker.io/library/nginx:2.0', 'nginx:2.0'],
    ['nginx:1.0', `nginx@${D1}`, `nginx@${D1}`],
    ['nginx:1.0', `nginx:2.0@${D1}`, `nginx:2.0@${D1}`],
    [`nginx:1.0@${D1}`, 'nginx:2.0', 'nginx:2.0'],
    [`nginx@${D1}`, `nginx@${D2}`, `nginx@${D2}`],
    ['localhost:5000/team/app:1', 'localhost:5000/team/app:2', 'localhost:5000/team/app:2'],
    ['gcr.io/old/app:1', 'gcr.io/old/app=ghcr.io/new/app:2', 'ghcr.io/new/app:2'],
    ['nginx:1.0', 'nginx=docker.io/library/nginx:2.0', 'nginx:2.0'],
    ['nginx:1.0', 'nginx=[::1]:5000/nginx:2.0', '"[::1]:5000/nginx:2.0"'],
  ])('%s with %s becomes %s', (from, line, to) => {
    expectPatch(pod(from), [line], pod(to));
  });

  it.each([['nginx-extra:1.0'], ['gcr.io/mirror/nginx:1.0'], ['library/nginxx:1.0']])('does not touch %s, another repository', (image) => {
    expect(patch(pod(image), ['nginx:2.0']).text).toBe(pod(image));
  });

  it('updates several repositories in one pass, each with its own line', () => {
    const text = yaml('kind: Pod', 'spec:', '  containers:', '    - image: a/web:1', '    - image: a/api:1', '    - image: a/db:1');
    expectPatch(
      text,
      ['a/web:2', 'a/api=b/api:3'],
      yaml('kind: Pod', 'spec:', '  containers:', '    - image: a/web:2', '    - image: b/api:3', '    - image: a/db:1'),
    );
  });
});

describe('patchManifestText: byte-exact edits', () => {
  it.each([
    ['a comment on the edited line', '    - image: nginx:1.0   # keep me', '    - image: nginx:2.0   # keep me'],
    ['single quotes', "    - image: 'nginx:1.0'", "    - image: 'nginx:2.0'"],
    ['double quotes', '    - image: "nginx:1.0" # q', '    - image: "nginx:2.0" # q'],
    [
      'flow style',
      '    - {name: web, image: nginx:1.0, ports: [{containerPort: 80}]}',
      '    - {name: web, image: nginx:2.0, ports: [{containerPort: 80}]}',
    ],
    ['an anchor on the value', '    - image: &web nginx:1.0', '    - image: &web nginx:2.0'],
    ['a quoted key', '    - "image": nginx:1.0', '    - "image": nginx:2.0'],
    ['tabs after the colon', '    - image:\tnginx:1.0', '    - image:\tnginx:2.0'],
  ])('keeps %s', (_, line, expected) => {
    const head = ['# Pod for the front end', 'kind: Pod', 'spec:', '  containers: # two of them'];
    const tail = ['    - image: busybox:1 # untouched', '      name: other'];
    expectPatch(yaml(...head, line, ...tail), ['nginx:2.0'], yaml(...head, expected, ...tail));
  });

  it('keeps CRLF line endings', () => {
    const text = 'kind: Pod\r\nspec:\r\n  containers:\r\n  - image: nginx:1.0 # x\r\n    name: web\r\n';
    expectPatch(text, ['nginx:2.0'], text.replace('nginx:1.0', 'nginx:2.0'));
  });

  it('keeps a missing final newline', () => {
    const text = 'kind: Pod\nspec:\n  containers:\n  - name: web\n    image: nginx:1.0';
    expectPatch(text, ['nginx:2.0'], 'kind: Pod\nspec:\n  containers:\n  - name: web\n    image: nginx:2.0');
  });

  it('keeps a byte order mark', () => {
    const text = '\uFEFFkind: Pod\nspec:\n  containers:\n  - image: nginx:1.0\n';
    expectPatch(text, ['nginx:2.0'], '\uFEFFkind: Pod\nspec:\n  containers:\n  - image: nginx:2.0\n');
  });

  it('patches every document of a multi-document file, and only the images', () => {
    const before = yaml(
      '# app',
      '---',
      'kind: Deployment',
      'spec: {template: {spec: {containers: [{name: a, image: nginx:1.0}]}}}',
      '--- # the service',
      'kind: Service',
      'spec:',
      '  ports: [{port: 80}]',
      '---',
      '# only a comment',
      '---',
      'kind: CronJob',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - image: nginx:1.0',
      '...',
    );
    const changes = expectPatch(before, ['nginx:1.1'], before.replace(/nginx:1\.0/g, 'nginx:1.1'));
    expect(changes.map((change) => change.line)).toEqual([4, 19]);
  });

  it('edits an anchored image once, where the anchor is, when aliases use it', () => {
    const before = yaml(
      'kind: Deployment',
      'x-image: &image nginx:1.0 # shared',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: a',
      '          image: *image',
      '        - name: b',
      '          image: *image',
    );
    const changes = expectPatch(before, ['nginx:2.0'], before.replace('&image nginx:1.0', '&image nginx:2.0'));
    expect(changes).toEqual([{ line: 2, from: 'nginx:1.0', to: 'nginx:2.0', kind: 'container' }]);
  });
});

describe('patchManifestText: kustomization images', () => {
  it.each([
    [
      'sets an existing newTag, keeping its quotes and comment',
      ['nginx:1.25'],
      yaml(
        'resources: [deployment.yaml]',
        'images:',
        '  - name: nginx',
        '    newTag: "1.24" # bumped by CD',
        '  - name: redis',
        '    newTag: "7"',
      ),
      yaml(
        'resources: [deployment.yaml]',
        'images:',
        '  - name: nginx',
        '    newTag: "1.25" # bumped by CD',
        '  - name: redis',
        '    newTag: "7"',
      ),
    ],
    [
      'adds a missing newTag after the last key, with its indentation',
      ['nginx:1.25'],
      yaml('images:', '- name: nginx # upstream', '- name: redis', '  newTag: "7"'),
      yaml('images:', '- name: nginx # upstream', '  newTag: "1.25"', '- name: redis', '  newTag: "7"'),
    ],
    [
      'adds a missing digest after an existing newTag',
      [`nginx:1.25@${D1}`],
      yaml('images:', '  - name: nginx', '    newTag: 1.24'),
      yaml('images:', '  - name: nginx', '    newTag: "1.25"', `    digest: ${D1}`),
    ],
    [
      'replaces a digest and removes a newTag the target lacks',
      [`nginx@${D2}`],
      yaml('images:', '  - name: nginx', '    newTag: v1 # old', `    digest: ${D1}`, '  - name: other'),
      yaml('images:', '  - name: nginx', `    digest: ${D2}`, '  - name: other'),
    ],
    [
      'removes a stale digest when the target has only a tag',
      ['nginx:v2'],
      yaml('images:', '  - name: nginx', '    newTag: v1', `    digest: ${D1}`),
      yaml('images:', '  - name: nginx', '    newTag: v2'),
    ],
    [
      'removes a first key sharing the line with the dash',
      ['nginx:v2'],
      yaml('images:', `  - digest: ${D1}`, '    name: nginx'),
      yaml('images:', '  - name: nginx', '    newTag: v2'),
    ],
    [
      'sets newName on a rename, adding it when missing',
      ['nginx=ghcr.io/acme/nginx:v2'],
      yaml('images:', '  - name: nginx', '    newTag: v1'),
      yaml('images:', '  - name: nginx', '    newTag: v2', '    newName: ghcr.io/acme/nginx'),
    ],
    [
      'replaces newName on a rename',
      ['gcr.io/old/app=ghcr.io/new/app:2'],
      yaml('images:', '  - name: app', '    newName: gcr.io/old/app', '    newTag: "1"'),
      yaml('images:', '  - name: app', '    newName: ghcr.io/new/app', '    newTag: "2"'),
    ],
    [
      'matches the newName an entry already deploys',
      ['gcr.io/acme/app:abc1234'],
      yaml('images:', '  - name: app', '    newName: gcr.io/acme/app', '    newTag: 0f00ba4'),
      yaml('images:', '  - name: app', '    newName: gcr.io/acme/app', '    newTag: abc1234'),
    ],
    [
      'edits a flow-style entry inline',
      [`app:2@${D1}`],
      yaml('images: [{name: app, newTag: "1"}] # flow'),
      yaml(`images: [{name: app, newTag: "2", digest: ${D1}}] # flow`),
    ],
    [
      'keeps CRLF and a missing final newline when adding a key',
      ['app:2'],
      'images:\r\n  - name: app',
      'images:\r\n  - name: app\r\n    newTag: "2"',
    ],
  ])('%s', (_, images, before, after) => {
    const changes = expectPatch(before, images, after, 'overlays/prod/kustomization.yaml');
    expect(changes).toHaveLength(1);
    expect(changes[0].kind).toBe('kustomize');
  });

  it('describes the change as the images kustomize deploys before and after', () => {
    const text = yaml('images:', '  - name: app', '    newName: gcr.io/old/app', '    newTag: "1"');
    expect(patch(text, ['gcr.io/old/app=ghcr.io/new/app:2'], 'kustomization.yml').changes).toEqual([
      { line: 3, from: 'gcr.io/old/app:1', to: 'ghcr.io/new/app:2', kind: 'kustomize' },
    ]);
  });

  it.each([
    ['a file named otherwise with kind Kustomization', 'base.yaml', ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization']],
    ['a kustomize Component', 'component.yaml', ['apiVersion: kustomize.config.k8s.io/v1alpha1', 'kind: Component']],
  ])('recognises %s', (_, file, head) => {
    const before = yaml(...head, 'images:', '- name: app', '  newTag: "1"');
    expectPatch(before, ['app:2'], before.replace('"1"', '"2"'), file);
  });

  it("updates a Flux Kustomization's spec.images", () => {
    const before = yaml(
      'apiVersion: kustomize.toolkit.fluxcd.io/v1',
      'kind: Kustomization',
      'spec:',
      '  images:',
      '    - name: app',
      '      newTag: "1"',
    );
    expectPatch(before, ['app:2'], before.replace('"1"', '"2"'), 'clusters/prod/app.yaml');
  });

  it('leaves images: lists of other files to the other rules', () => {
    const text = yaml('kind: Something', 'images:', '  - name: app', '    newTag: "1"');
    expect(patch(text, ['app:2'], 'something.yaml').text).toBe(text);
  });
});

describe('patchManifestText: Helm values', () => {
  it.each([
    [
      'repository + tag of one nested component, not the others',
      ['ghcr.io/acme/frontend:1.5'],
      yaml(
        'frontend:',
        '  image:',
        '    repository: ghcr.io/acme/frontend',
        '    tag: "1.4" # app version',
        'backend:',
        '  image:',
        '    repository: ghcr.io/acme/backend',
        '    tag: "1.4"',
      ),
      yaml(
        'frontend:',
        '  image:',
        '    repository: ghcr.io/acme/frontend',
        '    tag: "1.5" # app version',
        'backend:',
        '  image:',
        '    repository: ghcr.io/acme/backend',
        '    tag: "1.4"',
      ),
    ],
    [
      'a plain numeric-looking tag, quoted so that Helm reads a string',
      ['acme/web:1.10'],
      yaml('image:', '  repository: acme/web', '  tag: 1.9'),
      yaml('image:', '  repository: acme/web', '  tag: "1.10"'),
    ],
    [
      'an empty tag',
      ['acme/web:v3'],
      yaml('image:', '  repository: acme/web', '  tag: ""', '  pullPolicy: IfNotPresent'),
      yaml('image:', '  repository: acme/web', '  tag: "v3"', '  pullPolicy: IfNotPresent'),
    ],
    [
      'a tag with no value at all',
      ['acme/web:v3'],
      yaml('image:', '  repository: acme/web', '  tag:', '  pullPolicy: IfNotPresent'),
      yaml('image:', '  repository: acme/web', '  tag: v3', '  pullPolicy: IfNotPresent'),
    ],
    [
      'repository + digest',
      [`acme/web@${D2}`],
      yaml('image:', '  repository: acme/web', `  digest: ${D1}`),
      yaml('image:', '  repository: acme/web', `  digest: ${D2}`),
    ],
    [
      'tag and digest keys both set from tag@digest',
      [`acme/web:v2@${D2}`],
      yaml('image:', '  repository: acme/web', '  tag: v1', '  digest: ""'),
      yaml('image:', '  repository: acme/web', '  tag: v2', `  digest: "${D2}"`),
    ],
    [
      'a stale digest cleared when the target has only a tag',
      ['acme/web:v2'],
      yaml('image:', '  repository: acme/web', '  tag: v1', `  digest: ${D1}`),
      yaml('image:', '  repository: acme/web', '  tag: v2', '  digest: ""'),
    ],
    [
      'tag@digest in the tag when the chart has no digest key',
      [`acme/web:v2@${D2}`],
      yaml('image:', '  repository: acme/web', '  tag: v1'),
      yaml('image:', '  repository: acme/web', `  tag: v2@${D2}`),
    ],
    [
      'a digest alone pinned through the tag when the chart has no digest key',
      [`acme/web@${D2}`],
      yaml('image: {repository: acme/web, tag: v1}'),
      yaml(`image: {repository: acme/web, tag: v1@${D2}}`),
    ],
    [
      'registry + repository renamed separately',
      ['docker.io/bitnami/nginx=ghcr.io/acme/nginx:1.27'],
      yaml('image:', '  registry: docker.io', '  repository: bitnami/nginx', '  tag: 1.26.0-debian-12-r1'),
      yaml('image:', '  registry: ghcr.io', '  repository: acme/nginx', '  tag: "1.27"'),
    ],
    [
      'an image string under values, at any depth',
      ['acme/worker:9'],
      yaml('jobs:', '  - name: nightly', '    image: acme/worker:8 # cron', '    schedule: "0 3 * * *"'),
      yaml('jobs:', '  - name: nightly', '    image: acme/worker:9 # cron', '    schedule: "0 3 * * *"'),
    ],
    [
      "a Flux HelmRelease's values",
      ['acme/web:v2', 'acme/sidecar:5'],
      yaml(
        'apiVersion: helm.toolkit.fluxcd.io/v2',
        'kind: HelmRelease',
        'spec:',
        '  values:',
        '    image: {repository: acme/web, tag: v1}',
        '    sidecar:',
        '      image: acme/sidecar:4',
      ),
      yaml(
        'apiVersion: helm.toolkit.fluxcd.io/v2',
        'kind: HelmRelease',
        'spec:',
        '  values:',
        '    image: {repository: acme/web, tag: v2}',
        '    sidecar:',
        '      image: acme/sidecar:5',
      ),
    ],
  ])('%s', (_, images, before, after) => {
    const changes = expectPatch(before, images, after, 'values.yaml');
    expect(changes.every((change) => change.kind === 'helm')).toBe(true);
    expect(changes).toHaveLength(images.length);
  });

  it('edits a value written as a block scalar in place, keeping its header', () => {
    const text = yaml('image:', '  repository: acme/web', '  tag: | # kept', '    v1', 'other: x');
    expectPatch(text, ['acme/web:v2'], text.replace('    v1', '    v2'), 'values.yaml');
  });

  it('describes a values change as whole references', () => {
    const text = yaml('image:', '  registry: docker.io', '  repository: bitnami/nginx', '  tag: "1.26"');
    expect(patch(text, ['docker.io/bitnami/nginx=ghcr.io/acme/nginx:1.27'], 'values.yaml').changes).toEqual([
      { line: 2, from: 'docker.io/bitnami/nginx:1.26', to: 'ghcr.io/acme/nginx:1.27', kind: 'helm' },
    ]);
  });
});

describe('patchManifestText: refusals', () => {
  const problemOf = (text: string) => {
    try {
      patch(text, ['nginx:2'], 'bad.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ManifestError);
      return { problem: (error as ManifestError).problem, message: (error as ManifestError).message };
    }
    throw new Error('accepted');
  };

  it.each([
    [
      'a Helm template',
      yaml('{{- if .Values.enabled }}', 'kind: Pod', 'spec:', '  containers:', '    - image: {{ .Values.image }}', '{{- end }}'),
    ],
    ['a mapping in a compact mapping', 'a: b: c\n'],
    ['binary data', 'kind: Pod\n\u0000\u0001\u0002'],
  ])('refuses %s as not YAML', (_, text) => {
    const { problem, message } = problemOf(text);
    expect(problem).toBe('not-yaml');
    expect(message).toMatch(/^bad\.yaml is not YAML: /);
  });

  it('refuses text over 10 MiB', () => {
    const big = `kind: Pod\n${'#'.repeat(10 * 1024 * 1024)}\n`;
    expect(problemOf(big)).toEqual({ problem: 'too-large', message: 'bad.yaml is larger than 10 MiB' });
  });

  it('refuses a billion-laughs alias bomb', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const { problem, message } = problemOf(yaml('kind: Pod', ...levels));
    expect(problem).toBe('alias-bomb');
    expect(message).toMatch(/resource exhaustion/);
  });

  it('accepts the few aliases of an ordinary values file', () => {
    const text = yaml('defaults: &defaults {repository: nginx, tag: "1"}', 'a: *defaults', 'b: *defaults', 'c: *defaults');
    expect(patch(text, ['nginx:2'], 'values.yaml').text).toBe(text.replace('"1"', '"2"'));
  });
});
