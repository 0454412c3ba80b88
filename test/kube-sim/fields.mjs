// Field ownership (metadata.managedFields) and server-side apply.
//
// A field path is a list of FieldsV1 segments: `f:spec`, `k:{"name":"app"}`
// for an item of a keyed list, `v:"x"` for a member of a set list, `.` for a
// list item itself. Sets of paths are kept as Sets of JSON-encoded paths.
import { isSetList, mergeKey } from './merge.mjs';
import { clone, deepEqual, isObject, timestamp } from './util.mjs';

const UNTRACKED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

/**
 * Fields the API types mark atomic: a Service's `selector` and a pod's
 * `nodeSelector` (`+mapType=atomic`), and every LabelSelector
 * (`+structType=atomic`: workload, PodDisruptionBudget and NetworkPolicy
 * selectors). One manager owns such a field whole; an apply replaces it
 * whole rather than merging it key by key, so a manager that applies a
 * selector without a label another manager added removes that label (after
 * a conflict, unless forced), as the real server does.
 */
const ATOMIC_OBJECTS = new Set(['selector', 'nodeSelector', 'podSelector', 'namespaceSelector', 'labelSelector']);

/** @param {string} field @param {unknown} value */
const isAtomic = (field, value) => ATOMIC_OBJECTS.has(field) && isObject(value);

/**
 * How the lists of a custom resource merge, from its schema: dotted field
 * path without indices → `map` (with its keys), `set` or `atomic`. Built-in
 * kinds pass none, and their lists merge by the field-name rules of merge.mjs.
 * @typedef {Map<string, { type: string, keys?: string[] }>} ListTypes
 */

/**
 * How a list merges: by a key, as a set, or whole.
 * @param {string} field @param {any[]} items @param {string} dotted @param {ListTypes | undefined} lists
 * @returns {{ key?: string, set?: boolean }}
 */
function listShape(field, items, dotted, lists) {
  if (lists) {
    const declared = lists.get(dotted);
    if (declared?.type === 'map' && declared.keys?.length === 1) return { key: declared.keys[0] };
    if (declared?.type === 'set') return { set: true };
    return {};
  }
  if (isSetList(field)) return { set: true };
  return { key: mergeKey(field, items) };
}

/** @param {string} dotted @param {string} key */
const below = (dotted, key) => (dotted ? `${dotted}.${key}` : key);

/**
 * The field paths an object sets, as FieldsV1 would record them.
 * @param {any} object @param {ListTypes} [lists]
 * @returns {Set<string>}
 */
export function fieldPaths(object, lists) {
  /** @type {Set<string>} */
  const out = new Set();
  if (!isObject(object)) return out;
  for (const [k, v] of Object.entries(object)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status' || v === undefined) continue;
    if (k === 'metadata' && isObject(v)) {
      for (const [mk, mv] of Object.entries(v))
        if (!UNTRACKED_METADATA.has(mk) && mv !== undefined) collect(mv, ['f:metadata', `f:${mk}`], mk, out, `metadata.${mk}`);
    } else collect(v, [`f:${k}`], k, out, k, lists);
  }
  return out;
}

/** @param {any} value @param {string[]} path @param {string} field @param {Set<string>} out @param {string} dotted @param {ListTypes} [lists] */
function collect(value, path, field, out, dotted, lists) {
  if (!lists && isAtomic(field, value)) out.add(JSON.stringify(path));
  else if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    if (entries.length === 0) out.add(JSON.stringify(path));
    for (const [k, v] of entries) collect(v, [...path, `f:${k}`], k, out, below(dotted, k), lists);
  } else if (Array.isArray(value)) {
    const { key, set } = listShape(field, value, dotted, lists);
    if (value.length === 0) out.add(JSON.stringify(path));
    else if (set) for (const v of value) out.add(JSON.stringify([...path, `v:${JSON.stringify(v)}`]));
    else if (key && value.every((item) => isObject(item) && item[key] !== undefined)) {
      for (const item of value) {
        const itemPath = [...path, `k:${JSON.stringify({ [key]: item[key] })}`];
        out.add(JSON.stringify([...itemPath, '.']));
        for (const [k, v] of Object.entries(item))
          if (v !== undefined && v !== null) collect(v, [...itemPath, `f:${k}`], k, out, below(dotted, k), lists);
      }
    } else out.add(JSON.stringify(path));
  } else out.add(JSON.stringify(path));
}

/** @param {string} segment */
const keyOf = (segment) => JSON.parse(segment.slice(2));

/**
 * The value at a path, or undefined.
 * @param {any} object @param {string[]} path
 */
