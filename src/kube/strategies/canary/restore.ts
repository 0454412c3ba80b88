import type { Manifest } from '../../manifests.js';
import { describeRef } from '../../objects.js';
import type { WorkloadResult } from '../../wait.js';
import { getLive } from '../cluster.js';
import type { StrategyReport } from '../report.js';
import { canaryStateOf } from '../shape.js';
import type { DeployDeps } from '../strategy.js';
import type { DeployInputs } from '../../deploy-inputs.js';
import { updatePrimary, waitForPrimaries } from './primary.js';

/**
 * Gives each primary a canary scaled down its replicas back and removes the
 * canary's record, in one update: a run that stops after it finds nothing
 * left to restore. With `wait`, waits for the primaries to run them.
 */
export async function restorePrimaries(
  deployments: Manifest[],
  inputs: DeployInputs,
  report: StrategyReport,
  deps: DeployDeps,
  { wait }: { wait: boolean },
): Promise<WorkloadResult[]> {
  const restored: Manifest[] = [];
  for (const m of deployments) {
    const live = await getLive(deps.kubectl, m.ref);
    const state = live && canaryStateOf(live);
    if (!state) continue;
    const replicas = state.autoscaled ? undefined : state.replicas;
    await updatePrimary(deps.kubectl, m.ref, replicas, null);
    const line =
      replicas === undefined
        ? `${describeRef(m.ref)}: the canary's record removed (an autoscaler owns its replicas)`
        : `${describeRef(m.ref)}: back to ${replicas} replicas (from ${live.spec?.replicas ?? 1} while the canary ran)`;
    deps.logger.info(line);
    report.notes.push(`Restored ${line.replace(/^[^:]*: /, `${m.ref.name}: `)}.`);
    if (replicas !== undefined) restored.push(m);
  }
  return wait
    ? waitForPrimaries(
        restored.map((m) => m.ref),
        inputs,
        deps,
      )
    : [];
}
