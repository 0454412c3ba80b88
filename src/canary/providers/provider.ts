import type { Observation } from '../judge.js';
import type { MetricConfig } from '../metrics.js';

/** Wall-clock time and waiting, passed in so that tests of several intervals need not wait real minutes. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** One analysis interval, in milliseconds since the epoch. */
export interface AnalysisInterval {
  start: number;
  end: number;
  /**
   * The default judge's analyses: observe the data after this time (up to
   * `end`) instead of the lookback, so that successive analyses' data do not
   * overlap and add up.
   */
  from?: number;
  /** Query each metric at a step no shorter than its query's range window, so that its points do not overlap. */
  nonOverlapping?: boolean;
  /** Observe the counters of metrics that declare them (`errors`, `total`). */
  counts?: boolean;
}

/**
 * Where the observations of one analysis come from. It is called when the
 * interval starts and returns once the interval is over, observed: the
 * Prometheus provider waits for the interval's end and then queries the
 * lookback that ends there; the HTTP provider spreads its requests over it.
 */
export interface MetricsProvider {
  observe(metrics: readonly MetricConfig[], interval: AnalysisInterval): Promise<Observation[]>;
  /** Points each side of a metric should have in one analysis, when the provider knows; the judge treats far fewer as no data. */
  readonly expectedPoints?: number;
}

export async function sleepUntil(clock: Clock, time: number): Promise<void> {
  const wait = time - clock.now();
  if (wait > 0) await clock.sleep(wait);
}
