import { formatTally, percentile, type CheckResult } from './check.js';
import { rawLoadClient } from './load-client.js';
import { describeMiss, formatFigure, formatPercent, holds, type LoadMetric, type Threshold } from './thresholds.js';
import { resolutionHint, type Target } from './urls.js';

export interface LoadSettings {
  target: Target;
  method: string;
  /** Stop after this many requests (closed model, `concurrency` at a time). */
  requests?: number;
  /** Stop starting requests after this long. */
  durationMs?: number;
  /** Start requests at this pace (open model), at most `concurrency` in flight. */
  ratePerSecond?: number;
  concurrency: number;
  timeoutMs: number;
  thresholds: Threshold[];
}

/** One request's outcome: a status, or why there was none. */
export interface LoadSample {
  status?: number;
  error?: string;
  /** No connection could be made or it was cut. */
  connection?: boolean;
}

export interface LoadClient {
  send(): Promise<LoadSample>;
  close(): void;
}

export interface LoadRun {
  /** Latencies of answered requests, sorted, in ms. */
  latencies: Float64Array;
  requests: number;
  errors: number;
  /** Requests that could not connect. */
  unreachable: number;
  statuses: [string, number][];
  /** Why requests failed, most frequent first. */
  problems: [string, number][];
  /** From the first request's start to the last answer. */
  elapsedMs: number;
}

export interface LoadDeps {
  client?: LoadClient;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends the load: `concurrency` workers, each sending as soon as its last answer came (or at the rate's next slot). */
export async function generateLoad(settings: LoadSettings, client: LoadClient, deps: LoadDeps = {}): Promise<LoadRun> {
  const { now = () => performance.now(), sleep = realSleep, signal } = deps;
  const { requests, durationMs, ratePerSecond, concurrency } = settings;
  let latencies = new Float64Array(requests ?? 1024);
  let count = 0;
  let errors = 0;
  let unreachable = 0;
  let started = 0;
  let lastAnswer = 0;
  const statuses: Record<string, number> = {};
  const problems: Record<string, number> = {};
  const begin = now();

  const worker = async () => {
    for (;;) {
      if (signal?.aborted) return;
      if (requests !== undefined && started >= requests) return;
      const index = started;
      if (ratePerSecond !== undefined) {
        // The slot's offset from the start, compared as it is: (begin + offset) - begin can fall a hair short.
        const offset = (index * 1000) / ratePerSecond;
        if (durationMs !== undefined && offset >= durationMs) return;
        const due = begin + offset;
        started++;
        const wait = due - now();
        if (wait > 1) await sleep(wait);
      } else {
        if (durationMs !== undefined && now() - begin >= durationMs) return;
        started++;
      }
      const sent = now();
      const sample = await client.send();
      const answered = now();
      lastAnswer = answered;
      if (sample.status !== undefined) {
        if (count === latencies.length) {
          const grown = new Float64Array(latencies.length * 2);
          grown.set(latencies);
          latencies = grown;
        }
        latencies[count++] = answered - sent;
        const key = String(sample.status);
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (sample.status >= 400) {
          errors++;
          problems[`status ${key}`] = (problems[`status ${key}`] ?? 0) + 1;
        }
      } else {
        errors++;
        if (sample.connection) unreachable++;
        const why = sample.error ?? 'no answer';
        problems[why] = (problems[why] ?? 0) + 1;
        statuses['no answer'] = (statuses['no answer'] ?? 0) + 1;
      }
    }
  };
  const workers = Math.min(concurrency, requests ?? concurrency);
  await Promise.all(Array.from({ length: workers }, worker));
  const answered = latencies.slice(0, count).sort();
  const sortByCount = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1]);
  return {
    latencies: answered,
    requests: started,
    errors,
    unreachable,
    statuses: sortByCount(statuses),
    problems: sortByCount(problems),
    elapsedMs: Math.max(0, (lastAnswer || now()) - begin),
  };
}

export interface LoadFigures {
  requests: number;
  errors: number;
  errorRatio: number;
  rps: number;
  elapsedMs: number;
  latencyMs: Record<'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'mean', number>;
}

