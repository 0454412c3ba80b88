export const id = 739;
export const ids = [739];
export const modules = {

/***/ 2350:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FH: () => (/* binding */ DEFAULT_CONFIDENCE),
/* harmony export */   MN: () => (/* binding */ compareMetric),
/* harmony export */   aL: () => (/* binding */ defaultClassifierSettings)
/* harmony export */ });
/* unused harmony exports DEFAULT_TOLERANCE, neutralEffect */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5251);
/* harmony import */ var _mann_whitney_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(749);
/* harmony import */ var _statistics_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7343);



/** Kayenta's judge fixes these: a 98% interval that must clear 25% of the estimate. */
const DEFAULT_CONFIDENCE = 0.98;
const DEFAULT_TOLERANCE = 0.25;
/** "No change" in each measure: a mean ratio of 1, or even odds. */
function neutralEffect(measure) {
    return measure === 'cles' ? 0.5 : 1;
}
function defaultClassifierSettings(effectSize = 'mean-ratio') {
    const neutral = neutralEffect(effectSize);
    return {
        direction: 'either',
        nanStrategy: 'remove',
        critical: false,
        mustHaveData: false,
        tolerance: DEFAULT_TOLERANCE,
        effectSize,
        allowedIncrease: neutral,
        allowedDecrease: neutral,
        criticalIncrease: neutral,
        criticalDecrease: neutral,
    };
}
/**
 * Classifies a metric as Kayenta's MannWhitneyClassifier does: High when the
 * canary's shift over the baseline is significant and clears the tolerance,
 * the direction counts increases as bad and the effect size reaches
 * `allowedIncrease`; Low the same way downwards; otherwise Pass.
 */
function compareMetric(baselineValues, canaryValues, settings, options) {
    const baselineData = handleMissing(baselineValues, settings.nanStrategy);
    const canaryData = handleMissing(canaryValues, settings.nanStrategy);
    const baseline = baselineData.values;
    const canary = canaryData.values;
    const common = {
        baseline: (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .summarise */ .fS)(baseline),
        canary: (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .summarise */ .fS)(canary),
        missing: { baseline: baselineData.missing, canary: canaryData.missing },
        ratio: baseline.length && canary.length ? (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .finiteOrNull */ .E)((0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .meanRatio */ .ZV)(baseline, canary)) : null,
    };
    const verdict = (classification, reason, rest = {}) => ({
        classification,
        criticalFailure: false,
        reason,
        ...common,
        interval: null,
        estimate: null,
        effectSize: null,
        ...rest,
    });
    const shortage = describeShortage(baseline.length, canary.length, options.minimumPoints ?? 1);
    if (shortage) {
        // Kayenta's reading of "replace": missing values are zeros, so a metric
        // with nothing to compare has nothing wrong with it.
        if (settings.nanStrategy === 'replace')
            return verdict('Pass', `${shortage}; passes under nan-strategy 'replace'`);
        if (settings.mustHaveData && !settings.critical)
            return verdict('NodataFailMetric', shortage);
        return verdict('Nodata', shortage, { criticalFailure: settings.critical });
    }
    if (sameValues(baseline, canary))
        return verdict('Pass', 'canary and baseline data are identical');
    if (new Set([...baseline, ...canary]).size === 1)
        return verdict('Pass', 'every value on both sides is the same');
    const shift = (0,_mann_whitney_js__WEBPACK_IMPORTED_MODULE_2__/* .mannWhitney */ .P)(canary, baseline, { confidence: options.confidence });
    const effectSize = settings.effectSize === 'cles' ? (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .commonLanguageEffectSize */ ._l)(baseline, canary) : (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .meanRatio */ .ZV)(baseline, canary);
    const margin = settings.tolerance * Math.abs(shift.estimate);
    // An effect size that cannot be computed (a mean of 0) does not stop a failure.
    const reaches = (threshold, above) => Number.isNaN(effectSize) || (above ? effectSize >= threshold : effectSize <= threshold);
    const increased = shift.lower > margin;
    const decreased = shift.upper < -margin;
    const increaseIsBad = settings.direction !== 'decrease';
    const decreaseIsBad = settings.direction !== 'increase';
    const high = increaseIsBad && increased && reaches(settings.allowedIncrease, true);
    const low = decreaseIsBad && decreased && reaches(settings.allowedDecrease, false);
    const criticalFailure = settings.critical && ((high && reaches(settings.criticalIncrease, true)) || (low && reaches(settings.criticalDecrease, false)));
    const percent = `${Number((options.confidence * 100).toPrecision(4))}%`;
    const measured = `${settings.effectSize === 'cles' ? 'CLES' : 'mean ratio'} ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatNumber */ .Z)(effectSize)}`;
    const evidence = `shift ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatNumber */ .Z)(shift.estimate)}, ${percent} interval ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatNumber */ .Z)(shift.lower)} to ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatNumber */ .Z)(shift.upper)}, beyond the tolerance ±${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatNumber */ .Z)(margin)}; ${measured}`;
    const detail = {
        interval: { lower: shift.lower, upper: shift.upper, confidence: options.confidence },
        estimate: shift.estimate,
        effectSize: (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .finiteOrNull */ .E)(effectSize),
        criticalFailure,
    };
    if (high || low) {
        const threshold = high ? `critical-increase ${settings.criticalIncrease}` : `critical-decrease ${settings.criticalDecrease}`;
        const why = `canary ${high ? 'higher' : 'lower'} than baseline: ${evidence}${criticalFailure ? `; critical (${threshold} reached)` : ''}`;
        return verdict(high ? 'High' : 'Low', why, detail);
    }
    if (increased || decreased) {
        const way = increased ? 'higher' : 'lower';
        const excuse = (increased ? increaseIsBad : decreaseIsBad)
            ? `within allowed-${increased ? 'increase' : 'decrease'} ${increased ? settings.allowedIncrease : settings.allowedDecrease}`
            : `direction '${settings.direction}' lets it pass`;
        return verdict('Pass', `canary ${way} than baseline (${evidence}), ${excuse}`, detail);
    }
    return verdict('Pass', null, detail);
}
function handleMissing(values, strategy) {
    const kept = [];
    let missing = 0;
    for (const value of values) {
        if (Number.isFinite(value))
            kept.push(value);
        else {
            missing++;
            if (strategy === 'replace')
                kept.push(0);
        }
    }
    return { values: kept, missing };
}
function describeShortage(baselineCount, canaryCount, minimum) {
    const short = (side, count) => count === 0 ? `no ${side} data` : count < minimum ? `${side} had ${count} points, at least ${minimum} needed` : null;
    const problems = [short('baseline', baselineCount), short('canary', canaryCount)].filter(Boolean);
    return problems.length ? problems.join('; ') : null;
}
function sameValues(a, b) {
    if (a.length !== b.length)
        return false;
    const sortedA = Float64Array.from(a).sort();
    const sortedB = Float64Array.from(b).sort();
    return sortedA.every((value, i) => value === sortedB[i]);
}


