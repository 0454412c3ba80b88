// The scheduler and the kubelet: binds pods to nodes, pulls images (asking
// real registries), starts containers, makes them ready, crash-loop or fail
// to pull as the image rules say, and reports all of it in pod status,
// events and logs.
import { ApiError } from './api.mjs';
import { typeNamed } from './catalog.mjs';
import { qosClass } from './defaults.mjs';
import { pullImage, ruleFor } from './images.mjs';
import { runScript } from './script.mjs';
import { clone, deepEqual, randomSuffix, timestamp } from './util.mjs';

const PODS = typeNamed('Pod');
const NODES = typeNamed('Node');

/** Decimal and binary suffixes of Kubernetes quantities. */
const SUFFIXES = /** @type {Record<string, number>} */ ({
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
});

/** A resource quantity (`500m`, `2`, `128Mi`, `1e3`) as a number of units. @param {unknown} q */
export function parseQuantity(q) {
  if (typeof q === 'number') return q;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(String(q ?? '').trim());
  if (!m || !(m[2] in SUFFIXES)) return 0;
  return Number(m[1]) * SUFFIXES[m[2]];
}

/**
 * What a pod asks of a node: the sum of its containers' requests, or the
 * largest init container's when that is more (they run one at a time).
 * @param {any} pod @returns {{ cpu: number, memory: number }}
 */
function podRequests(pod) {
  const of = (/** @type {any} */ c, /** @type {string} */ r) => parseQuantity(c?.resources?.requests?.[r] ?? '0');
  /** @param {'cpu' | 'memory'} r */
  const total = (r) =>
    Math.max(
      (pod.spec.containers ?? []).reduce((/** @type {number} */ sum, /** @type {any} */ c) => sum + of(c, r), 0),
      ...(pod.spec.initContainers ?? []).map((/** @type {any} */ c) => of(c, r)),
    );
  return { cpu: total('cpu'), memory: total('memory') };
}

/**
 * The scheduler's FitError: the reasons counted over the nodes, sorted, and
 * what preemption could do about them.
 * @param {number} nodeCount @param {string[][]} reasons one list per node
 */
export function schedulingFailure(nodeCount, reasons) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const why of reasons) for (const r of why) counts.set(r, (counts.get(r) ?? 0) + 1);
  const histogram = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  // Preemption can free resources, not change a node's labels.
  let notHelpful = 0;
  let noVictims = 0;
  for (const why of reasons) {
    if (why.some((r) => r.startsWith('Insufficient'))) noVictims++;
    else notHelpful++;
  }
  const preemption = [
    ...(notHelpful ? [`${notHelpful} Preemption is not helpful for scheduling`] : []),
    ...(noVictims ? [`${noVictims} No preemption victims found for incoming pod`] : []),
  ].sort();
  return `0/${nodeCount} nodes are available: ${histogram.join(', ')}. preemption: 0/${nodeCount} nodes are available: ${preemption.join(', ')}.`;
}

/**
 * @typedef {object} Timings
 * @property {number} pullMs        how long an image pull takes
 * @property {number} readyDelayMs  from container start to ready
 * @property {number} crashAfterMs  how long a crash-looping container runs
 * @property {number} runMs         how long a Job's container runs
 * @property {number} backoffMs     first back-off after a failed pull or crash; doubles
 * @property {number} backoffMaxMs
 */

/**
 * @typedef {object} Run
 * @property {number} startedAt
 * @property {number} [finishedAt]
 * @property {number} [exitCode]
 * @property {string} [reason]
 * @property {string} containerId
 * @property {string[]} logs
 */

