// A world for the job-graph simulator: the env repository's branches, the
// cluster, and the registry as state, changed by what the project's actions
// would do with the inputs a workflow gives them. Each action's inputs are read
// by the action's own input reader (from src/), with the action.yml defaults
// the runner adds, so an input a workflow forgets or misnames fails here as it
// would on GitHub.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readRunContext, type RunContext } from '../../src/action/context.js';
import { inputVariable, Inputs, type Env } from '../../src/action/inputs.js';
import { readCanaryCheckInputs, readCanaryMetrics } from '../../src/canary/canary-check-inputs.js';
import { readPromoteInputs } from '../../src/pipeline/promote-inputs.js';
import { readBuildPushInputs } from '../../src/image/build-push-inputs.js';
import { readDeployInputs } from '../../src/kube/deploy-inputs.js';
import { readVerifyInputs } from '../../src/verify/inputs.js';
import { readWatchInputs } from '../../src/watch/inputs.js';
import { readPatchManifestInputs } from '../../src/manifest/patch-manifest-inputs.js';
import type { Approval, StepCall, StepEffect, World } from './job-graph.js';
import { runWorkflowStep } from './workflow-step.js';
import { ACTIONS_CHECKOUT, root } from './workflow-check.js';

/** What the cluster runs: the primaries' revision, and a canary or a new colour beside them. */
export interface Cluster {
  primary: string;
  canary?: string;
  preview?: string;
  /** A rolling update cut short: the primaries are between `primary` and this. */
  partial?: string;
}

export interface Scenario {
  /** Whether the candidate's workloads roll out. */
  rollout: 'ok' | 'failed';
  /** canary-check's decision. */
  decision: 'pass' | 'fail';
  /** With canary-steps: canary-check fails at this step (1-based) and passes the others. */
  failAtStep?: number;
  /** verify's result, when the workflow verifies. */
  verify?: 'passed' | 'failed';
  approval: Approval;
  /** The run is cancelled while this step (by key) runs. */
  cancelAt?: string;
  /** The step (by key) of a run script that fails. */
  failAt?: string;
  /** The candidate branch moved on before this run's turn. */
  superseded?: boolean;
  /** The tests of app-ci fail. */
  testsFail?: boolean;
}

const sha = (label: string) =>
  label
    .padEnd(40, '0')
    .replace(/[^0-9a-f]/g, 'e')
    .slice(0, 40);

/** The workflow's own repository and commit, as GitHub's OIDC token names them. */
export const SELF = { repository: 'acme/gitops-delivery', sha: sha('5e1f') };

const defaults = new Map<string, Record<string, string>>();
function actionDefaults(name: string): Record<string, string> {
  if (!defaults.has(name)) {
    const action = parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8')) as {
      inputs?: Record<string, { default?: unknown }>;
    };
    const values: Record<string, string> = {};
    for (const [input, spec] of Object.entries(action.inputs ?? {})) if (spec.default !== undefined) values[input] = String(spec.default);
    defaults.set(name, values);
  }
  return defaults.get(name)!;
}

export class PipelineWorld implements World {
  readonly candidate: string;
  readonly production: string[];
  cluster: Cluster;
  /** Whether anything was applied to the cluster at all. */
  touched = false;
  pullRequests: string[] = [];
  /** The runs of watch-images: where they write, whether only to report. */
  watched: { branch: string; dryRun: boolean; mode: string; pullRequestPer: string; registry: string; username: string }[] = [];
  /** The revisions verify checked, and what the cluster ran then. */
  verified: { revision: string; cluster: Cluster }[] = [];
  pushedImages: string[] = [];
  candidateCommits: string[] = [];
  /** Stage promotions: from which success commit (and so which tree) to which candidate branch. */
  promotions: { from: string; tree: string; branch: string }[] = [];
  /** Every call of one of the project's actions, with the inputs it read. */
  readonly calls: { action: string; inputs: Record<string, string>; error?: string }[] = [];
  /** The step the canary serves (1-based), and the share of each canary deploy, in order. */
  canaryStep = 0;
  readonly canarySteps: number[] = [];
  readonly errors: string[] = [];

  /** `workspace` is the job's workspace folder (app-ci's checkout is under app/). */
  constructor(
    readonly scenario: Scenario,
    private readonly workspace = root,
  ) {
    this.production = [sha('b1'), sha('b2'), sha('b3'), sha('b4')];
    this.candidate = sha('c3');
    this.cluster = { primary: this.productionTip };
  }

