import { maskSecrets } from '../../src/door/commands.js';
import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { run } from '../../src/door/run.js';
import { readPromoteInputs } from '../../src/pipeline/promote-inputs.js';

await run('promote-production', async () => {
  const context = readRunContext();
  const inputs = readPromoteInputs(new Inputs(), context);
  maskSecrets(inputs.token);
  if (new Inputs().boolean('validate-only', false)) {
    const { log } = await import('../../src/door/report.js');
    return log.info(`promote-production: the inputs are valid; nothing was written`);
  }
  const [{ promote, promoteSummary }, { withWorkdir }, report] = await Promise.all([
    import('../../src/pipeline/promote.js'),
    import('../../src/action/workdir.js'),
    import('../../src/door/report.js'),
  ]);
  const result = await withWorkdir('promote', (workdir) => promote(inputs, { workdir, logger: report.log, context, env: process.env }));
  let pullRequest = '';
  if (result.reviewBranch) {
    const { requestPromotion } = await import('../../src/github/promotion-request.js');
    pullRequest = await requestPromotion(inputs, result, context);
  }
  report.setOutputs({
    commit: result.commit,
    changed: result.changed,
    'pull-request': pullRequest,
    'tagged-images': JSON.stringify(result.tagged),
    'published-images': JSON.stringify(result.published),
  });
  report.log.info(result.changed ? result.title : `${inputs.branch} already holds ${result.source}`);
  await report.writeSummary(promoteSummary(inputs, result, context, pullRequest));
});