/**
 * @typedef {object} ContainerSim
 * @property {string} name
 * @property {string} image
 * @property {boolean} init
 * @property {import('./images.mjs').ImageRule | undefined} rule
 * @property {'pull' | 'pulling' | 'pull-failed' | 'create' | 'running' | 'crash-backoff' | 'done'} stage
 * @property {number} nextAt
 * @property {import('./images.mjs').PullResult} [pulled]
 * @property {number} pullStartedAt
 * @property {number} pullFailures
 * @property {string} [waitingReason]
 * @property {string} [waitingMessage]
 * @property {number} restartCount
 * @property {number} readyAt
 * @property {number} [readySince]
 * @property {number} nextProbeAt
 * @property {number} [exitAt]   when the current run exits
 * @property {number} [exitCode] with what code
 * @property {string} imageID
 * @property {Run[]} runs
 */

/**
 * @typedef {object} PodSim
 * @property {ContainerSim[]} containers  init containers first
 * @property {Record<string, { status: string, at: string }>} conditions  when each condition last changed
 * @property {string} ip
 * @property {string} [unschedulableMessage] what the scheduler last said about it
 */

let nextPodIp = 10;

export class Kubelet {
  /**
   * @param {object} ctx
   * @param {import('./store.mjs').Store} ctx.store
   * @param {import('./events.mjs').Recorder} ctx.recorder
   * @param {() => string[]} ctx.nodes names of the simulated nodes
   * @param {() => { registries: string[], rules: import('./images.mjs').ImageRule[], timings: Timings, timeScale: number }} ctx.config
   * @param {() => void} ctx.kick asks for another pass soon (an async pull finished)
   */
  constructor(ctx) {
    this.ctx = ctx;
    /** @type {Map<string, PodSim>} */
    this.pods = new Map();
    /** @type {Map<string, Set<string>>} node → images it holds */
    this.nodeImages = new Map();
    this.nextNode = 0;
    /** When some container next changes on its own, in ms; Infinity when none will. */
    this.nextDue = Infinity;
  }

  /** When the pod became ready, in ms, or undefined while it is not. @param {string} uid */
  readySince(uid) {
    const sim = this.pods.get(uid);
    if (!sim || sim.containers.some((c) => c.readySince === undefined)) return undefined;
    return Math.max(...sim.containers.filter((c) => !c.init).map((c) => /** @type {number} */ (c.readySince)));
  }

  /** @param {number} now */
  sync(now) {
    this.nextDue = Infinity;
    const seen = new Set();
    for (const pod of this.ctx.store.list(PODS)) {
      seen.add(pod.metadata.uid);
      this.syncPod(pod, now);
    }
    for (const uid of this.pods.keys()) if (!seen.has(uid)) this.pods.delete(uid);
  }

  /** @param {any} pod @param {number} now */
  syncPod(pod, now) {
    const { rules } = this.ctx.config();
    let sim = this.pods.get(pod.metadata.uid);
    if (!sim) {
      /** @param {any} c @param {boolean} init @returns {ContainerSim} */
      const container = (c, init) => ({
        name: c.name,
        image: c.image,
        init,
        rule: ruleFor(rules, c.image),
        stage: 'pull',
        nextAt: 0,
        pullStartedAt: 0,
        pullFailures: 0,
        restartCount: 0,
        readyAt: Infinity,
        nextProbeAt: 0,
        imageID: '',
        runs: [],
      });
      sim = {
        containers: [
          ...(pod.spec.initContainers ?? []).map((/** @type {any} */ c) => container(c, true)),
          ...pod.spec.containers.map((/** @type {any} */ c) => container(c, false)),
        ],
        conditions: {},
        ip: `10.244.0.${nextPodIp++ % 250}`,
      };
      this.pods.set(pod.metadata.uid, sim);
    }
    if (pod.metadata.deletionTimestamp) return;
    if (!pod.spec.nodeName) {
      pod = this.schedule(pod, sim);
      if (!pod.spec.nodeName) return this.writeStatus(pod, sim, now);
    }
    for (const c of sim.containers) {
      if (!c.init && sim.containers.some((i) => i.init && i.stage !== 'done')) break;
      this.advance(pod, c, now);
      if (c.init && c.stage !== 'done') break;
    }
    this.writeStatus(pod, sim, now);
  }

