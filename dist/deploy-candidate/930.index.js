export const id = 930;
export const ids = [930,869];
export const modules = {

/***/ 5691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* unused harmony export link */
/** Small pieces of job-summary Markdown shared by the actions. */
function link(text, url) {
    return url ? `[${text}](${url})` : text;
}
/** A fenced block whose fence is longer than any backtick run inside, so content cannot close it. */
function fenced(language, body) {
    const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((run) => run[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${body.replace(/\n$/, '')}\n${fence}`;
}
function table(header, rows) {
    const escape = (cell) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(escape).join(' | ')} |`).join('\n');
}
/** Caps text for an output or summary, saying how much was left out. */
function truncate(text, max) {
    return text.length <= max ? text : `${text.slice(0, max)}\n… ${text.length - max} more characters`;
}
/** A folded section: the summary line shows, the body opens on a click. */
function details(summary, body) {
    return `<details><summary>${summary}</summary>\n\n${body.replace(/\n$/, '')}\n\n</details>`;
}


/***/ }),

/***/ 4610:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tp: () => (/* binding */ describeRequestFailure),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   Wo: () => (/* binding */ networkProblem),
/* harmony export */   kL: () => (/* binding */ isTimeout),
/* harmony export */   yL: () => (/* binding */ MAX_RETRY_AFTER_MS)
/* harmony export */ });
/** What fetch's failures and answers say, read the same way by every client here. */
/** Whether fetch gave up because its AbortSignal.timeout ran out. */
function isTimeout(error) {
    return error?.name === 'TimeoutError';
}
/** fetch's own message ("fetch failed") says nothing; its cause has the system's reason. */
function networkProblem(error) {
    const fields = (typeof error === 'object' && error !== null ? error : {});
    return fields.cause?.message || fields.cause?.code || fields.message || String(error);
}
/** The longest wait a Retry-After header is honoured for; a client that would wait longer gives up instead. */
const MAX_RETRY_AFTER_MS = 30_000;
/** A Retry-After header (delay seconds or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
function retryAfterMs(header, now) {
    if (!header)
        return undefined;
    const value = header.trim();
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    // An HTTP date: `Sun, 01 Nov 2026 12:00:12 GMT`; Date.parse alone would also take `-5` as a year.
    const date = /^[A-Za-z]{3}, /.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/**
 * What an Octokit (or fetch) failure says, with what was asked: `GET
 * https://api.github.com/repos/o/r/pulls: HTTP 404: Not Found` when the
 * server answered, the system's reason (`bad port`, `connect ECONNREFUSED …`,
 * `Invalid URL`) with the URL when it could not be asked.
 */
function describeRequestFailure(error) {
    const fields = (typeof error === 'object' && error !== null ? error : {});
    const request = fields.request?.method && fields.request.url ? `${fields.request.method} ${fields.request.url}: ` : '';
    if (fields.response?.status)
        return `${request}HTTP ${fields.response.status}: ${fields.message || 'no message'}`;
    if (isTimeout(error) || isTimeout(fields.cause))
        return `${request}no answer in time`;
    return `${request}${networkProblem(fields.cause ?? error)}`;
}


/***/ }),

/***/ 7572:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BI: () => (/* binding */ describeTries),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   bV: () => (/* binding */ isTransientError),
/* harmony export */   jo: () => (/* binding */ backoffMs),
/* harmony export */   o2: () => (/* binding */ transientResponse),
/* harmony export */   oA: () => (/* binding */ unwrap)
/* harmony export */ });
/* unused harmony exports TRANSIENT_STATUSES, isTransientStatus, realSleep, describeStop */
/* harmony import */ var _fetch_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4610);

/**
 * One retry policy for every client here (registry, webhooks, Pub/Sub,
 * Prometheus, kubectl apply): which failures may pass on their own, how long
 * to wait before the next try, and when to stop.
 */
/** Answers that say "not now" rather than "no": timeouts, too early, too many requests, and the server's or a gateway's trouble. */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
function isTransientStatus(status) {
    return TRANSIENT_STATUSES.has(status);
}
/**
 * The system's and undici's codes for a connection reset, refused or timed
 * out, and for a DNS server that could not answer yet (EAI_AGAIN; ENOTFOUND,
 * a name that does not exist, is final).
 */
const TRANSIENT_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
]);
/**
 * Whether a thrown error is a connection that failed in a way another try may
 * not: read by fields along the cause chain (fetch wraps the system's error
 * in "fetch failed"; a connection tried on several addresses fails with an
 * AggregateError of them), never with instanceof.
 */
function isTransientError(error, depth = 0) {
    if (typeof error !== 'object' || error === null || depth > 5)
        return false;
    if ((0,_fetch_js__WEBPACK_IMPORTED_MODULE_0__/* .isTimeout */ .kL)(error))
        return true;
    const { code, cause, errors } = error;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code))
        return true;
    if (Array.isArray(errors) && errors.some((inner) => isTransientError(inner, depth + 1)))
        return true;
    return isTransientError(cause, depth + 1);
}
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
/**
 * The wait before retry number `retry` (1 for the second try): full jitter,
 * anywhere from 0 to the doubled ceiling, so that clients failed together
 * do not come back together.
 */
function backoffMs(retry, policy, random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
    return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}
/**
 * Runs `operation` until it gives a final outcome, or a transient one that
 * the policy will not retry: the number of tries, the time budget or a
 * Retry-After beyond the cap stops it. Never throws what the operation threw:
 * the outcome comes back settled, with how the tries went, for the caller to
 * word (an outage is not a wrong input).
 */
async function withRetry(operation, policy, options = {}) {
    const sleep = options.sleep ?? realSleep;
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    const judgeError = options.judgeError ?? ((error) => (isTransientError(error) ? { reason: String(error) } : undefined));
    const attempts = Math.max(1, policy.attempts);
    const maxRetryAfterMs = policy.maxRetryAfterMs ?? _fetch_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_RETRY_AFTER_MS */ .yL;
    const started = now();
    for (let attempt = 1;; attempt++) {
        let outcome;
        let transient;
        try {
            outcome = { ok: true, value: await operation(attempt) };
            transient = options.judge?.(outcome.value);
        }
        catch (error) {
            outcome = { ok: false, error };
            transient = judgeError(error);
        }
        const tries = (stopped) => ({
            attempts: attempt,
            elapsedMs: now() - started,
            ...(transient && { stopped, transient }),
        });
        if (!transient)
            return { ...outcome, tries: tries() };
        if (attempt >= attempts)
            return { ...outcome, tries: tries('attempts') };
        if (transient.retryAfterMs !== undefined && transient.retryAfterMs > maxRetryAfterMs) {
            return { ...outcome, tries: tries('retry-after') };
        }
        const delayMs = transient.retryAfterMs ?? backoffMs(attempt, policy, random);
        if (policy.budgetMs !== undefined && now() - started + delayMs > policy.budgetMs)
            return { ...outcome, tries: tries('budget') };
        if (outcome.ok)
            await options.discard?.(outcome.value);
        options.onRetry?.({ attempt: attempt + 1, of: attempts, delayMs, reason: transient.reason });
        await sleep(delayMs);
    }
}
/** The outcome's value, or what the operation threw. */
function unwrap(settled) {
    if (settled.ok)
        return settled.value;
    throw settled.error;
}
/** A response worth another try: a transient status, with the wait its Retry-After asks for. */
function transientResponse(response, now = Date.now) {
    if (!isTransientStatus(response.status))
        return undefined;
    const reason = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const header = response.headers.get('retry-after');
    const retryAfterMs = header ? (0,_fetch_js__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterMs */ .Vs)(header, now()) : undefined;
    return retryAfterMs === undefined ? { reason } : { reason, retryAfterMs };
}
/** "5 times over 12.4 s", "once": how often and how long a failure went on. */
function describeTries(tries) {
    const times = tries.attempts === 1 ? 'once' : tries.attempts === 2 ? 'twice' : `${tries.attempts} times`;
    return tries.attempts === 1 ? times : `${times} over ${(tries.elapsedMs / 1000).toFixed(1)} s`;
}
/** Why the tries stopped, when it was not for want of tries: a Retry-After too long, or the time budget spent. */
function describeStop(tries) {
    if (tries.stopped === 'retry-after' && tries.transient?.retryAfterMs !== undefined) {
        return `; it asked to be retried in ${Math.ceil(tries.transient.retryAfterMs / 1000)} s, longer than this step waits`;
    }
    return '';
}


/***/ }),

/***/ 6869:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kubectl: () => (/* binding */ Kubectl),
/* harmony export */   KubectlError: () => (/* binding */ KubectlError),
/* harmony export */   MissingKubectlError: () => (/* binding */ MissingKubectlError),
/* harmony export */   isUnreachable: () => (/* binding */ isUnreachable),
/* harmony export */   lastLines: () => (/* binding */ lastLines),
/* harmony export */   namespaceArgs: () => (/* binding */ namespaceArgs),
/* harmony export */   spawnKubectl: () => (/* binding */ spawnKubectl)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var _action_children_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7989);


function spawnKubectl(binary = 'kubectl', env = process.env) {
    // Registered, so that the run wrapper ends those still running when the step ends or is cancelled.
    const start = (args, stdin, signal) => (0,_action_children_js__WEBPACK_IMPORTED_MODULE_1__/* .trackChild */ .yH)((0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(binary, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGTERM' }));
    const finish = (child, out) => new Promise((resolve, reject) => {
        const err = [];
        child.stderr.on('data', (chunk) => err.push(chunk));
        if (out)
            child.stdout.on('data', (chunk) => out.push(chunk));
        child.on('error', (error) => {
            if (error.name === 'AbortError')
                return;
            reject(error.code === 'ENOENT' ? new MissingKubectlError(binary) : error);
        });
        child.on('close', (code, signal) => resolve({
            code: code ?? (signal ? 128 : 1),
            stdout: out ? Buffer.concat(out).toString('utf8') : '',
            stderr: Buffer.concat(err).toString('utf8'),
        }));
    });
    return {
        run(args, { input } = {}) {
            const child = start(args, input !== undefined);
            const done = finish(child, []);
            // kubectl may exit before reading all of its input; its exit code tells what happened.
            child.stdin?.on('error', () => undefined);
            child.stdin?.end(input);
            return done;
        },
        stream(args, onStdout, signal) {
            const child = start(args, false, signal);
            child.stdout.setEncoding('utf8');
            child.stdout.on('data', onStdout);
            return finish(child, undefined);
        },
    };
}
/** The runner has no kubectl: say so, and how to get one, rather than `spawn kubectl ENOENT`. */
class MissingKubectlError extends Error {
    constructor(binary) {
        super(`${binary} is not installed on this runner (not found on PATH): GitHub's ubuntu runners have it; elsewhere add a step such as azure/setup-kubectl, or install the Google Cloud SDK's kubectl`);
        this.name = 'MissingKubectlError';
    }
}
class KubectlError extends Error {
    args;
    stderr;
    code;
    constructor(args, stderr, code) {
        super(`kubectl ${args
            .filter((arg) => !arg.startsWith('-'))
            .slice(0, 2)
            .join(' ')} failed (exit ${code}): ${lastLines(stderr, 6) || 'no message'}`);
        this.args = args;
        this.stderr = stderr;
        this.code = code;
        this.name = 'KubectlError';
    }
}
function lastLines(text, count) {
    return text
        .trim()
        .split('\n')
        .filter((line) => line.trim())
        .slice(-count)
        .join(' | ');
}
/** kubectl's words for "there is no cluster at the other end", as opposed to a cluster that said no. */
function isUnreachable(stderr) {
    return /Unable to connect to the server|connection to the server .* was refused|connection refused|no such host|i\/o timeout|dial tcp|no configuration has been provided|invalid configuration|context was not found|context "[^"]*" does not exist|couldn't get current server API group list/i.test(stderr);
}
/** `-n NAMESPACE`, or nothing for cluster-scoped objects and kubectl's context namespace (''). */
const namespaceArgs = (namespace) => (namespace ? ['-n', namespace] : []);
/** kubectl with the cluster chosen once: every call carries the kubeconfig and context flags. */
class Kubectl {
    runner;
    globals;
    constructor(runner, options = {}) {
        this.runner = runner;
        this.globals = [
            ...(options.kubeconfig ? ['--kubeconfig', options.kubeconfig] : []),
            ...(options.context ? ['--context', options.context] : []),
        ];
    }
    tryRun(args, options = {}) {
        return this.runner.run([...this.globals, ...args], options);
    }
    /** Runs kubectl; a non-zero exit throws a KubectlError carrying kubectl's own message. */
    async run(args, options = {}) {
        const result = await this.tryRun(args, options);
        if (result.code !== 0)
            throw new KubectlError(args, result.stderr, result.code);
        return result.stdout;
    }
    async json(args) {
        return JSON.parse(await this.run([...args, '-o', 'json']));
    }
    stream(args, onStdout, signal) {
        return this.runner.stream([...this.globals, ...args], onStdout, signal);
    }
}


/***/ }),

/***/ 4930:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployCandidateStep: () => (/* binding */ deployCandidateStep)
});

// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/objects.js
/** Kubernetes objects as the manifests and kubectl give them, and how we name them. */
/** Apply order: Namespaces (0), then CRDs (1), which other objects need to exist first, then the rest (2). */
function applyRank(ref) {
    if (ref.group === '' && ref.kind === 'Namespace')
        return 0;
    return ref.kind === 'CustomResourceDefinition' ? 1 : 2;
}
/** The kinds whose rollout we wait for. */
const WORKLOAD_KINDS = ['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job'];
/** Built-in kinds that live outside namespaces; custom kinds say so in their CRD. */
const CLUSTER_SCOPED = new Set([
    '/Namespace',
    '/Node',
    '/PersistentVolume',
    '/ComponentStatus',
    'apiextensions.k8s.io/CustomResourceDefinition',
    'apiregistration.k8s.io/APIService',
    'rbac.authorization.k8s.io/ClusterRole',
    'rbac.authorization.k8s.io/ClusterRoleBinding',
    'storage.k8s.io/StorageClass',
    'storage.k8s.io/CSIDriver',
    'storage.k8s.io/CSINode',
    'storage.k8s.io/VolumeAttachment',
    'scheduling.k8s.io/PriorityClass',
    'networking.k8s.io/IngressClass',
    'node.k8s.io/RuntimeClass',
    'admissionregistration.k8s.io/MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
    'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
    'certificates.k8s.io/CertificateSigningRequest',
    'flowcontrol.apiserver.k8s.io/FlowSchema',
    'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);
function groupOf(apiVersion) {
    const slash = apiVersion.indexOf('/');
    return slash < 0 ? '' : apiVersion.slice(0, slash);
}
function isClusterScoped(group, kind, customClusterKinds = new Set()) {
    const key = `${group}/${kind}`;
    return CLUSTER_SCOPED.has(key) || customClusterKinds.has(key);
}
function isWorkload(ref) {
    return WORKLOAD_KINDS.includes(`${ref.group}/${ref.kind}`);
}
function refOf(object) {
    return { group: groupOf(object.apiVersion), kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name };
}
function refKey(ref) {
    return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}
/** The name kubectl takes on its command line: `deployment.apps`, `service`. */
function resourceArg(ref) {
    return ref.group ? `${ref.kind.toLowerCase()}.${ref.group}` : ref.kind.toLowerCase();
}
/** `deployment.apps/web in shop`, as a person reads it. */
function describeRef(ref) {
    return `${resourceArg(ref)}/${ref.name}${ref.namespace ? ` in ${ref.namespace}` : ''}`;
}

// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var http_retry = __webpack_require__(7572);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/json-stream.js
/**
 * Splits a stream of concatenated JSON values, such as `kubectl get -w -o
 * json` prints (one indented object per event), into parsed values as soon as
 * each one is complete.
 */
class JsonStream {
    buffer = '';
    scanned = 0;
    depth = 0;
    inString = false;
    escaped = false;
    start = -1;
    push(chunk) {
        this.buffer += chunk;
        const values = [];
        for (let i = this.scanned; i < this.buffer.length; i++) {
            const char = this.buffer[i];
            if (this.inString) {
                if (this.escaped)
                    this.escaped = false;
                else if (char === '\\')
                    this.escaped = true;
                else if (char === '"')
                    this.inString = false;
            }
            else if (char === '"') {
                // Outside a value a quote is stray text, not the start of a string.
                this.inString = this.depth > 0;
            }
            else if (char === '{' || char === '[') {
                if (this.depth++ === 0)
                    this.start = i;
            }
            else if ((char === '}' || char === ']') && this.depth > 0 && --this.depth === 0) {
                values.push(JSON.parse(this.buffer.slice(this.start, i + 1)));
                this.buffer = this.buffer.slice(i + 1);
                i = -1;
                this.start = -1;
            }
        }
        this.scanned = this.buffer.length;
        if (this.depth === 0) {
            // Between values there is only white space (or a line kubectl wrote that is not JSON): nothing to keep.
            this.buffer = '';
            this.scanned = 0;
        }
        return values;
    }
}

// EXTERNAL MODULE: ./.tmp/build/src/kube/kubectl.js
var kube_kubectl = __webpack_require__(6869);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/refusal.js
/**
 * Why the cluster refused a revision before any workload changed, said once
 * however many objects it refused, and put on whoever can fix it: the
 * manifests, the `namespace` input, the kubeconfig, or no input at all.
 */



/**
 * The API groups Kubernetes itself serves. A kind of another group comes
 * from a CustomResourceDefinition (or an aggregated API) that must be
 * installed; an unknown kind of one of these is an API version the cluster
 * does not serve (removed, or not yet there). Gateway API and other
 * `*.k8s.io` groups that ship as CRDs are deliberately absent.
 */
const BUILT_IN_GROUPS = new Set([
    '',
    'admissionregistration.k8s.io',
    'apiextensions.k8s.io',
    'apiregistration.k8s.io',
    'apps',
    'authentication.k8s.io',
    'authorization.k8s.io',
    'autoscaling',
    'batch',
    'certificates.k8s.io',
    'coordination.k8s.io',
    'discovery.k8s.io',
    'events.k8s.io',
    'extensions',
    'flowcontrol.apiserver.k8s.io',
    'internal.apiserver.k8s.io',
    'networking.k8s.io',
    'node.k8s.io',
    'policy',
    'rbac.authorization.k8s.io',
    'resource.k8s.io',
    'scheduling.k8s.io',
    'storage.k8s.io',
    'storagemigration.k8s.io',
]);
const isBuiltInGroup = (group) => BUILT_IN_GROUPS.has(group);
/** The cluster refused the revision, and no input is at fault (the kubeconfig context's namespace is missing, say). */
class ClusterRefusal extends Error {
    constructor(message) {
        super(message);
        this.name = 'ClusterRefusal';
    }
}
/** kubectl's own hint after every unmapped kind, which it prints whether or not the kind is a custom one. */
const KUBECTL_CRD_HINT = /^ensure CRDs are installed first$/i;
const MISSING_NAMESPACE = /namespaces "([^"]+)" not found/;
const UNKNOWN_KIND = /no matches for kind "([^"]+)" in version "([^"]+)"/;
const LISTED = 5;
/** Each distinct line once, in the order first seen, with how many times it came when more than once. */
function distinctLines(text) {
    const counts = new Map();
    for (const line of text.split('\n').map((l) => l.trim()))
        if (line)
            counts.set(line, (counts.get(line) ?? 0) + 1);
    return [...counts].map(([line, count]) => (count > 1 ? `${line} (×${count})` : line));
}
/** `a, b, c, d, e and 30 more`. */
function listSome(names) {
    if (names.length <= LISTED)
        return names.join(', ');
    return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}
const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
/** A namespace the cluster does not have, and the objects that would have gone in it, by who put them there. */
function explainNamespace(name, manifests, inputs) {
    const named = manifests.filter((m) => m.object.metadata.namespace === name);
    // Objects that name no namespace go to the input's, or else to the kubeconfig context's.
    const defaulted = manifests.filter((m) => !m.object.metadata.namespace && !isClusterScoped(m.ref.group, m.ref.kind) && m.ref.namespace === inputs.namespace);
    const names = (list) => listSome(list.map((m) => describeRef({ ...m.ref, namespace: '' })));
    const parts = [];
    if (named.length) {
        parts.push(`namespace '${name}' does not exist in the cluster and no Namespace among the manifests creates it; the manifests put ${plural(named.length, 'object')} in it: ${names(named)}`);
    }
    if (inputs.namespace === name && defaulted.length) {
        parts.push(`namespace '${name}' (input 'namespace') does not exist in the cluster; ${plural(defaulted.length, 'object')} that name${defaulted.length === 1 ? 's' : ''} no namespace would go there: ${names(defaulted)}`);
    }
    else if (!inputs.namespace && defaulted.length && !named.length) {
        parts.push(`namespace '${name}', the kubeconfig context's namespace, does not exist in the cluster; ${plural(defaulted.length, 'object')} that name${defaulted.length === 1 ? 's' : ''} no namespace would go there: ${names(defaulted)}; create it, or set input 'namespace'`);
    }
    if (!parts.length)
        parts.push(`namespace '${name}' does not exist in the cluster`);
    const blame = named.length ? 'manifests' : inputs.namespace === name ? 'namespace' : 'cluster';
    return { text: parts.join('; '), blame };
}
/** A kind the cluster does not serve: a custom one whose CRD is not installed, or an API version Kubernetes does not serve. */
function explainKind(kind, apiVersion, manifests) {
    const group = groupOf(apiVersion);
    const objects = manifests.filter((m) => m.object.apiVersion === apiVersion && m.object.kind === kind).map((m) => describeRef(m.ref));
    const of = objects.length ? ` (${listSome(objects)})` : '';
    if (isBuiltInGroup(group)) {
        return {
            text: `the cluster does not serve ${kind} in ${apiVersion}${of}: Kubernetes has removed that API version or this cluster's version does not have it yet; use a version the cluster serves (kubectl api-resources lists them)`,
            custom: false,
        };
    }
    return {
        text: `the cluster does not serve the custom kind ${kind} in ${apiVersion}${of}: its CustomResourceDefinition is not installed; install it first, or add it to the manifests`,
        custom: true,
    };
}
/**
 * The cluster refused the revision before any workload changed: say what it
 * said, once, and which input to fix; a refusal no input can fix is a
 * ClusterRefusal. Anything else thrown is returned as it is.
 */
function explainRefusal(error, manifests, inputs) {
    if (!(error instanceof kube_kubectl.KubectlError))
        return error;
    const said = (0,kube_kubectl.lastLines)(error.stderr, 1) || error.message;
    if (/context was not found|context "[^"]*" does not exist/i.test(error.stderr)) {
        return new errors/* InputError */.d('context', said.replace(/^error: /, ''), 'a context defined in the kubeconfig');
    }
    if ((0,kube_kubectl.isUnreachable)(error.stderr)) {
        const which = inputs.kubeconfig ? 'the kubeconfig given' : "kubectl's default kubeconfig";
        return new errors/* InputError */.d('kubeconfig', `no cluster reachable with ${which}: ${said}`, 'a kubeconfig (path or content) for a reachable cluster');
    }
    const namespaces = new Set();
    const kinds = new Map();
    const rest = [];
    for (const line of error.stderr.split('\n').map((l) => l.trim())) {
        if (!line || KUBECTL_CRD_HINT.test(line))
            continue;
        const missing = MISSING_NAMESPACE.exec(line);
        const unknown = UNKNOWN_KIND.exec(line);
        if (missing)
            namespaces.add(missing[1]);
        else if (unknown)
            kinds.set(`${unknown[2]} ${unknown[1]}`, [unknown[1], unknown[2]]);
        // kubectl lists an object's field errors as `* field: why` lines under the one that names it.
        else if (line.startsWith('* ') && rest.length)
            rest[rest.length - 1] += ` ${line}`;
        else
            rest.push(line);
    }
    const explainedNamespaces = [...namespaces].map((name) => explainNamespace(name, manifests, inputs));
    const explainedKinds = [...kinds.values()].map(([kind, apiVersion]) => explainKind(kind, apiVersion, manifests));
    const parts = [...explainedKinds.map((k) => k.text), ...explainedNamespaces.map((n) => n.text), ...distinctLines(rest.join('\n'))];
    const what = `the cluster refused them before any workload changed: ${parts.join('; ') || error.message}`;
    const manifestsAtFault = rest.length > 0 || explainedKinds.length > 0 || explainedNamespaces.some((n) => n.blame === 'manifests');
    if (manifestsAtFault || !explainedNamespaces.length) {
        const custom = explainedKinds.some((k) => k.custom);
        return new errors/* InputError */.d('manifests', what, `objects the API server accepts, of kinds it serves${custom ? ' (install the CRDs of custom kinds first)' : ''}${explainedNamespaces.length ? ', in namespaces that exist or that the manifests create' : ''}`);
    }
    if (explainedNamespaces.some((n) => n.blame === 'namespace')) {
        return new errors/* InputError */.d('namespace', `the cluster refused the manifests before any workload changed: ${parts.join('; ')}`, 'a namespace that exists in the cluster, or a Namespace object among the manifests');
    }
    return new ClusterRefusal(`the cluster refused the manifests before any workload changed: ${parts.join('; ')}`);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/apply.js





const FIELD_MANAGER = 'gitops-delivery';
/**
 * The server refused what we applied; kubectl's own words, which name the
 * object and the field. `dryRun`: refused by the server's dry run, before
 * anything but the Namespaces and CRDs was written.
 */
class ApplyError extends Error {
    kubectl;
    dryRun;
    constructor(kubectl, dryRun) {
        // One line per object refused, and the same line for each object in a missing namespace: each said once.
        super(`${dryRun ? 'the server dry run refused the objects' : 'kubectl apply was refused'}: ${distinctLines(kubectl.stderr).join('\n') || kubectl.message}`);
        this.kubectl = kubectl;
        this.dryRun = dryRun;
        this.name = 'ApplyError';
    }
}
/**
 * kubectl's words for an API server that cannot answer now, as opposed to
 * one that refused what it was sent: a 503 (restarting, overloaded, an
 * aggregated API down), 429, 500, 504, etcd's time-outs, and a connection
 * dropped mid-request. A connection refused or a dial time-out is left out:
 * that is a kubeconfig naming no cluster, and says so at once.
 */
const TRANSIENT_KUBECTL = /\((?:ServiceUnavailable|TooManyRequests|InternalError|Timeout|ServerTimeout)\)|the server is currently unable to handle the request|the server has received too many requests|the server was unable to return a response in the time allotted|etcdserver: (?:request timed out|leader changed)|connection reset by peer|http2: client connection lost|unexpected EOF|TLS handshake timeout/i;
/** The line of kubectl's message that shows the API server's passing trouble, if one does. */
function transientKubectlFailure(stderr) {
    return stderr
        .split('\n')
        .map((line) => line.trim())
        .find((line) => TRANSIENT_KUBECTL.test(line));
}
/**
 * A server dry run or apply gets this long to ride out an API server's
 * passing trouble; longer, and the step fails naming the cluster's outage
 * rather than the manifests.
 */
const APPLY_RETRY = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000, budgetMs: 30_000 };
/** The API server kept failing for its own reasons: nothing the manifests can fix. */
class ClusterUnavailableError extends Error {
    kubectl;
    constructor(kubectl, message) {
        super(message);
        this.kubectl = kubectl;
        this.name = 'ClusterUnavailableError';
    }
}
/**
 * Runs a kubectl command whose repetition is harmless (a dry run, a
 * server-side apply), again while the API server fails for its own reasons.
 * When it keeps failing that way, throws a ClusterUnavailableError that says
 * so and what it means for the objects (`consequence`).
 */
async function retryingRun(kubectl, args, input, what, consequence, retry = {}) {
    const settled = await (0,http_retry/* withRetry */.bD)(() => kubectl.run(args, input === undefined ? {} : { input }), retry.policy ?? APPLY_RETRY, {
        ...retry.deps,
        judgeError: (error) => {
            const line = error instanceof kube_kubectl.KubectlError ? transientKubectlFailure(error.stderr) : undefined;
            return line === undefined ? undefined : { reason: line };
        },
        onRetry: ({ attempt, of, delayMs, reason }) => retry.logger?.warning(`${what}: the API server failed for now (${reason}); retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`),
    });
    if (settled.ok)
        return settled.value;
    const { error, tries } = settled;
    if (tries.transient && error instanceof kube_kubectl.KubectlError) {
        throw new ClusterUnavailableError(error, `the cluster's API server is unavailable: ${what} failed ${(0,http_retry/* describeTries */.BI)(tries)} with "${tries.transient.reason}"; ${consequence}; this is the cluster's outage, not a fault of the manifests: re-run once it answers`);
    }
    throw error;
}
// kubectl reads a stream of JSON objects one after another, as it reads YAML documents.
const stream = (manifests) => manifests.map((m) => JSON.stringify(m.object)).join('\n');
/** Namespaces and CRDs: what other objects need to exist before they can be applied. */
const isFoundation = (m) => applyRank(m.ref) < 2;
/** Kinds that CRDs among the manifests define: the cluster cannot know them before those CRDs are applied. */
function definedHere(manifests) {
    return new Set(manifests.filter((m) => m.ref.kind === 'CustomResourceDefinition').map((m) => `${m.object.spec?.group}/${m.object.spec?.names?.kind}`));
}
/**
 * Asks the cluster, before anything is written, whether it knows every kind
 * we are about to apply (kubectl's client dry run maps each one through
 * discovery). Also the first contact with the cluster, so a missing or wrong
 * kubeconfig fails here.
 */
async function preflight(kubectl, manifests, retry = {}) {
    const custom = definedHere(manifests);
    const checkable = manifests.filter((m) => !custom.has(`${m.ref.group}/${m.ref.kind}`));
    if (!checkable.length)
        return;
    await retryingRun(kubectl, ['create', '--dry-run=client', '--validate=false', '-o', 'name', '-f', '-'], stream(checkable), `asking the cluster which kinds it serves for ${checkable.length} objects`, 'nothing was applied', retry);
}
/**
 * Server-side apply, Namespaces and CRDs first, so that what lives in them
 * finds them. Each phase goes through the server's dry run before it is
 * written, so an object the server would refuse (a wrong field, an invalid
 * value) stops the deployment before any workload changes. Objects that name
 * no namespace are applied with `-n` when one was given, apart from those
 * that name their own, because kubectl refuses a `-n` that contradicts an
 * object. Returns the objects as the server stored them.
 */
async function applyManifests(kubectl, manifests, options) {
    const applied = [];
    const foundation = manifests.filter(isFoundation);
    const rest = manifests.filter((m) => !isFoundation(m));
    for (const phase of [foundation, rest]) {
        const defaulted = phase.filter((m) => !m.object.metadata.namespace && m.ref.namespace);
        const namespace = defaulted[0]?.ref.namespace ?? '';
        const batches = [
            { batch: phase.filter((m) => !defaulted.includes(m)), namespaceArgs: [] },
            { batch: defaulted, namespaceArgs: ['-n', namespace] },
        ].filter(({ batch }) => batch.length);
        const apply = async (batch, namespaceArgs, dryRun) => {
            const args = ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...(options.forceConflicts ? ['--force-conflicts'] : [])];
            if (dryRun)
                args.push('--dry-run=server');
            const objects = `${batch.length} object${batch.length === 1 ? '' : 's'}`;
            // A server-side apply is idempotent, so a batch the server failed part-way is simply applied again.
            const what = dryRun ? `the server dry run of ${objects}` : `kubectl apply of ${objects}`;
            const consequence = applied.length || !dryRun
                ? 'the objects applied before it stay as they are, the rest were not applied'
                : 'nothing was applied, no workload changed';
            try {
                return await retryingRun(kubectl, [...args, ...namespaceArgs, '-o', 'json', '-f', '-'], stream(batch), what, consequence, {
                    policy: options.retryPolicy,
                    deps: options.retry,
                    logger: options.logger,
                });
            }
            catch (error) {
                throw error instanceof kube_kubectl.KubectlError ? new ApplyError(error, dryRun) : error;
            }
        };
        for (const { batch, namespaceArgs } of batches)
            await apply(batch, namespaceArgs, true);
        for (const { batch, namespaceArgs } of batches) {
            const output = await apply(batch, namespaceArgs, false);
            const objects = new JsonStream()
                .push(output)
                .flatMap((value) => value.kind === 'List' ? value.items : [value]);
            for (const object of objects)
                options.logger.info(`applied ${describeRef(refOf(object))}`);
            applied.push(...objects);
        }
        const crds = phase.filter((m) => m.ref.kind === 'CustomResourceDefinition');
        // The objects of a new CRD's kinds are refused until the API server serves them.
        if (crds.length) {
            const names = crds.map((m) => m.ref.name);
            await waitEstablished(kubectl, names, options.crdTimeoutMs ?? 60_000);
            options.logger.info(`established: ${names.join(', ')}`);
        }
    }
    return applied;
}
/** CustomResourceDefinitions the API server did not come to serve in time; the objects after them were not applied. */
class CrdNotEstablishedError extends Error {
    crds;
    constructor(crds, message) {
        super(message);
        this.crds = crds;
        this.name = 'CrdNotEstablishedError';
    }
}
/**
 * Waits for CRDs' `Established` condition, which the API server sets once it
 * serves their kinds (after `NamesAccepted`). Those that do not get it in
 * time are named with the conditions they have, such as a name conflict.
 */
