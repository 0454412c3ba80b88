// The reusable workflows' job graphs, run by the simulator for every path a
// user meets, with the end state each path must reach: what the cluster runs,
// what `production` records, what is cleaned up, and that every action gets
// the inputs its own reader accepts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startGitHubApi, type GitHubApi } from '../../support/github-api.js';
import { loadWorkflow, simulate, type Approval, type RunRecord } from '../../support/job-graph.js';
import { PipelineWorld, SELF, type Scenario } from '../../support/pipeline-world.js';
import { tempDir } from '../../support/temp.js';
import { ACTIONS_CHECKOUT, root } from '../../support/workflow-check.js';

const envCd = loadWorkflow('.github/workflows/env-cd.yml');
const appCi = loadWorkflow('.github/workflows/app-ci.yml');
const rollback = loadWorkflow('.github/workflows/rollback.yml');

const SECRETS = { KUBECONFIG: 'apiVersion: v1\nkind: Config\n' };
const CANARY_INPUTS = { 'prometheus-url': 'http://prometheus.monitoring:9090', 'canary-name': 'hello', namespace: 'hello' };

/** Every job that used one of the project's actions checked out the workflow's own repository at its own commit. */
function expectActionsFromOwnCommit(run: RunRecord) {
  for (const [name, job] of run.jobs) {
    const usesOurs = job.steps.some((step) => step.outcome !== 'skipped' && step.uses?.startsWith(`./${ACTIONS_CHECKOUT}/`));
    if (!usesOurs) continue;
    expect({ job: name, checkout: job.checkouts.get(ACTIONS_CHECKOUT) }).toEqual({
      job: name,
      checkout: expect.objectContaining({ repository: SELF.repository, ref: SELF.sha }),
    });
  }
}

const failedSteps = (run: RunRecord) =>
  [...run.jobs].flatMap(([job, record]) => record.steps.filter((step) => step.outcome === 'failure').map((step) => `${job}/${step.key}`));

/**
 * Every strategy the README's env-cd callers or env-cd's own `strategy`
 * input offer: each one is run through the job graph below, so what is
 * advertised and what the workflow does cannot drift apart.
 */
function advertisedStrategies(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const fromReadme = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => match[1])
    .filter((text) => text.includes('env-cd.yml'))
    .flatMap((text) =>
      [...text.matchAll(/strategy: ([\w-]+)(?: # (.*))?/g)].flatMap((line) => [
        line[1],
        ...[...(line[2] ?? '').matchAll(/\b(rolling|canary|blue-green|[a-z]+-[a-z]+)\b/g)].map((word) => word[1]),
      ]),
    );
  const description = envCd.on.workflow_call!.inputs!.strategy as unknown as { description: string };
  const fromWorkflow = [...description.description.matchAll(/'([\w-]+)'/g)].map((match) => match[1]);
  return [...new Set([...fromWorkflow, ...fromReadme])].sort();
}

