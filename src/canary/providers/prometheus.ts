import type { Logger } from '../../action/logger.js';
import type { Observation, Point } from '../judge.js';
import { nonOverlappingStepMs } from '../dependence.js';
import { renderQuery, type MetricConfig, type QueryVariables } from '../metrics.js';
import { counterIncrease } from '../rate-test.js';
import { isTimeout, networkProblem } from '../../http/fetch.js';
import {
  describeStop,
  describeTries,
  isTransientError,
  transientResponse,
  withRetry,
  type RetryDeps,
  type RetryPolicy,
} from '../../http/retry.js';
import type { Authorization } from '../../http/google-auth.js';
import { sleepUntil, systemClock, type AnalysisInterval, type Clock, type MetricsProvider } from './provider.js';

/** How to reach one Prometheus-compatible HTTP API. */
export interface PrometheusConnection {
  /** The base URL, without credentials, e.g. http://prometheus:9090 or a managed service's Prometheus prefix. */
  url: string;
  /** The whole Authorization header ('Bearer …' or 'Basic …'), or '' for none. */
  authorization?: string;
  /** Headers asked for before each query instead (Google credentials, whose token is refreshed as it expires). */
  authorize?: Authorization;
  /** What to check when the API refuses the credentials; default: prometheus-token. */
  credentialsHint?: string;
  fetch?: typeof fetch;
  /** Per query; default 30 s. */
  timeoutMs?: number;
  /** How a query that met a passing outage is tried again; default PROMETHEUS_RETRY. */
  retryPolicy?: RetryPolicy;
  /** The waits between tries, for tests. */
  retry?: RetryDeps;
  /** Told of each retry, for the job log. */
  logger?: Pick<Logger, 'warning'>;
}

export interface PrometheusOptions extends PrometheusConnection {
  lookbackMs: number;
  stepMs: number;
  /** What `{{track}}`, `{{name}}` and `{{namespace}}` stand for on each side. */
  canary: QueryVariables;
  baseline: QueryVariables;
  clock?: Clock;
  logger?: Logger;
}

/**
 * A query that meets a transient answer (a 503 while Prometheus restarts, a
 * 502 from the proxy before it, a reset) is tried again within about 20 s;
 * longer, and the outage is reported as one.
 */
export const PROMETHEUS_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000, budgetMs: 20_000 };

/** A range query's time span, in Unix seconds as the API takes them. */
export interface Range {
  start: number;
  end: number;
  step: number;
}

