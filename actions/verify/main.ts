import { maskSecrets } from '../../src/door/commands.js';
import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { run } from '../../src/door/run.js';
import { readVerifyInputs } from '../../src/verify/inputs.js';

await run('verify', async () => {
  const context = readRunContext();
  const inputs = await readVerifyInputs(new Inputs(), context);
  maskSecrets(...inputs.secrets);
  if (inputs.validateOnly) {
    const { log } = await import('../../src/door/report.js');
    return log.info('verify: the inputs are valid; nothing was sent, run or created');
  }
  const [{ verify }, { verifyReport, verifySummary, failureMessage, passMessage }, { withWorkdir }, report] = await Promise.all([
    import('../../src/verify/verify.js'),
    import('../../src/verify/summary.js'),
    import('../../src/action/workdir.js'),
    import('../../src/door/report.js'),
  ]);
  // A cancelled step still deletes what it created in the cluster.
  const cancel = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => cancel.abort());

  const result = await withWorkdir('verify', async (workdir) => {
    const kubectl = async () => {
      const [{ Kubectl, spawnKubectl }, { kubeconfigPath, kubeconfigSecrets }] = await Promise.all([
        import('../../src/kube/kubectl.js'),
        import('../../src/kube/kubeconfig.js'),
      ]);
      maskSecrets(...kubeconfigSecrets(inputs.kubeconfig));
      return new Kubectl(spawnKubectl(), { kubeconfig: await kubeconfigPath(inputs.kubeconfig, workdir), context: inputs.context });
    };
    return verify(inputs, { logger: report.log, kubectl, workspace: context.workspace, workdir, signal: cancel.signal });
  });

  if (result.result === 'passed') report.log.info(`verify: ${passMessage(result)}`);
  report.setOutputs({ result: result.result, report: verifyReport(result) });
  await report.writeSummary(verifySummary(result));
  if (result.result === 'failed') throw new Error(failureMessage(result));
});
