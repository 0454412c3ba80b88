// kube-sim as the real kubectl sees it: every test drives /usr/bin/kubectl
// (the version dispatcher) against a simulator and checks what it prints and
// what the simulator stored.
import { execFile, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startRegistry, type StartedRegistry } from '../support/registry.js';
import { tempDir } from '../support/temp.js';
import { startKubeSim, type ImageRule, type KubeObject, type KubeSim } from './index.mjs';
import { deployment, kubectlFor, ociLayout, type Kubectl } from './support.js';

const exec = promisify(execFile);

let registry: StartedRegistry;
let sim: KubeSim;
let kubectl: Kubectl;
let pushedDigest: string;

const RULES: ImageRule[] = [
  { image: '*/crasher:*', behavior: 'crashloop', logs: ['booting', 'panic: config file /etc/app.yaml not found'] },
  { image: /never-ready/, behavior: 'never-ready' },
  { image: 'example.com/slow:*', behavior: 'slow', readyAfterMs: 1200 },
];

beforeAll(async () => {
  registry = await startRegistry();
  const layout = await tempDir('oci');
  pushedDigest = await ociLayout(layout, 'v1');
  await exec('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${layout}:v1`, `docker://${registry.host}/shop/web:v1`]);
  sim = await startKubeSim({ registries: [registry.host], rules: RULES });
  kubectl = kubectlFor(sim.kubeconfigPath, await tempDir('kubectl-cache'));
});

afterAll(async () => {
  await sim?.close();
  await registry?.close();
});

/** kubectl that must succeed; its stdout. */
async function ok(args: string[], stdin?: string): Promise<string> {
  const run = await kubectl(args, { stdin });
  if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

const json = async (args: string[]): Promise<KubeObject> => JSON.parse(await ok([...args, '-o', 'json']));

const podsOf = (app: string) => sim.list('Pod', 'default', { labelSelector: `app=${app}` });

describe('discovery', () => {
  test('kubectl version: the dispatcher runs the kubectl matching the reported server version', async () => {
    const version = await json(['version']);
    expect(version.serverVersion).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.0' });
    // The dispatcher is itself a 1.32 client, so for a 1.32 server it runs no other binary.
    expect(version.clientVersion.gitVersion).toMatch(/^v1\.32\.\d+-dispatcher$/);
  });

  test('kubectl api-resources lists every simulated kind from aggregated discovery', async () => {
    const out = await ok(['api-resources', '--no-headers']);
    const rows = out
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/));
    const byName = new Map(rows.map((r) => [r[0], r]));
    for (const [name, apiVersion] of [
      ['deployments', 'apps/v1'],
      ['statefulsets', 'apps/v1'],
      ['jobs', 'batch/v1'],
      ['cronjobs', 'batch/v1'],
      ['ingresses', 'networking.k8s.io/v1'],
      ['horizontalpodautoscalers', 'autoscaling/v2'],
      ['events', 'v1'],
    ]) {
      expect(byName.get(name)).toContain(apiVersion);
    }
    expect(byName.get('deployments')).toContain('deploy');
    const discovery = sim.requests.filter((r) => r.path === '/apis' && r.userAgent.startsWith('kubectl/'));
    expect(discovery.length).toBeGreaterThan(0);
  });

  test('a kind the server lacks gets kubectl\'s "no matches for kind" error', async () => {
    const manifest = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';
    for (const args of [
      ['apply', '-f', '-'],
      ['apply', '--server-side', '-f', '-'],
    ]) {
      const run = await kubectl(args, { stdin: manifest });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"',
      );
    }
  });
});

