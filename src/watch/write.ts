import type { Logger } from '../action/logger.js';
import type { EnvRepo } from '../git/env-repo.js';
import type { Identity } from '../git/identity.js';
import type { IndexTree } from '../git/tree.js';
import { canonicalRepository, repositoryOf } from '../image/reference.js';
import { findImages, patchTree } from '../manifest/images.js';
import { startFrom } from '../manifest/patch-manifest.js';
import { checkLinkTarget, selectManifestFiles } from '../manifest/paths.js';
import { parseImageUpdates } from '../manifest/updates.js';
import { compareKeys, orderKey } from './choose.js';
import type { WatchPolicy } from './policy.js';

/** One tag and/or digest of a repository, as a manifest holds it. */
export interface Held {
  tag?: string;
  digest?: string;
}

export interface WatchUpdate {
  image: string;
  from: string;
  to: string;
  digest: string;
  policy: string;
}

/** A move decided on the manifests as they were read: the policy, the update, and what they held then. */
export interface PlannedMove {
  policy: WatchPolicy;
  update: WatchUpdate;
  held: Held[];
}

/** A move not written because the branch moved during the run to a version at least as new (or, for a digest, to another). */
export interface Overtaken {
  image: string;
  /** What the branch holds now. */
  now: string;
}

/** One commit of the watch, on the branch it was pushed to. */
export interface BranchWrite {
  branch: string;
  /** The commit holding the moves; '' on a dry run or when none remained. */
  commit: string;
  /** Whether this run pushed it (false when the branch already held the same change). */
  changed: boolean;
  diff: string;
  files: string[];
  attempts: number;
  /** The moves the commit holds. */
  updates: WatchUpdate[];
  overtaken: Overtaken[];
}

export interface WriteOptions {
  /** The branch the manifests are read from, and, without a review branch, written to. */
  branch: string;
  /** Where a missing branch starts from. */
  baseBranch: string;
  /**
   * A pull request's branch: rebuilt each run as the tip of `branch` plus one
   * commit, and pushed only when that differs from what it holds, so that a
   * run finding what the last one found pushes nothing.
   */
  reviewBranch?: string;
  paths: string[];
  author: Identity;
  message: (updates: WatchUpdate[]) => string;
  dryRun: boolean;
  logger: Logger;
}

export function tagText(held: Held | undefined): string {
  return `${held?.tag ?? ''}${held?.digest ? `@${held.digest}` : ''}` || '(none)';
}

/** Every tag and digest each repository (by canonical name) is held at in the files, each once. */
export function heldVersions(files: { path: string; text: string }[]): Map<string, Held[]> {
  const held = new Map<string, Held[]>();
  for (const { path, text } of files) {
    for (const image of findImages(text, path)) {
      const key = canonicalRepository(image);
      const list = held.get(key) ?? [];
      if (!list.some((seen) => seen.tag === image.tag && seen.digest === image.digest)) list.push({ tag: image.tag, digest: image.digest });
      held.set(key, list);
    }
  }
  return held;
}

/** Of several tags held, the newest by the policy's order: the one no move may go below. */
export function newestHeld(policy: WatchPolicy, held: Held[]): Held | undefined {
  let newest = held[0];
  for (const other of held.slice(1)) {
    const [a, b] = [newest.tag ? orderKey(policy, newest.tag) : undefined, other.tag ? orderKey(policy, other.tag) : undefined];
    if (a !== undefined && b !== undefined && compareKeys(a, b) < 0) newest = other;
  }
  return newest;
}

const sameHeld = (a: Held[], b: Held[]) =>
  a.length === b.length && a.every((one) => b.some((other) => other.tag === one.tag && other.digest === one.digest));

/**
 * A planned move judged again on the tip being edited, which a concurrent
 * writer may have moved since the manifests were read: unchanged, it stands;
 * otherwise it stands only when the tip holds an older version by the
 * policy's order, and then moves from what the tip holds. A digest has no
 * order, so a digest another writer wrote in the meantime is left to it.
 */
