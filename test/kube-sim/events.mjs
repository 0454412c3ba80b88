// core/v1 Events as the kubelet and controllers record them: repeated
// occurrences of the same event bump count and lastTimestamp.
import { typeNamed } from './catalog.mjs';
import { clone, timestamp } from './util.mjs';

const EVENTS = typeNamed('Event');

/**
 * @typedef {object} EventSpec
 * @property {'Normal' | 'Warning'} type
 * @property {string} reason
 * @property {string} message
 * @property {string} component  e.g. kubelet, deployment-controller
 * @property {string} [host]
 * @property {string} [fieldPath] e.g. spec.containers{app}
 */

export class Recorder {
  /** @param {import('./store.mjs').Store} store */
  constructor(store) {
    this.store = store;
    this.sequence = 0;
  }

  /**
   * @param {any} involved the object the event is about
   * @param {EventSpec} e
   */
  record(involved, { type, reason, message, component, host, fieldPath }) {
    const namespace = involved.metadata.namespace ?? 'default';
    const now = timestamp();
    const same = this.store
      .list(EVENTS, namespace)
      .find(
        (ev) =>
          ev.involvedObject.uid === involved.metadata.uid &&
          ev.reason === reason &&
          ev.message === message &&
          ev.involvedObject.fieldPath === fieldPath,
      );
    if (same) {
      const next = clone(same);
      next.count = (next.count ?? 1) + 1;
      next.lastTimestamp = now;
      this.store.put(EVENTS, next);
      return;
    }
    const name = `${involved.metadata.name}.${(BigInt(Date.now()) * 1_000_000n + BigInt(this.sequence++)).toString(16)}`;
    this.store.put(EVENTS, {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name, namespace, uid: crypto.randomUUID(), creationTimestamp: now },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component, ...(host ? { host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: host ?? '',
    });
  }
}
