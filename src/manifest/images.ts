/**
 * In-place image updates in an env repository's YAML: container images of any
 * pod template, kustomize `images:` entries and Helm values. Edits are spliced
 * into the original text (see yaml-patch.ts), so a diff shows exactly the
 * lines whose image changed and nothing else.
 */
import { basename } from 'node:path';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit as visitYaml,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import {
  canonicalRepository,
  DEFAULT_REGISTRY,
  formatImageReference,
  parseImageReference,
  repositoryOf,
  sameRepository,
  type ImageReference,
} from '../image/reference.js';
import type { ImageUpdate } from './updates.js';
import { appendPairs, applyEdits, LineIndex, removePair, scalarText, setScalar, UneditableError, type Edit } from './yaml-patch.js';

export { parseImageUpdates, type ImageUpdate } from './updates.js';

export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/** yaml's own guard against "billion laughs": aliases per resolved node past which a document is refused. */
const MAX_ALIAS_COUNT = 100;
/** An alias token (`*name` after a space, `:` or a flow indicator); only aliases can blow up, so most files skip the check. */
const MAY_HAVE_ALIASES = /(?:^|[\s,:[{])\*[^\s,[\]{}"']/m;
/** Characters YAML does not allow in a stream (C0 controls but tab and line breaks, DEL). */
const BINARY = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
/** How deep merge keys may nest, and aliases lead into aliases, before the walk stops following them. */
const MAX_INDIRECTION = 64;

export interface ImageChange {
  /** 1-based line of the first changed byte, in the original text. */
  line: number;
  from: string;
  to: string;
  kind: 'container' | 'kustomize' | 'helm';
}

/**
 * `not-yaml` files are left alone by a tree patch; the others stop it,
 * because a run that skips them would write a partial update while the user
 * believes every file was looked at: `unpatchable` is a reference the engine
 * found but cannot change without changing something else too (an anchor
 * shared with another image, a block scalar over several lines), `stale` a
 * reference that still names another image after patching.
 */
export type ManifestProblem = 'not-yaml' | 'too-large' | 'alias-bomb' | 'unpatchable' | 'stale';

export class ManifestError extends Error {
  /** What is wrong with the file, without its name, e.g. "is larger than 10 MiB". */
  readonly reason: string;

  constructor(
    readonly file: string,
    message: string,
    readonly problem: ManifestProblem = 'not-yaml',
    /** 1-based line the problem is on, when it is on one. */
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''} ${message}`);
    this.name = 'ManifestError';
    this.reason = message;
  }
}

export interface TextPatch {
  text: string;
  changes: ImageChange[];
  /** The updates whose repository the text references, changed or already current. */
  referenced: ImageUpdate[];
}

/**
 * Patches one file's text. Returns the new text (=== `text` when nothing
 * matched) and one change per updated image reference. Throws ManifestError
 * for text that is too big, is not YAML, or expands aliases past yaml's bound;
 * for a reference it cannot change alone; and, after patching, for a reference
 * of an updated repository the new text still does not give the new image.
 */
export function patchManifestText(text: string, updates: ImageUpdate[], file = 'manifest'): TextPatch {
  const patched = patchOnce(text, updates, file);
  if (patched.changes.length) verify(patched.text, updates, file);
  return patched;
}

/**
 * The guard: the patched text is parsed again and walked again, through its
 * aliases and merge keys, and must need no further change. A reference the
 * edits missed, or an edit that does not read back as the new image, stops
 * the run here rather than leaving a workload on the old image.
 */
function verify(text: string, updates: ImageUpdate[], file: string): void {
  let again: TextPatch;
  try {
    again = patchOnce(text, updates, file);
  } catch (error) {
    const reason = error instanceof ManifestError ? error.reason : error instanceof Error ? error.message : String(error);
    throw new ManifestError(file, `cannot be patched safely: the patched text does not read back (${reason})`, 'stale');
  }
  const [stale] = again.changes;
  if (stale) {
    throw new ManifestError(file, `still names ${stale.from} after patching, where ${stale.to} was expected`, 'stale', stale.line);
  }
}

function patchOnce(text: string, updates: ImageUpdate[], file: string): TextPatch {
  if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) throw new ManifestError(file, 'is larger than 10 MiB', 'too-large');
  if (BINARY.test(text)) throw new ManifestError(file, 'is not YAML: it contains binary data');
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    const [error] = document.errors;
    if (error) throw new ManifestError(file, `is not YAML: ${error.message.split('\n')[0]}`);
    if (MAY_HAVE_ALIASES.test(text)) refuseAliasBomb(document, file);
  }
  const patcher = new Patcher(text, updates, file);
  for (const document of documents) patcher.document(document);
  return patcher.result();
}

/**
 * Every image reference the patch engine would consider in one file: container
 * images, Helm values images with a tag or digest, kustomize `images` entries
 * with a new tag or digest. For tagging what a revision deploys.
 */
export function findImages(text: string, file = 'manifest'): ImageReference[] {
  const documents = parseAllDocuments(text);
  if (documents.some((document) => document.errors.length)) return [];
  const found: ImageReference[] = [];
  const walker = new Patcher(text, [], file, found);
  for (const document of documents) {
    if (MAY_HAVE_ALIASES.test(text)) refuseAliasBomb(document, file);
    walker.document(document);
  }
  return found;
}

function refuseAliasBomb(document: Document.Parsed, file: string): void {
  try {
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new ManifestError(file, `is refused: ${error.message} (more than ${MAX_ALIAS_COUNT} aliases per node)`, 'alias-bomb');
    }
    throw new ManifestError(file, `is not YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const CONTAINER_KEYS = ['containers', 'initContainers', 'ephemeralContainers'];

/**
 * `<<: *defaults`: YAML 1.1's merge key, which Kubernetes, kustomize and Helm
 * all read (their YAML libraries are YAML 1.1), so a container or a values
 * map may get its `image` from the map an alias names. Quoted, it is a key.
 */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === 'PLAIN' && key.value === '<<';
}

function tryParse(text: string | undefined): ImageReference | undefined {
  if (!text) return undefined;
  try {
    return parseImageReference(text);
  } catch {
    return undefined;
  }
}

function describe(repository: string, tag: string | undefined, digest: string | undefined): string {
  return `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

interface Place {
  /** The key under which the node sits in its parent map. */
  key?: string;
  parent?: { map: YAMLMap; key?: string };
  /** Inside Helm values, where any `image: repo:tag` string is an image. */
  values: boolean;
  /** Offset of the alias through which the walk reached this node, if any: where the field is used. */
  via?: number;
}

/** A key's pair as a map resolves it: its own, else the first merged map's that has it. */
interface Field {
  pair: Pair;
  /** The map the pair is written in: the map itself, or a map merged into it. */
  owner: YAMLMap;
  /** The value, through an alias. */
  node: unknown;
}

/** Where one Helm image's parts are written. */
interface HelmFields {
  repository: Field;
  registry?: Field;
  tag?: Field;
  digest?: Field;
}

/** What one image field needs a scalar to hold, and who asked, for a message when two ask for different values. */
interface Demand {
  value: string;
  at: number;
  what: string;
}

/** Walks the documents of one text and collects the edits and changes. */
class Patcher {
  private readonly edits: Edit[] = [];
  private readonly changes: ImageChange[] = [];
  private readonly demands = new Map<Scalar, Demand>();
  private readonly seenMaps = new Set<YAMLMap>();
  private readonly collected = new Set<Node>();
  private readonly referenced = new Set<ImageUpdate>();
  private readonly byRepository = new Map<string, { update: ImageUpdate; rename: boolean }>();
  /** Repositories that renames lead to: a reference of one means the rename already happened. */
  private readonly byTarget = new Map<string, ImageUpdate>();
  /** Maps merged into others with `<<`: a key added to or removed from one would change every map it is merged into. */
  private mergeSources?: Set<YAMLMap>;
  private lines?: LineIndex;
  private current!: Document.Parsed;
  /** A JSON document: every value written stays a JSON string. */
  private json = false;
  /** An Argo CD Application or ApplicationSet, whose `kustomize` and `helm` maps name images in their own ways. */
  private argo = false;

  /** `found` makes the walk collect every reference it meets instead of editing. */
  constructor(
    private readonly text: string,
    private readonly updates: ImageUpdate[],
    private readonly file: string,
    private readonly found?: ImageReference[],
  ) {
    for (const update of updates) {
      const rename = !sameRepository(update.match, update.target);
      this.byRepository.set(canonicalRepository(update.match), { update, rename });
      if (rename) this.byTarget.set(canonicalRepository(update.target), update);
    }
  }

  result(): TextPatch {
    this.resolve();
    const referenced = this.updates.filter((update) => this.referenced.has(update));
    if (!this.edits.length) return { text: this.text, changes: [], referenced };
    return { text: applyEdits(this.text, this.edits), changes: this.changes.sort((a, b) => a.line - b.line), referenced };
  }

  /** Turns the demands into edits: every scalar whose value must change. */
  private resolve(): Edit[] {
    for (const [node, demand] of this.demands) {
      if (demand.value === (scalarText(node) ?? '')) continue;
      try {
        this.edits.push(setScalar(this.text, node, demand.value, this.json));
      } catch (error) {
        if (!(error instanceof UneditableError)) throw error;
        this.refuse(error.offset, `cannot be set to ${JSON.stringify(demand.value)} for ${demand.what}: it ${error.message}`);
      }
    }
    this.demands.clear();
    return this.edits;
  }

  document(document: Document.Parsed): void {
    const root = document.contents;
    if (!isMap(root)) return;
    this.current = document;
    this.mergeSources = undefined;
    this.json = root.flow === true && root.items.every((pair) => isScalar(pair.key) && pair.key.type === 'QUOTE_DOUBLE');
    const kind = this.textOf(root, 'kind');
    const apiVersion = this.textOf(root, 'apiVersion') ?? '';
    this.argo = apiVersion.startsWith('argoproj.io/') && (kind === 'Application' || kind === 'ApplicationSet');
    const kustomization =
      /^kustomization\.ya?ml$/i.test(basename(this.file)) ||
      kind === 'Kustomization' ||
      (kind === 'Component' && apiVersion.startsWith('kustomize.config.k8s.io/'));
    if (kustomization) {
      // kustomize keeps `images` at the top; Flux's Kustomization under `spec`.
      const spec = this.field(root, 'spec')?.node;
      for (const images of [this.field(root, 'images')?.node, isMap(spec) ? this.field(spec, 'images')?.node : undefined]) {
        if (!isSeq(images)) continue;
        for (const item of images.items) {
          const entry = this.deref(item);
          if (isMap(entry)) this.kustomizeEntry(entry, isAlias(item) ? item.range![0] : undefined);
        }
      }
      return;
    }
    // Every Kubernetes object has a kind; a map without one is Helm values.
    this.visit(root, { values: kind === undefined }, 0);
  }

  private deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.current) : node;
  }

  /** The maps merged into `map` with `<<`, in the order that gives them precedence. */
  private merged(map: YAMLMap): YAMLMap[] {
    const sources: YAMLMap[] = [];
    for (const pair of map.items) {
      if (!isMergeKey(pair.key)) continue;
      const value = this.deref(pair.value);
      for (const source of isSeq(value) ? value.items.map((item) => this.deref(item)) : [value]) if (isMap(source)) sources.push(source);
    }
    return sources;
  }

  private field(map: YAMLMap, key: string, depth = 0): Field | undefined {
    const own = map.items.find((pair) => !isMergeKey(pair.key) && scalarText(pair.key) === key);
    if (own) return { pair: own, owner: map, node: this.deref(own.value) };
    if (depth > MAX_INDIRECTION) return undefined;
    for (const source of this.merged(map)) {
      const found = this.field(source, key, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private textOf(map: YAMLMap, key: string): string | undefined {
    return scalarText(this.field(map, key)?.node);
  }

  /** A map's pairs as its readers see them: its own, then those merged in that it does not override. */
  private entries(map: YAMLMap, depth = 0): Pair[] {
    const own = map.items.filter((pair) => !isMergeKey(pair.key));
    if (own.length === map.items.length || depth > MAX_INDIRECTION) return own;
    const keys = new Set(own.map((pair) => scalarText(pair.key)));
    for (const source of this.merged(map)) {
      for (const pair of this.entries(source, depth + 1)) {
        const key = scalarText(pair.key);
        if (!keys.has(key)) own.push(pair);
        keys.add(key);
      }
    }
    return own;
  }

  private visit(raw: unknown, place: Place, depth: number): void {
    if (depth > MAX_INDIRECTION * 4) return;
    const node = this.deref(raw);
    const via = place.via ?? (isAlias(raw) ? raw.range![0] : undefined);
    if (isSeq(node)) {
      for (const item of node.items) this.visit(item, { values: place.values, via }, depth + 1);
      return;
    }
    if (!isMap(node)) return;
    const { key, parent } = place;
    if (key === 'spec' && parent && (parent.key === 'template' || this.textOf(parent.map, 'kind') === 'Pod')) {
      for (const containersKey of CONTAINER_KEYS) {
        const containers = this.field(node, containersKey);
        if (!containers || !isSeq(containers.node)) continue;
        for (const item of containers.node.items) {
          const container = this.deref(item);
          if (isMap(container))
            this.imageString(this.field(container, 'image'), 'container', via ?? (isAlias(item) ? item.range![0] : undefined));
        }
      }
    }
    if (this.field(node, 'repository') && (this.field(node, 'tag') || this.field(node, 'digest'))) this.helmImage(node, via);
    // Argo CD: spec.source(s).kustomize and .helm, and the same under an ApplicationSet's template.
    if (this.argo && key === 'kustomize') this.argoKustomize(node, via);
    if (this.argo && key === 'helm') this.argoHelm(node, via);
    if (place.values) this.imageString(this.field(node, 'image'), 'helm', via);
    for (const pair of this.entries(node)) {
      const childKey = scalarText(pair.key);
      this.visit(
        pair.value,
        {
          key: childKey,
          parent: { map: node, key },
          // Flux HelmRelease and Argo CD Applications carry Helm values inside an object.
          values: place.values || childKey === 'values' || childKey === 'valuesObject',
          via,
        },
        depth + 1,
      );
    }
  }

  private collect(node: Node, text: string): void {
    if (this.collected.has(node)) return;
    this.collected.add(node);
    const ref = tryParse(text);
    if (ref) this.found!.push(ref);
  }

  /** The update for a reference's repository; a reference of a rename's new repository counts as found, with nothing to do. */
  private find(ref: ImageReference | undefined): { update: ImageUpdate; rename: boolean } | undefined {
    if (!ref) return undefined;
    const repository = canonicalRepository(ref);
    const found = this.byRepository.get(repository);
    const renamed = this.byTarget.get(repository);
    if (found) this.referenced.add(found.update);
    else if (renamed) this.referenced.add(renamed);
    return found;
  }

  private lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.lineOf(offset);
  }

  private refuse(offset: number, reason: string): never {
    throw new ManifestError(this.file, reason, 'unpatchable', this.lineOf(offset));
  }

  /** Where a field is used: the alias that led to it, else the field itself. */
  private where(node: unknown, via: number | undefined): number {
    return via ?? (node as Node).range?.[0] ?? 0;
  }

  /**
   * Asks that a scalar hold `value`. A scalar reached twice (an anchor and its
   * aliases, a map merged into others) is one place in the text: when two
   * image fields need different values there, no edit can give both.
   */
  private demand(node: Scalar, value: string, at: number, what: string): boolean {
    const earlier = this.demands.get(node);
    if (!earlier) {
      this.demands.set(node, { value, at, what });
      return true;
    }
    if (earlier.value === value) return false;
    const anchor = node.anchor ? `the anchor &${node.anchor}` : 'a value shared through an alias or merge key';
    return this.refuse(
      node.range![0],
      `cannot be patched: ${anchor} here is used by ${earlier.what} (line ${this.lineOf(earlier.at)}), which needs ${JSON.stringify(earlier.value)}, ` +
        `and by ${what} (line ${this.lineOf(at)}), which needs ${JSON.stringify(value)}; give each its own value instead of sharing one`,
    );
  }

  /** One change for the edits of one map: structural `edits`, and scalars whose demanded value differs, at `changed`. */
  private record(edits: Edit[], changed: number[], change: Omit<ImageChange, 'line'>): void {
    if (!edits.length && !changed.length) return;
    this.edits.push(...edits);
    this.changes.push({ line: this.lineOf(Math.min(...changed, ...edits.map((edit) => edit.start))), ...change });
  }

  /** A pair that an edit can give a value: a scalar, possibly empty, possibly a block scalar. */
  private editable(field: Field | undefined): boolean {
    return !field || isScalar(field.node);
  }

  /** A whole reference in one scalar: `image: nginx:1.0`. */
  private imageString(field: Field | undefined, kind: ImageChange['kind'], via: number | undefined): void {
    const node = field?.node;
    if (!isScalar(node)) return;
    const from = scalarText(node);
    if (this.found) return void (from && this.collect(node, from));
    const ref = tryParse(from);
    if (!ref) return;
    const at = this.where(field!.pair.value, via);
    const found = this.find(ref);
    if (!found) {
      this.demand(node, from!, at, `the image ${from}`);
      return;
    }
    const { update, rename } = found;
    const to = formatImageReference({
      ...(rename ? update.target : ref),
      tag: update.target.tag,
      digest: update.target.digest,
    });
    const first = this.demand(node, to, at, `the image ${from} -> ${to}`);
    if (first && to !== from) this.changes.push({ line: this.lineOf(node.range![0]), from: from!, to, kind });
  }

  /** Fails unless keys can be added to or removed from `map` without changing other maps too. */
  private checkStructural(map: YAMLMap, at: number, what: string): void {
    if (!this.mergeSources) {
      this.mergeSources = new Set();
      const sources = this.mergeSources;
      visitYaml(this.current, {
        Map: (_, node) => {
          for (const source of this.merged(node)) sources.add(source);
        },
      });
    }
    if (this.mergeSources.has(map)) {
      this.refuse(at, `cannot be patched: ${what}, in a map that is merged into others with <<, where the change would apply too`);
    }
  }

  /**
   * A Helm values map: `repository` with `tag` and/or `digest` siblings (and
   * Bitnami's `registry`). A chart that has a `digest` key gets the digest
   * there; one without gets `tag: 1.0@sha256:…`, which the usual
   * `{{ .repository }}:{{ .tag }}` template turns into a pinned reference
   * (a digest alone keeps the tag there and pins it). No key is ever added:
   * where the one the target needs is missing, the file is refused.
   */
  private helmImage(map: YAMLMap, via: number | undefined): void {
    if (this.seenMaps.has(map)) return;
    this.seenMaps.add(map);
    const fields = {
      repository: this.field(map, 'repository')!,
      registry: this.field(map, 'registry'),
      tag: this.field(map, 'tag'),
      digest: this.field(map, 'digest'),
    };
    this.helmFields(fields, map, this.where(map, via), 'key');
  }

  /**
   * The fields of one Helm image, wherever they are written: the keys of a
   * values map, or Argo CD's `helm.parameters` (`image.repository`,
   * `image.tag`), which `noun` names in messages.
   */
  private helmFields(image: HelmFields, owner: Node, at: number, noun: 'key' | 'parameter'): void {
    const { repository: repositoryField, registry: registryField, tag: tagField, digest: digestField } = image;
    const repository = scalarText(repositoryField.node);
    const registry = scalarText(registryField?.node);
    const ref = tryParse(registry && repository ? `${registry}/${repository}` : repository);
    const tag = scalarText(tagField?.node);
    const digest = scalarText(digestField?.node);
    if (this.found) {
      if (ref && tag !== undefined) this.collect(owner, `${repositoryOf(ref)}:${tag}${digest ? `@${digest}` : ''}`);
      return;
    }
    const found = this.find(ref);
    const fields: [Field | undefined, string | undefined][] = [
      [repositoryField, repository],
      [registryField, registry],
      [tagField, tag],
      [digestField, digest],
    ];
    if (!ref || !found) {
      const what = `the Helm image ${ref ? describe(repositoryOf(ref), tag, digest) : repository}`;
      for (const [field, text] of fields) if (field && isScalar(field.node)) this.demand(field.node, text ?? '', at, what);
      return;
    }
    const name = repositoryOf(ref);
    if (ref.tag !== undefined || ref.digest !== undefined) {
      this.refuse(
        repositoryField.pair.value ? (repositoryField.node as Node).range![0] : at,
        `cannot be patched: repository '${repository}' carries a tag or digest of its own beside the tag and digest ${noun}s; write the repository alone`,
      );
    }
    for (const [key, field] of [
      ['registry', registryField],
      ['tag', tagField],
      ['digest', digestField],
    ] as const) {
      if (!this.editable(field))
        this.refuse(
          field!.pair.key ? (field!.pair.key as Node).range![0] : at,
          `cannot be patched: the '${key}' of ${name} is not a scalar`,
        );
    }
    const { update, rename } = found;
    const { target } = update;
    const what = `the Helm image ${describe(name, tag, digest)}`;

    const changed: number[] = [];
    const change = (field: Field, to: string) => {
      const node = field.node as Scalar;
      if (this.demand(node, to, at, what) && (scalarText(node) ?? '') !== to) changed.push(node.range![0]);
    };
    let newRepository = name;
    if (rename) {
      newRepository = repositoryOf(target);
      if (registryField) {
        change(registryField, target.registry || DEFAULT_REGISTRY);
        change(repositoryField, target.path);
      } else {
        change(repositoryField, newRepository);
      }
    } else {
      change(repositoryField, repository!);
      if (registryField) change(registryField, registry ?? '');
    }
    // Only keys the values already have are written: a chart renders the keys its templates read, and a key added
    // beside them (a `digest:` the template never reads) would leave the deployed image as it was.
    let newTag = tag;
    let newDigest = digest;
    if (digestField) {
      newDigest = target.digest ?? '';
      change(digestField, newDigest);
      if (target.tag !== undefined) newTag = target.tag;
    } else if (target.tag !== undefined) {
      newTag = target.digest ? `${target.tag}@${target.digest}` : target.tag;
    } else {
      // A digest alone, and no digest key: pinned through the tag, `tag: 1.0@sha256:…`, which `repository:tag` renders.
      const kept = (tag ?? '').replace(/@.*$/, '');
      if (!kept)
        this.refuse(
          tagField ? (tagField.node as Node).range![0] : at,
          `cannot be patched: the Helm image ${name} has no digest ${noun} and no tag to pin ${target.digest} through; ` +
            `give it a tag (tag: 1.0) or a digest ${noun} the chart reads, or deliver a tag with the digest (${name}:1.0@${target.digest})`,
        );
      newTag = `${kept}@${target.digest}`;
    }
    if (tagField) change(tagField, newTag ?? '');
    else if (newTag !== tag && !newDigest)
      this.refuse(
        at,
        `cannot be patched: the Helm image ${name} has a digest ${noun} and no tag ${noun}, and ${formatImageReference(target)} has no digest; ` +
          `add the tag ${noun} the chart reads, or deliver a digest`,
      );
    else newTag = tag;
    this.record([], changed, { from: describe(name, tag, digest), to: describe(newRepository, newTag, newDigest), kind: 'helm' });
  }

  /** `kustomize.images` of an Argo CD source: strings as `kustomize edit set image` takes them. */
  private argoKustomize(map: YAMLMap, via: number | undefined): void {
    const images = this.field(map, 'images');
    if (!images || !isSeq(images.node)) return;
    for (const item of images.node.items) {
      const node = this.deref(item);
      if (isScalar(node)) this.kustomizeString(node, this.where(item, via ?? (isAlias(item) ? item.range![0] : undefined)));
    }
  }

  /**
   * One `name[=newName][:tag][@digest]` string. The form written keeps the
   * entry's own, and takes `name=newName` whenever a digest goes with a tag,
   * which every kustomize reads the same: older ones take what precedes `@`
   * as the new name, tag included.
   */
  private kustomizeString(node: Scalar, at: number): void {
    const text = scalarText(node);
    const parsed = text ? parseKustomizeImage(text) : undefined;
    if (!parsed) return;
    const deployed = parsed.newName ?? parsed.name;
    if (this.found) {
      if (parsed.tag || parsed.digest) this.collect(node, describe(deployed, parsed.tag, parsed.digest));
      return;
    }
    const what = `the Argo CD kustomize image ${text}`;
    const found = this.find(tryParse(parsed.name)) ?? this.find(tryParse(parsed.newName));
    if (!found) return void this.demand(node, text!, at, what);
    const { update, rename } = found;
    const { target } = update;
    const newName = rename ? repositoryOf(target) : parsed.newName;
    if (newName === parsed.newName && target.tag === parsed.tag && target.digest === parsed.digest) {
      return void this.demand(node, text!, at, what);
    }
    const long = newName !== undefined || (target.tag !== undefined && target.digest !== undefined);
    const to =
      `${parsed.name}${long ? `=${newName ?? parsed.name}` : ''}` +
      `${target.tag !== undefined ? `:${target.tag}` : ''}${target.digest ? `@${target.digest}` : ''}`;
    if (this.demand(node, to, at, what)) {
      const change = {
        from: describe(deployed, parsed.tag, parsed.digest),
        to: describe(newName ?? parsed.name, target.tag, target.digest),
      };
      this.changes.push({ line: this.lineOf(node.range![0]), ...change, kind: 'kustomize' });
    }
  }

  /** `helm` of an Argo CD source: its `parameters` and its `values` string (`valuesObject` is walked as values). */
  private argoHelm(map: YAMLMap, via: number | undefined): void {
    const parameters = this.field(map, 'parameters');
    if (parameters && isSeq(parameters.node)) this.helmParameters(parameters.node, via);
    const values = this.field(map, 'values');
    if (values && isScalar(values.node) && typeof values.node.value === 'string') {
      this.valuesString(values.node, this.where(values.pair.value, via));
    }
  }

  /**
   * `- name: image.repository` / `- name: image.tag` pairs (and `.registry`,
   * `.digest`; `image.name` as Argo CD Image Updater writes it), and `image`
   * parameters that hold a whole reference.
   */
  private helmParameters(parameters: YAMLSeq, via: number | undefined): void {
    const byName = new Map<string, { value: Field; item: YAMLMap }>();
    for (const raw of parameters.items) {
      const item = this.deref(raw);
      if (!isMap(item)) continue;
      const name = this.textOf(item, 'name');
      const value = this.field(item, 'value');
      if (name !== undefined && value) byName.set(name, { value, item });
    }
    for (const [name, { value, item }] of byName) {
      if (name === 'image' || name.endsWith('.image')) {
        this.imageString(value, 'helm', via);
        continue;
      }
      const prefix = (/^((?:.*\.)?)repository$/.exec(name) ?? /^(.+\.)name$/.exec(name))?.[1];
      if (prefix === undefined || this.seenMaps.has(item)) continue;
      this.seenMaps.add(item);
      const tag = byName.get(`${prefix}tag`)?.value;
      const digest = byName.get(`${prefix}digest`)?.value;
      const at = this.where(item, via);
      if (!tag && !digest) {
        const repository = scalarText(value.node);
        if (!this.found && name.endsWith('repository') && this.find(tryParse(repository))) {
          this.refuse(
            at,
            `cannot be patched: the Helm parameter ${name} names ${repository}, but no parameter sets ${prefix}tag or ${prefix}digest, ` +
              `so its tag comes from values this step does not see; add a '${prefix}tag' parameter`,
          );
        }
        continue;
      }
      this.helmFields({ repository: value, registry: byName.get(`${prefix}registry`)?.value, tag, digest }, item, at, 'parameter');
    }
  }

  /**
   * `helm.values`: Helm values in a string. Patched like a values file, and
   * each edit spliced into the line of the block that holds it, so the block
   * keeps its bytes. Values that name an updated image but cannot be edited
   * so (not a literal block `|`, not YAML) are refused, naming the line.
   */
  private valuesString(node: Scalar, at: number): void {
    const inner = node.value as string;
    const header = this.lineOf(node.range![0]);
    const named = () => this.updates.some((update) => [update.match, update.target].some((ref) => inner.includes(lastSegment(ref.path))));
    const documents = parseAllDocuments(inner);
    const broken = documents.find((document) => document.errors.length)?.errors[0];
    if (broken) {
      if (!this.found && named())
        this.refuse(
          at,
          `cannot be patched: helm.values does not read as YAML (${broken.message.split('\n')[0]}), and it may name the image`,
        );
      return;
    }
    const sub = new Patcher(inner, this.updates, this.file, this.found);
    let edits: Edit[];
    try {
      for (const document of documents) {
        if (MAY_HAVE_ALIASES.test(inner)) refuseAliasBomb(document, this.file);
        sub.document(document);
      }
      edits = sub.resolve();
    } catch (error) {
      if (error instanceof ManifestError && error.line)
        throw new ManifestError(this.file, error.reason, error.problem, header + error.line);
      throw error;
    }
    for (const update of sub.referenced) this.referenced.add(update);
    if (!edits.length) return;
    const starts = this.blockLines(node);
    const innerLines = new LineIndex(inner);
    const lineStarts = [0, ...[...inner.matchAll(/\n/g)].map((match) => match.index + 1)];
    for (const edit of edits) {
      const line = innerLines.lineOf(edit.start);
      if (!starts || edit.text.includes('\n') || innerLines.lineOf(edit.end) !== line || line > starts.length) {
        this.refuse(
          starts ? node.range![0] : at,
          'cannot be patched: helm.values names the image, but is not a literal block (values: |) whose lines can each be edited in place; write it as one',
        );
      }
      const offset = starts[line - 1] - lineStarts[line - 1];
      this.edits.push({ start: edit.start + offset, end: edit.end + offset, text: edit.text });
    }
    for (const change of sub.changes) this.changes.push({ ...change, line: header + change.line });
  }

  /**
   * Where each line of a literal block scalar's value starts in the text, when
   * the value is exactly its lines less their indentation; else undefined.
   */
  private blockLines(node: Scalar): number[] | undefined {
    if (node.type !== 'BLOCK_LITERAL') return undefined;
    const [start, end] = node.range!;
    const headerEnd = this.text.indexOf('\n', start);
    if (headerEnd < 0 || headerEnd >= end) return undefined;
    const lines: { start: number; text: string }[] = [];
    for (let at = headerEnd + 1; at < end;) {
      const lf = this.text.indexOf('\n', at);
      const lineEnd = lf < 0 || lf >= end ? end : lf;
      lines.push({ start: at, text: this.text.slice(at, lineEnd).replace(/\r$/, '') });
      at = lineEnd + 1;
    }
    const first = lines.find((line) => line.text.trim() !== '');
    if (!first) return undefined;
    const indent = /^ */.exec(first.text)![0].length;
    if (lines.some((line) => line.text.slice(0, indent).trim() !== '')) return undefined;
    const content = lines.map((line) => line.text.slice(indent)).join('\n');
    if (content.replace(/\n+$/, '') !== (node.value as string).replace(/\n+$/, '')) return undefined;
    return lines.map((line) => line.start + Math.min(indent, line.text.length));
  }

  /**
   * A kustomize `images:` entry, matched by `name` or by the `newName` it
   * already deploys. Keys it lacks are added after its last key; a tag or a
   * digest the target does not have is removed, since a stale digest would
   * keep deploying the old image.
   */
  private kustomizeEntry(entry: YAMLMap, via: number | undefined): void {
    if (this.seenMaps.has(entry)) return;
    this.seenMaps.add(entry);
    const nameField = this.field(entry, 'name');
    const newNameField = this.field(entry, 'newName');
    const newTagField = this.field(entry, 'newTag');
    const digestField = this.field(entry, 'digest');
    const name = scalarText(nameField?.node);
    const newName = scalarText(newNameField?.node);
    const newTag = scalarText(newTagField?.node);
    const digest = scalarText(digestField?.node);
    if (this.found) {
      if (newTag || digest) this.collect(entry, `${newName ?? name}${newTag ? `:${newTag}` : ''}${digest ? `@${digest}` : ''}`);
      return;
    }
    const at = this.where(entry, via);
    const found = this.find(tryParse(name)) ?? this.find(tryParse(newName));
    const deployed = newName ?? name;
    const what = `the kustomize image ${describe(deployed ?? '?', newTag, digest)}`;
    if (!found) {
      for (const [field, text] of [
        [newNameField, newName],
        [newTagField, newTag],
        [digestField, digest],
      ] as const) {
        if (field && isScalar(field.node)) this.demand(field.node, text ?? '', at, what);
      }
      return;
    }
    for (const [key, field] of [
      ['newName', newNameField],
      ['newTag', newTagField],
      ['digest', digestField],
    ] as const) {
      if (!this.editable(field))
        this.refuse(
          (field!.pair.key as Node)?.range?.[0] ?? at,
          `cannot be patched: the '${key}' of the kustomize image ${deployed} is not a scalar`,
        );
    }
    const { update, rename } = found;
    const { target } = update;
    // kustomize appends tagSuffix to the workload's own tag, and ignores it once newTag or digest is set.
    const suffixField = this.field(entry, 'tagSuffix');
    const suffix = scalarText(suffixField?.node);
    if (suffix && target.tag !== undefined && newTag !== target.tag && !target.tag.endsWith(suffix)) {
      this.refuse(
        (suffixField!.pair.key as Node).range![0],
        `cannot be patched: the kustomize image ${deployed} has tagSuffix '${suffix}', which kustomize ignores once newTag is set, ` +
          `so ${formatImageReference(target)} would deploy without it; deliver a tag ending in '${suffix}', or remove tagSuffix`,
      );
    }

    const edits: Edit[] = [];
    const added: [string, string][] = [];
    const changed: number[] = [];
    const apply = (key: string, field: Field | undefined, from: string | undefined, to: string | undefined) => {
      if (to === undefined) {
        if (!field) return;
        const keyNode = field.pair.key as Node;
        if (field.owner !== entry)
          this.refuse(keyNode.range![0], `cannot be patched: '${key}' of ${deployed} must go, but it comes from a map merged with <<`);
        if (keyNode.anchor || (field.pair.value as Node | null)?.anchor)
          this.refuse(keyNode.range![0], `cannot be patched: '${key}' of ${deployed} must go, but it holds an anchor that aliases use`);
        this.checkStructural(entry, at, `removing '${key}' from the kustomize image ${deployed}`);
        edits.push(removePair(this.text, entry, field.pair));
      } else if (!field) {
        added.push([key, to]);
      } else if (this.demand(field.node as Scalar, to, at, what) && (from ?? '') !== to) {
        changed.push((field.node as Scalar).range![0]);
      }
    };
    const renamed = rename ? repositoryOf(target) : deployed!;
    if (rename) apply('newName', newNameField, newName, renamed);
    else if (newNameField) apply('newName', newNameField, newName, newName ?? '');
    apply('newTag', newTagField, newTag, target.tag);
    apply('digest', digestField, digest, target.digest);
    if (added.length) {
      this.checkStructural(entry, at, `adding ${added.map(([key]) => key).join(' and ')} to the kustomize image ${deployed}`);
      edits.push(appendPairs(this.text, entry, added, this.json));
    }
    this.record(edits, changed, {
      from: describe(deployed!, newTag, digest),
      to: describe(renamed, target.tag, target.digest),
      kind: 'kustomize',
    });
  }
}

export interface FilePatch {
  /** Relative to the tree's root, as listed. */
  path: string;
  before: string;
  after: string;
  changes: ImageChange[];
}

export interface TreePatch {
  /** Only the files that change, in the order they were listed. */
  files: FilePatch[];
  skipped: { path: string; reason: string }[];
  /** Updates whose repository no file references: most often a misspelled repository, or paths that miss its files. */
  missing: ImageUpdate[];
}

/**
 * Patches every given file, writing nothing. A file that is not UTF-8 YAML is
 * skipped with the reason, and the templates of a Helm chart (a Chart.yaml
 * beside templates/) once for their folder, since Helm renders them; a file over 10 MiB, an alias bomb, a reference
 * that cannot be changed alone and one still stale after patching throw
 * ManifestError, so that the run writes nothing at all.
 *
 * A file whose bytes contain neither the last path component of an updated
 * repository (or of a rename's new one) nor a backslash cannot reference it,
 * and is not parsed: in an env repository of thousands of files that is most
 * of them, and parsing is the whole cost. (A double-quoted scalar can spell a
 * name with escapes, `"ngin\x78"`, and only those need a backslash.) So every
 * file that can hold a reference is parsed and walked, and one that needed no
 * change is one whose references are all current already.
 */
export function patchTree(files: { path: string; bytes: Uint8Array }[], updates: ImageUpdate[]): TreePatch {
  // An update concerns a file only when the file names its repository's last segment ('hello' of ghcr.io/acme/hello).
  const byName = new Map<string, ImageUpdate[]>();
  for (const update of updates) {
    for (const name of new Set([lastSegment(update.match.path), lastSegment(update.target.path)])) {
      byName.set(name, [...(byName.get(name) ?? []), update]);
    }
  }
  const needles = [...byName.keys(), '\\'].map((needle) => Buffer.from(needle));
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const result: TreePatch = { files: [], skipped: [], missing: [] };
  const referenced = new Set<ImageUpdate>();
  const charts = chartTemplates(files.map((file) => file.path));
  /** Chart template folders with a file that does not read as YAML: reported once each, not once per file. */
  const unread = new Set<string>();
  const skip = (path: string, reason: string) => {
    const chart = charts.find((folder) => path.startsWith(folder));
    if (chart) unread.add(chart);
    else result.skipped.push({ path, reason });
  };
  for (const { path, bytes } of files) {
    if (bytes.length > MAX_MANIFEST_BYTES) throw new ManifestError(path, 'is larger than 10 MiB', 'too-large');
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let before: string;
    try {
      before = decoder.decode(bytes);
    } catch {
      if (needles.some((needle) => buffer.includes(needle))) skip(path, 'is not UTF-8 text');
      continue;
    }
    // Escapes can spell a name in other bytes: such a file is always read in full.
    const escaped = before.includes('\\');
    const concerned = escaped ? updates : updatesNamedIn(before, byName);
    if (!concerned.length) continue;
    // A file whose every mention of the names is already the target reference needs no change: no parse.
    if (!escaped && concerned.every((update) => alreadyAtTarget(before, update))) {
      for (const update of concerned) referenced.add(update);
      continue;
    }
    try {
      const patch = patchManifestText(before, updates, path);
      for (const update of patch.referenced) referenced.add(update);
      if (patch.changes.length) result.files.push({ path, before, after: patch.text, changes: patch.changes });
    } catch (error) {
      if (!(error instanceof ManifestError) || error.problem !== 'not-yaml') throw error;
      skip(path, error.reason);
    }
  }
  for (const folder of charts.filter((chart) => unread.has(chart))) {
    const patched = new Set(result.files.map((file) => file.path));
    const count = files.filter((file) => file.path.startsWith(folder) && !patched.has(file.path)).length;
    result.skipped.push({
      path: folder,
      reason: `${folder} (${count} file${count === 1 ? '' : 's'}): Helm templates are rendered by Helm; their values are patched instead`,
    });
  }
  result.missing = updates.filter((update) => !referenced.has(update));
  return result;
}

/**
 * The `templates/` folders of the Helm charts among the paths: a Chart.yaml
 * beside them. Their files are Go templates, which Helm renders from the
 * chart's values; most do not read as YAML.
 */
export function chartTemplates(paths: string[]): string[] {
  return paths
    .filter((path) => path === 'Chart.yaml' || path.endsWith('/Chart.yaml'))
    .map((chart) => `${chart.slice(0, -'Chart.yaml'.length)}templates/`)
    .filter((folder) => paths.some((path) => path.startsWith(folder)));
}

/** `name[=newName][:tag][@digest]`, as `kustomize edit set image` reads it. */
function parseKustomizeImage(text: string): { name: string; newName?: string; tag?: string; digest?: string } | undefined {
  const eq = text.indexOf('=');
  const rest = eq >= 0 ? text.slice(eq + 1) : text;
  const at = rest.indexOf('@');
  const head = at >= 0 ? rest.slice(0, at) : rest;
  const digest = at >= 0 ? rest.slice(at + 1) : undefined;
  const tagged = /^(.*):([A-Za-z0-9._-]+)$/.exec(head);
  const image = tagged ? tagged[1] : head;
  const tag = tagged?.[2];
  if (!image || (eq >= 0 && eq === 0)) return undefined;
  return eq >= 0 ? { name: text.slice(0, eq), newName: image, tag, digest } : { name: image, tag, digest };
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The updates whose repository name appears in `text` as a word; one scan, whatever the number of updates. */
function updatesNamedIn(text: string, byName: Map<string, ImageUpdate[]>): ImageUpdate[] {
  const found = new Set<ImageUpdate>();
  for (const [word] of text.matchAll(/[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/g)) {
    for (const update of byName.get(word) ?? []) found.add(update);
  }
  return [...found];
}

/**
 * True when every mention of the update's name in `text` is the target
 * reference itself, written out whole: then every reference to that
 * repository is already the target, in whatever field it stands. A rename,
 * or any other mention (a split Helm repository and tag, a label), is left
 * to the parser.
 */
function alreadyAtTarget(text: string, update: ImageUpdate): boolean {
  if (repositoryOf(update.match) !== repositoryOf(update.target)) return false;
  const target = formatImageReference(update.target);
  // Whole: not the tail of a longer reference (ghcr.io/acme/hello is not acme/hello).
  const whole = occurrences(text, target, (before) => !/[A-Za-z0-9._/-]/.test(before));
  return whole > 0 && whole === occurrences(text, lastSegment(update.target.path));
}

function occurrences(text: string, needle: string, accept: (before: string) => boolean = () => true): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) if (accept(text[at - 1] ?? '')) count++;
  return count;
}
