/**
 * Every way YAML (and JSON) can write the value of an image field, in every
 * place the engine updates one: each case is patched, compared byte for byte
 * with the expected text, and parsed again with `yaml` (merge keys on, as
 * Kubernetes, kustomize and Helm read them) to check that the field now gives
 * the new image and that no value anywhere in the file still gives the old one.
 */
import { parseAllDocuments } from 'yaml';
import { ManifestError, parseImageUpdates, patchManifestText, patchTree } from '../../../src/manifest/images.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

/** How one style writes `value` after `key:` on a line whose key starts at `column`. */
interface Style {
  name: string;
  render: (value: string, column: number) => string;
  /** What the parsed value holds beyond the text itself (a block scalar's kept line breaks). */
  suffix?: string;
  /** Block scalars cannot sit inside a flow collection. */
  block?: boolean;
}

const block = (header: string, suffix: string, trailing = ''): Style => ({
  name: `block ${header}`,
  block: true,
  suffix,
  render: (value, column) => `${header} # set by CD\n${' '.repeat(column + 2)}${value}${trailing}`,
});

const STYLES: Style[] = [
  { name: 'plain', render: (value) => value },
  { name: 'plain on the next line', block: true, render: (value, column) => `\n${' '.repeat(column + 2)}${value}` },
  { name: 'single-quoted', render: (value) => `'${value}'` },
  { name: 'double-quoted', render: (value) => `"${value}"` },
  { name: 'tagged !!str', render: (value) => `!!str ${value}` },
  { name: 'anchored', render: (value) => `&ref ${value}` },
  block('|', '\n'),
  block('|-', ''),
  block('|+', '\n\n', '\n'),
  block('>', '\n'),
  block('>-', ''),
  block('>+', '\n\n', '\n'),
  block('|2', '\n'),
  block('|2-', ''),
  block('>-2', ''),
];

/** One place the engine updates an image: the text around `@@` (the value), the path to it, and the values before and after. */
interface Location {
  name: string;
  file: string;
  lines: string[];
  path: (string | number)[];
  images: string[];
  from: string;
  to: string;
  flow?: boolean;
}

const WEB = 'ghcr.io/acme/web';
const podSpec = (pad: string, ...container: string[]) => [
  `${pad}containers:`,
  `${pad}  - name: web`,
  ...container.map((line) => `${pad}    ${line}`),
];

const LOCATIONS: Location[] = [
  {
    name: 'Deployment containers',
    file: 'deployment.yaml',
    lines: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  template:',
      '    spec:',
      ...podSpec('      ', 'image: @@', 'ports: [{containerPort: 80}]'),
    ],
    path: ['spec', 'template', 'spec', 'containers', 0, 'image'],
    images: [`${WEB}:1.1`],
    from: `${WEB}:1.0`,
    to: `${WEB}:1.1`,
  },
  {
    name: 'Deployment initContainers',
    file: 'deployment.yaml',
    lines: [
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '      - name: migrate',
      '        image: @@',
      '        args: [migrate]',
    ],
    path: ['spec', 'template', 'spec', 'initContainers', 0, 'image'],
    images: [`${WEB}:1.1`],
    from: `${WEB}:1.0`,
    to: `${WEB}:1.1`,
  },
  {
    name: 'CronJob jobTemplate',
    file: 'cronjob.yaml',
    lines: [
      'kind: CronJob',
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      ...podSpec('          ', 'image: @@'),
    ],
    path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'image'],
    images: [`${WEB}:1.1`],
    from: `${WEB}:1.0`,
    to: `${WEB}:1.1`,
  },
  {
    name: 'Pod in a flow sequence',
    file: 'pod.yaml',
    flow: true,
    lines: ['kind: Pod', 'spec:', '  containers: [{name: web, image: @@}, {name: proxy, image: envoyproxy/envoy:v1.30.0}]'],
    path: ['spec', 'containers', 0, 'image'],
    images: [`${WEB}:1.1`],
    from: `${WEB}:1.0`,
    to: `${WEB}:1.1`,
  },
  {
    name: 'kustomization images newTag',
    file: 'overlays/prod/kustomization.yaml',
    lines: ['resources: [../../base]', 'images:', '  - name: ghcr.io/acme/web', '    newTag: @@', '  - name: redis', '    newTag: "7"'],
    path: ['images', 0, 'newTag'],
    images: [`${WEB}:v2`],
    from: 'v1',
    to: 'v2',
  },
  {
    name: 'kustomization images in flow style',
    file: 'kustomization.yaml',
    flow: true,
    lines: ['images: [{name: ghcr.io/acme/web, newTag: @@}]'],
    path: ['images', 0, 'newTag'],
    images: [`${WEB}:v2`],
    from: 'v1',
    to: 'v2',
  },
  {
    name: 'Helm values image.tag',
    file: 'values.yaml',
    lines: ['replicaCount: 2', 'image:', '  repository: ghcr.io/acme/web', '  tag: @@', '  pullPolicy: IfNotPresent'],
    path: ['image', 'tag'],
    images: [`${WEB}:v2`],
    from: 'v1',
    to: 'v2',
  },
  {
    name: 'Helm values image.repository on a rename',
    file: 'values.yaml',
    lines: ['image:', '  repository: @@', '  tag: v1'],
    path: ['image', 'repository'],
    images: [`gcr.io/old/web=${WEB}:v1`],
    from: 'gcr.io/old/web',
    to: WEB,
  },
  {
    name: 'Helm values image string',
    file: 'values.yaml',
    lines: ['worker:', '  image: @@', '  replicas: 1'],
    path: ['worker', 'image'],
    images: [`${WEB}:1.1`],
    from: `${WEB}:1.0`,
    to: `${WEB}:1.1`,
  },
  {
    name: "Flux HelmRelease's values",
    file: 'release.yaml',
    lines: [
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'spec:',
      '  values:',
      '    image:',
      '      repository: ghcr.io/acme/web',
      '      tag: @@',
    ],
    path: ['spec', 'values', 'image', 'tag'],
    images: [`${WEB}:v2`],
    from: 'v1',
    to: 'v2',
  },
];

