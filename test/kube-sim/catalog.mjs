// The kinds the simulated server knows, and how each is addressed. The
// built-in kinds come from one table transcribed from the published API
// reference (what `kubectl api-resources` lists on a cluster of 1.27 to
// 1.33); the custom ones come and go with CustomResourceDefinitions.

const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const VERBS = {
  rw: READ_WRITE,
  // Namespaces cannot be deleted as a collection.
  ns: READ_WRITE.filter((v) => v !== 'deletecollection'),
  ro: ['get', 'list'],
  // The review kinds are asked, answered and never stored.
  review: ['create'],
};

/**
 * @typedef {object} ResourceType
 * @property {string} group        '' for the core group
 * @property {string} version      the version objects are stored and returned in
 * @property {string[]} [versions] every version served (custom resources), preferred first
 * @property {string} kind
 * @property {string} plural
 * @property {string} singular
 * @property {boolean} namespaced
 * @property {string[]} shortNames
 * @property {string[]} categories
 * @property {string[]} subresources  'status', 'scale', 'log', 'approval'
 * @property {boolean} generation     whether metadata.generation tracks spec changes
 * @property {boolean} hasSpec        whether the object's content lives under spec (false: at the top level)
 * @property {string[]} verbs
 * @property {import('./crds.mjs').CustomDefinition} [custom] the definition of a custom resource
 */

/**
 * One row per kind: group/version, kind, plural, short names, scope
 * (N namespaced, C cluster), subresources, categories, flags (`gen`: the
 * generation tracks the spec; `flat`: no spec, content at the top level;
 * `ro`, `ns`, `review`: verbs other than read-write; `singular=`; `also=`:
 * another version it is served at, converted by conversions.mjs).
 * Groups appear in the order a real server's discovery lists them.
 */