export function loadFigures(run: LoadRun): LoadFigures {
  const sum = run.latencies.reduce((total, value) => total + value, 0);
  const ms = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(2)) : NaN);
  return {
    requests: run.requests,
    errors: run.errors,
    errorRatio: run.requests ? run.errors / run.requests : 0,
    rps: run.elapsedMs > 0 ? Number(((run.requests * 1000) / run.elapsedMs).toFixed(1)) : 0,
    elapsedMs: Math.round(run.elapsedMs),
    latencyMs: {
      p50: ms(percentile(run.latencies, 50)),
      p90: ms(percentile(run.latencies, 90)),
      p95: ms(percentile(run.latencies, 95)),
      p99: ms(percentile(run.latencies, 99)),
      max: ms(run.latencies.length ? run.latencies[run.latencies.length - 1] : NaN),
      mean: ms(run.latencies.length ? sum / run.latencies.length : NaN),
    },
  };
}

export function metricValue(figures: LoadFigures, metric: LoadMetric): number {
  if (metric === 'errors') return figures.errorRatio;
  if (metric === 'rps') return figures.rps;
  return figures.latencyMs[metric];
}

/** The load check's verdict: every threshold holds, and the URL was reachable. */
export function judgeLoad(settings: LoadSettings, run: LoadRun): CheckResult {
  const figures = loadFigures(run);
  const misses: string[] = [];
  if (run.requests > 0 && run.unreachable === run.requests) {
    misses.push(
      `input 'load-url': ${settings.target.shown} is unreachable: ${run.problems[0]?.[0] ?? 'no connection'}${resolutionHint(settings.target.url, run.problems[0]?.[0] ?? '')}; expected a URL this runner can reach`,
    );
  } else {
    for (const threshold of settings.thresholds) {
      const actual = metricValue(figures, threshold.metric);
      if (!Number.isFinite(actual) || !holds(threshold, actual))
        misses.push(Number.isFinite(actual) ? describeMiss(threshold, actual) : `${threshold.metric}: no request was answered`);
    }
    if (misses.length && run.errors) misses.push(`errors: ${formatTally(run.problems.slice(0, 3))}`);
  }
  const shape =
    settings.ratePerSecond !== undefined
      ? `${run.requests} requests at ${settings.ratePerSecond}/s`
      : `${run.requests} requests, ${settings.concurrency} at a time`;
  const latency = (['p50', 'p95', 'p99'] as const).map((metric) => `${metric} ${formatFigure(metric, figures.latencyMs[metric])}`);
  return {
    kind: 'load',
    name: `${settings.method} ${settings.target.shown}`,
    verdict: misses.length ? 'failed' : 'passed',
    figures: {
      url: settings.target.shown,
      method: settings.method,
      concurrency: settings.concurrency,
      ...(settings.ratePerSecond !== undefined ? { rate: settings.ratePerSecond } : {}),
      ...figures,
      statuses: Object.fromEntries(run.statuses),
      thresholds: settings.thresholds.map((threshold) => ({
        threshold: threshold.text,
        actual: metricValue(figures, threshold.metric),
        passed: holds(threshold, metricValue(figures, threshold.metric)),
      })),
    },
    shown: [
      shape,
      `${formatFigure('rps', figures.rps)}`,
      Number.isFinite(figures.latencyMs.p50) ? latency.join(', ') : 'no answer',
      `errors ${formatPercent(figures.errorRatio)}`,
    ].join(' · '),
    reason: misses.length ? misses.join('; ') : undefined,
    durationMs: figures.elapsedMs,
  };
}

/** Runs the load test and judges it against the thresholds. */
export async function runLoadCheck(settings: LoadSettings, deps: LoadDeps = {}): Promise<CheckResult> {
  const client = deps.client ?? rawLoadClient(settings.target, settings.method, settings.timeoutMs);
  try {
    return judgeLoad(settings, await generateLoad(settings, client, deps));
  } finally {
    client.close();
  }
}
