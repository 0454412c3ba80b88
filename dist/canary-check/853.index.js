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
/* harmony import */ var _classify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1846);
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
        { ...base, name: 'error-rate', query: 'error-rate', direction: 'increase', critical: true, group: 'error-rate', weight: undefined },
        { ...base, name: 'latency', query: 'latency', direction: 'increase', group: 'latency', weight: undefined },
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
// EXTERNAL MODULE: ./.tmp/build/src/canary/metrics.js
var metrics = __webpack_require__(955);
// EXTERNAL MODULE: ./.tmp/build/src/http/fetch.js
var http_fetch = __webpack_require__(4610);
// EXTERNAL MODULE: ./.tmp/build/src/canary/providers/provider.js
var provider = __webpack_require__(2770);
;// CONCATENATED MODULE: ./.tmp/build/src/canary/providers/prometheus.js



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
        const range = { start: (interval.end - lookbackMs) / 1000, end: interval.end / 1000, step: stepMs / 1000 };
        return Promise.all(metrics.map(async (metric) => {
            const [baseline, canary] = await Promise.all([this.side(metric, 'baseline', range), this.side(metric, 'canary', range)]);
            return { metric: metric.name, baseline, canary };
        }));
    }
    async side(metric, side, range) {
        if (!metric.query)
            throw new Error(`metric '${metric.name}' has no query`);
        const query = (0,metrics/* renderQuery */.no)(metric.query, this.options[side]);
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
        return result.series.flatMap((series) => series.points).sort((a, b) => a.time - b.time);
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
    let response;
    let text;
    try {
        response = await fetchImpl(endpoint, {
            method: 'POST',
            headers: {
                'content-type': 'application/x-www-form-urlencoded',
                accept: 'application/json',
                ...(authorization ? { authorization } : {}),
            },
            body,
            signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
    }
    catch (error) {
        if ((0,http_fetch/* isTimeout */.kL)(error)) {
            throw new Error(`prometheus-url ${url} did not answer a query within ${timeoutMs / 1000} s`, { cause: error });
        }
        throw new Error(`cannot reach prometheus-url ${url}: ${(0,http_fetch/* networkProblem */.Wo)(error)}`, { cause: error });
    }
    if (response.status === 401 || response.status === 403) {
        const hint = authorization ? 'check prometheus-token' : 'it wants credentials: set prometheus-token';
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
function excerpt(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (!flat)
        return '(an empty body)';
    return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

;// CONCATENATED MODULE: ./.tmp/build/src/canary/providers/index.js



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

/***/ 2770:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ sleepUntil),
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
async function sleepUntil(clock, time) {
    const wait = time - clock.now();
    if (wait > 0)
        await clock.sleep(wait);
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


/***/ })

};
