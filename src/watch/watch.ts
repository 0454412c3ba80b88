import { join } from 'node:path';
import type { RunContext } from '../action/context.js';
import { InputError } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import { EnvRepo } from '../git/env-repo.js';
import type { GitExec } from '../git/git.js';
import { IndexTree } from '../git/tree.js';
import { registryClients } from '../image/clients.js';
import { apiRepository, canonicalRepository, registryHost } from '../image/reference.js';
import type { Registry, Fetch } from '../image/registry.js';
import { selectManifestFiles } from '../manifest/paths.js';
import { choose } from './choose.js';
import { credentialHost, type WatchInputs } from './inputs.js';
import { parsePolicies, type WatchPolicy } from './policy.js';
import { reviewBranches } from './review.js';
import { heldVersions, newestHeld, tagText, writeMoves, type BranchWrite, type PlannedMove, type WatchUpdate } from './write.js';

export type { WatchUpdate } from './write.js';

/** What became of one watched image. */
export type Outcome =
  /** A newer version was found and is written (or would be, on a dry run). */
  | 'moved'
  /** A newer version was found, but the branch moved during the run to one at least as new: not written over. */
  | 'overtaken'
  /** The manifests already hold the newest version. */
  | 'current'
  /** The newest version the registry offers is older than the manifests': never written. */
  | 'downgrade-refused'
  /** No tag of the registry fits the policy. */
  | 'no-match'
  /** No manifest references the image. */
  | 'not-deployed';

export interface ImageCheck {
  image: string;
  policy: string;
  /** The tag (and digest) the manifests hold, the newest by the policy's order when they hold several. */
  from?: string;
  /** Every tag the manifests hold, when more than one. */
  froms: string[];
  /** The newest tag the policy allows. */
  newest?: string;
  /** The digest of `newest` in its registry (of the index, for a multi-architecture image). */
  digest?: string;
  outcome: Outcome;
  /** Tags listed, and how many the policy could choose. */
  tags: number;
  candidates: number;
  /** Set when the registry no longer lists the tag the manifests hold. */
  vanished?: string;
  /** Set when the branch moved during the run to a version at least as new, which was kept: what it holds now. */
  overtakenBy?: string;
}

export interface WatchResult {
  /** Where the manifests were read: the branch, and its commit. */
  readFrom: { branch: string; commit: string };
  checks: ImageCheck[];
  /** The moves written (or that would be, on a dry run). */
  updates: WatchUpdate[];
  /** Whether this run pushed a commit. */
  changed: boolean;
  /** The commits holding the moves, one per branch written. */
  writes: BranchWrite[];
  diff: string;
  files: string[];
  attempts: number;
}

export interface WatchDeps {
  workdir: string;
  logger: Logger;
  context: RunContext;
  /** Where registry credentials are read from (DOCKER_CONFIG, REGISTRY_AUTH_FILE, HOME). */
  env: NodeJS.ProcessEnv;
  /** Policies already parsed (from the `policies` input), checked at the door. */
  policies?: WatchPolicy[];
  exec?: GitExec;
  fetch?: Fetch;
  /** Registry requests in flight at once. */
  concurrency?: number;
}

/** Runs `work` over `items`, `limit` at a time, keeping their order; the first failure stops the rest. */
async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * One run of the image watch: reads the policies and the versions the
 * manifests hold, asks each registry for its tags, chooses, and writes every
 * move in one commit through patch-manifest's engine. Nothing is written
 * until every registry has answered.
 */
