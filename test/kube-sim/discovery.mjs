// What clients learn before they act: the server version, the legacy and
// aggregated discovery documents, and OpenAPI v3.
import { createHash } from 'node:crypto';

/**
 * @typedef {import('./catalog.mjs').ResourceType} ResourceType
 * @typedef {import('./catalog.mjs').Catalog} Catalog
 */

/** @param {{ major: number | string, minor: number | string, patch?: number | string }} version */
export function versionInfo(version) {
  const gitVersion = `v${version.major}.${version.minor}.${version.patch ?? 0}`;
  return {
    major: String(version.major),
    minor: String(version.minor),
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** @param {ResourceType} t @param {string} sub */
function subresourceKind(t, sub) {
  if (sub === 'scale') return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  if (sub === 'log') return { group: '', version: 'v1', kind: 'Pod' };
  return { group: t.group, version: t.version, kind: t.kind };
}

/** @param {ResourceType} t @param {string} sub */
const subresourceVerbs = (t, sub) => (sub === 'log' ? ['get'] : ['get', 'patch', 'update']);

/** APIResourceList, the legacy per-group-version document. @param {Catalog} catalog @param {string} group @param {string} version */
export function resourceList(catalog, group, version) {
  const resources = [];
  for (const t of catalog.typesIn(group, version)) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
      storageVersionHash: createHash('sha256').update(`${t.group}/${t.kind}`).digest('base64').slice(0, 11),
    });
    for (const sub of t.subresources) {
      const k = subresourceKind(t, sub);
      resources.push({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(sub === 'scale' ? { group: k.group, version: k.version } : {}),
        kind: k.kind,
        verbs: subresourceVerbs(t, sub),
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** @param {string} group @param {string[]} versions preferred first */
function groupEntry(group, versions) {
  const gvs = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

/** APIGroupList, the legacy `/apis` document. @param {Catalog} catalog */
export function groupList(catalog) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: catalog
      .groups()
      .filter((g) => g.group)
      .map((g) => groupEntry(g.group, g.versions)),
  };
}

/** APIGroup, the legacy `/apis/<group>` document. @param {Catalog} catalog @param {string} group */
export function apiGroup(catalog, group) {
  const found = catalog.groups().find((g) => g.group === group && group);
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(found.group, found.versions) } : undefined;
}

/** APIVersions, the legacy `/api` document. @param {string} serverAddress */
export function coreVersions(serverAddress) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/**
 * APIGroupDiscoveryList, the aggregated document kubectl 1.26+ asks for at
 * `/api` (core) and `/apis` (every other group).
 * @param {Catalog} catalog @param {boolean} core @param {'v2' | 'v2beta1'} discoveryVersion
 */
export function aggregatedDiscovery(catalog, core, discoveryVersion) {
  const items = catalog
    .groups()
    .filter((g) => (core ? g.group === '' : g.group !== ''))
    .map(({ group, versions }) => ({
      metadata: { ...(group ? { name: group } : {}), creationTimestamp: null },
      versions: versions.map((version) => ({
        version,
        resources: catalog.typesIn(group, version).map((t) => ({
          resource: t.plural,
          responseKind: { group: t.group, version, kind: t.kind },
          scope: t.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: t.singular,
          verbs: t.verbs,
          ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
          ...(t.categories.length ? { categories: t.categories } : {}),
          ...(t.subresources.length
            ? {
                subresources: t.subresources.map((sub) => ({
                  subresource: sub,
                  responseKind: subresourceKind(t, sub),
                  verbs: subresourceVerbs(t, sub),
                })),
              }
            : {}),
        })),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${discoveryVersion}`, metadata: {}, items };
}

/* ---------------------------------------------------------------- OpenAPI v3 */

const ref = (/** @type {string} */ name) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }], default: {} });
const merged = (/** @type {string} */ key, /** @type {string} */ item, strategy = 'merge') => ({
  type: 'array',
  items: ref(item),
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': [key],
  'x-kubernetes-patch-merge-key': key,
  'x-kubernetes-patch-strategy': strategy,
});
const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
const strings = { type: 'object', additionalProperties: { type: 'string', default: '' } };

const CORE = 'io.k8s.api.core.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/**
 * The shared definitions kubectl's client-side apply needs to compute a
 * strategic merge patch: which lists merge by which key. Other fields are
 * left open.
 */
const SHARED = {
  [`${META}.ObjectMeta`]: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      namespace: { type: 'string' },
      generateName: { type: 'string' },
      labels: strings,
      annotations: strings,
      finalizers: {
        type: 'array',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      ownerReferences: merged('uid', `${META}.OwnerReference`),
      managedFields: { type: 'array', items: open },
    },
  },
  [`${META}.OwnerReference`]: {
    type: 'object',
    required: ['apiVersion', 'kind', 'name', 'uid'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      uid: { type: 'string' },
      controller: { type: 'boolean' },
      blockOwnerDeletion: { type: 'boolean' },
    },
  },
  [`${META}.LabelSelector`]: {
    type: 'object',
    properties: { matchLabels: strings, matchExpressions: { type: 'array', items: open } },
    'x-kubernetes-map-type': 'atomic',
  },
  [`${META}.Patch`]: {
    type: 'object',
    description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
  },
  [`${CORE}.PodTemplateSpec`]: { type: 'object', properties: { metadata: ref(`${META}.ObjectMeta`), spec: ref(`${CORE}.PodSpec`) } },
  [`${CORE}.PodSpec`]: {
    type: 'object',
    properties: {
      containers: merged('name', `${CORE}.Container`),
      initContainers: merged('name', `${CORE}.Container`),
      ephemeralContainers: merged('name', `${CORE}.Container`),
      volumes: merged('name', `${CORE}.Volume`, 'merge,retainKeys'),
      imagePullSecrets: merged('name', `${CORE}.LocalObjectReference`),
      hostAliases: merged('ip', `${CORE}.HostAlias`),
      nodeSelector: strings,
      tolerations: { type: 'array', items: open, 'x-kubernetes-list-type': 'atomic' },
    },
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${CORE}.Container`]: {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string' },
      image: { type: 'string' },
      args: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
      command: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'atomic' },
      env: merged('name', `${CORE}.EnvVar`),
      ports: { ...merged('containerPort', `${CORE}.ContainerPort`), 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] },
      volumeMounts: merged('mountPath', `${CORE}.VolumeMount`),
      volumeDevices: merged('devicePath', `${CORE}.VolumeDevice`),
    },
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${CORE}.EnvVar`]: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, value: { type: 'string' }, valueFrom: open },
  },
  [`${CORE}.ContainerPort`]: {
    type: 'object',
    required: ['containerPort'],
    properties: { containerPort: { type: 'integer', format: 'int32' }, name: { type: 'string' }, protocol: { type: 'string' } },
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${CORE}.VolumeMount`]: {
    type: 'object',
    required: ['name', 'mountPath'],
    properties: { name: { type: 'string' }, mountPath: { type: 'string' } },
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${CORE}.VolumeDevice`]: {
    type: 'object',
    required: ['name', 'devicePath'],
    properties: { name: { type: 'string' }, devicePath: { type: 'string' } },
  },
  [`${CORE}.Volume`]: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' } },
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${CORE}.LocalObjectReference`]: { type: 'object', properties: { name: { type: 'string' } }, 'x-kubernetes-map-type': 'atomic' },
  [`${CORE}.HostAlias`]: {
    type: 'object',
    required: ['ip'],
    properties: { ip: { type: 'string' }, hostnames: { type: 'array', items: { type: 'string' } } },
  },
  [`${CORE}.ServiceSpec`]: {
    type: 'object',
    properties: {
      ports: { ...merged('port', `${CORE}.ServicePort`), 'x-kubernetes-list-map-keys': ['port', 'protocol'] },
      selector: { ...strings, 'x-kubernetes-map-type': 'atomic' },
    },
    'x-kubernetes-preserve-unknown-fields': true,
  },
  [`${CORE}.ServicePort`]: {
    type: 'object',
    required: ['port'],
    properties: { port: { type: 'integer', format: 'int32' }, name: { type: 'string' }, protocol: { type: 'string' } },
    'x-kubernetes-preserve-unknown-fields': true,
  },
};

/**
 * The list fields of the other kinds, top level ('') or in their spec, as the
 * published types declare them: atomic unless a merge key is named. Client-side
 * apply must find every list it compares; a list it cannot find makes kubectl
 * warn and fall back.
 * @type {Record<string, Record<string, Record<string, string | null>>>} kind → '' or 'spec' → field → merge key (null: atomic)
 */
const LISTS = {
  Role: { '': { rules: null } },
  ClusterRole: { '': { rules: null } },
  RoleBinding: { '': { subjects: null } },
  ClusterRoleBinding: { '': { subjects: null } },
  NetworkPolicy: { spec: { ingress: null, egress: null, policyTypes: null } },
  MutatingWebhookConfiguration: { '': { webhooks: 'name' } },
  ValidatingWebhookConfiguration: { '': { webhooks: 'name' } },
  EndpointSlice: { '': { ports: null, endpoints: null } },
  Endpoints: { '': { subsets: null } },
  Ingress: { spec: { rules: null, tls: null } },
  HorizontalPodAutoscaler: { spec: { metrics: null } },
  LimitRange: { spec: { limits: null } },
  ResourceQuota: { spec: { scopes: null } },
  PersistentVolumeClaim: { spec: { accessModes: null } },
  PersistentVolume: { spec: { accessModes: null, mountOptions: null } },
  StorageClass: { '': { mountOptions: null, allowedTopologies: null } },
  CSIDriver: { spec: { volumeLifecycleModes: null, tokenRequests: null } },
  CustomResourceDefinition: { spec: { versions: null } },
  ServiceAccount: { '': { secrets: 'name', imagePullSecrets: null } },
  ReplicationController: {},
};

const atomicList = { type: 'array', items: open, 'x-kubernetes-list-type': 'atomic' };
const str = { type: 'string' };
/** The items of keyed lists, whose fields client-side apply compares one by one. */
const ITEMS = {
  webhooks: {
    type: 'object',
    properties: {
      name: str,
      clientConfig: {
        type: 'object',
        properties: {
          url: str,
          caBundle: { type: 'string', format: 'byte' },
          service: { type: 'object', properties: { name: str, namespace: str, path: str, port: { type: 'integer', format: 'int32' } } },
        },
      },
      rules: atomicList,
      admissionReviewVersions: atomicList,
      failurePolicy: str,
      matchPolicy: str,
      reinvocationPolicy: str,
      sideEffects: str,
      timeoutSeconds: { type: 'integer', format: 'int32' },
      namespaceSelector: ref(`${META}.LabelSelector`),
      objectSelector: ref(`${META}.LabelSelector`),
      matchConditions: atomicList,
    },
  },
  secrets: {
    type: 'object',
    properties: { name: str, namespace: str, kind: str, apiVersion: str, uid: str },
    'x-kubernetes-map-type': 'atomic',
  },
};

/** @param {string} kind @param {'' | 'spec'} where */
function listProperties(kind, where) {
  /** @type {Record<string, any>} */
  const properties = {};
  for (const [field, key] of Object.entries(LISTS[kind]?.[where] ?? {})) {
    properties[field] = key
      ? {
          type: 'array',
          items: ITEMS[/** @type {keyof typeof ITEMS} */ (field)] ?? open,
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': [key],
          'x-kubernetes-patch-merge-key': key,
          'x-kubernetes-patch-strategy': 'merge',
        }
      : atomicList;
  }
  return properties;
}

/** The spec schema of each kind, by what it contains. @param {ResourceType} t */
function specSchema(t) {
  const template = { template: ref(`${CORE}.PodTemplateSpec`), selector: ref(`${META}.LabelSelector`) };
  switch (t.kind) {
    case 'Pod':
      return ref(`${CORE}.PodSpec`);
    case 'Service':
      return ref(`${CORE}.ServiceSpec`);
    case 'Deployment':
      return {
        type: 'object',
        properties: { ...template, strategy: { type: 'object', 'x-kubernetes-patch-strategy': 'retainKeys', ...open } },
        'x-kubernetes-preserve-unknown-fields': true,
      };
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return { type: 'object', properties: template, 'x-kubernetes-preserve-unknown-fields': true };
    case 'CronJob':
      return {
        type: 'object',
        properties: {
          jobTemplate: {
            type: 'object',
            properties: {
              metadata: ref(`${META}.ObjectMeta`),
              spec: { type: 'object', properties: template, 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
        'x-kubernetes-preserve-unknown-fields': true,
      };
    default:
      return { ...open, properties: listProperties(t.kind, 'spec') };
  }
}

/** `io.k8s.api.apps.v1.Deployment`; `io.k8s.networking.gateway.v1.HTTPRoute` for a custom kind. @param {ResourceType} t @param {string} version */
function schemaName(t, version) {
  if (t.custom) return `${t.group.split('.').reverse().join('.')}.${version}.${t.kind}`;
  const group = t.group === '' ? 'core' : t.group.replace('.k8s.io', '');
  return `io.k8s.api.${group}.${version}.${t.kind}`;
}

/** @param {ResourceType} t @param {string} version */
function kindSchema(t, version) {
  const gvk = [{ group: t.group, kind: t.kind, version }];
  const custom = t.custom?.versions.find((v) => v.name === version)?.schema;
  if (t.custom) {
    // A custom resource is described by its own schema, as the real server publishes it.
    const properties = { ...(custom?.properties ?? {}) };
    return {
      ...(custom ?? open),
      type: 'object',
      properties: { ...properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: ref(`${META}.ObjectMeta`) },
      'x-kubernetes-group-version-kind': gvk,
    };
  }
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: ref(`${META}.ObjectMeta`),
      ...(t.hasSpec ? { spec: specSchema(t), status: open } : listProperties(t.kind, '')),
    },
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': gvk,
  };
}

const QUERY = (/** @type {string} */ name, type = 'string') => ({ name, in: 'query', schema: { type, uniqueItems: true } });

/**
 * The OpenAPI v3 document of one group-version. kubectl checks that the PATCH
 * operation of a kind declares `fieldValidation` before it lets the server
 * validate, and reads the schemas for client-side apply's patch.
 * @param {Catalog} catalog @param {string} group @param {string} version @param {string} gitVersion
 */
export function openApiDocument(catalog, group, version, gitVersion) {
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  /** @type {Record<string, any>} */
  const paths = {};
  /** @type {Record<string, any>} */
  const schemas = { ...SHARED };
  for (const t of catalog.typesIn(group, version)) {
    const name = schemaName(t, version);
    schemas[name] = kindSchema(t, version);
    const gvk = { group: t.group, version, kind: t.kind };
    const body = { content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } };
    const responses = { 200: body };
    const scope = t.namespaced ? '/namespaces/{namespace}' : '';
    const operation = (/** @type {string} */ action, /** @type {any[]} */ parameters, extra = {}) => ({
      operationId: `${action}${t.kind}`,
      parameters,
      responses,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      ...extra,
    });
    const writes = [QUERY('dryRun'), QUERY('fieldManager'), QUERY('fieldValidation')];
    paths[`${prefix}${scope}/${t.plural}`] = {
      get: operation('list', [QUERY('labelSelector'), QUERY('fieldSelector'), QUERY('watch', 'boolean')]),
      post: operation('post', writes, { requestBody: body }),
    };
    const patchBody = {
      content: Object.fromEntries(
        [
          'application/apply-patch+yaml',
          'application/json-patch+json',
          'application/merge-patch+json',
          // Custom resources take no strategic merge patch; kubectl reads this to choose its patch.
          ...(t.custom ? [] : ['application/strategic-merge-patch+json']),
        ].map((m) => [m, { schema: { $ref: `#/components/schemas/${META}.Patch` } }]),
      ),
    };
    paths[`${prefix}${scope}/${t.plural}/{name}`] = {
      get: operation('get', []),
      put: operation('put', writes, { requestBody: body }),
      patch: operation('patch', [...writes, QUERY('force', 'boolean')], { requestBody: patchBody }),
      delete: operation('delete', [QUERY('dryRun'), QUERY('propagationPolicy')]),
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: gitVersion }, paths, components: { schemas } };
}

/** The `/openapi/v3` index; each entry's hash changes when its document does. @param {Catalog} catalog @param {(path: string) => string} hashOf */
export function openApiIndex(catalog, hashOf) {
  /** @type {Record<string, { serverRelativeURL: string }>} */
  const paths = {};
  for (const { group, versions } of catalog.groups()) {
    for (const version of versions) {
      const path = group ? `apis/${group}/${version}` : `api/${version}`;
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hashOf(path)}` };
    }
  }
  return { paths };
}

/**
 * A minimal OpenAPI v2 document in the gnostic protobuf encoding kubectl
 * insists on: version and title, no definitions. kubectl only consults v2
 * when v3 does not describe a kind, and then an empty document makes it
 * report the kind as unknown, as a real server does.
 * @param {string} gitVersion
 */
export function openApiV2(gitVersion) {
  const field = (/** @type {number} */ n, /** @type {Buffer} */ bytes) => Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
  const text = (/** @type {string} */ s) => Buffer.from(s, 'utf8');
  const info = Buffer.concat([field(1, text('Kubernetes')), field(2, text(gitVersion))]);
  return Buffer.concat([field(1, text('2.0')), field(2, info), field(8, Buffer.alloc(0))]);
}
