import { maskSecrets } from './src/door/commands.js';
import { readRunContext } from './src/action/context.js';
import { Inputs } from './src/action/inputs.js';
import { run } from './src/door/run.js';
import { readDeliverInputs } from './src/pipeline/deliver.js';

await run('deliver', async () => {
  const context = readRunContext();
  const inputs = readDeliverInputs(new Inputs(), context);
  maskSecrets(inputs.build.password, inputs.patch.token, ...inputs.build.secrets.map(([, value]) => value));
  const [{ deliver }, { buildPushOutputs, buildPushSummary }, { patchOutputs, patchSummary }, { withWorkdir }, report] = await Promise.all([
    import('./src/pipeline/deliver.js'),
    import('./src/image/build-push.js'),
    import('./src/manifest/patch-manifest.js'),
    import('./src/action/workdir.js'),
    import('./src/door/report.js'),
  ]);
  // The image's outputs are set as soon as it is pushed, so a failed patch still reports them.
  const { built, patched, patch } = await withWorkdir('deliver', (workdir) =>
    deliver(inputs, { logger: report.log, context, workdir, onBuilt: (image) => report.setOutputs(buildPushOutputs(image)) }),
  );
  report.setOutputs(patchOutputs(patched));
  await report.writeSummary(`${buildPushSummary(built)}\n${patchSummary(patch, patched, context)}`);
});
