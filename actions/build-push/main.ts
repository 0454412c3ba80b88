import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { readBuildPushInputs } from '../../src/image/build-push-inputs.js';
import { maskSecrets } from '../../src/door/commands.js';
import { run } from '../../src/door/run.js';

await run('build-push', async () => {
  const context = readRunContext();
  const inputs = readBuildPushInputs(new Inputs(), context);
  maskSecrets(inputs.password, ...inputs.secrets.map(([, value]) => value));
  const [{ buildPushStep }, report] = await Promise.all([import('../../src/image/build-push.js'), import('../../src/door/report.js')]);
  await report.finish(await buildPushStep(inputs, { logger: report.log, context }));
});