  get productionTip(): string {
    return this.production.at(-1)!;
  }

  /** What a production commit deploys: a rollback commit holds the tree of the revision it went back to. */
  treeOf(commit: string): string {
    return this.rollbacks.get(commit) ?? commit;
  }
  private readonly rollbacks = new Map<string, string>();

  approval(): Approval {
    return this.scenario.approval;
  }

  step(call: StepCall): StepEffect | Promise<StepEffect> {
    if (call.key === this.scenario.failAt) return { outcome: 'failure' };
    // Ours as checked out by the workflows, or as a published reference (owner/gitops-delivery/actions/NAME@REF).
    const ours = call.uses?.match(new RegExp(`^(?:\\./${ACTIONS_CHECKOUT}|[\\w.-]+/gitops-delivery)/actions/([\\w-]+)(?:@.+)?$`))?.[1];
    if (ours) return this.action(ours, call);
    if (call.uses?.startsWith('actions/checkout@')) return { outcome: 'success' };
    if (call.uses?.startsWith('actions/create-github-app-token@')) return { outcome: 'success', outputs: { token: 'ghs_app_token' } };
    if (call.uses?.startsWith('google-github-actions/auth@')) return { outcome: 'success', outputs: { auth_token: 'ya29.token' } };
    if (call.uses) throw new Error(`the world does not know ${call.uses}`);
    return this.script(call);
  }

  /** The run steps of the reusable workflows, by id; each script is tested as written elsewhere. */
  private script(call: StepCall): StepEffect | Promise<StepEffect> {
    switch (call.key) {
      case 'locate':
        return { outcome: 'success', outputs: { repository: SELF.repository, ref: 'refs/tags/v1', sha: SELF.sha } };
      case 'env-repo': {
        const [owner, name] = (call.env.ENV_REPOSITORY || '/').split('/');
        return { outcome: 'success', outputs: { url: `https://github.com/${owner}/${name}.git`, owner, name } };
      }
      case 'tip': {
        const tip = this.scenario.superseded ? sha('c4') : this.candidate;
        return {
          outcome: 'success',
          outputs: { revision: call.env.REVISION, tip, current: String(tip === call.env.REVISION), production: this.productionTip },
        };
      }
      case 'resolve': {
        // As production-revision.sh resolves it (tested as written in test/integration/rollback.test.ts).
        const revision = call.env.REVISION.trim().toLowerCase();
        const back = revision === 'previous' ? 1 : /^-\d+$/.test(revision) ? Number(revision.slice(1)) : undefined;
        const target =
          back !== undefined
            ? this.production.at(-1 - back)
            : this.production.find((commit) => /^[0-9a-f]{7,40}$/.test(revision) && commit.startsWith(revision));
        if (!target) return { outcome: 'failure' };
        return { outcome: 'success', outputs: { sha: target, short: target.slice(0, 7), tip: this.productionTip } };
      }
      case 'stage':
        return this.realScript('stage.sh', call);
      case 'hold':
        return this.realScript('canary-hold.sh', call);
      case 'app-commit':
        return { outcome: 'success', outputs: { repository: 'acme/hello', sha: 'a'.repeat(40), name: 'hello' } };
      case 'registry-auth':
        return { outcome: 'success', outputs: { file: call.env.REGISTRY_USERNAME ? '/tmp/auth.json' : '' } };
      case 'delivered':
        return {
          outcome: 'success',
          outputs: { image: `${call.env.IMAGE}:abc1234@${call.env.DIGEST}`, images: `${call.env.IMAGE}:abc1234@${call.env.DIGEST}` },
        };
      default:
        if (call.run?.includes('app-status.sh')) return this.realScript('app-status.sh', call);
        if (call.run?.includes('TEST_COMMAND')) return { outcome: this.scenario.testsFail ? 'failure' : 'success' };
        if (call.run?.includes('CANARY_STEPS')) return this.inlineScript(call);
        return { outcome: 'success' };
    }
  }

  /** An inline run step that only computes from its environment runs for real; what it says on failure is an error. */
  private async inlineScript(call: StepCall): Promise<StepEffect> {
    const run = await runWorkflowStep({ run: call.run!, env: [], shell: 'bash' }, { ...this.runnerEnv, ...call.env });
    if (run.code !== 0) this.errors.push(`${call.key}: ${run.stdout}${run.stderr}`.trim());
    return { outcome: run.code === 0 ? 'success' : 'failure', outputs: run.outputs };
  }