/***/ }),

/***/ 749:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ mannWhitney),
/* harmony export */   m: () => (/* binding */ RankSumTest)
/* harmony export */ });
/* harmony import */ var _normal_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2499);
/* harmony import */ var _root_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8932);


/**
 * The two-sample Wilcoxon rank-sum (Mann–Whitney U) test's confidence interval
 * and estimate for the shift `x − y`, computed as R's
 * `wilcox.test(x, y, conf.int = TRUE, exact = FALSE, correct = TRUE)` does:
 * the normal approximation with the tie-corrected variance, continuity
 * correction on the interval's bounds and none on the estimate, and each of
 * the three found as the root of the standardised statistic as a function of
 * the shift.
 *
 * Both samples must be non-empty and finite. When each sample is a single
 * repeated value the shift is known exactly and returned as is (R refuses
 * such data, and Kayenta adds random noise to get around it).
 */
function mannWhitney(x, y, options) {
    const { confidence, rootTolerance = 1e-4 } = options;
    if (!(confidence > 0 && confidence < 1))
        throw new RangeError(`confidence ${confidence} is not between 0 and 1`);
    if (x.length === 0 || y.length === 0)
        throw new RangeError('both samples need at least one value');
    const test = new RankSumTest(x, y);
    const { xs, ys } = test;
    const lowest = xs[0] - ys[ys.length - 1];
    const highest = xs[xs.length - 1] - ys[0];
    if (xs[0] === xs[xs.length - 1] && ys[0] === ys[ys.length - 1]) {
        const shift = xs[0] - ys[0];
        return { lower: shift, upper: shift, estimate: shift };
    }
    const corrected = (shift) => test.standardised(shift, true);
    const atLowest = corrected(lowest);
    const atHighest = corrected(highest);
    // The statistic falls as the shift grows, so the bound where it equals the
    // upper quantile is the interval's lower end.
    const bound = (quantile) => {
        const fLower = atLowest - quantile;
        if (fLower <= 0)
            return lowest;
        const fUpper = atHighest - quantile;
        if (fUpper >= 0)
            return highest;
        return (0,_root_js__WEBPACK_IMPORTED_MODULE_0__/* .findRoot */ .w)((shift) => corrected(shift) - quantile, lowest, highest, fLower, fUpper, rootTolerance);
    };
    const alpha = 1 - confidence;
    const lower = bound(-(0,_normal_js__WEBPACK_IMPORTED_MODULE_1__/* .normalQuantile */ .Z)(alpha / 2));
    const upper = bound((0,_normal_js__WEBPACK_IMPORTED_MODULE_1__/* .normalQuantile */ .Z)(alpha / 2));
    const uncorrected = (shift) => test.standardised(shift, false);
    const estimate = (0,_root_js__WEBPACK_IMPORTED_MODULE_0__/* .findRoot */ .w)(uncorrected, lowest, highest, uncorrected(lowest), uncorrected(highest), rootTolerance);
    return { lower, upper, estimate };
}
/**
 * The rank-sum statistic of `x − shift` against `y`. Both samples are sorted
 * once; subtracting a constant keeps `x` sorted, so each evaluation is a
 * linear merge rather than a sort.
 */
