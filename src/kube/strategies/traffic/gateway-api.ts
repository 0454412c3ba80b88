/**
 * Weights on a Gateway API HTTPRoute the user wrote: the rules that send
 * traffic to the primary Service get a backendRef per other Service (the
 * canary's, the baseline's, a new colour's) and the weights of the share
 * asked; restoring removes those backendRefs and gives the primary its weight
 * back.
 *
 * Why a JSON patch and not a server-side apply of the rules: in the Gateway
 * API's CRDs `spec.rules` (and each rule's `backendRefs` and `filters`) is an
 * atomic list (no x-kubernetes-list-type), so server-side apply has no key to
 * merge a partial rule by: an applied configuration carrying one rule's
 * backendRefs would replace the whole list, every other rule, match and
 * filter with it (the way routers that rebuild the rule from their own
 * struct wipe filters they do not know). Applying the whole list as read
 * would keep them, but only as of the read: a change the user made in
 * between would be undone, and under --force-conflicts the route's rules
 * would be taken from the user's field manager. A JSON patch (RFC 6902) is
 * applied by the API server to the route as it stands: it adds, sets or
 * removes the weights and backendRefs it names and nothing else, its `test`
 * operations make it fail rather than touch a rule or a backendRef that has
 * moved since the read, and it carries the action's field manager, so that
 * managedFields say which manager changed the rules last. Every other field
 * stays byte for byte as written.
 */
import type { Kubectl } from '../../kubectl.js';
import { namespaceArgs } from '../../kubectl.js';
import type { KubeObject } from '../../objects.js';
import { oursBeside, TRAFFIC_FIELD_MANAGER, TrafficError, type Backend, type Router, type RouterTarget } from './router.js';

export const HTTPROUTE_RESOURCE = 'httproutes.gateway.networking.k8s.io';

/** Where the primary's weight in each rule is kept while other backends share its traffic: `{"<rule index>": weight}`. */
export const PRIMARY_WEIGHTS_ANNOTATION = 'gitops-delivery/primary-weights';

export interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  [key: string]: unknown;
}

export interface HttpRouteRule {
  name?: string;
  backendRefs?: BackendRef[];
  [key: string]: unknown;
}

