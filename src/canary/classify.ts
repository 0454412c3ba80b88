import { finiteOrNull, formatNumber } from './format.js';
import { mannWhitney } from './mann-whitney.js';
import { commonLanguageEffectSize, meanRatio, summarise, type SampleSummary } from './statistics.js';

/** Which change is bad: an increase, a decrease, or either. */
export type Direction = 'increase' | 'decrease' | 'either';
/** What becomes of a missing (NaN or infinite) value: dropped, or counted as 0. */
export type NanStrategy = 'remove' | 'replace';
/** How the size of a change is measured against the allowed and critical thresholds. */
export type EffectSizeMeasure = 'mean-ratio' | 'cles';
/** Kayenta's metric classes. */
export type Classification = 'Pass' | 'High' | 'Low' | 'Nodata' | 'NodataFailMetric';

/** How one metric is judged. Names, meanings and defaults are Kayenta's NetflixACAJudge's. */
export interface ClassifierSettings {
  direction: Direction;
  nanStrategy: NanStrategy;
  /** A critical metric that fails (beyond its critical thresholds) fails the whole canary. */
  critical: boolean;
  /** Missing data counts as a failing metric rather than being left out of the score. */
  mustHaveData: boolean;
  /** The interval must clear tolerance × |estimate| on the bad side. */
  tolerance: number;
  effectSize: EffectSizeMeasure;
  /** A significant increase fails only if the effect size is at least this. */
  allowedIncrease: number;
  /** A significant decrease fails only if the effect size is at most this. */
  allowedDecrease: number;
  /** A failing critical metric fails the canary only if the effect size is at least this (increase)... */
  criticalIncrease: number;
  /** ...or at most this (decrease). */
  criticalDecrease: number;
}

/** Kayenta's judge fixes these: a 98% interval that must clear 25% of the estimate. */
export const DEFAULT_CONFIDENCE = 0.98;
export const DEFAULT_TOLERANCE = 0.25;

/** "No change" in each measure: a mean ratio of 1, or even odds. */
export function neutralEffect(measure: EffectSizeMeasure): number {
  return measure === 'cles' ? 0.5 : 1;
}

export function defaultClassifierSettings(effectSize: EffectSizeMeasure = 'mean-ratio'): ClassifierSettings {
  const neutral = neutralEffect(effectSize);
  return {
    direction: 'either',
    nanStrategy: 'remove',
    critical: false,
    mustHaveData: false,
    tolerance: DEFAULT_TOLERANCE,
    effectSize,
    allowedIncrease: neutral,
    allowedDecrease: neutral,
    criticalIncrease: neutral,
    criticalDecrease: neutral,
  };
}

export interface ComparisonOptions {
  /** Confidence level of the interval for the shift. */
  confidence: number;
  /** Fewer usable points than this on either side counts as no data. */
  minimumPoints?: number;
}

/** One metric's verdict and the numbers behind it; JSON-safe (null where a number is undefined). */
export interface MetricComparison {
  classification: Classification;
  /** This result fails the canary by itself: a critical metric that failed beyond its critical thresholds, or had no data. */
  criticalFailure: boolean;
  reason: string | null;
  baseline: SampleSummary;
  canary: SampleSummary;
  /** Values that were NaN or infinite, per side, before `nanStrategy` applied. */
  missing: { baseline: number; canary: number };
  /** Confidence interval for the shift canary − baseline. */
  interval: { lower: number; upper: number; confidence: number } | null;
  /** Hodges–Lehmann estimate of the shift canary − baseline. */
  estimate: number | null;
  /** canary mean ÷ baseline mean. */
  ratio: number | null;
  /** The configured effect size measure's value. */
  effectSize: number | null;
}

/**
 * Classifies a metric as Kayenta's MannWhitneyClassifier does: High when the
 * canary's shift over the baseline is significant and clears the tolerance,
 * the direction counts increases as bad and the effect size reaches
 * `allowedIncrease`; Low the same way downwards; otherwise Pass.
 */
