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
    // Ranks where the sizes let them reach well below the level: robust to the
    // steps and outliers of histogram quantiles. Means (Welch) at the few points
    // a short lookback of non-overlapping windows gives, where ranks cannot.
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
/** Ranks judge a metric when all of one side beyond the other would give a p-value this many times below the level. */
const RANK_MARGIN = 10;
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


/***/ }),

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


/***/ })

};
