// The API semantics of kube-sim that kubectl cannot show directly: patch
// formats, field ownership, selectors, metadata bookkeeping.
import { Api, ApiError } from '../../kube-sim/api.mjs';
import { typeNamed } from '../../kube-sim/catalog.mjs';
import { checkCustomResource, listTypes } from '../../kube-sim/crds.mjs';
import { describeFieldError, goValue } from '../../kube-sim/defaults.mjs';
import { serverSideApply, ApplyConflict } from '../../kube-sim/fields.mjs';
import { parseQuantity, schedulingFailure } from '../../kube-sim/kubelet.mjs';
import { jsonPatch, strategicMergePatch } from '../../kube-sim/merge.mjs';
import { parseFieldSelector, parseLabelSelector } from '../../kube-sim/selectors.mjs';
import { Store } from '../../kube-sim/store.mjs';
import { humanDuration } from '../../kube-sim/tables.mjs';
import { parseImage } from '../../kube-sim/images.mjs';

describe('label and field selectors', () => {
  const labels = { app: 'web', tier: 'front', release: 'stable' };

  test.each([
    ['app=web', true],
    ['app==web,tier!=back', true],
    ['app in (api, web),release notin (canary)', true],
    ['release', true],
    ['!release', false],
    ['app in (api),tier', false],
    ['track!=canary', true],
    ['', true],
  ])('%s → %s', (selector, matches) => {
    expect(parseLabelSelector(selector)(labels)).toBe(matches);
  });

  test('a malformed requirement is refused', () => {
    expect(() => parseLabelSelector('app in web')).toThrow('unable to parse requirement: app in web');
  });

  test('field selectors read dotted paths, as events are selected', () => {
    const event = { metadata: { name: 'e1', namespace: 'shop' }, involvedObject: { kind: 'Pod', name: 'web-1' }, type: 'Warning' };
    expect(parseFieldSelector('involvedObject.kind=Pod,involvedObject.name=web-1')(event)).toBe(true);
    expect(parseFieldSelector('type!=Warning')(event)).toBe(false);
    expect(parseFieldSelector('metadata.namespace==shop')(event)).toBe(true);
  });
});

