// The controllers that make workloads move: Deployment → ReplicaSet → Pod,
// StatefulSet, DaemonSet, Job, and namespace housekeeping. Each pass reads
// the store, writes what changed, and reports status the way `kubectl
// rollout status` and `kubectl wait` read it.
import { ApiError } from './api.mjs';
import { RESOURCE_TYPES, typeNamed } from './catalog.mjs';
import { customType, establishedStatus, validateCrd } from './crds.mjs';
import { dropEmptyMetadata } from './defaults.mjs';
import { formatLabelSelector } from './selectors.mjs';
import { clone, deepEqual, stableHash, timestamp } from './util.mjs';

const PODS = typeNamed('Pod');
const REPLICA_SETS = typeNamed('ReplicaSet');
const DEPLOYMENTS = typeNamed('Deployment');
const STATEFUL_SETS = typeNamed('StatefulSet');
const DAEMON_SETS = typeNamed('DaemonSet');
const JOBS = typeNamed('Job');
const NAMESPACES = typeNamed('Namespace');
const SERVICE_ACCOUNTS = typeNamed('ServiceAccount');
const CONFIG_MAPS = typeNamed('ConfigMap');
const HPAS = typeNamed('HorizontalPodAutoscaler');
const CRDS = typeNamed('CustomResourceDefinition');

const REVISION = 'deployment.kubernetes.io/revision';
/** How long a deleted namespace keeps its contents, in ms. */
const NAMESPACE_CLEANUP_MS = 300;
const MANAGER = { manager: 'kube-controller-manager' };

/** @param {any} o */
const revisionOf = (o) => Number(o.metadata.annotations?.[REVISION] ?? 0);

