import { normalUpperTail, studentUpperTail } from './distributions.js';
import { RankSumTest } from './mann-whitney.js';
import { normalQuantile } from './normal.js';

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

const DURATION_UNITS: Record<string, number> = {
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
export function longestRangeWindowMs(query: string): number {
  let longest = 0;
  for (const [, range] of query.matchAll(/\[\s*((?:\d+(?:ms|[smhdwy]))+)\s*(?::[^\]]*)?\]/g)) {
    let ms = 0;
    for (const [, amount, unit] of range.matchAll(/(\d+)(ms|[smhdwy])/g)) ms += Number(amount) * DURATION_UNITS[unit];
    longest = Math.max(longest, ms);
  }
  return longest;
}

/**
 * The step at which a query's points do not overlap: its longest range
 * window, or the asked step when that is longer; never so short that the span
 * holds more than `maxPoints` points.
 */
export function nonOverlappingStepMs(query: string, stepMs: number, spanMs: number, maxPoints = 11_000): number {
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
export function varianceInflation(sides: readonly (readonly number[])[]): number {
  const sizes = sides.map((side) => side.length);
  const n = Math.min(...sizes);
  // Below this, autocorrelations estimated from a side are noise: they would
  // only take power from the test at random, never find real dependence.
  if (n < MIN_POINTS_FOR_DEPENDENCE) return 1;
  const lags = Math.max(1, Math.floor(4 * (n / 100) ** (2 / 9)));
  const autocovariance = new Float64Array(lags + 1);
  for (const side of sides) {
    const mean = side.reduce((sum, r) => sum + r, 0) / side.length;
    for (let j = 0; j <= lags; j++) {
      for (let t = j; t < side.length; t++) autocovariance[j] += (side[t] - mean) * (side[t - j] - mean);
    }
  }
  if (autocovariance[0] === 0) return 1;
  let kernel = 1;
  for (let j = 1; j <= lags; j++) kernel += 2 * (1 - j / (lags + 1)) * (autocovariance[j] / autocovariance[0]);
  // A slow drift makes the autocorrelations decay slowly, beyond what a short
  // kernel sees; an AR(1) fit, its lag-1 estimate corrected for its downward
  // bias in short series (Kendall's (1 + 3ρ)/n), extrapolates that decay.
  const lagOne = autocovariance[1] / autocovariance[0];
  const rho = Math.min(0.9, Math.max(0, lagOne + (1 + 3 * lagOne) / n));
  const autoregressive = (1 + rho) / (1 - rho);
  // A drift under noise: autocorrelations c·φᵏ (an AR(1) seen through white
  // noise), whose decay φ = ρ₂ ÷ ρ₁ the lag-1 fit alone takes for faster.
  let drifting = 1;
  if (n >= MIN_POINTS_FOR_DEPENDENCE) {
    const second = Math.max(0, sideAutocorrelation(sides, 2) + 1 / n);
    const first = Math.max(0, lagOne + 1 / n);
    const decay = first > 0 ? Math.min(0.9, second / first) : 0;
    if (decay > 0) drifting = 1 + (2 * first) / (1 - decay);
  }
  return Math.min(Math.max(1, kernel, autoregressive, drifting), n);
}

/** Fewer points a side than this, and dependence is not estimated (the inflation is 1). */
export const MIN_POINTS_FOR_DEPENDENCE = 8;

/** The lag-k autocorrelation pooled over the sides, each centred on its own mean. */
function sideAutocorrelation(sides: readonly (readonly number[])[], lag: number): number {
  let covariance = 0;
  let variance = 0;
  for (const side of sides) {
    const mean = side.reduce((sum, v) => sum + v, 0) / side.length;
    for (let t = 0; t < side.length; t++) {
      variance += (side[t] - mean) ** 2;
      if (t >= lag) covariance += (side[t] - mean) * (side[t - lag] - mean);
    }
  }
  return variance ? covariance / variance : 0;
}

/** A value of a series, in time order. */
export interface TimedValue {
  time: number;
  value: number;
}

export interface RankTestResult {
  /** One-sided p-values: canary higher than baseline, and lower. */
  pGreater: number;
  pLess: number;
  /** The variance inflation applied (1: none). */
  inflation: number;
}

/**
 * The Wilcoxon–Mann–Whitney rank-sum test of canary against baseline, with
 * the tie-corrected normal approximation and continuity correction (as
 * `wilcox.test(exact = FALSE, correct = TRUE)`), its variance inflated by
 * {@link varianceInflation} of each side's ranks in time order.
 */
export function dependentRankTest(baseline: readonly TimedValue[], canary: readonly TimedValue[]): RankTestResult {
  const test = new RankSumTest(
    canary.map((p) => p.value),
    baseline.map((p) => p.value),
  );
  const nc = canary.length;
  const nb = baseline.length;
  const { rankSumX, tieTerm } = test.ranks(0);
  const centred = rankSumX - (nc * (nc + 1)) / 2 - (nc * nb) / 2;
  const sigma = Math.sqrt(((nc * nb) / 12) * (nc + nb + 1 - tieTerm / ((nc + nb) * (nc + nb - 1))));
  const inflation = varianceInflation([ranksInTimeOrder(baseline, canary), ranksInTimeOrder(canary, baseline)]);
  if (tieTerm === 0 && nc <= EXACT_RANK_LIMIT && nb <= EXACT_RANK_LIMIT) {
    // Few points and no ties: the permutation distribution itself, as
    // wilcox.test(exact = TRUE), its z-score shrunk by the dependence found.
    const pairsAbove = rankSumX - (nc * (nc + 1)) / 2;
    const inflated = (p: number) => (inflation === 1 ? p : normalUpperTail(-normalQuantile(p) / Math.sqrt(inflation)));
    return {
      pGreater: inflated(rankSumUpperTail(nc, nb, pairsAbove)),
      pLess: inflated(rankSumUpperTail(nc, nb, nc * nb - pairsAbove)),
      inflation,
    };
  }
  const scale = sigma * Math.sqrt(inflation);
  const pOf = (z: number) => (scale > 0 ? normalUpperTail(z) : 0.5);
  return {
    pGreater: pOf((centred - 0.5) / scale),
    pLess: pOf((-centred - 0.5) / scale),
    inflation,
  };
}

/** Midranks of `side`'s values in the pooled sample, in `side`'s time order. */
function ranksInTimeOrder(side: readonly TimedValue[], other: readonly TimedValue[]): number[] {
  const pooled = Float64Array.from([...side, ...other].map((p) => p.value)).sort();
  const rankOf = (value: number): number => {
    let low = 0;
    let high = pooled.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pooled[middle] < value) low = middle + 1;
      else high = middle;
    }
    let end = low;
    while (end < pooled.length && pooled[end] === value) end++;
    return (low + 1 + end) / 2;
  };
  return [...side].sort((a, b) => a.time - b.time).map((p) => rankOf(p.value));
}

