import { readRunContext } from './src/action/context.js';
import { Inputs } from './src/action/inputs.js';
import { maskSecrets } from './src/door/commands.js';
import { run } from './src/door/run.js';
import { readDeliverInputs } from './src/pipeline/deliver.js';

await run('deliver', async () => {
  const context = readRunContext();
  const inputs = readDeliverInputs(new Inputs(), context);
  maskSecrets(inputs.build.password, inputs.patch.token, ...inputs.build.secrets.map(([, value]) => value));
  const [{ deliverStep }, { withWorkdir }, report] = await Promise.all([
    import('./src/pipeline/deliver.js'),
    import('./src/action/workdir.js'),
    import('./src/door/report.js'),
  ]);
  const step = await withWorkdir('deliver', (workdir) =>
    deliverStep(inputs, { logger: report.log, context, workdir, setOutputs: report.setOutputs }),
  );
  await report.finish(step);
});
