import type { DeployInputs } from '../../deploy-inputs.js';
import { describeRef } from '../../objects.js';
import { deleteNamed, patchService } from '../cluster.js';
import { POD_TEMPLATE_HASH_LABEL, retargetPatch, routingSelector, serviceSelector } from '../shape.js';
import type { CandidateSource, DeployDeps, DeployResult } from '../strategy.js';
import { colorRef, colorSet, plainServices, previewRefs, startBlueGreen, type ColorPlan } from './plan.js';
import { openTraffic, restoreRoutes } from '../traffic/index.js';

/** Blue-green reject: the new colour and its previews go; the live Services never changed. */
export async function rejectBlueGreen(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const { plans, report, result } = await startBlueGreen(source, 'reject', deps);
  const { logger } = deps;
  report.colors = plans.map((plan) => colorSet(plan, plan.next, false));
  // A promote stopped half-way may have left the routes on the previews: back to the live Services before the previews go.
  const traffic = await openTraffic(
    inputs,
    plans.map((plan) => plan.deployment),
    deps,
    { cleanup: true },
  );
  const failure = traffic && (await restoreRoutes(traffic, deps, report.notes));
  if (failure) {
    result.result = 'failed';
    result.failure = `${failure}; the new colour and its previews are left running, since the routes still send them traffic: run reject again`;
    return result;
  }
  report.deleted = await deleteNamed(
    deps.kubectl,
    plans.flatMap((plan) => [colorRef(plan, plan.next), ...previewRefs(plan)]),
    logger,
  );
  if (!report.deleted.length) report.notes.push('No new colour or preview was left to delete.');
  await unpin(plans, deps, report.notes);
  return result;
}

/** After a reject, a Service pinned to the plain Deployment's pods selects by the app's labels again. */
async function unpin(plans: ColorPlan[], deps: DeployDeps, notes: string[]): Promise<void> {
  for (const plan of plans) {
    for (const service of plainServices(plan)) {
      const from = serviceSelector(service.live);
      if (!(POD_TEMPLATE_HASH_LABEL in from)) continue;
      await patchService(deps.kubectl, service.ref, retargetPatch(from, routingSelector(service.live)));
      notes.push(`${describeRef(service.ref)} selects the plain ${plan.deployment.ref.name}'s pods by its labels again.`);
    }
  }
}