/** A percentage or count of `total`, as maxSurge and maxUnavailable are given. @param {any} value @param {number} total @param {boolean} roundUp */
function resolveCount(value, total, roundUp) {
  if (typeof value === 'number') return value;
  const text = String(value ?? '0');
  if (text.endsWith('%')) {
    const exact = (total * Number(text.slice(0, -1))) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  return Number(text) || 0;
}

/** Drops zero counters, as the real status types do with omitempty. @param {Record<string, any>} status */
function withoutZeros(status, keep = ['observedGeneration']) {
  return Object.fromEntries(Object.entries(status).filter(([k, v]) => keep.includes(k) || (v !== 0 && v !== undefined)));
}

/** @param {any} pod */
const isReady = (pod) => pod.status?.conditions?.some((/** @type {any} */ c) => c.type === 'Ready' && c.status === 'True') ?? false;
/** @param {any} pod */
const isFinished = (pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export class Controllers {
  /**
   * @param {object} ctx
   * @param {import('./api.mjs').Api} ctx.api
   * @param {import('./store.mjs').Store} ctx.store
   * @param {import('./events.mjs').Recorder} ctx.recorder
   * @param {import('./kubelet.mjs').Kubelet} ctx.kubelet
   * @param {() => string[]} ctx.nodes
   * @param {() => { timeScale: number }} ctx.config
   */
  constructor(ctx) {
    this.ctx = ctx;
    this.api = ctx.api;
    this.store = ctx.store;
    /** @type {Map<string, number>} deployment uid → when it last made progress */
    this.progressAt = new Map();
    /** @type {Map<string, string>} uid/generation → template hash */
    this.hashes = new Map();
    /** @type {Map<string, number>} namespace uid → when the controllers first saw it Terminating */
    this.terminatingSince = new Map();
  }

  /** @param {number} now */
  sync(now) {
    this.namespaces(now);
    for (const crd of this.store.list(CRDS)) this.customResourceDefinition(crd, now);
    for (const d of this.store.list(DEPLOYMENTS)) this.deployment(d, now);
    for (const rs of this.store.list(REPLICA_SETS)) this.replicaSet(rs, now);
    for (const s of this.store.list(STATEFUL_SETS)) this.statefulSet(s, now);
    for (const ds of this.store.list(DAEMON_SETS)) this.daemonSet(ds, now);
    for (const job of this.store.list(JOBS)) this.job(job, now);
    for (const hpa of this.store.list(HPAS)) this.autoscaler(hpa);
  }

  /**
   * The hash of a workload's pod template (without a pod-template-hash
   * label), computed once per generation: every pass needs it.
   * @param {any} o
   */
  templateHash(o) {
    const key = `${o.metadata.uid}/${o.metadata.generation}`;
    let hash = this.hashes.get(key);
    if (!hash) {
      // Hashed as the controller's Go types see it: no pod-template-hash label, no empty maps, no zero time.
      const template = clone(o.spec.template);
      if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
      const holder = { metadata: {}, spec: { template } };
      dropEmptyMetadata(holder, true);
      delete holder.spec.template?.metadata?.creationTimestamp;
      hash = stableHash(holder.spec.template);
      this.hashes.set(key, hash);
    }
    return hash;
  }

  /** Seconds from an object's spec, shortened by the time scale, in ms. @param {number} seconds */
  specMs(seconds) {
    return (seconds * 1000) / this.ctx.config().timeScale;
  }

  /** @param {any} owner @param {import('./catalog.mjs').ResourceType} type */
  owned(owner, type) {
    return this.store
      .list(type, owner.metadata.namespace)
      .filter(
        (o) =>
          !o.metadata.deletionTimestamp &&
          o.metadata.ownerReferences?.some((/** @type {any} */ r) => r.uid === owner.metadata.uid && r.controller),
      );
  }

  /** @param {any} owner */
  ownerReference(owner) {
    return {
      apiVersion: owner.apiVersion,
      kind: owner.kind,
      name: owner.metadata.name,
      uid: owner.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    };
  }

  /** @param {any} pod @param {number} minReadySeconds @param {number} now */
  isAvailable(pod, minReadySeconds, now) {
    if (!isReady(pod)) return false;
    if (!minReadySeconds) return true;
    const since = this.ctx.kubelet.readySince(pod.metadata.uid) ?? 0;
    return now - since >= this.specMs(minReadySeconds);
  }

  /** @param {any} involved @param {'Normal'|'Warning'} type @param {string} reason @param {string} message @param {string} component */
  event(involved, type, reason, message, component) {
    this.ctx.recorder.record(involved, { type, reason, message, component });
  }

  /** Writes a status when it differs; controllers never touch anything else this way. @param {import('./catalog.mjs').ResourceType} type @param {any} o @param {any} status */
  writeStatus(type, o, status) {
    const current = this.store.get(type, o.metadata.namespace, o.metadata.name);
    if (!current || current.metadata.uid !== o.metadata.uid || deepEqual(current.status, status)) return;
    this.store.put(type, { ...clone(current), status });
  }

  /** @param {import('./catalog.mjs').ResourceType} type @param {any} o @param {(draft: any) => void} change */
  writeObject(type, o, change) {
    const draft = clone(o);
    change(draft);
    return this.api.update(type, o.metadata.namespace, o.metadata.name, draft, MANAGER);
  }

  /** Pods from a template, owned by `owner`. @param {any} owner @param {any} template @param {string} name @param {Record<string,string>} extraLabels @param {Record<string, any>} [specExtras] */
  createPod(owner, template, name, extraLabels, specExtras = {}) {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        // A name ending in '-' is a prefix the server completes, as controllers ask.
        ...(name.endsWith('-') ? { generateName: name } : { name }),
        namespace: owner.metadata.namespace,
        labels: { ...template.metadata?.labels, ...extraLabels },
        ...(template.metadata?.annotations ? { annotations: clone(template.metadata.annotations) } : {}),
        ownerReferences: [this.ownerReference(owner)],
      },
      spec: { ...clone(template.spec), ...specExtras },
    };
    return this.api.create(PODS, owner.metadata.namespace, pod, MANAGER);
  }

  /**
   * Creates a pod, or, when the API server refuses it (admission), records
   * the refusal as the controller's FailedCreate event and returns it.
   * @param {any} owner @param {string} component @param {() => any} create
   * @param {(message: string) => string} [describe] the event's message
   * @returns {{ pod?: any, refusal?: string }}
   */
  attemptPod(owner, component, create, describe = (message) => `Error creating: ${message}`) {
    try {
      return { pod: create() };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.event(owner, 'Warning', 'FailedCreate', describe(e.message), component);
      return { refusal: e.message };
    }
  }

  /** @param {number} now */
  namespaces(now) {
    for (const ns of this.store.list(NAMESPACES)) {
      const name = ns.metadata.name;
      if (ns.status?.phase === 'Terminating') {
        // The namespace controller discovers and lists every kind first: what a client deletes meanwhile is still there.
        const since = this.terminatingSince.get(ns.metadata.uid) ?? now;
        this.terminatingSince.set(ns.metadata.uid, since);
        if (now - since < NAMESPACE_CLEANUP_MS) continue;
        this.terminatingSince.delete(ns.metadata.uid);
        for (const t of this.api.catalog.all()) {
          if (!t.namespaced) continue;
          for (const o of this.store.list(t, name)) {
            // An earlier cascade may have taken it already.
            if (this.store.get(t, name, o.metadata.name)) this.api.delete(t, name, o.metadata.name);
          }
        }
        this.store.remove(NAMESPACES, ns);
        continue;
      }
      if (!this.store.get(SERVICE_ACCOUNTS, name, 'default')) {
        this.api.create(SERVICE_ACCOUNTS, name, { metadata: { name: 'default' } }, MANAGER);
      }
      if (!this.store.get(CONFIG_MAPS, name, 'kube-root-ca.crt')) {
        const pem = '-----BEGIN CERTIFICATE-----\nMIIBkube-sim-root-ca\n-----END CERTIFICATE-----\n';
        this.api.create(
          CONFIG_MAPS,
          name,
          {
            metadata: {
              name: 'kube-root-ca.crt',
              annotations: {
                'kubernetes.io/description':
                  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
              },
            },
            data: { 'ca.crt': pem },
          },
          MANAGER,
        );
      }
    }
  }

  /**
   * What the apiextensions controllers do with a CRD: accept its names,
   * serve its kind and mark it Established, a moment after it is written.
   * @param {any} crd @param {number} now
   */
  customResourceDefinition(crd, now) {
    if (crd.metadata.deletionTimestamp || validateCrd(crd).length) return;
    const catalog = this.api.catalog;
    const served = catalog.custom.get(crd.metadata.name);
    if (!served || served.custom?.generation !== crd.metadata.generation) {
      const type = customType(crd);
      if (!type) return;
      /** @type {any} */ (type.custom).generation = crd.metadata.generation;
      catalog.define(crd.metadata.name, type);
    }
    this.writeStatus(CRDS, crd, establishedStatus(crd, timestamp(now)));
  }

  /** @param {any} d @param {number} now */
  deployment(d, now) {
    if (d.metadata.deletionTimestamp) return;
    const name = d.metadata.name;
    const hash = this.templateHash(d);
    let all = this.owned(d, REPLICA_SETS);
    let newRS = all.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const maxRevision = Math.max(0, ...all.map(revisionOf));
    let created = false;
    if (!newRS) {
      const template = clone(d.spec.template);
      if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
      const rsName = `${name.slice(0, 52)}-${hash}`;
      newRS = this.api.create(
        REPLICA_SETS,
        d.metadata.namespace,
        {
          metadata: {
            name: rsName,
            labels: { ...template.metadata?.labels, 'pod-template-hash': hash },
            annotations: {
              [REVISION]: String(maxRevision + 1),
              'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
              'deployment.kubernetes.io/max-replicas': String(
                d.spec.replicas + resolveCount(d.spec.strategy?.rollingUpdate?.maxSurge, d.spec.replicas, true),
              ),
            },
            ownerReferences: [this.ownerReference(d)],
          },
          spec: {
            replicas: 0,
            minReadySeconds: d.spec.minReadySeconds,
            selector: { ...clone(d.spec.selector), matchLabels: { ...d.spec.selector?.matchLabels, 'pod-template-hash': hash } },
            template: {
              ...template,
              metadata: { ...template.metadata, labels: { ...template.metadata?.labels, 'pod-template-hash': hash } },
            },
          },
        },
        MANAGER,
      );
      created = true;
      this.progressAt.set(d.metadata.uid, now);
    } else if (revisionOf(newRS) < maxRevision) {
      // Rolling back to an older template makes it the newest revision again.
      newRS = this.writeObject(
        REPLICA_SETS,
        newRS,
        (rs) => (rs.metadata.annotations = { ...rs.metadata.annotations, [REVISION]: String(maxRevision + 1) }),
      );
    }
    if (d.metadata.annotations?.[REVISION] !== String(revisionOf(newRS))) {
      d = this.writeObject(
        DEPLOYMENTS,
        d,
        (draft) => (draft.metadata.annotations = { ...draft.metadata.annotations, [REVISION]: String(revisionOf(newRS)) }),
      );
    }
    all = this.owned(d, REPLICA_SETS);
    newRS = all.find((rs) => rs.metadata.uid === newRS.metadata.uid);
    const olds = all.filter((rs) => rs !== newRS).sort((a, b) => revisionOf(a) - revisionOf(b));

    if (!d.spec.paused) {
      if (d.spec.strategy?.type === 'Recreate') this.recreate(d, newRS, olds);
      else this.rollingUpdate(d, newRS, olds, now);
      this.pruneHistory(d, olds);
    }
    this.deploymentStatus(this.store.get(DEPLOYMENTS, d.metadata.namespace, name), newRS.metadata.uid, now, created);
  }

  /** @param {any} d @param {any} rs @param {number} replicas */
  scale(d, rs, replicas) {
    const from = rs.spec.replicas;
    if (from === replicas) return rs;
    const scaled = this.writeObject(REPLICA_SETS, rs, (draft) => {
      draft.spec.replicas = replicas;
      draft.metadata.annotations = { ...draft.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas) };
    });
    this.event(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${replicas > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${replicas}`,
      'deployment-controller',
    );
    return scaled;
  }

  /** @param {any} d @param {any} newRS @param {any[]} olds */
  recreate(d, newRS, olds) {
    for (const rs of olds) if (rs.spec.replicas > 0) this.scale(d, rs, 0);
    if (olds.some((rs) => this.owned(rs, PODS).length > 0)) return;
    this.scale(d, newRS, d.spec.replicas);
  }

  /** The rolling-update arithmetic of the deployment controller. @param {any} d @param {any} newRS @param {any[]} olds @param {number} now */
  rollingUpdate(d, newRS, olds, now) {
    const replicas = d.spec.replicas;
    const surge = resolveCount(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true);
    let unavailable = resolveCount(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%', replicas, false);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    const specTotal = () => [newRS, ...olds].reduce((n, rs) => n + rs.spec.replicas, 0);

    if (newRS.spec.replicas > replicas || olds.every((rs) => rs.spec.replicas === 0)) {
      newRS = this.scale(d, newRS, replicas);
    } else if (newRS.spec.replicas < replicas) {
      const room = replicas + surge - specTotal();
      if (room > 0) newRS = this.scale(d, newRS, newRS.spec.replicas + Math.min(room, replicas - newRS.spec.replicas));
    }

    const minAvailable = replicas - unavailable;
    const minReady = d.spec.minReadySeconds ?? 0;
    const available = (/** @type {any} */ rs) => this.owned(rs, PODS).filter((p) => this.isAvailable(p, minReady, now)).length;
    const newUnavailable = newRS.spec.replicas - available(newRS);
    let budget = specTotal() - minAvailable - newUnavailable;
    // Old replicas that are not available go first: removing them costs nothing.
    for (let i = 0; i < olds.length && budget > 0; i++) {
      const rs = olds[i];
      const unhealthy = rs.spec.replicas - available(rs);
      if (unhealthy <= 0) continue;
      const down = Math.min(budget, unhealthy);
      olds[i] = this.scale(d, rs, rs.spec.replicas - down);
      budget -= down;
    }
    const availableNow = [newRS, ...olds].reduce((n, rs) => n + available(rs), 0);
    let room = availableNow - minAvailable;
    for (let i = 0; i < olds.length && room > 0; i++) {
      const rs = olds[i];
      const down = Math.min(rs.spec.replicas, room);
      if (down <= 0) continue;
      olds[i] = this.scale(d, rs, rs.spec.replicas - down);
      room -= down;
    }
  }

  /** Deletes scaled-down ReplicaSets beyond spec.revisionHistoryLimit. @param {any} d @param {any[]} olds */
  pruneHistory(d, olds) {
    const idle = olds.filter((rs) => rs.spec.replicas === 0 && this.owned(rs, PODS).length === 0);
    const excess = idle.length - (d.spec.revisionHistoryLimit ?? 10);
    for (const rs of idle.slice(0, Math.max(0, excess))) this.api.delete(REPLICA_SETS, rs.metadata.namespace, rs.metadata.name);
  }

  /** @param {any} d @param {string} newUid @param {number} now @param {boolean} createdNewRS */
  deploymentStatus(d, newUid, now, createdNewRS) {
    const all = this.owned(d, REPLICA_SETS);
    const newRS = all.find((rs) => rs.metadata.uid === newUid);
    const sum = (/** @type {(rs: any) => number} */ f) => all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
    const replicas = d.spec.replicas;
    const unavailableAllowed =
      d.spec.strategy?.type === 'Recreate' ? 0 : resolveCount(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%', replicas, false);
    const counts = {
      replicas: sum((rs) => rs.status?.replicas),
      updatedReplicas: newRS?.status?.replicas ?? 0,
      readyReplicas: sum((rs) => rs.status?.readyReplicas),
      availableReplicas: sum((rs) => rs.status?.availableReplicas),
    };
    const unavailableReplicas = Math.max(0, sum((rs) => rs.spec.replicas) - counts.availableReplicas);
    const previous = d.status ?? {};
    const old = (/** @type {string} */ type) => previous.conditions?.find((/** @type {any} */ c) => c.type === type);
    const stamp = timestamp(now);
    /** @param {string} type @param {boolean} ok @param {string} reason @param {string} message @param {boolean} [progressed] */
    const condition = (type, ok, reason, message, progressed = false) => {
      const status = ok ? 'True' : 'False';
      const before = old(type);
      if (before && before.status === status && before.reason === reason && before.message === message && !progressed) return before;
      return {
        type,
        status,
        lastUpdateTime: stamp,
        lastTransitionTime: before?.status === status ? before.lastTransitionTime : stamp,
        reason,
        message,
      };
    };

    const available = condition(
      'Available',
      counts.availableReplicas >= replicas - unavailableAllowed,
      counts.availableReplicas >= replicas - unavailableAllowed ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
      counts.availableReplicas >= replicas - unavailableAllowed
        ? 'Deployment has minimum availability.'
        : 'Deployment does not have minimum availability.',
    );
    const rsName = newRS?.metadata.name ?? '';
    const complete = counts.updatedReplicas === replicas && counts.replicas === replicas && counts.availableReplicas === replicas;
    const progressed =
      counts.updatedReplicas > (previous.updatedReplicas ?? 0) ||
      counts.readyReplicas > (previous.readyReplicas ?? 0) ||
      counts.availableReplicas > (previous.availableReplicas ?? 0) ||
      counts.replicas - counts.updatedReplicas < (previous.replicas ?? 0) - (previous.updatedReplicas ?? 0) ||
      (previous.observedGeneration ?? 0) < d.metadata.generation;
    if (progressed || !this.progressAt.has(d.metadata.uid)) this.progressAt.set(d.metadata.uid, now);
    const deadline = this.specMs(d.spec.progressDeadlineSeconds ?? 600);
    let progressing;
    if (d.spec.paused) progressing = condition('Progressing', false, 'DeploymentPaused', 'Deployment is paused');
    else if (complete)
      progressing = condition('Progressing', true, 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`);
    else if (createdNewRS) progressing = condition('Progressing', true, 'NewReplicaSetCreated', `Created new replica set "${rsName}"`);
    else if (progressed) progressing = condition('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, true);
    else if (old('Progressing')?.reason === 'ProgressDeadlineExceeded') progressing = old('Progressing');
    else if (now - /** @type {number} */ (this.progressAt.get(d.metadata.uid)) > deadline) {
      progressing = condition('Progressing', false, 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`);
      this.event(
        d,
        'Warning',
        'ProgressDeadlineExceeded',
        `Deployment "${d.metadata.name}" has timed out progressing.`,
        'deployment-controller',
      );
    } else
      progressing = old('Progressing') ?? condition('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`);

    const status = {
      observedGeneration: d.metadata.generation,
      ...withoutZeros({ ...counts, unavailableReplicas }, []),
      conditions: [available, progressing],
    };
    // The new ReplicaSet's ReplicaFailure is the Deployment's too.
    const replicaFailure = newRS?.status?.conditions?.find((/** @type {any} */ c) => c.type === 'ReplicaFailure');
    if (replicaFailure) {
      const before = old('ReplicaFailure');
      status.conditions.push({
        type: 'ReplicaFailure',
        status: 'True',
        lastUpdateTime: before?.message === replicaFailure.message ? before.lastUpdateTime : stamp,
        lastTransitionTime: before?.lastTransitionTime ?? stamp,
        reason: 'FailedCreate',
        message: replicaFailure.message,
      });
    }
    this.writeStatus(DEPLOYMENTS, d, status);
  }

  /** @param {any} rs @param {number} now */
  replicaSet(rs, now) {
    if (rs.metadata.deletionTimestamp) return;
    let pods = this.owned(rs, PODS);
    const want = rs.spec.replicas ?? 1;
    let refusal;
    if (pods.length < want) {
      for (let i = pods.length; i < want; i++) {
        const made = this.attemptPod(rs, 'replicaset-controller', () => this.createPod(rs, rs.spec.template, `${rs.metadata.name}-`, {}));
        refusal = made.refusal;
        if (!made.pod) break;
        this.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${made.pod.metadata.name}`, 'replicaset-controller');
      }
    } else if (pods.length > want) {
      // The least useful pods go first: unscheduled, then not ready, then the newest.
      const rank = (/** @type {any} */ p) => (p.spec.nodeName ? 0 : 4) + (isReady(p) ? 0 : 2);
      const doomed = [...pods]
        .sort((a, b) => rank(b) - rank(a) || b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp))
        .slice(0, pods.length - want);
      for (const p of doomed) {
        this.api.delete(PODS, p.metadata.namespace, p.metadata.name);
        this.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'replicaset-controller');
      }
    }
    pods = this.owned(rs, PODS);
    const status = withoutZeros(
      {
        replicas: pods.length,
        fullyLabeledReplicas: pods.length,
        readyReplicas: pods.filter(isReady).length,
        availableReplicas: pods.filter((p) => this.isAvailable(p, rs.spec.minReadySeconds ?? 0, now)).length,
        observedGeneration: rs.metadata.generation,
      },
      ['replicas', 'observedGeneration'],
    );
    // A refused pod shows as ReplicaFailure until a pod is created again.
    const failure = rs.status?.conditions?.find((/** @type {any} */ c) => c.type === 'ReplicaFailure');
    if (refusal) {
      status.conditions = [
        {
          type: 'ReplicaFailure',
          status: 'True',
          lastTransitionTime: failure?.lastTransitionTime ?? timestamp(now),
          reason: 'FailedCreate',
          message: refusal,
        },
      ];
    } else if (failure && pods.length < want) status.conditions = [failure];
    this.writeStatus(REPLICA_SETS, rs, status);
  }

  /** @param {any} s @param {number} now */
  statefulSet(s, now) {
    if (s.metadata.deletionTimestamp) return;
    const name = s.metadata.name;
    const revision = `${name}-${this.templateHash(s)}`;
    const replicas = s.spec.replicas ?? 1;
    const parallel = s.spec.podManagementPolicy === 'Parallel';
    const partition = s.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    const ordinal = (/** @type {any} */ p) => Number(p.metadata.name.slice(name.length + 1));
    let pods = this.owned(s, PODS);
    const at = (/** @type {number} */ i) => pods.find((p) => ordinal(p) === i);

    for (let i = 0; i < replicas; i++) {
      const pod = at(i);
      if (!pod) {
        const podName = `${name}-${i}`;
        const made = this.attemptPod(
          s,
          'statefulset-controller',
          () =>
            this.createPod(
              s,
              s.spec.template,
              podName,
              {
                'controller-revision-hash': revision,
                'statefulset.kubernetes.io/pod-name': podName,
                'apps.kubernetes.io/pod-index': String(i),
              },
              { hostname: podName, ...(s.spec.serviceName ? { subdomain: s.spec.serviceName } : {}) },
            ),
          (message) => `create Pod ${podName} in StatefulSet ${name} failed error: ${message}`,
        );
        if (!made.pod) break;
        this.event(s, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`, 'statefulset-controller');
        if (!parallel) break;
      } else if (!parallel && !isReady(pod)) break;
    }
    const extra = pods.filter((p) => ordinal(p) >= replicas).sort((a, b) => ordinal(b) - ordinal(a));
    for (const p of parallel ? extra : extra.slice(0, 1)) {
      this.api.delete(PODS, p.metadata.namespace, p.metadata.name);
      this.event(
        s,
        'Normal',
        'SuccessfulDelete',
        `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`,
        'statefulset-controller',
      );
    }
    pods = this.owned(s, PODS);
    const settled = pods.length === replicas && pods.every(isReady);
    if (settled && s.spec.updateStrategy?.type !== 'OnDelete') {
      // Highest ordinal first, one pod at a time, each replaced before the next goes.
      const stale = pods
        .filter((p) => ordinal(p) >= partition && p.metadata.labels?.['controller-revision-hash'] !== revision)
        .sort((a, b) => ordinal(b) - ordinal(a))[0];
      if (stale) {
        this.api.delete(PODS, stale.metadata.namespace, stale.metadata.name);
        this.event(
          s,
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${stale.metadata.name} in StatefulSet ${name} successful`,
          'statefulset-controller',
        );
        pods = this.owned(s, PODS);
      }
    }
    const updated = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision);
    const ready = pods.filter(isReady).length;
    let currentRevision = s.status?.currentRevision ?? revision;
    if (updated.length === replicas && ready === replicas) currentRevision = revision;
    const current = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === currentRevision).length;
    this.writeStatus(STATEFUL_SETS, s, {
      observedGeneration: s.metadata.generation,
      replicas: pods.length,
      ...withoutZeros(
        {
          readyReplicas: ready,
          currentReplicas: current,
          updatedReplicas: updated.length,
          availableReplicas: pods.filter((p) => this.isAvailable(p, s.spec.minReadySeconds ?? 0, now)).length,
        },
        [],
      ),
      currentRevision,
      updateRevision: revision,
      collisionCount: 0,
    });
  }

  /** @param {any} ds @param {number} now */
  daemonSet(ds, now) {
    if (ds.metadata.deletionTimestamp) return;
    const hash = this.templateHash(ds);
    const nodes = this.ctx.nodes();
    let pods = this.owned(ds, PODS);
    for (const node of nodes) {
      if (pods.some((p) => p.spec.nodeName === node)) continue;
      const made = this.attemptPod(ds, 'daemonset-controller', () =>
        this.createPod(
          ds,
          ds.spec.template,
          `${ds.metadata.name}-`,
          { 'controller-revision-hash': hash, 'pod-template-generation': String(ds.metadata.generation) },
          { nodeName: node },
        ),
      );
      if (!made.pod) break;
      this.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${made.pod.metadata.name}`, 'daemonset-controller');
    }
    pods = this.owned(ds, PODS);
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (ds.spec.updateStrategy?.type !== 'OnDelete') {
      const maxUnavailable = Math.max(1, resolveCount(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, nodes.length, false));
      let unavailable = nodes.filter((n) => !pods.some((p) => p.spec.nodeName === n && this.isAvailable(p, minReady, now))).length;
      for (const p of pods.filter((x) => x.metadata.labels?.['controller-revision-hash'] !== hash)) {
        const counts = this.isAvailable(p, minReady, now);
        if (counts && unavailable >= maxUnavailable) break;
        this.api.delete(PODS, p.metadata.namespace, p.metadata.name);
        this.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'daemonset-controller');
        if (counts) unavailable++;
      }
      pods = this.owned(ds, PODS);
    }
    const scheduled = nodes.filter((n) => pods.some((p) => p.spec.nodeName === n));
    const availableCount = pods.filter((p) => this.isAvailable(p, minReady, now)).length;
    this.writeStatus(DAEMON_SETS, ds, {
      currentNumberScheduled: scheduled.length,
      desiredNumberScheduled: nodes.length,
      numberMisscheduled: 0,
      numberReady: pods.filter(isReady).length,
      observedGeneration: ds.metadata.generation,
      ...withoutZeros(
        {
          numberAvailable: availableCount,
          numberUnavailable: Math.max(0, nodes.length - availableCount),
          updatedNumberScheduled: pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
        },
        [],
      ),
    });
  }

  /** @param {any} job @param {number} now */
  job(job, now) {
    if (job.metadata.deletionTimestamp) return;
    const finished = job.status?.conditions?.some(
      (/** @type {any} */ c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    const pods = this.owned(job, PODS);
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    let active = pods.filter((p) => !isFinished(p));
    const stamp = timestamp(now);
    const startTime = job.status?.startTime ?? stamp;
    /** @type {any[]} */
    let conditions = job.status?.conditions ?? [];
    let completionTime = job.status?.completionTime;
    const completions = job.spec.completions ?? 1;
    const condition = (/** @type {string} */ type, /** @type {string} */ reason, /** @type {string} */ message) => ({
      type,
      status: 'True',
      lastProbeTime: stamp,
      lastTransitionTime: stamp,
      reason,
      message,
    });
    const stop = () => {
      for (const p of active) this.api.delete(PODS, p.metadata.namespace, p.metadata.name);
      active = [];
    };

    if (!finished) {
      const deadline = job.spec.activeDeadlineSeconds;
      if (failed > (job.spec.backoffLimit ?? 6)) {
        stop();
        conditions = [condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')];
        this.event(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', 'job-controller');
      } else if (deadline !== undefined && now - Date.parse(startTime) > this.specMs(deadline)) {
        stop();
        conditions = [condition('Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline')];
        this.event(job, 'Warning', 'DeadlineExceeded', 'Job was active longer than specified deadline', 'job-controller');
      } else if (succeeded >= completions) {
        stop();
        completionTime = stamp;
        conditions = [condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')];
        this.event(job, 'Normal', 'Completed', 'Job completed', 'job-controller');
      } else if (!job.spec.suspend) {
        const want = Math.min(job.spec.parallelism ?? 1, completions - succeeded) - active.length;
        for (let i = 0; i < want; i++) {
          const made = this.attemptPod(job, 'job-controller', () => this.createPod(job, job.spec.template, `${job.metadata.name}-`, {}));
          if (!made.pod) break;
          this.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${made.pod.metadata.name}`, 'job-controller');
          active.push(made.pod);
        }
      }
    }
    this.writeStatus(JOBS, job, {
      ...(conditions.length ? { conditions } : {}),
      startTime,
      ...(completionTime ? { completionTime } : {}),
      ...withoutZeros({ active: active.length, succeeded, failed }, []),
      terminating: 0,
      ready: active.filter(isReady).length,
      uncountedTerminatedPods: {},
    });
  }

  /** Reports the target's replicas; the simulator does not autoscale. @param {any} hpa */
  autoscaler(hpa) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const type = RESOURCE_TYPES.find((t) => t.kind === ref.kind && t.subresources.includes('scale'));
    const target = type && this.store.get(type, hpa.metadata.namespace, ref.name);
    const current = target?.status?.replicas ?? 0;
    const desired = Math.min(Math.max(target?.spec?.replicas ?? 0, hpa.spec?.minReplicas ?? 1), hpa.spec?.maxReplicas ?? Infinity);
    this.writeStatus(HPAS, hpa, {
      currentReplicas: current,
      desiredReplicas: desired,
      ...(target ? { selector: formatLabelSelector(target.spec.selector) } : {}),
    });
  }
}
