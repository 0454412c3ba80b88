import { mkdir } from 'node:fs/promises';
import type { Logger } from '../action/logger.js';
import { backoffMs, unwrap, withRetry } from '../http/retry.js';
import { Git, GitError, type GitExec } from './git.js';
import type { Identity } from './identity.js';
import { IndexTree } from './tree.js';
import type { Remote } from './remote.js';

/** Why a remote refused us, in words a user can act on. */
export class RemoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteError';
  }
}

function explainRemoteFailure(error: GitError, remote: Remote, input: string): RemoteError {
  const text = error.stderr;
  // git's words for a repository that is not there, as opposed to one that refused us.
  if (/does not appear to be a git repository|repository '[^']*' not found|Repository not found|No such file or directory/i.test(text)) {
    const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote.url) && !/^[^/]+@[^:]+:/.test(remote.url);
    return new RemoteError(
      local
        ? `input '${input}': ${remote.url.replace(/^file:\/\//, '')} is not a git repository on this runner (no such folder, or no repository in it); expected 'owner/name', a git URL, or the path of a repository`
        : `input '${input}': ${remote.url} has no repository there, or the token may not see it (${lastLine(text)}); expected 'owner/name' or the URL of an existing repository the token can read`,
    );
  }
  if (/Authentication failed|could not read Username|401|403|Permission denied|access denied|not authorized/i.test(text)) {
    return new RemoteError(
      `input '${input}': ${remote.url} refused the credentials (${lastLine(text)}); check the 'token' input: it needs contents: write on that repository`,
    );
  }
  return new RemoteError(`input '${input}': cannot reach ${remote.url} (${lastLine(text)}); expected a reachable git repository`);
}

/** git's last meaningful line: not its closing advice ("Please make sure you have the correct access rights …"). */
function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter(
        (line) => line.trim() && !/^(Please make sure you have the correct access rights|and the repository exists\.)/.test(line.trim()),
      )
      .pop()
      ?.replace(/^fatal: /, '') ?? 'no message'
  );
}

/** What the remote said when it refused a push: its own `remote:` lines and the rejection reason. */
function pushRefusal(text: string): string {
  const said = text
    .split('\n')
    .map((line) => /^remote: (?:error: )?(.+)$/.exec(line)?.[1] ?? /\[(?:remote )?rejected\].*$/.exec(line)?.[0])
    .filter((line): line is string => Boolean(line?.trim()));
  return said.length ? said.join(' | ') : lastLine(text);
}

/** The flag `git push --porcelain` printed for one ref: ' ' updated, '*' created, '+' forced, '=' already there, '!' rejected. */
function pushStatus(stdout: string, ref: string): string | undefined {
  for (const line of stdout.split('\n')) {
    const [flag, refs] = line.split('\t');
    if (refs?.endsWith(`:${ref}`) && flag.length === 1) return flag;
  }
  return undefined;
}

/** A push the remote refused because its branch moved: fetch, re-apply, try again. */
const RACE_LOST =
  /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|incorrect old value|failed to update ref|stale info|\[remote rejected\].*(lock|old)/;

export interface BranchTips {
  /** Branch name → commit SHA, for every branch of the remote. */
  branches: Map<string, string>;
  /** The branch HEAD points at, when the remote says. */
  defaultBranch?: string;
}

export interface RetryPolicy {
  /**
   * How long a write keeps re-applying its edit while the branch keeps moving.
   * A time, not a count: with W writers on one branch, one lands per round
   * trip, so the tries a writer needs grow with W while the time stays what
   * the writers ahead of it take.
   */
  budgetMs: number;
  /** An upper bound on tries, on top of the time budget; unbounded by default. */
  attempts: number;
  /**
   * The least first wait. The first wait is as long as the lost try took, if
   * longer; each lost race doubles it, up to maxDelayMs, and the wait is drawn
   * uniformly below it.
   */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  budgetMs: 10 * 60_000,
  attempts: Number.POSITIVE_INFINITY,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: () => performance.now(),
};

/** What an edit of the work tree produced; `undefined` from the edit means "nothing to do". */
export interface Edit {
  message: string;
  author: Identity;
}

export interface WriteResult<T> {
  /** The commit now at the branch tip (the new one, or the old tip when nothing changed). */
  commit: string;
  changed: boolean;
  pushed: boolean;
  attempts: number;
  diff: string;
  files: string[];
  value: T;
}

export interface EnvRepoOptions {
  remote: Remote;
  dir: string;
  token?: string;
  logger: Logger;
  input?: string;
  exec?: GitExec;
  retry?: Partial<RetryPolicy>;
  committer?: Identity;
}

