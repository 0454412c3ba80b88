export const id = 955;
export const ids = [955];
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

/***/ 955:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   no: () => (/* binding */ renderQuery),
/* harmony export */   parseMetrics: () => (/* binding */ parseMetrics),
/* harmony export */   z9: () => (/* binding */ groupWeights)
/* harmony export */ });
/* unused harmony exports defaultMetrics, isCounterSelector */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5313);
/* harmony import */ var _classify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2350);



const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;
const PLACEHOLDERS = ['track', 'name', 'namespace'];
/**
 * The label set the default queries select on. It assumes the common
 * Kubernetes scrape setup in which each target carries its pod's
 * `namespace`, its `app` label (the workload's name) and its `track` label
 * (`canary` or `baseline` — the pods of each side are labelled so).
 */
const SIDE = 'namespace="{{namespace}}", app="{{name}}", track="{{track}}"';
/**
 * Used when the `metrics` input is empty: the error ratio of HTTP responses and
 * the 99th-percentile latency, from the conventional `http_requests_total`
 * counter (with a `code` label) and `http_request_duration_seconds` histogram.
 * Both judge only increases. The error ratio is critical: a canary that
 * clearly errs more fails whatever else passes. Its `or vector(0)` keeps a
 * step with traffic but no 5xx series at 0 rather than missing, while a step
 * with no traffic at all stays missing.
 */
