import { InputError } from '../action/errors.js';
import type { Classification } from './classify.js';
import { formatNumber } from './format.js';

export type Decision = 'pass' | 'marginal' | 'fail' | 'inconclusive';

/** What scoring needs of each metric's result. */
export interface ScoredMetric {
  name: string;
  group: string;
  classification: Classification;
  criticalFailure: boolean;
  reason: string | null;
}

export interface GroupScore {
  name: string;
  /** Share of passing metrics among those that count, 0–100; 0 when none counts. */
  score: number;
  /** The group's share of the canary's score, in percent of the total weight. */
  weight: number;
  /** No metric of the group counted (all were Nodata); the group then counts as 100 in the canary's score. */
  noData: boolean;
}

export interface CanaryScore {
  /** 0–100, rounded to two decimals as Kayenta does. */
  score: number;
  groups: GroupScore[];
  /** Why the score was forced to 0, if it was. */
  forcedToZero: { by: 'critical' | 'nodata'; reason: string } | null;
}

/** Kayenta's rule: the score is 0 when this share of the metrics, or more, had no data. */
export const NODATA_SHARE_LIMIT = 0.5;

/**
 * Scores metric results as Kayenta's WeightedSumScorer does. Within a group,
 * Pass counts for and High, Low and NodataFailMetric against; Nodata is left
 * out, and a group left with nothing counts as passing. Groups are weighted by
 * `weights` (percent; groups without one share what is left of 100) and the
 * sum is normalised by the total weight, so weights need not add up to 100.
 * A failing critical metric, or no data for half the metrics or more, forces
 * the score to 0.
 */
export function scoreMetrics(results: readonly ScoredMetric[], weights: ReadonlyMap<string, number> = new Map()): CanaryScore {
  const byGroup = new Map<string, ScoredMetric[]>();
  for (const result of results) byGroup.set(result.group, [...(byGroup.get(result.group) ?? []), result]);

  const given = [...byGroup.keys()].filter((group) => weights.has(group));
  const givenTotal = given.reduce((sum, group) => sum + (weights.get(group) ?? 0), 0);
  const unweightedCount = byGroup.size - given.length;
  const share = unweightedCount ? Math.max(0, 100 - givenTotal) / unweightedCount : 0;
  const rawWeights = [...byGroup.keys()].map((group) => weights.get(group) ?? share);
  const totalWeight = rawWeights.reduce((sum, weight) => sum + weight, 0);

  const groups = [...byGroup.entries()].map(([name, members], i): GroupScore => {
    const counted = members.filter((m) => m.classification !== 'Nodata');
    const passed = counted.filter((m) => m.classification === 'Pass').length;
    return {
      name,
      score: counted.length ? (100 * passed) / counted.length : 0,
      weight: totalWeight ? (100 * rawWeights[i]) / totalWeight : 100 / byGroup.size,
      noData: counted.length === 0,
    };
  });

  const critical = results.find((result) => result.criticalFailure);
  if (critical) {
    const reason = `critical metric '${critical.name}' failed${critical.reason ? `: ${critical.reason}` : ''}`;
    return { score: 0, groups, forcedToZero: { by: 'critical', reason } };
  }
  const nodata = results.filter((result) => result.classification === 'Nodata');
  if (results.length && nodata.length / results.length >= NODATA_SHARE_LIMIT) {
    const names = nodata.map((result) => `'${result.name}'`).join(', ');
    const reason = `${nodata.length} of ${results.length} metrics had no usable data (${names}); half or more is too many`;
    return { score: 0, groups, forcedToZero: { by: 'nodata', reason } };
  }
  const weighted = groups.reduce((sum, group) => sum + ((group.noData ? 100 : group.score) * group.weight) / 100, 0);
  return { score: Math.round(weighted * 100) / 100, groups, forcedToZero: null };
}

