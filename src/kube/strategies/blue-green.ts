/**
 * The blue-green strategy. deploy: the candidate's Deployments run full size
 * as `<name>-<colour>`, the colour not live, beside what serves now, with a
 * `<service>-preview` Service that selects only them, for checks. promote:
 * once they are ready, each live Service's selector moves to the new colour
 * in one update, then the old colour goes. reject: the new colour and its
 * previews go; the live Services never changed.
 *
 * The live colour is recorded on the live Services (`gitops-delivery/live-
 * color`), which is what the switch changes, so the record and the traffic
 * cannot disagree. Before the first switch, a plain Deployment `<name>` is
 * what serves: it counts as the old colour and goes at the first promote.
 */
import { describeError, InputError } from '../../action/errors.js';
import {
  describeFailure,
  emptyRollout,
  rollOut,
  type CandidateSource,
  type DeployDeps,
  type DeployResult,
  type Rollout,
} from '../deploy.js';
import type { DeployInputs } from '../deploy-inputs.js';
import type { Manifest } from '../manifests.js';
import { describeRef, refKey, type KubeObject, type ObjectRef } from '../objects.js';
import { currentPodTemplateHash, deleteNamed, getLive, listServices, patchService } from './cluster.js';
import { emptyReport, type ColorSet } from './report.js';
import {
  colorName,
  COLOR_LABEL,
  derivedDeployment,
  isDeployment,
  isPodDependency,
  isPreview,
  isService,
  liveColorOf,
  nextColor,
  POD_TEMPLATE_HASH_LABEL,
  previewName,
  previewService,
  retargetPatch,
  routingSelector,
  selectsPods,
  serviceSelector,
  switchedService,
  type Color,
} from './shape.js';

interface ServiceTarget {
  ref: ObjectRef;
  /** The object the manifests declare, or else the cluster's. */
  object: KubeObject;
  declared: boolean;
  /** The Service as the cluster has it before this run, when it exists. */
  live?: KubeObject;
}

export interface ColorPlan {
  deployment: Manifest;
  services: ServiceTarget[];
  live?: Color;
  next: Color;
  /** The plain Deployment `<name>`, as the cluster has it: what serves before the first switch. */
  plain?: KubeObject;
}

const serviceRef = (namespace: string, name: string): ObjectRef => ({ group: '', kind: 'Service', namespace, name });
const colorRef = (plan: ColorPlan, color: Color): ObjectRef => ({
  ...plan.deployment.ref,
  name: colorName(plan.deployment.ref.name, color),
});
const previewRefs = (plan: ColorPlan) => plan.services.map((s) => serviceRef(plan.deployment.ref.namespace, previewName(s.ref.name)));
const previous = (plan: ColorPlan): ObjectRef | undefined =>
  plan.live ? colorRef(plan, plan.live) : plan.plain ? plan.deployment.ref : undefined;