  /** A script that needs nothing the world models (pure computation, or a local server of the test's) runs for real, as a run step. */
  private async realScript(name: string, call: StepCall): Promise<StepEffect> {
    const script = readFileSync(join(root, '.github', 'scripts', name), 'utf8');
    const run = await runWorkflowStep({ run: script, env: [], shell: 'bash' }, { ...this.runnerEnv, ...call.env });
    const text = `${run.stdout}${run.stderr}`;
    if (run.code !== 0 || /::warning::/.test(text)) this.errors.push(`${name}: ${text}`.trim());
    return { outcome: run.code === 0 ? 'success' : 'failure', outputs: run.outputs };
  }

  /** What the runner sets for every step (GITHUB_API_URL, GITHUB_RUN_ID, ...), for scripts that run for real. */
  runnerEnv: Record<string, string> = {};

  private env(action: string, call: StepCall): Env {
    const env: Record<string, string> = {
      GITHUB_REPOSITORY: 'acme/hello-env',
      GITHUB_SHA: this.candidate,
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_SERVER_URL: 'https://github.com',
      ...call.env,
    };
    for (const [name, value] of Object.entries({ ...actionDefaults(action), ...call.with })) env[inputVariable(name)] = value;
    return env;
  }

  private async action(action: string, call: StepCall): Promise<StepEffect> {
    const env = this.env(action, call);
    const inputs = new Inputs(env);
    const context = readRunContext(env);
    const record: { action: string; inputs: Record<string, string>; error?: string } = { action, inputs: { ...call.with } };
    this.calls.push(record);
    try {
      return await this.perform(action, inputs, context, env, call);
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      this.errors.push(`${action}: ${record.error}`);
      return { outcome: 'failure' };
    }
  }

  private cancelled(call: StepCall): boolean {
    return call.key === this.scenario.cancelAt;
  }

  private resolve(ref: string): string {
    return /^[0-9a-f]{40}$/.test(ref)
      ? ref
      : ref === 'production'
        ? this.treeOf(this.productionTip)
        : ref === 'candidate'
          ? this.candidate
          : ref;
  }

  private async perform(action: string, inputs: Inputs, context: RunContext, env: Env, call: StepCall): Promise<StepEffect> {
    const validateOnly = inputs.boolean('validate-only', false);
    switch (action) {
      case 'build-push': {
        readBuildPushInputs(inputs, context);
        this.pushedImages.push(inputs.string('image'));
        return {
          outcome: 'success',
          outputs: { digest: `sha256:${'d'.repeat(64)}`, 'image-ref': `${inputs.string('image')}@sha256:${'d'.repeat(64)}` },
        };
      }
      case 'patch-manifest': {
        const patch = readPatchManifestInputs(inputs, context, { imagesGiven: Boolean(inputs.string('images')) });
        if (patch.promoteFrom) {
          // The next environment's candidate gets what this environment's success commit runs.
          this.promotions.push({ from: patch.promoteFrom, tree: this.treeOf(patch.promoteFrom), branch: patch.branch });
          return { outcome: 'success', outputs: { commit: sha('e1'), changed: 'true' } };
        }
        this.candidateCommits.push(inputs.string('images'));
        return { outcome: 'success', outputs: { commit: this.candidate, changed: 'true' } };
      }
      case 'canary-check': {
        await readCanaryMetrics(readCanaryCheckInputs(inputs));
        if (validateOnly) return { outcome: 'success' };
        if (this.cancelled(call)) return { outcome: 'cancelled' };
        const decision = this.canaryStep === this.scenario.failAtStep ? 'fail' : this.scenario.decision;
        return { outcome: decision === 'pass' ? 'success' : 'failure', outputs: { decision } };
      }
      case 'promote-production': {
        const promote = readPromoteInputs(inputs, context);
        if (validateOnly) return { outcome: 'success' };
        const source = this.resolve(promote.source);
        if (promote.mode === 'pull-request') {
          this.pullRequests.push(source);
          return {
            outcome: 'success',
            outputs: { commit: sha('f0'), changed: 'true', 'pull-request': 'https://github.com/acme/hello-env/pull/1' },
          };
        }
        const changed = this.productionTip !== source;
        if (changed && promote.reason === 'rollback') {
          const commit = `${source.slice(0, 38)}ee`;
          this.rollbacks.set(commit, source);
          this.production.push(commit);
        } else if (changed) this.production.push(source);
        return { outcome: 'success', outputs: { commit: this.productionTip, changed: String(changed) } };
      }
      case 'deploy-candidate':
        return this.deploy(readDeployInputs(inputs, context, env), call);
      case 'watch-images': {
        const watch = readWatchInputs(inputs, context);
        this.watched.push({
          branch: watch.branch,
          dryRun: watch.dryRun,
          mode: watch.mode,
          pullRequestPer: watch.pullRequestPer,
          registry: watch.credentials?.host ?? '',
          username: watch.credentials?.username ?? '',
        });
        return {
          outcome: 'success',
          outputs: { changed: String(!watch.dryRun), commit: watch.dryRun ? '' : sha('f1'), updates: '[]', 'pull-request': '' },
        };
      }
      case 'verify': {
        await readVerifyInputs(inputs, context);
        if (validateOnly) return { outcome: 'success' };
        if (this.cancelled(call)) return { outcome: 'cancelled' };
        this.verified.push({ revision: inputs.string('revision'), cluster: { ...this.cluster } });
        const result = this.scenario.verify ?? 'passed';
        return { outcome: result === 'passed' ? 'success' : 'failure', outputs: { result } };
      }
      default:
        throw new Error(`the world does not know action ${action}`);
    }
  }

