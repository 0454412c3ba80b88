import type { ClassifierSettings, Classification, MetricComparison } from './classify.js';
import { dependentMeanTest, dependentRankTest, smallestRankP, type TimedValue } from './dependence.js';
import { mannWhitney } from './mann-whitney.js';
import { finiteOrNull, formatNumber } from './format.js';
import { compareRates, rateRatioInterval, type EventCounts } from './rate-test.js';
import { commonLanguageEffectSize, meanRatio, summarise } from './statistics.js';

/** Each side's event counts over the span judged, when the metric declares them. */
export interface SideCounts {
  baseline: EventCounts;
  canary: EventCounts;
}

export interface TestedComparison extends MetricComparison {
  /** Which test judged the metric: exact on counts, or the series by ranks or by means. */
  test: 'counts' | 'ranks' | 'means' | null;
  /** The one-sided p-value on the side that came closer to failing. */
  pValue: number | null;
  /** The one-sided level this metric was tested at in this analysis (its share of the false-failure budget). */
  level: number;
  /** The series test's variance inflation for dependence (1: none). */
  inflation: number | null;
  counts: SideCounts | null;
}

export interface TestedOptions {
  /** One-sided level; a metric judged both ways tests each way at half of it. */
  level: number;
  /** Fewer usable points than this on either side counts as no data (series only). */
  minimumPoints?: number;
}

/**
 * The default judge's verdict on one metric: a statistical test at a given
 * level, where Kayenta's classifier uses an interval and a tolerance. Counts,
 * when declared, are tested exactly ({@link compareRates}: errors out of
 * requests); a series by ranks, or by its mean (Welch) where it has too few
 * points for ranks, allowing for dependence between its points.
 * A significant change fails only if its size reaches `allowed-increase`
 * (`allowed-decrease`): for counts the test is then of "the rate ratio is at
 * most allowed-increase", for series the mean ratio (or CLES) must reach it.
 */
