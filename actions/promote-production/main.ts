import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { maskSecrets } from '../../src/door/commands.js';
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
  const [{ promoteProductionStep }, { withWorkdir }, report] = await Promise.all([
    import('../../src/pipeline/promote-production.js'),
    import('../../src/action/workdir.js'),
    import('../../src/door/report.js'),
  ]);
  const step = await withWorkdir('promote', (workdir) =>
    promoteProductionStep(inputs, { workdir, logger: report.log, context, env: process.env }),
  );
  await report.finish(step);
});
