// The patches and objects the traffic routers send, checked by applying
// them the way the API server does (RFC 6902 for the HTTPRoute): only the
// weights and the backendRefs the action adds ever change.
import type { KubeObject } from '../../../src/kube/objects.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import {
  runOrExplain,
  primaryOf,
  restorePatch,
  routedRules,
  weightPatch,
  type JsonPatchOp,
  PRIMARY_WEIGHTS_ANNOTATION,
} from '../../../src/kube/strategies/traffic/gateway-api.js';
import { canaryIngress } from '../../../src/kube/strategies/traffic/ingress-nginx.js';
import { canaryBackends, setWeights, type Traffic } from '../../../src/kube/strategies/traffic/index.js';
import { TrafficError, type Router } from '../../../src/kube/strategies/traffic/router.js';

/** RFC 6902, as the API server applies it: every op in order, a failed test fails the whole patch. */
function applyJsonPatch<T>(document: T, ops: JsonPatchOp[]): T {
  const doc = structuredClone(document) as unknown;
  const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');
  for (const op of ops) {
    const tokens = op.path.split('/').slice(1).map(unescape);
    const last = tokens.pop()!;
    let parent = doc as Record<string, unknown> | unknown[];
    for (const token of tokens) parent = (parent as Record<string, unknown>)[token] as Record<string, unknown>;
    if (parent === undefined) throw new Error(`no parent for ${op.path}`);
    const current = Array.isArray(parent) ? parent[Number(last)] : parent[last];
    if (op.op === 'test') {
      if (JSON.stringify(current) !== JSON.stringify(op.value)) throw new Error(`test failed at ${op.path}`);
    } else if (op.op === 'remove') {
      if (current === undefined) throw new Error(`nothing to remove at ${op.path}`);
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (Array.isArray(parent)) {
      if (last === '-') parent.push(op.value);
      else if (op.op === 'add') parent.splice(Number(last), 0, op.value);
      else parent[Number(last)] = op.value;
    } else parent[last] = op.value;
  }
  return doc as T;
}

const route = (rules: unknown[], annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'shop', namespace: 'prod', ...(annotations ? { annotations } : {}) },
  spec: { parentRefs: [{ name: 'public' }], hostnames: ['shop.example.com'], rules },
});

const FILTERED = {
  matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ type: 'Exact', name: 'x-tenant', value: 'acme' }] }],
  filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-route', value: 'api' }] } }],
  backendRefs: [{ group: '', kind: 'Service', name: 'web', port: 80, weight: 1 }],
};
const OTHER = { matches: [{ path: { type: 'PathPrefix', value: '/static' } }], backendRefs: [{ name: 'assets', port: 8080, weight: 3 }] };
const ours = ['web-canary', 'web-baseline', 'web-preview'];
const weightsOf = (r: KubeObject, i = 0) =>
  Object.fromEntries(
    ((r.spec!.rules as { backendRefs: { name: string; weight?: number }[] }[])[i].backendRefs ?? []).map((b) => [b.name, b.weight]),
  );

