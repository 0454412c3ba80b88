import type { DeployInputs } from '../../deploy-inputs.js';
import { describeRef } from '../../objects.js';
import { describeFailure, rollOut } from '../apply-wait.js';
import { currentPodTemplateHash, patchService } from '../cluster.js';
import { isPodDependency, POD_TEMPLATE_HASH_LABEL, previewName, retargetPatch, routingSelector, serviceSelector } from '../shape.js';
import { openTraffic, setWeights, TrafficError } from '../traffic/index.js';
import type { CandidateSource, DeployDeps, DeployResult } from '../strategy.js';
import { colorManifest, colorSet, plainServices, previewManifests, previous, startBlueGreen, type ColorPlan } from './plan.js';

/**
 * Blue-green deploy: the candidate's Deployments run full size as
 * `<name>-<colour>`, the colour not live, beside what serves now, with a
 * `<service>-preview` Service that selects only them, for checks.
 */
export async function deployBlueGreen(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const { plans, report, result } = await startBlueGreen(source, 'deploy', deps);
  const { sha } = source.candidate;
  const { logger } = deps;
  for (const plan of plans) {
    const before = previous(plan);
    logger.info(
      `${describeRef(plan.deployment.ref)}: deploying ${plan.next} beside ${before ? `${before.name}, which serves now` : 'nothing (no live colour, no plain Deployment)'}`,
    );
  }
  // With weights, the routes are read and the switch tried (RBAC, validation) before anything changes.
  const traffic = await openTraffic(
    inputs,
    plans.map((plan) => plan.deployment),
    deps,
  );
  if (traffic) {
    const refused = await setWeights(traffic, (route) => [{ service: previewName(route.router.primary), weight: 100 }], deps, [], {
      dryRun: true,
    });
    if (refused) throw new TrafficError(`${refused}; nothing was changed`);
  }
  await pinToPlainPods(plans, deps, report.notes);
  const created = plans.flatMap((plan) => [colorManifest(plan, plan.next), ...previewManifests(plan, plan.next)]);
  const manifests = [...source.candidate.manifests.filter(isPodDependency), ...created];
  result.candidate = await logger.group('Blue-green: apply the new colour and its previews, and wait', () =>
    rollOut({ sha, manifests }, inputs, deps, true),
  );
  report.created = created.map((m) => m.ref);
  report.colors = plans.map((plan) => colorSet(plan, plan.next, true));
  if (!result.candidate.healthy) {
    result.result = 'failed';
    result.failure = `${describeFailure(result.candidate)}; the live Services are unchanged, the new colour is left for inspection: action 'reject' removes it`;
  }
  return result;
}

/**
 * Before the first switch, the live Services select the plain Deployment's
 * pods by the app's labels alone, which the new colour's pods carry too:
 * each is pinned to the pods the plain Deployment runs now, by their
 * pod-template-hash, so that the new colour gets no live traffic before
 * promote. The switch replaces the whole selector, pin included.
 */
async function pinToPlainPods(plans: ColorPlan[], deps: DeployDeps, notes: string[]): Promise<void> {
  for (const plan of plans) {
    const services = plainServices(plan);
    if (!services.length) continue;
    const hash = await currentPodTemplateHash(deps.kubectl, plan.plain!);
    if (!hash) {
      deps.logger.warning(
        `${describeRef(plan.deployment.ref)} has no current ReplicaSet to pin its Services to; they may send traffic to the new colour before promote`,
      );
      continue;
    }
    for (const service of services) {
      const from = serviceSelector(service.live);
      const to = { ...routingSelector(service.live), [POD_TEMPLATE_HASH_LABEL]: hash };
      if (from[POD_TEMPLATE_HASH_LABEL] === hash) continue;
      await patchService(deps.kubectl, service.ref, retargetPatch(from, to));
      notes.push(
        `${describeRef(service.ref)} is held to the pods of the plain ${plan.deployment.ref.name} (${POD_TEMPLATE_HASH_LABEL} ${hash}) until promote.`,
      );
    }
  }
}
