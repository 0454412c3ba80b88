export const id = 853;
export const ids = [853];
export const modules = {

/***/ 9213:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I0: () => (/* binding */ smallestRankP),
/* harmony export */   LH: () => (/* binding */ dependentMeanTest),
/* harmony export */   X1: () => (/* binding */ nonOverlappingStepMs),
/* harmony export */   _D: () => (/* binding */ dependentRankTest)
/* harmony export */ });
/* unused harmony exports longestRangeWindowMs, varianceInflation */
/* harmony import */ var _distributions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5461);
/* harmony import */ var _mann_whitney_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(749);


/**
 * Series from `rate(x[w])` evaluated every step s < w are built from
 * overlapping windows: neighbouring points share most of their requests, so
 * 20 points of a 5-minute lookback at 15 s hold about as much evidence as the
 * 5 non-overlapping minutes of `[1m]` windows. A test that counts the 20 as
 * independent sees significance where there is none. The default judge
 * therefore queries at a step no shorter than the query's longest range
 * window (so each point covers its own requests), and guards against what
 * dependence remains — a slow drift of the service itself — by inflating the
 * variance of each side's mean by the series' long-run variance factor.
 */
const DURATION_UNITS = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 604_800_000,
    y: 31_536_000_000,
};
/**
 * The longest range window of a PromQL query, in milliseconds: the `5m` of
 * `rate(x[5m])`, the `1h` of a subquery `[1h:1m]`; 0 when it has none (a gauge,
 * or an instant expression). Durations may be compound (`1m30s`).
 */
function longestRangeWindowMs(query) {
    let longest = 0;
    for (const [, range] of query.matchAll(/\[\s*((?:\d+(?:ms|[smhdwy]))+)\s*(?::[^\]]*)?\]/g)) {
        let ms = 0;
        for (const [, amount, unit] of range.matchAll(/(\d+)(ms|[smhdwy])/g))
            ms += Number(amount) * DURATION_UNITS[unit];
        longest = Math.max(longest, ms);
    }
    return longest;
}
/**
 * The step at which a query's points do not overlap: its longest range
 * window, or the asked step when that is longer; never so short that the span
 * holds more than `maxPoints` points.
 */
function nonOverlappingStepMs(query, stepMs, spanMs, maxPoints = 11_000) {
    return Math.max(stepMs, longestRangeWindowMs(query), Math.ceil(spanMs / maxPoints));
}
/**
 * The factor by which dependence between successive values inflates the
 * variance of their mean: 1 + 2 Σ (1 − j/(L+1)) ρⱼ (the Bartlett
 * kernel of Newey and West, bandwidth L = ⌊4 (n/100)^{2/9}⌋), from the
 * autocorrelations pooled over both sides, each side centred on
 * its own mean, or from an AR(1) fit when that says more. Never below 1: an
 * estimate that says the values are less dependent than independent ones is
 * noise, and the test stays as it is.
 */
function varianceInflation(sides) {
    const sizes = sides.map((side) => side.length);
    const n = Math.min(...sizes);
    if (n < 4)
        return 1;
    const lags = Math.max(1, Math.floor(4 * (n / 100) ** (2 / 9)));
    const autocovariance = new Float64Array(lags + 1);
    for (const side of sides) {
        const mean = side.reduce((sum, r) => sum + r, 0) / side.length;
        for (let j = 0; j <= lags; j++) {
            for (let t = j; t < side.length; t++)
                autocovariance[j] += (side[t] - mean) * (side[t - j] - mean);
        }
    }
    if (autocovariance[0] === 0)
        return 1;
    let kernel = 1;
    for (let j = 1; j <= lags; j++)
        kernel += 2 * (1 - j / (lags + 1)) * (autocovariance[j] / autocovariance[0]);
    // A slow drift makes the autocorrelations decay slowly, beyond what a short
    // kernel sees; an AR(1) fit, its lag-1 estimate corrected for its downward
    // bias in short series (Kendall's (1 + 3ρ)/n), extrapolates that decay.
    const lagOne = autocovariance[1] / autocovariance[0];
    const rho = Math.min(0.9, Math.max(0, lagOne + (1 + 3 * lagOne) / n));
    const autoregressive = (1 + rho) / (1 - rho);
    // A drift under noise: autocorrelations c·φᵏ (an AR(1) seen through white
    // noise), whose decay φ = ρ₂ ÷ ρ₁ the lag-1 fit alone takes for faster.
    let drifting = 1;
    if (n >= 8) {
        const second = Math.max(0, sideAutocorrelation(sides, 2) + 1 / n);
        const first = Math.max(0, lagOne + 1 / n);
        const decay = first > 0 ? Math.min(0.9, second / first) : 0;
        if (decay > 0)
            drifting = 1 + (2 * first) / (1 - decay);
    }
    return Math.min(Math.max(1, kernel, autoregressive, drifting), n);
}
/** The lag-k autocorrelation pooled over the sides, each centred on its own mean. */
function sideAutocorrelation(sides, lag) {
    let covariance = 0;
    let variance = 0;
    for (const side of sides) {
        const mean = side.reduce((sum, v) => sum + v, 0) / side.length;
        for (let t = 0; t < side.length; t++) {
            variance += (side[t] - mean) ** 2;
            if (t >= lag)
                covariance += (side[t] - mean) * (side[t - lag] - mean);
        }
    }
    return variance ? covariance / variance : 0;
}
/**
 * The Wilcoxon–Mann–Whitney rank-sum test of canary against baseline, with
 * the tie-corrected normal approximation and continuity correction (as
 * `wilcox.test(exact = FALSE, correct = TRUE)`), its variance inflated by
 * {@link varianceInflation} of each side's ranks in time order.
 */
