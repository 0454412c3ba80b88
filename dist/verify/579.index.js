export const id = 579;
export const ids = [579];
export const modules = {

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

/***/ 2179:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N4: () => (/* binding */ tally),
/* harmony export */   Ym: () => (/* binding */ percentile),
/* harmony export */   eQ: () => (/* binding */ formatTally)
/* harmony export */ });
/* unused harmony export CHECK_KINDS */
/** What every kind of check returns, and the small statistics they share. */
const CHECK_KINDS = (/* unused pure expression or super */ null && (['http', 'load', 'job', 'command']));
/** Nearest-rank percentile of values sorted ascending; NaN when there are none. */
function percentile(sorted, p) {
    if (!sorted.length)
        return NaN;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
/** Counts of equal strings, most frequent first (ties in first-seen order). */
function tally(values) {
    const counts = new Map();
    for (const value of values)
        counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
}
/** `200 ×9, 503 ×1`; a single kind alone is shown without its count when `plainSingle`. */
function formatTally(counts, plainSingle = false) {
    if (plainSingle && counts.length === 1 && counts[0][1] === 1)
        return counts[0][0];
    return counts.map(([value, count]) => `${value} ×${count}`).join(', ');
}


/***/ }),

/***/ 9579:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseHttpChecks: () => (/* binding */ parseHttpChecks),
/* harmony export */   runHttpChecks: () => (/* binding */ runHttpChecks)
/* harmony export */ });
/* unused harmony exports HTTP_CHECK_FORM, parseStatus, statusMatches, jsonPath, judgeAnswer, isConnectionError, sendAttempt, judgeCheck */
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5313);
/* harmony import */ var _http_fetch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4610);
/* harmony import */ var _kube_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9055);
/* harmony import */ var _check_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2179);
/* harmony import */ var _thresholds_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7067);
/* harmony import */ var _urls_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2413);