describe('env-cd.yml job graph', () => {
  type Strategy = 'rolling' | 'canary' | 'blue-green';
  const strategies = advertisedStrategies() as Strategy[];
  it('runs every advertised strategy', () => {
    expect(strategies).toEqual(['blue-green', 'canary', 'rolling']);
  });
  const approvals: Approval[] = ['approved', 'rejected', 'timed-out', 'cancelled'];
  const cases: [Strategy, Scenario, 'push' | 'pull-request'][] = [];
  for (const strategy of strategies) {
    for (const rollout of ['ok', 'failed'] as const) {
      for (const decision of strategy === 'canary' ? (['pass', 'fail'] as const) : (['pass'] as const)) {
        for (const approval of approvals) {
          const cancels = [undefined, 'deploy', ...(strategy === 'canary' ? ['analysis'] : [])];
          for (const cancelAt of approval === 'approved' ? cancels : [undefined]) {
            for (const mode of ['push', 'pull-request'] as const) {
              for (const superseded of [false, true]) {
                cases.push([strategy, { rollout, decision, approval, cancelAt, superseded }, mode]);
              }
            }
          }
        }
      }
    }
  }

  it.each(cases)('%s %j %s', async (strategy, scenario, mode) => {
    const world = new PipelineWorld(scenario);
    const before = world.productionTip;
    const run = await simulate(envCd, {
      inputs: { strategy, 'promote-mode': mode, ...CANARY_INPUTS },
      secrets: { ...SECRETS, ENV_APP_ID: '1', ENV_APP_PRIVATE_KEY: 'key' },
      github: { repository: 'acme/hello-env', sha: world.candidate, event_name: 'push' },
      world,
    });
    expect(world.errors).toEqual([]);
    expectActionsFromOwnCommit(run);

    const approved = scenario.approval === 'approved';
    const goes = approved && !scenario.superseded;
    const succeeds = goes && scenario.rollout === 'ok' && scenario.decision === 'pass' && !scenario.cancelAt;

    // The approval gates the production deployment itself: nothing touches the cluster before it.
    if (!goes) expect(world.touched).toBe(false);
    if (succeeds) {
      expect(world.cluster).toEqual({ primary: world.candidate });
      if (mode === 'push') expect(world.productionTip).toBe(world.candidate);
      else expect(world.pullRequests).toEqual([world.candidate]);
      expect(run.outputs['production-commit']).not.toBe('');
    } else {
      // Production is unchanged, and so is what runs: no canary, colour or half rollout left behind.
      expect(world.production.at(-1)).toBe(before);
      expect(world.pullRequests).toEqual([]);
      expect(world.cluster).toEqual({ primary: before });
      expect(run.outputs['production-commit']).toBe('');
    }
    expect(run.outputs.deployed).toBe(String(goes));
    expect(run.outputs.revision).toBe(world.candidate);
    if (goes && !scenario.cancelAt)
      expect(run.outputs.result).toBe(scenario.rollout === 'ok' ? 'succeeded' : strategy === 'rolling' ? 'rolled-back' : 'failed');
    if (strategy === 'canary' && goes && scenario.rollout === 'ok' && !scenario.cancelAt)
      expect(run.outputs['canary-decision']).toBe(scenario.decision);
  });

  it('holds the deployment queue only in the deploy job, queued and never cancelled, and waits for approval outside it', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(envCd, {
      inputs: { environment: 'staging' },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: world.candidate },
      world,
    });
    const held = [...run.jobs].filter(([, job]) => job.concurrency).map(([name, job]) => [name, job.concurrency]);
    expect(held).toEqual([['deploy', { group: 'gitops-delivery-deploy-staging', cancelInProgress: false, queue: 'max' }]]);
    expect(run.jobs.get('approve')!.environment).toBe('staging');
    expect([...run.jobs].filter(([, job]) => job.environment).map(([name]) => name)).toEqual(['approve']);
  });

  it('refuses, before anything is deployed, a canary whose check could not run (default metrics without canary-name)', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(envCd, {
      inputs: { strategy: 'canary', 'prometheus-url': 'http://prometheus:9090' },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: world.candidate },
      world,
    });
    expect(world.errors).toEqual([expect.stringMatching(/^canary-check: input 'name': is empty, and the default metric/)]);
    expect(run.jobs.get('check')!.result).toBe('failure');
    expect(run.jobs.get('deploy')!.result).toBe('skipped');
    expect(world.touched).toBe(false);
  });

  describe('a stepped canary', () => {
    const STEPPED = { strategy: 'canary', ...CANARY_INPUTS };
    const deploySteps = (world: PipelineWorld) =>
      world.calls
        .filter((call) => call.action === 'deploy-candidate')
        .map((call) => `${call.inputs.action || 'deploy'} ${call.inputs['canary-step'] ?? ''}`.trim());
    const simulateSteps = (world: PipelineWorld, steps: string) =>
      simulate(envCd, {
        inputs: { ...STEPPED, 'canary-steps': steps },
        secrets: SECRETS,
        github: { repository: 'acme/hello-env', sha: world.candidate, event_name: 'push' },
        world,
      });

    it.each(['10', '10,25', '10,25,50', '5, 10, 25, 50'])(
      'serves each of %s in turn, judged before the next, then promotes',
      async (steps) => {
        const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
        const shares = steps.split(/[ ,]+/).map(Number);
        const run = await simulateSteps(world, steps);
        expect(world.errors).toEqual([]);
        expect(world.canarySteps).toEqual(shares);
        expect(deploySteps(world)).toEqual(['deploy', ...shares.slice(1).map((_, i) => `deploy ${i + 2}`), 'promote']);
        // Each step judged once, after its deploy.
        const order = run.jobs
          .get('deploy')!
          .steps.filter((step) => step.outcome === 'success')
          .map((step) => step.key);
        const judged = order.filter((key) => /^(deploy|step-\d|analysis(-\d)?)$/.test(key));
        expect(judged).toEqual(shares.flatMap((_, i) => (i === 0 ? ['deploy', 'analysis'] : [`step-${i + 1}`, `analysis-${i + 1}`])));
        expect(world.cluster).toEqual({ primary: world.candidate });
        expect(run.outputs['canary-decision']).toBe('pass');
      },
    );

    describe('one step per run (canary-step-per-run)', () => {
      const perRun = (world: PipelineWorld) =>
        simulate(envCd, {
          inputs: { ...STEPPED, 'canary-steps': '10,25,50', 'canary-step-per-run': true },
          secrets: SECRETS,
          github: { repository: 'acme/hello-env', sha: world.candidate, event_name: 'workflow_dispatch' },
          world,
        });

      it('serves and judges one step a run, each approved, holds the canary between runs, and promotes after the last', async () => {
        const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
        const before = world.productionTip;
        for (const step of [1, 2]) {
          const run = await perRun(world);
          expect(world.errors).toEqual([]);
          expect(run.jobs.get('approve')!.result).toBe('success');
          expect(run.outputs).toMatchObject({ 'canary-step': String(step), 'canary-held': 'true', 'production-commit': '' });
          // Nothing removes the canary, nothing promotes it or records it: it serves its step until the next run.
          expect(world.cluster).toEqual({ primary: before, canary: world.candidate });
          expect(world.productionTip).toBe(before);
          expect(run.jobs.get('deploy')!.result).toBe('success');
        }
        expect(world.canarySteps).toEqual([10, 25]);
        const last = await perRun(world);
        expect(world.canarySteps).toEqual([10, 25, 50]);
        expect(last.outputs).toMatchObject({ 'canary-step': '3', 'canary-held': 'false' });
        expect(world.cluster).toEqual({ primary: world.candidate });
        expect(world.productionTip).toBe(world.candidate);
      });

      it('removes the canary when a step fails its analysis, and the next run starts again at the first step', async () => {
        const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', failAtStep: 2, approval: 'approved' });
        const before = world.productionTip;
        await perRun(world);
        const failed = await perRun(world);
        expect(failedSteps(failed)).toEqual(['deploy/analysis']);
        expect(failed.outputs['canary-held']).toBe('false');
        expect(world.cluster).toEqual({ primary: before });
        world.scenario.failAtStep = undefined;
        const again = await perRun(world);
        expect(again.outputs['canary-step']).toBe('1');
        expect(world.canarySteps).toEqual([10, 25, 10]);
      });

      it('leaves a held canary serving when a later run is not approved', async () => {
        const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
        await perRun(world);
        world.scenario.approval = 'rejected';
        const refused = await perRun(world);
        expect(refused.jobs.get('deploy')!.result).toBe('skipped');
        expect(world.cluster).toEqual({ primary: world.productionTip, canary: world.candidate });
      });

      it('is refused before anything is deployed without canary-steps', async () => {
        const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
        const run = await simulate(envCd, {
          inputs: { ...STEPPED, 'canary-step-per-run': true },
          secrets: SECRETS,
          github: { repository: 'acme/hello-env', sha: world.candidate },
          world,
        });
        expect(failedSteps(run)).toEqual(['check/canary-steps']);
        expect(world.touched).toBe(false);
      });
    });

    it.each([1, 2, 3])('stops at a failed judgement of step %i, removes the canary, records nothing', async (failAtStep) => {
      const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', failAtStep, approval: 'approved' });
      const before = world.productionTip;
      const run = await simulateSteps(world, '10,25,50');
      expect(world.canarySteps).toEqual([10, 25, 50].slice(0, failAtStep));
      expect(deploySteps(world).at(-1)).toBe('reject');
      expect(deploySteps(world)).not.toContain('promote');
      expect(world.cluster).toEqual({ primary: before });
      expect(world.productionTip).toBe(before);
      expect(run.outputs['canary-decision']).toBe('fail');
      expect(failedSteps(run)).toEqual([`deploy/${failAtStep === 1 ? 'analysis' : `analysis-${failAtStep}`}`]);
    });

    it.each(['step-2', 'analysis-3'])('removes the canary when the run is cancelled at %s', async (cancelAt) => {
      const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved', cancelAt });
      const before = world.productionTip;
      await simulateSteps(world, '10,25,50');
      expect(deploySteps(world).at(-1)).toBe('reject');
      expect(world.cluster).toEqual({ primary: before });
      expect(world.productionTip).toBe(before);
    });

    it.each([
      [{ 'canary-steps': '5,10,25,50,75' }, "input 'canary-steps': '5,10,25,50,75' has 5 steps; expected at most 4"],
      [{ 'canary-steps': '10,25,25' }, "input 'canary-steps': '10,25,25' does not grow at every step"],
      [{ 'canary-steps': ' , ' }, "input 'canary-steps': ' , ' has no share"],
      [{ 'canary-steps': '10,ten' }, "input 'canary-steps': 'ten' is not a percentage"],
      [{ 'canary-steps': '10,150' }, "input 'canary-steps': '150' is not a percentage"],
      [{ 'canary-steps': '10,25', 'canary-percentage': '10' }, "input 'canary-percentage': is set together with canary-steps"],
    ])('refuses %j before anything is deployed', async (inputs, message) => {
      const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
      const run = await simulate(envCd, {
        inputs: { ...STEPPED, ...inputs },
        secrets: SECRETS,
        github: { repository: 'acme/hello-env', sha: world.candidate, event_name: 'push' },
        world,
      });
      expect(world.errors).toEqual([expect.stringContaining(`::error::env-cd: ${message}`)]);
      expect(run.jobs.get('check')!.result).toBe('failure');
      expect(world.touched).toBe(false);
    });

    it('takes shares written with a percent sign', async () => {
      const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
      await simulateSteps(world, '10%, 50%');
      expect(world.errors).toEqual([]);
      expect(world.canarySteps).toEqual([10, 50]);
      expect(world.cluster).toEqual({ primary: world.candidate });
    });
  });

  it('judges a canary from Cloud Monitoring after signing the deploy job in to Google Cloud, and checks the project and the judge before deploying', async () => {
    const google = {
      strategy: 'canary',
      'canary-provider': 'google-cloud-monitoring',
      'canary-name': 'hello',
      namespace: 'hello',
      'google-project': 'shop-prod-42',
      'google-workload-identity-provider': 'projects/1/locations/global/workloadIdentityPools/github/providers/actions',
    };
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(envCd, {
      inputs: google,
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: world.candidate },
      world,
    });
    expect(world.errors).toEqual([]);
    expect(world.productionTip).toBe(world.candidate);
    const ran = run.jobs
      .get('deploy')!
      .steps.filter((step) => step.outcome === 'success')
      .map((step) => step.uses ?? step.key);
    const signIn = ran.findIndex((uses) => uses.startsWith('google-github-actions/auth@'));
    expect(signIn).toBeGreaterThan(-1);
    expect(signIn).toBeLessThan(ran.indexOf(`./${ACTIONS_CHECKOUT}/actions/canary-check`));

    const unnamed = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    await simulate(envCd, {
      inputs: { ...google, 'google-project': 'Shop_Prod' },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: unnamed.candidate },
      world: unnamed,
    });
    expect(unnamed.errors).toEqual([expect.stringMatching(/^canary-check: input 'google-project': 'Shop_Prod' is not a project ID/)]);

    const netflix = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    await simulate(envCd, {
      inputs: { ...google, 'canary-judge': 'netflix' },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: netflix.candidate },
      world: netflix,
    });
    expect(netflix.errors).toEqual([expect.stringMatching(/^canary-check: input 'judge': 'netflix' is not supported/)]);
    expect(netflix.touched).toBe(false);
    expect(unnamed.touched).toBe(false);
  });

  it.each([
    ['an unknown strategy', { strategy: 'linear' }, 'check/inputs'],
    ['an unknown promote mode', { 'promote-mode': 'pr' }, "check/Check promote-production's inputs"],
  ])('refuses %s before anything is deployed', async (_, inputs, failedAt) => {
    const world = new PipelineWorld({
      rollout: 'ok',
      decision: 'pass',
      approval: 'approved',
      failAt: 'inputs',
    });
    if (!('strategy' in inputs)) world.scenario.failAt = undefined;
    const run = await simulate(envCd, { inputs, secrets: SECRETS, github: { repository: 'acme/hello-env', sha: world.candidate }, world });
    expect(failedSteps(run)).toEqual([failedAt]);
    expect(world.touched).toBe(false);
  });

  it('asks the App for pull requests only in pull-request mode, and for deployments where it deploys', async () => {
    for (const mode of ['push', 'pull-request']) {
      const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
      const run = await simulate(envCd, {
        inputs: { 'promote-mode': mode },
        secrets: { ...SECRETS, ENV_APP_ID: '1', ENV_APP_PRIVATE_KEY: 'key' },
        github: { repository: 'acme/hello-env', sha: world.candidate },
        world,
      });
      const tokens = run.jobs
        .get('deploy')!
        .steps.filter((step) => step.uses?.startsWith('actions/create-github-app-token@') && step.outcome === 'success');
      expect(tokens).toHaveLength(1);
      expect(tokens[0].with).toEqual(expect.objectContaining({ 'permission-contents': 'write', 'permission-deployments': 'write' }));
      expect('permission-pull-requests' in tokens[0].with).toBe(mode === 'pull-request');
    }
  });

  it('logs in to the registry for image-tags with the given credentials', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    await simulate(envCd, {
      inputs: { 'image-tags': 'production', registry: 'ghcr.io' },
      secrets: { ...SECRETS, REGISTRY_USERNAME: 'bot', REGISTRY_PASSWORD: 'pw' },
      github: { repository: 'acme/hello-env', sha: world.candidate },
      world,
    });
    const record = world.calls.filter((call) => call.action === 'promote-production').at(-1)!;
    expect(record.inputs['image-tags']).toBe('production');
    expect(world.productionTip).toBe(world.candidate);
  });
});