/** Reads, for each Deployment of the candidate, the Services that send it traffic and which colour they serve. */
export async function planColors(source: CandidateSource, deps: DeployDeps): Promise<ColorPlan[]> {
  const deployments = source.candidate.manifests.filter(isDeployment);
  if (!deployments.length) {
    throw new InputError(
      'manifests',
      "declare no Deployment, so strategy 'blue-green' has nothing to do",
      "manifests with at least one Deployment, or strategy 'rolling'",
    );
  }
  const namespaces = [...new Set(deployments.map((m) => m.ref.namespace))];
  const liveServices = new Map(
    await Promise.all(namespaces.map(async (ns) => [ns, (await listServices(deps.kubectl, ns)).filter((s) => !isPreview(s))] as const)),
  );
  return Promise.all(
    deployments.map(async (deployment): Promise<ColorPlan> => {
      const { namespace } = deployment.ref;
      const labels = (deployment.object.spec?.template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels;
      const declared = source.candidate.manifests.filter(
        (m) => isService(m) && m.ref.namespace === namespace && selectsPods(m.object, labels),
      );
      const live = (liveServices.get(namespace) ?? []).filter((s) => selectsPods(s, labels));
      const services = new Map<string, ServiceTarget>();
      const liveNamed = (name: string) => (liveServices.get(namespace) ?? []).find((s) => s.metadata.name === name);
      for (const m of declared) services.set(m.ref.name, { ref: m.ref, object: m.object, declared: true, live: liveNamed(m.ref.name) });
      for (const s of live) {
        if (!services.has(s.metadata.name))
          services.set(s.metadata.name, { ref: serviceRef(namespace, s.metadata.name), object: s, declared: false, live: s });
      }
      if (!services.size) {
        throw new InputError(
          'manifests',
          `no Service selects the pods of ${describeRef(deployment.ref)}, so blue-green has no traffic to switch`,
          "a Service whose selector matches the Deployment's pod labels, or strategy 'rolling'",
        );
      }
      const colors = [...new Set(live.map(liveColorOf).filter((c): c is Color => Boolean(c)))];
      if (colors.length > 1) {
        throw new Error(
          `the Services of ${describeRef(deployment.ref)} disagree about the live colour (${live.map((s) => `${s.metadata.name}: ${liveColorOf(s) ?? 'none'}`).join(', ')}); switch them to one colour by hand first`,
        );
      }
      const [liveColor] = colors;
      return {
        deployment,
        services: [...services.values()],
        live: liveColor,
        next: nextColor(liveColor),
        plain: await getLive(deps.kubectl, deployment.ref),
      };
    }),
  );
}

function colorManifest(plan: ColorPlan, color: Color): Manifest {
  const { deployment } = plan;
  return {
    object: derivedDeployment(deployment.object, { name: colorName(deployment.ref.name, color), label: COLOR_LABEL, value: color }),
    ref: colorRef(plan, color),
    source: `${deployment.source} (${color})`,
  };
}

function previewManifests(plan: ColorPlan, color: Color): Manifest[] {
  return plan.services.map((service) => ({
    object: previewService(service.object, color),
    ref: serviceRef(plan.deployment.ref.namespace, previewName(service.ref.name)),
    source: `${plan.deployment.source} (preview of ${service.ref.name})`,
  }));
}

function colorSet(plan: ColorPlan, color: Color, withPreviews: boolean): ColorSet {
  const before = previous(plan);
  return {
    namespace: plan.deployment.ref.namespace,
    primary: plan.deployment.ref.name,
    color,
    workload: colorName(plan.deployment.ref.name, color),
    ...(before && before.name !== colorName(plan.deployment.ref.name, color) ? { previous: before.name } : {}),
    services: plan.services.map((s) => s.ref.name),
    previews: withPreviews ? plan.services.map((s) => previewName(s.ref.name)) : [],
  };
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

export async function blueGreen(source: CandidateSource, inputs: DeployInputs, deps: DeployDeps, started: number): Promise<DeployResult> {
  const clock = deps.clock ?? (() => performance.now());
  const plans = await planColors(source, deps);
  const { sha } = source.candidate;
  const report = emptyReport('blue-green', inputs.action);
  const result: DeployResult = {
    result: 'succeeded',
    revision: sha,
    candidate: emptyRollout(sha),
    pruned: [],
    durationMs: 0,
    strategy: report,
  };
  const { logger } = deps;

  if (inputs.action === 'deploy') {
    for (const plan of plans) {
      const before = previous(plan);
      logger.info(
        `${describeRef(plan.deployment.ref)}: deploying ${plan.next} beside ${before ? `${before.name}, which serves now` : 'nothing (no live colour, no plain Deployment)'}`,
      );
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
  } else if (inputs.action === 'reject') {
    report.colors = plans.map((plan) => colorSet(plan, plan.next, false));
    report.deleted = await deleteNamed(
      deps.kubectl,
      plans.flatMap((plan) => [colorRef(plan, plan.next), ...previewRefs(plan)]),
      logger,
    );
    if (!report.deleted.length) report.notes.push('No new colour or preview was left to delete.');
    await unpin(plans, deps, report.notes);
  } else {
    await promote(plans, source, inputs, deps, result);
  }
  result.durationMs = Math.round(clock() - started);
  return result;
}

async function promote(plans: ColorPlan[], source: CandidateSource, inputs: DeployInputs, deps: DeployDeps, result: DeployResult) {
  const { kubectl, logger } = deps;
  const report = result.strategy!;
  const { sha } = source.candidate;
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
    return;
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
    result.failure = `${switched.applyError}; the new colour runs, but the live Services may not have switched`;
    return;
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
    const back = await logger.group('Blue-green: switch the live Services back', () => switchBack(switching, deps, report.notes));
    result.result = back ? 'rolled-back' : 'failed';
    result.failure = `switched to the new colour, but ${describeFailure(switched)}; ${
      back
        ? 'the live Services were switched back to what served before, which still runs'
        : 'switching the live Services back failed too (see above)'
    }; the new colour and the other objects applied are left for inspection: action 'reject' removes the new colour`;
    return;
  }

  // Traffic has left the old colour: it goes, and so do the previews.
  const old = switching.map(({ plan }) => previous(plan)).filter((ref): ref is ObjectRef => Boolean(ref));
  report.deleted = await deleteNamed(kubectl, [...old, ...plans.flatMap(previewRefs)], logger);
  if (!switched.healthy) {
    result.result = 'failed';
    result.failure = `switched to the new colour, but ${describeFailure(switched)}`;
  }
}

/** Live Services of a plan still on its plain Deployment, none switched yet: the ones to pin, and to unpin. */
const plainServices = (plan: ColorPlan) =>
  plan.plain && !plan.live ? plan.services.filter((s): s is ServiceTarget & { live: KubeObject } => Boolean(s.live)) : [];

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