const INPUT = 'http-checks';
const HTTP_CHECK_FORM = 'a YAML list of URLs, or of mappings with url and optionally name, method, headers, body, status (200, 2xx, 200-299 or a list), body-regex, json ({path, equals | matches | exists}, or a list of them), max-latency, timeout';
const KEYS = ['url', 'name', 'method', 'headers', 'body', 'status', 'body-regex', 'json', 'max-latency', 'timeout'];
const STATUS_FORM = "a status code (200), a class (2xx), a range (200-299), or a list of those ('200, 204' or [200, 204])";
const DEFAULT_TIMEOUT_MS = 10_000;
/** Reads the parsed `http-checks` YAML into checks; every problem names the check and the form expected. */
function parseHttpChecks(value, base) {
    if (value === null || value === undefined)
        return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, i) => parseHttpCheck(item, i + 1, base));
}
function parseHttpCheck(item, index, base) {
    const label = `check ${index}`;
    const spec = typeof item === 'string' ? { url: item } : item;
    if (!spec || typeof spec !== 'object' || Array.isArray(spec))
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${label} is not a URL or a mapping`, HTTP_CHECK_FORM);
    const fields = spec;
    for (const key of Object.keys(fields)) {
        if (!KEYS.includes(key))
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${label} has an unknown key '${key}'`, `keys among ${KEYS.join(', ')}`);
    }
    if (typeof fields.url !== 'string')
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${label} has no url`, HTTP_CHECK_FORM);
    const where = `${label} (${fields.url})`;
    const text = (key) => {
        const found = fields[key];
        if (found === undefined || found === null)
            return undefined;
        if (typeof found === 'object')
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: '${key}' is not a single value`, `a string for ${key}`);
        return String(found);
    };
    const duration = (key) => {
        const written = text(key);
        if (written === undefined)
            return undefined;
        const ms = /^\d+(\.\d+)?$/.test(written) ? Number(written) : (0,_kube_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E9)(written);
        if (ms === undefined || ms <= 0)
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: ${key} '${written}' is not a duration`, "a duration such as '500ms' or '2s'");
        return ms;
    };
    const regex = (key, source) => {
        try {
            return new RegExp(source);
        }
        catch (error) {
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: ${key} '${source}' is not a regular expression (${error.message})`, 'a JavaScript regular expression');
        }
    };
    const target = (0,_urls_js__WEBPACK_IMPORTED_MODULE_3__/* .readUrl */ .wo)(fields.url, base, INPUT, label);
    const method = (text('method') ?? 'GET').toUpperCase();
    if (!/^[A-Z]+$/.test(method))
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: method '${method}' is not an HTTP method`, 'GET, HEAD, POST, PUT, …');
    const headers = {};
    if (fields.headers !== undefined) {
        if (!fields.headers || typeof fields.headers !== 'object' || Array.isArray(fields.headers))
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: headers is not a mapping`, 'a mapping of header names to values');
        for (const [name, headerValue] of Object.entries(fields.headers))
            headers[name.toLowerCase()] = String(headerValue);
    }
    let body;
    if (fields.body !== undefined && fields.body !== null) {
        body = typeof fields.body === 'object' ? JSON.stringify(fields.body) : String(fields.body);
        if (typeof fields.body === 'object')
            headers['content-type'] ??= 'application/json';
    }
    const bodyRegexText = text('body-regex');
    const jsonSpecs = fields.json === undefined || fields.json === null ? [] : Array.isArray(fields.json) ? fields.json : [fields.json];
    return {
        index,
        name: typeof fields.name === 'string' && fields.name ? fields.name : `${method} ${target.shown}`,
        target,
        method,
        headers,
        body,
        status: parseStatus(fields.status, where),
        bodyRegex: bodyRegexText === undefined ? undefined : regex('body-regex', bodyRegexText),
        json: jsonSpecs.map((json) => parseJsonMatch(json, where, regex)),
        maxLatencyMs: duration('max-latency'),
        timeoutMs: duration('timeout') ?? DEFAULT_TIMEOUT_MS,
    };
}
/** `200`, `2xx`, `200-299`, `'200, 204'` or a YAML list of those; empty means 2xx. */
function parseStatus(value, where = 'status') {
    if (value === undefined || value === null || value === '')
        return { ranges: [[200, 299]], text: '2xx' };
    const parts = Array.isArray(value) ? value.map(String) : String(value).split(',');
    const ranges = parts.map((part) => {
        const text = part.trim().toLowerCase();
        let match;
        if ((match = /^([1-5])xx$/.exec(text)))
            return [Number(match[1]) * 100, Number(match[1]) * 100 + 99];
        if ((match = /^(\d{3})\s*-\s*(\d{3})$/.exec(text)) && Number(match[1]) <= Number(match[2]))
            return [Number(match[1]), Number(match[2])];
        if (/^\d{3}$/.test(text))
            return [Number(text), Number(text)];
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: status '${part.trim()}' is not a status`, STATUS_FORM);
    });
    for (const [low, high] of ranges) {
        if (low < 100 || high > 599)
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: status '${String(value)}' is outside 100-599`, STATUS_FORM);
    }
    return { ranges, text: parts.map((part) => part.trim()).join(', ') };
}
function statusMatches(spec, status) {
    return spec.ranges.some(([low, high]) => status >= low && status <= high);
}
const JSON_FORM = '{path: a.b[0].c, equals: VALUE} or {path, matches: REGEX} or {path, exists: true|false}';
function parseJsonMatch(value, where, regex) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: json is not a mapping`, JSON_FORM);
    const fields = value;
    for (const key of Object.keys(fields)) {
        if (!['path', 'equals', 'matches', 'exists'].includes(key))
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: json has an unknown key '${key}'`, JSON_FORM);
    }
    if (typeof fields.path !== 'string' || !fields.path)
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: json has no path`, JSON_FORM);
    const tests = ['equals', 'matches', 'exists'].filter((key) => key in fields);
    if (tests.length !== 1)
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: json path '${fields.path}' needs exactly one of equals, matches, exists`, JSON_FORM);
    if ('exists' in fields && typeof fields.exists !== 'boolean')
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: json path '${fields.path}': exists is not true or false`, JSON_FORM);
    return {
        path: fields.path,
        segments: jsonPath(fields.path, where),
        ...('equals' in fields ? { equals: fields.equals } : {}),
        matches: 'matches' in fields ? regex('json matches', String(fields.matches)) : undefined,
        exists: fields.exists,
    };
}
/** `items[0].status` or `items.0.status` into keys and indexes. */
function jsonPath(path, where = 'json') {
    const segments = [];
    for (const part of path.replace(/^\$\.?/, '').split('.')) {
        const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
        if (!match || (!match[1] && !match[2]))
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: json path '${path}' is not a path`, 'keys separated by dots, with [N] for list items, e.g. data.items[0].status');
        if (match[1])
            segments.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
        for (const index of match[2].matchAll(/\[(\d+)\]/g))
            segments.push(Number(index[1]));
    }
    return segments;
}
function lookup(value, segments) {
    let current = value;
    for (const segment of segments) {
        if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment))
            return { found: false };
        current = current[segment];
    }
    return { found: true, value: current };
}
function sameValue(a, b) {
    if (typeof a === 'number' && typeof b === 'string')
        return String(a) === b;
    if (typeof a === 'boolean' && typeof b === 'string')
        return String(a) === b;
    return JSON.stringify(a) === JSON.stringify(b);
}
const quote = (value) => typeof value === 'string' ? `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"` : JSON.stringify(value);
/** What is wrong with an answer, or undefined when it satisfies the check. Latency is judged by the caller. */
function judgeAnswer(check, status, body, location) {
    if (!statusMatches(check.status, status)) {
        return `status ${status}${location ? ` (to ${location})` : ''}, expected ${check.status.text}`;
    }
    if (check.bodyRegex && !check.bodyRegex.test(body))
        return `body does not match /${check.bodyRegex.source}/`;
    if (check.json.length) {
        let parsed;
        try {
            parsed = JSON.parse(body);
        }
        catch {
            return 'body is not JSON';
        }
        for (const match of check.json) {
            const { found, value } = lookup(parsed, match.segments);
            if (match.exists !== undefined) {
                if (found !== match.exists)
                    return `json ${match.path} ${found ? 'exists' : 'is missing'}, expected ${match.exists ? 'present' : 'absent'}`;
            }
            else if (!found)
                return `json ${match.path} is missing`;
            else if (match.matches && !match.matches.test(typeof value === 'string' ? value : JSON.stringify(value)))
                return `json ${match.path} is ${quote(value)}, expected to match /${match.matches.source}/`;
            else if ('equals' in match && !sameValue(value, match.equals))
                return `json ${match.path} is ${quote(value)}, expected ${quote(match.equals)}`;
        }
    }
    return undefined;
}
/** Error codes of a connection that could not be made or was cut: the only failures worth another try. */
const CONNECTION_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ETIMEDOUT',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_CLOSED',
]);
function isConnectionError(error) {
    const fields = error;
    const codes = [fields?.code, fields?.cause?.code, ...(fields?.cause?.errors ?? []).map((e) => e.code)];
    return codes.some((code) => code !== undefined && CONNECTION_CODES.has(code));
}
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
/** Sends one attempt of a check: tries again only when no connection could be made. */
async function sendAttempt(check, retries, deps = {}) {
    const { fetch: fetchImpl = fetch, now = () => performance.now(), sleep = realSleep } = deps;
    const headers = { 'user-agent': 'gitops-delivery verify', ...check.headers };
    if (check.target.authorization)
        headers.authorization ??= check.target.authorization;
    for (let tries = 1;; tries++) {
        const started = now();
        try {
            const response = await fetchImpl(check.target.url, {
                method: check.method,
                headers,
                body: check.body,
                redirect: 'manual',
                signal: AbortSignal.timeout(check.timeoutMs),
            });
            const body = await response.text();
            const latencyMs = now() - started;
            let failure = judgeAnswer(check, response.status, body, response.headers.get('location'));
            if (!failure && check.maxLatencyMs !== undefined && latencyMs > check.maxLatencyMs)
                failure = `latency ${(0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMs */ ._V)(latencyMs)} over ${(0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMs */ ._V)(check.maxLatencyMs)}`;
            return { passed: !failure, status: response.status, latencyMs, failure, tries };
        }
        catch (error) {
            if ((0,_http_fetch_js__WEBPACK_IMPORTED_MODULE_4__/* .isTimeout */ .kL)(error))
                return { passed: false, failure: `no answer within ${(0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMs */ ._V)(check.timeoutMs)}`, tries };
            if (!isConnectionError(error))
                return { passed: false, failure: (0,_http_fetch_js__WEBPACK_IMPORTED_MODULE_4__/* .networkProblem */ .Wo)(error), tries };
            if (tries > retries || deps.signal?.aborted)
                return { passed: false, failure: (0,_http_fetch_js__WEBPACK_IMPORTED_MODULE_4__/* .networkProblem */ .Wo)(error), unreachable: true, tries };
            await sleep(250 * 2 ** (tries - 1));
        }
    }
}
/**
 * Runs every check `count` times (or for `durationMs`), a round every
 * `intervalMs`, the checks of a round at once, and judges each check by the
 * share of its attempts that passed.
 */