function valueAt(object, path) {
  let v = object;
  for (const segment of path) {
    if (segment === '.') return v;
    if (segment.startsWith('f:')) v = isObject(v) ? v[segment.slice(2)] : undefined;
    else if (segment.startsWith('k:')) {
      const key = keyOf(segment);
      v = Array.isArray(v) ? v.find((item) => isObject(item) && Object.entries(key).every(([k, x]) => deepEqual(item[k], x))) : undefined;
    } else if (segment.startsWith('v:')) {
      const member = keyOf(segment);
      return Array.isArray(v) && v.some((x) => deepEqual(x, member)) ? member : undefined;
    }
    if (v === undefined) return undefined;
  }
  return v;
}

/** @param {any} object @param {string[]} path */
function removeAt(object, path) {
  if (path[path.length - 1] === '.') path = path.slice(0, -1);
  const parent = valueAt(object, path.slice(0, -1));
  const last = path[path.length - 1];
  if (last.startsWith('f:') && isObject(parent)) delete parent[last.slice(2)];
  else if (Array.isArray(parent)) {
    const target = valueAt(object, path);
    const at = parent.findIndex((x) => (last.startsWith('v:') ? deepEqual(x, target) : x === target));
    if (at >= 0) parent.splice(at, 1);
  }
}

