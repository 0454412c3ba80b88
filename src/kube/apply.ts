import type { Logger } from '../action/logger.js';
import { describeTries, withRetry, type RetryDeps, type RetryPolicy } from '../http/retry.js';
import { JsonStream } from './json-stream.js';
import { KubectlError, lastLines, namespaceArgs, type Kubectl } from './kubectl.js';
import type { Manifest } from './manifests.js';
import { distinctLines } from './refusal.js';
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
    // One line per object refused, and the same line for each object in a missing namespace: each said once.
    super(
      `${dryRun ? 'the server dry run refused the objects' : 'kubectl apply was refused'}: ${distinctLines(kubectl.stderr).join('\n') || kubectl.message}`,
    );
    this.name = 'ApplyError';
  }
}

/**
 * kubectl's words for an API server that cannot answer now, as opposed to
 * one that refused what it was sent: a 503 (restarting, overloaded, an
 * aggregated API down), 429, 500, 504, etcd's time-outs, and a connection
 * dropped mid-request. A connection refused or a dial time-out is left out:
 * that is a kubeconfig naming no cluster, and says so at once.
 */
const TRANSIENT_KUBECTL =
  /\((?:ServiceUnavailable|TooManyRequests|InternalError|Timeout|ServerTimeout)\)|the server is currently unable to handle the request|the server has received too many requests|the server was unable to return a response in the time allotted|etcdserver: (?:request timed out|leader changed)|connection reset by peer|http2: client connection lost|unexpected EOF|TLS handshake timeout/i;

/** The line of kubectl's message that shows the API server's passing trouble, if one does. */
export function transientKubectlFailure(stderr: string): string | undefined {
  return stderr
    .split('\n')
    .map((line) => line.trim())
    .find((line) => TRANSIENT_KUBECTL.test(line));
}

/**
 * A server dry run or apply gets this long to ride out an API server's
 * passing trouble; longer, and the step fails naming the cluster's outage
 * rather than the manifests.
 */
export const APPLY_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000, budgetMs: 30_000 };

/** The API server kept failing for its own reasons: nothing the manifests can fix. */
export class ClusterUnavailableError extends Error {
  constructor(
    readonly kubectl: KubectlError,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterUnavailableError';
  }
}

export interface RetryingKubectl {
  /** Default APPLY_RETRY. */
  policy?: RetryPolicy;
  deps?: RetryDeps;
  logger?: Pick<Logger, 'warning'>;
}

/**
 * Runs a kubectl command whose repetition is harmless (a dry run, a
 * server-side apply), again while the API server fails for its own reasons.
 * When it keeps failing that way, throws a ClusterUnavailableError that says
 * so and what it means for the objects (`consequence`).
 */
