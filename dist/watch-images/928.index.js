export const id = 928;
export const ids = [928,467];
export const modules = {

/***/ 5712:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _e: () => (/* binding */ SYMLINK),
/* harmony export */   zA: () => (/* binding */ IndexTree)
/* harmony export */ });
/* unused harmony export REGULAR */
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
/* harmony export */   Cw: () => (/* binding */ describeStop),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   bV: () => (/* binding */ isTransientError),
/* harmony export */   jo: () => (/* binding */ backoffMs),
/* harmony export */   o2: () => (/* binding */ transientResponse),
/* harmony export */   oA: () => (/* binding */ unwrap)
/* harmony export */ });
/* unused harmony exports TRANSIENT_STATUSES, isTransientStatus, realSleep */
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

/***/ 6333:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K: () => (/* binding */ registryClients)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./.tmp/build/src/image/credentials.js




/** Docker Hub is keyed by its old index URL in every docker config. */
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
function isDockerHub(host) {
    return ['', 'docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(host);
}
/** `https://ghcr.io/v1/` and `ghcr.io` name the same registry in a config's keys. */
function normalizeKey(key) {
    const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
    return isDockerHub(host) ? 'docker.io' : host;
}
function entryFor(map, host) {
    if (!map)
        return undefined;
    const wanted = normalizeKey(host);
    const key = Object.keys(map).find((candidate) => normalizeKey(candidate) === wanted);
    return key === undefined ? undefined : map[key];
}
function decodeAuth(entry) {
    if (entry.identitytoken)
        return { username: entry.username ?? '<token>', password: '', identityToken: entry.identitytoken };
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0)
            return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password)
        return { username: entry.username, password: entry.password };
    return undefined;
}
const runCredentialHelper = (helper, server, env) => new Promise((resolve, reject) => {
    const child = (0,external_node_child_process_.spawn)(`docker-credential-${helper}`, ['get'], { env: env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`credential helper docker-credential-${helper} could not be run: ${error.message}`)));
    child.on('close', (code) => {
        const stdout = Buffer.concat(out).toString('utf8');
        if (code === 0)
            return resolve(stdout);
        // The protocol's answer for "nothing stored for this server"; anything else is a broken helper.
        const message = `${stdout}${Buffer.concat(err).toString('utf8')}`.trim();
        if (/credentials not found/i.test(message))
            return resolve(undefined);
        reject(new Error(`credential helper docker-credential-${helper} failed for ${server} (exit ${code}): ${message.split('\n')[0]}`));
    });
    child.stdin.end(server);
});
async function fromHelper(helper, host, runHelper, env) {
    const output = await runHelper(helper, isDockerHub(host) ? DOCKER_HUB_KEY : host, env);
    if (!output?.trim())
        return undefined;
    const { Username: username = '', Secret: secret = '' } = JSON.parse(output);
    if (!secret)
        return undefined;
    // Helpers store identity tokens under this conventional user name.
    return username === '<token>' ? { username, password: '', identityToken: secret } : { username, password: secret };
}
async function readConfig(path) {
    try {
        return JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw new Error(`cannot read registry credentials from ${path}: ${error.message}`);
    }
}
/** The files a login may have written, in the order buildah consults them: its own auth file first, then docker's. */
function credentialFiles(env) {
    const files = [];
    if (env.REGISTRY_AUTH_FILE)
        files.push(env.REGISTRY_AUTH_FILE);
    else if (env.XDG_RUNTIME_DIR)
        files.push((0,external_node_path_.join)(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
    files.push((0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker'), 'config.json'));
    return files;
}
/** Credentials a runner holds for `host`, or undefined: the registry is then asked anonymously. */
async function storedCredentials(host, { env, runHelper = runCredentialHelper }) {
    for (const file of credentialFiles(env)) {
        const config = await readConfig(file);
        if (!config)
            continue;
        const helper = entryFor(config.credHelpers, host) ?? config.credsStore;
        if (helper) {
            const found = await fromHelper(helper, host, runHelper, env);
            if (found)
                return found;
        }
        const entry = entryFor(config.auths, host);
        const found = entry && decodeAuth(entry);
        if (found)
            return found;
    }
    return undefined;
}
/** The `auths` document docker and buildah read, for handing credentials to a builder in a private file. */
function authFileContent(host, credentials) {
    const key = isDockerHub(host) ? DOCKER_HUB_KEY : host;
    const entry = credentials.identityToken
        ? { identitytoken: credentials.identityToken }
        : { auth: Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64') };
    return `${JSON.stringify({ auths: { [key]: entry } }, null, 2)}\n`;
}
/** Whether docker's own config already has a login for `host`, which a temporary login must then leave in place. */
async function hasDockerLogin(host, env) {
    const config = await readConfig(join(env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'), 'config.json'));
    return entryFor(config?.auths, host) !== undefined || entryFor(config?.credHelpers, host) !== undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var retry = __webpack_require__(7572);
;// CONCATENATED MODULE: ./.tmp/build/src/action/logger.js
/** For library code run outside an action (tests, benchmarks, the local run). */
const silentLogger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    group: (_name, body) => body(),
};

;// CONCATENATED MODULE: ./.tmp/build/src/image/registry.js



/**
 * A small client for the OCI distribution API: what build-push needs to ask
 * whether an image exists, learn the digest a registry holds, and point tags
 * at it without pulling or rebuilding anything.
 */
const MEDIA_TYPES = {
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
};
const ACCEPT = Object.values(MEDIA_TYPES).join(', ');
function isIndex(mediaType) {
    return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerManifestList;
}
/** Anything the registry refused or could not be asked; the message names the registry and never a secret. */
class RegistryError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryError';
    }
}
/** Docker's rule: a loopback registry may speak plain HTTP; any other only when the user lists it. */
function usesPlainHttp(host, insecure = []) {
    const hostname = host.replace(/:\d+$/, '');
    if (hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]')
        return true;
    return insecure.some((entry) => entry === host || entry === hostname);
}
/** Where the API of a registry named in a reference is served; Docker Hub's name is not its API host. */
function apiHost(host) {
    return host === '' || host === 'docker.io' || host === 'index.docker.io' ? 'registry-1.docker.io' : host;
}
function sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
function scopeText({ repository, actions }) {
    return `repository:${repository}:${actions.join(',')}`;
}
/** `Bearer realm="https://x/token",service="x",scope="repository:a:pull"`: the parameters may be quoted and contain commas. */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!match)
        return undefined;
    const params = {};
    for (const [, key, quoted, bare] of match[2].matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
        params[key.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    }
    return { scheme: match[1].toLowerCase(), params };
}
/** `UNAUTHORIZED: authentication required` from the registry's error body, when it sent one. */
async function errorDetail(response) {
    const text = await response.text().catch(() => '');
    try {
        const body = JSON.parse(text);
        const errors = body.errors?.map((e) => [e.code, e.message].filter(Boolean).join(': ')).filter(Boolean) ?? [];
        if (errors.length)
            return errors.join('; ');
        if (body.details || body.error)
            return String(body.details ?? body.error);
    }
    catch {
        // not JSON: fall through to the text itself
    }
    return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}
function describeNetworkError(error) {
    // Duck-typed: fetch's errors may come from another realm, where instanceof Error fails.
    const { name, message, cause } = (error ?? {});
    if (name === 'TimeoutError' || name === 'AbortError')
        return 'no answer before the time limit';
    if (cause?.code || cause?.message)
        return [cause.code, cause.message].filter(Boolean).join(' ');
    return message ?? String(error);
}
function statusText(response) {
    return `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}
class Registry {
    /** The registry as references name it, e.g. `ghcr.io` or `127.0.0.1:5000`. */
    host;
    origin;
    fetch;
    sleep;
    random;
    attempts;
    retryDelayMs;
    timeoutMs;
    transferTimeoutMs;
    logger;
    lookupCredentials;
    credentials;
    authorization = { kind: 'none' };
    tokens = new Map();
    /** How the tries of each final answer went, for the failure's message. */
    tries = new WeakMap();
    constructor(host, options = {}) {
        this.host = host || 'docker.io';
        this.origin = `${options.plainHttp ? 'http' : 'https'}://${apiHost(host)}`;
        this.fetch = options.fetch ?? globalThis.fetch;
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.random = options.random ?? Math.random;
        this.attempts = Math.max(1, options.attempts ?? 4);
        this.retryDelayMs = options.retryDelayMs ?? 500;
        this.timeoutMs = options.timeoutMs ?? 30_000;
        this.transferTimeoutMs = options.transferTimeoutMs ?? 15 * 60_000;
        this.logger = options.logger ?? silentLogger;
        this.lookupCredentials = options.credentials ?? (async () => undefined);
    }
    /**
     * Proves the credentials before any work is done, so that a wrong password
     * fails in a second with the registry's answer rather than after a build.
     */
    async authorize(repository, actions) {
        // Challenged here, a Basic registry judges the password and a token service grants (or refuses) the scope.
        const response = await this.call({ method: 'GET', path: '/v2/', scope: { repository, actions } });
        await response.body?.cancel();
    }
    /**
     * Proves the right to push to `repository` by opening an upload and
     * cancelling it: a token service may grant less than it was asked, which
     * `authorize` cannot see, and a push refused after a promotion is recorded
     * comes too late.
     */
    async probePush(repository) {
        const response = await this.call({
            method: 'POST',
            path: `/v2/${repository}/blobs/uploads/`,
            scope: { repository, actions: ['pull', 'push'] },
            headers: { 'content-length': '0' },
        });
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location)
            await this.cancelUpload(repository, location);
    }
    /** The manifest's descriptor, or undefined when the registry has no such tag or digest. */
    async head(repository, reference) {
        const response = await this.call({
            method: 'HEAD',
            path: `/v2/${repository}/manifests/${reference}`,
            scope: { repository, actions: ['pull'] },
            headers: { accept: ACCEPT },
            expect: [404],
        });
        if (response.status === 404)
            return undefined;
        const digest = response.headers.get('docker-content-digest');
        // The header is optional in the spec; without it only the bytes tell the digest.
        if (!digest)
            return this.manifest(repository, reference);
        return { digest, mediaType: mediaTypeOf(response), size: Number(response.headers.get('content-length') ?? 0) };
    }
    /**
     * Every tag of `repository`, in the registry's order (lexical for
     * distribution), following the `Link: <…>; rel="next"` header page by page.
     * `pageSize` is sent as `n=`; a registry may return fewer per page. An
     * unknown repository has no tags.
     */
    async tags(repository, { pageSize = 1000 } = {}) {
        const tags = [];
        const seen = new Set();
        let path = `/v2/${repository}/tags/list?n=${pageSize}`;
        while (path) {
            // A registry that hands back a page already read would otherwise keep this loop going for ever.
            if (seen.has(path))
                throw new RegistryError(`registry ${this.host} sent the same page of ${repository}'s tags twice (${path})`);
            seen.add(path);
            const response = await this.call({ method: 'GET', path, scope: { repository, actions: ['pull'] }, expect: [404] });
            if (response.status === 404) {
                await response.body?.cancel();
                return tags;
            }
            const body = (await response.json().catch(() => undefined));
            if (!body || (body.tags !== null && body.tags !== undefined && !Array.isArray(body.tags)))
                throw new RegistryError(`registry ${this.host} answered the tag list of ${repository} with something that is not one`);
            for (const tag of body.tags ?? [])
                if (typeof tag === 'string')
                    tags.push(tag);
            path = nextPage(response.headers.get('link'), this.origin);
        }
        return tags;
    }
    /** The manifest exactly as stored: the same bytes put elsewhere give the same digest. */
    async manifest(repository, reference) {
        const response = await this.call({
            method: 'GET',
            path: `/v2/${repository}/manifests/${reference}`,
            scope: { repository, actions: ['pull'] },
            headers: { accept: ACCEPT },
            expect: [404],
        });
        if (response.status === 404) {
            await response.body?.cancel();
            return undefined;
        }
        const bytes = Buffer.from(await response.arrayBuffer());
        const digest = sha256Digest(bytes);
        if (reference.startsWith('sha256:') && reference !== digest) {
            throw new RegistryError(`registry ${this.host} sent a manifest for ${repository}@${reference} whose content has digest ${digest}`);
        }
        return { digest, mediaType: mediaTypeOf(response, bytes), size: bytes.length, bytes };
    }
    /** Stores a manifest under a tag (or its digest); the registry refuses it unless every blob it names is present. */
    async putManifest(repository, reference, manifest) {
        const response = await this.call({
            method: 'PUT',
            path: `/v2/${repository}/manifests/${reference}`,
            scope: { repository, actions: ['pull', 'push'] },
            headers: { 'content-type': manifest.mediaType },
            body: () => new Uint8Array(manifest.bytes),
        });
        await response.body?.cancel();
        return response.headers.get('docker-content-digest') ?? sha256Digest(manifest.bytes);
    }
    async hasBlob(repository, digest) {
        const response = await this.call({
            method: 'HEAD',
            path: `/v2/${repository}/blobs/${digest}`,
            scope: { repository, actions: ['pull'] },
            expect: [404],
        });
        return response.status !== 404;
    }
    /** Links a blob another repository of this registry holds, without sending its bytes; false when the registry declines. */
    async mountBlob(repository, digest, from) {
        const response = await this.call({
            method: 'POST',
            path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
            scope: { repository, actions: ['pull', 'push'] },
            extraScopes: [{ repository: from, actions: ['pull'] }],
            headers: { 'content-length': '0' },
        });
        await response.body?.cancel();
        if (response.status === 201)
            return true;
        // 202: the registry opened an ordinary upload instead; it is of no use here.
        const location = response.headers.get('location');
        if (location)
            await this.cancelUpload(repository, location);
        return false;
    }
    async openBlob(repository, digest) {
        return this.call({
            method: 'GET',
            path: `/v2/${repository}/blobs/${digest}`,
            scope: { repository, actions: ['pull'] },
            timeoutMs: this.transferTimeoutMs,
        });
    }
    /** Monolithic upload; `body` is called again for each try, since a sent stream cannot be replayed. */
    async pushBlob(repository, digest, size, body) {
        const scope = { repository, actions: ['pull', 'push'] };
        const started = await this.call({
            method: 'POST',
            path: `/v2/${repository}/blobs/uploads/`,
            scope,
            headers: { 'content-length': '0' },
        });
        await started.body?.cancel();
        const location = started.headers.get('location');
        if (!location)
            throw new RegistryError(`registry ${this.host} opened an upload to ${repository} without saying where to send it`);
        const url = new URL(location, this.origin);
        url.searchParams.set('digest', digest);
        const done = await this.call({
            method: 'PUT',
            path: url.toString(),
            scope,
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
            body,
            timeoutMs: this.transferTimeoutMs,
        });
        await done.body?.cancel();
    }
    /**
     * Chunked upload, for blobs too large for one request through a proxy's
     * body limit: one PATCH per chunk, then a PUT that names the digest. An
     * upload that fails half-way is cancelled, not resumed: distribution cancels
     * it itself when a chunk it already holds is sent again, so the caller
     * starts the blob over.
     */
    async pushBlobChunked(repository, digest, chunks) {
        const scope = { repository, actions: ['pull', 'push'] };
        const started = await this.call({
            method: 'POST',
            path: `/v2/${repository}/blobs/uploads/`,
            scope,
            headers: { 'content-length': '0' },
        });
        await started.body?.cancel();
        let location = started.headers.get('location');
        const where = () => {
            if (!location)
                throw new RegistryError(`registry ${this.host} opened an upload to ${repository} without saying where to send it`);
            return new URL(location, this.origin);
        };
        let offset = 0;
        try {
            for await (const chunk of chunks) {
                if (!chunk.length)
                    continue;
                const response = await this.call({
                    method: 'PATCH',
                    path: where().toString(),
                    scope,
                    headers: {
                        'content-type': 'application/octet-stream',
                        'content-length': String(chunk.length),
                        'content-range': `${offset}-${offset + chunk.length - 1}`,
                    },
                    body: () => chunk,
                    timeoutMs: this.transferTimeoutMs,
                });
                await response.body?.cancel();
                // Each answer says where the next chunk goes; distribution keeps the upload's state in that URL.
                location = response.headers.get('location') ?? location;
                offset += chunk.length;
            }
            const url = where();
            url.searchParams.set('digest', digest);
            const done = await this.call({ method: 'PUT', path: url.toString(), scope, headers: { 'content-length': '0' } });
            await done.body?.cancel();
            location = null;
        }
        finally {
            if (location)
                await this.cancelUpload(repository, location);
        }
    }
    async cancelUpload(repository, location) {
        try {
            const response = await this.call({
                method: 'DELETE',
                path: new URL(location, this.origin).toString(),
                scope: { repository, actions: ['pull', 'push'] },
                expect: [404, 405],
            });
            await response.body?.cancel();
        }
        catch {
            // An abandoned upload expires on its own; nothing depends on this.
        }
    }
    loginHint() {
        return `; set the 'username' and 'password' inputs or log in to ${this.host} in an earlier step`;
    }
    url(path) {
        return /^https?:\/\//.test(path) ? path : `${this.origin}${path}`;
    }
    /** One API call: authentication when challenged, retries, and an error that says who refused what. */
    async call(call) {
        const what = `${call.method} ${new URL(this.url(call.path)).pathname}`;
        const scopes = call.scope ? [call.scope, ...(call.extraScopes ?? [])] : [];
        let authorization = await this.authorizationHeader(scopes);
        let response = await this.exchange(call, what, authorization);
        if (response.status === 401) {
            const challenge = parseChallenge(response.headers.get('www-authenticate'));
            await response.body?.cancel();
            const asked = await this.answer(challenge, scopes, authorization);
            if (asked) {
                authorization = await this.authorizationHeader(scopes, asked);
                response = await this.exchange(call, what, authorization);
            }
        }
        if (response.ok || call.expect?.includes(response.status))
            return response;
        throw await this.failure(response, what, call.scope, authorization);
    }
    retryPolicy() {
        return { attempts: this.attempts, baseDelayMs: this.retryDelayMs, maxDelayMs: 16 * this.retryDelayMs };
    }
    /** Sends one request, retrying what may pass on its own (the shared policy: 408, 425, 429, 5xx but 501, resets, time-outs). */
    async exchange(call, what, authorization) {
        const settled = await (0,retry/* withRetry */.bD)(async () => {
            const body = call.body ? await call.body() : undefined;
            return this.fetch(this.url(call.path), {
                method: call.method,
                headers: { ...call.headers, ...(authorization && { authorization }) },
                body,
                redirect: 'follow',
                signal: AbortSignal.timeout(call.timeoutMs ?? this.timeoutMs),
                ...(body instanceof ReadableStream && { duplex: 'half' }),
            });
        }, this.retryPolicy(), {
            sleep: this.sleep,
            random: this.random,
            judge: (response) => {
                const transient = (0,retry/* transientResponse */.o2)(response);
                return transient && { ...transient, reason: statusText(response) };
            },
            judgeError: (error) => ((0,retry/* isTransientError */.bV)(error) ? { reason: describeNetworkError(error) } : undefined),
            discard: (response) => response.body?.cancel(),
            onRetry: ({ attempt, of, delayMs, reason }) => this.logger.info(`registry ${this.host}: ${what}: ${reason}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`),
        });
        if (settled.ok) {
            this.tries.set(settled.value, settled.tries);
            return settled.value;
        }
        // What the request's body threw (another registry's refusal, when a blob is copied) is its own error.
        if (settled.error instanceof RegistryError)
            throw settled.error;
        const reason = describeNetworkError(settled.error);
        const attempts = settled.tries.attempts > 1 ? `, ${settled.tries.attempts} attempts` : '';
        throw new RegistryError(`registry ${this.host} is unreachable: ${reason} (${what}${attempts})`);
    }
    loadCredentials() {
        this.credentials ??= this.lookupCredentials();
        return this.credentials;
    }
    async authorizationHeader(scopes, asked = []) {
        if (this.authorization.kind === 'basic') {
            const credentials = await this.loadCredentials();
            return credentials && `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
        }
        // Once the token service is known, ask it up front instead of waiting for each new scope's 401.
        if (this.authorization.kind === 'bearer' && (scopes.length || asked.length))
            return `Bearer ${await this.token(scopes, asked)}`;
        return undefined;
    }
    /**
     * Learns from a 401 how to authenticate. Returns the scopes the registry
     * asked for, to try once more with; undefined when there is nothing new to try.
     */
    async answer(challenge, scopes, sent) {
        if (challenge?.scheme === 'basic') {
            if (this.authorization.kind === 'basic')
                return undefined;
            this.authorization = { kind: 'basic' };
            return (await this.loadCredentials()) ? [] : undefined;
        }
        if (challenge?.scheme === 'bearer' && challenge.params.realm) {
            const asked = (challenge.params.scope ?? '').split(' ').filter(Boolean);
            if (sent?.startsWith('Bearer ')) {
                // A token too small for the request will not grow by asking again; an expired one is fetched anew.
                if (challenge.params.error === 'insufficient_scope')
                    return undefined;
                this.tokens.delete(this.tokenKey(scopes, asked));
            }
            this.authorization = { kind: 'bearer', realm: challenge.params.realm, service: challenge.params.service };
            await this.token(scopes, asked);
            return asked;
        }
        return undefined;
    }
    tokenKey(scopes, extra = []) {
        return [...new Set([...scopes.map(scopeText), ...extra])].sort().join(' ');
    }
    /** A bearer token for the scopes from the registry's token service, as the distribution token spec describes. */
    async token(scopes, extra = []) {
        if (this.authorization.kind !== 'bearer')
            throw new Error('token() called without a bearer challenge');
        const key = this.tokenKey(scopes, extra);
        const cached = this.tokens.get(key);
        if (cached)
            return cached;
        const { realm, service } = this.authorization;
        const credentials = await this.loadCredentials();
        const url = URL.canParse(realm) ? new URL(realm) : undefined;
        if (!url)
            throw new RegistryError(`registry ${this.host} named a token service that is not a URL ('${realm}'), so it cannot be logged in to`);
        const form = new URLSearchParams();
        if (service)
            form.set('service', service);
        for (const scope of key.split(' ').filter(Boolean))
            form.append('scope', scope);
        let call;
        if (credentials?.identityToken) {
            // An identity token (docker login's refresh token) is exchanged by POST, per the OAuth2 part of the spec.
            form.set('grant_type', 'refresh_token');
            form.set('refresh_token', credentials.identityToken);
            form.set('client_id', 'gitops-delivery');
            call = {
                method: 'POST',
                path: url.toString(),
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: () => form.toString(),
            };
        }
        else {
            for (const [name, value] of form)
                url.searchParams.append(name, value);
            const basic = credentials && `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
            call = { method: 'GET', path: url.toString(), headers: basic ? { authorization: basic } : {} };
        }
        const response = await this.exchange(call, `token from ${url.origin}${url.pathname}`, undefined);
        if (!response.ok) {
            const detail = await errorDetail(response);
            const who = credentials ? `the credentials of '${credentials.username}'` : 'anonymous access';
            const verb = response.status === 401 ? 'refused' : response.status === 403 ? 'denied' : 'failed for';
            throw new RegistryError(`registry ${this.host}: its token service ${url.origin}${url.pathname} ${verb} ${who} for ${key} (${statusText(response)}${detail ? `: ${detail}` : ''})${credentials ? '' : this.loginHint()}`, response.status);
        }
        const body = (await response.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryError(`registry ${this.host}: its token service ${url.origin}${url.pathname} answered without a token`);
        this.tokens.set(key, token);
        return token;
    }
    async failure(response, what, scope, authorization) {
        const detail = await errorDetail(response);
        const status = `${statusText(response)}${detail ? `: ${detail}` : ''}`;
        const credentials = await this.credentials;
        const target = scope ? ` ${scope.actions.includes('push') ? 'push to' : 'pull from'} ${scope.repository}` : '';
        const who = credentials ? `'${credentials.username}'` : 'anonymous access';
        const hint = credentials ? '' : this.loginHint();
        if (response.status === 401) {
            if (!authorization)
                return new RegistryError(`registry ${this.host} requires credentials to${target || ' be used'} (${status})${this.loginHint()}`, 401);
            const challenge = parseChallenge(response.headers.get('www-authenticate'));
            if (challenge?.params.error === 'insufficient_scope') {
                return new RegistryError(`registry ${this.host} denied ${who} the right to${target} (${status})${hint}`, 401);
            }
            return new RegistryError(`registry ${this.host} refused the credentials${credentials ? ` of '${credentials.username}'` : ''} (${status})`, 401);
        }
        if (response.status === 403) {
            return new RegistryError(`registry ${this.host} denied ${who} the right to${target || ` ${what}`} (${status})${hint}`, 403);
        }
        const tries = this.tries.get(response);
        const over = tries && tries.attempts > 1 ? ` over ${(tries.elapsedMs / 1000).toFixed(1)} s` : '';
        const after = tries?.transient ? ` after ${tries.attempts} attempt${tries.attempts === 1 ? '' : 's'}${over}${(0,retry/* describeStop */.Cw)(tries)}` : '';
        return new RegistryError(`registry ${this.host} answered ${status} to ${what}${after}`, response.status);
    }
}
/** The `rel="next"` target of a Link header, as a path under the registry or an absolute URL on it. */
function nextPage(link, origin) {
    if (!link)
        return undefined;
    for (const part of link.split(/,(?=\s*<)/)) {
        const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
        if (match && /(?:^|;)\s*rel\s*=\s*"?next"?\s*(?:;|$)/i.test(match[2])) {
            const url = new URL(match[1], origin);
            return url.origin === origin ? `${url.pathname}${url.search}` : url.toString();
        }
    }
    return undefined;
}
/** The manifest's media type from the header, or from its own `mediaType` field when the registry sent a generic one. */
function mediaTypeOf(response, bytes) {
    const header = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    if (Object.values(MEDIA_TYPES).includes(header) || !bytes)
        return header;
    try {
        const field = JSON.parse(bytes.toString('utf8')).mediaType;
        return field ?? header;
    }
    catch {
        return header;
    }
}
function parseManifest(manifest) {
    return JSON.parse(manifest.bytes.toString('utf8'));
}
/** Compressed bytes of an image: config and layers, summed over the platforms of an index (not its attestations). */
async function imageSize(registry, repository, manifest) {
    const parsed = parseManifest(manifest);
    if (!isIndex(manifest.mediaType))
        return (parsed.config?.size ?? 0) + (parsed.layers ?? []).reduce((sum, layer) => sum + layer.size, 0);
    let total = 0;
    // buildx files provenance and SBOM attestations as images of platform unknown/unknown.
    for (const child of (parsed.manifests ?? []).filter((entry) => entry.platform?.os !== 'unknown')) {
        const image = await registry.manifest(repository, child.digest);
        if (image)
            total += await imageSize(registry, repository, image);
    }
    return total;
}
/**
 * Makes `target:tag` name the manifest `source` holds, without a build:
 * in the same repository that is one manifest PUT; elsewhere the blobs are
 * first mounted (same registry) or streamed across, then the manifests put
 * bottom-up, so the tag never names an image the target cannot serve.
 */
async function copyManifest(source, manifest, target, tag) {
    const sameRepository = source.registry === target.registry && source.repository === target.repository;
    if (!sameRepository)
        await copyContent(source, manifest, target);
    await target.registry.putManifest(target.repository, tag, manifest);
}
async function copyContent(source, manifest, target) {
    const parsed = parseManifest(manifest);
    if (isIndex(manifest.mediaType)) {
        for (const child of parsed.manifests ?? []) {
            if (await target.registry.head(target.repository, child.digest))
                continue;
            const image = await source.registry.manifest(source.repository, child.digest);
            if (!image)
                throw new RegistryError(`registry ${source.registry.host} lost ${source.repository}@${child.digest} while it was being copied`);
            await copyContent(source, image, target);
            await target.registry.putManifest(target.repository, child.digest, image);
        }
        return;
    }
    for (const blob of [...(parsed.config ? [parsed.config] : []), ...(parsed.layers ?? [])]) {
        if (await target.registry.hasBlob(target.repository, blob.digest))
            continue;
        if (source.registry === target.registry && (await target.registry.mountBlob(target.repository, blob.digest, source.repository)))
            continue;
        await target.registry.pushBlob(target.repository, blob.digest, blob.size, async () => {
            const response = await source.registry.openBlob(source.repository, blob.digest);
            if (!response.body)
                throw new RegistryError(`registry ${source.registry.host} sent an empty body for blob ${blob.digest}`);
            return response.body;
        });
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/image/clients.js


/**
 * One registry client per host, made when first asked for, with the
 * credentials given for that host or else those the runner stores for it: a
 * token a registry grants is then reused for every image on it.
 */
function registryClients(options) {
    const clients = new Map();
    return (host) => {
        let registry = clients.get(host);
        if (!registry) {
            registry = new Registry(host, {
                plainHttp: usesPlainHttp(host, options.insecureRegistries),
                credentials: async () => {
                    const { given } = options;
                    return given?.host === host
                        ? { username: given.username, password: given.password }
                        : storedCredentials(host, { env: options.env });
                },
                fetch: options.fetch,
                logger: options.logger,
            });
            clients.set(host, registry);
        }
        return registry;
    };
}


/***/ }),

/***/ 6382:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JA: () => (/* binding */ canonicalRepository),
/* harmony export */   RB: () => (/* binding */ sameRepository),
/* harmony export */   U$: () => (/* binding */ registryHost),
/* harmony export */   _M: () => (/* binding */ repositoryOf),
/* harmony export */   my: () => (/* binding */ formatImageReference),
/* harmony export */   o_: () => (/* binding */ parseImageReference),
/* harmony export */   pl: () => (/* binding */ apiRepository),
/* harmony export */   sx: () => (/* binding */ DEFAULT_REGISTRY),
/* harmony export */   x_: () => (/* binding */ InvalidReferenceError)
/* harmony export */ });
const DEFAULT_REGISTRY = 'docker.io';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([A-Za-z0-9=_-]+)$/;
class InvalidReferenceError extends Error {
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
function parseImageReference(text) {
    const fail = (reason) => {
        throw new InvalidReferenceError(text, reason);
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
function repositoryOf(ref) {
    return ref.registry ? `${ref.registry}/${ref.path}` : ref.path;
}
/** The full canonical repository, e.g. `docker.io/library/nginx` for `nginx`. */
function canonicalRepository(ref) {
    const registry = ref.registry === 'index.docker.io' || ref.registry === 'registry-1.docker.io' ? DEFAULT_REGISTRY : ref.registry || DEFAULT_REGISTRY;
    const path = registry === DEFAULT_REGISTRY && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
    return `${registry}/${path}`;
}
function formatImageReference(ref) {
    return `${repositoryOf(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}
function sameRepository(a, b) {
    return canonicalRepository(a) === canonicalRepository(b);
}
/** The registry's host for a reference: Docker Hub when none is written. */
function registryHost(ref) {
    return ref.registry || DEFAULT_REGISTRY;
}
/** The repository's path in the registry's API: `library/nginx` for `nginx`. */
function apiRepository(ref) {
    const canonical = canonicalRepository(ref);
    return canonical.slice(canonical.indexOf('/') + 1);
}


/***/ }),

/***/ 2224:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Mz: () => (/* binding */ findImages),
  Dz: () => (/* binding */ patchTree)
});

// UNUSED EXPORTS: MAX_MANIFEST_BYTES, ManifestError, chartTemplates, parseImageUpdates, patchManifestText

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var reference = __webpack_require__(6382);
;// CONCATENATED MODULE: ./.tmp/build/src/manifest/yaml-patch.js
/**
 * Surgical edits of YAML text. Every edit is a splice of the original string
 * at the source ranges the `yaml` parser reports, so whatever is not edited —
 * comments, quoting, indentation, flow style, anchors, line endings — stays
 * byte for byte. Nothing here ever re-serialises a document.
 */

/** Applies edits made against `text`; they must not overlap. */
function applyEdits(text, edits) {
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
    return (0,dist/* isScalar */.jn)(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}
/**
 * A scalar's text as the author meant it: plain `1.0` is the tag "1.0", not
 * the number 1. A block scalar's text is its content without the line breaks
 * and spaces around it, which chomping and indentation add: `image: |` over
 * `nginx:1.0` names nginx:1.0 as much as `image: nginx:1.0` does. Undefined
 * for anything but a scalar.
 */
function scalarText(node) {
    if (!(0,dist/* isScalar */.jn)(node))
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
    return PLAIN_SAFE.test(value) && !value.endsWith(':') && (0,dist/* parse */.qg)(value) === value && (0,dist/* parse */.qg)(value, { version: '1.1' }) === value;
}
function plainOrQuoted(value) {
    return isPlainSafe(value) ? value : JSON.stringify(value);
}
/** Thrown for a scalar that holds a reference but cannot take a new value without rewriting more than it. */
class UneditableError extends Error {
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
function setScalar(text, node, value, json = false) {
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
        throw new UneditableError(start, 'is an empty block scalar, which cannot be given a value in place');
    if (lines.length > 1)
        throw new UneditableError(start, `is a block scalar over ${lines.length} lines, not one value`);
    if (/[\r\n]/.test(value))
        throw new UneditableError(start, 'cannot take a value with a line break');
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
function appendPairs(text, map, pairs, json = false) {
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
function removePair(text, map, pair) {
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
class LineIndex {
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

// EXTERNAL MODULE: ./.tmp/build/src/manifest/updates.js
var updates = __webpack_require__(7365);
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
    const documents = (0,dist/* parseAllDocuments */.hR)(text);
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
    const documents = (0,dist/* parseAllDocuments */.hR)(text);
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
const CONTAINER_KEYS = ['containers', 'initContainers', 'ephemeralContainers'];
/**
 * `<<: *defaults`: YAML 1.1's merge key, which Kubernetes, kustomize and Helm
 * all read (their YAML libraries are YAML 1.1), so a container or a values
 * map may get its `image` from the map an alias names. Quoted, it is a key.
 */
function isMergeKey(key) {
    return (0,dist/* isScalar */.jn)(key) && key.type === 'PLAIN' && key.value === '<<';
}
function tryParse(text) {
    if (!text)
        return undefined;
    try {
        return (0,reference/* parseImageReference */.o_)(text);
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
            const rename = !(0,reference/* sameRepository */.RB)(update.match, update.target);
            this.byRepository.set((0,reference/* canonicalRepository */.JA)(update.match), { update, rename });
            if (rename)
                this.byTarget.set((0,reference/* canonicalRepository */.JA)(update.target), update);
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
        if (!(0,dist/* isMap */.jh)(root))
            return;
        this.current = document;
        this.mergeSources = undefined;
        this.json = root.flow === true && root.items.every((pair) => (0,dist/* isScalar */.jn)(pair.key) && pair.key.type === 'QUOTE_DOUBLE');
        const kind = this.textOf(root, 'kind');
        const apiVersion = this.textOf(root, 'apiVersion') ?? '';
        this.argo = apiVersion.startsWith('argoproj.io/') && (kind === 'Application' || kind === 'ApplicationSet');
        const kustomization = /^kustomization\.ya?ml$/i.test((0,external_node_path_.basename)(this.file)) ||
            kind === 'Kustomization' ||
            (kind === 'Component' && apiVersion.startsWith('kustomize.config.k8s.io/'));
        if (kustomization) {
            // kustomize keeps `images` at the top; Flux's Kustomization under `spec`.
            const spec = this.field(root, 'spec')?.node;
            for (const images of [this.field(root, 'images')?.node, (0,dist/* isMap */.jh)(spec) ? this.field(spec, 'images')?.node : undefined]) {
                if (!(0,dist/* isSeq */.oP)(images))
                    continue;
                for (const item of images.items) {
                    const entry = this.deref(item);
                    if ((0,dist/* isMap */.jh)(entry))
                        this.kustomizeEntry(entry, (0,dist/* isAlias */.Vj)(item) ? item.range[0] : undefined);
                }
            }
            return;
        }
        // Every Kubernetes object has a kind; a map without one is Helm values.
        this.visit(root, { values: kind === undefined }, 0);
    }
    deref(node) {
        return (0,dist/* isAlias */.Vj)(node) ? node.resolve(this.current) : node;
    }
    /** The maps merged into `map` with `<<`, in the order that gives them precedence. */
    merged(map) {
        const sources = [];
        for (const pair of map.items) {
            if (!isMergeKey(pair.key))
                continue;
            const value = this.deref(pair.value);
            for (const source of (0,dist/* isSeq */.oP)(value) ? value.items.map((item) => this.deref(item)) : [value])
                if ((0,dist/* isMap */.jh)(source))
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
        const via = place.via ?? ((0,dist/* isAlias */.Vj)(raw) ? raw.range[0] : undefined);
        if ((0,dist/* isSeq */.oP)(node)) {
            for (const item of node.items)
                this.visit(item, { values: place.values, via }, depth + 1);
            return;
        }
        if (!(0,dist/* isMap */.jh)(node))
            return;
        const { key, parent } = place;
        if (key === 'spec' && parent && (parent.key === 'template' || this.textOf(parent.map, 'kind') === 'Pod')) {
            for (const containersKey of CONTAINER_KEYS) {
                const containers = this.field(node, containersKey);
                if (!containers || !(0,dist/* isSeq */.oP)(containers.node))
                    continue;
                for (const item of containers.node.items) {
                    const container = this.deref(item);
                    if ((0,dist/* isMap */.jh)(container))
                        this.imageString(this.field(container, 'image'), 'container', via ?? ((0,dist/* isAlias */.Vj)(item) ? item.range[0] : undefined));
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
        const repository = (0,reference/* canonicalRepository */.JA)(ref);
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
        return !field || (0,dist/* isScalar */.jn)(field.node);
    }
    /** A whole reference in one scalar: `image: nginx:1.0`. */
    imageString(field, kind, via) {
        const node = field?.node;
        if (!(0,dist/* isScalar */.jn)(node))
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
        const to = (0,reference/* formatImageReference */.my)({
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
            (0,dist/* visit */.YR)(this.current, {
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
                this.collect(owner, `${(0,reference/* repositoryOf */._M)(ref)}:${tag}${digest ? `@${digest}` : ''}`);
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
            const what = `the Helm image ${ref ? describe((0,reference/* repositoryOf */._M)(ref), tag, digest) : repository}`;
            for (const [field, text] of fields)
                if (field && (0,dist/* isScalar */.jn)(field.node))
                    this.demand(field.node, text ?? '', at, what);
            return;
        }
        const name = (0,reference/* repositoryOf */._M)(ref);
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
            newRepository = (0,reference/* repositoryOf */._M)(target);
            if (registryField) {
                change(registryField, target.registry || reference/* DEFAULT_REGISTRY */.sx);
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
            this.refuse(at, `cannot be patched: the Helm image ${name} has a digest ${noun} and no tag ${noun}, and ${(0,reference/* formatImageReference */.my)(target)} has no digest; ` +
                `add the tag ${noun} the chart reads, or deliver a digest`);
        else
            newTag = tag;
        this.record([], changed, { from: describe(name, tag, digest), to: describe(newRepository, newTag, newDigest), kind: 'helm' });
    }
    /** `kustomize.images` of an Argo CD source: strings as `kustomize edit set image` takes them. */
    argoKustomize(map, via) {
        const images = this.field(map, 'images');
        if (!images || !(0,dist/* isSeq */.oP)(images.node))
            return;
        for (const item of images.node.items) {
            const node = this.deref(item);
            if ((0,dist/* isScalar */.jn)(node))
                this.kustomizeString(node, this.where(item, via ?? ((0,dist/* isAlias */.Vj)(item) ? item.range[0] : undefined)));
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
        const newName = rename ? (0,reference/* repositoryOf */._M)(target) : parsed.newName;
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
        if (parameters && (0,dist/* isSeq */.oP)(parameters.node))
            this.helmParameters(parameters.node, via);
        const values = this.field(map, 'values');
        if (values && (0,dist/* isScalar */.jn)(values.node) && typeof values.node.value === 'string') {
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
            if (!(0,dist/* isMap */.jh)(item))
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
        const documents = (0,dist/* parseAllDocuments */.hR)(inner);
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
                if (field && (0,dist/* isScalar */.jn)(field.node))
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
                `so ${(0,reference/* formatImageReference */.my)(target)} would deploy without it; deliver a tag ending in '${suffix}', or remove tagSuffix`);
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
        const renamed = rename ? (0,reference/* repositoryOf */._M)(target) : deployed;
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
    if ((0,reference/* repositoryOf */._M)(update.match) !== (0,reference/* repositoryOf */._M)(update.target))
        return false;
    const target = (0,reference/* formatImageReference */.my)(update.target);
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


/***/ }),

/***/ 9271:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lz: () => (/* binding */ selectManifestFiles),
/* harmony export */   yl: () => (/* binding */ checkLinkTarget)
/* harmony export */ });
/* unused harmony exports DEFAULT_MANIFEST_GLOBS, checkRelativePath, checkOutputName, checkOutputPath */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4006);
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5313);
/* harmony import */ var _git_tree_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5712);
/**
 * Paths and globs from the user, confined to the env repository's tree: a
 * workflow input must never make the action read or write outside it. The
 * tree is git's (see IndexTree), so nothing here touches the file system;
 * symbolic links are entries whose content is their target.
 */




const DEFAULT_MANIFEST_GLOBS = ['**/*.yaml', '**/*.yml'];
const RELATIVE = 'a path relative to the repository root, without ..';
const GLOB = "globs relative to the repository root, such as 'apps/**/*.yaml' or '!apps/legacy/**', without ..";
function looksAbsolute(path) {
    return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}
function leavesRoot(path) {
    const normal = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(path);
    return normal === '..' || normal.startsWith('../');
}
/** A path relative to the repository root, normalised; absolute paths and `..` out of the root are refused. */
function checkRelativePath(path, input) {
    if (looksAbsolute(path))
        throw new InputError(input, `'${path}' is an absolute path`, RELATIVE);
    if (leavesRoot(path))
        throw new InputError(input, `'${path}' leads outside the repository`, RELATIVE);
    return posix.normalize(path).replace(/\/+$/, '');
}
const OUTPUT = (/* unused pure expression or super */ null && (`${RELATIVE}: a file of its own, not a folder, not under a file, not inside .git`));
/**
 * The checks of a file to write that need no tree: inside the repository, a
 * file rather than the root, and never under `.git` (git ignores such a
 * path, so the write would silently do nothing).
 */
function checkOutputName(path, input) {
    const normal = checkRelativePath(path, input);
    if (normal === '.' || normal === '')
        throw new InputError(input, `'${path}' names the repository root, not a file`, OUTPUT);
    if (normal.split('/').some((part) => part.toLowerCase() === '.git'))
        throw new InputError(input, `'${path}' is inside .git`, OUTPUT);
    return normal;
}
/**
 * Where a file may be written: a file of the repository or a new one, not
 * through a symbolic link of the tree, and not where a folder is (writing it
 * would replace the folder's files) nor under a file (which would be deleted
 * to make room for a folder).
 */
function checkOutputPath(entries, path, input) {
    const normal = checkOutputName(path, input);
    const link = entries.find((entry) => entry.mode === SYMLINK && (normal === entry.path || normal.startsWith(`${entry.path}/`)));
    if (link)
        throw new InputError(input, `'${path}' goes through the symbolic link '${link.path}'`, `${RELATIVE}, not through a symbolic link`);
    const above = entries.find((entry) => normal.startsWith(`${entry.path}/`));
    if (above)
        throw new InputError(input, `'${path}' is under '${above.path}', which is a file`, OUTPUT);
    if (entries.some((entry) => entry.path.startsWith(`${normal}/`))) {
        throw new InputError(input, `'${path}' is a folder of the repository`, OUTPUT);
    }
    return normal;
}
/** A symbolic link whose target leaves the repository is refused; one that stays inside names a file listed on its own. */
function checkLinkTarget(link, target, input) {
    if (looksAbsolute(target) || leavesRoot(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(link), target))) {
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(input, `'${link}' is a symbolic link to a file outside the repository`, GLOB);
    }
}
function validateGlob(pattern, input) {
    if (looksAbsolute(pattern))
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(input, `'${pattern}' is an absolute path`, GLOB);
    if (pattern.split(/[\\/]/).includes('..'))
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(input, `'${pattern}' leads outside the repository`, GLOB);
}
/** A directory named without glob characters stands for the manifests under it. */
function expandDirectory(entries, pattern) {
    if (picomatch__WEBPACK_IMPORTED_MODULE_2__.scan(pattern).isGlob)
        return [pattern];
    const prefix = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(pattern).replace(/\/+$/, '');
    if (prefix === '.')
        return DEFAULT_MANIFEST_GLOBS;
    const isDirectory = entries.some((entry) => entry.path.startsWith(`${prefix}/`));
    return isDirectory ? DEFAULT_MANIFEST_GLOBS.map((glob) => `${prefix}/${glob}`) : [pattern];
}
/**
 * The tree's regular files matching any of the globs and none of the `!`
 * ones (`**\/*.yaml` and `**\/*.yml` when no positive glob is given), sorted;
 * dot files only match a glob that names them. Matching symbolic links are
 * returned apart, for their targets to be checked with `checkLinkTarget`.
 */
function selectManifestFiles(entries, patterns, input) {
    const include = [];
    const exclude = [];
    for (const raw of patterns.map((pattern) => pattern.trim()).filter(Boolean)) {
        const negated = raw.startsWith('!');
        const pattern = negated ? raw.slice(1) : raw;
        validateGlob(pattern, input);
        (negated ? exclude : include).push(...expandDirectory(entries, pattern));
    }
    const included = picomatch__WEBPACK_IMPORTED_MODULE_2__(include.length ? include : DEFAULT_MANIFEST_GLOBS, { dot: false });
    const excluded = exclude.length ? picomatch__WEBPACK_IMPORTED_MODULE_2__(exclude, { dot: false }) : () => false;
    const matching = entries
        .filter((entry) => included(entry.path) && !excluded(entry.path))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
        files: matching.filter((entry) => entry.mode.startsWith('100')),
        links: matching.filter((entry) => entry.mode === _git_tree_js__WEBPACK_IMPORTED_MODULE_3__/* .SYMLINK */ ._e),
    };
}


/***/ }),

/***/ 7365:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ parseImageUpdates)
/* harmony export */ });
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5313);
/* harmony import */ var _image_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6382);


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
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, `line '${line}': ${problem}`, EXPECTED);
        };
        const equals = line.indexOf('=');
        const matchText = equals >= 0 ? line.slice(0, equals).trim() : undefined;
        const targetText = equals >= 0 ? line.slice(equals + 1).trim() : line;
        const parse = (text) => {
            try {
                return (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .parseImageReference */ .o_)(text);
            }
            catch (error) {
                if (error instanceof _image_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidReferenceError */ .x_)
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
        const repository = (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalRepository */ .JA)(match);
        const earlier = seen.get(repository);
        if (earlier !== undefined)
            fail(`line '${earlier}' already updates ${(0,_image_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .repositoryOf */ ._M)(match)}`);
        seen.set(repository, line);
        updates.push({ line, match, target });
    }
    return updates;
}