export interface Series {
  labels: Record<string, string>;
  points: Point[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Prometheus answered, and refused the query itself (bad PromQL, a failed evaluation). */
export class PrometheusQueryError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    readonly detail: string,
  ) {
    super(`Prometheus rejected the query (${status} ${errorType}): ${detail}`);
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
export class PrometheusProvider implements MetricsProvider {
  readonly expectedPoints: number;

  constructor(private readonly options: PrometheusOptions) {
    this.expectedPoints = Math.floor(options.lookbackMs / options.stepMs) + 1;
  }

  async observe(metrics: readonly MetricConfig[], interval: AnalysisInterval): Promise<Observation[]> {
    const { clock = systemClock, lookbackMs, stepMs } = this.options;
    await sleepUntil(clock, interval.end);
    const from = interval.from ?? interval.end - lookbackMs;
    return Promise.all(
      metrics.map(async (metric): Promise<Observation> => {
        const step = metric.query && interval.nonOverlapping ? nonOverlappingStepMs(metric.query, stepMs, interval.end - from) : stepMs;
        // Data after `from` only: a continuing analysis starts one step after the previous one ended.
        const start = interval.from === undefined ? from : Math.min(from + step, interval.end);
        const range = { start: start / 1000, end: interval.end / 1000, step: step / 1000 };
        const series = async (side: 'canary' | 'baseline') => (metric.query ? this.side(metric, side, metric.query, range) : []);
        // Counters are read from the sample at `from` on, so that successive analyses' increases join up.
        const countRange = { start: from / 1000, end: interval.end / 1000, step: stepMs / 1000 };
        const counted = metric.counts && interval.counts ? metric.counts : undefined;
        const counts = async (side: 'canary' | 'baseline') => {
          if (!counted) return undefined;
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
      }),
    );
  }

  /** How much a counter selector's series grew over the range, summed over its series (each pod's resets counted apart). */
  private async increase(metric: MetricConfig, side: 'canary' | 'baseline', selector: string, range: Range): Promise<number> {
    const result = await this.query(metric, side, selector, range);
    return result.series.reduce((sum, series) => sum + counterIncrease(series.points.map((point) => point.value)), 0);
  }

  private async side(metric: MetricConfig, side: 'canary' | 'baseline', template: string, range: Range): Promise<Point[]> {
    const result = await this.query(metric, side, template, range);
    return result.series.flatMap((series) => series.points).sort((a, b) => a.time - b.time);
  }

  private async query(metric: MetricConfig, side: 'canary' | 'baseline', template: string, range: Range): Promise<QueryResult> {
    const query = renderQuery(template, this.options[side]);
    let result: QueryResult;
    try {
      result = await queryRange(this.options, query, range);
    } catch (error) {
      if (error instanceof PrometheusQueryError) {
        throw new Error(`metric '${metric.name}' (${side}): ${error.message}; the query was: ${query}`, { cause: error });
      }
      throw error;
    }
    for (const warning of result.warnings) this.options.logger?.warning(`metric '${metric.name}' (${side}): Prometheus warns: ${warning}`);
    return result;
  }
}

export interface QueryResult {
  series: Series[];
  warnings: string[];
}

/**
 * One call of `/api/v1/query_range`, POSTed as a form so that long queries
 * fit. Errors say what to change: the URL when nothing answers there, the
 * token when it is refused, the query when Prometheus rejects it.
 */
export async function queryRange(connection: PrometheusConnection, query: string, range: Range): Promise<QueryResult> {
  const { url, authorization, fetch: fetchImpl = fetch, timeoutMs = DEFAULT_TIMEOUT_MS } = connection;
  const endpoint = `${url.replace(/\/+$/, '')}/api/v1/query_range`;
  const body = new URLSearchParams({ query, start: String(range.start), end: String(range.end), step: String(range.step) });
  const authorized = connection.authorize ? await credentials(connection.authorize) : authorization ? { authorization } : {};
  const settled = await withRetry(
    async () => {
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
    },
    connection.retryPolicy ?? PROMETHEUS_RETRY,
    {
      ...connection.retry,
      judge: ({ response }) => transientResponse(response, connection.retry?.now),
      judgeError: transientError,
      onRetry: ({ attempt, of, delayMs, reason }) =>
        connection.logger?.warning(
          `Prometheus at ${url}: ${reason}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`,
        ),
    },
  );
  if (!settled.ok) {
    const { error, tries } = settled;
    if (isTimeout(error)) {
      throw new Error(`prometheus-url ${url} did not answer a query within ${timeoutMs / 1000} s`, { cause: error });
    }
    const repeated = tries.transient ? ` (${describeTries(tries)})` : '';
    throw new Error(`cannot reach prometheus-url ${url}: ${networkProblem(error)}${repeated}`, { cause: error });
  }
  const { response, text } = settled.value;
  if (settled.tries.transient) {
    // Answered, but only ever with "not now": an outage of Prometheus (or of what stands before it), not a wrong URL.
    throw new Error(
      `Prometheus at ${url} is unavailable (${settled.tries.transient.reason} ${describeTries(settled.tries)}${describeStop(settled.tries)}): its metrics are needed to judge the canary`,
    );
  }

  if (response.status === 401 || response.status === 403) {
    const hint = connection.credentialsHint ?? (authorization ? 'check prometheus-token' : 'it wants credentials: set prometheus-token');
    throw new Error(`prometheus-url ${url} refused the query with ${response.status} ${response.statusText}: ${hint}`);
  }
  let document: ApiResponse | undefined;
  try {
    document = JSON.parse(text) as ApiResponse;
  } catch {
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

interface ApiResponse {
  status?: string;
  errorType?: string;
  error?: string;
  warnings?: string[];
  data?: { resultType?: string; result?: { metric?: Record<string, string>; values?: [number, string][] }[] };
}

/** Sample values come as strings, with Go's spelling of the special values. */
export function sampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** The runner's Google credentials, or an error that says how to provide them (asked before the query, and not retried). */
async function credentials(authorize: Authorization): Promise<HeadersInit> {
  try {
    return await authorize();
  } catch (error) {
    throw new Error(
      `no Google credentials to query Cloud Monitoring: ${error instanceof Error ? error.message : String(error)}; run google-github-actions/auth before this step (workload identity federation) or set prometheus-token to an access token`,
      { cause: error },
    );
  }
}

/** A connection reset, refused or timed out: worth another try, within the budget. */
function transientError(error: unknown): { reason: string } | undefined {
  if (!isTransientError(error)) return undefined;
  return { reason: isTimeout(error) ? 'no answer in time' : networkProblem(error) };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '(an empty body)';
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
