import { isAbsolute, join, relative, resolve } from 'node:path';
import { describeError, InputError } from '../../action/errors.js';
import { EnvRepo, type BranchTips } from '../../git/env-repo.js';
import { isFoundation, preflight } from '../apply.js';
import type { DeployInputs } from '../deploy-inputs.js';
import { loadManifests } from '../manifests.js';
import { explainRefusal } from '../refusal.js';
import type { CandidateSource, DeployDeps, Revision } from './strategy.js';

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
 * Reads the candidate (a revision of the env repository, or the workspace's
 * files) and asks the cluster whether it knows every kind in it. `resolved`
 * hears the candidate's commit as soon as it is known, so that a failure
 * after it can still name it.
 */
export async function readCandidate(
  inputs: DeployInputs,
  deps: DeployDeps,
  resolved: (sha: string) => void = () => undefined,
): Promise<CandidateSource> {
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
    resolved(sha);
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
      throw explainRefusal(error, candidate.manifests, inputs);
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