function render(location: Location, style: Style, value: string): string {
  return yaml(
    ...location.lines.map((line) => {
      const at = line.indexOf('@@');
      if (at < 0) return line;
      const column = line.slice(0, at).match(/^(\s*(?:- )*)/)![1].length;
      return line.replace('@@', style.render(value, column));
    }),
  );
}

/** Every string a text's documents hold, merge keys applied, as a reader of it sees them. */
function strings(text: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.push(value.trim());
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const document of parseAllDocuments(text, { merge: true })) walk(document.toJS());
  return found;
}

function valueAt(text: string, path: (string | number)[], documentIndex = 0): unknown {
  let value = parseAllDocuments(text, { merge: true })[documentIndex].toJS() as unknown;
  for (const key of path) value = (value as Record<string | number, unknown>)?.[key];
  return value;
}

const CASES = LOCATIONS.flatMap((location) =>
  STYLES.filter((style) => !(location.flow && style.block)).map((style) => [location.name, style.name, location, style] as const),
);

describe('patchManifestText: every scalar style in every place an image is', () => {
  it.each(CASES)('%s, %s', (_location, _style, location, style) => {
    const before = render(location, style, location.from);
    const expected = render(location, style, location.to);
    const updates = parseImageUpdates(location.images);
    const { text, changes } = patchManifestText(before, updates, location.file);

    expect(text).toBe(expected);
    expect(changes).toHaveLength(1);
    expect(valueAt(text, location.path)).toBe(location.to + (style.suffix ?? ''));
    // The class guard: the old value is nowhere in the file any more.
    expect(strings(text)).not.toContain(location.from);
    // And a second run finds nothing left to do.
    expect(patchManifestText(text, updates, location.file).text).toBe(text);
  });

  it('covers every style in a block collection and the inline ones in a flow collection', () => {
    expect(CASES.length).toBe(
      LOCATIONS.filter((l) => !l.flow).length * STYLES.length +
        LOCATIONS.filter((l) => l.flow).length * STYLES.filter((s) => !s.block).length,
    );
  });
});

describe('patchManifestText: double-quoted escapes', () => {
  it.each([
    ['\\x escapes', '"ghcr.io/acme/\\x77eb:1.0"'],
    ['\\u escapes', '"ghcr.io/acme/\\u0077eb:1.0"'],
    ['an escaped line break', '"ghcr.io/acme/we\\\n        b:1.0"'],
  ])('rewrites a reference spelt with %s as a plain double-quoted string', (_, written) => {
    const before = yaml('kind: Pod', 'spec:', '  containers:', `    - image: ${written}`, '      name: web');
    const { text } = patchManifestText(before, parseImageUpdates([`${WEB}:1.1`]), 'pod.yaml');
    expect(text).toBe(yaml('kind: Pod', 'spec:', '  containers:', `    - image: "${WEB}:1.1"`, '      name: web'));
  });

  it('finds such a file in a tree although the name is not in its bytes', () => {
    const text = yaml('kind: Pod', 'spec:', '  containers:', '    - image: "ghcr.io/acme/\\x77eb:1.0"');
    const patch = patchTree([{ path: 'pod.yaml', bytes: Buffer.from(text) }], parseImageUpdates([`${WEB}:1.1`]));
    expect(patch.files.map((file) => file.after)).toEqual([yaml('kind: Pod', 'spec:', '  containers:', `    - image: "${WEB}:1.1"`)]);
    expect(patch.missing).toEqual([]);
  });
});