async function runHttpChecks(settings, deps = {}) {
    const { now = () => performance.now(), sleep = realSleep } = deps;
    const started = now();
    const attempts = settings.checks.map(() => []);
    for (let round = 0;; round++) {
        const due = started + round * settings.intervalMs;
        if (round > 0) {
            if (settings.durationMs !== undefined ? due - started >= settings.durationMs : round >= settings.count)
                break;
            if (deps.signal?.aborted)
                break;
            await sleep(due - now());
        }
        const results = await Promise.all(settings.checks.map((check) => sendAttempt(check, settings.retries, deps)));
        results.forEach((result, i) => attempts[i].push(result));
    }
    const durationMs = now() - started;
    return settings.checks.map((check, i) => judgeCheck(check, attempts[i], settings, durationMs));
}
function judgeCheck(check, attempts, settings, durationMs) {
    const passed = attempts.filter((attempt) => attempt.passed).length;
    const ratio = attempts.length ? passed / attempts.length : 0;
    const ok = attempts.length > 0 && ratio >= settings.passRatio - 1e-9;
    const statuses = (0,_check_js__WEBPACK_IMPORTED_MODULE_5__/* .tally */ .N4)(attempts.map((attempt) => (attempt.status === undefined ? 'no answer' : String(attempt.status))));
    const latencies = attempts
        .map((attempt) => attempt.latencyMs)
        .filter((latency) => latency !== undefined)
        .sort((a, b) => a - b);
    const failures = (0,_check_js__WEBPACK_IMPORTED_MODULE_5__/* .tally */ .N4)(attempts.filter((attempt) => attempt.failure).map((attempt) => attempt.failure));
    const latency = latencies.length
        ? { p50: round((0,_check_js__WEBPACK_IMPORTED_MODULE_5__/* .percentile */ .Ym)(latencies, 50)), p95: round((0,_check_js__WEBPACK_IMPORTED_MODULE_5__/* .percentile */ .Ym)(latencies, 95)), max: round(latencies[latencies.length - 1]) }
        : undefined;
    const shown = [
        attempts.length === 1
            ? ''
            : `${passed}/${attempts.length} passed${settings.passRatio < 1 ? ` (${(0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPercent */ .l9)(ratio)}, needs ${(0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPercent */ .l9)(settings.passRatio)})` : ''}`,
        (0,_check_js__WEBPACK_IMPORTED_MODULE_5__/* .formatTally */ .eQ)(statuses, true),
        latency
            ? latencies.length === 1
                ? (0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMs */ ._V)(latency.max)
                : `p50 ${(0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMs */ ._V)(latency.p50)}, p95 ${(0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMs */ ._V)(latency.p95)}, max ${(0,_thresholds_js__WEBPACK_IMPORTED_MODULE_2__/* .formatMs */ ._V)(latency.max)}`
            : '',
    ].filter(Boolean);
    let reason;
    if (!ok) {
        const unreachable = attempts.length > 0 && attempts.every((attempt) => attempt.unreachable);
        if (unreachable) {
            const tries = settings.retries + 1;
            reason = `input '${INPUT}' check ${check.index}: ${check.target.shown} is unreachable: ${failures[0][0]} (${tries} ${tries === 1 ? 'try' : 'tries'}${attempts.length > 1 ? ' each' : ''})${(0,_urls_js__WEBPACK_IMPORTED_MODULE_3__/* .resolutionHint */ .ur)(check.target.url, failures[0][0])}; expected a URL this runner can reach`;
        }
        else {
            const of = attempts.length > 1;
            reason = failures.map(([failure, count]) => (of ? `${failure} (${count} of ${attempts.length})` : failure)).join('; ');
        }
    }
    return {
        kind: 'http',
        name: check.name,
        verdict: ok ? 'passed' : 'failed',
        figures: {
            url: check.target.shown,
            method: check.method,
            attempts: attempts.length,
            passed,
            passRatio: round(ratio, 4),
            requiredPassRatio: settings.passRatio,
            statuses: Object.fromEntries(statuses),
            ...(latency ? { latencyMs: latency } : {}),
            ...(failures.length ? { failures: Object.fromEntries(failures) } : {}),
        },
        shown: shown.join(' · '),
        reason,
        durationMs: Math.round(durationMs),
    };
}
const round = (value, digits = 1) => Number(value.toFixed(digits));


/***/ })

};
