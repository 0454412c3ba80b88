import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../../src/action/errors.js';
import { KubectlError } from '../../../src/kube/kubectl.js';
import type { Manifest } from '../../../src/kube/manifests.js';
import { groupOf } from '../../../src/kube/objects.js';
import { ClusterRefusal, distinctLines, explainRefusal, isBuiltInGroup } from '../../../src/kube/refusal.js';

/** An object as loadManifests settles it: `namespace` named by the object, `defaulted` given by the input or left to the context. */
function manifest(apiVersion: string, kind: string, name: string, where: { namespace?: string; defaulted?: string } = {}): Manifest {
  return {
    source: 'app.yaml#1',
    ref: { group: groupOf(apiVersion), kind, namespace: where.namespace ?? where.defaulted ?? '', name },
    object: { apiVersion, kind, metadata: { name, ...(where.namespace ? { namespace: where.namespace } : {}) } },
  };
}

const refused = (stderr: string) => new KubectlError(['apply', '--server-side', '--dry-run=server'], stderr, 1);
const notFound = (namespace: string, times: number) => `Error from server (NotFound): namespaces "${namespace}" not found\n`.repeat(times);
const unmapped = (name: string, kind: string, apiVersion: string) =>
  `resource mapping not found for name: "${name}" namespace: "" from "STDIN": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first\n`;

describe('explainRefusal: what the cluster said, once, blamed on whoever can fix it', () => {
  it('a namespace the manifests name and nothing creates: the manifests, with the namespace and its objects, said once', () => {
    const objects = Array.from({ length: 35 }, (_, i) => manifest('v1', 'ConfigMap', `settings-${i}`, { namespace: 'shop' }));
    const error = explainRefusal(refused(notFound('shop', 35)), objects, { namespace: '', kubeconfig: '' });
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^input 'manifests': the cluster refused them before any workload changed: namespace 'shop' does not exist in the cluster and no Namespace among the manifests creates it; the manifests put 35 objects in it: configmap\/settings-0, configmap\/settings-1, configmap\/settings-2, configmap\/settings-3, configmap\/settings-4 and 30 more;/,
    );
    expect(message.split('not found').length - 1).toBe(0);
    expect(message.split("'shop'").length - 1).toBe(1);
    expect(message).not.toMatch(/CRD/);
  });

  it("a namespace given by input 'namespace' that the cluster lacks: input 'namespace', not the manifests", () => {
    const objects = [
      manifest('apps/v1', 'Deployment', 'web', { defaulted: 'staging' }),
      manifest('v1', 'Service', 'web', { defaulted: 'staging' }),
    ];
    const error = explainRefusal(refused(notFound('staging', 2)), objects, { namespace: 'staging', kubeconfig: '' });
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('namespace');
    expect((error as Error).message).toMatch(
      /^input 'namespace': the cluster refused the manifests before any workload changed: namespace 'staging' \(input 'namespace'\) does not exist in the cluster; 2 objects that name no namespace would go there: deployment\.apps\/web, service\/web; expected a namespace that exists in the cluster, or a Namespace object among the manifests$/,
    );
  });

  it("the kubeconfig context's namespace missing: no input is blamed", () => {
    const objects = [manifest('v1', 'ConfigMap', 'a'), manifest('v1', 'Namespace', 'elsewhere')];
    const error = explainRefusal(refused(notFound('team-a', 1)), objects, { namespace: '', kubeconfig: '' });
    expect(error).toBeInstanceOf(ClusterRefusal);
    expect(error).not.toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "the cluster refused the manifests before any workload changed: namespace 'team-a', the kubeconfig context's namespace, does not exist in the cluster; 1 object that names no namespace would go there: configmap/a; create it, or set input 'namespace'",
    );
  });

  it('suggests installing CRDs only for a custom kind; a built-in kind at a version the cluster lacks is said to be that', () => {
    const custom = [manifest('example.com/v1', 'Widget', 'w'), manifest('example.com/v1', 'Widget', 'w2')];
    const gateway = [manifest('gateway.networking.k8s.io/v1', 'HTTPRoute', 'web')];
    const removed = [manifest('apps/v1beta1', 'Deployment', 'old'), manifest('policy/v1beta1', 'PodSecurityPolicy', 'psp')];
    const none = { namespace: '', kubeconfig: '' };

    const widget = explainRefusal(
      refused(unmapped('w', 'Widget', 'example.com/v1') + unmapped('w2', 'Widget', 'example.com/v1')),
      custom,
      none,
    );
    expect((widget as Error).message).toMatch(
      /the cluster does not serve the custom kind Widget in example\.com\/v1 \(widget\.example\.com\/w, widget\.example\.com\/w2\): its CustomResourceDefinition is not installed; install it first, or add it to the manifests; expected .*\(install the CRDs of custom kinds first\)/,
    );
    expect((widget as Error).message.split('Widget in').length - 1).toBe(1);
    expect((widget as Error).message).not.toContain('ensure CRDs');

    const route = explainRefusal(refused(unmapped('web', 'HTTPRoute', 'gateway.networking.k8s.io/v1')), gateway, none);
    expect((route as Error).message).toContain('custom kind HTTPRoute');

    const old = explainRefusal(
      refused(unmapped('old', 'Deployment', 'apps/v1beta1') + unmapped('psp', 'PodSecurityPolicy', 'policy/v1beta1')),
      removed,
      none,
    );
    expect((old as InputError).input).toBe('manifests');
    expect((old as Error).message).toContain('the cluster does not serve Deployment in apps/v1beta1 (deployment.apps/old)');
    expect((old as Error).message).toContain('the cluster does not serve PodSecurityPolicy in policy/v1beta1');
    expect((old as Error).message).not.toMatch(/CRD|custom/);
  });

  it('an object the server finds invalid: the manifests, each line once', () => {
    const invalid =
      'Error from server (Invalid): Deployment.apps "a" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`\n';
    const error = explainRefusal(refused(invalid + invalid), [manifest('apps/v1', 'Deployment', 'a')], { namespace: '', kubeconfig: '' });
    expect((error as InputError).input).toBe('manifests');
    expect((error as Error).message).toMatch(
      /does not match template `labels` \(×2\); expected objects the API server accepts, of kinds it serves$/,
    );
  });

  it('kubeconfig and context troubles keep their inputs, and anything else passes through', () => {
    const none = { namespace: '', kubeconfig: '' };
    expect((explainRefusal(refused('error: context "x" does not exist'), [], none) as InputError).input).toBe('context');
    expect((explainRefusal(refused('dial tcp 127.0.0.1:9: connect: connection refused'), [], none) as InputError).input).toBe('kubeconfig');
    const other = new Error('something else');
    expect(explainRefusal(other, [], none)).toBe(other);
  });
});

describe('distinctLines and isBuiltInGroup', () => {
  it('counts repeats and keeps first-seen order', () => {
    expect(distinctLines('b\na\nb\n\n b \nc')).toEqual(['b (×3)', 'a', 'c']);
  });
  it('knows the groups Kubernetes serves, and not the CRD groups that look like them', () => {
    for (const group of ['', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'policy'])
      expect(isBuiltInGroup(group)).toBe(true);
    for (const group of ['gateway.networking.k8s.io', 'snapshot.storage.k8s.io', 'cert-manager.io', 'argoproj.io'])
      expect(isBuiltInGroup(group)).toBe(false);
  });
});
