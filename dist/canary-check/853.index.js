export const id = 853;
export const ids = [853];
export const modules = {

/***/ 4739:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkHttpMetrics: () => (/* binding */ checkHttpMetrics),
/* harmony export */   defaultHttpMetrics: () => (/* binding */ defaultHttpMetrics),
/* harmony export */   e: () => (/* binding */ HttpProvider)
/* harmony export */ });
/* unused harmony exports HTTP_MEASURES, ERROR_RATE_BATCHES, httpMeasure, joinUrl */
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5313);
/* harmony import */ var _classify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2350);
/* harmony import */ var _http_fetch_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4610);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2770);




/** What the HTTP provider can measure: a metric's `query` names one (or, without a query, its name does). */
const HTTP_MEASURES = ['error-rate', 'latency'];
/** The error ratio's points: each side's requests of one interval are cut into this many batches. */
const ERROR_RATE_BATCHES = 20;
function httpMeasure(metric) {
    const measure = metric.query ?? metric.name;
    if (!HTTP_MEASURES.includes(measure)) {
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('metrics', `metric '${metric.name}' measures '${measure}', which the http provider cannot`, `a 'query' (or, without one, a name) among ${HTTP_MEASURES.join(', ')}`);
    }
    return measure;
}
/** Refuses metrics the provider cannot measure, before any request is sent. */
function checkHttpMetrics(metrics) {
    for (const metric of metrics)
        httpMeasure(metric);
    return metrics;
}
/**
 * The http provider's metrics when the `metrics` input is empty: the error
 * ratio, critical as in the Prometheus defaults, and the latency in
 * milliseconds; both judge only increases.
 */
function defaultHttpMetrics() {
    const base = (0,_classify_js__WEBPACK_IMPORTED_MODULE_2__/* .defaultClassifierSettings */ .aL)();
    return [
        {
            ...base,
            name: 'error-rate',
            query: 'error-rate',
            direction: 'increase',
            critical: true,
            group: 'error-rate',
            weight: undefined,
            unit: 'ratio',
        },
        { ...base, name: 'latency', query: 'latency', direction: 'increase', group: 'latency', weight: undefined, unit: 'ms' },
    ];
}
/**
 * Observes a canary without a metrics system: sends the same requests to
 * `canaryUrl` and `baselineUrl`, interleaved and spread evenly over the
 * interval (all at once when it is 0), and measures each side's answers.
 * A request errs when it gets a 5xx or no answer in time. `error-rate` gives
 * the error ratio of consecutive batches of each side's requests
 * ({@link ERROR_RATE_BATCHES} a side), since one request's 0 or 1 says little;
 * `latency` gives each answered, non-erring request's time to its whole body,
 * in milliseconds.
 */
