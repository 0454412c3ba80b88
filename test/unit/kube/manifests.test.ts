import { mkdirSync, symlinkSync as symlink, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../../src/action/errors.js';
import { Kubectl, spawnKubectl } from '../../../src/kube/kubectl.js';
import { loadManifests, parseObjects, pruneSet } from '../../../src/kube/manifests.js';
import { describeRef, type ObjectRef } from '../../../src/kube/objects.js';
import { tempDir } from '../../support/temp.js';

const deployment = (name: string, namespace?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers: [{name: ${name}, image: 'registry.example.com/${name}:v1'}]\n`;
const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80}]\n`;
const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const crd = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Cluster\n  names: {kind: Widget, plural: widgets}\n`;

async function tree(files: Record<string, string>): Promise<string> {
  const root = await tempDir('manifests');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const kubectl = new Kubectl(spawnKubectl());
const load = (root: string, entries: string[], ns = '') =>
  loadManifests(entries, { root, namespace: ns, kustomize: (dir) => kubectl.run(['kustomize', dir]) });
const names = (manifests: { ref: ObjectRef }[]) => manifests.map((m) => describeRef(m.ref));

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('loadManifests', () => {
  it('reads files and folders recursively, YAML only, skipping hidden folders, in name order', async () => {
    const root = await tree({
      'app/b.yaml': deployment('b'),
      'app/a.yml': `${deployment('a')}---\n# only a comment\n---\n${service('a')}`,
      'app/nested/c.yaml': deployment('c'),
      'app/notes.txt': 'not a manifest',
      'app/.github/workflow.yaml': 'on: push\n',
      'extra.yaml': service('extra'),
    });
    const manifests = await load(root, ['extra.yaml', 'app']);
    expect(names(manifests)).toEqual(['service/extra', 'deployment.apps/a', 'service/a', 'deployment.apps/b', 'deployment.apps/c']);
    expect(manifests.map((m) => m.source)).toEqual(['extra.yaml#1', 'app/a.yml#1', 'app/a.yml#3', 'app/b.yaml#1', 'app/nested/c.yaml#1']);
  });

  it('puts Namespaces, then CRDs, before everything else, keeping the rest in order', async () => {
    const root = await tree({ 'all.yaml': [deployment('web', 'shop'), crd, service('web'), namespace('shop')].join('---\n') });
    expect(names(await load(root, ['all.yaml']))).toEqual([
      'namespace/shop',
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.com',
      'deployment.apps/web in shop',
      'service/web',
    ]);
  });

  it('gives the namespace input to namespaced objects that name none, and none to cluster-scoped ones', async () => {
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';
    const root = await tree({ 'all.yaml': [deployment('web'), deployment('api', 'other'), namespace('shop'), crd, widget].join('---\n') });
    const refs = (await load(root, ['all.yaml'], 'shop')).map((m) => m.ref);
    expect(refs).toEqual([
      { group: '', kind: 'Namespace', namespace: '', name: 'shop' },
      { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', namespace: '', name: 'widgets.example.com' },
      { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' },
      { group: 'apps', kind: 'Deployment', namespace: 'other', name: 'api' },
      // Declared cluster-scoped by the CRD beside it.
      { group: 'example.com', kind: 'Widget', namespace: '', name: 'w' },
    ]);
  });

  it('renders kustomize folders with kubectl kustomize instead of reading their files', async () => {
    const root = await tree({
      'base/deployment.yaml': deployment('web'),
      'base/service.yaml': service('web'),
      'base/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n',
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\nnamespace: prod\nnamePrefix: prod-\n',
    });
    const manifests = await load(root, ['overlays']);
    expect(names(manifests).sort()).toEqual(['deployment.apps/prod-web in prod', 'service/prod-web in prod']);
    expect(manifests[0].source).toMatch(/^overlays\/prod \(kustomize\)#\d$/);
    // A kustomization file named directly means its folder.
    expect(names(await load(root, ['overlays/prod/kustomization.yaml'])).sort()).toEqual(names(manifests).sort());
  });

  it('opens List objects', async () => {
    const root = await tree({
      'list.yaml': `apiVersion: v1\nkind: List\nitems:\n  - ${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } })}\n  - ${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } })}\n`,
    });
    expect(names(await load(root, ['list.yaml']))).toEqual(['configmap/a', 'configmap/b']);
  });

  it('refuses YAML that does not parse, naming the file and document', async () => {
    const root = await tree({ 'bad.yaml': `${service('ok')}---\nkind: Service\nmetadata: {name: [unclosed\n` });
    const error = await inputError(load(root, ['bad.yaml']));
    expect(error.input).toBe('manifests');
    expect(error.message).toMatch(/^input 'manifests': bad\.yaml#2 does not parse: .+; expected YAML Kubernetes objects$/);
  });

  it.each([
    ['a document without kind', 'apiVersion: v1\nmetadata: {name: x}\n', /x\.yaml#1 has no apiVersion or kind/],
    [
      'a document without name',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: x-}\n',
      /x\.yaml#1 \(ConfigMap\) has no metadata\.name/,
    ],
    ['a scalar document', 'just text\n', /x\.yaml#1 is not a mapping/],
  ])('refuses %s', async (_what, text, message) => {
    const root = await tree({ 'x.yaml': text });
    expect((await inputError(load(root, ['x.yaml']))).message).toMatch(message);
  });

  it('refuses an object declared twice', async () => {
    const root = await tree({ 'a.yaml': deployment('web', 'shop'), 'b.yaml': deployment('web') });
    expect((await inputError(load(root, ['a.yaml', 'b.yaml'], 'shop'))).message).toContain(
      'deployment.apps/web in shop is declared twice, in a.yaml#1 and b.yaml#1',
    );
    // The same name in two namespaces is two objects.
    expect(await load(root, ['a.yaml', 'b.yaml'], 'other')).toHaveLength(2);
  });

  it('refuses a missing entry and a kustomization kustomize cannot render', async () => {
    const root = await tree({ 'broken/kustomization.yaml': 'resources: [missing.yaml]\n' });
    expect((await inputError(load(root, ['nope.yaml']))).message).toContain("'nope.yaml' does not exist");
    expect((await inputError(load(root, ['broken']))).message).toMatch(/broken: kustomize could not render it: .*missing\.yaml/);
  });
});

describe('parseObjects', () => {
  it('skips empty documents', () => {
    expect(parseObjects('---\n---\n# nothing\n', 'empty.yaml')).toEqual([]);
  });
});

describe('pruneSet', () => {
  const ref = (kind: string, name: string, namespace = 'shop', group = kind === 'Deployment' ? 'apps' : ''): ObjectRef => ({
    group,
    kind,
    namespace,
    name,
  });

  it('is what the previous revision declared and the candidate does not, by group, kind, namespace and name', () => {
    const previous = [
      ref('Namespace', 'shop', ''),
      ref('Deployment', 'web'),
      ref('Service', 'web'),
      ref('Deployment', 'worker'),
      ref('ConfigMap', 'settings'),
    ];
    const candidate = [
      ref('Namespace', 'shop', ''),
      ref('Deployment', 'web'),
      ref('Service', 'web'),
      ref('ConfigMap', 'settings', 'other'),
    ];
    expect(pruneSet(previous, candidate)).toEqual([ref('ConfigMap', 'settings'), ref('Deployment', 'worker')]);
  });

  it('ignores the API version, and sees a kind moved to another group as another object', () => {
    const previous = [ref('Deployment', 'web'), { group: 'extensions', kind: 'Ingress', namespace: 'shop', name: 'web' }];
    const candidate = [ref('Deployment', 'web'), { group: 'networking.k8s.io', kind: 'Ingress', namespace: 'shop', name: 'web' }];
    expect(pruneSet(previous, candidate)).toEqual([{ group: 'extensions', kind: 'Ingress', namespace: 'shop', name: 'web' }]);
  });

  it('deletes what lives in a namespace before the namespace, and custom objects before their CRD', () => {
    const crdRef = { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', namespace: '', name: 'widgets.example.com' };
    const previous = [ref('Namespace', 'old', ''), crdRef, ref('Deployment', 'a', 'old'), ref('Service', 'a', 'old')];
    expect(pruneSet(previous, [])).toEqual([
      ref('Service', 'a', 'old'),
      ref('Deployment', 'a', 'old'),
      crdRef,
      ref('Namespace', 'old', ''),
    ]);
  });

  it('is empty when nothing was dropped', () => {
    const same = [ref('Deployment', 'web'), ref('Service', 'web')];
    expect(pruneSet(same, [...same].reverse())).toEqual([]);
  });
});

describe('loadManifests reads nothing outside its root, within bounds', () => {
  const symlinkSync = (target: string, path: string) => {
    mkdirSync(dirname(path), { recursive: true });
    symlink(target, path);
  };

  it('refuses links out of the root, to files and folders, wherever they are, naming them', async () => {
    const outside = await tree({ 'secret.yaml': service('secret'), 'dir/more.yaml': service('more') });
    const root = await tree({ 'apps/own.yaml': service('own') });
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'apps/file.yaml'));
    symlinkSync(join(outside, 'dir'), join(root, 'folder/ext'));
    symlinkSync('../../nowhere.yaml', join(root, 'dangling/up.yaml'));
    symlinkSync(outside, join(root, 'linked'));
    const cases: [string[], string][] = [
      [['apps'], "'apps/file.yaml' is a symbolic link to a file outside the repository"],
      [['apps/file.yaml'], "'apps/file.yaml' is a symbolic link to a file outside the repository"],
      [['folder'], "'folder/ext' is a symbolic link to a folder outside the repository"],
      [['folder/ext/more.yaml'], "'folder/ext' is a symbolic link to a folder outside the repository"],
      [['dangling'], "'dangling/up.yaml' is a symbolic link to a file outside the repository"],
      [['linked/secret.yaml'], "'linked' is a symbolic link to a folder outside the repository"],
      [['.'], 'is a symbolic link to a'],
    ];
    for (const [entries, problem] of cases) {
      const error = await inputError(load(root, entries));
      expect(error.input).toBe('manifests');
      expect(error.message).toContain(problem);
    }
  });

  it('reads a link that stays inside like its target, and refuses one that loops', async () => {
    const root = await tree({ 'shared/a.yaml': service('a'), 'shared/dir/b.yaml': service('b'), 'apps/own.yaml': service('own') });
    symlinkSync('../shared/a.yaml', join(root, 'apps/a.yaml'));
    symlinkSync('../shared/dir', join(root, 'apps/dir'));
    symlinkSync('../shared/a.yaml', join(root, 'apps/notes.txt'));
    expect(names(await load(root, ['apps']))).toEqual(['service/a', 'service/b', 'service/own']);
    symlinkSync('..', join(root, 'shared/dir/up'));
    const error = await inputError(load(root, ['shared']));
    expect(error.message).toContain("'shared/dir/up' is a symbolic link to a folder that contains it");
  });

  it('lets a workspace entry named outside the root be its own boundary', async () => {
    const elsewhere = await tree({ 'v1/a.yaml': service('a'), 'other/b.yaml': service('b') });
    symlinkSync('../other/b.yaml', join(elsewhere, 'v1/b.yaml'));
    const root = await tree({});
    expect(names(await load(root, [join(elsewhere, 'v1/a.yaml')]))).toEqual(['service/a']);
    const error = await inputError(load(root, [join(elsewhere, 'v1')]));
    expect(error.message).toContain('is a symbolic link to a file outside the repository');
  });

  it('refuses, before kustomize renders, a link anywhere in the repository that leads out of it', async () => {
    const outside = await tree({ 'base/kustomization.yaml': 'resources: [s.yaml]\n', 'base/s.yaml': service('outside') });
    const root = await tree({ 'overlay/kustomization.yaml': 'resources: [../base]\n' });
    symlinkSync(join(outside, 'base'), join(root, 'base'));
    const error = await inputError(load(root, ['overlay']));
    expect(error.message).toContain("'base' is a symbolic link to a folder outside the repository");
  });

  it('refuses a file over 10 MiB by its size, and an alias bomb, naming the file', async () => {
    const root = await tree({ 'big.yaml': `# ${'x'.repeat(10 * 1024 * 1024)}\n` });
    const big = await inputError(load(root, ['big.yaml']));
    expect(big.message).toMatch(/^input 'manifests': big\.yaml is larger than 10 MiB; expected /);
    const bomb =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n';
    expect(() => parseObjects(bomb, 'bomb.yaml')).toThrow(
      /^input 'manifests': bomb\.yaml#1 is refused: .*alias.*\(more than 100 aliases per node\); expected /,
    );
  });
});