export function compareMetric(
  baselineValues: readonly number[],
  canaryValues: readonly number[],
  settings: ClassifierSettings,
  options: ComparisonOptions,
): MetricComparison {
  const baselineData = handleMissing(baselineValues, settings.nanStrategy);
  const canaryData = handleMissing(canaryValues, settings.nanStrategy);
  const baseline = baselineData.values;
  const canary = canaryData.values;
  const common = {
    baseline: summarise(baseline),
    canary: summarise(canary),
    missing: { baseline: baselineData.missing, canary: canaryData.missing },
    ratio: baseline.length && canary.length ? finiteOrNull(meanRatio(baseline, canary)) : null,
  };
  const verdict = (classification: Classification, reason: string | null, rest: Partial<MetricComparison> = {}): MetricComparison => ({
    classification,
    criticalFailure: false,
    reason,
    ...common,
    interval: null,
    estimate: null,
    effectSize: null,
    ...rest,
  });

  const shortage = describeShortage(baseline.length, canary.length, options.minimumPoints ?? 1);
  if (shortage) {
    // Kayenta's reading of "replace": missing values are zeros, so a metric
    // with nothing to compare has nothing wrong with it.
    if (settings.nanStrategy === 'replace') return verdict('Pass', `${shortage}; passes under nan-strategy 'replace'`);
    if (settings.mustHaveData && !settings.critical) return verdict('NodataFailMetric', shortage);
    return verdict('Nodata', shortage, { criticalFailure: settings.critical });
  }

  if (sameValues(baseline, canary)) return verdict('Pass', 'canary and baseline data are identical');
  if (new Set([...baseline, ...canary]).size === 1) return verdict('Pass', 'every value on both sides is the same');

  const shift = mannWhitney(canary, baseline, { confidence: options.confidence });
  const effectSize = settings.effectSize === 'cles' ? commonLanguageEffectSize(baseline, canary) : meanRatio(baseline, canary);
  const margin = settings.tolerance * Math.abs(shift.estimate);
  // An effect size that cannot be computed (a mean of 0) does not stop a failure.
  const reaches = (threshold: number, above: boolean) =>
    Number.isNaN(effectSize) || (above ? effectSize >= threshold : effectSize <= threshold);
  const increased = shift.lower > margin;
  const decreased = shift.upper < -margin;
  const increaseIsBad = settings.direction !== 'decrease';
  const decreaseIsBad = settings.direction !== 'increase';
  const high = increaseIsBad && increased && reaches(settings.allowedIncrease, true);
  const low = decreaseIsBad && decreased && reaches(settings.allowedDecrease, false);
  const criticalFailure =
    settings.critical && ((high && reaches(settings.criticalIncrease, true)) || (low && reaches(settings.criticalDecrease, false)));

  const percent = `${Number((options.confidence * 100).toPrecision(4))}%`;
  const measured = `${settings.effectSize === 'cles' ? 'CLES' : 'mean ratio'} ${formatNumber(effectSize)}`;
  const evidence = `shift ${formatNumber(shift.estimate)}, ${percent} interval ${formatNumber(shift.lower)} to ${formatNumber(shift.upper)}, beyond the tolerance ±${formatNumber(margin)}; ${measured}`;
  const detail = {
    interval: { lower: shift.lower, upper: shift.upper, confidence: options.confidence },
    estimate: shift.estimate,
    effectSize: finiteOrNull(effectSize),
    criticalFailure,
  };
  if (high || low) {
    const threshold = high ? `critical-increase ${settings.criticalIncrease}` : `critical-decrease ${settings.criticalDecrease}`;
    const why = `canary ${high ? 'higher' : 'lower'} than baseline: ${evidence}${criticalFailure ? `; critical (${threshold} reached)` : ''}`;
    return verdict(high ? 'High' : 'Low', why, detail);
  }
  if (increased || decreased) {
    const way = increased ? 'higher' : 'lower';
    const excuse = (increased ? increaseIsBad : decreaseIsBad)
      ? `within allowed-${increased ? 'increase' : 'decrease'} ${increased ? settings.allowedIncrease : settings.allowedDecrease}`
      : `direction '${settings.direction}' lets it pass`;
    return verdict('Pass', `canary ${way} than baseline (${evidence}), ${excuse}`, detail);
  }
  return verdict('Pass', null, detail);
}

function handleMissing(values: readonly number[], strategy: NanStrategy): { values: number[]; missing: number } {
  const kept: number[] = [];
  let missing = 0;
  for (const value of values) {
    if (Number.isFinite(value)) kept.push(value);
    else {
      missing++;
      if (strategy === 'replace') kept.push(0);
    }
  }
  return { values: kept, missing };
}

function describeShortage(baselineCount: number, canaryCount: number, minimum: number): string | null {
  const short = (side: string, count: number) =>
    count === 0 ? `no ${side} data` : count < minimum ? `${side} had ${count} points, at least ${minimum} needed` : null;
  const problems = [short('baseline', baselineCount), short('canary', canaryCount)].filter(Boolean);
  return problems.length ? problems.join('; ') : null;
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const sortedA = Float64Array.from(a).sort();
  const sortedB = Float64Array.from(b).sort();
  return sortedA.every((value, i) => value === sortedB[i]);
}
