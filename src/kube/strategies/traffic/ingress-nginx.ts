/**
 * Weights with ingress-nginx: a canary Ingress `<ingress>-canary`, made from
 * the user's Ingress (same class, hosts, paths and TLS) with the primary
 * Service's backends pointed at another Service, and ingress-nginx's canary
 * annotations (`canary: "true"`, `canary-weight`). ingress-nginx sends that
 * share of each host and path to it. The user's Ingress is only read; the
 * canary Ingress is the action's own object (applied whole under its field
 * manager), and restoring deletes it. ingress-nginx takes one canary Ingress
 * per host and path, so one Service beside the primary can get a share.
 */
import type { Kubectl } from '../../kubectl.js';
import { namespaceArgs } from '../../kubectl.js';
import type { KubeObject } from '../../objects.js';
import { runOrExplain } from './gateway-api.js';
import { TRAFFIC_FIELD_MANAGER, TrafficError, type Backend, type Router, type RouterTarget } from './router.js';

export const NGINX_ANNOTATION = 'nginx.ingress.kubernetes.io/';
export const CANARY_ANNOTATION = `${NGINX_ANNOTATION}canary`;
export const CANARY_WEIGHT_ANNOTATION = `${NGINX_ANNOTATION}canary-weight`;
/** Marks the canary Ingress as the action's, made from the Ingress it names. */
export const CANARY_OF_LABEL = 'gitops-delivery/canary-of';

export const canaryIngressName = (ingress: string) => `${ingress}-canary`;

interface IngressBackend {
  service?: { name?: string; port?: unknown };
  resource?: unknown;
}
interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: IngressBackend;
}
interface IngressRule {
  host?: string;
  http?: { paths?: IngressPath[] };
}

const namesPrimary = (backend: IngressBackend | undefined, primary: string) => backend?.service?.name === primary;

/** The Services an Ingress sends traffic to. */
function backendsOf(ingress: KubeObject): string[] {
  const spec = (ingress.spec ?? {}) as { defaultBackend?: IngressBackend; rules?: IngressRule[] };
  const backends = [spec.defaultBackend, ...(spec.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))];
  return [...new Set(backends.map((b) => b?.service?.name).filter((name): name is string => Boolean(name)))];
}

/** Annotations that make or tune a canary, which the copy must not inherit: it gets its own. */
const isCanaryAnnotation = (key: string) => key.startsWith(`${NGINX_ANNOTATION}canary`);
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/**
 * The canary Ingress for `ingress`: every path and default backend that
 * sends traffic to `primary` sends it to `backend.service` instead, with
 * `backend.weight` percent; paths to other Services are left out. Refused
 * when `ingress` is itself a canary or sends nothing to `primary`.
 */
export function canaryIngress(ingress: KubeObject, primary: string, backend: Backend): KubeObject {
  const what = `Ingress ${ingress.metadata.namespace ? `${ingress.metadata.namespace}/` : ''}${ingress.metadata.name}`;
  const annotations = (ingress.metadata.annotations as Record<string, string> | undefined) ?? {};
  if (annotations[CANARY_ANNOTATION] === 'true')
    throw new TrafficError(
      `${what} is itself an ingress-nginx canary (${CANARY_ANNOTATION}: "true"): name the Ingress that serves the primary (traffic-route)`,
    );
  const spec = (ingress.spec ?? {}) as { defaultBackend?: IngressBackend; rules?: IngressRule[]; tls?: unknown; ingressClassName?: string };
  const retarget = (b: IngressBackend): IngressBackend => ({ service: { ...b.service, name: backend.service } });
  const rules = (spec.rules ?? [])
    .map((rule) => ({
      ...rule,
      ...(rule.http
        ? {
            http: {
              paths: (rule.http.paths ?? [])
                .filter((p) => namesPrimary(p.backend, primary))
                .map((p) => ({ ...p, backend: retarget(p.backend!) })),
            },
          }
        : {}),
    }))
    .filter((rule) => (rule.http?.paths ?? []).length > 0);
  const defaultBackend = namesPrimary(spec.defaultBackend, primary) ? retarget(spec.defaultBackend!) : undefined;
  if (!rules.length && !defaultBackend)
    throw new TrafficError(
      `${what} does not send traffic to Service ${primary}: its backends name ${backendsOf(ingress).join(', ') || 'no Service'}`,
    );
  const kept = Object.fromEntries(
    Object.entries(annotations).filter(([key]) => !isCanaryAnnotation(key) && !SERVER_ANNOTATIONS.includes(key)),
  );
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: canaryIngressName(ingress.metadata.name),
      ...(ingress.metadata.namespace ? { namespace: ingress.metadata.namespace } : {}),
      labels: { ...ingress.metadata.labels, [CANARY_OF_LABEL]: ingress.metadata.name },
      annotations: { ...kept, [CANARY_ANNOTATION]: 'true', [CANARY_WEIGHT_ANNOTATION]: String(backend.weight) },
    },
    spec: {
      ...(spec.ingressClassName ? { ingressClassName: spec.ingressClassName } : {}),
      ...(defaultBackend ? { defaultBackend } : {}),
      ...(rules.length ? { rules } : {}),
      ...(spec.tls ? { tls: spec.tls } : {}),
    },
  };
}

