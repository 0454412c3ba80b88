// Object storage with a global resourceVersion counter and a bounded history
// of changes that watches replay from.
import { clone } from './util.mjs';

/**
 * @typedef {import('./catalog.mjs').ResourceType} ResourceType
 * @typedef {'ADDED' | 'MODIFIED' | 'DELETED'} EventType
 * @typedef {{ rv: number, type: EventType, resource: ResourceType, object: any, previous?: any }} Change
 * @typedef {(change: Change) => void} Listener
 */

const HISTORY_LIMIT = 5000;

/** Byte order, as the real server lists; and much cheaper than localeCompare on every pass. @param {string} a @param {string} b */
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export class Store {
  constructor() {
    this.resourceVersion = 0;
    /** @type {Map<ResourceType, Map<string, any>>} */
    this.objects = new Map();
    /** @type {Change[]} */
    this.history = [];
    /** @type {Set<Listener>} */
    this.listeners = new Set();
  }

  /** @param {ResourceType} type */
  table(type) {
    let t = this.objects.get(type);
    if (!t) this.objects.set(type, (t = new Map()));
    return t;
  }

  /** @param {string | undefined} namespace @param {string} name */
  static key(namespace, name) {
    return `${namespace ?? ''}/${name}`;
  }

  /**
   * The stored object itself; callers must not mutate it.
   * @param {ResourceType} type @param {string | undefined} namespace @param {string} name
   */
  get(type, namespace, name) {
    return this.table(type).get(Store.key(type.namespaced ? namespace : undefined, name));
  }

  /** @param {ResourceType} type @param {string} [namespace] all namespaces when absent @returns {any[]} */
  list(type, namespace) {
    const all = [...this.table(type).values()];
    const found = namespace && type.namespaced ? all.filter((o) => o.metadata.namespace === namespace) : all;
    return found.sort(
      (a, b) => compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compare(a.metadata.name, b.metadata.name),
    );
  }

  /**
   * Stores `object` (a new value the store now owns), stamping its resourceVersion.
   * @param {ResourceType} type @param {any} object
   */
  put(type, object) {
    const key = Store.key(object.metadata.namespace, object.metadata.name);
    const previous = this.table(type).get(key);
    object.metadata.resourceVersion = String(++this.resourceVersion);
    this.table(type).set(key, object);
    this.record({ rv: this.resourceVersion, type: previous ? 'MODIFIED' : 'ADDED', resource: type, object, previous });
    return object;
  }

  /** @param {ResourceType} type @param {any} object */
  remove(type, object) {
    const key = Store.key(object.metadata.namespace, object.metadata.name);
    const previous = this.table(type).get(key);
    if (!previous) return undefined;
    this.table(type).delete(key);
    const gone = clone(previous);
    gone.metadata.resourceVersion = String(++this.resourceVersion);
    this.record({ rv: this.resourceVersion, type: 'DELETED', resource: type, object: gone, previous });
    return gone;
  }

  /** @param {Change} change */
  record(change) {
    this.history.push(change);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const listener of this.listeners) listener(change);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  oldestResumable() {
    return this.history.length ? this.history[0].rv - 1 : this.resourceVersion;
  }

  /** @param {number} rv @returns {Change[]} */
  changesSince(rv) {
    return this.history.filter((c) => c.rv > rv);
  }

  /** @param {Listener} listener */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
