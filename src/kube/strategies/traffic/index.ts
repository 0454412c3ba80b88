/**
 * Weighted traffic for the canary and blue-green strategies
 * (traffic-routing): one module per router, after azure/k8s-deploy's one
 * file per traffic-split method. With `replicas` (the default) the Services
 * spread traffic over pods and the strategies size the pods; with
 * `gateway-api` an HTTPRoute's backendRef weights, and with `ingress-nginx`
 * a canary Ingress's weight, decide the shares, whatever the pod counts.
 *
 * The user's Service keeps its name and its place in the route, and serves
 * the primary; each track (canary, baseline) gets a Service of its own,
 * `<service>-<track>`, which the route weighs beside it. While tracks run,
 * the user's Service is held to the primary's pods by their
 * pod-template-hash (the tracks' pods carry the app's labels too, and would
 * otherwise get part of the primary's weight), as Argo Rollouts holds its
 * stable Service.
 */
import type { Logger } from '../../../action/logger.js';
import type { Kubectl } from '../../kubectl.js';
import type { Manifest } from '../../manifests.js';
import { describeRef, type KubeObject, type LabelSelector, type ObjectRef } from '../../objects.js';
import { currentPodTemplateHash, deleteNamed, getLive, listServices, patchService } from '../cluster.js';
import {
  isPreview,
  POD_TEMPLATE_HASH_LABEL,
  retargetPatch,
  routingSelector,
  selectsPods,
  servicePorts,
  serviceSelector,
  TRACK_LABEL,
  type Track,
} from '../shape.js';
import { openGatewayRoute } from './gateway-api.js';
import { openNginxIngress } from './ingress-nginx.js';
import { TrafficError, type Backend, type Router, type TrafficRouting } from './router.js';

export { TRAFFIC_FIELD_MANAGER, TRAFFIC_ROUTINGS, TrafficError, type TrafficRouting } from './router.js';

/** Marks a track's Service, made from the Service it names. */
export const TRACK_OF_LABEL = 'gitops-delivery/track-of';

/** The inputs that choose the routing: traffic-routing, traffic-route (lines of `[namespace/]name`), traffic-route-rule. */
export interface TrafficInputs {
  trafficRouting: TrafficRouting;
  trafficRoutes: string[];
  trafficRouteRule: string;
}

export interface TrafficDeps {
  kubectl: Kubectl;
  logger: Logger;
}

/** A route or Ingress the user named, the primary Service it sends traffic to, and the Deployments that Service serves. */
export interface Route {
  router: Router;
  /** The primary Service, as the cluster has it. */
  service: KubeObject;
  deployments: Manifest[];
}

/** The weighted traffic of a step: the routes of the candidate's Deployments. */
export interface Traffic {
  routing: Exclude<TrafficRouting, 'replicas'>;
  routes: Route[];
}

const OPENERS = { 'gateway-api': openGatewayRoute, 'ingress-nginx': openNginxIngress } as const;

const serviceRef = (service: KubeObject): ObjectRef => ({
  group: '',
  kind: 'Service',
  namespace: service.metadata.namespace ?? '',
  name: service.metadata.name,
});

