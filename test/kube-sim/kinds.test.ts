// The kinds a real repository ships besides workloads (RBAC, network
// policies, quotas, budgets, autoscalers, ingress, storage, webhooks) and
// custom resources, as the real kubectl applies, reads, diffs and deletes them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../support/temp.js';
import { startKubeSim, type KubeObject, type KubeSim } from './index.mjs';
import { kubectlFor, type Kubectl } from './support.js';

let sim: KubeSim;
let kubectl: Kubectl;

beforeAll(async () => {
  sim = await startKubeSim();
  kubectl = kubectlFor(sim.kubeconfigPath, await tempDir('kubectl-kinds'));
});

afterAll(async () => {
  await sim?.close();
});

async function ok(args: string[], stdin?: string): Promise<string> {
  const run = await kubectl(args, { stdin });
  if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** What a platform team's env repository holds beside its Deployment, in one namespace. */
const PLATFORM = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: shop-api, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: config-reader, namespace: shop}
rules:
  - apiGroups: [""]
    resources: [configmaps, secrets]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: shop-api-reads-config, namespace: shop}
subjects:
  - {kind: ServiceAccount, name: shop-api, namespace: shop}
  - {kind: Group, name: shop-oncall}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: shop-node-viewer
  annotations: {}
rules:
  - apiGroups: [""]
    resources: [nodes]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: shop-node-viewer}
subjects: [{kind: ServiceAccount, name: shop-api, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: shop-node-viewer}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-frontend, namespace: shop}
spec:
  podSelector: {matchLabels: {app: shop-api}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: frontend}}}]
      ports: [{port: 8080}]
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: compute, namespace: shop}
spec:
  hard: {requests.cpu: "4", requests.memory: 8Gi, limits.cpu: "8", pods: "20"}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      default: {cpu: 500m, memory: 256Mi}
      defaultRequest: {cpu: 100m, memory: 128Mi}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: shop-critical}
value: 100000
description: checkout must not be preempted by batch work
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: shop-api, namespace: shop}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: shop-api}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: shop-api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: shop-api}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: shop-nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
  labels: {}
spec:
  ingressClassName: shop-nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend: {service: {name: shop-api, port: {number: 80}}}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: shop-fast}
provisioner: pd.csi.storage.gke.io
parameters: {type: pd-ssd}
allowVolumeExpansion: true
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shop-data, namespace: shop}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: shop-fast
  resources: {requests: {storage: 10Gi}}
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: shop-leader, namespace: shop}
spec: {holderIdentity: shop-api-0, leaseDurationSeconds: 15}
---
apiVersion: storage.k8s.io/v1
kind: CSIDriver
metadata: {name: shop.csi.example.com}
spec: {attachRequired: false}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: shop-policy}
webhooks:
  - name: validate.shop.example.com
    admissionReviewVersions: [v1]
    sideEffects: None
    clientConfig: {service: {name: policy, namespace: shop, path: /validate}}
    rules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly-report, namespace: shop}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: example.com/shop/report:1.0.0}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: shop-external-1, namespace: shop, labels: {kubernetes.io/service-name: shop-external}}
