/** What the strategies read from and delete in the cluster, beyond applying and waiting. */
import type { Logger } from '../../action/logger.js';
import { deleteObjects } from '../apply.js';
import { namespaceArgs, type Kubectl } from '../kubectl.js';
import { selectorString } from '../diagnose.js';
import { describeRef, resourceArg, type KubeObject, type ObjectRef } from '../objects.js';
import { POD_TEMPLATE_HASH_LABEL } from './shape.js';

/** The object as the cluster has it, or undefined when there is none. */
export async function getLive(kubectl: Kubectl, ref: ObjectRef): Promise<KubeObject | undefined> {
  const out = await kubectl.run(['get', resourceArg(ref), ref.name, ...namespaceArgs(ref.namespace), '--ignore-not-found', '-o', 'json']);
  return out.trim() ? (JSON.parse(out) as KubeObject) : undefined;
}

/** Every Service of a namespace ('' for the context's). */
export async function listServices(kubectl: Kubectl, namespace: string): Promise<KubeObject[]> {
  return (await kubectl.json<{ items: KubeObject[] }>(['get', 'services', ...namespaceArgs(namespace)])).items;
}

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/**
 * The pod-template-hash of a Deployment's current ReplicaSet (the one of its
 * revision, owned by it), which labels the pods it runs now; undefined when
 * it has none yet.
 */
export async function currentPodTemplateHash(kubectl: Kubectl, deployment: KubeObject): Promise<string | undefined> {
  const revision = (deployment.metadata.annotations as Record<string, string> | undefined)?.[REVISION_ANNOTATION];
  const selector = selectorString(deployment.spec?.selector);
  if (!revision || !selector) return undefined;
  const { items } = await kubectl.json<{ items: KubeObject[] }>([
    'get',
    'replicasets.apps',
    ...namespaceArgs(deployment.metadata.namespace ?? ''),
    '-l',
    selector,
  ]);
  const current = items.find(
    (rs) =>
      (rs.metadata.annotations as Record<string, string> | undefined)?.[REVISION_ANNOTATION] === revision &&
      (rs.metadata.ownerReferences as { uid?: string }[] | undefined)?.some((owner) => owner.uid === deployment.metadata.uid),
  );
  return current?.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];
}

/** Applies a JSON merge patch to a Service: only the fields it names change. */
export async function patchService(kubectl: Kubectl, ref: ObjectRef, patch: object): Promise<void> {
  await kubectl.run(['patch', 'service', ref.name, ...namespaceArgs(ref.namespace), '--type=merge', '-p', JSON.stringify(patch)]);
}

/** Deletes the objects named, saying which existed; a second run finds nothing to do and succeeds. */
export async function deleteNamed(kubectl: Kubectl, refs: ObjectRef[], logger: Logger): Promise<ObjectRef[]> {
  const deleted = await deleteObjects(kubectl, refs);
  for (const ref of deleted) logger.info(`deleted ${describeRef(ref)}`);
  return deleted;
}