describe('strategic merge patch', () => {
  const pod = {
    spec: {
      containers: [
        {
          name: 'app',
          image: 'app:1',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
        { name: 'sidecar', image: 'proxy:1' },
      ],
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    },
    metadata: { finalizers: ['a', 'b'] },
  };

  test('containers and env merge by name; unnamed fields stay', () => {
    const patched = strategicMergePatch(pod, { spec: { containers: [{ name: 'app', image: 'app:2', env: [{ name: 'C', value: '3' }] }] } });
    expect(patched.spec.containers).toEqual([
      {
        name: 'app',
        image: 'app:2',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
          { name: 'C', value: '3' },
        ],
      },
      { name: 'sidecar', image: 'proxy:1' },
    ]);
  });

  test('the directives client-side apply sends: $patch delete, $setElementOrder, $retainKeys, $deleteFromPrimitiveList', () => {
    const patched = strategicMergePatch(pod, {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
      spec: {
        '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }],
        containers: [{ name: 'app', '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }] }],
        strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null },
      },
    });
    expect(patched.metadata.finalizers).toEqual(['b']);
    expect(patched.spec.containers.map((c: { name: string }) => c.name)).toEqual(['sidecar', 'app']);
    expect(patched.spec.containers[1].env).toEqual([{ name: 'A', value: '1' }]);
    expect(patched.spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('a list without a merge key is replaced', () => {
    const patched = strategicMergePatch({ spec: { args: ['a', 'b'] } }, { spec: { args: ['c'] } });
    expect(patched.spec.args).toEqual(['c']);
  });

  test('JSON patch operations, and a failing test operation', () => {
    const doc = { spec: { replicas: 1, items: ['a'] } };
    expect(
      jsonPatch(doc, [
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'add', path: '/spec/items/-', value: 'b' },
        { op: 'remove', path: '/spec/items/0' },
      ]),
    ).toEqual({ spec: { replicas: 3, items: ['b'] } });
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/spec/replicas', value: 2 }])).toThrow('testing value /spec/replicas failed');
  });
});

describe('server-side apply', () => {
  const config = (env: Record<string, string>, replicas?: number) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      template: { spec: { containers: [{ name: 'app', env: Object.entries(env).map(([name, value]) => ({ name, value })) }] } },
    },
  });

  test('a field the manager stops applying is removed, unless another manager owns it', () => {
    const first = serverSideApply(undefined, config({ A: '1', B: '2' }, 2), { manager: 'ci', force: false });
    const shared = serverSideApply(first, config({ B: '2' }), { manager: 'ops', force: false });
    const second = serverSideApply(shared, config({ A: '1' }), { manager: 'ci', force: false });
    expect(second.spec.replicas).toBeUndefined();
    expect(second.spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(second.metadata.managedFields.map((f: { manager: string; operation: string }) => `${f.manager}/${f.operation}`)).toEqual([
      'ci/Apply',
      'ops/Apply',
    ]);
  });

  test('changing a field another manager owns conflicts; force takes it over', () => {
    const owned = serverSideApply(undefined, config({}, 2), { manager: 'ci', force: false });
    expect(() => serverSideApply(owned, config({}, 5), { manager: 'hpa', force: false })).toThrow(ApplyConflict);
    expect(() => serverSideApply(owned, config({}, 5), { manager: 'hpa', force: false })).toThrow(
      'Apply failed with 1 conflict: conflict with "ci" using apps/v1: .spec.replicas',
    );
    const forced = serverSideApply(owned, config({}, 5), { manager: 'hpa', force: true });
    expect(forced.spec.replicas).toBe(5);
    const ci = forced.metadata.managedFields.find((f: { manager: string }) => f.manager === 'ci');
    expect(ci.fieldsV1['f:spec']).not.toHaveProperty('f:replicas');
  });
});

describe('metadata bookkeeping through the API', () => {
  const deployments = typeNamed('deploy');
  const namespaces = typeNamed('ns');
  const api = () => {
    const a = new Api(new Store());
    a.create(namespaces, undefined, { metadata: { name: 'default' } });
    return a;
  };
  const web = (image: string, replicas = 1) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image }] } },
    },
  });

  test('generation follows the spec; a write that changes nothing keeps the resourceVersion', () => {
    const a = api();
    const created = a.create(deployments, 'default', web('app:1'), { manager: 'test' });
    expect(created.metadata).toMatchObject({ generation: 1, namespace: 'default' });
    expect(created.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    const labelled = a.patch(deployments, 'default', 'web', 'application/merge-patch+json', '{"metadata":{"labels":{"x":"y"}}}');
    expect(labelled.metadata.generation).toBe(1);
    const scaled = a.patch(deployments, 'default', 'web', 'application/merge-patch+json', '{"spec":{"replicas":3}}');
    expect(scaled.metadata.generation).toBe(2);
    const same = a.update(deployments, 'default', 'web', scaled);
    expect(same.metadata.resourceVersion).toBe(scaled.metadata.resourceVersion);
    expect(() => a.update(deployments, 'default', 'web', { ...scaled, metadata: { ...scaled.metadata, resourceVersion: '1' } })).toThrow(
      'the object has been modified',
    );
  });

  test('errors are Status objects with the codes clients branch on', () => {
    const a = api();
    a.create(deployments, 'default', web('app:1'));
    const failure = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as ApiError).toStatus();
      }
      throw new Error('no error');
    };
    expect(failure(() => a.create(deployments, 'default', web('app:1')))).toMatchObject({ code: 409, reason: 'AlreadyExists' });
    expect(failure(() => a.get(deployments, 'default', 'nope'))).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'deployments.apps "nope" not found',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
    });
    const noImage = web('');
    noImage.metadata.name = 'bad';
    expect(failure(() => a.create(deployments, 'default', noImage))).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'Deployment.apps "bad" is invalid: spec.template.spec.containers[0].image: Required value',
      details: { causes: [{ reason: 'FieldValueRequired', field: 'spec.template.spec.containers[0].image' }] },
    });
    expect(failure(() => a.create(deployments, 'elsewhere', web('app:1')))).toMatchObject({
      code: 404,
      message: 'namespaces "elsewhere" not found',
    });
    expect(failure(() => a.patch(deployments, 'default', 'web', 'application/merge-patch+json', '{nope'))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
    });
  });
});

test('ages print as kubectl prints them', () => {
  expect([5_000, 125_000, 600_000, 3 * 3600_000 + 60_000, 50 * 3600_000].map(humanDuration)).toEqual(['5s', '2m5s', '10m', '3h1m', '2d2h']);
});