export type JsonPatchOp = { op: 'test' | 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

const rulesOf = (route: KubeObject): HttpRouteRule[] => (route.spec?.rules as HttpRouteRule[] | undefined) ?? [];

/** Whether a backendRef names a Service of the route's namespace (the default group and kind). */
function namesService(ref: BackendRef, route: KubeObject, name: string): boolean {
  return (
    ref.name === name &&
    (ref.group ?? '') === '' &&
    (ref.kind ?? 'Service') === 'Service' &&
    (ref.namespace === undefined || ref.namespace === route.metadata.namespace)
  );
}

const describeRule = (rule: HttpRouteRule, index: number) => `rule ${index + 1}${rule.name ? ` (${rule.name})` : ''}`;

/**
 * The indexes of the rules to weigh: those whose backendRefs name the
 * primary Service, narrowed to the one `ruleWanted` names (its `name`, or its
 * position from 1) when given. Refused, with the route and the reason, when
 * none does, or when a rule also sends traffic elsewhere (its other
 * backends would take part of every share).
 */
export function routedRules(route: KubeObject, primary: string, ours: string[], ruleWanted = ''): number[] {
  const rules = rulesOf(route);
  const where = describeRoute(route);
  let indexes = rules.map((_, i) => i);
  if (ruleWanted) {
    const position = /^\d+$/.test(ruleWanted) ? Number(ruleWanted) - 1 : -1;
    indexes = indexes.filter((i) => rules[i].name === ruleWanted || i === position);
    if (!indexes.length)
      throw new TrafficError(
        `${where} has no rule '${ruleWanted}' (traffic-route-rule): its rules are ${rules.map(describeRule).join(', ') || 'none'}`,
      );
  }
  const routed = indexes.filter((i) => (rules[i].backendRefs ?? []).some((ref) => namesService(ref, route, primary)));
  if (!routed.length) {
    const named = [...new Set(indexes.flatMap((i) => (rules[i].backendRefs ?? []).map((ref) => ref.name)))];
    throw new TrafficError(
      `${where} does not send traffic to Service ${primary}${ruleWanted ? ` in rule '${ruleWanted}'` : ''}: its backendRefs name ${named.join(', ') || 'nothing'}`,
    );
  }
  for (const i of routed) {
    const others = (rules[i].backendRefs ?? []).filter((ref) => !namesService(ref, route, primary) && !ours.includes(ref.name));
    if (others.length)
      throw new TrafficError(
        `${where} ${describeRule(rules[i], i)} sends traffic to ${others.map((ref) => ref.name).join(', ')} beside Service ${primary}, which would take part of every share: name a rule that sends traffic to ${primary} alone with traffic-route-rule`,
      );
  }
  return routed;
}

/** The Service among `candidates` that the route (or its rule `ruleWanted`) sends traffic to; refused when none. */
export function primaryOf(route: KubeObject, candidates: string[], ruleWanted = ''): string {
  const rules = rulesOf(route);
  for (const rule of rules) {
    for (const ref of rule.backendRefs ?? []) {
      const name = candidates.find((c) => namesService(ref, route, c));
      if (name && (!ruleWanted || routedRules(route, name, oursBeside(name), ruleWanted).length)) return name;
    }
  }
  const named = [...new Set(rules.flatMap((rule) => (rule.backendRefs ?? []).map((ref) => ref.name)))];
  throw new TrafficError(
    `${describeRoute(route)} does not send traffic to the primary (Service ${candidates.join(' or ') || 'none selects its pods'}): its backendRefs name ${named.join(', ') || 'nothing'}`,
  );
}

const describeRoute = (route: KubeObject) =>
  `HTTPRoute ${route.metadata.namespace ? `${route.metadata.namespace}/` : ''}${route.metadata.name}`;

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function recordedWeights(route: KubeObject): Record<string, number | null> | undefined {
  const value = (route.metadata.annotations as Record<string, string> | undefined)?.[PRIMARY_WEIGHTS_ANNOTATION];
  if (!value) return undefined;
  try {
    return JSON.parse(value) as Record<string, number | null>;
  } catch {
    return undefined;
  }
}

/**
 * The JSON patch that sets, in each rule given, the primary's weight and a
 * backendRef per backend (added with the primary's port when missing), and
 * records the primary's weights as written the first time.
 */
export function weightPatch(
  route: KubeObject,
  rules: number[],
  primary: string,
  backends: Backend[],
  primaryWeight: number,
): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const all = rulesOf(route);
  const original: Record<string, number | null> = {};
  for (const i of rules) {
    const refs = all[i].backendRefs ?? [];
    const base = `/spec/rules/${i}/backendRefs`;
    const at = refs.findIndex((ref) => namesService(ref, route, primary));
    original[i] = refs[at].weight ?? null;
    ops.push({ op: 'test', path: `${base}/${at}/name`, value: primary });
    ops.push({ op: 'add', path: `${base}/${at}/weight`, value: primaryWeight });
    for (const backend of backends) {
      const existing = refs.findIndex((ref) => ref.name === backend.service);
      if (existing >= 0) {
        ops.push({ op: 'test', path: `${base}/${existing}/name`, value: backend.service });
        ops.push({ op: 'add', path: `${base}/${existing}/weight`, value: backend.weight });
      } else {
        const { port } = refs[at];
        ops.push({
          op: 'add',
          path: `${base}/-`,
          value: { name: backend.service, ...(port !== undefined ? { port } : {}), weight: backend.weight },
        });
      }
    }
  }
  if (!recordedWeights(route)) {
    const annotations = route.metadata.annotations as Record<string, string> | undefined;
    const value = JSON.stringify(original);
    ops.push(
      annotations
        ? { op: 'add', path: `/metadata/annotations/${escape(PRIMARY_WEIGHTS_ANNOTATION)}`, value }
        : { op: 'add', path: '/metadata/annotations', value: { [PRIMARY_WEIGHTS_ANNOTATION]: value } },
    );
  }
  return ops;
}

/**
 * The JSON patch that puts the route back as written: the backendRefs named
 * `ours` removed from every rule, the primary's weights as recorded, the
 * record removed. Empty when there is nothing to put back.
 */
