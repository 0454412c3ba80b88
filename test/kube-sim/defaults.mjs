// Defaulting and validation: the part of the real API server's type system
// that clients notice (defaults show in `get -o yaml` and in apply diffs;
// validation errors are what a broken manifest gets back).
import { SPECLESS } from './catalog.mjs';
import { labelSelectorMatcher } from './selectors.mjs';
import { deepEqual, isObject } from './util.mjs';

/** The probe timings the API server fills in. @param {any} probe */
function defaultProbe(probe) {
  if (!isObject(probe)) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (isObject(probe.httpGet)) probe.httpGet.scheme ??= 'HTTP';
  if (isObject(probe.grpc)) probe.grpc.service ??= '';
}

/** @param {any} container */
function defaultContainer(container) {
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(container[probe]);
  const tag = /@sha256:/.test(container.image ?? '') ? 'digest' : (/:([^/:]+)$/.exec(container.image ?? '')?.[1] ?? 'latest');
  container.imagePullPolicy ??= tag === 'latest' ? 'Always' : 'IfNotPresent';
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  container.resources ??= {};
  for (const port of container.ports ?? []) port.protocol ??= 'TCP';
}

/**
 * Drops `labels: {}` and `annotations: {}`, which the real server never
 * returns (an empty map is not stored), and gives the object metadata of
 * templates (pod templates, a CronJob's job template, a StatefulSet's claim
 * templates) the `creationTimestamp: null` the real server's Go types
 * serialise. Templates only for built-in kinds, whose types declare them.
 * @param {any} o @param {boolean} templates
 */
export function dropEmptyMetadata(o, templates) {
  const clean = (/** @type {any} */ meta, /** @type {boolean} */ top) => {
    if (!isObject(meta)) return;
    for (const k of ['labels', 'annotations']) if (isObject(meta[k]) && Object.keys(meta[k]).length === 0) delete meta[k];
    // A template's zero creation time is serialised as null by the real server's Go types.
    if (!top) meta.creationTimestamp = null;
  };
  clean(o.metadata, true);
  if (!templates) return;
  const spec = o.spec;
  clean(o.template?.metadata, false);
  clean(spec?.template?.metadata, false);
  clean(spec?.jobTemplate?.metadata, false);
  clean(spec?.jobTemplate?.spec?.template?.metadata, false);
  if (Array.isArray(spec?.volumeClaimTemplates)) for (const claim of spec.volumeClaimTemplates) clean(claim?.metadata, false);
}

/**
 * A pod's quality-of-service class by its containers' CPU and memory:
 * Guaranteed when every container's requests equal its limits, BestEffort
 * when none asks for anything, Burstable otherwise.
 * @param {any} pod
 */
