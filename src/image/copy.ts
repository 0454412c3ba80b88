import { registryClients } from './clients.js';
import { InputError } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import { silentLogger } from '../action/logger.js';
import { apiRepository, canonicalRepository, formatImageReference, registryHost, repositoryOf, type ImageReference } from './reference.js';
import { isIndex, MEDIA_TYPES, parseManifest, RegistryError, type Fetch, type ImageLocation, type Manifest } from './registry.js';

/**
 * Copies an image by digest from one repository to another, on the same
 * registry or across registries, without a pull to disk: the target ends up
 * holding the very bytes of every manifest, so it serves the same digests.
 * Content first, manifests after (children before their index), so that a
 * registry never holds a manifest naming something it lacks; what the target
 * already has is left alone, so a copy run twice transfers nothing.
 */

export interface BlobCounts {
  /** Streamed from the source registry. */
  copied: number;
  /** Linked from the source repository inside the same registry, no bytes sent. */
  mounted: number;
  /** Already in the target repository. */
  present: number;
}

export interface CopyResult {
  digest: string;
  mediaType: string;
  /** Manifests put at the target and manifests it already held (an index counts with its children). */
  manifests: { copied: number; present: number };
  blobs: BlobCounts;
  /** Bytes streamed across. */
  bytes: number;
}

export interface CopyOptions {
  /** Blobs larger than this are sent in chunks of this size; smaller ones in one request. */
  chunkSize?: number;
  /** Blobs of one image transferred at once. */
  concurrency?: number;
  logger?: Logger;
}

export const DEFAULT_CHUNK_SIZE = 64 * 1024 * 1024;

interface Descriptor {
  digest: string;
  size: number;
  mediaType?: string;
  urls?: string[];
}

const MANIFEST_TYPES = new Set<string>(Object.values(MEDIA_TYPES));

/** Copies `manifest` (an image or an index) of `source` to `target`, whole, and checks the target serves its digest. */
export async function copyImage(
  source: ImageLocation,
  target: ImageLocation,
  manifest: Manifest,
  options: CopyOptions = {},
): Promise<CopyResult> {
  const { digest } = manifest;
  const result: CopyResult = {
    digest,
    mediaType: manifest.mediaType,
    manifests: { copied: 0, present: 0 },
    blobs: { copied: 0, mounted: 0, present: 0 },
    bytes: 0,
  };
  // One request alone first: the client learns how the target authenticates before blobs are asked about at once.
  await target.registry.head(target.repository, digest);
  await copyTree(source, target, manifest, result, options);
  await expectDigest(target, digest, digest);
  return result;
}

/** A manifest of the source by digest; its bytes are checked against the digest by `Registry.manifest`. */
export async function sourceManifest(source: ImageLocation, digest: string): Promise<Manifest> {
  const manifest = await source.registry.manifest(source.repository, digest);
  if (!manifest) throw new RegistryError(`registry ${source.registry.host} has no ${source.repository}@${digest}`, 404);
  if (!MANIFEST_TYPES.has(manifest.mediaType))
    throw new RegistryError(
      `${source.registry.host}/${source.repository}@${digest} is a ${manifest.mediaType || 'manifest of no media type'}, which cannot be copied (only OCI and Docker v2 images and indexes)`,
    );
  return manifest;
}

/** An index's children first, each whole, then the index; an image's blobs first, then its manifest. */
async function copyTree(
  source: ImageLocation,
  target: ImageLocation,
  manifest: Manifest,
  result: CopyResult,
  options: CopyOptions,
): Promise<void> {
  const parsed = parseManifest(manifest);
  if (isIndex(manifest.mediaType)) {
    // In turn, not at once: platforms often share layers, which the second then finds present.
    for (const child of parsed.manifests ?? []) {
      const image = await sourceManifest(source, child.digest);
      await copyTree(source, target, image, result, options);
    }
  } else {
    const blobs = uniqueBlobs([...(parsed.config ? [parsed.config] : []), ...((parsed.layers ?? []) as Descriptor[])]).filter(
      (blob) => !isForeign(blob),
    );
    const outcomes = await inParallel(blobs, options.concurrency ?? 3, (blob) => copyBlob(source, target, blob, options));
    for (const [index, outcome] of outcomes.entries()) {
      result.blobs[outcome]++;
      if (outcome === 'copied') result.bytes += blobs[index].size;
    }
  }
  await putManifest(target, manifest, result);
}

