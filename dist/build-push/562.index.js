export const id = 562;
export const ids = [562];
export const modules = {

/***/ 5691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OF: () => (/* binding */ fenced),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/* unused harmony exports link, details */
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
/* harmony export */   o2: () => (/* binding */ transientResponse)
/* harmony export */ });
/* unused harmony exports TRANSIENT_STATUSES, isTransientStatus, realSleep, backoffMs, unwrap */
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

/***/ 4562:
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
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./.tmp/build/src/action/workdir.js



/** A scratch folder under the runner's temp, removed afterwards whatever happens. */
async function withWorkdir(prefix, body) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), `${prefix}-`));
    try {
        return await body(dir);
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}

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
    const config = await readConfig((0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker'), 'config.json'));
    return entryFor(config?.auths, host) !== undefined || entryFor(config?.credHelpers, host) !== undefined;
}

// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var image_reference = __webpack_require__(6382);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
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
                    : storedCredentials(host, { env: this.env, runHelper: this.deps.credentialHelper });
            this.credentials.set(host, found);
        }
        return found;
    }
    location(ref) {
        const host = (0,image_reference/* registryHost */.U$)(ref);
        let registry = this.clients.get(host);
        if (!registry) {
            registry = new Registry(host, {
                ...this.deps.registry,
                plainHttp: usesPlainHttp(host, this.inputs.insecureRegistries),
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
            ? { host, username: inputs.username, password: inputs.password, keep: await hasDockerLogin(host, env) }
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
    const built = await withWorkdir('build-push', async (workdir) => {
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
                    plainHttp: usesPlainHttp((0,image_reference/* registryHost */.U$)(inputs.image), inputs.insecureRegistries),
                }
                : undefined,
            authFile: credentials && (await writePrivate((0,external_node_path_.join)(workdir, 'auth.json'), authFileContent((0,image_reference/* registryHost */.U$)(inputs.image), credentials))),
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
        throw new RegistryError(`registry ${home.registry.host} has no ${pushedAs} after ${builder.name} pushed it`);
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
        size: await imageSize(home.registry, home.repository, manifest),
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
        await copyManifest(home, manifest, target, tag.tag);
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
