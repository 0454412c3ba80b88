export const id = 640;
export const ids = [640,356];
export const modules = {

/***/ 5691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
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

/***/ 2356:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   withWorkdir: () => (/* binding */ withWorkdir)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);



/** A scratch folder under the runner's temp, removed afterwards whatever happens. */
async function withWorkdir(prefix, body) {
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(process.env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), `${prefix}-`));
    try {
        return await body(dir);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 4610:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   Wo: () => (/* binding */ networkProblem),
/* harmony export */   kL: () => (/* binding */ isTimeout),
/* harmony export */   yL: () => (/* binding */ MAX_RETRY_AFTER_MS)
/* harmony export */ });
/* unused harmony export describeRequestFailure */
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

/***/ 8640:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildFailureSummary: () => (/* binding */ buildFailureSummary),
  buildPush: () => (/* binding */ buildPush),
  buildPushOutputs: () => (/* binding */ buildPushOutputs),
  buildPushStep: () => (/* binding */ buildPushStep),
  buildPushSummary: () => (/* binding */ buildPushSummary),
  formatSize: () => (/* binding */ formatSize),
  imageLabels: () => (/* binding */ imageLabels)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/build/src/action/markdown.js
var markdown = __webpack_require__(5691);
// EXTERNAL MODULE: ./.tmp/build/src/action/workdir.js
var workdir = __webpack_require__(2356);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var retry = __webpack_require__(7572);
;// CONCATENATED MODULE: ./.tmp/build/src/image/builders/builder.js


