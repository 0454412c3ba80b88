import { InputError } from '../../action/errors.js';
import { ApplyError, applyManifests } from '../apply.js';
import type { DeployInputs } from '../deploy-inputs.js';
import { diagnose } from '../diagnose.js';
import { isUnreachable, KubectlError, lastLines } from '../kubectl.js';
import { describeRef, isWorkload, refOf } from '../objects.js';
import { waitForRollouts } from '../wait.js';
import type { DeployDeps, Revision, Rollout } from './strategy.js';

/** Applies one revision, waits for its workloads, and diagnoses those that did not roll out. */
export async function rollOut(revision: Revision, inputs: DeployInputs, deps: DeployDeps, candidate: boolean): Promise<Rollout> {
  const { kubectl, logger } = deps;
  const rollout: Rollout = { revision: revision.sha, applied: [], workloads: [], diagnoses: [], healthy: false };
  try {
    const applied = await applyManifests(kubectl, revision.manifests, { forceConflicts: inputs.forceConflicts, logger });
    rollout.applied = applied.map(refOf);
  } catch (error) {
    if (!(error instanceof ApplyError)) throw error;
    // Refused before any workload changed: a mistake in the manifests, with nothing to roll back.
    if (candidate && error.dryRun) throw explainRefusal(error.kubectl, inputs);
    rollout.applyError = error.message;
    logger.error(error.message);
    return rollout;
  }
  const workloads = rollout.applied.filter(isWorkload);
  logger.info(`waiting for ${workloads.length} workload${workloads.length === 1 ? '' : 's'}`);
  rollout.workloads = await waitForRollouts(kubectl, workloads, {
    timeoutMs: inputs.timeoutMs,
    failFast: inputs.failFast,
    logger,
    clock: deps.clock,
    reconnectDelayMs: deps.reconnectDelayMs,
  });
  const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
  rollout.diagnoses = await Promise.all(failed.map((workload) => diagnose(kubectl, workload)));
  for (const diagnosis of rollout.diagnoses) {
    const name = describeRef(diagnosis.ref);
    if (!diagnosis.findings.length) logger.error(`${name}: ${failed.find((w) => w.ref === diagnosis.ref)?.reason}`);
    for (const finding of diagnosis.findings) {
      const more = finding.alsoIn ? ` (and ${finding.alsoIn} more like it)` : '';
      logger.error(
        `${name}: ${finding.reason}: ${finding.subject}${more}: ${finding.message}${finding.logs ? `\nlast log lines:\n${finding.logs}` : ''}`,
      );
    }
    if (diagnosis.events.length) logger.info(`${name}: recent warnings:\n  ${diagnosis.events.join('\n  ')}`);
  }
  rollout.healthy = failed.length === 0;
  return rollout;
}

export function describeFailure(rollout: Rollout): string {
  if (rollout.applyError) return rollout.applyError;
  const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
  const first = failed[0];
  const finding = rollout.diagnoses.find((d) => d.ref === first.ref)?.findings[0];
  const why = finding ? `${finding.reason}: ${finding.message}` : first.reason;
  return `${failed.length} of ${rollout.workloads.length} workloads did not roll out (${describeRef(first.ref)} ${first.status}: ${why})`;
}

/** The cluster refused the candidate before any workload changed: say which input to fix. */
export function explainRefusal(error: unknown, inputs: DeployInputs): unknown {
  if (!(error instanceof KubectlError)) return error;
  const said = lastLines(error.stderr, 1) || error.message;
  if (/context was not found|context "[^"]*" does not exist/i.test(error.stderr)) {
    return new InputError('context', said.replace(/^error: /, ''), 'a context defined in the kubeconfig');
  }
  if (isUnreachable(error.stderr)) {
    const which = inputs.kubeconfig ? 'the kubeconfig given' : "kubectl's default kubeconfig";
    return new InputError(
      'kubeconfig',
      `no cluster reachable with ${which}: ${said}`,
      'a kubeconfig (path or content) for a reachable cluster',
    );
  }
  return new InputError(
    'manifests',
    `the cluster refused them before any workload changed: ${error.stderr.trim()}`,
    'objects the API server accepts, of kinds it serves (install CRDs first)',
  );
}
