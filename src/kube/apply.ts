import type { Logger } from '../action/logger.js';
import { JsonStream } from './json-stream.js';
import { KubectlError, namespaceArgs, type Kubectl } from './kubectl.js';
import type { Manifest } from './manifests.js';
import { applyRank, describeRef, refOf, resourceArg, type KubeObject, type ObjectRef } from './objects.js';

export const FIELD_MANAGER = 'gitops-delivery';

/**
 * The server refused what we applied; kubectl's own words, which name the
 * object and the field. `dryRun`: refused by the server's dry run, before
 * anything but the Namespaces and CRDs was written.
 */
export class ApplyError extends Error {
  constructor(
    readonly kubectl: KubectlError,
    readonly dryRun: boolean,
  ) {
    super(
      `${dryRun ? 'the server dry run refused the objects' : 'kubectl apply was refused'}: ${kubectl.stderr.trim() || kubectl.message}`,
    );
    this.name = 'ApplyError';
  }
}

// kubectl reads a stream of JSON objects one after another, as it reads YAML documents.
const stream = (manifests: Manifest[]) => manifests.map((m) => JSON.stringify(m.object)).join('\n');

/** Namespaces and CRDs: what other objects need to exist before they can be applied. */
export const isFoundation = (m: Manifest) => applyRank(m.ref) < 2;

/** Kinds that CRDs among the manifests define: the cluster cannot know them before those CRDs are applied. */
function definedHere(manifests: Manifest[]): Set<string> {
  return new Set(
    manifests.filter((m) => m.ref.kind === 'CustomResourceDefinition').map((m) => `${m.object.spec?.group}/${m.object.spec?.names?.kind}`),
  );
}

/**
 * Asks the cluster, before anything is written, whether it knows every kind
 * we are about to apply (kubectl's client dry run maps each one through
 * discovery). Also the first contact with the cluster, so a missing or wrong
 * kubeconfig fails here.
 */
export async function preflight(kubectl: Kubectl, manifests: Manifest[]): Promise<void> {
  const custom = definedHere(manifests);
  const checkable = manifests.filter((m) => !custom.has(`${m.ref.group}/${m.ref.kind}`));
  if (!checkable.length) return;
  await kubectl.run(['create', '--dry-run=client', '--validate=false', '-o', 'name', '-f', '-'], { input: stream(checkable) });
}

export interface ApplyOptions {
  forceConflicts: boolean;
  logger: Logger;
  /** How long to wait for new CRDs to be served before applying objects of their kinds. */
  crdTimeoutMs?: number;
}

/**
 * Server-side apply, Namespaces and CRDs first, so that what lives in them
 * finds them. Each phase goes through the server's dry run before it is
 * written, so an object the server would refuse (a wrong field, an invalid
 * value) stops the deployment before any workload changes. Objects that name
 * no namespace are applied with `-n` when one was given, apart from those
 * that name their own, because kubectl refuses a `-n` that contradicts an
 * object. Returns the objects as the server stored them.
 */
export async function applyManifests(kubectl: Kubectl, manifests: Manifest[], options: ApplyOptions): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  const foundation = manifests.filter(isFoundation);
  const rest = manifests.filter((m) => !isFoundation(m));
  for (const phase of [foundation, rest]) {
    const defaulted = phase.filter((m) => !m.object.metadata.namespace && m.ref.namespace);
    const namespace = defaulted[0]?.ref.namespace ?? '';
    const batches = [
      { batch: phase.filter((m) => !defaulted.includes(m)), namespaceArgs: [] as string[] },
      { batch: defaulted, namespaceArgs: ['-n', namespace] },
    ].filter(({ batch }) => batch.length);
    const apply = async (batch: Manifest[], namespaceArgs: string[], dryRun: boolean) => {
      const args = ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, ...(options.forceConflicts ? ['--force-conflicts'] : [])];
      if (dryRun) args.push('--dry-run=server');
      try {
        return await kubectl.run([...args, ...namespaceArgs, '-o', 'json', '-f', '-'], { input: stream(batch) });
      } catch (error) {
        throw error instanceof KubectlError ? new ApplyError(error, dryRun) : error;
      }
    };
    for (const { batch, namespaceArgs } of batches) await apply(batch, namespaceArgs, true);
    for (const { batch, namespaceArgs } of batches) {
      const output = await apply(batch, namespaceArgs, false);
      const objects = new JsonStream()
        .push(output)
        .flatMap((value) =>
          (value as { kind?: string }).kind === 'List' ? (value as { items: KubeObject[] }).items : [value as KubeObject],
        );
      for (const object of objects) options.logger.info(`applied ${describeRef(refOf(object))}`);
      applied.push(...objects);
    }
    const crds = phase.filter((m) => m.ref.kind === 'CustomResourceDefinition');
    if (crds.length) {
      const timeout = `${Math.ceil((options.crdTimeoutMs ?? 60_000) / 1000)}s`;
      await kubectl.run([
        'wait',
        '--for=condition=Established',
        `--timeout=${timeout}`,
        ...crds.map((m) => `customresourcedefinition.apiextensions.k8s.io/${m.ref.name}`),
      ]);
    }
  }
  return applied;
}

/**
 * Deletes the objects named, in the order given, consecutive ones of one
 * kind and namespace in one call. Those already gone are fine, so a second
 * run finds nothing to do. Returns the objects that existed and were deleted.
 */
export async function deleteObjects(kubectl: Kubectl, refs: ObjectRef[]): Promise<ObjectRef[]> {
  const batches: ObjectRef[][] = [];
  for (const ref of refs) {
    const last = batches.at(-1);
    if (last && resourceArg(last[0]) === resourceArg(ref) && last[0].namespace === ref.namespace) last.push(ref);
    else batches.push([ref]);
  }
  const deleted: ObjectRef[] = [];
  for (const batch of batches) {
    const [first] = batch;
    const out = await kubectl.run([
      'delete',
      resourceArg(first),
      ...batch.map((ref) => ref.name),
      ...namespaceArgs(first.namespace),
      '--ignore-not-found',
      '--wait=false',
      '-o',
      'name',
    ]);
    // `-o name` prints `deployment.apps/web-canary` for each object it deleted.
    const names = new Set(out.split('\n').map((line) => line.trim().split('/').pop()));
    deleted.push(...batch.filter((ref) => names.has(ref.name)));
  }
  return deleted;
}
