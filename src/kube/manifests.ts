import { lstat, readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describeError, InputError } from '../action/errors.js';
import { MAX_MANIFEST_BYTES } from '../manifest/images.js';
import { applyRank, describeRef, groupOf, isClusterScoped, refKey, type KubeObject, type ObjectRef } from './objects.js';

/** One object to apply, with where it came from and who it is once its namespace is settled. */
export interface Manifest {
  object: KubeObject;
  ref: ObjectRef;
  /** `apps/web.yaml#2`, or `overlays/prod (kustomize)#5`: enough to find it again. */
  source: string;
}

export interface LoadOptions {
  /** What relative entries are relative to: the workspace, or a checkout of the env repository. */
  root: string;
  /** Given to namespaced objects that name none; '' leaves them to kubectl's context namespace. */
  namespace: string;
  /** Renders a kustomization folder to YAML (`kubectl kustomize DIR`). */
  kustomize: (dir: string) => Promise<string>;
  /** The input the entries came from, for error messages. */
  input?: string;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const YAML_FILE = /\.ya?ml$/i;
const EXPECTED = 'files, folders (every .yaml and .yml file in them, recursively) or kustomize folders';
const BOUNDED = `${EXPECTED}, each file at most 10 MiB`;
const INSIDE = `${EXPECTED}, inside the repository (a symbolic link may lead only to a file or folder of the repository)`;
/** yaml's guard against "billion laughs", as patch-manifest sets it: aliases per resolved node past which a document is refused. */
const MAX_ALIAS_COUNT = 100;

async function kustomizationIn(dir: string): Promise<boolean> {
  const names = await readdir(dir);
  return KUSTOMIZATION_FILES.some((name) => names.includes(name));
}

/** A Helm chart: a Chart.yaml beside a templates/ folder, whose files are Go templates, not manifests. */
async function helmChartIn(dir: string): Promise<boolean> {
  const children = await readdir(dir, { withFileTypes: true });
  const has = (name: string) => children.find((child) => child.name === name);
  const templates = has('templates');
  return Boolean(has('Chart.yaml') && templates && (templates.isDirectory() || templates.isSymbolicLink()));
}

const HELM_CHART = 'this is a Helm chart: render it (helm template) into the env repository, or deploy its rendered manifests';

/** Whether `path` is `boundary` or under it; both absolute and normalised. */
function within(path: string, boundary: string): boolean {
  return path === boundary || path.startsWith(boundary.endsWith(sep) ? boundary : `${boundary}${sep}`);
}

/**
 * Reads the objects to deploy from files, folders and kustomize folders, in
 * the order given (folders in name order), and orders them for apply:
 * Namespaces first, then CustomResourceDefinitions, then the rest.
 *
 * Nothing outside `root` is read through it: an entry inside it, a file or
 * folder found in a folder, and every symbolic link on the way must resolve
 * to a path inside it. A link that stays inside is read like its target; one
 * that leaves is refused, naming it. (An entry named outside `root`, which
 * only a workspace allows, is its own boundary.) Each file is held to the
 * bounds patch-manifest applies: 10 MiB, and yaml's alias limit.
 */
export async function loadManifests(entries: string[], options: LoadOptions): Promise<Manifest[]> {
  const input = options.input ?? 'manifests';
  if (!entries.length) throw new InputError(input, 'names no manifests', EXPECTED);
  const texts: { source: string; text: string }[] = [];
  const root = resolve(options.root);
  const realRoot = await realpath(root);
  const name = (path: string) => relative(!within(path, root) && within(path, realRoot) ? realRoot : root, path) || '.';
  const leaves = (path: string, folder: boolean) =>
    new InputError(input, `'${name(path)}' is a symbolic link to a ${folder ? 'folder' : 'file'} outside the repository`, INSIDE);

  /** Refuses, naming it, the first symbolic link on the way from `root` to `path` that leads out of `boundary`. */
  const firstLinkOut = async (path: string, boundary: string): Promise<InputError> => {
    const parts = relative(root, path).split(sep);
    for (let i = 1; i <= parts.length; i++) {
      const prefix = join(root, ...parts.slice(0, i));
      const link = await lstat(prefix).catch(() => undefined);
      if (!link?.isSymbolicLink()) continue;
      const target = await realpath(prefix).catch(() => undefined);
      if (!target || !within(target, boundary)) {
        return leaves(prefix, Boolean(target && (await stat(target)).isDirectory()));
      }
    }
    return leaves(path, false);
  };

  const scanned = new Map<string, Promise<void>>();
  /** kustomize follows links of its own (bases in other folders): every link under the boundary must stay inside it. */
  const scanLinks = (dir: string, boundary: string): Promise<void> =>
    (async () => {
      for (const child of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, child.name);
        if (child.isSymbolicLink()) {
          const target = await realpath(path).catch(() => undefined);
          if (target && !within(target, boundary)) throw leaves(path, (await stat(target)).isDirectory());
        } else if (child.isDirectory() && child.name !== '.git') {
          await scanLinks(path, boundary);
        }
      }
    })();

