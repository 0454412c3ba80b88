/**
 * Promotion from one environment to the next: the images the previous
 * environment ran, read from its success history (its production branch) by
 * digest, become patch-manifest's updates for the next environment's
 * candidate branch. Never a rebuild, never a lookup of a mutable tag: an image
 * there that carries no digest, or whose digest its registry no longer holds,
 * stops the promotion before anything is written.
 */
import { registryClients } from '../image/clients.js';
import type { Logger } from '../action/logger.js';
import { InputError } from '../action/errors.js';
import type { EnvRepo } from '../git/env-repo.js';
import { IndexTree, type TreeEntry } from '../git/tree.js';
import {
  apiRepository,
  canonicalRepository,
  formatImageReference,
  registryHost,
  repositoryOf,
  type ImageReference,
} from '../image/reference.js';
import { type Fetch } from '../image/registry.js';
import { findImages } from './images.js';
import { selectManifestFiles } from './paths.js';
import { parseImageUpdates, type ImageUpdate } from './updates.js';

export interface StageSource {
  /** The branch (or commit) of the env repository that was asked for. */
  ref: string;
  /** The success commit the images come from (known once updatesFor has run). */
  commit: string;
  /** The trailers of that commit that name where its images came from (Source-Commit, Image), carried on (likewise). */
  trailers: string[];
  /**
   * The updates that bring `target` (the next environment's tree) to the
   * digests the success commit runs. Only the files that differ from the
   * target's are read: a file both hold unchanged names the same images.
   */
  updatesFor(target: TreeEntry[]): Promise<ImageUpdate[]>;
  /**
   * Checks that the registry still holds every digest a change writes (the
   * `after` texts name and the `before` texts do not): the next environment
   * would fail to pull it. Digests it already runs need no look-up.
   */
  checkWritten(changes: { before: string; after: string }[]): Promise<void>;
}

export interface StageImageDeps {
  /** The env repository as the user named it, for messages. */
  repository: string;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  insecureRegistries?: string[];
  fetch?: Fetch;
}

/** The images of every manifest of `commit` under `paths`, with the file each was found in. */
export async function imagesAt(repo: EnvRepo, commit: string, paths: string[]): Promise<{ image: ImageReference; file: string }[]> {
  const tree = new IndexTree(repo.git);
  const { files } = selectManifestFiles(await tree.entriesOf(commit), paths, 'paths');
  const contents = await tree.read(files.map((file) => file.object));
  return files.flatMap((file, i) => findImages(contents[i].toString('utf8'), file.path).map((image) => ({ image, file: file.path })));
}

export async function stageSource(repo: EnvRepo, ref: string, paths: string[], deps: StageImageDeps): Promise<StageSource> {
  const tree = new IndexTree(repo.git);
  const images = new Map<string, ImageReference>();
  const checked = new Set<string>();
  // The previous environment's commit is fetched once the next one's tip is
  // here: the two share most objects, so the second fetch brings only what differs.
  let source: { commit: string; files: TreeEntry[]; trailers: string[] } | undefined;
  const read = async () => {
    const commit = /^[0-9a-f]{40}$/.test(ref) ? await repo.fetch(ref) : await repo.fetchBranch(ref);
    if (!commit)
      throw new InputError(
        'promote-from',
        `branch '${ref}' does not exist in ${deps.repository}: that environment has no successful revision to promote`,
        "the production branch of the previous environment, such as 'env/staging/production'",
      );
    const { files } = selectManifestFiles(await tree.entriesOf(commit), paths, 'paths');
    const trailers = (await repo.message(commit))
      .trim()
      .split('\n')
      .filter((line) => /^(Source-Commit|Image): /.test(line))
      .filter((line, index, all) => all.indexOf(line) === index);
    return { commit, files, trailers };
  };

  const stage: StageSource = {
    ref,
    commit: '',
    trailers: [],
    async updatesFor(target: TreeEntry[]) {
      source ??= await read();
      Object.assign(stage, { commit: source.commit, trailers: source.trailers });
      const where = `${ref} (${source.commit.slice(0, 7)})`;
      const same = new Set(target.map((entry) => `${entry.path}\0${entry.object}`));
      const differing = source.files.filter((file) => !same.has(`${file.path}\0${file.object}`));
      const contents = await tree.read(differing.map((file) => file.object));
      const byRepository = new Map<string, { image: ImageReference; file: string }>();
      differing.forEach((file, i) => {
        for (const image of findImages(contents[i].toString('utf8'), file.path)) {
          if (!image.digest)
            throw new Error(
              `${file.path} in ${where} names ${formatImageReference(image)}, which is not pinned by digest; environments are chained by digest, so nothing was written`,
            );
          const key = canonicalRepository(image);
          const seen = byRepository.get(key);
          if (seen && seen.image.digest !== image.digest)
            throw new Error(
              `${where} runs two digests of ${repositoryOf(image)} (${seen.file}: ${seen.image.digest}, ${file.path}: ${image.digest}); promote them with explicit images instead`,
            );
          byRepository.set(key, { image, file: file.path });
          images.set(image.digest, image);
        }
      });
      const lines = [...byRepository.values()].map(({ image }) => `${repositoryOf(image)}=${formatImageReference(image)}`);
      return parseImageUpdates(lines, 'promote-from');
    },
    async checkWritten(changes) {
      const digests = (text: string) => new Set(text.match(/sha256:[0-9a-f]{64}/g) ?? []);
      const written = changes.flatMap(({ before, after }) => {
        const old = digests(before);
        return [...digests(after)].filter((digest) => !old.has(digest) && images.has(digest) && !checked.has(digest));
      });
      const unique = [...new Set(written)];
      await checkInRegistries(
        unique.map((digest) => images.get(digest)!),
        deps,
      );
      for (const digest of unique) checked.add(digest);
    },
  };
  return stage;
}

/** Every digest must still be in its registry: the next environment would otherwise fail to pull it. */
async function checkInRegistries(images: ImageReference[], deps: StageImageDeps): Promise<void> {
  const client = registryClients(deps);
  for (const image of images) {
    const host = registryHost(image);
    const registry = client(host);
    const descriptor = await registry.head(apiRepository(image), image.digest!);
    if (!descriptor)
      throw new Error(
        `${formatImageReference(image)} is no longer in its registry (${host}); it cannot be promoted, so nothing was written`,
      );
  }
}
