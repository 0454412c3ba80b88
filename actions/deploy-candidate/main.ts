import { readRunContext } from '../../src/action/context.js';
import { Inputs } from '../../src/action/inputs.js';
import { maskSecrets } from '../../src/door/commands.js';
import { run } from '../../src/door/run.js';
import { readDeployInputs } from '../../src/kube/deploy-inputs.js';

await run('deploy-candidate', async () => {
  const context = readRunContext();
  const inputs = readDeployInputs(new Inputs(), context);
  maskSecrets(inputs.token);
  const [{ deployCandidateStep }, { Kubectl, spawnKubectl }, { kubeconfigPath, kubeconfigSecrets }, { withWorkdir }, report] =
    await Promise.all([
      import('../../src/pipeline/deploy-candidate.js'),
      import('../../src/kube/kubectl.js'),
      import('../../src/kube/kubeconfig.js'),
      import('../../src/action/workdir.js'),
      import('../../src/door/report.js'),
    ]);
  maskSecrets(...kubeconfigSecrets(inputs.kubeconfig));
  const step = await withWorkdir('deploy-candidate', async (workdir) => {
    const kubectl = new Kubectl(spawnKubectl(), { kubeconfig: await kubeconfigPath(inputs.kubeconfig, workdir), context: inputs.context });
    return deployCandidateStep(inputs, { kubectl, workdir, logger: report.log, context });
  });
  await report.finish(step);
});