describe('apply and roll out', () => {
  const config = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\ndata:\n  mode: fast\n';
  const service =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  selector: {app: shop}\n  ports: [{port: 80, targetPort: 8080}]\n';

  test('client-side apply creates, rolls out, and a second apply patches by merge key', async () => {
    const first = [config, deployment('shop', 'nginx:1.25', { replicas: 3, env: { A: '1', B: '2' } }), service].join('---\n');
    expect(await ok(['apply', '-f', '-'], first)).toBe(
      'configmap/shop-config created\ndeployment.apps/shop created\nservice/shop created\n',
    );
    expect(await ok(['rollout', 'status', 'deployment/shop', '--timeout=20s'])).toContain('deployment "shop" successfully rolled out');

    const live = await json(['get', 'deploy', 'shop']);
    expect(live.metadata).toMatchObject({ generation: 1, annotations: { 'deployment.kubernetes.io/revision': '1' } });
    expect(live.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(live.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(live.status.conditions.map((c: KubeObject) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    expect(sim.get('Service', 'default', 'shop')?.spec.clusterIP).toMatch(/^10\.96\./);
    expect(sim.get('deploy', 'default', 'shop')?.metadata.managedFields[0]).toMatchObject({
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
    });

    // B removed, C added, a new image: kubectl sends a strategic merge patch keyed by env name.
    const second = deployment('shop', 'nginx:1.26', { replicas: 3, env: { A: '1', C: '3' } });
    expect(await ok(['apply', '-f', '-'], second)).toBe('deployment.apps/shop configured\n');
    const patch = sim.requests.findLast((r) => r.method === 'PATCH' && r.path.endsWith('/deployments/shop'));
    expect(patch?.query).toContain('fieldManager=kubectl-client-side-apply');
    expect(await ok(['rollout', 'status', 'deployment/shop', '--timeout=20s'])).toContain('successfully rolled out');
    const rolled = sim.get('Deployment', 'default', 'shop');
    expect(rolled?.metadata.generation).toBe(2);
    expect(rolled?.spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'C', value: '3' },
    ]);
    const sets = sim.list('ReplicaSet', 'default', { labelSelector: 'app=shop' });
    expect(sets.map((rs) => [rs.metadata.annotations['deployment.kubernetes.io/revision'], rs.spec.replicas]).sort()).toEqual([
      ['1', 0],
      ['2', 3],
    ]);
    expect(podsOf('shop').every((p) => p.spec.containers[0].image === 'nginx:1.26')).toBe(true);
  });

  test('server-side apply records its manager, conflicts after kubectl set image, and --force-conflicts wins', async () => {
    const manifests = [
      config.replaceAll('shop-config', 'cart-config'),
      deployment('cart', 'nginx:1.25'),
      service.replaceAll('shop', 'cart'),
    ].join('---\n');
    const applied = await ok(['apply', '--server-side', '--field-manager=x', '-f', '-'], manifests);
    expect(applied).toBe(
      'configmap/cart-config serverside-applied\ndeployment.apps/cart serverside-applied\nservice/cart serverside-applied\n',
    );
    expect(await ok(['rollout', 'status', 'deployment/cart', '--timeout=20s'])).toContain('successfully rolled out');
    const fields = sim.get('Deployment', 'default', 'cart')?.metadata.managedFields;
    expect(fields.find((f: KubeObject) => f.manager === 'x')).toMatchObject({
      operation: 'Apply',
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1',
    });
    expect(fields.find((f: KubeObject) => f.manager === 'x').fieldsV1['f:spec']['f:template']['f:spec']['f:containers']).toHaveProperty([
      'k:{"name":"app"}',
      'f:image',
    ]);

    // kubectl set image sends a strategic merge patch and takes the field over.
    expect(await ok(['set', 'image', 'deployment/cart', 'app=nginx:1.27'])).toBe('deployment.apps/cart image updated\n');
    expect(sim.get('Deployment', 'default', 'cart')?.spec.template.spec.containers[0].image).toBe('nginx:1.27');

    const conflicted = await kubectl(['apply', '--server-side', '--field-manager=x', '-f', '-'], { stdin: manifests });
    expect(conflicted.code).toBe(1);
    expect(conflicted.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1: .spec.template.spec.containers[name="app"].image',
    );

    await ok(['apply', '--server-side', '--field-manager=x', '--force-conflicts', '-f', '-'], manifests);
    expect(sim.get('Deployment', 'default', 'cart')?.spec.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(await ok(['rollout', 'status', 'deployment/cart', '--timeout=20s'])).toContain('successfully rolled out');
  });

  test('kubectl patch --type merge bumps the generation and scales', async () => {
    const before = sim.get('Deployment', 'default', 'cart');
    expect(await ok(['patch', 'deployment', 'cart', '--type', 'merge', '-p', '{"spec":{"replicas":3}}'])).toBe(
      'deployment.apps/cart patched\n',
    );
    const after = sim.get('Deployment', 'default', 'cart');
    expect(after?.metadata.generation).toBe(before?.metadata.generation + 1);
    expect(Number(after?.metadata.resourceVersion)).toBeGreaterThan(Number(before?.metadata.resourceVersion));
    await sim.waitFor('Deployment', 'default', 'cart', (d) => d.status.readyReplicas === 3);
    expect(podsOf('cart')).toHaveLength(3);
  });

  test('label selectors, equality and set-based, select pods', async () => {
    const names = async (selector: string) => (await ok(['get', 'pods', '-l', selector, '-o', 'name'])).trim().split('\n').filter(Boolean);
    const shop = await names('app=shop');
    expect(shop).toHaveLength(3);
    expect(await names('app in (shop,cart),tier=web')).toHaveLength(6);
    expect(await names('app notin (shop),tier')).toEqual((await names('app=cart')).sort());
    expect(await names('!tier')).toEqual([]);
    const list = await json(['get', 'pods', '--field-selector', 'metadata.name=' + shop[0].slice('pod/'.length)]);
    expect(list.items).toHaveLength(1);
  });
});

describe('failures kubectl must report', () => {
  test('an image present in the real registry runs; a missing tag ends in ImagePullBackOff', async () => {
    await ok(['apply', '-f', '-'], deployment('pulled', `${registry.host}/shop/web:v1`, { replicas: 1 }));
    await ok(['rollout', 'status', 'deployment/pulled', '--timeout=20s']);
    expect(podsOf('pulled')[0].status.containerStatuses[0].imageID).toBe(`${registry.host}/shop/web@${pushedDigest}`);

    await ok(['apply', '-f', '-'], deployment('unpulled', `${registry.host}/shop/web:v404`, { replicas: 1 }));
    const waiting = await sim.waitUntil(
      () => podsOf('unpulled').find((p) => p.status.containerStatuses?.[0].state.waiting?.reason === 'ImagePullBackOff'),
      { what: 'ImagePullBackOff' },
    );
    const pod = await json(['get', 'pod', waiting.metadata.name]);
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses[0]).toMatchObject({
      ready: false,
      restartCount: 0,
      state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${registry.host}/shop/web:v404"` } },
    });
    const events = await json(['get', 'events', '--field-selector', `involvedObject.name=${waiting.metadata.name}`]);
    const failed = events.items.find((e: KubeObject) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'));
    expect(failed).toMatchObject({
      type: 'Warning',
      source: { component: 'kubelet' },
      involvedObject: { kind: 'Pod', fieldPath: 'spec.containers{app}' },
    });
    expect(failed.message).toContain('manifest unknown');
    const logs = await kubectl(['logs', waiting.metadata.name]);
    expect(logs.stderr).toContain('is waiting to start: trying and failing to pull image');
    // The registry was really asked.
    expect(registry.log()).not.toContain('fatal');
  });

  test('a crash-looping image: CrashLoopBackOff, rising restarts, logs and events', async () => {
    await ok(['apply', '-f', '-'], deployment('crasher', 'example.com/team/crasher:2', { replicas: 1 }));
    const crashed = await sim.waitUntil(
      () =>
        podsOf('crasher').find(
          (p) =>
            p.status.containerStatuses?.[0].restartCount >= 3 && p.status.containerStatuses[0].state.waiting?.reason === 'CrashLoopBackOff',
        ),
      { what: 'three restarts' },
    );
    const name = crashed.metadata.name;
    // Read first, within the back-off (1.6 s after a third crash): later the container runs again for a moment.
    expect(await ok(['get', 'pod', name, '--no-headers'])).toMatch(new RegExp(`^${name}\\s+0/1\\s+CrashLoopBackOff\\s+[3-9]`));
    const status = (await json(['get', 'pod', name])).status.containerStatuses[0];
    expect(status.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status.state.waiting.message).toMatch(/^back-off \d+s restarting failed container=app pod=crasher-/);

    expect(await ok(['logs', name, '--previous', '--tail=1'])).toBe('panic: config file /etc/app.yaml not found\n');
    expect(await ok(['logs', `deployment/crasher`])).toBe('booting\npanic: config file /etc/app.yaml not found\n');

    const table = await ok(['get', 'events', '--field-selector', `involvedObject.name=${name}`]);
    expect(table).toMatch(/LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/);
    expect(table).toMatch(
      new RegExp(`Warning\\s+BackOff\\s+pod/${name}\\s+Back-off restarting failed container app in pod ${name}_default`),
    );
    expect(table).toMatch(/Normal\s+Started/);
    const backOff = sim.events('default', { involvedName: name }).find((e) => e.reason === 'BackOff');
    expect(backOff?.count).toBeGreaterThanOrEqual(2);
  });

  test('rollout status reports ProgressDeadlineExceeded when pods never become ready', async () => {
    await ok(['apply', '-f', '-'], deployment('stalled', 'example.com/never-ready:1', { replicas: 2, progressDeadlineSeconds: 1 }));
    const started = Date.now();
    const run = await kubectl(['rollout', 'status', 'deployment/stalled', '--timeout=20s']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: deployment "stalled" exceeded its progress deadline');
    expect(Date.now() - started).toBeLessThan(8000);
    const progressing = sim.get('Deployment', 'default', 'stalled')?.status.conditions.find((c: KubeObject) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(podsOf('stalled').every((p) => p.status.phase === 'Running' && !p.status.containerStatuses[0].ready)).toBe(true);
  });
});

describe('scripted pod troubles without kubectl', () => {
  test('unschedulable pods stay Pending; a missing image fails to pull without a registry', async () => {
    sim.setRules([
      ...RULES,
      { image: 'example.com/huge:*', behavior: 'unschedulable' },
      { image: 'example.com/gone:*', behavior: 'missing' },
    ]);
    try {
      for (const [name, image] of [
        ['huge', 'example.com/huge:1'],
        ['gone', 'example.com/gone:1'],
      ]) {
        sim.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace: 'default' },
          spec: { containers: [{ name: 'c', image }] },
        });
      }
      const huge = await sim.waitFor('Pod', 'default', 'huge', (p) => p.status.conditions?.[0]?.reason === 'Unschedulable');
      expect(huge.spec.nodeName).toBeUndefined();
      expect(huge.status).toMatchObject({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] });
      expect(sim.events('default', { involvedName: 'huge' }).map((e) => [e.type, e.reason, e.source.component])).toEqual([
        ['Warning', 'FailedScheduling', 'default-scheduler'],
      ]);
      const gone = await sim.waitFor(
        'Pod',
        'default',
        'gone',
        (p) => p.status.containerStatuses?.[0].state.waiting?.reason === 'ErrImagePull',
      );
      expect(gone.status.containerStatuses[0].state.waiting.message).toContain('example.com/gone:1: not found: manifest unknown');
    } finally {
      sim.setRules(RULES);
    }
  });
});

describe('workloads beyond Deployments', () => {
  test('a Job completes and kubectl wait sees it', async () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: busybox:1.36}]\n';
    await ok(['apply', '-f', '-'], job);
    expect(await ok(['wait', '--for=condition=complete', 'job/migrate', '--timeout=20s'])).toBe('job.batch/migrate condition met\n');
    const done = sim.get('Job', 'default', 'migrate');
    expect(done?.status).toMatchObject({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    expect(done?.status.completionTime).toBeDefined();
    expect(sim.list('Pod', 'default', { labelSelector: 'job-name=migrate' })[0].status.phase).toBe('Succeeded');
  });

  test("a Job's pods end as their command says, with their output in kubectl logs", async () => {
    const job = (name: string, script: string, backoffLimit = 0) => `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
  backoffLimit: ${backoffLimit}
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: tests
          image: example.com/tests:1
          env: [{name: TARGET, value: 'http://web'}]
          command: ['/bin/sh', '-c', ${JSON.stringify(script)}]
`;
    await ok(
      ['apply', '-f', '-'],
      `${job('smoke', 'echo "testing $TARGET"; echo passed')}---\n${job('e2e', 'echo "FAIL: cart" >&2; exit 3', 1)}`,
    );
    expect(await ok(['wait', '--for=condition=complete', 'job/smoke', '--timeout=20s'])).toBe('job.batch/smoke condition met\n');
    expect(await ok(['logs', 'job/smoke'])).toBe('testing http://web\npassed\n');
    expect(await ok(['wait', '--for=condition=failed', 'job/e2e', '--timeout=20s'])).toBe('job.batch/e2e condition met\n');
    const pods = sim.list('Pod', 'default', { labelSelector: 'job-name=e2e' });
    expect(pods.map((pod) => [pod.status.phase, pod.status.containerStatuses[0].state.terminated.exitCode])).toEqual([
      ['Failed', 3],
      ['Failed', 3],
    ]);
    expect(await ok(['logs', pods[0].metadata.name])).toBe('FAIL: cart\n');
    expect(sim.get('Job', 'default', 'e2e')?.status).toMatchObject({
      failed: 2,
      conditions: [{ type: 'Failed', reason: 'BackoffLimitExceeded' }],
    });
  });

  test('a rule decides what the Job pods of an image print and how they exit', async () => {
    sim.setRules([{ image: 'example.com/scripted:*', behavior: 'run', exitCode: 2, logs: ['checked 3 endpoints', '1 failed'] }, ...RULES]);
    try {
      await ok(
        ['apply', '-f', '-'],
        'apiVersion: batch/v1\nkind: Job\nmetadata: {name: ruled}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: example.com/scripted:1, command: [sh, -c, "exit 0"]}]\n',
      );
      await ok(['wait', '--for=condition=failed', 'job/ruled', '--timeout=20s']);
      expect(await ok(['logs', 'job/ruled'])).toBe('checked 3 endpoints\n1 failed\n');
    } finally {
      sim.setRules(RULES);
    }
  });

  test('a StatefulSet and a DaemonSet roll out', async () => {
    const manifests = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: fluent-bit:3}]
`;
    await ok(['apply', '-f', '-'], manifests);
    expect(await ok(['rollout', 'status', 'statefulset/db', '--timeout=20s'])).toMatch(
      /statefulset rolling update complete 2 pods at revision db-\w+\.\.\./,
    );
    expect(await ok(['rollout', 'status', 'daemonset/agent', '--timeout=20s'])).toContain('daemon set "agent" successfully rolled out');
    await ok(['set', 'image', 'statefulset/db', 'db=postgres:17']);
    expect(await ok(['rollout', 'status', 'statefulset/db', '--timeout=20s'])).toContain('statefulset rolling update complete 2 pods');
    const db = sim.get('StatefulSet', 'default', 'db');
    expect(db?.status.currentRevision).toBe(db?.status.updateRevision);
    expect(sim.list('Pod', 'default', { labelSelector: 'app=db' }).map((p) => [p.metadata.name, p.spec.containers[0].image])).toEqual([
      ['db-0', 'postgres:17'],
      ['db-1', 'postgres:17'],
    ]);
    expect(sim.get('DaemonSet', 'default', 'agent')?.status).toMatchObject({
      desiredNumberScheduled: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
    });
  });

  test('kubectl delete cascades to ReplicaSets and pods; a namespace takes its contents along', async () => {
    expect(podsOf('shop').length).toBeGreaterThan(0);
    expect(await ok(['delete', 'deployment', 'shop'])).toBe('deployment.apps "shop" deleted\n');
    expect(sim.list('ReplicaSet', 'default', { labelSelector: 'app=shop' })).toEqual([]);
    expect(podsOf('shop')).toEqual([]);

    await ok(['create', 'namespace', 'doomed']);
    await ok(['apply', '-n', 'doomed', '-f', '-'], deployment('inside', 'nginx:1.25', { replicas: 1 }));
    await sim.waitUntil(() => sim.list('Pod', 'doomed').length === 1);
    expect(await ok(['delete', 'namespace', 'doomed', '--timeout=20s'])).toBe('namespace "doomed" deleted\n');
    expect(sim.get('Namespace', undefined, 'doomed')).toBeUndefined();
    expect(sim.list('Deployment', 'doomed')).toEqual([]);
    expect(sim.list('Pod', 'doomed')).toEqual([]);
  });

  test("kubectl's imperative commands, which send protobuf, create what they describe", async () => {
    await ok(['create', 'namespace', 'imperative']);
    const n = ['-n', 'imperative'];
    await ok([...n, 'create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=empty=']);
    await ok([...n, 'create', 'secret', 'generic', 'creds', '--from-literal=password=hunter2']);
    await ok([...n, 'create', 'deployment', 'api', '--image=nginx:1.25', '--replicas=2', '--port=8080']);
    await ok([...n, 'create', 'deployment', 'idle', '--image=nginx:1.25', '--replicas=0']);
    await ok([...n, 'expose', 'deployment', 'api', '--port=80', '--target-port=8080']);
    await ok([...n, 'run', 'once', '--image=busybox:1.36', '--restart=Never', '--labels=purpose=test', '--env=A=1', '--', 'echo', 'hi']);
    await ok([...n, 'create', 'job', 'seed', '--image=busybox:1.36']);
    await ok([...n, 'create', 'ingress', 'front', '--rule=shop.example.com/=api:80']);

    expect(sim.get('ConfigMap', 'imperative', 'settings')?.data).toEqual({ mode: 'fast', empty: '' });
    expect(sim.get('Secret', 'imperative', 'creds')?.data).toEqual({ password: Buffer.from('hunter2').toString('base64') });
    const api = sim.get('Deployment', 'imperative', 'api');
    expect(api?.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'api' } } });
    expect(api?.spec.template.spec.containers).toEqual([
      expect.objectContaining({ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 8080, protocol: 'TCP' }] }),
    ]);
    expect(api?.spec.template.spec.containers[0]).not.toHaveProperty('stdin');
    expect(sim.get('Deployment', 'imperative', 'idle')?.spec.replicas).toBe(0);
    expect(sim.get('Service', 'imperative', 'api')?.spec).toMatchObject({
      selector: { app: 'api' },
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
    expect(sim.get('Pod', 'imperative', 'once')?.spec.containers[0]).toMatchObject({
      args: ['echo', 'hi'],
      env: [{ name: 'A', value: '1' }],
    });
    expect(sim.get('Ingress', 'imperative', 'front')?.spec.rules[0]).toMatchObject({
      host: 'shop.example.com',
      http: { paths: [{ path: '/', backend: { service: { name: 'api', port: { number: 80 } } } }] },
    });
    expect(await ok([...n, 'rollout', 'status', 'deployment/api', '--timeout=20s'])).toContain('successfully rolled out');
    expect(await ok([...n, 'wait', '--for=condition=complete', 'job/seed', '--timeout=20s'])).toContain('condition met');
  });

  test('API errors come back as Status objects kubectl prints', async () => {
    const again = await kubectl(['create', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cart-config\n' });
    expect(again.stderr).toContain(
      'Error from server (AlreadyExists): error when creating "STDIN": configmaps "cart-config" already exists',
    );
    const missing = await kubectl(['get', 'deployment', 'nope']);
    expect(missing.stderr).toContain('Error from server (NotFound): deployments.apps "nope" not found');
    const mismatched = deployment('odd', 'nginx:1.25').replace('labels: {app: odd, tier: web}', 'labels: {app: other}');
    const invalid = await kubectl(['apply', '-f', '-'], { stdin: mismatched });
    expect(invalid.stderr).toContain(
      'The Deployment "odd" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
  });
});

describe('watch', () => {
  /** Opens a raw watch and collects the events until `count` have arrived. */
  function watchEvents(path: string, count: number): Promise<{ type: string; object: KubeObject }[]> {
    return new Promise((resolve, reject) => {
      const events: { type: string; object: KubeObject }[] = [];
      const req = request(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${sim.token}` } }, (res) => {
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          let newline;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            events.push(JSON.parse(buffer.slice(0, newline)));
            buffer = buffer.slice(newline + 1);
            if (events.length === count) {
              req.destroy();
              resolve(events);
            }
          }
        });
      });
      req.on('error', (e) => (events.length === count ? undefined : reject(e)));
      req.end();
    });
  }

  test('a watch from a resourceVersion streams what happens to the selected objects', async () => {
    const from = sim.resourceVersion();
    const events = watchEvents(`/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${from}&labelSelector=watched%3Dyes`, 4);
    await ok(['create', 'configmap', 'w1', '--from-literal=k=v']);
    await ok(['label', 'configmap', 'w1', 'watched=yes']);
    await ok(['patch', 'configmap', 'w1', '--type', 'merge', '-p', '{"data":{"k":"v2"}}']);
    await ok(['label', 'configmap', 'w1', 'watched-']);
    await ok(['label', 'configmap', 'w1', 'watched=yes']);
    await ok(['delete', 'configmap', 'w1']);
    // Not selected at creation; entering the selection looks like ADDED, leaving it like DELETED.
    expect((await events).map((e) => [e.type, e.object.data?.k])).toEqual([
      ['ADDED', 'v'],
      ['MODIFIED', 'v2'],
      ['DELETED', 'v2'],
      ['ADDED', 'v2'],
    ]);
  });

  test('dropWatches cuts open watches at once', async () => {
    const closed = new Promise<void>((resolve) => {
      const req = request(`${sim.url}/api/v1/namespaces/default/pods?watch=1`, (res) => {
        res.resume();
        res.on('close', resolve);
      });
      req.on('error', () => resolve());
      req.end();
    });
    await sim.waitUntil(() => sim.requests.some((r) => r.query === '?watch=1' && r.status === 0), { what: 'the watch to open' });
    expect(sim.dropWatches()).toBeGreaterThanOrEqual(1);
    await closed;
  });

  test('kubectl get --watch prints rows as pods change', async () => {
    const watching = kubectl(['get', 'pods', '-l', 'app=watched', '--watch', '--request-timeout=2s'], { timeoutMs: 10_000 });
    await sim.waitUntil(() => sim.requests.some((r) => r.query.includes('watch=true') && r.query.includes('app%3Dwatched')), {
      what: 'the watch request',
    });
    await ok(['apply', '-f', '-'], deployment('watched', 'nginx:1.25', { replicas: 1 }));
    await ok(['rollout', 'status', 'deployment/watched', '--timeout=20s']);
    const { stdout } = await watching;
    expect(stdout).toMatch(/watched-\w+-\w+\s+0\/1\s+(Pending|ContainerCreating)/);
    expect(stdout).toMatch(/watched-\w+-\w+\s+1\/1\s+Running/);
  });
});

