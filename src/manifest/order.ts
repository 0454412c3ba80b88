/**
 * Which of two app commits is the newer, so that a delivery never puts an
 * older image over a newer one. Every commit patch-manifest makes names the
 * app commit it delivers (`Source-Commit: owner/app@sha`) and, on GitHub, the
 * workflow run that built it (`Source-Run: owner/app/.github/workflows/ci.yml#57`).
 *
 * The order is the app's history: a commit is older than another when it is
 * one of its ancestors. It is read from any git checkout of the app on the
 * runner that holds both commits. A checkout of depth 1 (actions/checkout's
 * default) holds only the commit being delivered; then the run number of the
 * same workflow decides, which GitHub increments for every new run and keeps
 * for a re-run, so a re-run of an old build, or a run that lands after the
 * run of a later push, is older. Commits on diverging branches have no order:
 * the last delivery wins, as before. Nothing here needs access to the app
 * repository beyond what is on the runner, nor a clock.
 */
import { dirname } from 'node:path';
import type { Logger } from '../action/logger.js';
import { Git } from '../git/git.js';
import { canonicalRepository, parseImageReference } from '../image/reference.js';
import type { ImageUpdate } from './updates.js';

/** The app commit a delivery carries. */
export interface AppSource {
  /** `owner/name` of the app repository. */
  repository: string;
  sha: string;
  /** The workflow run that built it, when known. */
  run?: { workflow: string; number: number };
}

/** What an env-repository commit says it delivered. */
export interface Delivery {
  source: AppSource;
  /** Canonical repositories of its Image trailers. */
  images: string[];
  /** Files it wrote, from its `Files:` line. */
  files: string[];
}

export type Order = 'older' | 'same' | 'newer' | 'diverged' | 'unknown';

export interface Comparison {
  order: Order;
  /** What decided: the app's git history, the workflow's run numbers, or nothing. */
  by: 'commit' | 'ancestry' | 'run-number' | 'none';
}

const SOURCE_COMMIT = /^Source-Commit: (\S+)@([0-9a-f]{40})\s*$/gm;
const SOURCE_RUN = /^Source-Run: (\S+)#([0-9]+)\s*$/gm;