  const readBounded = async (path: string, real: string) => {
    const { size } = await stat(real);
    if (size > MAX_MANIFEST_BYTES) throw new InputError(input, `${name(path)} is larger than 10 MiB`, BOUNDED);
    texts.push({ source: name(path), text: await readFile(real, 'utf8') });
  };
  const renderKustomization = async (dir: string, boundary: string) => {
    if (!scanned.has(boundary)) scanned.set(boundary, scanLinks(boundary, boundary));
    await scanned.get(boundary);
    let text: string;
    try {
      text = await options.kustomize(dir);
    } catch (error) {
      throw new InputError(
        input,
        `${name(dir)}: kustomize could not render it: ${describeError(error)}`,
        'a folder `kubectl kustomize` renders',
      );
    }
    if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) {
      throw new InputError(input, `${name(dir)} (kustomize) renders more than 10 MiB`, BOUNDED);
    }
    texts.push({ source: `${name(dir)} (kustomize)`, text });
  };
  /** `real` is where `dir` resolves; `open` the real folders being walked, which a link must not lead back into. */
  const walk = async (dir: string, real: string, boundary: string, open: string[]): Promise<void> => {
    if (await kustomizationIn(real)) return renderKustomization(dir, boundary);
    if (await helmChartIn(real)) throw new InputError(input, `'${name(dir)}': ${HELM_CHART}`);
    const children = (await readdir(real, { withFileTypes: true })).filter((child) => !child.name.startsWith('.'));
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      const path = join(dir, child.name);
      const at = join(real, child.name);
      if (child.isSymbolicLink()) {
        const target = await realpath(at).catch(() => undefined);
        if (!target) {
          if (!within(resolve(real, await readlink(at)), boundary)) throw leaves(path, false);
          if (YAML_FILE.test(child.name)) throw new InputError(input, `'${name(path)}' is a symbolic link to nothing`, INSIDE);
          continue;
        }
        const folder = (await stat(target)).isDirectory();
        if (!within(target, boundary)) throw leaves(path, folder);
        if (folder) {
          if (open.some((ancestor) => within(ancestor, target))) {
            throw new InputError(input, `'${name(path)}' is a symbolic link to a folder that contains it`, INSIDE);
          }
          await walk(path, target, boundary, [...open, target]);
        } else if (YAML_FILE.test(child.name)) {
          await readBounded(path, target);
        }
      } else if (child.isDirectory()) {
        await walk(path, at, boundary, [...open, at]);
      } else if (child.isFile() && YAML_FILE.test(child.name)) {
        await readBounded(path, at);
      }
    }
  };

  for (const entry of entries) {
    const path = resolve(root, entry);
    const real = await realpath(path).catch(() => undefined);
    if (!real) {
      const dangling = await lstat(path).catch(() => undefined);
      if (dangling?.isSymbolicLink() && within(path, root) && !within(resolve(dirname(path), await readlink(path)), root)) {
        throw leaves(path, false);
      }
      if (dangling) throw new InputError(input, `'${entry}' is a symbolic link to nothing`, INSIDE);
      throw new InputError(input, `'${entry}' does not exist in ${options.root}`, EXPECTED);
    }
    // An entry named inside the root stays inside it; one named outside it (a workspace's) is its own boundary.
    const boundary = within(path, root) ? realRoot : real;
    if (!within(real, boundary)) throw await firstLinkOut(path, boundary);
    const found = await stat(real);
    if (found.isDirectory()) await walk(path, real, boundary, [real]);
    else if (KUSTOMIZATION_FILES.includes(basename(path))) await renderKustomization(dirname(path), boundary);
    else if (basename(dirname(real)) === 'templates' && (await helmChartIn(dirname(dirname(real)))))
      throw new InputError(input, `'${entry}' is a template of a Helm chart: ${HELM_CHART}`);
    else await readBounded(path, real);
  }

  const objects = texts.flatMap(({ source, text }) => parseObjects(text, source, input));
  return settle(objects, options.namespace, input);
}

