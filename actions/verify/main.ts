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
  const [{ verifyStep }, { withWorkdir }, report] = await Promise.all([
    import('../../src/verify/verify.js'),
    import('../../src/action/workdir.js'),
    import('../../src/door/report.js'),
  ]);
  // A cancelled step still deletes what it created in the cluster.
  const cancel = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => cancel.abort());

  const step = await withWorkdir('verify', async (workdir) => {
    const kubectl = async () => {
      const [{ Kubectl, spawnKubectl }, { kubeconfigPath, kubeconfigSecrets }] = await Promise.all([
        import('../../src/kube/kubectl.js'),
        import('../../src/kube/kubeconfig.js'),
      ]);
      maskSecrets(...kubeconfigSecrets(inputs.kubeconfig));
      return new Kubectl(spawnKubectl(), { kubeconfig: await kubeconfigPath(inputs.kubeconfig, workdir), context: inputs.context });
    };
    return verifyStep(inputs, { logger: report.log, kubectl, workspace: context.workspace, workdir, signal: cancel.signal });
  });
  await report.finish(step);
});