class HttpProvider {
    options;
    constructor(options) {
        this.options = options;
    }
    async observe(metrics, interval) {
        const outcomes = await this.probe(interval);
        const bySide = (side) => outcomes.filter((outcome) => outcome.side === side);
        const baseline = bySide('baseline');
        const canary = bySide('canary');
        if (!baseline.some((outcome) => outcome.status !== undefined)) {
            const first = baseline[0];
            throw new Error(`no request to baseline-url ${this.options.baselineUrl} was answered: ${first ? `${first.path}: ${first.error}` : 'none was sent'}`);
        }
        this.options.logger?.info(`requests: ${describeSide('canary', canary)}; ${describeSide('baseline', baseline)}`);
        return metrics.map((metric) => {
            const measure = httpMeasure(metric) === 'latency' ? latencies : errorRatios;
            return { metric: metric.name, baseline: measure(baseline), canary: measure(canary) };
        });
    }
    async probe(interval) {
        const { paths, requests, concurrency, clock = _provider_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .m } = this.options;
        // Pairs alternate which side goes first, so that neither is always the one to meet a busier moment.
        const plan = Array.from({ length: 2 * requests }, (_, i) => {
            const pair = Math.floor(i / 2);
            const canaryFirst = pair % 2 === 0;
            const side = (i % 2 === 0) === canaryFirst ? 'canary' : 'baseline';
            return { side, path: paths[pair % paths.length] };
        });
        const begin = Math.max(clock.now(), interval.start);
        const spacing = Math.max(0, interval.end - begin) / plan.length;
        const outcomes = new Array(plan.length);
        let next = 0;
        const worker = async () => {
            while (next < plan.length) {
                const index = next++;
                await (0,_provider_js__WEBPACK_IMPORTED_MODULE_1__/* .sleepUntil */ .K)(clock, begin + index * spacing);
                outcomes[index] = await this.send(plan[index].side, plan[index].path);
            }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, worker));
        await (0,_provider_js__WEBPACK_IMPORTED_MODULE_1__/* .sleepUntil */ .K)(clock, interval.end);
        return outcomes;
    }
    async send(side, path) {
        const { fetch: fetchImpl = fetch, timeoutMs, clock = _provider_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .m } = this.options;
        const url = joinUrl(side === 'canary' ? this.options.canaryUrl : this.options.baselineUrl, path);
        const time = clock.now() / 1000;
        const started = performance.now();
        try {
            const response = await fetchImpl(url, {
                signal: AbortSignal.timeout(timeoutMs),
                headers: { 'user-agent': 'gitops-delivery canary-check' },
            });
            await response.arrayBuffer();
            return { side, path, time, status: response.status, latencyMs: performance.now() - started };
        }
        catch (error) {
            const problem = (0,_http_fetch_js__WEBPACK_IMPORTED_MODULE_3__/* .isTimeout */ .kL)(error) ? `no answer within ${timeoutMs} ms` : (0,_http_fetch_js__WEBPACK_IMPORTED_MODULE_3__/* .networkProblem */ .Wo)(error);
            return { side, path, time, error: problem };
        }
    }
}
function erred(outcome) {
    return outcome.status === undefined || outcome.status >= 500;
}
function errorRatios(outcomes) {
    const size = Math.max(1, Math.floor(outcomes.length / ERROR_RATE_BATCHES));
    const points = [];
    for (let at = 0; at < outcomes.length; at += size) {
        const batch = outcomes.slice(at, at + size);
        points.push({ time: batch[batch.length - 1].time, value: batch.filter(erred).length / batch.length });
    }
    return points;
}
function latencies(outcomes) {
    return outcomes.filter((outcome) => !erred(outcome)).map((outcome) => ({ time: outcome.time, value: outcome.latencyMs }));
}
function describeSide(side, outcomes) {
    const errors = outcomes.filter(erred);
    const first = errors[0];
    const example = first ? ` (first: ${first.status ?? first.error} on ${first.path})` : '';
    return `${side} ${outcomes.length}, ${errors.length} erred${example}`;
}
/** The base URL's path, then the request path: `http://h/app` + `/health` is `http://h/app/health`. */
function joinUrl(base, path) {
    return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}


/***/ }),

/***/ 7853:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createProvider: () => (/* binding */ createProvider)
});

// EXTERNAL MODULE: ./.tmp/build/src/canary/providers/http.js
var http = __webpack_require__(4739);
// EXTERNAL MODULE: ./.tmp/build/src/http/google-auth.js
var google_auth = __webpack_require__(8282);
// EXTERNAL MODULE: ./.tmp/build/src/canary/dependence.js
var dependence = __webpack_require__(9213);
// EXTERNAL MODULE: ./.tmp/build/src/canary/metrics.js
var metrics = __webpack_require__(955);
// EXTERNAL MODULE: ./.tmp/build/src/canary/rate-test.js
var rate_test = __webpack_require__(5087);
// EXTERNAL MODULE: ./.tmp/build/src/http/fetch.js
var http_fetch = __webpack_require__(4610);
// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var retry = __webpack_require__(7572);
// EXTERNAL MODULE: ./.tmp/build/src/canary/providers/provider.js
var provider = __webpack_require__(2770);
;// CONCATENATED MODULE: ./.tmp/build/src/canary/providers/prometheus.js






