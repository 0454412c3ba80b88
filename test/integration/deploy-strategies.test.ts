// deploy-candidate's canary and blue-green strategies: the built bundle, run
// as the runner runs it, against kube-sim with the real kubectl; what it made
// is read back with kubectl as a user would.
import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { kubectlFor, type Kubectl } from '../kube-sim/support.js';
import { runAction } from '../support/run-action.js';
import { tempDir, tempDirWith } from '../support/temp.js';

interface Deployment {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    generation: number;
    resourceVersion: string;
  };
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } };
  };
  status?: { readyReplicas?: number };
}
interface Service {
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec: { selector: Record<string, string>; ports: { port: number }[]; type: string };
}

let sim: KubeSim;
let kubectl: Kubectl;

beforeAll(async () => {
  sim = await startKubeSim({
    rules: [
      { image: '*:missing', behavior: 'missing' },
      { image: '*:crash', behavior: 'crashloop', logs: ['migrating', 'error: relation "orders" already exists'] },
    ],
  });
  kubectl = kubectlFor(sim.kubeconfigPath, await tempDir('strategies-kubectl'));
});
afterAll(async () => {
  await sim?.close();
});

const deployment = (image: string, replicas = 4) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
          envFrom: [{configMapRef: {name: web-settings}}]
`;
const SERVICE =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n';
const settings = (greeting: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata: {greeting: ${greeting}}\n`;

/** A workspace whose `k8s` folder holds the web app on `image`. */
async function revision(image: string, { replicas = 4, greeting = 'hello' } = {}): Promise<string> {
  return tempDirWith('strategies-workspace', {
    'k8s/web.yaml': `${deployment(image, replicas)}---\n${SERVICE}`,
    'k8s/settings.yaml': settings(greeting),
  });
}