export function qosClass(pod) {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const resources = ['cpu', 'memory'];
  const asks = containers.some((c) => resources.some((r) => c?.resources?.requests?.[r] || c?.resources?.limits?.[r]));
  if (!asks) return 'BestEffort';
  const guaranteed = containers.every((c) =>
    resources.every(
      (r) => c?.resources?.limits?.[r] && String(c.resources.limits[r]) === String(c.resources.requests?.[r] ?? c.resources.limits[r]),
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** @param {any} webhook @param {boolean} mutating */
function defaultWebhook(webhook, mutating) {
  if (!isObject(webhook)) return;
  webhook.failurePolicy ??= 'Fail';
  webhook.matchPolicy ??= 'Equivalent';
  webhook.namespaceSelector ??= {};
  webhook.objectSelector ??= {};
  webhook.timeoutSeconds ??= 10;
  if (mutating) webhook.reinvocationPolicy ??= 'Never';
  for (const rule of webhook.rules ?? []) if (isObject(rule)) rule.scope ??= '*';
  if (isObject(webhook.clientConfig?.service)) webhook.clientConfig.service.port ??= 443;
}

/** Fills in the rules of a v2 HorizontalPodAutoscaler's behavior that were left out. @param {any} behavior */
function defaultScalingBehavior(behavior) {
  if (!isObject(behavior)) return;
  behavior.scaleUp ??= {};
  behavior.scaleUp.stabilizationWindowSeconds ??= 0;
  behavior.scaleUp.selectPolicy ??= 'Max';
  behavior.scaleUp.policies ??= [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ];
  behavior.scaleDown ??= {};
  behavior.scaleDown.stabilizationWindowSeconds ??= 300;
  behavior.scaleDown.selectPolicy ??= 'Max';
  behavior.scaleDown.policies ??= [{ type: 'Percent', value: 100, periodSeconds: 15 }];
}

/** @param {any} spec @param {string} [restartPolicy] */
function defaultPodSpec(spec, restartPolicy = 'Always') {
  if (!isObject(spec)) return;
  spec.restartPolicy ??= restartPolicy;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) if (isObject(c)) defaultContainer(c);
}

/** @param {any} template */
function defaultTemplate(template, restartPolicy = 'Always') {
  if (!isObject(template)) return;
  template.metadata ??= {};
  defaultPodSpec(template.spec, restartPolicy);
}

let nextClusterIp = 1;

/**
 * Fills in the defaults the real API server would.
 * @param {string} kind @param {any} o
 */
export function applyDefaults(kind, o) {
  const spec = (o.spec ??= SPECLESS.has(kind) ? undefined : {});
  switch (kind) {
    case 'Pod':
      defaultPodSpec(spec);
      // A pod's requests default to its limits (pods only, not templates).
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        const limits = c?.resources?.limits;
        if (isObject(limits)) c.resources.requests = { ...limits, ...c.resources.requests };
      }
      spec.enableServiceLinks ??= true;
      o.status ??= { phase: 'Pending', qosClass: qosClass(o) };
      break;
    case 'Deployment':
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate' };
      spec.strategy.type ??= 'RollingUpdate';
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      }
      defaultTemplate(spec.template);
      break;
    case 'ReplicaSet':
      spec.replicas ??= 1;
      defaultTemplate(spec.template);
      break;
    case 'StatefulSet':
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      // Only a given rollingUpdate gets a partition; kubectl reports rollouts differently with one.
      if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate)
        spec.updateStrategy.rollingUpdate.partition ??= 0;
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      defaultTemplate(spec.template);
      break;
    case 'DaemonSet':
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate ??= { maxUnavailable: 1, maxSurge: 0 };
      defaultTemplate(spec.template);
      break;
    case 'Job':
      spec.parallelism ??= 1;
      spec.completions ??= 1;
      spec.backoffLimit ??= 6;
      spec.completionMode ??= 'NonIndexed';
      spec.suspend ??= false;
      defaultTemplate(spec.template, 'Never');
      break;
    case 'CronJob':
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      if (isObject(spec.jobTemplate)) spec.jobTemplate.metadata ??= {};
      if (isObject(spec.jobTemplate?.spec)) defaultTemplate(spec.jobTemplate.spec.template, 'Never');
      break;
    case 'Service':
      spec.type ??= 'ClusterIP';
      if (spec.type !== 'ExternalName') {
        if (!spec.clusterIP) {
          const n = nextClusterIp++;
          spec.clusterIP = `10.96.${Math.floor(n / 250)}.${(n % 250) + 2}`;
        }
        spec.clusterIPs ??= [spec.clusterIP];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      spec.sessionAffinity ??= 'None';
      for (const p of spec.ports ?? []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
      o.status ??= { loadBalancer: {} };
      break;
    case 'Namespace':
      spec.finalizers ??= ['kubernetes'];
      o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name };
      o.status ??= { phase: 'Active' };
      break;
    case 'PersistentVolumeClaim':
      // Provisioned at once, as a default storage class would.
      spec.volumeMode ??= 'Filesystem';
      o.status ??= {
        phase: 'Bound',
        accessModes: spec.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
      };
      break;
    case 'LimitRange':
      // A container limit range's default comes from its max; its default request from its default, then its min.
      for (const item of spec.limits ?? []) {
        if (!isObject(item) || item.type !== 'Container') continue;
        item.default = { ...item.max, ...item.default };
        item.defaultRequest = { ...item.min, ...item.default, ...item.defaultRequest };
        for (const k of ['default', 'defaultRequest']) if (Object.keys(item[k]).length === 0) delete item[k];
      }
      break;
    case 'PodTemplate':
      defaultTemplate(o.template);
      break;
    case 'NetworkPolicy':
      spec.policyTypes ??= ['Ingress', ...(Array.isArray(spec.egress) && spec.egress.length ? ['Egress'] : [])];
      for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])])
        for (const port of rule?.ports ?? []) if (isObject(port)) port.protocol ??= 'TCP';
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      for (const subject of o.subjects ?? [])
        if (isObject(subject) && (subject.kind === 'User' || subject.kind === 'Group')) subject.apiGroup ||= 'rbac.authorization.k8s.io';
      break;
    case 'PriorityClass':
      o.preemptionPolicy ??= 'PreemptLowerPriority';
      break;
    case 'StorageClass':
      o.reclaimPolicy ??= 'Delete';
      o.volumeBindingMode ??= 'Immediate';
      break;
    case 'HorizontalPodAutoscaler':
      spec.minReplicas ??= 1;
      if (!Array.isArray(spec.metrics) || spec.metrics.length === 0)
        spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
      defaultScalingBehavior(spec.behavior);
      break;
    case 'MutatingWebhookConfiguration':
    case 'ValidatingWebhookConfiguration':
      for (const webhook of o.webhooks ?? []) defaultWebhook(webhook, kind === 'MutatingWebhookConfiguration');
      break;
    case 'CSIDriver':
      spec.attachRequired ??= true;
      spec.podInfoOnMount ??= false;
      spec.requiresRepublish ??= false;
      spec.storageCapacity ??= false;
      spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
      spec.volumeLifecycleModes ??= ['Persistent'];
      break;
    case 'PersistentVolume':
      spec.persistentVolumeReclaimPolicy ??= 'Retain';
      spec.volumeMode ??= 'Filesystem';
      o.status ??= { phase: 'Available' };
      break;
    case 'ResourceQuota':
      // What the quota controller reports at once: the limits, nothing used yet.
      o.status ??= {
        hard: { ...spec.hard },
        used: Object.fromEntries(Object.keys(spec.hard ?? {}).map((k) => [k, '0'])),
      };
      break;
    case 'EndpointSlice':
      for (const port of o.ports ?? []) if (isObject(port)) port.protocol ??= 'TCP';
      break;
    case 'Secret':
      o.type ??= 'Opaque';
      if (isObject(o.stringData)) {
        o.data = { ...o.data };
        for (const [k, v] of Object.entries(o.stringData)) o.data[k] = Buffer.from(String(v)).toString('base64');
        delete o.stringData;
      }
      break;
  }
  if (o.spec === undefined) delete o.spec;
}

