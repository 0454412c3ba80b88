import { isAbsolute, join, relative, resolve } from 'node:path';
import type { RunContext } from '../action/context.js';
import { describeError, InputError } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import { EnvRepo, type BranchTips } from '../git/env-repo.js';
import type { GitExec } from '../git/git.js';
import { ApplyError, applyManifests, deleteObjects, isFoundation, preflight } from './apply.js';
import type { DeployInputs } from './deploy-inputs.js';
import { diagnose, type Diagnosis } from './diagnose.js';
import { formatDuration } from './duration.js';
import { isUnreachable, KubectlError, lastLines, type Kubectl } from './kubectl.js';
import { loadManifests, pruneSet, type Manifest } from './manifests.js';
import { describeRef, isWorkload, refOf, type ObjectRef } from './objects.js';
import type { StrategyReport } from './strategies/report.js';
import { waitForRollouts, type WaitOptions, type WorkloadResult } from './wait.js';

/** One revision applied and waited for. */
export interface Rollout {
  revision: string;
  /** Every object applied, as the server named it. */
  applied: ObjectRef[];
  workloads: WorkloadResult[];
  diagnoses: Diagnosis[];
  /** kubectl's refusal, when the apply itself failed. */
  applyError?: string;
  healthy: boolean;
}

/** A step that applied nothing and waited for nothing: a reject, or a promote with nothing left to switch. */
export const emptyRollout = (revision: string): Rollout => ({ revision, applied: [], workloads: [], diagnoses: [], healthy: true });

export interface DeployResult {
  result: 'succeeded' | 'failed' | 'rolled-back';
  revision: string;
  candidate: Rollout;
  /** The rollback, or why there was none, when the candidate failed and rollback-on-failure is on. */
  rollback?: Rollout | { skipped: string };
  pruned: ObjectRef[];
  durationMs: number;
  /** One line saying what went wrong, for the step's error. */
  failure?: string;
  /** What the canary or blue-green strategy created, switched and deleted. */
  strategy?: StrategyReport;
}

export interface DeployDeps {
  kubectl: Kubectl;
  /** Scratch space for the env-repository checkout. */
  workdir: string;
  logger: Logger;
  context: RunContext;
  gitExec?: GitExec;
  clock?: () => number;
  reconnectDelayMs?: WaitOptions['reconnectDelayMs'];
}

export interface Revision {
  sha: string;
  manifests: Manifest[];
}

/** The env repository, fetched one revision at a time into one folder, shallow. */
class EnvRevisions {
  private repo?: EnvRepo;
  private tips?: BranchTips;

  constructor(
    private readonly inputs: DeployInputs,
    private readonly deps: DeployDeps,
  ) {}

  /** The commit a branch or SHA names, or undefined when no such branch exists. */
  async resolve(revision: string): Promise<string | undefined> {
    if (/^[0-9a-f]{40}$/.test(revision)) return revision;
    this.tips ??= await (await this.open()).tips();
    return this.tips.branches.get(revision);
  }

  /** Fetches a commit and puts its tree in the folder, which it returns. */
  async checkout(sha: string): Promise<string> {
    const repo = await this.open();
    await repo.checkout('deploy', await repo.fetch(sha));
    return repo.dir;
  }

  private async open(): Promise<EnvRepo> {
    this.repo ??= await EnvRepo.open({
      remote: this.inputs.remote!,
      dir: join(this.deps.workdir, 'env'),
      token: this.inputs.token,
      logger: this.deps.logger,
      exec: this.deps.gitExec,
    });
    return this.repo;
  }
}

/**
 * Deploys one revision of the manifests with the rolling strategy: apply
 * (server-side), wait for every workload in parallel, diagnose what failed,
 * roll back to the production revision on failure, and prune what the
 * candidate dropped once it is healthy.
 */
export async function deployCandidate(inputs: DeployInputs, deps: DeployDeps): Promise<DeployResult> {
  const started = (deps.clock ?? (() => performance.now()))();
  return rollingDeploy(await readCandidate(inputs, deps), inputs, deps, started);
}

/** The candidate's objects, checked against the cluster, and a way to read the production revision when needed. */
export interface CandidateSource {
  candidate: Revision;
  /** The production revision, read once; or why there is none. */
  loadProduction(): Promise<Revision | { missing: string }>;
}

/**
 * Reads the candidate (a revision of the env repository, or the workspace's
 * files) and asks the cluster whether it knows every kind in it.
 */