/**
 * A query that meets a transient answer (a 503 while Prometheus restarts, a
 * 502 from the proxy before it, a reset) is tried again within about 20 s;
 * longer, and the outage is reported as one.
 */
const PROMETHEUS_RETRY = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000, budgetMs: 20_000 };
const DEFAULT_TIMEOUT_MS = 30_000;
/** Prometheus answered, and refused the query itself (bad PromQL, a failed evaluation). */
class PrometheusQueryError extends Error {
    status;
    errorType;
    detail;
    constructor(status, errorType, detail) {
        super(`Prometheus rejected the query (${status} ${errorType}): ${detail}`);
        this.status = status;
        this.errorType = errorType;
        this.detail = detail;
        this.name = 'PrometheusQueryError';
    }
}
/**
 * Observes metrics in Prometheus: each metric's query is written once and run
 * for each side with that side's placeholders filled in, over the `lookback`
 * that ends with the interval. Every point of every series a query returns is
 * one observation: a query that keeps one series per pod pools its pods' values
 * rather than adding them up (a sum of latencies or ratios would mean nothing),
 * so aggregate in the query (`sum`, `avg`, `histogram_quantile`) when one value
 * per step is meant. NaN and infinite values are kept for the metric's
 * `nan-strategy` to handle.
 */
class PrometheusProvider {
    options;
    expectedPoints;
    constructor(options) {
        this.options = options;
        this.expectedPoints = Math.floor(options.lookbackMs / options.stepMs) + 1;
    }
    async observe(metrics, interval) {
        const { clock = provider/* systemClock */.m, lookbackMs, stepMs } = this.options;
        await (0,provider/* sleepUntil */.K)(clock, interval.end);
        const from = interval.from ?? interval.end - lookbackMs;
        return Promise.all(metrics.map(async (metric) => {
            const step = metric.query && interval.nonOverlapping ? (0,dependence/* nonOverlappingStepMs */.X1)(metric.query, stepMs, interval.end - from) : stepMs;
            // Data after `from` only: a continuing analysis starts one step after the previous one ended.
            const start = interval.from === undefined ? from : Math.min(from + step, interval.end);
            const range = { start: start / 1000, end: interval.end / 1000, step: step / 1000 };
            const series = async (side) => (metric.query ? this.side(metric, side, metric.query, range) : []);
            // Counters are read from the sample at `from` on, so that successive analyses' increases join up.
            const countRange = { start: from / 1000, end: interval.end / 1000, step: stepMs / 1000 };
            const counted = metric.counts && interval.counts ? metric.counts : undefined;
            const counts = async (side) => {
                if (!counted)
                    return undefined;
                const [errors, total] = await Promise.all([
                    this.increase(metric, side, counted.errors, countRange),
                    this.increase(metric, side, counted.total, countRange),
                ]);
                return { events: errors, total };
            };
            const [baseline, canary, baselineCounts, canaryCounts] = await Promise.all([
                series('baseline'),
                series('canary'),
                counts('baseline'),
                counts('canary'),
            ]);
            return {
                metric: metric.name,
                baseline,
                canary,
                ...(baselineCounts && canaryCounts ? { counts: { baseline: baselineCounts, canary: canaryCounts } } : {}),
                ...(metric.query && interval.from !== undefined ? { expectedPoints: Math.floor((interval.end - start) / step) + 1 } : {}),
            };
        }));
    }
    /** How much a counter selector's series grew over the range, summed over its series (each pod's resets counted apart). */
    async increase(metric, side, selector, range) {
        const result = await this.query(metric, side, selector, range);
        return result.series.reduce((sum, series) => sum + (0,rate_test/* counterIncrease */.Pe)(series.points.map((point) => point.value)), 0);
    }
    async side(metric, side, template, range) {
        const result = await this.query(metric, side, template, range);
        return result.series.flatMap((series) => series.points).sort((a, b) => a.time - b.time);
    }
    async query(metric, side, template, range) {
        const query = (0,metrics/* renderQuery */.no)(template, this.options[side]);
        let result;
        try {
            result = await queryRange(this.options, query, range);
        }
        catch (error) {
            if (error instanceof PrometheusQueryError) {
                throw new Error(`metric '${metric.name}' (${side}): ${error.message}; the query was: ${query}`, { cause: error });
            }
            throw error;
        }
        for (const warning of result.warnings)
            this.options.logger?.warning(`metric '${metric.name}' (${side}): Prometheus warns: ${warning}`);
        return result;
    }
}
/**
 * One call of `/api/v1/query_range`, POSTed as a form so that long queries
 * fit. Errors say what to change: the URL when nothing answers there, the
 * token when it is refused, the query when Prometheus rejects it.
 */