test.each([
  ['nginx', { registry: 'docker.io', repository: 'library/nginx', reference: 'latest' }],
  ['127.0.0.1:5000/acme/hello:a46916b', { registry: '127.0.0.1:5000', repository: 'acme/hello', reference: 'a46916b' }],
  ['127.0.0.1:5000/acme/hello@sha256:abc', { registry: '127.0.0.1:5000', repository: 'acme/hello', reference: 'sha256:abc' }],
  ['127.0.0.1:5000/acme/hello:a46916b@sha256:abc', { registry: '127.0.0.1:5000', repository: 'acme/hello', reference: 'sha256:abc' }],
])('image %s is pulled as the runtime pulls it', (image, expected) => {
  expect(parseImage(image)).toEqual(expected);
});

describe('selectors under server-side apply and update', () => {
  const services = typeNamed('svc');
  const deployments = typeNamed('deploy');
  const api = () => {
    const a = new Api(new Store());
    a.create(typeNamed('ns'), undefined, { metadata: { name: 'default' } });
    return a;
  };
  const service = (selector: Record<string, string>, annotations?: Record<string, string>) =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', ...(annotations ? { annotations } : {}) },
      spec: { selector, ports: [{ port: 80 }] },
    });
  const apply = (a: Api, body: string, manager: string, force = false) =>
    a.patch(services, 'default', 'web', 'application/apply-patch+yaml', body, { manager, force });

  test("a Service's selector is atomic: owned whole, replaced whole", () => {
    const a = api();
    const created = apply(a, service({ app: 'web' }), 'ci');
    expect(created.metadata.managedFields[0].fieldsV1['f:spec']['f:selector']).toEqual({});

    // Another manager adding a label changes the selector as a whole: a conflict with its owner.
    expect(() => apply(a, service({ app: 'web', color: 'green' }), 'switcher')).toThrow(
      'Apply failed with 1 conflict: conflict with "ci" using v1: .spec.selector',
    );
    const switched = apply(a, service({ app: 'web', color: 'green' }), 'switcher', true);
    expect(switched.spec.selector).toEqual({ app: 'web', color: 'green' });
    expect(switched.spec.ports).toMatchObject([{ port: 80 }]);

    // The first owner applying its selector again, forced, gets exactly that selector back: no label of the other's stays.
    const back = apply(a, service({ app: 'web' }), 'ci', true);
    expect(back.spec.selector).toEqual({ app: 'web' });
  });

  test('one manager switching the selector in one apply moves selector and annotation together', () => {
    const a = api();
    apply(a, service({ app: 'web', color: 'blue' }, { 'gitops-delivery/live-color': 'blue' }), 'gitops-delivery');
    const before = a.get(services, 'default', 'web').metadata.resourceVersion;
    const after = apply(a, service({ app: 'web', color: 'green' }, { 'gitops-delivery/live-color': 'green' }), 'gitops-delivery');
    expect(after.spec.selector).toEqual({ app: 'web', color: 'green' });
    expect(after.metadata.annotations).toEqual({ 'gitops-delivery/live-color': 'green' });
    expect(Number(after.metadata.resourceVersion)).toBe(Number(before) + 1);
  });

  test("a Deployment's selector cannot change once created", () => {
    const a = api();
    const web = (track?: string) => {
      const labels = { app: 'web', ...(track ? { track } : {}) };
      return JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app:1' }] } },
        },
      });
    };
    a.patch(deployments, 'default', 'web', 'application/apply-patch+yaml', web(), { manager: 'ci' });
    let refusal: ApiError | undefined;
    try {
      a.patch(deployments, 'default', 'web', 'application/apply-patch+yaml', web('canary'), { manager: 'ci' });
    } catch (error) {
      refusal = error as ApiError;
    }
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal!.code).toBe(422);
    expect(refusal!.message).toContain('spec.selector');
    expect(refusal!.message).toContain('field is immutable');
    expect(a.get(deployments, 'default', 'web').spec.selector).toEqual({ matchLabels: { app: 'web' } });
  });
});

