import { silentLogger, type Logger } from '../action/logger.js';
import { table } from '../action/markdown.js';
import type { StepResult } from '../action/step.js';
import { formatNumber } from './format.js';
import { judgeCanary, type CanaryReport, type Observation } from './judge.js';
import type { MetricConfig } from './metrics.js';
import { systemClock, type Clock, type MetricsProvider } from './providers/provider.js';
import { judgeIntervals, type Decision } from './score.js';
import { renderCanarySummary } from './summary.js';

export interface CanaryCheckSettings {
  /** Analyses to run; all but the last are interim, and can stop the check early. */
  count: number;
  /** The length of each analysis interval; 0 analyses at once. */
  intervalMs: number;
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
  const { count, intervalMs, confidence, passScore, marginalScore } = settings;
  const start = clock.now();
  const analyses: Analysis[] = [];
  for (let k = 1; ; k++) {
    const interval = { start: start + (k - 1) * intervalMs, end: start + k * intervalMs };
    if (intervalMs > 0) logger.info(`interval ${k} of ${count}: observing until ${new Date(interval.end).toISOString()}`);
    const observations = await provider.observe(metrics, interval);
    const report = judgeCanary(metrics, observations, { confidence, passScore, marginalScore, expectedPoints: provider.expectedPoints });
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
  inputs: CanaryCheckSettings & { failOn: Decision[] },
  collaborators: CanaryCheckCollaborators,
): Promise<StepResult> {
  const result = await canaryCheck(metrics, inputs, collaborators);
  const message = decisionMessage(result);
  const failed = inputs.failOn.includes(result.decision);
  return {
    outputs: { decision: result.decision, score: result.score, report: JSON.stringify(canaryCheckReport(result)) },
    summary: canaryCheckSummary(result),
    ...(failed ? { failure: message } : { notice: { message, warning: result.decision !== 'pass' } }),
  };
}