export async function readCandidate(inputs: DeployInputs, deps: DeployDeps): Promise<CandidateSource> {
  const { kubectl, logger } = deps;
  const env = inputs.remote ? new EnvRevisions(inputs, deps) : undefined;
  const load = (root: string, entries: string[]) =>
    loadManifests(entries, { root, namespace: inputs.namespace, kustomize: (dir) => kubectl.run(['kustomize', dir]) });

  // The candidate: a revision of the env repository, or the files in the workspace.
  let candidate: Revision;
  if (inputs.ref) {
    const sha = await env!.resolve(inputs.ref);
    if (!sha) {
      throw new InputError(
        'ref',
        `'${inputs.ref}' is not a branch of ${inputs.remote!.url}`,
        'a branch of env-repository or a full commit SHA',
      );
    }
    let root: string;
    try {
      root = await env!.checkout(sha);
    } catch {
      throw new InputError('ref', `commit ${sha} is not in ${inputs.remote!.url}`, 'the full SHA of a commit pushed to env-repository');
    }
    candidate = { sha, manifests: await load(root, inputs.manifests) };
  } else {
    candidate = { sha: deps.context.sha, manifests: await load(deps.context.workspace, inputs.manifests) };
  }
  logger.info(`deploying ${candidate.manifests.length} objects of ${candidate.sha ? candidate.sha.slice(0, 12) : 'the workspace'}`);

  // Namespaces and CRDs are written before the rest goes through the dry run:
  // check every kind first, so that an unknown one stops us before them.
  if (candidate.manifests.some(isFoundation)) {
    try {
      await preflight(kubectl, candidate.manifests);
    } catch (error) {
      throw explainRefusal(error, inputs);
    }
  }

  // The production revision, read once, when rollback or prune needs it.
  let production: Promise<Revision | { missing: string }> | undefined;
  const loadProduction = () =>
    (production ??= (async () => {
      if (!env) return { missing: 'env-repository is not set, so there is no production revision to read' };
      const sha = await env.resolve(inputs.productionRef);
      if (!sha) return { missing: `${inputs.remote!.url} has no branch '${inputs.productionRef}' (production-ref) yet` };
      const entries = inputs.ref ? inputs.manifests : repoPaths(inputs.manifests, deps.context.workspace);
      if (typeof entries === 'string') return { missing: entries };
      try {
        return { sha, manifests: await load(await env.checkout(sha), entries) };
      } catch (error) {
        return { missing: `its manifests at ${sha.slice(0, 12)} could not be read: ${describeError(error)}` };
      }
    })());
  return { candidate, loadProduction };
}

/** The rolling strategy on a candidate already read; `started` is when the step began, for duration-ms. */
export async function rollingDeploy(
  { candidate, loadProduction }: CandidateSource,
  inputs: DeployInputs,
  deps: DeployDeps,
  started: number,
): Promise<DeployResult> {
  const clock = deps.clock ?? (() => performance.now());
  const { logger } = deps;
  const roll = async (revision: Revision, label: string): Promise<Rollout> =>
    logger.group(`${label}: apply and wait (timeout ${formatDuration(inputs.timeoutMs)})`, () =>
      rollOut(revision, inputs, deps, label === 'Candidate'),
    );

  const result: DeployResult = {
    result: 'succeeded',
    revision: candidate.sha,
    candidate: await roll(candidate, 'Candidate'),
    pruned: [],
    durationMs: 0,
  };

  if (result.candidate.healthy) {
    if (inputs.prune) {
      const previous = await loadProduction();
      if ('missing' in previous) logger.info(`prune: nothing to compare with: ${previous.missing}`);
      else result.pruned = await prune(previous, candidate, deps);
    }
  } else {
    result.result = 'failed';
    result.failure = describeFailure(result.candidate);
    if (inputs.rollbackOnFailure) {
      const previous = await loadProduction();
      if ('missing' in previous) {
        result.rollback = { skipped: previous.missing };
        logger.warning(`not rolled back: ${previous.missing}; the failed state is left for inspection`);
        result.failure += `; not rolled back: ${previous.missing}`;
      } else {
        const rollback = await roll(previous, `Rollback to ${inputs.productionRef} ${previous.sha.slice(0, 12)}`);
        result.rollback = rollback;
        if (rollback.healthy) {
          result.result = 'rolled-back';
          result.failure += `; rolled back to ${inputs.productionRef} ${previous.sha.slice(0, 12)}`;
          if (inputs.prune) result.pruned = await prune(candidate, previous, deps);
        } else {
          result.failure += `; the rollback to ${inputs.productionRef} ${previous.sha.slice(0, 12)} failed too: ${describeFailure(rollback)}`;
        }
      }
    }
  }
  result.durationMs = Math.round(clock() - started);
  return result;
}