/**
 * @typedef {{ field: string, type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueTypeInvalid' | 'FieldValueTooMany', detail: string, value?: unknown }} FieldError
 */

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** @param {FieldError} e */
export function describeFieldError(e) {
  if (e.type === 'FieldValueRequired') return `${e.field}: Required value${e.detail ? `: ${e.detail}` : ''}`;
  if (e.type === 'FieldValueNotSupported') return `${e.field}: Unsupported value: ${goValue(e.value)}: ${e.detail}`;
  if (e.type === 'FieldValueTooMany') return `${e.field}: Too many: ${e.value}: ${e.detail}`;
  return `${e.field}: Invalid value: ${goValue(e.value)}: ${e.detail}`;
}

/** A Go string map as `%#v` prints it: keys sorted. @param {Record<string, unknown> | undefined} m */
const goStringMap = (m) =>
  m && Object.keys(m).length
    ? `map[string]string{${Object.keys(m)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`)
        .join(', ')}}`
    : 'map[string]string(nil)';

/**
 * A value as the API server's field errors print it: strings quoted, numbers
 * and booleans bare, maps and structs as Go's `%#v` does (a LabelSelector as
 * `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ...}`).
 * @param {unknown} v
 */
export function goValue(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v))
    return v.every((x) => typeof x === 'string') ? `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}` : JSON.stringify(v);
  const o = /** @type {Record<string, any>} */ (v);
  if (Object.keys(o).every((k) => k === 'matchLabels' || k === 'matchExpressions') && Object.keys(o).length) {
    const expressions =
      Array.isArray(o.matchExpressions) && o.matchExpressions.length
        ? `[]v1.LabelSelectorRequirement{${o.matchExpressions
            .map(
              (/** @type {any} */ r) =>
                `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key ?? '')}, Operator:${JSON.stringify(r.operator ?? '')}, Values:${
                  Array.isArray(r.values)
                    ? `[]string{${r.values.map((/** @type {string} */ x) => JSON.stringify(x)).join(', ')}}`
                    : '[]string(nil)'
                }}`,
            )
            .join(', ')}}`
        : '[]v1.LabelSelectorRequirement(nil)';
    return `v1.LabelSelector{MatchLabels:${goStringMap(o.matchLabels)}, MatchExpressions:${expressions}}`;
  }
  if (Object.values(o).every((x) => typeof x === 'string')) return goStringMap(o);
  return JSON.stringify(v);
}

