import { getOctokit } from '@actions/github';
import type { RunContext } from '../action/context.js';
import { fenced } from '../action/markdown.js';
import type { Remote } from '../git/remote.js';
import { openOrUpdatePullRequest } from './pulls.js';

/** Where a promotion is recorded: promote-production's inputs, as far as a pull request needs them. */
export interface PromotionTarget {
  token: string;
  remote: Remote;
  branch: string;
}

/** A promotion pushed for review: the commit it records, and the branch that holds it. */
export interface PromotionCommit {
  source: string;
  reviewBranch?: string;
  title: string;
  message: string;
}

/**
 * Pull-request mode: asks for the promotion to be merged into a protected
 * branch; returns the pull request's URL, or '' when the promotion pushed no
 * branch for review.
 */
export async function requestPromotion(inputs: PromotionTarget, result: PromotionCommit, context: RunContext): Promise<string> {
  if (!result.reviewBranch) return '';
  if (!inputs.token) throw new Error("input 'token': is required in pull-request mode; expected a token with pull-requests: write");
  const [owner, repo] = inputs.remote.slug!.split('/');
  const octokit = getOctokit(inputs.token, { baseUrl: context.apiUrl });
  const body = [
    `Records env-repository commit \`${result.source}\` on \`${inputs.branch}\`.`,
    context.runUrl ? `Deployed and checked by ${context.runUrl}.` : '',
    fenced('', result.message.trim()),
  ]
    .filter(Boolean)
    .join('\n\n');
  const pull = await openOrUpdatePullRequest(octokit, {
    owner,
    repo,
    head: result.reviewBranch,
    base: inputs.branch,
    title: result.title,
    body,
  });
  return pull.url;
}