/***/ }),

/***/ 467:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parsePolicies: () => (/* binding */ parsePolicies)
/* harmony export */ });
/* unused harmony exports POLICY_FORM, PolicyError */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _image_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6382);



const POLICY_FORM = "a YAML mapping with 'images': a list of entries with 'image' (a repository without tag) and one of 'semver' (a range such as '^1.2', with 'prerelease: true' to allow pre-releases), 'pattern' (a regex with a capture group, with 'order-by: number' or 'date') or 'digest-of' (a tag), and optionally 'allow' and 'ignore' (lists of regexes)";
const ENTRY_FORM = "one of 'semver: RANGE', 'pattern: REGEX' with 'order-by: number|date', or 'digest-of: TAG'";
const KEYS = new Set(['image', 'semver', 'prerelease', 'pattern', 'order-by', 'digest-of', 'allow', 'ignore']);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A policy that cannot be used: names where it was read, the image, and the form expected. */
class PolicyError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PolicyError';
    }
}
function fail(where, image, problem, expected) {
    throw new PolicyError(`${where}: ${image ? `image '${image}': ` : ''}${problem}; expected ${expected}`);
}
function regex(where, image, key, text) {
    if (typeof text !== 'string' || !text)
        fail(where, image, `'${key}' holds ${JSON.stringify(text)}`, `a regular expression as a string`);
    try {
        return new RegExp(text);
    }
    catch (error) {
        return fail(where, image, `'${key}' is not a valid regular expression (${error.message})`, 'a JavaScript regular expression');
    }
}
function regexList(where, image, key, value) {
    if (value === undefined || value === null)
        return [];
    const items = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(items))
        fail(where, image, `'${key}' is not a list`, 'a list of regular expressions');
    return items.map((item) => regex(where, image, key, item));
}
function parseEntry(where, image, raw) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        fail(where, image, 'its policy is not a mapping', ENTRY_FORM);
    const entry = raw;
    const unknown = Object.keys(entry).filter((key) => !KEYS.has(key));
    if (unknown.length)
        fail(where, image, `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `'${key}'`).join(', ')}`, ENTRY_FORM);
    let ref;
    try {
        ref = (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageReference */ .o_)(image);
    }
    catch (error) {
        if (error instanceof _image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidReferenceError */ .x_)
            fail(where, image, error.message, 'an image repository such as ghcr.io/acme/web');
        throw error;
    }
    if (ref.tag !== undefined || ref.digest !== undefined)
        fail(where, image, 'names a tag or digest', 'the repository alone: the policy chooses the tag');
    const kinds = ['semver', 'pattern', 'digest-of'].filter((key) => entry[key] !== undefined);
    if (kinds.length !== 1)
        fail(where, image, kinds.length ? `has ${kinds.map((kind) => `'${kind}'`).join(' and ')}` : 'has no policy', ENTRY_FORM);
    const kind = kinds[0];
    const flag = (key) => {
        const value = entry[key];
        if (value === undefined)
            return false;
        if (typeof value !== 'boolean')
            fail(where, image, `'${key}' is ${JSON.stringify(value)}`, 'true or false');
        return value;
    };
    if (kind !== 'semver' && entry.prerelease !== undefined)
        fail(where, image, "'prerelease' is set without 'semver'", "'prerelease' with a 'semver' range only");
    if (kind !== 'pattern' && entry['order-by'] !== undefined)
        fail(where, image, "'order-by' is set without 'pattern'", "'order-by' with a 'pattern' only");
    let order;
    let description;
    if (kind === 'semver') {
        const range = typeof entry.semver === 'number' ? String(entry.semver) : entry.semver;
        const prerelease = flag('prerelease');
        if (typeof range !== 'string' || !range.trim() || semver__WEBPACK_IMPORTED_MODULE_0__.validRange(range, { includePrerelease: prerelease }) === null)
            fail(where, image, `'semver' is ${JSON.stringify(entry.semver)}, which is not a semver range`, "a range such as '^1.2', '~2.0.1', '>=1.4 <2' or '*'");
        order = { kind, range: range.trim(), prerelease };
        description = `semver ${order.range}${prerelease ? ' (pre-releases allowed)' : ''}`;
    }
    else if (kind === 'pattern') {
        const pattern = regex(where, image, 'pattern', entry.pattern);
        // The number of groups a regex has: what an empty string's match array would hold.
        const groups = new RegExp(`${pattern.source}|`).exec('').length - 1;
        if (groups < 1)
            fail(where, image, `'pattern' ${JSON.stringify(entry.pattern)} has no capture group to order the tags by`, "a regex with a capture group, such as '^main-(?<n>\\d+)$'");
        const orderBy = entry['order-by'] ?? 'number';
        if (orderBy !== 'number' && orderBy !== 'date')
            fail(where, image, `'order-by' is ${JSON.stringify(orderBy)}`, "'number' or 'date'");
        order = { kind, pattern, orderBy: orderBy };
        description = `pattern ${pattern.source} by ${order.orderBy}`;
    }
    else {
        const tag = entry['digest-of'];
        if (typeof tag !== 'string' || !TAG.test(tag))
            fail(where, image, `'digest-of' is ${JSON.stringify(tag)}`, "a tag such as 'latest' or 'stable'");
        order = { kind, tag: tag };
        description = `digest of ${order.tag}`;
    }
    const allow = regexList(where, image, 'allow', entry.allow);
    const ignore = regexList(where, image, 'ignore', entry.ignore);
    if (allow.length)
        description += `, allow ${allow.map((re) => re.source).join(' | ')}`;
    if (ignore.length)
        description += `, ignore ${ignore.map((re) => re.source).join(' | ')}`;
    return { image, ref, order, allow, ignore, description };
}
/**
 * Parses the policies; `where` names their source for errors ("input
 * 'policies'", "file .gitops-delivery/images.yaml"). Every entry is checked
 * before any is used, and two entries for one repository are refused.
 */