let namespaces = 0;
function freshNamespace(): string {
  const name = `s${++namespaces}`;
  sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const deploy = (workspace: string, namespace: string, inputs: Record<string, string> = {}) =>
  runAction('deploy-candidate', {
    inputs: { kubeconfig: sim.kubeconfigPath, manifests: 'k8s', namespace, timeout: '30s', ...inputs },
    workspace,
    timeoutMs: 50_000,
  });

/** The object as `kubectl get -o json` shows it, or undefined when kubectl says it is not there. */
async function get<T>(namespace: string, kind: string, name: string): Promise<T | undefined> {
  const run = await kubectl(['get', kind, name, '-n', namespace, '-o', 'json']);
  if (run.code !== 0) {
    expect(run.stderr).toContain('NotFound');
    return undefined;
  }
  return JSON.parse(run.stdout) as T;
}
const getDeployment = (ns: string, name: string) => get<Deployment>(ns, 'deployment', name);
const getService = (ns: string, name: string) => get<Service>(ns, 'service', name);
const imageOf = (d: Deployment | undefined) => d?.spec.template.spec.containers[0].image;

/** The pods a Service selector picks, as kubectl's own label selection finds them. */
async function podsSelectedBy(ns: string, selector: Record<string, string>): Promise<string[]> {
  const labels = Object.entries(selector).map(([key, value]) => `${key}=${value}`);
  const run = await kubectl(['get', 'pods', '-n', ns, '-l', labels.join(','), '-o', 'name']);
  expect(run.code).toBe(0);
  return run.stdout.split('\n').filter(Boolean).sort();
}

/** Production: the web app on v1, deployed with the rolling strategy. */
async function production(ns: string, replicas = 4): Promise<Deployment> {
  const run = await deploy(await revision('registry.example.com/web:v1', { replicas }), ns);
  expect(run.outputs.result).toBe('succeeded');
  return (await getDeployment(ns, 'web'))!;
}

describe('canary', () => {
  it('deploys a canary and a baseline in place of some of the primary pods, then promotes the candidate', async () => {
    const ns = freshNamespace();
    const before = await production(ns);

    const candidate = await revision('registry.example.com/web:v2', { greeting: 'bonjour' });
    const run = await deploy(candidate, ns, { strategy: 'canary', 'canary-percentage': '25' });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('succeeded');
    // 25% of 4 pods: one canary, one baseline, two left to the primary.
    expect(JSON.parse(run.outputs['canary-workloads'])).toEqual([
      {
        namespace: ns,
        primary: 'web',
        canary: 'web-canary',
        baseline: 'web-baseline',
        replicas: 1,
        baselineReplicas: 1,
        primaryReplicas: 2,
        primaryOriginalReplicas: 4,
        share: 25,
        servedShare: 25,
        baselineShare: 25,
        primaryShare: 50,
        history: [{ share: 25, served: 25 }],
      },
    ]);
    expect(run.outputs).toMatchObject({ 'canary-share': '25', 'served-share': '25', 'canary-step': '' });
    expect(run.outputs).toMatchObject({ 'canary-track': 'canary', 'baseline-track': 'baseline', color: '' });
    expect(JSON.parse(run.outputs.workloads).map((w: { name: string; status: string }) => [w.name, w.status])).toEqual([
      ['web-canary', 'succeeded'],
      ['web-baseline', 'succeeded'],
    ]);

    const canary = (await getDeployment(ns, 'web-canary'))!;
    const baseline = (await getDeployment(ns, 'web-baseline'))!;
    for (const [d, track] of [
      [canary, 'canary'],
      [baseline, 'baseline'],
    ] as const) {
      expect(d.spec.replicas).toBe(1);
      expect(d.status?.readyReplicas).toBe(1);
      expect(d.metadata.labels).toEqual({ app: 'web', track });
      expect(d.spec.selector.matchLabels).toEqual({ app: 'web', track });
      expect(d.spec.template.metadata.labels).toEqual({ app: 'web', track });
      // kubectl hides managedFields unless asked.
      const managed = sim.get('Deployment', ns, d.metadata.name).metadata.managedFields as { manager: string; operation: string }[];
      expect(managed.filter((f) => f.operation === 'Apply').map((f) => f.manager)).toEqual(['gitops-delivery']);
    }
    expect(imageOf(canary)).toBe('registry.example.com/web:v2');
    expect(imageOf(baseline)).toBe('registry.example.com/web:v1');
    // The live Service, whose selector has no track, sends the canary and the baseline their share.
    expect((await getService(ns, 'web'))!.spec.selector).toEqual({ app: 'web' });
    // The canary's ConfigMap went out with it.
    expect(sim.get('ConfigMap', ns, 'web-settings').data).toEqual({ greeting: 'bonjour' });

    // The primary gave up two pods, and recorded how many it had.
    const primary = (await getDeployment(ns, 'web'))!;
    expect(primary.spec).toEqual({ ...before.spec, replicas: 2 });
    expect(JSON.parse(primary.metadata.annotations!['gitops-delivery/canary'])).toMatchObject({ replicas: 4, step: 1 });
    expect(imageOf(primary)).toBe('registry.example.com/web:v1');
    expect(run.summary).toContain('#### Canary: deploy');
    expect(run.summary).toMatch(/\| s\d+ +\| web +\| 25% +\| \*\*25%\*\* \/ 25% \/ 50% +\| 1 \/ 1 \/ 2 \(of 4\) +\|/);

    const promote = await deploy(candidate, ns, { strategy: 'canary', action: 'promote' });
    expect(promote.code).toBe(0);
    expect(promote.outputs.result).toBe('succeeded');
    expect(imageOf(await getDeployment(ns, 'web'))).toBe('registry.example.com/web:v2');
    expect((await getDeployment(ns, 'web'))!.status?.readyReplicas).toBe(4);
    expect((await getDeployment(ns, 'web'))!.metadata.annotations?.['gitops-delivery/canary']).toBeUndefined();
    expect(JSON.parse(promote.outputs.workloads)).toMatchObject([{ name: 'web', status: 'succeeded' }]);
    await sim.waitUntil(() => !sim.get('Deployment', ns, 'web-canary') && !sim.get('Deployment', ns, 'web-baseline'));
    expect(await getDeployment(ns, 'web-canary')).toBeUndefined();
    expect(await getDeployment(ns, 'web-baseline')).toBeUndefined();
    expect(promote.summary).toMatch(/\*\*Deleted\*\*\n\n- deployment\.apps\/web-canary in s\d+\n- deployment\.apps\/web-baseline in s\d+/);

    // Again: nothing left to clean, and still a success.
    const again = await deploy(candidate, ns, { strategy: 'canary', action: 'promote' });
    expect(again.code).toBe(0);
    expect(again.outputs.result).toBe('succeeded');
    expect(again.summary).toContain('No canary or baseline was left to delete.');
    expect(again.summary).not.toContain('**Deleted**');
  });

  it('rejects: the primary gets its replicas back, canary and baseline go', async () => {
    const ns = freshNamespace();
    await production(ns, 10);
    const candidate = await revision('registry.example.com/web:v2', { replicas: 10 });
    const run = await deploy(candidate, ns, { strategy: 'canary' });
    expect(run.outputs.result).toBe('succeeded');
    // The default share, 10% of 10 replicas.
    expect((await getDeployment(ns, 'web-canary'))!.spec.replicas).toBe(1);
    expect((await getDeployment(ns, 'web-baseline'))!.spec.replicas).toBe(1);
    expect((await getDeployment(ns, 'web'))!.spec.replicas).toBe(8);

    for (const attempt of [1, 2]) {
      const reject = await deploy(candidate, ns, { strategy: 'canary', action: 'reject' });
      expect(reject.code).toBe(0);
      expect(reject.outputs.result).toBe('succeeded');
      expect(JSON.parse(reject.outputs.workloads)).toEqual([]);
      expect(reject.summary).toMatch(/✅ \*\*succeeded\*\*: the canary deployment was rejected in/);
      expect(reject.summary).not.toContain('#### Candidate');
      if (attempt === 1) {
        expect(reject.stdout).toContain(`deleted deployment.apps/web-canary in ${ns}`);
        expect(reject.summary).toContain('Restored web: back to 10 replicas (from 8 while the canary ran).');
      } else expect(reject.summary).toContain('No canary or baseline was left to delete.');
    }
    await sim.waitUntil(() => !sim.get('Deployment', ns, 'web-canary') && !sim.get('Deployment', ns, 'web-baseline'));
    expect(sim.list('Pod', ns, { labelSelector: 'track' })).toEqual([]);
    const after = (await getDeployment(ns, 'web'))!;
    expect(after.spec.replicas).toBe(10);
    expect(after.status?.readyReplicas).toBe(10);
    expect(after.metadata.annotations?.['gitops-delivery/canary']).toBeUndefined();
    expect(imageOf(after)).toBe('registry.example.com/web:v1');
  });

  it('fails a canary whose image cannot be pulled, says why, and leaves the primary alone', async () => {
    const ns = freshNamespace();
    await production(ns);
    const run = await deploy(await revision('registry.example.com/web:missing'), ns, { strategy: 'canary', timeout: '20s' });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    const workloads = JSON.parse(run.outputs.workloads) as { name: string; status: string; 'duration-ms': number }[];
    // The registry says the image does not exist: the canary fails at once rather than at the timeout.
    expect(workloads[0]['duration-ms']).toBeLessThan(20_000);
    expect(workloads.map((w) => [w.name, w.status])).toEqual([
      ['web-canary', 'failed'],
      ['web-baseline', 'succeeded'],
    ]);
    expect(run.stdout).toMatch(
      /::error::deployment\.apps\/web-canary in s\d+: (ImagePullBackOff|ErrImagePull): .*registry\.example\.com\/web:missing/,
    );
    expect(run.stdout).toMatch(
      /::error::deploy-candidate: 1 of 2 workloads did not roll out .*; the primaries were not scaled down; the canary and baseline are left for inspection: action 'reject' removes them/,
    );
    // The share was said before anything changed: 10% of 4 pods cannot be served (a workflow command escapes '%').
    expect(run.stdout).toMatch(
      /::warning::s\d+\/web: 10%25 of 4 replicas cannot be served with whole pods: the nearest is 1 canary pod of 4, 25%25/,
    );
    expect(run.summary).toMatch(/\*\*(ImagePullBackOff|ErrImagePull)\*\*/);
    expect(imageOf(await getDeployment(ns, 'web'))).toBe('registry.example.com/web:v1');
    expect((await getDeployment(ns, 'web'))!.spec.replicas).toBe(4);
    expect((await getDeployment(ns, 'web'))!.metadata.annotations?.['gitops-delivery/canary']).toBeUndefined();
    expect(await getDeployment(ns, 'web-canary')).toBeDefined();
  });

  it('deploys the first revision with the rolling strategy, as there is no primary to compare with', async () => {
    const ns = freshNamespace();
    const run = await deploy(await revision('registry.example.com/web:v1'), ns, { strategy: 'canary' });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('succeeded');
    expect(run.outputs['canary-workloads']).toBe('[]');
    expect(run.outputs['canary-track']).toBe('');
    expect(run.stdout).toContain(`::warning::deployment.apps/web in ${ns} has no running primary (first deploy)`);
    expect(run.summary).toContain('the candidate was deployed with the rolling strategy, without a canary');
    expect((await getDeployment(ns, 'web'))!.status?.readyReplicas).toBe(4);
    expect(await getDeployment(ns, 'web-canary')).toBeUndefined();
  });
});

describe('blue-green', () => {
  // Three release cycles, eleven runs of the action in one test: 10 s here, 18 s on a loaded machine.
  it('deploys a colour beside production, switches the live Service to it, and alternates colours', async () => {
    const ns = freshNamespace();
    await production(ns, 2);
    const liveBefore = (await getService(ns, 'web'))!;

    // First cycle: the plain Deployment counts as the old colour; green comes in.
    const v2 = await revision('registry.example.com/web:v2', { replicas: 2 });
    const deployed = await deploy(v2, ns, { strategy: 'blue-green' });
    expect(deployed.code).toBe(0);
    expect(deployed.outputs).toMatchObject({ result: 'succeeded', color: 'green', 'canary-workloads': '[]' });
    expect(JSON.parse(deployed.outputs['blue-green-workloads'])).toEqual([
      {
        namespace: ns,
        primary: 'web',
        color: 'green',
        workload: 'web-green',
        previous: 'web',
        services: ['web'],
        previews: ['web-preview'],
      },
    ]);
    const green = (await getDeployment(ns, 'web-green'))!;
    expect(green.spec.replicas).toBe(2);
    expect(green.status?.readyReplicas).toBe(2);
    expect(green.spec.selector.matchLabels).toEqual({ app: 'web', color: 'green' });
    expect(green.spec.template.metadata.labels).toEqual({ app: 'web', color: 'green' });
    expect(imageOf(green)).toBe('registry.example.com/web:v2');
    const preview = (await getService(ns, 'web-preview'))!;
    expect(preview.spec.selector).toEqual({ app: 'web', color: 'green' });
    expect(preview.spec.ports).toMatchObject([{ name: 'http', port: 80, targetPort: 8080 }]);
    expect(preview.spec.type).toBe('ClusterIP');
    // The live Service is held to the plain Deployment's pods: green's pods carry app=web too.
    const live = (await getService(ns, 'web'))!;
    expect(live.spec.selector).toEqual({ app: 'web', 'pod-template-hash': expect.stringMatching(/^[a-z0-9]+$/) });
    expect(live.metadata.annotations?.['gitops-delivery/live-color']).toBeUndefined();
    expect(live.spec.ports).toEqual(liveBefore.spec.ports);
    const selected = await podsSelectedBy(ns, live.spec.selector);
    expect(selected).toHaveLength(2);
    expect(selected.filter((name) => name.startsWith('pod/web-green-'))).toEqual([]);
    // Without the pin, green's two pods would be selected too.
    expect(await podsSelectedBy(ns, liveBefore.spec.selector)).toHaveLength(4);
    expect(deployed.summary).toMatch(/service\/web in s\d+ is held to the pods of the plain web \(pod-template-hash \w+\) until promote/);
    expect(imageOf(await getDeployment(ns, 'web'))).toBe('registry.example.com/web:v1');

    const promoted = await deploy(v2, ns, { strategy: 'blue-green', action: 'promote' });
    expect(promoted.code).toBe(0);
    expect(promoted.outputs).toMatchObject({ result: 'succeeded', color: 'green' });
    const switched = (await getService(ns, 'web'))!;
    expect(switched.spec.selector).toEqual({ app: 'web', color: 'green' });
    expect(switched.metadata.annotations?.['gitops-delivery/live-color']).toBe('green');
    expect(switched.spec.ports).toMatchObject([{ name: 'http', port: 80 }]);
    expect(await getDeployment(ns, 'web')).toBeUndefined();
    expect(await getService(ns, 'web-preview')).toBeUndefined();
    expect((await getDeployment(ns, 'web-green'))!.status?.readyReplicas).toBe(2);
    expect(promoted.summary).toMatch(/- service\/web in s\d+: from the plain web to \*\*green\*\*/);
    expect(promoted.summary).toMatch(/\*\*Deleted\*\*\n\n- deployment\.apps\/web in s\d+\n- service\/web-preview in s\d+/);

    // Promote again: green is already live, nothing moves, nothing is lost.
    const again = await deploy(v2, ns, { strategy: 'blue-green', action: 'promote' });
    expect(again.code).toBe(0);
    expect(again.summary).toContain('green is already live; nothing to switch.');
    expect((await getService(ns, 'web'))!.spec.selector).toEqual({ app: 'web', color: 'green' });
    expect(await getDeployment(ns, 'web-green')).toBeDefined();

    // Second cycle: blue, beside the live green.
    const v3 = await revision('registry.example.com/web:v3', { replicas: 2 });
    const blue = await deploy(v3, ns, { strategy: 'blue-green' });
    expect(blue.outputs).toMatchObject({ result: 'succeeded', color: 'blue' });
    expect(JSON.parse(blue.outputs['blue-green-workloads'])[0]).toMatchObject({ workload: 'web-blue', previous: 'web-green' });
    expect((await getService(ns, 'web-preview'))!.spec.selector).toEqual({ app: 'web', color: 'blue' });
    expect((await getService(ns, 'web'))!.spec.selector).toEqual({ app: 'web', color: 'green' });
    expect(imageOf(await getDeployment(ns, 'web-blue'))).toBe('registry.example.com/web:v3');

    const toBlue = await deploy(v3, ns, { strategy: 'blue-green', action: 'promote' });
    expect(toBlue.outputs).toMatchObject({ result: 'succeeded', color: 'blue' });
    const live3 = (await getService(ns, 'web'))!;
    expect(live3.spec.selector).toEqual({ app: 'web', color: 'blue' });
    expect(live3.metadata.annotations?.['gitops-delivery/live-color']).toBe('blue');
    expect(await getDeployment(ns, 'web-green')).toBeUndefined();
    expect(toBlue.summary).toMatch(/- service\/web in s\d+: from green to \*\*blue\*\*/);

    // Third cycle, rejected: green comes and goes, blue keeps serving.
    const v4 = await revision('registry.example.com/web:v4', { replicas: 2 });
    expect((await deploy(v4, ns, { strategy: 'blue-green' })).outputs.color).toBe('green');
    expect(await getDeployment(ns, 'web-green')).toBeDefined();
    for (const attempt of [1, 2]) {
      const reject = await deploy(v4, ns, { strategy: 'blue-green', action: 'reject' });
      expect(reject.code).toBe(0);
      expect(reject.outputs).toMatchObject({ result: 'succeeded', color: 'green' });
      if (attempt === 1)
        expect(reject.summary).toMatch(/\*\*Deleted\*\*\n\n- deployment\.apps\/web-green in s\d+\n- service\/web-preview in s\d+/);
      else expect(reject.summary).toContain('No new colour or preview was left to delete.');
    }
    expect(await getDeployment(ns, 'web-green')).toBeUndefined();
    expect(await getService(ns, 'web-preview')).toBeUndefined();
    expect((await getService(ns, 'web'))!.spec.selector).toEqual({ app: 'web', color: 'blue' });
    expect(imageOf(await getDeployment(ns, 'web-blue'))).toBe('registry.example.com/web:v3');
  }, 150_000);

  it('does not switch to a colour that is not ready', async () => {
    const ns = freshNamespace();
    await production(ns, 1);
    const broken = await revision('registry.example.com/web:missing', { replicas: 1 });
    const deployed = await deploy(broken, ns, { strategy: 'blue-green', timeout: '2s' });
    expect(deployed.code).toBe(1);
    expect(deployed.outputs.result).toBe('failed');
    expect(deployed.stdout).toContain("the live Services are unchanged, the new colour is left for inspection: action 'reject' removes it");
    const promoted = await deploy(broken, ns, { strategy: 'blue-green', action: 'promote', timeout: '2s' });
    expect(promoted.code).toBe(1);
    expect(promoted.stdout).toContain('not switched: the live Services still serve the old colour');
    expect((await getService(ns, 'web'))!.spec.selector).toEqual({ app: 'web', 'pod-template-hash': expect.any(String) });
    expect(await getDeployment(ns, 'web')).toBeDefined();

    // Rejected: the new colour goes and the live Service selects by the app's labels again.
    const rejected = await deploy(broken, ns, { strategy: 'blue-green', action: 'reject' });
    expect(rejected.code).toBe(0);
    expect(rejected.summary).toMatch(/service\/web in s\d+ selects the plain web's pods by its labels again/);
    expect((await getService(ns, 'web'))!.spec.selector).toEqual({ app: 'web' });
    expect(await getDeployment(ns, 'web-green')).toBeUndefined();
  });

  it('switches the live Service back when the rest of the candidate fails after the switch', async () => {
    const ns = freshNamespace();
    await production(ns, 1);
    const migrate =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: registry.example.com/migrate:crash}]\n';
    const candidate = await tempDirWith('strategies-workspace', {
      'k8s/web.yaml': `${deployment('registry.example.com/web:v2', 1)}---\n${SERVICE}`,
      'k8s/settings.yaml': settings('hello'),
      'k8s/migrate.yaml': migrate,
    });
    expect((await deploy(candidate, ns, { strategy: 'blue-green' })).code).toBe(0);
    const pinned = (await getService(ns, 'web'))!;

    const promoted = await deploy(candidate, ns, { strategy: 'blue-green', action: 'promote', timeout: '20s' });
    expect(promoted.code).toBe(1);
    expect(promoted.outputs.result).toBe('rolled-back');
    expect(promoted.stdout).toMatch(
      /::error::deploy-candidate: switched to the new colour, but 1 of 1 workloads did not roll out \(job\.batch\/migrate in s\d+ failed: .*\); the live Services were switched back to what served before, which still runs/,
    );
    expect(promoted.stdout).toMatch(/service\/web in s\d+ serves the plain web again/);
    expect(promoted.summary).toContain('the candidate failed, the live Services serve what served before again');
    expect(promoted.summary).toMatch(/> service\/web in s\d+: switched back to the plain web\./);
    const live = (await getService(ns, 'web'))!;
    expect(live.spec.selector).toEqual(pinned.spec.selector);
    expect(live.metadata.annotations?.['gitops-delivery/live-color']).toBeUndefined();
    expect(live.spec.ports).toMatchObject([{ name: 'http', port: 80 }]);
    // Nothing was deleted: the plain Deployment still serves, green waits for inspection.
    expect((await getDeployment(ns, 'web'))!.status?.readyReplicas).toBe(1);
    expect(await getDeployment(ns, 'web-green')).toBeDefined();
    expect(await getService(ns, 'web-preview')).toBeDefined();
  });
});