export function restorePatch(route: KubeObject, primary: string, ours: string[]): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const recorded = recordedWeights(route) ?? {};
  rulesOf(route).forEach((rule, i) => {
    const refs = rule.backendRefs ?? [];
    const base = `/spec/rules/${i}/backendRefs`;
    const at = refs.findIndex((ref) => namesService(ref, route, primary));
    if (at >= 0 && String(i) in recorded && refs[at].weight !== (recorded[i] ?? undefined)) {
      ops.push({ op: 'test', path: `${base}/${at}/name`, value: primary });
      const weight = recorded[i];
      ops.push(
        weight === null ? { op: 'remove', path: `${base}/${at}/weight` } : { op: 'add', path: `${base}/${at}/weight`, value: weight },
      );
    }
    // From the last, so that each index still points where it did when read.
    for (let j = refs.length - 1; j >= 0; j--) {
      if (!ours.includes(refs[j].name)) continue;
      ops.push({ op: 'test', path: `${base}/${j}/name`, value: refs[j].name });
      ops.push({ op: 'remove', path: `${base}/${j}` });
    }
  });
  const annotations = (route.metadata.annotations as Record<string, string> | undefined) ?? {};
  if (PRIMARY_WEIGHTS_ANNOTATION in annotations) {
    // The record goes; so does the map when it held nothing else, as a route written without annotations had none.
    const alone = Object.keys(annotations).length === 1;
    ops.push({ op: 'remove', path: alone ? '/metadata/annotations' : `/metadata/annotations/${escape(PRIMARY_WEIGHTS_ANNOTATION)}` });
  }
  return ops;
}

/** The weights a rule gives each backend now, for the log: `web 90, web-canary 10`. */
export function describeWeights(route: KubeObject, rules: number[]): string {
  return rules.map((i) => (rulesOf(route)[i].backendRefs ?? []).map((ref) => `${ref.name} ${ref.weight ?? 1}`).join(', ')).join('; ');
}

/** The HTTPRoute `target.name`, read and checked; a router that weighs its rules. */
export async function openGatewayRoute(kubectl: Kubectl, target: RouterTarget): Promise<Router> {
  const { namespace, name, candidates, rule } = target;
  const what = `HTTPRoute ${namespace ? `${namespace}/` : ''}${name}`;
  const read = async (): Promise<KubeObject> => {
    const out = await runOrExplain(
      kubectl,
      ['get', HTTPROUTE_RESOURCE, name, ...namespaceArgs(namespace), '--ignore-not-found', '-o', 'json'],
      what,
      'read',
    );
    if (!out.trim())
      throw new TrafficError(
        `${what} does not exist (traffic-route): create it, with a backendRef to Service ${candidates.join(' or ')}, first`,
        true,
      );
    return JSON.parse(out) as KubeObject;
  };
  const patch = (ops: JsonPatchOp[], dryRun: boolean) =>
    runOrExplain(
      kubectl,
      [
        'patch',
        HTTPROUTE_RESOURCE,
        name,
        ...namespaceArgs(namespace),
        '--type=json',
        `--field-manager=${TRAFFIC_FIELD_MANAGER}`,
        ...(dryRun ? ['--dry-run=server'] : []),
        '-p',
        JSON.stringify(ops),
      ],
      what,
      'change',
    );
  const route = await read();
  const primary = primaryOf(route, candidates, rule);
  const ours = oursBeside(primary);
  routedRules(route, primary, ours, rule);
  return {
    describe: what,
    primary,
    maxBackends: 16,
    async route(backends, { dryRun = false } = {}) {
      const current = dryRun ? route : await read();
      const rules = routedRules(current, primary, ours, rule);
      const primaryWeight = 100 - backends.reduce((sum, b) => sum + b.weight, 0);
      await patch(weightPatch(current, rules, primary, backends, primaryWeight), dryRun);
      return dryRun ? '' : `${what}: ${describeWeights(await read(), rules)}`;
    },
    async restore() {
      const current = await read();
      const ops = restorePatch(current, primary, ours);
      if (!ops.length) return undefined;
      await patch(ops, false);
      const restored = await read();
      return `${what}: ${describeWeights(restored, routedRules(restored, primary, [], rule))}`;
    },
  };
}

/** Runs kubectl; a refusal becomes a TrafficError naming the object and what was being done. */
export async function runOrExplain(kubectl: Kubectl, args: string[], what: string, doing: string, input?: string): Promise<string> {
  const result = await kubectl.tryRun(args, input === undefined ? {} : { input });
  if (result.code === 0) return result.stdout;
  const said = result.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
  const reason = /forbidden/i.test(said)
    ? `the cluster refused (RBAC): ${said}`
    : /the server doesn't have a resource type|no matches for kind/i.test(said)
      ? `the cluster does not serve this kind (are its CRDs installed?): ${said}`
      : said || `kubectl exited ${result.code}`;
  throw new TrafficError(`could not ${doing} ${what}: ${reason}`);
}