function parsePolicies(text, where) {
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text, { maxAliasCount: 100 });
    }
    catch (error) {
        fail(where, undefined, `is not YAML (${error.message.split('\n')[0]})`, POLICY_FORM);
    }
    const images = Array.isArray(document) ? document : document?.images;
    if (document && typeof document === 'object' && !Array.isArray(document)) {
        const extra = Object.keys(document).filter((key) => key !== 'images');
        if (extra.length)
            fail(where, undefined, `has unknown key${extra.length > 1 ? 's' : ''} ${extra.map((key) => `'${key}'`).join(', ')}`, POLICY_FORM);
    }
    let entries;
    if (Array.isArray(images)) {
        entries = images.map((item, i) => {
            const image = item?.image;
            if (typeof image !== 'string' || !image)
                fail(where, undefined, `entry ${i + 1} of 'images' has no 'image'`, "each entry to name its repository in 'image'");
            return [image, item];
        });
    }
    else if (images && typeof images === 'object') {
        entries = Object.entries(images).map(([image, policy]) => {
            if (policy && typeof policy === 'object' && 'image' in policy && policy.image !== image)
                fail(where, image, "its 'image' differs from its key", 'the key alone to name the image');
            return [image, policy && typeof policy === 'object' ? { ...policy, image } : policy];
        });
    }
    else {
        return fail(where, undefined, images === undefined ? "has no 'images'" : "'images' is neither a list nor a mapping", POLICY_FORM);
    }
    if (!entries.length)
        fail(where, undefined, "'images' is empty", POLICY_FORM);
    const seen = new Set();
    return entries.map(([image, raw]) => {
        const policy = parseEntry(where, image, raw);
        const key = (0,_image_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalRepository */ .JA)(policy.ref);
        if (seen.has(key))
            fail(where, image, 'has two policies', 'one entry per image repository');
        seen.add(key);
        return policy;
    });
}