describe('app-ci.yml job graph', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await tempDir('app-ci-graph');
    mkdirSync(join(workspace, 'app'));
    writeFileSync(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(workspace, 'app', 'kubernetes.yaml.tpl'), 'image: ${IMAGE}\n');
  });

  it.each([
    ['no test command', '', false, undefined, true],
    ['passing tests', 'npm test', false, undefined, true],
    ['failing tests', 'npm test', true, undefined, false],
    ['a failed build', '', false, 'build', false],
  ])('%s', async (_, testCommand, testsFail, failAt, delivers) => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved', testsFail, failAt }, workspace);
    const run = await simulate(appCi, {
      inputs: {
        image: 'ghcr.io/acme/hello',
        'env-repository': 'acme/hello-env',
        'test-command': testCommand,
        template: 'kubernetes.yaml.tpl',
      },
      secrets: { ENV_APP_ID: '1', ENV_APP_PRIVATE_KEY: 'key' },
      github: { repository: 'acme/hello', sha: 'a'.repeat(40), actor: 'dev' },
      world,
    });
    expect(world.errors).toEqual([]);
    expectActionsFromOwnCommit(run);
    expect(run.jobs.get('test')!.result).toBe(testCommand ? (testsFail ? 'failure' : 'success') : 'skipped');
    expect(run.jobs.get('patch')!.result).toBe(delivers ? 'success' : 'skipped');
    expect(world.candidateCommits).toHaveLength(delivers ? 1 : 0);
    expect(run.outputs.commit).toBe(delivers ? world.candidate : '');
    if (delivers) {
      const patch = world.calls.find((call) => call.action === 'patch-manifest')!;
      // The app is checked out under app/, so that the build context holds the app alone.
      expect(patch.inputs.template).toBe('app/kubernetes.yaml.tpl');
      expect(world.calls.find((call) => call.action === 'build-push')!.inputs.context).toBe('app/.');
    }
  });
});