describe('HTTPRoute weights', () => {
  it.each([
    ['without annotations', undefined],
    ['with annotations', { 'example.com/owner': 'shop' }],
  ])('changes only the weights and the backendRefs it adds, over three steps, and restores the route as written (%s)', (_, annotations) => {
    const written = route(
      [structuredClone(FILTERED), structuredClone(OTHER), { ...structuredClone(FILTERED), backendRefs: [{ name: 'web', port: 80 }] }],
      annotations,
    );
    let current = written;
    for (const share of [10, 25, 50]) {
      const rules = routedRules(current, 'web', ours);
      expect(rules).toEqual([0, 2]);
      const backends = [
        { service: 'web-canary', weight: share },
        { service: 'web-baseline', weight: share },
      ];
      current = applyJsonPatch(current, weightPatch(current, rules, 'web', backends, 100 - 2 * share));
      expect(weightsOf(current, 0)).toEqual({ web: 100 - 2 * share, 'web-canary': share, 'web-baseline': share });
      expect(weightsOf(current, 2)).toEqual({ web: 100 - 2 * share, 'web-canary': share, 'web-baseline': share });
      // Everything else is as written.
      const rest = structuredClone(current);
      for (const rule of rest.spec!.rules as { backendRefs: unknown[] }[]) rule.backendRefs = [];
      const writtenRest = structuredClone(written);
      for (const rule of writtenRest.spec!.rules as { backendRefs: unknown[] }[]) rule.backendRefs = [];
      delete (rest.metadata.annotations as Record<string, string>)[PRIMARY_WEIGHTS_ANNOTATION];
      if (!annotations) delete rest.metadata.annotations;
      expect(rest).toEqual(writtenRest);
      expect(JSON.parse((current.metadata.annotations as Record<string, string>)[PRIMARY_WEIGHTS_ANNOTATION])).toEqual({ 0: 1, 2: null });
    }
    const restored = applyJsonPatch(current, restorePatch(current, 'web', ours));
    expect(JSON.stringify(restored)).toBe(JSON.stringify(written));
    expect(restorePatch(restored, 'web', ours)).toEqual([]);
  });

  it('guards every index it writes with a test of the name, so a route changed since the read is refused, not corrupted', () => {
    const read = route([structuredClone(FILTERED)]);
    const ops = weightPatch(read, [0], 'web', [{ service: 'web-canary', weight: 10 }], 90);
    const moved = route([structuredClone(OTHER), structuredClone(FILTERED)]);
    expect(() => applyJsonPatch(moved, ops)).toThrow('test failed');
    expect(ops.filter((op) => op.op !== 'test').every((op) => /weight$|backendRefs\/-$|annotations/.test(op.path))).toBe(true);
  });

  it.each([
    [[OTHER], '', 'HTTPRoute prod/shop does not send traffic to the primary (Service web): its backendRefs name assets'],
    [[FILTERED], '3', "HTTPRoute prod/shop has no rule '3' (traffic-route-rule): its rules are rule 1"],
    [[OTHER, FILTERED], '1', "HTTPRoute prod/shop does not send traffic to Service web in rule '1': its backendRefs name assets"],
    [
      [{ ...FILTERED, backendRefs: [...FILTERED.backendRefs, { name: 'legacy', port: 80 }] }],
      '',
      'HTTPRoute prod/shop rule 1 sends traffic to legacy beside Service web, which would take part of every share',
    ],
  ])('refuses a route it cannot weigh, naming it and the reason (%#)', (rules, rule, message) => {
    const r = route(rules);
    expect(() => routedRules(r, primaryOf(r, ['web'], rule), ours, rule)).toThrow(message);
  });

  it('picks the rule named by position, and the primary among the Services that select the pods', () => {
    const r = route([structuredClone(OTHER), structuredClone(FILTERED)]);
    expect(primaryOf(r, ['api', 'web'], '2')).toBe('web');
    expect(routedRules(r, 'web', ours, '2')).toEqual([1]);
  });
});

