/**
 * The objects the canary and blue-green strategies make from the candidate's
 * and the cluster's: names, labels, replica counts, colours. Pure functions,
 * so the rules can be read and tested without a cluster.
 */
import type { Manifest } from '../manifests.js';
import type { KubeObject, LabelSelector } from '../objects.js';

/** The label that tells canary and baseline pods apart; canary-check's `{{track}}` takes its values. */
export const TRACK_LABEL = 'track';
export const TRACKS = ['canary', 'baseline'] as const;
export type Track = (typeof TRACKS)[number];

/** The label that tells the two blue-green Deployments' pods apart, and that the live Service selects. */
export const COLOR_LABEL = 'color';
export const COLORS = ['blue', 'green'] as const;
export type Color = (typeof COLORS)[number];
/** Where the live colour is recorded: on the Service, which is what the switch changes. */
export const LIVE_COLOR_ANNOTATION = 'gitops-delivery/live-color';
/** Marks a preview Service with the Service it previews, so it is never taken for a live one. */
export const PREVIEW_OF_LABEL = 'gitops-delivery/preview-of';

export const trackName = (deployment: string, track: Track): string => `${deployment}-${track}`;
export const colorName = (deployment: string, color: Color): string => `${deployment}-${color}`;
export const previewName = (service: string): string => `${service}-preview`;

export function isColor(value: unknown): value is Color {
  return (COLORS as readonly unknown[]).includes(value);
}

/** The colour a new deployment gets: the one not live. The first one, beside a plain Deployment or nothing, is green. */
export function nextColor(live: Color | undefined): Color {
  return live === 'green' ? 'blue' : 'green';
}

/**
 * How far, in percentage points, the share served may be from the share
 * asked before it is said to differ: with whole pods, 10% of 9 replicas is
 * 1 pod in 9, 11.1%.
 */
export const SHARE_TOLERANCE = 2;

/** Pods of each track while a canary runs, and the share of the traffic each serves. */
export interface CanarySplit {
  /** The share asked, in percent. */
  share: number;
  canary: number;
  baseline: number;
  primary: number;
  /**
   * Percent of the pods behind the Services, which is the share of
   * connections each track serves: a Service spreads its connections evenly
   * over its ready endpoints. One decimal.
   */
  served: { canary: number; baseline: number; primary: number };
  /** Whether the canary's served share is within SHARE_TOLERANCE points of the share asked. */
  honest: boolean;
  /** When it is not, the fewest primary replicas that would serve the share asked; undefined if none up to 1000 do. */
  replicasNeeded?: number;
}

const percent = (part: number, total: number) => Math.round((part * 1000) / total) / 10;
const withinTolerance = (canary: number, total: number, share: number) => Math.abs(canary * 100 - share * total) <= SHARE_TOLERANCE * total;

/**
 * The canary's and the baseline's pods, and what is left of the primary's,
 * out of the primary's own replicas: the Services spread over the same number
 * of pods as before, so capacity is kept and the canary serves `share`% of
 * it. The baseline serves as much as the canary, for a comparison of equals,
 * until the canary passes half; beyond that the baseline serves what is left
 * and the primary none. Each of canary and baseline has at least one pod, so
 * a primary of one replica runs as two pods (canary and baseline, the primary
 * at zero). When an autoscaler owns the primary's replicas (`primaryFixed`),
 * the primary keeps them and the canary and baseline are sized around it (at
 * most as many pods as the primary each).
 */
// `search` false skips looking for the replicas that would serve the share (the search itself splits).
export function splitReplicas(share: number, primaryReplicas: number, { primaryFixed = false, search = true } = {}): CanarySplit {
  const replicas = Math.max(0, Math.floor(primaryReplicas));
  const options: { canary: number; baseline: number; primary: number }[] = [];
  if (primaryFixed) {
    const primary = replicas;
    for (let canary = 1; canary <= Math.max(1, primary); canary++) options.push({ canary, baseline: canary, primary });
  } else {
    const total = Math.max(replicas, share < 100 ? 2 : 1);
    if (share >= 100) options.push({ canary: total, baseline: 0, primary: 0 });
    else if (share > 50) for (let canary = 1; canary < total; canary++) options.push({ canary, baseline: total - canary, primary: 0 });
    else for (let canary = 1; canary * 2 <= total; canary++) options.push({ canary, baseline: canary, primary: total - 2 * canary });
  }
  const error = (o: (typeof options)[number]) => Math.abs(o.canary / (o.canary + o.baseline + o.primary) - share / 100);
  // The nearest share; between two equally near, the smaller canary.
  const best = options.reduce((a, b) => (error(b) < error(a) - 1e-12 ? b : a));
  const total = best.canary + best.baseline + best.primary;
  const honest = withinTolerance(best.canary, total, share);
  const split: CanarySplit = {
    share,
    ...best,
    served: { canary: percent(best.canary, total), baseline: percent(best.baseline, total), primary: percent(best.primary, total) },
    honest,
  };
  if (!honest && !primaryFixed && search) {
    for (let more = replicas + 1; more <= 1000; more++) {
      if (splitReplicas(share, more, { search: false }).honest) {
        split.replicasNeeded = more;
        break;
      }
    }
  }
  return split;
}