export async function watchImages(inputs: WatchInputs, deps: WatchDeps): Promise<WatchResult> {
  const { logger } = deps;
  const repo = await EnvRepo.open({ remote: inputs.remote, dir: join(deps.workdir, 'read'), token: inputs.token, logger, exec: deps.exec });
  const readBranch = (await repo.fetchBranch(inputs.branch)) ? inputs.branch : inputs.baseBranch;
  const tip = readBranch === inputs.branch ? await repo.fetchBranch(inputs.branch) : await repo.fetchBranch(inputs.baseBranch);
  if (!tip)
    throw new InputError(
      'branch',
      `neither '${inputs.branch}' nor '${inputs.baseBranch}' exists in ${inputs.remote.slug ?? inputs.remote.url}`,
      'a branch of env-repository holding the manifests',
    );

  let policies = deps.policies;
  if (!policies) {
    const tree = new IndexTree(repo.git);
    const entry = (await tree.entriesOf(tip)).find((candidate) => candidate.path === inputs.policyFile);
    if (!entry)
      throw new InputError(
        'policy-file',
        `${inputs.policyFile} is not in branch '${readBranch}' of ${inputs.remote.slug ?? inputs.remote.url}`,
        "a YAML file of policies in the env repository, or the policies in the 'policies' input",
      );
    const [bytes] = await tree.read([entry.object]);
    policies = parsePolicies(bytes.toString('utf8'), `policy file ${inputs.policyFile}`);
  }

  const manifests = new IndexTree(repo.git);
  const { files } = selectManifestFiles(await manifests.entriesOf(tip), inputs.paths, 'paths');
  const contents = await manifests.read(files.map((file) => file.object));
  const deployed = heldVersions(files.map((file, i) => ({ path: file.path, text: contents[i].toString('utf8') })));

  const registryFor = watchedRegistries(inputs, policies, deps);

  const checks = await mapLimit(policies, deps.concurrency ?? 8, async (policy): Promise<ImageCheck> => {
    const held = deployed.get(canonicalRepository(policy.ref)) ?? [];
    const base = { image: policy.image, policy: policy.description, froms: held.map(tagText) };
    const registry = registryFor(registryHost(policy.ref));
    const repository = apiRepository(policy.ref);
    const tags = await registry.tags(repository, { pageSize: inputs.pageSize });
    const current = newestHeld(policy, held);
    const choice = choose(policy, tags, current?.tag);
    const counts = { tags: tags.length, candidates: choice.candidates };
    const vanished = current?.tag && !choice.currentListed ? current.tag : undefined;
    if (vanished) logger.warning(`${policy.image}: the registry no longer lists tag ${vanished}, which the manifests hold; it is kept`);
    const from = current ? tagText(current) : undefined;
    const common = { ...base, ...counts, from, newest: choice.newest, ...(vanished && { vanished }) };
    if (!held.length) return { ...common, outcome: 'not-deployed' };
    if (!choice.newest) return { ...common, outcome: 'no-match' };
    if (choice.current === 'newer') return { ...common, outcome: 'downgrade-refused' };
    const sameTag = choice.current === 'same';
    if (sameTag && policy.order.kind !== 'digest-of') return { ...common, outcome: 'current' };
    const descriptor = await registry.head(repository, choice.newest);
    // Deleted between the listing and this look-up: as if it had not been listed.
    if (!descriptor) return { ...common, newest: undefined, outcome: 'no-match' };
    if (sameTag && held.every((h) => h.tag === choice.newest && h.digest === descriptor.digest))
      return { ...common, digest: descriptor.digest, outcome: 'current' };
    return { ...common, digest: descriptor.digest, outcome: 'moved' };
  });

  for (const check of checks) {
    if (check.outcome === 'not-deployed')
      logger.warning(`${check.image}: no manifest in the selected paths references it; nothing to update`);
    if (check.outcome === 'downgrade-refused')
      logger.warning(`${check.image}: the newest tag its policy allows, ${check.newest}, is older than ${check.from}; not written`);
  }

  const moves: PlannedMove[] = checks.flatMap((check, i) =>
    check.outcome === 'moved'
      ? [
          {
            policy: policies[i],
            held: deployed.get(canonicalRepository(policies[i].ref)) ?? [],
            update: {
              image: check.image,
              from: check.from ?? '',
              to: `${check.newest}@${check.digest}`,
              digest: check.digest!,
              policy: check.policy,
            },
          },
        ]
      : [],
  );
  const result: WatchResult = {
    readFrom: { branch: readBranch, commit: tip },
    checks,
    updates: moves.map((move) => move.update),
    changed: false,
    writes: [],
    diff: '',
    files: [],
    attempts: 0,
  };
  if (!moves.length) return result;

  const options = {
    branch: inputs.branch,
    baseBranch: inputs.baseBranch,
    paths: inputs.paths,
    author: inputs.author,
    message: (updates: WatchUpdate[]) => inputs.message || watchMessage(updates, deps.context),
    dryRun: inputs.dryRun,
    logger,
  };
  const writes: BranchWrite[] = [];
  if (inputs.mode === 'push') writes.push(await writeMoves(repo, moves, options));
  else if (inputs.pullRequestPer === 'run')
    writes.push(await writeMoves(repo, moves, { ...options, reviewBranch: inputs.pullRequestBranch }));
  else {
    const branches = reviewBranches(inputs.pullRequestBranch, policies);
    for (const move of moves) writes.push(await writeMoves(repo, [move], { ...options, reviewBranch: branches.get(move.policy)! }));
  }

  const overtaken = new Map(writes.flatMap((write) => write.overtaken.map((entry) => [entry.image, entry.now] as const)));
  return {
    ...result,
    checks: checks.map((check) =>
      overtaken.has(check.image) ? { ...check, outcome: 'overtaken', overtakenBy: overtaken.get(check.image) } : check,
    ),
    updates: writes.flatMap((write) => write.updates),
    changed: writes.some((write) => write.changed),
    writes,
    diff: writes.map((write) => write.diff).join(''),
    files: [...new Set(writes.flatMap((write) => write.files))],
    attempts: Math.max(...writes.map((write) => write.attempts)),
  };
}

/**
 * One client per registry host: the one the credential inputs are for uses
 * them, and only it; the others use what the runner stores (docker login,
 * credential helpers).
 */
function watchedRegistries(inputs: WatchInputs, policies: WatchPolicy[], deps: WatchDeps): (host: string) => Registry {
  const given = inputs.credentials && {
    ...inputs.credentials,
    host: credentialHost(
      inputs.credentials,
      policies.map((policy) => registryHost(policy.ref)),
    ),
  };
  return registryClients({ env: deps.env, logger: deps.logger, insecureRegistries: inputs.insecureRegistries, fetch: deps.fetch, given });
}

/** The commit message: every image moved, from and to, and the policy that chose it. */
export function watchMessage(updates: WatchUpdate[], context: RunContext): string {
  const short = (update: WatchUpdate) => `${update.image}:${update.to.split('@')[0]}`;
  const subject = updates.length === 1 ? `Update ${short(updates[0])}` : `Update ${updates.length} images`;
  const lines = updates.map((update) => `- ${update.image}: ${update.from} -> ${update.to} (${update.policy})`);
  const body = [
    `New versions found in their registries:`,
    lines.join('\n'),
    context.runUrl ? `Workflow run: ${context.runUrl}` : '',
  ].filter(Boolean);
  const trailers = updates.map((update) => `Image: ${update.image}:${update.to}`);
  return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}