function defaultMetrics() {
    const base = (0,_classify_js__WEBPACK_IMPORTED_MODULE_2__/* .defaultClassifierSettings */ .aL)();
    return [
        {
            ...base,
            name: 'error-rate',
            query: `(sum(rate(http_requests_total{${SIDE}, code=~"5.."}[1m])) or vector(0))` + ` / sum(rate(http_requests_total{${SIDE}}[1m]))`,
            counts: { errors: `http_requests_total{${SIDE}, code=~"5.."}`, total: `http_requests_total{${SIDE}}` },
            direction: 'increase',
            critical: true,
            group: 'error-rate',
            weight: undefined,
            unit: 'ratio',
        },
        {
            ...base,
            name: 'p99-latency',
            query: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${SIDE}}[1m])))`,
            direction: 'increase',
            group: 'p99-latency',
            weight: undefined,
            unit: 's',
        },
    ];
}
/** Fills a query's placeholders, escaped for a double-quoted PromQL label value. */
function renderQuery(query, variables) {
    return query.replace(PLACEHOLDER, (_, key) => {
        if (!PLACEHOLDERS.includes(key)) {
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('metrics', `unknown placeholder {{${key}}} in query '${query}'`, placeholderForm());
        }
        return variables[key].replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n');
    });
}
const KEYS = [
    'name',
    'query',
    'direction',
    'critical',
    'must-have-data',
    'nan-strategy',
    'group',
    'weight',
    'tolerance',
    'effect-size',
    'allowed-increase',
    'allowed-decrease',
    'critical-increase',
    'critical-decrease',
    'unit',
    'errors',
    'total',
];
/**
 * Reads the `metrics` input: a YAML list of metrics, each a mapping of the
 * keys above. Empty input gives {@link defaultMetrics}.
 */
function parseMetrics(text, { requireQuery = true } = {}) {
    if (!text.trim())
        return defaultMetrics();
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    }
    catch (error) {
        const problem = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('metrics', `is not valid YAML: ${problem}`, LIST_FORM);
    }
    if (!Array.isArray(document) || document.length === 0) {
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('metrics', 'is not a list of metrics', LIST_FORM);
    }
    const metrics = document.map((entry, index) => parseMetric(entry, index, requireQuery));
    const seen = new Set();
    for (const metric of metrics) {
        if (seen.has(metric.name))
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('metrics', `metric '${metric.name}' is listed twice`, 'unique names');
        seen.add(metric.name);
    }
    groupWeights(metrics);
    return metrics;
}
const LIST_FORM = 'a YAML list of metrics, e.g. "- name: error-rate\\n  query: …\\n  direction: increase"';
function parseMetric(entry, index, requireQuery) {
    let where = `metric ${index + 1}`;
    const fail = (problem, expected) => {
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('metrics', `${where}: ${problem}`, expected);
    };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        return fail('is not a mapping', 'keys such as name, query, direction');
    }
    const fields = entry;
    if (typeof fields.name === 'string' && fields.name.trim())
        where += ` ('${fields.name.trim()}')`;
    for (const key of Object.keys(fields)) {
        if (!KEYS.includes(key))
            fail(`unknown key '${key}'`, `keys among ${KEYS.join(', ')}`);
    }
    const text = (key) => {
        const value = fields[key];
        if (value === undefined || value === null)
            return undefined;
        if (typeof value !== 'string' || !value.trim())
            fail(`'${key}' is not a non-empty string`);
        return value.trim();
    };
    const oneOf = (key, allowed, fallback) => {
        const value = text(key);
        if (value === undefined)
            return fallback;
        if (!allowed.includes(value))
            fail(`'${key}' is '${value}'`, `one of ${allowed.join(', ')}`);
        return value;
    };
    const flag = (key, fallback) => {
        const value = fields[key];
        if (value === undefined || value === null)
            return fallback;
        if (typeof value === 'boolean')
            return value;
        if (value === 'true' || value === 'false')
            return value === 'true';
        return fail(`'${key}' is '${String(value)}'`, 'true or false');
    };
    const number = (key, check, expected) => {
        const value = fields[key];
        if (value === undefined || value === null)
            return undefined;
        if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
            fail(`'${key}' is '${String(value)}'`, expected);
        }
        return value;
    };
    const name = text('name') ?? fail("'name' is missing", 'a name for each metric');
    const query = text('query');
    const errors = text('errors');
    const total = text('total');
    if ((errors === undefined) !== (total === undefined)) {
        fail(`'${errors === undefined ? 'total' : 'errors'}' is given without '${errors === undefined ? 'errors' : 'total'}'`, COUNTS_FORM);
    }
    if (requireQuery && query === undefined && errors === undefined) {
        fail("'query' is missing", "the query that gives the metric for one track, or 'errors' and 'total' counters");
    }
    for (const [key, value] of [
        ['query', query],
        ['errors', errors],
        ['total', total],
    ]) {
        if (value === undefined)
            continue;
        for (const [, placeholder] of value.matchAll(PLACEHOLDER)) {
            if (!PLACEHOLDERS.includes(placeholder))
                fail(`'${key}' uses unknown placeholder {{${placeholder}}}`, placeholderForm());
        }
        if (key !== 'query' && !isCounterSelector(value))
            fail(`'${key}' is '${value}', not a counter selector`, COUNTS_FORM);
    }
    const effectSize = oneOf('effect-size', ['mean-ratio', 'cles'], 'mean-ratio');
    const defaults = (0,_classify_js__WEBPACK_IMPORTED_MODULE_2__/* .defaultClassifierSettings */ .aL)(effectSize);
    const threshold = (key, fallback) => effectSize === 'cles'
        ? (number(key, (n) => n >= 0 && n <= 1, 'a probability between 0 and 1 (effect-size cles)') ?? fallback)
        : (number(key, (n) => n > 0, 'a ratio of means above 0, e.g. 1.2 for +20%') ?? fallback);
    return {
        name,
        query,
        direction: oneOf('direction', ['increase', 'decrease', 'either'], defaults.direction),
        nanStrategy: oneOf('nan-strategy', ['remove', 'replace'], defaults.nanStrategy),
        critical: flag('critical', defaults.critical),
        mustHaveData: flag('must-have-data', defaults.mustHaveData),
        group: text('group') ?? name,
        weight: number('weight', (n) => n > 0, 'a share of the score above 0, in percent'),
        tolerance: number('tolerance', (n) => n >= 0, 'a fraction of the estimate, 0 or more (default 0.25)') ?? defaults.tolerance,
        effectSize,
        allowedIncrease: threshold('allowed-increase', defaults.allowedIncrease),
        allowedDecrease: threshold('allowed-decrease', defaults.allowedDecrease),
        criticalIncrease: threshold('critical-increase', defaults.criticalIncrease),
        criticalDecrease: threshold('critical-decrease', defaults.criticalDecrease),
        unit: text('unit'),
        ...(errors !== undefined && total !== undefined ? { counts: { errors, total } } : {}),
    };
}
const COUNTS_FORM = 'counter selectors for both errors and total, e.g. errors: http_requests_total{track="{{track}}", code=~"5.."} and total: http_requests_total{track="{{track}}"}';
/** A metric name with optional label matchers, or label matchers alone: what `[range]` can follow. */
function isCounterSelector(text) {
    const plain = text.replace(PLACEHOLDER, 'x').trim();
    return /^(?:[A-Za-z_:][\w:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})$/.test(plain);
}
function placeholderForm() {
    return `placeholders among ${PLACEHOLDERS.map((key) => `{{${key}}}`).join(', ')}`;
}
/**
 * Each group's weight, from its metrics' `weight`. Metrics of one group must
 * not disagree, and weighted groups must leave something of 100 for the
 * unweighted ones, which share the rest equally (Kayenta's rule).
 */
function groupWeights(metrics) {
    const weights = new Map();
    const groups = new Set();
    for (const { name, group, weight } of metrics) {
        groups.add(group);
        if (weight === undefined)
            continue;
        const known = weights.get(group);
        if (known !== undefined && known !== weight) {
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('metrics', `metric '${name}' gives group '${group}' weight ${weight}, another metric gave ${known}`, 'one weight per group');
        }
        weights.set(group, weight);
    }
    const unweighted = [...groups].filter((group) => !weights.has(group));
    const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
    if (unweighted.length && weights.size && total >= 100) {
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('metrics', `the weights given add up to ${total}, leaving nothing for ${unweighted.map((g) => `'${g}'`).join(', ')}`, 'weights that add up to less than 100 when some groups have none, or a weight for every group');
    }
    return weights;
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


/***/ })

};