/**
 * Kinds applied with the canary or the new colour at deploy time: what pods
 * need in order to start. Everything else (Services, Ingresses, autoscalers,
 * other workloads) changes production and waits for promote.
 */
const POD_DEPENDENCIES = new Set(['/ConfigMap', '/Secret', '/ServiceAccount', '/PersistentVolumeClaim', '/Namespace']);

export function isPodDependency(m: Manifest): boolean {
  return POD_DEPENDENCIES.has(`${m.ref.group}/${m.ref.kind}`);
}

export function isDeployment(m: Pick<Manifest, 'ref'>): boolean {
  return m.ref.group === 'apps' && m.ref.kind === 'Deployment';
}

export function isService(m: Pick<Manifest, 'ref'>): boolean {
  return m.ref.group === '' && m.ref.kind === 'Service';
}

/** Deployment spec fields that make a copy behave like its source; replicas, selector and template are set apart. */
const COPIED_SPEC_FIELDS = ['minReadySeconds', 'progressDeadlineSeconds', 'strategy'] as const;

export type PodTemplate = {
  metadata?: { labels?: Record<string, string>; [key: string]: unknown };
  spec?: unknown;
  [key: string]: unknown;
};

export interface DerivedDeployment {
  name: string;
  label: string;
  value: string;
  replicas?: number;
  /** The pod template to run, in place of `base`'s (the baseline runs the cluster's). */
  template?: PodTemplate;
}

/**
 * A Deployment beside `base`: renamed, with `label: value` added to its
 * labels, its selector and its pod template, so that its pods are told apart
 * while still matching the Services that select `base`'s pods. Only what the
 * manifests would say is kept: nothing the server wrote (status, uid,
 * managedFields) goes into an apply.
 */
export function derivedDeployment(base: KubeObject, derived: DerivedDeployment): KubeObject {
  const spec = base.spec ?? {};
  const template = structuredClone((derived.template ?? spec.template ?? {}) as PodTemplate);
  const { creationTimestamp: _created, ...templateMetadata } = template.metadata ?? {};
  const selector: LabelSelector = structuredClone(spec.selector ?? {});
  const copied = Object.fromEntries(COPIED_SPEC_FIELDS.filter((key) => spec[key] !== undefined).map((key) => [key, spec[key]]));
  const replicas = derived.replicas ?? spec.replicas;
  return {
    apiVersion: base.apiVersion,
    kind: base.kind,
    metadata: {
      name: derived.name,
      ...(base.metadata.namespace ? { namespace: base.metadata.namespace } : {}),
      labels: { ...base.metadata.labels, [derived.label]: derived.value },
    },
    spec: {
      ...(replicas !== undefined ? { replicas } : {}),
      ...copied,
      selector: { ...selector, matchLabels: { ...selector.matchLabels, [derived.label]: derived.value } },
      template: {
        ...template,
        metadata: { ...templateMetadata, labels: { ...template.metadata?.labels, [derived.label]: derived.value } },
      },
    },
  };
}

/** ObjectSpec types a Deployment's selector; a Service's is a plain map. */
const serviceSpec = (spec: Record<string, unknown>) => spec as KubeObject['spec'];

/** A Service's selector, which is a plain map (`spec.selector`), unlike a Deployment's. */
export function serviceSelector(service: KubeObject): Record<string, string> {
  return (service.spec?.selector as Record<string, string> | undefined) ?? {};
}

/**
 * The label the Deployment controller puts on the pods of each ReplicaSet.
 * Before the first switch, the live Services are pinned to the plain
 * Deployment's pods with it: the new colour's pods carry the app's labels
 * too, and would otherwise get live traffic before promote.
 */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** A Service's selector without the pin: the labels that route to the app. */
export function routingSelector(service: KubeObject): Record<string, string> {
  const { [POD_TEMPLATE_HASH_LABEL]: _pin, ...routing } = serviceSelector(service);
  return routing;
}

/**
 * A JSON merge patch that changes a Service's selector from `from` to `to`
 * (a label to drop becomes null) and, when `liveColor` is given, sets its
 * live-colour record (null removes it). A patch touches only these fields,
 * whoever manages the rest of the Service.
 */
export function retargetPatch(from: Record<string, string>, to: Record<string, string>, liveColor?: Color | null): object {
  const selector: Record<string, string | null> = { ...to };
  for (const key of Object.keys(from)) if (!(key in to)) selector[key] = null;
  return {
    ...(liveColor === undefined ? {} : { metadata: { annotations: { [LIVE_COLOR_ANNOTATION]: liveColor } } }),
    spec: { selector },
  };
}

/**
 * Whether a Service sends traffic to a Deployment's pods: every label of its
 * selector, but the colour the blue-green switch adds and the pin to a plain
 * Deployment's pods, is on the pod template. An empty selector selects no pods (its endpoints are managed by
 * hand).
 */
