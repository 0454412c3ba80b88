/** What a canary or blue-green step did, for the outputs and the job summary. */
import { table } from '../../action/markdown.js';
import { describeRef, type ObjectRef } from '../objects.js';
import type { Color } from './shape.js';

export interface CanaryPair {
  namespace: string;
  /** The production Deployment, which the canary step leaves alone. */
  primary: string;
  canary: string;
  baseline: string;
  /** The canary's replicas, at deploy. */
  replicas?: number;
  baselineReplicas?: number;
  /** The primary's replicas while the canary runs, and before it (which promote and reject restore). */
  primaryReplicas?: number;
  primaryOriginalReplicas?: number;
  /** The canary's share asked, and the shares served (percent of the pods behind the Services). */
  share?: number;
  servedShare?: number;
  baselineShare?: number;
  primaryShare?: number;
  /** With canary-steps: the step served, 1-based, and the canary's asked and served share at each step so far. */
  step?: number;
  history?: { share: number; served: number }[];
  /** The HorizontalPodAutoscaler that owns the primary's replicas, which were left alone. */
  autoscaler?: string;
}

export interface ColorSet {
  namespace: string;
  /** The Deployment's name in the manifests. */
  primary: string;
  /** The colour deployed (deploy), made live (promote) or removed (reject). */
  color: Color;
  /** `<name>-<color>` */
  workload: string;
  /** What served before: `<name>-<other colour>`, the plain `<name>`, or nothing. */
  previous?: string;
  /** The live Services that select the Deployment's pods. */
  services: string[];
  /** The Services that select only the new colour's pods, for checks. */
  previews: string[];
}

export interface StrategyReport {
  strategy: 'canary' | 'blue-green';
  action: 'deploy' | 'promote' | 'reject';
  canaries: CanaryPair[];
  colors: ColorSet[];
  /** The canary, baseline, colour and preview objects applied. */
  created: ObjectRef[];
  /** Live Services whose selector moved to another colour. */
  switched: { service: ObjectRef; from: string; to: Color }[];
  deleted: ObjectRef[];
  /** Things the reader should know: a fallback taken, nothing left to do. */
  notes: string[];
}

export function emptyReport(strategy: StrategyReport['strategy'], action: StrategyReport['action']): StrategyReport {
  return { strategy, action, canaries: [], colors: [], created: [], switched: [], deleted: [], notes: [] };
}

/** The strategy's outputs; set on every run, empty when they do not apply, so a workflow can test them. */
export function strategyOutputs(report: StrategyReport | undefined): Record<string, string> {
  const colors = [...new Set(report?.colors.map((set) => set.color))];
  return {
    'canary-workloads': JSON.stringify(report?.canaries ?? []),
    ...canaryShareOutputs(report),
    'canary-track': report?.strategy === 'canary' && report.canaries.length ? 'canary' : '',
    'baseline-track': report?.strategy === 'canary' && report.canaries.length ? 'baseline' : '',
    'blue-green-workloads': JSON.stringify(report?.colors ?? []),
    color: colors.length === 1 ? colors[0] : '',
  };
}

/**
 * The canary's share asked and served, and its step: one value for every
 * Deployment, the largest served share when they differ (what a bad
 * candidate could reach at most).
 */
function canaryShareOutputs(report: StrategyReport | undefined): Record<string, string> {
  const deployed =
    report?.strategy === 'canary' && report.action === 'deploy' ? report.canaries.filter((p) => p.servedShare !== undefined) : [];
  if (!deployed.length) return { 'canary-share': '', 'served-share': '', 'canary-step': '' };
  const steps = [...new Set(deployed.map((p) => p.step))];
  return {
    'canary-share': String(Math.max(...deployed.map((p) => p.share!))),
    'served-share': String(Math.max(...deployed.map((p) => p.servedShare!))),
    'canary-step': steps.length === 1 && steps[0] !== undefined ? String(steps[0]) : '',
  };
}

/** The canary's asked and served share at each step so far, as a Mermaid chart GitHub draws in the summary. */
function stepChart(pair: CanaryPair): string[] {
  const history = pair.history ?? [];
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${pair.primary}: canary share by step (bars asked, line served)"`,
    `  x-axis "step" [${history.map((_, i) => i + 1).join(', ')}]`,
    '  y-axis "share of traffic (%)" 0 --> 100',
    `  bar [${history.map((h) => h.share).join(', ')}]`,
    `  line [${history.map((h) => h.served).join(', ')}]`,
    '```',
    '',
  ];
}

export function strategySection(report: StrategyReport): string[] {
  const lines = [`#### ${report.strategy === 'canary' ? 'Canary' : 'Blue-green'}: ${report.action}`, ''];
  for (const note of report.notes) lines.push(`> ${note}`, '');
  const served = report.canaries.filter((pair) => pair.servedShare !== undefined);
  if (served.length) {
    const withSteps = served.some((pair) => pair.step !== undefined);
    const pods = (pair: CanaryPair) =>
      `${pair.replicas} / ${pair.baselineReplicas} / ${pair.primaryReplicas} (of ${pair.primaryOriginalReplicas})`;
    const shares = (pair: CanaryPair) => `**${pair.servedShare}%** / ${pair.baselineShare}% / ${pair.primaryShare}%`;
    lines.push(
      table(
        [
          'namespace',
          'primary',
          ...(withSteps ? ['step'] : []),
          'share asked',
          'served: canary / baseline / primary',
          'pods: canary / baseline / primary',
        ],
        served.map((pair) => [
          pair.namespace,
          pair.primary,
          ...(withSteps ? [String(pair.step ?? '')] : []),
          `${pair.share}%`,
          shares(pair),
          pods(pair),
        ]),
      ),
      '',
      'A Service spreads its connections evenly over the ready pods it selects, so each track serves its share of the pods.',
      '',
    );
    for (const pair of served.filter((p) => p.step !== undefined)) {
      lines.push(
        table(
          ['step', 'share asked', 'canary share served'],
          (pair.history ?? []).map((h, i) => [String(i + 1), `${h.share}%`, `${h.served}%`]),
        ),
        '',
        ...stepChart(pair),
      );
    }
  } else if (report.canaries.length) {
    lines.push(
      table(
        ['namespace', 'primary', 'canary', 'baseline'],
        report.canaries.map((pair) => [pair.namespace, pair.primary, pair.canary, pair.baseline]),
      ),
      '',
    );
  }
  if (report.colors.length) {
    lines.push(
      table(
        ['namespace', 'deployment', 'colour', 'workload', 'previous', 'live services', 'preview services'],
        report.colors.map((set) => [
          set.namespace,
          set.primary,
          set.color,
          set.workload,
          set.previous ?? '',
          set.services.join(', '),
          set.previews.join(', '),
        ]),
      ),
      '',
    );
  }
  const list = (title: string, refs: ObjectRef[]) =>
    refs.length ? [`**${title}**`, '', ...refs.map((ref) => `- ${describeRef(ref)}`), ''] : [];
  lines.push(...list('Created or updated', report.created));
  if (report.switched.length) {
    lines.push(
      '**Switched**',
      '',
      ...report.switched.map(({ service, from, to }) => `- ${describeRef(service)}: from ${from} to **${to}**`),
      '',
    );
  }
  lines.push(...list('Deleted', report.deleted));
  if (!report.created.length && !report.switched.length && !report.deleted.length)
    lines.push('Nothing was created, switched or deleted.', '');
  return lines;
}