class RankSumTest {
    xs;
    ys;
    constructor(x, y) {
        this.xs = Float64Array.from(x).sort();
        this.ys = Float64Array.from(y).sort();
    }
    /** Sum of the ranks of `x − shift` in the pooled sample (ties get their average rank), and Σ(t³ − t) over tie groups. */
    ranks(shift) {
        const { xs, ys } = this;
        let i = 0;
        let j = 0;
        let ranked = 0;
        let rankSumX = 0;
        let tieTerm = 0;
        while (i < xs.length || j < ys.length) {
            const value = j >= ys.length || (i < xs.length && xs[i] - shift <= ys[j]) ? xs[i] - shift : ys[j];
            let fromX = 0;
            while (i < xs.length && xs[i] - shift === value) {
                fromX++;
                i++;
            }
            let fromY = 0;
            while (j < ys.length && ys[j] === value) {
                fromY++;
                j++;
            }
            const tied = fromX + fromY;
            rankSumX += fromX * (ranked + (tied + 1) / 2);
            tieTerm += tied * tied * tied - tied;
            ranked += tied;
        }
        return { rankSumX, tieTerm };
    }
    /** The normal approximation's z for H0 "the shift is `shift`", with or without continuity correction. */
    standardised(shift, continuityCorrection) {
        const nx = this.xs.length;
        const ny = this.ys.length;
        const { rankSumX, tieTerm } = this.ranks(shift);
        const centred = rankSumX - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
        const correction = continuityCorrection ? Math.sign(centred) * 0.5 : 0;
        const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieTerm / ((nx + ny) * (nx + ny - 1))));
        return (centred - correction) / sigma;
    }
}


/***/ }),

/***/ 2499:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ normalQuantile)
/* harmony export */ });
/**
 * Quantiles of the standard normal distribution, by Wichura's algorithm AS 241
 * (Applied Statistics 37:477–484, 1988), the one R's qnorm uses: accurate to
 * about 16 significant digits.
 */