async function queryRange(connection, query, range) {
    const { url, authorization, fetch: fetchImpl = fetch, timeoutMs = DEFAULT_TIMEOUT_MS } = connection;
    const endpoint = `${url.replace(/\/+$/, '')}/api/v1/query_range`;
    const body = new URLSearchParams({ query, start: String(range.start), end: String(range.end), step: String(range.step) });
    const authorized = connection.authorize ? await credentials(connection.authorize) : authorization ? { authorization } : {};
    const settled = await (0,retry/* withRetry */.bD)(async () => {
        const headers = new Headers(authorized);
        headers.set('content-type', 'application/x-www-form-urlencoded');
        headers.set('accept', 'application/json');
        const response = await fetchImpl(endpoint, {
            method: 'POST',
            headers,
            body,
            signal: AbortSignal.timeout(timeoutMs),
        });
        return { response, text: await response.text() };
    }, connection.retryPolicy ?? PROMETHEUS_RETRY, {
        ...connection.retry,
        judge: ({ response }) => (0,retry/* transientResponse */.o2)(response, connection.retry?.now),
        judgeError: transientError,
        onRetry: ({ attempt, of, delayMs, reason }) => connection.logger?.warning(`Prometheus at ${url}: ${reason}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`),
    });
    if (!settled.ok) {
        const { error, tries } = settled;
        if ((0,http_fetch/* isTimeout */.kL)(error)) {
            throw new Error(`prometheus-url ${url} did not answer a query within ${timeoutMs / 1000} s`, { cause: error });
        }
        const repeated = tries.transient ? ` (${(0,retry/* describeTries */.BI)(tries)})` : '';
        throw new Error(`cannot reach prometheus-url ${url}: ${(0,http_fetch/* networkProblem */.Wo)(error)}${repeated}`, { cause: error });
    }
    const { response, text } = settled.value;
    if (settled.tries.transient) {
        // Answered, but only ever with "not now": an outage of Prometheus (or of what stands before it), not a wrong URL.
        throw new Error(`Prometheus at ${url} is unavailable (${settled.tries.transient.reason} ${(0,retry/* describeTries */.BI)(settled.tries)}${(0,retry/* describeStop */.Cw)(settled.tries)}): its metrics are needed to judge the canary`);
    }
    if (response.status === 401 || response.status === 403) {
        const hint = connection.credentialsHint ?? (authorization ? 'check prometheus-token' : 'it wants credentials: set prometheus-token');
        throw new Error(`prometheus-url ${url} refused the query with ${response.status} ${response.statusText}: ${hint}`);
    }
    let document;
    try {
        document = JSON.parse(text);
    }
    catch {
        document = undefined;
    }
    if (document?.status === 'error') {
        throw new PrometheusQueryError(response.status, document.errorType ?? 'error', document.error ?? '(no error text)');
    }
    if (!response.ok || document?.status !== 'success' || document.data?.resultType !== 'matrix' || !Array.isArray(document.data.result)) {
        const what = response.ok ? 'something other than a range query result' : `${response.status} ${response.statusText}`;
        throw new Error(`prometheus-url ${url} answered ${endpoint} with ${what}: ${excerpt(text)}; is it a Prometheus API?`);
    }
    return {
        series: document.data.result.map((series) => ({
            labels: series.metric ?? {},
            points: (series.values ?? []).map(([time, value]) => ({ time: Number(time), value: sampleValue(value) })),
        })),
        warnings: document.warnings ?? [],
    };
}
/** Sample values come as strings, with Go's spelling of the special values. */
function sampleValue(text) {
    if (text === '+Inf' || text === 'Inf')
        return Infinity;
    if (text === '-Inf')
        return -Infinity;
    return Number(text);
}
/** The runner's Google credentials, or an error that says how to provide them (asked before the query, and not retried). */
async function credentials(authorize) {
    try {
        return await authorize();
    }
    catch (error) {
        throw new Error(`no Google credentials to query Cloud Monitoring: ${error instanceof Error ? error.message : String(error)}; run google-github-actions/auth before this step (workload identity federation) or set prometheus-token to an access token`, { cause: error });
    }
}
/** A connection reset, refused or timed out: worth another try, within the budget. */
function transientError(error) {
    if (!(0,retry/* isTransientError */.bV)(error))
        return undefined;
    return { reason: (0,http_fetch/* isTimeout */.kL)(error) ? 'no answer in time' : (0,http_fetch/* networkProblem */.Wo)(error) };
}
function excerpt(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (!flat)
        return '(an empty body)';
    return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

;// CONCATENATED MODULE: ./.tmp/build/src/canary/providers/index.js




const MONITORING_READ_SCOPE = 'https://www.googleapis.com/auth/monitoring.read';
/** Cloud Monitoring is queried with the runner's Google credentials unless a token was given. */
function cloudMonitoringCredentials(inputs) {
    const project = /\/projects\/([^/]+)\//.exec(inputs.prometheusUrl)?.[1];
    const where = project ? ` on project ${project}` : '';
    return {
        ...(inputs.googleCredentials ? { authorize: lazyGoogleAuthorization(MONITORING_READ_SCOPE, project) } : {}),
        credentialsHint: inputs.googleCredentials
            ? `the runner's Google credentials need the role roles/monitoring.viewer${where}`
            : `check prometheus-token: an access token with the role roles/monitoring.viewer${where}`,
    };
}
/** Made on the first query, so that reading inputs never loads google-auth-library. */
function lazyGoogleAuthorization(scope, project) {
    let made;
    return async () => (await (made ??= (0,google_auth/* googleAuthorization */.t)(scope, project)))();
}
/** The provider the inputs ask for. */
function createProvider(inputs, { fetch, clock = provider/* systemClock */.m, logger } = {}) {
    if (inputs.provider === 'http') {
        const { canaryUrl, baselineUrl, paths, requests, concurrency, requestTimeoutMs: timeoutMs } = inputs;
        return new http/* HttpProvider */.e({ canaryUrl, baselineUrl, paths, requests, concurrency, timeoutMs, fetch, clock, logger });
    }
    const side = (track) => ({ track, name: inputs.name, namespace: inputs.namespace });
    return new PrometheusProvider({
        url: inputs.prometheusUrl,
        authorization: inputs.prometheusAuthorization,
        ...(inputs.provider === 'google-cloud-monitoring' ? cloudMonitoringCredentials(inputs) : {}),
        lookbackMs: inputs.lookbackMs,
        stepMs: inputs.stepMs,
        canary: side(inputs.canaryTrack),
        baseline: side(inputs.baselineTrack),
        fetch,
        clock,
        logger,
    });
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

/***/ 8282:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ googleAuthorization)
/* harmony export */ });
/**
 * The runner's Google credentials, found the usual way by google-auth-library:
 * GOOGLE_APPLICATION_CREDENTIALS (which google-github-actions/auth sets, for
 * workload identity federation or a key), else the metadata server. The
 * project, when given, spares the library its search for one (environment,
 * gcloud, the metadata server, Cloud Resource Manager).
 */
async function googleAuthorization(scope, projectId) {
    const { GoogleAuth } = await __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 19));
    const auth = new GoogleAuth({ scopes: [scope], projectId });
    return () => auth.getRequestHeaders();
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


/***/ })

};
