import { getOctokit } from '@actions/github';
import type { RunContext } from '../action/context.js';
import { fenced } from '../action/markdown.js';
import type { PromoteInputs } from '../git/promote-inputs.js';
import type { PromoteResult } from '../git/promote.js';
import { openOrUpdatePullRequest } from './pulls.js';

/** Pull-request mode: asks for the promotion to be merged into a protected branch; returns the pull request's URL. */
export async function requestPromotion(inputs: PromoteInputs, result: PromoteResult, context: RunContext): Promise<string> {
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
    head: result.reviewBranch!,
    base: inputs.branch,
    title: result.title,
    body,
  });
  return pull.url;
}
