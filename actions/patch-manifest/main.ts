import { maskSecrets } from '../../src/door/commands.js';
import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { run } from '../../src/door/run.js';
import { readPatchManifestInputs } from '../../src/manifest/patch-manifest-inputs.js';

await run('patch-manifest', async () => {
  const context = readRunContext();
  const inputs = readPatchManifestInputs(new Inputs(), context);
  maskSecrets(inputs.token);
  const [{ patchManifest, patchOutputs, patchSummary }, { appCommitAuthor }, { withWorkdir }, report] = await Promise.all([
    import('../../src/manifest/patch-manifest.js'),
    import('../../src/git/app-author.js'),
    import('../../src/action/workdir.js'),
    import('../../src/door/report.js'),
  ]);
  const appAuthor = await appCommitAuthor(context);
  const result = await withWorkdir('patch-manifest', (workdir) =>
    patchManifest(inputs, { workdir, logger: report.log, context, appAuthor, env: process.env }),
  );
  report.setOutputs(patchOutputs(result));
  report.log.info(result.changed ? `${inputs.dryRun ? 'would change' : 'changed'}: ${result.files.join(', ')}` : 'nothing to change');
  await report.writeSummary(patchSummary(inputs, result, context));
});
