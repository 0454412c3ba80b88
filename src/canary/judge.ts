import { InputError } from '../action/errors.js';
import { compareMetric, DEFAULT_CONFIDENCE, type Direction, type MetricComparison } from './classify.js';
import { groupWeights, type MetricConfig } from './metrics.js';
import { testMetric, type SideCounts, type TestedComparison } from './sequential-classifier.js';
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
  /** Each side's events and total over the span, for a metric that declares counters and a judge that asked for them. */
  counts?: SideCounts;
  /** Points each side should have, when the provider knows it for this metric (its step may be its own). */
  expectedPoints?: number;
}

/** Which classifier judges each metric: the default one (tests at a level, counts exact, dependence allowed for) or Kayenta's. */
export const JUDGES = ['default', 'kayenta'] as const;
export type JudgeName = (typeof JUDGES)[number];

export interface JudgeOptions extends Partial<ScoreThresholds> {
  /** Default 'default'. */
  judge?: JudgeName;
  /**
   * Kayenta: the confidence level of each metric's interval (default 0.98).
   * Default judge: the chance that a healthy canary passes, all metrics and
   * looks together (default 0.99).
   */
  confidence?: number;
  /** Default judge: the one-sided level each metric is tested at in this analysis; default (1 − confidence) ÷ the number of metrics, for a single look. */
  metricLevel?: number;
  /** Points each side of each metric should have (e.g. lookback ÷ step), when the caller knows. */
  expectedPoints?: number;
  /** With `expectedPoints`: a side with fewer than this share of them counts as no data. Default 0.5. */
  minimumDataShare?: number;
}

export const DEFAULT_MINIMUM_DATA_SHARE = 0.5;
/** The default judge's: a healthy canary fails at most 1 time in 100. */
export const DEFAULT_JUDGE_CONFIDENCE = 0.99;

export interface MetricReport
  extends MetricComparison, Partial<Pick<TestedComparison, 'test' | 'pValue' | 'level' | 'inflation' | 'counts'>> {
  name: string;
  group: string;
  direction: Direction;
  critical: boolean;
  mustHaveData: boolean;
  unit?: string;
}

/** The whole analysis, JSON-serialisable as it is: the `report` output. */
export interface CanaryReport {
  judge: JudgeName;
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
    judge = 'default',
    confidence = judge === 'kayenta' ? DEFAULT_CONFIDENCE : DEFAULT_JUDGE_CONFIDENCE,
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
  const minimumOf = (expected: number | undefined) => (expected ? Math.max(1, Math.ceil(minimumDataShare * expected)) : 1);
  const minimumPoints = minimumOf(expectedPoints);
  const metricLevel = options.metricLevel ?? (1 - confidence) / Math.max(1, metrics.length);

  const byName = new Map(observations.map((observation) => [observation.metric, observation]));
  for (const name of byName.keys()) {
    if (!metrics.some((metric) => metric.name === name)) throw new Error(`observation for unknown metric '${name}'`);
  }
  const results = metrics.map((metric): MetricReport => {
    const observation = byName.get(metric.name);
    const values = (points: readonly Point[] | undefined) => (points ?? []).map((point) => point.value);
    const comparison =
      judge === 'kayenta'
        ? compareMetric(values(observation?.baseline), values(observation?.canary), metric, { confidence, minimumPoints })
        : testMetric(observation?.baseline ?? [], observation?.canary ?? [], (metric.counts && observation?.counts) || null, metric, {
            level: metricLevel,
            minimumPoints: minimumOf(observation?.expectedPoints ?? expectedPoints),
          });
    const { name, group, direction, critical, mustHaveData, unit } = metric;
    return { name, group, direction, critical, mustHaveData, ...(unit ? { unit } : {}), ...comparison };
  });

  const score = scoreMetrics(results, groupWeights(metrics));
  const { decision, reason } = decide(score, results, { passScore, marginalScore });
  return {
    judge,
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