async function retryingRun(
  kubectl: Kubectl,
  args: string[],
  input: string | undefined,
  what: string,
  consequence: string,
  retry: RetryingKubectl = {},
): Promise<string> {
  const settled = await withRetry(() => kubectl.run(args, input === undefined ? {} : { input }), retry.policy ?? APPLY_RETRY, {
    ...retry.deps,
    judgeError: (error) => {
      const line = error instanceof KubectlError ? transientKubectlFailure(error.stderr) : undefined;
      return line === undefined ? undefined : { reason: line };
    },
    onRetry: ({ attempt, of, delayMs, reason }) =>
      retry.logger?.warning(
        `${what}: the API server failed for now (${reason}); retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`,
      ),
  });
  if (settled.ok) return settled.value;
  const { error, tries } = settled;
  if (tries.transient && error instanceof KubectlError) {
    throw new ClusterUnavailableError(
      error,
      `the cluster's API server is unavailable: ${what} failed ${describeTries(tries)} with "${tries.transient.reason}"; ${consequence}; this is the cluster's outage, not a fault of the manifests: re-run once it answers`,
    );
  }
  throw error;
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
export async function preflight(kubectl: Kubectl, manifests: Manifest[], retry: RetryingKubectl = {}): Promise<void> {
  const custom = definedHere(manifests);
  const checkable = manifests.filter((m) => !custom.has(`${m.ref.group}/${m.ref.kind}`));
  if (!checkable.length) return;
  await retryingRun(
    kubectl,
    ['create', '--dry-run=client', '--validate=false', '-o', 'name', '-f', '-'],
    stream(checkable),
    `asking the cluster which kinds it serves for ${checkable.length} objects`,
    'nothing was applied',
    retry,
  );
}

export interface ApplyOptions {
  forceConflicts: boolean;
  logger: Logger;
  /** How long to wait for new CRDs to be Established before applying the rest; default 60 s. */
  crdTimeoutMs?: number;
  /** How an apply the API server failed for its own reasons is tried again; default APPLY_RETRY. */
  retryPolicy?: RetryPolicy;
  retry?: RetryDeps;
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
      const objects = `${batch.length} object${batch.length === 1 ? '' : 's'}`;
      // A server-side apply is idempotent, so a batch the server failed part-way is simply applied again.
      const what = dryRun ? `the server dry run of ${objects}` : `kubectl apply of ${objects}`;
      const consequence =
        applied.length || !dryRun
          ? 'the objects applied before it stay as they are, the rest were not applied'
          : 'nothing was applied, no workload changed';
      try {
        return await retryingRun(kubectl, [...args, ...namespaceArgs, '-o', 'json', '-f', '-'], stream(batch), what, consequence, {
          policy: options.retryPolicy,
          deps: options.retry,
          logger: options.logger,
        });
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
    // The objects of a new CRD's kinds are refused until the API server serves them.
    if (crds.length) {
      const names = crds.map((m) => m.ref.name);
      await waitEstablished(kubectl, names, options.crdTimeoutMs ?? 60_000);
      options.logger.info(`established: ${names.join(', ')}`);
    }
  }
  return applied;
}

/** CustomResourceDefinitions the API server did not come to serve in time; the objects after them were not applied. */
export class CrdNotEstablishedError extends Error {
  constructor(
    readonly crds: string[],
    message: string,
  ) {
    super(message);
    this.name = 'CrdNotEstablishedError';
  }
}

interface CrdStatus {
  metadata: { name: string };
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

/**
 * Waits for CRDs' `Established` condition, which the API server sets once it
 * serves their kinds (after `NamesAccepted`). Those that do not get it in
 * time are named with the conditions they have, such as a name conflict.
 */
export async function waitEstablished(kubectl: Kubectl, names: string[], timeoutMs: number): Promise<void> {
  const resources = names.map((name) => `customresourcedefinition.apiextensions.k8s.io/${name}`);
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const waited = await kubectl.tryRun(['wait', '--for=condition=Established', `--timeout=${seconds}s`, ...resources]);
  if (waited.code === 0) return;
  let pending: CrdStatus[];
  try {
    const listed = await kubectl.json<{ items?: CrdStatus[] } & CrdStatus>(['get', ...resources]);
    pending = (listed.items ?? [listed]).filter(
      (crd) => !crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True'),
    );
  } catch {
    throw new CrdNotEstablishedError(names, `kubectl wait for the CRDs' Established condition failed: ${lastLines(waited.stderr, 3)}`);
  }
  // Established in the moment between the wait's end and the look.
  if (!pending.length) return;
  const described = pending.map((crd) => {
    const conditions = (crd.status?.conditions ?? [])
      .filter((c) => c.status !== 'True')
      .map((c) => `${c.type} ${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`);
    return `${crd.metadata.name}${conditions.length ? `: ${conditions.join(', ')}` : ': no conditions yet'}`;
  });
  throw new CrdNotEstablishedError(
    pending.map((crd) => crd.metadata.name),
    `CustomResourceDefinition ${described.join('; ')}: not Established within ${seconds} s, so the cluster does not serve ${
      pending.length === 1 ? 'its kind' : 'their kinds'
    } and nothing after the Namespaces and CRDs was applied`,
  );
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
