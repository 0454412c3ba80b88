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
  /** Replicas of each, at deploy. */
  replicas?: number;
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
    'canary-track': report?.strategy === 'canary' && report.canaries.length ? 'canary' : '',
    'baseline-track': report?.strategy === 'canary' && report.canaries.length ? 'baseline' : '',
    'blue-green-workloads': JSON.stringify(report?.colors ?? []),
    color: colors.length === 1 ? colors[0] : '',
  };
}

export function strategySection(report: StrategyReport): string[] {
  const lines = [`#### ${report.strategy === 'canary' ? 'Canary' : 'Blue-green'}: ${report.action}`, ''];
  for (const note of report.notes) lines.push(`> ${note}`, '');
  if (report.canaries.length) {
    lines.push(
      table(
        ['namespace', 'primary', 'canary', 'baseline', 'replicas each'],
        report.canaries.map((pair) => [pair.namespace, pair.primary, pair.canary, pair.baseline, String(pair.replicas ?? '')]),
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
