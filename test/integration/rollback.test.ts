// The rollback procedure of .github/workflows/rollback.yml, step by step as
// the workflow runs it: its own resolve script (read from the workflow file),
// then the deploy-candidate and promote-production bundles, against a real
// env repository and the simulated cluster.
import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { git, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { RUN_CONTEXT, runAction } from '../support/run-action.js';
import { runWorkflowStep, workflowStep, type WorkflowStep } from '../support/workflow-step.js';

const manifests = (version: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels: {app: hello}
  template:
    metadata:
      labels: {app: hello}
    spec:
      containers:
        - name: hello
          image: registry.example.com/acme/hello:${version}
          ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector: {app: hello}
  ports: [{port: 80, targetPort: 8080}]
`;

let sim: KubeSim;
let resolveStep: WorkflowStep;
let bare: string;
/** The three production commits, oldest first, and a candidate that never reached production. */
let production: string[];
let neverPromoted: string;
const namespace = 'hello';

const resolve = (revision: string) =>
  runWorkflowStep(resolveStep, { ENV_URL: bare, ENV_REPOSITORY: bare, PRODUCTION_BRANCH: 'production', REVISION: revision, TOKEN: '' });

const deploy = (ref: string) =>
  runAction('deploy-candidate', {
    inputs: { 'env-repository': bare, ref, kubeconfig: sim.kubeconfigPath, namespace, timeout: '30s' },
    timeoutMs: 45_000,
  });

const promote = (source: string, reason = 'deploy') =>
  runAction('promote-production', { inputs: { 'env-repository': bare, source, reason } });

const running = () => sim.get('Deployment', namespace, 'hello').spec.template.spec.containers[0].image as string;
const tree = (rev: string) => git(bare, ['rev-parse', `${rev}^{tree}`]);

beforeAll(async () => {
  // No registry is named, so the simulated kubelet takes every image to exist.
  sim = await startKubeSim();
  sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  resolveStep = await workflowStep('.github/workflows/rollback.yml', 'resolve', 'resolve');

  bare = await makeBareRepo(await tempDir('rollback'), 'hello-env', [
    { branch: 'candidate', files: { 'kubernetes.yaml': manifests('v1') }, message: 'Deploy hello v1' },
    { branch: 'candidate', files: { 'kubernetes.yaml': manifests('v2') }, message: 'Deploy hello v2' },
    { branch: 'candidate', files: { 'kubernetes.yaml': manifests('v3') }, message: 'Deploy hello v3' },
    { branch: 'candidate', files: { 'kubernetes.yaml': manifests('v4-broken') }, message: 'Deploy hello v4' },
  ]);
  const candidates = (await git(bare, ['rev-list', '--reverse', 'candidate'])).split('\n');
  neverPromoted = candidates[3];
  // Three successful deployments, each recorded on production as env-cd records them.
  production = [];
  for (const candidate of candidates.slice(0, 3)) {
    const deployed = await deploy(candidate);
    expect(deployed.outputs.result).toBe('succeeded');
    const promoted = await promote(candidate);
    expect(promoted.code).toBe(0);
    production.push(promoted.outputs.commit);
  }
  expect(running()).toBe('registry.example.com/acme/hello:v3');
}, 120_000);
afterAll(async () => {
  await sim?.close();
});

describe('rollback.yml resolve step', () => {
  it("resolves 'previous', '-N' and a SHA on production", async () => {
    const [p1, p2, p3] = production;
    const previous = await resolve('previous');
    expect(previous.code).toBe(0);
    expect(previous.outputs).toEqual({ sha: p2, short: p2.slice(0, 7), tip: p3 });
    expect(previous.summary).toContain('Promote');
    expect((await resolve('-2')).outputs.sha).toBe(p1);
    expect((await resolve(' -1\n')).outputs.sha).toBe(p2);
    expect((await resolve(p1)).outputs.sha).toBe(p1);
    expect((await resolve(p1.slice(0, 9).toUpperCase())).outputs.sha).toBe(p1);
    const tip = await resolve(p3);
    expect(tip.outputs.sha).toBe(p3);
    expect(tip.stdout).toContain('::notice::rollback: ');
  });

  describe('refuses, naming the input and what it expects, before anything is deployed', () => {
    const cases: [string, () => string, RegExp][] = [
      [
        'a commit that never reached production',
        () => neverPromoted,
        /is not a commit on 'production' of .*; only a revision that ran in production/,
      ],
      ['a SHA unknown to the repository', () => 'f'.repeat(40), /is not a commit on 'production'/],
      ['going back further than the history', () => '-3', /'-3' goes back 3 revisions, but 'production' has only 3 \(the oldest is -2\)/],
      ['-0', () => '-0', /'-0' is not supported; expected 'previous', '-N'/],
      [
        'a word',
        () => 'yesterday',
        /'yesterday' is not supported; expected 'previous', '-N' \(N revisions before the current one\) or a commit SHA/,
      ],
      ['a branch name', () => 'candidate', /'candidate' is not supported/],
      ['an empty revision', () => '', /'' is not supported/],
    ];
    it.each(cases)('%s', async (_name, revision, message) => {
      const run = await resolve(revision());
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::rollback: input 'revision': /m);
      expect(run.stdout).toMatch(message);
      expect(run.outputs).toEqual({});
    });

    it('a production branch that does not exist', async () => {
      const run = await runWorkflowStep(resolveStep, {
        ENV_URL: bare,
        ENV_REPOSITORY: bare,
        PRODUCTION_BRANCH: 'prod',
        REVISION: 'previous',
        TOKEN: '',
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::rollback: cannot fetch branch 'prod' of .*; nothing was deployed/);
    });
  });
});

describe('rollback procedure (resolve, deploy-candidate, promote-production reason rollback)', () => {
  it('deploys exactly the revision and records it on production, so the branch tells the truth', async () => {
    const [p1, , p3] = production;
    const before = (await git(bare, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/candidate'])).trim();

    // Roll back two revisions, to v1.
    const target = await resolve('-2');
    expect(target.outputs.sha).toBe(p1);
    const deployed = await deploy(target.outputs.sha);
    expect(deployed.code).toBe(0);
    expect(deployed.outputs).toMatchObject({ result: 'succeeded', revision: p1 });
    expect(running()).toBe('registry.example.com/acme/hello:v1');
    const recorded = await promote(target.outputs.sha, 'rollback');
    expect(recorded.code).toBe(0);
    expect(recorded.outputs.changed).toBe('true');
    const rollback = (await tipOf(bare, 'production'))!;
    expect(recorded.outputs.commit).toBe(rollback);
    expect(await git(bare, ['rev-parse', 'production~1'])).toBe(p3);
    expect(await tree(rollback)).toBe(await tree(p1));
    const message = await git(bare, ['log', '-1', '--format=%B', 'production']);
    expect(message).toMatch(new RegExp(`^Rollback to ${p1.slice(0, 7)}: Promote `));
    const trailers = await git(bare, ['log', '-1', '--format=%(trailers:only,unfold)', 'production']);
    expect(trailers.split('\n')).toEqual(
      expect.arrayContaining([
        `Promoted-From: ${p1}`,
        `Replaces: ${p3}`,
        `Workflow-Run: ${RUN_CONTEXT.GITHUB_SERVER_URL}/${RUN_CONTEXT.GITHUB_REPOSITORY}/actions/runs/${RUN_CONTEXT.GITHUB_RUN_ID}`,
      ]),
    );

    // 'previous' is now the revision the rollback replaced: rolling back the rollback.
    const forward = await resolve('previous');
    expect(forward.outputs).toMatchObject({ sha: p3, tip: rollback });
    expect((await deploy(forward.outputs.sha)).outputs.result).toBe('succeeded');
    expect(running()).toBe('registry.example.com/acme/hello:v3');
    const again = await promote(forward.outputs.sha, 'rollback');
    expect(again.outputs.changed).toBe('true');
    expect(await tree('production')).toBe(await tree(p3));
    expect(await git(bare, ['log', '-1', '--format=%(trailers:key=Replaces,valueonly)', 'production'])).toBe(rollback);

    // Recording the same rollback twice makes no second commit.
    const rerun = await promote(forward.outputs.sha, 'rollback');
    expect(rerun.outputs).toMatchObject({ changed: 'false', commit: again.outputs.commit });

    expect((await git(bare, ['log', '--format=%s', 'production'])).split('\n')).toEqual([
      `Rollback to ${p3.slice(0, 7)}: Promote ${(await git(bare, ['rev-parse', 'candidate~1'])).slice(0, 7)}: Deploy hello v3`,
      `Rollback to ${p1.slice(0, 7)}: Promote ${(await git(bare, ['rev-parse', 'candidate~3'])).slice(0, 7)}: Deploy hello v1`,
      expect.stringMatching(/^Promote [0-9a-f]{7}: Deploy hello v3$/),
      expect.stringMatching(/^Promote [0-9a-f]{7}: Deploy hello v2$/),
      expect.stringMatching(/^Promote [0-9a-f]{7}: Deploy hello v1$/),
    ]);
    // The candidate branch is not touched by a rollback.
    expect((await git(bare, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads/candidate'])).trim()).toBe(before);
  });
});

// rollback-on-failure for every workload kind, each failing in the three ways
// a new pod can fail to start: an image the registry does not have, a crash
// loop, a pod that never becomes ready.
describe('deploy-candidate rolls every workload kind back to production, for real', () => {
  const allModes = ['missing', 'crash', 'never-ready'] as const;
  let cluster: KubeSim;
  beforeAll(async () => {
    cluster = await startKubeSim({
      nodes: 3,
      rules: [
        { image: '*:v2-missing', behavior: 'missing' },
        { image: '*:v2-crash', behavior: 'crashloop', logs: ['panic: no config'] },
        { image: '*:v2-never-ready', behavior: 'never-ready' },
      ],
    });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const template = (name: string, image: string) => `  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
  const kinds = {
    StatefulSet: (image: string) =>
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 3\n${template('db', image)}`,
    DaemonSet: (image: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n${template('agent', image)}`,
    Deployment: (image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n${template('web', image)}`,
    // A Job's template cannot change, so each revision names its own: migrate-v1, migrate-v2-crash...
    Job: (image: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate-${image.split(':')[1]}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: '${image}'}]\n`,
  };
  const names = { StatefulSet: 'db', DaemonSet: 'agent', Deployment: 'web', Job: 'migrate' };
  const good = (name: string) => `registry.example.com/acme/${name}:v1`;
  const isReady = (pod: { status?: { conditions?: { type: string; status: string }[] } }) =>
    pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

  it.each(Object.keys(kinds) as (keyof typeof kinds)[])(
    '%s: a new pod that cannot pull, crashes or never gets ready is rolled back, and production runs again',
    async (kind) => {
      const name = names[kind];
      const manifest = kinds[kind];
      // A Job's pod only has to finish, not to be ready.
      const modes = kind === 'Job' ? allModes.filter((mode) => mode !== 'never-ready') : allModes;
      const env = await makeBareRepo(await tempDir('rollback-kinds'), `${name}-env`, [
        { branch: 'production', files: { 'app.yaml': manifest(good(name)) }, message: `Deploy ${name} v1` },
        ...modes.map((mode) => ({
          branch: `candidate-${mode}`,
          files: { 'app.yaml': manifest(`registry.example.com/acme/${name}:v2-${mode}`) },
          message: `Deploy ${name} v2 (${mode})`,
        })),
      ]);
      const namespaces = modes.map((mode) => `${name}-${mode}`);
      for (const ns of namespaces) cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      const run = (ref: string, ns: string) =>
        runAction('deploy-candidate', {
          inputs: { 'env-repository': env, ref, manifests: 'app.yaml', kubeconfig: cluster.kubeconfigPath, namespace: ns, timeout: '12s' },
          timeoutMs: 60_000,
        });

      const first = await Promise.all(namespaces.map((ns) => run('production', ns)));
      for (const deployed of first) expect(deployed.outputs.result).toBe('succeeded');
      const runs = await Promise.all(modes.map((mode, i) => run(`candidate-${mode}`, namespaces[i])));

      runs.forEach((failed, i) => {
        const [mode, ns] = [modes[i], namespaces[i]];
        // A failure says which run it was and what that run said, so a failure on a busy CI machine can be read.
        try {
          expect(failed.code).toBe(1);
          expect(failed.outputs.result).toBe('rolled-back');
          expect(failed.summary).toContain('production was restored');

          if (kind === 'Job') {
            // Production's Job is what it was, complete; the candidate's failed one is left for inspection (prune removes it).
            expect(cluster.get('Job', ns, 'migrate-v1').status.succeeded).toBe(1);
            expect(cluster.get('Job', ns, `migrate-v2-${mode}`)).toBeDefined();
            expect(failed.summary).not.toContain('Stuck pods deleted');
            return;
          }
          // Production runs again: every pod of the workload on production's image, ready, none left of the failed revision.
          const pods = cluster.list('Pod', ns) as {
            metadata: { name: string; labels: Record<string, string> };
            spec: { containers: { image: string }[] };
            status?: { conditions?: { type: string; status: string }[] };
          }[];
          expect(pods.length).toBe(3);
          for (const pod of pods) {
            expect(pod.spec.containers[0].image).toBe(good(name));
            expect(isReady(pod)).toBe(true);
          }
          const live = cluster.get(kind, ns, name);
          expect(live.spec.template.spec.containers[0].image).toBe(good(name));

          if (kind === 'StatefulSet') {
            // The controller would not replace the pod that never became ready: the rollback deleted it, and said so.
            expect(live.status.readyReplicas).toBe(3);
            expect(live.status.updateRevision).toBe(live.status.currentRevision);
            for (const pod of pods) expect(pod.metadata.labels['controller-revision-hash']).toBe(live.status.currentRevision);
            const why = {
              missing: /(ErrImagePull|ImagePullBackOff) \(container db\)/,
              // Between two crashes the container runs for a moment: then its restarts tell.
              crash: /(CrashLoopBackOff|Error) \(container db(, restarted \d+ times)?\)/,
              'never-ready': /running but never ready/,
            }[mode];
            expect(failed.summary).toContain('**Stuck pods deleted (forced rollback)**');
            expect(failed.summary).toMatch(
              new RegExp(`\\n- pod/db-2 in ${ns} of statefulset\\.apps/db, revision \`db-[0-9a-z]+\`: ${why.source}\\n`),
            );
            // Only the pod the failed rollout touched: OrderedReady updates the highest ordinal first and stops there.
            expect(failed.summary.match(/^- pod\//gm)).toHaveLength(1);
            expect(failed.stdout).toMatch(/statefulset\.apps\/db in [\w-]+: deleted pod db-2 of the failed revision db-\w+ /);
            expect(errors(failed.stdout).at(-1)).toMatch(
              /rolled back to production [0-9a-f]{12} \(after deleting the stuck pod db-2 of the failed revision\)$/,
            );
          } else {
            // The controller replaces these itself once the template is reverted: nothing for the rollback to delete.
            expect(failed.summary).not.toContain('Stuck pods deleted');
            expect(failed.stdout).not.toContain('deleted pod');
          }
        } catch (error) {
          (error as Error).message =
            `${kind} ${mode}: ${(error as Error).message}\n--- summary\n${failed.summary}\n--- log (end)\n${failed.stdout.slice(-4000)}`;
          throw error;
        }
      });
    },
    120_000,
  );
});

const errors = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::error::'));
