import { details, fenced, table, truncate } from '../action/markdown.js';
import type { DeployResult, Rollout } from './strategies/strategy.js';
import { formatDuration } from './duration.js';
import { describeRef, resourceArg } from './objects.js';
import { strategySection } from './strategies/report.js';
import type { WorkloadResult } from './wait.js';

/** The `workloads` output: one entry per workload waited for. */
export function workloadsJson(workloads: WorkloadResult[]): string {
  return JSON.stringify(
    workloads.map((w) => ({
      kind: w.ref.kind,
      name: w.ref.name,
      namespace: w.ref.namespace,
      status: w.status,
      'duration-ms': w.durationMs,
      reason: w.reason,
    })),
  );
}

const ICON: Record<string, string> = { succeeded: '✅', failed: '❌', 'timed-out': '⏱️' };

/** What a person reads first about a workload: its status, and for a failure only the reason's name; the message is said once, below. */
function detailOf(w: WorkloadResult, rollout: Rollout): string {
  if (w.status === 'succeeded') return '';
  const diagnosis = rollout.diagnoses.find((d) => describeRef(d.ref) === describeRef(w.ref));
  const reasons = [...new Set(diagnosis?.findings.map((finding) => finding.reason) ?? [])];
  return reasons.length ? `${reasons.join(', ')} (why below)` : w.reason;
}

function rolloutSection(title: string, rollout: Rollout): string[] {
  const lines = [`#### ${title}`, ''];
  if (rollout.applyError) return [...lines, 'The apply was refused:', '', fenced('', truncate(rollout.applyError, 8000)), ''];
  lines.push(`Applied ${rollout.applied.length} objects.`, '');
  if (rollout.workloads.length) {
    lines.push(
      table(
        ['workload', 'namespace', 'status', 'duration', 'detail'],
        rollout.workloads.map((w) => [
          `${resourceArg(w.ref)}/${w.ref.name}`,
          w.ref.namespace,
          `${ICON[w.status]} ${w.status}`,
          formatDuration(w.durationMs),
          detailOf(w, rollout),
        ]),
      ),
      '',
    );
  }
  if (rollout.released?.length) {
    lines.push(
      "**Stuck pods deleted (forced rollback)**: a StatefulSet's controller does not replace a pod that never became ready, so after the template was reverted these pods of the failed revision were deleted, to be made again from production's template:",
      '',
      ...rollout.released.map(
        (released) =>
          `- ${describeRef(released.pod)} of ${describeRef({ ...released.workload, namespace: '' })}, revision \`${released.revision}\`: ${released.why}`,
      ),
      '',
    );
  }
  if (rollout.workloads.length >= 2) lines.push(timeline(rollout.workloads), '');
  for (const diagnosis of rollout.diagnoses) {
    lines.push(`**Why ${describeRef(diagnosis.ref)} did not roll out**`, '');
    if (!diagnosis.findings.length) lines.push('- no pod shows a problem; see the events below', '');
    for (const finding of diagnosis.findings) {
      const more = finding.alsoIn ? ` (and ${finding.alsoIn} more like it)` : '';
      lines.push(`- **${finding.reason}** in ${finding.subject}${more}: ${finding.message}`);
      if (finding.logs) lines.push('', fenced('text', truncate(finding.logs, 4000)), '');
    }
    // Events that only repeat a finding's message are left out; the rest are folded.
    const said = diagnosis.findings.map((finding) => finding.message);
    // An event is compared by its message alone: without its subject and reason, and without the count of a repeated one.
    const events = diagnosis.events.filter(
      (event) => !said.some((message) => message.includes(event.replace(/^[^:]+: \w+: /, '').replace(/ \(×\d+\)$/, ''))),
    );
    if (events.length) lines.push('', details(`Recent warning events (${events.length})`, fenced('text', events.join('\n'))));
    lines.push('');
  }
  return lines;
}

/** The rollout as a picture: every workload waited for at once, each bar ending at its verdict, failures in red. */
export function timeline(workloads: WorkloadResult[]): string {
  const bars = workloads.map(
    (w, i) =>
      `  ${`${resourceArg(w.ref)}/${w.ref.name}`.replace(/[:#;]/g, ' ')} :${w.status === 'succeeded' ? 'done' : 'crit'}, w${i}, 0, ${Math.max(1, w.durationMs)}`,
  );
  return fenced('mermaid', ['gantt', '  dateFormat x', '  axisFormat %S.%L s', '  section rollout', ...bars].join('\n'));
}

/** The failure in one line: which workloads, and the name of each one's reason; the messages follow once, in the sections below. */
function failureLine(result: DeployResult): string {
  const rollout = result.candidate;
  const failed = rollout.workloads.filter((w) => w.status !== 'succeeded');
  if (!failed.length || rollout.applyError) return result.failure!.replace(/\n/g, ' ');
  const named = failed.map((w) => `${describeRef(w.ref)} (${detailOf(w, rollout).replace(/ \(why below\)$/, '') || w.status})`);
  const back =
    result.rollback && 'revision' in result.rollback ? `; rolled back to production \`${result.rollback.revision.slice(0, 12)}\`` : '';
  return `${failed.length} of ${rollout.workloads.length} workloads did not roll out: ${named.join(', ')}${back}`;
}

export function deploySummary(result: DeployResult, environment: string): string {
  const rejected = result.strategy?.action === 'reject';
  const headline: Record<DeployResult['result'], string> = {
    succeeded: rejected
      ? `✅ **succeeded**: the ${result.strategy!.strategy} deployment was rejected in ${formatDuration(result.durationMs)}`
      : `✅ **succeeded**: every workload rolled out in ${formatDuration(result.durationMs)}`,
    failed: `❌ **failed** after ${formatDuration(result.durationMs)}`,
    'rolled-back': `↩️ **rolled back** after ${formatDuration(result.durationMs)}: the candidate failed, ${
      result.strategy?.strategy === 'blue-green' ? 'the live Services serve what served before again' : 'production was restored'
    }`,
  };
  const revision = result.revision ? ` of \`${result.revision.slice(0, 12)}\`` : '';
  const lines = ['### deploy-candidate', '', `Deployment${revision} to ${environment}: ${headline[result.result]}`, ''];
  if (result.failure) lines.push(`> ${failureLine(result)}`, '');
  if (result.strategy) lines.push(...strategySection(result.strategy));
  // A reject applies nothing, and a step stopped before its rollout has none: no rollout to show.
  if (!rejected && !result.stoppedBy) lines.push(...rolloutSection('Candidate', result.candidate));
  if (result.rollback && 'skipped' in result.rollback)
    lines.push('#### Rollback', '', `Not rolled back: ${result.rollback.skipped}. The failed state is left for inspection.`, '');
  else if (result.rollback) lines.push(...rolloutSection(`Rollback to \`${result.rollback.revision.slice(0, 12)}\``, result.rollback));
  if (result.pruned.length) lines.push('#### Pruned', '', ...result.pruned.map((ref) => `- ${describeRef(ref)}`), '');
  return lines.join('\n');
}
