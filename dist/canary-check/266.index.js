export const id = 266;
export const ids = [266];
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

/***/ 2266:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  canaryCheck: () => (/* binding */ canaryCheck),
  canaryCheckReport: () => (/* binding */ canaryCheckReport),
  canaryCheckStep: () => (/* binding */ canaryCheckStep),
  canaryCheckSummary: () => (/* binding */ canaryCheckSummary),
  decisionMessage: () => (/* binding */ decisionMessage)
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
// EXTERNAL MODULE: ./.tmp/build/src/canary/classify.js + 4 modules
var classify = __webpack_require__(1846);
// EXTERNAL MODULE: ./.tmp/build/src/canary/metrics.js
var canary_metrics = __webpack_require__(955);
// EXTERNAL MODULE: ./.tmp/build/src/canary/score.js
var canary_score = __webpack_require__(804);
;// CONCATENATED MODULE: ./.tmp/build/src/canary/judge.js




const DEFAULT_MINIMUM_DATA_SHARE = 0.5;
/**
 * Judges a canary against its baseline: classifies every metric, scores the
 * results and decides. Pure: the observations come from the caller.
 */
function judgeCanary(metrics, observations, options = {}) {
    const { confidence = classify/* DEFAULT_CONFIDENCE */.FH, passScore = canary_score/* DEFAULT_THRESHOLDS */.JJ.passScore, marginalScore = canary_score/* DEFAULT_THRESHOLDS */.JJ.marginalScore, expectedPoints, minimumDataShare = DEFAULT_MINIMUM_DATA_SHARE, } = options;
    if (!(confidence > 0 && confidence < 1)) {
        throw new errors/* InputError */.d('confidence', `'${confidence}' is not a confidence level`, 'a number between 0 and 1, e.g. 0.98');
    }
    if (!(minimumDataShare >= 0 && minimumDataShare <= 1)) {
        throw new RangeError(`minimumDataShare ${minimumDataShare} is not between 0 and 1`);
    }
    (0,canary_score/* checkThresholds */.$w)({ passScore, marginalScore });
    const minimumPoints = expectedPoints ? Math.max(1, Math.ceil(minimumDataShare * expectedPoints)) : 1;
    const byName = new Map(observations.map((observation) => [observation.metric, observation]));
    for (const name of byName.keys()) {
        if (!metrics.some((metric) => metric.name === name))
            throw new Error(`observation for unknown metric '${name}'`);
    }
    const results = metrics.map((metric) => {
        const observation = byName.get(metric.name);
        const values = (points) => (points ?? []).map((point) => point.value);
        const comparison = (0,classify/* compareMetric */.MN)(values(observation?.baseline), values(observation?.canary), metric, {
            confidence,
            minimumPoints,
        });
        const { name, group, direction, critical, mustHaveData, unit } = metric;
        return { name, group, direction, critical, mustHaveData, ...(unit ? { unit } : {}), ...comparison };
    });
    const score = (0,canary_score/* scoreMetrics */.uf)(results, (0,canary_metrics/* groupWeights */.z9)(metrics));
    const { decision, reason } = (0,canary_score/* decide */.LD)(score, results, { passScore, marginalScore });
    return {
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
            `shift (${percent} interval)`,
            'mean ratio',
            'reason',
        ], report.metrics.map((metric) => [
            metric.name + (metric.critical ? ' (critical)' : ''),
            metric.classification,
            withUnit(metric.baseline.median, metric.unit),
            withUnit(metric.canary.median, metric.unit),
            withUnit(metric.baseline.mean, metric.unit),
            withUnit(metric.canary.mean, metric.unit),
            `${metric.baseline.count} / ${metric.canary.count}`,
            metric.interval
                ? `${withUnit(metric.estimate, metric.unit)} (${withUnit(metric.interval.lower, metric.unit)} to ${withUnit(metric.interval.upper, metric.unit)})`
                : '–',
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
    const { count, intervalMs, confidence, passScore, marginalScore } = settings;
    const start = clock.now();
    const analyses = [];
    for (let k = 1;; k++) {
        const interval = { start: start + (k - 1) * intervalMs, end: start + k * intervalMs };
        if (intervalMs > 0)
            logger.info(`interval ${k} of ${count}: observing until ${new Date(interval.end).toISOString()}`);
        const observations = await provider.observe(metrics, interval);
        const report = judgeCanary(metrics, observations, { confidence, passScore, marginalScore, expectedPoints: provider.expectedPoints });
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
    const result = await canaryCheck(metrics, inputs, collaborators);
    const message = decisionMessage(result);
    const failed = inputs.failOn.includes(result.decision);
    return {
        outputs: { decision: result.decision, score: result.score, report: JSON.stringify(canaryCheckReport(result)) },
        summary: canaryCheckSummary(result),
        ...(failed ? { failure: message } : { notice: { message, warning: result.decision !== 'pass' } }),
    };
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


/***/ })

};
