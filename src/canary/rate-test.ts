import { betaRegularized, binomialLowerTail, binomialUpperTail } from './distributions.js';
import { findRoot } from './root.js';

/** Events out of a total: errors out of requests, over the span a side was observed. */
export interface EventCounts {
  events: number;
  total: number;
}

export interface RateComparison {
  /** The canary's event rate ÷ the baseline's; NaN when the baseline had no event and the canary none either. */
  ratio: number;
  /** P-value of "the canary's rate is at most `ratio0` times the baseline's" (one-sided, greater). */
  pGreater: number;
  /** P-value of "the canary's rate is at least `ratio0` times the baseline's" (one-sided, less). */
  pLess: number;
}

/**
 * The exact conditional test of two Poisson rates, R's
 * `poisson.test(c(canary.events, baseline.events), c(canary.total, baseline.total), r = ratio0)`:
 * given the events of both sides together, the canary's share is
 * Binomial(events, π₀) with π₀ = r·Tc ÷ (r·Tc + Tb) when the rate ratio is r.
 * With errors among requests it is exact when errors are a small share of the
 * requests and conservative otherwise (a binomial count varies less than a
 * Poisson count of the same mean), so it never overstates a difference.
 */
export function compareRates(baseline: EventCounts, canary: EventCounts, ratio0 = 1): RateComparison {
  for (const [side, counts] of [
    ['baseline', baseline],
    ['canary', canary],
  ] as const) {
    if (!(counts.events >= 0 && counts.total > 0 && Number.isInteger(counts.events))) {
      throw new RangeError(`${side} counts ${counts.events} of ${counts.total} are not events of a positive total`);
    }
  }
  if (!(ratio0 > 0)) throw new RangeError(`rate ratio ${ratio0} is not positive`);
  const n = canary.events + baseline.events;
  const share = (ratio0 * canary.total) / (ratio0 * canary.total + baseline.total);
  const ratio = canary.events / canary.total / (baseline.events / baseline.total);
  return {
    ratio: n === 0 ? NaN : ratio,
    pGreater: binomialUpperTail(canary.events, n, share),
    pLess: binomialLowerTail(canary.events, n, share),
  };
}

/**
 * The exact (Clopper–Pearson) confidence interval for the rate ratio, as
 * `poisson.test` gives it: the interval for the canary's binomial share of
 * the events, mapped to a ratio.
 */
export function rateRatioInterval(baseline: EventCounts, canary: EventCounts, confidence: number): { lower: number; upper: number } {
  const x = canary.events;
  const n = canary.events + baseline.events;
  const alpha = 1 - confidence;
  const exposure = baseline.total / canary.total;
  const toRatio = (p: number) => (p / (1 - p)) * exposure;
  // Clopper–Pearson: the share p at which P(X ≥ x) = α/2 (lower end) and P(X ≤ x) = α/2 (upper end).
  const lowerShare = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upperShare = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return { lower: toRatio(lowerShare), upper: upperShare === 1 ? Infinity : toRatio(upperShare) };
}

function betaQuantile(p: number, a: number, b: number): number {
  const f = (x: number) => betaRegularized(x, a, b) - p;
  return findRoot(f, 0, 1, f(0), f(1), 1e-12);
}

/**
 * How much a counter grew over a series of its samples, as Prometheus's
 * `increase` counts it but without extrapolation: the sum of the rises
 * between consecutive samples, a fall being a reset from 0 (a restarted
 * process), so the value after it is all new.
 */
export function counterIncrease(values: readonly number[]): number {
  let increase = 0;
  for (let i = 1; i < values.length; i++) {
    const previous = values[i - 1];
    const value = values[i];
    if (!Number.isFinite(previous) || !Number.isFinite(value)) continue;
    increase += value >= previous ? value - previous : value;
  }
  return increase;
}
