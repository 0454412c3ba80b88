// The three patch formats the API accepts (JSON merge, strategic merge, JSON
// patch), and the list merge keys they share with server-side apply.
import { clone, deepEqual, isObject } from './util.mjs';

export class PatchError extends Error {}

/**
 * Which field of a list item identifies it, by the list's field name. The real
 * server reads this from Go struct tags per type; the field name decides it
 * for every list the simulated kinds contain.
 * @param {string} field
 * @param {any[]} items the items seen, to tell container ports from service ports
 * @returns {string | undefined}
 */
export function mergeKey(field, items = []) {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'webhooks':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'hostAliases':
      return 'ip';
    case 'ports':
      return items.some((p) => isObject(p) && 'containerPort' in p) ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

/** Lists of strings merged as sets rather than replaced. */
export const isSetList = (/** @type {string} */ field) => field === 'finalizers';

/** RFC 7386. @param {any} target @param {any} patch */
export function jsonMergePatch(target, patch) {
  if (!isObject(patch)) return clone(patch);
  const result = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = jsonMergePatch(result[k], v);
  }
  return result;
}

/** Removes `$patch`, `$retainKeys` and the like from a value being inserted. @param {any} v @returns {any} */
function withoutDirectives(v) {
  if (Array.isArray(v))
    return v.filter((x) => !(isObject(x) && x.$patch === 'replace' && Object.keys(x).length === 1)).map(withoutDirectives);
  if (!isObject(v)) return v;
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$') && x !== null) out[k] = withoutDirectives(x);
  return out;
}

/**
 * Applies a strategic merge patch: maps merge, keyed lists merge by key,
 * other lists are replaced; honours `$patch`, `$retainKeys`,
 * `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`.
 * @param {any} original @param {any} patch @returns {any}
 */
export function strategicMergePatch(original, patch) {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  const result = isObject(original) ? clone(original) : {};
  /** @type {Record<string, any[]>} */
  const orders = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/')) orders[k.slice('$setElementOrder/'.length)] = v;
    else if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(result[field])) result[field] = result[field].filter((x) => !v.includes(x));
    } else if (k.startsWith('$')) continue;
    else if (v === null) delete result[k];
    else if (Array.isArray(v)) result[k] = mergeList(result[k], v, k);
    else if (isObject(v)) {
      if (v.$patch === 'delete') delete result[k];
      else result[k] = strategicMergePatch(result[k], v);
    } else result[k] = v;
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const k of Object.keys(result)) if (!patch.$retainKeys.includes(k)) delete result[k];
  }
  for (const [field, order] of Object.entries(orders)) {
    if (Array.isArray(result[field])) result[field] = reorder(result[field], order, mergeKey(field, result[field]));
  }
  return result;
}

/** @param {any} original @param {any[]} patch @param {string} field */
function mergeList(original, patch, field) {
  const current = Array.isArray(original) ? original : [];
  if (isSetList(field)) return [...new Set([...current, ...patch])];
  const key = mergeKey(field, [...current, ...patch]);
  if (!key || patch.some((x) => isObject(x) && x.$patch === 'replace')) return withoutDirectives(patch);
  const result = clone(current);
  for (const item of patch) {
    if (!isObject(item)) throw new PatchError(`expected a map in the ${field} list, got ${JSON.stringify(item)}`);
    const at = result.findIndex((x) => isObject(x) && deepEqual(x[key], item[key]));
    if (item.$patch === 'delete') {
      if (at >= 0) result.splice(at, 1);
    } else if (at >= 0) result[at] = strategicMergePatch(result[at], item);
    else result.push(withoutDirectives(item));
  }
  return result;
}

/** @param {any[]} list @param {any[]} order @param {string | undefined} key */
function reorder(list, order, key) {
  const rank = (/** @type {any} */ x) => {
    const i = order.findIndex((o) => (key && isObject(o) && isObject(x) ? deepEqual(o[key], x[key]) : deepEqual(o, x)));
    return i < 0 ? order.length : i;
  };
  return list
    .map((x, i) => ({ x, i }))
    .sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i)
    .map(({ x }) => x);
}

/** RFC 6902. @param {any} document @param {any[]} operations */
export function jsonPatch(document, operations) {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch must be a list of operations');
  let doc = clone(document);
  for (const op of operations) {
    const path = parsePointer(op.path);
    switch (op.op) {
      case 'add':
        doc = put(doc, path, clone(op.value), true);
        break;
      case 'replace':
        get(doc, path);
        doc = put(doc, path, clone(op.value), false);
        break;
      case 'remove':
        get(doc, path);
        doc = remove(doc, path);
        break;
      case 'move': {
        const from = parsePointer(op.from);
        const value = get(doc, from);
        doc = put(remove(doc, from), path, value, true);
        break;
      }
      case 'copy':
        doc = put(doc, path, clone(get(doc, parsePointer(op.from))), true);
        break;
      case 'test':
        if (!deepEqual(get(doc, path), op.value)) throw new PatchError(`testing value ${op.path} failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

/** @param {string} pointer */
function parsePointer(pointer) {
  if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/'))) throw new PatchError(`invalid JSON pointer ${pointer}`);
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** @param {any} doc @param {string[]} path */
function get(doc, path) {
  let v = doc;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !(p in v)) throw new PatchError(`doc is missing path: /${path.join('/')}`);
    v = v[p];
  }
  return v;
}

/** @param {any} doc @param {string[]} path @param {any} value @param {boolean} insert */
function put(doc, path, value, insert) {
  if (path.length === 0) return value;
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new PatchError(`invalid index ${last}`);
    parent.splice(i, insert ? 0 : 1, value);
  } else if (isObject(parent)) parent[last] = value;
  else throw new PatchError(`doc is missing path: /${path.join('/')}`);
  return doc;
}

/** @param {any} doc @param {string[]} path */
function remove(doc, path) {
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return doc;
}