describe('rollback.yml job graph', () => {
  it.each<[string, Partial<Scenario>, string, number | undefined]>([
    ['previous, approved, rolls out', {}, 'previous', 2],
    ['-2', {}, '-2', 1],
    ['an abbreviated SHA', {}, 'b1000000', 0],
    ['a SHA not on production', {}, 'c3000000', undefined],
    ['too far back', {}, '-4', undefined],
    ['approval refused', { approval: 'rejected' }, 'previous', undefined],
    ['run cancelled during the approval', { approval: 'cancelled' }, 'previous', undefined],
    ['rollout fails', { rollout: 'failed' }, 'previous', undefined],
  ])('%s', async (_, change, revision, index) => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved', ...change });
    const rolledBack = index !== undefined;
    const target = world.production[index ?? 0];
    const tip = world.productionTip;
    const run = await simulate(rollback, {
      inputs: { revision, context: 'prod-cluster' },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: 'd'.repeat(40), event_name: 'workflow_dispatch' },
      world: {
        step: (call) => (call.key === 'deploy' && change.rollout === 'failed' ? { outcome: 'failure' } : world.step(call)),
        approval: () => world.approval(),
      },
    });
    expect(world.errors).toEqual([]);
    expectActionsFromOwnCommit(run);
    if (rolledBack) {
      expect(world.cluster.primary).toBe(target);
      expect(world.productionTip).not.toBe(tip);
      expect(run.outputs.commit).toBe(world.productionTip);
      const deploy = world.calls.find((call) => call.action === 'deploy-candidate')!;
      expect(deploy.inputs).toEqual(expect.objectContaining({ ref: target, context: 'prod-cluster' }));
    } else {
      expect(world.productionTip).toBe(tip);
      expect(world.cluster).toEqual({ primary: tip });
      if (change.approval || !change.rollout) expect(world.touched).toBe(false);
    }
    const held = [...run.jobs].filter(([, job]) => job.concurrency).map(([name, job]) => [name, job.concurrency?.group]);
    expect(held).toEqual([['rollback', 'gitops-delivery-deploy-production']]);
  });
});

