import type { getOctokit } from '@actions/github';
import { describeRequestFailure } from '../http/fetch.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface PullRequestSpec {
  owner: string;
  repo: string;
  head: string;
  base: string;
  title: string;
  body: string;
}

/** A call of GitHub's API that failed: what was asked, of which repository, and what that leaves undone. */
export class GitHubApiError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GitHubApiError';
  }
}

/** Opens a pull request from `head`, or updates the open one, so a re-run never opens a second. */
export async function openOrUpdatePullRequest(
  octokit: Octokit,
  spec: PullRequestSpec,
): Promise<{ url: string; number: number; created: boolean }> {
  const { owner, repo, head, base, title, body } = spec;
  const call = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw new GitHubApiError(
        `GitHub API: could not ${what} in ${owner}/${repo} (${describeRequestFailure(error)}); branch '${head}' holds the change, but no pull request asks to merge it into '${base}'`,
        { cause: error },
      );
    }
  };
  const open = await call('list the open pull requests', () =>
    octokit.rest.pulls.list({ owner, repo, head: `${owner}:${head}`, base, state: 'open' }),
  );
  const existing = open.data[0];
  if (existing) {
    const updated = await call(`update pull request #${existing.number}`, () =>
      octokit.rest.pulls.update({ owner, repo, pull_number: existing.number, title, body }),
    );
    return { url: updated.data.html_url, number: updated.data.number, created: false };
  }
  const created = await call(`open a pull request from '${head}'`, () =>
    octokit.rest.pulls.create({ owner, repo, head, base, title, body }),
  );
  return { url: created.data.html_url, number: created.data.number, created: true };
}