async function waitEstablished(kubectl, names, timeoutMs) {
    const resources = names.map((name) => `customresourcedefinition.apiextensions.k8s.io/${name}`);
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const waited = await kubectl.tryRun(['wait', '--for=condition=Established', `--timeout=${seconds}s`, ...resources]);
    if (waited.code === 0)
        return;
    let pending;
    try {
        const listed = await kubectl.json(['get', ...resources]);
        pending = (listed.items ?? [listed]).filter((crd) => !crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True'));
    }
    catch {
        throw new CrdNotEstablishedError(names, `kubectl wait for the CRDs' Established condition failed: ${(0,kube_kubectl.lastLines)(waited.stderr, 3)}`);
    }
    // Established in the moment between the wait's end and the look.
    if (!pending.length)
        return;
    const described = pending.map((crd) => {
        const conditions = (crd.status?.conditions ?? [])
            .filter((c) => c.status !== 'True')
            .map((c) => `${c.type} ${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`);
        return `${crd.metadata.name}${conditions.length ? `: ${conditions.join(', ')}` : ': no conditions yet'}`;
    });
    throw new CrdNotEstablishedError(pending.map((crd) => crd.metadata.name), `CustomResourceDefinition ${described.join('; ')}: not Established within ${seconds} s, so the cluster does not serve ${pending.length === 1 ? 'its kind' : 'their kinds'} and nothing after the Namespaces and CRDs was applied`);
}
/**
 * Deletes the objects named, in the order given, consecutive ones of one
 * kind and namespace in one call. Those already gone are fine, so a second
 * run finds nothing to do. Returns the objects that existed and were deleted.
 */
async function deleteObjects(kubectl, refs) {
    const batches = [];
    for (const ref of refs) {
        const last = batches.at(-1);
        if (last && resourceArg(last[0]) === resourceArg(ref) && last[0].namespace === ref.namespace)
            last.push(ref);
        else
            batches.push([ref]);
    }
    const deleted = [];
    for (const batch of batches) {
        const [first] = batch;
        const out = await kubectl.run([
            'delete',
            resourceArg(first),
            ...batch.map((ref) => ref.name),
            ...(0,kube_kubectl.namespaceArgs)(first.namespace),
            '--ignore-not-found',
            '--wait=false',
            '-o',
            'name',
        ]);
        // `-o name` prints `deployment.apps/web-canary` for each object it deleted.
        const names = new Set(out.split('\n').map((line) => line.trim().split('/').pop()));
        deleted.push(...batch.filter((ref) => names.has(ref.name)));
    }
    return deleted;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/diagnose.js



const PULL_FAILURES = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);
/** Waiting reasons that only mean "not yet". */
const BENIGN_WAITING = new Set(['ContainerCreating', 'PodInitializing']);
const MAX_EVENTS = 10;
const LOG_LINES = 20;
/** A label selector as `kubectl -l` takes it. */
function selectorString(selector) {
    if (!selector)
        return '';
    const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
    for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
        if (operator === 'In')
            parts.push(`${key} in (${values.join(',')})`);
        else if (operator === 'NotIn')
            parts.push(`${key} notin (${values.join(',')})`);
        else if (operator === 'Exists')
            parts.push(key);
        else if (operator === 'DoesNotExist')
            parts.push(`!${key}`);
    }
    return parts.join(',');
}
/** Between two crashes a crash-looping container runs for a moment; its restarts and last exit still tell. */
const crashedBefore = (container) => !container.ready && (container.restartCount ?? 0) > 0 && (container.lastState?.terminated?.exitCode ?? 0) !== 0;
const when = (event) => event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp ?? '';
/**
 * Says why a workload did not roll out: what its pods are stuck on (image
 * pulls, crashes with their last log lines, scheduling), the workload's own
 * failure conditions, and the recent Warning events around it. Never throws:
 * a diagnosis that cannot be made says so.
 */
async function diagnose(kubectl, result) {
    const { ref, object } = result;
    const findings = conditionFindings(ref, object);
    const { pods, events } = await podsAndWarnings(kubectl, ref, object, findings);
    const relevant = eventsAbout(ref, pods, events);
    const found = new FindingSet(findings);
    const ns = (0,kube_kubectl.namespaceArgs)(ref.namespace);
    for (const pod of pods) {
        const logs = (container, previous) => lastLogs(kubectl, ns, pod, container, previous);
        await diagnosePod(pod, relevant, found, logs);
    }
    return { ref, findings, events: relevant.slice(-MAX_EVENTS).map(describeEvent) };
}
/** The workload's own failure conditions: a Deployment past its progress deadline, a failed Job. */
function conditionFindings(ref, object) {
    const findings = [];
    const conditions = object?.status?.conditions ?? [];
    const progress = conditions.find((c) => c.reason === 'ProgressDeadlineExceeded');
    if (progress)
        findings.push({
            reason: 'ProgressDeadlineExceeded',
            subject: describeRef(ref),
            message: progress.message ?? 'the rollout made no progress within progressDeadlineSeconds',
        });
    const jobFailure = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
    if (jobFailure)
        findings.push({ reason: jobFailure.reason ?? 'Failed', subject: describeRef(ref), message: jobFailure.message ?? 'the job failed' });
    return findings;
}
/** The workload's pods and its namespace's Warning events; what cannot be listed becomes a finding. */
async function podsAndWarnings(kubectl, ref, object, findings) {
    const ns = (0,kube_kubectl.namespaceArgs)(ref.namespace);
    let pods = [];
    const selector = selectorString(object?.spec?.selector);
    if (selector) {
        try {
            pods = (await kubectl.json(['get', 'pods', ...ns, '-l', selector])).items;
        }
        catch (error) {
            findings.push({
                reason: 'DiagnosisIncomplete',
                subject: describeRef(ref),
                message: `could not list its pods: ${(0,errors/* describeError */.U)(error)}`,
            });
        }
    }
    let events = [];
    try {
        events = (await kubectl.json(['get', 'events', ...ns, '--field-selector', 'type=Warning'])).items;
    }
    catch (error) {
        findings.push({
            reason: 'DiagnosisIncomplete',
            subject: describeRef(ref),
            message: `could not list events: ${(0,errors/* describeError */.U)(error)}`,
        });
    }
    return { pods, events };
}
/** The Warning events about the workload, its ReplicaSets and its pods, oldest first. */
function eventsAbout(ref, pods, events) {
    const podNames = new Set(pods.map((pod) => pod.metadata.name));
    return events
        .filter((event) => event.type === 'Warning')
        .filter(({ involvedObject: about = {} }) => (about.kind === ref.kind && about.name === ref.name) ||
        (about.kind === 'Pod' && podNames.has(about.name ?? '')) ||
        (about.kind === 'ReplicaSet' && ref.kind === 'Deployment' && about.name?.startsWith(`${ref.name}-`)))
        .sort((a, b) => when(a).localeCompare(when(b)));
}
/** Findings said once each: another pod with the same trouble only counts in `alsoIn`. */
class FindingSet {
    findings;
    seen = new Map();
    constructor(findings) {
        this.findings = findings;
    }
    async add(key, finding) {
        const earlier = this.seen.get(key);
        if (earlier) {
            earlier.alsoIn = (earlier.alsoIn ?? 0) + 1;
            return;
        }
        const made = await finding();
        this.seen.set(key, made);
        this.findings.push(made);
    }
}
async function lastLogs(kubectl, ns, pod, container, previous) {
    const result = await kubectl.tryRun([
        'logs',
        pod.metadata.name,
        ...ns,
        '-c',
        container,
        `--tail=${LOG_LINES}`,
        ...(previous ? ['--previous'] : []),
    ]);
    return result.code === 0 ? result.stdout.trimEnd() || '(no output)' : `(no logs: ${result.stderr.trim().split('\n').pop()})`;
}
/** What keeps one pod from running: not scheduled, or the trouble of each of its containers. */
async function diagnosePod(pod, relevant, found, logs) {
    const podName = pod.metadata.name;
    const unschedulable = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    if (unschedulable) {
        await found.add(`Unschedulable`, () => ({
            reason: unschedulable.reason ?? 'Unschedulable',
            subject: `pod ${podName}`,
            message: unschedulable.message ?? 'not scheduled',
        }));
        return;
    }
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const container of statuses)
        await diagnoseContainer(podName, container, relevant, found, logs);
}
async function diagnoseContainer(podName, container, relevant, found, logs) {
    const subject = `pod ${podName} container ${container.name}`;
    const waiting = container.state?.waiting;
    const terminated = container.state?.terminated;
    if (waiting?.reason && PULL_FAILURES.has(waiting.reason)) {
        // The waiting message says "Back-off pulling"; the kubelet's event says why the pull failed.
        const pullError = [...relevant]
            .reverse()
            .find((e) => e.involvedObject?.name === podName && /^Failed to pull image/.test(e.message ?? ''));
        await found.add(`${waiting.reason} ${container.name} ${container.image}`, () => ({
            reason: waiting.reason,
            subject,
            message: `image ${container.image}: ${pullError?.message ?? waiting.message ?? 'cannot be pulled'}`,
        }));
    }
    else if (waiting?.reason === 'CrashLoopBackOff' || crashedBefore(container)) {
        const last = container.lastState?.terminated;
        await found.add(`CrashLoopBackOff ${container.name}`, async () => ({
            reason: 'CrashLoopBackOff',
            subject,
            message: `restarted ${container.restartCount ?? 0} times${last ? `; last exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}` : ''}`,
            logs: await logs(container.name, true),
        }));
    }
    else if (waiting?.reason && !BENIGN_WAITING.has(waiting.reason)) {
        await found.add(`${waiting.reason} ${container.name}`, () => ({
            reason: waiting.reason,
            subject,
            message: waiting.message ?? waiting.reason,
        }));
    }
    else if (terminated && terminated.exitCode !== 0) {
        await found.add(`Terminated ${container.name} ${terminated.exitCode}`, async () => ({
            reason: terminated.reason ?? 'Error',
            subject,
            message: `exited with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`,
            logs: await logs(container.name, false),
        }));
    }
    else if (container.state?.running && container.ready === false) {
        await found.add(`NotReady ${container.name}`, () => ({
            reason: 'NotReady',
            subject,
            message: 'running but not ready (see the readiness probe events)',
        }));
    }
}
function describeEvent(e) {
    const repeated = (e.count ?? 1) > 1 ? ` (×${e.count})` : '';
    return `${e.involvedObject?.kind}/${e.involvedObject?.name}: ${e.reason}: ${e.message}${repeated}`;
}

// EXTERNAL MODULE: ./.tmp/build/src/kube/duration.js
var duration = __webpack_require__(9055);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/forced-rollback.js





const REVISION_LABEL = 'controller-revision-hash';
const POLL_MS = 200;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function getObject(kubectl, ref) {
    const out = await kubectl.run(['get', resourceArg(ref), ref.name, ...(0,kube_kubectl.namespaceArgs)(ref.namespace), '--ignore-not-found', '-o', 'json']);
    return out.trim() ? JSON.parse(out) : undefined;
}
/**
 * Reads, before the rollback re-applies production, each failed
 * StatefulSet's update revision and how many pods it updated, which bound
 * what the rollback may delete.
 */
async function failedRevisions(kubectl, failed) {
    const found = [];
    for (const { ref, status } of failed) {
        if (status === 'succeeded' || ref.group !== 'apps' || ref.kind !== 'StatefulSet')
            continue;
        const live = await getObject(kubectl, ref);
        const revision = live?.status?.updateRevision;
        if (!live?.metadata.uid || !revision || revision === live.status?.currentRevision)
            continue;
        found.push({
            ref,
            uid: live.metadata.uid,
            revision,
            touched: typeof live.status?.updatedReplicas === 'number' ? live.status.updatedReplicas : 0,
            selector: live.spec?.selector,
        });
    }
    return found;
}
const isReady = (pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
/** Why a pod is not ready, in the words `kubectl get pods` shows. */
function troubleOf(pod) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const container of statuses) {
        const reason = container.state?.waiting?.reason ?? container.state?.terminated?.reason;
        if (reason && reason !== 'ContainerCreating' && reason !== 'PodInitializing')
            return `${reason} (container ${container.name})`;
        // Between two crashes a crash-looping container runs for a moment; its restarts tell.
        const restarts = container.restartCount ?? 0;
        if (restarts > 0 && (container.lastState?.terminated?.exitCode ?? 0) !== 0)
            return `CrashLoopBackOff (container ${container.name}, restarted ${restarts} times)`;
    }
    const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    if (unscheduled)
        return unscheduled.reason ?? 'Unschedulable';
    return statuses.some((c) => c.state?.running) ? 'running but never ready' : 'never started';
}
const ordinalOf = (pod, set) => Number(pod.metadata.name.slice(set.length + 1)) || 0;
/**
 * After the rollback applied production's template: once each StatefulSet's
 * controller has seen it (observedGeneration caught up) and moved to another
 * revision, deletes its stuck pods of the failed revision. A StatefulSet the
 * rollback did not apply, or whose production template is the failed one,
 * is left alone.
 */
async function releaseStuckPods(kubectl, failed, options) {
    const released = [];
    const applied = new Map(options.applied.map((object) => [refKey(refOf(object)), object]));
    for (const stuck of failed) {
        const reverted = applied.get(refKey(stuck.ref));
        if (!reverted)
            continue;
        const name = describeRef(stuck.ref);
        const live = await observed(kubectl, stuck.ref, reverted.metadata.generation ?? 0, options.timeoutMs);
        if (!live) {
            options.logger.warning(`${name}: its controller did not take up the reverted template within ${(0,duration/* formatDuration */.a3)(options.timeoutMs)}; no pod deleted`);
            continue;
        }
        if (live.status?.updateRevision === stuck.revision) {
            options.logger.info(`${name}: production's template is the failed one (${stuck.revision}); no pod deleted`);
            continue;
        }
        const pods = (await kubectl.json(['get', 'pods', ...(0,kube_kubectl.namespaceArgs)(stuck.ref.namespace), '-l', selectorString(stuck.selector)])).items;
        const doomed = pods
            .filter((pod) => pod.metadata.labels?.[REVISION_LABEL] === stuck.revision &&
            pod.metadata.ownerReferences?.some((owner) => owner.uid === stuck.uid) &&
            !pod.metadata.deletionTimestamp &&
            !isReady(pod))
            .sort((a, b) => ordinalOf(b, stuck.ref.name) - ordinalOf(a, stuck.ref.name))
            .slice(0, stuck.touched);
        if (!doomed.length)
            continue;
        const refs = doomed.map((pod) => ({ group: '', kind: 'Pod', namespace: stuck.ref.namespace, name: pod.metadata.name }));
        const deleted = new Set((await deleteObjects(kubectl, refs)).map((ref) => ref.name));
        for (const pod of doomed) {
            if (!deleted.has(pod.metadata.name))
                continue;
            const entry = {
                pod: refs.find((ref) => ref.name === pod.metadata.name),
                workload: stuck.ref,
                revision: stuck.revision,
                why: troubleOf(pod),
            };
            released.push(entry);
            options.logger.warning(`${name}: deleted pod ${pod.metadata.name} of the failed revision ${stuck.revision} (${entry.why}): its controller does not replace a pod that never became ready, so it is made again from production's template (forced rollback)`);
        }
    }
    return released;
}
/** The StatefulSet once its controller has seen `generation`, or undefined if it did not within the time given. */
async function observed(kubectl, ref, generation, timeoutMs) {
    const until = performance.now() + timeoutMs;
    for (;;) {
        const live = await getObject(kubectl, ref);
        if (!live)
            return undefined;
        if ((live.status?.observedGeneration ?? 0) >= generation && live.status?.updateRevision)
            return live;
        if (performance.now() > until)
            return undefined;
        await sleep(POLL_MS);
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/pods.js
/**
 * What the container runtimes say when the registry answered that the image
 * is not there: containerd (`code = NotFound`, `…: not found`), CRI-O and
 * Docker (`manifest unknown`). Denied access, rate limits and unreachable
 * registries say something else and may pass, so they are not matched.
 */
const IMAGE_NOT_FOUND = /\bcode = NotFound\b|manifest unknown|: not found\s*$/i;
function unpullableContainer(pod) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const { name, image, state } of statuses) {
        const { reason = '', message = '' } = state?.waiting ?? {};
        // ImagePullBackOff's own message only says "Back-off pulling"; the ErrImagePull before it says why.
        if (reason === 'InvalidImageName' || (reason === 'ErrImagePull' && IMAGE_NOT_FOUND.test(message))) {
            return { pod: pod.metadata.name, container: name, image, reason, message };
        }
    }
    return undefined;
}
/** Whether labels satisfy a label selector, as the API server decides it. */
function matchesSelector(labels = {}, selector) {
    if (!selector)
        return false;
    const matchLabels = Object.entries(selector.matchLabels ?? {});
    const expressions = selector.matchExpressions ?? [];
    if (!matchLabels.length && !expressions.length)
        return false;
    return (matchLabels.every(([key, value]) => labels[key] === value) &&
        expressions.every(({ key, operator, values = [] }) => {
            const has = Object.hasOwn(labels, key);
            if (operator === 'In')
                return has && values.includes(labels[key]);
            if (operator === 'NotIn')
                return !has || !values.includes(labels[key]);
            if (operator === 'Exists')
                return has;
            if (operator === 'DoesNotExist')
                return !has;
            return false;
        }));
}
/**
 * Whether the unpullable container is one the workload's current pod template
 * asks for: a pod of an older revision that cannot pull its older image says
 * nothing about this rollout.
 */
function isTemplateContainer(workload, found) {
    const template = workload.spec?.template?.spec;
    const containers = [...(template?.initContainers ?? []), ...(template?.containers ?? [])];
    return containers.some((container) => container.name === found.container && container.image === found.image);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/rollout.js
const progressing = (message) => ({ state: 'progressing', message });
const ready = (message) => ({ state: 'ready', message });
const failed = (message) => ({ state: 'failed', message });
function condition(object, type) {
    return object.status?.conditions?.find((c) => c.type === type);
}
const num = (value) => (typeof value === 'number' ? value : 0);
/**
 * Whether a workload has rolled out, judged by the rules `kubectl rollout
 * status` uses (and `kubectl wait --for=condition=complete` for Jobs): the
 * controller must have seen the current generation, and the counts it reports
 * must have caught up with the spec.
 */
function judgeRollout(object) {
    switch (object.kind) {
        case 'Deployment':
            return judgeDeployment(object);
        case 'StatefulSet':
            return judgeStatefulSet(object);
        case 'DaemonSet':
            return judgeDaemonSet(object);
        case 'Job':
            return judgeJob(object);
        default:
            return ready(`${object.kind} has no rollout to wait for`);
    }
}
function rollout_observed(object) {
    return num(object.metadata.generation) <= num(object.status?.observedGeneration);
}
function judgeDeployment(d) {
    const name = d.metadata.name;
    if (!rollout_observed(d))
        return progressing(`Waiting for deployment spec update to be observed...`);
    // Pods the API server refuses (a missing ServiceAccount, a quota): said while waiting, and in the failure. Not a
    // failure by itself: a ServiceAccount applied with the Deployment may come a moment later, and the controller retries.
    const refused = condition(d, 'ReplicaFailure');
    const why = refused?.status === 'True' ? ` (pods cannot be created: ${refused.message || refused.reason || 'no reason given'})` : '';
    const progress = condition(d, 'Progressing');
    if (progress?.reason === 'ProgressDeadlineExceeded')
        return failed(`deployment "${name}" exceeded its progress deadline${progress.message ? `: ${progress.message}` : ''}${why}`);
    const status = d.status ?? {};
    const updated = num(status.updatedReplicas);
    const replicas = d.spec?.replicas;
    if (typeof replicas === 'number' && updated < replicas) {
        return progressing(`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...${why}`);
    }
    if (num(status.replicas) > updated) {
        return progressing(`Waiting for deployment "${name}" rollout to finish: ${num(status.replicas) - updated} old replicas are pending termination...${why}`);
    }
    if (num(status.availableReplicas) < updated) {
        return progressing(`Waiting for deployment "${name}" rollout to finish: ${num(status.availableReplicas)} of ${updated} updated replicas are available...${why}`);
    }
    return ready(`deployment "${name}" successfully rolled out`);
}
function judgeStatefulSet(s) {
    const strategy = s.spec?.updateStrategy;
    // OnDelete: nothing rolls until pods are deleted by hand, so there is nothing to wait for.
    if (strategy?.type && strategy.type !== 'RollingUpdate')
        return ready(`statefulset "${s.metadata.name}" uses ${strategy.type}: no rollout to wait for`);
    const status = s.status ?? {};
    if (!num(status.observedGeneration) || !rollout_observed(s))
        return progressing('Waiting for statefulset spec update to be observed...');
    const replicas = s.spec?.replicas;
    if (typeof replicas === 'number' && num(status.readyReplicas) < replicas) {
        return progressing(`Waiting for ${replicas - num(status.readyReplicas)} pods to be ready...`);
    }
    const partition = strategy?.rollingUpdate?.partition;
    if (strategy?.rollingUpdate && typeof replicas === 'number' && typeof partition === 'number') {
        if (num(status.updatedReplicas) < replicas - partition) {
            return progressing(`Waiting for partitioned roll out to finish: ${num(status.updatedReplicas)} out of ${replicas - partition} new pods have been updated...`);
        }
        return ready(`partitioned roll out complete: ${num(status.updatedReplicas)} new pods have been updated...`);
    }
    if (status.updateRevision !== status.currentRevision) {
        return progressing(`waiting for statefulset rolling update to complete ${num(status.updatedReplicas)} pods at revision ${status.updateRevision}...`);
    }
    return ready(`statefulset rolling update complete ${num(status.currentReplicas)} pods at revision ${status.currentRevision}...`);
}
function judgeDaemonSet(d) {
    const name = d.metadata.name;
    const strategy = d.spec?.updateStrategy?.type;
    if (strategy && strategy !== 'RollingUpdate')
        return ready(`daemon set "${name}" uses ${strategy}: no rollout to wait for`);
    if (!rollout_observed(d))
        return progressing('Waiting for daemon set spec update to be observed...');
    const status = d.status ?? {};
    const desired = num(status.desiredNumberScheduled);
    if (num(status.updatedNumberScheduled) < desired) {
        return progressing(`Waiting for daemon set "${name}" rollout to finish: ${num(status.updatedNumberScheduled)} out of ${desired} new pods have been updated...`);
    }
    if (num(status.numberAvailable) < desired) {
        return progressing(`Waiting for daemon set "${name}" rollout to finish: ${num(status.numberAvailable)} of ${desired} updated pods are available...`);
    }
    return ready(`daemon set "${name}" successfully rolled out`);
}
function judgeJob(job) {
    const name = job.metadata.name;
    const failure = condition(job, 'Failed');
    if (failure?.status === 'True')
        return failed(`job "${name}" failed: ${[failure.reason, failure.message].filter(Boolean).join(': ') || 'no reason given'}`);
    if (condition(job, 'Complete')?.status === 'True')
        return ready(`job "${name}" completed`);
    const status = job.status ?? {};
    const completions = typeof job.spec?.completions === 'number' ? job.spec.completions : 1;
    return progressing(`Waiting for job "${name}" to complete: ${num(status.succeeded)} of ${completions} succeeded, ${num(status.active)} active, ${num(status.failed)} failed...`);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/wait.js






const defaultReconnectDelay = (failures) => Math.min(2000, 50 * 2 ** failures);
function wait_sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done);
    });
}
/**
 * Waits for every workload in parallel, all within one overall timeout. One
 * watch per kind and namespace streams every change (`kubectl get -w`), and
 * each change of a workload we applied is judged by the rollout rules at
 * once, so a verdict comes as soon as the cluster reports it, not at the next
 * poll. With `failFast`, one more watch per namespace follows the pods, and a
 * workload fails at once when a pod of its current template cannot pull an
 * image the registry says does not exist: no wait, however long, would help.
 * A watch that ends early (a dropped connection, a server error) is started
 * again; its first list brings us up to date.
 */
