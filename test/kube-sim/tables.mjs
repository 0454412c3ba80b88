// Server-side printing: `kubectl get` asks for a meta.k8s.io Table and
// prints the columns the server chooses, as the real printers define them.
import { readJsonPath } from './crds.mjs';
import { formatLabelSelector } from './selectors.mjs';

/** Kubernetes' HumanDuration, as the AGE column shows it. @param {number} ms */
export function humanDuration(ms) {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 192) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** @param {string | undefined} time */
const age = (time) => (time ? humanDuration(Date.now() - Date.parse(time)) : '<unknown>');
const none = (/** @type {string | undefined} */ v) => (v ? v : '<none>');

/** The STATUS column of a pod, by kubectl's rules: a container's waiting or terminated reason wins. @param {any} pod */
function podStatus(pod) {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  const unschedulable = pod.status?.conditions?.find((/** @type {any} */ c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unschedulable && reason === 'Pending') return 'Pending';
  for (const [i, c] of (pod.status?.initContainerStatuses ?? []).entries()) {
    if (c.state?.terminated?.exitCode === 0) continue;
    if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') return `Init:${c.state.waiting.reason}`;
    return `Init:${i}/${pod.spec.initContainers.length}`;
  }
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  return reason;
}

/**
 * @typedef {{ name: string, type: string, format?: string, priority?: number, description?: string }} Column
 * @typedef {{ columns: Column[], cells: (o: any) => unknown[] }} Printer
 */

const NAME = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.' };
const AGE = {
  name: 'Age',
  type: 'string',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
};
const col = (/** @type {string} */ name, type = 'string', priority = 0) => ({ name, type, priority, description: name });

const CREATED_AT = {
  name: 'Created At',
  type: 'date',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
};
/** Kinds printed with their name and creation time only. */
const createdAt = { columns: [NAME, CREATED_AT], cells: (/** @type {any} */ o) => [o.metadata.name, o.metadata.creationTimestamp] };
const bindingPrinter = {
  columns: [NAME, col('Role'), AGE, col('Users', 'string', 1), col('Groups', 'string', 1), col('ServiceAccounts', 'string', 1)],
  cells: (/** @type {any} */ b) => {
    const of = (/** @type {string} */ kind) =>
      (b.subjects ?? [])
        .filter((/** @type {any} */ s) => s.kind === kind)
        .map((/** @type {any} */ s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
        .join(', ');
    return [
      b.metadata.name,
      `${b.roleRef?.kind}/${b.roleRef?.name}`,
      age(b.metadata.creationTimestamp),
      of('User'),
      of('Group'),
      of('ServiceAccount'),
    ];
  },
};
const webhookPrinter = {
  columns: [NAME, col('Webhooks', 'integer'), AGE],
  cells: (/** @type {any} */ w) => [w.metadata.name, w.webhooks?.length ?? 0, age(w.metadata.creationTimestamp)],
};
const intOrPercent = (/** @type {unknown} */ v) => (v === undefined || v === null ? 'N/A' : String(v));
/** A quota's `used/hard` pairs, requests or limits. @param {any} q @param {boolean} limits */
const quotaUsage = (q, limits) =>
  Object.keys(q.spec?.hard ?? {})
    .filter((k) => k.startsWith('limits.') === limits)
    .sort()
    .map((k) => `${k}: ${q.status?.used?.[k] ?? '0'}/${q.spec.hard[k]}`)
    .join(', ');

/** @type {Record<string, Printer>} */
const PRINTERS = {
  Role: createdAt,
  ClusterRole: createdAt,
  LimitRange: createdAt,
  CustomResourceDefinition: createdAt,
  RoleBinding: bindingPrinter,
  ClusterRoleBinding: bindingPrinter,
  MutatingWebhookConfiguration: webhookPrinter,
  ValidatingWebhookConfiguration: webhookPrinter,
  NetworkPolicy: {
    columns: [NAME, col('Pod-Selector'), AGE],
    cells: (n) => [n.metadata.name, formatLabelSelector(n.spec?.podSelector) || '<none>', age(n.metadata.creationTimestamp)],
  },
  ResourceQuota: {
    columns: [NAME, AGE, col('Request'), col('Limit')],
    cells: (q) => [q.metadata.name, age(q.metadata.creationTimestamp), quotaUsage(q, false), quotaUsage(q, true)],
  },
  PriorityClass: {
    columns: [NAME, col('Value', 'integer'), col('Global-Default', 'boolean'), AGE],
    cells: (p) => [p.metadata.name, p.value, p.globalDefault ?? false, age(p.metadata.creationTimestamp)],
  },
  StorageClass: {
    columns: [NAME, col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), AGE],
    cells: (c) => [
      c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? `${c.metadata.name} (default)` : c.metadata.name,
      c.provisioner,
      c.reclaimPolicy,
      c.volumeBindingMode,
      c.allowVolumeExpansion ?? false,
      age(c.metadata.creationTimestamp),
    ],
  },
  IngressClass: {
    columns: [NAME, col('Controller'), col('Parameters'), AGE],
    cells: (c) => [
      c.metadata.name,
      c.spec?.controller,
      c.spec?.parameters ? `${c.spec.parameters.kind}/${c.spec.parameters.name}` : '<none>',
      age(c.metadata.creationTimestamp),
    ],
  },
  PodDisruptionBudget: {
    columns: [NAME, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), AGE],
    cells: (p) => [
      p.metadata.name,
      intOrPercent(p.spec?.minAvailable),
      intOrPercent(p.spec?.maxUnavailable),
      p.status?.disruptionsAllowed ?? 0,
      age(p.metadata.creationTimestamp),
    ],
  },
  Lease: {
    columns: [NAME, col('Holder'), AGE],
    cells: (l) => [l.metadata.name, l.spec?.holderIdentity ?? '', age(l.metadata.creationTimestamp)],
  },
  CSIDriver: {
    columns: [
      NAME,
      col('AttachRequired', 'boolean'),
      col('PodInfoOnMount', 'boolean'),
      col('StorageCapacity', 'boolean'),
      col('TokenRequests'),
      col('RequiresRepublish', 'boolean'),
      col('Modes'),
      AGE,
    ],
    cells: (d) => [
      d.metadata.name,
      d.spec?.attachRequired,
      d.spec?.podInfoOnMount,
      d.spec?.storageCapacity,
      (d.spec?.tokenRequests ?? []).map((/** @type {any} */ t) => t.audience).join(',') || '<unset>',
      d.spec?.requiresRepublish,
      (d.spec?.volumeLifecycleModes ?? []).join(','),
      age(d.metadata.creationTimestamp),
    ],
  },
  EndpointSlice: {
    columns: [NAME, col('AddressType'), col('Ports'), col('Endpoints'), AGE],
    cells: (e) => [
      e.metadata.name,
      e.addressType,
      (e.ports ?? []).map((/** @type {any} */ p) => p.port).join(',') || '<unset>',
      (e.endpoints ?? []).flatMap((/** @type {any} */ x) => x.addresses ?? []).join(',') || '<unset>',
      age(e.metadata.creationTimestamp),
    ],
  },
  PersistentVolumeClaim: {
    columns: [NAME, col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), AGE],
    cells: (c) => [
      c.metadata.name,
      c.status?.phase,
      c.spec?.volumeName ?? '',
      c.status?.capacity?.storage ?? '',
      (c.status?.accessModes ?? [])
        .map(
          (/** @type {string} */ m) =>
            ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m,
        )
        .join(','),
      c.spec?.storageClassName ?? '<unset>',
      age(c.metadata.creationTimestamp),
    ],
  },
  Pod: {
    columns: [
      NAME,
      col('Ready'),
      col('Status'),
      col('Restarts', 'string'),
      AGE,
      col('IP', 'string', 1),
      col('Node', 'string', 1),
      col('Nominated Node', 'string', 1),
      col('Readiness Gates', 'string', 1),
    ],
    cells: (p) => {
      const statuses = p.status?.containerStatuses ?? [];
      const restarts = statuses.reduce((n, /** @type {any} */ c) => n + (c.restartCount ?? 0), 0);
      return [
        p.metadata.name,
        `${statuses.filter((/** @type {any} */ c) => c.ready).length}/${p.spec.containers.length}`,
        podStatus(p),
        String(restarts),
        age(p.metadata.creationTimestamp),
        none(p.status?.podIP),
        none(p.spec.nodeName),
        '<none>',
        '<none>',
      ];
    },
  },
  Deployment: {
    columns: [
      NAME,
      col('Ready'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells: (d) => [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata.creationTimestamp),
      d.spec.template?.spec?.containers?.map((/** @type {any} */ c) => c.name).join(','),
      d.spec.template?.spec?.containers?.map((/** @type {any} */ c) => c.image).join(','),
      formatLabelSelector(d.spec.selector),
    ],
  },
  ReplicaSet: {
    columns: [
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells: (r) => [
      r.metadata.name,
      r.spec.replicas ?? 0,
      r.status?.replicas ?? 0,
      r.status?.readyReplicas ?? 0,
      age(r.metadata.creationTimestamp),
      r.spec.template?.spec?.containers?.map((/** @type {any} */ c) => c.name).join(','),
      r.spec.template?.spec?.containers?.map((/** @type {any} */ c) => c.image).join(','),
      formatLabelSelector(r.spec.selector),
    ],
  },
  StatefulSet: {
    columns: [NAME, col('Ready'), AGE, col('Containers', 'string', 1), col('Images', 'string', 1)],
    cells: (s) => [
      s.metadata.name,
      `${s.status?.readyReplicas ?? 0}/${s.spec.replicas ?? 0}`,
      age(s.metadata.creationTimestamp),
      s.spec.template?.spec?.containers?.map((/** @type {any} */ c) => c.name).join(','),
      s.spec.template?.spec?.containers?.map((/** @type {any} */ c) => c.image).join(','),
    ],
  },
  DaemonSet: {
    columns: [
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      col('Node Selector'),
      AGE,
    ],
    cells: (d) => [
      d.metadata.name,
      d.status?.desiredNumberScheduled ?? 0,
      d.status?.currentNumberScheduled ?? 0,
      d.status?.numberReady ?? 0,
      d.status?.updatedNumberScheduled ?? 0,
      d.status?.numberAvailable ?? 0,
      Object.entries(d.spec.template?.spec?.nodeSelector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>',
      age(d.metadata.creationTimestamp),
    ],
  },
  Job: {
    columns: [NAME, col('Status'), col('Completions'), col('Duration'), AGE],
    cells: (j) => {
      const done = (/** @type {string} */ t) => j.status?.conditions?.some((/** @type {any} */ c) => c.type === t && c.status === 'True');
      const status = done('Complete') ? 'Complete' : done('Failed') ? 'Failed' : j.spec.suspend ? 'Suspended' : 'Running';
      const start = j.status?.startTime ? Date.parse(j.status.startTime) : undefined;
      const end = j.status?.completionTime ? Date.parse(j.status.completionTime) : Date.now();
      return [
        j.metadata.name,
        status,
        `${j.status?.succeeded ?? 0}/${j.spec.completions ?? 1}`,
        start === undefined ? '' : humanDuration(end - start),
        age(j.metadata.creationTimestamp),
      ];
    },
  },
  CronJob: {
    columns: [NAME, col('Schedule'), col('Timezone'), col('Suspend', 'boolean'), col('Active', 'integer'), col('Last Schedule'), AGE],
    cells: (c) => [
      c.metadata.name,
      c.spec.schedule,
      none(c.spec.timeZone),
      !!c.spec.suspend,
      c.status?.active?.length ?? 0,
      c.status?.lastScheduleTime ? age(c.status.lastScheduleTime) : '<none>',
      age(c.metadata.creationTimestamp),
    ],
  },
  Service: {
    columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, col('Selector', 'string', 1)],
    cells: (s) => [
      s.metadata.name,
      s.spec.type,
      none(s.spec.clusterIP),
      s.spec.externalIPs?.join(',') || (s.spec.type === 'LoadBalancer' ? '<pending>' : '<none>'),
      (s.spec.ports ?? [])
        .map((/** @type {any} */ p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
        .join(',') || '<none>',
      age(s.metadata.creationTimestamp),
      Object.entries(s.spec.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>',
    ],
  },
  Event: {
    columns: [
      col('Last Seen'),
      col('Type'),
      col('Reason'),
      col('Object'),
      col('Subobject', 'string', 1),
      col('Source', 'string', 1),
      col('Message'),
      col('First Seen', 'string', 1),
      col('Count', 'integer', 1),
      { ...NAME, priority: 1 },
    ],
    cells: (e) => [
      age(e.lastTimestamp ?? e.eventTime),
      e.type,
      e.reason,
      `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
      e.involvedObject.fieldPath ?? '',
      [e.source?.component, e.source?.host].filter(Boolean).join(', '),
      e.message,
      age(e.firstTimestamp ?? e.eventTime),
      e.count ?? 1,
      e.metadata.name,
    ],
  },
  ConfigMap: {
    columns: [NAME, col('Data', 'integer'), AGE],
    cells: (c) => [
      c.metadata.name,
      Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length,
      age(c.metadata.creationTimestamp),
    ],
  },
  Secret: {
    columns: [NAME, col('Type'), col('Data', 'integer'), AGE],
    cells: (s) => [s.metadata.name, s.type, Object.keys(s.data ?? {}).length, age(s.metadata.creationTimestamp)],
  },
  Namespace: { columns: [NAME, col('Status'), AGE], cells: (n) => [n.metadata.name, n.status?.phase, age(n.metadata.creationTimestamp)] },
  ServiceAccount: {
    columns: [NAME, col('Secrets', 'integer'), AGE],
    cells: (s) => [s.metadata.name, s.secrets?.length ?? 0, age(s.metadata.creationTimestamp)],
  },
  Node: {
    columns: [NAME, col('Status'), col('Roles'), AGE, col('Version')],
    cells: (n) => [
      n.metadata.name,
      n.status?.conditions?.some((/** @type {any} */ c) => c.type === 'Ready' && c.status === 'True') ? 'Ready' : 'NotReady',
      '<none>',
      age(n.metadata.creationTimestamp),
      n.status?.nodeInfo?.kubeletVersion,
    ],
  },
  Ingress: {
    columns: [NAME, col('Class'), col('Hosts'), col('Address'), col('Ports'), AGE],
    cells: (i) => [
      i.metadata.name,
      none(i.spec.ingressClassName),
      (i.spec.rules ?? []).map((/** @type {any} */ r) => r.host ?? '*').join(',') || '*',
      '',
      i.spec.tls?.length ? '80, 443' : '80',
      age(i.metadata.creationTimestamp),
    ],
  },
  HorizontalPodAutoscaler: {
    columns: [
      NAME,
      col('Reference'),
      col('Targets'),
      col('MinPods', 'integer'),
      col('MaxPods', 'integer'),
      col('Replicas', 'integer'),
      AGE,
    ],
    cells: (h) => [
      h.metadata.name,
      `${h.spec.scaleTargetRef?.kind}/${h.spec.scaleTargetRef?.name}`,
      '<unknown>',
      h.spec.minReplicas ?? 1,
      h.spec.maxReplicas,
      h.status?.currentReplicas ?? 0,
      age(h.metadata.creationTimestamp),
    ],
  },
};

/** @param {any} o */
export function partialMetadata(o) {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/**
 * A custom kind's columns: its name and the CRD's additionalPrinterColumns
 * (a `date` column printed as an age), or name and age when it lists none.
 * @param {import('./catalog.mjs').ResourceType} type @returns {Printer | undefined}
 */
function customPrinter(type) {
  const version = type.custom?.versions.find((v) => v.name === type.version);
  if (!version?.printerColumns.length) return undefined;
  return {
    columns: [
      NAME,
      ...version.printerColumns.map((c) => ({
        name: c.name,
        type: c.type === 'date' ? 'date' : c.type,
        priority: c.priority ?? 0,
        description: c.description ?? '',
      })),
    ],
    cells: (o) => [
      o.metadata.name,
      ...version.printerColumns.map((c) => {
        const v = readJsonPath(o, c.jsonPath);
        if (c.type === 'date') return typeof v === 'string' ? age(v) : '<unknown>';
        if (v === undefined) return null;
        return typeof v === 'object' ? JSON.stringify(v) : v;
      }),
    ],
  };
}

/**
 * @param {import('./catalog.mjs').ResourceType} type @param {any[]} objects @param {{ resourceVersion: string, includeObject?: string, tableVersion: string, continue?: string }} options
 */
export function toTable(type, objects, { resourceVersion, includeObject, tableVersion, continue: next }) {
  const printer = (type.custom ? customPrinter(type) : PRINTERS[type.kind]) ?? {
    columns: [NAME, AGE],
    cells: (/** @type {any} */ o) => [o.metadata.name, age(o.metadata.creationTimestamp)],
  };
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${tableVersion}`,
    metadata: { resourceVersion, ...(next ? { continue: next } : {}) },
    columnDefinitions: printer.columns.map((c) => ({ priority: 0, format: '', description: '', ...c })),
    rows: objects.map((o) => ({
      cells: printer.cells(o),
      object: includeObject === 'None' ? undefined : includeObject === 'Object' ? o : partialMetadata(o),
    })),
  };
}