/***/ }),

/***/ 6928:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  watchImages: () => (/* binding */ watchImages),
  watchMessage: () => (/* binding */ watchMessage)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var retry = __webpack_require__(7572);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./.tmp/build/src/git/identity.js
var identity = __webpack_require__(5154);
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
class git_Git {
    dir;
    env;
    secrets;
    constructor(dir, options = {}) {
        this.dir = dir;
        this.exec = options.exec ?? spawnGit;
        const committer = options.committer ?? identity/* ACTIONS_BOT */.aX;
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

// EXTERNAL MODULE: ./.tmp/build/src/git/tree.js
var git_tree = __webpack_require__(5712);
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
class env_repo_EnvRepo {
    options;
    git;
    retry;
    input;
    constructor(options) {
        this.options = options;
        this.git = new git_Git(options.dir, {
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
        const repo = new env_repo_EnvRepo(options);
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
        const tree = new git_tree/* IndexTree */.zA(this.git);
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
        const settled = await (0,retry/* withRetry */.bD)(once, { attempts, budgetMs, baseDelayMs: this.retry.baseDelayMs, maxDelayMs, maxRetryAfterMs: maxDelayMs }, {
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
                    retryAfterMs: (0,retry/* backoffMs */.jo)(outcome.lost.attempt, { baseDelayMs: Math.max(this.retry.baseDelayMs, outcome.lost.tookMs), maxDelayMs }, random),
                }
                : undefined,
            onRetry: ({ attempt, delayMs }) => this.options.logger.info(`${branch} moved while we wrote it; re-applying on the new tip in ${delayMs} ms (attempt ${attempt})`),
        });
        const outcome = (0,retry/* unwrap */.oA)(settled);
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

// EXTERNAL MODULE: ./.tmp/build/src/image/clients.js + 3 modules
var clients = __webpack_require__(6333);
// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var reference = __webpack_require__(6382);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/paths.js
var manifest_paths = __webpack_require__(9271);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
;// CONCATENATED MODULE: ./.tmp/build/src/watch/choose.js

/** The tag's place in the policy's order, ignoring allow and ignore; undefined when the order has no place for it. */
function orderKey(policy, tag) {
    const { order } = policy;
    if (order.kind === 'semver') {
        const version = semver.parse(tag);
        return version ?? undefined;
    }
    if (order.kind === 'pattern') {
        const match = order.pattern.exec(tag);
        if (!match)
            return undefined;
        const named = match.groups && Object.values(match.groups).find((value) => value !== undefined);
        const capture = named ?? match.slice(1).find((value) => value !== undefined);
        if (capture === undefined)
            return undefined;
        return order.orderBy === 'number' ? numberKey(capture) : dateKey(capture);
    }
    return undefined;
}
function numberKey(text) {
    return /^\d+$/.test(text) ? BigInt(text) : undefined;
}
/**
 * A time in the forms tags carry it: 20240131, 202401311530, 20240131153000,
 * 2024-01-31, 2024-01-31T15-30-00 (with '-', '.', '_' or ':' between the
 * parts, 'T', '_', '.' or '-' before the time), read as UTC; or Unix seconds
 * (10 digits).
 */
function dateKey(text) {
    if (/^\d{10}$/.test(text))
        return Number(text) * 1000;
    const match = /^(\d{4})([-._]?)(\d{2})\2(\d{2})(?:[T_.-]?(\d{2})[:.-]?(\d{2})(?:[:.-]?(\d{2}))?)?Z?$/.exec(text);
    if (!match)
        return undefined;
    const [y, mo, d, h = 0, mi = 0, s = 0] = [match[1], match[3], match[4], match[5], match[6], match[7]].map((part) => Number(part ?? 0));
    const time = Date.UTC(y, mo - 1, d, h, mi, s);
    const date = new Date(time);
    // Date.UTC rolls 2024-02-31 over into March; a tag that says so is not a date.
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
        return undefined;
    return time;
}
/** The order of two keys of one policy: negative when `a` comes first (is older). */
function compareKeys(a, b) {
    if (a instanceof semver.SemVer && b instanceof semver.SemVer)
        return semver.compare(a, b);
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Whether the tag may be chosen at all: allowed, not ignored, and in the policy's range. */
function eligible(policy, tag, key) {
    if (policy.allow.length && !policy.allow.some((re) => re.test(tag)))
        return false;
    if (policy.ignore.some((re) => re.test(tag)))
        return false;
    const { order } = policy;
    if (order.kind === 'digest-of')
        return tag === order.tag;
    if (key === undefined)
        return false;
    if (order.kind === 'semver') {
        const version = key;
        if (version.prerelease.length && !order.prerelease)
            return false;
        return semver.satisfies(version, order.range, { includePrerelease: order.prerelease });
    }
    return true;
}
/**
 * The newest eligible tag, and how the current tag compares with it. Equal
 * versions under different tags (1.2.3 and v1.2.3) are told apart by the tag
 * text, so the choice does not depend on the registry's listing order.
 */
function choose(policy, tags, current) {
    let newest;
    let candidates = 0;
    let currentListed = false;
    for (const tag of tags) {
        if (tag === current)
            currentListed = true;
        const key = orderKey(policy, tag);
        if (!eligible(policy, tag, key))
            continue;
        candidates++;
        if (!newest) {
            newest = { tag, key };
            continue;
        }
        const order = key === undefined || newest.key === undefined ? 0 : compareKeys(key, newest.key);
        if (order > 0 || (order === 0 && tag > newest.tag))
            newest = { tag, key };
    }
    const choice = { newest: newest?.tag, candidates, currentListed };
    if (!newest || current === undefined)
        return choice;
    if (current === newest.tag)
        return { ...choice, current: 'same' };
    if (policy.order.kind === 'digest-of')
        return { ...choice, current: 'unordered' };
    const currentKey = orderKey(policy, current);
    if (currentKey === undefined)
        return { ...choice, current: 'unordered' };
    const order = compareKeys(currentKey, newest.key);
    // Equal by the order (v1.2.3 against 1.2.3): no move, as nothing is newer.
    return { ...choice, current: order < 0 ? 'older' : order > 0 ? 'newer' : 'same' };
}

// EXTERNAL MODULE: ./.tmp/build/src/watch/inputs.js + 3 modules
var watch_inputs = __webpack_require__(1972);
// EXTERNAL MODULE: ./.tmp/build/src/watch/policy.js
var policy = __webpack_require__(467);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./.tmp/build/src/watch/review.js


/**
 * The branch of each image's own pull request: the prefix, a dash, and the
 * image's repository with every character a branch name may not hold (or
 * that would nest it under the per-run branch) made a dash, so that every run
 * finds the same branch for the same image:
 * `image-watch/candidate-ghcr.io-acme-web`. Two repositories that read alike
 * once flattened (`acme/web-x`, `acme-web/x`) each get a short hash of their
 * name, decided over all the policies, so adding a move changes no name.
 */
function reviewBranches(prefix, policies) {
    const flat = (policy) => (0,reference/* canonicalRepository */.JA)(policy.ref)
        .toLowerCase()
        .replace(/[^a-z0-9._]+/g, '-')
        .replace(/\.{2,}/g, '.')
        .replace(/^[-.]+|[-.]+$/g, '')
        .replace(/\.lock$/, '-lock');
    const counts = new Map();
    for (const policy of policies)
        counts.set(flat(policy), (counts.get(flat(policy)) ?? 0) + 1);
    return new Map(policies.map((policy) => {
        const name = flat(policy);
        const hash = (0,external_node_crypto_.createHash)('sha256').update((0,reference/* canonicalRepository */.JA)(policy.ref)).digest('hex').slice(0, 8);
        return [policy, `${prefix}-${counts.get(name) > 1 ? `${name}-${hash}` : name}`];
    }));
}

// EXTERNAL MODULE: ./.tmp/build/src/manifest/images.js + 1 modules
var manifest_images = __webpack_require__(2224);
;// CONCATENATED MODULE: ./.tmp/build/src/git/app-author.js


/**
 * Who wrote the app commit being delivered: from the push event when it
 * describes that commit, else from the checked-out workspace. Unknown is fine;
 * the commit is then recorded without a co-author.
 */
async function app_author_appCommitAuthor(context) {
    if (context.eventPath) {
        try {
            const event = JSON.parse(await readFile(context.eventPath, 'utf8'));
            const author = event.head_commit?.author;
            if (event.head_commit?.id === context.sha && author?.name && author.email)
                return { name: author.name, email: author.email };
        }
        catch {
            // No readable event: fall through to the workspace.
        }
    }
    if (!context.sha)
        return undefined;
    const result = await new Git(context.workspace).tryRun(['log', '-1', '--format=%an%x00%ae', context.sha, '--']);
    const [name, email] = result.stdout.trim().split('\0');
    return result.code === 0 && name && email ? { name, email } : undefined;
}

;// CONCATENATED MODULE: ./.tmp/build/src/manifest/template.js

/**
 * Renders a manifest template as Cloud Build substitutions do (`${NAME}`,
 * `$NAME`, `$$` for a literal `$`), and also replaces the bare whole words
 * named in `bareWords`, so a template written for `sed "s/WORD/value/g"`
 * renders unmodified. `${NAME}` with no value is an error; `$NAME` with no
 * value is left alone, since shell text in a manifest uses that form too.
 */
function template_renderTemplate(text, vars, bareWords = []) {
    const words = [...bareWords].filter((word) => vars.has(word)).sort((a, b) => b.length - a.length);
    const unknown = new Set();
    const pattern = new RegExp(String.raw `\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)` +
        (words.length ? String.raw `|(?<![A-Za-z0-9_])(${words.join('|')})(?![A-Za-z0-9_])` : ''), 'g');
    const rendered = text.replace(pattern, (whole, braced, plain, bare) => {
        if (whole === '$$')
            return '$';
        const name = braced ?? plain ?? bare;
        const value = vars.get(name);
        if (value !== undefined)
            return value;
        if (braced)
            unknown.add(name);
        return whole;
    });
    if (unknown.size) {
        const names = [...unknown].map((name) => '${' + name + '}').join(', ');
        throw new InputError('template', `has no value for ${names}`, `a KEY=VALUE line for each in 'vars', or one of the built-ins ${[...vars.keys()].join(', ')}`);
    }
    return rendered;
}
/** Cloud Build's built-in substitutions, from the GitHub run that renders the template. */
function template_builtinVars(context, extra = {}) {
    const vars = new Map();
    const set = (name, value) => value && vars.set(name, value);
    set('COMMIT_SHA', context.sha);
    set('SHORT_SHA', context.sha.slice(0, 7));
    set('REPO_NAME', context.repository.split('/').pop());
    set('BRANCH_NAME', context.ref.startsWith('refs/heads/') ? context.refName : undefined);
    set('TAG_NAME', context.ref.startsWith('refs/tags/') ? context.refName : undefined);
    for (const [name, value] of Object.entries(extra))
        set(name, value);
    return vars;
}
/** User vars win over built-ins, and may themselves use built-ins: `COMMIT_SHA=${SHORT_SHA}`. */
function template_mergeVars(builtins, user) {
    const merged = new Map(builtins);
    for (const [name, value] of user) {
        try {
            merged.set(name, template_renderTemplate(value, builtins));
        }
        catch (error) {
            throw error instanceof InputError
                ? new InputError('vars', `${name}=${value} ${error.message.replace(/^input 'template': /, '')}`)
                : error;
        }
    }
    return merged;
}

;// CONCATENATED MODULE: ./.tmp/build/src/manifest/order.js
/**
 * Which of two app commits is the newer, so that a delivery never puts an
 * older image over a newer one. Every commit patch-manifest makes names the
 * app commit it delivers (`Source-Commit: owner/app@sha`) and, on GitHub, the
 * workflow run that built it (`Source-Run: owner/app/.github/workflows/ci.yml#57`).
 *
 * The order is the app's history: a commit is older than another when it is
 * one of its ancestors. It is read from any git checkout of the app on the
 * runner that holds both commits. A checkout of depth 1 (actions/checkout's
 * default) holds only the commit being delivered; then the run number of the
 * same workflow decides, which GitHub increments for every new run and keeps
 * for a re-run, so a re-run of an old build, or a run that lands after the
 * run of a later push, is older. Commits on diverging branches have no order:
 * the last delivery wins, as before. Nothing here needs access to the app
 * repository beyond what is on the runner, nor a clock.
 */



const SOURCE_COMMIT = /^Source-Commit: (\S+)@([0-9a-f]{40})\s*$/gm;
const SOURCE_RUN = /^Source-Run: (\S+)#([0-9]+)\s*$/gm;
/** The run that builds this delivery, from the runner's variables: the workflow file (or name) and its run number. */
function runOf(env) {
    const number = Number(env.GITHUB_RUN_NUMBER ?? '');
    const workflow = (env.GITHUB_WORKFLOW_REF ?? '').replace(/@.*$/, '') || env.GITHUB_WORKFLOW || '';
    if (!Number.isSafeInteger(number) || number <= 0 || !workflow || /\s|#/.test(workflow))
        return undefined;
    return { workflow, number };
}
function order_sourceRunTrailer(source) {
    return source?.run ? `Source-Run: ${source.run.workflow}#${source.run.number}` : '';
}
/** Reads what a commit message says it delivered; undefined when it names no app commit. */
function parseDelivery(message) {
    const commits = [...message.matchAll(SOURCE_COMMIT)];
    const last = commits.at(-1);
    if (!last)
        return undefined;
    const runs = [...message.matchAll(SOURCE_RUN)];
    const run = runs.at(-1);
    const images = [];
    for (const [, text] of message.matchAll(/^Image: (\S+)\s*$/gm)) {
        try {
            images.push(canonicalRepository(parseImageReference(text)));
        }
        catch {
            // A hand-written trailer that is no image reference says nothing about the order.
        }
    }
    const files = (/^Files: (.+)$/m.exec(message)?.[1] ?? '')
        .split(', ')
        .map((file) => file.trim())
        .filter(Boolean);
    return {
        source: { repository: last[1], sha: last[2], ...(run ? { run: { workflow: run[1], number: Number(run[2]) } } : {}) },
        images,
        files,
    };
}
/** Whether a recorded delivery is about the same thing: the same app, and an image repository or a file in common. */
function sameScope(recorded, incoming) {
    if (recorded.source.repository.toLowerCase() !== incoming.source.repository.toLowerCase())
        return false;
    const images = new Set(incoming.images);
    const files = new Set(incoming.files);
    return recorded.images.some((image) => images.has(image)) || recorded.files.some((file) => files.has(file));
}
/**
 * Orders the incoming app commit against the recorded one. `checkouts` are
 * git repositories on the runner that may hold the app's history (the
 * workspace, the template's folder); one that holds both commits decides.
 */
async function compareSources(incoming, recorded, checkouts) {
    if (incoming.sha === recorded.sha)
        return { order: 'same', by: 'commit' };
    for (const git of checkouts) {
        const older = await git.tryRun(['merge-base', '--is-ancestor', incoming.sha, recorded.sha]);
        // 128: one of the commits is not in this checkout.
        if (older.code === 0)
            return { order: 'older', by: 'ancestry' };
        if (older.code !== 1)
            continue;
        const newer = await git.tryRun(['merge-base', '--is-ancestor', recorded.sha, incoming.sha]);
        if (newer.code === 0)
            return { order: 'newer', by: 'ancestry' };
        // In a shallow checkout the path between two commits may be cut off: "not an ancestor" proves nothing there.
        const shallow = await git.tryRun(['rev-parse', '--is-shallow-repository']);
        if (newer.code === 1 && shallow.code === 0 && shallow.stdout.trim() === 'false')
            return { order: 'diverged', by: 'ancestry' };
    }
    const [a, b] = [incoming.run, recorded.run];
    if (a && b && a.workflow === b.workflow && a.number !== b.number) {
        return { order: a.number < b.number ? 'older' : 'newer', by: 'run-number' };
    }
    return { order: 'unknown', by: 'none' };
}
/** How far back a write looks for the delivery it is compared with. */
const HISTORY_DEPTH = 50;
/**
 * The newest commit of a branch, from `tip` back along first parents, that
 * delivered the same thing as `incoming`: the commit and what it says. Reads
 * the tip first and fetches more history only when the tip is about
 * something else (another service's delivery, a hand edit).
 */
async function recordedDelivery(git, tip, incoming) {
    const first = parseDelivery(await git.run(['log', '-1', '--format=%B', tip]));
    if (first && sameScope(first, incoming))
        return { commit: tip, delivery: first };
    await git.tryRun(['fetch', '-q', '--no-tags', `--depth=${HISTORY_DEPTH}`, 'origin', tip]);
    const log = await git.tryRun(['log', '--first-parent', `-n${HISTORY_DEPTH}`, '--format=%H%x00%B%x1e', tip]);
    if (log.code !== 0)
        return undefined;
    for (const entry of log.stdout.split('\x1e')) {
        const [commit, message] = entry.replace(/^\n/, '').split('\0');
        if (!commit || !message)
            continue;
        const delivery = parseDelivery(message);
        if (delivery && sameScope(delivery, incoming))
            return { commit, delivery };
    }
    return undefined;
}
/**
 * Compares what a write would deliver with the newest delivery of the same
 * app and images on the tip being edited; returns why it must not be written,
 * or undefined. `allowOlder` writes it anyway, saying so.
 */
async function order_staleCheck(git, tip, write, files, deps) {
    if (!write.source || !files.length)
        return undefined;
    const incoming = {
        source: write.source,
        images: write.images.map((update) => canonicalRepository(update.target)),
        files: files.map((file) => file.path),
    };
    const recorded = await recordedDelivery(git, tip, incoming);
    if (!recorded)
        return undefined;
    const folders = [...new Set([...(write.template ? [dirname(write.template)] : []), deps.workspace])];
    const { order, by } = await compareSources(write.source, recorded.delivery.source, folders.map((folder) => new Git(folder)));
    const recordedName = `${recorded.delivery.source.repository}@${recorded.delivery.source.sha.slice(0, 7)}`;
    if (order === 'unknown') {
        deps.logger.info(`cannot tell whether ${write.source.repository}@${write.source.sha.slice(0, 7)} is older than ${recordedName}, which ${write.branch} delivers (${recorded.commit.slice(0, 7)}): neither checkout holds both commits and no run number of the same workflow compares them; written, as the last delivery`);
        return undefined;
    }
    if (order !== 'older' || (by !== 'ancestry' && by !== 'run-number'))
        return undefined;
    const stale = { incoming: write.source, recorded: recorded.delivery.source, envCommit: recorded.commit, by };
    if (write.allowOlder) {
        deps.logger.info(`${staleReason(stale)}; written anyway, as allow-older is true`);
        return undefined;
    }
    return stale;
}
function staleReason(stale) {
    const short = (source) => `${source.repository}@${source.sha.slice(0, 7)}`;
    const why = stale.by === 'ancestry'
        ? 'it is an ancestor of it'
        : `run #${stale.incoming.run.number} of ${stale.incoming.run.workflow} built it, before run #${stale.recorded.run.number}`;
    return `${short(stale.incoming)} is older than ${short(stale.recorded)} (${why})`;
}
/** The notice a skipped delivery leaves: both commits, and the deliberate ways back. */
function order_staleNotice(stale, branch, form = 'log') {
    const text = `${staleReason(stale)}, which ${branch} already delivers in ${stale.envCommit.slice(0, 7)}; skipped, ${branch} is left as it is. To go back on purpose, roll back production (rollback.yml), or set allow-older: true`;
    if (form === 'summary')
        return `${text}.`;
    const escaped = `patch-manifest: ${text}`.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    return `::notice::${escaped}`;
}

;// CONCATENATED MODULE: ./.tmp/build/src/manifest/patch-manifest.js












/** Picks where a missing branch starts: the base branch, else the default branch, else nothing (an empty repository). */
function startFrom(baseBranch, repo) {
    return async (tips) => {
        const from = tips.branches.has(baseBranch)
            ? baseBranch
            : tips.defaultBranch && tips.branches.has(tips.defaultBranch)
                ? tips.defaultBranch
                : [...tips.branches.keys()][0];
        return from ? repo.fetch(`refs/heads/${from}`) : undefined;
    };
}
async function patchManifest(inputs, deps) {
    const { logger, context } = deps;
    const repo = await EnvRepo.open({ remote: inputs.remote, dir: deps.workdir, token: inputs.token, logger, exec: deps.exec });
    const template = inputs.template ? await readFile(inputs.template, 'utf8') : undefined;
    const vars = template ? templateVars(inputs, context) : undefined;
    // A stage promotion reads what to write before anything is written, and checks the digests it writes before the commit.
    let stage;
    if (inputs.promoteFrom) {
        const { stageSource } = await __webpack_require__.e(/* import() */ 912).then(__webpack_require__.bind(__webpack_require__, 1912));
        stage = await stageSource(repo, inputs.promoteFrom, inputs.paths, {
            repository: inputs.remote.slug ?? inputs.remote.url,
            logger,
            env: deps.env ?? {},
            insecureRegistries: inputs.insecureRegistries,
        });
    }
    const result = await repo.write(inputs.branch, startFrom(inputs.baseBranch, repo), async (tree, tip) => {
        const entries = await tree.entries();
        let patches;
        let skipped = [];
        let missing = [];
        let images = inputs.images;
        if (template !== undefined) {
            const path = checkOutputPath(entries, inputs.output, 'output');
            const existing = entries.find((entry) => entry.path === path);
            const before = existing ? (await tree.read([existing.object]))[0].toString('utf8') : '';
            const after = renderTemplate(template, vars, inputs.vars.keys());
            patches = before === after ? [] : [{ path, before, after, changes: [] }];
        }
        else {
            const { files, links } = selectManifestFiles(entries, inputs.paths, 'paths');
            const targets = await tree.read(links.map((link) => link.object));
            links.forEach((link, i) => checkLinkTarget(link.path, targets[i].toString('utf8'), 'paths'));
            const contents = await tree.read(files.map((file) => file.object));
            images = stage ? await stage.updatesFor(entries) : inputs.images;
            const patch = patchTree(files.map((file, i) => ({ path: file.path, bytes: contents[i] })), images);
            ({ files: patches, skipped } = patch);
            missing = patch.missing.map((update) => repositoryOf(update.match));
            if (missing.length && !inputs.allowMissing) {
                throw new InputError(stage ? 'promote-from' : 'images', missingMessage(missing, inputs, files.length, skipped));
            }
        }
        // Against the tip being edited, so that a writer that lost a race is judged again on what won it.
        const stale = stage || !tip ? undefined : await staleCheck(repo.git, tip, inputs, patches, { workspace: context.workspace, logger });
        if (stale)
            return { value: { patches: [], skipped, missing, stale } };
        await stage?.checkWritten(patches);
        const modes = new Map(entries.map((entry) => [entry.path, entry.mode]));
        await tree.write(patches.map((patch) => ({ path: patch.path, content: patch.after, mode: modes.get(patch.path) })));
        const message = stage ? promotionMessage(stage, images, context, patches) : defaultMessage(inputs, context, patches, deps.appAuthor);
        const edit = patches.length ? { message: inputs.message || message, author: inputs.author } : undefined;
        return { edit, value: { patches, skipped, missing } };
    }, { push: !inputs.dryRun });
    if (result.value.stale)
        logger.info(staleNotice(result.value.stale, inputs.branch));
    // A Helm chart's templates (a folder) are left to Helm, as they should be: said once, not warned about.
    for (const { path, reason } of result.value.skipped) {
        if (path.endsWith('/'))
            logger.info(`left untouched: ${reason}`);
        else
            logger.warning(`left untouched: ${reason}`, path);
    }
    if (result.value.missing.length)
        logger.warning(missingMessage(result.value.missing, inputs) + ' (allowed by allow-missing)');
    return {
        commit: inputs.dryRun ? '' : result.commit,
        changed: result.changed,
        files: result.files,
        diff: result.diff,
        skipped: result.value.skipped,
        patches: result.value.patches,
        missing: result.value.missing,
        attempts: result.attempts,
        stale: result.value.stale,
    };
}
/**
 * An image no selected file references is most often a misspelled repository
 * or paths that miss its files; "already up to date" would hide both.
 */
function missingMessage(missing, inputs, searched, skipped = []) {
    const globs = (inputs.paths.length ? inputs.paths : DEFAULT_MANIFEST_GLOBS).join(', ');
    const where = `in paths ${globs} of branch ${inputs.branch}${searched === undefined ? '' : ` (${searched} file(s))`}`;
    const unread = skipped.length ? `; not read, as not YAML: ${skipped.map((file) => file.path).join(', ')}` : '';
    const names = missing.join(', ');
    return `no file references ${names} ${where}${unread}. Check the repository name and the 'paths' input, or set 'allow-missing: true' where it may be absent`;
}
function templateVars(inputs, context) {
    const image = inputs.images[0]?.target;
    const builtins = builtinVars(context, {
        PROJECT_ID: inputs.vars.get('PROJECT_ID') ?? process.env.GOOGLE_CLOUD_PROJECT,
        IMAGE: image && formatImageReference(image),
        IMAGE_DIGEST: image?.digest,
    });
    return mergeVars(builtins, inputs.vars);
}
function defaultMessage(inputs, context, patches, appAuthor) {
    const images = [...new Set(inputs.images.map((update) => formatImageReference(update.target)))];
    const source = context.repository && context.sha ? `${context.repository}@${context.sha}` : '';
    const subject = inputs.template
        ? `Render ${inputs.output}${source ? ` from ${context.repository}@${context.sha.slice(0, 7)}` : ''}`
        : `Update ${images.length === 1 ? images[0] : `${images.length} images`}`;
    const body = [
        inputs.template ? `Rendered from ${relative(context.workspace, inputs.template)}.` : images.map((image) => `- ${image}`).join('\n'),
        `Files: ${patches.map((patch) => patch.path).join(', ')}`,
        context.runUrl ? `Workflow run: ${context.runUrl}` : '',
    ].filter(Boolean);
    const trailers = [
        source && `Source-Commit: ${source}`,
        source && sourceRunTrailer(inputs.source),
        ...images.map((image) => `Image: ${image}`),
        appAuthor && formatIdentity(appAuthor) !== formatIdentity(inputs.author) ? `Co-authored-by: ${formatIdentity(appAuthor)}` : '',
    ].filter(Boolean);
    return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}
/** A stage promotion names the success commit its images come from and, carried on, the app commit that built them. */
function promotionMessage(stage, updates, context, patches) {
    const written = patches.map((patch) => patch.after).join('\n');
    const images = updates.map((update) => formatImageReference(update.target)).filter((image) => written.includes(image));
    const subject = `Promote ${images.length === 1 ? images[0] : `${images.length} images`} from ${stage.ref}`;
    const body = [
        `The images ${stage.ref} runs at ${stage.commit.slice(0, 7)}, by digest:`,
        images.map((image) => `- ${image}`).join('\n'),
        `Files: ${patches.map((patch) => patch.path).join(', ')}`,
        context.runUrl ? `Workflow run: ${context.runUrl}` : '',
    ].filter(Boolean);
    const carried = stage.trailers.length ? stage.trailers : images.map((image) => `Image: ${image}`);
    const trailers = [`Promoted-From-Environment: ${stage.ref}@${stage.commit}`, ...carried];
    return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}
/** The step's outputs, as patch-manifest and deliver both set them. */
function patchOutputs(result) {
    return {
        commit: result.commit,
        changed: result.changed,
        files: result.files.join('\n'),
        diff: result.diff,
        stale: Boolean(result.stale),
    };
}
function patchSummary(inputs, result, context) {
    const where = `\`${inputs.branch}\` of ${inputs.remote.slug ?? inputs.remote.url}`;
    const commitUrl = inputs.remote.slug && inputs.remote.url.startsWith(context.serverUrl)
        ? context.commitUrl(inputs.remote.slug, result.commit)
        : undefined;
    const status = inputs.dryRun
        ? `Dry run: nothing pushed to ${where}.`
        : result.stale
            ? `Skipped: ${staleNotice(result.stale, inputs.branch, 'summary')}`
            : result.changed
                ? `Committed ${link(result.commit.slice(0, 7), commitUrl)} to ${where}${result.attempts > 1 ? ` (after ${result.attempts - 1} concurrent update(s) by others)` : ''}.`
                : result.missing.length && !result.patches.length
                    ? `${where}: no reference to ${result.missing.join(', ')} in the selected paths (allowed by allow-missing): no commit.`
                    : `${where} already up to date: no commit.`;
    const lines = ['### patch-manifest', '', status, ''];
    if (result.patches.length)
        lines.push(details(`The change: ${result.patches.map((patch) => `<code>${patch.path}</code>`).join(', ')}`, fenced('diff', truncate(result.diff || 'no diff', 60_000))), '');
    if (result.missing.length && (result.changed || inputs.dryRun))
        lines.push(`Not found in the selected paths (allowed by allow-missing): ${result.missing.map((name) => `\`${name}\``).join(', ')}`, '');
    const untouched = ({ path, reason }) => reason.startsWith(path) ? `- \`${path}\`${reason.slice(path.length)}` : `- \`${path}\`: ${reason}`;
    if (result.skipped.length)
        lines.push('Left untouched:', '', ...result.skipped.map(untouched), '');
    return lines.join('\n');
}
/** patch-manifest's use case: the app commit's author is recorded as a co-author, when the run can tell who that is. */
async function patchManifestStep(inputs, deps) {
    const result = await patchManifest(inputs, { ...deps, appAuthor: await appCommitAuthor(deps.context) });
    return {
        outputs: patchOutputs(result),
        notice: { message: result.changed ? `${inputs.dryRun ? 'would change' : 'changed'}: ${result.files.join(', ')}` : 'nothing to change' },
        summary: patchSummary(inputs, result, deps.context),
    };
}

// EXTERNAL MODULE: ./.tmp/build/src/manifest/updates.js
var manifest_updates = __webpack_require__(7365);
;// CONCATENATED MODULE: ./.tmp/build/src/watch/write.js






function tagText(held) {
    return `${held?.tag ?? ''}${held?.digest ? `@${held.digest}` : ''}` || '(none)';
}
/** Every tag and digest each repository (by canonical name) is held at in the files, each once. */
function heldVersions(files) {
    const held = new Map();
    for (const { path, text } of files) {
        for (const image of (0,manifest_images/* findImages */.Mz)(text, path)) {
            const key = (0,reference/* canonicalRepository */.JA)(image);
            const list = held.get(key) ?? [];
            if (!list.some((seen) => seen.tag === image.tag && seen.digest === image.digest))
                list.push({ tag: image.tag, digest: image.digest });
            held.set(key, list);
        }
    }
    return held;
}
/** Of several tags held, the newest by the policy's order: the one no move may go below. */
function newestHeld(policy, held) {
    let newest = held[0];
    for (const other of held.slice(1)) {
        const [a, b] = [newest.tag ? orderKey(policy, newest.tag) : undefined, other.tag ? orderKey(policy, other.tag) : undefined];
        if (a !== undefined && b !== undefined && compareKeys(a, b) < 0)
            newest = other;
    }
    return newest;
}
const sameHeld = (a, b) => a.length === b.length && a.every((one) => b.some((other) => other.tag === one.tag && other.digest === one.digest));
/**
 * A planned move judged again on the tip being edited, which a concurrent
 * writer may have moved since the manifests were read: unchanged, it stands;
 * otherwise it stands only when the tip holds an older version by the
 * policy's order, and then moves from what the tip holds. A digest has no
 * order, so a digest another writer wrote in the meantime is left to it.
 */
function rejudge(move, held) {
    if (sameHeld(held, move.held))
        return { update: move.update };
    const current = newestHeld(move.policy, held);
    const overtaken = { overtaken: { image: move.update.image, now: held.map(tagText).join(', ') || '(no reference)' } };
    if (!current?.tag || move.policy.order.kind === 'digest-of')
        return overtaken;
    const [now, to] = [orderKey(move.policy, current.tag), orderKey(move.policy, move.update.to.split('@')[0])];
    if (now === undefined || to === undefined)
        return overtaken;
    return compareKeys(now, to) < 0 ? { update: { ...move.update, from: tagText(current) } } : overtaken;
}
async function manifestsOf(tree, paths) {
    const entries = await tree.entries();
    const { files, links } = (0,manifest_paths/* selectManifestFiles */.lz)(entries, paths, 'paths');
    const targets = await tree.read(links.map((link) => link.object));
    links.forEach((link, i) => (0,manifest_paths/* checkLinkTarget */.yl)(link.path, targets[i].toString('utf8'), 'paths'));
    const contents = await tree.read(files.map((file) => file.object));
    return { entries, files: files.map((file, i) => ({ path: file.path, bytes: contents[i] })) };
}
/** The parent and tree of a branch's tip, read from the commit object itself (a shallow fetch hides its parent). */
async function tipShape(repo, branch) {
    const commit = await repo.fetchBranch(branch);
    if (!commit)
        return undefined;
    const raw = await repo.git.run(['cat-file', 'commit', commit]);
    return { commit, tree: /^tree (\S+)$/m.exec(raw)[1], parent: /^parent (\S+)$/m.exec(raw)?.[1] ?? '' };
}
/**
 * Writes the moves in one commit through patch-manifest's engine. Each try
 * (the first, and every one after a lost race) reads the tip it edits and
 * judges every move again on it, so that a version older than one a
 * concurrent writer put there is never written.
 */
async function writeMoves(repo, moves, options) {
    const review = options.reviewBranch ? await tipShape(repo, options.reviewBranch) : undefined;
    let base;
    const start = startFrom(options.baseBranch, repo);
    const result = await repo.write(options.branch, async (tips) => (base = await start(tips)), async (tree, tip) => {
        const { entries, files } = await manifestsOf(tree, options.paths);
        const now = heldVersions(files.map((file) => ({ path: file.path, text: file.bytes.toString('utf8') })));
        const judged = moves.map((move) => ({ move, verdict: rejudge(move, now.get((0,reference/* canonicalRepository */.JA)(move.policy.ref)) ?? []) }));
        const overtaken = judged.flatMap(({ verdict }) => ('overtaken' in verdict ? [verdict.overtaken] : []));
        const standing = judged.flatMap(({ move, verdict }) => ('update' in verdict ? [{ move, update: verdict.update }] : []));
        const images = (0,manifest_updates/* parseImageUpdates */.p)(standing.map(({ move, update }) => `${(0,reference/* repositoryOf */._M)(move.policy.ref)}:${update.to}`));
        const patch = (0,manifest_images/* patchTree */.Dz)(files, images);
        const written = standing.filter((_, i) => !patch.missing.includes(images[i])).map(({ update }) => update);
        const modes = new Map(entries.map((entry) => [entry.path, entry.mode]));
        await tree.write(patch.files.map((file) => ({ path: file.path, content: file.after, mode: modes.get(file.path) })));
        const value = { updates: written, overtaken };
        if (!patch.files.length)
            return { value };
        // The review branch already holds this very change on this very tip: nothing to push.
        if (review && review.parent === (tip ?? base) && review.tree === (await tree.writeTree()))
            return { value: { ...value, held: review.commit } };
        return { edit: { message: options.message(written), author: options.author }, value };
    }, options.reviewBranch
        ? { push: !options.dryRun, pushRef: `refs/heads/${options.reviewBranch}`, force: true }
        : { push: !options.dryRun });
    for (const { image, now } of result.value.overtaken)
        options.logger.warning(`${image}: ${options.branch} moved during the run and now holds ${now}; not written over`);
    const { updates, overtaken, held } = result.value;
    return {
        branch: options.reviewBranch ?? options.branch,
        commit: options.dryRun || !updates.length ? '' : (held ?? result.commit),
        changed: result.changed && !options.dryRun,
        diff: result.diff,
        files: result.files,
        attempts: result.attempts,
        updates,
        overtaken,
    };
}

;// CONCATENATED MODULE: ./.tmp/build/src/watch/watch.js












/** Runs `work` over `items`, `limit` at a time, keeping their order; the first failure stops the rest. */
async function mapLimit(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
        while (!failed && next < items.length) {
            const index = next++;
            try {
                results[index] = await work(items[index]);
            }
            catch (error) {
                failed = true;
                throw error;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
/**
 * One run of the image watch: reads the policies and the versions the
 * manifests hold, asks each registry for its tags, chooses, and writes every
 * move in one commit through patch-manifest's engine. Nothing is written
 * until every registry has answered.
 */
async function watchImages(inputs, deps) {
    const { logger } = deps;
    const repo = await env_repo_EnvRepo.open({ remote: inputs.remote, dir: (0,external_node_path_.join)(deps.workdir, 'read'), token: inputs.token, logger, exec: deps.exec });
    const readBranch = (await repo.fetchBranch(inputs.branch)) ? inputs.branch : inputs.baseBranch;
    const tip = readBranch === inputs.branch ? await repo.fetchBranch(inputs.branch) : await repo.fetchBranch(inputs.baseBranch);
    if (!tip)
        throw new errors/* InputError */.d('branch', `neither '${inputs.branch}' nor '${inputs.baseBranch}' exists in ${inputs.remote.slug ?? inputs.remote.url}`, 'a branch of env-repository holding the manifests');
    let policies = deps.policies;
    if (!policies) {
        const tree = new git_tree/* IndexTree */.zA(repo.git);
        const entry = (await tree.entriesOf(tip)).find((candidate) => candidate.path === inputs.policyFile);
        if (!entry)
            throw new errors/* InputError */.d('policy-file', `${inputs.policyFile} is not in branch '${readBranch}' of ${inputs.remote.slug ?? inputs.remote.url}`, "a YAML file of policies in the env repository, or the policies in the 'policies' input");
        const [bytes] = await tree.read([entry.object]);
        policies = (0,policy.parsePolicies)(bytes.toString('utf8'), `policy file ${inputs.policyFile}`);
    }
    const manifests = new git_tree/* IndexTree */.zA(repo.git);
    const { files } = (0,manifest_paths/* selectManifestFiles */.lz)(await manifests.entriesOf(tip), inputs.paths, 'paths');
    const contents = await manifests.read(files.map((file) => file.object));
    const deployed = heldVersions(files.map((file, i) => ({ path: file.path, text: contents[i].toString('utf8') })));
    const registryFor = watchedRegistries(inputs, policies, deps);
    const checks = await mapLimit(policies, deps.concurrency ?? 8, async (policy) => {
        const held = deployed.get((0,reference/* canonicalRepository */.JA)(policy.ref)) ?? [];
        const base = { image: policy.image, policy: policy.description, froms: held.map(tagText) };
        const registry = registryFor((0,reference/* registryHost */.U$)(policy.ref));
        const repository = (0,reference/* apiRepository */.pl)(policy.ref);
        const tags = await registry.tags(repository, { pageSize: inputs.pageSize });
        const current = newestHeld(policy, held);
        const choice = choose(policy, tags, current?.tag);
        const counts = { tags: tags.length, candidates: choice.candidates };
        const vanished = current?.tag && !choice.currentListed ? current.tag : undefined;
        if (vanished)
            logger.warning(`${policy.image}: the registry no longer lists tag ${vanished}, which the manifests hold; it is kept`);
        const from = current ? tagText(current) : undefined;
        const common = { ...base, ...counts, from, newest: choice.newest, ...(vanished && { vanished }) };
        if (!held.length)
            return { ...common, outcome: 'not-deployed' };
        if (!choice.newest)
            return { ...common, outcome: 'no-match' };
        if (choice.current === 'newer')
            return { ...common, outcome: 'downgrade-refused' };
        const sameTag = choice.current === 'same';
        if (sameTag && policy.order.kind !== 'digest-of')
            return { ...common, outcome: 'current' };
        const descriptor = await registry.head(repository, choice.newest);
        // Deleted between the listing and this look-up: as if it had not been listed.
        if (!descriptor)
            return { ...common, newest: undefined, outcome: 'no-match' };
        if (sameTag && held.every((h) => h.tag === choice.newest && h.digest === descriptor.digest))
            return { ...common, digest: descriptor.digest, outcome: 'current' };
        return { ...common, digest: descriptor.digest, outcome: 'moved' };
    });
    for (const check of checks) {
        if (check.outcome === 'not-deployed')
            logger.warning(`${check.image}: no manifest in the selected paths references it; nothing to update`);
        if (check.outcome === 'downgrade-refused')
            logger.warning(`${check.image}: the newest tag its policy allows, ${check.newest}, is older than ${check.from}; not written`);
    }
    const moves = checks.flatMap((check, i) => check.outcome === 'moved'
        ? [
            {
                policy: policies[i],
                held: deployed.get((0,reference/* canonicalRepository */.JA)(policies[i].ref)) ?? [],
                update: {
                    image: check.image,
                    from: check.from ?? '',
                    to: `${check.newest}@${check.digest}`,
                    digest: check.digest,
                    policy: check.policy,
                },
            },
        ]
        : []);
    const result = {
        readFrom: { branch: readBranch, commit: tip },
        checks,
        updates: moves.map((move) => move.update),
        changed: false,
        writes: [],
        diff: '',
        files: [],
        attempts: 0,
    };
    if (!moves.length)
        return result;
    const options = {
        branch: inputs.branch,
        baseBranch: inputs.baseBranch,
        paths: inputs.paths,
        author: inputs.author,
        message: (updates) => inputs.message || watchMessage(updates, deps.context),
        dryRun: inputs.dryRun,
        logger,
    };
    const writes = [];
    if (inputs.mode === 'push')
        writes.push(await writeMoves(repo, moves, options));
    else if (inputs.pullRequestPer === 'run')
        writes.push(await writeMoves(repo, moves, { ...options, reviewBranch: inputs.pullRequestBranch }));
    else {
        const branches = reviewBranches(inputs.pullRequestBranch, policies);
        for (const move of moves)
            writes.push(await writeMoves(repo, [move], { ...options, reviewBranch: branches.get(move.policy) }));
    }
    const overtaken = new Map(writes.flatMap((write) => write.overtaken.map((entry) => [entry.image, entry.now])));
    return {
        ...result,
        checks: checks.map((check) => overtaken.has(check.image) ? { ...check, outcome: 'overtaken', overtakenBy: overtaken.get(check.image) } : check),
        updates: writes.flatMap((write) => write.updates),
        changed: writes.some((write) => write.changed),
        writes,
        diff: writes.map((write) => write.diff).join(''),
        files: [...new Set(writes.flatMap((write) => write.files))],
        attempts: Math.max(...writes.map((write) => write.attempts)),
    };
}
/**
 * One client per registry host: the one the credential inputs are for uses
 * them, and only it; the others use what the runner stores (docker login,
 * credential helpers).
 */
function watchedRegistries(inputs, policies, deps) {
    const given = inputs.credentials && {
        ...inputs.credentials,
        host: (0,watch_inputs/* credentialHost */.W9)(inputs.credentials, policies.map((policy) => (0,reference/* registryHost */.U$)(policy.ref))),
    };
    return (0,clients/* registryClients */.K)({ env: deps.env, logger: deps.logger, insecureRegistries: inputs.insecureRegistries, fetch: deps.fetch, given });
}
/** The commit message: every image moved, from and to, and the policy that chose it. */
function watchMessage(updates, context) {
    const short = (update) => `${update.image}:${update.to.split('@')[0]}`;
    const subject = updates.length === 1 ? `Update ${short(updates[0])}` : `Update ${updates.length} images`;
    const lines = updates.map((update) => `- ${update.image}: ${update.from} -> ${update.to} (${update.policy})`);
    const body = [
        `New versions found in their registries:`,
        lines.join('\n'),
        context.runUrl ? `Workflow run: ${context.runUrl}` : '',
    ].filter(Boolean);
    const trailers = updates.map((update) => `Image: ${update.image}:${update.to}`);
    return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}


/***/ })

};
