import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git, tempDir } from './git.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'App Author',
  GIT_AUTHOR_EMAIL: 'app@example.com',
  GIT_COMMITTER_NAME: 'App Author',
  GIT_COMMITTER_EMAIL: 'app@example.com',
};

/**
 * An app repository with real history: a bare repository (`origin`) and a
 * work tree that makes commits on `main` or on other branches. Commits are
 * what `GITHUB_SHA` names; `checkout` makes the workspace a run would have.
 */
export interface AppRepo {
  bare: string;
  /** Commits on `branch` (default main, created from `from` when new) and pushes it; returns the SHA. */
  commit(message: string, options?: { branch?: string; from?: string }): Promise<string>;
  /**
   * A clone at `sha`, as actions/checkout makes it: `depth` 1 by default (only
   * that commit), 0 for the whole history of every branch. `files` are
   * written into it (a template), uncommitted.
   */
  checkout(sha: string, options?: { depth?: number; files?: Record<string, string> }): Promise<string>;
}

export async function makeAppRepo(name = 'hello-app'): Promise<AppRepo> {
  const parent = await tempDir('app');
  const bare = join(parent, `${name}.git`);
  const work = join(parent, 'work');
  await git(parent, ['init', '-q', '--bare', '-b', 'main', bare]);
  await git(parent, ['init', '-q', '-b', 'main', work]);
  await git(work, ['remote', 'add', 'origin', bare]);
  let count = 0;
  return {
    bare,
    async commit(message, { branch = 'main', from } = {}) {
      const exists = (await git(work, ['branch', '--list', branch])) !== '';
      if (exists) await git(work, ['checkout', '-q', branch]);
      else if (count > 0) await git(work, ['checkout', '-q', '-b', branch, from ?? 'HEAD']);
      await writeFile(join(work, 'count.txt'), `${++count} ${message}\n`);
      await git(work, ['add', 'count.txt']);
      await git(work, ['commit', '-q', '-m', message], IDENTITY);
      await git(work, ['push', '-q', 'origin', `HEAD:refs/heads/${branch}`]);
      return git(work, ['rev-parse', 'HEAD']);
    },
    async checkout(sha, { depth = 1, files = {} } = {}) {
      const dir = await tempDir('app-checkout');
      await git(dir, ['init', '-q']);
      // fetch-depth 0 fetches every branch, as actions/checkout does.
      const refs = depth ? [sha] : [sha, '+refs/heads/*:refs/remotes/origin/*'];
      await git(dir, ['fetch', '-q', '--no-tags', ...(depth ? [`--depth=${depth}`] : []), `file://${bare}`, ...refs]);
      await git(dir, ['checkout', '-q', '--detach', sha]);
      for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
      return dir;
    },
  };
}
