import { parse } from 'yaml';
import { InputError } from '../action/errors.js';
import {
  defaultClassifierSettings,
  type ClassifierSettings,
  type Direction,
  type EffectSizeMeasure,
  type NanStrategy,
} from './classify.js';

/** One metric of the `metrics` input. */
export interface MetricConfig extends ClassifierSettings {
  name: string;
  /** The provider's query; `{{track}}`, `{{name}}` and `{{namespace}}` are filled in per side. */
  query: string | undefined;
  /** Metrics are scored by group; a metric without one is a group of its own. */
  group: string;
  /** The group's share of the score in percent (Kayenta's group weights). */
  weight: number | undefined;
  /** What the values measure, for people reading the summary: 's', 'ms', 'ratio' (shown as %), '%', or any word. */
  unit?: string;
  /**
   * Counter selectors whose increases are the metric's events and their
   * total (errors and requests): the default judge then tests the counts
   * exactly instead of the `query`'s series.
   */
  counts?: { errors: string; total: string };
}

/** What a query's placeholders stand for, for one side of the comparison. */
export interface QueryVariables {
  /** The `canary-track` or `baseline-track` value. */
  track: string;
  /** The workload's name. */
  name: string;
  namespace: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;
const PLACEHOLDERS: readonly (keyof QueryVariables)[] = ['track', 'name', 'namespace'];

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
export function defaultMetrics(): MetricConfig[] {
  const base = defaultClassifierSettings();
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
export function renderQuery(query: string, variables: QueryVariables): string {
  return query.replace(PLACEHOLDER, (_, key: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(key)) {
      throw new InputError('metrics', `unknown placeholder {{${key}}} in query '${query}'`, placeholderForm());
    }
    return variables[key as keyof QueryVariables].replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n');
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
] as const;

export interface ParseMetricsOptions {
  /** Whether every metric needs a `query` (the Prometheus provider does; the HTTP one does not). */
  requireQuery?: boolean;
}

/**
 * Reads the `metrics` input: a YAML list of metrics, each a mapping of the
 * keys above. Empty input gives {@link defaultMetrics}.
 */
export function parseMetrics(text: string, { requireQuery = true }: ParseMetricsOptions = {}): MetricConfig[] {
  if (!text.trim()) return defaultMetrics();
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const problem = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InputError('metrics', `is not valid YAML: ${problem}`, LIST_FORM);
  }
  if (!Array.isArray(document) || document.length === 0) {
    throw new InputError('metrics', 'is not a list of metrics', LIST_FORM);
  }
  const metrics = document.map((entry, index) => parseMetric(entry, index, requireQuery));
  const seen = new Set<string>();
  for (const metric of metrics) {
    if (seen.has(metric.name)) throw new InputError('metrics', `metric '${metric.name}' is listed twice`, 'unique names');
    seen.add(metric.name);
  }
  groupWeights(metrics);
  return metrics;
}

const LIST_FORM = 'a YAML list of metrics, e.g. "- name: error-rate\\n  query: …\\n  direction: increase"';

function parseMetric(entry: unknown, index: number, requireQuery: boolean): MetricConfig {
  let where = `metric ${index + 1}`;
  const fail = (problem: string, expected?: string): never => {
    throw new InputError('metrics', `${where}: ${problem}`, expected);
  };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return fail('is not a mapping', 'keys such as name, query, direction');
  }
  const fields = entry as Record<string, unknown>;
  if (typeof fields.name === 'string' && fields.name.trim()) where += ` ('${fields.name.trim()}')`;
  for (const key of Object.keys(fields)) {
    if (!(KEYS as readonly string[]).includes(key)) fail(`unknown key '${key}'`, `keys among ${KEYS.join(', ')}`);
  }

  const text = (key: string): string | undefined => {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !value.trim()) fail(`'${key}' is not a non-empty string`);
    return (value as string).trim();
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = text(key);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) fail(`'${key}' is '${value}'`, `one of ${allowed.join(', ')}`);
    return value as T;
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const value = fields[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return fail(`'${key}' is '${String(value)}'`, 'true or false');
  };
  const number = (key: string, check: (n: number) => boolean, expected: string): number | undefined => {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
      fail(`'${key}' is '${String(value)}'`, expected);
    }
    return value as number;
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
  ] as const) {
    if (value === undefined) continue;
    for (const [, placeholder] of value.matchAll(PLACEHOLDER)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(placeholder))
        fail(`'${key}' uses unknown placeholder {{${placeholder}}}`, placeholderForm());
    }
    if (key !== 'query' && !isCounterSelector(value)) fail(`'${key}' is '${value}', not a counter selector`, COUNTS_FORM);
  }
  const effectSize = oneOf<EffectSizeMeasure>('effect-size', ['mean-ratio', 'cles'], 'mean-ratio');
  const defaults = defaultClassifierSettings(effectSize);
  const threshold = (key: string, fallback: number): number =>
    effectSize === 'cles'
      ? (number(key, (n) => n >= 0 && n <= 1, 'a probability between 0 and 1 (effect-size cles)') ?? fallback)
      : (number(key, (n) => n > 0, 'a ratio of means above 0, e.g. 1.2 for +20%') ?? fallback);

  return {
    name,
    query,
    direction: oneOf<Direction>('direction', ['increase', 'decrease', 'either'], defaults.direction),
    nanStrategy: oneOf<NanStrategy>('nan-strategy', ['remove', 'replace'], defaults.nanStrategy),
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

const COUNTS_FORM =
  'counter selectors for both errors and total, e.g. errors: http_requests_total{track="{{track}}", code=~"5.."} and total: http_requests_total{track="{{track}}"}';

/** A metric name with optional label matchers, or label matchers alone: what `[range]` can follow. */
export function isCounterSelector(text: string): boolean {
  const plain = text.replace(PLACEHOLDER, 'x').trim();
  return /^(?:[A-Za-z_:][\w:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})$/.test(plain);
}

function placeholderForm(): string {
  return `placeholders among ${PLACEHOLDERS.map((key) => `{{${key}}}`).join(', ')}`;
}

/**
 * Each group's weight, from its metrics' `weight`. Metrics of one group must
 * not disagree, and weighted groups must leave something of 100 for the
 * unweighted ones, which share the rest equally (Kayenta's rule).
 */
export function groupWeights(metrics: readonly Pick<MetricConfig, 'name' | 'group' | 'weight'>[]): Map<string, number> {
  const weights = new Map<string, number>();
  const groups = new Set<string>();
  for (const { name, group, weight } of metrics) {
    groups.add(group);
    if (weight === undefined) continue;
    const known = weights.get(group);
    if (known !== undefined && known !== weight) {
      throw new InputError(
        'metrics',
        `metric '${name}' gives group '${group}' weight ${weight}, another metric gave ${known}`,
        'one weight per group',
      );
    }
    weights.set(group, weight);
  }
  const unweighted = [...groups].filter((group) => !weights.has(group));
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  if (unweighted.length && weights.size && total >= 100) {
    throw new InputError(
      'metrics',
      `the weights given add up to ${total}, leaving nothing for ${unweighted.map((g) => `'${g}'`).join(', ')}`,
      'weights that add up to less than 100 when some groups have none, or a weight for every group',
    );
  }
  return weights;
}