export interface ScoreThresholds {
  /** At or above: pass. Default 95. */
  passScore: number;
  /** At or below: fail; between the two: marginal. Default 75. */
  marginalScore: number;
}

export const DEFAULT_THRESHOLDS: Readonly<ScoreThresholds> = { passScore: 95, marginalScore: 75 };

export function checkThresholds({ passScore, marginalScore }: ScoreThresholds): void {
  const inRange = (n: number) => Number.isFinite(n) && n >= 0 && n <= 100;
  if (!inRange(passScore)) throw new InputError('pass-score', `'${passScore}' is not a score`, 'a number from 0 to 100');
  if (!inRange(marginalScore)) throw new InputError('marginal-score', `'${marginalScore}' is not a score`, 'a number from 0 to 100');
  if (marginalScore > passScore) {
    throw new InputError('marginal-score', `${marginalScore} is above pass-score ${passScore}`, 'a score no higher than pass-score');
  }
}

/**
 * The decision on a score, with Spinnaker's boundaries: a score at or above
 * `passScore` passes, one not above `marginalScore` fails, and the rest is
 * marginal. A score forced to 0 only for want of data — no metric failed on
 * evidence — is inconclusive rather than failed.
 */
export function decide(
  score: CanaryScore,
  results: readonly ScoredMetric[],
  thresholds: ScoreThresholds = DEFAULT_THRESHOLDS,
): { decision: Decision; reason: string } {
  const failed = results.filter(
    (r) => r.classification === 'High' || r.classification === 'Low' || r.classification === 'NodataFailMetric',
  );
  const failures = failed.map((r) => `'${r.name}' ${r.classification}`).join(', ');
  if (score.forcedToZero) {
    const { by, reason } = score.forcedToZero;
    if (by === 'critical' && failed.some((r) => r.criticalFailure)) return { decision: 'fail', reason };
    if (!failed.length) return { decision: 'inconclusive', reason: `not enough data: ${reason}` };
    return { decision: 'fail', reason: `${reason}; failing: ${failures}` };
  }
  const { passScore, marginalScore } = thresholds;
  const shown = formatNumber(score.score);
  const because = failures ? `; failing: ${failures}` : '';
  if (score.score >= passScore) return { decision: 'pass', reason: `score ${shown} reached pass-score ${passScore}${because}` };
  if (score.score <= marginalScore)
    return { decision: 'fail', reason: `score ${shown} is not above marginal-score ${marginalScore}${because}` };
  return {
    decision: 'marginal',
    reason: `score ${shown} is below pass-score ${passScore} but above marginal-score ${marginalScore}${because}`,
  };
}

/** What the multi-interval helper needs of each interval's result. */
export interface IntervalResult {
  score: number;
  decision: Decision;
  reason: string;
}

export type IntervalOutcome<T extends IntervalResult> =
  { done: false } | { done: true; decision: Decision; reason: string; interval: number; result: T };

/**
 * Spinnaker's multi-interval canary: after each interim interval, stop and
 * fail when its score is not above `marginalScore` (an inconclusive interval
 * does not stop the run: data may still come); after the last, that
 * interval's decision stands. `results` are the intervals judged so far, in
 * order, out of `plannedIntervals`.
 */
export function judgeIntervals<T extends IntervalResult>(
  results: readonly T[],
  plannedIntervals: number,
  marginalScore: number = DEFAULT_THRESHOLDS.marginalScore,
): IntervalOutcome<T> {
  if (!results.length) return { done: false };
  const interval = results.length;
  const latest = results[interval - 1];
  if (interval >= plannedIntervals) {
    return { done: true, decision: latest.decision, reason: latest.reason, interval, result: latest };
  }
  if (latest.decision !== 'inconclusive' && latest.score <= marginalScore) {
    const reason = `stopped after interval ${interval} of ${plannedIntervals}: ${latest.reason}`;
    return { done: true, decision: 'fail', reason, interval, result: latest };
  }
  return { done: false };
}
