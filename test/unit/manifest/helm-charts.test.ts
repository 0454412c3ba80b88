import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../../src/action/errors.js';
import { loadManifests } from '../../../src/kube/manifests.js';
import { chartTemplates, parseImageUpdates, patchTree } from '../../../src/manifest/images.js';
import { tempDir } from '../../support/temp.js';

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

/** A chart as `helm create hello` lays it out, with a values file the CD pipeline patches. */
function chart(folder: string, templates = 20): Record<string, string> {
  const files: Record<string, string> = {
    [`${folder}/Chart.yaml`]: yaml(
      'apiVersion: v2',
      'name: hello',
      'description: A Helm chart for hello',
      'type: application',
      'version: 0.1.0',
      'appVersion: "1.0"',
    ),
    [`${folder}/values.yaml`]: yaml(
      'replicaCount: 1',
      'image:',
      '  repository: ghcr.io/acme/hello',
      '  pullPolicy: IfNotPresent',
      '  tag: "1.0"',
      'service:',
      '  type: ClusterIP',
      '  port: 80',
    ),
    [`${folder}/templates/deployment.yaml`]: yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "hello.fullname" . }}',
      '  labels:',
      '    {{- include "hello.labels" . | nindent 4 }}',
      '    app: hello',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: {{ .Chart.Name }}',
      '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    ),
  };
  for (let i = 1; i < templates; i++) {
    files[`${folder}/templates/part-${String(i).padStart(2, '0')}.yaml`] = yaml(
      '{{- if .Values.enabled }}',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      `  name: {{ include "hello.fullname" . }}-${i}`,
      '{{- end }}',
    );
  }
  return files;
}

const asFiles = (files: Record<string, string>) =>
  Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, text]) => ({ path, bytes: Buffer.from(text) }));

describe('Helm chart templates in an env repository', () => {
  it('patches the values and leaves the 20 templates untouched with one line that says why', () => {
    const files = chart('charts/hello');
    const patch = patchTree(asFiles(files), parseImageUpdates(['ghcr.io/acme/hello:1.1']));
    expect(patch.files.map((file) => file.path)).toEqual(['charts/hello/values.yaml']);
    expect(patch.files[0].after).toBe(files['charts/hello/values.yaml'].replace('tag: "1.0"', 'tag: "1.1"'));
    expect(patch.skipped).toEqual([
      {
        path: 'charts/hello/templates/',
        reason: 'charts/hello/templates/ (20 files): Helm templates are rendered by Helm; their values are patched instead',
      },
    ]);
    expect(patch.missing).toEqual([]);
  });

  it('one line per chart, a chart at the root too, and other files that are not YAML still each named', () => {
    const files = {
      ...chart('charts/hello', 3),
      ...chart('', 2),
      'apps/broken.yaml': 'hello: [unclosed\n',
    };
    const rooted = Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^\//, ''), text]));
    const patch = patchTree(asFiles(rooted), parseImageUpdates(['ghcr.io/acme/hello:1.1']));
    expect(patch.skipped.map((skipped) => skipped.path)).toEqual(['apps/broken.yaml', 'templates/', 'charts/hello/templates/']);
    expect(patch.skipped[2].reason).toMatch(/^charts\/hello\/templates\/ \(3 files\): Helm templates/);
    expect(patch.skipped[1].reason).toMatch(/^templates\/ \(2 files\): Helm templates/);
    expect(patch.files.map((file) => file.path)).toEqual(['charts/hello/values.yaml', 'values.yaml']);
  });

  it('a templates/ folder without a Chart.yaml beside it is not a chart', () => {
    expect(
      chartTemplates(['kustomize/templates/a.yaml', 'charts/hello/Chart.yaml', 'charts/hello/templates/a.yaml', 'charts/empty/Chart.yaml']),
    ).toEqual(['charts/hello/templates/']);
    const patch = patchTree(
      [{ path: 'kustomize/templates/a.yaml', bytes: Buffer.from('name: hello\n{{- if .Values.on }}\nx: 1\n{{- end }}\n') }],
      parseImageUpdates(['ghcr.io/acme/hello:1.1']),
    );
    expect(patch.skipped).toEqual([{ path: 'kustomize/templates/a.yaml', reason: expect.stringMatching(/^is not YAML/) }]);
  });

  it('still patches a template that reads as YAML and names the image itself', () => {
    const files = chart('charts/hello', 2);
    files['charts/hello/templates/job.yaml'] = yaml(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: migrate',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: migrate',
      '          image: ghcr.io/acme/hello:1.0',
    );
    const patch = patchTree(asFiles(files), parseImageUpdates(['ghcr.io/acme/hello:1.1']));
    expect(patch.files.map((file) => file.path)).toEqual(['charts/hello/templates/job.yaml', 'charts/hello/values.yaml']);
    expect(patch.skipped).toEqual([
      {
        path: 'charts/hello/templates/',
        reason: 'charts/hello/templates/ (2 files): Helm templates are rendered by Helm; their values are patched instead',
      },
    ]);
  });
});

describe('deploy-candidate refuses a Helm chart given as manifests', () => {
  async function tree(files: Record<string, string>): Promise<string> {
    const root = await tempDir('chart');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }
  const load = (root: string, entries: string[]) =>
    loadManifests(entries, {
      root,
      namespace: '',
      kustomize: () => Promise.reject(new Error('no kustomization here')),
      input: 'manifests',
    });

  it.each<[string, string[], string]>([
    [
      'the chart folder',
      ['charts/hello'],
      "input 'manifests': 'charts/hello': this is a Helm chart: render it (helm template) into the env repository, or deploy its rendered manifests",
    ],
    ['a folder holding a chart', ['charts'], "input 'manifests': 'charts/hello': this is a Helm chart"],
    [
      'a template of the chart',
      ['charts/hello/templates/deployment.yaml'],
      "input 'manifests': 'charts/hello/templates/deployment.yaml' is a template of a Helm chart: this is a Helm chart: render it (helm template)",
    ],
  ])('%s', async (_, entries, message) => {
    const root = await tree(chart('charts/hello', 3));
    const error = await load(root, entries).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message.startsWith(message)).toBe(true);
  });

  it('reads the rendered manifests beside the chart', async () => {
    const root = await tree({
      ...chart('charts/hello', 2),
      'rendered/hello.yaml': yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: hello', 'data: {}'),
    });
    const manifests = await load(root, ['rendered']);
    expect(manifests.map((m) => m.ref.name)).toEqual(['hello']);
  });
});
