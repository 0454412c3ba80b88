// The kinds the simulated server knows, and how each is addressed.

const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * @typedef {object} ResourceType
 * @property {string} group        '' for the core group
 * @property {string} version
 * @property {string} kind
 * @property {string} plural
 * @property {string} singular
 * @property {boolean} namespaced
 * @property {string[]} shortNames
 * @property {string[]} categories
 * @property {string[]} subresources  'status', 'scale', 'log'
 * @property {boolean} generation     whether metadata.generation tracks spec changes
 * @property {string[]} verbs
 */

/** @param {Partial<ResourceType> & { kind: string, plural: string }} spec @returns {ResourceType} */
function type(spec) {
  return {
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: [],
    categories: [],
    subresources: [],
    generation: false,
    verbs: READ_WRITE,
    singular: spec.kind.toLowerCase(),
    ...spec,
  };
}

/** @type {ResourceType[]} */
export const RESOURCE_TYPES = [
  type({
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    subresources: ['status'],
    verbs: READ_WRITE.filter((v) => v !== 'deletecollection'),
  }),
  type({ kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], subresources: ['status'] }),
  type({ kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'] }),
  type({ kind: 'Secret', plural: 'secrets' }),
  type({ kind: 'Service', plural: 'services', shortNames: ['svc'], categories: ['all'], subresources: ['status'] }),
  type({ kind: 'ServiceAccount', plural: 'serviceaccounts', shortNames: ['sa'] }),
  type({ kind: 'Pod', plural: 'pods', shortNames: ['po'], categories: ['all'], subresources: ['status', 'log'] }),
  type({ kind: 'Event', plural: 'events', shortNames: ['ev'] }),
  // Stored only, no controller: kubectl apply --prune lists these kinds by default and fails when one is missing.
  type({ kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'] }),
  type({ kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', shortNames: ['pvc'], subresources: ['status'] }),
  type({ kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, shortNames: ['pv'], subresources: ['status'] }),
  type({
    kind: 'ReplicationController',
    plural: 'replicationcontrollers',
    shortNames: ['rc'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
  }),
  type({
    group: 'apps',
    kind: 'Deployment',
    plural: 'deployments',
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
  }),
  type({
    group: 'apps',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
  }),
  type({
    group: 'apps',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    shortNames: ['sts'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
  }),
  type({
    group: 'apps',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
    generation: true,
  }),
  type({ group: 'batch', kind: 'Job', plural: 'jobs', categories: ['all'], subresources: ['status'], generation: true }),
  type({
    group: 'batch',
    kind: 'CronJob',
    plural: 'cronjobs',
    shortNames: ['cj'],
    categories: ['all'],
    subresources: ['status'],
    generation: true,
  }),
  type({
    group: 'policy',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    shortNames: ['pdb'],
    subresources: ['status'],
    generation: true,
  }),
  type({
    group: 'networking.k8s.io',
    kind: 'Ingress',
    plural: 'ingresses',
    shortNames: ['ing'],
    subresources: ['status'],
    generation: true,
  }),
  // Stored and listed, so that kubectl can tell an unknown kind from a missing custom resource; defining one adds no kind.
  type({
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    subresources: ['status'],
  }),
  type({
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    shortNames: ['hpa'],
    categories: ['all'],
    subresources: ['status'],
    generation: true,
  }),
];

/** Kinds whose objects carry data at the top level rather than a spec. */
export const SPECLESS = new Set(['ConfigMap', 'Secret', 'ServiceAccount', 'Event', 'Endpoints']);

/** @param {ResourceType} t */
export const apiVersionOf = (t) => (t.group ? `${t.group}/${t.version}` : t.version);

/** `deployments.apps`, as API errors name a resource. */
export const qualifiedResource = (/** @type {ResourceType} */ t) => (t.group ? `${t.plural}.${t.group}` : t.plural);

/** `Deployment.apps`, as validation errors name a kind. */
export const qualifiedKind = (/** @type {ResourceType} */ t) => (t.group ? `${t.kind}.${t.group}` : t.kind);

/** The groups in the order discovery lists them, each with its single served version. */
export function groups() {
  /** @type {Map<string, string>} */
  const versions = new Map();
  for (const t of RESOURCE_TYPES) versions.set(t.group, t.version);
  return [...versions].map(([group, version]) => ({ group, version }));
}

/**
 * Finds a type by kind, plural, singular or short name, case-insensitively;
 * the inspection API accepts whichever a test finds natural.
 * @param {string} name
 * @returns {ResourceType}
 */
export function typeNamed(name) {
  const lower = name.toLowerCase();
  const found = RESOURCE_TYPES.find(
    (t) => t.kind.toLowerCase() === lower || t.plural === lower || t.singular === lower || t.shortNames.includes(lower),
  );
  if (!found) throw new Error(`kube-sim: unknown kind ${name}`);
  return found;
}

/** @param {string} group @param {string} version @param {string} plural */
export function typeAt(group, version, plural) {
  return RESOURCE_TYPES.find((t) => t.group === group && t.version === version && t.plural === plural);
}

/** @param {string} apiVersion @param {string} kind */
export function typeOfKind(apiVersion, kind) {
  return RESOURCE_TYPES.find((t) => apiVersionOf(t) === apiVersion && t.kind === kind);
}
