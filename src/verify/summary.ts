import { table } from '../action/markdown.js';
import { formatDuration } from '../kube/duration.js';
import type { VerifyResult } from './verify.js';

/** The `report` output: every check with its figures and, when it failed, its reason. */
export function verifyReport(result: VerifyResult): string {
  return JSON.stringify({
    result: result.result,
    revision: result.revision,
    environment: result.environment,
    durationMs: result.durationMs,
    checks: result.checks.map((check) => ({
      kind: check.kind,
      name: check.name,
      verdict: check.verdict,
      figures: check.figures,
      ...(check.reason ? { reason: check.reason } : {}),
      durationMs: check.durationMs,
    })),
  });
}

const ICON = { passed: '✅', failed: '❌' };

/**
 * The job summary: a headline, then one row per check with its verdict, its
 * figures with their units and, for a failure, its reason, said once there
 * and nowhere else.
 */
export function verifySummary(result: VerifyResult): string {
  const failed = result.checks.filter((check) => check.verdict === 'failed').length;
  const about = [
    result.revision ? `revision \`${result.revision.slice(0, 12)}\`` : '',
    result.environment ? `environment \`${result.environment}\`` : '',
    `${formatDuration(result.durationMs)}`,
  ].filter(Boolean);
  const headline =
    result.result === 'passed'
      ? `### Verify: ${ICON.passed} passed, ${result.checks.length} of ${result.checks.length} checks`
      : `### Verify: ${ICON.failed} failed, ${failed} of ${result.checks.length} checks`;
  return [
    headline,
    '',
    about.join(' · '),
    '',
    table(
      ['check', 'verdict', 'figures', 'reason'],
      result.checks.map((check) => [
        `${check.kind}: ${check.name}`,
        `${ICON[check.verdict]} ${check.verdict}`,
        check.shown,
        check.reason ?? '',
      ]),
    ),
    '',
  ].join('\n');
}

/** The step's error: which checks failed and why, on one line. */
export function failureMessage(result: VerifyResult): string {
  const failed = result.checks.filter((check) => check.verdict === 'failed');
  if (!failed.length) return 'no check ran';
  return `${failed.length} of ${result.checks.length} checks failed: ${failed.map((check) => `${check.kind} ${check.name}: ${check.reason ?? 'failed'}`).join('; ')}`;
}

export function passMessage(result: VerifyResult): string {
  return `passed: ${result.checks.length} ${result.checks.length === 1 ? 'check' : 'checks'} (${result.checks.map((check) => check.kind).join(', ')}) in ${formatDuration(result.durationMs)}`;
}