function dependentRankTest(baseline, canary) {
    const test = new _mann_whitney_js__WEBPACK_IMPORTED_MODULE_0__/* .RankSumTest */ .m(canary.map((p) => p.value), baseline.map((p) => p.value));
    const nc = canary.length;
    const nb = baseline.length;
    const { rankSumX, tieTerm } = test.ranks(0);
    const centred = rankSumX - (nc * (nc + 1)) / 2 - (nc * nb) / 2;
    const sigma = Math.sqrt(((nc * nb) / 12) * (nc + nb + 1 - tieTerm / ((nc + nb) * (nc + nb - 1))));
    const inflation = varianceInflation([ranksInTimeOrder(baseline, canary), ranksInTimeOrder(canary, baseline)]);
    const scale = sigma * Math.sqrt(inflation);
    const pOf = (z) => (scale > 0 ? (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .normalUpperTail */ .IL)(z) : 0.5);
    return {
        pGreater: pOf((centred - 0.5) / scale),
        pLess: pOf((-centred - 0.5) / scale),
        inflation,
    };
}
/** Midranks of `side`'s values in the pooled sample, in `side`'s time order. */
function ranksInTimeOrder(side, other) {
    const pooled = Float64Array.from([...side, ...other].map((p) => p.value)).sort();
    const rankOf = (value) => {
        let low = 0;
        let high = pooled.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (pooled[middle] < value)
                low = middle + 1;
            else
                high = middle;
        }
        let end = low;
        while (end < pooled.length && pooled[end] === value)
            end++;
        return (low + 1 + end) / 2;
    };
    return [...side].sort((a, b) => a.time - b.time).map((p) => rankOf(p.value));
}
/**
 * The smallest one-sided p-value the rank test can give with these sizes,
 * every canary value beyond every baseline value: what decides, from the
 * sizes alone, whether ranks can show a difference at a level.
 */
function smallestRankP(nc, nb) {
    const sigma = Math.sqrt(((nc * nb) / 12) * (nc + nb + 1));
    return (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .normalUpperTail */ .IL)(((nc * nb) / 2 - 0.5) / sigma);
}
/**
 * Welch's t-test of the canary's mean against the baseline's, each side's
 * variance of its mean inflated by {@link varianceInflation} of the values in
 * time order, and the degrees of freedom taken from the effective sizes
 * n ÷ inflation. With a handful of points a side — what a short lookback of
 * non-overlapping windows gives — a t-test can show a clear shift where a
 * rank test cannot reach the level at all ({@link smallestRankP}).
 */
function dependentMeanTest(baseline, canary) {
    const ordered = (points) => [...points].sort((a, b) => a.time - b.time).map((p) => p.value);
    const b = ordered(baseline);
    const c = ordered(canary);
    const inflation = varianceInflation([b, c]);
    const moments = (values) => {
        const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
        const variance = values.length > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1) : 0;
        return { mean, squaredError: (variance * inflation) / values.length, effective: values.length / inflation };
    };
    const mb = moments(b);
    const mc = moments(c);
    const difference = mc.mean - mb.mean;
    const squaredError = mb.squaredError + mc.squaredError;
    if (!(squaredError > 0)) {
        const p = (up) => (difference === 0 ? 0.5 : difference > 0 === up ? 0 : 1);
        return { pGreater: p(true), pLess: p(false), difference, inflation, degreesOfFreedom: Infinity };
    }
    const part = (m) => (m.effective > 1 ? m.squaredError ** 2 / (m.effective - 1) : 0);
    const denominator = part(mb) + part(mc);
    const degreesOfFreedom = denominator > 0 ? Math.max(1, squaredError ** 2 / denominator) : 1;
    const t = difference / Math.sqrt(squaredError);
    return {
        pGreater: (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .studentUpperTail */ .g_)(t, degreesOfFreedom),
        pLess: (0,_distributions_js__WEBPACK_IMPORTED_MODULE_1__/* .studentUpperTail */ .g_)(-t, degreesOfFreedom),
        difference,
        inflation,
        degreesOfFreedom,
    };
}