/**
 * The smallest one-sided p-value the rank test can give with these sizes,
 * every canary value beyond every baseline value: what decides, from the
 * sizes alone, whether ranks can show a difference at a level.
 */
export function smallestRankP(nc: number, nb: number): number {
  if (nc <= EXACT_RANK_LIMIT && nb <= EXACT_RANK_LIMIT) return rankSumUpperTail(nc, nb, nc * nb);
  const sigma = Math.sqrt(((nc * nb) / 12) * (nc + nb + 1));
  return normalUpperTail(((nc * nb) / 2 - 0.5) / sigma);
}

/** Up to this many points a side (and without ties), the rank test's p-value is exact rather than approximate. */
export const EXACT_RANK_LIMIT = 20;

const rankSumCounts = new Map<string, Float64Array>();

/**
 * P(U ≥ u) for the Mann–Whitney U (pairs in which the first sample's value is
 * the larger) of samples of m and n values without ties, under "no
 * difference": the share of the C(m + n, m) equally likely orderings, counted
 * by the recursion c(m, n, u) = c(m − 1, n, u − n) + c(m, n − 1, u) (R's
 * pwilcox).
 */
export function rankSumUpperTail(m: number, n: number, u: number): number {
  const key = `${m} ${n}`;
  let counts = rankSumCounts.get(key);
  if (!counts) {
    // Rows of c(i, j, ·) for j = 0..n, built up over i.
    let row: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
    for (let i = 1; i <= m; i++) {
      const next: Float64Array[] = [Float64Array.of(1)];
      for (let j = 1; j <= n; j++) {
        const c = new Float64Array(i * j + 1);
        const fromLeft = row[j]; // c(i − 1, j, u − j)
        for (let v = 0; v < fromLeft.length; v++) c[v + j] += fromLeft[v];
        const fromBelow = next[j - 1]; // c(i, j − 1, u)
        for (let v = 0; v < fromBelow.length; v++) c[v] += fromBelow[v];
        next.push(c);
      }
      row = next;
    }
    counts = row[n];
    rankSumCounts.set(key, counts);
  }
  let total = 0;
  let above = 0;
  for (let v = 0; v < counts.length; v++) {
    total += counts[v];
    if (v >= u) above += counts[v];
  }
  return above / total;
}

