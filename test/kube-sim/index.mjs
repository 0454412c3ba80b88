// kube-sim: a simulated Kubernetes API server that the real kubectl talks to.
// See README.md for what it does and leaves out.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from './api.mjs';
import { Catalog, typeNamed } from './catalog.mjs';
import { Controllers } from './controllers.mjs';
import { versionInfo } from './discovery.mjs';
import { Recorder } from './events.mjs';
import { Kubelet } from './kubelet.mjs';
import { parseFieldSelector, parseLabelSelector } from './selectors.mjs';
import { createHandler } from './server.mjs';
import { Store } from './store.mjs';
import { clone } from './util.mjs';

/**
 * @typedef {import('./images.mjs').ImageRule} ImageRule
 * @typedef {import('./server.mjs').Faults} Faults
 * @typedef {import('./server.mjs').RequestRecord} RequestRecord
 * @typedef {import('./kubelet.mjs').Timings} Timings
 * @typedef {{ major: number | string, minor: number | string, patch?: number | string }} ServerVersion
 *
 * @typedef {object} KubeSimOptions
 * @property {number} [port]            default: a free port
 * @property {string[]} [registries]    host:port of real registries whose images are checked
 * @property {ImageRule[]} [rules]      scripted behaviour by image pattern; the first match wins
 * @property {Faults} [faults]
 * @property {ServerVersion} [version]  what /version reports; default 1.32.0
 * @property {string} [kubeconfigPath]  where to write the kubeconfig; default a new temporary directory
 * @property {string} [token]           the bearer token clients must send
 * @property {number} [nodes]           simulated nodes (DaemonSets run one pod on each); default 1
 * @property {number} [timeScale]       divides durations read from objects (progressDeadlineSeconds, minReadySeconds, activeDeadlineSeconds)
 * @property {Partial<Timings>} [timings] the kubelet's pace, in real milliseconds
 */

/** @type {Timings} */
export const DEFAULT_TIMINGS = { pullMs: 30, readyDelayMs: 200, crashAfterMs: 150, runMs: 200, backoffMs: 400, backoffMaxMs: 3000 };

const NAMESPACES = typeNamed('Namespace');
const NODES = typeNamed('Node');
const SERVICES = typeNamed('Service');
const EVENTS = typeNamed('Event');

/**
 * Starts a simulated API server on 127.0.0.1 and writes a kubeconfig for it
 * (context `kube-sim`, namespace `default`).
 * @param {KubeSimOptions} [options]
 */