/** The Ingress `target.name`, read and checked; a router that gives one other Service a share through a canary Ingress. */
export async function openNginxIngress(kubectl: Kubectl, target: RouterTarget): Promise<Router> {
  const { namespace, name, candidates } = target;
  const what = `Ingress ${namespace ? `${namespace}/` : ''}${name}`;
  const canaryName = canaryIngressName(name);
  const read = async (objectName: string): Promise<KubeObject | undefined> => {
    const out = await runOrExplain(
      kubectl,
      ['get', 'ingresses.networking.k8s.io', objectName, ...namespaceArgs(namespace), '--ignore-not-found', '-o', 'json'],
      `Ingress ${objectName}`,
      'read',
    );
    return out.trim() ? (JSON.parse(out) as KubeObject) : undefined;
  };
  const ingress = await read(name);
  if (!ingress)
    throw new TrafficError(
      `${what} does not exist (traffic-route): create it, with a backend to Service ${candidates.join(' or ')}, first`,
      true,
    );
  const primary = candidates.find((c) => backendsOf(ingress).includes(c));
  if (!primary)
    throw new TrafficError(
      `${what} does not send traffic to the primary (Service ${candidates.join(' or ') || 'none selects its pods'}): its backends name ${backendsOf(ingress).join(', ') || 'no Service'}`,
    );
  canaryIngress(ingress, primary, { service: primary, weight: 0 });
  return {
    describe: what,
    primary,
    maxBackends: 1,
    async route(backends, { dryRun = false } = {}) {
      if (backends.length !== 1) throw new Error(`ingress-nginx gives a share to one Service beside the primary, not ${backends.length}`);
      const [backend] = backends;
      const canary = canaryIngress((await read(name)) ?? ingress, primary, backend);
      await runOrExplain(
        kubectl,
        [
          'apply',
          '--server-side',
          `--field-manager=${TRAFFIC_FIELD_MANAGER}`,
          '--force-conflicts',
          ...(dryRun ? ['--dry-run=server'] : []),
          '-f',
          '-',
        ],
        `Ingress ${canaryName}`,
        'apply',
        JSON.stringify(canary),
      );
      return dryRun
        ? ''
        : `${what}: ${100 - backend.weight}% to ${primary}, ${backend.weight}% to ${backend.service} (Ingress ${canaryName})`;
    },
    async restore() {
      if (!(await read(canaryName))) return undefined;
      await runOrExplain(
        kubectl,
        ['delete', 'ingresses.networking.k8s.io', canaryName, ...namespaceArgs(namespace), '--ignore-not-found'],
        `Ingress ${canaryName}`,
        'delete',
      );
      return `${what}: all traffic to ${primary} again (Ingress ${canaryName} deleted)`;
    },
  };
}