  /**
   * Binds the pod to a node as the default scheduler would: a node whose
   * labels match the pod's nodeSelector and whose allocatable CPU and memory
   * hold the pod's requests beside those of the pods already bound there.
   * Otherwise (or when a rule makes it unschedulable) the pod stays Pending
   * with the scheduler's FailedScheduling message, said once.
   * @param {any} pod @param {PodSim} sim
   */
  schedule(pod, sim) {
    const nodes = this.ctx.nodes();
    const unschedulable = sim.containers.some((c) => c.rule?.behavior === 'unschedulable');
    /** @type {Map<string, string[]>} node → why it cannot take the pod */
    const refusals = new Map();
    const fitting = [];
    for (const name of nodes) {
      const why = unschedulable ? ['Insufficient cpu'] : this.refusals(pod, name);
      if (why.length) refusals.set(name, why);
      else fitting.push(name);
    }
    if (!fitting.length) {
      const message = schedulingFailure(nodes.length, [...refusals.values()]);
      if (sim.unschedulableMessage !== message) {
        sim.unschedulableMessage = message;
        this.event(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
      }
      return pod;
    }
    sim.unschedulableMessage = undefined;
    const node = fitting[this.nextNode++ % fitting.length];
    const bound = clone(pod);
    bound.spec.nodeName = node;
    this.ctx.store.put(PODS, bound);
    this.event(
      bound,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      'default-scheduler',
    );
    return bound;
  }

  /**
   * Why a node cannot take a pod, in the scheduler's words: the node
   * affinity filter runs before the resources filter, which names every
   * resource that does not fit.
   * @param {any} pod @param {string} nodeName @returns {string[]}
   */
  refusals(pod, nodeName) {
    const node = this.ctx.store.get(NODES, undefined, nodeName);
    const labels = node?.metadata.labels ?? {};
    const selector = pod.spec.nodeSelector ?? {};
    if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) return ["node(s) didn't match Pod's node affinity/selector"];
    const allocatable = node?.status?.allocatable ?? {};
    const wanted = podRequests(pod);
    const used = { cpu: 0, memory: 0 };
    for (const other of this.ctx.store.list(PODS)) {
      if (other.spec.nodeName !== nodeName || other.metadata.uid === pod.metadata.uid) continue;
      if (other.status?.phase === 'Succeeded' || other.status?.phase === 'Failed') continue;
      const r = podRequests(other);
      used.cpu += r.cpu;
      used.memory += r.memory;
    }
    /** @type {string[]} */
    const why = [];
    for (const resource of /** @type {const} */ (['cpu', 'memory'])) {
      const capacity = parseQuantity(allocatable[resource] ?? '0');
      if (wanted[resource] > 0 && used[resource] + wanted[resource] > capacity) why.push(`Insufficient ${resource}`);
    }
    return why;
  }