describe('patchManifestText: anchors, aliases and merge keys', () => {
  const expectPatched = (before: string, images: string[], after: string, file = 'a.yaml') => {
    const updates = parseImageUpdates(images);
    const result = patchManifestText(before, updates, file);
    expect(result.text).toBe(after);
    expect(patchManifestText(result.text, updates, file).changes).toEqual([]);
    return result;
  };

  it('edits the anchor once when aliases in other containers and workloads use it', () => {
    const before = yaml(
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '        - {name: migrate, image: *web}',
      '      containers:',
      '        - name: web',
      '          image: &web ghcr.io/acme/web:1.0',
    ).replace('*web}', 'ghcr.io/acme/web:1.0}');
    // An alias must follow its anchor: the first use holds the anchor.
    const anchored = yaml(
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: &web "ghcr.io/acme/web:1.0"',
      '      initContainers:',
      '        - {name: migrate, image: *web}',
    );
    expectPatched(before, [`${WEB}:1.1`], before.replace(/web:1\.0/g, 'web:1.1'));
    const { changes } = expectPatched(anchored, [`${WEB}:1.1`], anchored.replace('web:1.0', 'web:1.1'));
    expect(changes).toEqual([{ line: 7, from: `${WEB}:1.0`, to: `${WEB}:1.1`, kind: 'container' }]);
    expect(valueAt(anchored.replace('web:1.0', 'web:1.1'), ['spec', 'template', 'spec', 'initContainers', 0, 'image'])).toBe(`${WEB}:1.1`);
  });

  it('follows a container merged in with <<, and edits the map it comes from', () => {
    const before = yaml(
      'kind: Deployment',
      'x-container: &base',
      '  image: ghcr.io/acme/web:1.0 # shared',
      '  imagePullPolicy: IfNotPresent',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - <<: *base',
      '          name: web',
      '        - <<: [*base]',
      '          name: worker',
    );
    const after = before.replace('web:1.0', 'web:1.1');
    const { changes } = expectPatched(before, [`${WEB}:1.1`], after);
    expect(changes.map((change) => change.line)).toEqual([3]);
    expect(valueAt(after, ['spec', 'template', 'spec', 'containers', 1, 'image'])).toBe(`${WEB}:1.1`);
  });

  it('edits the image a container writes over the merged one, and not the one it hides', () => {
    const before = yaml(
      'kind: Pod',
      'x-base: &base {image: ghcr.io/acme/web:0.9, imagePullPolicy: Always}',
      'spec:',
      '  containers:',
      '    - <<: *base',
      '      image: ghcr.io/acme/web:1.0',
    );
    // x-base's image is no container's: the override hides it, and it stays as written.
    expectPatched(before, [`${WEB}:1.1`], before.replace('web:1.0', 'web:1.1'));
  });

  it('follows Helm values defaults merged in, writing the override where it is', () => {
    const before = yaml(
      'defaults: &defaults',
      '  repository: ghcr.io/acme/web',
      '  pullPolicy: IfNotPresent',
      'web:',
      '  image:',
      '    <<: *defaults',
      '    tag: v1',
    );
    expectPatched(before, [`${WEB}:v2`], before.replace('tag: v1', 'tag: v2'), 'values.yaml');
  });

  it('edits a tag behind an alias at its anchor, when every use wants the same value', () => {
    const before = yaml(
      'version: &version v1',
      'web:',
      '  image: {repository: ghcr.io/acme/web, tag: *version}',
      'api:',
      '  image: {repository: ghcr.io/acme/api, tag: *version}',
    );
    const after = before.replace('&version v1', '&version v2');
    expectPatched(before, [`${WEB}:v2`, 'ghcr.io/acme/api:v2'], after, 'values.yaml');
    expect(valueAt(after, ['api', 'image', 'tag'])).toBe('v2');
  });

  it('edits a kustomize newTag behind an alias', () => {
    const before = yaml('x-tag: &tag "v1"', 'images:', '  - name: ghcr.io/acme/web', '    newTag: *tag');
    expectPatched(before, [`${WEB}:v2`], before.replace('"v1"', '"v2"'), 'kustomization.yaml');
  });

  describe('refuses, naming the line, what no edit can do alone', () => {
    const refusal = (text: string, images: string[], file = 'env/values.yaml') => {
      try {
        patchManifestText(text, parseImageUpdates(images), file);
      } catch (error) {
        expect(error).toBeInstanceOf(ManifestError);
        const { problem, line, message } = error as ManifestError;
        return { problem, line, message };
      }
      throw new Error('patched');
    };

    it('a tag anchor shared with another image that does not change', () => {
      const text = yaml(
        'web:',
        '  image: {repository: ghcr.io/acme/web, tag: &tag "1.0"}',
        'api:',
        '  image: {repository: ghcr.io/acme/api, tag: *tag}',
      );
      const { problem, line, message } = refusal(text, [`${WEB}:1.1`]);
      expect(problem).toBe('unpatchable');
      expect(line).toBe(2);
      expect(message).toMatch(/^env\/values\.yaml:2 cannot be patched: the anchor &tag here is used by/);
      expect(message).toContain('ghcr.io/acme/api:1.0 (line 4), which needs "1.0"');
      expect(message).toContain('needs "1.1"');
    });

    it('an image anchor that another workload uses for a different repository rename', () => {
      const text = yaml(
        'kind: List',
        'items:',
        '  - kind: Pod',
        '    spec: {containers: [{name: a, image: &img ghcr.io/acme/web:1.0}]}',
        '  - kind: Pod',
        '    spec: {containers: [{name: b, image: *img}]}',
      );
      // One anchor, one value: both Pods move together, which is what the text says.
      expectPatched(text, [`${WEB}:1.1`], text.replace('web:1.0', 'web:1.1'));
    });

    it('a merged map that two Helm images share, where only one changes', () => {
      const text = yaml(
        'base: &base {repository: ghcr.io/acme/web, tag: v1}',
        'web:',
        '  image: {<<: *base}',
        'api:',
        '  image: {<<: *base, repository: ghcr.io/acme/api}',
      );
      const { problem, line, message } = refusal(text, [`${WEB}:v2`]);
      expect(problem).toBe('unpatchable');
      expect(line).toBe(1);
      expect(message).toMatch(/the Helm image ghcr\.io\/acme\/api:v1 \(line 5\), which needs "v1"/);
    });

    it('a block scalar over several lines', () => {
      const text = yaml('image:', '  repository: ghcr.io/acme/web', '  tag: |', '    v1', '    v1b');
      const { problem, line, message } = refusal(text, [`${WEB}:v2`]);
      expect({ problem, line }).toEqual({ problem: 'unpatchable', line: 3 });
      expect(message).toBe(
        'env/values.yaml:3 cannot be set to "v2" for the Helm image ghcr.io/acme/web:v1\nv1b: it is a block scalar over 2 lines, not one value',
      );
    });

    it('a tag key whose value is a map', () => {
      const text = yaml('image:', '  repository: ghcr.io/acme/web', '  tag: {major: 1}');
      expect(refusal(text, [`${WEB}:v2`])).toMatchObject({
        problem: 'unpatchable',
        line: 3,
        message: expect.stringContaining("the 'tag' of ghcr.io/acme/web is not a scalar"),
      });
    });

    it('a repository that carries its own tag beside a tag key', () => {
      const text = yaml('image:', '  repository: ghcr.io/acme/web:v1', '  tag: ""');
      expect(refusal(text, [`${WEB}:v2`])).toMatchObject({ problem: 'unpatchable', line: 2 });
    });

    it('a kustomize key that must go but holds an anchor', () => {
      const text = yaml('images:', '  - name: ghcr.io/acme/web', '    newTag: &t v1', `    digest: ${D1}`, 'x: *t');
      expect(refusal(text, [`${WEB}@${D1}`], 'kustomization.yaml')).toMatchObject({ problem: 'unpatchable', line: 3 });
    });
  });
});

