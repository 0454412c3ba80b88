import { getOctokit } from '@actions/github';
import type { RunContext } from '../action/context.js';
import { table } from '../action/markdown.js';
import { openOrUpdatePullRequest } from '../github/pulls.js';
import type { WatchInputs } from './inputs.js';
import type { WatchResult } from './watch.js';

/** Pull-request mode: one pull request from the watch's branch, opened once and updated by later runs; returns its URL. */
export async function requestImageUpdates(inputs: WatchInputs, result: WatchResult, context: RunContext): Promise<string> {
  if (!inputs.token)
    throw new Error("input 'token': is required in pull-request mode; expected a token with contents and pull-requests: write");
  const [owner, repo] = inputs.remote.slug!.split('/');
  const octokit = getOctokit(inputs.token, { baseUrl: context.apiUrl });
  const count = result.updates.length;
  const body = [
    `New image versions found in their registries, chosen by the policies of the image watch.`,
    table(
      ['image', 'from', 'to', 'policy'],
      result.updates.map((update) => [`\`${update.image}\``, `\`${update.from}\``, `\`${update.to}\``, update.policy]),
    ),
    context.runUrl ? `Found by ${context.runUrl}.` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const pull = await openOrUpdatePullRequest(octokit, {
    owner,
    repo,
    head: inputs.pullRequestBranch,
    base: inputs.branch,
    title: count === 1 ? `Update ${result.updates[0].image} to ${result.updates[0].to.split('@')[0]}` : `Update ${count} images`,
    body,
  });
  return pull.url;
}
