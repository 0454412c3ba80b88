import { registryClients } from '../image/clients.js';
import { join } from 'node:path';
import type { RunContext } from '../action/context.js';
import { InputError } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import { EnvRepo } from '../git/env-repo.js';
import type { GitExec } from '../git/git.js';
import { IndexTree } from '../git/tree.js';
import { apiRepository, canonicalRepository, registryHost, repositoryOf } from '../image/reference.js';
import type { Fetch } from '../image/registry.js';
import { patchManifest, type PatchManifestResult } from '../manifest/patch-manifest.js';
import { imagesAt } from '../manifest/stage-images.js';
import { parseImageUpdates } from '../manifest/updates.js';
import { choose } from './choose.js';
import type { WatchInputs } from './inputs.js';
import { parsePolicies, type WatchPolicy } from './policy.js';

/** What became of one watched image. */
export type Outcome =
  /** A newer version was found and is written (or would be, on a dry run). */
  | 'moved'
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
}

export interface WatchUpdate {
  image: string;
  from: string;
  to: string;
  digest: string;
  policy: string;
}

export interface WatchResult {
  /** Where the manifests were read: the branch, and its commit. */
  readFrom: { branch: string; commit: string };
  checks: ImageCheck[];
  updates: WatchUpdate[];
  changed: boolean;
  commit: string;
  diff: string;
  files: string[];
  /** The branch the commit went to: `branch`, or the pull request's branch. */
  wroteTo?: string;
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

function tagText(tag: string | undefined, digest: string | undefined): string {
  return `${tag ?? ''}${digest ? `@${digest}` : ''}` || '(none)';
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

  const deployed = new Map<string, { tag?: string; digest?: string }[]>();
  for (const { image } of await imagesAt(repo, tip, inputs.paths)) {
    const key = canonicalRepository(image);
    const list = deployed.get(key) ?? [];
    if (!list.some((seen) => seen.tag === image.tag && seen.digest === image.digest)) list.push({ tag: image.tag, digest: image.digest });
    deployed.set(key, list);
  }

  const registryFor = registryClients({ env: deps.env, logger, insecureRegistries: inputs.insecureRegistries, fetch: deps.fetch });

  const checks = await mapLimit(policies, deps.concurrency ?? 8, async (policy): Promise<ImageCheck> => {
    const held = deployed.get(canonicalRepository(policy.ref)) ?? [];
    const base = { image: policy.image, policy: policy.description, froms: held.map((h) => tagText(h.tag, h.digest)) };
    const registry = registryFor(registryHost(policy.ref));
    const repository = apiRepository(policy.ref);
    const tags = await registry.tags(repository, { pageSize: inputs.pageSize });
    // Of several tags held, the newest by the policy is the one no move may go below.
    let current = held[0];
    for (const other of held.slice(1)) {
      if (other.tag && current.tag && choose(policy, [current.tag, other.tag]).newest === other.tag) current = other;
    }
    const choice = choose(policy, tags, current?.tag);
    const counts = { tags: tags.length, candidates: choice.candidates };
    const vanished = current?.tag && !choice.currentListed ? current.tag : undefined;
    if (vanished) logger.warning(`${policy.image}: the registry no longer lists tag ${vanished}, which the manifests hold; it is kept`);
    const from = current ? tagText(current.tag, current.digest) : undefined;
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

  const updates: WatchUpdate[] = checks
    .filter((check) => check.outcome === 'moved')
    .map((check) => ({
      image: check.image,
      from: check.from ?? '',
      to: `${check.newest}@${check.digest}`,
      digest: check.digest!,
      policy: check.policy,
    }));
  const result: WatchResult = {
    readFrom: { branch: readBranch, commit: tip },
    checks,
    updates,
    changed: false,
    commit: '',
    diff: '',
    files: [],
    attempts: 0,
  };
  if (!updates.length) return result;

  const byImage = new Map(policies.map((policy) => [policy.image, policy]));
  const pullRequest = inputs.mode === 'pull-request';
  const wroteTo = pullRequest ? inputs.pullRequestBranch : inputs.branch;
  const written: PatchManifestResult = await patchManifest(
    {
      remote: inputs.remote,
      token: inputs.token,
      branch: wroteTo,
      baseBranch: pullRequest ? readBranch : inputs.baseBranch,
      images: parseImageUpdates(updates.map((update) => `${repositoryOf(byImage.get(update.image)!.ref)}:${update.to}`)),
      paths: inputs.paths,
      output: '',
      vars: new Map(),
      message: inputs.message || watchMessage(updates, deps.context),
      author: inputs.author,
      dryRun: inputs.dryRun,
      promoteFrom: '',
      insecureRegistries: inputs.insecureRegistries,
      allowMissing: false,
      allowOlder: true,
    },
    { workdir: join(deps.workdir, 'write'), logger, context: deps.context, exec: deps.exec },
  );
  return {
    ...result,
    changed: written.changed && !inputs.dryRun,
    commit: written.commit,
    diff: written.diff,
    files: written.files,
    wroteTo,
    attempts: written.attempts,
  };
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