const CENTRAL_NUMERATOR = [
    3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
    33430.575583588128105, 2509.0809287301226727,
];
const CENTRAL_DENOMINATOR = [
    1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
    5226.495278852854561,
];
const NEAR_NUMERATOR = [
    1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
    0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const NEAR_DENOMINATOR = [
    1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966,
    5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const FAR_NUMERATOR = [
    6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
    0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const FAR_DENOMINATOR = [
    1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5,
    1.4215117583164458887e-7, 2.04426310338993978564e-15,
];
/** Coefficients from the constant term up, evaluated by Horner's rule. */
function polynomial(coefficients, x) {
    let value = 0;
    for (let i = coefficients.length - 1; i >= 0; i--)
        value = value * x + coefficients[i];
    return value;
}
/** The z with P(Z ≤ z) = p for a standard normal Z. */
function normalQuantile(p) {
    if (Number.isNaN(p) || p < 0 || p > 1)
        return NaN;
    if (p === 0)
        return -Infinity;
    if (p === 1)
        return Infinity;
    const q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
        const r = 0.180625 - q * q;
        return (q * polynomial(CENTRAL_NUMERATOR, r)) / polynomial(CENTRAL_DENOMINATOR, r);
    }
    let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
    let value;
    if (r <= 5) {
        r -= 1.6;
        value = polynomial(NEAR_NUMERATOR, r) / polynomial(NEAR_DENOMINATOR, r);
    }
    else {
        r -= 5;
        value = polynomial(FAR_NUMERATOR, r) / polynomial(FAR_DENOMINATOR, r);
    }
    return q < 0 ? -value : value;
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

/***/ 8932:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ findRoot)
/* harmony export */ });
/**
 * Brent's root finder (Brent 1973, "Algorithms for Minimization without
 * Derivatives", ch. 4), step for step as R's uniroot runs it, because the
 * Mann–Whitney interval is the root of a step function: where in a flat
 * stretch or beside a jump the search stops depends on the exact sequence of
 * steps, and matching R's results means taking R's steps.
 *
 * `f(lower)` and `f(upper)` must not have the same sign; callers pass them in
 * because they have already computed them.
 */
function findRoot(f, lower, upper, fLower, fUpper, tolerance, maxIterations = 1000) {
    if (fLower === 0)
        return lower;
    if (fUpper === 0)
        return upper;
    // b is the best estimate so far, a the previous one, c the point that keeps
    // the root bracketed between b and c.
    let a = lower;
    let fa = fLower;
    let b = upper;
    let fb = fUpper;
    let c = a;
    let fc = fa;
    for (let iteration = 0; iteration <= maxIterations; iteration++) {
        const previousStep = b - a;
        if (Math.abs(fc) < Math.abs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        const stepTolerance = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
        let step = (c - b) / 2;
        if (Math.abs(step) <= stepTolerance || fb === 0)
            return b;
        // Interpolate when the last step was large enough and went the right way;
        // otherwise the bisection step above stands.
        if (Math.abs(previousStep) >= stepTolerance && Math.abs(fa) > Math.abs(fb)) {
            const cb = c - b;
            let p;
            let q;
            if (a === c) {
                const t1 = fb / fa;
                p = cb * t1;
                q = 1 - t1;
            }
            else {
                const qa = fa / fc;
                const t1 = fb / fc;
                const t2 = fb / fa;
                p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
                q = (qa - 1) * (t1 - 1) * (t2 - 1);
            }
            if (p > 0)
                q = -q;
            else
                p = -p;
            if (p < 0.75 * cb * q - Math.abs(stepTolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) {
                step = p / q;
            }
        }
        if (Math.abs(step) < stepTolerance)
            step = step > 0 ? stepTolerance : -stepTolerance;
        a = b;
        fa = fb;
        b += step;
        fb = f(b);
        if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
            c = a;
            fc = fa;
        }
    }
    return b;
}


/***/ }),

/***/ 7343:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZV: () => (/* binding */ meanRatio),
/* harmony export */   _l: () => (/* binding */ commonLanguageEffectSize),
/* harmony export */   fS: () => (/* binding */ summarise)
/* harmony export */ });
/* unused harmony export mean */
/* harmony import */ var _mann_whitney_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(749);

function summarise(values) {
    if (values.length === 0)
        return { count: 0, mean: null, median: null };
    const sorted = Float64Array.from(values).sort();
    const middle = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    return { count: values.length, mean: mean(values), median };
}
function mean(values) {
    let sum = 0;
    for (const value of values)
        sum += value;
    return sum / values.length;
}
/** canary mean ÷ baseline mean; NaN when either mean is 0, where a ratio says nothing (Kayenta's rule). */
function meanRatio(baseline, canary) {
    const baselineMean = mean(baseline);
    const canaryMean = mean(canary);
    return baselineMean === 0 || canaryMean === 0 ? NaN : canaryMean / baselineMean;
}
/**
 * The common-language effect size: the chance that a canary value exceeds a
 * baseline value, ties counting half (Vargha and Delaney's A). 0.5 means no
 * difference.
 */
function commonLanguageEffectSize(baseline, canary) {
    const m = canary.length;
    const n = baseline.length;
    const { rankSumX } = new _mann_whitney_js__WEBPACK_IMPORTED_MODULE_0__/* .RankSumTest */ .m(canary, baseline).ranks(0);
    return (2 * rankSumX - m * (m + 1)) / (2 * n * m);
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


/***/ })

};