describe('faults', () => {
  test('503 without Retry-After fails kubectl visibly; with Retry-After kubectl retries and succeeds', async () => {
    sim.setFaults({ unavailable: { count: 1, path: '/api/v1/namespaces/default/configmaps/cart-config' } });
    const failed = await kubectl(['get', 'configmap', 'cart-config']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Error from server (ServiceUnavailable): the server is currently unable to handle the request');

    sim.setFaults({ unavailable: { count: 2, path: '/api/v1/namespaces/default/configmaps/cart-config', retryAfterSeconds: 1 } });
    const retried = await kubectl(['get', 'configmap', 'cart-config', '-o', 'name']);
    expect(retried).toMatchObject({ code: 0, stdout: 'configmap/cart-config\n' });
    expect(sim.faults().unavailable?.count).toBe(0);
    const statuses = sim.requests.filter((r) => r.path === '/api/v1/namespaces/default/configmaps/cart-config').map((r) => r.status);
    expect(statuses.slice(-3)).toEqual([503, 503, 200]);
    sim.setFaults({});
  });

  test('added latency delays every response', async () => {
    sim.setFaults({ latencyMs: 250 });
    try {
      const started = Date.now();
      expect((await fetch(`${sim.url}/version`)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      sim.setFaults({});
    }
  });

  test('rollout status survives watches cut every 300 ms', async () => {
    sim.setFaults({ dropWatchesAfterMs: 300 });
    try {
      const before = sim.requests.length;
      await ok(['apply', '-f', '-'], deployment('cut', 'example.com/slow:1', { replicas: 2 }));
      expect(await ok(['rollout', 'status', 'deployment/cut', '--timeout=20s'])).toContain('deployment "cut" successfully rolled out');
      const watches = sim.requests.slice(before).filter((r) => r.path.endsWith('/deployments') && r.query.includes('watch=true'));
      expect(watches.length).toBeGreaterThanOrEqual(2);
    } finally {
      sim.setFaults({});
    }
  });
});

describe('server versions', () => {
  test.each([
    [1, 29],
    [1, 33],
  ])('a %i.%i server gets the dispatcher to run the kubectl of that version, which applies and waits', async (major, minor) => {
    const other = await startKubeSim({ version: { major, minor } });
    try {
      const run = kubectlFor(other.kubeconfigPath, await tempDir(`kubectl-${minor}`));
      const version = JSON.parse((await run(['version', '-o', 'json'])).stdout);
      expect(version.serverVersion.gitVersion).toBe(`v${major}.${minor}.0`);
      expect(version.clientVersion.gitVersion).toMatch(new RegExp(`^v${major}\\.${minor}\\.\\d+$`));
      expect((await run(['apply', '-f', '-'], { stdin: deployment('v', 'nginx:1.25', { replicas: 1 }) })).stdout).toBe(
        'deployment.apps/v created\n',
      );
      expect((await run(['rollout', 'status', 'deployment/v', '--timeout=20s'])).stdout).toContain('successfully rolled out');
      const agents = new Set(other.requests.map((r) => r.userAgent.split(' ')[0]));
      expect(agents).toContain(`kubectl/${version.clientVersion.gitVersion}`);
    } finally {
      await other.close();
    }
  });
});

describe('command line', () => {
  test('npm run kube-sim: prints ready once it listens, serves kubectl, stops on SIGTERM', async () => {
    const dir = await tempDir('cli');
    const kubeconfig = join(dir, 'kubeconfig');
    const child = spawn(
      process.execPath,
      ['test/kube-sim/cli.mjs', '--kubeconfig', kubeconfig, '--server-version', '1.30', '--rule', 'crashloop=*crash*'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const started = Date.now();
      const ready = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (out.includes('\n')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`kube-sim exited ${code} before it was ready`)));
      });
      expect(ready).toMatch(/^kube-sim ready at http:\/\/127\.0\.0\.1:\d+ \(kubeconfig .*kubeconfig\)\n$/);
      expect(Date.now() - started).toBeLessThan(3000);
      const run = kubectlFor(kubeconfig, await tempDir('cli-cache'));
      const version = JSON.parse((await run(['version', '-o', 'json'])).stdout);
      expect(version.serverVersion.gitVersion).toBe('v1.30.0');
      expect(version.clientVersion.gitVersion).toMatch(/^v1\.30\./);
      await run(['apply', '-f', '-'], { stdin: deployment('crashy', 'example.com/crashy:1', { replicas: 1 }) });
      const rollout = await run(['rollout', 'status', 'deployment/crashy', '--timeout=2s']);
      expect(rollout.code).toBe(1);
      expect((await run(['get', 'pods', '--no-headers'])).stdout).toMatch(/crashy-\S+\s+0\/1\s+(CrashLoopBackOff|Error|Running)/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