/**
 * A minimal local copy of the env repository: one branch at a time, fetched
 * shallow, written back with a fast-forward-only push. Every write is an
 * operation on the tree that is re-run on the newest tip when a concurrent
 * writer got there first, so no update is lost and the newest image wins.
 */
export class EnvRepo {
  readonly git: Git;
  private readonly retry: RetryPolicy;
  private readonly input: string;

  private constructor(private readonly options: EnvRepoOptions) {
    this.git = new Git(options.dir, {
      token: options.remote.http ? options.token : undefined,
      exec: options.exec,
      committer: options.committer,
    });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.input = options.input ?? 'env-repository';
  }

  get dir(): string {
    return this.options.dir;
  }

  static async open(options: EnvRepoOptions): Promise<EnvRepo> {
    await mkdir(options.dir, { recursive: true });
    const repo = new EnvRepo(options);
    await repo.git.run(['init', '-q']);
    await repo.git.run(['remote', 'add', 'origin', options.remote.url]);
    return repo;
  }

  /** One round trip: every branch and the default branch. Unreachable or refused remotes fail here, before any work. */
  async tips(): Promise<BranchTips> {
    let text: string;
    try {
      text = await this.git.run(['ls-remote', '--symref', 'origin', 'HEAD', 'refs/heads/*']);
    } catch (error) {
      if (error instanceof GitError) throw explainRemoteFailure(error, this.options.remote, this.input);
      throw error;
    }
    const branches = new Map<string, string>();
    let defaultBranch: string | undefined;
    for (const line of text.split('\n')) {
      const symref = /^ref: refs\/heads\/(\S+)\s+HEAD$/.exec(line);
      if (symref) defaultBranch = symref[1];
      const ref = /^([0-9a-f]{40,64})\s+refs\/heads\/(\S+)$/.exec(line);
      if (ref) branches.set(ref[2], ref[1]);
    }
    return { branches, defaultBranch };
  }

  /** Fetches one commit (and its tree) shallowly; returns its SHA. */
  async fetch(revision: string): Promise<string> {
    await this.git.run(['fetch', '-q', '--no-tags', '--depth=1', 'origin', revision]);
    return (await this.git.run(['rev-parse', 'FETCH_HEAD'])).trim();
  }

