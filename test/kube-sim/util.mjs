import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** @param {unknown} v @returns {v is Record<string, any>} */
export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @template T @param {T} v @returns {T} */
export const clone = (v) => (v === undefined ? v : structuredClone(v));

/** @param {unknown} a @param {unknown} b @returns {boolean} */
export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** RFC 3339 with second precision, as Kubernetes serialises metav1.Time. */
export const timestamp = (ms = Date.now()) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export const newUid = () => randomUUID();

// The alphabet Kubernetes uses for generated names: no vowels, no look-alikes.
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A random suffix as in `web-7d4b9c-x2kqp`. */
export function randomSuffix(length = 5) {
  return [...randomBytes(length)].map((b) => SAFE[b % SAFE.length]).join('');
}

/** A stable short hash of a value, in the same alphabet (pod-template-hash). */
export function stableHash(/** @type {unknown} */ value, length = 10) {
  const digest = createHash('sha256').update(canonicalJson(value)).digest();
  return [...digest.subarray(0, length)].map((b) => SAFE[b % SAFE.length]).join('');
}

/** JSON with sorted keys, so that equal objects hash equally. @param {unknown} v @returns {string} */
export function canonicalJson(v) {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
