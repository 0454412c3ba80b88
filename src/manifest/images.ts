/**
 * In-place image updates in an env repository's YAML: container images of any
 * pod template, kustomize `images:` entries and Helm values. Edits are spliced
 * into the original text (see yaml-patch.ts), so a diff shows exactly the
 * lines whose image changed and nothing else.
 */
import { basename } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
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
import { appendPairs, applyEdits, isEmptyScalar, LineIndex, removePair, scalarText, setScalar, type Edit } from './yaml-patch.js';

export { parseImageUpdates, type ImageUpdate } from './updates.js';

export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/** yaml's own guard against "billion laughs": aliases per resolved node past which a document is refused. */
const MAX_ALIAS_COUNT = 100;
/** An alias token (`*name` after a space, `:` or a flow indicator); only aliases can blow up, so most files skip the check. */
const MAY_HAVE_ALIASES = /(?:^|[\s,:[{])\*[^\s,[\]{}"']/m;
/** Characters YAML does not allow in a stream (C0 controls but tab and line breaks, DEL). */
const BINARY = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

export interface ImageChange {
  /** 1-based line of the first changed byte, in the original text. */
  line: number;
  from: string;
  to: string;
  kind: 'container' | 'kustomize' | 'helm';
}

/**
 * `not-yaml` files are left alone by a tree patch; `too-large` and
 * `alias-bomb` stop it, because a run that skips them would write a partial
 * update while the user believes every file was looked at.
 */
export type ManifestProblem = 'not-yaml' | 'too-large' | 'alias-bomb';

export class ManifestError extends Error {
  /** What is wrong with the file, without its name, e.g. "is larger than 10 MiB". */
  readonly reason: string;

  constructor(
    readonly file: string,
    message: string,
    readonly problem: ManifestProblem = 'not-yaml',
  ) {
    super(`${file} ${message}`);
    this.name = 'ManifestError';
    this.reason = message;
  }
}

/**
 * Patches one file's text. Returns the new text (=== `text` when nothing
 * matched) and one change per updated image reference. Throws ManifestError
 * for text that is too big, is not YAML, or expands aliases past yaml's bound.
 */
export function patchManifestText(text: string, updates: ImageUpdate[], file = 'manifest'): { text: string; changes: ImageChange[] } {
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

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => scalarText(pair.key) === key);
}

function textOf(map: YAMLMap, key: string): string | undefined {
  return scalarText(pairOf(map, key)?.value);
}

/** A pair whose value an edit can set: absent, empty, or a plain or quoted scalar. */
function editable(pair: Pair | undefined): boolean {
  return !pair || isEmptyScalar(pair.value) || scalarText(pair.value) !== undefined;
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
}

/** Walks the documents of one text and collects the edits and changes. */
class Patcher {
  private readonly edits: Edit[] = [];
  private readonly changes: ImageChange[] = [];
  private readonly seen = new Set<Node>();
  private readonly byRepository = new Map<string, { update: ImageUpdate; rename: boolean }>();
  private lines?: LineIndex;
  private current!: Document.Parsed;

  /** `found` makes the walk collect every reference it meets instead of editing. */
  constructor(
    private readonly text: string,
    updates: ImageUpdate[],
    private readonly file: string,
    private readonly found?: ImageReference[],
  ) {
    for (const update of updates) {
      this.byRepository.set(canonicalRepository(update.match), { update, rename: !sameRepository(update.match, update.target) });
    }
  }

  result(): { text: string; changes: ImageChange[] } {
    if (!this.edits.length) return { text: this.text, changes: [] };
    return { text: applyEdits(this.text, this.edits), changes: this.changes.sort((a, b) => a.line - b.line) };
  }

  document(document: Document.Parsed): void {
    const root = document.contents;
    if (!isMap(root)) return;
    this.current = document;
    const kind = textOf(root, 'kind');
    const apiVersion = textOf(root, 'apiVersion') ?? '';
    const kustomization =
      /^kustomization\.ya?ml$/i.test(basename(this.file)) ||
      kind === 'Kustomization' ||
      (kind === 'Component' && apiVersion.startsWith('kustomize.config.k8s.io/'));
    if (kustomization) {
      // kustomize keeps `images` at the top; Flux's Kustomization under `spec`.
      const spec = pairOf(root, 'spec')?.value;
      for (const images of [pairOf(root, 'images')?.value, isMap(spec) ? pairOf(spec, 'images')?.value : undefined]) {
        if (isSeq(images)) for (const entry of images.items) if (isMap(entry)) this.kustomizeEntry(entry);
      }
      return;
    }
    // Every Kubernetes object has a kind; a map without one is Helm values.
    this.visit(root, { values: kind === undefined });
  }

  private visit(node: unknown, place: Place): void {
    if (isSeq(node)) {
      for (const item of node.items) this.visit(item, { values: place.values });
      return;
    }
    if (!isMap(node)) return; // aliases are visited where their anchor is
    const { key, parent } = place;
    if (key === 'spec' && parent && (parent.key === 'template' || textOf(parent.map, 'kind') === 'Pod')) {
      for (const containersKey of CONTAINER_KEYS) {
        const containers = pairOf(node, containersKey)?.value;
        if (!isSeq(containers)) continue;
        for (const container of containers.items) {
          if (isMap(container)) this.imageString(pairOf(container, 'image')?.value, 'container');
        }
      }
    }
    if (pairOf(node, 'repository') && (pairOf(node, 'tag') || pairOf(node, 'digest'))) this.helmImage(node);
    if (place.values) this.imageString(pairOf(node, 'image')?.value, 'helm');
    for (const pair of node.items) {
      const childKey = scalarText(pair.key);
      this.visit(pair.value, {
        key: childKey,
        parent: { map: node, key },
        // Flux HelmRelease and Argo CD Applications carry Helm values inside an object.
        values: place.values || childKey === 'values' || childKey === 'valuesObject',
      });
    }
  }

  private collect(text: string): void {
    const ref = tryParse(text);
    if (ref) this.found!.push(ref);
  }

  private find(ref: ImageReference | undefined): { update: ImageUpdate; rename: boolean } | undefined {
    return ref && this.byRepository.get(canonicalRepository(ref));
  }

  private lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.lineOf(offset);
  }

  private record(edits: Edit[], change: Omit<ImageChange, 'line'>): void {
    if (!edits.length) return;
    this.edits.push(...edits);
    this.changes.push({ line: this.lineOf(Math.min(...edits.map((edit) => edit.start))), ...change });
  }

  private set(pair: Pair, value: string): Edit {
    return setScalar(this.text, pair.value as Scalar, value);
  }

  /** A whole reference in one scalar: `image: nginx:1.0`. */
  private imageString(value: unknown, kind: ImageChange['kind']): void {
    const node = isAlias(value) ? value.resolve(this.current) : value;
    if (!isScalar(node) || this.seen.has(node)) return;
    const from = scalarText(node);
    const ref = tryParse(from);
    if (this.found) return void (ref && this.found.push(ref));
    const found = this.find(ref);
    if (!ref || !found) return;
    this.seen.add(node);
    const { update, rename } = found;
    const to = formatImageReference({
      ...(rename ? update.target : ref),
      tag: update.target.tag,
      digest: update.target.digest,
    });
    if (to !== from) this.record([setScalar(this.text, node, to)], { from: from!, to, kind });
  }

  /**
   * A Helm values map: `repository` with `tag` and/or `digest` siblings (and
   * Bitnami's `registry`). A chart that has a `digest` key gets the digest
   * there; one without gets `tag: 1.0@sha256:…`, which the usual
   * `{{ .repository }}:{{ .tag }}` template turns into a pinned reference.
   */
  private helmImage(map: YAMLMap): void {
    const repositoryPair = pairOf(map, 'repository')!;
    const registryPair = pairOf(map, 'registry');
    const tagPair = pairOf(map, 'tag');
    const digestPair = pairOf(map, 'digest');
    if (![registryPair, tagPair, digestPair].every(editable)) return;
    const repository = scalarText(repositoryPair.value);
    const registry = scalarText(registryPair?.value);
    const ref = tryParse(registry && repository ? `${registry}/${repository}` : repository);
    const tag = scalarText(tagPair?.value);
    const digest = scalarText(digestPair?.value);
    if (this.found) return void (ref && tag !== undefined && this.collect(`${repositoryOf(ref)}:${tag}${digest ? `@${digest}` : ''}`));
    const found = this.find(ref);
    if (!ref || !found || ref.tag !== undefined || ref.digest !== undefined) return;
    const { update, rename } = found;
    const { target } = update;

    const edits: Edit[] = [];
    const change = (pair: Pair, from: string | undefined, to: string) => {
      if ((from ?? '') !== to) edits.push(this.set(pair, to));
    };
    let newRepository = repositoryOf(ref);
    if (rename) {
      newRepository = repositoryOf(target);
      if (registryPair) {
        change(registryPair, registry, target.registry || DEFAULT_REGISTRY);
        change(repositoryPair, repository, target.path);
      } else {
        change(repositoryPair, repository, newRepository);
      }
    }
    let newTag = tag;
    let newDigest = digest;
    const added: [string, string][] = [];
    if (digestPair) {
      newDigest = target.digest ?? '';
      change(digestPair, digest, newDigest);
      if (target.tag !== undefined) newTag = target.tag;
    } else if (target.tag !== undefined) {
      newTag = target.digest ? `${target.tag}@${target.digest}` : target.tag;
    } else {
      newDigest = target.digest;
      added.push(['digest', target.digest!]);
    }
    if (newTag !== tag) {
      if (tagPair) change(tagPair, tag, newTag!);
      else added.unshift(['tag', newTag!]);
    }
    if (added.length) edits.push(appendPairs(this.text, map, added));
    this.record(edits, { from: describe(repositoryOf(ref), tag, digest), to: describe(newRepository, newTag, newDigest), kind: 'helm' });
  }

  /**
   * A kustomize `images:` entry, matched by `name` or by the `newName` it
   * already deploys. Keys it lacks are added after its last key; a tag or a
   * digest the target does not have is removed, since a stale digest would
   * keep deploying the old image.
   */
  private kustomizeEntry(entry: YAMLMap): void {
    const namePair = pairOf(entry, 'name');
    const newNamePair = pairOf(entry, 'newName');
    const newTagPair = pairOf(entry, 'newTag');
    const digestPair = pairOf(entry, 'digest');
    if (![newNamePair, newTagPair, digestPair].every(editable)) return;
    const name = scalarText(namePair?.value);
    const newName = scalarText(newNamePair?.value);
    if (this.found) {
      const tag = scalarText(newTagPair?.value);
      const digest = scalarText(digestPair?.value);
      return void ((tag || digest) && this.collect(`${newName ?? name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`));
    }
    const found = this.find(tryParse(name)) ?? this.find(tryParse(newName));
    if (!found) return;
    const { update, rename } = found;
    const { target } = update;
    const newTag = scalarText(newTagPair?.value);
    const digest = scalarText(digestPair?.value);

    const edits: Edit[] = [];
    const added: [string, string][] = [];
    const apply = (key: string, pair: Pair | undefined, from: string | undefined, to: string | undefined) => {
      if (to === undefined) {
        if (pair) edits.push(removePair(this.text, entry, pair));
      } else if (!pair) {
        added.push([key, to]);
      } else if (from !== to) {
        edits.push(this.set(pair, to));
      }
    };
    const deployed = newName ?? name!;
    const renamed = rename ? repositoryOf(target) : deployed;
    if (rename) apply('newName', newNamePair, newName, renamed);
    apply('newTag', newTagPair, newTag, target.tag);
    apply('digest', digestPair, digest, target.digest);
    if (added.length) edits.push(appendPairs(this.text, entry, added));
    this.record(edits, { from: describe(deployed, newTag, digest), to: describe(renamed, target.tag, target.digest), kind: 'kustomize' });
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
}

/**
 * Patches every given file, writing nothing. A file that is not UTF-8 YAML is
 * skipped with the reason; a file over 10 MiB or an alias bomb throws
 * ManifestError, so that the run writes nothing at all.
 *
 * A file whose bytes do not contain the last path component of any updated
 * repository cannot reference it, and is not parsed: in an env repository of
 * thousands of files that is most of them, and parsing is the whole cost.
 */
export function patchTree(files: { path: string; bytes: Uint8Array }[], updates: ImageUpdate[]): TreePatch {
  const needles = [...new Set(updates.map((update) => Buffer.from(update.match.path.slice(update.match.path.lastIndexOf('/') + 1))))];
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const result: TreePatch = { files: [], skipped: [] };
  for (const { path, bytes } of files) {
    if (bytes.length > MAX_MANIFEST_BYTES) throw new ManifestError(path, 'is larger than 10 MiB', 'too-large');
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!needles.some((needle) => buffer.includes(needle))) continue;
    let before: string;
    try {
      before = decoder.decode(bytes);
    } catch {
      result.skipped.push({ path, reason: 'is not UTF-8 text' });
      continue;
    }
    try {
      const { text, changes } = patchManifestText(before, updates, path);
      if (changes.length) result.files.push({ path, before, after: text, changes });
    } catch (error) {
      if (!(error instanceof ManifestError) || error.problem !== 'not-yaml') throw error;
      result.skipped.push({ path, reason: error.reason });
    }
  }
  return result;
}