const templateLabels = (m: Manifest) =>
  (m.object.spec?.template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels;

/**
 * Reads and checks the routes named (traffic-route) before anything
 * changes: each exists, can be read, and sends traffic to a Service that
 * selects the pods of one of the candidate's Deployments; every Deployment
 * is served by one of them. Undefined with traffic-routing `replicas`.
 */
export async function openTraffic(
  inputs: TrafficInputs,
  deployments: Manifest[],
  deps: TrafficDeps,
  { cleanup = false }: { cleanup?: boolean } = {},
): Promise<Traffic | undefined> {
  const routing = inputs.trafficRouting;
  if (routing === 'replicas') return undefined;
  const servicesOf = new Map<string, KubeObject[]>();
  const routes: Route[] = [];
  for (const named of inputs.trafficRoutes) {
    const [namespace, name] = named.includes('/') ? named.split('/', 2) : [deployments[0].ref.namespace, named];
    if (!servicesOf.has(namespace))
      servicesOf.set(
        namespace,
        (await listServices(deps.kubectl, namespace)).filter((s) => !isPreview(s)),
      );
    const services = (servicesOf.get(namespace) ?? []).filter((s) => !s.metadata.labels?.[TRACK_OF_LABEL]);
    const inNamespace = deployments.filter((m) => m.ref.namespace === namespace);
    const candidates = services.filter((s) => inNamespace.some((m) => selectsPods(s, templateLabels(m))));
    let router: Router;
    try {
      router = await OPENERS[routing](deps.kubectl, {
        namespace,
        name,
        candidates: candidates.map((s) => s.metadata.name),
        rule: inputs.trafficRouteRule,
      });
    } catch (error) {
      // Promote and reject go on without a route that is gone: nothing on it to put back, but its Services to release.
      if (!(cleanup && error instanceof TrafficError && error.missing)) throw error;
      deps.logger.warning(`${error.message.replace(/ \(traffic-route\).*/, '')}: nothing to put back on it`);
      for (const service of candidates)
        routes.push({
          router: goneRouter(named, service.metadata.name),
          service,
          deployments: inNamespace.filter((m) => selectsPods(service, templateLabels(m))),
        });
      continue;
    }
    const service = candidates.find((s) => s.metadata.name === router.primary)!;
    routes.push({ router, service, deployments: inNamespace.filter((m) => selectsPods(service, templateLabels(m))) });
  }
  const unrouted = deployments.filter((m) => !routes.some((r) => r.deployments.includes(m)));
  if (unrouted.length && !cleanup) {
    throw new TrafficError(
      `traffic-routing is '${routing}', but no traffic-route (${inputs.trafficRoutes.join(', ')}) sends traffic to ${unrouted.map((m) => describeRef(m.ref)).join(', ')}: name the ${
        routing === 'gateway-api' ? 'HTTPRoute' : 'Ingress'
      } that serves each Deployment of the candidate`,
    );
  }
  return { routing, routes };
}

/** A route that no longer exists: it weighs nothing and has nothing to put back. */
const goneRouter = (named: string, primary: string): Router => ({
  describe: `${named} (gone)`,
  primary,
  maxBackends: 0,
  route: () => Promise.reject(new TrafficError(`${named} does not exist`, true)),
  restore: () => Promise.resolve(undefined),
});

/** A Service that selects only `track`'s pods of what `service` selects, with its ports: the backend the route weighs. */
export function trackService(service: KubeObject, suffix: Track | 'preview', selector: Record<string, string>): KubeObject {
  const ports = servicePorts(service);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: `${service.metadata.name}-${suffix}`,
      ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
      labels: { ...service.metadata.labels, [TRACK_OF_LABEL]: service.metadata.name },
    },
    spec: { type: 'ClusterIP', selector, ports } as KubeObject['spec'],
  };
}

/** The canary's and the baseline's Services, to apply with them. */
export function trackServices(traffic: Traffic): Manifest[] {
  return traffic.routes.flatMap(({ service }) =>
    (['canary', 'baseline'] as const).map((track) => {
      const object = trackService(service, track, { ...routingSelector(service), [TRACK_LABEL]: track });
      return { object, ref: serviceRef(object), source: `${describeRef(serviceRef(service))} (${track})` };
    }),
  );
}

/** The shares of a canary step: the canary and the baseline each get the share (the baseline where the router can weigh it). */
export function canaryBackends(router: Router, share: number): Backend[] {
  const canary = { service: `${router.primary}-canary`, weight: share };
  if (router.maxBackends < 2) return [canary];
  return [canary, { service: `${router.primary}-baseline`, weight: Math.min(share, 100 - share) }];
}

/**
 * Gives each route its backends' weights, in order; with dryRun only asks
 * the API server whether it would. Resolves a failure that says which routes
 * took their weights and which still serve the previous ones, or undefined.
 */