/** Applies one revision, waits for its workloads, and diagnoses those that did not roll out. */
export async function rollOut(revision: Revision, inputs: DeployInputs, deps: DeployDeps, candidate: boolean): Promise<Rollout> {
  const { kubectl, logger } = deps;
  const rollout: Rollout = { revision: revision.sha, applied: [], workloads: [], diagnoses: [], healthy: false };
  try {
    const applied = await applyManifests(kubectl, revision.manifests, { forceConflicts: inputs.forceConflicts, logger });
    rollout.applied = applied.map(refOf);
  } catch (error) {
    if (!(error instanceof ApplyError)) throw error;
    // Refused before any workload changed: a mistake in the manifests, with nothing to roll back.
    if (candidate && error.dryRun) throw explainRefusal(error.kubectl, inputs);
    rollout.applyError = error.message;
    logger.error(error.message);
    return rollout;
  }
  const workloads = rollout.applied.filter(isWorkload);
  logger.info(`waiting for ${workloads.length} workload${workloads.length === 1 ? '' : 's'}`);
  rollout.workloads = await waitForRollouts(kubectl, workloads, {
    timeoutMs: inputs.timeoutMs,
    failFast: inputs.failFast,
    logger,
    clock: deps.clock,
    reconnectDelayMs: deps.reconnectDelayMs,
  });
  const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
  rollout.diagnoses = await Promise.all(failed.map((workload) => diagnose(kubectl, workload)));
  for (const diagnosis of rollout.diagnoses) {
    const name = describeRef(diagnosis.ref);
    if (!diagnosis.findings.length) logger.error(`${name}: ${failed.find((w) => w.ref === diagnosis.ref)?.reason}`);
    for (const finding of diagnosis.findings) {
      const more = finding.alsoIn ? ` (and ${finding.alsoIn} more like it)` : '';
      logger.error(
        `${name}: ${finding.reason}: ${finding.subject}${more}: ${finding.message}${finding.logs ? `\nlast log lines:\n${finding.logs}` : ''}`,
      );
    }
    if (diagnosis.events.length) logger.info(`${name}: recent warnings:\n  ${diagnosis.events.join('\n  ')}`);
  }
  rollout.healthy = failed.length === 0;
  return rollout;
}

/** Deletes what `previous` declared and `next` no longer does. */
async function prune(previous: Revision, next: Revision, deps: DeployDeps): Promise<ObjectRef[]> {
  if (previous.sha && previous.sha === next.sha) return [];
  const gone = pruneSet(
    previous.manifests.map((m) => m.ref),
    next.manifests.map((m) => m.ref),
  );
  deps.logger.info(
    gone.length
      ? `prune: ${gone.length} objects of ${previous.sha.slice(0, 12)} are gone from ${next.sha.slice(0, 12) || 'the candidate'}`
      : 'prune: nothing to delete',
  );
  await deleteObjects(deps.kubectl, gone);
  for (const ref of gone) deps.logger.info(`pruned ${describeRef(ref)}`);
  return gone;
}

/** Workspace paths as paths in the env repository; a path outside the workspace has no counterpart there. */
function repoPaths(entries: string[], workspace: string): string[] | string {
  const mapped: string[] = [];
  for (const entry of entries) {
    const path = relative(workspace, resolve(workspace, entry)) || '.';
    if (path.startsWith('..') || isAbsolute(path))
      return `manifests entry '${entry}' is outside the workspace, so it has no counterpart in env-repository`;
    mapped.push(path);
  }
  return mapped;
}

export function describeFailure(rollout: Rollout): string {
  if (rollout.applyError) return rollout.applyError;
  const failed = rollout.workloads.filter((workload) => workload.status !== 'succeeded');
  const first = failed[0];
  const finding = rollout.diagnoses.find((d) => d.ref === first.ref)?.findings[0];
  const why = finding ? `${finding.reason}: ${finding.message}` : first.reason;
  return `${failed.length} of ${rollout.workloads.length} workloads did not roll out (${describeRef(first.ref)} ${first.status}: ${why})`;
}

/** The cluster refused the candidate before any workload changed: say which input to fix. */
function explainRefusal(error: unknown, inputs: DeployInputs): unknown {
  if (!(error instanceof KubectlError)) return error;
  const said = lastLines(error.stderr, 1) || error.message;
  if (/context was not found|context "[^"]*" does not exist/i.test(error.stderr)) {
    return new InputError('context', said.replace(/^error: /, ''), 'a context defined in the kubeconfig');
  }
  if (isUnreachable(error.stderr)) {
    const which = inputs.kubeconfig ? 'the kubeconfig given' : "kubectl's default kubeconfig";
    return new InputError(
      'kubeconfig',
      `no cluster reachable with ${which}: ${said}`,
      'a kubeconfig (path or content) for a reachable cluster',
    );
  }
  return new InputError(
    'manifests',
    `the cluster refused them before any workload changed: ${error.stderr.trim()}`,
    'objects the API server accepts, of kinds it serves (install CRDs first)',
  );
}