export async function startKubeSim(options = {}) {
  const store = new Store();
  const catalog = new Catalog();
  const api = new Api(store, catalog);
  const recorder = new Recorder(store);
  let version = options.version ?? { major: 1, minor: 32, patch: 0 };
  let rules = [...(options.rules ?? [])];
  let registries = [...(options.registries ?? [])];
  /** @type {Faults} */
  let faults = clone(options.faults ?? {});
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const timeScale = options.timeScale ?? 1;
  const nodeNames = Array.from({ length: options.nodes ?? 1 }, (_, i) => `kube-sim-node-${i + 1}`);
  const token = options.token ?? 'kube-sim-token';

  // A pass runs soon after any change, when the kubelet's next transition is
  // due, and on a slow heartbeat for the controllers' deadlines.
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let timerAt = Infinity;
  let closed = false;
  /** @param {number} at */
  const schedule = (at) => {
    if (closed || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(tick, Math.max(0, at - Date.now()));
  };
  const kick = () => schedule(Date.now() + 5);
  const kubelet = new Kubelet({ store, recorder, nodes: () => nodeNames, config: () => ({ registries, rules, timings, timeScale }), kick });
  const controllers = new Controllers({ api, store, recorder, kubelet, nodes: () => nodeNames, config: () => ({ timeScale }) });
  function tick() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    timerAt = Infinity;
    if (closed) return;
    const now = Date.now();
    try {
      controllers.sync(now);
      kubelet.sync(now);
    } catch (e) {
      console.error('kube-sim: controller pass failed', e);
    }
    schedule(kubelet.nextDue);
  }

  seed(api, store, nodeNames, () => versionInfo(version).gitVersion);
  store.subscribe(kick);
  const heartbeat = setInterval(tick, 250);
  heartbeat.unref();

  /** @type {RequestRecord[]} */
  const requests = [];
  /** @type {Set<import('node:http').ServerResponse>} */
  const watches = new Set();
  const server = createServer(
    createHandler({ api, store, kubelet, faults: () => faults, version: () => version, token, requests, watches }),
  );
  server.keepAliveTimeout = 5000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://127.0.0.1:${address.port}`;

  const ownDir = options.kubeconfigPath ? undefined : await mkdtemp(join(tmpdir(), 'kube-sim-'));
  const kubeconfigPath = options.kubeconfigPath ?? join(/** @type {string} */ (ownDir), 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfig(url, token), { mode: 0o600 });

  /** @param {() => any} probe @param {number} timeoutMs @param {string} what */
  async function until(probe, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`kube-sim: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    url,
    port: address.port,
    kubeconfigPath,
    token,

    /** A copy of a stored object, or undefined. Kind, plural or short name. @param {string} kind @param {string | undefined} namespace @param {string} name */
    get(kind, namespace, name) {
      return clone(store.get(catalog.typeNamed(kind), namespace, name));
    },

    /** Copies of the stored objects of a kind, optionally in one namespace and selected. @param {string} kind @param {string} [namespace] @param {{ labelSelector?: string, fieldSelector?: string }} [select] */
    list(kind, namespace, select = {}) {
      const labels = parseLabelSelector(select.labelSelector);
      const fields = parseFieldSelector(select.fieldSelector);
      return store
        .list(catalog.typeNamed(kind), namespace)
        .filter((o) => labels(o.metadata.labels ?? {}) && fields(o))
        .map(clone);
    },

    /** Creates an object as a client would (defaults, validation, controllers react). @param {any} object */
    create(object) {
      const type = catalog.typeNamed(object.kind);
      return api.create(type, type.namespaced ? (object.metadata?.namespace ?? 'default') : undefined, object, { manager: 'kube-sim' });
    },

    /** @param {string} kind @param {string | undefined} namespace @param {string} name */
    delete(kind, namespace, name) {
      return api.delete(catalog.typeNamed(kind), namespace, name);
    },

    /** Events, optionally only those about the object named `involvedName`. @param {string} [namespace] @param {{ involvedName?: string }} [select] */
    events(namespace, select = {}) {
      return store
        .list(EVENTS, namespace)
        .filter((e) => !select.involvedName || e.involvedObject.name === select.involvedName)
        .map(clone);
    },

    /** A container's log, as `kubectl logs` gets it. @param {string} namespace @param {string} pod @param {{ container?: string, previous?: boolean, tailLines?: number }} [options] */
    logs(namespace, pod, options = {}) {
      return kubelet.logs(api.get(typeNamed('Pod'), namespace, pod), options);
    },

    /**
     * Waits until the stored object satisfies `predicate`; resolves with a copy.
     * @param {string} kind @param {string | undefined} namespace @param {string} name
     * @param {(object: any) => boolean} predicate @param {{ timeoutMs?: number }} [options]
     */
    waitFor(kind, namespace, name, predicate, { timeoutMs = 10000 } = {}) {
      return until(
        () => {
          const type = servedType(catalog, kind);
          const o = type && store.get(type, namespace, name);
          return o && predicate(o) ? clone(o) : undefined;
        },
        timeoutMs,
        `${kind} ${namespace ? `${namespace}/` : ''}${name}`,
      );
    },

    /**
     * Waits until `probe` returns something truthy; resolves with it.
     * @template T @param {() => T} probe @param {{ timeoutMs?: number, what?: string }} [options] @returns {Promise<NonNullable<T>>}
     */
    waitUntil(probe, { timeoutMs = 10000, what = 'a condition' } = {}) {
      return until(probe, timeoutMs, what);
    },

    /** Replaces the injected faults; `{}` clears them. @param {Faults} next */
    setFaults(next) {
      faults = clone(next);
    },

    /** The faults now in force, with the count of 503s still to come. */
    faults() {
      return clone(faults);
    },

    /** @param {ImageRule[]} next */
    setRules(next) {
      rules = [...next];
    },

    /** @param {string[]} next */
    setRegistries(next) {
      registries = [...next];
    },

    /** Changes what /version reports (and so which kubectl the dispatcher runs). @param {ServerVersion} next */
    setVersion(next) {
      version = next;
    },

    /** Cuts every open watch connection now; returns how many there were. */
    dropWatches() {
      const open = [...watches];
      for (const res of open) res.destroy();
      return open.length;
    },

    /** Requests received so far, oldest first (the last 5000). */
    requests,

    /** The store's current resourceVersion. */
    resourceVersion() {
      return store.resourceVersion;
    },

    async close() {
      closed = true;
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      for (const res of watches) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof startKubeSim>>} KubeSim */

/** A kind that may not be served yet (a custom resource before its CRD is established). @param {Catalog} catalog @param {string} kind */
function servedType(catalog, kind) {
  try {
    return catalog.typeNamed(kind);
  } catch {
    return undefined;
  }
}

/** @param {string} url @param {string} token */
function kubeconfig(url, token) {
  return `apiVersion: v1
kind: Config
clusters:
  - name: kube-sim
    cluster:
      server: ${url}
users:
  - name: kube-sim
    user:
      token: ${token}
contexts:
  - name: kube-sim
    context:
      cluster: kube-sim
      user: kube-sim
      namespace: default
current-context: kube-sim
preferences: {}
`;
}

/**
 * What a fresh cluster has: the system namespaces, its nodes, and the
 * `kubernetes` service.
 * @param {Api} api @param {Store} store @param {string[]} nodeNames @param {() => string} gitVersion
 */
function seed(api, store, nodeNames, gitVersion) {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    api.create(NAMESPACES, undefined, { metadata: { name } }, { manager: 'kube-apiserver' });
  for (const name of nodeNames) {
    const node = api.create(
      NODES,
      undefined,
      {
        metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } },
        spec: {},
      },
      { manager: 'kubelet' },
    );
    store.put(NODES, {
      ...node,
      status: {
        capacity: { cpu: '8', memory: '16Gi', pods: '110' },
        allocatable: { cpu: '8', memory: '16Gi', pods: '110' },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
            lastHeartbeatTime: node.metadata.creationTimestamp,
            lastTransitionTime: node.metadata.creationTimestamp,
          },
        ],
        addresses: [
          { type: 'InternalIP', address: '172.18.0.2' },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          kubeletVersion: gitVersion(),
          containerRuntimeVersion: 'containerd://1.7.0',
          operatingSystem: 'linux',
          architecture: 'amd64',
          osImage: 'kube-sim',
        },
      },
    });
  }
  api.create(
    SERVICES,
    'default',
    {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
    },
    { manager: 'kube-apiserver' },
  );
}
