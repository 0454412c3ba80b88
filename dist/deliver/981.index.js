export const id = 981;
export const ids = [981,393];
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

/***/ 9393:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   appCommitAuthor: () => (/* binding */ appCommitAuthor)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6190);


/**
 * Who wrote the app commit being delivered: from the push event when it
 * describes that commit, else from the checked-out workspace. Unknown is fine;
 * the commit is then recorded without a co-author.
 */
async function appCommitAuthor(context) {
    if (context.eventPath) {
        try {
            const event = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(context.eventPath, 'utf8'));
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
    const result = await new _git_js__WEBPACK_IMPORTED_MODULE_1__/* .Git */ .TU(context.workspace).tryRun(['log', '-1', '--format=%an%x00%ae', context.sha, '--']);
    const [name, email] = result.stdout.trim().split('\0');
    return result.code === 0 && name && email ? { name, email } : undefined;
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

/***/ 981:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  patchManifest: () => (/* binding */ patchManifest),
  patchManifestStep: () => (/* binding */ patchManifestStep),
  patchOutputs: () => (/* binding */ patchOutputs),
  patchSummary: () => (/* binding */ patchSummary),
  startFrom: () => (/* binding */ startFrom)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var retry = __webpack_require__(7572);
// EXTERNAL MODULE: ./.tmp/build/src/git/git.js
var git = __webpack_require__(6190);
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
class EnvRepo {
    options;
    git;
    retry;
    input;
    constructor(options) {
        this.options = options;
        this.git = new git/* Git */.TU(options.dir, {
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
            if (error instanceof git/* GitError */.XS)
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
        throw explainRemoteFailure(new git/* GitError */.XS(['fetch'], fetched.stderr, fetched.code), this.options.remote, this.input);
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
            const error = new git/* GitError */.XS(['push'], text, pushed.code);
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

// EXTERNAL MODULE: ./.tmp/build/src/git/app-author.js
var app_author = __webpack_require__(9393);
// EXTERNAL MODULE: ./.tmp/build/src/git/identity.js
var identity = __webpack_require__(5154);
// EXTERNAL MODULE: ./.tmp/build/src/action/markdown.js
var markdown = __webpack_require__(5691);
// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var reference = __webpack_require__(6382);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/images.js + 1 modules
var manifest_images = __webpack_require__(2224);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/paths.js
var paths = __webpack_require__(9271);
;// CONCATENATED MODULE: ./.tmp/build/src/manifest/template.js

/**
 * Renders a manifest template as Cloud Build substitutions do (`${NAME}`,
 * `$NAME`, `$$` for a literal `$`), and also replaces the bare whole words
 * named in `bareWords`, so a template written for `sed "s/WORD/value/g"`
 * renders unmodified. `${NAME}` with no value is an error; `$NAME` with no
 * value is left alone, since shell text in a manifest uses that form too.
 */
function renderTemplate(text, vars, bareWords = []) {
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
        throw new errors/* InputError */.d('template', `has no value for ${names}`, `a KEY=VALUE line for each in 'vars', or one of the built-ins ${[...vars.keys()].join(', ')}`);
    }
    return rendered;
}
/** Cloud Build's built-in substitutions, from the GitHub run that renders the template. */
function builtinVars(context, extra = {}) {
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
function mergeVars(builtins, user) {
    const merged = new Map(builtins);
    for (const [name, value] of user) {
        try {
            merged.set(name, renderTemplate(value, builtins));
        }
        catch (error) {
            throw error instanceof errors/* InputError */.d
                ? new errors/* InputError */.d('vars', `${name}=${value} ${error.message.replace(/^input 'template': /, '')}`)
                : error;
        }
    }
    return merged;
}

// EXTERNAL MODULE: ./.tmp/build/src/manifest/order.js
var order = __webpack_require__(4699);
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
    const template = inputs.template ? await (0,promises_.readFile)(inputs.template, 'utf8') : undefined;
    const vars = template ? templateVars(inputs, context) : undefined;
    // A stage promotion reads what to write before anything is written, and checks the digests it writes before the commit.
    let stage;
    if (inputs.promoteFrom) {
        const { stageSource } = await Promise.all(/* import() */[__webpack_require__.e(362), __webpack_require__.e(828)]).then(__webpack_require__.bind(__webpack_require__, 4828));
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
            const path = (0,paths/* checkOutputPath */.$b)(entries, inputs.output, 'output');
            const existing = entries.find((entry) => entry.path === path);
            const before = existing ? (await tree.read([existing.object]))[0].toString('utf8') : '';
            const after = renderTemplate(template, vars, inputs.vars.keys());
            patches = before === after ? [] : [{ path, before, after, changes: [] }];
        }
        else {
            const { files, links } = (0,paths/* selectManifestFiles */.lz)(entries, inputs.paths, 'paths');
            const targets = await tree.read(links.map((link) => link.object));
            links.forEach((link, i) => (0,paths/* checkLinkTarget */.yl)(link.path, targets[i].toString('utf8'), 'paths'));
            const contents = await tree.read(files.map((file) => file.object));
            images = stage ? await stage.updatesFor(entries) : inputs.images;
            const patch = (0,manifest_images/* patchTree */.Dz)(files.map((file, i) => ({ path: file.path, bytes: contents[i] })), images);
            ({ files: patches, skipped } = patch);
            missing = patch.missing.map((update) => (0,reference/* repositoryOf */._M)(update.match));
            if (missing.length && !inputs.allowMissing) {
                throw new errors/* InputError */.d(stage ? 'promote-from' : 'images', missingMessage(missing, inputs, files.length, skipped));
            }
        }
        // Against the tip being edited, so that a writer that lost a race is judged again on what won it.
        const stale = stage || !tip ? undefined : await (0,order/* staleCheck */.W$)(repo.git, tip, inputs, patches, { workspace: context.workspace, logger });
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
        logger.info((0,order/* staleNotice */.WN)(result.value.stale, inputs.branch));
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
    const globs = (inputs.paths.length ? inputs.paths : paths/* DEFAULT_MANIFEST_GLOBS */.OD).join(', ');
    const where = `in paths ${globs} of branch ${inputs.branch}${searched === undefined ? '' : ` (${searched} file(s))`}`;
    const unread = skipped.length ? `; not read, as not YAML: ${skipped.map((file) => file.path).join(', ')}` : '';
    const names = missing.join(', ');
    return `no file references ${names} ${where}${unread}. Check the repository name and the 'paths' input, or set 'allow-missing: true' where it may be absent`;
}
function templateVars(inputs, context) {
    const image = inputs.images[0]?.target;
    const builtins = builtinVars(context, {
        PROJECT_ID: inputs.vars.get('PROJECT_ID') ?? process.env.GOOGLE_CLOUD_PROJECT,
        IMAGE: image && (0,reference/* formatImageReference */.my)(image),
        IMAGE_DIGEST: image?.digest,
    });
    return mergeVars(builtins, inputs.vars);
}
function defaultMessage(inputs, context, patches, appAuthor) {
    const images = [...new Set(inputs.images.map((update) => (0,reference/* formatImageReference */.my)(update.target)))];
    const source = context.repository && context.sha ? `${context.repository}@${context.sha}` : '';
    const subject = inputs.template
        ? `Render ${inputs.output}${source ? ` from ${context.repository}@${context.sha.slice(0, 7)}` : ''}`
        : `Update ${images.length === 1 ? images[0] : `${images.length} images`}`;
    const body = [
        inputs.template ? `Rendered from ${(0,external_node_path_.relative)(context.workspace, inputs.template)}.` : images.map((image) => `- ${image}`).join('\n'),
        `Files: ${patches.map((patch) => patch.path).join(', ')}`,
        context.runUrl ? `Workflow run: ${context.runUrl}` : '',
    ].filter(Boolean);
    const trailers = [
        source && `Source-Commit: ${source}`,
        source && (0,order/* sourceRunTrailer */.Sc)(inputs.source),
        ...images.map((image) => `Image: ${image}`),
        appAuthor && (0,identity/* formatIdentity */.gZ)(appAuthor) !== (0,identity/* formatIdentity */.gZ)(inputs.author) ? `Co-authored-by: ${(0,identity/* formatIdentity */.gZ)(appAuthor)}` : '',
    ].filter(Boolean);
    return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}
/** A stage promotion names the success commit its images come from and, carried on, the app commit that built them. */
function promotionMessage(stage, updates, context, patches) {
    const written = patches.map((patch) => patch.after).join('\n');
    const images = updates.map((update) => (0,reference/* formatImageReference */.my)(update.target)).filter((image) => written.includes(image));
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
            ? `Skipped: ${(0,order/* staleNotice */.WN)(result.stale, inputs.branch, 'summary')}`
            : result.changed
                ? `Committed ${(0,markdown/* link */.nf)(result.commit.slice(0, 7), commitUrl)} to ${where}${result.attempts > 1 ? ` (after ${result.attempts - 1} concurrent update(s) by others)` : ''}.`
                : result.missing.length && !result.patches.length
                    ? `${where}: no reference to ${result.missing.join(', ')} in the selected paths (allowed by allow-missing): no commit.`
                    : `${where} already up to date: no commit.`;
    const lines = ['### patch-manifest', '', status, ''];
    if (result.patches.length)
        lines.push((0,markdown/* details */.zH)(`The change: ${result.patches.map((patch) => `<code>${patch.path}</code>`).join(', ')}`, (0,markdown/* fenced */.OF)('diff', (0,markdown/* truncate */.xv)(result.diff || 'no diff', 60_000))), '');
    if (result.missing.length && (result.changed || inputs.dryRun))
        lines.push(`Not found in the selected paths (allowed by allow-missing): ${result.missing.map((name) => `\`${name}\``).join(', ')}`, '');
    const untouched = ({ path, reason }) => reason.startsWith(path) ? `- \`${path}\`${reason.slice(path.length)}` : `- \`${path}\`: ${reason}`;
    if (result.skipped.length)
        lines.push('Left untouched:', '', ...result.skipped.map(untouched), '');
    return lines.join('\n');
}
/** patch-manifest's use case: the app commit's author is recorded as a co-author, when the run can tell who that is. */
async function patchManifestStep(inputs, deps) {
    const result = await patchManifest(inputs, { ...deps, appAuthor: await (0,app_author.appCommitAuthor)(deps.context) });
    return {
        outputs: patchOutputs(result),
        notice: { message: result.changed ? `${inputs.dryRun ? 'would change' : 'changed'}: ${result.files.join(', ')}` : 'nothing to change' },
        summary: patchSummary(inputs, result, deps.context),
    };
}


/***/ })

};
