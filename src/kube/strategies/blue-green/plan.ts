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
import { InputError } from '../../../action/errors.js';
import type { DeployInputs } from '../../deploy-inputs.js';
import type { Manifest } from '../../manifests.js';
import { describeRef, type KubeObject, type ObjectRef } from '../../objects.js';
import { getLive, listServices } from '../cluster.js';
import { emptyReport, type ColorSet, type StrategyReport } from '../report.js';
import {
  colorName,
  COLOR_LABEL,
  derivedDeployment,
  isDeployment,
  isPreview,
  isService,
  liveColorOf,
  nextColor,
  previewName,
  previewService,
  selectsPods,
  type Color,
} from '../shape.js';
import { emptyResult, type CandidateSource, type DeployDeps, type DeployResult } from '../strategy.js';

export interface ServiceTarget {
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

export const serviceRef = (namespace: string, name: string): ObjectRef => ({ group: '', kind: 'Service', namespace, name });
export const colorRef = (plan: ColorPlan, color: Color): ObjectRef => ({
  ...plan.deployment.ref,
  name: colorName(plan.deployment.ref.name, color),
});
export const previewRefs = (plan: ColorPlan) =>
  plan.services.map((s) => serviceRef(plan.deployment.ref.namespace, previewName(s.ref.name)));
export const previous = (plan: ColorPlan): ObjectRef | undefined =>
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

export function colorManifest(plan: ColorPlan, color: Color): Manifest {
  const { deployment } = plan;
  return {
    object: derivedDeployment(deployment.object, { name: colorName(deployment.ref.name, color), label: COLOR_LABEL, value: color }),
    ref: colorRef(plan, color),
    source: `${deployment.source} (${color})`,
  };
}

export function previewManifests(plan: ColorPlan, color: Color): Manifest[] {
  return plan.services.map((service) => ({
    object: previewService(service.object, color),
    ref: serviceRef(plan.deployment.ref.namespace, previewName(service.ref.name)),
    source: `${plan.deployment.source} (preview of ${service.ref.name})`,
  }));
}

export function colorSet(plan: ColorPlan, color: Color, withPreviews: boolean): ColorSet {
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

/** Live Services of a plan still on its plain Deployment, none switched yet: the ones to pin, and to unpin. */
export const plainServices = (plan: ColorPlan) =>
  plan.plain && !plan.live ? plan.services.filter((s): s is ServiceTarget & { live: KubeObject } => Boolean(s.live)) : [];

/** What every blue-green step starts from: a plan per Deployment, and a result that has changed nothing yet. */
export async function startBlueGreen(
  source: CandidateSource,
  action: DeployInputs['action'],
  deps: DeployDeps,
): Promise<{ plans: ColorPlan[]; report: StrategyReport; result: DeployResult }> {
  const plans = await planColors(source, deps);
  const report = emptyReport('blue-green', action);
  return { plans, report, result: { ...emptyResult(source.candidate.sha), strategy: report } };
}