async function waitForRollouts(kubectl, refs, options) {
    return new RolloutWait(kubectl, refs, options).run();
}
/** One wait for a set of workloads: the watches, and the verdicts they lead to. */
class RolloutWait {
    kubectl;
    options;
    clock;
    started;
    tracked;
    all = new AbortController();
    watches = new Set();
    /** Per namespace as the workloads name it, the pods that cannot pull their image, by pod name. */
    unpullable = new Map();
    constructor(kubectl, refs, options) {
        this.kubectl = kubectl;
        this.options = options;
        this.clock = options.clock ?? (() => performance.now());
        this.started = this.clock();
        this.tracked = new Map(refs.map((ref) => [refKey(ref), { ref, message: 'not seen yet' }]));
    }
    async run() {
        const { options } = this;
        const timer = setTimeout(() => this.all.abort(), options.timeoutMs);
        // A deletion seen by no watch (one reconnecting at that moment) would otherwise be waited out to the timeout.
        const cancel = () => this.all.abort();
        options.signal?.addEventListener('abort', cancel);
        if (options.signal?.aborted)
            cancel();
        const byNamespace = new Map();
        const byResource = new Map();
        for (const item of this.tracked.values()) {
            const resource = `${resourceArg(item.ref)} ${item.ref.namespace}`;
            byResource.set(resource, [...(byResource.get(resource) ?? []), item]);
            byNamespace.set(item.ref.namespace, [...(byNamespace.get(item.ref.namespace) ?? []), item]);
        }
        try {
            await Promise.all([
                ...[...byResource.values()].map((items) => this.watchWorkloads(items)),
                ...(options.failFast ? [...byNamespace].map(([namespace, items]) => this.watchPods(namespace, items)) : []),
            ]);
        }
        finally {
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', cancel);
        }
        for (const item of this.tracked.values()) {
            if (item.result)
                continue;
            if (options.signal?.aborted)
                this.settle(item, 'failed', `the wait was cancelled: ${item.message}`);
            else
                this.settle(item, 'timed-out', `not rolled out within ${(0,duration/* formatDuration */.a3)(options.timeoutMs)}: ${item.message}`);
        }
        return [...this.tracked.values()].map((item) => item.result);
    }
    settle(item, status, reason) {
        item.result = { ref: item.ref, status, durationMs: Math.round(this.clock() - this.started), reason, object: item.object };
        const line = `${describeRef(item.ref)}: ${status} after ${(0,duration/* formatDuration */.a3)(item.result.durationMs)}: ${reason}`;
        if (status === 'succeeded')
            this.options.logger.info(line);
        else
            this.options.logger.warning(line);
        for (const watch of this.watches)
            if (!watch.pending())
                watch.stop();
    }
    /** Streams `kubectl get --watch` events until nothing it serves is pending, starting it again when it ends early. */
    async watch(resource, namespace, pending, onEvent) {
        const { all, options } = this;
        const reconnectDelay = options.reconnectDelayMs ?? defaultReconnectDelay;
        let failures = 0;
        while (pending() && !all.signal.aborted) {
            const done = new AbortController();
            const entry = { pending, stop: () => done.abort() };
            this.watches.add(entry);
            all.signal.addEventListener('abort', entry.stop);
            const stream = new JsonStream();
            let events = 0;
            const exit = await this.kubectl.stream(['get', resource, ...(0,kube_kubectl.namespaceArgs)(namespace), '--watch', '--output-watch-events', '-o', 'json'], (chunk) => {
                for (const event of stream.push(chunk)) {
                    events++;
                    onEvent(event);
                }
            }, done.signal);
            this.watches.delete(entry);
            all.signal.removeEventListener('abort', entry.stop);
            if (!pending() || all.signal.aborted)
                break;
            failures = events > 0 ? 0 : failures + 1;
            const why = exit.code === 0 ? 'the server closed it' : `exit ${exit.code}: ${(0,kube_kubectl.lastLines)(exit.stderr, 2) || 'no message'}`;
            options.logger.info(`watch of ${resource}${namespace ? ` in ${namespace}` : ''} ended (${why}); watching again`);
            await wait_sleep(reconnectDelay(failures), all.signal);
        }
    }
    failIfUnpullable(item) {
        if (!this.options.failFast || !item.object || item.result)
            return;
        for (const found of this.unpullable.get(item.ref.namespace)?.values() ?? []) {
            if (matchesSelector(found.labels, item.object.spec?.selector) && isTemplateContainer(item.object, found)) {
                return this.settle(item, 'failed', `pod ${found.pod} container ${found.container}: ${found.reason}: image ${found.image} cannot be pulled: ${found.message}`);
            }
        }
    }
    /** Judges each change of the workloads of one kind and namespace by the rollout rules. */
    watchWorkloads(items) {
        const byName = new Map(items.map((item) => [item.ref.name, item]));
        return this.watch(resourceArg(items[0].ref), items[0].ref.namespace, () => items.some((item) => !item.result), (event) => {
            const item = event.object?.metadata && byName.get(event.object.metadata.name);
            if (!item || item.result)
                return;
            item.object = event.object;
            if (event.type === 'DELETED')
                return this.settle(item, 'failed', 'it was deleted while we waited for it');
            if (event.type !== 'ADDED' && event.type !== 'MODIFIED')
                return;
            const verdict = judgeRollout(event.object);
            if (verdict.state !== 'progressing')
                return this.settle(item, verdict.state === 'ready' ? 'succeeded' : 'failed', verdict.message);
            if (verdict.message !== item.message)
                this.options.logger.info(`${describeRef(item.ref)}: ${verdict.message}`);
            item.message = verdict.message;
            this.failIfUnpullable(item);
        });
    }
    /** Follows a namespace's pods for one that cannot pull its image, which fails its workload at once. */
    watchPods(namespace, items) {
        const found = new Map();
        this.unpullable.set(namespace, found);
        return this.watch('pods', namespace, () => items.some((item) => !item.result), (event) => {
            const pod = event.object;
            if (!pod?.metadata)
                return;
            const container = event.type === 'DELETED' ? undefined : unpullableContainer(pod);
            if (!container)
                return void found.delete(pod.metadata.name);
            found.set(pod.metadata.name, { ...container, labels: pod.metadata.labels });
            items.forEach((item) => this.failIfUnpullable(item));
        });
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/apply-wait.js






/**
 * Applies one revision, waits for its workloads, and diagnoses those that did
 * not roll out. A candidate the cluster refuses before any workload changed
 * throws, saying whose fault it is; a rollback's refusal is its result.
 */
async function rollOut(revision, inputs, deps, candidate, recovery) {
    const { kubectl, logger } = deps;
    const clock = deps.clock ?? (() => performance.now());
    const rollout = { revision: revision.sha, applied: [], workloads: [], diagnoses: [], healthy: false };
    let objects;
    const started = clock();
    try {
        objects = await applyManifests(kubectl, revision.manifests, {
            forceConflicts: inputs.forceConflicts,
            logger,
            crdTimeoutMs: inputs.timeoutMs,
        });
        rollout.applied = objects.map(refOf);
    }
    catch (error) {
        if (!(error instanceof ApplyError || error instanceof CrdNotEstablishedError))
            throw error;
        // Refused before any workload changed: a mistake in the manifests, with nothing to roll back.
        if (candidate && error instanceof ApplyError && error.dryRun)
            throw explainRefusal(error.kubectl, revision.manifests, inputs);
        if (candidate && error instanceof CrdNotEstablishedError)
            throw error;
        rollout.applyError = error.message;
        logger.error(error.message);
        return rollout;
    }
    // Waiting for new CRDs to be served comes out of the rollout's time.
    const establishing = revision.manifests.some((m) => m.ref.kind === 'CustomResourceDefinition') ? clock() - started : 0;
    const timeoutMs = Math.max(1000, inputs.timeoutMs - establishing);
    if (recovery?.failed.length) {
        rollout.released = await releaseStuckPods(kubectl, recovery.failed, { applied: objects, timeoutMs, logger });
    }
    const workloads = rollout.applied.filter(isWorkload);
    logger.info(`waiting for ${workloads.length} workload${workloads.length === 1 ? '' : 's'}`);
    rollout.workloads = await waitForRollouts(kubectl, workloads, {
        timeoutMs,
        failFast: inputs.failFast,
        logger,
        clock: deps.clock,
        reconnectDelayMs: deps.reconnectDelayMs,
    });
    const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
    rollout.diagnoses = await Promise.all(failed.map((workload) => diagnose(kubectl, workload)));
    for (const diagnosis of rollout.diagnoses) {
        const name = describeRef(diagnosis.ref);
        if (!diagnosis.findings.length)
            logger.error(`${name}: ${failed.find((w) => w.ref === diagnosis.ref)?.reason}`);
        for (const finding of diagnosis.findings) {
            const more = finding.alsoIn ? ` (and ${finding.alsoIn} more like it)` : '';
            logger.error(`${name}: ${finding.reason}: ${finding.subject}${more}: ${finding.message}${finding.logs ? `\nlast log lines:\n${finding.logs}` : ''}`);
        }
        if (diagnosis.events.length)
            logger.info(`${name}: recent warnings:\n  ${diagnosis.events.join('\n  ')}`);
    }
    rollout.healthy = failed.length === 0;
    return rollout;
}
function describeFailure(rollout) {
    if (rollout.applyError)
        return rollout.applyError;
    const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
    const first = failed[0];
    const finding = rollout.diagnoses.find((d) => d.ref === first.ref)?.findings[0];
    const why = finding ? `${finding.reason}: ${finding.message}` : first.reason;
    return `${failed.length} of ${rollout.workloads.length} workloads did not roll out (${describeRef(first.ref)} ${first.status}: ${why})`;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/shape.js
/** The label that tells canary and baseline pods apart; canary-check's `{{track}}` takes its values. */
const TRACK_LABEL = 'track';
const TRACKS = (/* unused pure expression or super */ null && (['canary', 'baseline']));
/** The label that tells the two blue-green Deployments' pods apart, and that the live Service selects. */
const COLOR_LABEL = 'color';
const COLORS = ['blue', 'green'];
/** Where the live colour is recorded: on the Service, which is what the switch changes. */
const LIVE_COLOR_ANNOTATION = 'gitops-delivery/live-color';
/** Marks a preview Service with the Service it previews, so it is never taken for a live one. */
const PREVIEW_OF_LABEL = 'gitops-delivery/preview-of';
const trackName = (deployment, track) => `${deployment}-${track}`;
const colorName = (deployment, color) => `${deployment}-${color}`;
const previewName = (service) => `${service}-preview`;
function isColor(value) {
    return COLORS.includes(value);
}
/** The colour a new deployment gets: the one not live. The first one, beside a plain Deployment or nothing, is green. */
function nextColor(live) {
    return live === 'green' ? 'blue' : 'green';
}
/**
 * How far, in percentage points, the share served may be from the share
 * asked before it is said to differ: with whole pods, 10% of 9 replicas is
 * 1 pod in 9, 11.1%.
 */
const SHARE_TOLERANCE = 2;
const percent = (part, total) => Math.round((part * 1000) / total) / 10;
const withinTolerance = (canary, total, share) => Math.abs(canary * 100 - share * total) <= SHARE_TOLERANCE * total;
/**
 * The canary's and the baseline's pods, and what is left of the primary's,
 * out of the primary's own replicas: the Services spread over the same number
 * of pods as before, so capacity is kept and the canary serves `share`% of
 * it. The baseline serves as much as the canary, for a comparison of equals,
 * until the canary passes half; beyond that the baseline serves what is left
 * and the primary none. Each of canary and baseline has at least one pod, so
 * a primary of one replica runs as two pods (canary and baseline, the primary
 * at zero). When an autoscaler owns the primary's replicas (`primaryFixed`),
 * the primary keeps them and the canary and baseline are sized around it (at
 * most as many pods as the primary each).
 */
// `search` false skips looking for the replicas that would serve the share (the search itself splits).
function splitReplicas(share, primaryReplicas, { primaryFixed = false, search = true } = {}) {
    const replicas = Math.max(0, Math.floor(primaryReplicas));
    const options = [];
    if (primaryFixed) {
        const primary = replicas;
        for (let canary = 1; canary <= Math.max(1, primary); canary++)
            options.push({ canary, baseline: canary, primary });
    }
    else {
        const total = Math.max(replicas, share < 100 ? 2 : 1);
        if (share >= 100)
            options.push({ canary: total, baseline: 0, primary: 0 });
        else if (share > 50)
            for (let canary = 1; canary < total; canary++)
                options.push({ canary, baseline: total - canary, primary: 0 });
        else
            for (let canary = 1; canary * 2 <= total; canary++)
                options.push({ canary, baseline: canary, primary: total - 2 * canary });
    }
    const error = (o) => Math.abs(o.canary / (o.canary + o.baseline + o.primary) - share / 100);
    // The nearest share; between two equally near, the smaller canary.
    const best = options.reduce((a, b) => (error(b) < error(a) - 1e-12 ? b : a));
    const total = best.canary + best.baseline + best.primary;
    const honest = withinTolerance(best.canary, total, share);
    const split = {
        share,
        ...best,
        served: { canary: percent(best.canary, total), baseline: percent(best.baseline, total), primary: percent(best.primary, total) },
        honest,
    };
    if (!honest && !primaryFixed && search) {
        for (let more = replicas + 1; more <= 1000; more++) {
            if (splitReplicas(share, more, { search: false }).honest) {
                split.replicasNeeded = more;
                break;
            }
        }
    }
    return split;
}
/**
 * Kinds applied with the canary or the new colour at deploy time: what pods
 * need in order to start. Everything else (Services, Ingresses, autoscalers,
 * other workloads) changes production and waits for promote.
 */
const POD_DEPENDENCIES = new Set(['/ConfigMap', '/Secret', '/ServiceAccount', '/PersistentVolumeClaim', '/Namespace']);
function isPodDependency(m) {
    return POD_DEPENDENCIES.has(`${m.ref.group}/${m.ref.kind}`);
}
function isDeployment(m) {
    return m.ref.group === 'apps' && m.ref.kind === 'Deployment';
}
function isService(m) {
    return m.ref.group === '' && m.ref.kind === 'Service';
}
/** Deployment spec fields that make a copy behave like its source; replicas, selector and template are set apart. */
const COPIED_SPEC_FIELDS = ['minReadySeconds', 'progressDeadlineSeconds', 'strategy'];
/**
 * A Deployment beside `base`: renamed, with `label: value` added to its
 * labels, its selector and its pod template, so that its pods are told apart
 * while still matching the Services that select `base`'s pods. Only what the
 * manifests would say is kept: nothing the server wrote (status, uid,
 * managedFields) goes into an apply.
 */
function derivedDeployment(base, derived) {
    const spec = base.spec ?? {};
    const template = structuredClone((derived.template ?? spec.template ?? {}));
    const { creationTimestamp: _created, ...templateMetadata } = template.metadata ?? {};
    const selector = structuredClone(spec.selector ?? {});
    const copied = Object.fromEntries(COPIED_SPEC_FIELDS.filter((key) => spec[key] !== undefined).map((key) => [key, spec[key]]));
    const replicas = derived.replicas ?? spec.replicas;
    return {
        apiVersion: base.apiVersion,
        kind: base.kind,
        metadata: {
            name: derived.name,
            ...(base.metadata.namespace ? { namespace: base.metadata.namespace } : {}),
            labels: { ...base.metadata.labels, [derived.label]: derived.value },
        },
        spec: {
            ...(replicas !== undefined ? { replicas } : {}),
            ...copied,
            selector: { ...selector, matchLabels: { ...selector.matchLabels, [derived.label]: derived.value } },
            template: {
                ...template,
                metadata: { ...templateMetadata, labels: { ...template.metadata?.labels, [derived.label]: derived.value } },
            },
        },
    };
}
/** ObjectSpec types a Deployment's selector; a Service's is a plain map. */
const serviceSpec = (spec) => spec;
/** A Service's selector, which is a plain map (`spec.selector`), unlike a Deployment's. */
function serviceSelector(service) {
    return service.spec?.selector ?? {};
}
/**
 * The label the Deployment controller puts on the pods of each ReplicaSet.
 * Before the first switch, the live Services are pinned to the plain
 * Deployment's pods with it: the new colour's pods carry the app's labels
 * too, and would otherwise get live traffic before promote.
 */
const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** A Service's selector without the pin: the labels that route to the app. */
function routingSelector(service) {
    const { [POD_TEMPLATE_HASH_LABEL]: _pin, ...routing } = serviceSelector(service);
    return routing;
}
/**
 * A JSON merge patch that changes a Service's selector from `from` to `to`
 * (a label to drop becomes null) and, when `liveColor` is given, sets its
 * live-colour record (null removes it). A patch touches only these fields,
 * whoever manages the rest of the Service.
 */
function retargetPatch(from, to, liveColor) {
    const selector = { ...to };
    for (const key of Object.keys(from))
        if (!(key in to))
            selector[key] = null;
    return {
        ...(liveColor === undefined ? {} : { metadata: { annotations: { [LIVE_COLOR_ANNOTATION]: liveColor } } }),
        spec: { selector },
    };
}
/**
 * Whether a Service sends traffic to a Deployment's pods: every label of its
 * selector, but the colour the blue-green switch adds and the pin to a plain
 * Deployment's pods, is on the pod template. An empty selector selects no pods (its endpoints are managed by
 * hand).
 */
function selectsPods(service, templateLabels) {
    const selector = Object.entries(routingSelector(service)).filter(([key]) => key !== COLOR_LABEL);
    return selector.length > 0 && selector.every(([key, value]) => templateLabels?.[key] === value);
}
function isPreview(service) {
    return Boolean(service.metadata.labels?.[PREVIEW_OF_LABEL]);
}
/** The colour a Service records as live, or undefined (never switched, or an unknown value). */
function liveColorOf(service) {
    const value = service.metadata.annotations?.[LIVE_COLOR_ANNOTATION];
    return isColor(value) ? value : undefined;
}
/** `service`'s ports as a Service made beside it declares them: what routes traffic, without node ports. */
function servicePorts(service) {
    return (service.spec?.ports ?? []).map(({ name, port, targetPort, protocol, appProtocol }) => Object.fromEntries(Object.entries({ name, port, targetPort, protocol, appProtocol }).filter(([, value]) => value !== undefined)));
}
/**
 * A Service for checks that selects only `color`'s pods, with `service`'s
 * ports. Always a ClusterIP Service, whatever the live one is: a preview
 * must not take a load balancer or node ports.
 */
function previewService(service, color) {
    const ports = servicePorts(service);
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
            name: previewName(service.metadata.name),
            ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
            labels: { ...service.metadata.labels, [PREVIEW_OF_LABEL]: service.metadata.name, [COLOR_LABEL]: color },
        },
        spec: serviceSpec({ type: 'ClusterIP', selector: { ...routingSelector(service), [COLOR_LABEL]: color }, ports }),
    };
}
/**
 * The live Service switched to `color`: the selector and the record of the
 * live colour change together, in one update. `service` is the object the
 * manifests declare, applied whole so that server-side apply keeps every
 * field we manage; for a Service the manifests do not declare, only the two
 * fields we own are sent (`declared` false).
 */
function switchedService(service, color, declared) {
    const annotations = { ...service.metadata.annotations, [LIVE_COLOR_ANNOTATION]: color };
    const selector = { ...routingSelector(service), [COLOR_LABEL]: color };
    if (!declared) {
        return {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: {
                name: service.metadata.name,
                ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
                annotations: { [LIVE_COLOR_ANNOTATION]: color },
            },
            spec: serviceSpec({ selector }),
        };
    }
    const switched = structuredClone(service);
    switched.metadata.annotations = annotations;
    switched.spec = serviceSpec({ ...switched.spec, selector });
    return switched;
}
/**
 * Where a running canary records, on its primary Deployment, what it needs
 * to go on or to be undone by a later job: the primary's replicas before the
 * canary (restored by promote and reject), the revision, the step it serves
 * and the shares served so far. Written in the same update that scales the
 * primary, so the cluster never holds a scaled primary without it.
 */
const CANARY_STATE_ANNOTATION = 'gitops-delivery/canary';
/** The canary state a primary records, or undefined; a record that cannot be read is an error, never taken as none. */
function canaryStateOf(primary) {
    const value = primary.metadata.annotations?.[CANARY_STATE_ANNOTATION];
    if (value === undefined)
        return undefined;
    let state;
    try {
        state = JSON.parse(value);
    }
    catch {
        state = undefined;
    }
    const valid = state &&
        typeof state.revision === 'string' &&
        Number.isInteger(state.replicas) &&
        state.replicas >= 0 &&
        Number.isInteger(state.step) &&
        Array.isArray(state.history);
    if (!valid) {
        throw new Error(`the annotation ${CANARY_STATE_ANNOTATION} of deployment ${primary.metadata.name} cannot be read (${JSON.stringify(value)}): ` +
            `set spec.replicas to the primary's replicas and remove the annotation, then run again`);
    }
    return { autoscaled: false, ...state };
}
/**
 * A JSON merge patch of a primary: its replicas (unless an autoscaler owns
 * them) and its canary state together; a null state removes the record.
 */
function primaryPatch(replicas, state) {
    return {
        metadata: { annotations: { [CANARY_STATE_ANNOTATION]: state === null ? null : JSON.stringify(state) } },
        ...(replicas === undefined ? {} : { spec: { replicas } }),
    };
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/cluster.js





/** The object as the cluster has it, or undefined when there is none. */
async function getLive(kubectl, ref) {
    const out = await kubectl.run(['get', resourceArg(ref), ref.name, ...(0,kube_kubectl.namespaceArgs)(ref.namespace), '--ignore-not-found', '-o', 'json']);
    return out.trim() ? JSON.parse(out) : undefined;
}
/** Every Service of a namespace ('' for the context's). */
async function listServices(kubectl, namespace) {
    return (await kubectl.json(['get', 'services', ...(0,kube_kubectl.namespaceArgs)(namespace)])).items;
}
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/**
 * The pod-template-hash of a Deployment's current ReplicaSet (the one of its
 * revision, owned by it), which labels the pods it runs now; undefined when
 * it has none yet.
 */
async function currentPodTemplateHash(kubectl, deployment) {
    const revision = deployment.metadata.annotations?.[REVISION_ANNOTATION];
    const selector = selectorString(deployment.spec?.selector);
    if (!revision || !selector)
        return undefined;
    const { items } = await kubectl.json([
        'get',
        'replicasets.apps',
        ...(0,kube_kubectl.namespaceArgs)(deployment.metadata.namespace ?? ''),
        '-l',
        selector,
    ]);
    const current = items.find((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] === revision &&
        rs.metadata.ownerReferences?.some((owner) => owner.uid === deployment.metadata.uid));
    return current?.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];
}
/** Applies a JSON merge patch to a Service: only the fields it names change. */
async function patchService(kubectl, ref, patch) {
    await kubectl.run(['patch', 'service', ref.name, ...(0,kube_kubectl.namespaceArgs)(ref.namespace), '--type=merge', '-p', JSON.stringify(patch)]);
}
/** Deletes the objects named, saying which existed; a second run finds nothing to do and succeeds. */
async function deleteNamed(kubectl, refs, logger) {
    const deleted = await deleteObjects(kubectl, refs);
    for (const ref of deleted)
        logger.info(`deleted ${describeRef(ref)}`);
    return deleted;
}

// EXTERNAL MODULE: ./.tmp/build/src/kube/strategies/traffic/router.js
var traffic_router = __webpack_require__(8302);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/traffic/gateway-api.js


const HTTPROUTE_RESOURCE = 'httproutes.gateway.networking.k8s.io';
/** Where the primary's weight in each rule is kept while other backends share its traffic: `{"<rule index>": weight}`. */
const PRIMARY_WEIGHTS_ANNOTATION = 'gitops-delivery/primary-weights';
const rulesOf = (route) => route.spec?.rules ?? [];
/** Whether a backendRef names a Service of the route's namespace (the default group and kind). */
function namesService(ref, route, name) {
    return (ref.name === name &&
        (ref.group ?? '') === '' &&
        (ref.kind ?? 'Service') === 'Service' &&
        (ref.namespace === undefined || ref.namespace === route.metadata.namespace));
}
const describeRule = (rule, index) => `rule ${index + 1}${rule.name ? ` (${rule.name})` : ''}`;
/**
 * The indexes of the rules to weigh: those whose backendRefs name the
 * primary Service, narrowed to the one `ruleWanted` names (its `name`, or its
 * position from 1) when given. Refused, with the route and the reason, when
 * none does, or when a rule also sends traffic elsewhere (its other
 * backends would take part of every share).
 */
function routedRules(route, primary, ours, ruleWanted = '') {
    const rules = rulesOf(route);
    const where = describeRoute(route);
    let indexes = rules.map((_, i) => i);
    if (ruleWanted) {
        const position = /^\d+$/.test(ruleWanted) ? Number(ruleWanted) - 1 : -1;
        indexes = indexes.filter((i) => rules[i].name === ruleWanted || i === position);
        if (!indexes.length)
            throw new traffic_router/* TrafficError */._s(`${where} has no rule '${ruleWanted}' (traffic-route-rule): its rules are ${rules.map(describeRule).join(', ') || 'none'}`);
    }
    const routed = indexes.filter((i) => (rules[i].backendRefs ?? []).some((ref) => namesService(ref, route, primary)));
    if (!routed.length) {
        const named = [...new Set(indexes.flatMap((i) => (rules[i].backendRefs ?? []).map((ref) => ref.name)))];
        throw new traffic_router/* TrafficError */._s(`${where} does not send traffic to Service ${primary}${ruleWanted ? ` in rule '${ruleWanted}'` : ''}: its backendRefs name ${named.join(', ') || 'nothing'}`);
    }
    for (const i of routed) {
        const others = (rules[i].backendRefs ?? []).filter((ref) => !namesService(ref, route, primary) && !ours.includes(ref.name));
        if (others.length)
            throw new traffic_router/* TrafficError */._s(`${where} ${describeRule(rules[i], i)} sends traffic to ${others.map((ref) => ref.name).join(', ')} beside Service ${primary}, which would take part of every share: name a rule that sends traffic to ${primary} alone with traffic-route-rule`);
    }
    return routed;
}
/** The Service among `candidates` that the route (or its rule `ruleWanted`) sends traffic to; refused when none. */
function primaryOf(route, candidates, ruleWanted = '') {
    const rules = rulesOf(route);
    for (const rule of rules) {
        for (const ref of rule.backendRefs ?? []) {
            const name = candidates.find((c) => namesService(ref, route, c));
            if (name && (!ruleWanted || routedRules(route, name, (0,traffic_router/* oursBeside */.W8)(name), ruleWanted).length))
                return name;
        }
    }
    const named = [...new Set(rules.flatMap((rule) => (rule.backendRefs ?? []).map((ref) => ref.name)))];
    throw new traffic_router/* TrafficError */._s(`${describeRoute(route)} does not send traffic to the primary (Service ${candidates.join(' or ') || 'none selects its pods'}): its backendRefs name ${named.join(', ') || 'nothing'}`);
}
const describeRoute = (route) => `HTTPRoute ${route.metadata.namespace ? `${route.metadata.namespace}/` : ''}${route.metadata.name}`;
const gateway_api_escape = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');
function recordedWeights(route) {
    const value = route.metadata.annotations?.[PRIMARY_WEIGHTS_ANNOTATION];
    if (!value)
        return undefined;
    try {
        return JSON.parse(value);
    }
    catch {
        return undefined;
    }
}
/**
 * The JSON patch that sets, in each rule given, the primary's weight and a
 * backendRef per backend (added with the primary's port when missing), and
 * records the primary's weights as written the first time.
 */
function weightPatch(route, rules, primary, backends, primaryWeight) {
    const ops = [];
    const all = rulesOf(route);
    const original = {};
    for (const i of rules) {
        const refs = all[i].backendRefs ?? [];
        const base = `/spec/rules/${i}/backendRefs`;
        const at = refs.findIndex((ref) => namesService(ref, route, primary));
        original[i] = refs[at].weight ?? null;
        ops.push({ op: 'test', path: `${base}/${at}/name`, value: primary });
        ops.push({ op: 'add', path: `${base}/${at}/weight`, value: primaryWeight });
        for (const backend of backends) {
            const existing = refs.findIndex((ref) => ref.name === backend.service);
            if (existing >= 0) {
                ops.push({ op: 'test', path: `${base}/${existing}/name`, value: backend.service });
                ops.push({ op: 'add', path: `${base}/${existing}/weight`, value: backend.weight });
            }
            else {
                const { port } = refs[at];
                ops.push({
                    op: 'add',
                    path: `${base}/-`,
                    value: { name: backend.service, ...(port !== undefined ? { port } : {}), weight: backend.weight },
                });
            }
        }
    }
    if (!recordedWeights(route)) {
        const annotations = route.metadata.annotations;
        const value = JSON.stringify(original);
        ops.push(annotations
            ? { op: 'add', path: `/metadata/annotations/${gateway_api_escape(PRIMARY_WEIGHTS_ANNOTATION)}`, value }
            : { op: 'add', path: '/metadata/annotations', value: { [PRIMARY_WEIGHTS_ANNOTATION]: value } });
    }
    return ops;
}
/**
 * The JSON patch that puts the route back as written: the backendRefs named
 * `ours` removed from every rule, the primary's weights as recorded, the
 * record removed. Empty when there is nothing to put back.
 */
function restorePatch(route, primary, ours) {
    const ops = [];
    const recorded = recordedWeights(route) ?? {};
    rulesOf(route).forEach((rule, i) => {
        const refs = rule.backendRefs ?? [];
        const base = `/spec/rules/${i}/backendRefs`;
        const at = refs.findIndex((ref) => namesService(ref, route, primary));
        if (at >= 0 && String(i) in recorded && refs[at].weight !== (recorded[i] ?? undefined)) {
            ops.push({ op: 'test', path: `${base}/${at}/name`, value: primary });
            const weight = recorded[i];
            ops.push(weight === null ? { op: 'remove', path: `${base}/${at}/weight` } : { op: 'add', path: `${base}/${at}/weight`, value: weight });
        }
        // From the last, so that each index still points where it did when read.
        for (let j = refs.length - 1; j >= 0; j--) {
            if (!ours.includes(refs[j].name))
                continue;
            ops.push({ op: 'test', path: `${base}/${j}/name`, value: refs[j].name });
            ops.push({ op: 'remove', path: `${base}/${j}` });
        }
    });
    const annotations = route.metadata.annotations ?? {};
    if (PRIMARY_WEIGHTS_ANNOTATION in annotations) {
        // The record goes; so does the map when it held nothing else, as a route written without annotations had none.
        const alone = Object.keys(annotations).length === 1;
        ops.push({ op: 'remove', path: alone ? '/metadata/annotations' : `/metadata/annotations/${gateway_api_escape(PRIMARY_WEIGHTS_ANNOTATION)}` });
    }
    return ops;
}
/** The weights a rule gives each backend now, for the log: `web 90, web-canary 10`. */
function describeWeights(route, rules) {
    return rules.map((i) => (rulesOf(route)[i].backendRefs ?? []).map((ref) => `${ref.name} ${ref.weight ?? 1}`).join(', ')).join('; ');
}
/** The HTTPRoute `target.name`, read and checked; a router that weighs its rules. */
async function openGatewayRoute(kubectl, target) {
    const { namespace, name, candidates, rule } = target;
    const what = `HTTPRoute ${namespace ? `${namespace}/` : ''}${name}`;
    const read = async () => {
        const out = await runOrExplain(kubectl, ['get', HTTPROUTE_RESOURCE, name, ...(0,kube_kubectl.namespaceArgs)(namespace), '--ignore-not-found', '-o', 'json'], what, 'read');
        if (!out.trim())
            throw new traffic_router/* TrafficError */._s(`${what} does not exist (traffic-route): create it, with a backendRef to Service ${candidates.join(' or ')}, first`, true);
        return JSON.parse(out);
    };
    const patch = (ops, dryRun) => runOrExplain(kubectl, [
        'patch',
        HTTPROUTE_RESOURCE,
        name,
        ...(0,kube_kubectl.namespaceArgs)(namespace),
        '--type=json',
        `--field-manager=${traffic_router/* TRAFFIC_FIELD_MANAGER */.hy}`,
        ...(dryRun ? ['--dry-run=server'] : []),
        '-p',
        JSON.stringify(ops),
    ], what, 'change');
    const route = await read();
    const primary = primaryOf(route, candidates, rule);
    const ours = (0,traffic_router/* oursBeside */.W8)(primary);
    routedRules(route, primary, ours, rule);
    return {
        describe: what,
        primary,
        maxBackends: 16,
        async route(backends, { dryRun = false } = {}) {
            const current = dryRun ? route : await read();
            const rules = routedRules(current, primary, ours, rule);
            const primaryWeight = 100 - backends.reduce((sum, b) => sum + b.weight, 0);
            await patch(weightPatch(current, rules, primary, backends, primaryWeight), dryRun);
            return dryRun ? '' : `${what}: ${describeWeights(await read(), rules)}`;
        },
        async restore() {
            const current = await read();
            const ops = restorePatch(current, primary, ours);
            if (!ops.length)
                return undefined;
            await patch(ops, false);
            const restored = await read();
            return `${what}: ${describeWeights(restored, routedRules(restored, primary, [], rule))}`;
        },
    };
}
/** Runs kubectl; a refusal becomes a TrafficError naming the object and what was being done. */
async function runOrExplain(kubectl, args, what, doing, input) {
    const result = await kubectl.tryRun(args, input === undefined ? {} : { input });
    if (result.code === 0)
        return result.stdout;
    const said = result.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
    const reason = /forbidden/i.test(said)
        ? `the cluster refused (RBAC): ${said}`
        : /the server doesn't have a resource type|no matches for kind/i.test(said)
            ? `the cluster does not serve this kind (are its CRDs installed?): ${said}`
            : said || `kubectl exited ${result.code}`;
    throw new traffic_router/* TrafficError */._s(`could not ${doing} ${what}: ${reason}`);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/traffic/ingress-nginx.js



const NGINX_ANNOTATION = 'nginx.ingress.kubernetes.io/';
const CANARY_ANNOTATION = `${NGINX_ANNOTATION}canary`;
const CANARY_WEIGHT_ANNOTATION = `${NGINX_ANNOTATION}canary-weight`;
/** Marks the canary Ingress as the action's, made from the Ingress it names. */
const CANARY_OF_LABEL = 'gitops-delivery/canary-of';
const canaryIngressName = (ingress) => `${ingress}-canary`;
const namesPrimary = (backend, primary) => backend?.service?.name === primary;
/** The Services an Ingress sends traffic to. */
function backendsOf(ingress) {
    const spec = (ingress.spec ?? {});
    const backends = [spec.defaultBackend, ...(spec.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))];
    return [...new Set(backends.map((b) => b?.service?.name).filter((name) => Boolean(name)))];
}
/** Annotations that make or tune a canary, which the copy must not inherit: it gets its own. */
const isCanaryAnnotation = (key) => key.startsWith(`${NGINX_ANNOTATION}canary`);
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];
/**
 * The canary Ingress for `ingress`: every path and default backend that
 * sends traffic to `primary` sends it to `backend.service` instead, with
 * `backend.weight` percent; paths to other Services are left out. Refused
 * when `ingress` is itself a canary or sends nothing to `primary`.
 */