export function rejudge(move: PlannedMove, held: Held[]): { update: WatchUpdate } | { overtaken: Overtaken } {
  if (sameHeld(held, move.held)) return { update: move.update };
  const current = newestHeld(move.policy, held);
  const overtaken = { overtaken: { image: move.update.image, now: held.map(tagText).join(', ') || '(no reference)' } };
  if (!current?.tag || move.policy.order.kind === 'digest-of') return overtaken;
  const [now, to] = [orderKey(move.policy, current.tag), orderKey(move.policy, move.update.to.split('@')[0])];
  if (now === undefined || to === undefined) return overtaken;
  return compareKeys(now, to) < 0 ? { update: { ...move.update, from: tagText(current) } } : overtaken;
}

async function manifestsOf(tree: IndexTree, paths: string[]) {
  const entries = await tree.entries();
  const { files, links } = selectManifestFiles(entries, paths, 'paths');
  const targets = await tree.read(links.map((link) => link.object));
  links.forEach((link, i) => checkLinkTarget(link.path, targets[i].toString('utf8'), 'paths'));
  const contents = await tree.read(files.map((file) => file.object));
  return { entries, files: files.map((file, i) => ({ path: file.path, bytes: contents[i] })) };
}

/** The parent and tree of a branch's tip, read from the commit object itself (a shallow fetch hides its parent). */
async function tipShape(repo: EnvRepo, branch: string): Promise<{ commit: string; parent: string; tree: string } | undefined> {
  const commit = await repo.fetchBranch(branch);
  if (!commit) return undefined;
  const raw = await repo.git.run(['cat-file', 'commit', commit]);
  return { commit, tree: /^tree (\S+)$/m.exec(raw)![1], parent: /^parent (\S+)$/m.exec(raw)?.[1] ?? '' };
}

/**
 * Writes the moves in one commit through patch-manifest's engine. Each try
 * (the first, and every one after a lost race) reads the tip it edits and
 * judges every move again on it, so that a version older than one a
 * concurrent writer put there is never written.
 */
export async function writeMoves(repo: EnvRepo, moves: PlannedMove[], options: WriteOptions): Promise<BranchWrite> {
  const review = options.reviewBranch ? await tipShape(repo, options.reviewBranch) : undefined;
  let base: string | undefined;
  const start = startFrom(options.baseBranch, repo);
  type Value = { updates: WatchUpdate[]; overtaken: Overtaken[]; held?: string };
  const result = await repo.write<Value>(
    options.branch,
    async (tips) => (base = await start(tips)),
    async (tree, tip) => {
      const { entries, files } = await manifestsOf(tree, options.paths);
      const now = heldVersions(files.map((file) => ({ path: file.path, text: file.bytes.toString('utf8') })));
      const judged = moves.map((move) => ({ move, verdict: rejudge(move, now.get(canonicalRepository(move.policy.ref)) ?? []) }));
      const overtaken = judged.flatMap(({ verdict }) => ('overtaken' in verdict ? [verdict.overtaken] : []));
      const standing = judged.flatMap(({ move, verdict }) => ('update' in verdict ? [{ move, update: verdict.update }] : []));
      const images = parseImageUpdates(standing.map(({ move, update }) => `${repositoryOf(move.policy.ref)}:${update.to}`));
      const patch = patchTree(files, images);
      const written = standing.filter((_, i) => !patch.missing.includes(images[i])).map(({ update }) => update);
      const modes = new Map(entries.map((entry) => [entry.path, entry.mode]));
      await tree.write(patch.files.map((file) => ({ path: file.path, content: file.after, mode: modes.get(file.path) })));
      const value: Value = { updates: written, overtaken };
      if (!patch.files.length) return { value };
      // The review branch already holds this very change on this very tip: nothing to push.
      if (review && review.parent === (tip ?? base) && review.tree === (await tree.writeTree()))
        return { value: { ...value, held: review.commit } };
      return { edit: { message: options.message(written), author: options.author }, value };
    },
    options.reviewBranch
      ? { push: !options.dryRun, pushRef: `refs/heads/${options.reviewBranch}`, force: true }
      : { push: !options.dryRun },
  );
  for (const { image, now } of result.value.overtaken)
    options.logger.warning(`${image}: ${options.branch} moved during the run and now holds ${now}; not written over`);
  const { updates, overtaken, held } = result.value;
  return {
    branch: options.reviewBranch ?? options.branch,
    commit: options.dryRun || !updates.length ? '' : (held ?? result.commit),
    changed: result.changed && !options.dryRun,
    diff: result.diff,
    files: result.files,
    attempts: result.attempts,
    updates,
    overtaken,
  };
}
