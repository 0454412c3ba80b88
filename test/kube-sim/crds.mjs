// CustomResourceDefinitions: the type each one defines, the status the
// apiextensions controller gives it (NamesAccepted, Established), and the
// structural schema its custom resources are pruned, defaulted and
// validated against, with the real server's wording.
import { clone, isObject } from './util.mjs';

/**
 * @typedef {import('./catalog.mjs').ResourceType} ResourceType
 * @typedef {import('./defaults.mjs').FieldError} FieldError
 * @typedef {{ name: string, served: boolean, storage: boolean, schema?: any, printerColumns: { name: string, type: string, jsonPath: string, priority?: number, description?: string }[], status: boolean, scale: boolean }} CustomVersion
 * @typedef {{ crdName: string, versions: CustomVersion[], generation?: number }} CustomDefinition
 */

/** Fills in what the API server defaults on a CRD. @param {any} crd */
export function defaultCrd(crd) {
  const spec = crd.spec;
  if (!isObject(spec)) return;
  if (isObject(spec.names) && typeof spec.names.kind === 'string') {
    spec.names.singular ??= spec.names.kind.toLowerCase();
    spec.names.listKind ??= `${spec.names.kind}List`;
  }
  spec.conversion ??= { strategy: 'None' };
}

/** The annotation a CRD of a Kubernetes-owned group must carry: where its API was approved. */
const APPROVAL = 'api-approved.kubernetes.io';

/** Groups the Kubernetes project owns (`*.k8s.io`, `*.kubernetes.io`). @param {unknown} group */
const isProtectedGroup = (group) =>
  typeof group === 'string' &&
  (group === 'k8s.io' || group === 'kubernetes.io' || group.endsWith('.k8s.io') || group.endsWith('.kubernetes.io'));

/** What makes a CRD invalid, worded as the real validation does. @param {any} crd @returns {FieldError[]} */
export function validateCrd(crd) {
  /** @type {FieldError[]} */
  const errors = [];
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  if (!spec.group) errors.push({ field: 'spec.group', type: 'FieldValueRequired', detail: '' });
  if (!names.plural) errors.push({ field: 'spec.names.plural', type: 'FieldValueRequired', detail: '' });
  if (!names.kind) errors.push({ field: 'spec.names.kind', type: 'FieldValueRequired', detail: '' });
  if (!['Namespaced', 'Cluster'].includes(spec.scope)) {
    errors.push({
      field: 'spec.scope',
      type: 'FieldValueNotSupported',
      value: spec.scope ?? '',
      detail: 'supported values: "Cluster", "Namespaced"',
    });
  }
  if (isProtectedGroup(spec.group) && !crd.metadata?.annotations?.[APPROVAL]) {
    errors.push({
      field: `metadata.annotations[${APPROVAL}]`,
      type: 'FieldValueRequired',
      detail: `protected groups must have approval annotation "${APPROVAL}", see https://github.com/kubernetes/enhancements/pull/1111`,
    });
  }
  if (names.plural && spec.group && crd.metadata?.name !== `${names.plural}.${spec.group}`) {
    errors.push({
      field: 'metadata.name',
      type: 'FieldValueInvalid',
      value: crd.metadata?.name,
      detail: 'must be spec.names.plural+"."+spec.group',
    });
  }
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0)
    errors.push({
      field: 'spec.versions',
      type: 'FieldValueInvalid',
      value: [],
      detail: 'must have exactly one version marked as storage version',
    });
  else if (versions.filter((v) => v?.storage).length !== 1) {
    errors.push({
      field: 'spec.versions',
      type: 'FieldValueInvalid',
      value: versions.map((v) => v?.name),
      detail: 'must have exactly one version marked as storage version',
    });
  }
  versions.forEach((v, i) => {
    if (!v?.schema?.openAPIV3Schema)
      errors.push({ field: `spec.versions[${i}].schema.openAPIV3Schema`, type: 'FieldValueRequired', detail: 'schemas are required' });
  });
  return errors;
}

/**
 * The type a CRD defines, or undefined while it is invalid. Served versions
 * are listed storage version first, as the real server prefers it.
 * @param {any} crd @returns {ResourceType | undefined}
 */