describe('the simulator finds the defects it guards against', () => {
  const mutated = (workflow: ReturnType<typeof loadWorkflow>, change: (copy: ReturnType<typeof loadWorkflow>) => void) => {
    const copy = structuredClone(workflow);
    change(copy);
    return copy;
  };

  it('a job after a skipped test job that keeps the implicit success() is skipped: the delivery is dropped', async () => {
    const workspace = await tempDir('app-ci-mutant');
    mkdirSync(join(workspace, 'app'));
    writeFileSync(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' }, workspace);
    const run = await simulate(
      mutated(appCi, (copy) => delete copy.jobs.patch.if),
      {
        inputs: { image: 'ghcr.io/acme/hello', 'env-repository': 'acme/hello-env' },
        github: { repository: 'acme/hello', sha: 'a'.repeat(40), actor: 'dev' },
        world,
      },
    );
    expect(run.jobs.get('build')!.result).toBe('success');
    expect(run.jobs.get('patch')!.result).toBe('skipped');
  });

  it('a clean-up step without always() leaves a failed canary in the cluster', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'fail', approval: 'approved' });
    await simulate(
      mutated(envCd, (copy) => {
        const reject = copy.jobs.deploy.steps!.find((step) => String(step.if).startsWith('always()'))!;
        reject.if = String(reject.if).replace('always() && ', '');
      }),
      {
        inputs: { strategy: 'canary', ...CANARY_INPUTS },
        secrets: SECRETS,
        github: { repository: 'acme/hello-env', sha: world.candidate },
        world,
      },
    );
    expect(world.cluster.canary).toBe(world.candidate);
  });

  it('an action used in a job that did not check it out fails the job', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(
      mutated(envCd, (copy) => {
        copy.jobs.deploy.steps = copy.jobs.deploy.steps!.filter((step) => !step.uses?.startsWith('actions/checkout@'));
      }),
      { inputs: {}, secrets: SECRETS, github: { repository: 'acme/hello-env', sha: world.candidate }, world },
    );
    expect(run.jobs.get('deploy')!.result).toBe('failure');
    expect(world.touched).toBe(false);
  });
});

