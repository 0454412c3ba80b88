// Weighted traffic (traffic-routing): deploy-candidate's bundle, run as the
// runner runs it, against kube-sim serving the Gateway API's HTTPRoute CRD
// and Ingress, with the real kubectl. A user's HTTPRoute keeps every field
// it was written with (filters, matches, the other rule) through each weight
// change, and is as written again after promote and reject; an ingress-nginx
// canary Ingress is made from the user's Ingress and removed; a route that
// cannot be weighed fails the step before anything changes.
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { kubectlFor, type Kubectl } from '../kube-sim/support.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { tempDir, tempDirWith } from '../support/temp.js';
import { webApp } from '../support/web-app.js';

// Each case runs the bundle several times; a loaded machine takes minutes.
jest.setTimeout(300_000);

const CRD = join(import.meta.dirname, '..', 'fixtures', 'gateway-api', 'httproute-crd.yaml');
const MANAGER = 'gitops-delivery-traffic';
const V1 = 'registry.example.com/web:v1';
const V2 = 'registry.example.com/web:v2';

let sim: KubeSim;
let kubectl: Kubectl;

async function ok(args: string[], stdin?: string): Promise<string> {
  const run = await kubectl(args, { stdin });
  if (run.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  sim = await startKubeSim();
  kubectl = kubectlFor(sim.kubeconfigPath, await tempDir('traffic-kubectl'));
  await ok(['apply', '--server-side', '-f', CRD]);
  await ok(['wait', '--for=condition=Established', 'crd/httproutes.gateway.networking.k8s.io', '--timeout=30s']);
});
afterAll(async () => {
  await sim?.close();
});

const manifests = (image: string) => webApp(image, 4);

/** A route as users write them: two rules to the app (one with matches on a header and a filter), one to another Service. */
const ROUTE = (ns: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: ${ns}
  labels: {team: shop}
spec:
  parentRefs: [{name: public, namespace: gateways}]
  hostnames: [shop.example.com]
  rules:
    - matches:
        - path: {type: PathPrefix, value: /api}
          headers: [{name: x-tenant, value: acme}]
      filters:
        - type: RequestHeaderModifier
          requestHeaderModifier:
            add: [{name: x-route, value: api}]
            remove: [x-debug]
      backendRefs: [{name: web, port: 80}]
    - matches: [{path: {type: PathPrefix, value: /static}}]
      backendRefs: [{name: assets, port: 8080, weight: 3}]
`;

const INGRESS = (ns: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: ${ns}
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - {path: /static, pathType: Prefix, backend: {service: {name: assets, port: {number: 8080}}}}
`;

interface Route {
  metadata: {
    annotations?: Record<string, string>;
    managedFields?: { manager: string; operation: string; fieldsV1: Record<string, unknown> }[];
  };
  spec: { rules: { backendRefs: { name: string; weight?: number }[]; filters?: unknown[]; matches?: unknown[] }[] };
}

let namespaces = 0;
/** A namespace where production runs v1 (rolling), with the user's route or Ingress applied by the user's field manager. */
async function production(extra: (ns: string) => string): Promise<string> {
  const ns = `t${++namespaces}`;
  sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const run = await deploy(V1, ns);
  expect(run.outputs.result).toBe('succeeded');
  await ok(['apply', '--server-side', '--field-manager=shop-team', '-f', '-'], extra(ns));
  return ns;
}

async function deploy(image: string, namespace: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const dir = await tempDirWith('traffic-workspace', { 'k8s/web.yaml': manifests(image) });
  const run = await runAction('deploy-candidate', {
    inputs: { kubeconfig: sim.kubeconfigPath, manifests: 'k8s', namespace, timeout: '40s', ...inputs },
    workspace: dir,
    timeoutMs: 120_000,
  });
  return { ...run, stdout: run.stdout.replace(/%25/g, '%') };
}

const getRoute = async (ns: string) =>
  JSON.parse(await ok(['get', 'httproute', 'shop', '-n', ns, '-o', 'json', '--show-managed-fields'])) as Route;
const exists = async (kind: string, ns: string, name: string) =>
  (await ok(['get', kind, name, '-n', ns, '--ignore-not-found', '-o', 'name'])).trim() !== '';

/** The route's spec as the user wrote it: the action's backendRefs taken out, the primary's weight put back. */
function asWritten(route: Route, primaryWeight: number): string {
  const spec = structuredClone(route.spec);
  for (const rule of spec.rules) {
    rule.backendRefs = rule.backendRefs
      .filter((ref) => !/^web-(canary|baseline|preview)$/.test(ref.name))
      .map((ref) => (ref.name === 'web' ? { ...ref, weight: primaryWeight } : ref));
  }
  return JSON.stringify(spec);
}

const weights = (route: Route) => Object.fromEntries(route.spec.rules[0].backendRefs.map((ref) => [ref.name, ref.weight]));

/** The field paths a managedFields entry owns, as `spec.rules`, `metadata.annotations.<key>`. */
function owned(fields: Record<string, unknown>, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (key === '.') continue;
    const path = `${prefix}${prefix ? '.' : ''}${key.replace(/^f:/, '')}`;
    const children = value && typeof value === 'object' ? owned(value as Record<string, unknown>, path) : [];
    paths.push(...(children.length ? children : [path]));
  }
  return paths;
}

