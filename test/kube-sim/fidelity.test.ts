// Where kube-sim must behave as the real cluster does for a test to mean
// anything: the scheduler's fit checks, probe defaults and the kubelet's
// probe events, the metadata the server drops, and the pod-template hash
// that lets `kubectl rollout undo` return to an old ReplicaSet.
import { tempDir } from '../support/temp.js';
import { startKubeSim, type KubeObject, type KubeSim } from './index.mjs';
import { deployment, kubectlFor, type Kubectl } from './support.js';

let sim: KubeSim;
let kubectl: Kubectl;

beforeAll(async () => {
  // Two nodes; spec durations run ten times faster (a 10 s probe period lasts 1 s).
  sim = await startKubeSim({ nodes: 2, timeScale: 10, rules: [{ image: '*never-ready*', behavior: 'never-ready' }] });
  kubectl = kubectlFor(sim.kubeconfigPath, await tempDir('kubectl-fidelity'));
});

afterAll(async () => {
  await sim?.close();
});

async function ok(args: string[], stdin?: string): Promise<string> {
  const run = await kubectl(args, { stdin });
  if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** A bare pod manifest. */
function pod(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
}

const schedulerSaid = (name: string) =>
  sim
    .events('default', { involvedName: name })
    .filter((e: KubeObject) => e.reason === 'FailedScheduling')
    .map((e: KubeObject) => e.message);

describe('the scheduler fits pods to nodes', () => {
  test("a pod asking for more CPU than any node has stays Pending with the scheduler's words", async () => {
    await ok(
      ['apply', '-f', '-'],
      pod('huge', { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '500' } } }] }),
    );
    const message =
      '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.';
    await sim.waitUntil(() => schedulerSaid('huge').length > 0, { what: 'FailedScheduling' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(schedulerSaid('huge')).toEqual([message]);
    const stored = sim.get('Pod', 'default', 'huge');
    expect(stored.spec.nodeName).toBeUndefined();
    expect(stored.status.phase).toBe('Pending');
    expect(stored.status.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }),
    ]);
    expect(await ok(['get', 'pod', 'huge', '--no-headers'])).toMatch(/^huge\s+0\/1\s+Pending\s+0\s+\S+\n$/);
    await ok(['delete', 'pod', 'huge']);
  });

  test('requests add up on a node; a freed node takes the waiting pod; limits stand for missing requests', async () => {
    // Each node has 8 CPUs: two pods of 3 CPUs fit on each, a fifth waits.
    for (const i of [1, 2, 3, 4, 5]) {
      await ok(
        ['apply', '-f', '-'],
        pod(`worker-${i}`, { containers: [{ name: 'app', image: 'nginx:1.25', resources: { limits: { cpu: '3', memory: '1Gi' } } }] }),
      );
    }
    await sim.waitUntil(() => schedulerSaid('worker-5').length > 0, { what: 'worker-5 to be refused' });
    expect(schedulerSaid('worker-5')).toEqual([
      '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    ]);
    const placed = [1, 2, 3, 4].map((i) => sim.get('Pod', 'default', `worker-${i}`));
    expect(placed.every((p: KubeObject) => p.spec.nodeName)).toBe(true);
    expect(new Set(placed.map((p: KubeObject) => p.spec.nodeName)).size).toBe(2);
    // Requests were defaulted from the limits, and requests equal to limits make the pod Guaranteed.
    expect(placed[0].spec.containers[0].resources.requests).toEqual({ cpu: '3', memory: '1Gi' });
    expect(placed[0].status.qosClass).toBe('Guaranteed');

    await ok(['delete', 'pod', 'worker-1']);
    const scheduled = await sim.waitFor('Pod', 'default', 'worker-5', (p) => !!p.spec.nodeName);
    expect(scheduled.spec.nodeName).toBe(placed[0].spec.nodeName);
    await ok(['delete', 'pod', 'worker-2', 'worker-3', 'worker-4', 'worker-5']);
  });

  test('nodeSelector: only nodes with the labels take the pod; none matching is said as the scheduler says it', async () => {
    await ok(['label', 'node', 'kube-sim-node-2', 'disktype=ssd']);
    await ok(
      ['apply', '-f', '-'],
      deployment('fast', 'nginx:1.25', { replicas: 3 }).replace(
        '    spec:\n      containers:',
        '    spec:\n      nodeSelector: {disktype: ssd}\n      containers:',
      ),
    );
    await ok(['rollout', 'status', 'deployment/fast', '--timeout=20s']);
    const nodes = sim.list('Pod', 'default', { labelSelector: 'app=fast' }).map((p: KubeObject) => p.spec.nodeName);
    expect(nodes).toEqual(['kube-sim-node-2', 'kube-sim-node-2', 'kube-sim-node-2']);

    await ok(
      ['apply', '-f', '-'],
      pod('gpu', { nodeSelector: { accelerator: 'nvidia' }, containers: [{ name: 'app', image: 'nginx:1.25' }] }),
    );
    await sim.waitUntil(() => schedulerSaid('gpu').length > 0, { what: 'gpu to be refused' });
    expect(schedulerSaid('gpu')).toEqual([
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    ]);
    // One node refuses by its labels, the other by its CPU: both reasons, counted and sorted.
    await ok(
      ['apply', '-f', '-'],
      pod('ssd-huge', {
        nodeSelector: { disktype: 'ssd' },
        containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '64' } } }],
      }),
    );
    await sim.waitUntil(() => schedulerSaid('ssd-huge').length > 0, { what: 'ssd-huge to be refused' });
    expect(schedulerSaid('ssd-huge')).toEqual([
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    ]);
    // Labelling a node lets the waiting pod on.
    await ok(['label', 'node', 'kube-sim-node-1', 'accelerator=nvidia']);
    expect((await sim.waitFor('Pod', 'default', 'gpu', (p) => !!p.spec.nodeName)).spec.nodeName).toBe('kube-sim-node-1');
    await ok(['delete', 'deployment', 'fast']);
    await ok(['delete', 'pod', 'gpu', 'ssd-huge']);
  });
});

