import { InputError } from '../action/errors.js';
import { compareMetric, DEFAULT_CONFIDENCE, type Direction, type MetricComparison } from './classify.js';
import { groupWeights, type MetricConfig } from './metrics.js';
import {
  checkThresholds,
  decide,
  DEFAULT_THRESHOLDS,
  scoreMetrics,
  type Decision,
  type GroupScore,
  type ScoreThresholds,
} from './score.js';

/** One value of a time series; `time` in Unix seconds, as Prometheus gives it. */
export interface Point {
  time: number;
  value: number;
}

/** A metric's series for each side, as a provider fetched them. */
export interface Observation {
  metric: string;
  baseline: readonly Point[];
  canary: readonly Point[];
}

export interface JudgeOptions extends Partial<ScoreThresholds> {
  /** Confidence level of each metric's interval; default 0.98, Kayenta's. */
  confidence?: number;
  /** Points each side of each metric should have (e.g. lookback ÷ step), when the caller knows. */
  expectedPoints?: number;
  /** With `expectedPoints`: a side with fewer than this share of them counts as no data. Default 0.5. */
  minimumDataShare?: number;
}

export const DEFAULT_MINIMUM_DATA_SHARE = 0.5;

export interface MetricReport extends MetricComparison {
  name: string;
  group: string;
  direction: Direction;
  critical: boolean;
  mustHaveData: boolean;
  unit?: string;
}

/** The whole analysis, JSON-serialisable as it is: the `report` output. */
export interface CanaryReport {
  decision: Decision;
  score: number;
  reason: string;
  passScore: number;
  marginalScore: number;
  confidence: number;
  /** Usable points each side of a metric needed to count as having data. */
  minimumPoints: number;
  groups: GroupScore[];
  metrics: MetricReport[];
}

/**
 * Judges a canary against its baseline: classifies every metric, scores the
 * results and decides. Pure: the observations come from the caller.
 */
export function judgeCanary(
  metrics: readonly MetricConfig[],
  observations: readonly Observation[],
  options: JudgeOptions = {},
): CanaryReport {
  const {
    confidence = DEFAULT_CONFIDENCE,
    passScore = DEFAULT_THRESHOLDS.passScore,
    marginalScore = DEFAULT_THRESHOLDS.marginalScore,
    expectedPoints,
    minimumDataShare = DEFAULT_MINIMUM_DATA_SHARE,
  } = options;
  if (!(confidence > 0 && confidence < 1)) {
    throw new InputError('confidence', `'${confidence}' is not a confidence level`, 'a number between 0 and 1, e.g. 0.98');
  }
  if (!(minimumDataShare >= 0 && minimumDataShare <= 1)) {
    throw new RangeError(`minimumDataShare ${minimumDataShare} is not between 0 and 1`);
  }
  checkThresholds({ passScore, marginalScore });
  const minimumPoints = expectedPoints ? Math.max(1, Math.ceil(minimumDataShare * expectedPoints)) : 1;

  const byName = new Map(observations.map((observation) => [observation.metric, observation]));
  for (const name of byName.keys()) {
    if (!metrics.some((metric) => metric.name === name)) throw new Error(`observation for unknown metric '${name}'`);
  }
  const results = metrics.map((metric): MetricReport => {
    const observation = byName.get(metric.name);
    const values = (points: readonly Point[] | undefined) => (points ?? []).map((point) => point.value);
    const comparison = compareMetric(values(observation?.baseline), values(observation?.canary), metric, {
      confidence,
      minimumPoints,
    });
    const { name, group, direction, critical, mustHaveData, unit } = metric;
    return { name, group, direction, critical, mustHaveData, ...(unit ? { unit } : {}), ...comparison };
  });

  const score = scoreMetrics(results, groupWeights(metrics));
  const { decision, reason } = decide(score, results, { passScore, marginalScore });
  return {
    decision,
    score: score.score,
    reason,
    passScore,
    marginalScore,
    confidence,
    minimumPoints,
    groups: score.groups,
    metrics: results,
  };
}
