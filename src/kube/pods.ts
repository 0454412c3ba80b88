import type { KubeObject, LabelSelector } from './objects.js';

export interface ContainerStatus {
  name: string;
  image: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    terminated?: { exitCode: number; reason?: string; message?: string };
    running?: object;
  };
  lastState?: { terminated?: { exitCode: number; reason?: string } };
}

export type Pod = KubeObject & { status?: { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } };

/** A container that will not start however long we wait: its image does not exist, or its name is not an image reference. */
export interface Unpullable {
  pod: string;
  container: string;
  image: string;
  reason: string;
  message: string;
}

/**
 * What the container runtimes say when the registry answered that the image
 * is not there: containerd (`code = NotFound`, `…: not found`), CRI-O and
 * Docker (`manifest unknown`). Denied access, rate limits and unreachable
 * registries say something else and may pass, so they are not matched.
 */
const IMAGE_NOT_FOUND = /\bcode = NotFound\b|manifest unknown|: not found\s*$/i;

export function unpullableContainer(pod: Pod): Unpullable | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const { name, image, state } of statuses) {
    const { reason = '', message = '' } = state?.waiting ?? {};
    // ImagePullBackOff's own message only says "Back-off pulling"; the ErrImagePull before it says why.
    if (reason === 'InvalidImageName' || (reason === 'ErrImagePull' && IMAGE_NOT_FOUND.test(message))) {
      return { pod: pod.metadata.name, container: name, image, reason, message };
    }
  }
  return undefined;
}

/** Whether labels satisfy a label selector, as the API server decides it. */
export function matchesSelector(labels: Record<string, string> = {}, selector: LabelSelector | undefined): boolean {
  if (!selector) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (!matchLabels.length && !expressions.length) return false;
  return (
    matchLabels.every(([key, value]) => labels[key] === value) &&
    expressions.every(({ key, operator, values = [] }) => {
      const has = Object.hasOwn(labels, key);
      if (operator === 'In') return has && values.includes(labels[key]);
      if (operator === 'NotIn') return !has || !values.includes(labels[key]);
      if (operator === 'Exists') return has;
      if (operator === 'DoesNotExist') return !has;
      return false;
    })
  );
}

interface PodTemplateSpec {
  containers?: { name: string; image?: string }[];
  initContainers?: { name: string; image?: string }[];
}

/**
 * Whether the unpullable container is one the workload's current pod template
 * asks for: a pod of an older revision that cannot pull its older image says
 * nothing about this rollout.
 */
export function isTemplateContainer(workload: KubeObject, found: Unpullable): boolean {
  const template = (workload.spec?.template as { spec?: PodTemplateSpec } | undefined)?.spec;
  const containers = [...(template?.initContainers ?? []), ...(template?.containers ?? [])];
  return containers.some((container) => container.name === found.container && container.image === found.image);
}
