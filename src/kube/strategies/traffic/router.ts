/** What every traffic router offers the strategies, and how it fails. */

/** How canary and blue-green move traffic: pod counts, an HTTPRoute's weights, or an ingress-nginx canary Ingress. */
export const TRAFFIC_ROUTINGS = ['replicas', 'gateway-api', 'ingress-nginx'] as const;
export type TrafficRouting = (typeof TRAFFIC_ROUTINGS)[number];

/** The action's field manager for the traffic it routes, apart from the one that applies the manifests. */
export const TRAFFIC_FIELD_MANAGER = 'gitops-delivery-traffic';

/** A Service that gets a share of the primary's traffic, in percent. */
export interface Backend {
  service: string;
  weight: number;
}

/** What a router is opened on: the object the user named, and the primary Service it sends traffic to. */
export interface RouterTarget {
  namespace: string;
  /** The HTTPRoute or Ingress (traffic-route). */
  name: string;
  /** The Services that select the primary's pods: the route or Ingress must send traffic to one of them. */
  candidates: string[];
  /** traffic-route-rule: the HTTPRoute rule to weigh, by name or position; '' for every rule that names the primary. */
  rule: string;
}

export interface Router {
  /** `HTTPRoute shop/web`, `Ingress shop/web`. */
  describe: string;
  /** The Service among the candidates that the route or Ingress sends traffic to. */
  primary: string;
  /** How many Services beside the primary it can give a share. */
  maxBackends: number;
  /**
   * Gives each backend its weight and the primary the rest of 100; with
   * dryRun, only asks the API server whether it would (RBAC, validation).
   * Resolves a line saying the weights now served.
   */
  route(backends: Backend[], options?: { dryRun?: boolean }): Promise<string>;
  /** Puts the route back as the user wrote it; resolves a line saying so, or undefined when nothing was left to put back. */
  restore(): Promise<string | undefined>;
}

/** The Services the action puts beside a primary Service (shape.ts names them so), which restoring removes from a route. */
export const oursBeside = (primary: string): string[] => ['canary', 'baseline', 'preview'].map((suffix) => `${primary}-${suffix}`);

/** A weight that could not be read, checked or applied: the message names the route and the reason. */
export class TrafficError extends Error {
  constructor(
    message: string,
    /** The route or Ingress does not exist: there is nothing on it to put back. */
    readonly missing = false,
  ) {
    super(message);
    this.name = 'TrafficError';
  }
}
