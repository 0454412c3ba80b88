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