const TAIL_LINES = 30;
/** A build that failed; `tail` is the end of its output, which is where the cause usually is. */
class BuildError extends Error {
    builder;
    code;
    tail;
    constructor(builder, code, tail) {
        super(`${builder} failed (exit ${code}); its last ${tail.length} lines:\n${tail.join('\n')}`);
        this.builder = builder;
        this.code = code;
        this.tail = tail;
        this.name = 'BuildError';
    }
}
const runTool = (command, args, { cwd, env, input, onLine, timeoutMs } = {}) => new Promise((resolve, reject) => {
    const child = (0,external_node_child_process_.spawn)(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const tail = [];
    const stdout = [];
    const lineReader = () => {
        let partial = '';
        return {
            push(chunk) {
                const lines = (partial + chunk).split(/\r?\n/);
                partial = lines.pop() ?? '';
                for (const line of lines)
                    keep(line);
            },
            flush() {
                if (partial)
                    keep(partial);
                partial = '';
            },
        };
    };
    const keep = (line) => {
        tail.push(line);
        if (tail.length > TAIL_LINES)
            tail.shift();
        onLine?.(line);
    };
    const out = lineReader();
    const err = lineReader();
    child.stdout.on('data', (chunk) => {
        stdout.push(chunk);
        out.push(chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk) => err.push(chunk.toString('utf8')));
    child.on('error', (error) => reject(error.code === 'ENOENT' ? new Error(`${command} is not installed (not found on PATH)`) : error));
    child.on('close', (code, signal) => {
        out.flush();
        err.flush();
        if (signal)
            keep(`${command} was stopped by ${signal}`);
        resolve({ code: code ?? 1, stdout: Buffer.concat(stdout).toString('utf8'), tail });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
});
/** `type=registry,ref=X` or a bare `X` as a repository; other cache types belong to buildx alone. */
function registryCacheRef(entry) {
    if (!entry.includes('='))
        return entry;
    const fields = new Map(entry.split(',').map((field) => [field.slice(0, field.indexOf('=')), field.slice(field.indexOf('=') + 1)]));
    return fields.get('type') === 'registry' ? fields.get('ref') : undefined;
}
/**
 * How a push by the builder is retried when the registry fails for a moment:
 * the same policy as the registry client's calls, with waits long enough for
 * a registry restarting behind its load balancer.
 */
const PUSH_RETRY = { attempts: 4, baseDelayMs: 2000, maxDelayMs: 15_000 };
/**
 * The words of containers/image (buildah) and BuildKit (docker) for a push
 * that met a registry's passing trouble: a transient HTTP status, or a
 * connection reset, dropped or timed out. A refusal (401, 403, 404, a bad
 * manifest) is none of these, and fails at once.
 */
const TRANSIENT_PUSH = /(?:unexpected (?:HTTP )?status(?: code)?:? ?(?:408|425|429|500|502|503|504)\b)|(?:\b(?:408|425|429|500|502|503|504) (?:Request Timeout|Too Early|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)\b)|connection reset by peer|broken pipe|unexpected EOF|: EOF\b|i\/o timeout|TLS handshake timeout|server sent GOAWAY|connection refused|http2: client connection lost/i;
/** The line of a failed push's output that shows the registry's passing trouble, if one does. */
function transientPushFailure(tail) {
    return [...tail].reverse().find((line) => TRANSIENT_PUSH.test(line));
}
/**
 * Runs a builder's push (or its build that pushes) until it succeeds, fails
 * for another reason than the registry's passing trouble, or the tries run
 * out; then returns the last result, with a note of the tries in its output
 * when more than one was made.
 */
async function pushWithRetry(what, push, logger, deps = {}, 
/** For a build that pushes: the output that shows the push failed, rather than a step of the build. */
pushFailed = () => true, policy = PUSH_RETRY) {
    const settled = await (0,retry/* withRetry */.bD)(push, policy, {
        ...deps,
        judge: (result) => {
            const line = result.code === 0 || !pushFailed(result.tail) ? undefined : transientPushFailure(result.tail);
            return line === undefined ? undefined : { reason: line.trim() };
        },
        judgeError: () => undefined,
        onRetry: ({ attempt, of, delayMs, reason }) => logger.warning(`${what}: the registry failed for now (${reason}); retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`),
    });
    if (!settled.ok)
        throw settled.error;
    const result = settled.value;
    if (result.code !== 0 && settled.tries.transient) {
        return { ...result, tail: [...result.tail, `the registry failed ${(0,retry/* describeTries */.BI)(settled.tries)}; gave up`] };
    }
    return result;
}

;// CONCATENATED MODULE: ./.tmp/build/src/image/builders/buildah.js



/** Several platforms make a manifest list, pushed with all its images; one platform makes a plain image. */
function isMultiPlatform(spec) {
    return spec.platforms.length > 1;
}
/** The name the built image has in buildah's local storage. */
function localName(spec) {
    return spec.push ? `${spec.push.repository}:${spec.push.tag}` : spec.tags[0];
}
function buildahBuildArgs(spec, options, warn = () => undefined) {
    const args = [...globalArgs(options), 'build', '--file', spec.file];
    if (options.isolation)
        args.push('--isolation', options.isolation);
    if (spec.platforms.length)
        args.push('--platform', spec.platforms.join(','));
    if (isMultiPlatform(spec))
        args.push('--manifest', localName(spec));
    else
        for (const tag of spec.push ? [localName(spec)] : spec.tags)
            args.push('--tag', tag);
    for (const [name, value] of spec.buildArgs)
        args.push('--build-arg', `${name}=${value}`);
    for (const [name, value] of spec.labels)
        args.push('--label', `${name}=${value}`);
    if (spec.target)
        args.push('--target', spec.target);
    for (const secret of spec.secrets)
        args.push('--secret', `id=${secret.id},src=${secret.file}`);
    const caches = (entries, flag) => {
        for (const entry of entries) {
            const ref = registryCacheRef(entry);
            if (ref)
                args.push(flag, ref);
            else
                warn(`buildah keeps its cache only in a registry; '${entry}' is ignored`);
        }
    };
    caches(spec.cacheFrom, '--cache-from');
    caches(spec.cacheTo, '--cache-to');
    if (args.includes('--cache-from') || args.includes('--cache-to'))
        args.push('--layers');
    // The command line has no per-registry switch; a build that pushes to a plain-HTTP registry mostly pulls its bases from it too.
    if (spec.push?.plainHttp)
        args.push('--tls-verify=false');
    if (spec.authFile)
        args.push('--authfile', spec.authFile);
    args.push(spec.context);
    return args;
}
function buildahPushArgs(spec, options, digestFile) {
    if (!spec.push)
        throw new Error('buildahPushArgs needs a push destination');
    const args = [...globalArgs(options), ...(isMultiPlatform(spec) ? ['manifest', 'push', '--all'] : ['push']), '--digestfile', digestFile];
    if (spec.push.plainHttp)
        args.push('--tls-verify=false');
    if (spec.authFile)
        args.push('--authfile', spec.authFile);
    args.push(localName(spec), `docker://${spec.push.repository}:${spec.push.tag}`);
    return args;
}
function globalArgs(options) {
    return options.storageDriver ? ['--storage-driver', options.storageDriver] : [];
}
class BuildahBuilder {
    runner;
    logger;
    options;
    env;
    retry;
    name = 'buildah';
    constructor(runner, logger, options = {}, env = process.env, 
    /** Waits between tries of a push the registry failed for a moment. */
    retry = {}) {
        this.runner = runner;
        this.logger = logger;
        this.options = options;
        this.env = env;
        this.retry = retry;
    }
    async build(spec) {
        const log = { env: this.env, onLine: (line) => this.logger.info(line) };
        if (isMultiPlatform(spec)) {
            // `--manifest` adds to a list of that name when one exists; a list left by an earlier run would keep its images.
            await this.runner('buildah', [...globalArgs(this.options), 'manifest', 'rm', localName(spec)], { env: this.env });
        }
        const built = await this.runner('buildah', buildahBuildArgs(spec, this.options, (message) => this.logger.warning(message)), log);
        if (built.code !== 0)
            throw new BuildError('buildah build', built.code, built.tail);
        if (!spec.push)
            return {};
        const digestFile = (0,external_node_path_.join)(spec.workdir, 'digest');
        // buildah retries a dropped connection but not a 503: a registry's passing trouble is retried here, whole pushes being idempotent.
        const pushed = await pushWithRetry(`buildah push to ${spec.push.repository}`, () => this.runner('buildah', buildahPushArgs(spec, this.options, digestFile), log), this.logger, this.retry);
        if (pushed.code !== 0)
            throw new BuildError('buildah push', pushed.code, pushed.tail);
        return { digest: (await (0,promises_.readFile)(digestFile, 'utf8')).trim() };
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/image/builders/docker.js



/** `docker buildx build` arguments; the image goes out by digest alone, tags come afterwards from the registry. */
function dockerBuildArgs(spec, metadataFile) {
    const args = ['buildx', 'build', '--file', spec.file, '--metadata-file', metadataFile];
    if (spec.platforms.length)
        args.push('--platform', spec.platforms.join(','));
    for (const [name, value] of spec.buildArgs)
        args.push('--build-arg', `${name}=${value}`);
    for (const [name, value] of spec.labels)
        args.push('--label', `${name}=${value}`);
    if (spec.target)
        args.push('--target', spec.target);
    for (const secret of spec.secrets)
        args.push('--secret', `id=${secret.id},src=${secret.file}`);
    for (const cache of spec.cacheFrom)
        args.push('--cache-from', cache);
    for (const cache of spec.cacheTo)
        args.push('--cache-to', cache);
    if (spec.push) {
        const output = ['type=image', `name=${spec.push.repository}`, 'push-by-digest=true', 'name-canonical=true', 'push=true'];
        if (spec.push.plainHttp)
            output.push('registry.insecure=true');
        args.push('--output', output.join(','));
    }
    else {
        for (const tag of spec.tags)
            args.push('--tag', tag);
        // Only a single-platform image fits in the local image store.
        if (spec.platforms.length <= 1)
            args.push('--load');
    }
    args.push(spec.context);
    return args;
}
/** The digest buildx wrote to its metadata file: of the image, or of the index for several platforms. */
function parseDockerMetadata(text) {
    const metadata = JSON.parse(text);
    return metadata['containerimage.digest'] ?? metadata['containerimage.descriptor']?.digest;
}
/** BuildKit's words for a failure of the image export's push, as opposed to a failed step of the build. */
function pushStepFailed(tail) {
    return tail.some((line) => /failed to push|pushing layers|exporting to image|failed to copy: .*(?:upload|blob)/i.test(line));
}
class DockerBuilder {
    runner;
    logger;
    login;
    env;
    retry;
    name = 'docker';
    constructor(runner, logger, login, env = process.env, 
    /** Waits between tries of a push the registry failed for a moment. */
    retry = {}) {
        this.runner = runner;
        this.logger = logger;
        this.login = login;
        this.env = env;
        this.retry = retry;
    }
    async build(spec) {
        const metadataFile = (0,external_node_path_.join)(spec.workdir, 'metadata.json');
        if (this.login)
            await this.logIn(this.login);
        try {
            const build = () => this.runner('docker', dockerBuildArgs(spec, metadataFile), { env: this.env, onLine: (line) => this.logger.info(line) });
            // buildx pushes as the last step of the build; that step alone is retried, from the build cache, when the registry failed for a moment.
            const result = spec.push
                ? await pushWithRetry(`docker buildx push to ${spec.push.repository}`, build, this.logger, this.retry, pushStepFailed)
                : await build();
            if (result.code !== 0)
                throw new BuildError('docker buildx build', result.code, result.tail);
            return { digest: spec.push ? parseDockerMetadata(await (0,promises_.readFile)(metadataFile, 'utf8')) : undefined };
        }
        finally {
            if (this.login && !this.login.keep)
                await this.runner('docker', ['logout', this.login.host], { env: this.env }).catch(() => undefined);
        }
    }
    async logIn({ host, username, password }) {
        // The password goes through stdin so that no process listing shows it.
        const result = await this.runner('docker', ['login', '--username', username, '--password-stdin', host], {
            env: this.env,
            input: password,
        });
        if (result.code !== 0) {
            throw new Error(`docker login to ${host} as '${username}' failed (exit ${result.code}): ${result.tail.slice(-3).join(' ')}`);
        }
    }
}

// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
;// CONCATENATED MODULE: ./.tmp/build/src/image/builders/select.js

const PROBE_TIMEOUT_MS = 20_000;
async function probe(runner, command, args) {
    try {
        const result = await runner(command, args, { timeoutMs: PROBE_TIMEOUT_MS });
        return result.code === 0
            ? undefined
            : `\`${command} ${args.join(' ')}\` exited ${result.code}: ${result.tail.slice(-2).join(' ').trim() || 'no message'}`;
    }
    catch (error) {
        return error.message;
    }
}
/** `auto`: docker when a daemon and buildx answer, as on GitHub's hosted runners; otherwise buildah, which needs no daemon. */
async function chooseBuilder(choice, runner) {
    if (choice !== 'auto')
        return choice;
    const docker = (await probe(runner, 'docker', ['info', '--format', '{{.ServerVersion}}'])) ?? (await probe(runner, 'docker', ['buildx', 'version']));
    if (!docker)
        return 'docker';
    const buildah = await probe(runner, 'buildah', ['--version']);
    if (!buildah)
        return 'buildah';
    throw new errors/* InputError */.d('builder', `'auto' found no builder: docker (a running daemon with buildx): ${docker}; buildah: ${buildah}`, "a runner with docker or buildah installed, or 'builder' set to the one it has");
}

// EXTERNAL MODULE: ./.tmp/build/src/image/credentials.js
var image_credentials = __webpack_require__(6881);
// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var image_reference = __webpack_require__(6382);
// EXTERNAL MODULE: ./.tmp/build/src/image/registry.js + 1 modules
var image_registry = __webpack_require__(8845);
;// CONCATENATED MODULE: ./.tmp/build/src/image/build-push.js











/** OCI annotations that link an image to the commit and repository it came from; the user's labels win. */
function imageLabels(inputs, context, created) {
    const labels = new Map();
    const prefix = 'org.opencontainers.image';
    if (context.repository) {
        const url = `${context.serverUrl}/${context.repository}`;
        labels.set(`${prefix}.source`, url);
        labels.set(`${prefix}.url`, url);
        labels.set(`${prefix}.title`, context.repository.split('/').pop());
    }
    else {
        labels.set(`${prefix}.title`, inputs.image.path.split('/').pop());
    }
    if (context.sha)
        labels.set(`${prefix}.revision`, context.sha);
    labels.set(`${prefix}.created`, created.toISOString());
    for (const [key, value] of inputs.labels)
        labels.set(key, value);
    return [...labels];
}
/** One client per registry host, each with the credentials that apply to it. */
class Registries {
    inputs;
    deps;
    env;
    clients = new Map();
    credentials = new Map();
    constructor(inputs, deps, env) {
        this.inputs = inputs;
        this.deps = deps;
        this.env = env;
    }
    credentialsFor(host) {
        let found = this.credentials.get(host);
        if (!found) {
            const { username, password } = this.inputs;
            found =
                username && host === (0,image_reference/* registryHost */.U$)(this.inputs.image)
                    ? Promise.resolve({ username, password })
                    : (0,image_credentials/* storedCredentials */._2)(host, { env: this.env, runHelper: this.deps.credentialHelper });
            this.credentials.set(host, found);
        }
        return found;
    }
    location(ref) {
        const host = (0,image_reference/* registryHost */.U$)(ref);
        let registry = this.clients.get(host);
        if (!registry) {
            registry = new image_registry/* Registry */.OR(host, {
                ...this.deps.registry,
                plainHttp: (0,image_registry/* usesPlainHttp */.Vz)(host, this.inputs.insecureRegistries),
                credentials: () => this.credentialsFor(host),
                fetch: this.deps.fetch,
                sleep: this.deps.sleep,
                random: this.deps.random,
                logger: this.deps.logger,
            });
            this.clients.set(host, registry);
        }
        return { registry, repository: (0,image_reference/* apiRepository */.pl)(ref) };
    }
}
async function createBuilder(name, inputs, deps, env) {
    const runner = deps.runner ?? runTool;
    if (name === 'docker') {
        const host = (0,image_reference/* registryHost */.U$)(inputs.image);
        const login = inputs.push && inputs.username
            ? { host, username: inputs.username, password: inputs.password, keep: await (0,image_credentials/* hasDockerLogin */.M$)(host, env) }
            : undefined;
        return new DockerBuilder(runner, deps.logger, login, env, { sleep: deps.sleep, random: deps.random });
    }
    return new BuildahBuilder(runner, deps.logger, {
        // buildah reads STORAGE_DRIVER itself; vfs is the driver that works on every runner and in every container.
        storageDriver: env.STORAGE_DRIVER ? undefined : 'vfs',
        isolation: env.BUILDAH_ISOLATION || 'chroot',
    }, env, { sleep: deps.sleep, random: deps.random });
}
async function writePrivate(path, content) {
    await (0,promises_.writeFile)(path, content, { mode: 0o600 });
    return path;
}
/**
 * Builds the image and pushes it so that no tag ever names an incomplete
 * image: the builder pushes under one tag at most (docker by digest alone),
 * the registry then confirms the digest, and only then are the other tags
 * pointed at it, the commit's own tag first. With `skip-existing`, an
 * existing `image:<commit SHA>` means the work was done: the remaining tags
 * are pointed at it and nothing is built.
 */
async function buildPush(inputs, deps) {
    const now = deps.now ?? Date.now;
    const started = now();
    const env = deps.env ?? process.env;
    const { logger } = deps;
    const registries = new Registries(inputs, deps, env);
    const home = registries.location(inputs.image);
    const result = (rest) => ({
        image: (0,image_reference/* repositoryOf */._M)(inputs.image),
        tags: inputs.tags.map(image_reference/* formatImageReference */.my),
        platforms: inputs.platforms,
        durationMs: now() - started,
        ...rest,
    });
    if (inputs.push) {
        // Wrong credentials fail here, in a second, instead of after a build.
        await home.registry.authorize(home.repository, ['pull', 'push']);
        if (inputs.skipExisting && inputs.commitTag) {
            const existing = await home.registry.manifest(home.repository, inputs.commitTag.tag);
            if (existing) {
                logger.info(`${(0,image_reference/* formatImageReference */.my)(inputs.commitTag)} exists (${existing.digest}); nothing to build`);
                await pointTags(inputs.tags, home, existing, registries, logger);
                return result({ ...(await pushed(inputs, home, existing)), skipped: true });
            }
        }
        else if (inputs.skipExisting) {
            logger.info('skip-existing needs the commit SHA (GITHUB_SHA) to name the image to look for; building');
        }
    }
    const builderName = await chooseBuilder(inputs.builder, deps.runner ?? runTool);
    const builder = await createBuilder(builderName, inputs, deps, env);
    // The tag the builder pushes under: the commit's own when known, else the first in the image's repository.
    const primary = inputs.tags.find((tag) => (0,image_reference/* sameRepository */.RB)(tag, inputs.image));
    const built = await (0,workdir.withWorkdir)('build-push', async (workdir) => {
        const credentials = inputs.push ? await registries.credentialsFor((0,image_reference/* registryHost */.U$)(inputs.image)) : undefined;
        const spec = {
            context: inputs.context,
            file: inputs.file,
            platforms: inputs.platforms,
            buildArgs: inputs.buildArgs,
            labels: imageLabels(inputs, deps.context, new Date(started)),
            target: inputs.target,
            secrets: await Promise.all(inputs.secrets.map(async ([id, value], index) => ({ id, file: await writePrivate((0,external_node_path_.join)(workdir, `secret-${index}`), value) }))),
            cacheFrom: inputs.cacheFrom,
            cacheTo: inputs.cacheTo,
            tags: inputs.tags.map(image_reference/* formatImageReference */.my),
            push: inputs.push
                ? {
                    repository: (0,image_reference/* repositoryOf */._M)(inputs.image),
                    tag: primary.tag,
                    plainHttp: (0,image_registry/* usesPlainHttp */.Vz)((0,image_reference/* registryHost */.U$)(inputs.image), inputs.insecureRegistries),
                }
                : undefined,
            authFile: credentials && (await writePrivate((0,external_node_path_.join)(workdir, 'auth.json'), (0,image_credentials/* authFileContent */.KD)((0,image_reference/* registryHost */.U$)(inputs.image), credentials))),
            workdir,
        };
        const action = `${builder.name}: build ${spec.file}${inputs.push ? `, push to ${(0,image_reference/* repositoryOf */._M)(inputs.image)}:${primary.tag}` : ''}`;
        return logger.group(action, () => builder.build(spec));
    });
    if (!inputs.push)
        return result({ digest: '', imageRef: '', skipped: false, pushed: false, builder: builder.name });
    // docker pushed by digest alone; buildah pushed under the primary tag. Either way the registry says what it holds.
    const reference = builder.name === 'docker' ? built.digest : primary.tag;
    if (!reference)
        throw new Error(`${builder.name} reported no digest for the image it pushed to ${(0,image_reference/* repositoryOf */._M)(inputs.image)}`);
    const manifest = await home.registry.manifest(home.repository, reference);
    if (!manifest) {
        const pushedAs = `${(0,image_reference/* repositoryOf */._M)(inputs.image)}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
        throw new image_registry/* RegistryError */.gl(`registry ${home.registry.host} has no ${pushedAs} after ${builder.name} pushed it`);
    }
    if (built.digest && built.digest !== manifest.digest) {
        logger.warning(`${builder.name} reported digest ${built.digest}, the registry holds ${manifest.digest}; reporting the registry's`);
    }
    await pointTags([primary, ...inputs.tags.filter((tag) => tag !== primary)], home, manifest, registries, logger);
    return result({ ...(await pushed(inputs, home, manifest)), skipped: false, builder: builder.name });
}
async function pushed(inputs, home, manifest) {
    return {
        digest: manifest.digest,
        imageRef: `${(0,image_reference/* repositoryOf */._M)(inputs.image)}@${manifest.digest}`,
        pushed: true,
        size: await (0,image_registry/* imageSize */.R9)(home.registry, home.repository, manifest),
    };
}
/** Points each tag at the manifest, in order; a tag that already does is left alone, so a re-run writes nothing. */
async function pointTags(tags, home, manifest, registries, logger) {
    for (const tag of tags) {
        const target = registries.location(tag);
        const current = await target.registry.head(target.repository, tag.tag);
        const name = (0,image_reference/* formatImageReference */.my)(tag);
        if (current?.digest === manifest.digest) {
            logger.info(`${name} already names ${manifest.digest}`);
            continue;
        }
        await (0,image_registry/* copyManifest */.nX)(home, manifest, target, tag.tag);
        logger.info(`${name} now names ${manifest.digest}${current ? ` (was ${current.digest})` : ''}`);
    }
}
function formatSize(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}
/** The step's outputs, as build-push and deliver both set them. */
function buildPushOutputs(result) {
    return { digest: result.digest, 'image-ref': result.imageRef, tags: result.tags.join('\n'), skipped: result.skipped };
}
function buildPushSummary(result) {
    const [header, ...rows] = [
        ['Image', `\`${result.image}\``],
        ['Tags', result.tags.map((tag) => `\`${tag}\``).join('<br>')],
        ['Digest', result.digest ? `\`${result.digest}\`` : 'not pushed'],
        ['Size', result.size === undefined ? '—' : formatSize(result.size)],
        ['Builder', result.builder ?? 'none (the image existed)'],
        ['Skipped', result.skipped ? 'yes: the commit’s image already existed' : 'no'],
        ['Platforms', result.platforms.join(', ') || 'the builder’s own'],
        ['Duration', `${(result.durationMs / 1000).toFixed(1)} s`],
    ];
    const heading = result.skipped ? 'Image already built' : result.pushed ? 'Image built and pushed' : 'Image built (not pushed)';
    return `### build-push: ${heading}\n\n${(0,markdown/* table */.tp)(header, rows)}\n`;
}
/** The summary of a failed run: what failed and, for a failed build, the end of its output. */
function buildFailureSummary(inputs, error) {
    const image = `\`${(0,image_reference/* repositoryOf */._M)(inputs.image)}\``;
    if (!(error instanceof BuildError))
        return `### build-push failed for ${image}\n\n${(0,markdown/* fenced */.OF)('text', error instanceof Error ? error.message : String(error))}\n`;
    return [
        `### build-push: ${error.builder} failed for ${image}`,
        '',
        `Exit code ${error.code}. Its last ${error.tail.length} lines:`,
        '',
        (0,markdown/* fenced */.OF)('text', error.tail.join('\n')),
        '',
    ].join('\n');
}
/** build-push's use case: a failed build or push still writes the summary of what was tried. */
async function buildPushStep(inputs, deps) {
    let result;
    try {
        result = await buildPush(inputs, deps);
    }
    catch (error) {
        return { outputs: {}, summary: buildFailureSummary(inputs, error), failure: error };
    }
    return {
        outputs: buildPushOutputs(result),
        notice: {
            message: result.digest ? `${result.imageRef}${result.skipped ? ' (existed)' : ''}` : `built ${result.tags.join(', ')} (not pushed)`,
        },
        summary: buildPushSummary(result),
    };
}


/***/ })

};