describe('custom resources against their schema', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['size'],
        properties: {
          size: { type: 'integer', minimum: 1, maximum: 10 },
          mode: { type: 'string', enum: ['fast', 'safe'], default: 'safe' },
          port: { 'x-kubernetes-int-or-string': true },
          owner: { type: 'string', nullable: true },
          tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
          routes: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: { type: 'object', properties: { name: { type: 'string' }, weight: { type: 'integer', default: 1 } } },
          },
          extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
  };
  const type = {
    ...typeNamed('ConfigMap'),
    group: 'example.com',
    version: 'v1',
    kind: 'Widget',
    custom: {
      crdName: 'widgets.example.com',
      versions: [{ name: 'v1', served: true, storage: true, schema, printerColumns: [], status: false, scale: false }],
    },
  };

  test('undeclared fields are pruned and named, declared defaults filled in, open objects kept whole', () => {
    const o = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', anything: 'kept' },
      spec: {
        size: 3,
        colour: 'blue',
        port: 'http',
        owner: null,
        routes: [{ name: 'a', extra: 1 }],
        extra: { deep: { x: 1 } },
        labels: { a: 'b' },
      },
      status: { ready: true },
    };
    const { errors, unknown } = checkCustomResource(type, 'v1', o);
    expect(errors).toEqual([]);
    expect(unknown.sort()).toEqual(['spec.colour', 'spec.routes[0].extra', 'status']);
    expect(o.spec).toEqual({
      size: 3,
      mode: 'safe',
      port: 'http',
      owner: null,
      routes: [{ name: 'a', weight: 1 }],
      extra: { deep: { x: 1 } },
      labels: { a: 'b' },
    });
    expect(o.metadata).toEqual({ name: 'w', anything: 'kept' });
  });

  test.each([
    [{ size: 'three' }, 'spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"'],
    [{}, 'spec.size: Required value'],
    [{ size: 11 }, 'spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10'],
    [{ size: 1, mode: 'slow' }, 'spec.mode: Unsupported value: "slow": supported values: "fast", "safe"'],
    [{ size: 1, port: true }, 'spec.port: Invalid value: "boolean": spec.port in body must be of type integer-or-string: "boolean"'],
    [{ size: 1, labels: { a: 1 } }, 'spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"'],
  ])('%j is refused: %s', (spec, message) => {
    const { errors } = checkCustomResource(type, 'v1', { metadata: { name: 'w' }, spec });
    expect(errors.map(describeFieldError)).toEqual([message]);
  });

  test('list types from the schema decide how server-side apply merges: map lists by key, sets by value, others whole', () => {
    const lists = listTypes(schema);
    const live = serverSideApply(
      undefined,
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { routes: [{ name: 'a', weight: 1 }], tags: ['x'] } },
      { manager: 'owner', force: false, lists },
    );
    const merged = serverSideApply(
      live,
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { routes: [{ name: 'b', weight: 2 }], tags: ['y'] } },
      { manager: 'other', force: false, lists },
    );
    expect(merged.spec.routes).toEqual([
      { name: 'a', weight: 1 },
      { name: 'b', weight: 2 },
    ]);
    expect(merged.spec.tags).toEqual(['x', 'y']);
    const atomic = listTypes({
      type: 'object',
      properties: { spec: { type: 'object', properties: { routes: { type: 'array', items: { type: 'object' } } } } },
    });
    expect(() =>
      serverSideApply(
        serverSideApply(
          undefined,
          { apiVersion: 'v1', kind: 'W', metadata: { name: 'w' }, spec: { routes: [{ name: 'a' }] } },
          { manager: 'owner', force: false, lists: atomic },
        ),
        { apiVersion: 'v1', kind: 'W', metadata: { name: 'w' }, spec: { routes: [{ name: 'b' }] } },
        { manager: 'other', force: false, lists: atomic },
      ),
    ).toThrow('Apply failed with 1 conflict: conflict with "owner" using v1: .spec.routes');
  });
});

describe("the scheduler and field errors in the real components' words", () => {
  test('quantities', () => {
    expect([
      parseQuantity('500m'),
      parseQuantity('2'),
      parseQuantity('1.5'),
      parseQuantity('128Mi'),
      parseQuantity('1G'),
      parseQuantity('1e3'),
    ]).toEqual([0.5, 2, 1.5, 128 * 2 ** 20, 1e9, 1000]);
  });

  test('a FitError counts reasons over nodes, sorted, and says what preemption can do', () => {
    expect(
      schedulingFailure(3, [
        ['Insufficient cpu', 'Insufficient memory'],
        ['Insufficient cpu'],
        ["node(s) didn't match Pod's node affinity/selector"],
      ]),
    ).toBe(
      "0/3 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
  });

  test('invalid values print as Go prints them', () => {
    expect(goValue({ app: 'web', tier: 'front' })).toBe('map[string]string{"app":"web", "tier":"front"}');
    expect(goValue({ matchLabels: { app: 'web' } })).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
    );
    expect(goValue('x')).toBe('"x"');
    expect(goValue(3)).toBe('3');
  });
});
