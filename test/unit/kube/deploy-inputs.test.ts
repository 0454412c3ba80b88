import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRunContext } from '../../../src/action/context.js';
import { InputError } from '../../../src/action/errors.js';
import { Inputs, inputVariable } from '../../../src/action/inputs.js';
import { readDeployInputs } from '../../../src/kube/deploy-inputs.js';
import { kubeconfigSecrets } from '../../../src/kube/kubeconfig.js';
import { tempDir } from '../../support/temp.js';

let workspace: string;
let home: string;

beforeAll(async () => {
  workspace = await tempDir('deploy-inputs');
  home = join(workspace, 'home');
  mkdirSync(join(home, '.kube'), { recursive: true });
  writeFileSync(join(home, '.kube', 'config'), 'apiVersion: v1\nkind: Config\n');
  writeFileSync(join(workspace, 'cluster.kubeconfig'), 'apiVersion: v1\nkind: Config\n');
});

function read(inputs: Record<string, string>, env: Record<string, string> = { HOME: home }) {
  const vars = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value]));
  const context = readRunContext({ GITHUB_WORKSPACE: workspace, GITHUB_SHA: 'a'.repeat(40) });
  return readDeployInputs(new Inputs({ ...vars, ...env }), context, env);
}

function refusal(inputs: Record<string, string>, env?: Record<string, string>): InputError {
  try {
    read(inputs, env);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('accepted');
}

describe('readDeployInputs', () => {
  it('has the documented defaults', () => {
    expect(read({ manifests: 'k8s/' })).toEqual({
      manifests: ['k8s/'],
      remote: undefined,
      ref: '',
      namespace: '',
      kubeconfig: '',
      context: '',
      timeoutMs: 300_000,
      failFast: true,
      strategy: 'rolling',
      action: 'deploy',
      canaryPercentage: undefined,
      canaryShareRounding: 'nearest',
      trafficRouting: 'replicas',
      trafficRoutes: [],
      trafficRouteRule: '',
      rollbackOnFailure: true,
      productionRef: 'production',
      prune: false,
      forceConflicts: true,
      token: '',
      environment: 'production',
    });
  });

  it('reads an env-repository revision, Go durations and a kubeconfig path relative to the workspace', () => {
    const inputs = read({
      'env-repository': '/srv/env.git',
      ref: 'candidate',
      timeout: '1h30m',
      kubeconfig: 'cluster.kubeconfig',
      prune: 'true',
      namespace: 'shop',
      'fail-fast': 'false',
    });
    expect(inputs).toMatchObject({
      manifests: ['.'],
      ref: 'candidate',
      timeoutMs: 5_400_000,
      kubeconfig: join(workspace, 'cluster.kubeconfig'),
      prune: true,
      namespace: 'shop',
      failFast: false,
    });
    expect(inputs.remote).toMatchObject({ url: '/srv/env.git', http: false });
  });

  it('keeps inline kubeconfig content as it is', () => {
    const content = 'apiVersion: v1\nkind: Config\nusers: []\n';
    expect(read({ manifests: 'a.yaml', kubeconfig: content }).kubeconfig).toBe(content.trim());
  });

  it.each([
    [
      { manifests: 'a.yaml', strategy: 'recreate' },
      'strategy',
      "input 'strategy': 'recreate' is not supported; expected one of rolling, canary, blue-green",
    ],
    [
      { manifests: 'a.yaml', action: 'promote' },
      'action',
      "input 'action': 'promote' finishes a canary or blue-green deployment, but strategy is 'rolling'; expected 'deploy' with strategy 'rolling'",
    ],
    [{ manifests: 'a.yaml', strategy: 'rolling', action: 'reject' }, 'action', "'reject' finishes a canary or blue-green deployment"],
    [
      { manifests: 'a.yaml', strategy: 'canary', action: 'finish' },
      'action',
      "'finish' is not supported; expected one of deploy, promote, reject",
    ],
    [
      { manifests: 'a.yaml', timeout: '300' },
      'timeout',
      "input 'timeout': '300' is not a positive duration; expected a Go duration such as '90s', '5m' or '1h30m'",
    ],
    [{ manifests: 'a.yaml', timeout: '0s' }, 'timeout', "'0s' is not a positive duration"],
    [{ manifests: 'a.yaml', namespace: 'Shop_1' }, 'namespace', "input 'namespace': 'Shop_1' is not a valid namespace name"],
    [{ manifests: 'a.yaml', namespace: 'x'.repeat(64) }, 'namespace', 'is not a valid namespace name'],
    [
      { manifests: 'a.yaml', strategy: 'canary', 'canary-percentage': '150' },
      'canary-percentage',
      "input 'canary-percentage': '150' is not a percentage; expected a whole number from 1 to 100",
    ],
    [{ manifests: 'a.yaml', strategy: 'canary', 'canary-percentage': '0' }, 'canary-percentage', "'0' is not a percentage"],
    [{ manifests: 'a.yaml', strategy: 'canary', 'canary-percentage': 'ten' }, 'canary-percentage', "'ten' is not a percentage"],
    [{ manifests: 'a.yaml', strategy: 'canary', 'canary-percentage': '12.5' }, 'canary-percentage', "'12.5' is not a percentage"],
    [{ manifests: 'a.yaml', strategy: 'canary', 'canary-percentage': '-5' }, 'canary-percentage', "'-5' is not a percentage"],
    [
      { manifests: 'a.yaml', strategy: 'canary', 'canary-steps': '10,25,25' },
      'canary-steps',
      "input 'canary-steps': '10,25,25' does not grow at every step; expected shares that grow",
    ],
    [{ manifests: 'a.yaml', strategy: 'canary', 'canary-steps': '10,0' }, 'canary-steps', "'0' is not a percentage"],
    [
      { manifests: 'a.yaml', strategy: 'canary', 'canary-steps': '10,25', 'canary-step': '3' },
      'canary-step',
      "'3' is not a step of '10,25'; expected a whole number from 1 to 2",
    ],
    [{ manifests: 'a.yaml', strategy: 'canary', 'canary-steps': '10,25', 'canary-step': 'later' }, 'canary-step', "'later' is not a step"],
    [{ manifests: 'a.yaml', strategy: 'canary', 'canary-step': '2' }, 'canary-step', "is '2' but canary-steps is empty"],
    [
      { manifests: 'a.yaml', strategy: 'canary', 'canary-steps': '10,25', 'canary-percentage': '10' },
      'canary-percentage',
      'is set together with canary-steps',
    ],
    [
      { manifests: 'a.yaml', strategy: 'canary', 'canary-share-rounding': 'up' },
      'canary-share-rounding',
      "'up' is not supported; expected one of nearest, refuse",
    ],
    [{}, 'manifests', "input 'manifests': is required"],
    [{ manifests: 'a.yaml', ref: 'candidate' }, 'ref', "input 'ref': is 'candidate' but env-repository is empty"],
    [{ 'env-repository': '/srv/env.git', ref: 'abc1234' }, 'ref', "'abc1234' is an abbreviated SHA"],
    [
      { 'env-repository': '/srv/env.git', ref: 'candidate', manifests: '../outside' },
      'manifests',
      "'../outside' points outside the repository",
    ],
    [{ manifests: 'a.yaml', prune: 'true' }, 'prune', "input 'prune': needs env-repository"],
    [{ manifests: 'a.yaml', 'rollback-on-failure': 'maybe' }, 'rollback-on-failure', "'maybe' is not a boolean"],
    [{ manifests: 'a.yaml', 'fail-fast': 'soon' }, 'fail-fast', "'soon' is not a boolean"],
    [{ manifests: 'a.yaml', kubeconfig: 'missing.kubeconfig' }, 'kubeconfig', "input 'kubeconfig': 'missing.kubeconfig' does not exist"],
    [{ manifests: 'a.yaml', 'production-ref': 'my branch' }, 'production-ref', "'my branch' is not a branch name"],
    [{ manifests: 'a.yaml', 'production-ref': '--upload-pack=x' }, 'production-ref', 'is not a branch name'],
  ])('refuses %j', (inputs, input, message) => {
    const error = refusal(inputs);
    expect(error.input).toBe(input);
    expect(error.message).toContain(message);
  });

  it('reads the strategies, and gives the canary its default share', () => {
    expect(read({ manifests: 'a.yaml', strategy: 'canary' })).toMatchObject({ strategy: 'canary', action: 'deploy', canaryPercentage: 10 });
    expect(read({ manifests: 'a.yaml', strategy: 'canary', action: 'promote', 'canary-percentage': '25%' })).toMatchObject({
      action: 'promote',
      canaryPercentage: 25,
    });
    expect(read({ manifests: 'a.yaml', strategy: 'canary', 'canary-percentage': '100' }).canaryPercentage).toBe(100);
    expect(
      read({ manifests: 'a.yaml', strategy: 'canary', 'canary-steps': '10, 25,50', 'canary-step': '2', 'canary-share-rounding': 'refuse' }),
    ).toMatchObject({
      canaryPercentage: 25,
      canarySteps: [10, 25, 50],
      canaryStep: 2,
      canaryShareRounding: 'refuse',
    });
    expect(read({ manifests: 'a.yaml', strategy: 'canary', 'canary-steps': '10,25', 'canary-step': 'next' })).toMatchObject({
      canarySteps: [10, 25],
      canaryNextStep: true,
    });
    expect(read({ manifests: 'a.yaml', strategy: 'canary', 'canary-steps': '5' })).toMatchObject({
      canaryPercentage: 5,
      canarySteps: [5],
      canaryStep: 1,
    });
    expect(read({ manifests: 'a.yaml', strategy: 'blue-green', action: 'reject' })).toMatchObject({
      strategy: 'blue-green',
      action: 'reject',
      canaryPercentage: undefined,
    });
  });

  it('refuses to start with no kubeconfig anywhere', () => {
    const error = refusal({ manifests: 'a.yaml' }, { HOME: join(workspace, 'no-home') });
    expect(error.message).toBe(
      "input 'kubeconfig': is empty and there is no KUBECONFIG, ~/.kube/config or in-cluster service account; expected the path of a kubeconfig file, or its YAML content",
    );
    expect(() =>
      read({ manifests: 'a.yaml' }, { HOME: join(workspace, 'no-home'), KUBECONFIG: join(workspace, 'cluster.kubeconfig') }),
    ).not.toThrow();
    expect(() => read({ manifests: 'a.yaml' }, { HOME: join(workspace, 'no-home'), KUBERNETES_SERVICE_HOST: '10.0.0.1' })).not.toThrow();
  });
});

describe('kubeconfigSecrets', () => {
  it('finds each credential of an inline kubeconfig, and nothing in a path', () => {
    const content = [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "https://10.0.0.1", certificate-authority-data: Q0FDQUNB}}]',
      'users:',
      '  - name: ci',
      '    user: {token: eyJhbGciOiJSUzI1NiJ9.secret, client-key-data: S0VZS0VZS0VZ}',
      '  - name: basic',
      '    user: {username: admin, password: hunter2hunter2}',
    ].join('\n');
    expect(kubeconfigSecrets(content).sort()).toEqual(['S0VZS0VZS0VZ', 'eyJhbGciOiJSUzI1NiJ9.secret', 'hunter2hunter2']);
    expect(kubeconfigSecrets('/home/runner/.kube/config')).toEqual([]);
  });
});