export interface MeanTestResult {
  /** One-sided p-values: canary mean higher than baseline's, and lower. */
  pGreater: number;
  pLess: number;
  /** canary mean − baseline mean. */
  difference: number;
  /** The variance inflation applied to both sides' means (1: none). */
  inflation: number;
  /** Welch–Satterthwaite degrees of freedom, from the effective sizes. */
  degreesOfFreedom: number;
}

/**
 * Welch's t-test of the canary's mean against the baseline's, each side's
 * variance of its mean inflated by {@link varianceInflation} of the values in
 * time order, and the degrees of freedom taken from the effective sizes
 * n ÷ inflation. With a handful of points a side — what a short lookback of
 * non-overlapping windows gives — a t-test can show a clear shift where a
 * rank test cannot reach the level at all ({@link smallestRankP}).
 */
export function dependentMeanTest(baseline: readonly TimedValue[], canary: readonly TimedValue[]): MeanTestResult {
  const ordered = (points: readonly TimedValue[]) => [...points].sort((a, b) => a.time - b.time).map((p) => p.value);
  const b = ordered(baseline);
  const c = ordered(canary);
  const inflation = varianceInflation([b, c]);
  const moments = (values: number[]) => {
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const variance = values.length > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1) : 0;
    return { mean, squaredError: (variance * inflation) / values.length, effective: values.length / inflation };
  };
  const mb = moments(b);
  const mc = moments(c);
  const difference = mc.mean - mb.mean;
  const squaredError = mb.squaredError + mc.squaredError;
  if (!(squaredError > 0)) {
    const p = (up: boolean) => (difference === 0 ? 0.5 : difference > 0 === up ? 0 : 1);
    return { pGreater: p(true), pLess: p(false), difference, inflation, degreesOfFreedom: Infinity };
  }
  const part = (m: { squaredError: number; effective: number }) => (m.effective > 1 ? m.squaredError ** 2 / (m.effective - 1) : 0);
  const denominator = part(mb) + part(mc);
  const degreesOfFreedom = denominator > 0 ? Math.max(1, squaredError ** 2 / denominator) : 1;
  const t = difference / Math.sqrt(squaredError);
  return {
    pGreater: studentUpperTail(t, degreesOfFreedom),
    pLess: studentUpperTail(-t, degreesOfFreedom),
    difference,
    inflation,
    degreesOfFreedom,
  };
}
