import { fenced, table } from '../action/markdown.js';
import { formatNumber } from './format.js';
import type { CanaryReport, MetricReport, Observation, Point } from './judge.js';

/** Colours of the two lines, since Mermaid's xychart draws no legend. */
const SERIES = [
  { side: 'baseline', colour: 'blue', hex: '#1f77b4' },
  { side: 'canary', colour: 'red', hex: '#d62728' },
] as const;

/** More points than this are averaged into this many time buckets, to keep charts legible. */
const MAX_CHART_POINTS = 60;

/**
 * The job summary of a canary analysis: the decision and score, a table of
 * every metric, and for each failing metric a chart of both sides over time
 * (from `observations`, when given).
 */
export function renderCanarySummary(report: CanaryReport, observations: readonly Observation[] = []): string {
  const percent = `${Number((report.confidence * 100).toPrecision(4))}%`;
  const lines = [
    `### Canary analysis: ${report.decision}`,
    '',
    `**Score ${formatNumber(report.score)}** (pass at ${report.passScore} or more, fail at ${report.marginalScore} or less): ${report.reason}`,
    '',
    table(
      [
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
      ],
      report.metrics.map((metric) => [
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
        formatNumber(metric.ratio),
        metric.reason ?? '',
      ]),
    ),
  ];
  for (const metric of report.metrics.filter(isFailing)) {
    const observation = observations.find((o) => o.metric === metric.name);
    const drawing = observation && chart(metric.name, observation);
    if (!drawing) continue;
    lines.push('', `#### ${metric.name}: ${metric.classification}`, '', drawing.legend, '', fenced('mermaid', drawing.source));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A value as people read it: seconds under one as milliseconds, a ratio as a
 * percentage, any other unit after the number. A metric with no unit is a
 * bare number, as its query gives it.
 */
export function withUnit(value: number | null | undefined, unit: string | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value) || !unit) return formatNumber(value);
  if (unit === 'ratio') return `${formatNumber(value * 100)} %`;
  if (unit === 's' && Math.abs(value) < 1) return `${formatNumber(value * 1000)} ms`;
  return `${formatNumber(value)} ${unit}`;
}

function shift(metric: MetricReport): string {
  if (!metric.interval) return '–';
  const { lower, upper } = metric.interval;
  return `${withUnit(metric.estimate, metric.unit)} (${withUnit(lower, metric.unit)} to ${withUnit(upper, metric.unit)})`;
}

/** The default judge's test, its p-value and the level it had to reach (counts: errors of requests; series: ranks or means). */
function tested(metric: MetricReport): string {
  if (!metric.test || metric.pValue === null || metric.pValue === undefined) return '–';
  const p = (value: number) => (value < 1e-4 ? value.toExponential(1) : String(Number(value.toPrecision(2))));
  return `${metric.test}: ${p(metric.pValue)} (${p(metric.level ?? NaN)})`;
}

function isFailing(metric: MetricReport): boolean {
  return metric.classification === 'High' || metric.classification === 'Low' || metric.classification === 'NodataFailMetric';
}

/** A Mermaid xychart of both sides, averaged into equal time buckets; null when there is nothing to draw. */
export function chart(name: string, observation: Observation): { source: string; legend: string } | null {
  const sides = SERIES.map((series) => ({ ...series, points: observation[series.side].filter((p) => Number.isFinite(p.value)) }));
  const all = sides.flatMap((side) => side.points);
  if (!all.length) return null;
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
function bucketed(points: readonly Point[], start: number, end: number, count: number): number[] {
  const sums = new Array<number>(count).fill(0);
  const counts = new Array<number>(count).fill(0);
  const span = end - start;
  for (const { time, value } of points) {
    const index = span ? Math.min(count - 1, Math.floor(((time - start) / span) * count)) : 0;
    sums[index] += value;
    counts[index]++;
  }
  const means = sums.map((sum, i) => (counts[i] ? sum / counts[i] : NaN));
  const first = means.find((mean) => !Number.isNaN(mean)) as number;
  let previous = first;
  return means.map((mean) => (Number.isNaN(mean) ? previous : (previous = mean)));
}

/** Four significant digits, never in exponent notation, which Mermaid does not read. */
function plain(value: number): string {
  if (value === 0) return '0';
  const decimals = Math.min(20, Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value)))));
  return value
    .toFixed(decimals)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}