/** Layers a registry may not hold (Windows base layers): the manifest names where they are served instead. */
function isForeign(blob: Descriptor): boolean {
  return Boolean(blob.urls?.length) && /foreign|nondistributable/.test(blob.mediaType ?? '');
}

function uniqueBlobs(blobs: Descriptor[]): Descriptor[] {
  return [...new Map(blobs.map((blob) => [blob.digest, blob])).values()];
}

/** Puts a manifest under its own digest, unless the target has it, and checks the digest the target computed. */
async function putManifest(target: ImageLocation, manifest: Manifest, result: CopyResult): Promise<void> {
  if (await target.registry.head(target.repository, manifest.digest)) {
    result.manifests.present++;
    return;
  }
  const stored = await target.registry.putManifest(target.repository, manifest.digest, manifest);
  if (stored !== manifest.digest)
    throw new RegistryError(
      `registry ${target.registry.host} stored ${target.repository}@${manifest.digest} as ${stored}: the copy is not the same image`,
    );
  result.manifests.copied++;
}

/** The target's own answer for `reference` must be `digest`, read back rather than trusted from the PUT. */
async function expectDigest(target: ImageLocation, reference: string, digest: string): Promise<void> {
  const found = await target.registry.head(target.repository, reference);
  if (found?.digest !== digest)
    throw new RegistryError(
      `registry ${target.registry.host} serves ${target.repository}${reference.startsWith('sha256:') ? '@' : ':'}${reference} as ${found?.digest ?? 'nothing'} after the copy, not ${digest}`,
    );
}

/** Skip when the target has the blob, mount inside one registry, stream across otherwise. */
export async function copyBlob(
  source: ImageLocation,
  target: ImageLocation,
  blob: Descriptor,
  options: CopyOptions = {},
): Promise<keyof BlobCounts> {
  if (await target.registry.hasBlob(target.repository, blob.digest)) return 'present';
  if (source.registry.host === target.registry.host && (await target.registry.mountBlob(target.repository, blob.digest, source.repository)))
    return 'mounted';
  const logger = options.logger ?? silentLogger;
  await streamBlob(source, target, blob, options.chunkSize ?? DEFAULT_CHUNK_SIZE, logger);
  logger.info(`copied blob ${blob.digest} (${blob.size} bytes) to ${target.registry.host}/${target.repository}`);
  return 'copied';
}

/** GET from the source piped into the target's upload; the target checks the digest when the upload is closed. */
async function streamBlob(
  source: ImageLocation,
  target: ImageLocation,
  blob: Descriptor,
  chunkSize: number,
  logger: Logger,
): Promise<void> {
  const open = async () => {
    const response = await source.registry.openBlob(source.repository, blob.digest);
    if (!response.body) throw new RegistryError(`registry ${source.registry.host} sent an empty body for blob ${blob.digest}`);
    return response.body;
  };
  if (blob.size <= chunkSize) return target.registry.pushBlob(target.repository, blob.digest, blob.size, open);
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.registry.pushBlobChunked(target.repository, blob.digest, chunksOf(await open(), chunkSize));
    } catch (error) {
      const status = error instanceof RegistryError ? error.status : undefined;
      if (attempt >= CHUNKED_ATTEMPTS || status === 401 || status === 403) throw error;
      logger.info(
        `upload of blob ${blob.digest} to ${target.registry.host}/${target.repository} failed (${(error as Error).message}); starting it over (attempt ${attempt + 1} of ${CHUNKED_ATTEMPTS})`,
      );
    }
  }
}

/** Tries of a whole chunked upload; each request in it has the client's own retries too. */
const CHUNKED_ATTEMPTS = 3;

