import { maskSecrets } from '../../src/door/commands.js';
import { readRunContext } from '../../src/action/context.js';
import { describeError } from '../../src/action/errors.js';
import { Inputs } from '../../src/action/inputs.js';
import { run } from '../../src/door/run.js';
import { readDeployInputs } from '../../src/kube/deploy-inputs.js';

await run('deploy-candidate', async () => {
  const context = readRunContext();
  const inputs = readDeployInputs(new Inputs(), context);
  maskSecrets(inputs.token);
  const [
    { deployWithStrategy },
    { deploySummary, workloadsJson },
    { strategyOutputs },
    { Kubectl, spawnKubectl },
    { kubeconfigPath, kubeconfigSecrets },
    { withWorkdir },
    report,
  ] = await Promise.all([
    import('../../src/kube/strategies/index.js'),
    import('../../src/kube/summary.js'),
    import('../../src/kube/strategies/report.js'),
    import('../../src/kube/kubectl.js'),
    import('../../src/kube/kubeconfig.js'),
    import('../../src/action/workdir.js'),
    import('../../src/door/report.js'),
  ]);
  maskSecrets(...kubeconfigSecrets(inputs.kubeconfig));

  const result = await withWorkdir('deploy-candidate', async (workdir) => {
    const kubectl = new Kubectl(spawnKubectl(), { kubeconfig: await kubeconfigPath(inputs.kubeconfig, workdir), context: inputs.context });
    let deployment: import('../../src/github/deployments.js').DeploymentRecord | undefined;
    if (inputs.token && context.repository && context.sha) {
      const { startDeployment, deploymentOctokit } = await import('../../src/github/deployments.js');
      deployment = await startDeployment(
        deploymentOctokit(inputs.token, context),
        {
          repository: context.repository,
          // The revision deployed (a rollback's is not the commit the run was dispatched on).
          ref: /^[0-9a-f]{40}$/.test(inputs.ref) ? inputs.ref : context.sha,
          environment: inputs.environment,
          description: `deploy-candidate ${inputs.ref || context.sha.slice(0, 12)}`,
          logUrl: context.runUrl,
          payload: { strategy: inputs.strategy, ...(inputs.ref ? { 'env-ref': inputs.ref } : {}) },
        },
        report.log,
      );
    }
    try {
      const outcome = await deployWithStrategy(inputs, { kubectl, workdir, logger: report.log, context });
      await deployment?.finish(outcome.result === 'succeeded' ? 'success' : 'failure', outcome.failure ?? 'every workload rolled out');
      return outcome;
    } catch (error) {
      await deployment?.finish('failure', describeError(error));
      report.setOutputs({ result: 'failed' });
      throw error;
    }
  });

  report.setOutputs({
    result: result.result,
    revision: result.revision,
    workloads: workloadsJson(result.candidate.workloads),
    'duration-ms': result.durationMs,
    ...strategyOutputs(result.strategy),
  });
  await report.writeSummary(deploySummary(result, inputs.environment));
  if (result.failure) throw new Error(result.failure);
});