/** Every object in a YAML stream; `kind: List` is opened. Empty documents are skipped. */
export function parseObjects(text: string, source: string, input = 'manifests'): { object: KubeObject; source: string }[] {
  const found: { object: KubeObject; source: string }[] = [];
  if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) throw new InputError(input, `${source} is larger than 10 MiB`, BOUNDED);
  parseAllDocuments(text).forEach((doc, index) => {
    const where = `${source}#${index + 1}`;
    const problem = doc.errors[0];
    if (problem) throw new InputError(input, `${where} does not parse: ${problem.message.split('\n')[0]}`, 'YAML Kubernetes objects');
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const why = describeError(error).split('\n')[0];
      if (error instanceof ReferenceError) {
        throw new InputError(
          input,
          `${where} is refused: ${why} (more than ${MAX_ALIAS_COUNT} aliases per node)`,
          'YAML Kubernetes objects whose aliases do not multiply',
        );
      }
      throw new InputError(input, `${where} does not parse: ${why}`, 'YAML Kubernetes objects');
    }
    if (value === null || value === undefined) return;
    const items = isList(value) ? (value as { items: unknown[] }).items : [value];
    for (const item of items) found.push({ object: checkObject(item, where, input), source: where });
  });
  return found;
}

function isList(value: unknown): boolean {
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray((value as { items?: unknown }).items);
}

function checkObject(value: unknown, where: string, input: string): KubeObject {
  const expected = 'Kubernetes objects with apiVersion, kind and metadata.name';
  if (typeof value !== 'object' || Array.isArray(value)) throw new InputError(input, `${where} is not a mapping`, expected);
  const object = value as Partial<KubeObject>;
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string')
    throw new InputError(input, `${where} has no apiVersion or kind`, expected);
  if (typeof object.metadata?.name !== 'string' || !object.metadata.name) {
    throw new InputError(input, `${where} (${object.kind}) has no metadata.name`, `${expected} (generateName cannot be applied)`);
  }
  return object as KubeObject;
}

/** Settles each object's namespace, refuses duplicates, and puts Namespaces and CRDs first. */
function settle(objects: { object: KubeObject; source: string }[], namespace: string, input: string): Manifest[] {
  // A custom kind declared cluster-scoped by a CRD in the same manifests takes no namespace either.
  const customClusterKinds = new Set(
    objects
      .filter(({ object }) => object.kind === 'CustomResourceDefinition' && object.spec?.scope === 'Cluster')
      .map(({ object }) => `${object.spec?.group}/${object.spec?.names?.kind}`),
  );
  const seen = new Map<string, string>();
  const manifests = objects.map(({ object, source }) => {
    const group = groupOf(object.apiVersion);
    const clusterScoped = isClusterScoped(group, object.kind, customClusterKinds);
    const ref = {
      group,
      kind: object.kind,
      namespace: clusterScoped ? '' : (object.metadata.namespace ?? namespace),
      name: object.metadata.name,
    };
    const key = refKey(ref);
    const earlier = seen.get(key);
    if (earlier)
      throw new InputError(input, `${describeRef(ref)} is declared twice, in ${earlier} and ${source}`, 'each object declared once');
    seen.set(key, source);
    return { object, ref, source };
  });
  return manifests
    .map((m, index) => ({ m, index }))
    .sort((a, b) => applyRank(a.m.ref) - applyRank(b.m.ref) || a.index - b.index)
    .map(({ m }) => m);
}

/** Objects the previous revision declared and the candidate no longer does: what prune deletes, last-applied first. */
export function pruneSet(previous: ObjectRef[], candidate: ObjectRef[]): ObjectRef[] {
  const kept = new Set(candidate.map(refKey));
  const gone = previous.filter((ref) => !kept.has(refKey(ref)));
  // Delete in reverse apply order: what lives in a namespace (or is defined by a CRD) goes before it.
  return gone
    .map((ref, index) => ({ ref, index }))
    .sort((a, b) => applyRank(b.ref) - applyRank(a.ref) || b.index - a.index)
    .map(({ ref }) => ref);
}