/** Re-cuts a byte stream into pieces of `size` bytes (the last one shorter). */
export async function* chunksOf(stream: ReadableStream<Uint8Array>, size: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let parts: Uint8Array[] = [];
  let held = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value: piece } = await reader.read();
      if (done) break;
      let rest = piece;
      while (held + rest.length >= size) {
        parts.push(rest.subarray(0, size - held));
        yield Buffer.concat(parts);
        rest = rest.subarray(size - held);
        parts = [];
        held = 0;
      }
      if (rest.length) {
        parts.push(rest);
        held += rest.length;
      }
    }
    if (held) yield Buffer.concat(parts);
  } finally {
    // An upload abandoned half-way must not leave the source's response open.
    await reader.cancel().catch(() => undefined);
  }
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Points `tag` at `manifest` in the target (a PUT only when it names something else) and reads it back. */
export async function tagImage(target: ImageLocation, manifest: Manifest, tag: string): Promise<boolean> {
  if ((await target.registry.head(target.repository, tag))?.digest === manifest.digest) return false;
  await target.registry.putManifest(target.repository, tag, manifest);
  await expectDigest(target, tag, manifest.digest);
  return true;
}

// ---------------------------------------------------------------------------
// Publication: promote-production's `publish-images`, which copies the images
// a promoted revision deploys to another repository (usually another
// registry) once production has recorded it.

/** One line of `publish-images`: a repository the revision deploys, and where it is published. */
export interface PublishMapping {
  source: ImageReference;
  target: ImageReference;
}

/** One image to publish: a digest the revision deploys, the files naming it, and the target repository. */
export interface PublishPlanEntry {
  source: ImageReference;
  digest: string;
  files: string[];
  target: ImageReference;
}

export interface PublishedImage {
  /** The source repository, as the manifests name it. */
  source: string;
  /** The target repository. */
  target: string;
  digest: string;
  /** Tags pointing at the digest in the target. */
  tags: string[];
  manifests: { copied: number; present: number };
  blobs: BlobCounts;
  bytes: number;
}

const PUBLISH_FORM =
  "lines of SOURCE=TARGET, each an image repository without tag or digest, like 'us-docker.pkg.dev/p/internal/hello=ghcr.io/acme/hello'";

/** Reads `publish-images` lines; `parse` is the image reference parser, which names what is wrong with a side. */
export function parsePublishMappings(lines: string[], parse: (text: string) => ImageReference): PublishMapping[] {
  const mappings = new Map<string, PublishMapping>();
  const targets = new Map<string, string>();
  for (const line of lines) {
    const at = line.indexOf('=');
    const [sourceText, targetText] = at > 0 ? [line.slice(0, at).trim(), line.slice(at + 1).trim()] : ['', ''];
    if (!sourceText || !targetText) throw new InputError('publish-images', `'${line}' is not a SOURCE=TARGET line`, PUBLISH_FORM);
    const side = (text: string, name: string) => {
      let ref: ImageReference;
      try {
        ref = parse(text);
      } catch (error) {
        throw new InputError('publish-images', `${name} of '${line}': ${(error as Error).message}`, PUBLISH_FORM);
      }
      if (ref.tag !== undefined || ref.digest !== undefined)
        throw new InputError(
          'publish-images',
          `${name} '${text}' names a ${ref.digest !== undefined ? 'digest' : 'tag'}; images are published by the digest the revision deploys`,
          PUBLISH_FORM,
        );
      return ref;
    };
    const source = side(sourceText, 'SOURCE');
    const target = side(targetText, 'TARGET');
    const [sourceKey, targetKey] = [canonicalRepository(source), canonicalRepository(target)];
    if (sourceKey === targetKey)
      throw new InputError('publish-images', `'${line}' publishes ${sourceText} to itself`, 'a TARGET other than its SOURCE');
    const claimed = targets.get(targetKey);
    if (claimed !== undefined && claimed !== sourceKey)
      throw new InputError(
        'publish-images',
        `${targetText} is the TARGET of both ${repositoryOf(mappings.get(`${claimed}=${targetKey}`)!.source)} and ${sourceText}`,
        'one SOURCE per TARGET',
      );
    targets.set(targetKey, sourceKey);
    mappings.set(`${sourceKey}=${targetKey}`, { source, target });
  }
  return [...mappings.values()];
}

/**
 * The digests to publish: every image of the revision whose repository is a
 * SOURCE. Refused, before anything is recorded: a SOURCE the revision does not
 * deploy, an image of a SOURCE without a digest, and two digests of one SOURCE
 * when tags would have to name both.
 */
