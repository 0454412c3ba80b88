import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { startGitHubApi } from '../support/github-api.js';
import { pushEmptyImage, startRegistry, type StartedRegistry } from '../support/registry.js';
import { tempDirWith } from '../support/temp.js';
import { RUN_CONTEXT, runAction } from '../support/run-action.js';

interface Workload {
  kind: string;
  name: string;
  namespace: string;
  status: string;
  'duration-ms': number;
  reason: string;
}

let sim: KubeSim;
let registry: StartedRegistry;

const pushImage = async (repository: string, tag: string): Promise<string> => (await pushEmptyImage(registry, repository, tag)).reference;

const deployment = (
  name: string,
  image: string,
  { namespace, replicas = 2 }: { namespace?: string; replicas?: number } = {},
) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
const service = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80}]\n`;
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {greeting: hello}\n`;
const job = (name: string, image: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: ${name}, image: '${image}'}]
`;

const workspaceWith = (files: Record<string, string>) => tempDirWith('deploy-workspace', files);

let namespaces = 0;
/** Each test in a namespace of its own, so that none sees another's objects. */
function freshNamespace(): string {
  const name = `t${++namespaces}`;
  sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const deploy = (inputs: Record<string, string>, options: { workspace?: string; env?: Record<string, string> } = {}) =>
  runAction('deploy-candidate', {
    inputs: { kubeconfig: sim.kubeconfigPath, ...inputs },
    workspace: options.workspace,
    env: options.env,
    timeoutMs: 45_000,
  });

const workloadsOf = (outputs: Record<string, string>) => JSON.parse(outputs.workloads) as Workload[];
const imageOf = (namespace: string, name: string): string => sim.get('Deployment', namespace, name).spec.template.spec.containers[0].image;
const errors = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::error::'));

beforeAll(async () => {
  registry = await startRegistry();
  sim = await startKubeSim({
    registries: [registry.host],
    rules: [
      { image: '*:slower', behavior: 'slow', readyAfterMs: 3000 },
      { image: '*crash*', behavior: 'crashloop', logs: ['starting hello', 'panic: DATABASE_URL is not set'] },
      { image: '*never-ready*', behavior: 'never-ready' },
      { image: '*unschedulable*', behavior: 'unschedulable' },
      { image: '*slow*', behavior: 'slow', readyAfterMs: 1500 },
    ],
  });
});
afterAll(async () => {
  await sim?.close();
  await registry?.close();
});

describe('deploy-candidate (bundle against kube-sim)', () => {
  it('applies, waits for every workload and records a GitHub deployment', async () => {
    const ns = freshNamespace();
    const image = await pushImage('hello', 'v1');
    const workspace = await workspaceWith({
      'k8s/web.yaml': `${deployment('web', image, { replicas: 3 })}---\n${service('web')}`,
      'k8s/worker/worker.yaml': deployment('worker', image, { replicas: 1 }),
      'k8s/README.md': 'not a manifest',
    });
    const api = await startGitHubApi();
    try {
      // The kubeconfig given as content, as a secret would hold it.
      const kubeconfig = sim.kubeconfigPath;
      const content = (await import('node:fs/promises')).readFile(kubeconfig, 'utf8');
      const run = await deploy(
        { manifests: 'k8s', namespace: ns, kubeconfig: await content, token: 'ghs_deploymenttoken', environment: 'staging' },
        { workspace, env: { GITHUB_API_URL: api.url } },
      );
      expect(run.code).toBe(0);
      expect(run.outputs.result).toBe('succeeded');
      expect(run.outputs.revision).toBe(RUN_CONTEXT.GITHUB_SHA);
      const workloads = workloadsOf(run.outputs);
      expect(workloads.map((w) => [w.kind, w.name, w.namespace, w.status])).toEqual([
        ['Deployment', 'web', ns, 'succeeded'],
        ['Deployment', 'worker', ns, 'succeeded'],
      ]);
      for (const w of workloads) expect(w['duration-ms']).toBeGreaterThan(0);
      expect(Number(run.outputs['duration-ms'])).toBeGreaterThanOrEqual(Math.max(...workloads.map((w) => w['duration-ms'])));
      expect(run.masks).toContain(sim.token);

      const web = sim.get('Deployment', ns, 'web');
      expect(web.status.availableReplicas).toBe(3);
      expect(web.metadata.managedFields.map((f: { manager: string }) => f.manager)).toContain('gitops-delivery');
      expect(sim.get('Service', ns, 'web')).toBeDefined();
      expect(run.summary).toContain('### deploy-candidate');
      expect(run.summary).toMatch(/\| deployment\.apps\/web \| t\d+ \| ✅ succeeded \| [\d.]+ (ms|s) \|/);
      // Two workloads: the rollout drawn as a timeline.
      expect(run.summary).toMatch(/```mermaid\ngantt\n[\s\S]*deployment\.apps\/web :done, w\d, 0, \d+/);

      const writes = api.requests.filter((r) => r.method === 'POST');
      expect(writes.map((r) => r.path)).toEqual([
        '/repos/acme/hello-app/deployments',
        '/repos/acme/hello-app/deployments/1/statuses',
        '/repos/acme/hello-app/deployments/1/statuses',
      ]);
      expect(writes[0].body).toMatchObject({
        ref: RUN_CONTEXT.GITHUB_SHA,
        environment: 'staging',
        required_contexts: [],
        auto_merge: false,
      });
      expect(writes.slice(1).map((r) => (r.body as { state: string }).state)).toEqual(['in_progress', 'success']);
      expect(writes[0].authorization).toBe('token ghs_deploymenttoken');
    } finally {
      await api.close();
    }
  });

  it('records the GitHub deployment on the revision it deploys, not on the commit the run started from', async () => {
    const ns = freshNamespace();
    const image = await pushImage('hello', 'v1');
    const env = await makeBareRepo(await tempDir('deploy-env'), 'hello-env', [
      { branch: 'production', files: { 'apps/hello.yaml': deployment('hello', image) }, message: 'Deploy hello v1' },
    ]);
    const revision = (await tipOf(env, 'production'))!;
    expect(revision).not.toBe(RUN_CONTEXT.GITHUB_SHA);
    const api = await startGitHubApi();
    try {
      const run = await deploy(
        { 'env-repository': env, ref: revision, manifests: 'apps', namespace: ns, token: 'ghs_deploymenttoken' },
        { env: { GITHUB_API_URL: api.url } },
      );
      expect(run.code).toBe(0);
      const created = api.requests.find((r) => r.method === 'POST' && r.path.endsWith('/deployments'));
      expect(created?.body).toMatchObject({ ref: revision });
    } finally {
      await api.close();
    }
  });

  it('on a runner without kubectl, says so and how to get it', async () => {
    const workspace = await workspaceWith({ 'k8s/web.yaml': deployment('web', 'registry.example.com/web:v1') });
    // A PATH with git but no kubectl.
    const bin = await tempDir('no-kubectl');
    await (await import('node:fs/promises')).symlink('/usr/bin/git', `${bin}/git`);
    const run = await deploy({ manifests: 'k8s', namespace: 'default' }, { workspace, env: { PATH: bin } });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      expect.stringMatching(/^::error::deploy-candidate: kubectl is not installed on this runner \(not found on PATH\)/),
    ]);
    expect(run.stdout + run.stderr).not.toContain('ENOENT');
  });

  it('names the image a pod cannot pull, and rolls back to production', async () => {
    const ns = freshNamespace();
    const good = await pushImage('shop', 'v1');
    const missing = `${registry.host}/shop:v2-never-pushed`;
    const env = await makeBareRepo(await tempDir('deploy-env'), 'shop-env', [
      { branch: 'production', files: { 'apps/shop.yaml': deployment('shop', good) }, message: 'Deploy shop v1' },
      {
        branch: 'candidate',
        files: { 'apps/shop.yaml': deployment('shop', missing), 'apps/v2-settings.yaml': configMap('v2-settings') },
        message: 'Deploy shop v2',
      },
    ]);
    const production = await tipOf(env, 'production');
    const first = await deploy({ 'env-repository': env, ref: 'production', manifests: 'apps', namespace: ns });
    expect(first.outputs).toMatchObject({ result: 'succeeded', revision: production });

    const run = await deploy({ 'env-repository': env, ref: 'candidate', manifests: 'apps', namespace: ns, timeout: '20s', prune: 'true' });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('rolled-back');
    expect(run.outputs.revision).toBe(await tipOf(env, 'candidate'));
    // The registry said the image does not exist, so the wait ended there, not at the timeout.
    const [shopResult] = workloadsOf(run.outputs);
    expect(shopResult).toMatchObject({
      kind: 'Deployment',
      name: 'shop',
      namespace: ns,
      status: 'failed',
      reason: expect.stringMatching(
        new RegExp(`^pod shop-\\S+ container shop: ErrImagePull: image ${missing.replace(/[.:]/g, '\\$&')} cannot be pulled: .*not found`),
      ),
    });
    expect(shopResult['duration-ms']).toBeLessThan(20_000);
    const pull = errors(run.stdout).find((line) => /ImagePullBackOff|ErrImagePull/.test(line));
    expect(pull).toContain(`image ${missing}`);
    expect(pull).toMatch(/manifest unknown|not found/);
    expect(run.stdout).toMatch(
      new RegExp(
        `::error::deploy-candidate: 1 of 1 workloads did not roll out \\(deployment\\.apps/shop in ${ns} failed: (ImagePullBackOff|ErrImagePull): .*; rolled back to production ${production!.slice(0, 12)}`,
      ),
    );
    expect(run.summary).toContain('Rollback to');
    expect(run.summary).toMatch(/\*\*(ImagePullBackOff|ErrImagePull)\*\*/);
    // Each fact once: the registry's answer is said in the diagnosis, not again in the headline, the table and the events.
    expect(run.summary.split('manifest unknown').length - 1).toBe(1);
    expect(run.summary).toMatch(
      new RegExp(
        `> 1 of 1 workloads did not roll out: deployment\\.apps/shop in ${ns} \\((ImagePullBackOff|ErrImagePull)[^)]*\\); rolled back to production`,
      ),
    );

    // Production's image is back and rolled out; with prune on, what only the candidate declared is gone.
    expect(imageOf(ns, 'shop')).toBe(good);
    expect(run.stdout).toContain(`pruned configmap/v2-settings in ${ns}`);
    expect(sim.get('ConfigMap', ns, 'v2-settings')).toBeUndefined();
    const shop = sim.get('Deployment', ns, 'shop');
    expect(shop.status.updatedReplicas).toBe(2);
    expect(shop.status.availableReplicas).toBe(2);
  });

  it('with fail-fast off waits for the timeout; pods of an older revision that cannot pull do not fail the next one', async () => {
    const ns = freshNamespace();
    const missing = `${registry.host}/shop:v3-never-pushed`;
    const broken = await workspaceWith({ 'app.yaml': deployment('shop', missing, { replicas: 1 }) });
    const waited = await deploy(
      { manifests: 'app.yaml', namespace: ns, timeout: '2s', 'fail-fast': 'false', 'rollback-on-failure': 'false' },
      { workspace: broken },
    );
    expect(waited.code).toBe(1);
    const [stuck] = workloadsOf(waited.outputs);
    expect(stuck).toMatchObject({ status: 'timed-out', reason: expect.stringMatching(/^not rolled out within 2\.0 s/) });
    expect(stuck['duration-ms']).toBeGreaterThanOrEqual(2000);
    expect(errors(waited.stdout).join('\n')).toMatch(
      new RegExp(`(ImagePullBackOff|ErrImagePull): .*image ${missing.replace(/[.:]/g, '\\$&')}`),
    );

    // The broken pod is still there while the fixed revision rolls out; it is not this revision's.
    const good = await pushImage('shop', 'v3');
    const fixed = await deploy(
      { manifests: 'app.yaml', namespace: ns, timeout: '20s' },
      { workspace: await workspaceWith({ 'app.yaml': deployment('shop', good, { replicas: 1 }) }) },
    );
    expect(fixed.code).toBe(0);
    expect(workloadsOf(fixed.outputs)).toMatchObject([{ name: 'shop', status: 'succeeded' }]);
    expect(imageOf(ns, 'shop')).toBe(good);
  });

  it('shows a crash-looping container with its last log lines, and leaves it when rollback is off', async () => {
    const ns = freshNamespace();
    const crashing = deployment('api', 'registry.example.com/api:crash').replace(
      '  replicas: 2\n',
      '  replicas: 2\n  progressDeadlineSeconds: 2\n',
    );
    const workspace = await workspaceWith({ 'app.yaml': crashing });
    const run = await deploy({ manifests: 'app.yaml', namespace: ns, timeout: '20s', 'rollback-on-failure': 'false' }, { workspace });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    // The progress deadline ends the wait, long before the timeout.
    const [api] = workloadsOf(run.outputs);
    expect(api).toMatchObject({ status: 'failed', reason: expect.stringContaining('deployment "api" exceeded its progress deadline') });
    expect(api['duration-ms']).toBeLessThan(10_000);
    expect(errors(run.stdout).join('\n')).toMatch(
      /::error::deployment\.apps\/api in t\d+: ProgressDeadlineExceeded: deployment\.apps\/api in t\d+: ReplicaSet "api-\S+" has timed out progressing/,
    );
    const crash = errors(run.stdout).find((line) => line.includes('CrashLoopBackOff'));
    expect(crash).toMatch(/restarted \d+ times; last exit code 1/);
    expect(crash).toContain('panic: DATABASE_URL is not set');
    expect(run.summary).toContain('panic: DATABASE_URL is not set');
    expect(run.summary).toMatch(
      /<details><summary>Recent warning events \(\d+\)<\/summary>[\s\S]*BackOff: Back-off restarting failed container api/,
    );
    expect(imageOf(ns, 'api')).toBe('registry.example.com/api:crash');
  });

  it('times out workloads that never become ready and says there is no production to return to', async () => {
    const ns = freshNamespace();
    const workspace = await workspaceWith({
      'app.yaml': `${deployment('ui', 'registry.example.com/ui:never-ready', { replicas: 1 })}---\n${deployment('big', 'registry.example.com/big:unschedulable', { replicas: 1 })}`,
    });
    const started = Date.now();
    const run = await deploy({ manifests: 'app.yaml', namespace: ns, timeout: '2s' }, { workspace });
    expect(run.code).toBe(1);
    const [ui, big] = workloadsOf(run.outputs);
    expect(big).toMatchObject({ name: 'big', status: 'timed-out' });
    expect(ui).toMatchObject({
      status: 'timed-out',
      reason: expect.stringMatching(
        /^not rolled out within 2\.0 s: Waiting for deployment "ui" rollout to finish: 0 of 1 updated replicas are available/,
      ),
    });
    expect(ui['duration-ms']).toBeGreaterThanOrEqual(2000);
    expect(ui['duration-ms']).toBeLessThan(Date.now() - started);
    expect(run.stdout).toMatch(/::error::deployment\.apps\/ui in t\d+: NotReady: pod ui-\S+ container ui: running but not ready/);
    expect(run.stdout).toContain('Readiness probe failed');
    expect(run.stdout).toMatch(
      /::error::deployment\.apps\/big in t\d+: Unschedulable: pod big-\S+: 0\/1 nodes are available: 1 Insufficient cpu/,
    );
    // The scheduler's answer once, in the diagnosis; its FailedScheduling event says the same and is left out.
    expect(run.summary).toMatch(/- \*\*Unschedulable\*\* in pod big-\S+: 0\/1 nodes are available: 1 Insufficient cpu/);
    expect(run.summary.split('Insufficient cpu').length - 1).toBe(1);
    expect(run.stdout).toContain('not rolled back: env-repository is not set, so there is no production revision to read');
    expect(run.outputs.result).toBe('failed');
  });

  it('says why pods cannot be created when it times out, and waits out a ServiceAccount applied beside the Deployment', async () => {
    const ns = freshNamespace();
    const withAccount = (name: string) =>
      deployment(name, 'registry.example.com/web:1', { replicas: 1 }).replace(
        '    spec:\n      containers:',
        `    spec:\n      serviceAccountName: ${name}-runner\n      containers:`,
      );
    const missing = await workspaceWith({ 'app.yaml': withAccount('web') });
    const refused = await deploy({ manifests: 'app.yaml', namespace: ns, timeout: '3s' }, { workspace: missing });
    expect(refused.code).toBe(1);
    const [web] = workloadsOf(refused.outputs);
    expect(web).toMatchObject({
      status: 'timed-out',
      reason: expect.stringMatching(/\(pods cannot be created: .*serviceaccount "web-runner" not found\)$/),
    });
    // The same Deployment with its ServiceAccount in the revision rolls out: the refusal was the account's absence alone.
    const whole = await workspaceWith({
      'app.yaml': `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api-runner}\n---\n${withAccount('api')}`,
    });
    const run = await deploy({ manifests: 'app.yaml', namespace: ns, timeout: '20s' }, { workspace: whole });
    expect({ code: run.code, result: run.outputs.result }).toEqual({ code: 0, result: 'succeeded' });
  });

  it('waits for Jobs to complete and reports the one that failed', async () => {
    const ns = freshNamespace();
    const workspace = await workspaceWith({
      'jobs.yaml': `${job('migrate', 'registry.example.com/migrate:v1')}---\n${job('seed', 'registry.example.com/seed:crash')}`,
    });
    const run = await deploy({ manifests: 'jobs.yaml', namespace: ns, timeout: '20s', 'rollback-on-failure': 'false' }, { workspace });
    expect(run.code).toBe(1);
    const workloads = workloadsOf(run.outputs);
    expect(workloads.map((w) => [w.name, w.status])).toEqual([
      ['migrate', 'succeeded'],
      ['seed', 'failed'],
    ]);
    expect(workloads[1].reason).toBe('job "seed" failed: BackoffLimitExceeded: Job has reached the specified backoff limit');
    // A failed Job is judged when it fails, not when the timeout runs out.
    expect(workloads[1]['duration-ms']).toBeLessThan(10_000);
    expect(sim.get('Job', ns, 'migrate').status.succeeded).toBe(1);
    expect(errors(run.stdout).join('\n')).toContain('panic: DATABASE_URL is not set');
  });

  it('renders kustomize folders and prunes exactly what the new revision dropped', async () => {
    const image = await pushImage('blog', 'v1');
    const ns = 'blog';
    const kustomization = (resources: string[]) => `namespace: ${ns}\nresources: [${resources.join(', ')}]\n`;
    const env = await makeBareRepo(await tempDir('deploy-env'), 'blog-env', [
      {
        branch: 'production',
        files: {
          'overlay/namespace.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`,
          'overlay/web.yaml': deployment('web', image, { replicas: 1 }),
          'overlay/worker.yaml': deployment('worker', image, { replicas: 1 }),
          'overlay/settings.yaml': configMap('settings'),
          'overlay/kustomization.yaml': kustomization(['namespace.yaml', 'web.yaml', 'worker.yaml', 'settings.yaml']),
        },
        message: 'Deploy blog with a worker',
      },
      {
        branch: 'candidate',
        files: {
          'overlay/service.yaml': service('web'),
          'overlay/kustomization.yaml': kustomization(['namespace.yaml', 'web.yaml', 'service.yaml']),
        },
        message: 'Drop the worker',
      },
    ]);
    const first = await deploy({ 'env-repository': env, ref: 'production', manifests: 'overlay', prune: 'true' });
    expect(first.outputs.result).toBe('succeeded');
    expect(sim.get('Deployment', ns, 'worker')).toBeDefined();
    // Something in the namespace that no revision declares is not ours to delete.
    sim.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'made-by-hand', namespace: ns, labels: { app: 'worker' } } });

    const run = await deploy({ 'env-repository': env, ref: 'candidate', manifests: 'overlay', prune: 'true' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`pruned deployment.apps/worker in ${ns}`);
    expect(run.stdout).toContain(`pruned configmap/settings in ${ns}`);
    // Reverse apply order: kustomize puts ConfigMaps before Deployments, so the worker goes first.
    expect(run.summary).toMatch(/#### Pruned\n\n- deployment\.apps\/worker in blog\n- configmap\/settings in blog\n/);
    expect(sim.get('Deployment', ns, 'worker')).toBeUndefined();
    expect(sim.get('ConfigMap', ns, 'settings')).toBeUndefined();
    expect(sim.get('ConfigMap', ns, 'made-by-hand')).toBeDefined();
    expect(sim.get('Deployment', ns, 'web')).toBeDefined();
    expect(sim.get('Service', ns, 'web')).toBeDefined();
  });

  it('survives 503s and dropped watches', async () => {
    const ns = freshNamespace();
    const workspace = await workspaceWith({
      'app.yaml': `${deployment('slow-a', 'registry.example.com/a:slower')}---\n${deployment('slow-b', 'registry.example.com/b:slower')}`,
    });
    // A path string, not a RegExp: the simulator's instanceof RegExp check fails on a RegExp made in Jest's realm.
    sim.setFaults({ unavailable: { count: 3, method: 'GET', path: `/namespaces/${ns}/deployments` }, dropWatchesAfterMs: 250 });
    try {
      const run = await deploy({ manifests: 'app.yaml', namespace: ns, timeout: '20s' }, { workspace });
      expect(run.code).toBe(0);
      expect(workloadsOf(run.outputs).map((w) => w.status)).toEqual(['succeeded', 'succeeded']);
      expect(run.stdout).toMatch(
        /watch of deployment\.apps in t\d+ ended \(exit 1: .*ServiceUnavailable|watch of deployment\.apps in t\d+ ended \(exit 1: .*unable to handle the request/,
      );
      expect(run.stdout).toMatch(/watch of deployment\.apps in t\d+ ended \(the server closed it\); watching again/);
      const watches = sim.requests.filter((r) => r.path.endsWith(`/namespaces/${ns}/deployments`) && r.query.includes('watch=true'));
      expect(watches.length).toBeGreaterThanOrEqual(2);
      expect(sim.faults().unavailable?.count).toBe(0);
    } finally {
      sim.setFaults({});
    }
  });

  it('refuses bad input before applying anything', async () => {
    const ns = freshNamespace();
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';
    const workspace = await workspaceWith({
      'unknown-kind.yaml': `${configMap('before-widget')}---\n${widget}`,
      'broken.yaml': `${configMap('ok')}---\nkind: [\n`,
      'fine.yaml': configMap('fine'),
      'namespace-and-widget.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: never-made\n---\n${widget}`,
      'invalid.yaml': `${configMap('before-invalid')}---\n${deployment('mismatch', 'registry.example.com/x:v1').replace('matchLabels: {app: mismatch}', 'matchLabels: {app: other}')}`,
    });
    const cases: [Record<string, string>, RegExp][] = [
      [
        { manifests: 'unknown-kind.yaml' },
        /^::error::deploy-candidate: input 'manifests': the cluster refused them before any workload changed: the cluster does not serve the custom kind Widget in example\.com\/v1 \(widget\.example\.com\/w in t\d+\): its CustomResourceDefinition is not installed/m,
      ],
      [
        { manifests: 'namespace-and-widget.yaml' },
        /^::error::deploy-candidate: input 'manifests': the cluster refused them before any workload changed: the cluster does not serve the custom kind Widget in example\.com\/v1/m,
      ],
      [
        { manifests: 'invalid.yaml' },
        /^::error::deploy-candidate: input 'manifests': the cluster refused them before any workload changed: The Deployment "mismatch" is invalid: .*`selector` does not match template `labels`; expected objects the API server accepts/m,
      ],
      [{ manifests: 'broken.yaml' }, /^::error::deploy-candidate: input 'manifests': broken\.yaml#2 does not parse: /m],
      [
        { manifests: 'fine.yaml', strategy: 'blue-green', action: 'sideways' },
        /^::error::deploy-candidate: input 'action': 'sideways' is not supported; expected one of deploy, promote, reject/m,
      ],
      [{ manifests: 'fine.yaml', timeout: 'soon' }, /^::error::deploy-candidate: input 'timeout': 'soon' is not a positive duration/m],
      [
        { manifests: 'fine.yaml', namespace: 'Not_Valid' },
        /^::error::deploy-candidate: input 'namespace': 'Not_Valid' is not a valid namespace name/m,
      ],
      [{ manifests: 'fine.yaml', kubeconfig: '' }, /^::error::deploy-candidate: input 'kubeconfig': is empty and there is no KUBECONFIG/m],
      [
        {
          manifests: 'fine.yaml',
          kubeconfig:
            'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]\ncontexts: [{name: c, context: {cluster: c}}]\ncurrent-context: c\n',
        },
        /^::error::deploy-candidate: input 'kubeconfig': no cluster reachable with the kubeconfig given: .*connection refused/m,
      ],
      [
        { manifests: 'fine.yaml', context: 'elsewhere' },
        /^::error::deploy-candidate: input 'context': (context was not found for specified context: elsewhere|context "elsewhere" does not exist); expected a context defined in the kubeconfig$/m,
      ],
    ];
    const runs = await Promise.all(cases.map(([inputs]) => deploy({ namespace: ns, ...inputs }, { workspace })));
    runs.forEach((run, i) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(cases[i][1]);
    });
    const configMaps = sim.list('ConfigMap', ns).map((cm: { metadata: { name: string } }) => cm.metadata.name);
    for (const name of ['before-widget', 'before-invalid', 'ok', 'fine']) expect(configMaps).not.toContain(name);
    expect(sim.get('Deployment', ns, 'mismatch')).toBeUndefined();
    expect(sim.get('Namespace', undefined, 'never-made')).toBeUndefined();
  });
});