function canaryIngress(ingress, primary, backend) {
    const what = `Ingress ${ingress.metadata.namespace ? `${ingress.metadata.namespace}/` : ''}${ingress.metadata.name}`;
    const annotations = ingress.metadata.annotations ?? {};
    if (annotations[CANARY_ANNOTATION] === 'true')
        throw new traffic_router/* TrafficError */._s(`${what} is itself an ingress-nginx canary (${CANARY_ANNOTATION}: "true"): name the Ingress that serves the primary (traffic-route)`);
    const spec = (ingress.spec ?? {});
    const retarget = (b) => ({ service: { ...b.service, name: backend.service } });
    const rules = (spec.rules ?? [])
        .map((rule) => ({
        ...rule,
        ...(rule.http
            ? {
                http: {
                    paths: (rule.http.paths ?? [])
                        .filter((p) => namesPrimary(p.backend, primary))
                        .map((p) => ({ ...p, backend: retarget(p.backend) })),
                },
            }
            : {}),
    }))
        .filter((rule) => (rule.http?.paths ?? []).length > 0);
    const defaultBackend = namesPrimary(spec.defaultBackend, primary) ? retarget(spec.defaultBackend) : undefined;
    if (!rules.length && !defaultBackend)
        throw new traffic_router/* TrafficError */._s(`${what} does not send traffic to Service ${primary}: its backends name ${backendsOf(ingress).join(', ') || 'no Service'}`);
    const kept = Object.fromEntries(Object.entries(annotations).filter(([key]) => !isCanaryAnnotation(key) && !SERVER_ANNOTATIONS.includes(key)));
    return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
            name: canaryIngressName(ingress.metadata.name),
            ...(ingress.metadata.namespace ? { namespace: ingress.metadata.namespace } : {}),
            labels: { ...ingress.metadata.labels, [CANARY_OF_LABEL]: ingress.metadata.name },
            annotations: { ...kept, [CANARY_ANNOTATION]: 'true', [CANARY_WEIGHT_ANNOTATION]: String(backend.weight) },
        },
        spec: {
            ...(spec.ingressClassName ? { ingressClassName: spec.ingressClassName } : {}),
            ...(defaultBackend ? { defaultBackend } : {}),
            ...(rules.length ? { rules } : {}),
            ...(spec.tls ? { tls: spec.tls } : {}),
        },
    };
}
/** The Ingress `target.name`, read and checked; a router that gives one other Service a share through a canary Ingress. */
async function openNginxIngress(kubectl, target) {
    const { namespace, name, candidates } = target;
    const what = `Ingress ${namespace ? `${namespace}/` : ''}${name}`;
    const canaryName = canaryIngressName(name);
    const read = async (objectName) => {
        const out = await runOrExplain(kubectl, ['get', 'ingresses.networking.k8s.io', objectName, ...(0,kube_kubectl.namespaceArgs)(namespace), '--ignore-not-found', '-o', 'json'], `Ingress ${objectName}`, 'read');
        return out.trim() ? JSON.parse(out) : undefined;
    };
    const ingress = await read(name);
    if (!ingress)
        throw new traffic_router/* TrafficError */._s(`${what} does not exist (traffic-route): create it, with a backend to Service ${candidates.join(' or ')}, first`, true);
    const primary = candidates.find((c) => backendsOf(ingress).includes(c));
    if (!primary)
        throw new traffic_router/* TrafficError */._s(`${what} does not send traffic to the primary (Service ${candidates.join(' or ') || 'none selects its pods'}): its backends name ${backendsOf(ingress).join(', ') || 'no Service'}`);
    canaryIngress(ingress, primary, { service: primary, weight: 0 });
    return {
        describe: what,
        primary,
        maxBackends: 1,
        async route(backends, { dryRun = false } = {}) {
            if (backends.length !== 1)
                throw new Error(`ingress-nginx gives a share to one Service beside the primary, not ${backends.length}`);
            const [backend] = backends;
            const canary = canaryIngress((await read(name)) ?? ingress, primary, backend);
            await runOrExplain(kubectl, [
                'apply',
                '--server-side',
                `--field-manager=${traffic_router/* TRAFFIC_FIELD_MANAGER */.hy}`,
                '--force-conflicts',
                ...(dryRun ? ['--dry-run=server'] : []),
                '-f',
                '-',
            ], `Ingress ${canaryName}`, 'apply', JSON.stringify(canary));
            return dryRun
                ? ''
                : `${what}: ${100 - backend.weight}% to ${primary}, ${backend.weight}% to ${backend.service} (Ingress ${canaryName})`;
        },
        async restore() {
            if (!(await read(canaryName)))
                return undefined;
            await runOrExplain(kubectl, ['delete', 'ingresses.networking.k8s.io', canaryName, ...(0,kube_kubectl.namespaceArgs)(namespace), '--ignore-not-found'], `Ingress ${canaryName}`, 'delete');
            return `${what}: all traffic to ${primary} again (Ingress ${canaryName} deleted)`;
        },
    };
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/traffic/index.js







/** Marks a track's Service, made from the Service it names. */
const TRACK_OF_LABEL = 'gitops-delivery/track-of';
const OPENERS = { 'gateway-api': openGatewayRoute, 'ingress-nginx': openNginxIngress };
const serviceRef = (service) => ({
    group: '',
    kind: 'Service',
    namespace: service.metadata.namespace ?? '',
    name: service.metadata.name,
});
const templateLabels = (m) => m.object.spec?.template?.metadata?.labels;
/**
 * Reads and checks the routes named (traffic-route) before anything
 * changes: each exists, can be read, and sends traffic to a Service that
 * selects the pods of one of the candidate's Deployments; every Deployment
 * is served by one of them. Undefined with traffic-routing `replicas`.
 */
async function openTraffic(inputs, deployments, deps, { cleanup = false } = {}) {
    const routing = inputs.trafficRouting;
    if (routing === 'replicas')
        return undefined;
    const servicesOf = new Map();
    const routes = [];
    for (const named of inputs.trafficRoutes) {
        const [namespace, name] = named.includes('/') ? named.split('/', 2) : [deployments[0].ref.namespace, named];
        if (!servicesOf.has(namespace))
            servicesOf.set(namespace, (await listServices(deps.kubectl, namespace)).filter((s) => !isPreview(s)));
        const services = (servicesOf.get(namespace) ?? []).filter((s) => !s.metadata.labels?.[TRACK_OF_LABEL]);
        const inNamespace = deployments.filter((m) => m.ref.namespace === namespace);
        const candidates = services.filter((s) => inNamespace.some((m) => selectsPods(s, templateLabels(m))));
        let router;
        try {
            router = await OPENERS[routing](deps.kubectl, {
                namespace,
                name,
                candidates: candidates.map((s) => s.metadata.name),
                rule: inputs.trafficRouteRule,
            });
        }
        catch (error) {
            // Promote and reject go on without a route that is gone: nothing on it to put back, but its Services to release.
            if (!(cleanup && error instanceof traffic_router/* TrafficError */._s && error.missing))
                throw error;
            deps.logger.warning(`${error.message.replace(/ \(traffic-route\).*/, '')}: nothing to put back on it`);
            for (const service of candidates)
                routes.push({
                    router: goneRouter(named, service.metadata.name),
                    service,
                    deployments: inNamespace.filter((m) => selectsPods(service, templateLabels(m))),
                });
            continue;
        }
        const service = candidates.find((s) => s.metadata.name === router.primary);
        routes.push({ router, service, deployments: inNamespace.filter((m) => selectsPods(service, templateLabels(m))) });
    }
    const unrouted = deployments.filter((m) => !routes.some((r) => r.deployments.includes(m)));
    if (unrouted.length && !cleanup) {
        throw new traffic_router/* TrafficError */._s(`traffic-routing is '${routing}', but no traffic-route (${inputs.trafficRoutes.join(', ')}) sends traffic to ${unrouted.map((m) => describeRef(m.ref)).join(', ')}: name the ${routing === 'gateway-api' ? 'HTTPRoute' : 'Ingress'} that serves each Deployment of the candidate`);
    }
    return { routing, routes };
}
/** A route that no longer exists: it weighs nothing and has nothing to put back. */
const goneRouter = (named, primary) => ({
    describe: `${named} (gone)`,
    primary,
    maxBackends: 0,
    route: () => Promise.reject(new traffic_router/* TrafficError */._s(`${named} does not exist`, true)),
    restore: () => Promise.resolve(undefined),
});
/** A Service that selects only `track`'s pods of what `service` selects, with its ports: the backend the route weighs. */
function trackService(service, suffix, selector) {
    const ports = servicePorts(service);
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
            name: `${service.metadata.name}-${suffix}`,
            ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
            labels: { ...service.metadata.labels, [TRACK_OF_LABEL]: service.metadata.name },
        },
        spec: { type: 'ClusterIP', selector, ports },
    };
}
/** The canary's and the baseline's Services, to apply with them. */
function trackServices(traffic) {
    return traffic.routes.flatMap(({ service }) => ['canary', 'baseline'].map((track) => {
        const object = trackService(service, track, { ...routingSelector(service), [TRACK_LABEL]: track });
        return { object, ref: serviceRef(object), source: `${describeRef(serviceRef(service))} (${track})` };
    }));
}
/** The shares of a canary step: the canary and the baseline each get the share (the baseline where the router can weigh it). */
function canaryBackends(router, share) {
    const canary = { service: `${router.primary}-canary`, weight: share };
    if (router.maxBackends < 2)
        return [canary];
    return [canary, { service: `${router.primary}-baseline`, weight: Math.min(share, 100 - share) }];
}
/**
 * Gives each route its backends' weights, in order; with dryRun only asks
 * the API server whether it would. Resolves a failure that says which routes
 * took their weights and which still serve the previous ones, or undefined.
 */
async function setWeights(traffic, backendsOf, deps, notes, { dryRun = false } = {}) {
    const done = [];
    for (const route of traffic.routes) {
        try {
            const line = await route.router.route(backendsOf(route), { dryRun });
            if (dryRun)
                continue;
            deps.logger.info(`weights: ${line}`);
            notes.push(`Weights: ${line}.`);
            done.push(route.router.describe);
        }
        catch (error) {
            const rest = traffic.routes.filter((r) => r !== route && !done.includes(r.router.describe)).map((r) => r.router.describe);
            const message = error instanceof Error ? error.message : String(error);
            return `${message}; ${route.router.describe}${rest.length ? `, ${rest.join(', ')}` : ''} still serve${rest.length ? '' : 's'} the previous weights${done.length ? ` (${done.join(', ')} took the new ones)` : ''}`;
        }
    }
    return undefined;
}
/** Puts every route back as the user wrote it; resolves a failure naming those that could not be, or undefined. */
async function restoreRoutes(traffic, deps, notes) {
    const failed = [];
    for (const route of traffic.routes) {
        try {
            const line = await route.router.restore();
            if (!line)
                continue;
            deps.logger.info(`restored: ${line}`);
            notes.push(`Restored ${line}.`);
        }
        catch (error) {
            failed.push(error instanceof Error ? error.message : String(error));
        }
    }
    return failed.length ? failed.join('; ') : undefined;
}
/**
 * Holds each primary Service to the pods of its Deployment's current
 * ReplicaSet, so that the tracks' pods, which carry the same labels, get
 * traffic only through their own Services' weights.
 */
async function pinPrimaries(traffic, deps, notes) {
    for (const { service, deployments } of traffic.routes) {
        const [deployment] = deployments;
        const live = await getLive(deps.kubectl, deployment.ref);
        const hash = live && (await currentPodTemplateHash(deps.kubectl, live));
        if (!hash)
            throw new traffic_router/* TrafficError */._s(`${describeRef(deployment.ref)} has no current ReplicaSet to hold Service ${service.metadata.name} to`);
        const from = serviceSelector(service);
        if (from[POD_TEMPLATE_HASH_LABEL] === hash)
            continue;
        await patchService(deps.kubectl, serviceRef(service), retargetPatch(from, { ...routingSelector(service), [POD_TEMPLATE_HASH_LABEL]: hash }));
        service.spec = { ...service.spec, selector: { ...routingSelector(service), [POD_TEMPLATE_HASH_LABEL]: hash } };
        notes.push(`Service ${service.metadata.name} is held to the primary's pods (${POD_TEMPLATE_HASH_LABEL} ${hash}) while the canary runs.`);
    }
}
/** The primary Services select by the app's labels again (before the primary rolls out a new template, and after the tracks go). */
async function unpinPrimaries(traffic, deps, notes) {
    for (const { service } of traffic.routes) {
        const from = serviceSelector(service);
        if (!(POD_TEMPLATE_HASH_LABEL in from))
            continue;
        await patchService(deps.kubectl, serviceRef(service), retargetPatch(from, routingSelector(service)));
        service.spec = { ...service.spec, selector: routingSelector(service) };
        notes.push(`Service ${service.metadata.name} selects its pods by the app's labels again.`);
    }
}
/** Deletes the tracks' Services. */
async function deleteTrackServices(traffic, deps) {
    return deleteNamed(deps.kubectl, traffic.routes.flatMap(({ service }) => ['canary', 'baseline'].map((track) => ({ ...serviceRef(service), name: `${service.metadata.name}-${track}` }))), deps.logger);
}
/** What the summary says of the routing, when weighted. */
const describeTraffic = (traffic) => traffic &&
    `traffic-routing ${traffic.routing}: ${traffic.routes.map((r) => `${r.router.describe} -> Service ${r.router.primary}`).join(', ')}`;

// EXTERNAL MODULE: ./.tmp/build/src/action/markdown.js
var markdown = __webpack_require__(5691);
;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/report.js
/** What a canary or blue-green step did, for the outputs and the job summary. */


function emptyReport(strategy, action) {
    return { strategy, action, canaries: [], colors: [], created: [], switched: [], deleted: [], notes: [] };
}
/** The strategy's outputs; set on every run, empty when they do not apply, so a workflow can test them. */
function strategyOutputs(report) {
    const colors = [...new Set(report?.colors.map((set) => set.color))];
    return {
        'canary-workloads': JSON.stringify(report?.canaries ?? []),
        ...canaryShareOutputs(report),
        'canary-track': report?.strategy === 'canary' && report.canaries.length ? 'canary' : '',
        'baseline-track': report?.strategy === 'canary' && report.canaries.length ? 'baseline' : '',
        'blue-green-workloads': JSON.stringify(report?.colors ?? []),
        color: colors.length === 1 ? colors[0] : '',
    };
}
/**
 * The canary's share asked and served, and its step: one value for every
 * Deployment, the largest served share when they differ (what a bad
 * candidate could reach at most).
 */