describe('the callers users write, with the workflows they call', () => {
  const readmeCaller = (needle: string) => {
    const block = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((match) => match[1])
      .find((text) => text.includes(needle));
    if (!block) throw new Error(`the README has no caller with ${needle}`);
    return parse(block) as ReturnType<typeof loadWorkflow>;
  };
  let workspace: string;
  beforeAll(async () => {
    workspace = await tempDir('callers');
    mkdirSync(join(workspace, 'app'));
    writeFileSync(join(workspace, 'app', 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(workspace, 'app', 'kubernetes.yaml.tpl'), 'image: ${IMAGE}\n');
  });

  it.each(['ok', 'failed'] as const)(
    'one repository (README): app-ci with no test command delivers, and env-cd deploys what it delivered (rollout %s)',
    async (rollout) => {
      const world = new PipelineWorld({ rollout, decision: 'pass', approval: 'approved' }, workspace);
      const before = world.productionTip;
      const run = await simulate(readmeCaller('needs: deliver'), {
        secrets: SECRETS,
        github: { repository: 'acme/hello', sha: 'a'.repeat(40), actor: 'dev', event_name: 'push' },
        world,
      });
      expect(world.errors).toEqual([]);
      expect(run.jobs.get('deliver')!.called!.jobs.get('patch')!.result).toBe('success');
      expect(run.jobs.get('cd')!.result).toBe(rollout === 'ok' ? 'success' : 'failure');
      expect(world.calls.find((call) => call.action === 'deploy-candidate')!.inputs.ref).toBe(world.candidate);
      expect(world.productionTip).toBe(rollout === 'ok' ? world.candidate : before);
      expect(world.cluster).toEqual({ primary: world.productionTip });
    },
  );

  it('the README environments caller deploys staging, tags a release candidate and promotes to production by digest', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(readmeCaller('stages: dev staging production'), {
      secrets: { ...SECRETS, ENV_APP_ID: '1', ENV_APP_PRIVATE_KEY: 'key' },
      github: { repository: 'acme/hello-env', sha: world.candidate, event_name: 'push', ref_name: 'env/staging/candidate' },
      world,
    });
    expect(world.errors).toEqual([]);
    expect(run.jobs.get('cd')!.called!.jobs.get('approve')!.environment).toBe('staging');
    const record = world.calls.filter((call) => call.action === 'promote-production').at(-1)!;
    expect(record.inputs).toEqual(expect.objectContaining({ branch: 'env/staging/production', 'image-tags': 'rc-{app-short-sha}' }));
    expect(world.promotions).toEqual([{ from: world.candidate, tree: world.candidate, branch: 'env/production/candidate' }]);
  });

  it('the README canary caller deploys, judges, rolls out and records', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(readmeCaller('strategy: canary'), {
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: world.candidate, event_name: 'push' },
      world,
    });
    expect(world.errors).toEqual([]);
    expect(run.jobs.get('cd')!.outputs['canary-decision']).toBe('pass');
    expect(world.productionTip).toBe(world.candidate);
    expect(world.cluster).toEqual({ primary: world.candidate });
  });

  it.each([
    ['examples/hello-env/.github/workflows/cd.yml', {}],
    ['examples/hello-env/.github/workflows/rollback.yml', { revision: 'previous' }],
  ])('%s runs to the end', async (file, inputs) => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(loadWorkflow(file), {
      inputs,
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: world.candidate, event_name: 'push' },
      world,
    });
    expect(world.errors).toEqual([]);
    const [caller] = run.jobs.values();
    expect(caller.result).toBe('success');
    expect(world.cluster).toEqual({ primary: world.treeOf(world.productionTip) });
    expect(world.productionTip).not.toBe(new PipelineWorld(world.scenario).productionTip);
  });
});

describe('env-cd verify: integration and performance tests before anything is recorded', () => {
  const VERIFY = {
    'verify-http-checks': '- /healthz',
    'verify-preview-url': 'http://hello-preview.hello.svc.cluster.local',
    'verify-load-url': '/',
    'verify-load-thresholds': 'p95 < 300ms',
    'verify-job-image': 'ghcr.io/acme/hello-tests:1',
    'verify-job-command': 'npm run test:integration',
  };
  it.each(
    (['rolling', 'canary', 'blue-green'] as const).flatMap((strategy) =>
      (['passed', 'failed'] as const).map((verify) => [strategy, verify] as const),
    ),
  )('%s, verification %s', async (strategy, verify) => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved', verify });
    const before = world.productionTip;
    const run = await simulate(envCd, {
      inputs: { strategy, ...CANARY_INPUTS, ...VERIFY },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: world.candidate },
      world,
    });
    expect(world.errors).toEqual([]);
    // Verified where the revision runs, before anything switches to it for good.
    const running = {
      rolling: { primary: world.candidate },
      canary: { primary: before, canary: world.candidate },
      'blue-green': { primary: before, preview: world.candidate },
    }[strategy];
    expect(world.verified).toEqual([{ revision: world.candidate, cluster: expect.objectContaining(running) }]);
    expect(run.outputs['verify-result']).toBe(verify);
    if (verify === 'passed') {
      expect(world.productionTip).toBe(world.candidate);
      expect(world.cluster).toEqual({ primary: world.candidate });
    } else {
      // Nothing recorded; a rolled-out revision is rolled back, a canary or colour removed.
      expect(world.productionTip).toBe(before);
      expect(world.cluster).toEqual({ primary: before });
    }
  });

  it('refuses bad verify inputs before anything is deployed', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(envCd, {
      inputs: { 'verify-load-url': 'http://hello', 'verify-load-thresholds': 'p95 < fast' },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: world.candidate },
      world,
    });
    expect(world.errors).toEqual([expect.stringMatching(/^verify: input 'load-thresholds'/)]);
    expect(run.jobs.get('check')!.result).toBe('failure');
    expect(world.touched).toBe(false);
  });
});