export function customType(crd) {
  const spec = crd.spec;
  /** @type {CustomVersion[]} */
  const versions = (spec.versions ?? [])
    .filter((/** @type {any} */ v) => v.served !== false)
    .map((/** @type {any} */ v) => ({
      name: v.name,
      served: true,
      storage: !!v.storage,
      schema: v.schema?.openAPIV3Schema,
      printerColumns: v.additionalPrinterColumns ?? [],
      status: isObject(v.subresources?.status),
      scale: isObject(v.subresources?.scale),
    }))
    .sort((/** @type {CustomVersion} */ a, /** @type {CustomVersion} */ b) => Number(b.storage) - Number(a.storage));
  if (!versions.length) return undefined;
  const storage = versions.find((v) => v.storage) ?? versions[0];
  return {
    group: spec.group,
    version: storage.name,
    versions: versions.map((v) => v.name),
    kind: spec.names.kind,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    shortNames: spec.names.shortNames ?? [],
    categories: spec.names.categories ?? [],
    subresources: storage.status ? ['status'] : [],
    generation: true,
    hasSpec: false,
    verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
    custom: { crdName: crd.metadata.name, versions },
  };
}

/** The status the apiextensions controllers give a CRD whose names are free. @param {any} crd @param {string} now */
export function establishedStatus(crd, now) {
  const names = crd.spec.names;
  const condition = (/** @type {string} */ type, /** @type {string} */ reason, /** @type {string} */ message) => ({
    type,
    status: 'True',
    lastTransitionTime: crd.status?.conditions?.find((/** @type {any} */ c) => c.type === type)?.lastTransitionTime ?? now,
    reason,
    message,
  });
  const approval = crd.metadata.annotations?.[APPROVAL];
  const unapproved = typeof approval === 'string' && approval.startsWith('unapproved');
  return {
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
      // A Kubernetes-owned group says whether its API was approved.
      ...(isProtectedGroup(crd.spec.group)
        ? [
            {
              ...condition(
                'KubernetesAPIApprovalPolicyConformant',
                unapproved ? 'UnapprovedAnnotation' : 'ApprovedAnnotation',
                unapproved ? `not approved: ${JSON.stringify(approval)}` : `approved in ${approval}`,
              ),
              status: unapproved ? 'False' : 'True',
            },
          ]
        : []),
    ],
    acceptedNames: {
      plural: names.plural,
      singular: names.singular,
      ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      kind: names.kind,
      listKind: names.listKind,
      ...(names.categories ? { categories: names.categories } : {}),
    },
    storedVersions: [
      ...new Set([
        ...(crd.status?.storedVersions ?? []),
        ...crd.spec.versions.filter((/** @type {any} */ v) => v.storage).map((/** @type {any} */ v) => v.name),
      ]),
    ],
  };
}

const typeName = (/** @type {unknown} */ v) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

/**
 * Prunes, defaults and validates a custom resource against its version's
 * schema, in place. Returns the field errors and the paths of the unknown
 * fields it pruned (which a strict client wants to hear about).
 * @param {ResourceType} type @param {string} version @param {any} object
 * @returns {{ errors: FieldError[], unknown: string[] }}
 */
export function checkCustomResource(type, version, object) {
  const schema = type.custom?.versions.find((v) => v.name === version)?.schema ?? type.custom?.versions[0]?.schema;
  /** @type {FieldError[]} */
  const errors = [];
  /** @type {string[]} */
  const unknown = [];
  if (!isObject(schema)) return { errors, unknown };
  for (const [key, value] of Object.entries(object)) {
    if (['apiVersion', 'kind', 'metadata'].includes(key)) continue;
    const sub = schema.properties?.[key];
    if (sub) object[key] = walk(value, sub, key, errors, unknown);
    else if (!schema['x-kubernetes-preserve-unknown-fields']) {
      unknown.push(key);
      delete object[key];
    }
  }
  applyDefaults(object, schema, '', errors, unknown, true);
  for (const field of schema.required ?? []) {
    if (!['apiVersion', 'kind', 'metadata'].includes(field) && object[field] === undefined)
      errors.push({ field, type: 'FieldValueRequired', detail: '' });
  }
  return { errors, unknown };
}

/** Fills in absent properties that have a default (and walks into the defaults). @param {any} value @param {any} schema @param {string} at @param {FieldError[]} errors @param {string[]} unknown @param {boolean} [top] */
function applyDefaults(value, schema, at, errors, unknown, top = false) {
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (top && ['apiVersion', 'kind', 'metadata'].includes(key)) continue;
    if (value[key] === undefined && isObject(sub) && sub.default !== undefined)
      value[key] = walk(clone(sub.default), sub, join(at, key), errors, unknown);
  }
}

/** @param {string} at @param {string} key */
const join = (at, key) => (at ? `${at}.${key}` : key);

/**
 * Checks one value against its schema; returns the value, pruned and defaulted.
 * @param {any} value @param {any} schema @param {string} at @param {FieldError[]} errors @param {string[]} unknown
 */