describe('traffic-routing', () => {
  const canary = { manifests: 'k8s/', strategy: 'canary' };

  it('reads the routes and the rule for weights, as lines or commas, with a namespace or without', () => {
    expect(
      read({ ...canary, 'traffic-routing': 'gateway-api', 'traffic-route': 'web\nshop/api', 'traffic-route-rule': 'main' }),
    ).toMatchObject({
      trafficRouting: 'gateway-api',
      trafficRoutes: ['web', 'shop/api'],
      trafficRouteRule: 'main',
    });
    expect(read({ manifests: 'k8s/', strategy: 'blue-green', 'traffic-routing': 'ingress-nginx', 'traffic-route': 'a, b' })).toMatchObject({
      trafficRouting: 'ingress-nginx',
      trafficRoutes: ['a', 'b'],
      trafficRouteRule: '',
    });
  });

  it.each([
    [{ ...canary, 'traffic-routing': 'istio' }, "input 'traffic-routing'"],
    [{ ...canary, 'traffic-routing': 'gateway-api' }, "input 'traffic-route': is required with traffic-routing 'gateway-api'"],
    [{ ...canary, 'traffic-routing': 'ingress-nginx' }, "input 'traffic-route': is required with traffic-routing 'ingress-nginx'"],
    [
      { ...canary, 'traffic-routing': 'gateway-api', 'traffic-route': 'Web_Route' },
      "input 'traffic-route': 'Web_Route' is not an HTTPRoute name",
    ],
    [{ ...canary, 'traffic-routing': 'gateway-api', 'traffic-route': 'a/b/c' }, "input 'traffic-route': 'a/b/c' is not an HTTPRoute name"],
    [{ ...canary, 'traffic-route': 'web' }, "input 'traffic-route': is set but traffic-routing is 'replicas'"],
    [
      { manifests: 'k8s/', 'traffic-routing': 'gateway-api', 'traffic-route': 'web' },
      "input 'traffic-routing': is 'gateway-api' but strategy is 'rolling'",
    ],
    [
      { ...canary, 'traffic-routing': 'ingress-nginx', 'traffic-route': 'web', 'traffic-route-rule': '1' },
      "input 'traffic-route-rule': is set but traffic-routing is 'ingress-nginx'",
    ],
  ])('refuses %j, naming the input and the form expected', (inputs, start) => {
    const error = refusal(inputs);
    expect(error.message.startsWith(start)).toBe(true);
    expect(error.message).toMatch(/; expected .+/);
  });
});
