import { InputError } from '../../action/errors.js';
import type { Logger } from '../../action/logger.js';
import { defaultClassifierSettings } from '../classify.js';
import type { Observation, Point } from '../judge.js';
import type { MetricConfig } from '../metrics.js';
import { isTimeout, networkProblem } from '../../http/fetch.js';
import { sleepUntil, systemClock, type AnalysisInterval, type Clock, type MetricsProvider } from './provider.js';

/** What the HTTP provider can measure: a metric's `query` names one (or, without a query, its name does). */
export const HTTP_MEASURES = ['error-rate', 'latency'] as const;
export type HttpMeasure = (typeof HTTP_MEASURES)[number];

/** The error ratio's points: each side's requests of one interval are cut into this many batches. */
export const ERROR_RATE_BATCHES = 20;

export function httpMeasure(metric: Pick<MetricConfig, 'name' | 'query'>): HttpMeasure {
  const measure = metric.query ?? metric.name;
  if (!(HTTP_MEASURES as readonly string[]).includes(measure)) {
    throw new InputError(
      'metrics',
      `metric '${metric.name}' measures '${measure}', which the http provider cannot`,
      `a 'query' (or, without one, a name) among ${HTTP_MEASURES.join(', ')}`,
    );
  }
  return measure as HttpMeasure;
}

/** Refuses metrics the provider cannot measure, before any request is sent. */
export function checkHttpMetrics(metrics: MetricConfig[]): MetricConfig[] {
  for (const metric of metrics) httpMeasure(metric);
  return metrics;
}

/**
 * The http provider's metrics when the `metrics` input is empty: the error
 * ratio, critical as in the Prometheus defaults, and the latency in
 * milliseconds; both judge only increases.
 */
export function defaultHttpMetrics(): MetricConfig[] {
  const base = defaultClassifierSettings();
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

export interface HttpProbeOptions {
  canaryUrl: string;
  baselineUrl: string;
  /** Request paths, appended to each URL in turn. */
  paths: readonly string[];
  /** Requests to each side in each interval. */
  requests: number;
  /** Requests in flight at once, both sides together. */
  concurrency: number;
  /** A request not answered (body included) within this counts as an error. */
  timeoutMs: number;
  fetch?: typeof fetch;
  clock?: Clock;
  logger?: Logger;
}

type Side = 'canary' | 'baseline';

interface Outcome {
  side: Side;
  path: string;
  /** When the request was sent, in Unix seconds. */
  time: number;
  /** The HTTP status, absent when no answer came. */
  status?: number;
  latencyMs?: number;
  error?: string;
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
export class HttpProvider implements MetricsProvider {
  constructor(private readonly options: HttpProbeOptions) {}

  async observe(metrics: readonly MetricConfig[], interval: AnalysisInterval): Promise<Observation[]> {
    const outcomes = await this.probe(interval);
    const bySide = (side: Side) => outcomes.filter((outcome) => outcome.side === side);
    const baseline = bySide('baseline');
    const canary = bySide('canary');
    if (!baseline.some((outcome) => outcome.status !== undefined)) {
      const first = baseline[0];
      throw new Error(
        `no request to baseline-url ${this.options.baselineUrl} was answered: ${first ? `${first.path}: ${first.error}` : 'none was sent'}`,
      );
    }
    this.options.logger?.info(`requests: ${describeSide('canary', canary)}; ${describeSide('baseline', baseline)}`);
    return metrics.map((metric) => {
      const measure = httpMeasure(metric) === 'latency' ? latencies : errorRatios;
      return { metric: metric.name, baseline: measure(baseline), canary: measure(canary) };
    });
  }

  private async probe(interval: AnalysisInterval): Promise<Outcome[]> {
    const { paths, requests, concurrency, clock = systemClock } = this.options;
    // Pairs alternate which side goes first, so that neither is always the one to meet a busier moment.
    const plan = Array.from({ length: 2 * requests }, (_, i) => {
      const pair = Math.floor(i / 2);
      const canaryFirst = pair % 2 === 0;
      const side: Side = (i % 2 === 0) === canaryFirst ? 'canary' : 'baseline';
      return { side, path: paths[pair % paths.length] };
    });
    const begin = Math.max(clock.now(), interval.start);
    const spacing = Math.max(0, interval.end - begin) / plan.length;
    const outcomes: Outcome[] = new Array(plan.length);
    let next = 0;
    const worker = async () => {
      while (next < plan.length) {
        const index = next++;
        await sleepUntil(clock, begin + index * spacing);
        outcomes[index] = await this.send(plan[index].side, plan[index].path);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, worker));
    await sleepUntil(clock, interval.end);
    return outcomes;
  }

  private async send(side: Side, path: string): Promise<Outcome> {
    const { fetch: fetchImpl = fetch, timeoutMs, clock = systemClock } = this.options;
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
    } catch (error) {
      const problem = isTimeout(error) ? `no answer within ${timeoutMs} ms` : networkProblem(error);
      return { side, path, time, error: problem };
    }
  }
}

function erred(outcome: Outcome): boolean {
  return outcome.status === undefined || outcome.status >= 500;
}

function errorRatios(outcomes: readonly Outcome[]): Point[] {
  const size = Math.max(1, Math.floor(outcomes.length / ERROR_RATE_BATCHES));
  const points: Point[] = [];
  for (let at = 0; at < outcomes.length; at += size) {
    const batch = outcomes.slice(at, at + size);
    points.push({ time: batch[batch.length - 1].time, value: batch.filter(erred).length / batch.length });
  }
  return points;
}

function latencies(outcomes: readonly Outcome[]): Point[] {
  return outcomes.filter((outcome) => !erred(outcome)).map((outcome) => ({ time: outcome.time, value: outcome.latencyMs as number }));
}

function describeSide(side: Side, outcomes: readonly Outcome[]): string {
  const errors = outcomes.filter(erred);
  const first = errors[0];
  const example = first ? ` (first: ${first.status ?? first.error} on ${first.path})` : '';
  return `${side} ${outcomes.length}, ${errors.length} erred${example}`;
}

/** The base URL's path, then the request path: `http://h/app` + `/health` is `http://h/app/health`. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
