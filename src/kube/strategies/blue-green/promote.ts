import { describeError } from '../../../action/errors.js';
import type { DeployInputs } from '../../deploy-inputs.js';
import { describeRef, refKey, type ObjectRef } from '../../objects.js';
import { describeFailure, rollOut } from '../apply-wait.js';
import { deleteNamed, getLive, patchService } from '../cluster.js';
import { COLOR_LABEL, liveColorOf, retargetPatch, routingSelector, serviceSelector, switchedService, type Color } from '../shape.js';
import type { CandidateSource, DeployDeps, DeployResult, Rollout } from '../strategy.js';
import { colorManifest, colorRef, colorSet, previewRefs, previous, startBlueGreen, type ColorPlan } from './plan.js';
import { openTraffic, restoreRoutes, setWeights, type Traffic } from '../traffic/index.js';
import { previewName } from '../shape.js';

/**
 * Blue-green promote: once the new colour is ready, each live Service's
 * selector moves to it in one update, then the old colour goes.
 */
export async function promoteBlueGreen(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const { plans, report, result } = await startBlueGreen(source, 'promote', deps);
  const { kubectl, logger } = deps;
  const { sha } = source.candidate;
  const traffic = await openTraffic(
    inputs,
    plans.map((plan) => plan.deployment),
    deps,
  );
  // Which colour each Deployment ends on: the new one when it was deployed, or the live one when a promote already ran.
  const targets = await Promise.all(
    plans.map(async (plan): Promise<{ plan: ColorPlan; color: Color; switching: boolean }> => {
      if (await getLive(kubectl, colorRef(plan, plan.next))) return { plan, color: plan.next, switching: true };
      if (plan.live && (await getLive(kubectl, colorRef(plan, plan.live)))) return { plan, color: plan.live, switching: false };
      throw new Error(
        `${describeRef(colorRef(plan, plan.next))} does not exist, so there is nothing to promote: run action 'deploy' with strategy 'blue-green' first`,
      );
    }),
  );
  const switching = targets.filter((t) => t.switching);
  for (const { plan } of targets.filter((t) => !t.switching)) {
    report.notes.push(`${describeRef(plan.deployment.ref)}: ${plan.live} is already live; nothing to switch.`);
  }

  // The new colour must be ready before any traffic moves to it.
  const colors = await logger.group('Blue-green: the new colour, ready before the switch', () =>
    rollOut({ sha, manifests: switching.map(({ plan }) => colorManifest(plan, plan.next)) }, inputs, deps, true),
  );
  result.candidate = colors;
  report.colors = targets.map(({ plan, color }) => colorSet(plan, color, false));
  if (!colors.healthy) {
    result.result = 'failed';
    result.failure = `${describeFailure(colors)}; not switched: the live Services still serve the old colour`;
    return result;
  }

  // With weights, the routes move all traffic to the new colour's previews in one update each, before any selector moves.
  if (traffic && switching.length) {
    const refused = await setWeights(traffic, (route) => [{ service: previewName(route.router.primary), weight: 100 }], deps, report.notes);
    if (refused) {
      result.result = 'failed';
      result.failure = `${refused}; not switched: the live Services still serve the old colour`;
      return result;
    }
  }

  // The rest of the candidate, with each live Service switched: selector and live-colour record in one update.
  const colorOf = new Map<string, Color>();
  for (const { plan, color } of targets) for (const service of plan.services) colorOf.set(refKey(service.ref), color);
  const planned = new Set(plans.map((plan) => refKey(plan.deployment.ref)));
  const rest = source.candidate.manifests
    .filter((m) => !planned.has(refKey(m.ref)))
    .map((m) => {
      const color = colorOf.get(refKey(m.ref));
      return color ? { ...m, object: switchedService(m.object, color, true) } : m;
    });
  const undeclared = targets.flatMap(({ plan, color }) =>
    plan.services
      .filter((s) => !s.declared)
      .map((s) => ({ object: switchedService(s.object, color, false), ref: s.ref, source: `${describeRef(s.ref)} (switched)` })),
  );
  const switched = await logger.group('Blue-green: switch the live Services and apply the rest', () =>
    rollOut({ sha, manifests: [...rest, ...undeclared] }, inputs, deps, true),
  );
  result.candidate = combine(colors, switched);
  if (switched.applyError) {
    result.result = 'failed';
    result.failure = `${switched.applyError}; the new colour runs, but the live Services may not have switched${
      traffic ? ` (the routes send all traffic to the new colour's previews, which are kept)` : ''
    }`;
    return result;
  }
  for (const { plan, color } of switching) {
    for (const service of plan.services) {
      report.switched.push({
        service: service.ref,
        from: plan.live ?? (plan.plain ? `the plain ${plan.deployment.ref.name}` : 'nothing'),
        to: color,
      });
      logger.info(`${describeRef(service.ref)} now serves ${color}`);
    }
  }

  if (!switched.healthy && inputs.rollbackOnFailure) {
    // The old colour still runs: traffic goes back to it, and nothing is deleted.
    const back = await logger.group('Blue-green: switch the live Services back', async () => {
      const selectors = await switchBack(switching, deps, report.notes);
      return (await routesAsWritten(traffic, deps, report.notes)) && selectors;
    });
    result.result = back ? 'rolled-back' : 'failed';
    result.failure = `switched to the new colour, but ${describeFailure(switched)}; ${
      back
        ? 'the live Services were switched back to what served before, which still runs'
        : 'switching the live Services back failed too (see above)'
    }; the new colour and the other objects applied are left for inspection: action 'reject' removes the new colour`;
    return result;
  }

  // The routes go back to the live Services, which serve the new colour now; the previews they weighed can then go.
  if (!(await routesAsWritten(traffic, deps, report.notes))) {
    result.result = 'failed';
    result.failure = `switched to the new colour, but the routes could not be put back on the live Services (see above): they send all traffic to the previews, which are kept; run promote again`;
    return result;
  }

  // Traffic has left the old colour: it goes, and so do the previews.
  const old = switching.map(({ plan }) => previous(plan)).filter((ref): ref is ObjectRef => Boolean(ref));
  report.deleted = await deleteNamed(kubectl, [...old, ...plans.flatMap(previewRefs)], logger);
  if (!switched.healthy) {
    result.result = 'failed';
    result.failure = `switched to the new colour, but ${describeFailure(switched)}`;
  }
  return result;
}

function combine(first: Rollout, second: Rollout): Rollout {
  return {
    revision: first.revision,
    applied: [...first.applied, ...second.applied],
    workloads: [...first.workloads, ...second.workloads],
    diagnoses: [...first.diagnoses, ...second.diagnoses],
    applyError: first.applyError ?? second.applyError,
    healthy: first.healthy && second.healthy,
  };
}

/**
 * Puts each switched Service's selector and live-colour record back as they
 * were before promote. A Service that did not exist before has nothing to
 * go back to, and is left as switched. Resolves whether every patch landed.
 */
async function switchBack(switching: { plan: ColorPlan; color: Color }[], deps: DeployDeps, notes: string[]): Promise<boolean> {
  let ok = true;
  for (const { plan, color } of switching) {
    for (const service of plan.services) {
      if (!service.live) {
        notes.push(`${describeRef(service.ref)} is new in this revision: it stays on ${color}.`);
        continue;
      }
      const switched = { ...routingSelector(service.object), [COLOR_LABEL]: color };
      try {
        await patchService(
          deps.kubectl,
          service.ref,
          retargetPatch(switched, serviceSelector(service.live), liveColorOf(service.live) ?? null),
        );
        const before = plan.live ?? `the plain ${plan.deployment.ref.name}`;
        deps.logger.info(`${describeRef(service.ref)} serves ${before} again`);
        notes.push(`${describeRef(service.ref)}: switched back to ${before}.`);
      } catch (error) {
        ok = false;
        deps.logger.error(`${describeRef(service.ref)}: could not switch back: ${describeError(error)}`);
      }
    }
  }
  return ok;
}

/** Puts the routes back as written (all traffic to the live Services), logging a refusal; resolves whether all were. */
async function routesAsWritten(traffic: Traffic | undefined, deps: DeployDeps, notes: string[]): Promise<boolean> {
  if (!traffic) return true;
  const failure = await restoreRoutes(traffic, deps, notes);
  if (failure) deps.logger.error(failure);
  return !failure;
}