/** `.spec.template.spec.containers[name="app"].image`, as conflict messages name a field. @param {string[]} path */
export function describePath(path) {
  return path
    .map((s) => {
      if (s.startsWith('f:')) return `.${s.slice(2)}`;
      if (s.startsWith('k:'))
        return `[${Object.entries(keyOf(s))
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      if (s.startsWith('v:')) return `[${s.slice(2)}]`;
      return '';
    })
    .join('');
}

/** @param {Set<string>} paths @returns {Record<string, any>} */
export function toFieldsV1(paths) {
  /** @type {Record<string, any>} */
  const tree = {};
  for (const encoded of paths) {
    let node = tree;
    for (const segment of JSON.parse(encoded)) node = node[segment] ??= {};
  }
  return tree;
}

/** @param {Record<string, any>} tree @returns {Set<string>} */
export function fromFieldsV1(tree) {
  /** @type {Set<string>} */
  const out = new Set();
  const walk = (/** @type {Record<string, any>} */ node, /** @type {string[]} */ path) => {
    const children = Object.keys(node ?? {});
    if (children.length === 0 && path.length) out.add(JSON.stringify(path));
    for (const c of children) walk(node[c], [...path, c]);
  };
  walk(tree, []);
  return out;
}

/**
 * @typedef {object} ManagedEntry
 * @property {string} manager
 * @property {'Apply' | 'Update'} operation
 * @property {string} apiVersion
 * @property {string} time
 * @property {string} [subresource]
 * @property {Set<string>} paths
 */

/** @param {any} object @returns {ManagedEntry[]} */
function readEntries(object) {
  return (object?.metadata?.managedFields ?? []).map((/** @type {any} */ e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    subresource: e.subresource,
    paths: fromFieldsV1(e.fieldsV1 ?? {}),
  }));
}

/** @param {any} object @param {ManagedEntry[]} entries */
function writeEntries(object, entries) {
  const kept = entries.filter((e) => e.paths.size > 0);
  object.metadata.managedFields = kept.map((e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(e.paths),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  }));
  if (kept.length === 0) delete object.metadata.managedFields;
}

/**
 * Records a create, update or patch by `manager`: it takes the fields whose
 * value it changed, away from any other manager.
 * @param {any} before the stored object, or undefined on create
 * @param {any} after the object about to be stored; its managedFields are rewritten
 * @param {string} manager @param {ListTypes} [lists]
 */
export function recordUpdate(before, after, manager, lists) {
  const entries = readEntries(before);
  const was = fieldPaths(before, lists);
  const now = fieldPaths(after, lists);
  const changed = [...now].filter((p) => !was.has(p) || !deepEqual(valueAt(before, JSON.parse(p)), valueAt(after, JSON.parse(p))));
  const gone = [...was].filter((p) => !now.has(p));
  for (const e of entries) {
    for (const p of gone) e.paths.delete(p);
    if (e.manager !== manager || e.operation !== 'Update') for (const p of changed) e.paths.delete(p);
  }
  if (changed.length) {
    let mine = entries.find((e) => e.manager === manager && e.operation === 'Update' && !e.subresource);
    if (!mine) entries.push((mine = { manager, operation: 'Update', apiVersion: after.apiVersion, time: '', paths: new Set() }));
    for (const p of changed) mine.paths.add(p);
    mine.time = timestamp();
    mine.apiVersion = after.apiVersion;
  }
  writeEntries(after, entries);
}

export class ApplyConflict extends Error {
  /** @param {{ manager: string, apiVersion: string, field: string }[]} conflicts */
  constructor(conflicts) {
    const n = conflicts.length;
    const managers = [...new Set(conflicts.map((c) => c.manager))];
    const message =
      n === 1
        ? `Apply failed with 1 conflict: conflict with "${conflicts[0].manager}" using ${conflicts[0].apiVersion}: ${conflicts[0].field}`
        : `Apply failed with ${n} conflicts: ${managers
            .map((m) => {
              const mine = conflicts.filter((c) => c.manager === m);
              return `conflicts with "${m}" using ${mine[0].apiVersion}:\n${mine.map((c) => `- ${c.field}`).join('\n')}`;
            })
            .join('\n')}`;
    super(message);
    this.conflicts = conflicts;
  }
}

/**
 * Merges an applied configuration into the live object the way the structured
 * merge of server-side apply does: maps merge, keyed lists merge by key, other
 * lists, atomic maps and scalars are replaced.
 * @param {any} live @param {any} applied @param {string} [field] @param {string} [dotted] @param {ListTypes} [lists]
 * @returns {any}
 */
function mergeApplied(live, applied, field = '', dotted = '', lists = undefined) {
  if (!lists && isAtomic(field, applied)) return clone(applied);
  if (isObject(applied)) {
    const result = isObject(live) ? clone(live) : {};
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) delete result[k];
      else
        result[k] = mergeApplied(
          result[k],
          v,
          k,
          dotted === '' && k === 'metadata' ? '' : below(dotted, k),
          k === 'metadata' ? undefined : lists,
        );
    }
    return result;
  }
  if (Array.isArray(applied)) {
    const current = Array.isArray(live) ? live : [];
    const { key, set } = listShape(field, [...current, ...applied], dotted, lists);
    if (set) return [...new Set([...current, ...applied])];
    if (!key || !applied.every((x) => isObject(x) && x[key] !== undefined)) return clone(applied);
    const result = clone(current);
    for (const item of applied) {
      const at = result.findIndex((x) => isObject(x) && deepEqual(x[key], item[key]));
      if (at >= 0) result[at] = mergeApplied(result[at], item, '', dotted, lists);
      else result.push(clone(item));
    }
    return result;
  }
  return clone(applied);
}

/**
 * Server-side apply of `applied` by `manager` onto `live` (undefined when the
 * object does not exist yet). Returns the new object with managedFields set.
 * Throws ApplyConflict when another manager owns a field that would change,
 * unless `force`, which takes the field over.
 * Values are compared as the server would store them: `defaulted` is the
 * applied configuration with the type's defaults filled in, so that a list
 * applied without a defaulted field does not conflict over it.
 * @param {any} live @param {any} applied @param {{ manager: string, force: boolean, lists?: ListTypes, defaulted?: any }} options
 */
export function serverSideApply(live, applied, { manager, force, lists, defaulted = applied }) {
  const entries = readEntries(live);
  const appliedPaths = fieldPaths(applied, lists);
  const conflicts = [];
  for (const e of entries) {
    if (e.manager === manager && e.operation === 'Apply') continue;
    for (const p of appliedPaths) {
      if (!e.paths.has(p) || p.endsWith('"."]')) continue;
      const path = JSON.parse(p);
      if (deepEqual(valueAt(live, path), valueAt(defaulted, path))) continue;
      if (force) e.paths.delete(p);
      else conflicts.push({ manager: e.manager, apiVersion: e.apiVersion, field: describePath(path) });
    }
  }
  if (conflicts.length) throw new ApplyConflict(conflicts);

  let mine = entries.find((e) => e.manager === manager && e.operation === 'Apply');
  const previously = mine?.paths ?? new Set();
  const result = mergeApplied(live ?? {}, applied, '', '', lists);
  const ownedByOthers = entries.filter((e) => e !== mine).flatMap((e) => [...e.paths]);
  const stillWanted = [...appliedPaths, ...ownedByOthers];
  for (const p of previously) {
    if (appliedPaths.has(p)) continue;
    // A field stays while anyone still sets it or something beneath it.
    const base = p.endsWith(',"."]') ? p.slice(0, -5) : p.slice(0, -1);
    if (stillWanted.some((q) => q === p || q.startsWith(base + ','))) continue;
    removeAt(result, JSON.parse(p));
  }
  if (!mine) entries.push((mine = { manager, operation: 'Apply', apiVersion: applied.apiVersion, time: '', paths: new Set() }));
  mine.paths = appliedPaths;
  mine.time = timestamp();
  mine.apiVersion = applied.apiVersion;
  result.metadata ??= {};
  writeEntries(result, entries);
  return result;
}