  /**
   * Fetches a branch's tip shallowly and returns it, or undefined when the
   * remote has no such branch. The tip is read from what was fetched, never
   * from an earlier listing: a branch that moves in between would otherwise
   * name a commit whose objects are not here.
   */
  async fetchBranch(branch: string): Promise<string | undefined> {
    const fetched = await this.git.tryRun(['fetch', '-q', '--no-tags', '--depth=1', 'origin', `refs/heads/${branch}`]);
    if (fetched.code === 0) return (await this.git.run(['rev-parse', 'FETCH_HEAD'])).trim();
    if (/couldn't find remote ref/.test(fetched.stderr)) return undefined;
    throw explainRemoteFailure(new GitError(['fetch'], fetched.stderr, fetched.code), this.options.remote, this.input);
  }

  /** Checks out a fetched commit into the work tree, for tools that read files (kubectl); writes never need it. */
  async checkout(branch: string, start: string | undefined): Promise<void> {
    if (start) {
      await this.git.run(['checkout', '-q', '--force', '-B', branch, start]);
      await this.git.run(['clean', '-q', '-ffdx']);
    } else {
      await this.git.run(['checkout', '-q', '--orphan', branch]);
      await this.git.run(['rm', '-r', '-q', '--cached', '--ignore-unmatch', '.']);
      await this.git.run(['clean', '-q', '-ffdx']);
    }
  }

  /**
   * Commits what `edit` does to the tree of `branch` and pushes it. `start`
   * picks the commit a missing branch begins from. The edit works on the
   * index (see IndexTree), not on checked-out files, and is given the tip it
   * edits. On a lost race the branch is fetched again and the edit re-run on
   * its new tip, after a jittered, growing wait, for as long as the retry
   * budget lasts. `changed` says whether this call's push created the commit:
   * a write that finds its change already made by someone else, whether by an
   * equal tree after a lost race or by the very same commit already at the
   * tip, reports no change.
   */
  async write<T>(
    branch: string,
    start: (tips: BranchTips) => Promise<string | undefined>,
    edit: (tree: IndexTree, tip: string | undefined) => Promise<{ edit?: Edit; value: T }>,
    options: { push: boolean; pushRef?: string; force?: boolean } = { push: true },
  ): Promise<WriteResult<T>> {
    const tree = new IndexTree(this.git);
    type Try = { landed: WriteResult<T> } | { lost: { attempt: number; tookMs: number } };
    const once = async (attempt: number): Promise<Try> => {
      const tried = this.retry.now();
      const tip = await this.fetchBranch(branch);
      const base = tip ?? (await start(await this.tips()));
      await tree.reset(base);
      const before = await tree.writeTree();
      const { edit: change, value } = await edit(tree, tip);
      const after = await tree.writeTree();
      const unchanged = { commit: base ?? '', changed: false, pushed: false, attempts: attempt, diff: '', files: [], value };
      if (!change || after === before) return { landed: unchanged };
      const commit = (
        await this.git.run(['commit-tree', after, ...(base ? ['-p', base] : []), '-F', '-'], {
          input: change.message,
          env: { GIT_AUTHOR_NAME: change.author.name, GIT_AUTHOR_EMAIL: change.author.email },
        })
      ).trim();
      const made = async () => ({ commit, changed: true, attempts: attempt, ...(await this.diff(before, after)), value });
      if (!options.push) return { landed: { ...(await made()), pushed: false } };

      const target = options.pushRef ?? `refs/heads/${branch}`;
      const pushed = await this.git.tryRun(['push', '--porcelain', ...(options.force ? ['--force'] : []), 'origin', `${commit}:${target}`]);
      if (pushed.code === 0) {
        // The same commit is made twice when two writers make the same change on the same tip in the same second;
        // the remote then already holds it, and the change is the other writer's.
        if (!options.force && pushStatus(pushed.stdout, target) === '=') return { landed: { ...unchanged, commit } };
        return { landed: { ...(await made()), pushed: true } };
      }
      const text = `${pushed.stdout}\n${pushed.stderr}`;
      if (RACE_LOST.test(text)) return { lost: { attempt, tookMs: this.retry.now() - tried } };
      const error = new GitError(['push'], text, pushed.code);
      throw /Authentication|40[13]|denied|not authorized/i.test(text)
        ? explainRemoteFailure(error, this.options.remote, this.input)
        : new RemoteError(`push to ${this.options.remote.url} ${target} was refused: ${pushRefusal(text)}`);
    };

    const { random, now, sleep, budgetMs, attempts, maxDelayMs } = this.retry;
    const settled = await withRetry(
      once,
      { attempts, budgetMs, baseDelayMs: this.retry.baseDelayMs, maxDelayMs, maxRetryAfterMs: maxDelayMs },
      {
        random,
        now,
        sleep,
        // Only a lost race is tried again; anything else the remote said is final.
        judgeError: () => undefined,
        // Writers that lost the same race spread over the whole window instead of meeting again (full jitter), and the
        // window is counted in tries: one writer lands per try, so a loaded remote or machine, whose tries are slow,
        // widens it as much as it needs to be, and lost tries stop taking the time the winner needs.
        judge: (outcome) =>
          'lost' in outcome
            ? {
                reason: `${branch} moved`,
                retryAfterMs: backoffMs(
                  outcome.lost.attempt,
                  { baseDelayMs: Math.max(this.retry.baseDelayMs, outcome.lost.tookMs), maxDelayMs },
                  random,
                ),
              }
            : undefined,
        onRetry: ({ attempt, delayMs }) =>
          this.options.logger.info(`${branch} moved while we wrote it; re-applying on the new tip in ${delayMs} ms (attempt ${attempt})`),
      },
    );
    const outcome = unwrap(settled);
    if ('landed' in outcome) return outcome.landed;
    throw new RemoteError(
      `${branch} of ${this.options.remote.url} kept moving for ${(settled.tries.elapsedMs / 1000).toFixed(1)} s: gave up after ${settled.tries.attempts} attempts; nothing was pushed`,
    );
  }

  /** What a commit changes, as a patch and as the list of its files. */
  private async diff(before: string, after: string): Promise<{ diff: string; files: string[] }> {
    const diff = await this.git.run(['diff-tree', '-p', '--no-color', '--no-ext-diff', '--no-renames', '--full-index', before, after]);
    const files = (await this.git.run(['diff-tree', '-r', '-z', '--name-only', '--no-renames', before, after])).split('\0').filter(Boolean);
    return { diff, files };
  }

  /** The whole message of a fetched commit. */
  async message(commit: string): Promise<string> {
    return this.git.run(['log', '-1', '--format=%B', commit]);
  }

  async author(commit: string): Promise<Identity> {
    const [name, email] = (await this.git.run(['log', '-1', '--format=%an%x00%ae', commit])).trim().split('\0');
    return { name, email };
  }
}
