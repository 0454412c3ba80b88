/**
 * Why the cluster refused a revision before any workload changed, said once
 * however many objects it refused, and put on whoever can fix it: the
 * manifests, the `namespace` input, the kubeconfig, or no input at all.
 */
import { InputError } from '../action/errors.js';
import { isUnreachable, KubectlError, lastLines } from './kubectl.js';
import type { Manifest } from './manifests.js';
import { describeRef, groupOf, isClusterScoped } from './objects.js';

/** The inputs a refusal may be blamed on. */
export interface RefusalInputs {
  /** The `namespace` input: where objects that name none go; '' for the kubeconfig context's namespace. */
  namespace: string;
  /** The `kubeconfig` input; '' for kubectl's default. */
  kubeconfig: string;
}

/**
 * The API groups Kubernetes itself serves. A kind of another group comes
 * from a CustomResourceDefinition (or an aggregated API) that must be
 * installed; an unknown kind of one of these is an API version the cluster
 * does not serve (removed, or not yet there). Gateway API and other
 * `*.k8s.io` groups that ship as CRDs are deliberately absent.
 */
const BUILT_IN_GROUPS = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

export const isBuiltInGroup = (group: string): boolean => BUILT_IN_GROUPS.has(group);

/** The cluster refused the revision, and no input is at fault (the kubeconfig context's namespace is missing, say). */
export class ClusterRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterRefusal';
  }
}

/** kubectl's own hint after every unmapped kind, which it prints whether or not the kind is a custom one. */
const KUBECTL_CRD_HINT = /^ensure CRDs are installed first$/i;
const MISSING_NAMESPACE = /namespaces "([^"]+)" not found/;
const UNKNOWN_KIND = /no matches for kind "([^"]+)" in version "([^"]+)"/;
const LISTED = 5;

/** Each distinct line once, in the order first seen, with how many times it came when more than once. */
export function distinctLines(text: string): string[] {
  const counts = new Map<string, number>();
  for (const line of text.split('\n').map((l) => l.trim())) if (line) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, count]) => (count > 1 ? `${line} (×${count})` : line));
}

