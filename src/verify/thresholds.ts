import { InputError } from '../action/errors.js';
import { parseDuration } from '../kube/duration.js';

/** What a load test's thresholds can bound. Latencies are in milliseconds, errors a ratio, rps requests per second. */
export const LOAD_METRICS = ['p50', 'p90', 'p95', 'p99', 'max', 'mean', 'errors', 'rps'] as const;
export type LoadMetric = (typeof LOAD_METRICS)[number];

const ALIASES: Record<string, LoadMetric> = {
  median: 'p50',
  avg: 'mean',
  average: 'mean',
  error: 'errors',
  'error-rate': 'errors',
  error_rate: 'errors',
  'error-ratio': 'errors',
  throughput: 'rps',
  'req/s': 'rps',
};
export type Operator = '<' | '<=' | '>' | '>=';

export interface Threshold {
  metric: LoadMetric;
  operator: Operator;
  /** In the metric's unit: ms, a ratio, or requests per second. */
  value: number;
  /** As written, for messages. */
  text: string;
}

export const THRESHOLD_FORM =
  "lines of METRIC OPERATOR VALUE, e.g. 'p95 < 300ms', 'errors < 1%', 'rps > 50'; METRIC one of p50, p90, p95, p99, max, mean, errors, rps; OPERATOR <, <=, > or >=";

const isLatency = (metric: LoadMetric) => metric !== 'errors' && metric !== 'rps';

/** Reads `load-thresholds` lines; every problem names the line and the form expected. */
export function parseThresholds(lines: readonly string[], input = 'load-thresholds'): Threshold[] {
  return lines.map((line) => {
    const match = /^([A-Za-z0-9_/()-]+)\s*(<=|>=|<|>)\s*(\S.*)$/.exec(line.trim());
    if (!match) throw new InputError(input, `'${line}' is not a threshold`, THRESHOLD_FORM);
    const name = match[1].toLowerCase().replace(/^p\((\d+)\)$/, 'p$1');
    const metric = (LOAD_METRICS as readonly string[]).includes(name) ? (name as LoadMetric) : ALIASES[name];
    if (!metric) throw new InputError(input, `'${line}': '${match[1]}' is not a metric`, THRESHOLD_FORM);
    const operator = match[2] as Operator;
    const valueText = match[3].trim();
    return { metric, operator, value: readValue(metric, valueText, line, input), text: `${metric} ${operator} ${valueText}` };
  });
}

function readValue(metric: LoadMetric, text: string, line: string, input: string): number {
  if (isLatency(metric)) {
    // A bare number is milliseconds, as k6 reads it.
    const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) : parseDuration(text);
    if (ms === undefined) throw new InputError(input, `'${line}': '${text}' is not a duration`, "a duration such as '300ms' or '1.5s'");
    return ms;
  }
  if (metric === 'errors') {
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
    const ratio = percent ? Number(percent[1]) / 100 : /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!(ratio >= 0 && ratio <= 1))
      throw new InputError(
        input,
        `'${line}': '${text}' is not an error ratio`,
        "a percentage such as '1%', or a ratio from 0 to 1 such as '0.01'",
      );
    return ratio;
  }
  const rate = /^(\d+(?:\.\d+)?)\s*(\/s|rps|req\/s)?$/.exec(text);
  if (!rate) throw new InputError(input, `'${line}': '${text}' is not a rate`, "requests per second, such as '50' or '50/s'");
  return Number(rate[1]);
}

/** A figure as a person reads it, with its unit. */
export function formatFigure(metric: LoadMetric, value: number): string {
  if (isLatency(metric)) return formatMs(value);
  if (metric === 'errors') return formatPercent(value);
  return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))} req/s`;
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(3))} s`;
  return `${ms >= 10 ? Math.round(ms) : Number(ms.toPrecision(2))} ms`;
}

export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent === 0 || percent >= 10 ? Math.round(percent) : Number(percent.toPrecision(2))} %`;
}

export function holds(threshold: Threshold, actual: number): boolean {
  switch (threshold.operator) {
    case '<':
      return actual < threshold.value;
    case '<=':
      return actual <= threshold.value;
    case '>':
      return actual > threshold.value;
    case '>=':
      return actual >= threshold.value;
  }
}

/** `p95 412 ms, needs < 300 ms`: what failed and what was asked. */
export function describeMiss(threshold: Threshold, actual: number): string {
  return `${threshold.metric} ${formatFigure(threshold.metric, actual)}, needs ${threshold.operator} ${formatFigure(threshold.metric, threshold.value)}`;
}
