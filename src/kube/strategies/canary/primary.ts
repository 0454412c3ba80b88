/**
 * The primary's side of a canary: the autoscalers that own its replicas, and
 * the one update that scales it and records the canary's state on it, so
 * that any later job can go on from the cluster alone or undo it.
 */
import type { DeployInputs } from '../../deploy-inputs.js';
import type { Logger } from '../../../action/logger.js';
import { KubectlError, namespaceArgs, type Kubectl } from '../../kubectl.js';
import { describeRef, resourceArg, type KubeObject, type ObjectRef } from '../../objects.js';
import { waitForRollouts, type WorkloadResult } from '../../wait.js';
import { primaryPatch, type CanaryState } from '../shape.js';
import type { DeployDeps } from '../strategy.js';

interface ScaleTargetRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
}

/**
 * The HorizontalPodAutoscalers that scale each Deployment, by
 * `namespace/name`: an autoscaler would undo a primary scaled down, so such a
 * primary keeps its replicas.
 */
export async function autoscalersOf(kubectl: Kubectl, refs: ObjectRef[], logger: Logger): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const namespace of new Set(refs.map((ref) => ref.namespace))) {
    let items: KubeObject[];
    try {
      ({ items } = await kubectl.json<{ items: KubeObject[] }>([
        'get',
        'horizontalpodautoscalers.autoscaling',
        ...namespaceArgs(namespace),
      ]));
    } catch (error) {
      // A deployer may apply Deployments without the right to read autoscalers: say so, rather than stop.
      if (!(error instanceof KubectlError && /forbidden/i.test(error.stderr))) throw error;
      logger.warning(
        `cannot list HorizontalPodAutoscalers${namespace ? ` in ${namespace}` : ''} (forbidden): the primaries are scaled as if none scaled them; an autoscaler that does would undo it`,
      );
      continue;
    }
    for (const hpa of items) {
      const target = hpa.spec?.scaleTargetRef as ScaleTargetRef | undefined;
      if (target?.kind === 'Deployment' && /^apps\//.test(target.apiVersion ?? 'apps/v1') && target.name)
        found.set(`${namespace}/${target.name}`, hpa.metadata.name);
    }
  }
  return found;
}

export const autoscalerKey = (ref: ObjectRef): string => `${ref.namespace}/${ref.name}`;

/** Sets a primary's replicas (unless undefined) and its canary state (null removes it) in one update. */
export async function updatePrimary(
  kubectl: Kubectl,
  ref: ObjectRef,
  replicas: number | undefined,
  state: CanaryState | null,
): Promise<void> {
  await kubectl.run([
    'patch',
    resourceArg(ref),
    ref.name,
    ...namespaceArgs(ref.namespace),
    '--type=merge',
    '-p',
    JSON.stringify(primaryPatch(replicas, state)),
  ]);
}

/** Waits until the primaries run their replicas, ready. */
export async function waitForPrimaries(refs: ObjectRef[], inputs: DeployInputs, deps: DeployDeps): Promise<WorkloadResult[]> {
  if (!refs.length) return [];
  deps.logger.info(`waiting for ${refs.map(describeRef).join(', ')}`);
  return waitForRollouts(deps.kubectl, refs, {
    timeoutMs: inputs.timeoutMs,
    failFast: inputs.failFast,
    logger: deps.logger,
    clock: deps.clock,
    reconnectDelayMs: deps.reconnectDelayMs,
  });
}