export function testMetric(
  baselinePoints: readonly TimedValue[],
  canaryPoints: readonly TimedValue[],
  counts: SideCounts | null,
  settings: ClassifierSettings,
  options: TestedOptions,
): TestedComparison {
  const increaseIsBad = settings.direction !== 'decrease';
  const decreaseIsBad = settings.direction !== 'increase';
  const sideLevel = settings.direction === 'either' ? options.level / 2 : options.level;
  const keep = (points: readonly TimedValue[]) =>
    settings.nanStrategy === 'replace'
      ? points.map((p) => (Number.isFinite(p.value) ? p : { time: p.time, value: 0 }))
      : points.filter((p) => Number.isFinite(p.value));
  const baseline = keep(baselinePoints);
  const canary = keep(canaryPoints);
  const missing = {
    baseline: baselinePoints.length - baselinePoints.filter((p) => Number.isFinite(p.value)).length,
    canary: canaryPoints.length - canaryPoints.filter((p) => Number.isFinite(p.value)).length,
  };
  const values = (points: readonly TimedValue[]) => points.map((p) => p.value);
  const common = {
    baseline: summarise(values(baseline)),
    canary: summarise(values(canary)),
    missing,
    level: options.level,
    counts,
    interval: null,
    estimate: null,
    ratio: baseline.length && canary.length ? finiteOrNull(meanRatio(values(baseline), values(canary))) : null,
    effectSize: null,
    test: null,
    pValue: null,
    inflation: null,
  };
  const verdict = (classification: Classification, reason: string | null, rest: Partial<TestedComparison> = {}): TestedComparison => ({
    classification,
    criticalFailure: false,
    reason,
    ...common,
    ...rest,
  });
  const noData = (shortage: string): TestedComparison => {
    if (settings.nanStrategy === 'replace') return verdict('Pass', `${shortage}; passes under nan-strategy 'replace'`);
    if (settings.mustHaveData && !settings.critical) return verdict('NodataFailMetric', shortage);
    return verdict('Nodata', shortage, { criticalFailure: settings.critical });
  };
  const decide = (pGreater: number, pLess: number, effect: number, evidence: string, rest: Partial<TestedComparison>): TestedComparison => {
    const reaches = (threshold: number, above: boolean) => Number.isNaN(effect) || (above ? effect >= threshold : effect <= threshold);
    const high = increaseIsBad && pGreater <= sideLevel && reaches(settings.allowedIncrease, true);
    const low = decreaseIsBad && pLess <= sideLevel && reaches(settings.allowedDecrease, false);
    const pValue = increaseIsBad && (!decreaseIsBad || pGreater <= pLess) ? pGreater : pLess;
    const criticalFailure =
      settings.critical && ((high && reaches(settings.criticalIncrease, true)) || (low && reaches(settings.criticalDecrease, false)));
    const detail = { ...rest, pValue, criticalFailure, effectSize: finiteOrNull(effect) };
    const at = `p ${formatP(high || !low ? pGreater : pLess)} at level ${formatP(sideLevel)}`;
    if (high || low) {
      const way = high ? 'higher' : 'lower';
      const threshold = high ? `critical-increase ${settings.criticalIncrease}` : `critical-decrease ${settings.criticalDecrease}`;
      return verdict(
        high ? 'High' : 'Low',
        `canary ${way} than baseline: ${evidence}, ${at}${criticalFailure ? `; critical (${threshold} reached)` : ''}`,
        detail,
      );
    }
    const significantUp = pGreater <= sideLevel;
    const significantDown = pLess <= sideLevel;
    if (significantUp || significantDown) {
      const way = significantUp ? 'higher' : 'lower';
      const excuse = (significantUp ? increaseIsBad : decreaseIsBad)
        ? `within allowed-${significantUp ? 'increase' : 'decrease'} ${significantUp ? settings.allowedIncrease : settings.allowedDecrease}`
        : `direction '${settings.direction}' lets it pass`;
      return verdict('Pass', `canary ${way} than baseline (${evidence}, ${at}), ${excuse}`, detail);
    }
    return verdict('Pass', null, detail);
  };

  if (counts) {
    const short = (side: string, c: EventCounts) => (c.total > 0 ? null : `no ${side} ${c.total === 0 ? 'traffic' : 'counts'}`);
    const shortage = [short('baseline', counts.baseline), short('canary', counts.canary)].filter(Boolean).join('; ');
    if (shortage) return noData(shortage);
    const summaryOf = (c: EventCounts) => ({ count: c.total, mean: c.events / c.total, median: null });
    const countCommon = { baseline: summaryOf(counts.baseline), canary: summaryOf(counts.canary) };
    const rounded = (c: EventCounts): EventCounts => ({ events: Math.round(c.events), total: c.total });
    const b = rounded(counts.baseline);
    const c = rounded(counts.canary);
    if (b.events + c.events === 0) return verdict('Pass', 'no events on either side', { ...countCommon, test: 'counts' });
    const ratio0Up = settings.effectSize === 'mean-ratio' ? Math.max(1, settings.allowedIncrease) : 1;
    const ratio0Down = settings.effectSize === 'mean-ratio' ? Math.min(1, settings.allowedDecrease) : 1;
    const up = compareRates(b, c, ratio0Up);
    const down = compareRates(b, c, ratio0Down);
    const interval = rateRatioInterval(b, c, 1 - 2 * sideLevel);
    const evidence = `${c.events} of ${c.total} against ${b.events} of ${b.total}, rate ratio ${formatNumber(up.ratio)} (${formatNumber(interval.lower)} to ${formatNumber(interval.upper)})`;
    // The ratio's threshold is in the test itself; the effect passed on is only reported.
    const reported = settings.effectSize === 'mean-ratio' ? NaN : 0.5;
    const result = decide(up.pGreater, down.pLess, reported, evidence, {
      ...countCommon,
      test: 'counts',
      ratio: finiteOrNull(up.ratio),
      estimate: finiteOrNull(up.ratio),
      interval: { lower: interval.lower, upper: finiteOrNull(interval.upper) ?? Number.MAX_VALUE, confidence: 1 - 2 * sideLevel },
    });
    return { ...result, effectSize: finiteOrNull(up.ratio) };
  }

  const minimum = options.minimumPoints ?? 1;
  const short = (side: string, n: number) =>
    n === 0 ? `no ${side} data` : n < minimum ? `${side} had ${n} points, at least ${minimum} needed` : null;
  const shortage = [short('baseline', baseline.length), short('canary', canary.length)].filter(Boolean).join('; ');
  if (shortage) return noData(shortage);
  if (new Set([...values(baseline), ...values(canary)]).size === 1) return verdict('Pass', 'every value on both sides is the same');
  const fewest = Math.min(baseline.length, canary.length);
  if (fewest < 2) {
    return noData(
      `${fewest} point a side cannot show a difference: a lookback of several of the query's range windows, or a shorter window, gives more`,
    );
  }

  const effect =
    settings.effectSize === 'cles'
      ? commonLanguageEffectSize(values(baseline), values(canary))
      : meanRatio(values(baseline), values(canary));
  const measured = `${settings.effectSize === 'cles' ? 'CLES' : 'mean ratio'} ${formatNumber(effect)}`;
  const points = `${canary.length} / ${baseline.length} points`;
  const dependence = (inflation: number) => (inflation > 1.005 ? `, variance ×${formatNumber(inflation)} for dependence` : '');
  // Ranks where the sizes let them reach the level: robust to the steps and
  // outliers of histogram quantiles. Means (Welch) at the fewer points where
  // ranks cannot (4 a side at 0.005; 5 a side at the levels of repeated looks).
  // The choice depends on the sizes alone, so either test keeps its level.
  if (smallestRankP(canary.length, baseline.length) <= sideLevel / RANK_MARGIN) {
    const ranks = dependentRankTest(baseline, canary);
    const shift = mannWhitney(values(canary), values(baseline), { confidence: 0.5 });
    const evidence = `ranks: shift ${formatNumber(shift.estimate)}, ${measured}, ${points}${dependence(ranks.inflation)}`;
    return decide(ranks.pGreater, ranks.pLess, effect, evidence, { test: 'ranks', estimate: shift.estimate, inflation: ranks.inflation });
  }
  const means = dependentMeanTest(baseline, canary);
  const evidence = `means ${formatNumber(common.canary.mean)} against ${formatNumber(common.baseline.mean)}, ${measured}, ${points}${dependence(means.inflation)}`;
  return decide(means.pGreater, means.pLess, effect, evidence, { test: 'means', estimate: means.difference, inflation: means.inflation });
}

/** Ranks judge a metric when all of one side beyond the other would give a p-value at least this many times below the level. */
export const RANK_MARGIN = 1;

function formatP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