  /**
   * Moves one container through its life, as far as the clock allows.
   * @param {any} pod @param {ContainerSim} c @param {number} now
   */
  advance(pod, c, now) {
    const { timings, registries } = this.ctx.config();
    const node = pod.spec.nodeName;
    const images = this.nodeImages.get(node) ?? new Set();
    this.nodeImages.set(node, images);
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
    const say = (/** @type {'Normal'|'Warning'} */ type, /** @type {string} */ reason, /** @type {string} */ message) =>
      this.event(pod, type, reason, message, 'kubelet', fieldPath);
    const restartPolicy = pod.spec.restartPolicy ?? 'Always';
    const backoff = (/** @type {number} */ n) => Math.min(timings.backoffMs * 2 ** Math.max(0, n - 1), timings.backoffMaxMs);

    for (let step = 0; step < 10; step++) {
      const before = c.stage;
      switch (c.stage) {
        case 'pull': {
          const policy = this.containerSpec(pod, c)?.imagePullPolicy ?? 'IfNotPresent';
          if (policy !== 'Always' && images.has(c.image)) {
            say('Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
            c.stage = 'create';
            break;
          }
          say('Normal', 'Pulling', `Pulling image "${c.image}"`);
          c.stage = 'pulling';
          c.pulled = undefined;
          c.pullStartedAt = now;
          if (c.rule?.behavior === 'missing') c.pulled = { ok: false, reason: `${c.image}: not found: manifest unknown`, code: 'NotFound' };
          else {
            pullImage(c.image, registries).then((result) => {
              c.pulled = result;
              this.ctx.kick();
            });
          }
          break;
        }
        case 'pulling': {
          if (!c.pulled || now < c.pullStartedAt + timings.pullMs) break;
          const took = now - c.pullStartedAt;
          if (c.pulled.ok) {
            images.add(c.image);
            c.imageID = c.pulled.digest ? `${c.image.split('@')[0].replace(/:[^/:]+$/, '')}@${c.pulled.digest}` : c.image;
            say(
              'Normal',
              'Pulled',
              `Successfully pulled image "${c.image}" in ${took}ms (${took}ms including waiting). Image size: 0 bytes.`,
            );
            c.stage = 'create';
          } else {
            c.pullFailures++;
            c.waitingReason = 'ErrImagePull';
            c.waitingMessage = `rpc error: code = ${c.pulled.code ?? 'Unknown'} desc = failed to pull and unpack image "${c.image}": failed to resolve reference "${c.image}": ${c.pulled.reason}`;
            say('Warning', 'Failed', `Failed to pull image "${c.image}": ${c.waitingMessage}`);
            say('Warning', 'Failed', 'Error: ErrImagePull');
            c.stage = 'pull-failed';
            c.nextAt = now + backoff(c.pullFailures);
          }
          break;
        }
        case 'pull-failed': {
          // ErrImagePull shows for a moment; then the kubelet backs off.
          if (c.waitingReason === 'ErrImagePull' && now >= c.nextAt - backoff(c.pullFailures) / 2) {
            c.waitingReason = 'ImagePullBackOff';
            c.waitingMessage = `Back-off pulling image "${c.image}"`;
            say('Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
            say('Warning', 'Failed', 'Error: ImagePullBackOff');
          }
          if (now >= c.nextAt) c.stage = 'pull';
          break;
        }
        case 'create': {
          if (c.runs.length) say('Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
          say('Normal', 'Created', `Created container: ${c.name}`);
          say('Normal', 'Started', `Started container ${c.name}`);
          c.waitingReason = undefined;
          c.waitingMessage = undefined;
          const { logs, exit } = this.plan(pod, c, restartPolicy);
          c.runs.push({ startedAt: now, containerId: `containerd://${randomSuffix(32)}`, logs });
          c.exitAt = exit ? now + exit.afterMs : undefined;
          c.exitCode = exit?.code;
          // A readiness probe starts after its initial delay; a never-ready container fails it from then on.
          const probe = this.containerSpec(pod, c)?.readinessProbe;
          const initialDelayMs = this.specMs(probe?.initialDelaySeconds ?? 0);
          c.nextProbeAt = now + initialDelayMs;
          if (c.rule?.behavior === 'never-ready') c.readyAt = Infinity;
          else
            c.readyAt = now + Math.max(initialDelayMs, c.rule?.behavior === 'slow' ? (c.rule.readyAfterMs ?? 5000) : timings.readyDelayMs);
          c.stage = 'running';
          break;
        }
        case 'running': {
          const run = c.runs[c.runs.length - 1];
          if (c.exitAt !== undefined && now >= c.exitAt) {
            const code = c.exitCode ?? 0;
            this.terminate(c, run, now, code, code === 0 ? 'Completed' : 'Error');
            // The kubelet restarts what exits unless the policy lets it stay down.
            if (c.init || restartPolicy === 'Never' || (restartPolicy === 'OnFailure' && code === 0)) c.stage = 'done';
            else {
              c.restartCount++;
              c.stage = 'crash-backoff';
              c.nextAt = now + backoff(c.restartCount);
              c.waitingReason = 'CrashLoopBackOff';
              c.waitingMessage = `back-off ${Math.ceil(backoff(c.restartCount) / 1000)}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
              say(
                'Warning',
                'BackOff',
                `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
              );
            }
          } else if (c.readySince === undefined && now >= c.readyAt) {
            c.readySince = now;
          } else if (c.readyAt === Infinity && now >= c.nextProbeAt) {
            const probe = this.containerSpec(pod, c)?.readinessProbe;
            c.nextProbeAt = now + this.specMs(probe?.periodSeconds ?? 10);
            say(
              'Warning',
              'Unhealthy',
              `Readiness probe failed: ${probeFailure(probe, this.containerSpec(pod, c), this.pods.get(pod.metadata.uid)?.ip ?? '')}`,
            );
          }
          break;
        }
        case 'crash-backoff':
          if (now >= c.nextAt) c.stage = 'create';
          break;
        case 'done':
          break;
      }
      if (c.stage === before) break;
    }
    const due = {
      pulling: c.pulled ? c.pullStartedAt + timings.pullMs : Infinity,
      'pull-failed': c.waitingReason === 'ErrImagePull' ? c.nextAt - backoff(c.pullFailures) / 2 : c.nextAt,
      running: Math.min(
        c.exitAt ?? Infinity,
        c.readySince === undefined ? c.readyAt : Infinity,
        c.readyAt === Infinity ? c.nextProbeAt : Infinity,
      ),
      'crash-backoff': c.nextAt,
    }[c.stage];
    this.nextDue = Math.min(this.nextDue, due ?? Infinity);
  }

  /** Seconds from an object's spec, shortened by the time scale, in ms. @param {number} seconds */
  specMs(seconds) {
    return (seconds * 1000) / this.ctx.config().timeScale;
  }

  /** @param {ContainerSim} c @param {Run} run @param {number} now @param {number} exitCode @param {string} reason */
  terminate(c, run, now, exitCode, reason) {
    run.finishedAt = now;
    run.exitCode = exitCode;
    run.reason = reason;
    c.readySince = undefined;
    c.readyAt = Infinity;
    c.exitAt = undefined;
  }

  /**
   * What one run of a container prints and whether (and how) it exits, in
   * this order of say: the test's rule for its image, the script in its
   * command, then the defaults (a Job's container succeeds after runMs, a
   * server runs until stopped, an init container finishes at once).
   * @param {any} pod @param {ContainerSim} c @param {string} restartPolicy
   * @returns {{ logs: string[], exit?: { code: number, afterMs: number } }}
   */
  plan(pod, c, restartPolicy) {
    const { timings, timeScale } = this.ctx.config();
    const rule = c.rule;
    // Init containers run to completion at once, whatever they are.
    if (c.init) return { logs: [`starting ${c.image}`, `${c.name} is up`], exit: { code: 0, afterMs: 0 } };
    if (rule?.behavior === 'crashloop') {
      const code = rule.exitCode ?? 1;
      return {
        logs: rule.logs ?? [`starting ${c.image}`, `fatal: simulated crash, exiting with code ${code}`],
        exit: { code, afterMs: timings.crashAfterMs },
      };
    }
    if (rule?.behavior === 'run') {
      return { logs: rule.logs ?? [], exit: { code: rule.exitCode ?? 0, afterMs: rule.runMs ?? timings.runMs } };
    }
    const script = runScript(this.containerSpec(pod, c) ?? {}, { timeScale, restartPolicy });
    if (script) {
      return { logs: script.logs, exit: script.forever ? undefined : { code: script.exitCode, afterMs: timings.runMs + script.sleptMs } };
    }
    const logs = [`starting ${c.image}`, `${c.name} is up`];
    return { logs, exit: restartPolicy !== 'Always' ? { code: 0, afterMs: timings.runMs } : undefined };
  }

  /** @param {any} pod @param {ContainerSim} c */
  containerSpec(pod, c) {
    return (c.init ? pod.spec.initContainers : pod.spec.containers)?.find((/** @type {any} */ s) => s.name === c.name);
  }

  /** @param {any} pod @param {'Normal'|'Warning'} type @param {string} reason @param {string} message @param {string} component @param {string} [fieldPath] */
  event(pod, type, reason, message, component, fieldPath) {
    this.ctx.recorder.record(pod, {
      type,
      reason,
      message,
      component,
      host: component === 'kubelet' ? pod.spec.nodeName : undefined,
      fieldPath,
    });
  }

  /** @param {any} pod @param {PodSim} sim @param {number} now */
  writeStatus(pod, sim, now) {
    const scheduled = !!pod.spec.nodeName;
    const main = sim.containers.filter((c) => !c.init);
    const inits = sim.containers.filter((c) => c.init);
    const allDone = main.every((c) => c.stage === 'done');
    const failed = main.some((c) => c.stage === 'done' && c.runs.at(-1)?.exitCode !== 0);
    let phase = 'Pending';
    if (allDone && main.length) phase = failed ? 'Failed' : 'Succeeded';
    else if (main.some((c) => c.runs.length > 0)) phase = 'Running';
    const ready = phase === 'Running' && main.every((c) => c.readySince !== undefined);
    const unready = main.filter((c) => c.readySince === undefined).map((c) => c.name);
    const completed = phase === 'Succeeded' || phase === 'Failed';

    const condition = (
      /** @type {string} */ type,
      /** @type {boolean} */ ok,
      /** @type {string} */ reason = '',
      /** @type {string} */ message = '',
    ) => {
      const status = ok ? 'True' : 'False';
      const seen = sim.conditions[type];
      if (!seen || seen.status !== status) sim.conditions[type] = { status, at: timestamp(now) };
      return {
        type,
        status,
        lastProbeTime: null,
        lastTransitionTime: sim.conditions[type].at,
        ...(reason ? { reason } : {}),
        ...(message ? { message } : {}),
      };
    };
    const notReadyReason = completed ? 'PodCompleted' : 'ContainersNotReady';
    const notReadyMessage = completed ? '' : `containers with unready status: [${unready.join(' ')}]`;
    const conditions = scheduled
      ? [
          condition('PodReadyToStartContainers', !completed),
          condition(
            'Initialized',
            inits.every((c) => c.stage === 'done'),
            inits.every((c) => c.stage === 'done') ? '' : 'ContainersNotInitialized',
            inits.every((c) => c.stage === 'done')
              ? ''
              : `containers with incomplete status: [${inits
                  .filter((c) => c.stage !== 'done')
                  .map((c) => c.name)
                  .join(' ')}]`,
          ),
          condition('Ready', ready, ready ? '' : notReadyReason, ready ? '' : notReadyMessage),
          condition('ContainersReady', ready, ready ? '' : notReadyReason, ready ? '' : notReadyMessage),
          condition('PodScheduled', true),
        ]
      : [condition('PodScheduled', false, 'Unschedulable', sim.unschedulableMessage ?? '')];

    const status = {
      phase,
      conditions,
      ...(scheduled
        ? {
            hostIP: '172.18.0.2',
            hostIPs: [{ ip: '172.18.0.2' }],
            podIP: sim.ip,
            podIPs: [{ ip: sim.ip }],
            startTime: pod.status?.startTime ?? timestamp(now),
            ...(inits.length ? { initContainerStatuses: inits.map((c) => containerStatus(c)) } : {}),
            containerStatuses: main.map((c) => containerStatus(c)),
          }
        : {}),
      qosClass: qosClass(pod),
    };
    if (deepEqual(status, pod.status)) return;
    const current = this.ctx.store.get(PODS, pod.metadata.namespace, pod.metadata.name);
    if (!current || current.metadata.uid !== pod.metadata.uid) return;
    this.ctx.store.put(PODS, { ...clone(current), status });
  }

  /**
   * The log of a container, as `GET .../pods/<name>/log` serves it.
   * @param {any} pod
   * @param {{ container?: string, previous?: boolean, tailLines?: number, timestamps?: boolean }} options
   */
  logs(pod, { container, previous, tailLines, timestamps }) {
    const sim = this.pods.get(pod.metadata.uid);
    const names = pod.spec.containers.map((/** @type {any} */ c) => c.name);
    const name = container ?? (names.length === 1 ? names[0] : undefined);
    if (!name)
      throw new ApiError(
        400,
        'BadRequest',
        `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`,
      );
    const c = sim?.containers.find((x) => x.name === name);
    if (!c) throw new ApiError(400, 'BadRequest', `container ${name} is not valid for pod ${pod.metadata.name}`);
    const finished = c.runs.filter((r) => r.finishedAt !== undefined);
    // While a crashed container waits to restart, its dead run is both the current and the previous one.
    const run = previous ? (c.stage === 'done' ? finished.at(-2) : finished.at(-1)) : c.runs.at(-1);
    if (!run) {
      if (previous)
        throw new ApiError(400, 'BadRequest', `previous terminated container "${name}" in pod "${pod.metadata.name}" not found`);
      const why =
        c.waitingReason === 'ErrImagePull' || c.waitingReason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : 'ContainerCreating';
      throw new ApiError(400, 'BadRequest', `container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${why}`);
    }
    let lines = run.logs.map((l) => (timestamps ? `${new Date(run.startedAt).toISOString()} ${l}` : l));
    if (tailLines !== undefined && tailLines >= 0) lines = tailLines === 0 ? [] : lines.slice(-tailLines);
    return lines.map((l) => `${l}\n`).join('');
  }
}

/**
 * What the kubelet reports when a readiness probe fails, by the probe's kind
 * (an HTTP check when the container declares none, as the image rule implies one).
 * @param {any} probe @param {any} container @param {string} podIp
 */
function probeFailure(probe, container, podIp) {
  /** @param {unknown} port a number or the name of a container port */
  const portOf = (port) =>
    typeof port === 'number' ? port : (container?.ports?.find((/** @type {any} */ p) => p.name === port)?.containerPort ?? port);
  if (probe?.tcpSocket) return `dial tcp ${probe.tcpSocket.host ?? podIp}:${portOf(probe.tcpSocket.port)}: connect: connection refused`;
  if (probe?.exec) return '';
  if (probe?.grpc) return `timeout: failed to connect service ":${probe.grpc.port}" within ${probe.timeoutSeconds ?? 1}s`;
  return 'HTTP probe failed with statuscode: 503';
}

/** @param {ContainerSim} c */
function containerStatus(c) {
  const run = c.runs.at(-1);
  const finished = c.runs.filter((r) => r.finishedAt !== undefined);
  /** @param {Run} r */
  const terminated = (r) => ({
    terminated: {
      exitCode: r.exitCode,
      reason: r.reason,
      startedAt: timestamp(r.startedAt),
      finishedAt: timestamp(r.finishedAt),
      containerID: r.containerId,
    },
  });
  let state;
  if (c.stage === 'running' && run) state = { running: { startedAt: timestamp(run.startedAt) } };
  else if (c.stage === 'done' && run) state = terminated(run);
  else state = { waiting: { reason: c.waitingReason ?? 'ContainerCreating', ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } };
  const last = c.stage === 'done' ? finished.at(-2) : finished.at(-1);
  return {
    name: c.name,
    state,
    lastState: last && c.restartCount > 0 ? terminated(last) : {},
    ready: c.readySince !== undefined,
    restartCount: c.restartCount,
    image: c.image,
    imageID: c.imageID,
    ...(run ? { containerID: run.containerId } : {}),
    started: c.stage === 'running',
  };
}
