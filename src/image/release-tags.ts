import { registryClients } from './clients.js';
import type { Logger } from '../action/logger.js';
import { apiRepository, canonicalRepository, formatImageReference, registryHost, type ImageReference } from './reference.js';
import { Registry, type Fetch, type Manifest } from './registry.js';

export interface TaggedImage {
  image: string;
  digest: string;
  tags: string[];
}

export interface ReleaseTagDeps {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Registries spoken to in plain HTTP, beyond loopback ones. */
  insecureRegistries?: string[];
  fetch?: Fetch;
}

/**
 * Points `tags` (such as `production`) at every image a promoted revision
 * deploys, each in its own registry and by the digest the revision names or
 * the registry resolves its tag to: a manifest PUT under a new tag, no pull,
 * no layer pushed. The registry then shows which image is live.
 *
 * Two steps, so that a missing image stops the promotion before anything is
 * recorded: this resolves every image now and returns the tagging to do once
 * the revision is on the production branch.
 */
export async function prepareReleaseTags(
  images: ImageReference[],
  tags: string[],
  deps: ReleaseTagDeps,
): Promise<() => Promise<TaggedImage[]>> {
  const unique = new Map(images.map((image) => [`${canonicalRepository(image)}@${image.digest ?? image.tag}`, image]));
  const client = registryClients(deps);
  const resolved: { image: ImageReference; registry: Registry; repository: string; manifest: Manifest }[] = [];
  for (const image of unique.values()) {
    const host = registryHost(image);
    const registry = client(host);
    const repository = apiRepository(image);
    const manifest = await registry.manifest(repository, image.digest ?? image.tag ?? 'latest');
    if (!manifest)
      throw new Error(
        `${formatImageReference(image)} is not in its registry, so it cannot be tagged ${tags.join(', ')}; nothing was promoted`,
      );
    resolved.push({ image, registry, repository, manifest });
  }
  return async () => {
    const tagged: TaggedImage[] = [];
    for (const { image, registry, repository, manifest } of resolved) {
      for (const tag of tags) await registry.putManifest(repository, tag, manifest);
      const name = formatImageReference({ ...image, tag: undefined, digest: undefined });
      deps.logger.info(`tagged ${name}@${manifest.digest} as ${tags.join(', ')}`);
      tagged.push({ image: name, digest: manifest.digest, tags });
    }
    return tagged;
  };
}