describe('input checks', () => {
  it('refuses a bad canary-percentage and promote or reject with the rolling strategy', async () => {
    const ns = freshNamespace();
    const workspace = await revision('registry.example.com/web:v1');
    const cases: [Record<string, string>, RegExp][] = [
      [
        { strategy: 'canary', 'canary-percentage': '0' },
        /input 'canary-percentage': '0' is not a percentage; expected a whole number from 1 to 100/,
      ],
      [{ strategy: 'canary', 'canary-percentage': '150' }, /input 'canary-percentage': '150' is not a percentage/],
      [{ strategy: 'canary', 'canary-percentage': 'ten' }, /input 'canary-percentage': 'ten' is not a percentage/],
      [{ action: 'promote' }, /input 'action': 'promote' finishes a canary or blue-green deployment, but strategy is 'rolling'/],
      [{ strategy: 'rolling', action: 'reject' }, /input 'action': 'reject' finishes a canary or blue-green deployment/],
      [{ strategy: 'sideways' }, /input 'strategy': 'sideways' is not supported; expected one of rolling, canary, blue-green/],
      [{ strategy: 'canary', action: 'abort' }, /input 'action': 'abort' is not supported; expected one of deploy, promote, reject/],
    ];
    const runs = await Promise.all(cases.map(([inputs]) => deploy(workspace, ns, inputs)));
    runs.forEach((run, i) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`^::error::deploy-candidate: ${cases[i][1].source}`, 'm'));
    });
    expect(sim.list('Deployment', ns)).toEqual([]);
  });
});