/** The run that builds this delivery, from the runner's variables: the workflow file (or name) and its run number. */
export function runOf(env: NodeJS.ProcessEnv): AppSource['run'] {
  const number = Number(env.GITHUB_RUN_NUMBER ?? '');
  const workflow = (env.GITHUB_WORKFLOW_REF ?? '').replace(/@.*$/, '') || env.GITHUB_WORKFLOW || '';
  if (!Number.isSafeInteger(number) || number <= 0 || !workflow || /\s|#/.test(workflow)) return undefined;
  return { workflow, number };
}

export function sourceRunTrailer(source: AppSource | undefined): string {
  return source?.run ? `Source-Run: ${source.run.workflow}#${source.run.number}` : '';
}

/** Reads what a commit message says it delivered; undefined when it names no app commit. */
export function parseDelivery(message: string): Delivery | undefined {
  const commits = [...message.matchAll(SOURCE_COMMIT)];
  const last = commits.at(-1);
  if (!last) return undefined;
  const runs = [...message.matchAll(SOURCE_RUN)];
  const run = runs.at(-1);
  const images: string[] = [];
  for (const [, text] of message.matchAll(/^Image: (\S+)\s*$/gm)) {
    try {
      images.push(canonicalRepository(parseImageReference(text)));
    } catch {
      // A hand-written trailer that is no image reference says nothing about the order.
    }
  }
  const files = (/^Files: (.+)$/m.exec(message)?.[1] ?? '')
    .split(', ')
    .map((file) => file.trim())
    .filter(Boolean);
  return {
    source: { repository: last[1], sha: last[2], ...(run ? { run: { workflow: run[1], number: Number(run[2]) } } : {}) },
    images,
    files,
  };
}

/** Whether a recorded delivery is about the same thing: the same app, and an image repository or a file in common. */
export function sameScope(recorded: Delivery, incoming: Delivery): boolean {
  if (recorded.source.repository.toLowerCase() !== incoming.source.repository.toLowerCase()) return false;
  const images = new Set(incoming.images);
  const files = new Set(incoming.files);
  return recorded.images.some((image) => images.has(image)) || recorded.files.some((file) => files.has(file));
}

/**
 * Orders the incoming app commit against the recorded one. `checkouts` are
 * git repositories on the runner that may hold the app's history (the
 * workspace, the template's folder); one that holds both commits decides.
 */
export async function compareSources(incoming: AppSource, recorded: AppSource, checkouts: Git[]): Promise<Comparison> {
  if (incoming.sha === recorded.sha) return { order: 'same', by: 'commit' };
  for (const git of checkouts) {
    const older = await git.tryRun(['merge-base', '--is-ancestor', incoming.sha, recorded.sha]);
    // 128: one of the commits is not in this checkout.
    if (older.code === 0) return { order: 'older', by: 'ancestry' };
    if (older.code !== 1) continue;
    const newer = await git.tryRun(['merge-base', '--is-ancestor', recorded.sha, incoming.sha]);
    if (newer.code === 0) return { order: 'newer', by: 'ancestry' };
    // In a shallow checkout the path between two commits may be cut off: "not an ancestor" proves nothing there.
    const shallow = await git.tryRun(['rev-parse', '--is-shallow-repository']);
    if (newer.code === 1 && shallow.code === 0 && shallow.stdout.trim() === 'false') return { order: 'diverged', by: 'ancestry' };
  }
  const [a, b] = [incoming.run, recorded.run];
  if (a && b && a.workflow === b.workflow && a.number !== b.number) {
    return { order: a.number < b.number ? 'older' : 'newer', by: 'run-number' };
  }
  return { order: 'unknown', by: 'none' };
}

/** How far back a write looks for the delivery it is compared with. */
export const HISTORY_DEPTH = 50;

/**
 * The newest commit of a branch, from `tip` back along first parents, that
 * delivered the same thing as `incoming`: the commit and what it says. Reads
 * the tip first and fetches more history only when the tip is about
 * something else (another service's delivery, a hand edit).
 */
export async function recordedDelivery(
  git: Git,
  tip: string,
  incoming: Delivery,
): Promise<{ commit: string; delivery: Delivery } | undefined> {
  const first = parseDelivery(await git.run(['log', '-1', '--format=%B', tip]));
  if (first && sameScope(first, incoming)) return { commit: tip, delivery: first };
  await git.tryRun(['fetch', '-q', '--no-tags', `--depth=${HISTORY_DEPTH}`, 'origin', tip]);
  const log = await git.tryRun(['log', '--first-parent', `-n${HISTORY_DEPTH}`, '--format=%H%x00%B%x1e', tip]);
  if (log.code !== 0) return undefined;
  for (const entry of log.stdout.split('\x1e')) {
    const [commit, message] = entry.replace(/^\n/, '').split('\0');
    if (!commit || !message) continue;
    const delivery = parseDelivery(message);
    if (delivery && sameScope(delivery, incoming)) return { commit, delivery };
  }
  return undefined;
}

/** A delivery that was not written: the branch already delivers a newer commit of the same app. */
export interface Stale {
  incoming: AppSource;
  recorded: AppSource;
  /** The env-repository commit that delivered the recorded one. */
  envCommit: string;
  by: 'ancestry' | 'run-number';
}

/**
 * Compares what a write would deliver with the newest delivery of the same
 * app and images on the tip being edited; returns why it must not be written,
 * or undefined. `allowOlder` writes it anyway, saying so.
 */
export async function staleCheck(
  git: Git,
  tip: string,
  write: { source?: AppSource; images: ImageUpdate[]; template?: string; allowOlder: boolean; branch: string },
  files: { path: string }[],
  deps: { workspace: string; logger: Logger },
): Promise<Stale | undefined> {
  if (!write.source || !files.length) return undefined;
  const incoming: Delivery = {
    source: write.source,
    images: write.images.map((update) => canonicalRepository(update.target)),
    files: files.map((file) => file.path),
  };
  const recorded = await recordedDelivery(git, tip, incoming);
  if (!recorded) return undefined;
  const folders = [...new Set([...(write.template ? [dirname(write.template)] : []), deps.workspace])];
  const { order, by } = await compareSources(
    write.source,
    recorded.delivery.source,
    folders.map((folder) => new Git(folder)),
  );
  const recordedName = `${recorded.delivery.source.repository}@${recorded.delivery.source.sha.slice(0, 7)}`;
  if (order === 'unknown') {
    deps.logger.info(
      `cannot tell whether ${write.source.repository}@${write.source.sha.slice(0, 7)} is older than ${recordedName}, which ${write.branch} delivers (${recorded.commit.slice(0, 7)}): neither checkout holds both commits and no run number of the same workflow compares them; written, as the last delivery`,
    );
    return undefined;
  }
  if (order !== 'older' || (by !== 'ancestry' && by !== 'run-number')) return undefined;
  const stale: Stale = { incoming: write.source, recorded: recorded.delivery.source, envCommit: recorded.commit, by };
  if (write.allowOlder) {
    deps.logger.info(`${staleReason(stale)}; written anyway, as allow-older is true`);
    return undefined;
  }
  return stale;
}

function staleReason(stale: Stale): string {
  const short = (source: AppSource) => `${source.repository}@${source.sha.slice(0, 7)}`;
  const why =
    stale.by === 'ancestry'
      ? 'it is an ancestor of it'
      : `run #${stale.incoming.run!.number} of ${stale.incoming.run!.workflow} built it, before run #${stale.recorded.run!.number}`;
  return `${short(stale.incoming)} is older than ${short(stale.recorded)} (${why})`;
}

/** The notice a skipped delivery leaves: both commits, and the deliberate ways back. */
export function staleNotice(stale: Stale, branch: string, form: 'log' | 'summary' = 'log'): string {
  const text = `${staleReason(stale)}, which ${branch} already delivers in ${stale.envCommit.slice(0, 7)}; skipped, ${branch} is left as it is. To go back on purpose, roll back production (rollback.yml), or set allow-older: true`;
  if (form === 'summary') return `${text}.`;
  const escaped = `patch-manifest: ${text}`.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return `::notice::${escaped}`;
}
