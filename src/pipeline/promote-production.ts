import type { StepResult } from '../action/step.js';
import { promote, promoteSummary, type PromoteDeps } from './promote.js';
import type { PromoteInputs } from './promote-inputs.js';

/** promote-production's use case: the promotion, and in pull-request mode the pull request that asks for it. */
export async function promoteProductionStep(inputs: PromoteInputs, deps: PromoteDeps): Promise<StepResult> {
  const result = await promote(inputs, deps);
  // Octokit is loaded only when there is a pull request to open.
  const pullRequest = result.reviewBranch
    ? await (await import('../github/promotion-request.js')).requestPromotion(inputs, result, deps.context)
    : '';
  return {
    outputs: {
      commit: result.commit,
      changed: result.changed,
      'pull-request': pullRequest,
      'tagged-images': JSON.stringify(result.tagged),
      'published-images': JSON.stringify(result.published),
    },
    notice: { message: result.changed ? result.title : `${inputs.branch} already holds ${result.source}` },
    summary: promoteSummary(inputs, result, deps.context, pullRequest),
  };
}