describe('environments chained by digest (env-cd stages)', () => {
  const STAGES = 'dev staging production';
  const runStage = async (inputs: Record<string, unknown>, scenario: Partial<Scenario> = {}) => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved', ...scenario });
    const run = await simulate(envCd, {
      inputs: { stages: STAGES, ...inputs },
      secrets: { ...SECRETS, ENV_APP_ID: '1', ENV_APP_PRIVATE_KEY: 'key' },
      github: { repository: 'acme/hello-env', sha: world.candidate, event_name: 'push', ref_name: 'env/staging/candidate' },
      world,
    });
    return { world, run };
  };

  it("a success in staging is recorded on staging's production and promoted to production's candidate", async () => {
    const { world, run } = await runStage({ 'candidate-branch': 'env/staging/candidate' });
    expect(world.errors).toEqual([]);
    expect(run.jobs.get('approve')!.environment).toBe('staging');
    expect(run.jobs.get('deploy')!.concurrency!.group).toBe('gitops-delivery-deploy-staging');
    const record = world.calls.find((call) => call.action === 'promote-production' && call.inputs['validate-only'] !== 'true')!;
    expect(record.inputs.branch).toBe('env/staging/production');
    const deploy = world.calls.find((call) => call.action === 'deploy-candidate')!;
    expect(deploy.inputs['production-ref']).toBe('env/staging/production');
    expect(world.promotions).toEqual([{ from: world.candidate, tree: world.candidate, branch: 'env/production/candidate' }]);
    expect(run.outputs['next-commit']).not.toBe('');
  });

  it.each<[string, Record<string, unknown>, Partial<Scenario>]>([
    ['the last environment', { stage: 'production' }, {}],
    ['a failed rollout', { 'candidate-branch': 'env/staging/candidate' }, { rollout: 'failed' }],
    ['a refused approval', { 'candidate-branch': 'env/staging/candidate' }, { approval: 'rejected' }],
    ['pull-request mode', { 'candidate-branch': 'env/staging/candidate', 'promote-mode': 'pull-request' }, {}],
  ])('nothing is promoted after %s', async (_, inputs, scenario) => {
    const { world, run } = await runStage(inputs, scenario);
    expect(world.errors).toEqual([]);
    expect(world.promotions).toEqual([]);
    expect(run.outputs['next-commit']).toBe('');
  });

  it.each([
    ['staging', ''],
    ['production', 'us-docker.pkg.dev/p/internal/hello=ghcr.io/acme/hello'],
  ])('publishes a release only from the last environment (%s)', async (stage, published) => {
    const { world } = await runStage({
      stage,
      'publish-images': 'us-docker.pkg.dev/p/internal/hello=ghcr.io/acme/hello',
      'publish-tags': '{app-short-sha}',
    });
    expect(world.errors).toEqual([]);
    const record = world.calls.filter((call) => call.action === 'promote-production').at(-1)!;
    expect(record.inputs['publish-images']).toBe(published);
  });

  it('refuses, before anything is deployed, a stage that is not in the chain', async () => {
    const { world, run } = await runStage({ 'candidate-branch': 'env/qa/candidate' });
    expect(world.errors).toEqual([expect.stringContaining("input 'stages': 'dev staging production' does not name this run's stage 'qa'")]);
    expect(run.jobs.get('check')!.result).toBe('failure');
    expect(world.touched).toBe(false);
  });
});

describe('image-watch.yml job graph', () => {
  it.each([false, true])(
    'the example caller finds and delivers new versions (dry run %p), with the actions of its own commit',
    async (dryRun) => {
      const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
      const caller = loadWorkflow('examples/hello-env/.github/workflows/image-watch.yml');
      if (dryRun) caller.jobs.watch.with = { 'dry-run': true };
      const run = await simulate(caller, {
        secrets: { ENV_APP_ID: '1', ENV_APP_PRIVATE_KEY: 'key' },
        github: { repository: 'acme/hello-env', sha: 'e'.repeat(40), event_name: 'schedule' },
        world,
      });
      expect(world.errors).toEqual([]);
      expectActionsFromOwnCommit(run.jobs.get('watch')!.called!);
      expect(world.watched).toEqual([{ branch: 'candidate', dryRun, mode: 'push', pullRequestPer: 'run', registry: '', username: '' }]);
      expect(run.jobs.get('watch')!.outputs.changed).toBe(String(!dryRun));
    },
  );

  it('passes the pull-request mode, one pull request per image, and the registry credentials through to the action', async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const caller = loadWorkflow('examples/hello-env/.github/workflows/image-watch.yml');
    caller.jobs.watch.with = { mode: 'pull-request', 'pull-request-per': 'image', registry: 'ghcr.io' };
    const secrets = caller.jobs.watch.secrets;
    if (secrets === undefined || secrets === 'inherit') throw new Error('the example caller names the secrets it passes');
    caller.jobs.watch.secrets = {
      ...secrets,
      REGISTRY_USERNAME: 'robot',
      REGISTRY_PASSWORD: '${{ secrets.REGISTRY_PASSWORD }}',
    };
    const run = await simulate(caller, {
      secrets: { ENV_APP_ID: '1', ENV_APP_PRIVATE_KEY: 'key', REGISTRY_PASSWORD: 'p4ss' },
      github: { repository: 'acme/hello-env', sha: 'e'.repeat(40), event_name: 'workflow_dispatch' },
      world,
    });
    expect(world.errors).toEqual([]);
    expect(world.watched).toEqual([
      { branch: 'candidate', dryRun: false, mode: 'pull-request', pullRequestPer: 'image', registry: 'ghcr.io', username: 'robot' },
    ]);
    expect(run.jobs.get('watch')!.result).toBe('success');
  });
});