addressType: IPv4
ports: [{name: https, port: 443}]
endpoints: [{addresses: [203.0.113.10]}]
`;

/** kind/name pairs the manifest holds, as kubectl names them. */
const OBJECTS: [string, string, string?][] = [
  ['serviceaccount', 'shop-api', 'shop'],
  ['role.rbac.authorization.k8s.io', 'config-reader', 'shop'],
  ['rolebinding.rbac.authorization.k8s.io', 'shop-api-reads-config', 'shop'],
  ['clusterrole.rbac.authorization.k8s.io', 'shop-node-viewer'],
  ['clusterrolebinding.rbac.authorization.k8s.io', 'shop-node-viewer'],
  ['networkpolicy.networking.k8s.io', 'api-from-frontend', 'shop'],
  ['resourcequota', 'compute', 'shop'],
  ['limitrange', 'defaults', 'shop'],
  ['priorityclass.scheduling.k8s.io', 'shop-critical'],
  ['poddisruptionbudget.policy', 'shop-api', 'shop'],
  ['horizontalpodautoscaler.autoscaling', 'shop-api', 'shop'],
  ['ingressclass.networking.k8s.io', 'shop-nginx'],
  ['ingress.networking.k8s.io', 'shop', 'shop'],
  ['storageclass.storage.k8s.io', 'shop-fast'],
  ['persistentvolumeclaim', 'shop-data', 'shop'],
  ['lease.coordination.k8s.io', 'shop-leader', 'shop'],
  ['csidriver.storage.k8s.io', 'shop.csi.example.com'],
  ['validatingwebhookconfiguration.admissionregistration.k8s.io', 'shop-policy'],
  ['cronjob.batch', 'nightly-report', 'shop'],
  ['endpointslice.discovery.k8s.io', 'shop-external-1', 'shop'],
];

describe('the kinds of a real repository beside its workloads', () => {
  test.each([['client-side'], ['server-side']])(
    'kubectl apply (%s) creates each, get prints it, diff finds nothing, a second apply changes nothing, delete removes it',
    async (mode) => {
      const apply = mode === 'server-side' ? ['apply', '--server-side', '-f', '-'] : ['apply', '-f', '-'];
      const created = await ok(apply, PLATFORM);
      for (const [kind, name] of OBJECTS)
        expect(created).toContain(`${kind}/${name} ${mode === 'server-side' ? 'serverside-applied' : 'created'}`);

      // Every object reads back, with the real server's defaults and without the empty maps it drops.
      for (const [kind, name, namespace] of OBJECTS) {
        const object = JSON.parse(await ok(['get', kind, name, ...(namespace ? ['-n', namespace] : []), '-o', 'json'])) as KubeObject;
        expect(object.metadata.name).toBe(name);
        expect(object.metadata.annotations === undefined || Object.keys(object.metadata.annotations).length > 0).toBe(true);
        expect(object.metadata.labels === undefined || Object.keys(object.metadata.labels).length > 0).toBe(true);
      }
      // Each records its manager (a service account that sets nothing beyond its name owns no field).
      for (const [kind, name, namespace] of OBJECTS.filter(([kind]) => kind !== 'serviceaccount'))
        expect(sim.get(kind.split('.')[0], namespace, name).metadata.managedFields.length).toBeGreaterThan(0);
      const policy = sim.get('NetworkPolicy', 'shop', 'api-from-frontend');
      expect(policy.metadata.generation).toBe(1);
      expect(policy.spec.policyTypes).toEqual(['Ingress']);
      expect(policy.spec.ingress[0].ports[0].protocol).toBe('TCP');
      expect(sim.get('RoleBinding', 'shop', 'shop-api-reads-config').subjects[1].apiGroup).toBe('rbac.authorization.k8s.io');
      expect(sim.get('PriorityClass', undefined, 'shop-critical').preemptionPolicy).toBe('PreemptLowerPriority');
      expect(sim.get('StorageClass', undefined, 'shop-fast')).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
      expect(sim.get('ValidatingWebhookConfiguration', undefined, 'shop-policy').webhooks[0]).toMatchObject({
        failurePolicy: 'Fail',
        matchPolicy: 'Equivalent',
        timeoutSeconds: 10,
        clientConfig: { service: { port: 443 } },
      });
      expect(sim.get('ResourceQuota', 'shop', 'compute').status.used).toEqual({
        'requests.cpu': '0',
        'requests.memory': '0',
        'limits.cpu': '0',
        pods: '0',
      });
      expect(Object.keys(sim.get('ClusterRole', undefined, 'shop-node-viewer').metadata.annotations ?? {})).toEqual(
        mode === 'client-side' ? ['kubectl.kubernetes.io/last-applied-configuration'] : [],
      );
      expect(sim.get('Ingress', 'shop', 'shop').metadata.labels).toBeUndefined();

      // kubectl get prints each kind's own columns.
      const tables = await ok(['get', 'role,rolebinding,networkpolicy,resourcequota,pdb,hpa,ingress,lease', '-n', 'shop']);
      expect(tables).toMatch(/rolebinding\.rbac\.authorization\.k8s\.io\/shop-api-reads-config\s+Role\/config-reader/);
      expect(tables).toMatch(/networkpolicy\.networking\.k8s\.io\/api-from-frontend\s+app=shop-api/);
      expect(tables).toMatch(
        /resourcequota\/compute\s+\S+\s+pods: 0\/20, requests\.cpu: 0\/4, requests\.memory: 0\/8Gi\s+limits\.cpu: 0\/8/,
      );
      expect(tables).toMatch(/poddisruptionbudget\.policy\/shop-api\s+1\s+N\/A/);
      expect(tables).toMatch(/ingress\.networking\.k8s\.io\/shop\s+shop-nginx\s+shop\.example\.com/);
      expect(tables).toMatch(/lease\.coordination\.k8s\.io\/shop-leader\s+shop-api-0/);
      expect(await ok(['get', 'storageclass', 'shop-fast', '--no-headers'])).toMatch(
        /^shop-fast\s+pd\.csi\.storage\.gke\.io\s+Delete\s+Immediate\s+true\s+\S+\n$/,
      );

      // Nothing differs between the repository and the cluster, and applying again writes nothing.
      const diff = await kubectl(['diff', ...(mode === 'server-side' ? ['--server-side'] : []), '-f', '-'], { stdin: PLATFORM });
      expect(diff.stderr).toBe('');
      expect(diff.stdout).toBe('');
      expect(diff.code).toBe(0);
      // kubectl sends a patch for a list whose live form has defaults in it (and prints "configured"), which writes nothing.
      const versions = () =>
        OBJECTS.map(([kind, name, namespace]) => sim.get(kind.split('.')[0], namespace, name).metadata.resourceVersion);
      const before = versions();
      await ok(apply, PLATFORM);
      expect(versions()).toEqual(before);

      // A change shows in diff, then applies.
      const changed = PLATFORM.replace('minAvailable: 1', 'minAvailable: 2');
      const changedDiff = await kubectl(['diff', '-f', '-'], { stdin: changed });
      expect(changedDiff.code).toBe(1);
      expect(changedDiff.stdout).toMatch(/-\s+minAvailable: 1\n\+\s+minAvailable: 2/);
      expect(await ok(apply, changed)).toMatch(/poddisruptionbudget\.policy\/shop-api (configured|serverside-applied)/);
      expect(sim.get('PodDisruptionBudget', 'shop', 'shop-api').metadata.generation).toBe(2);

      const deleted = await ok(['delete', '-f', '-', '--wait=false'], PLATFORM);
      for (const [kind, name] of OBJECTS) expect(deleted).toContain(`${kind} "${name}" deleted`);
      await sim.waitUntil(() => !sim.get('Namespace', undefined, 'shop'), { what: 'namespace shop to go' });
      for (const kind of ['ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'StorageClass', 'CSIDriver', 'IngressClass'])
        expect(sim.list(kind)).toEqual([]);
    },
  );

  test('discovery lists each kind with its group, version, short names and scope', async () => {
    const out = await ok(['api-resources', '--no-headers']);
    const rows = new Map(
      out
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .map((r) => [`${r[0]}@${r.find((c) => /^(v1|[a-z0-9.-]+\/v\d\w*)$/.test(c))}`, r]),
    );
    for (const [name, apiVersion, shortName, namespaced] of [
      ['networkpolicies', 'networking.k8s.io/v1', 'netpol', 'true'],
      ['roles', 'rbac.authorization.k8s.io/v1', undefined, 'true'],
      ['clusterroles', 'rbac.authorization.k8s.io/v1', undefined, 'false'],
      ['resourcequotas', 'v1', 'quota', 'true'],
      ['limitranges', 'v1', 'limits', 'true'],
      ['priorityclasses', 'scheduling.k8s.io/v1', 'pc', 'false'],
      ['storageclasses', 'storage.k8s.io/v1', 'sc', 'false'],
      ['poddisruptionbudgets', 'policy/v1', 'pdb', 'true'],
      ['leases', 'coordination.k8s.io/v1', undefined, 'true'],
      ['endpointslices', 'discovery.k8s.io/v1', undefined, 'true'],
      ['validatingwebhookconfigurations', 'admissionregistration.k8s.io/v1', undefined, 'false'],
      ['selfsubjectaccessreviews', 'authorization.k8s.io/v1', undefined, 'false'],
    ] as const) {
      const row = rows.get(`${name}@${apiVersion}`);
      expect(row).toBeDefined();
      if (shortName) expect(row).toContain(shortName);
      expect(row).toContain(namespaced);
    }
    // `kubectl auth can-i` asks a review kind, answered and never stored.
    expect(await ok(['auth', 'can-i', 'create', 'deployments'])).toBe('yes\n');
  });

  test('an autoscaling/v1 HorizontalPodAutoscaler is converted to v2 and back, and applies without phantom changes', async () => {
    const v1 = `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: legacy}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: legacy}
  minReplicas: 2
  maxReplicas: 5
  targetCPUUtilizationPercentage: 60