const TABLE = `
v1                                    ComponentStatus                componentstatuses                cs          C  -                 -               flat,ro
v1                                    ConfigMap                      configmaps                       cm          N  -                 -               flat
v1                                    Endpoints                      endpoints                        ep          N  -                 -               flat,singular=endpoints
v1                                    Event                          events                           ev          N  -                 -               flat
v1                                    LimitRange                     limitranges                      limits      N  -                 -               -
v1                                    Namespace                      namespaces                       ns          C  status            -               ns
v1                                    Node                           nodes                            no          C  status            -               -
v1                                    PersistentVolumeClaim          persistentvolumeclaims           pvc         N  status            -               -
v1                                    PersistentVolume               persistentvolumes                pv          C  status            -               -
v1                                    Pod                            pods                             po          N  status,log        all             -
v1                                    PodTemplate                    podtemplates                     -           N  -                 -               flat
v1                                    ReplicationController          replicationcontrollers           rc          N  status,scale      all             gen
v1                                    ResourceQuota                  resourcequotas                   quota       N  status            -               -
v1                                    Secret                         secrets                          -           N  -                 -               flat
v1                                    ServiceAccount                 serviceaccounts                  sa          N  -                 -               flat
v1                                    Service                        services                         svc         N  status            all             -
apiregistration.k8s.io/v1             APIService                     apiservices                      -           C  status            api-extensions  -
apps/v1                               ControllerRevision             controllerrevisions              -           N  -                 -               flat
apps/v1                               DaemonSet                      daemonsets                       ds          N  status            all             gen
apps/v1                               Deployment                     deployments                      deploy      N  status,scale      all             gen
apps/v1                               ReplicaSet                     replicasets                      rs          N  status,scale      all             gen
apps/v1                               StatefulSet                    statefulsets                     sts         N  status,scale      all             gen
authentication.k8s.io/v1              TokenReview                    tokenreviews                     -           C  -                 -               review
authorization.k8s.io/v1               LocalSubjectAccessReview       localsubjectaccessreviews        -           N  -                 -               review
authorization.k8s.io/v1               SelfSubjectAccessReview        selfsubjectaccessreviews         -           C  -                 -               review
authorization.k8s.io/v1               SelfSubjectRulesReview         selfsubjectrulesreviews          -           C  -                 -               review
authorization.k8s.io/v1               SubjectAccessReview            subjectaccessreviews             -           C  -                 -               review
autoscaling/v2                        HorizontalPodAutoscaler        horizontalpodautoscalers         hpa         N  status            all             gen,also=v1
batch/v1                              CronJob                        cronjobs                         cj          N  status            all             gen
batch/v1                              Job                            jobs                             -           N  status            all             gen
certificates.k8s.io/v1                CertificateSigningRequest      certificatesigningrequests       csr         C  status,approval   -               -
networking.k8s.io/v1                  IngressClass                   ingressclasses                   -           C  -                 -               gen
networking.k8s.io/v1                  Ingress                        ingresses                        ing         N  status            -               gen
networking.k8s.io/v1                  NetworkPolicy                  networkpolicies                  netpol      N  -                 -               gen
policy/v1                             PodDisruptionBudget            poddisruptionbudgets             pdb         N  status            -               gen
rbac.authorization.k8s.io/v1          ClusterRoleBinding             clusterrolebindings              -           C  -                 -               flat
rbac.authorization.k8s.io/v1          ClusterRole                    clusterroles                     -           C  -                 -               flat
rbac.authorization.k8s.io/v1          RoleBinding                    rolebindings                     -           N  -                 -               flat
rbac.authorization.k8s.io/v1          Role                           roles                            -           N  -                 -               flat
storage.k8s.io/v1                     CSIDriver                      csidrivers                       -           C  -                 -               -
storage.k8s.io/v1                     CSINode                        csinodes                         -           C  -                 -               -
storage.k8s.io/v1                     CSIStorageCapacity             csistoragecapacities             -           N  -                 -               flat
storage.k8s.io/v1                     StorageClass                   storageclasses                   sc          C  -                 -               flat
storage.k8s.io/v1                     VolumeAttachment               volumeattachments                -           C  status            -               -
admissionregistration.k8s.io/v1       MutatingWebhookConfiguration   mutatingwebhookconfigurations    -           C  -                 api-extensions  flat,gen
admissionregistration.k8s.io/v1       ValidatingWebhookConfiguration validatingwebhookconfigurations  -           C  -                 api-extensions  flat,gen
apiextensions.k8s.io/v1               CustomResourceDefinition       customresourcedefinitions        crd,crds    C  status            api-extensions  gen
scheduling.k8s.io/v1                  PriorityClass                  priorityclasses                  pc          C  -                 -               flat
coordination.k8s.io/v1                Lease                          leases                           -           N  -                 -               -
node.k8s.io/v1                        RuntimeClass                   runtimeclasses                   -           C  -                 -               flat
discovery.k8s.io/v1                   EndpointSlice                  endpointslices                   -           N  -                 -               flat,gen
`;

/** @param {string} row @returns {ResourceType} */
function parseRow(row) {
  const [groupVersion, kind, plural, shortNames, scope, subresources, categories, flags] = row.trim().split(/\s+/);
  const list = (/** @type {string} */ cell) => (cell === '-' ? [] : cell.split(','));
  const flagList = list(flags);
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  const verbs = flagList.find((f) => f in VERBS);
  return {
    group,
    version,
    kind,
    plural,
    singular: flagList.find((f) => f.startsWith('singular='))?.slice('singular='.length) ?? kind.toLowerCase(),
    namespaced: scope === 'N',
    shortNames: list(shortNames),
    categories: list(categories),
    subresources: list(subresources),
    generation: flagList.includes('gen'),
    hasSpec: !flagList.includes('flat'),
    verbs: VERBS[/** @type {keyof typeof VERBS} */ (verbs ?? 'rw')],
    ...(flagList.some((f) => f.startsWith('also='))
      ? { versions: [version, ...flagList.filter((f) => f.startsWith('also=')).map((f) => f.slice('also='.length))] }
      : {}),
  };
}