describe('patchManifestText: multi-document files', () => {
  it('patches each document in its own style, anchors staying in their document', () => {
    const before = yaml(
      '# web and its job',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: &img ghcr.io/acme/web:1.0',
      '        - name: sidecar',
      '          image: *img',
      '---',
      'kind: CronJob',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: report',
      '              image: >-',
      '                ghcr.io/acme/web:1.0',
      '--- !!map',
      'kind: Job',
      'spec: {template: {spec: {containers: [{name: once, image: "ghcr.io/acme/web:1.0"}]}}}',
      '...',
    );
    const after = before.replace(/web:1\.0/g, 'web:1.1');
    const { text, changes } = patchManifestText(before, parseImageUpdates([`${WEB}:1.1`]), 'all.yaml');
    expect(text).toBe(after);
    expect(changes.map((change) => change.line)).toEqual([8, 20, 24]);
    expect(strings(text)).not.toContain(`${WEB}:1.0`);
  });
});

describe('patchManifestText: JSON manifests', () => {
  const updates = (...images: string[]) => parseImageUpdates(images);

  it('patches a pretty-printed Deployment and the List kubectl prints, staying JSON', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        template: { spec: { initContainers: [{ name: 'm', image: `${WEB}:1.0` }], containers: [{ name: 'web', image: `${WEB}:1.0` }] } },
      },
    };
    for (const before of [
      JSON.stringify(deployment, null, 2),
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [deployment] }),
      `${JSON.stringify(deployment, null, 4)}\n`,
    ]) {
      const { text, changes } = patchManifestText(before, updates(`${WEB}:1.1`), 'web.json');
      expect(text).toBe(before.replace(/web:1\.0/g, 'web:1.1'));
      expect(changes).toHaveLength(2);
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('pins JSON Helm values through the tag, and adds keys to a kustomization as JSON', () => {
    const values = JSON.stringify({ image: { repository: WEB, tag: 'v1' }, replicas: 2 }, null, 2);
    const { text } = patchManifestText(values, updates(`${WEB}@${D1}`), 'values.json');
    expect(text).toBe(values.replace('"tag": "v1"', `"tag": "v1@${D1}"`));
    expect(JSON.parse(text).image).toEqual({ repository: WEB, tag: `v1@${D1}` });

    const kustomization = JSON.stringify({ kind: 'Kustomization', images: [{ name: WEB }] });
    const patched = patchManifestText(kustomization, updates(`${WEB}:v2@${D1}`), 'kustomization.json').text;
    expect(patched).toBe(kustomization.replace(`{"name":"${WEB}"}`, `{"name":"${WEB}", "newTag": "v2", "digest": "${D1}"}`));
    expect(JSON.parse(patched).images[0]).toEqual({ name: WEB, newTag: 'v2', digest: D1 });
  });

  it('writes a value that replaces a JSON null or number as a string', () => {
    const values = '{"image": {"repository": "ghcr.io/acme/web", "tag": 1.0, "digest": null}}';
    const { text } = patchManifestText(values, updates(`${WEB}:1.1@${D1}`), 'values.json');
    expect(JSON.parse(text)).toEqual({ image: { repository: WEB, tag: '1.1', digest: D1 } });
  });
});