  private deploy(inputs: ReturnType<typeof readDeployInputs>, call: StepCall): StepEffect {
    const ref = this.resolve(inputs.ref);
    const ok = this.scenario.rollout === 'ok' || ref !== this.candidate;
    this.touched = true;
    const cluster = this.cluster;
    const done = (outcome: 'success' | 'failure', result: string) => ({ outcome, outputs: { result, revision: ref } });
    if (inputs.action === 'reject') {
      delete cluster.canary;
      delete cluster.preview;
      this.canaryStep = 0;
      return done('success', 'succeeded');
    }
    if (inputs.action === 'promote') {
      const next = inputs.strategy === 'canary' ? cluster.canary : cluster.preview;
      if (next !== ref) throw new Error(`nothing of ${ref.slice(0, 7)} to promote (canary ${cluster.canary}, preview ${cluster.preview})`);
      this.cluster = { primary: ref };
      this.canaryStep = 0;
      return done('success', 'succeeded');
    }
    if (inputs.strategy === 'rolling') {
      if (this.cancelled(call)) {
        cluster.partial = ref;
        return { outcome: 'cancelled' };
      }
      if (ok) {
        this.cluster = { ...cluster, primary: ref, partial: undefined };
        return done('success', 'succeeded');
      }
      if (inputs.rollbackOnFailure) {
        this.cluster = { ...cluster, primary: this.treeOf(this.productionTip), partial: undefined };
        return done('failure', 'rolled-back');
      }
      cluster.partial = ref;
      return done('failure', 'failed');
    }
    if (inputs.strategy === 'canary') {
      // The cluster refuses a step out of order, as deploy-candidate does from the primary's record.
      const reached = cluster.canary === ref ? this.canaryStep : 0;
      // canary-step 'next': the step after the one served, the last again once all were.
      const asked = inputs.canaryNextStep ? Math.min(reached + 1, inputs.canarySteps!.length) : (inputs.canaryStep ?? 1);
      if (asked > reached + 1) throw new Error(`canary step ${asked} after step ${reached}`);
      cluster.canary = ref;
      this.canaryStep = Math.max(reached, asked);
      const share = inputs.canarySteps ? inputs.canarySteps[this.canaryStep - 1] : inputs.canaryPercentage!;
      this.canarySteps.push(share);
      if (this.cancelled(call)) return { outcome: 'cancelled' };
      const outputs = { 'canary-step': String(this.canaryStep), 'served-share': String(share) };
      return ok ? { outcome: 'success', outputs: { ...done('success', 'succeeded').outputs, ...outputs } } : done('failure', 'failed');
    } else cluster.preview = ref;
    if (this.cancelled(call)) return { outcome: 'cancelled' };
    return ok ? done('success', 'succeeded') : done('failure', 'failed');
  }
}