/***/ }),

/***/ 5461:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IL: () => (/* binding */ normalUpperTail),
/* harmony export */   Pk: () => (/* binding */ binomialLowerTail),
/* harmony export */   Yw: () => (/* binding */ binomialUpperTail),
/* harmony export */   f4: () => (/* binding */ betaRegularized),
/* harmony export */   g_: () => (/* binding */ studentUpperTail)
/* harmony export */ });
/* unused harmony exports logGamma, gammaP, gammaQ, normalCdf, poissonUpperTail */
/**
 * The distribution functions the judge's tests need, to double precision or
 * near it: log-gamma (Lanczos, g = 7, the coefficients of Numerical Recipes
 * and Boost), the regularized incomplete gamma and beta functions (series and
 * Lentz continued fractions, as in Numerical Recipes §6.2 and §6.4), and from
 * them the normal, Poisson and binomial tails.
 */
const LANCZOS = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
/** ln Γ(x) for x > 0. */
function logGamma(x) {
    if (!(x > 0))
        return NaN;
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    const z = x - 1;
    let sum = LANCZOS[0];
    for (let i = 1; i < LANCZOS.length; i++)
        sum += LANCZOS[i] / (z + i);
    const t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;
/** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
function gammaP(a, x) {
    if (x <= 0)
        return 0;
    if (x < a + 1)
        return gammaSeries(a, x);
    return 1 - gammaContinuedFraction(a, x);
}
/** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), without cancellation in the tail. */
function gammaQ(a, x) {
    if (x <= 0)
        return 1;
    if (x < a + 1)
        return 1 - gammaSeries(a, x);
    return gammaContinuedFraction(a, x);
}
function gammaSeries(a, x) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITERATIONS; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPSILON)
            break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}
function gammaContinuedFraction(a, x) {
    let b = x + 1 - a;
    let c = 1 / TINY;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i < MAX_ITERATIONS; i++) {
        const an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (Math.abs(d) < TINY)
            d = TINY;
        c = b + an / c;
        if (Math.abs(c) < TINY)
            c = TINY;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < EPSILON)
            break;
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}
/** P(Z ≤ z) for a standard normal Z, accurate in both tails (erfc through the incomplete gamma function). */
function normalCdf(z) {
    if (Number.isNaN(z))
        return NaN;
    const half = 0.5 * gammaQ(0.5, (z * z) / 2);
    return z < 0 ? half : 1 - half;
}
/** P(Z ≥ z), without the cancellation of 1 − Φ(z) for large z. */
function normalUpperTail(z) {
    return normalCdf(-z);
}
/** The regularized incomplete beta function I_x(a, b). */
function betaRegularized(x, a, b) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    // The continued fraction converges quickly only below the mean; above it, use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    if (x < (a + 1) / (a + b + 2))
        return (front * betaContinuedFraction(x, a, b)) / a;
    return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}
function betaContinuedFraction(x, a, b) {
    const qab = a + b;
    const qap = a + 1;
    const qam = a - 1;
    let c = 1;
    let d = 1 - (qab * x) / qap;
    if (Math.abs(d) < TINY)
        d = TINY;
    d = 1 / d;
    let h = d;
    for (let m = 1; m < MAX_ITERATIONS; m++) {
        const m2 = 2 * m;
        let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < TINY)
            d = TINY;
        c = 1 + aa / c;
        if (Math.abs(c) < TINY)
            c = TINY;
        d = 1 / d;
        h *= d * c;
        aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < TINY)
            d = TINY;
        c = 1 + aa / c;
        if (Math.abs(c) < TINY)
            c = TINY;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < EPSILON)
            break;
    }
    return h;
}
/** P(X ≥ k) for X ~ Binomial(n, p): R's pbinom(k − 1, n, p, lower.tail = FALSE). */
function binomialUpperTail(k, n, p) {
    if (k <= 0)
        return 1;
    if (k > n)
        return 0;
    if (p <= 0)
        return 0;
    if (p >= 1)
        return 1;
    return betaRegularized(p, k, n - k + 1);
}
/** P(X ≤ k) for X ~ Binomial(n, p): R's pbinom(k, n, p). */
function binomialLowerTail(k, n, p) {
    if (k < 0)
        return 0;
    if (k >= n)
        return 1;
    return binomialUpperTail(n - k, n, 1 - p);
}
/** P(X ≥ k) for X ~ Poisson(mean): R's ppois(k − 1, mean, lower.tail = FALSE). */
function poissonUpperTail(k, mean) {
    if (k <= 0)
        return 1;
    if (mean <= 0)
        return 0;
    return gammaP(k, mean);
}
/** P(T ≥ t) for Student's t with `df` degrees of freedom (any positive real df, as Welch's test needs). */
function studentUpperTail(t, df) {
    if (Number.isNaN(t) || !(df > 0))
        return NaN;
    if (!Number.isFinite(df))
        return normalUpperTail(t);
    const tail = 0.5 * betaRegularized(df / (df + t * t), df / 2, 0.5);
    return t >= 0 ? tail : 1 - tail;
}