function walk(value, schema, at, errors, unknown) {
  if (!isObject(schema)) return value;
  if (value === null) {
    if (schema.nullable) return value;
    errors.push({
      field: at,
      type: 'FieldValueTypeInvalid',
      value: 'null',
      detail: `${at} in body must be of type ${schema.type ?? 'object'}: "null"`,
    });
    return value;
  }
  const actual = typeName(value);
  if (schema['x-kubernetes-int-or-string']) {
    if (actual !== 'integer' && actual !== 'string')
      errors.push({
        field: at,
        type: 'FieldValueTypeInvalid',
        value: actual,
        detail: `${at} in body must be of type integer-or-string: "${actual}"`,
      });
    return value;
  }
  const expected = schema.type;
  const fits = !expected || expected === actual || (expected === 'number' && actual === 'integer');
  if (!fits) {
    errors.push({
      field: at,
      type: 'FieldValueTypeInvalid',
      value: actual,
      detail: `${at} in body must be of type ${expected}: "${actual}"`,
    });
    return value;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((/** @type {unknown} */ e) => e === value)) {
    errors.push({
      field: at,
      type: 'FieldValueNotSupported',
      value,
      detail: `supported values: ${schema.enum.map((/** @type {unknown} */ e) => JSON.stringify(e)).join(', ')}`,
    });
  }
  if (typeof value === 'number') {
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push({
        field: at,
        type: 'FieldValueInvalid',
        value,
        detail: `${at} in body should be less than or equal to ${schema.maximum}`,
      });
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push({
        field: at,
        type: 'FieldValueInvalid',
        value,
        detail: `${at} in body should be greater than or equal to ${schema.minimum}`,
      });
  }
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push({ field: at, type: 'FieldValueInvalid', value, detail: `${at} in body should match '${schema.pattern}'` });
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push({ field: at, type: 'FieldValueTooMany', value: value.length, detail: `must have at most ${schema.maxItems} items` });
    return value.map((item, i) => walk(item, schema.items, `${at}[${i}]`, errors, unknown));
  }
  if (isObject(value)) {
    const preserve = !!schema['x-kubernetes-preserve-unknown-fields'];
    for (const [key, sub] of Object.entries(value)) {
      const declared = schema.properties?.[key];
      if (declared) value[key] = walk(sub, declared, join(at, key), errors, unknown);
      else if (isObject(schema.additionalProperties)) value[key] = walk(sub, schema.additionalProperties, join(at, key), errors, unknown);
      else if (
        !preserve &&
        schema.additionalProperties !== true &&
        (schema.properties || schema.additionalProperties === false || schema.type === 'object')
      ) {
        unknown.push(join(at, key));
        delete value[key];
      }
    }
    applyDefaults(value, schema, at, errors, unknown);
    for (const field of schema.required ?? []) {
      if (value[field] === undefined) errors.push({ field: join(at, field), type: 'FieldValueRequired', detail: '' });
    }
  }
  return value;
}

/**
 * The list types a CRD's schema declares, by field path without list
 * indices (`spec.rules`): `map` lists merge by their keys under server-side
 * apply, `set` lists by value; everything else is atomic, as for any CRD.
 * @param {any} schema @returns {Map<string, { type: string, keys?: string[] }>}
 */
export function listTypes(schema) {
  /** @type {Map<string, { type: string, keys?: string[] }>} */
  const found = new Map();
  const visit = (/** @type {any} */ s, /** @type {string} */ at) => {
    if (!isObject(s)) return;
    if (s.type === 'array') {
      const listType = s['x-kubernetes-list-type'] ?? 'atomic';
      found.set(at, { type: listType, ...(listType === 'map' ? { keys: s['x-kubernetes-list-map-keys'] ?? [] } : {}) });
      visit(s.items, at);
    }
    for (const [k, sub] of Object.entries(s.properties ?? {})) visit(sub, join(at, k));
    if (isObject(s.additionalProperties)) visit(s.additionalProperties, join(at, '*'));
  };
  visit(schema, '');
  return found;
}

/** Reads a printer column's simple JSONPath (`.spec.hostnames`, `.status.conditions[0].type`). @param {any} object @param {string} path */
export function readJsonPath(object, path) {
  let v = object;
  for (const part of path.replace(/^\./, '').split('.')) {
    const m = /^([^[]*)(?:\[(\d+)\])?$/.exec(part);
    if (!m) return undefined;
    if (m[1]) v = isObject(v) ? v[m[1]] : undefined;
    if (m[2] !== undefined) v = Array.isArray(v) ? v[Number(m[2])] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}