export function selectsPods(service: KubeObject, templateLabels: Record<string, string> | undefined): boolean {
  const selector = Object.entries(routingSelector(service)).filter(([key]) => key !== COLOR_LABEL);
  return selector.length > 0 && selector.every(([key, value]) => templateLabels?.[key] === value);
}

export function isPreview(service: KubeObject): boolean {
  return Boolean(service.metadata.labels?.[PREVIEW_OF_LABEL]);
}

/** The colour a Service records as live, or undefined (never switched, or an unknown value). */
export function liveColorOf(service: KubeObject): Color | undefined {
  const value = (service.metadata.annotations as Record<string, string> | undefined)?.[LIVE_COLOR_ANNOTATION];
  return isColor(value) ? value : undefined;
}

type ServicePort = { name?: string; port?: number; targetPort?: unknown; protocol?: string; appProtocol?: string };

/** `service`'s ports as a Service made beside it declares them: what routes traffic, without node ports. */
export function servicePorts(service: KubeObject): ServicePort[] {
  return ((service.spec?.ports as ServicePort[] | undefined) ?? []).map(({ name, port, targetPort, protocol, appProtocol }) =>
    Object.fromEntries(Object.entries({ name, port, targetPort, protocol, appProtocol }).filter(([, value]) => value !== undefined)),
  );
}

/**
 * A Service for checks that selects only `color`'s pods, with `service`'s
 * ports. Always a ClusterIP Service, whatever the live one is: a preview
 * must not take a load balancer or node ports.
 */
export function previewService(service: KubeObject, color: Color): KubeObject {
  const ports = servicePorts(service);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: previewName(service.metadata.name),
      ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
      labels: { ...service.metadata.labels, [PREVIEW_OF_LABEL]: service.metadata.name, [COLOR_LABEL]: color },
    },
    spec: serviceSpec({ type: 'ClusterIP', selector: { ...routingSelector(service), [COLOR_LABEL]: color }, ports }),
  };
}

/**
 * The live Service switched to `color`: the selector and the record of the
 * live colour change together, in one update. `service` is the object the
 * manifests declare, applied whole so that server-side apply keeps every
 * field we manage; for a Service the manifests do not declare, only the two
 * fields we own are sent (`declared` false).
 */
export function switchedService(service: KubeObject, color: Color, declared: boolean): KubeObject {
  const annotations = { ...(service.metadata.annotations as Record<string, string> | undefined), [LIVE_COLOR_ANNOTATION]: color };
  const selector = { ...routingSelector(service), [COLOR_LABEL]: color };
  if (!declared) {
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: service.metadata.name,
        ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
        annotations: { [LIVE_COLOR_ANNOTATION]: color },
      },
      spec: serviceSpec({ selector }),
    };
  }
  const switched = structuredClone(service);
  switched.metadata.annotations = annotations;
  switched.spec = serviceSpec({ ...switched.spec, selector });
  return switched;
}

/**
 * Where a running canary records, on its primary Deployment, what it needs
 * to go on or to be undone by a later job: the primary's replicas before the
 * canary (restored by promote and reject), the revision, the step it serves
 * and the shares served so far. Written in the same update that scales the
 * primary, so the cluster never holds a scaled primary without it.
 */
export const CANARY_STATE_ANNOTATION = 'gitops-delivery/canary';

export interface CanaryState {
  /** The candidate the canary runs. */
  revision: string;
  /** The primary's replicas before the canary, which promote and reject restore. */
  replicas: number;
  /** An autoscaler owns the primary's replicas: they were left alone and are not restored. */
  autoscaled: boolean;
  /** The step served, 1-based. */
  step: number;
  /** Asked and served canary share of each step served, in order. */
  history: { share: number; served: number }[];
}

/** The canary state a primary records, or undefined; a record that cannot be read is an error, never taken as none. */
export function canaryStateOf(primary: KubeObject): CanaryState | undefined {
  const value = (primary.metadata.annotations as Record<string, string> | undefined)?.[CANARY_STATE_ANNOTATION];
  if (value === undefined) return undefined;
  let state: Partial<CanaryState> | undefined;
  try {
    state = JSON.parse(value) as Partial<CanaryState>;
  } catch {
    state = undefined;
  }
  const valid =
    state &&
    typeof state.revision === 'string' &&
    Number.isInteger(state.replicas) &&
    state.replicas! >= 0 &&
    Number.isInteger(state.step) &&
    Array.isArray(state.history);
  if (!valid) {
    throw new Error(
      `the annotation ${CANARY_STATE_ANNOTATION} of deployment ${primary.metadata.name} cannot be read (${JSON.stringify(value)}): ` +
        `set spec.replicas to the primary's replicas and remove the annotation, then run again`,
    );
  }
  return { autoscaled: false, ...state } as CanaryState;
}

/**
 * A JSON merge patch of a primary: its replicas (unless an autoscaler owns
 * them) and its canary state together; a null state removes the record.
 */
export function primaryPatch(replicas: number | undefined, state: CanaryState | null): object {
  return {
    metadata: { annotations: { [CANARY_STATE_ANNOTATION]: state === null ? null : JSON.stringify(state) } },
    ...(replicas === undefined ? {} : { spec: { replicas } }),
  };
}