describe('ingress-nginx canary Ingress', () => {
  const ingress: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'shop',
      namespace: 'prod',
      labels: { team: 'shop' },
      annotations: {
        'nginx.ingress.kubernetes.io/rewrite-target': '/',
        'nginx.ingress.kubernetes.io/canary-by-header': 'x-old',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } },
              { path: '/static', pathType: 'Prefix', backend: { service: { name: 'assets', port: { number: 8080 } } } },
            ],
          },
        },
        {
          host: 'assets.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'assets', port: { number: 8080 } } } }] },
        },
      ],
    },
  };

  it('copies class, hosts and paths to the primary, pointed at the other Service, with its own canary annotations', () => {
    const canary = canaryIngress(ingress, 'web', { service: 'web-canary', weight: 25 });
    expect(canary.metadata).toEqual({
      name: 'shop-canary',
      namespace: 'prod',
      labels: { team: 'shop', 'gitops-delivery/canary-of': 'shop' },
      annotations: {
        'nginx.ingress.kubernetes.io/rewrite-target': '/',
        'nginx.ingress.kubernetes.io/canary': 'true',
        'nginx.ingress.kubernetes.io/canary-weight': '25',
      },
    });
    expect(canary.spec).toEqual({
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'web-canary', port: { number: 80 } } },
      rules: [
        {
          host: 'shop.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web-canary', port: { name: 'http' } } } }] },
        },
      ],
    });
  });

  it('refuses an Ingress that is a canary itself, or sends nothing to the primary', () => {
    const marked = { ...ingress, metadata: { ...ingress.metadata, annotations: { 'nginx.ingress.kubernetes.io/canary': 'true' } } };
    expect(() => canaryIngress(marked, 'web', { service: 'web-canary', weight: 5 })).toThrow('is itself an ingress-nginx canary');
    expect(() => canaryIngress(ingress, 'api', { service: 'api-canary', weight: 5 })).toThrow(
      'Ingress prod/shop does not send traffic to Service api: its backends name web, assets',
    );
  });
});

describe('setWeights', () => {
  const router = (describe: string, fails?: string): Router => ({
    describe,
    primary: 'web',
    maxBackends: 16,
    route: async () => {
      if (fails) throw new TrafficError(fails);
      return `${describe}: set`;
    },
    restore: async () => undefined,
  });
  const logger = {
    info: () => {},
    warning: () => {},
    error: () => {},
    debug: () => {},
    group: async <T>(_: string, f: () => Promise<T>) => f(),
  };
  const traffic = (...routers: Router[]): Traffic => ({
    routing: 'gateway-api',
    routes: routers.map((r) => ({ router: r, service: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, deployments: [] })),
  });

  it('says which routes took the new weights and which still serve the previous ones', async () => {
    const notes: string[] = [];
    const failure = await setWeights(
      traffic(router('HTTPRoute a'), router('HTTPRoute b', 'could not change HTTPRoute b: forbidden'), router('HTTPRoute c')),
      () => [{ service: 'web-canary', weight: 10 }],
      { kubectl: undefined as never, logger: logger as never },
      notes,
    );
    expect(failure).toBe(
      'could not change HTTPRoute b: forbidden; HTTPRoute b, HTTPRoute c still serve the previous weights (HTTPRoute a took the new ones)',
    );
    expect(notes).toEqual(['Weights: HTTPRoute a: set.']);
  });

  it("gives the baseline the canary's share where the router can weigh it, up to what is left", () => {
    expect(canaryBackends(router('r'), 30)).toEqual([
      { service: 'web-canary', weight: 30 },
      { service: 'web-baseline', weight: 30 },
    ]);
    expect(canaryBackends(router('r'), 70)[1]).toEqual({ service: 'web-baseline', weight: 30 });
    expect(canaryBackends({ ...router('r'), maxBackends: 1 }, 30)).toEqual([{ service: 'web-canary', weight: 30 }]);
  });
});

describe('runOrExplain', () => {
  const refusing = (stderr: string) =>
    new Kubectl({
      run: async () => ({ code: 1, stdout: '', stderr }),
      stream: async () => ({ code: 1, stdout: '', stderr }),
    });

  it.each([
    [
      'Error from server (Forbidden): httproutes.gateway.networking.k8s.io "shop" is forbidden: User "system:serviceaccount:ci:deployer" cannot patch resource "httproutes" in API group "gateway.networking.k8s.io" in the namespace "prod"',
      'could not change HTTPRoute prod/shop: the cluster refused (RBAC): Error from server (Forbidden)',
    ],
    [
      'error: the server doesn\'t have a resource type "httproutes"',
      'could not change HTTPRoute prod/shop: the cluster does not serve this kind (are its CRDs installed?)',
    ],
  ])('names the route, what was being done and the reason (%#)', async (stderr, message) => {
    await expect(runOrExplain(refusing(stderr), ['patch'], 'HTTPRoute prod/shop', 'change')).rejects.toThrow(message);
  });
});