/** @param {any} spec @param {string} at @param {FieldError[]} errors */
function validatePodSpec(spec, at, errors) {
  if (!isObject(spec)) return errors.push({ field: at, type: 'FieldValueRequired', detail: '' });
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    errors.push({ field: `${at}.containers`, type: 'FieldValueRequired', detail: '' });
    return;
  }
  spec.containers.forEach((/** @type {any} */ c, /** @type {number} */ i) => {
    if (!c?.name) errors.push({ field: `${at}.containers[${i}].name`, type: 'FieldValueRequired', detail: '' });
    if (!c?.image) errors.push({ field: `${at}.containers[${i}].image`, type: 'FieldValueRequired', detail: '' });
  });
}

/**
 * Validates an object about to be stored; `old` is the stored version on update.
 * @param {string} kind @param {any} o @param {any} [old]
 * @returns {FieldError[]}
 */
export function validate(kind, o, old) {
  /** @type {FieldError[]} */
  const errors = [];
  const name = o.metadata?.name;
  if (!name) errors.push({ field: 'metadata.name', type: 'FieldValueRequired', detail: 'name or generateName is required' });
  else if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    errors.push({
      field: 'metadata.name',
      type: 'FieldValueInvalid',
      value: name,
      detail:
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    });
  }
  const spec = o.spec;
  switch (kind) {
    case 'Pod':
      validatePodSpec(spec, 'spec', errors);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      if (!isObject(spec?.selector)) {
        errors.push({ field: 'spec.selector', type: 'FieldValueRequired', detail: '' });
      } else if (!labelSelectorMatcher(spec.selector)(spec.template?.metadata?.labels ?? {})) {
        errors.push({
          field: 'spec.template.metadata.labels',
          type: 'FieldValueInvalid',
          value: spec.template?.metadata?.labels ?? {},
          detail: '`selector` does not match template `labels`',
        });
      }
      if (old && !deepEqual(old.spec?.selector, spec?.selector)) {
        errors.push({ field: 'spec.selector', type: 'FieldValueInvalid', value: spec?.selector, detail: 'field is immutable' });
      }
      validatePodSpec(spec?.template?.spec, 'spec.template.spec', errors);
      break;
    }
    case 'Job':
      validatePodSpec(spec?.template?.spec, 'spec.template.spec', errors);
      if (!['Never', 'OnFailure'].includes(spec?.template?.spec?.restartPolicy)) {
        errors.push({
          field: 'spec.template.spec.restartPolicy',
          type: 'FieldValueNotSupported',
          value: spec?.template?.spec?.restartPolicy,
          detail: 'supported values: "OnFailure", "Never"',
        });
      }
      break;
    case 'CronJob':
      if (!spec?.schedule) errors.push({ field: 'spec.schedule', type: 'FieldValueRequired', detail: '' });
      validatePodSpec(spec?.jobTemplate?.spec?.template?.spec, 'spec.jobTemplate.spec.template.spec', errors);
      break;
    case 'Ingress':
      (spec?.rules ?? []).forEach((/** @type {any} */ rule, /** @type {number} */ i) =>
        (rule?.http?.paths ?? []).forEach((/** @type {any} */ path, /** @type {number} */ j) => {
          if (!path?.pathType)
            errors.push({
              field: `spec.rules[${i}].http.paths[${j}].pathType`,
              type: 'FieldValueRequired',
              detail: 'pathType must be specified',
            });
        }),
      );
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      if (!o.roleRef?.name) errors.push({ field: 'roleRef.name', type: 'FieldValueRequired', detail: '' });
      if (!o.roleRef?.kind)
        errors.push({
          field: 'roleRef.kind',
          type: 'FieldValueNotSupported',
          value: '',
          detail: 'supported values: "Role", "ClusterRole"',
        });
      break;
    case 'Service':
      if (spec?.type !== 'ExternalName' && spec?.clusterIP !== 'None' && !(spec?.ports?.length > 0)) {
        errors.push({ field: 'spec.ports', type: 'FieldValueRequired', detail: '' });
      }
      break;
  }
  return errors;
}