describe('rollback of a blue-green environment', () => {
  it.each([
    ['rolls out', 'ok', true],
    ['does not roll out', 'failed', false],
  ] as const)('deploys the revision as the other colour and switches to it (%s)', async (_, rollout, switched) => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const target = world.production.at(-2)!;
    const tip = world.productionTip;
    const run = await simulate(rollback, {
      inputs: { revision: 'previous', strategy: 'blue-green' },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: 'd'.repeat(40), event_name: 'workflow_dispatch' },
      world: {
        step: (call) => (call.key === 'switch' && rollout === 'failed' ? { outcome: 'failure' } : world.step(call)),
        approval: () => world.approval(),
      },
    });
    expect(world.errors).toEqual([]);
    const actions = world.calls
      .filter((call) => call.action === 'deploy-candidate')
      .map((call) => [call.inputs.strategy, call.inputs.action ?? 'deploy']);
    expect(actions).toEqual(
      switched
        ? [
            ['blue-green', 'deploy'],
            ['blue-green', 'promote'],
          ]
        : [
            ['blue-green', 'deploy'],
            ['blue-green', 'reject'],
          ],
    );
    if (switched) {
      expect(world.cluster).toEqual({ primary: target });
      expect(world.treeOf(world.productionTip)).toBe(target);
    } else {
      expect(world.cluster).toEqual({ primary: tip });
      expect(world.productionTip).toBe(tip);
    }
    expect(run.jobs.get('rollback')!.result).toBe(switched ? 'success' : 'failure');
  });
});

describe('rollback of one environment of several', () => {
  it("touches only that environment's branch, GitHub environment and queue", async () => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved' });
    const run = await simulate(rollback, {
      inputs: { revision: 'previous', stage: 'staging' },
      secrets: SECRETS,
      github: { repository: 'acme/hello-env', sha: 'd'.repeat(40), event_name: 'workflow_dispatch' },
      world,
    });
    expect(world.errors).toEqual([]);
    expect(run.jobs.get('approve')!.environment).toBe('staging');
    expect(run.jobs.get('rollback')!.concurrency!.group).toBe('gitops-delivery-deploy-staging');
    const deploy = world.calls.find((call) => call.action === 'deploy-candidate')!;
    expect(deploy.inputs).toEqual(expect.objectContaining({ 'production-ref': 'env/staging/production', environment: 'staging' }));
    const record = world.calls.filter((call) => call.action === 'promote-production').at(-1)!;
    expect(record.inputs).toEqual(expect.objectContaining({ branch: 'env/staging/production', reason: 'rollback' }));
  });
});

describe('the app commit is told where it runs (report-to-app)', () => {
  let api: GitHubApi;
  beforeAll(async () => {
    api = await startGitHubApi();
  });
  afterAll(() => api.close());

  it.each<[string, Partial<Scenario>, Record<string, unknown>, string[]]>([
    ['promoted', {}, {}, ['pending', 'success']],
    ['rolled back', { rollout: 'failed' }, {}, ['pending', 'failure']],
    ['a canary that failed its analysis', { decision: 'fail' }, { strategy: 'canary', ...CANARY_INPUTS }, ['pending', 'failure']],
    ['cancelled during the deployment', { cancelAt: 'deploy' }, {}, ['pending', 'error']],
    ['not approved', { approval: 'rejected' }, {}, []],
  ])('%s', async (_, scenario, inputs, states) => {
    const world = new PipelineWorld({ rollout: 'ok', decision: 'pass', approval: 'approved', ...scenario });
    world.runnerEnv = { GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/hello-env', GITHUB_RUN_ID: '42' };
    const before = api.requests.length;
    await simulate(envCd, {
      inputs: { 'report-to-app': true, environment: 'staging', ...inputs },
      secrets: { ...SECRETS, ENV_APP_ID: '1', ENV_APP_PRIVATE_KEY: 'key' },
      github: { repository: 'acme/hello-env', sha: world.candidate },
      world,
    });
    expect(world.errors).toEqual([]);
    const posted = api.requests.slice(before).filter((request) => request.method === 'POST');
    expect(posted.map((request) => request.path)).toEqual(states.map(() => `/repos/acme/hello/statuses/${'a'.repeat(40)}`));
    expect(posted.map((request) => (request.body as { state: string }).state)).toEqual(states);
    for (const request of posted) {
      expect(request.body).toMatchObject({
        context: 'gitops-delivery/staging',
        target_url: 'https://github.com/acme/hello-env/actions/runs/42',
      });
      // The App token minted for the app repository alone.
      expect(request.authorization).toBe('Bearer ghs_app_token');
    }
    if (states.at(-1) === 'failure' && scenario.rollout === 'failed')
      expect((posted.at(-1)!.body as { description: string }).description).toContain('rolled back to production');
  });
});