describe('patchTree: references found, changed or not', () => {
  const tree = (files: Record<string, string>) => Object.entries(files).map(([path, text]) => ({ path, bytes: Buffer.from(text) }));
  const pod = (image: string) => yaml('kind: Pod', 'spec:', '  containers:', `    - image: ${image}`);

  it('names the updates no file references, apart from those already current', () => {
    const patch = patchTree(
      tree({ 'a.yaml': pod(`${WEB}:1.1`), 'b.yaml': pod('ghcr.io/acme/api:1') }),
      parseImageUpdates([`${WEB}:1.1`, 'ghcr.io/acme/wbe:1.1', 'ghcr.io/acme/api:2']),
    );
    expect(patch.files.map((file) => file.path)).toEqual(['b.yaml']);
    expect(patch.missing.map((update) => update.line)).toEqual(['ghcr.io/acme/wbe:1.1']);
  });

  it('counts a rename that already happened as found', () => {
    const patch = patchTree(tree({ 'a.yaml': pod(`${WEB}:2`) }), parseImageUpdates([`gcr.io/old/web=${WEB}:2`]));
    expect(patch).toMatchObject({ files: [], missing: [] });
  });

  it('stops the whole tree on a reference it cannot patch', () => {
    const shared = yaml('web: {repository: ghcr.io/acme/web, tag: &t v1}', 'api: {repository: ghcr.io/acme/api, tag: *t}');
    expect(() => patchTree(tree({ 'a.yaml': pod(`${WEB}:1.0`), 'values.yaml': shared }), parseImageUpdates([`${WEB}:v2`]))).toThrow(
      expect.objectContaining({ file: 'values.yaml', line: 1, problem: 'unpatchable' }),
    );
  });
});