/** The built-in kinds. @type {ResourceType[]} */
export const RESOURCE_TYPES = TABLE.trim().split('\n').map(parseRow);

/** Built-in kinds whose objects carry data at the top level rather than a spec. */
export const SPECLESS = new Set(RESOURCE_TYPES.filter((t) => !t.hasSpec).map((t) => t.kind));

/** @param {ResourceType} t */
export const apiVersionOf = (t) => (t.group ? `${t.group}/${t.version}` : t.version);

/** Every version a type is served at. @param {ResourceType} t */
export const servedVersions = (t) => t.versions ?? [t.version];

/** `deployments.apps`, as API errors name a resource. */
export const qualifiedResource = (/** @type {ResourceType} */ t) => (t.group ? `${t.plural}.${t.group}` : t.plural);

/** `Deployment.apps`, as validation errors name a kind. */
export const qualifiedKind = (/** @type {ResourceType} */ t) => (t.group ? `${t.kind}.${t.group}` : t.kind);

/** @param {ResourceType[]} types @param {string} name */
function findNamed(types, name) {
  const lower = name.toLowerCase();
  return types.find((t) => t.kind.toLowerCase() === lower || t.plural === lower || t.singular === lower || t.shortNames.includes(lower));
}

/**
 * Finds a built-in type by kind, plural, singular or short name,
 * case-insensitively; the inspection API accepts whichever a test finds natural.
 * @param {string} name
 * @returns {ResourceType}
 */
export function typeNamed(name) {
  const found = findNamed(RESOURCE_TYPES, name);
  if (!found) throw new Error(`kube-sim: unknown kind ${name}`);
  return found;
}

/**
 * The kinds one simulated server serves: the built-in ones and those its
 * CustomResourceDefinitions define.
 */
export class Catalog {
  constructor() {
    /** @type {Map<string, ResourceType>} CRD name → the type it defines */
    this.custom = new Map();
    /** Bumped whenever the served kinds change, so that cached documents are rebuilt. */
    this.revision = 0;
  }

  /** @returns {ResourceType[]} */
  all() {
    return [...RESOURCE_TYPES, ...this.custom.values()];
  }

  /** The groups in the order discovery lists them, each with the versions it serves, preferred first. */
  groups() {
    /** @type {Map<string, string[]>} */
    const versions = new Map();
    for (const t of this.all()) {
      const known = versions.get(t.group) ?? [];
      for (const v of servedVersions(t)) if (!known.includes(v)) known.push(v);
      versions.set(t.group, known);
    }
    return [...versions].map(([group, vs]) => ({ group, versions: vs }));
  }

  /** @param {string} group @param {string} version */
  typesIn(group, version) {
    return this.all().filter((t) => t.group === group && servedVersions(t).includes(version));
  }

  /** @param {string} group @param {string} version @param {string} plural */
  typeAt(group, version, plural) {
    return this.all().find((t) => t.group === group && t.plural === plural && servedVersions(t).includes(version));
  }

  /** A built-in or custom type by kind, plural, singular or short name. @param {string} name @returns {ResourceType} */
  typeNamed(name) {
    const found = findNamed(this.all(), name);
    if (!found) throw new Error(`kube-sim: unknown kind ${name}`);
    return found;
  }

  /**
   * Serves (or updates) the type a CRD defines. The type object stays the
   * same across updates: the store keys its objects by it.
   * @param {string} crdName @param {ResourceType} type
   */
  define(crdName, type) {
    this.revision++;
    const known = this.custom.get(crdName);
    if (known) Object.assign(known, type);
    else this.custom.set(crdName, type);
    return this.custom.get(crdName);
  }

  /** @param {string} crdName */
  undefine(crdName) {
    const known = this.custom.get(crdName);
    if (known) this.revision++;
    this.custom.delete(crdName);
    return known;
  }
}