export async function setWeights(
  traffic: Traffic,
  backendsOf: (route: Route) => Backend[],
  deps: TrafficDeps,
  notes: string[],
  { dryRun = false } = {},
): Promise<string | undefined> {
  const done: string[] = [];
  for (const route of traffic.routes) {
    try {
      const line = await route.router.route(backendsOf(route), { dryRun });
      if (dryRun) continue;
      deps.logger.info(`weights: ${line}`);
      notes.push(`Weights: ${line}.`);
      done.push(route.router.describe);
    } catch (error) {
      const rest = traffic.routes.filter((r) => r !== route && !done.includes(r.router.describe)).map((r) => r.router.describe);
      const message = error instanceof Error ? error.message : String(error);
      return `${message}; ${route.router.describe}${rest.length ? `, ${rest.join(', ')}` : ''} still serve${rest.length ? '' : 's'} the previous weights${
        done.length ? ` (${done.join(', ')} took the new ones)` : ''
      }`;
    }
  }
  return undefined;
}

/** Puts every route back as the user wrote it; resolves a failure naming those that could not be, or undefined. */
export async function restoreRoutes(traffic: Traffic, deps: TrafficDeps, notes: string[]): Promise<string | undefined> {
  const failed: string[] = [];
  for (const route of traffic.routes) {
    try {
      const line = await route.router.restore();
      if (!line) continue;
      deps.logger.info(`restored: ${line}`);
      notes.push(`Restored ${line}.`);
    } catch (error) {
      failed.push(error instanceof Error ? error.message : String(error));
    }
  }
  return failed.length ? failed.join('; ') : undefined;
}

/**
 * Holds each primary Service to the pods of its Deployment's current
 * ReplicaSet, so that the tracks' pods, which carry the same labels, get
 * traffic only through their own Services' weights.
 */
export async function pinPrimaries(traffic: Traffic, deps: TrafficDeps, notes: string[]): Promise<void> {
  for (const { service, deployments } of traffic.routes) {
    const [deployment] = deployments;
    const live = await getLive(deps.kubectl, deployment.ref);
    const hash = live && (await currentPodTemplateHash(deps.kubectl, live));
    if (!hash)
      throw new TrafficError(`${describeRef(deployment.ref)} has no current ReplicaSet to hold Service ${service.metadata.name} to`);
    const from = serviceSelector(service);
    if (from[POD_TEMPLATE_HASH_LABEL] === hash) continue;
    await patchService(
      deps.kubectl,
      serviceRef(service),
      retargetPatch(from, { ...routingSelector(service), [POD_TEMPLATE_HASH_LABEL]: hash }),
    );
    service.spec = { ...service.spec, selector: { ...routingSelector(service), [POD_TEMPLATE_HASH_LABEL]: hash } as LabelSelector };
    notes.push(
      `Service ${service.metadata.name} is held to the primary's pods (${POD_TEMPLATE_HASH_LABEL} ${hash}) while the canary runs.`,
    );
  }
}

/** The primary Services select by the app's labels again (before the primary rolls out a new template, and after the tracks go). */
export async function unpinPrimaries(traffic: Traffic, deps: TrafficDeps, notes: string[]): Promise<void> {
  for (const { service } of traffic.routes) {
    const from = serviceSelector(service);
    if (!(POD_TEMPLATE_HASH_LABEL in from)) continue;
    await patchService(deps.kubectl, serviceRef(service), retargetPatch(from, routingSelector(service)));
    service.spec = { ...service.spec, selector: routingSelector(service) as LabelSelector };
    notes.push(`Service ${service.metadata.name} selects its pods by the app's labels again.`);
  }
}

/** Deletes the tracks' Services. */
export async function deleteTrackServices(traffic: Traffic, deps: TrafficDeps): Promise<ObjectRef[]> {
  return deleteNamed(
    deps.kubectl,
    traffic.routes.flatMap(({ service }) =>
      (['canary', 'baseline'] as const).map((track) => ({ ...serviceRef(service), name: `${service.metadata.name}-${track}` })),
    ),
    deps.logger,
  );
}

/** What the summary says of the routing, when weighted. */
export const describeTraffic = (traffic: Traffic | undefined): string | undefined =>
  traffic &&
  `traffic-routing ${traffic.routing}: ${traffic.routes.map((r) => `${r.router.describe} -> Service ${r.router.primary}`).join(', ')}`;
