export const id = 418;
export const ids = [418];
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

/***/ 5418:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  accumulate: () => (/* binding */ accumulate),
  canaryCheck: () => (/* binding */ canaryCheck),
  canaryCheckReport: () => (/* binding */ canaryCheckReport),
  canaryCheckStep: () => (/* binding */ canaryCheckStep),
  canaryCheckSummary: () => (/* binding */ canaryCheckSummary),
  decisionMessage: () => (/* binding */ decisionMessage),
  sequentialPlan: () => (/* binding */ sequentialPlan)
});

;// CONCATENATED MODULE: ./.tmp/build/src/action/logger.js
/** For library code run outside an action (tests, benchmarks, the local run). */
const silentLogger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    group: (_name, body) => body(),
};

// EXTERNAL MODULE: ./.tmp/build/src/action/markdown.js
var markdown = __webpack_require__(5691);
// EXTERNAL MODULE: ./.tmp/build/src/canary/format.js
var format = __webpack_require__(5251);
// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: ./.tmp/build/src/canary/classify.js
var classify = __webpack_require__(2350);
// EXTERNAL MODULE: ./.tmp/build/src/canary/metrics.js
var canary_metrics = __webpack_require__(955);
// EXTERNAL MODULE: ./.tmp/build/src/canary/dependence.js
var canary_dependence = __webpack_require__(9213);
// EXTERNAL MODULE: ./.tmp/build/src/canary/mann-whitney.js
var mann_whitney = __webpack_require__(749);
// EXTERNAL MODULE: ./.tmp/build/src/canary/rate-test.js
var rate_test = __webpack_require__(5087);
// EXTERNAL MODULE: ./.tmp/build/src/canary/statistics.js
var statistics = __webpack_require__(7343);
;// CONCATENATED MODULE: ./.tmp/build/src/canary/sequential-classifier.js





/**
 * The default judge's verdict on one metric: a statistical test at a given
 * level, where Kayenta's classifier uses an interval and a tolerance. Counts,
 * when declared, are tested exactly ({@link compareRates}: errors out of
 * requests); a series by ranks, or by its mean (Welch) where it has too few
 * points for ranks, allowing for dependence between its points.
 * A significant change fails only if its size reaches `allowed-increase`
 * (`allowed-decrease`): for counts the test is then of "the rate ratio is at
 * most allowed-increase", for series the mean ratio (or CLES) must reach it.
 */