`;
    expect(await ok(['apply', '-f', '-'], v1)).toBe('horizontalpodautoscaler.autoscaling/legacy created\n');
    const asV2 = JSON.parse(await ok(['get', 'hpa', 'legacy', '-o', 'json'])) as KubeObject;
    expect(asV2.apiVersion).toBe('autoscaling/v2');
    expect(asV2.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
    ]);
    expect(asV2.spec.targetCPUUtilizationPercentage).toBeUndefined();
    const asV1 = JSON.parse(await ok(['get', 'horizontalpodautoscalers.v1.autoscaling', 'legacy', '-o', 'json'])) as KubeObject;
    expect(asV1.apiVersion).toBe('autoscaling/v1');
    expect(asV1.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'legacy' },
      minReplicas: 2,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 60,
    });
    const diff = await kubectl(['diff', '-f', '-'], { stdin: v1 });
    expect({ code: diff.code, stdout: diff.stdout, stderr: diff.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    const rv = sim.get('HorizontalPodAutoscaler', 'default', 'legacy').metadata.resourceVersion;
    expect(await ok(['apply', '-f', '-'], v1)).toBe('horizontalpodautoscaler.autoscaling/legacy unchanged\n');
    expect(sim.get('HorizontalPodAutoscaler', 'default', 'legacy').metadata.resourceVersion).toBe(rv);
    await ok(['apply', '-f', '-'], v1.replace('60', '75'));
    expect(sim.get('HorizontalPodAutoscaler', 'default', 'legacy').spec.metrics[0].resource.target.averageUtilization).toBe(75);
    await ok(['apply', '--server-side', '--force-conflicts', '-f', '-'], v1.replace('60', '80'));
    expect(sim.get('HorizontalPodAutoscaler', 'default', 'legacy').spec.metrics[0].resource.target.averageUtilization).toBe(80);
    await ok(['delete', 'hpa', 'legacy']);
  });

  test("kubectl's imperative create commands for these kinds, which send protobuf, create what they describe", async () => {
    await ok(['create', 'namespace', 'imperative']);
    const n = ['-n', 'imperative'];
    await ok(['create', 'role', 'reader', '--verb=get,list', '--resource=pods,configmaps', ...n]);
    await ok(['create', 'rolebinding', 'reader', '--role=reader', '--serviceaccount=imperative:default', '--user=alice', ...n]);
    await ok(['create', 'clusterrole', 'imperative-viewer', '--verb=get', '--resource=nodes']);
    await ok(['create', 'clusterrolebinding', 'imperative-viewer', '--clusterrole=imperative-viewer', '--group=ops']);
    await ok(['create', 'quota', 'small', '--hard=pods=4,requests.cpu=2', ...n]);
    await ok(['create', 'priorityclass', 'imperative-high', '--value=1000', '--description=urgent']);
    await ok(['create', 'poddisruptionbudget', 'web', '--selector=app=web', '--min-available=50%', ...n]);
    expect(sim.get('Role', 'imperative', 'reader').rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'configmaps'], verbs: ['get', 'list'] },
    ]);
    expect(sim.get('RoleBinding', 'imperative', 'reader')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: expect.arrayContaining([
        { kind: 'ServiceAccount', name: 'default', namespace: 'imperative' },
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' },
      ]),
    });
    expect(sim.get('ClusterRoleBinding', undefined, 'imperative-viewer').subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' },
    ]);
    expect(sim.get('ResourceQuota', 'imperative', 'small').spec.hard).toEqual({ pods: '4', 'requests.cpu': '2' });
    expect(sim.get('PriorityClass', undefined, 'imperative-high')).toMatchObject({ value: 1000, description: 'urgent' });
    expect(sim.get('PodDisruptionBudget', 'imperative', 'web').spec).toEqual({
      minAvailable: '50%',
      selector: { matchLabels: { app: 'web' } },
    });
    await ok(['delete', 'clusterrole,clusterrolebinding,priorityclass', 'imperative-viewer', 'imperative-high', '--ignore-not-found']);
    await ok(['delete', 'namespace', 'imperative', '--wait=false']);
  });

  test('validation errors of the new kinds come back worded as the real server words them', async () => {
    const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: no-path-type}
spec:
  rules: [{http: {paths: [{path: /, backend: {service: {name: web, port: {number: 80}}}}]}}]
`;
    const run = await kubectl(['apply', '-f', '-'], { stdin: ingress });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'The Ingress "no-path-type" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    );
  });
});

