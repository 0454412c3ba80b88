import { silentLogger, type Logger } from '../action/logger.js';
import { table } from '../action/markdown.js';
import type { StepResult } from '../action/step.js';
import { formatNumber } from './format.js';
import { judgeCanary, type CanaryReport, type JudgeName, type Observation } from './judge.js';
import type { EventCounts } from './rate-test.js';
import { nominalLevels } from './sequential.js';
import type { MetricConfig } from './metrics.js';
import { systemClock, type Clock, type MetricsProvider } from './providers/provider.js';
import { judgeIntervals, type Decision } from './score.js';
import { renderCanarySummary } from './summary.js';

export interface CanaryCheckSettings {
  /** Default 'default'. */
  judge?: JudgeName;
  /** Analyses to run; all but the last are interim, and can stop the check early. */
  count: number;
  /** The length of each analysis interval; 0 analyses at once. */
  intervalMs: number;
  /** What the first analysis looks back over (the Prometheus provider's lookback); unset, its interval. */
  lookbackMs?: number;
  confidence: number;
  passScore: number;
  marginalScore: number;
}

export interface CanaryCheckCollaborators {
  provider: MetricsProvider;
  clock?: Clock;
  logger?: Logger;
}

/** One analysis, as the report lists them. */
export interface IntervalSummary {
  interval: number;
  /** When the interval ended, as an ISO time. */
  end: string;
  decision: Decision;
  score: number;
  reason: string;
}

export interface CanaryCheckResult {
  decision: Decision;
  score: number;
  reason: string;
  plannedIntervals: number;
  /** Every analysis run, in order; fewer than planned when an interim one stopped the check. */
  intervals: IntervalSummary[];
  /** The deciding analysis: the judge's report and the observations it judged. */
  report: CanaryReport;
  observations: Observation[];
}

interface Analysis {
  score: number;
  decision: Decision;
  reason: string;
  report: CanaryReport;
  observations: Observation[];
  end: number;
}

/**
 * Spinnaker's multi-interval canary analysis: `count` analyses, the k-th
 * judging the k-th interval at its end. An interim analysis whose score is not
 * above marginal-score stops the check with a failure; otherwise the last one
 * decides.
 */
export async function canaryCheck(
  metrics: readonly MetricConfig[],
  settings: CanaryCheckSettings,
  { provider, clock = systemClock, logger = silentLogger }: CanaryCheckCollaborators,
): Promise<CanaryCheckResult> {
  const { count, intervalMs, confidence, passScore, marginalScore, judge = 'default' } = settings;
  const start = clock.now();
  const analyses: Analysis[] = [];
  const sequential = judge === 'default' ? sequentialPlan(metrics.length, settings) : null;
  let gathered: Observation[] = [];
  for (let k = 1; ; k++) {
    const interval = { start: start + (k - 1) * intervalMs, end: start + k * intervalMs };
    if (intervalMs > 0) logger.info(`interval ${k} of ${count}: observing until ${new Date(interval.end).toISOString()}`);
    let observations: Observation[];
    let report: CanaryReport;
    if (sequential) {
      // Each analysis adds the data since the previous one to what came before: looks at growing data, whose levels spend the budget.
      const from = k === 1 ? interval.end - sequential.firstSpanMs : interval.start;
      const fresh = await provider.observe(metrics, { ...interval, from, nonOverlapping: true, counts: true });
      observations = gathered = k === 1 ? fresh : accumulate(gathered, fresh);
      report = judgeCanary(metrics, observations, {
        judge,
        confidence,
        metricLevel: sequential.levels[k - 1],
        passScore,
        marginalScore,
        expectedPoints: provider.expectedPoints,
      });
    } else {
      observations = await provider.observe(metrics, interval);
      report = judgeCanary(metrics, observations, { judge, confidence, passScore, marginalScore, expectedPoints: provider.expectedPoints });
    }
    analyses.push({ score: report.score, decision: report.decision, reason: report.reason, report, observations, end: interval.end });
    logger.info(`interval ${k} of ${count}: ${report.decision}, score ${formatNumber(report.score)}: ${report.reason}`);

    const outcome = judgeIntervals(analyses, count, marginalScore);
    if (outcome.done) {
      return {
        decision: outcome.decision,
        score: outcome.result.score,
        reason: outcome.reason,
        plannedIntervals: count,
        intervals: analyses.map((analysis, i) => ({
          interval: i + 1,
          end: new Date(analysis.end).toISOString(),
          decision: analysis.decision,
          score: analysis.score,
          reason: analysis.reason,
        })),
        report: outcome.result.report,
        observations: outcome.result.observations,
      };
    }
  }
}

