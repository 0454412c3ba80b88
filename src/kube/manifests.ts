import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describeError, InputError } from '../action/errors.js';
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

async function kustomizationIn(dir: string): Promise<boolean> {
  const names = await readdir(dir);
  return KUSTOMIZATION_FILES.some((name) => names.includes(name));
}

/**
 * Reads the objects to deploy from files, folders and kustomize folders, in
 * the order given (folders in name order), and orders them for apply:
 * Namespaces first, then CustomResourceDefinitions, then the rest.
 */
export async function loadManifests(entries: string[], options: LoadOptions): Promise<Manifest[]> {
  const input = options.input ?? 'manifests';
  if (!entries.length) throw new InputError(input, 'names no manifests', EXPECTED);
  const texts: { source: string; text: string }[] = [];
  const name = (path: string) => relative(options.root, path) || '.';

  const renderKustomization = async (dir: string) => {
    try {
      texts.push({ source: `${name(dir)} (kustomize)`, text: await options.kustomize(dir) });
    } catch (error) {
      throw new InputError(
        input,
        `${name(dir)}: kustomize could not render it: ${describeError(error)}`,
        'a folder `kubectl kustomize` renders',
      );
    }
  };
  const walk = async (dir: string): Promise<void> => {
    if (await kustomizationIn(dir)) return renderKustomization(dir);
    const children = (await readdir(dir, { withFileTypes: true })).filter((child) => !child.name.startsWith('.'));
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      const path = join(dir, child.name);
      if (child.isDirectory()) await walk(path);
      else if (child.isFile() && YAML_FILE.test(child.name)) texts.push({ source: name(path), text: await readFile(path, 'utf8') });
    }
  };

  for (const entry of entries) {
    const path = resolve(options.root, entry);
    const found = await stat(path).catch(() => undefined);
    if (!found) throw new InputError(input, `'${entry}' does not exist in ${options.root}`, EXPECTED);
    if (found.isDirectory()) await walk(path);
    else if (KUSTOMIZATION_FILES.includes(basename(path))) await renderKustomization(dirname(path));
    else texts.push({ source: name(path), text: await readFile(path, 'utf8') });
  }

  const objects = texts.flatMap(({ source, text }) => parseObjects(text, source, input));
  return settle(objects, options.namespace, input);
}

/** Every object in a YAML stream; `kind: List` is opened. Empty documents are skipped. */
export function parseObjects(text: string, source: string, input = 'manifests'): { object: KubeObject; source: string }[] {
  const found: { object: KubeObject; source: string }[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    const where = `${source}#${index + 1}`;
    const problem = doc.errors[0];
    if (problem) throw new InputError(input, `${where} does not parse: ${problem.message.split('\n')[0]}`, 'YAML Kubernetes objects');
    const value: unknown = doc.toJS();
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