const CRD = join(process.cwd(), 'test/fixtures/gateway-api/httproute-crd.yaml');

/** An HTTPRoute as its owner keeps it in the repository: a parent, a host, a header filter, the stable backend. */
const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: default}
spec:
  parentRefs: [{name: public-gateway, namespace: infra}]
  hostnames: [shop.example.com]
  rules:
    - matches: [{path: {type: PathPrefix, value: /}}]
      filters:
        - type: RequestHeaderModifier
          requestHeaderModifier:
            set: [{name: X-Env, value: production}]
      backendRefs:
        - {name: shop-stable, port: 80, weight: 100}
`;

describe('custom resources: Gateway API HTTPRoute', () => {
  afterAll(async () => {
    await kubectl(['delete', '-f', CRD, '--ignore-not-found']);
  });

  test('a CRD is Established with its accepted names, and its kind is served', async () => {
    expect(await ok(['apply', '-f', CRD])).toBe(
      'customresourcedefinition.apiextensions.k8s.io/httproutes.gateway.networking.k8s.io created\n',
    );
    expect(await ok(['wait', '--for=condition=Established', 'crd/httproutes.gateway.networking.k8s.io', '--timeout=10s'])).toContain(
      'condition met',
    );
    const crd = sim.get('CustomResourceDefinition', undefined, 'httproutes.gateway.networking.k8s.io');
    expect(crd.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual([
      'NamesAccepted=True',
      'Established=True',
      'KubernetesAPIApprovalPolicyConformant=True',
    ]);
    expect(crd.status.acceptedNames).toMatchObject({
      kind: 'HTTPRoute',
      plural: 'httproutes',
      singular: 'httproute',
      listKind: 'HTTPRouteList',
    });
    expect(crd.status.storedVersions).toEqual(['v1']);
    // The CRD is stored as written: its schema's metadata is not taken for an object's metadata.
    expect(crd.spec.versions[0].schema.openAPIV3Schema.properties.metadata).toEqual({ type: 'object' });
    const diff = await kubectl(['diff', '-f', CRD]);
    expect({ code: diff.code, stdout: diff.stdout, stderr: diff.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await ok(['api-resources', '--api-group=gateway.networking.k8s.io', '--no-headers'])).toMatch(
      /^httproutes\s+gateway\.networking\.k8s\.io\/v1\s+true\s+HTTPRoute\n$/,
    );
  });

  test('a CRD of a Kubernetes-owned group without its approval annotation is refused, as the real server refuses it', async () => {
    const unapproved = (await readFile(CRD, 'utf8'))
      .replace('httproutes.gateway.networking.k8s.io', 'grpcroutes.gateway.networking.k8s.io')
      .replace(
        /kind: HTTPRoute\n    listKind: HTTPRouteList\n    plural: httproutes\n    singular: httproute/,
        'kind: GRPCRoute\n    listKind: GRPCRouteList\n    plural: grpcroutes\n    singular: grpcroute',
      )
      .replace(/    api-approved\.kubernetes\.io: .*\n/, '');
    const run = await kubectl(['apply', '-f', '-'], { stdin: unapproved });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
    );
    expect(sim.get('CustomResourceDefinition', undefined, 'grpcroutes.gateway.networking.k8s.io')).toBeUndefined();
  });

  test("server-side apply: the canary's weights change three times and the owner's filters, hosts and parents survive", async () => {
    expect(await ok(['apply', '--server-side', '--field-manager=shop-team', '-f', '-'], ROUTE)).toBe(
      'httproute.gateway.networking.k8s.io/shop serverside-applied\n',
    );
    const created = sim.get('HTTPRoute', 'default', 'shop');
    // The schema's defaults are filled in, as the real server does.
    expect(created.spec.parentRefs[0]).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'public-gateway',
      namespace: 'infra',
    });
    expect(created.spec.rules[0].backendRefs[0]).toEqual({ group: '', kind: 'Service', name: 'shop-stable', port: 80, weight: 100 });
    expect(created.metadata.generation).toBe(1);

    // The rollout's manager reads the rule and applies it whole with new weights: rules are an atomic list.
    for (const [step, canaryWeight] of [10, 50, 100].entries()) {
      const live = JSON.parse(await ok(['get', 'httproute', 'shop', '-o', 'json'])) as KubeObject;
      const rule = live.spec.rules[0];
      rule.backendRefs = [
        { name: 'shop-stable', port: 80, weight: 100 - canaryWeight },
        { name: 'shop-canary', port: 80, weight: canaryWeight },
      ];
      const intent = {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'shop', namespace: 'default' },
        spec: { rules: [rule] },
      };
      const run = await kubectl(['apply', '--server-side', '--field-manager=canary-rollout', '--force-conflicts', '-f', '-'], {
        stdin: JSON.stringify(intent),
      });
      expect(run.stderr).toBe('');
      const route = sim.get('HTTPRoute', 'default', 'shop');
      expect(route.spec.rules[0].backendRefs.map((b: { name: string; weight: number }) => `${b.name}=${b.weight}`)).toEqual([
        `shop-stable=${100 - canaryWeight}`,
        `shop-canary=${canaryWeight}`,
      ]);
      expect(route.spec.rules[0].filters).toEqual([
        { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Env', value: 'production' }] } },
      ]);
      expect(route.spec.hostnames).toEqual(['shop.example.com']);
      expect(route.spec.parentRefs[0].name).toBe('public-gateway');
      expect(route.metadata.generation).toBe(2 + step);
      const managers = Object.fromEntries(
        route.metadata.managedFields.map((m: { manager: string; fieldsV1: Record<string, Record<string, unknown>> }) => [
          m.manager,
          Object.keys(m.fieldsV1['f:spec'] ?? {}),
        ]),
      );
      expect(managers['canary-rollout']).toEqual(['f:rules']);
      expect(managers['shop-team'].sort()).toEqual(['f:hostnames', 'f:parentRefs']);
    }

    // The owner applying its repository again without forcing meets the rollout's ownership of the rules.
    const conflict = await kubectl(['apply', '--server-side', '--field-manager=shop-team', '-f', '-'], { stdin: ROUTE });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('conflict with "canary-rollout"');
    expect(conflict.stderr).toContain('.spec.rules');

    // A manager that applies a rule without the filters replaces the rule whole.
    const bare = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop', namespace: 'default' },
      spec: { rules: [{ backendRefs: [{ name: 'shop-stable', port: 80, weight: 100 }] }] },
    };
    await ok(['apply', '--server-side', '--field-manager=canary-rollout', '-f', '-'], JSON.stringify(bare));
    const replaced = sim.get('HTTPRoute', 'default', 'shop');
    expect(replaced.spec.rules[0].filters).toBeUndefined();
    expect(replaced.spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
  });

  test('kubectl get prints the CRD printer columns and finds the kind by its category', async () => {
    expect(await ok(['get', 'httproutes', '--no-headers'])).toMatch(/^shop\s+\["shop\.example\.com"\]\s+\d+s\n$/);
    expect(await ok(['get', 'gateway-api', '-o', 'name'])).toBe('httproute.gateway.networking.k8s.io/shop\n');
  });

  test('client-side apply updates a custom resource by merge patch; a strategic merge patch is refused', async () => {
    const route = ROUTE.replace('name: shop,', 'name: shop-csa,');
    expect(await ok(['apply', '-f', '-'], route)).toBe('httproute.gateway.networking.k8s.io/shop-csa created\n');
    const before = sim.requests.length;
    expect(await ok(['apply', '-f', '-'], route.replace('[shop.example.com]', '[shop.example.com, www.shop.example.com]'))).toBe(
      'httproute.gateway.networking.k8s.io/shop-csa configured\n',
    );
    expect(sim.get('HTTPRoute', 'default', 'shop-csa').spec.hostnames).toEqual(['shop.example.com', 'www.shop.example.com']);
    expect(sim.requests.slice(before).some((r) => r.method === 'PATCH' && r.status === 200)).toBe(true);
    const strategic = await kubectl(['patch', 'httproute', 'shop-csa', '-p', '{"spec":{"hostnames":["a.example.com"]}}']);
    expect(strategic.code).toBe(1);
    expect(strategic.stderr).toContain(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
    expect(await ok(['patch', 'httproute', 'shop-csa', '--type=merge', '-p', '{"spec":{"hostnames":["a.example.com"]}}'])).toContain(
      'patched',
    );
    await ok(['delete', 'httproute', 'shop-csa']);
  });

  test.each([
    [
      'a weight of the wrong type',
      'weight: 100',
      'weight: heavy',
      'The HTTPRoute "shop-bad" is invalid: spec.rules[0].backendRefs[0].weight: Invalid value: "string": spec.rules[0].backendRefs[0].weight in body must be of type integer: "string"',
    ],
    [
      'a backend without its required name',
      '{name: shop-stable, port: 80, weight: 100}',
      '{port: 80, weight: 100}',
      'The HTTPRoute "shop-bad" is invalid: spec.rules[0].backendRefs[0].name: Required value',
    ],
    [
      'a filter type outside the enum',
      'type: RequestHeaderModifier',
      'type: HeaderModifier',
      'The HTTPRoute "shop-bad" is invalid: spec.rules[0].filters[0].type: Unsupported value: "HeaderModifier": supported values: "RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "RequestRedirect", "URLRewrite", "ExtensionRef"',
    ],
    [
      'a weight above the maximum',
      'weight: 100',
      'weight: 2000000',
      'The HTTPRoute "shop-bad" is invalid: spec.rules[0].backendRefs[0].weight: Invalid value: 2000000: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000',
    ],
  ])('%s is refused with a 422 worded as the real server words it', async (_, from, to, message) => {
    const bad = ROUTE.replace('name: shop,', 'name: shop-bad,').replace(from, to);
    for (const args of [
      ['apply', '-f', '-'],
      ['apply', '--server-side', '-f', '-'],
    ]) {
      const run = await kubectl(args, { stdin: bad });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(message);
    }
    expect(sim.get('HTTPRoute', 'default', 'shop-bad')).toBeUndefined();
  });

  test('an unknown field: strict validation refuses it, server-side apply does not declare it', async () => {
    const unknown = ROUTE.replace('name: shop,', 'name: shop-colour,').replace('  hostnames:', '  colour: blue\n  hostnames:');
    const strict = await kubectl(['create', '-f', '-'], { stdin: unknown });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      'HTTPRoute in version "v1" cannot be handled as a HTTPRoute: strict decoding error: unknown field "spec.colour"',
    );
    const ssa = await kubectl(['apply', '--server-side', '-f', '-'], { stdin: unknown });
    expect(ssa.code).toBe(1);
    expect(ssa.stderr).toContain('.spec.colour: field not declared in schema');
    // Without validation the field is pruned, as the real server prunes what a structural schema does not declare.
    await ok(['create', '--validate=false', '-f', '-'], unknown);
    expect(sim.get('HTTPRoute', 'default', 'shop-colour').spec.colour).toBeUndefined();
  });

  test('deleting the CRD deletes its resources and the kind stops being served', async () => {
    expect(sim.list('HTTPRoute', 'default').length).toBeGreaterThan(0);
    await ok(['delete', '-f', CRD]);
    await sim.waitUntil(() => !sim.get('CustomResourceDefinition', undefined, 'httproutes.gateway.networking.k8s.io'));
    // A kubectl with no discovery cached, as the real server's 404 leaves kubectl's cache stale until it expires.
    const fresh = kubectlFor(sim.kubeconfigPath, await tempDir('kubectl-fresh'));
    const gone = await fresh(['get', 'httproutes']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`the server doesn't have a resource type "httproutes"`);
    // Defined again, the kind starts empty.
    await ok(['apply', '-f', CRD]);
    await ok(['wait', '--for=condition=Established', 'crd/httproutes.gateway.networking.k8s.io', '--timeout=10s']);
    expect(sim.list('HTTPRoute', 'default')).toEqual([]);
    expect(await readFile(CRD, 'utf8')).toContain('kind: CustomResourceDefinition');
  });
});
