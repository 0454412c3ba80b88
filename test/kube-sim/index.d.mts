// Types of the kube-sim library (index.mjs) for TypeScript tests.

/** Scripted behaviour for images matching a pattern; the first matching rule wins. */
export interface ImageRule {
  /** A glob on the whole image reference (`*` any run of characters, `?` one) or a regular expression. */
  image: string | RegExp;
  /**
   * - `crashloop`: the container exits (code `exitCode`, default 1) shortly after each start: CrashLoopBackOff, restartCount rising
   * - `slow`: ready only `readyAfterMs` (default 5000) after starting
   * - `never-ready`: running, readiness never passes (an Unhealthy event per probe period, worded by the probe)
   * - `unschedulable`: the pod stays Pending with PodScheduled False (FailedScheduling), as if no node had the CPU
   * - `missing`: the pull fails as if the registry had no such manifest
   * - `run`: each run prints `logs`, lasts `runMs` (default timings.runMs) and exits with `exitCode` (default 0);
   *   in a Job's pod (restartPolicy Never or OnFailure) that decides the pod's phase, whatever its command says
   */
  behavior: 'crashloop' | 'slow' | 'never-ready' | 'unschedulable' | 'missing' | 'run';
  readyAfterMs?: number;
  /** crashloop: the code of each crash (default 1); run: the exit code (default 0) */
  exitCode?: number;
  /** crashloop, run: the lines each run prints before it exits */
  logs?: string[];
  /** run: how long each run lasts, in real ms */
  runMs?: number;
}

export interface Faults {
  /** Answer the next `count` matching requests with 503 ServiceUnavailable (with Retry-After when `retryAfterSeconds` is set). */
  unavailable?: { count: number; path?: string | RegExp; method?: string; retryAfterSeconds?: number };
  /** Delay every response. */
  latencyMs?: number;
  /** Cut each watch connection this long after it opens. */
  dropWatchesAfterMs?: number;
}

/** The kubelet's pace, in real milliseconds. */
export interface Timings {
  pullMs: number;
  readyDelayMs: number;
  crashAfterMs: number;
  /** how long a Job's container runs before it succeeds */
  runMs: number;
  /** first back-off after a failed pull or a crash; doubles up to backoffMaxMs */
  backoffMs: number;
  backoffMaxMs: number;
}

export interface ServerVersion {
  major: number | string;
  minor: number | string;
  patch?: number | string;
}

export interface KubeSimOptions {
  /** default: a free port on 127.0.0.1 */
  port?: number;
  /** host:port of real registries to ask whether an image exists; images elsewhere are taken to exist */
  registries?: string[];
  rules?: ImageRule[];
  faults?: Faults;
  /** what /version reports, and so which kubectl.1.NN the dispatcher runs; default 1.32.0 */
  version?: ServerVersion;
  /** default: `kubeconfig` in a new temporary directory, removed by close() */
  kubeconfigPath?: string;
  /** the bearer token written to the kubeconfig; a request carrying another token gets 401 */
  token?: string;
  /** simulated nodes (kube-sim-node-N, 8 CPUs and 16Gi allocatable each); default 1 */
  nodes?: number;
  /** divides durations read from objects: progressDeadlineSeconds, minReadySeconds, activeDeadlineSeconds, probes' initialDelaySeconds and periodSeconds */
  timeScale?: number;
  timings?: Partial<Timings>;
}

export interface RequestRecord {
  method: string;
  path: string;
  /** the query string, with its leading `?` */
  query: string;
  /** 0 while the response is still open (a watch) */
  status: number;
  userAgent: string;
  time: number;
}

/** A Kubernetes object as plain JSON, of whatever shape its kind has. */
export type KubeObject = any;

export interface KubeSim {
  url: string;
  port: number;
  kubeconfigPath: string;
  token: string;
  /** A copy of a stored object, or undefined. `kind` may be a kind, plural, singular or short name. */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(kind: string, namespace?: string, select?: { labelSelector?: string; fieldSelector?: string }): KubeObject[];
  /** Creates an object as a client would; defaults and validation apply, controllers react. */
  create(object: KubeObject): KubeObject;
  delete(kind: string, namespace: string | undefined, name: string): KubeObject;
  events(namespace?: string, select?: { involvedName?: string }): KubeObject[];
  logs(namespace: string, pod: string, options?: { container?: string; previous?: boolean; tailLines?: number }): string;
  /** Resolves with a copy of the object once `predicate` holds; rejects after `timeoutMs` (default 10000). */
  waitFor(
    kind: string,
    namespace: string | undefined,
    name: string,
    predicate: (object: KubeObject) => boolean,
    options?: { timeoutMs?: number },
  ): Promise<KubeObject>;
  waitUntil<T>(probe: () => T, options?: { timeoutMs?: number; what?: string }): Promise<NonNullable<T>>;
  /** Replaces the injected faults; `{}` clears them. */
  setFaults(faults: Faults): void;
  /** The faults in force, with the 503s still to come. */
  faults(): Faults;
  setRules(rules: ImageRule[]): void;
  setRegistries(registries: string[]): void;
  setVersion(version: ServerVersion): void;
  /** Cuts every open watch connection; returns how many there were. */
  dropWatches(): number;
  /** Requests received, oldest first (the last 5000). */
  readonly requests: RequestRecord[];
  resourceVersion(): number;
  close(): Promise<void>;
}

export const DEFAULT_TIMINGS: Timings;

export function startKubeSim(options?: KubeSimOptions): Promise<KubeSim>;
