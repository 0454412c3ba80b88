import { maskSecrets } from '../../src/door/commands.js';
import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { run } from '../../src/door/run.js';
import { readBuildPushInputs } from '../../src/image/build-push-inputs.js';

await run('build-push', async () => {
  const context = readRunContext();
  const inputs = readBuildPushInputs(new Inputs(), context);
  maskSecrets(inputs.password, ...inputs.secrets.map(([, value]) => value));
  const [{ buildPush, buildPushOutputs, buildPushSummary, buildFailureSummary }, report] = await Promise.all([
    import('../../src/image/build-push.js'),
    import('../../src/door/report.js'),
  ]);
  try {
    const result = await buildPush(inputs, { logger: report.log, context });
    report.setOutputs(buildPushOutputs(result));
    report.log.info(
      result.digest ? `${result.imageRef}${result.skipped ? ' (existed)' : ''}` : `built ${result.tags.join(', ')} (not pushed)`,
    );
    await report.writeSummary(buildPushSummary(result));
  } catch (error) {
    await report.writeSummary(buildFailureSummary(inputs, error));
    throw error;
  }
});
