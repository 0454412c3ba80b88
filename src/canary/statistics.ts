import { RankSumTest } from './mann-whitney.js';

/** What the report shows of one side's values, after missing values were handled. */
export interface SampleSummary {
  count: number;
  mean: number | null;
  median: number | null;
}

export function summarise(values: readonly number[]): SampleSummary {
  if (values.length === 0) return { count: 0, mean: null, median: null };
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { count: values.length, mean: mean(values), median };
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** canary mean ÷ baseline mean; NaN when either mean is 0, where a ratio says nothing (Kayenta's rule). */
export function meanRatio(baseline: readonly number[], canary: readonly number[]): number {
  const baselineMean = mean(baseline);
  const canaryMean = mean(canary);
  return baselineMean === 0 || canaryMean === 0 ? NaN : canaryMean / baselineMean;
}

/**
 * The common-language effect size: the chance that a canary value exceeds a
 * baseline value, ties counting half (Vargha and Delaney's A). 0.5 means no
 * difference.
 */
export function commonLanguageEffectSize(baseline: readonly number[], canary: readonly number[]): number {
  const m = canary.length;
  const n = baseline.length;
  const { rankSumX } = new RankSumTest(canary, baseline).ranks(0);
  return (2 * rankSumX - m * (m + 1)) / (2 * n * m);
}