/**
 * The default judge's plan for `count` looks: the k-th sees the first
 * analysis's span and k − 1 intervals more, and the levels of each metric at
 * each look spend the metric's share of 1 − confidence (Bonferroni over the
 * metrics) along the information so gathered.
 */
export function sequentialPlan(
  metricCount: number,
  { count, intervalMs, lookbackMs, confidence }: Pick<CanaryCheckSettings, 'count' | 'intervalMs' | 'lookbackMs' | 'confidence'>,
): { firstSpanMs: number; fractions: number[]; levels: number[] } {
  const firstSpanMs = lookbackMs ?? intervalMs;
  const total = firstSpanMs + (count - 1) * intervalMs;
  const fractions = Array.from({ length: count }, (_, i) =>
    count === 1 || total <= 0 ? (i + 1) / count : (firstSpanMs + i * intervalMs) / total,
  );
  const levels = nominalLevels(fractions, (1 - confidence) / Math.max(1, metricCount));
  return { firstSpanMs, fractions, levels };
}

/** The data of every look so far: series joined, counts added, expected points added. */
export function accumulate(before: readonly Observation[], fresh: readonly Observation[]): Observation[] {
  return fresh.map((observation) => {
    const earlier = before.find((o) => o.metric === observation.metric);
    if (!earlier) return observation;
    const add = (a: EventCounts, b: EventCounts): EventCounts => ({ events: a.events + b.events, total: a.total + b.total });
    const counts =
      earlier.counts && observation.counts
        ? {
            baseline: add(earlier.counts.baseline, observation.counts.baseline),
            canary: add(earlier.counts.canary, observation.counts.canary),
          }
        : undefined;
    const expected =
      earlier.expectedPoints !== undefined && observation.expectedPoints !== undefined
        ? earlier.expectedPoints + observation.expectedPoints
        : undefined;
    return {
      metric: observation.metric,
      baseline: [...earlier.baseline, ...observation.baseline],
      canary: [...earlier.canary, ...observation.canary],
      ...(counts ? { counts } : {}),
      ...(expected !== undefined ? { expectedPoints: expected } : {}),
    };
  });
}

/** The `report` output: the deciding analysis, with the check's decision and every interval's result. */
export function canaryCheckReport(result: CanaryCheckResult): CanaryReport & Pick<CanaryCheckResult, 'plannedIntervals' | 'intervals'> {
  const { report, decision, reason, plannedIntervals, intervals } = result;
  return { ...report, decision, reason, plannedIntervals, intervals };
}

export function canaryCheckSummary(result: CanaryCheckResult): string {
  const summary = renderCanarySummary({ ...result.report, decision: result.decision, reason: result.reason }, result.observations);
  if (result.plannedIntervals <= 1) return summary;
  const rows = result.intervals.map((i) => [
    `${i.interval} of ${result.plannedIntervals}`,
    i.end,
    i.decision,
    formatNumber(i.score),
    i.reason,
  ]);
  return `${summary}\n#### Intervals\n\n${table(['interval', 'ended', 'decision', 'score', 'reason'], rows)}\n`;
}

/** One line for the log and the step's error: the decision, the score, and the metrics behind it. */
export function decisionMessage(result: CanaryCheckResult): string {
  const failing = result.report.metrics.filter(
    (metric) => ['High', 'Low', 'NodataFailMetric'].includes(metric.classification) && !result.reason.includes(`'${metric.name}'`),
  );
  const also = failing.length ? `; also failing: ${failing.map((metric) => `'${metric.name}' ${metric.classification}`).join(', ')}` : '';
  return `decision ${result.decision} (score ${formatNumber(result.score)}): ${result.reason}${also}`;
}

/** canary-check's use case: a decision the `fail-on` input names fails the step, after its outputs and summary. */
export async function canaryCheckStep(
  metrics: MetricConfig[],
  inputs: CanaryCheckSettings & { failOn: Decision[]; provider?: string },
  collaborators: CanaryCheckCollaborators,
): Promise<StepResult> {
  // The http provider's analyses observe their own interval's requests; a lookback is the Prometheus providers' notion.
  const settings = inputs.provider === 'http' ? { ...inputs, lookbackMs: undefined } : inputs;
  const result = await canaryCheck(metrics, settings, collaborators);
  const message = decisionMessage(result);
  const failed = inputs.failOn.includes(result.decision);
  return {
    outputs: { decision: result.decision, score: result.score, report: JSON.stringify(canaryCheckReport(result)) },
    summary: canaryCheckSummary(result),
    ...(failed ? { failure: message } : { notice: { message, warning: result.decision !== 'pass' } }),
  };
}
