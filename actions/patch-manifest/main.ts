import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { maskSecrets } from '../../src/door/commands.js';
import { run } from '../../src/door/run.js';
import { readPatchManifestInputs } from '../../src/manifest/patch-manifest-inputs.js';

await run('patch-manifest', async () => {
  const context = readRunContext();
  const inputs = readPatchManifestInputs(new Inputs(), context);
  maskSecrets(inputs.token);
  const [{ patchManifestStep }, { withWorkdir }, report] = await Promise.all([
    import('../../src/manifest/patch-manifest.js'),
    import('../../src/action/workdir.js'),
    import('../../src/door/report.js'),
  ]);
  const step = await withWorkdir('patch-manifest', (workdir) =>
    patchManifestStep(inputs, { workdir, logger: report.log, context, env: process.env }),
  );
  await report.finish(step);
});
