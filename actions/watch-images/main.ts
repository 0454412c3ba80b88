import { maskSecrets } from '../../src/door/commands.js';
import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { run } from '../../src/door/run.js';
import { readWatchInputs } from '../../src/watch/inputs.js';
import type { ImagePullRequest } from '../../src/watch/pull-request.js';

await run('watch-images', async () => {
  const context = readRunContext();
  const inputs = readWatchInputs(new Inputs(), context);
  maskSecrets(inputs.token, inputs.credentials?.password);
  // Policies given as an input are checked before anything is fetched.
  const { parsePolicies } = await import('../../src/watch/policy.js');
  const policies = inputs.policies ? parsePolicies(inputs.policies, "input 'policies'") : undefined;
  const [{ watchImages }, { watchOutputs, watchSummary, watchHeadline }, { withWorkdir }, report] = await Promise.all([
    import('../../src/watch/watch.js'),
    import('../../src/watch/summary.js'),
    import('../../src/action/workdir.js'),
    import('../../src/door/report.js'),
  ]);
  const result = await withWorkdir('watch', (workdir) =>
    watchImages(inputs, { workdir, logger: report.log, context, env: process.env, policies }),
  );
  let pulls: ImagePullRequest[] = [];
  if (inputs.mode === 'pull-request' && result.updates.length && !inputs.dryRun) {
    const { requestImageUpdates } = await import('../../src/watch/pull-request.js');
    pulls = await requestImageUpdates(inputs, result.writes, context);
  }
  report.setOutputs(watchOutputs(result, pulls));
  report.log.info(`watch-images: ${watchHeadline(inputs, result, pulls)}`);
  await report.writeSummary(watchSummary(inputs, result, context, pulls));
});