export function planPublication(
  mappings: PublishMapping[],
  images: { image: ImageReference; file: string }[],
  revision: string,
  tags: string[],
): PublishPlanEntry[] {
  const plan: PublishPlanEntry[] = [];
  for (const { source, target } of mappings) {
    const found = images.filter(({ image }) => canonicalRepository(image) === canonicalRepository(source));
    if (!found.length) {
      const deployed = [...new Set(images.map(({ image }) => repositoryOf(image)))];
      throw new InputError(
        'publish-images',
        `${repositoryOf(source)} is not an image that ${revision} deploys (${deployed.length ? `it deploys ${deployed.join(', ')}` : 'it deploys no image'}); nothing was promoted`,
        'SOURCE repositories named in the promoted manifests',
      );
    }
    const byDigest = new Map<string, PublishPlanEntry>();
    for (const { image, file } of found) {
      if (!image.digest)
        throw new Error(
          `${file} in ${revision} deploys ${formatImageReference(image)}, which has no digest; publish-images copies by digest only, so nothing was promoted`,
        );
      const entry = byDigest.get(image.digest) ?? { source: { ...image, tag: undefined }, digest: image.digest, files: [], target };
      if (!entry.files.includes(file)) entry.files.push(file);
      byDigest.set(image.digest, entry);
    }
    if (byDigest.size > 1 && tags.length) {
      const named = [...byDigest.values()].map((entry) => `${entry.files.join(', ')}: ${entry.digest}`).join('; ');
      throw new Error(
        `${revision} deploys ${byDigest.size} digests of ${repositoryOf(source)} (${named}), so publish-tags cannot name one; nothing was promoted`,
      );
    }
    plan.push(...byDigest.values());
  }
  return plan;
}

export interface PublishDeps {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  insecureRegistries?: string[];
  fetch?: Fetch;
  copy?: Omit<CopyOptions, 'logger'>;
}

/**
 * Two steps, as for release tags: this checks now that every source image is
 * in its registry and that each target accepts the runner's credentials for
 * push, and returns the copy to run once production has recorded the revision.
 */
export async function preparePublication(
  plan: PublishPlanEntry[],
  tags: string[],
  deps: PublishDeps,
): Promise<() => Promise<PublishedImage[]>> {
  const forHost = registryClients(deps);
  const client = (image: ImageReference) => {
    const registry = forHost(registryHost(image));
    return registry;
  };
  const located: { entry: PublishPlanEntry; source: ImageLocation; target: ImageLocation; manifest: Manifest }[] = [];
  for (const entry of plan) {
    const source = { registry: client(entry.source), repository: apiRepository(entry.source) };
    const target = { registry: client(entry.target), repository: apiRepository(entry.target) };
    try {
      located.push({ entry, source, target, manifest: await sourceManifest(source, entry.digest) });
    } catch (error) {
      throw new Error(
        `${repositoryOf(entry.source)}@${entry.digest} (${entry.files.join(', ')}) cannot be published: ${(error as Error).message}; nothing was promoted`,
      );
    }
  }
  const checked = new Set<string>();
  for (const { entry, target } of located) {
    const name = repositoryOf(entry.target);
    if (checked.has(name)) continue;
    checked.add(name);
    try {
      await target.registry.authorize(target.repository, ['pull', 'push']);
      await target.registry.probePush(target.repository);
    } catch (error) {
      throw new Error(`cannot publish to ${name}: ${(error as Error).message}; nothing was promoted`);
    }
  }
  return async () => {
    const published: PublishedImage[] = [];
    for (const { entry, source, target, manifest } of located) {
      const from = repositoryOf(entry.source);
      const to = repositoryOf(entry.target);
      const copied = await copyImage(source, target, manifest, { ...deps.copy, logger: deps.logger });
      for (const tag of tags) await tagImage(target, manifest, tag);
      const { blobs } = copied;
      deps.logger.info(
        `published ${from}@${entry.digest} to ${to}${tags.length ? ` as ${tags.join(', ')}` : ''}: ${blobs.copied} blob(s) copied, ${blobs.mounted} mounted, ${blobs.present} already there`,
      );
      published.push({
        source: from,
        target: to,
        digest: entry.digest,
        tags,
        manifests: copied.manifests,
        blobs,
        bytes: copied.bytes,
      });
    }
    return published;
  };
}
