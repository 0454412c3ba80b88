import { getOctokit } from '@actions/github';
import type { RunContext } from '../action/context.js';
import { table } from '../action/markdown.js';
import { openOrUpdatePullRequest } from '../github/pulls.js';
import type { WatchInputs } from './inputs.js';
import type { BranchWrite } from './write.js';

export interface ImagePullRequest {
  url: string;
  number: number;
  /** The branch it merges from. */
  branch: string;
  /** The images it moves. */
  images: string[];
  /** Whether this run opened it (false: an open one was updated). */
  created: boolean;
}

/**
 * Pull-request mode: one pull request per branch written (one for the run,
 * or one per image), opened once and updated by later runs, never opened
 * twice. A branch whose moves were all overtaken asks for nothing.
 */
export async function requestImageUpdates(inputs: WatchInputs, writes: BranchWrite[], context: RunContext): Promise<ImagePullRequest[]> {
  const [owner, repo] = inputs.remote.slug!.split('/');
  const octokit = getOctokit(inputs.token, { baseUrl: context.apiUrl });
  const pulls: ImagePullRequest[] = [];
  for (const write of writes.filter((candidate) => candidate.updates.length)) {
    const { updates } = write;
    const body = [
      `New image versions found in their registries, chosen by the policies of the image watch.`,
      table(
        ['image', 'from', 'to', 'policy'],
        updates.map((update) => [`\`${update.image}\``, `\`${update.from}\``, `\`${update.to}\``, update.policy]),
      ),
      `Each run of the watch rebuilds \`${write.branch}\` on the tip of \`${inputs.branch}\` with the newest versions it finds.`,
      context.runUrl ? `Found by ${context.runUrl}.` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const pull = await openOrUpdatePullRequest(octokit, {
      owner,
      repo,
      head: write.branch,
      base: inputs.branch,
      title: updates.length === 1 ? `Update ${updates[0].image} to ${updates[0].to.split('@')[0]}` : `Update ${updates.length} images`,
      body,
    });
    pulls.push({
      url: pull.url,
      number: pull.number,
      branch: write.branch,
      images: updates.map((update) => update.image),
      created: pull.created,
    });
  }
  return pulls;
}
