/** Kubernetes objects as the manifests and kubectl give them, and how we name them. */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    uid?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: ObjectSpec;
  status?: ObjectStatus;
  [key: string]: unknown;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The parts of a spec that the rollout rules, the diagnosis and the CRD scoping read; the rest passes through. */
export interface ObjectSpec {
  replicas?: number;
  completions?: number;
  selector?: LabelSelector;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
  /** CustomResourceDefinition */
  group?: string;
  scope?: string;
  names?: { kind?: string };
  [key: string]: unknown;
}

export interface ObjectStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updateRevision?: string;
  currentRevision?: string;
  desiredNumberScheduled?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  succeeded?: number;
  active?: number;
  failed?: number;
  [key: string]: unknown;
}

/** What makes an object the same object across two revisions: group, kind, namespace, name (not the version). */
export interface ObjectRef {
  group: string;
  kind: string;
  /** '' for cluster-scoped objects, and for namespaced ones left to kubectl's context namespace. */
  namespace: string;
  name: string;
}

/** Apply order: Namespaces (0), then CRDs (1), which other objects need to exist first, then the rest (2). */
export function applyRank(ref: Pick<ObjectRef, 'group' | 'kind'>): 0 | 1 | 2 {
  if (ref.group === '' && ref.kind === 'Namespace') return 0;
  return ref.kind === 'CustomResourceDefinition' ? 1 : 2;
}

/** The kinds whose rollout we wait for. */
export const WORKLOAD_KINDS = ['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job'] as const;

/** Built-in kinds that live outside namespaces; custom kinds say so in their CRD. */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function isClusterScoped(group: string, kind: string, customClusterKinds: ReadonlySet<string> = new Set()): boolean {
  const key = `${group}/${kind}`;
  return CLUSTER_SCOPED.has(key) || customClusterKinds.has(key);
}

export function isWorkload(ref: Pick<ObjectRef, 'group' | 'kind'>): boolean {
  return (WORKLOAD_KINDS as readonly string[]).includes(`${ref.group}/${ref.kind}`);
}

export function refOf(object: KubeObject): ObjectRef {
  return { group: groupOf(object.apiVersion), kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name };
}

export function refKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** The name kubectl takes on its command line: `deployment.apps`, `service`. */
export function resourceArg(ref: Pick<ObjectRef, 'group' | 'kind'>): string {
  return ref.group ? `${ref.kind.toLowerCase()}.${ref.group}` : ref.kind.toLowerCase();
}

/** `deployment.apps/web in shop`, as a person reads it. */
export function describeRef(ref: ObjectRef): string {
  return `${resourceArg(ref)}/${ref.name}${ref.namespace ? ` in ${ref.namespace}` : ''}`;
}
