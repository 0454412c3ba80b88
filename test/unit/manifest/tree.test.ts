import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ManifestError, parseImageUpdates, patchTree } from '../../../src/manifest/images.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'patch-tree-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

/** The files as the engine is given them: paths and their bytes. */
const contents = (paths: string[]) => paths.map((path) => ({ path, bytes: readFileSync(join(root, path)) }));

const deployment = yaml(
  '# The web tier: two images of ours, one of upstream.',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web}',
  'spec:',
  '  template:',
  '    spec:',
  '      initContainers:',
  "        - {name: migrate, image: 'ghcr.io/acme/web:1.0'}",
  '      containers:',
  '        - name: web',
  '          image: ghcr.io/acme/web:1.0 # set by CD',
  '        - name: api',
  '          image: "ghcr.io/acme/api:1.0"',
  '        - name: proxy',
  '          image: envoyproxy/envoy:v1.30.0',
  '---',
  'apiVersion: batch/v1',
  'kind: CronJob',
  'metadata: {name: report}',
  'spec:',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          containers:',
  '            - image: ghcr.io/acme/api:1.0',
);

describe('patchTree', () => {
  it('changes one line per changed image, as `git diff --numstat` counts them', async () => {
    write({
      'apps/web/deployment.yaml': deployment,
      'apps/web/kustomization.yaml': yaml(
        'resources: [deployment.yaml]',
        'images:',
        '  - name: ghcr.io/acme/web',
        '    newTag: "1.0"',
        '  - name: ghcr.io/acme/api # no tag yet',
      ),
      'charts/web/values.yaml': yaml(
        'web:',
        '  image:',
        '    repository: ghcr.io/acme/web',
        '    tag: "1.0"',
        'api:',
        '  image: ghcr.io/acme/api:1.0',
      ),
      'apps/web/service.yaml': yaml('kind: Service', 'metadata: {name: web}'),
    });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base');

    const files = git('ls-files', '*.yaml').trim().split('\n');
    const updates = parseImageUpdates(['ghcr.io/acme/web:1.1', `ghcr.io/acme/api:2.0@${DIGEST}`]);
    const patch = patchTree(contents(files), updates);
    for (const file of patch.files) writeFileSync(join(root, file.path), file.after);

    // One changed line per changed image; a kustomize entry gains one line per key it lacked.
    const numstat = git('diff', '--numstat').trim().split('\n');
    expect(numstat).toEqual(['4\t4\tapps/web/deployment.yaml', '3\t1\tapps/web/kustomization.yaml', '2\t2\tcharts/web/values.yaml']);
    expect(patch.files.map((file) => [file.path, file.changes.length])).toEqual([
      ['apps/web/deployment.yaml', 4],
      ['apps/web/kustomization.yaml', 2],
      ['charts/web/values.yaml', 2],
    ]);

    const again = patchTree(contents(files), updates);
    expect(again.files).toEqual([]);
  });

  it('returns the new text and changes nothing in place', async () => {
    write({ 'a.yaml': deployment });
    const patch = patchTree(contents(['a.yaml']), parseImageUpdates(['ghcr.io/acme/web:9']));
    expect(patch.files[0].before).toBe(deployment);
    expect(patch.files[0].after).not.toBe(deployment);
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe(deployment);
  });

  it('skips, with the reason, files that are not YAML and leaves the rest patched', async () => {
    write({
      'chart/templates/deployment.yaml': yaml(
        '{{- if .Values.enabled }}',
        'kind: Deployment',
        'spec:',
        '  image: {{ .Values.image | default "ghcr.io/acme/web:1.0" }}',
        '{{- end }}',
      ),
      'binary.yaml': Buffer.from([0x6b, 0x3a, 0x00, 0x01, ...Buffer.from(' ghcr.io/acme/web:1.0')]),
      'latin1.yaml': Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nimage: ghcr.io/acme/web:1.0\n')]),
      'values.yaml': yaml('image: ghcr.io/acme/web:1.0'),
    });
    const files = ['binary.yaml', 'chart/templates/deployment.yaml', 'latin1.yaml', 'values.yaml'];
    const patch = patchTree(contents(files), parseImageUpdates(['ghcr.io/acme/web:2.0']));
    expect(patch.files.map((file) => file.after)).toEqual([yaml('image: ghcr.io/acme/web:2.0')]);
    expect(patch.skipped.map((skip) => skip.path)).toEqual(['binary.yaml', 'chart/templates/deployment.yaml', 'latin1.yaml']);
    expect(patch.skipped[0].reason).toBe('is not YAML: it contains binary data');
    expect(patch.skipped[1].reason).toMatch(/^is not YAML: .* at line 1, column \d+/);
    expect(patch.skipped[2].reason).toBe('is not UTF-8 text');
  });

  it('does not parse files that cannot name an updated repository', async () => {
    write({ 'broken.yaml': 'a: b: c\n', 'other.yaml': deployment });
    const patch = patchTree(contents(['broken.yaml', 'other.yaml']), parseImageUpdates(['quay.io/x/unrelated:1']));
    expect(patch).toMatchObject({ files: [], skipped: [], missing: [{ line: 'quay.io/x/unrelated:1' }] });
  });

  it.each([
    ['a file over 10 MiB', () => `image: ghcr.io/acme/web:1.0\n${'#'.repeat(10 * 1024 * 1024)}`, 'too-large'],
    [
      'an alias bomb',
      () =>
        yaml(
          'image: ghcr.io/acme/web:1.0',
          'a: &a [x, x, x, x, x, x, x, x, x, x]',
          ...'bcdefgh'.split('').map((name, at) => `${name}: &${name} [${Array(10).fill(`*${'abcdefgh'[at]}`).join(', ')}]`),
        ),
      'alias-bomb',
    ],
  ])('stops the whole run on %s', async (_, content, problem) => {
    write({ 'a.yaml': deployment, 'b.yaml': content(), 'c.yaml': deployment });
    const run = () => patchTree(contents(['a.yaml', 'b.yaml', 'c.yaml']), parseImageUpdates(['ghcr.io/acme/web:2.0']));
    expect(run).toThrow(ManifestError);
    expect(run).toThrow(expect.objectContaining({ file: 'b.yaml', problem }));
  });
});