describe('traffic-routing gateway-api', () => {
  /** What promote and reject did is said once each in the summary, however many steps added to it. */
  function expectEachNoteOnce(summary: string): void {
    const notes = summary.split('\n').filter((line) => /^> \S/.test(line));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.filter((line, i) => notes.indexOf(line) !== i)).toEqual([]);
  }

  it("weighs a stepped canary on the user's HTTPRoute, leaving every other field as written, and puts it back on promote", async () => {
    const ns = await production(ROUTE);
    const written = await getRoute(ns);
    const original = JSON.stringify(written.spec);
    expect(weights(written)).toEqual({ web: 1 });
    const inputs = { strategy: 'canary', 'canary-steps': '10,25,50', 'traffic-routing': 'gateway-api', 'traffic-route': 'shop' };

    const expected = [
      { web: 80, 'web-canary': 10, 'web-baseline': 10 },
      { web: 50, 'web-canary': 25, 'web-baseline': 25 },
      { web: 0, 'web-canary': 50, 'web-baseline': 50 },
    ];
    for (const [i, share] of [10, 25, 50].entries()) {
      const run = await deploy(V2, ns, { ...inputs, 'canary-step': String(i + 1) });
      expect({ code: run.code, result: run.outputs.result, stderr: run.stderr }).toMatchObject({ code: 0, result: 'succeeded' });
      expect(run.outputs['served-share']).toMatch(new RegExp(`^${share}(\\.0)?$`));
      const route = await getRoute(ns);
      expect(weights(route)).toEqual(expected[i]);
      const line = Object.entries(expected[i])
        .map(([name, weight]) => `${name} ${weight}`)
        .join(', ');
      expect(run.stdout).toContain(`weights: HTTPRoute ${ns}/shop: ${line}`);
      expect(run.summary).toContain(`Weights: HTTPRoute ${ns}/shop: ${line}`);
      // Byte for byte as written but the weights: filters, matches, the second rule, hostnames, parents.
      expect(asWritten(route, 1)).toBe(original);
      expect(route.spec.rules[0].filters).toEqual(written.spec.rules[0].filters);
      expect(route.spec.rules[1]).toEqual(written.spec.rules[1]);
      // The action's field manager changed the rules (an atomic list: the finest grain there is) and its record, nothing else.
      const ours = route.metadata.managedFields?.filter((entry) => entry.manager === MANAGER) ?? [];
      expect(ours.map((entry) => entry.operation)).toEqual(['Update']);
      expect(owned(ours[0].fieldsV1).sort()).toEqual(['metadata.annotations.gitops-delivery/primary-weights', 'spec.rules']);
      const user = route.metadata.managedFields?.find((entry) => entry.manager === 'shop-team');
      expect(owned(user!.fieldsV1)).toEqual(expect.arrayContaining(['spec.hostnames', 'spec.parentRefs', 'metadata.labels.team']));
      // The tracks are reached through their own Services, and the user's Service holds to the primary's pods.
      const service = JSON.parse(await ok(['get', 'service', 'web', '-n', ns, '-o', 'json'])) as {
        spec: { selector: Record<string, string> };
      };
      expect(Object.keys(service.spec.selector).sort()).toEqual(['app', 'pod-template-hash']);
      for (const track of ['canary', 'baseline']) {
        const own = JSON.parse(await ok(['get', 'service', `web-${track}`, '-n', ns, '-o', 'json'])) as {
          spec: { selector: Record<string, string> };
        };
        expect(own.spec.selector).toEqual({ app: 'web', track });
      }
    }

    const promoted = await deploy(V2, ns, { ...inputs, action: 'promote' });
    expect({ code: promoted.code, result: promoted.outputs.result, stderr: promoted.stderr }).toMatchObject({
      code: 0,
      result: 'succeeded',
    });
    expectEachNoteOnce(promoted.summary);
    const after = await getRoute(ns);
    expect(JSON.stringify(after.spec)).toBe(original);
    expect(after.metadata.annotations?.['gitops-delivery/primary-weights']).toBeUndefined();
    for (const name of ['web-canary', 'web-baseline']) {
      expect(await exists('service', ns, name)).toBe(false);
      expect(await exists('deployment', ns, name)).toBe(false);
    }
    const service = JSON.parse(await ok(['get', 'service', 'web', '-n', ns, '-o', 'json'])) as {
      spec: { selector: Record<string, string> };
    };
    expect(service.spec.selector).toEqual({ app: 'web' });
    const primary = JSON.parse(await ok(['get', 'deployment', 'web', '-n', ns, '-o', 'json'])) as {
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    };
    expect(primary.spec.template.spec.containers[0].image).toBe(V2);
    expect(primary.spec.replicas).toBe(4);
  });

  it('puts the route back as written on reject, and a second reject finds nothing to do', async () => {
    const ns = await production(ROUTE);
    const original = JSON.stringify((await getRoute(ns)).spec);
    const inputs = {
      strategy: 'canary',
      'canary-percentage': '20',
      'traffic-routing': 'gateway-api',
      'traffic-route': `${ns}/shop`,
      'traffic-route-rule': '1',
    };
    const run = await deploy(V2, ns, inputs);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(weights(await getRoute(ns))).toEqual({ web: 60, 'web-canary': 20, 'web-baseline': 20 });
    for (let i = 0; i < 2; i++) {
      const rejected = await deploy(V2, ns, { ...inputs, action: 'reject' });
      expect({ code: rejected.code, result: rejected.outputs.result, stderr: rejected.stderr }).toMatchObject({
        code: 0,
        result: 'succeeded',
      });
      expectEachNoteOnce(rejected.summary);
      expect(JSON.stringify((await getRoute(ns)).spec)).toBe(original);
      expect(await exists('service', ns, 'web-canary')).toBe(false);
      expect(await exists('deployment', ns, 'web-canary')).toBe(false);
    }
  });

  it('rejects a canary whose route was deleted meanwhile: nothing to put back on it, the Service released, the tracks gone', async () => {
    const ns = await production(ROUTE);
    const inputs = { strategy: 'canary', 'canary-percentage': '25', 'traffic-routing': 'gateway-api', 'traffic-route': 'shop' };
    expect((await deploy(V2, ns, inputs)).code).toBe(0);
    await ok(['delete', 'httproute', 'shop', '-n', ns]);
    const rejected = await deploy(V2, ns, { ...inputs, action: 'reject' });
    expect({ code: rejected.code, result: rejected.outputs.result, stderr: rejected.stderr }).toMatchObject({
      code: 0,
      result: 'succeeded',
    });
    expect(rejected.stdout).toContain(`HTTPRoute ${ns}/shop does not exist: nothing to put back on it`);
    const service = JSON.parse(await ok(['get', 'service', 'web', '-n', ns, '-o', 'json'])) as {
      spec: { selector: Record<string, string> };
    };
    expect(service.spec.selector).toEqual({ app: 'web' });
    for (const kind of ['service', 'deployment']) expect(await exists(kind, ns, 'web-canary')).toBe(false);
  });

  it('leaves the previous weights serving, and says so, when the weights are refused once the canary runs', async () => {
    const ns = await production(ROUTE);
    const original = JSON.stringify((await getRoute(ns)).spec);
    const inputs = { strategy: 'canary', 'canary-percentage': '25', 'traffic-routing': 'gateway-api', 'traffic-route': 'shop' };
    const since = Date.now();
    const running = deploy(V2, ns, inputs);
    // The dry run passes; the weights themselves, once the canary is ready, are refused.
    await sim.waitUntil(
      () =>
        sim.requests.some(
          (r) => r.time >= since && r.method === 'PATCH' && r.path.endsWith('/httproutes/shop') && r.query.includes('dryRun'),
        ),
      {
        timeoutMs: 60_000,
        what: 'the dry run of the weights',
      },
    );
    sim.setFaults({ unavailable: { count: 50, path: '/httproutes/shop', method: 'PATCH' } });
    let run: ActionRun;
    try {
      run = await running;
    } finally {
      sim.setFaults({});
    }
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.stdout).toMatch(
      new RegExp(
        `could not change HTTPRoute ${ns}/shop: .*; HTTPRoute ${ns}/shop still serves the previous weights; the canary and baseline run without the share asked`,
      ),
    );
    expect(JSON.stringify((await getRoute(ns)).spec)).toBe(original);
    const rejected = await deploy(V2, ns, { ...inputs, action: 'reject' });
    expect({ code: rejected.code, result: rejected.outputs.result }).toEqual({ code: 0, result: 'succeeded' });
    expect(JSON.stringify((await getRoute(ns)).spec)).toBe(original);
    expect(await exists('deployment', ns, 'web-canary')).toBe(false);
  });

  it('switches blue-green by the weights, all at once, and leaves the route as written after promote', async () => {
    const ns = await production(ROUTE);
    const original = JSON.stringify((await getRoute(ns)).spec);
    const inputs = { strategy: 'blue-green', 'traffic-routing': 'gateway-api', 'traffic-route': 'shop' };
    const deployed = await deploy(V2, ns, inputs);
    expect({ code: deployed.code, stderr: deployed.stderr }).toMatchObject({ code: 0 });
    expect(JSON.stringify((await getRoute(ns)).spec)).toBe(original);
    const promoted = await deploy(V2, ns, { ...inputs, action: 'promote' });
    expect({ code: promoted.code, result: promoted.outputs.result, stderr: promoted.stderr }).toMatchObject({
      code: 0,
      result: 'succeeded',
    });
    expect(promoted.stdout).toContain('weights: HTTPRoute t');
    expect(promoted.stdout).toMatch(/web 0, web-preview 100/);
    expect(JSON.stringify((await getRoute(ns)).spec)).toBe(original);
    const service = JSON.parse(await ok(['get', 'service', 'web', '-n', ns, '-o', 'json'])) as {
      spec: { selector: Record<string, string> };
    };
    expect(service.spec.selector.color).toBe(promoted.outputs.color);
  });

  it.each([
    ['a route that does not exist', 'missing', (ns: string) => `HTTPRoute ${ns}/missing does not exist (traffic-route)`],
    [
      'a route that does not send traffic to the primary',
      'other',
      (ns: string) => `HTTPRoute ${ns}/other does not send traffic to the primary (Service web)`,
    ],
  ])('fails on %s before anything changes', async (_, name, message) => {
    const ns = await production(ROUTE);
    await ok(
      ['apply', '--server-side', '--field-manager=shop-team', '-f', '-'],
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: other, namespace: ${ns}}\nspec:\n  rules: [{backendRefs: [{name: assets, port: 8080}]}]\n`,
    );
    const run = await deploy(V2, ns, { strategy: 'canary', 'traffic-routing': 'gateway-api', 'traffic-route': name });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('failed');
    expect(run.stdout).toContain(message(ns));
    expect(await exists('deployment', ns, 'web-canary')).toBe(false);
    expect(await exists('service', ns, 'web-canary')).toBe(false);
    const primary = JSON.parse(await ok(['get', 'deployment', 'web', '-n', ns, '-o', 'json'])) as {
      spec: { replicas: number };
      metadata: { annotations?: Record<string, string> };
    };
    expect(primary.spec.replicas).toBe(4);
    expect(primary.metadata.annotations?.['gitops-delivery/canary']).toBeUndefined();
  });

  it('fails when the API server refuses the weights, before the canary runs, and says the previous weights serve', async () => {
    const ns = await production(ROUTE);
    const original = JSON.stringify((await getRoute(ns)).spec);
    sim.setFaults({ unavailable: { count: 50, path: '/httproutes/shop', method: 'PATCH' } });
    try {
      const run = await deploy(V2, ns, { strategy: 'canary', 'traffic-routing': 'gateway-api', 'traffic-route': 'shop' });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        new RegExp(
          `could not change HTTPRoute ${ns}/shop: .*; HTTPRoute ${ns}/shop still serves the previous weights; nothing was changed`,
        ),
      );
    } finally {
      sim.setFaults({});
    }
    expect(JSON.stringify((await getRoute(ns)).spec)).toBe(original);
    expect(await exists('deployment', ns, 'web-canary')).toBe(false);
  });
});

describe('traffic-routing ingress-nginx', () => {
  interface Ingress {
    metadata: { annotations?: Record<string, string>; labels?: Record<string, string> };
    spec: {
      ingressClassName?: string;
      tls?: unknown;
      rules: { host?: string; http: { paths: { path: string; backend: { service: { name: string } } }[] } }[];
    };
  }
  const getIngress = async (ns: string, name: string) => JSON.parse(await ok(['get', 'ingress', name, '-n', ns, '-o', 'json'])) as Ingress;

  it("makes a canary Ingress from the user's, weighted, and removes it on reject and on promote", async () => {
    const ns = await production(INGRESS);
    const original = JSON.stringify((await getIngress(ns, 'shop')).spec);
    const inputs = { strategy: 'canary', 'canary-percentage': '20', 'traffic-routing': 'ingress-nginx', 'traffic-route': 'shop' };
    for (const finish of ['reject', 'promote']) {
      const run = await deploy(V2, ns, inputs);
      expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
      expect(run.outputs['served-share']).toMatch(/^20(\.0)?$/);
      const canary = await getIngress(ns, 'shop-canary');
      expect(canary.metadata.annotations).toEqual({
        'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
        'nginx.ingress.kubernetes.io/canary': 'true',
        'nginx.ingress.kubernetes.io/canary-weight': '20',
      });
      expect(canary.spec.ingressClassName).toBe('nginx');
      expect(canary.spec.rules).toEqual([
        {
          host: 'shop.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web-canary', port: { number: 80 } } } }] },
        },
      ]);
      expect(JSON.stringify((await getIngress(ns, 'shop')).spec)).toBe(original);

      const done = await deploy(V2, ns, { ...inputs, action: finish });
      expect({ code: done.code, result: done.outputs.result, stderr: done.stderr }).toMatchObject({ code: 0, result: 'succeeded' });
      expect(await exists('ingress', ns, 'shop-canary')).toBe(false);
      expect(await exists('service', ns, 'web-canary')).toBe(false);
      expect(JSON.stringify((await getIngress(ns, 'shop')).spec)).toBe(original);
    }
  });

  it('switches blue-green through a canary Ingress at 100% to the new colour, removed once the Services follow', async () => {
    const ns = await production(INGRESS);
    const original = JSON.stringify((await getIngress(ns, 'shop')).spec);
    const inputs = { strategy: 'blue-green', 'traffic-routing': 'ingress-nginx', 'traffic-route': 'shop' };
    expect((await deploy(V2, ns, inputs)).code).toBe(0);
    expect(await exists('ingress', ns, 'shop-canary')).toBe(false);
    const promoted = await deploy(V2, ns, { ...inputs, action: 'promote' });
    expect({ code: promoted.code, result: promoted.outputs.result, stderr: promoted.stderr }).toMatchObject({
      code: 0,
      result: 'succeeded',
    });
    expect(promoted.stdout).toContain(`weights: Ingress ${ns}/shop: 0% to web, 100% to web-preview (Ingress shop-canary)`);
    expect(promoted.stdout).toContain(`restored: Ingress ${ns}/shop: all traffic to web again (Ingress shop-canary deleted)`);
    expect(await exists('ingress', ns, 'shop-canary')).toBe(false);
    expect(JSON.stringify((await getIngress(ns, 'shop')).spec)).toBe(original);
  });

  it('fails before anything changes when the Ingress sends nothing to the primary', async () => {
    const ns = await production(INGRESS);
    await ok(
      ['apply', '-f', '-'],
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: assets, namespace: ${ns}}\nspec:\n  defaultBackend: {service: {name: assets, port: {number: 8080}}}\n`,
    );
    const run = await deploy(V2, ns, { strategy: 'canary', 'traffic-routing': 'ingress-nginx', 'traffic-route': 'assets' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Ingress ${ns}/assets does not send traffic to the primary (Service web): its backends name assets`);
    expect(await exists('deployment', ns, 'web-canary')).toBe(false);
    expect(await exists('ingress', ns, 'assets-canary')).toBe(false);
  });
});
