import type { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

export interface PullRequestSpec {
  owner: string;
  repo: string;
  head: string;
  base: string;
  title: string;
  body: string;
}

/** Opens a pull request from `head`, or updates the open one, so a re-run never opens a second. */
export async function openOrUpdatePullRequest(
  octokit: Octokit,
  spec: PullRequestSpec,
): Promise<{ url: string; number: number; created: boolean }> {
  const { owner, repo, head, base, title, body } = spec;
  const open = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${head}`, base, state: 'open' });
  const existing = open.data[0];
  if (existing) {
    const updated = await octokit.rest.pulls.update({ owner, repo, pull_number: existing.number, title, body });
    return { url: updated.data.html_url, number: updated.data.number, created: false };
  }
  const created = await octokit.rest.pulls.create({ owner, repo, head, base, title, body });
  return { url: created.data.html_url, number: created.data.number, created: true };
}