/***/ }),

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

/***/ 5087:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BB: () => (/* binding */ compareRates),
/* harmony export */   L: () => (/* binding */ rateRatioInterval),
/* harmony export */   Pe: () => (/* binding */ counterIncrease)
/* harmony export */ });
/* harmony import */ var _distributions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5461);
/* harmony import */ var _root_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8932);


/**
 * The exact conditional test of two Poisson rates, R's
 * `poisson.test(c(canary.events, baseline.events), c(canary.total, baseline.total), r = ratio0)`:
 * given the events of both sides together, the canary's share is
 * Binomial(events, π₀) with π₀ = r·Tc ÷ (r·Tc + Tb) when the rate ratio is r.
 * With errors among requests it is exact when errors are a small share of the
 * requests and conservative otherwise (a binomial count varies less than a
 * Poisson count of the same mean), so it never overstates a difference.
 */
function compareRates(baseline, canary, ratio0 = 1) {
    for (const [side, counts] of [
        ['baseline', baseline],
        ['canary', canary],
    ]) {
        if (!(counts.events >= 0 && counts.total > 0 && Number.isInteger(counts.events))) {
            throw new RangeError(`${side} counts ${counts.events} of ${counts.total} are not events of a positive total`);
        }
    }
    if (!(ratio0 > 0))
        throw new RangeError(`rate ratio ${ratio0} is not positive`);
    const n = canary.events + baseline.events;
    const share = (ratio0 * canary.total) / (ratio0 * canary.total + baseline.total);
    const ratio = canary.events / canary.total / (baseline.events / baseline.total);
    return {
        ratio: n === 0 ? NaN : ratio,
        pGreater: (0,_distributions_js__WEBPACK_IMPORTED_MODULE_0__/* .binomialUpperTail */ .Yw)(canary.events, n, share),
        pLess: (0,_distributions_js__WEBPACK_IMPORTED_MODULE_0__/* .binomialLowerTail */ .Pk)(canary.events, n, share),
    };
}
/**
 * The exact (Clopper–Pearson) confidence interval for the rate ratio, as
 * `poisson.test` gives it: the interval for the canary's binomial share of
 * the events, mapped to a ratio.
 */
function rateRatioInterval(baseline, canary, confidence) {
    const x = canary.events;
    const n = canary.events + baseline.events;
    const alpha = 1 - confidence;
    const exposure = baseline.total / canary.total;
    const toRatio = (p) => (p / (1 - p)) * exposure;
    // Clopper–Pearson: the share p at which P(X ≥ x) = α/2 (lower end) and P(X ≤ x) = α/2 (upper end).
    const lowerShare = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
    const upperShare = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
    return { lower: toRatio(lowerShare), upper: upperShare === 1 ? Infinity : toRatio(upperShare) };
}
function betaQuantile(p, a, b) {
    const f = (x) => (0,_distributions_js__WEBPACK_IMPORTED_MODULE_0__/* .betaRegularized */ .f4)(x, a, b) - p;
    return (0,_root_js__WEBPACK_IMPORTED_MODULE_1__/* .findRoot */ .w)(f, 0, 1, f(0), f(1), 1e-12);
}
/**
 * How much a counter grew over a series of its samples, as Prometheus's
 * `increase` counts it but without extrapolation: the sum of the rises
 * between consecutive samples, a fall being a reset from 0 (a restarted
 * process), so the value after it is all new.
 */
function counterIncrease(values) {
    let increase = 0;
    for (let i = 1; i < values.length; i++) {
        const previous = values[i - 1];
        const value = values[i];
        if (!Number.isFinite(previous) || !Number.isFinite(value))
            continue;
        increase += value >= previous ? value - previous : value;
    }
    return increase;
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