describe('probes', () => {
  const probes = {
    http: { httpGet: { path: '/healthz', port: 8080 } },
    exec: { exec: { command: ['cat', '/tmp/ready'] } },
    tcp: { tcpSocket: { port: 'db' } },
  };

  test('probe fields get the API server defaults', async () => {
    await ok(
      ['apply', '-f', '-'],
      pod('probed', {
        containers: [
          {
            name: 'app',
            image: 'nginx:1.25',
            readinessProbe: probes.http,
            livenessProbe: probes.tcp,
            ports: [{ name: 'db', containerPort: 5432 }],
          },
        ],
      }),
    );
    const stored = sim.get('Pod', 'default', 'probed').spec.containers[0];
    const defaults = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
    expect(stored.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, ...defaults });
    expect(stored.livenessProbe).toEqual({ tcpSocket: { port: 'db' }, ...defaults });
    await ok(['delete', 'pod', 'probed']);
  });

  test('a never-ready container fails its probe once per period, in words that depend on the probe, counted on one event', async () => {
    await ok(
      ['apply', '-f', '-'],
      pod('stuck', {
        containers: [
          { name: 'web', image: 'example.com/web:never-ready', readinessProbe: probes.http },
          { name: 'worker', image: 'example.com/worker:never-ready', readinessProbe: probes.exec },
          {
            name: 'db',
            image: 'example.com/db:never-ready',
            ports: [{ name: 'db', containerPort: 5432 }],
            readinessProbe: probes.tcp,
          },
        ],
      }),
    );
    const running = await sim.waitFor('Pod', 'default', 'stuck', (p) => p.status.phase === 'Running');
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const unhealthy = sim.events('default', { involvedName: 'stuck' }).filter((e: KubeObject) => e.reason === 'Unhealthy');
    const byContainer = Object.fromEntries(unhealthy.map((e: KubeObject) => [e.involvedObject.fieldPath, e]));
    expect(Object.keys(byContainer).sort()).toEqual(['spec.containers{db}', 'spec.containers{web}', 'spec.containers{worker}']);
    expect(byContainer['spec.containers{web}'].message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect(byContainer['spec.containers{worker}'].message).toBe('Readiness probe failed: ');
    expect(byContainer['spec.containers{db}'].message).toBe(
      `Readiness probe failed: dial tcp ${running.status.podIP}:5432: connect: connection refused`,
    );
    // The default 10 s period at ten times the pace: one at start, one a second later, over 1.5 s. The old cadence
    // (one per 400 ms whatever the period) gave four or more.
    const elapsed = Date.now() - started;
    for (const e of unhealthy) {
      expect(e.count).toBeGreaterThanOrEqual(2);
      expect(e.count).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1);
    }
    await ok(['delete', 'pod', 'stuck']);
  });

  test('initialDelaySeconds: no probe, and no readiness, before it has passed', async () => {
    await ok(
      ['apply', '-f', '-'],
      pod('patient', { containers: [{ name: 'app', image: 'nginx:1.25', readinessProbe: { ...probes.http, initialDelaySeconds: 30 } }] }),
    );
    await ok(
      ['apply', '-f', '-'],
      pod('patient-stuck', {
        containers: [{ name: 'app', image: 'example.com/app:never-ready', readinessProbe: { ...probes.http, initialDelaySeconds: 30 } }],
      }),
    );
    await sim.waitFor('Pod', 'default', 'patient', (p) => p.status.phase === 'Running');
    await sim.waitFor('Pod', 'default', 'patient-stuck', (p) => p.status.phase === 'Running');
    const started = Date.now();
    // 30 s at ten times the pace is 3 s: for well over a second nothing is ready and nothing probed.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(sim.get('Pod', 'default', 'patient').status.containerStatuses[0].ready).toBe(false);
    expect(sim.events('default', { involvedName: 'patient-stuck' }).filter((e: KubeObject) => e.reason === 'Unhealthy')).toEqual([]);
    const ready = await sim.waitFor('Pod', 'default', 'patient', (p) => p.status.containerStatuses[0].ready, { timeoutMs: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(ready.status.conditions.find((c: KubeObject) => c.type === 'Ready').status).toBe('True');
    await ok(['delete', 'pod', 'patient', 'patient-stuck']);
  });
});

describe('what the server stores', () => {
  test('empty labels and annotations are dropped, so diff of the applied manifest is empty', async () => {
    const manifest = deployment('plain', 'nginx:1.25', { replicas: 1 })
      .replace('  labels: {app: plain}', '  labels: {app: plain}\n  annotations: {}')
      .replace(
        '    metadata:\n      labels: {app: plain, tier: web}',
        '    metadata:\n      annotations: {}\n      labels: {app: plain, tier: web}',
      );
    expect(manifest.match(/annotations: \{\}/g)).toHaveLength(2);
    await ok(['apply', '-f', '-'], manifest);
    const stored = sim.get('Deployment', 'default', 'plain');
    expect(stored.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined();
    expect(stored.spec.template.metadata.annotations).toBeUndefined();
    await ok(['rollout', 'status', 'deployment/plain', '--timeout=20s']);
    for (const args of [
      ['diff', '-f', '-'],
      ['diff', '--server-side', '-f', '-'],
    ]) {
      const diff = await kubectl(args, { stdin: manifest });
      expect({ code: diff.code, stdout: diff.stdout, stderr: diff.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    await ok(['delete', 'deployment', 'plain']);

    const config = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  labels: {}\n  annotations: {}\ndata: {mode: fast}\n';
    await ok(['apply', '--server-side', '-f', '-'], config);
    expect(sim.get('ConfigMap', 'default', 'plain').metadata).not.toHaveProperty('annotations');
    expect(sim.get('ConfigMap', 'default', 'plain').metadata).not.toHaveProperty('labels');
    await ok(['delete', 'configmap', 'plain']);
  });

  test('kubectl rollout undo returns to the old ReplicaSet instead of making a new one', async () => {
    await ok(['apply', '-f', '-'], deployment('undo', 'nginx:1.25', { replicas: 1 }));
    await ok(['rollout', 'status', 'deployment/undo', '--timeout=20s']);
    const first = sim.list('ReplicaSet', 'default', { labelSelector: 'app=undo' });
    expect(first).toHaveLength(1);
    await ok(['set', 'image', 'deployment/undo', 'app=nginx:1.26']);
    await ok(['rollout', 'status', 'deployment/undo', '--timeout=20s']);
    await ok(['rollout', 'undo', 'deployment/undo']);
    await ok(['rollout', 'status', 'deployment/undo', '--timeout=20s']);
    const sets = sim.list('ReplicaSet', 'default', { labelSelector: 'app=undo' });
    expect(sets).toHaveLength(2);
    const back = sets.find((rs: KubeObject) => rs.metadata.uid === first[0].metadata.uid);
    expect(back.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.spec.replicas).toBe(1);
    expect(sim.get('Deployment', 'default', 'undo').spec.template.metadata.creationTimestamp).toBeNull();
    expect(await ok(['rollout', 'history', 'deployment/undo'])).toMatch(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n/);
    await ok(['delete', 'deployment', 'undo']);
  });
});

describe('admission of pods', () => {
  test('a missing service account or priority class keeps the pods from being created, said as the controllers say it', async () => {
    const manifest = (name: string, spec: string) =>
      deployment(name, 'nginx:1.25', { replicas: 1, progressDeadlineSeconds: 600 }).replace(
        '    spec:\n      containers:',
        `    spec:\n${spec}      containers:`,
      );
    await ok(['apply', '-f', '-'], manifest('needs-sa', '      serviceAccountName: shop-api\n'));
    await ok(['apply', '-f', '-'], manifest('needs-pc', '      priorityClassName: shop-critical\n'));
    const refused = async (name: string) => {
      const rs = await sim.waitUntil(() => sim.list('ReplicaSet', 'default', { labelSelector: `app=${name}` })[0], {
        what: `${name}'s ReplicaSet`,
      });
      const event = await sim.waitUntil(
        () => sim.events('default', { involvedName: rs.metadata.name }).find((e: KubeObject) => e.reason === 'FailedCreate'),
        { what: `${name}'s FailedCreate` },
      );
      const d = await sim.waitFor('Deployment', 'default', name, (o) =>
        o.status?.conditions?.some((c: KubeObject) => c.type === 'ReplicaFailure'),
      );
      return { rs, event, condition: d.status.conditions.find((c: KubeObject) => c.type === 'ReplicaFailure') };
    };
    const sa = await refused('needs-sa');
    const saMessage = `pods "${sa.rs.metadata.name}-" is forbidden: error looking up service account default/shop-api: serviceaccount "shop-api" not found`;
    expect(sa.event.message).toBe(`Error creating: ${saMessage}`);
    expect(sa.event.source.component).toBe('replicaset-controller');
    expect(sa.condition).toMatchObject({ status: 'True', reason: 'FailedCreate', message: saMessage });
    const pc = await refused('needs-pc');
    expect(pc.event.message).toBe(
      `Error creating: pods "${pc.rs.metadata.name}-" is forbidden: no PriorityClass with name shop-critical was found`,
    );
    expect(sim.list('Pod', 'default', { labelSelector: 'app in (needs-sa, needs-pc)' })).toEqual([]);

    // Once what they name exists, the pods come, with the class's priority, and the failure clears.
    await ok(['create', 'serviceaccount', 'shop-api']);
    await ok(['create', 'priorityclass', 'shop-critical', '--value=100000']);
    await ok(['rollout', 'status', 'deployment/needs-sa', '--timeout=20s']);
    await ok(['rollout', 'status', 'deployment/needs-pc', '--timeout=20s']);
    const [critical] = sim.list('Pod', 'default', { labelSelector: 'app=needs-pc' });
    expect(critical.spec).toMatchObject({ priorityClassName: 'shop-critical', priority: 100000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(sim.list('Pod', 'default', { labelSelector: 'app=needs-sa' })[0].spec).toMatchObject({
      serviceAccountName: 'shop-api',
      serviceAccount: 'shop-api',
      priority: 0,
    });
    await sim.waitFor(
      'Deployment',
      'default',
      'needs-sa',
      (o) => !o.status.conditions.some((c: KubeObject) => c.type === 'ReplicaFailure'),
    );
    await ok(['delete', 'deployment', 'needs-sa', 'needs-pc']);
    await ok(['delete', 'serviceaccount', 'shop-api']);
    await ok(['delete', 'priorityclass', 'shop-critical']);
  });
});

describe('limit ranges', () => {
  test("a namespace's LimitRange gives containers its defaults, says so on the pod, and the scheduler counts them", async () => {
    await ok(['create', 'namespace', 'limited']);
    await ok(
      ['apply', '-f', '-'],
      'apiVersion: v1\nkind: LimitRange\nmetadata: {name: defaults, namespace: limited}\nspec:\n  limits:\n    - type: Container\n      default: {cpu: "3", memory: 256Mi}\n      max: {cpu: "4", memory: 1Gi}\n',
    );
    // The API server defaults the range: a default request from the default, the rest from max.
    expect(sim.get('LimitRange', 'limited', 'defaults').spec.limits[0]).toEqual({
      type: 'Container',
      default: { cpu: '3', memory: '256Mi' },
      defaultRequest: { cpu: '3', memory: '256Mi' },
      max: { cpu: '4', memory: '1Gi' },
    });
    await ok(['apply', '-n', 'limited', '-f', '-'], deployment('bounded', 'nginx:1.25', { replicas: 5 }));
    // 3 CPUs each: two pods fit on each 8-CPU node, the fifth waits.
    await sim.waitUntil(() => sim.list('Pod', 'limited').filter((p: KubeObject) => p.spec.nodeName).length === 4, {
      what: 'four pods bound',
    });
    const pods = sim.list('Pod', 'limited');
    expect(pods).toHaveLength(5);
    const waiting = pods.find((p: KubeObject) => !p.spec.nodeName);
    await sim.waitUntil(
      () => sim.events('limited', { involvedName: waiting.metadata.name }).some((e: KubeObject) => e.reason === 'FailedScheduling'),
      { what: 'the fifth refused' },
    );
    expect(pods[0].spec.containers[0].resources).toEqual({
      limits: { cpu: '3', memory: '256Mi' },
      requests: { cpu: '3', memory: '256Mi' },
    });
    expect(pods[0].metadata.annotations['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
    );
    // The Deployment's template is left as written.
    expect(sim.get('Deployment', 'limited', 'bounded').spec.template.spec.containers[0].resources).toEqual({});
    await ok(['delete', 'namespace', 'limited', '--wait=false']);
  });
});