function canaryShareOutputs(report) {
    const deployed = report?.strategy === 'canary' && report.action === 'deploy' ? report.canaries.filter((p) => p.servedShare !== undefined) : [];
    if (!deployed.length)
        return { 'canary-share': '', 'served-share': '', 'canary-step': '' };
    const steps = [...new Set(deployed.map((p) => p.step))];
    return {
        'canary-share': String(Math.max(...deployed.map((p) => p.share))),
        'served-share': String(Math.max(...deployed.map((p) => p.servedShare))),
        'canary-step': steps.length === 1 && steps[0] !== undefined ? String(steps[0]) : '',
    };
}
/** The canary's asked and served share at each step so far, as a Mermaid chart GitHub draws in the summary. */
function stepChart(pair) {
    const history = pair.history ?? [];
    return [
        '```mermaid',
        'xychart-beta',
        `  title "${pair.primary}: canary share by step (bars asked, line served)"`,
        `  x-axis "step" [${history.map((_, i) => i + 1).join(', ')}]`,
        '  y-axis "share of traffic (%)" 0 --> 100',
        `  bar [${history.map((h) => h.share).join(', ')}]`,
        `  line [${history.map((h) => h.served).join(', ')}]`,
        '```',
        '',
    ];
}
function strategySection(report) {
    const lines = [`#### ${report.strategy === 'canary' ? 'Canary' : 'Blue-green'}: ${report.action}`, ''];
    for (const note of report.notes)
        lines.push(`> ${note}`, '');
    const served = report.canaries.filter((pair) => pair.servedShare !== undefined);
    if (served.length) {
        const withSteps = served.some((pair) => pair.step !== undefined);
        const pods = (pair) => `${pair.replicas} / ${pair.baselineReplicas} / ${pair.primaryReplicas} (of ${pair.primaryOriginalReplicas})`;
        const shares = (pair) => `**${pair.servedShare}%** / ${pair.baselineShare}% / ${pair.primaryShare}%`;
        lines.push((0,markdown/* table */.tp)([
            'namespace',
            'primary',
            ...(withSteps ? ['step'] : []),
            'share asked',
            'served: canary / baseline / primary',
            'pods: canary / baseline / primary',
        ], served.map((pair) => [
            pair.namespace,
            pair.primary,
            ...(withSteps ? [String(pair.step ?? '')] : []),
            `${pair.share}%`,
            shares(pair),
            pods(pair),
        ])), '', 'A Service spreads its connections evenly over the ready pods it selects, so each track serves its share of the pods.', '');
        for (const pair of served.filter((p) => p.step !== undefined)) {
            lines.push((0,markdown/* table */.tp)(['step', 'share asked', 'canary share served'], (pair.history ?? []).map((h, i) => [String(i + 1), `${h.share}%`, `${h.served}%`])), '', ...stepChart(pair));
        }
    }
    else if (report.canaries.length) {
        lines.push((0,markdown/* table */.tp)(['namespace', 'primary', 'canary', 'baseline'], report.canaries.map((pair) => [pair.namespace, pair.primary, pair.canary, pair.baseline])), '');
    }
    if (report.colors.length) {
        lines.push((0,markdown/* table */.tp)(['namespace', 'deployment', 'colour', 'workload', 'previous', 'live services', 'preview services'], report.colors.map((set) => [
            set.namespace,
            set.primary,
            set.color,
            set.workload,
            set.previous ?? '',
            set.services.join(', '),
            set.previews.join(', '),
        ])), '');
    }
    const list = (title, refs) => refs.length ? [`**${title}**`, '', ...refs.map((ref) => `- ${describeRef(ref)}`), ''] : [];
    lines.push(...list('Created or updated', report.created));
    if (report.switched.length) {
        lines.push('**Switched**', '', ...report.switched.map(({ service, from, to }) => `- ${describeRef(service)}: from ${from} to **${to}**`), '');
    }
    lines.push(...list('Deleted', report.deleted));
    if (!report.created.length && !report.switched.length && !report.deleted.length)
        lines.push('Nothing was created, switched or deleted.', '');
    return lines;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/strategy.js
/** A step that applied nothing and waited for nothing: a reject, or a promote with nothing left to switch. */
const emptyRollout = (revision) => ({ revision, applied: [], workloads: [], diagnoses: [], healthy: true });
/** A step that changed nothing yet: it succeeded, with an empty rollout. */
const emptyResult = (revision) => ({
    result: 'succeeded',
    revision,
    candidate: emptyRollout(revision),
    pruned: [],
    durationMs: 0,
});

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/blue-green/plan.js
/**
 * The blue-green strategy. deploy: the candidate's Deployments run full size
 * as `<name>-<colour>`, the colour not live, beside what serves now, with a
 * `<service>-preview` Service that selects only them, for checks. promote:
 * once they are ready, each live Service's selector moves to the new colour
 * in one update, then the old colour goes. reject: the new colour and its
 * previews go; the live Services never changed.
 *
 * The live colour is recorded on the live Services (`gitops-delivery/live-
 * color`), which is what the switch changes, so the record and the traffic
 * cannot disagree. Before the first switch, a plain Deployment `<name>` is
 * what serves: it counts as the old colour and goes at the first promote.
 */






const plan_serviceRef = (namespace, name) => ({ group: '', kind: 'Service', namespace, name });
const colorRef = (plan, color) => ({
    ...plan.deployment.ref,
    name: colorName(plan.deployment.ref.name, color),
});
const previewRefs = (plan) => plan.services.map((s) => plan_serviceRef(plan.deployment.ref.namespace, previewName(s.ref.name)));
const previous = (plan) => plan.live ? colorRef(plan, plan.live) : plan.plain ? plan.deployment.ref : undefined;
/** Reads, for each Deployment of the candidate, the Services that send it traffic and which colour they serve. */
async function planColors(source, deps) {
    const deployments = source.candidate.manifests.filter(isDeployment);
    if (!deployments.length) {
        throw new errors/* InputError */.d('manifests', "declare no Deployment, so strategy 'blue-green' has nothing to do", "manifests with at least one Deployment, or strategy 'rolling'");
    }
    const namespaces = [...new Set(deployments.map((m) => m.ref.namespace))];
    const liveServices = new Map(await Promise.all(namespaces.map(async (ns) => [ns, (await listServices(deps.kubectl, ns)).filter((s) => !isPreview(s))])));
    return Promise.all(deployments.map(async (deployment) => {
        const { namespace } = deployment.ref;
        const labels = deployment.object.spec?.template?.metadata?.labels;
        const declared = source.candidate.manifests.filter((m) => isService(m) && m.ref.namespace === namespace && selectsPods(m.object, labels));
        const live = (liveServices.get(namespace) ?? []).filter((s) => selectsPods(s, labels));
        const services = new Map();
        const liveNamed = (name) => (liveServices.get(namespace) ?? []).find((s) => s.metadata.name === name);
        for (const m of declared)
            services.set(m.ref.name, { ref: m.ref, object: m.object, declared: true, live: liveNamed(m.ref.name) });
        for (const s of live) {
            if (!services.has(s.metadata.name))
                services.set(s.metadata.name, { ref: plan_serviceRef(namespace, s.metadata.name), object: s, declared: false, live: s });
        }
        if (!services.size) {
            throw new errors/* InputError */.d('manifests', `no Service selects the pods of ${describeRef(deployment.ref)}, so blue-green has no traffic to switch`, "a Service whose selector matches the Deployment's pod labels, or strategy 'rolling'");
        }
        const colors = [...new Set(live.map(liveColorOf).filter((c) => Boolean(c)))];
        if (colors.length > 1) {
            throw new Error(`the Services of ${describeRef(deployment.ref)} disagree about the live colour (${live.map((s) => `${s.metadata.name}: ${liveColorOf(s) ?? 'none'}`).join(', ')}); switch them to one colour by hand first`);
        }
        const [liveColor] = colors;
        return {
            deployment,
            services: [...services.values()],
            live: liveColor,
            next: nextColor(liveColor),
            plain: await getLive(deps.kubectl, deployment.ref),
        };
    }));
}
function colorManifest(plan, color) {
    const { deployment } = plan;
    return {
        object: derivedDeployment(deployment.object, { name: colorName(deployment.ref.name, color), label: COLOR_LABEL, value: color }),
        ref: colorRef(plan, color),
        source: `${deployment.source} (${color})`,
    };
}
function previewManifests(plan, color) {
    return plan.services.map((service) => ({
        object: previewService(service.object, color),
        ref: plan_serviceRef(plan.deployment.ref.namespace, previewName(service.ref.name)),
        source: `${plan.deployment.source} (preview of ${service.ref.name})`,
    }));
}
function colorSet(plan, color, withPreviews) {
    const before = previous(plan);
    return {
        namespace: plan.deployment.ref.namespace,
        primary: plan.deployment.ref.name,
        color,
        workload: colorName(plan.deployment.ref.name, color),
        ...(before && before.name !== colorName(plan.deployment.ref.name, color) ? { previous: before.name } : {}),
        services: plan.services.map((s) => s.ref.name),
        previews: withPreviews ? plan.services.map((s) => previewName(s.ref.name)) : [],
    };
}
/** Live Services of a plan still on its plain Deployment, none switched yet: the ones to pin, and to unpin. */
const plainServices = (plan) => plan.plain && !plan.live ? plan.services.filter((s) => Boolean(s.live)) : [];
/** What every blue-green step starts from: a plan per Deployment, and a result that has changed nothing yet. */
async function startBlueGreen(source, action, deps) {
    const plans = await planColors(source, deps);
    const report = emptyReport('blue-green', action);
    return { plans, report, result: { ...emptyResult(source.candidate.sha), strategy: report } };
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/blue-green/deploy.js






/**
 * Blue-green deploy: the candidate's Deployments run full size as
 * `<name>-<colour>`, the colour not live, beside what serves now, with a
 * `<service>-preview` Service that selects only them, for checks.
 */
async function deployBlueGreen(source, inputs, deps) {
    const { plans, report, result } = await startBlueGreen(source, 'deploy', deps);
    const { sha } = source.candidate;
    const { logger } = deps;
    for (const plan of plans) {
        const before = previous(plan);
        logger.info(`${describeRef(plan.deployment.ref)}: deploying ${plan.next} beside ${before ? `${before.name}, which serves now` : 'nothing (no live colour, no plain Deployment)'}`);
    }
    // With weights, the routes are read and the switch tried (RBAC, validation) before anything changes.
    const traffic = await openTraffic(inputs, plans.map((plan) => plan.deployment), deps);
    if (traffic) {
        const refused = await setWeights(traffic, (route) => [{ service: previewName(route.router.primary), weight: 100 }], deps, [], {
            dryRun: true,
        });
        if (refused)
            throw new traffic_router/* TrafficError */._s(`${refused}; nothing was changed`);
    }
    await pinToPlainPods(plans, deps, report.notes);
    const created = plans.flatMap((plan) => [colorManifest(plan, plan.next), ...previewManifests(plan, plan.next)]);
    const manifests = [...source.candidate.manifests.filter(isPodDependency), ...created];
    result.candidate = await logger.group('Blue-green: apply the new colour and its previews, and wait', () => rollOut({ sha, manifests }, inputs, deps, true));
    report.created = created.map((m) => m.ref);
    report.colors = plans.map((plan) => colorSet(plan, plan.next, true));
    if (!result.candidate.healthy) {
        result.result = 'failed';
        result.failure = `${describeFailure(result.candidate)}; the live Services are unchanged, the new colour is left for inspection: action 'reject' removes it`;
    }
    return result;
}
/**
 * Before the first switch, the live Services select the plain Deployment's
 * pods by the app's labels alone, which the new colour's pods carry too:
 * each is pinned to the pods the plain Deployment runs now, by their
 * pod-template-hash, so that the new colour gets no live traffic before
 * promote. The switch replaces the whole selector, pin included.
 */
async function pinToPlainPods(plans, deps, notes) {
    for (const plan of plans) {
        const services = plainServices(plan);
        if (!services.length)
            continue;
        const hash = await currentPodTemplateHash(deps.kubectl, plan.plain);
        if (!hash) {
            deps.logger.warning(`${describeRef(plan.deployment.ref)} has no current ReplicaSet to pin its Services to; they may send traffic to the new colour before promote`);
            continue;
        }
        for (const service of services) {
            const from = serviceSelector(service.live);
            const to = { ...routingSelector(service.live), [POD_TEMPLATE_HASH_LABEL]: hash };
            if (from[POD_TEMPLATE_HASH_LABEL] === hash)
                continue;
            await patchService(deps.kubectl, service.ref, retargetPatch(from, to));
            notes.push(`${describeRef(service.ref)} is held to the pods of the plain ${plan.deployment.ref.name} (${POD_TEMPLATE_HASH_LABEL} ${hash}) until promote.`);
        }
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/blue-green/promote.js








/**
 * Blue-green promote: once the new colour is ready, each live Service's
 * selector moves to it in one update, then the old colour goes.
 */
async function promoteBlueGreen(source, inputs, deps) {
    const { plans, report, result } = await startBlueGreen(source, 'promote', deps);
    const { kubectl, logger } = deps;
    const { sha } = source.candidate;
    const traffic = await openTraffic(inputs, plans.map((plan) => plan.deployment), deps);
    // Which colour each Deployment ends on: the new one when it was deployed, or the live one when a promote already ran.
    const targets = await Promise.all(plans.map(async (plan) => {
        if (await getLive(kubectl, colorRef(plan, plan.next)))
            return { plan, color: plan.next, switching: true };
        if (plan.live && (await getLive(kubectl, colorRef(plan, plan.live))))
            return { plan, color: plan.live, switching: false };
        throw new Error(`${describeRef(colorRef(plan, plan.next))} does not exist, so there is nothing to promote: run action 'deploy' with strategy 'blue-green' first`);
    }));
    const switching = targets.filter((t) => t.switching);
    for (const { plan } of targets.filter((t) => !t.switching)) {
        report.notes.push(`${describeRef(plan.deployment.ref)}: ${plan.live} is already live; nothing to switch.`);
    }
    // The new colour must be ready before any traffic moves to it.
    const colors = await logger.group('Blue-green: the new colour, ready before the switch', () => rollOut({ sha, manifests: switching.map(({ plan }) => colorManifest(plan, plan.next)) }, inputs, deps, true));
    result.candidate = colors;
    report.colors = targets.map(({ plan, color }) => colorSet(plan, color, false));
    if (!colors.healthy) {
        result.result = 'failed';
        result.failure = `${describeFailure(colors)}; not switched: the live Services still serve the old colour`;
        return result;
    }
    // With weights, the routes move all traffic to the new colour's previews in one update each, before any selector moves.
    if (traffic && switching.length) {
        const refused = await setWeights(traffic, (route) => [{ service: previewName(route.router.primary), weight: 100 }], deps, report.notes);
        if (refused) {
            result.result = 'failed';
            result.failure = `${refused}; not switched: the live Services still serve the old colour`;
            return result;
        }
    }
    // The rest of the candidate, with each live Service switched: selector and live-colour record in one update.
    const colorOf = new Map();
    for (const { plan, color } of targets)
        for (const service of plan.services)
            colorOf.set(refKey(service.ref), color);
    const planned = new Set(plans.map((plan) => refKey(plan.deployment.ref)));
    const rest = source.candidate.manifests
        .filter((m) => !planned.has(refKey(m.ref)))
        .map((m) => {
        const color = colorOf.get(refKey(m.ref));
        return color ? { ...m, object: switchedService(m.object, color, true) } : m;
    });
    const undeclared = targets.flatMap(({ plan, color }) => plan.services
        .filter((s) => !s.declared)
        .map((s) => ({ object: switchedService(s.object, color, false), ref: s.ref, source: `${describeRef(s.ref)} (switched)` })));
    const switched = await logger.group('Blue-green: switch the live Services and apply the rest', () => rollOut({ sha, manifests: [...rest, ...undeclared] }, inputs, deps, true));
    result.candidate = combine(colors, switched);
    if (switched.applyError) {
        result.result = 'failed';
        result.failure = `${switched.applyError}; the new colour runs, but the live Services may not have switched${traffic ? ` (the routes send all traffic to the new colour's previews, which are kept)` : ''}`;
        return result;
    }
    for (const { plan, color } of switching) {
        for (const service of plan.services) {
            report.switched.push({
                service: service.ref,
                from: plan.live ?? (plan.plain ? `the plain ${plan.deployment.ref.name}` : 'nothing'),
                to: color,
            });
            logger.info(`${describeRef(service.ref)} now serves ${color}`);
        }
    }
    if (!switched.healthy && inputs.rollbackOnFailure) {
        // The old colour still runs: traffic goes back to it, and nothing is deleted.
        const back = await logger.group('Blue-green: switch the live Services back', async () => {
            const selectors = await switchBack(switching, deps, report.notes);
            return (await routesAsWritten(traffic, deps, report.notes)) && selectors;
        });
        result.result = back ? 'rolled-back' : 'failed';
        result.failure = `switched to the new colour, but ${describeFailure(switched)}; ${back
            ? 'the live Services were switched back to what served before, which still runs'
            : 'switching the live Services back failed too (see above)'}; the new colour and the other objects applied are left for inspection: action 'reject' removes the new colour`;
        return result;
    }
    // The routes go back to the live Services, which serve the new colour now; the previews they weighed can then go.
    if (!(await routesAsWritten(traffic, deps, report.notes))) {
        result.result = 'failed';
        result.failure = `switched to the new colour, but the routes could not be put back on the live Services (see above): they send all traffic to the previews, which are kept; run promote again`;
        return result;
    }
    // Traffic has left the old colour: it goes, and so do the previews.
    const old = switching.map(({ plan }) => previous(plan)).filter((ref) => Boolean(ref));
    report.deleted = await deleteNamed(kubectl, [...old, ...plans.flatMap(previewRefs)], logger);
    if (!switched.healthy) {
        result.result = 'failed';
        result.failure = `switched to the new colour, but ${describeFailure(switched)}`;
    }
    return result;
}
function combine(first, second) {
    return {
        revision: first.revision,
        applied: [...first.applied, ...second.applied],
        workloads: [...first.workloads, ...second.workloads],
        diagnoses: [...first.diagnoses, ...second.diagnoses],
        applyError: first.applyError ?? second.applyError,
        healthy: first.healthy && second.healthy,
    };
}
/**
 * Puts each switched Service's selector and live-colour record back as they
 * were before promote. A Service that did not exist before has nothing to
 * go back to, and is left as switched. Resolves whether every patch landed.
 */
async function switchBack(switching, deps, notes) {
    let ok = true;
    for (const { plan, color } of switching) {
        for (const service of plan.services) {
            if (!service.live) {
                notes.push(`${describeRef(service.ref)} is new in this revision: it stays on ${color}.`);
                continue;
            }
            const switched = { ...routingSelector(service.object), [COLOR_LABEL]: color };
            try {
                await patchService(deps.kubectl, service.ref, retargetPatch(switched, serviceSelector(service.live), liveColorOf(service.live) ?? null));
                const before = plan.live ?? `the plain ${plan.deployment.ref.name}`;
                deps.logger.info(`${describeRef(service.ref)} serves ${before} again`);
                notes.push(`${describeRef(service.ref)}: switched back to ${before}.`);
            }
            catch (error) {
                ok = false;
                deps.logger.error(`${describeRef(service.ref)}: could not switch back: ${(0,errors/* describeError */.U)(error)}`);
            }
        }
    }
    return ok;
}
/** Puts the routes back as written (all traffic to the live Services), logging a refusal; resolves whether all were. */
async function routesAsWritten(traffic, deps, notes) {
    if (!traffic)
        return true;
    const failure = await restoreRoutes(traffic, deps, notes);
    if (failure)
        deps.logger.error(failure);
    return !failure;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/blue-green/reject.js





/** Blue-green reject: the new colour and its previews go; the live Services never changed. */
async function rejectBlueGreen(source, inputs, deps) {
    const { plans, report, result } = await startBlueGreen(source, 'reject', deps);
    const { logger } = deps;
    report.colors = plans.map((plan) => colorSet(plan, plan.next, false));
    // A promote stopped half-way may have left the routes on the previews: back to the live Services before the previews go.
    const traffic = await openTraffic(inputs, plans.map((plan) => plan.deployment), deps, { cleanup: true });
    const failure = traffic && (await restoreRoutes(traffic, deps, report.notes));
    if (failure) {
        result.result = 'failed';
        result.failure = `${failure}; the new colour and its previews are left running, since the routes still send them traffic: run reject again`;
        return result;
    }
    report.deleted = await deleteNamed(deps.kubectl, plans.flatMap((plan) => [colorRef(plan, plan.next), ...previewRefs(plan)]), logger);
    if (!report.deleted.length)
        report.notes.push('No new colour or preview was left to delete.');
    await unpin(plans, deps, report.notes);
    return result;
}
/** After a reject, a Service pinned to the plain Deployment's pods selects by the app's labels again. */
async function unpin(plans, deps, notes) {
    for (const plan of plans) {
        for (const service of plainServices(plan)) {
            const from = serviceSelector(service.live);
            if (!(POD_TEMPLATE_HASH_LABEL in from))
                continue;
            await patchService(deps.kubectl, service.ref, retargetPatch(from, routingSelector(service.live)));
            notes.push(`${describeRef(service.ref)} selects the plain ${plan.deployment.ref.name}'s pods by its labels again.`);
        }
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./.tmp/build/src/git/identity.js

const ACTIONS_BOT = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };
/** `Name <email>`, the form git prints. */
function parseIdentity(text, input) {
    const match = /^([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text.trim());
    if (!match)
        throw new InputError(input, `'${text}' is not an identity`, "'Name <email@example.com>'");
    return { name: match[1], email: match[2] };
}
function formatIdentity(identity) {
    return `${identity.name} <${identity.email}>`;
}

;// CONCATENATED MODULE: ./.tmp/build/src/git/git.js


const spawnGit = (args, { cwd, env, input }) => new Promise((resolve, reject) => {
    const child = (0,external_node_child_process_.spawn)('git', args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 }));
    // A command that exits without reading all its input is judged by its exit code, not by EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
});
class GitError extends Error {
    args;
    stderr;
    code;
    constructor(args, stderr, code) {
        super(`git ${args[0]} failed (exit ${code}): ${stderr.trim().split('\n').slice(-4).join(' | ') || 'no message'}`);
        this.args = args;
        this.stderr = stderr;
        this.code = code;
        this.name = 'GitError';
    }
}
/**
 * git in one working directory. The token travels as an HTTP header in
 * GIT_CONFIG_* variables of each command, as actions/checkout's extraheader
 * does, but never written to .git/config and never on a command line that
 * `ps` would show. Everything git prints passes through `redact` first.
 */
class Git {
    dir;
    env;
    secrets;
    constructor(dir, options = {}) {
        this.dir = dir;
        this.exec = options.exec ?? spawnGit;
        const committer = options.committer ?? ACTIONS_BOT;
        const header = options.token ? `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}` : '';
        this.secrets = options.token ? [options.token, header.slice('AUTHORIZATION: basic '.length)] : [];
        const config = [
            ['core.hooksPath', '/dev/null'],
            ['advice.detachedHead', 'false'],
            ['init.defaultBranch', 'main'],
            ['gc.auto', '0'],
            ['maintenance.auto', 'false'],
            ...(header ? [['http.extraheader', header]] : []),
        ];
        this.env = {
            ...(options.baseEnv ?? process.env),
            GIT_TERMINAL_PROMPT: '0',
            GCM_INTERACTIVE: 'never',
            GIT_ASKPASS: 'true',
            SSH_ASKPASS: 'true',
            LC_ALL: 'C',
            GIT_COMMITTER_NAME: committer.name,
            GIT_COMMITTER_EMAIL: committer.email,
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_COUNT: String(config.length),
            ...Object.fromEntries(config.flatMap(([key, value], i) => [
                [`GIT_CONFIG_KEY_${i}`, key],
                [`GIT_CONFIG_VALUE_${i}`, value],
            ])),
        };
    }
    exec;
    redact(text) {
        return this.secrets.reduce((result, secret) => result.split(secret).join('***'), text);
    }
    /** Runs git; a non-zero exit throws a GitError whose text holds no secret. */
    async run(args, options = {}) {
        const result = await this.tryRun(args, options);
        if (result.code !== 0)
            throw new GitError(args, result.stderr, result.code);
        return result.stdout;
    }
    async tryRun(args, options = {}) {
        const result = await this.spawn(args, options);
        return { code: result.code, stdout: this.redact(result.stdout.toString('utf8')), stderr: result.stderr };
    }
    /** Runs git for its raw output, such as blob contents. */
    async bytes(args, options = {}) {
        const result = await this.spawn(args, options);
        if (result.code !== 0)
            throw new GitError(args, result.stderr, result.code);
        return result.stdout;
    }
    async spawn(args, { input, env }) {
        const result = await this.exec(args, { cwd: this.dir, env: env ? { ...this.env, ...env } : this.env, input });
        return { ...result, stderr: this.redact(result.stderr) };
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/git/tree.js
const SYMLINK = '120000';
const REGULAR = '100644';
/**
 * The tree being edited, held in git's index and never checked out: an env
 * repository of thousands of files costs one `read-tree`, and reads and writes
 * go through git's object store, so no path from the user ever reaches the
 * file system and no symbolic link can be followed out of the repository.
 */
class IndexTree {
    git;
    constructor(git) {
        this.git = git;
    }
    /** Loads a commit's tree (or nothing, for a branch's first commit). */
    async reset(commit) {
        await this.git.run(commit ? ['read-tree', commit] : ['read-tree', '--empty']);
    }
    async entries() {
        const text = await this.git.run(['ls-files', '--stage', '-z']);
        return text
            .split('\0')
            .filter(Boolean)
            .map((line) => {
            const tab = line.indexOf('\t');
            const [mode, object] = line.slice(0, tab).split(' ');
            return { mode, object, path: line.slice(tab + 1) };
        });
    }
    /** Contents of many blobs in one `cat-file --batch`, in the order asked. */
    async read(objects) {
        if (objects.length === 0)
            return [];
        const out = await this.git.bytes(['cat-file', '--batch'], { input: objects.join('\n') + '\n' });
        const blobs = [];
        let at = 0;
        for (const object of objects) {
            const headerEnd = out.indexOf(0x0a, at);
            const header = out.subarray(at, headerEnd).toString('utf8');
            const size = Number(header.split(' ')[2]);
            if (!Number.isInteger(size))
                throw new Error(`git cat-file could not read ${object}: ${header}`);
            blobs.push(out.subarray(headerEnd + 1, headerEnd + 1 + size));
            at = headerEnd + 1 + size + 1;
        }
        return blobs;
    }
    /** Stores contents as blobs and puts them in the index at their paths. */
    async write(files) {
        if (files.length === 0)
            return;
        const lines = [];
        for (const file of files) {
            const object = (await this.git.run(['hash-object', '-w', '--stdin'], { input: file.content })).trim();
            lines.push(`${file.mode ?? REGULAR} ${object}\t${file.path}`);
        }
        await this.update(lines);
    }
    /** Sets entries as they are in another tree (mode and object), or removes them. */
    async set(entries, removed = []) {
        await this.update([
            ...removed.map((path) => `0 ${'0'.repeat(40)}\t${path}`),
            ...entries.map((entry) => `${entry.mode} ${entry.object}\t${entry.path}`),
        ]);
    }
    /** Every entry of a commit's tree, recursively. */
    async entriesOf(commit) {
        const text = await this.git.run(['ls-tree', '-r', '-z', '--full-tree', commit]);
        return text
            .split('\0')
            .filter(Boolean)
            .map((line) => {
            const tab = line.indexOf('\t');
            const [mode, , object] = line.slice(0, tab).split(' ');
            return { mode, object, path: line.slice(tab + 1) };
        });
    }
    /** Writes the index as a tree object and returns its id. */
    async writeTree() {
        return (await this.git.run(['write-tree'])).trim();
    }
    async update(lines) {
        if (lines.length)
            await this.git.run(['update-index', '--add', '--remove', '-z', '--index-info'], { input: lines.join('\0') + '\0' });
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/git/env-repo.js




/** Why a remote refused us, in words a user can act on. */
class RemoteError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RemoteError';
    }
}
function explainRemoteFailure(error, remote, input) {
    const text = error.stderr;
    // git's words for a repository that is not there, as opposed to one that refused us.
    if (/does not appear to be a git repository|repository '[^']*' not found|Repository not found|No such file or directory/i.test(text)) {
        const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote.url) && !/^[^/]+@[^:]+:/.test(remote.url);
        return new RemoteError(local
            ? `input '${input}': ${remote.url.replace(/^file:\/\//, '')} is not a git repository on this runner (no such folder, or no repository in it); expected 'owner/name', a git URL, or the path of a repository`
            : `input '${input}': ${remote.url} has no repository there, or the token may not see it (${lastLine(text)}); expected 'owner/name' or the URL of an existing repository the token can read`);
    }
    if (/Authentication failed|could not read Username|401|403|Permission denied|access denied|not authorized/i.test(text)) {
        return new RemoteError(`input '${input}': ${remote.url} refused the credentials (${lastLine(text)}); check the 'token' input: it needs contents: write on that repository`);
    }
    return new RemoteError(`input '${input}': cannot reach ${remote.url} (${lastLine(text)}); expected a reachable git repository`);
}
/** git's last meaningful line: not its closing advice ("Please make sure you have the correct access rights …"). */
function lastLine(text) {
    return (text
        .trim()
        .split('\n')
        .filter((line) => line.trim() && !/^(Please make sure you have the correct access rights|and the repository exists\.)/.test(line.trim()))
        .pop()
        ?.replace(/^fatal: /, '') ?? 'no message');
}
/** What the remote said when it refused a push: its own `remote:` lines and the rejection reason. */
function pushRefusal(text) {
    const said = text
        .split('\n')
        .map((line) => /^remote: (?:error: )?(.+)$/.exec(line)?.[1] ?? /\[(?:remote )?rejected\].*$/.exec(line)?.[0])
        .filter((line) => Boolean(line?.trim()));
    return said.length ? said.join(' | ') : lastLine(text);
}
/** The flag `git push --porcelain` printed for one ref: ' ' updated, '*' created, '+' forced, '=' already there, '!' rejected. */
function pushStatus(stdout, ref) {
    for (const line of stdout.split('\n')) {
        const [flag, refs] = line.split('\t');
        if (refs?.endsWith(`:${ref}`) && flag.length === 1)
            return flag;
    }
    return undefined;
}
/** A push the remote refused because its branch moved: fetch, re-apply, try again. */
const RACE_LOST = /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|incorrect old value|failed to update ref|stale info|\[remote rejected\].*(lock|old)/;
const DEFAULT_RETRY = {
    budgetMs: 10 * 60_000,
    attempts: Number.POSITIVE_INFINITY,
    baseDelayMs: 250,
    maxDelayMs: 30_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: () => performance.now(),
};
/**
 * A minimal local copy of the env repository: one branch at a time, fetched
 * shallow, written back with a fast-forward-only push. Every write is an
 * operation on the tree that is re-run on the newest tip when a concurrent
 * writer got there first, so no update is lost and the newest image wins.
 */
class EnvRepo {
    options;
    git;
    retry;
    input;
    constructor(options) {
        this.options = options;
        this.git = new Git(options.dir, {
            token: options.remote.http ? options.token : undefined,
            exec: options.exec,
            committer: options.committer,
        });
        this.retry = { ...DEFAULT_RETRY, ...options.retry };
        this.input = options.input ?? 'env-repository';
    }
    get dir() {
        return this.options.dir;
    }
    static async open(options) {
        await (0,promises_.mkdir)(options.dir, { recursive: true });
        const repo = new EnvRepo(options);
        await repo.git.run(['init', '-q']);
        await repo.git.run(['remote', 'add', 'origin', options.remote.url]);
        return repo;
    }
    /** One round trip: every branch and the default branch. Unreachable or refused remotes fail here, before any work. */
    async tips() {
        let text;
        try {
            text = await this.git.run(['ls-remote', '--symref', 'origin', 'HEAD', 'refs/heads/*']);
        }
        catch (error) {
            if (error instanceof GitError)
                throw explainRemoteFailure(error, this.options.remote, this.input);
            throw error;
        }
        const branches = new Map();
        let defaultBranch;
        for (const line of text.split('\n')) {
            const symref = /^ref: refs\/heads\/(\S+)\s+HEAD$/.exec(line);
            if (symref)
                defaultBranch = symref[1];
            const ref = /^([0-9a-f]{40,64})\s+refs\/heads\/(\S+)$/.exec(line);
            if (ref)
                branches.set(ref[2], ref[1]);
        }
        return { branches, defaultBranch };
    }
    /** Fetches one commit (and its tree) shallowly; returns its SHA. */
    async fetch(revision) {
        await this.git.run(['fetch', '-q', '--no-tags', '--depth=1', 'origin', revision]);
        return (await this.git.run(['rev-parse', 'FETCH_HEAD'])).trim();
    }
    /**
     * Fetches a branch's tip shallowly and returns it, or undefined when the
     * remote has no such branch. The tip is read from what was fetched, never
     * from an earlier listing: a branch that moves in between would otherwise
     * name a commit whose objects are not here.
     */
    async fetchBranch(branch) {
        const fetched = await this.git.tryRun(['fetch', '-q', '--no-tags', '--depth=1', 'origin', `refs/heads/${branch}`]);
        if (fetched.code === 0)
            return (await this.git.run(['rev-parse', 'FETCH_HEAD'])).trim();
        if (/couldn't find remote ref/.test(fetched.stderr))
            return undefined;
        throw explainRemoteFailure(new GitError(['fetch'], fetched.stderr, fetched.code), this.options.remote, this.input);
    }
    /** Checks out a fetched commit into the work tree, for tools that read files (kubectl); writes never need it. */
    async checkout(branch, start) {
        if (start) {
            await this.git.run(['checkout', '-q', '--force', '-B', branch, start]);
            await this.git.run(['clean', '-q', '-ffdx']);
        }
        else {
            await this.git.run(['checkout', '-q', '--orphan', branch]);
            await this.git.run(['rm', '-r', '-q', '--cached', '--ignore-unmatch', '.']);
            await this.git.run(['clean', '-q', '-ffdx']);
        }
    }
    /**
     * Commits what `edit` does to the tree of `branch` and pushes it. `start`
     * picks the commit a missing branch begins from. The edit works on the
     * index (see IndexTree), not on checked-out files, and is given the tip it
     * edits. On a lost race the branch is fetched again and the edit re-run on
     * its new tip, after a jittered, growing wait, for as long as the retry
     * budget lasts. `changed` says whether this call's push created the commit:
     * a write that finds its change already made by someone else, whether by an
     * equal tree after a lost race or by the very same commit already at the
     * tip, reports no change.
     */
    async write(branch, start, edit, options = { push: true }) {
        const tree = new IndexTree(this.git);
        const once = async (attempt) => {
            const tried = this.retry.now();
            const tip = await this.fetchBranch(branch);
            const base = tip ?? (await start(await this.tips()));
            await tree.reset(base);
            const before = await tree.writeTree();
            const { edit: change, value } = await edit(tree, tip);
            const after = await tree.writeTree();
            const unchanged = { commit: base ?? '', changed: false, pushed: false, attempts: attempt, diff: '', files: [], value };
            if (!change || after === before)
                return { landed: unchanged };
            const commit = (await this.git.run(['commit-tree', after, ...(base ? ['-p', base] : []), '-F', '-'], {
                input: change.message,
                env: { GIT_AUTHOR_NAME: change.author.name, GIT_AUTHOR_EMAIL: change.author.email },
            })).trim();
            const made = async () => ({ commit, changed: true, attempts: attempt, ...(await this.diff(before, after)), value });
            if (!options.push)
                return { landed: { ...(await made()), pushed: false } };
            const target = options.pushRef ?? `refs/heads/${branch}`;
            const pushed = await this.git.tryRun(['push', '--porcelain', ...(options.force ? ['--force'] : []), 'origin', `${commit}:${target}`]);
            if (pushed.code === 0) {
                // The same commit is made twice when two writers make the same change on the same tip in the same second;
                // the remote then already holds it, and the change is the other writer's.
                if (!options.force && pushStatus(pushed.stdout, target) === '=')
                    return { landed: { ...unchanged, commit } };
                return { landed: { ...(await made()), pushed: true } };
            }
            const text = `${pushed.stdout}\n${pushed.stderr}`;
            if (RACE_LOST.test(text))
                return { lost: { attempt, tookMs: this.retry.now() - tried } };
            const error = new GitError(['push'], text, pushed.code);
            throw /Authentication|40[13]|denied|not authorized/i.test(text)
                ? explainRemoteFailure(error, this.options.remote, this.input)
                : new RemoteError(`push to ${this.options.remote.url} ${target} was refused: ${pushRefusal(text)}`);
        };
        const { random, now, sleep, budgetMs, attempts, maxDelayMs } = this.retry;
        const settled = await (0,http_retry/* withRetry */.bD)(once, { attempts, budgetMs, baseDelayMs: this.retry.baseDelayMs, maxDelayMs, maxRetryAfterMs: maxDelayMs }, {
            random,
            now,
            sleep,
            // Only a lost race is tried again; anything else the remote said is final.
            judgeError: () => undefined,
            // Writers that lost the same race spread over the whole window instead of meeting again (full jitter), and the
            // window is counted in tries: one writer lands per try, so a loaded remote or machine, whose tries are slow,
            // widens it as much as it needs to be, and lost tries stop taking the time the winner needs.
            judge: (outcome) => 'lost' in outcome
                ? {
                    reason: `${branch} moved`,
                    retryAfterMs: (0,http_retry/* backoffMs */.jo)(outcome.lost.attempt, { baseDelayMs: Math.max(this.retry.baseDelayMs, outcome.lost.tookMs), maxDelayMs }, random),
                }
                : undefined,
            onRetry: ({ attempt, delayMs }) => this.options.logger.info(`${branch} moved while we wrote it; re-applying on the new tip in ${delayMs} ms (attempt ${attempt})`),
        });
        const outcome = (0,http_retry/* unwrap */.oA)(settled);
        if ('landed' in outcome)
            return outcome.landed;
        throw new RemoteError(`${branch} of ${this.options.remote.url} kept moving for ${(settled.tries.elapsedMs / 1000).toFixed(1)} s: gave up after ${settled.tries.attempts} attempts; nothing was pushed`);
    }
    /** What a commit changes, as a patch and as the list of its files. */
    async diff(before, after) {
        const diff = await this.git.run(['diff-tree', '-p', '--no-color', '--no-ext-diff', '--no-renames', '--full-index', before, after]);
        const files = (await this.git.run(['diff-tree', '-r', '-z', '--name-only', '--no-renames', before, after])).split('\0').filter(Boolean);
        return { diff, files };
    }
    /** The whole message of a fetched commit. */
    async message(commit) {
        return this.git.run(['log', '-1', '--format=%B', commit]);
    }
    async author(commit) {
        const [name, email] = (await this.git.run(['log', '-1', '--format=%an%x00%ae', commit])).trim().split('\0');
        return { name, email };
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./.tmp/build/src/image/reference.js
const reference_DEFAULT_REGISTRY = 'docker.io';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([A-Za-z0-9=_-]+)$/;
class reference_InvalidReferenceError extends Error {
    reference;
    constructor(reference, reason) {
        super(`'${reference}' is not a valid image reference: ${reason}`);
        this.reference = reference;
        this.name = 'InvalidReferenceError';
    }
}
/** A first component is a registry when it looks like a host, as docker decides it. */
function isRegistryHost(component) {
    return component.includes('.') || component.includes(':') || component === 'localhost' || /^\[.*\]$/.test(component);
}
function reference_parseImageReference(text) {
    const fail = (reason) => {
        throw new reference_InvalidReferenceError(text, reason);
    };
    if (!text)
        fail('it is empty');
    if (/\s/.test(text))
        fail('it contains white space');
    let rest = text;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        const match = DIGEST.exec(digest);
        if (!match)
            fail(`digest '${digest}' is not of the form algorithm:hex`);
        if (match[1] === 'sha256' && !/^[a-f0-9]{64}$/.test(match[2]))
            fail('a sha256 digest has 64 lowercase hex digits');
    }
    const slash = rest.indexOf('/');
    let registry = '';
    if (slash > 0 && isRegistryHost(rest.slice(0, slash))) {
        registry = rest.slice(0, slash);
        rest = rest.slice(slash + 1);
        if (!HOST.test(registry))
            fail(`registry '${registry}' is not a host name with an optional port`);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            fail(`tag '${tag}' must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`);
    }
    const path = rest;
    if (!path)
        fail('it names no repository');
    for (const component of path.split('/')) {
        if (!PATH_COMPONENT.test(component)) {
            fail(component.includes(':')
                ? 'it has more than one tag'
                : `repository component '${component}' must be lowercase letters and digits, separated by '.', '_', '__' or '-'`);
        }
    }
    if ((registry ? registry.length + 1 : 0) + path.length > 255)
        fail('the repository name is longer than 255 characters');
    return { registry, path, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}
/** `registry/path` as written (no tag, no digest). */
function reference_repositoryOf(ref) {
    return ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
}
/** The full canonical repository, e.g. `docker.io/library/nginx` for `nginx`. */
function reference_canonicalRepository(ref) {
    const registry = ref.registry === 'index.docker.io' || ref.registry === 'registry-1.docker.io' ? reference_DEFAULT_REGISTRY : ref.registry || reference_DEFAULT_REGISTRY;
    const path = registry === reference_DEFAULT_REGISTRY && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
    return `${registry}/${path}`;
}
function reference_formatImageReference(ref) {
    return `${reference_repositoryOf(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}
function reference_sameRepository(a, b) {
    return reference_canonicalRepository(a) === reference_canonicalRepository(b);
}
/** The registry's host for a reference: Docker Hub when none is written. */
function registryHost(ref) {
    return ref.registry || reference_DEFAULT_REGISTRY;
}
/** The repository's path in the registry's API: `library/nginx` for `nginx`. */
function apiRepository(ref) {
    const canonical = reference_canonicalRepository(ref);
    return canonical.slice(canonical.indexOf('/') + 1);
}

;// CONCATENATED MODULE: ./.tmp/build/src/manifest/yaml-patch.js
/**
 * Surgical edits of YAML text. Every edit is a splice of the original string
 * at the source ranges the `yaml` parser reports, so whatever is not edited —
 * comments, quoting, indentation, flow style, anchors, line endings — stays
 * byte for byte. Nothing here ever re-serialises a document.
 */

/** Applies edits made against `text`; they must not overlap. */
function yaml_patch_applyEdits(text, edits) {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    let result = '';
    let at = 0;
    for (const edit of sorted) {
        if (edit.start < at)
            throw new Error(`overlapping edits at offset ${edit.start}`);
        result += text.slice(at, edit.start) + edit.text;
        at = edit.end;
    }
    return result + text.slice(at);
}
/** Whether a scalar is written as a block: `|`, `>`, with any chomping or indentation indicator. */
function isBlockScalar(node) {
    return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}
/**
 * A scalar's text as the author meant it: plain `1.0` is the tag "1.0", not
 * the number 1. A block scalar's text is its content without the line breaks
 * and spaces around it, which chomping and indentation add: `image: |` over
 * `nginx:1.0` names nginx:1.0 as much as `image: nginx:1.0` does. Undefined
 * for anything but a scalar.
 */
function yaml_patch_scalarText(node) {
    if (!isScalar(node))
        return undefined;
    if (isBlockScalar(node))
        return typeof node.value === 'string' ? node.value.trim() : undefined;
    if (typeof node.value === 'string')
        return node.value;
    if (node.type === 'PLAIN' && node.value !== null && typeof node.source === 'string')
        return node.source;
    return undefined;
}
/** Whether a scalar is present but empty (`tag:`, `tag: ~`, `tag: ""`), which an edit may fill. */
function isEmptyScalar(node) {
    return isScalar(node) && (node.value === null || node.value === '');
}
const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_./:@+=-]*$/;
/**
 * Whether `value` can be written unquoted and still read back as the same
 * string, by YAML 1.2 readers and by the YAML 1.1 ones Kubernetes and Helm use
 * (where `yes`, `1_0` and `2024-01-01` are not strings).
 */
function isPlainSafe(value) {
    return PLAIN_SAFE.test(value) && !value.endsWith(':') && parse(value) === value && parse(value, { version: '1.1' }) === value;
}
function plainOrQuoted(value) {
    return isPlainSafe(value) ? value : JSON.stringify(value);
}
/** Thrown for a scalar that holds a reference but cannot take a new value without rewriting more than it. */
class yaml_patch_UneditableError extends Error {
    offset;
    constructor(offset, message) {
        super(message);
        this.offset = offset;
        this.name = 'UneditableError';
    }
}
/**
 * Replaces a scalar's value, in the scalar's own style. `json` writes a plain
 * scalar as a JSON string, for a file that must stay JSON.
 */
function yaml_patch_setScalar(text, node, value, json = false) {
    if (isBlockScalar(node))
        return setBlockScalar(text, node, value);
    const [start, end] = node.range;
    let written;
    switch (node.type) {
        case 'QUOTE_DOUBLE':
            written = JSON.stringify(value);
            break;
        case 'QUOTE_SINGLE':
            written = `'${value.replace(/'/g, "''")}'`;
            break;
        default:
            written = json ? JSON.stringify(value) : plainOrQuoted(value);
    }
    // `tag:` with no value: the empty scalar sits right after the colon.
    if (start === end && text[start - 1] === ':')
        written = ` ${written}`;
    return { start, end, text: written };
}
/**
 * A block scalar keeps its header (indicators, comment) and its indentation
 * and trailing lines, which carry its chomping: only the one content line
 * that holds the text is rewritten. Content over several lines is not one
 * image reference or tag, and is refused rather than rewritten.
 */
function setBlockScalar(text, node, value) {
    const [start, end] = node.range;
    const headerEnd = text.indexOf('\n', start);
    const lines = [];
    for (let at = headerEnd + 1; headerEnd >= 0 && at < end;) {
        const lf = text.indexOf('\n', at);
        const lineEnd = lf < 0 || lf > end ? end : lf;
        const line = text.slice(at, lineEnd);
        const first = line.search(/\S/);
        if (first >= 0)
            lines.push({ start: at + first, end: at + line.trimEnd().length });
        at = lineEnd + 1;
    }
    if (lines.length === 0)
        throw new yaml_patch_UneditableError(start, 'is an empty block scalar, which cannot be given a value in place');
    if (lines.length > 1)
        throw new yaml_patch_UneditableError(start, `is a block scalar over ${lines.length} lines, not one value`);
    if (/[\r\n]/.test(value))
        throw new yaml_patch_UneditableError(start, 'cannot take a value with a line break');
    return { start: lines[0].start, end: lines[0].end, text: value };
}
/** The line break the text already uses, so that added lines match it. */
function lineBreakOf(text) {
    const lf = text.indexOf('\n');
    return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}
function lineStart(text, offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
}
/** Offset just past the line break ending the line that holds `offset`, or the text's end. */
function nextLineStart(text, offset) {
    if (offset > 0 && text[offset - 1] === '\n')
        return offset;
    const lf = text.indexOf('\n', offset);
    return lf < 0 ? text.length : lf + 1;
}
function endOf(pair) {
    const node = (pair.value ?? pair.key);
    return node.range[1];
}
/**
 * Adds `key: value` pairs after a map's last pair: for a block map each on its
 * own line with the indentation of that last key; for a flow map inline, or
 * each on its own line when the last pair has a line to itself (JSON as most
 * tools print it). `json` writes keys and values as JSON strings.
 */
function yaml_patch_appendPairs(text, map, pairs, json = false) {
    const last = map.items[map.items.length - 1];
    const rendered = pairs.map(([key, value]) => json ? `${JSON.stringify(key)}: ${JSON.stringify(value)}` : `${key}: ${plainOrQuoted(value)}`);
    if (map.flow || !last) {
        const at = last ? endOf(last) : map.range[0] + 1;
        if (!last)
            return { start: at, end: at, text: rendered.join(', ') };
        const keyStart = last.key.range[0];
        const before = text.slice(lineStart(text, keyStart), keyStart);
        if (before.trim() === '') {
            const eol = lineBreakOf(text);
            return { start: at, end: at, text: rendered.map((pair) => `,${eol}${before}${pair}`).join('') };
        }
        return { start: at, end: at, text: `, ${rendered.join(', ')}` };
    }
    const keyStart = last.key.range[0];
    const indent = ' '.repeat(keyStart - lineStart(text, keyStart));
    const at = nextLineStart(text, endOf(last));
    const eol = lineBreakOf(text);
    const lines = rendered.map((line) => indent + line);
    // A map on the file's last line, with no final newline: keep it without one.
    if (at === text.length && !text.endsWith('\n'))
        return { start: at, end: at, text: eol + lines.join(eol) };
    return { start: at, end: at, text: lines.map((line) => line + eol).join('') };
}
/** Removes one pair from a map: its whole line in a block map, its `, key: value` in a flow map. */
function yaml_patch_removePair(text, map, pair) {
    const index = map.items.indexOf(pair);
    const keyStart = pair.key.range[0];
    const next = map.items[index + 1];
    const previous = map.items[index - 1];
    if (map.flow) {
        if (previous)
            return { start: endOf(previous), end: endOf(pair), text: '' };
        return { start: keyStart, end: next ? next.key.range[0] : endOf(pair), text: '' };
    }
    const start = lineStart(text, keyStart);
    if (text.slice(start, keyStart).trim() !== '') {
        // The pair shares its line with `- `: the next key moves up to take its place.
        if (!next)
            throw new Error('cannot remove the only pair of a sequence entry');
        return { start: keyStart, end: next.key.range[0], text: '' };
    }
    const end = nextLineStart(text, endOf(pair));
    if (end === text.length && !text.endsWith('\n') && start > 0) {
        // Removing the last line of a file with no final newline: take the break before it instead.
        return { start: start - (text[start - 2] === '\r' ? 2 : 1), end, text: '' };
    }
    return { start, end, text: '' };
}
/** 1-based line numbers of offsets in one text, computed once. */
class yaml_patch_LineIndex {
    starts = [0];
    constructor(text) {
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
            this.starts.push(at + 1);
    }
    lineOf(offset) {
        let low = 0;
        let high = this.starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (this.starts[middle] <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return low + 1;
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/manifest/updates.js


const EXPECTED = "lines of 'REF' or 'MATCH=REF', where REF is repository:tag, repository@sha256:<64 hex> or repository:tag@sha256:<64 hex>, and MATCH is a repository without tag";
/**
 * Parses the `images` input: lines of `REF` (update references of REF's
 * repository) or `MATCH=REF` (find MATCH's repository, rename it to REF's).
 * Blank lines and `#` comments are ignored.
 */
function parseImageUpdates(lines, input = 'images') {
    const updates = [];
    const seen = new Map();
    for (const raw of lines) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const fail = (problem) => {
            throw new InputError(input, `line '${line}': ${problem}`, EXPECTED);
        };
        const equals = line.indexOf('=');
        const matchText = equals >= 0 ? line.slice(0, equals).trim() : undefined;
        const targetText = equals >= 0 ? line.slice(equals + 1).trim() : line;
        const parse = (text) => {
            try {
                return parseImageReference(text);
            }
            catch (error) {
                if (error instanceof InvalidReferenceError)
                    return fail(error.message);
                throw error;
            }
        };
        const target = parse(targetText);
        if (target.tag === undefined && target.digest === undefined)
            fail(`'${targetText}' has neither a tag nor a digest`);
        let match = { registry: target.registry, path: target.path };
        if (matchText !== undefined) {
            const written = parse(matchText);
            // `nginx:1.0=nginx:2.0` would read as "only 1.0", which is not what happens.
            if (written.tag !== undefined || written.digest !== undefined) {
                fail(`MATCH '${matchText}' must name a repository only: every tag of it is updated`);
            }
            match = written;
        }
        const repository = canonicalRepository(match);
        const earlier = seen.get(repository);
        if (earlier !== undefined)
            fail(`line '${earlier}' already updates ${repositoryOf(match)}`);
        seen.set(repository, line);
        updates.push({ line, match, target });
    }
    return updates;
}

;// CONCATENATED MODULE: ./.tmp/build/src/manifest/images.js
/**
 * In-place image updates in an env repository's YAML: container images of any
 * pod template, kustomize `images:` entries and Helm values. Edits are spliced
 * into the original text (see yaml-patch.ts), so a diff shows exactly the
 * lines whose image changed and nothing else.
 */





const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/** yaml's own guard against "billion laughs": aliases per resolved node past which a document is refused. */
const MAX_ALIAS_COUNT = 100;
/** An alias token (`*name` after a space, `:` or a flow indicator); only aliases can blow up, so most files skip the check. */
const MAY_HAVE_ALIASES = /(?:^|[\s,:[{])\*[^\s,[\]{}"']/m;
/** Characters YAML does not allow in a stream (C0 controls but tab and line breaks, DEL). */
const BINARY = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
/** How deep merge keys may nest, and aliases lead into aliases, before the walk stops following them. */
const MAX_INDIRECTION = 64;
class ManifestError extends Error {
    file;
    problem;
    line;
    /** What is wrong with the file, without its name, e.g. "is larger than 10 MiB". */
    reason;
    constructor(file, message, problem = 'not-yaml', 
    /** 1-based line the problem is on, when it is on one. */
    line) {
        super(`${file}${line ? `:${line}` : ''} ${message}`);
        this.file = file;
        this.problem = problem;
        this.line = line;
        this.name = 'ManifestError';
        this.reason = message;
    }
}
/**
 * Patches one file's text. Returns the new text (=== `text` when nothing
 * matched) and one change per updated image reference. Throws ManifestError
 * for text that is too big, is not YAML, or expands aliases past yaml's bound;
 * for a reference it cannot change alone; and, after patching, for a reference
 * of an updated repository the new text still does not give the new image.
 */
function patchManifestText(text, updates, file = 'manifest') {
    const patched = patchOnce(text, updates, file);
    if (patched.changes.length)
        verify(patched.text, updates, file);
    return patched;
}
/**
 * The guard: the patched text is parsed again and walked again, through its
 * aliases and merge keys, and must need no further change. A reference the
 * edits missed, or an edit that does not read back as the new image, stops
 * the run here rather than leaving a workload on the old image.
 */
function verify(text, updates, file) {
    let again;
    try {
        again = patchOnce(text, updates, file);
    }
    catch (error) {
        const reason = error instanceof ManifestError ? error.reason : error instanceof Error ? error.message : String(error);
        throw new ManifestError(file, `cannot be patched safely: the patched text does not read back (${reason})`, 'stale');
    }
    const [stale] = again.changes;
    if (stale) {
        throw new ManifestError(file, `still names ${stale.from} after patching, where ${stale.to} was expected`, 'stale', stale.line);
    }
}
function patchOnce(text, updates, file) {
    if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES)
        throw new ManifestError(file, 'is larger than 10 MiB', 'too-large');
    if (BINARY.test(text))
        throw new ManifestError(file, 'is not YAML: it contains binary data');
    const documents = parseAllDocuments(text);
    for (const document of documents) {
        const [error] = document.errors;
        if (error)
            throw new ManifestError(file, `is not YAML: ${error.message.split('\n')[0]}`);
        if (MAY_HAVE_ALIASES.test(text))
            refuseAliasBomb(document, file);
    }
    const patcher = new Patcher(text, updates, file);
    for (const document of documents)
        patcher.document(document);
    return patcher.result();
}
/**
 * Every image reference the patch engine would consider in one file: container
 * images, Helm values images with a tag or digest, kustomize `images` entries
 * with a new tag or digest. For tagging what a revision deploys.
 */
function findImages(text, file = 'manifest') {
    const documents = parseAllDocuments(text);
    if (documents.some((document) => document.errors.length))
        return [];
    const found = [];
    const walker = new Patcher(text, [], file, found);
    for (const document of documents) {
        if (MAY_HAVE_ALIASES.test(text))
            refuseAliasBomb(document, file);
        walker.document(document);
    }
    return found;
}
function refuseAliasBomb(document, file) {
    try {
        document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (error) {
        if (error instanceof ReferenceError) {
            throw new ManifestError(file, `is refused: ${error.message} (more than ${MAX_ALIAS_COUNT} aliases per node)`, 'alias-bomb');
        }
        throw new ManifestError(file, `is not YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
}
const CONTAINER_KEYS = (/* unused pure expression or super */ null && (['containers', 'initContainers', 'ephemeralContainers']));
/**
 * `<<: *defaults`: YAML 1.1's merge key, which Kubernetes, kustomize and Helm
 * all read (their YAML libraries are YAML 1.1), so a container or a values
 * map may get its `image` from the map an alias names. Quoted, it is a key.
 */
function isMergeKey(key) {
    return isScalar(key) && key.type === 'PLAIN' && key.value === '<<';
}
function tryParse(text) {
    if (!text)
        return undefined;
    try {
        return parseImageReference(text);
    }
    catch {
        return undefined;
    }
}
function describe(repository, tag, digest) {
    return `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}
/** Walks the documents of one text and collects the edits and changes. */
class Patcher {
    text;
    updates;
    file;
    found;
    edits = [];
    changes = [];
    demands = new Map();
    seenMaps = new Set();
    collected = new Set();
    referenced = new Set();
    byRepository = new Map();
    /** Repositories that renames lead to: a reference of one means the rename already happened. */
    byTarget = new Map();
    /** Maps merged into others with `<<`: a key added to or removed from one would change every map it is merged into. */
    mergeSources;
    lines;
    current;
    /** A JSON document: every value written stays a JSON string. */
    json = false;
    /** An Argo CD Application or ApplicationSet, whose `kustomize` and `helm` maps name images in their own ways. */
    argo = false;
    /** `found` makes the walk collect every reference it meets instead of editing. */
    constructor(text, updates, file, found) {
        this.text = text;
        this.updates = updates;
        this.file = file;
        this.found = found;
        for (const update of updates) {
            const rename = !sameRepository(update.match, update.target);
            this.byRepository.set(canonicalRepository(update.match), { update, rename });
            if (rename)
                this.byTarget.set(canonicalRepository(update.target), update);
        }
    }
    result() {
        this.resolve();
        const referenced = this.updates.filter((update) => this.referenced.has(update));
        if (!this.edits.length)
            return { text: this.text, changes: [], referenced };
        return { text: applyEdits(this.text, this.edits), changes: this.changes.sort((a, b) => a.line - b.line), referenced };
    }
    /** Turns the demands into edits: every scalar whose value must change. */
    resolve() {
        for (const [node, demand] of this.demands) {
            if (demand.value === (scalarText(node) ?? ''))
                continue;
            try {
                this.edits.push(setScalar(this.text, node, demand.value, this.json));
            }
            catch (error) {
                if (!(error instanceof UneditableError))
                    throw error;
                this.refuse(error.offset, `cannot be set to ${JSON.stringify(demand.value)} for ${demand.what}: it ${error.message}`);
            }
        }
        this.demands.clear();
        return this.edits;
    }
    document(document) {
        const root = document.contents;
        if (!isMap(root))
            return;
        this.current = document;
        this.mergeSources = undefined;
        this.json = root.flow === true && root.items.every((pair) => isScalar(pair.key) && pair.key.type === 'QUOTE_DOUBLE');
        const kind = this.textOf(root, 'kind');
        const apiVersion = this.textOf(root, 'apiVersion') ?? '';
        this.argo = apiVersion.startsWith('argoproj.io/') && (kind === 'Application' || kind === 'ApplicationSet');
        const kustomization = /^kustomization\.ya?ml$/i.test(basename(this.file)) ||
            kind === 'Kustomization' ||
            (kind === 'Component' && apiVersion.startsWith('kustomize.config.k8s.io/'));
        if (kustomization) {
            // kustomize keeps `images` at the top; Flux's Kustomization under `spec`.
            const spec = this.field(root, 'spec')?.node;
            for (const images of [this.field(root, 'images')?.node, isMap(spec) ? this.field(spec, 'images')?.node : undefined]) {
                if (!isSeq(images))
                    continue;
                for (const item of images.items) {
                    const entry = this.deref(item);
                    if (isMap(entry))
                        this.kustomizeEntry(entry, isAlias(item) ? item.range[0] : undefined);
                }
            }
            return;
        }
        // Every Kubernetes object has a kind; a map without one is Helm values.
        this.visit(root, { values: kind === undefined }, 0);
    }
    deref(node) {
        return isAlias(node) ? node.resolve(this.current) : node;
    }
    /** The maps merged into `map` with `<<`, in the order that gives them precedence. */
    merged(map) {
        const sources = [];
        for (const pair of map.items) {
            if (!isMergeKey(pair.key))
                continue;
            const value = this.deref(pair.value);
            for (const source of isSeq(value) ? value.items.map((item) => this.deref(item)) : [value])
                if (isMap(source))
                    sources.push(source);
        }
        return sources;
    }
    field(map, key, depth = 0) {
        const own = map.items.find((pair) => !isMergeKey(pair.key) && scalarText(pair.key) === key);
        if (own)
            return { pair: own, owner: map, node: this.deref(own.value) };
        if (depth > MAX_INDIRECTION)
            return undefined;
        for (const source of this.merged(map)) {
            const found = this.field(source, key, depth + 1);
            if (found)
                return found;
        }
        return undefined;
    }
    textOf(map, key) {
        return scalarText(this.field(map, key)?.node);
    }
    /** A map's pairs as its readers see them: its own, then those merged in that it does not override. */
    entries(map, depth = 0) {
        const own = map.items.filter((pair) => !isMergeKey(pair.key));
        if (own.length === map.items.length || depth > MAX_INDIRECTION)
            return own;
        const keys = new Set(own.map((pair) => scalarText(pair.key)));
        for (const source of this.merged(map)) {
            for (const pair of this.entries(source, depth + 1)) {
                const key = scalarText(pair.key);
                if (!keys.has(key))
                    own.push(pair);
                keys.add(key);
            }
        }
        return own;
    }
    visit(raw, place, depth) {
        if (depth > MAX_INDIRECTION * 4)
            return;
        const node = this.deref(raw);
        const via = place.via ?? (isAlias(raw) ? raw.range[0] : undefined);
        if (isSeq(node)) {
            for (const item of node.items)
                this.visit(item, { values: place.values, via }, depth + 1);
            return;
        }
        if (!isMap(node))
            return;
        const { key, parent } = place;
        if (key === 'spec' && parent && (parent.key === 'template' || this.textOf(parent.map, 'kind') === 'Pod')) {
            for (const containersKey of CONTAINER_KEYS) {
                const containers = this.field(node, containersKey);
                if (!containers || !isSeq(containers.node))
                    continue;
                for (const item of containers.node.items) {
                    const container = this.deref(item);
                    if (isMap(container))
                        this.imageString(this.field(container, 'image'), 'container', via ?? (isAlias(item) ? item.range[0] : undefined));
                }
            }
        }
        if (this.field(node, 'repository') && (this.field(node, 'tag') || this.field(node, 'digest')))
            this.helmImage(node, via);
        // Argo CD: spec.source(s).kustomize and .helm, and the same under an ApplicationSet's template.
        if (this.argo && key === 'kustomize')
            this.argoKustomize(node, via);
        if (this.argo && key === 'helm')
            this.argoHelm(node, via);
        if (place.values)
            this.imageString(this.field(node, 'image'), 'helm', via);
        for (const pair of this.entries(node)) {
            const childKey = scalarText(pair.key);
            this.visit(pair.value, {
                key: childKey,
                parent: { map: node, key },
                // Flux HelmRelease and Argo CD Applications carry Helm values inside an object.
                values: place.values || childKey === 'values' || childKey === 'valuesObject',
                via,
            }, depth + 1);
        }
    }
    collect(node, text) {
        if (this.collected.has(node))
            return;
        this.collected.add(node);
        const ref = tryParse(text);
        if (ref)
            this.found.push(ref);
    }
    /** The update for a reference's repository; a reference of a rename's new repository counts as found, with nothing to do. */
    find(ref) {
        if (!ref)
            return undefined;
        const repository = canonicalRepository(ref);
        const found = this.byRepository.get(repository);
        const renamed = this.byTarget.get(repository);
        if (found)
            this.referenced.add(found.update);
        else if (renamed)
            this.referenced.add(renamed);
        return found;
    }
    lineOf(offset) {
        this.lines ??= new LineIndex(this.text);
        return this.lines.lineOf(offset);
    }
    refuse(offset, reason) {
        throw new ManifestError(this.file, reason, 'unpatchable', this.lineOf(offset));
    }
    /** Where a field is used: the alias that led to it, else the field itself. */
    where(node, via) {
        return via ?? node.range?.[0] ?? 0;
    }
    /**
     * Asks that a scalar hold `value`. A scalar reached twice (an anchor and its
     * aliases, a map merged into others) is one place in the text: when two
     * image fields need different values there, no edit can give both.
     */
    demand(node, value, at, what) {
        const earlier = this.demands.get(node);
        if (!earlier) {
            this.demands.set(node, { value, at, what });
            return true;
        }
        if (earlier.value === value)
            return false;
        const anchor = node.anchor ? `the anchor &${node.anchor}` : 'a value shared through an alias or merge key';
        return this.refuse(node.range[0], `cannot be patched: ${anchor} here is used by ${earlier.what} (line ${this.lineOf(earlier.at)}), which needs ${JSON.stringify(earlier.value)}, ` +
            `and by ${what} (line ${this.lineOf(at)}), which needs ${JSON.stringify(value)}; give each its own value instead of sharing one`);
    }
    /** One change for the edits of one map: structural `edits`, and scalars whose demanded value differs, at `changed`. */
    record(edits, changed, change) {
        if (!edits.length && !changed.length)
            return;
        this.edits.push(...edits);
        this.changes.push({ line: this.lineOf(Math.min(...changed, ...edits.map((edit) => edit.start))), ...change });
    }
    /** A pair that an edit can give a value: a scalar, possibly empty, possibly a block scalar. */
    editable(field) {
        return !field || isScalar(field.node);
    }
    /** A whole reference in one scalar: `image: nginx:1.0`. */
    imageString(field, kind, via) {
        const node = field?.node;
        if (!isScalar(node))
            return;
        const from = scalarText(node);
        if (this.found)
            return void (from && this.collect(node, from));
        const ref = tryParse(from);
        if (!ref)
            return;
        const at = this.where(field.pair.value, via);
        const found = this.find(ref);
        if (!found) {
            this.demand(node, from, at, `the image ${from}`);
            return;
        }
        const { update, rename } = found;
        const to = formatImageReference({
            ...(rename ? update.target : ref),
            tag: update.target.tag,
            digest: update.target.digest,
        });
        const first = this.demand(node, to, at, `the image ${from} -> ${to}`);
        if (first && to !== from)
            this.changes.push({ line: this.lineOf(node.range[0]), from: from, to, kind });
    }
    /** Fails unless keys can be added to or removed from `map` without changing other maps too. */
    checkStructural(map, at, what) {
        if (!this.mergeSources) {
            this.mergeSources = new Set();
            const sources = this.mergeSources;
            visitYaml(this.current, {
                Map: (_, node) => {
                    for (const source of this.merged(node))
                        sources.add(source);
                },
            });
        }
        if (this.mergeSources.has(map)) {
            this.refuse(at, `cannot be patched: ${what}, in a map that is merged into others with <<, where the change would apply too`);
        }
    }
    /**
     * A Helm values map: `repository` with `tag` and/or `digest` siblings (and
     * Bitnami's `registry`). A chart that has a `digest` key gets the digest
     * there; one without gets `tag: 1.0@sha256:…`, which the usual
     * `{{ .repository }}:{{ .tag }}` template turns into a pinned reference
     * (a digest alone keeps the tag there and pins it). No key is ever added:
     * where the one the target needs is missing, the file is refused.
     */
    helmImage(map, via) {
        if (this.seenMaps.has(map))
            return;
        this.seenMaps.add(map);
        const fields = {
            repository: this.field(map, 'repository'),
            registry: this.field(map, 'registry'),
            tag: this.field(map, 'tag'),
            digest: this.field(map, 'digest'),
        };
        this.helmFields(fields, map, this.where(map, via), 'key');
    }
    /**
     * The fields of one Helm image, wherever they are written: the keys of a
     * values map, or Argo CD's `helm.parameters` (`image.repository`,
     * `image.tag`), which `noun` names in messages.
     */
    helmFields(image, owner, at, noun) {
        const { repository: repositoryField, registry: registryField, tag: tagField, digest: digestField } = image;
        const repository = scalarText(repositoryField.node);
        const registry = scalarText(registryField?.node);
        const ref = tryParse(registry && repository ? `${registry}/${repository}` : repository);
        const tag = scalarText(tagField?.node);
        const digest = scalarText(digestField?.node);
        if (this.found) {
            if (ref && tag !== undefined)
                this.collect(owner, `${repositoryOf(ref)}:${tag}${digest ? `@${digest}` : ''}`);
            return;
        }
        const found = this.find(ref);
        const fields = [
            [repositoryField, repository],
            [registryField, registry],
            [tagField, tag],
            [digestField, digest],
        ];
        if (!ref || !found) {
            const what = `the Helm image ${ref ? describe(repositoryOf(ref), tag, digest) : repository}`;
            for (const [field, text] of fields)
                if (field && isScalar(field.node))
                    this.demand(field.node, text ?? '', at, what);
            return;
        }
        const name = repositoryOf(ref);
        if (ref.tag !== undefined || ref.digest !== undefined) {
            this.refuse(repositoryField.pair.value ? repositoryField.node.range[0] : at, `cannot be patched: repository '${repository}' carries a tag or digest of its own beside the tag and digest ${noun}s; write the repository alone`);
        }
        for (const [key, field] of [
            ['registry', registryField],
            ['tag', tagField],
            ['digest', digestField],
        ]) {
            if (!this.editable(field))
                this.refuse(field.pair.key ? field.pair.key.range[0] : at, `cannot be patched: the '${key}' of ${name} is not a scalar`);
        }
        const { update, rename } = found;
        const { target } = update;
        const what = `the Helm image ${describe(name, tag, digest)}`;
        const changed = [];
        const change = (field, to) => {
            const node = field.node;
            if (this.demand(node, to, at, what) && (scalarText(node) ?? '') !== to)
                changed.push(node.range[0]);
        };
        let newRepository = name;
        if (rename) {
            newRepository = repositoryOf(target);
            if (registryField) {
                change(registryField, target.registry || DEFAULT_REGISTRY);
                change(repositoryField, target.path);
            }
            else {
                change(repositoryField, newRepository);
            }
        }
        else {
            change(repositoryField, repository);
            if (registryField)
                change(registryField, registry ?? '');
        }
        // Only keys the values already have are written: a chart renders the keys its templates read, and a key added
        // beside them (a `digest:` the template never reads) would leave the deployed image as it was.
        let newTag = tag;
        let newDigest = digest;
        if (digestField) {
            newDigest = target.digest ?? '';
            change(digestField, newDigest);
            if (target.tag !== undefined)
                newTag = target.tag;
        }
        else if (target.tag !== undefined) {
            newTag = target.digest ? `${target.tag}@${target.digest}` : target.tag;
        }
        else {
            // A digest alone, and no digest key: pinned through the tag, `tag: 1.0@sha256:…`, which `repository:tag` renders.
            const kept = (tag ?? '').replace(/@.*$/, '');
            if (!kept)
                this.refuse(tagField ? tagField.node.range[0] : at, `cannot be patched: the Helm image ${name} has no digest ${noun} and no tag to pin ${target.digest} through; ` +
                    `give it a tag (tag: 1.0) or a digest ${noun} the chart reads, or deliver a tag with the digest (${name}:1.0@${target.digest})`);
            newTag = `${kept}@${target.digest}`;
        }
        if (tagField)
            change(tagField, newTag ?? '');
        else if (newTag !== tag && !newDigest)
            this.refuse(at, `cannot be patched: the Helm image ${name} has a digest ${noun} and no tag ${noun}, and ${formatImageReference(target)} has no digest; ` +
                `add the tag ${noun} the chart reads, or deliver a digest`);
        else
            newTag = tag;
        this.record([], changed, { from: describe(name, tag, digest), to: describe(newRepository, newTag, newDigest), kind: 'helm' });
    }
    /** `kustomize.images` of an Argo CD source: strings as `kustomize edit set image` takes them. */
    argoKustomize(map, via) {
        const images = this.field(map, 'images');
        if (!images || !isSeq(images.node))
            return;
        for (const item of images.node.items) {
            const node = this.deref(item);
            if (isScalar(node))
                this.kustomizeString(node, this.where(item, via ?? (isAlias(item) ? item.range[0] : undefined)));
        }
    }
    /**
     * One `name[=newName][:tag][@digest]` string. The form written keeps the
     * entry's own, and takes `name=newName` whenever a digest goes with a tag,
     * which every kustomize reads the same: older ones take what precedes `@`
     * as the new name, tag included.
     */
    kustomizeString(node, at) {
        const text = scalarText(node);
        const parsed = text ? parseKustomizeImage(text) : undefined;
        if (!parsed)
            return;
        const deployed = parsed.newName ?? parsed.name;
        if (this.found) {
            if (parsed.tag || parsed.digest)
                this.collect(node, describe(deployed, parsed.tag, parsed.digest));
            return;
        }
        const what = `the Argo CD kustomize image ${text}`;
        const found = this.find(tryParse(parsed.name)) ?? this.find(tryParse(parsed.newName));
        if (!found)
            return void this.demand(node, text, at, what);
        const { update, rename } = found;
        const { target } = update;
        const newName = rename ? repositoryOf(target) : parsed.newName;
        if (newName === parsed.newName && target.tag === parsed.tag && target.digest === parsed.digest) {
            return void this.demand(node, text, at, what);
        }
        const long = newName !== undefined || (target.tag !== undefined && target.digest !== undefined);
        const to = `${parsed.name}${long ? `=${newName ?? parsed.name}` : ''}` +
            `${target.tag !== undefined ? `:${target.tag}` : ''}${target.digest ? `@${target.digest}` : ''}`;
        if (this.demand(node, to, at, what)) {
            const change = {
                from: describe(deployed, parsed.tag, parsed.digest),
                to: describe(newName ?? parsed.name, target.tag, target.digest),
            };
            this.changes.push({ line: this.lineOf(node.range[0]), ...change, kind: 'kustomize' });
        }
    }
    /** `helm` of an Argo CD source: its `parameters` and its `values` string (`valuesObject` is walked as values). */
    argoHelm(map, via) {
        const parameters = this.field(map, 'parameters');
        if (parameters && isSeq(parameters.node))
            this.helmParameters(parameters.node, via);
        const values = this.field(map, 'values');
        if (values && isScalar(values.node) && typeof values.node.value === 'string') {
            this.valuesString(values.node, this.where(values.pair.value, via));
        }
    }
    /**
     * `- name: image.repository` / `- name: image.tag` pairs (and `.registry`,
     * `.digest`; `image.name` as Argo CD Image Updater writes it), and `image`
     * parameters that hold a whole reference.
     */
    helmParameters(parameters, via) {
        const byName = new Map();
        for (const raw of parameters.items) {
            const item = this.deref(raw);
            if (!isMap(item))
                continue;
            const name = this.textOf(item, 'name');
            const value = this.field(item, 'value');
            if (name !== undefined && value)
                byName.set(name, { value, item });
        }
        for (const [name, { value, item }] of byName) {
            if (name === 'image' || name.endsWith('.image')) {
                this.imageString(value, 'helm', via);
                continue;
            }
            const prefix = (/^((?:.*\.)?)repository$/.exec(name) ?? /^(.+\.)name$/.exec(name))?.[1];
            if (prefix === undefined || this.seenMaps.has(item))
                continue;
            this.seenMaps.add(item);
            const tag = byName.get(`${prefix}tag`)?.value;
            const digest = byName.get(`${prefix}digest`)?.value;
            const at = this.where(item, via);
            if (!tag && !digest) {
                const repository = scalarText(value.node);
                if (!this.found && name.endsWith('repository') && this.find(tryParse(repository))) {
                    this.refuse(at, `cannot be patched: the Helm parameter ${name} names ${repository}, but no parameter sets ${prefix}tag or ${prefix}digest, ` +
                        `so its tag comes from values this step does not see; add a '${prefix}tag' parameter`);
                }
                continue;
            }
            this.helmFields({ repository: value, registry: byName.get(`${prefix}registry`)?.value, tag, digest }, item, at, 'parameter');
        }
    }
    /**
     * `helm.values`: Helm values in a string. Patched like a values file, and
     * each edit spliced into the line of the block that holds it, so the block
     * keeps its bytes. Values that name an updated image but cannot be edited
     * so (not a literal block `|`, not YAML) are refused, naming the line.
     */
    valuesString(node, at) {
        const inner = node.value;
        const header = this.lineOf(node.range[0]);
        const named = () => this.updates.some((update) => [update.match, update.target].some((ref) => inner.includes(lastSegment(ref.path))));
        const documents = parseAllDocuments(inner);
        const broken = documents.find((document) => document.errors.length)?.errors[0];
        if (broken) {
            if (!this.found && named())
                this.refuse(at, `cannot be patched: helm.values does not read as YAML (${broken.message.split('\n')[0]}), and it may name the image`);
            return;
        }
        const sub = new Patcher(inner, this.updates, this.file, this.found);
        let edits;
        try {
            for (const document of documents) {
                if (MAY_HAVE_ALIASES.test(inner))
                    refuseAliasBomb(document, this.file);
                sub.document(document);
            }
            edits = sub.resolve();
        }
        catch (error) {
            if (error instanceof ManifestError && error.line)
                throw new ManifestError(this.file, error.reason, error.problem, header + error.line);
            throw error;
        }
        for (const update of sub.referenced)
            this.referenced.add(update);
        if (!edits.length)
            return;
        const starts = this.blockLines(node);
        const innerLines = new LineIndex(inner);
        const lineStarts = [0, ...[...inner.matchAll(/\n/g)].map((match) => match.index + 1)];
        for (const edit of edits) {
            const line = innerLines.lineOf(edit.start);
            if (!starts || edit.text.includes('\n') || innerLines.lineOf(edit.end) !== line || line > starts.length) {
                this.refuse(starts ? node.range[0] : at, 'cannot be patched: helm.values names the image, but is not a literal block (values: |) whose lines can each be edited in place; write it as one');
            }
            const offset = starts[line - 1] - lineStarts[line - 1];
            this.edits.push({ start: edit.start + offset, end: edit.end + offset, text: edit.text });
        }
        for (const change of sub.changes)
            this.changes.push({ ...change, line: header + change.line });
    }
    /**
     * Where each line of a literal block scalar's value starts in the text, when
     * the value is exactly its lines less their indentation; else undefined.
     */
    blockLines(node) {
        if (node.type !== 'BLOCK_LITERAL')
            return undefined;
        const [start, end] = node.range;
        const headerEnd = this.text.indexOf('\n', start);
        if (headerEnd < 0 || headerEnd >= end)
            return undefined;
        const lines = [];
        for (let at = headerEnd + 1; at < end;) {
            const lf = this.text.indexOf('\n', at);
            const lineEnd = lf < 0 || lf >= end ? end : lf;
            lines.push({ start: at, text: this.text.slice(at, lineEnd).replace(/\r$/, '') });
            at = lineEnd + 1;
        }
        const first = lines.find((line) => line.text.trim() !== '');
        if (!first)
            return undefined;
        const indent = /^ */.exec(first.text)[0].length;
        if (lines.some((line) => line.text.slice(0, indent).trim() !== ''))
            return undefined;
        const content = lines.map((line) => line.text.slice(indent)).join('\n');
        if (content.replace(/\n+$/, '') !== node.value.replace(/\n+$/, ''))
            return undefined;
        return lines.map((line) => line.start + Math.min(indent, line.text.length));
    }
    /**
     * A kustomize `images:` entry, matched by `name` or by the `newName` it
     * already deploys. Keys it lacks are added after its last key; a tag or a
     * digest the target does not have is removed, since a stale digest would
     * keep deploying the old image.
     */
    kustomizeEntry(entry, via) {
        if (this.seenMaps.has(entry))
            return;
        this.seenMaps.add(entry);
        const nameField = this.field(entry, 'name');
        const newNameField = this.field(entry, 'newName');
        const newTagField = this.field(entry, 'newTag');
        const digestField = this.field(entry, 'digest');
        const name = scalarText(nameField?.node);
        const newName = scalarText(newNameField?.node);
        const newTag = scalarText(newTagField?.node);
        const digest = scalarText(digestField?.node);
        if (this.found) {
            if (newTag || digest)
                this.collect(entry, `${newName ?? name}${newTag ? `:${newTag}` : ''}${digest ? `@${digest}` : ''}`);
            return;
        }
        const at = this.where(entry, via);
        const found = this.find(tryParse(name)) ?? this.find(tryParse(newName));
        const deployed = newName ?? name;
        const what = `the kustomize image ${describe(deployed ?? '?', newTag, digest)}`;
        if (!found) {
            for (const [field, text] of [
                [newNameField, newName],
                [newTagField, newTag],
                [digestField, digest],
            ]) {
                if (field && isScalar(field.node))
                    this.demand(field.node, text ?? '', at, what);
            }
            return;
        }
        for (const [key, field] of [
            ['newName', newNameField],
            ['newTag', newTagField],
            ['digest', digestField],
        ]) {
            if (!this.editable(field))
                this.refuse(field.pair.key?.range?.[0] ?? at, `cannot be patched: the '${key}' of the kustomize image ${deployed} is not a scalar`);
        }
        const { update, rename } = found;
        const { target } = update;
        // kustomize appends tagSuffix to the workload's own tag, and ignores it once newTag or digest is set.
        const suffixField = this.field(entry, 'tagSuffix');
        const suffix = scalarText(suffixField?.node);
        if (suffix && target.tag !== undefined && newTag !== target.tag && !target.tag.endsWith(suffix)) {
            this.refuse(suffixField.pair.key.range[0], `cannot be patched: the kustomize image ${deployed} has tagSuffix '${suffix}', which kustomize ignores once newTag is set, ` +
                `so ${formatImageReference(target)} would deploy without it; deliver a tag ending in '${suffix}', or remove tagSuffix`);
        }
        const edits = [];
        const added = [];
        const changed = [];
        const apply = (key, field, from, to) => {
            if (to === undefined) {
                if (!field)
                    return;
                const keyNode = field.pair.key;
                if (field.owner !== entry)
                    this.refuse(keyNode.range[0], `cannot be patched: '${key}' of ${deployed} must go, but it comes from a map merged with <<`);
                if (keyNode.anchor || field.pair.value?.anchor)
                    this.refuse(keyNode.range[0], `cannot be patched: '${key}' of ${deployed} must go, but it holds an anchor that aliases use`);
                this.checkStructural(entry, at, `removing '${key}' from the kustomize image ${deployed}`);
                edits.push(removePair(this.text, entry, field.pair));
            }
            else if (!field) {
                added.push([key, to]);
            }
            else if (this.demand(field.node, to, at, what) && (from ?? '') !== to) {
                changed.push(field.node.range[0]);
            }
        };
        const renamed = rename ? repositoryOf(target) : deployed;
        if (rename)
            apply('newName', newNameField, newName, renamed);
        else if (newNameField)
            apply('newName', newNameField, newName, newName ?? '');
        apply('newTag', newTagField, newTag, target.tag);
        apply('digest', digestField, digest, target.digest);
        if (added.length) {
            this.checkStructural(entry, at, `adding ${added.map(([key]) => key).join(' and ')} to the kustomize image ${deployed}`);
            edits.push(appendPairs(this.text, entry, added, this.json));
        }
        this.record(edits, changed, {
            from: describe(deployed, newTag, digest),
            to: describe(renamed, target.tag, target.digest),
            kind: 'kustomize',
        });
    }
}
/**
 * Patches every given file, writing nothing. A file that is not UTF-8 YAML is
 * skipped with the reason, and the templates of a Helm chart (a Chart.yaml
 * beside templates/) once for their folder, since Helm renders them; a file over 10 MiB, an alias bomb, a reference
 * that cannot be changed alone and one still stale after patching throw
 * ManifestError, so that the run writes nothing at all.
 *
 * A file whose bytes contain neither the last path component of an updated
 * repository (or of a rename's new one) nor a backslash cannot reference it,
 * and is not parsed: in an env repository of thousands of files that is most
 * of them, and parsing is the whole cost. (A double-quoted scalar can spell a
 * name with escapes, `"ngin\x78"`, and only those need a backslash.) So every
 * file that can hold a reference is parsed and walked, and one that needed no
 * change is one whose references are all current already.
 */
function patchTree(files, updates) {
    // An update concerns a file only when the file names its repository's last segment ('hello' of ghcr.io/acme/hello).
    const byName = new Map();
    for (const update of updates) {
        for (const name of new Set([lastSegment(update.match.path), lastSegment(update.target.path)])) {
            byName.set(name, [...(byName.get(name) ?? []), update]);
        }
    }
    const needles = [...byName.keys(), '\\'].map((needle) => Buffer.from(needle));
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const result = { files: [], skipped: [], missing: [] };
    const referenced = new Set();
    const charts = chartTemplates(files.map((file) => file.path));
    /** Chart template folders with a file that does not read as YAML: reported once each, not once per file. */
    const unread = new Set();
    const skip = (path, reason) => {
        const chart = charts.find((folder) => path.startsWith(folder));
        if (chart)
            unread.add(chart);
        else
            result.skipped.push({ path, reason });
    };
    for (const { path, bytes } of files) {
        if (bytes.length > MAX_MANIFEST_BYTES)
            throw new ManifestError(path, 'is larger than 10 MiB', 'too-large');
        const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        let before;
        try {
            before = decoder.decode(bytes);
        }
        catch {
            if (needles.some((needle) => buffer.includes(needle)))
                skip(path, 'is not UTF-8 text');
            continue;
        }
        // Escapes can spell a name in other bytes: such a file is always read in full.
        const escaped = before.includes('\\');
        const concerned = escaped ? updates : updatesNamedIn(before, byName);
        if (!concerned.length)
            continue;
        // A file whose every mention of the names is already the target reference needs no change: no parse.
        if (!escaped && concerned.every((update) => alreadyAtTarget(before, update))) {
            for (const update of concerned)
                referenced.add(update);
            continue;
        }
        try {
            const patch = patchManifestText(before, updates, path);
            for (const update of patch.referenced)
                referenced.add(update);
            if (patch.changes.length)
                result.files.push({ path, before, after: patch.text, changes: patch.changes });
        }
        catch (error) {
            if (!(error instanceof ManifestError) || error.problem !== 'not-yaml')
                throw error;
            skip(path, error.reason);
        }
    }
    for (const folder of charts.filter((chart) => unread.has(chart))) {
        const patched = new Set(result.files.map((file) => file.path));
        const count = files.filter((file) => file.path.startsWith(folder) && !patched.has(file.path)).length;
        result.skipped.push({
            path: folder,
            reason: `${folder} (${count} file${count === 1 ? '' : 's'}): Helm templates are rendered by Helm; their values are patched instead`,
        });
    }
    result.missing = updates.filter((update) => !referenced.has(update));
    return result;
}
/**
 * The `templates/` folders of the Helm charts among the paths: a Chart.yaml
 * beside them. Their files are Go templates, which Helm renders from the
 * chart's values; most do not read as YAML.
 */
function chartTemplates(paths) {
    return paths
        .filter((path) => path === 'Chart.yaml' || path.endsWith('/Chart.yaml'))
        .map((chart) => `${chart.slice(0, -'Chart.yaml'.length)}templates/`)
        .filter((folder) => paths.some((path) => path.startsWith(folder)));
}
/** `name[=newName][:tag][@digest]`, as `kustomize edit set image` reads it. */
function parseKustomizeImage(text) {
    const eq = text.indexOf('=');
    const rest = eq >= 0 ? text.slice(eq + 1) : text;
    const at = rest.indexOf('@');
    const head = at >= 0 ? rest.slice(0, at) : rest;
    const digest = at >= 0 ? rest.slice(at + 1) : undefined;
    const tagged = /^(.*):([A-Za-z0-9._-]+)$/.exec(head);
    const image = tagged ? tagged[1] : head;
    const tag = tagged?.[2];
    if (!image || (eq >= 0 && eq === 0))
        return undefined;
    return eq >= 0 ? { name: text.slice(0, eq), newName: image, tag, digest } : { name: image, tag, digest };
}
const lastSegment = (path) => path.slice(path.lastIndexOf('/') + 1);
/** The updates whose repository name appears in `text` as a word; one scan, whatever the number of updates. */
function updatesNamedIn(text, byName) {
    const found = new Set();
    for (const [word] of text.matchAll(/[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/g)) {
        for (const update of byName.get(word) ?? [])
            found.add(update);
    }
    return [...found];
}
/**
 * True when every mention of the update's name in `text` is the target
 * reference itself, written out whole: then every reference to that
 * repository is already the target, in whatever field it stands. A rename,
 * or any other mention (a split Helm repository and tag, a label), is left
 * to the parser.
 */
function alreadyAtTarget(text, update) {
    if (repositoryOf(update.match) !== repositoryOf(update.target))
        return false;
    const target = formatImageReference(update.target);
    // Whole: not the tail of a longer reference (ghcr.io/acme/hello is not acme/hello).
    const whole = occurrences(text, target, (before) => !/[A-Za-z0-9._/-]/.test(before));
    return whole > 0 && whole === occurrences(text, lastSegment(update.target.path));
}
function occurrences(text, needle, accept = () => true) {
    let count = 0;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
        if (accept(text[at - 1] ?? ''))
            count++;
    return count;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/manifests.js






const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const YAML_FILE = /\.ya?ml$/i;
const manifests_EXPECTED = 'files, folders (every .yaml and .yml file in them, recursively) or kustomize folders';
const BOUNDED = `${manifests_EXPECTED}, each file at most 10 MiB`;
const INSIDE = `${manifests_EXPECTED}, inside the repository (a symbolic link may lead only to a file or folder of the repository)`;
/** yaml's guard against "billion laughs", as patch-manifest sets it: aliases per resolved node past which a document is refused. */
const manifests_MAX_ALIAS_COUNT = 100;
async function kustomizationIn(dir) {
    const names = await (0,promises_.readdir)(dir);
    return KUSTOMIZATION_FILES.some((name) => names.includes(name));
}
/** A Helm chart: a Chart.yaml beside a templates/ folder, whose files are Go templates, not manifests. */
async function helmChartIn(dir) {
    const children = await (0,promises_.readdir)(dir, { withFileTypes: true });
    const has = (name) => children.find((child) => child.name === name);
    const templates = has('templates');
    return Boolean(has('Chart.yaml') && templates && (templates.isDirectory() || templates.isSymbolicLink()));
}
const HELM_CHART = 'this is a Helm chart: render it (helm template) into the env repository, or deploy its rendered manifests';
/** Whether `path` is `boundary` or under it; both absolute and normalised. */
function within(path, boundary) {
    return path === boundary || path.startsWith(boundary.endsWith(external_node_path_.sep) ? boundary : `${boundary}${external_node_path_.sep}`);
}
/**
 * Reads the objects to deploy from files, folders and kustomize folders, in
 * the order given (folders in name order), and orders them for apply:
 * Namespaces first, then CustomResourceDefinitions, then the rest.
 *
 * Nothing outside `root` is read through it: an entry inside it, a file or
 * folder found in a folder, and every symbolic link on the way must resolve
 * to a path inside it. A link that stays inside is read like its target; one
 * that leaves is refused, naming it. (An entry named outside `root`, which
 * only a workspace allows, is its own boundary.) Each file is held to the
 * bounds patch-manifest applies: 10 MiB, and yaml's alias limit.
 */
async function loadManifests(entries, options) {
    const input = options.input ?? 'manifests';
    if (!entries.length)
        throw new errors/* InputError */.d(input, 'names no manifests', manifests_EXPECTED);
    const texts = [];
    const root = (0,external_node_path_.resolve)(options.root);
    const realRoot = await (0,promises_.realpath)(root);
    const name = (path) => (0,external_node_path_.relative)(!within(path, root) && within(path, realRoot) ? realRoot : root, path) || '.';
    const leaves = (path, folder) => new errors/* InputError */.d(input, `'${name(path)}' is a symbolic link to a ${folder ? 'folder' : 'file'} outside the repository`, INSIDE);
    /** Refuses, naming it, the first symbolic link on the way from `root` to `path` that leads out of `boundary`. */
    const firstLinkOut = async (path, boundary) => {
        const parts = (0,external_node_path_.relative)(root, path).split(external_node_path_.sep);
        for (let i = 1; i <= parts.length; i++) {
            const prefix = (0,external_node_path_.join)(root, ...parts.slice(0, i));
            const link = await (0,promises_.lstat)(prefix).catch(() => undefined);
            if (!link?.isSymbolicLink())
                continue;
            const target = await (0,promises_.realpath)(prefix).catch(() => undefined);
            if (!target || !within(target, boundary)) {
                return leaves(prefix, Boolean(target && (await (0,promises_.stat)(target)).isDirectory()));
            }
        }
        return leaves(path, false);
    };
    const scanned = new Map();
    /** kustomize follows links of its own (bases in other folders): every link under the boundary must stay inside it. */
    const scanLinks = (dir, boundary) => (async () => {
        for (const child of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
            const path = (0,external_node_path_.join)(dir, child.name);
            if (child.isSymbolicLink()) {
                const target = await (0,promises_.realpath)(path).catch(() => undefined);
                if (target && !within(target, boundary))
                    throw leaves(path, (await (0,promises_.stat)(target)).isDirectory());
            }
            else if (child.isDirectory() && child.name !== '.git') {
                await scanLinks(path, boundary);
            }
        }
    })();
    const readBounded = async (path, real) => {
        const { size } = await (0,promises_.stat)(real);
        if (size > MAX_MANIFEST_BYTES)
            throw new errors/* InputError */.d(input, `${name(path)} is larger than 10 MiB`, BOUNDED);
        texts.push({ source: name(path), text: await (0,promises_.readFile)(real, 'utf8') });
    };
    const renderKustomization = async (dir, boundary) => {
        if (!scanned.has(boundary))
            scanned.set(boundary, scanLinks(boundary, boundary));
        await scanned.get(boundary);
        let text;
        try {
            text = await options.kustomize(dir);
        }
        catch (error) {
            throw new errors/* InputError */.d(input, `${name(dir)}: kustomize could not render it: ${(0,errors/* describeError */.U)(error)}`, 'a folder `kubectl kustomize` renders');
        }
        if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES) {
            throw new errors/* InputError */.d(input, `${name(dir)} (kustomize) renders more than 10 MiB`, BOUNDED);
        }
        texts.push({ source: `${name(dir)} (kustomize)`, text });
    };
    /** `real` is where `dir` resolves; `open` the real folders being walked, which a link must not lead back into. */
    const walk = async (dir, real, boundary, open) => {
        if (await kustomizationIn(real))
            return renderKustomization(dir, boundary);
        if (await helmChartIn(real))
            throw new errors/* InputError */.d(input, `'${name(dir)}': ${HELM_CHART}`);
        const children = (await (0,promises_.readdir)(real, { withFileTypes: true })).filter((child) => !child.name.startsWith('.'));
        children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const child of children) {
            const path = (0,external_node_path_.join)(dir, child.name);
            const at = (0,external_node_path_.join)(real, child.name);
            if (child.isSymbolicLink()) {
                const target = await (0,promises_.realpath)(at).catch(() => undefined);
                if (!target) {
                    if (!within((0,external_node_path_.resolve)(real, await (0,promises_.readlink)(at)), boundary))
                        throw leaves(path, false);
                    if (YAML_FILE.test(child.name))
                        throw new errors/* InputError */.d(input, `'${name(path)}' is a symbolic link to nothing`, INSIDE);
                    continue;
                }
                const folder = (await (0,promises_.stat)(target)).isDirectory();
                if (!within(target, boundary))
                    throw leaves(path, folder);
                if (folder) {
                    if (open.some((ancestor) => within(ancestor, target))) {
                        throw new errors/* InputError */.d(input, `'${name(path)}' is a symbolic link to a folder that contains it`, INSIDE);
                    }
                    await walk(path, target, boundary, [...open, target]);
                }
                else if (YAML_FILE.test(child.name)) {
                    await readBounded(path, target);
                }
            }
            else if (child.isDirectory()) {
                await walk(path, at, boundary, [...open, at]);
            }
            else if (child.isFile() && YAML_FILE.test(child.name)) {
                await readBounded(path, at);
            }
        }
    };
    for (const entry of entries) {
        const path = (0,external_node_path_.resolve)(root, entry);
        const real = await (0,promises_.realpath)(path).catch(() => undefined);
        if (!real) {
            const dangling = await (0,promises_.lstat)(path).catch(() => undefined);
            if (dangling?.isSymbolicLink() && within(path, root) && !within((0,external_node_path_.resolve)((0,external_node_path_.dirname)(path), await (0,promises_.readlink)(path)), root)) {
                throw leaves(path, false);
            }
            if (dangling)
                throw new errors/* InputError */.d(input, `'${entry}' is a symbolic link to nothing`, INSIDE);
            throw new errors/* InputError */.d(input, `'${entry}' does not exist in ${options.root}`, manifests_EXPECTED);
        }
        // An entry named inside the root stays inside it; one named outside it (a workspace's) is its own boundary.
        const boundary = within(path, root) ? realRoot : real;
        if (!within(real, boundary))
            throw await firstLinkOut(path, boundary);
        const found = await (0,promises_.stat)(real);
        if (found.isDirectory())
            await walk(path, real, boundary, [real]);
        else if (KUSTOMIZATION_FILES.includes((0,external_node_path_.basename)(path)))
            await renderKustomization((0,external_node_path_.dirname)(path), boundary);
        else if ((0,external_node_path_.basename)((0,external_node_path_.dirname)(real)) === 'templates' && (await helmChartIn((0,external_node_path_.dirname)((0,external_node_path_.dirname)(real)))))
            throw new errors/* InputError */.d(input, `'${entry}' is a template of a Helm chart: ${HELM_CHART}`);
        else
            await readBounded(path, real);
    }
    const objects = texts.flatMap(({ source, text }) => parseObjects(text, source, input));
    return settle(objects, options.namespace, input);
}
/** Every object in a YAML stream; `kind: List` is opened. Empty documents are skipped. */
function parseObjects(text, source, input = 'manifests') {
    const found = [];
    if (Buffer.byteLength(text, 'utf8') > MAX_MANIFEST_BYTES)
        throw new errors/* InputError */.d(input, `${source} is larger than 10 MiB`, BOUNDED);
    (0,dist/* parseAllDocuments */.hR)(text).forEach((doc, index) => {
        const where = `${source}#${index + 1}`;
        const problem = doc.errors[0];
        if (problem)
            throw new errors/* InputError */.d(input, `${where} does not parse: ${problem.message.split('\n')[0]}`, 'YAML Kubernetes objects');
        let value;
        try {
            value = doc.toJS({ maxAliasCount: manifests_MAX_ALIAS_COUNT });
        }
        catch (error) {
            const why = (0,errors/* describeError */.U)(error).split('\n')[0];
            if (error instanceof ReferenceError) {
                throw new errors/* InputError */.d(input, `${where} is refused: ${why} (more than ${manifests_MAX_ALIAS_COUNT} aliases per node)`, 'YAML Kubernetes objects whose aliases do not multiply');
            }
            throw new errors/* InputError */.d(input, `${where} does not parse: ${why}`, 'YAML Kubernetes objects');
        }
        if (value === null || value === undefined)
            return;
        const items = isList(value) ? value.items : [value];
        for (const item of items)
            found.push({ object: checkObject(item, where, input), source: where });
    });
    return found;
}
function isList(value) {
    const kind = value.kind;
    return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items);
}
function checkObject(value, where, input) {
    const expected = 'Kubernetes objects with apiVersion, kind and metadata.name';
    if (typeof value !== 'object' || Array.isArray(value))
        throw new errors/* InputError */.d(input, `${where} is not a mapping`, expected);
    const object = value;
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string')
        throw new errors/* InputError */.d(input, `${where} has no apiVersion or kind`, expected);
    if (typeof object.metadata?.name !== 'string' || !object.metadata.name) {
        throw new errors/* InputError */.d(input, `${where} (${object.kind}) has no metadata.name`, `${expected} (generateName cannot be applied)`);
    }
    return object;
}
/** Settles each object's namespace, refuses duplicates, and puts Namespaces and CRDs first. */
function settle(objects, namespace, input) {
    // A custom kind declared cluster-scoped by a CRD in the same manifests takes no namespace either.
    const customClusterKinds = new Set(objects
        .filter(({ object }) => object.kind === 'CustomResourceDefinition' && object.spec?.scope === 'Cluster')
        .map(({ object }) => `${object.spec?.group}/${object.spec?.names?.kind}`));
    const seen = new Map();
    const manifests = objects.map(({ object, source }) => {
        const group = groupOf(object.apiVersion);
        const clusterScoped = isClusterScoped(group, object.kind, customClusterKinds);
        const ref = {
            group,
            kind: object.kind,
            namespace: clusterScoped ? '' : (object.metadata.namespace ?? namespace),
            name: object.metadata.name,
        };
        const key = refKey(ref);
        const earlier = seen.get(key);
        if (earlier)
            throw new errors/* InputError */.d(input, `${describeRef(ref)} is declared twice, in ${earlier} and ${source}`, 'each object declared once');
        seen.set(key, source);
        return { object, ref, source };
    });
    return manifests
        .map((m, index) => ({ m, index }))
        .sort((a, b) => applyRank(a.m.ref) - applyRank(b.m.ref) || a.index - b.index)
        .map(({ m }) => m);
}
/** Objects the previous revision declared and the candidate no longer does: what prune deletes, last-applied first. */
function pruneSet(previous, candidate) {
    const kept = new Set(candidate.map(refKey));
    const gone = previous.filter((ref) => !kept.has(refKey(ref)));
    // Delete in reverse apply order: what lives in a namespace (or is defined by a CRD) goes before it.
    return gone
        .map((ref, index) => ({ ref, index }))
        .sort((a, b) => applyRank(b.ref) - applyRank(a.ref) || b.index - a.index)
        .map(({ ref }) => ref);
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/candidate.js






/** The env repository, fetched one revision at a time into one folder, shallow. */
class EnvRevisions {
    inputs;
    deps;
    repo;
    tips;
    constructor(inputs, deps) {
        this.inputs = inputs;
        this.deps = deps;
    }
    /** The commit a branch or SHA names, or undefined when no such branch exists. */
    async resolve(revision) {
        if (/^[0-9a-f]{40}$/.test(revision))
            return revision;
        this.tips ??= await (await this.open()).tips();
        return this.tips.branches.get(revision);
    }
    /** Fetches a commit and puts its tree in the folder, which it returns. */
    async checkout(sha) {
        const repo = await this.open();
        await repo.checkout('deploy', await repo.fetch(sha));
        return repo.dir;
    }
    async open() {
        this.repo ??= await EnvRepo.open({
            remote: this.inputs.remote,
            dir: (0,external_node_path_.join)(this.deps.workdir, 'env'),
            token: this.inputs.token,
            logger: this.deps.logger,
            exec: this.deps.gitExec,
        });
        return this.repo;
    }
}
/**
 * Reads the candidate (a revision of the env repository, or the workspace's
 * files) and asks the cluster whether it knows every kind in it. `resolved`
 * hears the candidate's commit as soon as it is known, so that a failure
 * after it can still name it.
 */
async function readCandidate(inputs, deps, resolved = () => undefined) {
    const { kubectl, logger } = deps;
    const env = inputs.remote ? new EnvRevisions(inputs, deps) : undefined;
    const load = (root, entries) => loadManifests(entries, { root, namespace: inputs.namespace, kustomize: (dir) => kubectl.run(['kustomize', dir]) });
    // The candidate: a revision of the env repository, or the files in the workspace.
    let candidate;
    if (inputs.ref) {
        const sha = await env.resolve(inputs.ref);
        if (!sha) {
            throw new errors/* InputError */.d('ref', `'${inputs.ref}' is not a branch of ${inputs.remote.url}`, 'a branch of env-repository or a full commit SHA');
        }
        let root;
        try {
            root = await env.checkout(sha);
        }
        catch {
            throw new errors/* InputError */.d('ref', `commit ${sha} is not in ${inputs.remote.url}`, 'the full SHA of a commit pushed to env-repository');
        }
        resolved(sha);
        candidate = { sha, manifests: await load(root, inputs.manifests) };
    }
    else {
        candidate = { sha: deps.context.sha, manifests: await load(deps.context.workspace, inputs.manifests) };
    }
    logger.info(`deploying ${candidate.manifests.length} objects of ${candidate.sha ? candidate.sha.slice(0, 12) : 'the workspace'}`);
    // Namespaces and CRDs are written before the rest goes through the dry run:
    // check every kind first, so that an unknown one stops us before them.
    if (candidate.manifests.some(isFoundation)) {
        try {
            await preflight(kubectl, candidate.manifests);
        }
        catch (error) {
            throw explainRefusal(error, candidate.manifests, inputs);
        }
    }
    // The production revision, read once, when rollback or prune needs it.
    let production;
    const loadProduction = () => (production ??= (async () => {
        if (!env)
            return { missing: 'env-repository is not set, so there is no production revision to read' };
        const sha = await env.resolve(inputs.productionRef);
        if (!sha)
            return { missing: `${inputs.remote.url} has no branch '${inputs.productionRef}' (production-ref) yet` };
        const entries = inputs.ref ? inputs.manifests : repoPaths(inputs.manifests, deps.context.workspace);
        if (typeof entries === 'string')
            return { missing: entries };
        try {
            return { sha, manifests: await load(await env.checkout(sha), entries) };
        }
        catch (error) {
            return { missing: `its manifests at ${sha.slice(0, 12)} could not be read: ${(0,errors/* describeError */.U)(error)}` };
        }
    })());
    return { candidate, loadProduction };
}
/** Workspace paths as paths in the env repository; a path outside the workspace has no counterpart there. */
function repoPaths(entries, workspace) {
    const mapped = [];
    for (const entry of entries) {
        const path = (0,external_node_path_.relative)(workspace, (0,external_node_path_.resolve)(workspace, entry)) || '.';
        if (path.startsWith('..') || (0,external_node_path_.isAbsolute)(path))
            return `manifests entry '${entry}' is outside the workspace, so it has no counterpart in env-repository`;
        mapped.push(path);
    }
    return mapped;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/rolling.js






/**
 * The rolling strategy: apply (server-side), wait for every workload in
 * parallel, diagnose what failed, roll back to the production revision on
 * failure (deleting the pods a failed StatefulSet left stuck, which its
 * controller would not replace), and prune what the candidate dropped once
 * it is healthy.
 */
async function deployRolling({ candidate, loadProduction }, inputs, deps) {
    const { logger } = deps;
    const roll = async (revision, label, recovery) => logger.group(`${label}: apply and wait (timeout ${(0,duration/* formatDuration */.a3)(inputs.timeoutMs)})`, () => rollOut(revision, inputs, deps, label === 'Candidate', recovery));
    const result = {
        result: 'succeeded',
        revision: candidate.sha,
        candidate: await roll(candidate, 'Candidate'),
        pruned: [],
        durationMs: 0,
    };
    if (result.candidate.healthy) {
        if (inputs.prune) {
            const previous = await loadProduction();
            if ('missing' in previous)
                logger.info(`prune: nothing to compare with: ${previous.missing}`);
            else
                result.pruned = await prune(previous, candidate, deps);
        }
    }
    else {
        result.result = 'failed';
        result.failure = describeFailure(result.candidate);
        if (inputs.rollbackOnFailure) {
            const previous = await loadProduction();
            if ('missing' in previous) {
                result.rollback = { skipped: previous.missing };
                logger.warning(`not rolled back: ${previous.missing}; the failed state is left for inspection`);
                result.failure += `; not rolled back: ${previous.missing}`;
            }
            else {
                // Read before the revert: the revision each failed StatefulSet was rolling to, whose stuck pods the rollback deletes.
                const failed = await failedRevisions(deps.kubectl, result.candidate.workloads);
                const rollback = await roll(previous, `Rollback to ${inputs.productionRef} ${previous.sha.slice(0, 12)}`, { failed });
                result.rollback = rollback;
                const released = rollback.released?.length
                    ? ` (after deleting the stuck pod${rollback.released.length === 1 ? '' : 's'} ${rollback.released.map((r) => r.pod.name).join(', ')} of the failed revision)`
                    : '';
                if (rollback.healthy) {
                    result.result = 'rolled-back';
                    result.failure += `; rolled back to ${inputs.productionRef} ${previous.sha.slice(0, 12)}${released}`;
                    if (inputs.prune)
                        result.pruned = await prune(candidate, previous, deps);
                }
                else {
                    result.failure += `; the rollback to ${inputs.productionRef} ${previous.sha.slice(0, 12)}${released} failed too: ${describeFailure(rollback)}`;
                }
            }
        }
    }
    return result;
}
/** Deletes what `previous` declared and `next` no longer does. */
async function prune(previous, next, deps) {
    if (previous.sha && previous.sha === next.sha)
        return [];
    const gone = pruneSet(previous.manifests.map((m) => m.ref), next.manifests.map((m) => m.ref));
    deps.logger.info(gone.length
        ? `prune: ${gone.length} objects of ${previous.sha.slice(0, 12)} are gone from ${next.sha.slice(0, 12) || 'the candidate'}`
        : 'prune: nothing to delete');
    await deleteObjects(deps.kubectl, gone);
    for (const ref of gone)
        deps.logger.info(`pruned ${describeRef(ref)}`);
    return gone;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/canary/plan.js
/**
 * The canary strategy. deploy: beside each production Deployment, a canary
 * running the candidate and a baseline running what production runs now,
 * the same size, so that canary-check compares two fresh sets of pods rather
 * than new pods with old ones; the primary gives up as many pods as they
 * take, so that the Services' pods are as many as before and the canary
 * serves the share asked (shape.ts splitReplicas). With canary-steps, each
 * deploy serves one step's share. promote: the primary gets its replicas
 * back, the candidate rolls out to it as with the rolling strategy, then
 * canary and baseline go. reject: the primary gets its replicas back, then
 * canary and baseline go.
 */



/** The candidate's Deployments, each of which gets a canary and a baseline; a candidate without one is refused. */
function deploymentsOf(source, inputs) {
    const deployments = source.candidate.manifests.filter(isDeployment);
    if (!deployments.length) {
        throw new errors/* InputError */.d('manifests', `declare no Deployment, so strategy '${inputs.strategy}' has nothing to ${inputs.action}`, "manifests with at least one Deployment, or strategy 'rolling'");
    }
    return deployments;
}
const trackRef = (m, track) => ({ ...m.ref, name: trackName(m.ref.name, track) });
const canaryPair = (m) => ({
    namespace: m.ref.namespace,
    primary: m.ref.name,
    canary: trackName(m.ref.name, 'canary'),
    baseline: trackName(m.ref.name, 'baseline'),
});
/** What a pair serves with this split, for the outputs and the summary. */
function splitPair(m, split, originalReplicas) {
    return {
        ...canaryPair(m),
        replicas: split.canary,
        baselineReplicas: split.baseline,
        primaryReplicas: split.primary,
        primaryOriginalReplicas: originalReplicas,
        share: split.share,
        servedShare: split.served.canary,
        baselineShare: split.served.baseline,
        primaryShare: split.served.primary,
    };
}
/** The canary and the baseline of a Deployment, sized by the split, as manifests to apply. */
function canaryManifests(candidate, primary, split) {
    const make = (track, template) => ({
        object: derivedDeployment(candidate.object, {
            name: trackName(candidate.ref.name, track),
            label: TRACK_LABEL,
            value: track,
            replicas: track === 'canary' ? split.canary : split.baseline,
            template,
        }),
        ref: trackRef(candidate, track),
        source: `${candidate.source} (${track})`,
    });
    // The baseline runs the pod template production runs now, as the cluster has it, not as any revision says.
    return [make('canary'), make('baseline', primary.spec?.template)];
}
/**
 * Deletes every canary and baseline of the Deployments, after a promote
 * whatever its outcome, or a reject: the attempt is over, and a canary left
 * running would keep serving the candidate.
 */
async function removeTracks(deployments, report, deps) {
    report.canaries = deployments.map((m) => canaryPair(m));
    report.deleted = await deleteNamed(deps.kubectl, deployments.flatMap((m) => [trackRef(m, 'canary'), trackRef(m, 'baseline')]), deps.logger);
    if (!report.deleted.length)
        report.notes.push('No canary or baseline was left to delete.');
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/canary/primary.js




/**
 * The HorizontalPodAutoscalers that scale each Deployment, by
 * `namespace/name`: an autoscaler would undo a primary scaled down, so such a
 * primary keeps its replicas.
 */
async function autoscalersOf(kubectl, refs, logger) {
    const found = new Map();
    for (const namespace of new Set(refs.map((ref) => ref.namespace))) {
        let items;
        try {
            ({ items } = await kubectl.json([
                'get',
                'horizontalpodautoscalers.autoscaling',
                ...(0,kube_kubectl.namespaceArgs)(namespace),
            ]));
        }
        catch (error) {
            // A deployer may apply Deployments without the right to read autoscalers: say so, rather than stop.
            if (!(error instanceof kube_kubectl.KubectlError && /forbidden/i.test(error.stderr)))
                throw error;
            logger.warning(`cannot list HorizontalPodAutoscalers${namespace ? ` in ${namespace}` : ''} (forbidden): the primaries are scaled as if none scaled them; an autoscaler that does would undo it`);
            continue;
        }
        for (const hpa of items) {
            const target = hpa.spec?.scaleTargetRef;
            if (target?.kind === 'Deployment' && /^apps\//.test(target.apiVersion ?? 'apps/v1') && target.name)
                found.set(`${namespace}/${target.name}`, hpa.metadata.name);
        }
    }
    return found;
}
const autoscalerKey = (ref) => `${ref.namespace}/${ref.name}`;
/** Sets a primary's replicas (unless undefined) and its canary state (null removes it) in one update. */
async function updatePrimary(kubectl, ref, replicas, state) {
    await kubectl.run([
        'patch',
        resourceArg(ref),
        ref.name,
        ...(0,kube_kubectl.namespaceArgs)(ref.namespace),
        '--type=merge',
        '-p',
        JSON.stringify(primaryPatch(replicas, state)),
    ]);
}
/** Waits until the primaries run their replicas, ready. */
async function waitForPrimaries(refs, inputs, deps) {
    if (!refs.length)
        return [];
    deps.logger.info(`waiting for ${refs.map(describeRef).join(', ')}`);
    return waitForRollouts(deps.kubectl, refs, {
        timeoutMs: inputs.timeoutMs,
        failFast: inputs.failFast,
        logger: deps.logger,
        clock: deps.clock,
        reconnectDelayMs: deps.reconnectDelayMs,
    });
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/canary/deploy.js










/**
 * Canary deploy: beside each production Deployment, a canary running the
 * candidate and a baseline running what production runs now, serving the
 * share of the step asked; the primary gives up the pods they take. The
 * Services never serve fewer pods than before: the primary grows before the
 * tracks shrink, and shrinks only once the tracks are ready.
 */
async function deployCanary(source, given, deps) {
    const deployments = deploymentsOf(source, given);
    const { kubectl, logger } = deps;
    const report = emptyReport('canary', 'deploy');
    const primaries = await Promise.all(deployments.map((m) => getLive(kubectl, m.ref)));
    const inputs = given.canaryNextStep ? nextStep(given, primaries, source.candidate.sha) : given;
    const missing = deployments.filter((_, i) => !primaries[i]);
    if (missing.length) {
        // Nothing runs yet to compare a canary with or to send it traffic: the first deployment goes out whole.
        const note = `${missing.map((m) => describeRef(m.ref)).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no running primary (first deploy): the candidate was deployed with the rolling strategy, without a canary`;
        logger.warning(note);
        const result = await deployRolling(source, inputs, deps);
        report.notes.push(note);
        result.strategy = report;
        return result;
    }
    const autoscalers = await autoscalersOf(kubectl, deployments.map((m) => m.ref), logger);
    const planned = deployments.map((m, i) => plan(m, primaries[i], autoscalers.get(autoscalerKey(m.ref)), source.candidate.sha, inputs));
    report.canaries = planned.map((p) => p.pair);
    sayShares(planned, inputs, report, deps);
    // With weights, the route is read and the first weights tried (RBAC, validation) before anything changes.
    const traffic = await openTraffic(inputs, deployments, deps);
    const shareOf = (deployment) => planned.find((p) => p.manifest === deployment).split.share;
    const weights = (route) => canaryBackends(route.router, shareOf(route.deployments[0]));
    if (traffic) {
        const refused = await setWeights(traffic, weights, deps, [], { dryRun: true });
        if (refused)
            throw new traffic_router/* TrafficError */._s(`${refused}; nothing was changed`);
        weighShares(planned, traffic);
        if (traffic.routing === 'ingress-nginx') {
            const note = 'ingress-nginx takes one canary Ingress per host and path, so the baseline gets no traffic through it: compare the canary with the primary';
            logger.info(note);
            report.notes.push(note);
        }
    }
    const result = {
        result: 'succeeded',
        revision: source.candidate.sha,
        candidate: { revision: source.candidate.sha, applied: [], workloads: [], diagnoses: [], healthy: true },
        pruned: [],
        durationMs: 0,
        strategy: report,
    };
    const moving = planned.filter((p) => !p.passed);
    if (!moving.length)
        return result;
    // The primary Services are held to the primary's pods before the tracks' pods exist: those get traffic by weight only.
    if (traffic)
        await pinPrimaries(traffic, deps, report.notes);
    const replicasNow = (p) => p.live.spec?.replicas ?? 1;
    const primaryReplicas = (p) => (p.autoscaler ? undefined : p.split.primary);
    // A primary that grows does so first, so the Services never serve fewer pods than before.
    const growing = moving.filter((p) => !p.autoscaler && p.split.primary > replicasNow(p));
    const shrinking = moving.filter((p) => !growing.includes(p));
    for (const p of growing)
        await updatePrimary(kubectl, p.manifest.ref, primaryReplicas(p), p.next);
    const grown = await waitForPrimaries(growing.map((p) => p.manifest.ref), inputs, deps);
    const manifests = [
        ...source.candidate.manifests.filter(isPodDependency),
        ...moving.flatMap((p) => canaryManifests(p.manifest, p.live, p.split)),
        ...(traffic ? trackServices(traffic) : []),
    ];
    const step = inputs.canarySteps ? `step ${inputs.canaryStep} of ${inputs.canarySteps.length}, ` : '';
    const rollout = await logger.group(`Canary ${step}${inputs.canaryPercentage}%: apply and wait`, () => rollOut({ sha: source.candidate.sha, manifests }, inputs, deps, true));
    report.created = [
        ...moving.flatMap((p) => canaryManifests(p.manifest, p.live, p.split).map((m) => m.ref)),
        ...(traffic ? trackServices(traffic).map((m) => m.ref) : []),
    ];
    result.candidate = rollout;
    if (!rollout.healthy) {
        result.result = 'failed';
        // The primaries that were to shrink did not: what served before serves on.
        const was = planned.map((p) => p.state?.history.at(-1));
        const before = was.some(Boolean)
            ? `the primaries keep serving the previous step's share (${was.map((h) => (h ? `${h.served}%` : 'none')).join(', ')} canary)`
            : 'the primaries were not scaled down';
        const routes = traffic ? `; the routes' weights were not changed (${traffic.routes.map((r) => r.router.describe).join(', ')})` : '';
        result.failure = `${describeFailure(rollout)}; ${before}${routes}; the canary and baseline are left for inspection: action 'reject' removes them and restores the primaries`;
        return result;
    }
    // Then the primaries give up their pods, each recording in the same update how to get them back.
    for (const p of shrinking)
        await updatePrimary(kubectl, p.manifest.ref, primaryReplicas(p), p.next);
    const shrunk = await waitForPrimaries(shrinking.filter((p) => !p.autoscaler && p.split.primary !== replicasNow(p)).map((p) => p.manifest.ref), inputs, deps);
    const unready = [...grown, ...shrunk].filter((w) => w.status !== 'succeeded');
    if (unready.length) {
        result.result = 'failed';
        result.failure = `${unready.map((w) => `${describeRef(w.ref)} ${w.status}: ${w.reason}`).join('; ')}; the canary serves beside a primary not at its size${traffic ? ", the routes' weights were not changed" : ''}: action 'reject' restores it`;
        return result;
    }
    if (traffic) {
        const failure = await setWeights(traffic, weights, deps, report.notes);
        if (failure) {
            result.result = 'failed';
            result.failure = `${failure}; the canary and baseline run without the share asked: run the step again, or action 'reject' removes them`;
        }
    }
    return result;
}
/**
 * canary-step 'next': the step after the one every primary serves for this
 * revision (the first for a new revision), or the last step again once all
 * were served, so that a run after the last step's analysis promotes.
 */
function nextStep(inputs, primaries, revision) {
    const steps = inputs.canarySteps;
    const reached = primaries.map((live) => {
        const state = live && canaryStateOf(live);
        return state?.revision === revision ? state.step : 0;
    });
    const step = Math.min(Math.min(...reached) + 1, steps.length);
    return { ...inputs, canaryStep: step, canaryPercentage: steps[step - 1], canaryNextStep: false };
}
/** The step asked for one Deployment, checked against the step its primary records. */
function plan(manifest, live, autoscaler, revision, inputs) {
    const recorded = canaryStateOf(live);
    const state = recorded?.revision === revision ? recorded : undefined;
    const asked = inputs.canaryStep ?? 1;
    const reached = state?.step ?? 0;
    const name = describeRef(manifest.ref);
    if (asked > reached + 1) {
        const where = reached ? `serves step ${reached}` : 'serves no step of this revision';
        throw new errors/* InputError */.d('canary-step', `is ${asked}, but the canary of ${name} ${where}: steps are served in order, each after the previous one's analysis`, `${reached + 1}, the next step, or ${reached || 1} to serve ${reached ? 'the current step' : 'the first step'} again`);
    }
    const passed = asked < reached;
    const share = passed ? state.history[reached - 1].share : inputs.canaryPercentage;
    // A primary the canary already scaled down is restored to the replicas recorded, not to what it runs now.
    const original = recorded && !recorded.autoscaled ? recorded.replicas : (live.spec?.replicas ?? 1);
    const split = splitReplicas(share, original, { primaryFixed: Boolean(autoscaler) });
    const step = passed ? reached : asked;
    // With weights (traffic-routing), the route serves the share asked, whatever the pods.
    const served = inputs.trafficRouting === 'replicas' ? split.served.canary : share;
    const history = [...(state?.history.slice(0, step - 1) ?? []), { share, served }];
    const next = { revision, replicas: original, autoscaled: Boolean(autoscaler), step, history };
    const pair = {
        ...splitPair(manifest, split, original),
        ...(inputs.canarySteps ? { step } : {}),
        history,
        ...(autoscaler ? { autoscaler } : {}),
    };
    return { manifest, live, state, passed, split, next, autoscaler, pair };
}
/**
 * Says, before anything changes, the share each canary will serve, and
 * where whole pods cannot serve the share asked, what will be served
 * instead, or refuses (canary-share-rounding 'refuse').
 */
function sayShares(planned, inputs, report, { logger }) {
    const off = [];
    for (const p of planned) {
        const { split, pair } = p;
        const name = `${pair.namespace ? `${pair.namespace}/` : ''}${pair.primary}`;
        if (p.passed) {
            const note = `${name}: step ${inputs.canaryStep} was served before; the canary stays at step ${p.next.step} (${split.share}%)`;
            logger.info(note);
            report.notes.push(note);
            continue;
        }
        logger.info(inputs.trafficRouting === 'replicas'
            ? `${name}: ${split.canary} canary, ${split.baseline} baseline and ${split.primary} primary pods (of ${pair.primaryOriginalReplicas}) serve ` +
                `${split.served.canary}%, ${split.served.baseline}% and ${split.served.primary}%`
            : `${name}: ${split.canary} canary, ${split.baseline} baseline and ${split.primary} primary pods (of ${pair.primaryOriginalReplicas}); the route's weights set the shares`);
        if (p.autoscaler) {
            const note = `${name}: HorizontalPodAutoscaler ${p.autoscaler} owns the primary's replicas, which stay as they are; canary and baseline are sized beside them`;
            logger.warning(note);
            report.notes.push(note);
        }
        if (split.honest || inputs.trafficRouting !== 'replicas')
            continue;
        const fix = split.replicasNeeded
            ? `${split.replicasNeeded} or more primary replicas would serve it within ${SHARE_TOLERANCE} points`
            : p.autoscaler
                ? `an autoscaled primary cannot make room for it`
                : `no replica count up to 1000 serves it`;
        off.push(`${name}: ${split.share}% of ${pair.primaryOriginalReplicas} replicas cannot be served with whole pods: ` +
            `the nearest is ${split.canary} canary pod${split.canary === 1 ? '' : 's'} of ${split.canary + split.baseline + split.primary}, ${split.served.canary}% (${fix})`);
    }
    if (!off.length)
        return;
    const input = inputs.canarySteps ? 'canary-steps' : 'canary-percentage';
    if (inputs.canaryShareRounding === 'refuse') {
        throw new errors/* InputError */.d(input, `asks a share that cannot be served; nothing was changed: ${off.join('; ')}`, `a share the replicas can serve within ${SHARE_TOLERANCE} points, more replicas, or canary-share-rounding 'nearest'`);
    }
    for (const line of off) {
        logger.warning(`${line}; serving that share (canary-share-rounding 'nearest')`);
        report.notes.push(`⚠️ ${line}; that share is served.`);
    }
}
/** With weights, each pair serves the weights its route gives, not its share of the pods. */
function weighShares(planned, traffic) {
    for (const p of planned) {
        const route = traffic.routes.find((r) => r.deployments.includes(p.manifest));
        if (!route)
            continue;
        const [canary, baseline] = canaryBackends(route.router, p.split.share);
        p.pair.servedShare = canary.weight;
        p.pair.baselineShare = baseline?.weight ?? 0;
        p.pair.primaryShare = 100 - canary.weight - (baseline?.weight ?? 0);
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/canary/restore.js




/**
 * Gives each primary a canary scaled down its replicas back and removes the
 * canary's record, in one update: a run that stops after it finds nothing
 * left to restore. With `wait`, waits for the primaries to run them.
 */
async function restorePrimaries(deployments, inputs, report, deps, { wait }) {
    const restored = [];
    for (const m of deployments) {
        const live = await getLive(deps.kubectl, m.ref);
        const state = live && canaryStateOf(live);
        if (!state)
            continue;
        const replicas = state.autoscaled ? undefined : state.replicas;
        await updatePrimary(deps.kubectl, m.ref, replicas, null);
        const line = replicas === undefined
            ? `${describeRef(m.ref)}: the canary's record removed (an autoscaler owns its replicas)`
            : `${describeRef(m.ref)}: back to ${replicas} replicas (from ${live.spec?.replicas ?? 1} while the canary ran)`;
        deps.logger.info(line);
        report.notes.push(`Restored ${line.replace(/^[^:]*: /, `${m.ref.name}: `)}.`);
        if (replicas !== undefined)
            restored.push(m);
    }
    return wait
        ? waitForPrimaries(restored.map((m) => m.ref), inputs, deps)
        : [];
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/canary/promote.js





/**
 * Canary promote: each primary gets back the replicas it gave up, the
 * candidate rolls out to it as with the rolling strategy (rollback
 * included), then canary and baseline go, whatever the outcome.
 */
async function promoteCanary(source, inputs, deps) {
    const deployments = deploymentsOf(source, inputs);
    const report = emptyReport('canary', 'promote');
    const traffic = await openTraffic(inputs, deployments, deps, { cleanup: true });
    // The primary is about to run a new pod template: its Services select by the app's labels again, tracks included.
    if (traffic)
        await unpinPrimaries(traffic, deps, report.notes);
    // No wait: the rollout that follows waits for the primaries at their full size.
    await restorePrimaries(deployments, inputs, report, deps, { wait: false });
    const result = await deps.logger.group('Promote: roll the candidate out to the primaries', async () => deployRolling(source, inputs, deps));
    if (traffic) {
        // The primaries run the candidate (or production again, rolled back): the routes send them all the traffic, as written.
        const failure = await restoreRoutes(traffic, deps, report.notes);
        if (failure) {
            result.result = 'failed';
            result.failure = `${result.failure ? `${result.failure}; ` : ''}${failure}; the routes still give the canary its share, so it is left running: run promote again`;
            result.strategy = report;
            return result;
        }
    }
    await removeTracks(deployments, report, deps);
    if (traffic)
        report.deleted.push(...(await deleteTrackServices(traffic, deps)));
    result.strategy = report;
    return result;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/canary/reject.js






/**
 * Canary reject: each primary gets back the replicas it gave up and runs
 * them, then canary and baseline go (even if a primary could not grow: the
 * canary runs a rejected candidate).
 */
async function rejectCanary(source, inputs, deps) {
    const deployments = deploymentsOf(source, inputs);
    const report = emptyReport('canary', 'reject');
    const result = emptyResult(source.candidate.sha);
    const traffic = await openTraffic(inputs, deployments, deps, { cleanup: true });
    const restored = await restorePrimaries(deployments, inputs, report, deps, { wait: true });
    result.strategy = report;
    if (traffic) {
        // All traffic back to the primaries before the tracks go, so that no request is sent to a Service without pods.
        const failure = await restoreRoutes(traffic, deps, report.notes);
        if (failure) {
            result.result = 'failed';
            result.failure = `${failure}; the routes still give the canary its share, so canary and baseline are left running: run reject again`;
            return result;
        }
    }
    await removeTracks(deployments, report, deps);
    if (traffic) {
        report.deleted.push(...(await deleteTrackServices(traffic, deps)));
        await unpinPrimaries(traffic, deps, report.notes);
    }
    const unready = restored.filter((w) => w.status !== 'succeeded');
    if (unready.length) {
        result.result = 'failed';
        result.failure = `${unready.map((w) => `${describeRef(w.ref)} ${w.status}: ${w.reason}`).join('; ')}: the primary did not get its replicas back; canary and baseline were removed`;
    }
    return result;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/strategies/index.js
/**
 * deploy-candidate's strategies, one folder (or file) each, after
 * azure/k8s-deploy's: a strategy is its deploy, promote and reject steps,
 * each a function of the candidate read once. Rolling has deploy alone: its
 * promote and reject are refused with the inputs.
 */










const STRATEGIES = {
    rolling: { deploy: deployRolling },
    canary: { deploy: deployCanary, promote: promoteCanary, reject: rejectCanary },
    'blue-green': { deploy: deployBlueGreen, promote: promoteBlueGreen, reject: rejectBlueGreen },
};
/**
 * deploy-candidate's work: one step of its strategy, on the candidate, timed
 * from the step's start. A step stopped by an error (a refused input, a
 * cluster that refused the candidate) still gives a result, failed, with the
 * revision as far as it was known and the error as thrown.
 */
async function deployWithStrategy(inputs, deps) {
    const clock = deps.clock ?? (() => performance.now());
    const started = clock();
    const step = STRATEGIES[inputs.strategy][inputs.action];
    if (!step)
        throw new Error(`strategy '${inputs.strategy}' has no action '${inputs.action}'`);
    let revision = inputs.ref ? '' : deps.context.sha;
    let result;
    try {
        result = await step(await readCandidate(inputs, deps, (sha) => (revision = sha)), inputs, deps);
    }
    catch (error) {
        result = { ...emptyResult(revision), result: 'failed', failure: (0,errors/* describeError */.U)(error), stoppedBy: error };
    }
    result.durationMs = Math.round(clock() - started);
    return result;
}

;// CONCATENATED MODULE: ./.tmp/build/src/kube/summary.js




/** The `workloads` output: one entry per workload waited for. */
function workloadsJson(workloads) {
    return JSON.stringify(workloads.map((w) => ({
        kind: w.ref.kind,
        name: w.ref.name,
        namespace: w.ref.namespace,
        status: w.status,
        'duration-ms': w.durationMs,
        reason: w.reason,
    })));
}
const ICON = { succeeded: '✅', failed: '❌', 'timed-out': '⏱️' };
/** What a person reads first about a workload: its status, and for a failure only the reason's name; the message is said once, below. */
function detailOf(w, rollout) {
    if (w.status === 'succeeded')
        return '';
    const diagnosis = rollout.diagnoses.find((d) => describeRef(d.ref) === describeRef(w.ref));
    const reasons = [...new Set(diagnosis?.findings.map((finding) => finding.reason) ?? [])];
    return reasons.length ? `${reasons.join(', ')} (why below)` : w.reason;
}
function rolloutSection(title, rollout) {
    const lines = [`#### ${title}`, ''];
    if (rollout.applyError)
        return [...lines, 'The apply was refused:', '', (0,markdown/* fenced */.OF)('', (0,markdown/* truncate */.xv)(rollout.applyError, 8000)), ''];
    lines.push(`Applied ${rollout.applied.length} objects.`, '');
    if (rollout.workloads.length) {
        lines.push((0,markdown/* table */.tp)(['workload', 'namespace', 'status', 'duration', 'detail'], rollout.workloads.map((w) => [
            `${resourceArg(w.ref)}/${w.ref.name}`,
            w.ref.namespace,
            `${ICON[w.status]} ${w.status}`,
            (0,duration/* formatDuration */.a3)(w.durationMs),
            detailOf(w, rollout),
        ])), '');
    }
    if (rollout.released?.length) {
        lines.push("**Stuck pods deleted (forced rollback)**: a StatefulSet's controller does not replace a pod that never became ready, so after the template was reverted these pods of the failed revision were deleted, to be made again from production's template:", '', ...rollout.released.map((released) => `- ${describeRef(released.pod)} of ${describeRef({ ...released.workload, namespace: '' })}, revision \`${released.revision}\`: ${released.why}`), '');
    }
    if (rollout.workloads.length >= 2)
        lines.push(timeline(rollout.workloads), '');
    for (const diagnosis of rollout.diagnoses) {
        lines.push(`**Why ${describeRef(diagnosis.ref)} did not roll out**`, '');
        if (!diagnosis.findings.length)
            lines.push('- no pod shows a problem; see the events below', '');
        for (const finding of diagnosis.findings) {
            const more = finding.alsoIn ? ` (and ${finding.alsoIn} more like it)` : '';
            lines.push(`- **${finding.reason}** in ${finding.subject}${more}: ${finding.message}`);
            if (finding.logs)
                lines.push('', (0,markdown/* fenced */.OF)('text', (0,markdown/* truncate */.xv)(finding.logs, 4000)), '');
        }
        // Events that only repeat a finding's message are left out; the rest are folded.
        const said = diagnosis.findings.map((finding) => finding.message);
        // An event is compared by its message alone: without its subject and reason, and without the count of a repeated one.
        const events = diagnosis.events.filter((event) => !said.some((message) => message.includes(event.replace(/^[^:]+: \w+: /, '').replace(/ \(×\d+\)$/, ''))));
        if (events.length)
            lines.push('', (0,markdown/* details */.zH)(`Recent warning events (${events.length})`, (0,markdown/* fenced */.OF)('text', events.join('\n'))));
        lines.push('');
    }
    return lines;
}
/** The rollout as a picture: every workload waited for at once, each bar ending at its verdict, failures in red. */
function timeline(workloads) {
    const bars = workloads.map((w, i) => `  ${`${resourceArg(w.ref)}/${w.ref.name}`.replace(/[:#;]/g, ' ')} :${w.status === 'succeeded' ? 'done' : 'crit'}, w${i}, 0, ${Math.max(1, w.durationMs)}`);
    return (0,markdown/* fenced */.OF)('mermaid', ['gantt', '  dateFormat x', '  axisFormat %S.%L s', '  section rollout', ...bars].join('\n'));
}
/** The failure in one line: which workloads, and the name of each one's reason; the messages follow once, in the sections below. */
function failureLine(result) {
    const rollout = result.candidate;
    const failed = rollout.workloads.filter((w) => w.status !== 'succeeded');
    if (!failed.length || rollout.applyError)
        return result.failure.replace(/\n/g, ' ');
    const named = failed.map((w) => `${describeRef(w.ref)} (${detailOf(w, rollout).replace(/ \(why below\)$/, '') || w.status})`);
    const back = result.rollback && 'revision' in result.rollback ? `; rolled back to production \`${result.rollback.revision.slice(0, 12)}\`` : '';
    return `${failed.length} of ${rollout.workloads.length} workloads did not roll out: ${named.join(', ')}${back}`;
}
function deploySummary(result, environment) {
    const rejected = result.strategy?.action === 'reject';
    const headline = {
        succeeded: rejected
            ? `✅ **succeeded**: the ${result.strategy.strategy} deployment was rejected in ${(0,duration/* formatDuration */.a3)(result.durationMs)}`
            : `✅ **succeeded**: every workload rolled out in ${(0,duration/* formatDuration */.a3)(result.durationMs)}`,
        failed: `❌ **failed** after ${(0,duration/* formatDuration */.a3)(result.durationMs)}`,
        'rolled-back': `↩️ **rolled back** after ${(0,duration/* formatDuration */.a3)(result.durationMs)}: the candidate failed, ${result.strategy?.strategy === 'blue-green' ? 'the live Services serve what served before again' : 'production was restored'}`,
    };
    const revision = result.revision ? ` of \`${result.revision.slice(0, 12)}\`` : '';
    const lines = ['### deploy-candidate', '', `Deployment${revision} to ${environment}: ${headline[result.result]}`, ''];
    if (result.failure)
        lines.push(`> ${failureLine(result)}`, '');
    if (result.strategy)
        lines.push(...strategySection(result.strategy));
    // A reject applies nothing, and a step stopped before its rollout has none: no rollout to show.
    if (!rejected && !result.stoppedBy)
        lines.push(...rolloutSection('Candidate', result.candidate));
    if (result.rollback && 'skipped' in result.rollback)
        lines.push('#### Rollback', '', `Not rolled back: ${result.rollback.skipped}. The failed state is left for inspection.`, '');
    else if (result.rollback)
        lines.push(...rolloutSection(`Rollback to \`${result.rollback.revision.slice(0, 12)}\``, result.rollback));
    if (result.pruned.length)
        lines.push('#### Pruned', '', ...result.pruned.map((ref) => `- ${describeRef(ref)}`), '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./.tmp/build/src/pipeline/deploy-candidate.js





/**
 * deploy-candidate's use case: one step of its strategy, recorded as a GitHub
 * deployment when a token and the run's commit allow one. Every outcome,
 * a refusal before anything was applied included, sets every output and
 * writes the summary; the step's error is the one that stopped it, as thrown,
 * so that it names the input to fix.
 */
async function deployCandidateStep(inputs, deps) {
    const clock = deps.clock ?? (() => performance.now());
    const started = clock();
    let result;
    try {
        result = await recorded(inputs, deps, () => deployWithStrategy(inputs, deps));
    }
    catch (error) {
        // The deployment record failed around a deploy that did not report.
        result = { ...emptyResult(inputs.ref ? '' : deps.context.sha), result: 'failed', failure: (0,errors/* describeError */.U)(error), stoppedBy: error };
        result.durationMs = Math.round(clock() - started);
    }
    return {
        outputs: {
            result: result.result,
            revision: result.revision,
            workloads: workloadsJson(result.candidate.workloads),
            'duration-ms': result.durationMs,
            ...strategyOutputs(result.strategy),
        },
        summary: deploySummary(result, inputs.environment),
        failure: result.stoppedBy ?? result.failure,
    };
}
async function recorded(inputs, { context, logger }, deploy) {
    if (!(inputs.token && context.repository && context.sha))
        return deploy();
    // Octokit is loaded only when there is a record to write.
    const { withDeploymentRecord } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(413), __webpack_require__.e(17)]).then(__webpack_require__.bind(__webpack_require__, 7017));
    const request = {
        // The revision deployed (a rollback's is not the commit the run was dispatched on).
        ref: /^[0-9a-f]{40}$/.test(inputs.ref) ? inputs.ref : context.sha,
        environment: inputs.environment,
        description: `deploy-candidate ${inputs.ref || context.sha.slice(0, 12)}`,
        payload: { strategy: inputs.strategy, ...(inputs.ref ? { 'env-ref': inputs.ref } : {}) },
    };
    return withDeploymentRecord(inputs.token, context, request, logger, deploy, (outcome) => [
        outcome.result === 'succeeded' ? 'success' : 'failure',
        outcome.failure ?? 'every workload rolled out',
    ]);
}


/***/ })

};