/** `a, b, c, d, e and 30 more`. */
export function listSome(names: string[]): string {
  if (names.length <= LISTED) return names.join(', ');
  return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A namespace the cluster does not have, and the objects that would have gone in it, by who put them there. */
function explainNamespace(
  name: string,
  manifests: Manifest[],
  inputs: RefusalInputs,
): { text: string; blame: 'manifests' | 'namespace' | 'cluster' } {
  const named = manifests.filter((m) => m.object.metadata.namespace === name);
  // Objects that name no namespace go to the input's, or else to the kubeconfig context's.
  const defaulted = manifests.filter(
    (m) => !m.object.metadata.namespace && !isClusterScoped(m.ref.group, m.ref.kind) && m.ref.namespace === inputs.namespace,
  );
  const names = (list: Manifest[]) => listSome(list.map((m) => describeRef({ ...m.ref, namespace: '' })));
  const parts: string[] = [];
  if (named.length) {
    parts.push(
      `namespace '${name}' does not exist in the cluster and no Namespace among the manifests creates it; the manifests put ${plural(named.length, 'object')} in it: ${names(named)}`,
    );
  }
  if (inputs.namespace === name && defaulted.length) {
    parts.push(
      `namespace '${name}' (input 'namespace') does not exist in the cluster; ${plural(defaulted.length, 'object')} that name${defaulted.length === 1 ? 's' : ''} no namespace would go there: ${names(defaulted)}`,
    );
  } else if (!inputs.namespace && defaulted.length && !named.length) {
    parts.push(
      `namespace '${name}', the kubeconfig context's namespace, does not exist in the cluster; ${plural(defaulted.length, 'object')} that name${defaulted.length === 1 ? 's' : ''} no namespace would go there: ${names(defaulted)}; create it, or set input 'namespace'`,
    );
  }
  if (!parts.length) parts.push(`namespace '${name}' does not exist in the cluster`);
  const blame = named.length ? 'manifests' : inputs.namespace === name ? 'namespace' : 'cluster';
  return { text: parts.join('; '), blame };
}

/** A kind the cluster does not serve: a custom one whose CRD is not installed, or an API version Kubernetes does not serve. */
function explainKind(kind: string, apiVersion: string, manifests: Manifest[]): { text: string; custom: boolean } {
  const group = groupOf(apiVersion);
  const objects = manifests.filter((m) => m.object.apiVersion === apiVersion && m.object.kind === kind).map((m) => describeRef(m.ref));
  const of = objects.length ? ` (${listSome(objects)})` : '';
  if (isBuiltInGroup(group)) {
    return {
      text: `the cluster does not serve ${kind} in ${apiVersion}${of}: Kubernetes has removed that API version or this cluster's version does not have it yet; use a version the cluster serves (kubectl api-resources lists them)`,
      custom: false,
    };
  }
  return {
    text: `the cluster does not serve the custom kind ${kind} in ${apiVersion}${of}: its CustomResourceDefinition is not installed; install it first, or add it to the manifests`,
    custom: true,
  };
}

/**
 * The cluster refused the revision before any workload changed: say what it
 * said, once, and which input to fix; a refusal no input can fix is a
 * ClusterRefusal. Anything else thrown is returned as it is.
 */
export function explainRefusal(error: unknown, manifests: Manifest[], inputs: RefusalInputs): unknown {
  if (!(error instanceof KubectlError)) return error;
  const said = lastLines(error.stderr, 1) || error.message;
  if (/context was not found|context "[^"]*" does not exist/i.test(error.stderr)) {
    return new InputError('context', said.replace(/^error: /, ''), 'a context defined in the kubeconfig');
  }
  if (isUnreachable(error.stderr)) {
    const which = inputs.kubeconfig ? 'the kubeconfig given' : "kubectl's default kubeconfig";
    return new InputError(
      'kubeconfig',
      `no cluster reachable with ${which}: ${said}`,
      'a kubeconfig (path or content) for a reachable cluster',
    );
  }

  const namespaces = new Set<string>();
  const kinds = new Map<string, [string, string]>();
  const rest: string[] = [];
  for (const line of error.stderr.split('\n').map((l) => l.trim())) {
    if (!line || KUBECTL_CRD_HINT.test(line)) continue;
    const missing = MISSING_NAMESPACE.exec(line);
    const unknown = UNKNOWN_KIND.exec(line);
    if (missing) namespaces.add(missing[1]);
    else if (unknown) kinds.set(`${unknown[2]} ${unknown[1]}`, [unknown[1], unknown[2]]);
    // kubectl lists an object's field errors as `* field: why` lines under the one that names it.
    else if (line.startsWith('* ') && rest.length) rest[rest.length - 1] += ` ${line}`;
    else rest.push(line);
  }
  const explainedNamespaces = [...namespaces].map((name) => explainNamespace(name, manifests, inputs));
  const explainedKinds = [...kinds.values()].map(([kind, apiVersion]) => explainKind(kind, apiVersion, manifests));
  const parts = [...explainedKinds.map((k) => k.text), ...explainedNamespaces.map((n) => n.text), ...distinctLines(rest.join('\n'))];
  const what = `the cluster refused them before any workload changed: ${parts.join('; ') || error.message}`;

  const manifestsAtFault = rest.length > 0 || explainedKinds.length > 0 || explainedNamespaces.some((n) => n.blame === 'manifests');
  if (manifestsAtFault || !explainedNamespaces.length) {
    const custom = explainedKinds.some((k) => k.custom);
    return new InputError(
      'manifests',
      what,
      `objects the API server accepts, of kinds it serves${custom ? ' (install the CRDs of custom kinds first)' : ''}${
        explainedNamespaces.length ? ', in namespaces that exist or that the manifests create' : ''
      }`,
    );
  }
  if (explainedNamespaces.some((n) => n.blame === 'namespace')) {
    return new InputError(
      'namespace',
      `the cluster refused the manifests before any workload changed: ${parts.join('; ')}`,
      'a namespace that exists in the cluster, or a Namespace object among the manifests',
    );
  }
  return new ClusterRefusal(`the cluster refused the manifests before any workload changed: ${parts.join('; ')}`);
}
