// Kinds served at more than one version: objects are stored at one version
// and converted at the edge, as the real server converts through its
// internal types. HorizontalPodAutoscaler is stored as autoscaling/v2 and
// served at v1 too; a custom resource's versions differ only in apiVersion
// (conversion strategy None).
import { clone } from './util.mjs';

/** @typedef {import('./catalog.mjs').ResourceType} ResourceType */

/** @param {ResourceType} type @param {string} version */
const apiVersionAt = (type, version) => (type.group ? `${type.group}/${version}` : version);

/** The CPU utilization target of a v2 metrics list, as v1 carries it. @param {any[] | undefined} metrics */
function cpuUtilization(metrics) {
  const cpu = (metrics ?? []).find(
    (m) => m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization',
  );
  return cpu?.resource.target.averageUtilization;
}

/** autoscaling/v1 → v2. @param {any} o */
function hpaFromV1(o) {
  const { targetCPUUtilizationPercentage, ...spec } = o.spec ?? {};
  if (targetCPUUtilizationPercentage !== undefined) {
    spec.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetCPUUtilizationPercentage } } },
    ];
  }
  const next = { ...o, spec };
  if (o.status) {
    const { currentCPUUtilizationPercentage, ...status } = o.status;
    next.status = {
      ...status,
      ...(currentCPUUtilizationPercentage !== undefined
        ? {
            currentMetrics: [
              { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCPUUtilizationPercentage } } },
            ],
          }
        : {}),
    };
  }
  return next;
}

/** autoscaling/v2 → v1: what v1 can say (scale target, bounds, the CPU target). @param {any} o */
function hpaToV1(o) {
  const spec = o.spec ?? {};
  const target = cpuUtilization(spec.metrics);
  const next = {
    ...o,
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(target !== undefined ? { targetCPUUtilizationPercentage: target } : {}),
    },
  };
  if (o.status) {
    const { currentMetrics, conditions: _conditions, ...status } = o.status;
    const current = (currentMetrics ?? []).find((/** @type {any} */ m) => m?.resource?.name === 'cpu')?.resource?.current
      ?.averageUtilization;
    next.status = { ...status, ...(current !== undefined ? { currentCPUUtilizationPercentage: current } : {}) };
  }
  return next;
}

/**
 * An object sent at `version`, in the form the store keeps.
 * @param {ResourceType} type @param {string | undefined} version @param {any} o
 */
export function toStorage(type, version, o) {
  if (!version || version === type.version || !o || typeof o !== 'object') return o;
  let next = clone(o);
  if (type.kind === 'HorizontalPodAutoscaler' && !type.custom && version === 'v1') next = hpaFromV1(next);
  if (next.apiVersion) next.apiVersion = apiVersionAt(type, type.version);
  return next;
}

/**
 * A stored object as a client asking at `version` sees it.
 * @param {ResourceType} type @param {string | undefined} version @param {any} o
 */
export function fromStorage(type, version, o) {
  if (!version || version === type.version || !o || typeof o !== 'object' || o.kind === 'Status') return o;
  let next = clone(o);
  if (type.kind === 'HorizontalPodAutoscaler' && !type.custom && version === 'v1') next = hpaToV1(next);
  next.apiVersion = apiVersionAt(type, version);
  return next;
}