/** Commits symbolic links (path -> target, as written) and files onto a branch of a bare repository. */
async function commitLinks(bare: string, branch: string, links: Record<string, string>, files: Record<string, string> = {}) {
  const { mkdir, symlink, writeFile } = await import('node:fs/promises');
  const { dirname, join } = await import('node:path');
  const { git } = await import('../support/git.js');
  const seed = await tempDir('links');
  await git(seed, ['clone', '-q', '-b', branch, bare, '.']);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(seed, path)), { recursive: true });
    await writeFile(join(seed, path), text);
  }
  for (const [path, target] of Object.entries(links)) {
    await mkdir(dirname(join(seed, path)), { recursive: true });
    await symlink(target, join(seed, path));
  }
  await git(seed, ['add', '-A']);
  await git(seed, ['-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'links']);
  await git(seed, ['push', '-q', 'origin', branch]);
  return (await tipOf(bare, branch))!;
}

/** JavaScript for a wrapper script: the live processes descended from this one, from /proc. */
const DESCENDANTS = `function descendants() {
  const parents = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync('/proc/' + name + '/stat', 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') parents.set(Number(name), Number(fields[1]));
    } catch {}
  }
  const found = [];
  const walk = (parent) => {
    for (const [child, of] of parents) if (of === parent) { found.push(child); walk(child); }
  };
  walk(process.pid);
  return found;
}`;

/** Puts an object of the templates above in a namespace of its own. */
const inNamespace = (yaml: string, namespace: string) => yaml.replace('metadata:\n', `metadata:\n  namespace: ${namespace}\n`);

describe('deploy-candidate refused by the cluster before any workload changes', () => {
  let outputNames: string[];
  beforeAll(async () => {
    const { readFile } = await import('node:fs/promises');
    const { parse } = await import('yaml');
    const action = parse(await readFile(new URL('../../actions/deploy-candidate/action.yml', import.meta.url), 'utf8'));
    outputNames = Object.keys(action.outputs);
  });

  /** Every output of action.yml set, the step failed, the summary written: what every failure leaves. */
  function expectReported(run: Awaited<ReturnType<typeof deploy>>, revision: string) {
    expect(run.code).toBe(1);
    for (const name of outputNames) expect(run.outputs).toHaveProperty(name);
    expect(run.outputs.result).toBe('failed');
    expect(run.outputs.revision).toBe(revision);
    expect(Number(run.outputs['duration-ms'])).toBeGreaterThan(0);
    expect(JSON.parse(run.outputs.workloads)).toEqual([]);
    expect(run.summary).toMatch(
      /^### deploy-candidate\n\nDeployment of `[0-9a-f]{12}` to production: ❌ \*\*failed\*\* after [\d.]+ (ms|s)/,
    );
    // What the cluster said is said once in the log and once in the summary, whatever the number of objects it refused.
    expect(errors(run.stdout)).toHaveLength(1);
    const said = errors(run.stdout)[0].replace(/^::error::deploy-candidate: /, '');
    expect(run.summary).toContain(`> ${said}`);
    expect(run.stdout + run.summary).not.toMatch(/NotFound|not found|ensure CRDs/);
  }

  it('names the missing namespace and its objects once, and blames only what is at fault', async () => {
    const ns = freshNamespace();
    const shop = [
      deployment('web', 'registry.example.com/web:v1'),
      service('web'),
      ...Array.from({ length: 33 }, (_, i) => configMap(`settings-${i}`)),
    ].map((yaml) => inNamespace(yaml, 'gone-shop'));
    const workspace = await workspaceWith({
      'shop.yaml': shop.join('---\n'),
      'plain.yaml': `${deployment('api', 'registry.example.com/api:v1')}---\n${configMap('api-settings')}`,
      'widget.yaml': `${configMap('before-widget')}---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n`,
      'old-api.yaml': deployment('old', 'registry.example.com/old:v1').replace('apps/v1', 'apps/v1beta1'),
    });
    const { readFile } = await import('node:fs/promises');
    const elsewhere = (await readFile(sim.kubeconfigPath, 'utf8')).replace('namespace: default', 'namespace: gone-team');
    const env = await makeBareRepo(await tempDir('deploy-env'), 'refused-env', [
      { branch: 'candidate', files: { 'apps/shop.yaml': shop.join('---\n') }, message: 'Deploy shop to a namespace nobody made' },
    ]);
    const candidate = (await tipOf(env, 'candidate'))!;

    const [named, fromRepo, input, context, custom, builtIn] = await Promise.all([
      deploy({ manifests: 'shop.yaml', namespace: ns }, { workspace }),
      deploy({ 'env-repository': env, ref: 'candidate', manifests: 'apps' }),
      deploy({ manifests: 'plain.yaml', namespace: 'gone-staging' }, { workspace }),
      deploy({ manifests: 'plain.yaml', kubeconfig: elsewhere }, { workspace }),
      deploy({ manifests: 'widget.yaml', namespace: ns }, { workspace }),
      deploy({ manifests: 'old-api.yaml', namespace: ns }, { workspace }),
    ]);

    // A namespace the manifests name: the manifests are at fault; which namespace, and which objects (a few, then a count).
    for (const [run, revision] of [
      [named, RUN_CONTEXT.GITHUB_SHA],
      [fromRepo, candidate],
    ] as const) {
      expectReported(run, revision);
      expect(errors(run.stdout)[0]).toMatch(
        /^::error::deploy-candidate: input 'manifests': the cluster refused them before any workload changed: namespace 'gone-shop' does not exist in the cluster and no Namespace among the manifests creates it; the manifests put 35 objects in it: deployment\.apps\/web, service\/web, configmap\/settings-0, configmap\/settings-1, configmap\/settings-2 and 30 more; expected objects the API server accepts, of kinds it serves, in namespaces that exist or that the manifests create$/,
      );
      expect(run.summary.split("'gone-shop'").length - 1).toBe(1);
      expect(run.stdout + run.summary).not.toMatch(/CRD/);
    }

    // The namespace input names one the cluster lacks: that input, not the manifests.
    expectReported(input, RUN_CONTEXT.GITHUB_SHA);
    expect(errors(input.stdout)[0]).toBe(
      "::error::deploy-candidate: input 'namespace': the cluster refused the manifests before any workload changed: namespace 'gone-staging' (input 'namespace') does not exist in the cluster; 2 objects that name no namespace would go there: deployment.apps/api, configmap/api-settings; expected a namespace that exists in the cluster, or a Namespace object among the manifests",
    );

    // The kubeconfig context's namespace is missing: no input is blamed.
    expectReported(context, RUN_CONTEXT.GITHUB_SHA);
    expect(errors(context.stdout)[0]).toBe(
      "::error::deploy-candidate: the cluster refused the manifests before any workload changed: namespace 'gone-team', the kubeconfig context's namespace, does not exist in the cluster; 2 objects that name no namespace would go there: deployment.apps/api, configmap/api-settings; create it, or set input 'namespace'",
    );

    // CRDs are suggested for a custom kind only.
    expectReported(custom, RUN_CONTEXT.GITHUB_SHA);
    expect(errors(custom.stdout)[0]).toMatch(
      /^::error::deploy-candidate: input 'manifests': the cluster refused them before any workload changed: the cluster does not serve the custom kind Widget in example\.com\/v1 \(widget\.example\.com\/w in t\d+\): its CustomResourceDefinition is not installed; install it first, or add it to the manifests; expected objects the API server accepts, of kinds it serves \(install the CRDs of custom kinds first\)$/,
    );
    expectReported(builtIn, RUN_CONTEXT.GITHUB_SHA);
    expect(errors(builtIn.stdout)[0]).toMatch(
      /^::error::deploy-candidate: input 'manifests': the cluster refused them before any workload changed: the cluster does not serve Deployment in apps\/v1beta1 \(deployment\.apps\/old in t\d+\): Kubernetes has removed that API version/,
    );
    expect(builtIn.stdout + builtIn.summary).not.toMatch(/CRD|custom/);

    expect(sim.list('ConfigMap', ns).map((cm: { metadata: { name: string } }) => cm.metadata.name)).not.toContain('before-widget');
    expect(sim.get('Deployment', ns, 'web')).toBeUndefined();
  });

  it('an object the server refuses: outputs and summary filled, each refusal said once', async () => {
    const ns = freshNamespace();
    const mismatched = (name: string) =>
      deployment(name, 'registry.example.com/x:v1').replace(`matchLabels: {app: ${name}}`, 'matchLabels: {app: other}');
    const workspace = await workspaceWith({
      'invalid.yaml': [configMap('before-invalid'), mismatched('one'), mismatched('two')].join('---\n'),
    });
    const run = await deploy({ manifests: 'invalid.yaml', namespace: ns }, { workspace });
    expectReported(run, RUN_CONTEXT.GITHUB_SHA);
    expect(errors(run.stdout)[0]).toMatch(
      /^::error::deploy-candidate: input 'manifests': the cluster refused them before any workload changed: (Error from server \(Invalid\): )?(The Deployment|Deployment\.apps) "one" is invalid: [^;]*; (Error from server \(Invalid\): )?(The Deployment|Deployment\.apps) "two" is invalid: [^;]*; expected objects the API server accepts, of kinds it serves$/,
    );
    expect(sim.get('ConfigMap', ns, 'before-invalid')).toBeUndefined();
  });
});

describe('deploy-candidate and CustomResourceDefinitions', () => {
  const backupCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.ops.example.com
spec:
  group: ops.example.com
  names: {kind: Backup, listKind: BackupList, plural: backups, singular: backup}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [schedule]
              properties:
                schedule: {type: string}
                retainDays: {type: integer, minimum: 1, default: 7}
`;
  const backup = (namespace: string, spec: string) =>
    `apiVersion: ops.example.com/v1\nkind: Backup\nmetadata:\n  name: nightly\n  namespace: ${namespace}\nspec: ${spec}\n`;
  const route = (namespace: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: ${namespace}
spec:
  parentRefs: [{name: public}]
  rules:
    - backendRefs: [{name: web, port: 80}]
`;
  const namespaceObject = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

  it('applies the CRDs and Namespaces first, waits until the CRDs are Established, then their custom resources and the rest', async () => {
    const { readFile } = await import('node:fs/promises');
    const gateway = await readFile(new URL('../fixtures/gateway-api/httproute-crd.yaml', import.meta.url), 'utf8');
    const ns = 'crd-shop';
    // File order puts every custom resource before the CRD that defines it, and the namespace after what lives in it.
    const workspace = await workspaceWith({
      'app/00-route.yaml': route(ns),
      'app/01-backup.yaml': backup(ns, '{schedule: "0 3 * * *"}'),
      'app/02-web.yaml': `${inNamespace(deployment('web', 'registry.example.com/web:v1', { replicas: 1 }), ns)}---\n${inNamespace(service('web'), ns)}`,
      'app/50-namespace.yaml': namespaceObject(ns),
      'app/90-crds.yaml': `${gateway}---\n${backupCrd}`,
    });
    const run = await deploy({ manifests: 'app', timeout: '30s' }, { workspace });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('succeeded');
    const log = run.stdout.split('\n');
    const at = (line: string) => log.findIndex((l) => l === line);
    const established = at('established: httproutes.gateway.networking.k8s.io, backups.ops.example.com');
    expect(at(`applied namespace/${ns}`)).toBeGreaterThanOrEqual(0);
    expect(at(`applied namespace/${ns}`)).toBeLessThan(established);
    expect(at('applied customresourcedefinition.apiextensions.k8s.io/httproutes.gateway.networking.k8s.io')).toBeLessThan(established);
    expect(at('applied customresourcedefinition.apiextensions.k8s.io/backups.ops.example.com')).toBeLessThan(established);
    for (const object of [
      `httproute.gateway.networking.k8s.io/web in ${ns}`,
      `backup.ops.example.com/nightly in ${ns}`,
      `deployment.apps/web in ${ns}`,
    ])
      expect(at(`applied ${object}`)).toBeGreaterThan(established);
    const crd = sim.get('CustomResourceDefinition', undefined, 'backups.ops.example.com');
    expect(crd.status.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Established', status: 'True' })]));
    // Served and defaulted by its schema.
    expect(sim.get('Backup', ns, 'nightly').spec).toEqual({ schedule: '0 3 * * *', retainDays: 7 });
    expect(sim.get('HTTPRoute', ns, 'web')).toBeDefined();
  });

  it('a custom resource its schema refuses stops the candidate before any workload changes, naming it, with no CRD advice', async () => {
    const ns = 'crd-refused';
    const workspace = await workspaceWith({
      'app/backup.yaml': backup(ns, '{retainDays: 0}'),
      'app/web.yaml': inNamespace(deployment('web', 'registry.example.com/web:v1', { replicas: 1 }), ns),
      'app/namespace.yaml': namespaceObject(ns),
      'app/crd.yaml': backupCrd,
    });
    const run = await deploy({ manifests: 'app', timeout: '30s' }, { workspace });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.outputs.revision).toBe(RUN_CONTEXT.GITHUB_SHA);
    expect(errors(run.stdout)).toEqual([
      expect.stringMatching(
        /^::error::deploy-candidate: input 'manifests': the cluster refused them before any workload changed: .*Backup(\.ops\.example\.com)? "nightly" is invalid: .*spec\.schedule: Required value.*; expected objects the API server accepts, of kinds it serves$/,
      ),
    ]);
    expect(run.stdout).not.toMatch(/install/);
    expect(run.summary).toContain('### deploy-candidate');
    expect(sim.get('Deployment', ns, 'web')).toBeUndefined();
  });
});

describe('deploy-candidate reads nothing outside the env repository, within bounds', () => {
  it('refuses a symbolic link that leaves the repository, file or folder, and applies nothing', async () => {
    const ns = freshNamespace();
    const outside = await tempDirWith('outside', {
      'secret.yaml': configMap('from-outside'),
      'dir/more.yaml': configMap('from-outside-dir'),
    });
    const env = await makeBareRepo(await tempDir('deploy-env'), 'links-env', [
      { branch: 'production', files: { 'apps/settings.yaml': configMap('settings') }, message: 'Deploy settings' },
    ]);
    await commitLinks(env, 'production', {
      'apps/evil.yaml': `${outside}/secret.yaml`,
      'folder/ext': `${outside}/dir`,
      'top.yaml': '../../../../../../../../..' + `${outside}/secret.yaml`,
      'relative/up.yaml': '../../outside.yaml',
    });
    const cases: [string, RegExp][] = [
      ['apps', /input 'manifests': 'apps\/evil\.yaml' is a symbolic link to .* outside the repository/],
      ['folder', /input 'manifests': 'folder\/ext' is a symbolic link to .* outside the repository/],
      ['top.yaml', /input 'manifests': 'top\.yaml' is a symbolic link to .* outside the repository/],
      ['relative', /input 'manifests': 'relative\/up\.yaml' is a symbolic link to .* outside the repository/],
      ['apps/evil.yaml', /input 'manifests': 'apps\/evil\.yaml' is a symbolic link to .* outside the repository/],
    ];
    for (const [manifests, message] of cases) {
      const run = await deploy({ 'env-repository': env, ref: 'production', manifests, namespace: ns });
      expect(run.code).toBe(1);
      expect(errors(run.stdout)).toEqual([expect.stringMatching(/^::error::deploy-candidate: /)]);
      expect(run.stdout).toMatch(message);
    }
    const names = sim.list('ConfigMap', ns).map((cm: { metadata: { name: string } }) => cm.metadata.name);
    expect(names).not.toContain('from-outside');
    expect(names).not.toContain('from-outside-dir');
    expect(names).not.toContain('settings');
  });

  it('applies a link that stays inside the repository like its target, wherever it is found', async () => {
    const ns = freshNamespace();
    const env = await makeBareRepo(await tempDir('deploy-env'), 'inside-env', [
      {
        branch: 'production',
        files: { 'shared/common.yaml': configMap('common'), 'shared/dir/extra.yaml': configMap('extra') },
        message: 'shared',
      },
    ]);
    await commitLinks(
      env,
      'production',
      { 'apps/common.yaml': '../shared/common.yaml', 'apps/dir': '../shared/dir' },
      { 'apps/own.yaml': configMap('own') },
    );
    const run = await deploy({ 'env-repository': env, ref: 'production', manifests: 'apps', namespace: ns });
    expect(run.code).toBe(0);
    const names = sim.list('ConfigMap', ns).map((cm: { metadata: { name: string } }) => cm.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['common', 'extra', 'own']));
  });

  it('refuses a link that loops back into the folder it is in, naming it', async () => {
    const ns = freshNamespace();
    const env = await makeBareRepo(await tempDir('deploy-env'), 'loop-env', [
      { branch: 'production', files: { 'apps/own.yaml': configMap('looped') }, message: 'own' },
    ]);
    await commitLinks(env, 'production', { 'apps/again': '.' });
    const run = await deploy({ 'env-repository': env, ref: 'production', manifests: 'apps', namespace: ns });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::deploy-candidate: input 'manifests': 'apps\/again' is a symbolic link to a folder that contains it/,
    );
    expect(sim.get('ConfigMap', ns, 'looped')).toBeUndefined();
  });

  it('refuses a file over 10 MiB and an alias bomb, naming the file and the input, before applying anything', async () => {
    const ns = freshNamespace();
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  filler: "${'x'.repeat(11 * 1024 * 1024)}"\n`;
    const bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: bomb}',
      'data:',
      '  a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      '  e: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      '',
    ].join('\n');
    const workspace = await workspaceWith({ 'k8s/a.yaml': configMap('first'), 'k8s/big.yaml': big, 'bomb/bomb.yaml': bomb });
    const started = Date.now();
    const tooBig = await deploy({ manifests: 'k8s', namespace: ns }, { workspace });
    expect(tooBig.code).toBe(1);
    expect(errors(tooBig.stdout)).toEqual([
      expect.stringMatching(/^::error::deploy-candidate: input 'manifests': k8s\/big\.yaml is larger than 10 MiB; expected /),
    ]);
    expect(Date.now() - started).toBeLessThan(15_000);
    const bombed = await deploy({ manifests: 'bomb', namespace: ns }, { workspace });
    expect(bombed.code).toBe(1);
    expect(errors(bombed.stdout)).toEqual([
      expect.stringMatching(/^::error::deploy-candidate: input 'manifests': bomb\/bomb\.yaml#1 is refused: .*alias.*; expected /),
    ]);
    expect(sim.get('ConfigMap', ns, 'first')).toBeUndefined();
  });

  it('refuses a timeout no GitHub job lasts, and a branch name git refuses', async () => {
    const workspace = await workspaceWith({ 'app.yaml': configMap('never') });
    const cases: [Record<string, string>, RegExp][] = [
      [
        { timeout: '600h' },
        /^::error::deploy-candidate: input 'timeout': '600h' is longer than a GitHub job lasts \(6 h on hosted runners\); expected /m,
      ],
      [{ timeout: '6h1s' }, /^::error::deploy-candidate: input 'timeout': '6h1s' is longer than/m],
      [
        { 'env-repository': '/nonexistent/env.git', ref: 'HEAD' },
        /^::error::deploy-candidate: input 'ref': 'HEAD' is not a branch name git accepts/m,
      ],
      [
        { 'env-repository': '/nonexistent/env.git', ref: 'a..b' },
        /^::error::deploy-candidate: input 'ref': 'a\.\.b' is not a branch name git accepts/m,
      ],
      [{ 'production-ref': 'HEAD' }, /^::error::deploy-candidate: input 'production-ref': 'HEAD' is not a branch name git accepts/m],
      [{ 'production-ref': 'x.lock' }, /^::error::deploy-candidate: input 'production-ref': 'x\.lock' is not a branch name git accepts/m],
    ];
    const runs = await Promise.all(
      cases.map(([inputs]) => deploy({ manifests: 'app.yaml', namespace: 'default', ...inputs }, { workspace })),
    );
    runs.forEach((run, i) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(cases[i][1]);
    });
    expect(sim.get('ConfigMap', 'default', 'never')).toBeUndefined();
  });

  it('ends its kubectl processes when the step is cancelled (SIGTERM), then exits', async () => {
    const ns = freshNamespace();
    const workspace = await workspaceWith({
      'app.yaml': deployment('slowpoke', 'registry.example.com/slowpoke:never-ready', { replicas: 1 }),
    });
    // The bundle, started by a wrapper that sends its own process SIGTERM once a kubectl watch runs, as the runner does on cancel.
    const dir = await tempDir('cancel');
    const { writeFile } = await import('node:fs/promises');
    const record = `${dir}/children.json`;
    const wrapper = `${dir}/cancel.mjs`;
    await writeFile(
      wrapper,
      `import * as fs from 'node:fs';
${DESCENDANTS}
const seen = setInterval(() => {
  const pids = descendants();
  const watching = pids.some((pid) => { try { return fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').includes('--watch'); } catch { return false; } });
  if (!watching) return;
  clearInterval(seen);
  fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify(pids));
  process.kill(process.pid, 'SIGTERM');
}, 50);
seen.unref();
await import(${JSON.stringify(new URL('../../dist/deploy-candidate/index.js', import.meta.url).pathname)});
`,
    );
    const run = await runAction('deploy-candidate', {
      inputs: { kubeconfig: sim.kubeconfigPath, manifests: 'app.yaml', namespace: ns, timeout: '60s', 'rollback-on-failure': 'false' },
      workspace,
      bundle: wrapper,
      timeoutMs: 30_000,
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/^::error::deploy-candidate: cancelled \(SIGTERM\)/m);
    const { readFileSync, existsSync } = await import('node:fs');
    const pids = JSON.parse(readFileSync(record, 'utf8')) as number[];
    expect(pids.length).toBeGreaterThan(0);
    // Give the kernel a moment to reap them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const alive = pids.filter((pid) => {
      if (!existsSync(`/proc/${pid}/stat`)) return false;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    });
    expect(alive).toEqual([]);
  });
});

describe('deploy-candidate and a Helm chart given as manifests', () => {
  it('refuses the chart folder, naming the input and what to do instead, and applies nothing', async () => {
    const ns = freshNamespace();
    const env = await makeBareRepo(await tempDir('deploy-env'), 'chart-env', [
      {
        branch: 'production',
        files: {
          'charts/hello/Chart.yaml': 'apiVersion: v2\nname: hello\nversion: 0.1.0\n',
          'charts/hello/values.yaml': 'image:\n  repository: ghcr.io/acme/hello\n  tag: v1\n',
          'charts/hello/templates/configmap.yaml': `{{- if .Values.enabled }}\n${configMap('from-chart')}{{- end }}\n`,
          'rendered/settings.yaml': configMap('rendered'),
        },
        message: 'A chart and its rendering',
      },
    ]);
    const run = await deploy({ 'env-repository': env, ref: 'production', manifests: 'charts/hello\nrendered', namespace: ns });
    expect(run.code).toBe(1);
    expect(errors(run.stdout)).toEqual([
      "::error::deploy-candidate: input 'manifests': 'charts/hello': this is a Helm chart: render it (helm template) into the env repository, or deploy its rendered manifests",
    ]);
    const names = sim.list('ConfigMap', ns).map((cm: { metadata: { name: string } }) => cm.metadata.name);
    expect(names).not.toContain('rendered');
    expect(names).not.toContain('from-chart');
  });
});