function testMetric(baselinePoints, canaryPoints, counts, settings, options) {
    const increaseIsBad = settings.direction !== 'decrease';
    const decreaseIsBad = settings.direction !== 'increase';
    const sideLevel = settings.direction === 'either' ? options.level / 2 : options.level;
    const keep = (points) => settings.nanStrategy === 'replace'
        ? points.map((p) => (Number.isFinite(p.value) ? p : { time: p.time, value: 0 }))
        : points.filter((p) => Number.isFinite(p.value));
    const baseline = keep(baselinePoints);
    const canary = keep(canaryPoints);
    const missing = {
        baseline: baselinePoints.length - baselinePoints.filter((p) => Number.isFinite(p.value)).length,
        canary: canaryPoints.length - canaryPoints.filter((p) => Number.isFinite(p.value)).length,
    };
    const values = (points) => points.map((p) => p.value);
    const common = {
        baseline: (0,statistics/* summarise */.fS)(values(baseline)),
        canary: (0,statistics/* summarise */.fS)(values(canary)),
        missing,
        level: options.level,
        counts,
        interval: null,
        estimate: null,
        ratio: baseline.length && canary.length ? (0,format/* finiteOrNull */.E)((0,statistics/* meanRatio */.ZV)(values(baseline), values(canary))) : null,
        effectSize: null,
        test: null,
        pValue: null,
        inflation: null,
    };
    const verdict = (classification, reason, rest = {}) => ({
        classification,
        criticalFailure: false,
        reason,
        ...common,
        ...rest,
    });
    const noData = (shortage) => {
        if (settings.nanStrategy === 'replace')
            return verdict('Pass', `${shortage}; passes under nan-strategy 'replace'`);
        if (settings.mustHaveData && !settings.critical)
            return verdict('NodataFailMetric', shortage);
        return verdict('Nodata', shortage, { criticalFailure: settings.critical });
    };
    const decide = (pGreater, pLess, effect, evidence, rest) => {
        const reaches = (threshold, above) => Number.isNaN(effect) || (above ? effect >= threshold : effect <= threshold);
        const high = increaseIsBad && pGreater <= sideLevel && reaches(settings.allowedIncrease, true);
        const low = decreaseIsBad && pLess <= sideLevel && reaches(settings.allowedDecrease, false);
        const pValue = increaseIsBad && (!decreaseIsBad || pGreater <= pLess) ? pGreater : pLess;
        const criticalFailure = settings.critical && ((high && reaches(settings.criticalIncrease, true)) || (low && reaches(settings.criticalDecrease, false)));
        const detail = { ...rest, pValue, criticalFailure, effectSize: (0,format/* finiteOrNull */.E)(effect) };
        const at = `p ${formatP(high || !low ? pGreater : pLess)} at level ${formatP(sideLevel)}`;
        if (high || low) {
            const way = high ? 'higher' : 'lower';
            const threshold = high ? `critical-increase ${settings.criticalIncrease}` : `critical-decrease ${settings.criticalDecrease}`;
            return verdict(high ? 'High' : 'Low', `canary ${way} than baseline: ${evidence}, ${at}${criticalFailure ? `; critical (${threshold} reached)` : ''}`, detail);
        }
        const significantUp = pGreater <= sideLevel;
        const significantDown = pLess <= sideLevel;
        if (significantUp || significantDown) {
            const way = significantUp ? 'higher' : 'lower';
            const excuse = (significantUp ? increaseIsBad : decreaseIsBad)
                ? `within allowed-${significantUp ? 'increase' : 'decrease'} ${significantUp ? settings.allowedIncrease : settings.allowedDecrease}`
                : `direction '${settings.direction}' lets it pass`;
            return verdict('Pass', `canary ${way} than baseline (${evidence}, ${at}), ${excuse}`, detail);
        }
        return verdict('Pass', null, detail);
    };
    if (counts) {
        const short = (side, c) => (c.total > 0 ? null : `no ${side} ${c.total === 0 ? 'traffic' : 'counts'}`);
        const shortage = [short('baseline', counts.baseline), short('canary', counts.canary)].filter(Boolean).join('; ');
        if (shortage)
            return noData(shortage);
        const summaryOf = (c) => ({ count: c.total, mean: c.events / c.total, median: null });
        const countCommon = { baseline: summaryOf(counts.baseline), canary: summaryOf(counts.canary) };
        const rounded = (c) => ({ events: Math.round(c.events), total: c.total });
        const b = rounded(counts.baseline);
        const c = rounded(counts.canary);
        if (b.events + c.events === 0)
            return verdict('Pass', 'no events on either side', { ...countCommon, test: 'counts' });
        const ratio0Up = settings.effectSize === 'mean-ratio' ? Math.max(1, settings.allowedIncrease) : 1;
        const ratio0Down = settings.effectSize === 'mean-ratio' ? Math.min(1, settings.allowedDecrease) : 1;
        const up = (0,rate_test/* compareRates */.BB)(b, c, ratio0Up);
        const down = (0,rate_test/* compareRates */.BB)(b, c, ratio0Down);
        const interval = (0,rate_test/* rateRatioInterval */.L)(b, c, 1 - 2 * sideLevel);
        const evidence = `${c.events} of ${c.total} against ${b.events} of ${b.total}, rate ratio ${(0,format/* formatNumber */.Z)(up.ratio)} (${(0,format/* formatNumber */.Z)(interval.lower)} to ${(0,format/* formatNumber */.Z)(interval.upper)})`;
        // The ratio's threshold is in the test itself; the effect passed on is only reported.
        const reported = settings.effectSize === 'mean-ratio' ? NaN : 0.5;
        const result = decide(up.pGreater, down.pLess, reported, evidence, {
            ...countCommon,
            test: 'counts',
            ratio: (0,format/* finiteOrNull */.E)(up.ratio),
            estimate: (0,format/* finiteOrNull */.E)(up.ratio),
            interval: { lower: interval.lower, upper: (0,format/* finiteOrNull */.E)(interval.upper) ?? Number.MAX_VALUE, confidence: 1 - 2 * sideLevel },
        });
        return { ...result, effectSize: (0,format/* finiteOrNull */.E)(up.ratio) };
    }
    const minimum = options.minimumPoints ?? 1;
    const short = (side, n) => n === 0 ? `no ${side} data` : n < minimum ? `${side} had ${n} points, at least ${minimum} needed` : null;
    const shortage = [short('baseline', baseline.length), short('canary', canary.length)].filter(Boolean).join('; ');
    if (shortage)
        return noData(shortage);
    if (new Set([...values(baseline), ...values(canary)]).size === 1)
        return verdict('Pass', 'every value on both sides is the same');
    const fewest = Math.min(baseline.length, canary.length);
    if (fewest < 2) {
        return noData(`${fewest} point a side cannot show a difference: a lookback of several of the query's range windows, or a shorter window, gives more`);
    }
    const effect = settings.effectSize === 'cles'
        ? (0,statistics/* commonLanguageEffectSize */._l)(values(baseline), values(canary))
        : (0,statistics/* meanRatio */.ZV)(values(baseline), values(canary));
    const measured = `${settings.effectSize === 'cles' ? 'CLES' : 'mean ratio'} ${(0,format/* formatNumber */.Z)(effect)}`;
    const points = `${canary.length} / ${baseline.length} points`;
    const dependence = (inflation) => (inflation > 1.005 ? `, variance ×${(0,format/* formatNumber */.Z)(inflation)} for dependence` : '');
    // Ranks where the sizes let them reach the level: robust to the steps and
    // outliers of histogram quantiles. Means (Welch) at the fewer points where
    // ranks cannot (4 a side at 0.005; 5 a side at the levels of repeated looks).
    // The choice depends on the sizes alone, so either test keeps its level.
    if ((0,canary_dependence/* smallestRankP */.I0)(canary.length, baseline.length) <= sideLevel / RANK_MARGIN) {
        const ranks = (0,canary_dependence/* dependentRankTest */._D)(baseline, canary);
        const shift = (0,mann_whitney/* mannWhitney */.P)(values(canary), values(baseline), { confidence: 0.5 });
        const evidence = `ranks: shift ${(0,format/* formatNumber */.Z)(shift.estimate)}, ${measured}, ${points}${dependence(ranks.inflation)}`;
        return decide(ranks.pGreater, ranks.pLess, effect, evidence, { test: 'ranks', estimate: shift.estimate, inflation: ranks.inflation });
    }
    const means = (0,canary_dependence/* dependentMeanTest */.LH)(baseline, canary);
    const evidence = `means ${(0,format/* formatNumber */.Z)(common.canary.mean)} against ${(0,format/* formatNumber */.Z)(common.baseline.mean)}, ${measured}, ${points}${dependence(means.inflation)}`;
    return decide(means.pGreater, means.pLess, effect, evidence, { test: 'means', estimate: means.difference, inflation: means.inflation });
}
/** Ranks judge a metric when all of one side beyond the other would give a p-value at least this many times below the level. */
const RANK_MARGIN = 1;
function formatP(p) {
    return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

// EXTERNAL MODULE: ./.tmp/build/src/canary/score.js
var canary_score = __webpack_require__(804);
;// CONCATENATED MODULE: ./.tmp/build/src/canary/judge.js





/** Which classifier judges each metric: the default one (tests at a level, counts exact, dependence allowed for) or Kayenta's. */
const JUDGES = (/* unused pure expression or super */ null && (['default', 'kayenta']));
const DEFAULT_MINIMUM_DATA_SHARE = 0.5;
/** The default judge's: a healthy canary fails at most 1 time in 100. */
const DEFAULT_JUDGE_CONFIDENCE = 0.99;
/**
 * Judges a canary against its baseline: classifies every metric, scores the
 * results and decides. Pure: the observations come from the caller.
 */
function judgeCanary(metrics, observations, options = {}) {
    const { judge = 'default', confidence = judge === 'kayenta' ? classify/* DEFAULT_CONFIDENCE */.FH : DEFAULT_JUDGE_CONFIDENCE, passScore = canary_score/* DEFAULT_THRESHOLDS */.JJ.passScore, marginalScore = canary_score/* DEFAULT_THRESHOLDS */.JJ.marginalScore, expectedPoints, minimumDataShare = DEFAULT_MINIMUM_DATA_SHARE, } = options;
    if (!(confidence > 0 && confidence < 1)) {
        throw new errors/* InputError */.d('confidence', `'${confidence}' is not a confidence level`, 'a number between 0 and 1, e.g. 0.98');
    }
    if (!(minimumDataShare >= 0 && minimumDataShare <= 1)) {
        throw new RangeError(`minimumDataShare ${minimumDataShare} is not between 0 and 1`);
    }
    (0,canary_score/* checkThresholds */.$w)({ passScore, marginalScore });
    const minimumOf = (expected) => (expected ? Math.max(1, Math.ceil(minimumDataShare * expected)) : 1);
    const minimumPoints = minimumOf(expectedPoints);
    const metricLevel = options.metricLevel ?? (1 - confidence) / Math.max(1, metrics.length);
    const byName = new Map(observations.map((observation) => [observation.metric, observation]));
    for (const name of byName.keys()) {
        if (!metrics.some((metric) => metric.name === name))
            throw new Error(`observation for unknown metric '${name}'`);
    }
    const results = metrics.map((metric) => {
        const observation = byName.get(metric.name);
        const values = (points) => (points ?? []).map((point) => point.value);
        const comparison = judge === 'kayenta'
            ? (0,classify/* compareMetric */.MN)(values(observation?.baseline), values(observation?.canary), metric, { confidence, minimumPoints })
            : testMetric(observation?.baseline ?? [], observation?.canary ?? [], (metric.counts && observation?.counts) || null, metric, {
                level: metricLevel,
                minimumPoints: minimumOf(observation?.expectedPoints ?? expectedPoints),
            });
        const { name, group, direction, critical, mustHaveData, unit } = metric;
        return { name, group, direction, critical, mustHaveData, ...(unit ? { unit } : {}), ...comparison };
    });
    const score = (0,canary_score/* scoreMetrics */.uf)(results, (0,canary_metrics/* groupWeights */.z9)(metrics));
    const { decision, reason } = (0,canary_score/* decide */.LD)(score, results, { passScore, marginalScore });
    return {
        judge,
        decision,
        score: score.score,
        reason,
        passScore,
        marginalScore,
        confidence,
        minimumPoints,
        groups: score.groups,
        metrics: results,
    };
}

// EXTERNAL MODULE: ./.tmp/build/src/canary/distributions.js
var distributions = __webpack_require__(5461);
// EXTERNAL MODULE: ./.tmp/build/src/canary/normal.js
var normal = __webpack_require__(2499);
;// CONCATENATED MODULE: ./.tmp/build/src/canary/sequential.js


/** The share of α spent by information fraction t (0 < t ≤ 1). */
function spent(kind, alpha, t) {
    if (t <= 0)
        return 0;
    if (t >= 1)
        return alpha;
    // Lan–DeMets' Pocock-type function spends early, so a clear regression stops
    // the check at an early look; the O'Brien–Fleming-type one keeps almost all
    // of α for the last look.
    if (kind === 'pocock')
        return alpha * Math.log(1 + (Math.E - 1) * t);
    return 2 * (0,distributions/* normalUpperTail */.IL)(-(0,normal/* normalQuantile */.Z)(alpha / 2) / Math.sqrt(t));
}
/** Beyond this many looks boundaries are not computed jointly: each look gets the α it spends (a Bonferroni split, which never spends more). */
const MAX_JOINT_LOOKS = 60;
const cache = new Map();
/**
 * The one-sided nominal levels of the looks at information fractions
 * `fractions` (increasing, the last 1): a look fails when its one-sided
 * p-value is at most its level. Together they spend exactly α under the
 * Brownian-motion model of cumulative statistics.
 */
function nominalLevels(fractions, alpha, kind = 'pocock') {
    if (!(alpha > 0 && alpha < 1))
        throw new RangeError(`alpha ${alpha} is not between 0 and 1`);
    fractions.forEach((t, i) => {
        if (!(t > 0 && t <= 1) || (i > 0 && !(t > fractions[i - 1])))
            throw new RangeError(`information fractions ${fractions.join(', ')} do not increase within (0, 1]`);
    });
    const key = `${kind} ${alpha} ${fractions.join(',')}`;
    const known = cache.get(key);
    if (known)
        return known;
    const increments = fractions.map((t, i) => spent(kind, alpha, t) - (i ? spent(kind, alpha, fractions[i - 1]) : 0));
    const levels = fractions.length > MAX_JOINT_LOOKS ? increments : jointLevels(fractions, increments);
    cache.set(key, levels);
    return levels;
}
/** Grid points per standard deviation of the smallest step between looks, on the score scale S = Z·√t. */
const GRID_STEPS_PER_SD = 8;
/** The grid reaches this many of a look's standard deviations below its boundary. */
const GRID_REACH = 9;
function jointLevels(fractions, increments) {
    const smallestStep = Math.min(...fractions.map((t, i) => t - (i ? fractions[i - 1] : 0)));
    const h = Math.min(0.05, Math.sqrt(smallestStep) / GRID_STEPS_PER_SD);
    const levels = [];
    // The sub-density of S at the previous look on the paths that have not
    // crossed yet, on points running down from that look's boundary.
    let points = null;
    let density = null;
    let previousT = 0;
    for (let k = 0; k < fractions.length; k++) {
        const t = fractions[k];
        const sd = Math.sqrt(t - previousT);
        const crossing = (c) => {
            if (!points || !density)
                return (0,distributions/* normalUpperTail */.IL)(c / sd);
            let sum = 0;
            for (let i = 0; i < points.length; i++)
                sum += weight(i, points.length) * density[i] * fastUpperTail((c - points[i]) / sd);
            return sum * h;
        };
        let boundary;
        if (increments[k] <= 0) {
            boundary = Infinity;
        }
        else {
            // Bisection on the boundary in z units; the crossing chance falls as it rises.
            let low = -2;
            let high = 12;
            for (let i = 0; i < 60; i++) {
                const middle = (low + high) / 2;
                if (crossing(middle * Math.sqrt(t)) > increments[k])
                    low = middle;
                else
                    high = middle;
            }
            boundary = (low + high) / 2;
        }
        levels.push(Number.isFinite(boundary) ? (0,distributions/* normalUpperTail */.IL)(boundary) : 0);
        if (k === fractions.length - 1)
            break;
        const top = Number.isFinite(boundary) ? boundary * Math.sqrt(t) : GRID_REACH * Math.sqrt(t);
        const count = Math.ceil((top + GRID_REACH * Math.sqrt(t)) / h) + 1;
        const next = new Float64Array(count);
        const nextDensity = new Float64Array(count);
        for (let j = 0; j < count; j++) {
            const s = top - j * h;
            next[j] = s;
            if (!points || !density) {
                nextDensity[j] = normalDensity(s / sd) / sd;
            }
            else {
                let sum = 0;
                for (let i = 0; i < points.length; i++)
                    sum += weight(i, points.length) * density[i] * normalDensity((s - points[i]) / sd);
                nextDensity[j] = (sum * h) / sd;
            }
        }
        points = next;
        density = nextDensity;
        previousT = t;
    }
    return levels;
}
/** Trapezoid weights. */
function weight(i, n) {
    return i === 0 || i === n - 1 ? 0.5 : 1;
}
/**
 * P(Z ≥ z) by the Chebyshev fit of erfc in Numerical Recipes (relative error
 * under 1.2e-7): the grid sums call it millions of times, where the exact
 * tail's series would be slow and its extra digits lost in the grid's error.
 */
function fastUpperTail(z) {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.5 * x);
    const erfc = t *
        Math.exp(-x * x -
            1.26551223 +
            t *
                (1.00002368 +
                    t *
                        (0.37409196 +
                            t *
                                (0.09678418 +
                                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
function normalDensity(z) {
    return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

// EXTERNAL MODULE: ./.tmp/build/src/canary/providers/provider.js
var providers_provider = __webpack_require__(2770);
;// CONCATENATED MODULE: ./.tmp/build/src/canary/summary.js


/** Colours of the two lines, since Mermaid's xychart draws no legend. */
const SERIES = [
    { side: 'baseline', colour: 'blue', hex: '#1f77b4' },
    { side: 'canary', colour: 'red', hex: '#d62728' },
];
/** More points than this are averaged into this many time buckets, to keep charts legible. */
const MAX_CHART_POINTS = 60;
/**
 * The job summary of a canary analysis: the decision and score, a table of
 * every metric, and for each failing metric a chart of both sides over time
 * (from `observations`, when given).
 */
function renderCanarySummary(report, observations = []) {
    const percent = `${Number((report.confidence * 100).toPrecision(4))}%`;
    const lines = [
        `### Canary analysis: ${report.decision}`,
        '',
        `**Score ${(0,format/* formatNumber */.Z)(report.score)}** (pass at ${report.passScore} or more, fail at ${report.marginalScore} or less): ${report.reason}`,
        '',
        (0,markdown/* table */.tp)([
            'metric',
            'result',
            'baseline median',
            'canary median',
            'baseline mean',
            'canary mean',
            'points (baseline / canary)',
            report.judge === 'kayenta' ? `shift (${percent} interval)` : 'test: p-value (level)',
            'mean ratio',
            'reason',
        ], report.metrics.map((metric) => [
            metric.name + (metric.critical ? ' (critical)' : ''),
            metric.classification,
            withUnit(metric.baseline.median, metric.unit),
            withUnit(metric.canary.median, metric.unit),
            withUnit(metric.baseline.mean, metric.unit),
            withUnit(metric.canary.mean, metric.unit),
            metric.counts
                ? `${metric.counts.baseline.events} of ${metric.counts.baseline.total} / ${metric.counts.canary.events} of ${metric.counts.canary.total}`
                : `${metric.baseline.count} / ${metric.canary.count}`,
            report.judge === 'kayenta' ? shift(metric) : tested(metric),
            (0,format/* formatNumber */.Z)(metric.ratio),
            metric.reason ?? '',
        ])),
    ];
    for (const metric of report.metrics.filter(isFailing)) {
        const observation = observations.find((o) => o.metric === metric.name);
        const drawing = observation && chart(metric.name, observation);
        if (!drawing)
            continue;
        lines.push('', `#### ${metric.name}: ${metric.classification}`, '', drawing.legend, '', (0,markdown/* fenced */.OF)('mermaid', drawing.source));
    }
    return `${lines.join('\n')}\n`;
}
/**
 * A value as people read it: seconds under one as milliseconds, a ratio as a
 * percentage, any other unit after the number. A metric with no unit is a
 * bare number, as its query gives it.
 */
function withUnit(value, unit) {
    if (value === null || value === undefined || !Number.isFinite(value) || !unit)
        return (0,format/* formatNumber */.Z)(value);
    if (unit === 'ratio')
        return `${(0,format/* formatNumber */.Z)(value * 100)} %`;
    if (unit === 's' && Math.abs(value) < 1)
        return `${(0,format/* formatNumber */.Z)(value * 1000)} ms`;
    return `${(0,format/* formatNumber */.Z)(value)} ${unit}`;
}
function shift(metric) {
    if (!metric.interval)
        return '–';
    const { lower, upper } = metric.interval;
    return `${withUnit(metric.estimate, metric.unit)} (${withUnit(lower, metric.unit)} to ${withUnit(upper, metric.unit)})`;
}
/** The default judge's test, its p-value and the level it had to reach (counts: errors of requests; series: ranks or means). */
function tested(metric) {
    if (!metric.test || metric.pValue === null || metric.pValue === undefined)
        return '–';
    const p = (value) => (value < 1e-4 ? value.toExponential(1) : String(Number(value.toPrecision(2))));
    return `${metric.test}: ${p(metric.pValue)} (${p(metric.level ?? NaN)})`;
}
function isFailing(metric) {
    return metric.classification === 'High' || metric.classification === 'Low' || metric.classification === 'NodataFailMetric';
}
/** A Mermaid xychart of both sides, averaged into equal time buckets; null when there is nothing to draw. */
function chart(name, observation) {
    const sides = SERIES.map((series) => ({ ...series, points: observation[series.side].filter((p) => Number.isFinite(p.value)) }));
    const all = sides.flatMap((side) => side.points);
    if (!all.length)
        return null;
    const start = Math.min(...all.map((p) => p.time));
    const end = Math.max(...all.map((p) => p.time));
    const buckets = Math.min(MAX_CHART_POINTS, new Set(all.map((p) => p.time)).size);
    const drawn = sides.filter((side) => side.points.length);
    const plotted = drawn.map((side) => bucketed(side.points, start, end, buckets).map(plain).join(', '));
    const palette = drawn.map((side) => side.hex).join(', ');
    const minutes = Number(((end - start) / 60).toFixed(1));
    const source = [
        '---',
        'config:',
        '  themeVariables:',
        '    xyChart:',
        `      plotColorPalette: "${palette}"`,
        '---',
        'xychart-beta',
        `  title "${name.replace(/"/g, "'")}"`,
        `  x-axis "minutes" 0 --> ${minutes}`,
        `  y-axis "value"`,
        ...plotted.map((values) => `  line [${values}]`),
    ].join('\n');
    const legend = drawn.map((side) => `${side.colour}: ${side.side}`).join(', ');
    return { source, legend };
}
/** Means per equal time bucket; an empty bucket takes its neighbour's value so the line stays whole. */
function bucketed(points, start, end, count) {
    const sums = new Array(count).fill(0);
    const counts = new Array(count).fill(0);
    const span = end - start;
    for (const { time, value } of points) {
        const index = span ? Math.min(count - 1, Math.floor(((time - start) / span) * count)) : 0;
        sums[index] += value;
        counts[index]++;
    }
    const means = sums.map((sum, i) => (counts[i] ? sum / counts[i] : NaN));
    const first = means.find((mean) => !Number.isNaN(mean));
    let previous = first;
    return means.map((mean) => (Number.isNaN(mean) ? previous : (previous = mean)));
}
/** Four significant digits, never in exponent notation, which Mermaid does not read. */
function plain(value) {
    if (value === 0)
        return '0';
    const decimals = Math.min(20, Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value)))));
    return value
        .toFixed(decimals)
        .replace(/(\.\d*?)0+$/, '$1')
        .replace(/\.$/, '');
}

;// CONCATENATED MODULE: ./.tmp/build/src/canary/canary-check.js








/**
 * Spinnaker's multi-interval canary analysis: `count` analyses, the k-th
 * judging the k-th interval at its end. An interim analysis whose score is not
 * above marginal-score stops the check with a failure; otherwise the last one
 * decides.
 */
async function canaryCheck(metrics, settings, { provider, clock = providers_provider/* systemClock */.m, logger = silentLogger }) {
    const { count, intervalMs, confidence, passScore, marginalScore, judge = 'default' } = settings;
    const start = clock.now();
    const analyses = [];
    const sequential = judge === 'default' ? sequentialPlan(metrics.length, settings) : null;
    let gathered = [];
    for (let k = 1;; k++) {
        const interval = { start: start + (k - 1) * intervalMs, end: start + k * intervalMs };
        if (intervalMs > 0)
            logger.info(`interval ${k} of ${count}: observing until ${new Date(interval.end).toISOString()}`);
        let observations;
        let report;
        if (sequential) {
            // Each analysis adds the data since the previous one to what came before: looks at growing data, whose levels spend the budget.
            const from = k === 1 ? interval.end - sequential.firstSpanMs : interval.start;
            const fresh = await provider.observe(metrics, { ...interval, from, nonOverlapping: true, counts: true });
            observations = gathered = k === 1 ? fresh : accumulate(gathered, fresh);
            report = judgeCanary(metrics, observations, {
                judge,
                confidence,
                metricLevel: sequential.levels[k - 1],
                passScore,
                marginalScore,
                expectedPoints: provider.expectedPoints,
            });
        }
        else {
            observations = await provider.observe(metrics, interval);
            report = judgeCanary(metrics, observations, { judge, confidence, passScore, marginalScore, expectedPoints: provider.expectedPoints });
        }
        analyses.push({ score: report.score, decision: report.decision, reason: report.reason, report, observations, end: interval.end });
        logger.info(`interval ${k} of ${count}: ${report.decision}, score ${(0,format/* formatNumber */.Z)(report.score)}: ${report.reason}`);
        const outcome = (0,canary_score/* judgeIntervals */["if"])(analyses, count, marginalScore);
        if (outcome.done) {
            return {
                decision: outcome.decision,
                score: outcome.result.score,
                reason: outcome.reason,
                plannedIntervals: count,
                intervals: analyses.map((analysis, i) => ({
                    interval: i + 1,
                    end: new Date(analysis.end).toISOString(),
                    decision: analysis.decision,
                    score: analysis.score,
                    reason: analysis.reason,
                })),
                report: outcome.result.report,
                observations: outcome.result.observations,
            };
        }
    }
}
/**
 * The default judge's plan for `count` looks: the k-th sees the first
 * analysis's span and k − 1 intervals more, and the levels of each metric at
 * each look spend the metric's share of 1 − confidence (Bonferroni over the
 * metrics) along the information so gathered.
 */
function sequentialPlan(metricCount, { count, intervalMs, lookbackMs, confidence }) {
    const firstSpanMs = lookbackMs ?? intervalMs;
    const total = firstSpanMs + (count - 1) * intervalMs;
    const fractions = Array.from({ length: count }, (_, i) => count === 1 || total <= 0 ? (i + 1) / count : (firstSpanMs + i * intervalMs) / total);
    const levels = nominalLevels(fractions, (1 - confidence) / Math.max(1, metricCount));
    return { firstSpanMs, fractions, levels };
}
/** The data of every look so far: series joined, counts added, expected points added. */
function accumulate(before, fresh) {
    return fresh.map((observation) => {
        const earlier = before.find((o) => o.metric === observation.metric);
        if (!earlier)
            return observation;
        const add = (a, b) => ({ events: a.events + b.events, total: a.total + b.total });
        const counts = earlier.counts && observation.counts
            ? {
                baseline: add(earlier.counts.baseline, observation.counts.baseline),
                canary: add(earlier.counts.canary, observation.counts.canary),
            }
            : undefined;
        const expected = earlier.expectedPoints !== undefined && observation.expectedPoints !== undefined
            ? earlier.expectedPoints + observation.expectedPoints
            : undefined;
        return {
            metric: observation.metric,
            baseline: [...earlier.baseline, ...observation.baseline],
            canary: [...earlier.canary, ...observation.canary],
            ...(counts ? { counts } : {}),
            ...(expected !== undefined ? { expectedPoints: expected } : {}),
        };
    });
}
/** The `report` output: the deciding analysis, with the check's decision and every interval's result. */
function canaryCheckReport(result) {
    const { report, decision, reason, plannedIntervals, intervals } = result;
    return { ...report, decision, reason, plannedIntervals, intervals };
}
function canaryCheckSummary(result) {
    const summary = renderCanarySummary({ ...result.report, decision: result.decision, reason: result.reason }, result.observations);
    if (result.plannedIntervals <= 1)
        return summary;
    const rows = result.intervals.map((i) => [
        `${i.interval} of ${result.plannedIntervals}`,
        i.end,
        i.decision,
        (0,format/* formatNumber */.Z)(i.score),
        i.reason,
    ]);
    return `${summary}\n#### Intervals\n\n${(0,markdown/* table */.tp)(['interval', 'ended', 'decision', 'score', 'reason'], rows)}\n`;
}
/** One line for the log and the step's error: the decision, the score, and the metrics behind it. */
function decisionMessage(result) {
    const failing = result.report.metrics.filter((metric) => ['High', 'Low', 'NodataFailMetric'].includes(metric.classification) && !result.reason.includes(`'${metric.name}'`));
    const also = failing.length ? `; also failing: ${failing.map((metric) => `'${metric.name}' ${metric.classification}`).join(', ')}` : '';
    return `decision ${result.decision} (score ${(0,format/* formatNumber */.Z)(result.score)}): ${result.reason}${also}`;
}
/** canary-check's use case: a decision the `fail-on` input names fails the step, after its outputs and summary. */
async function canaryCheckStep(metrics, inputs, collaborators) {
    // The http provider's analyses observe their own interval's requests; a lookback is the Prometheus providers' notion.
    const settings = inputs.provider === 'http' ? { ...inputs, lookbackMs: undefined } : inputs;
    const result = await canaryCheck(metrics, settings, collaborators);
    const message = decisionMessage(result);
    const failed = inputs.failOn.includes(result.decision);
    return {
        outputs: { decision: result.decision, score: result.score, report: JSON.stringify(canaryCheckReport(result)) },
        summary: canaryCheckSummary(result),
        ...(failed ? { failure: message } : { notice: { message, warning: result.decision !== 'pass' } }),
    };
}


/***/ })

};
