import picomatch from 'picomatch';
import type { RunContext } from '../action/context.js';
import { details, fenced, link, table, truncate } from '../action/markdown.js';
import { InputError } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import { EnvRepo } from '../git/env-repo.js';
import type { GitExec } from '../git/git.js';
import { IndexTree } from '../git/tree.js';
import type { TaggedImage } from '../image/release-tags.js';
import type { PublishedImage } from '../image/copy.js';
import { TAG_PLACEHOLDERS, type PromoteInputs } from './promote-inputs.js';

export interface PromoteResult {
  /** The commit on the production branch (or the pull-request branch) holding the source's tree. */
  commit: string;
  changed: boolean;
  source: string;
  /** The production commit this one replaced, when there was one. */
  replaced?: string;
  /** Branch pushed for review in pull-request mode. */
  reviewBranch?: string;
  title: string;
  message: string;
  files: string[];
  diff: string;
  /** Images tagged in their registries, when `image-tags` asked for it. */
  tagged: TaggedImage[];
  /** Images copied to other repositories, when `publish-images` asked for it. */
  published: PublishedImage[];
}

export interface PromoteDeps {
  workdir: string;
  logger: Logger;
  context: RunContext;
  exec?: GitExec;
  /** Where registry credentials for image-tags are read from (DOCKER_CONFIG, REGISTRY_AUTH_FILE, HOME). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Records a deployed env-repo commit on the production branch by copying its
 * tree, never by merging: production's history is one commit per success.
 * Copying the same tree again changes nothing and is a success.
 */
export async function promote(inputs: PromoteInputs, deps: PromoteDeps): Promise<PromoteResult> {
  const repo = await EnvRepo.open({ remote: inputs.remote, dir: deps.workdir, token: inputs.token, logger: deps.logger, exec: deps.exec });
  const tips = await repo.tips();
  const wanted = /^[0-9a-f]{40}$/.test(inputs.source) ? inputs.source : tips.branches.get(inputs.source);
  if (!wanted)
    throw new InputError(
      'source',
      `'${inputs.source}' is not a branch of ${inputs.remote.url}`,
      'a full commit SHA or a branch of env-repository',
    );
  let source: string;
  try {
    source = await repo.fetch(wanted);
  } catch {
    throw new InputError('source', `commit ${wanted} is not in ${inputs.remote.url}`, 'the full SHA of a commit pushed to env-repository');
  }
  const sourceMessage = (await repo.message(source)).trim();
  const subject = sourceMessage.split('\n')[0];
  const author = await repo.author(source);
  const short = source.slice(0, 7);
  // A branch that does not exist yet has nothing to protect: its first commit is pushed directly.
  const reviewBranch = inputs.mode === 'pull-request' && tips.branches.has(inputs.branch) ? `promote/${source.slice(0, 12)}` : undefined;
  let title = '';
  let message = '';
  // Images are resolved before anything is recorded, and tagged once it is; not while a promotion waits for review.
  let applyTags: (() => Promise<TaggedImage[]>) | undefined;
  let publish: (() => Promise<PublishedImage[]>) | undefined;
  if ((inputs.imageTags.length || inputs.publishImages.length) && !reviewBranch) {
    const { imagesAt } = await import('../manifest/stage-images.js');
    const found = await imagesAt(repo, source, inputs.paths);
    const registryDeps = { env: deps.env ?? {}, logger: deps.logger, insecureRegistries: inputs.insecureRegistries };
    if (inputs.imageTags.length) {
      const { prepareReleaseTags } = await import('../image/release-tags.js');
      applyTags = await prepareReleaseTags(
        found.map((entry) => entry.image),
        fillTagPatterns(inputs.imageTags, sourceMessage, short),
        registryDeps,
      );
    }
    if (inputs.publishImages.length) {
      const { planPublication, preparePublication } = await import('../image/copy.js');
      const tags = fillTagPatterns(inputs.publishTags, sourceMessage, short, 'publish-tags');
      publish = await preparePublication(planPublication(inputs.publishImages, found, short, tags), tags, registryDeps);
    }
  }

  const result = await repo.write(
    inputs.branch,
    async () => undefined, // production begins as its own history, with this success as its first commit
    async (tree, tip) => {
      await copyTree(tree, source, inputs.paths);
      const replaced = tip ? ` (${(await repo.message(tip)).split('\n')[0]})` : '';
      title = inputs.reason === 'rollback' ? `Rollback to ${short}: ${subject}` : `Promote ${short}: ${subject}`;
      const intro =
        inputs.reason === 'rollback' && tip ? `Rolls ${inputs.branch} back from ${tip.slice(0, 7)}${replaced} to ${short}.\n\n` : '';
      const trailers = [
        `Promoted-From: ${source}`,
        ...(inputs.reason === 'rollback' && tip ? [`Replaces: ${tip}`] : []),
        ...(deps.context.runUrl ? [`Workflow-Run: ${deps.context.runUrl}`] : []),
      ];
      const draft = `${inputs.message || title}\n\n${intro}${sourceMessage}\n`;
      message = await repo.git.run(['interpret-trailers', ...trailers.flatMap((trailer) => ['--trailer', trailer])], { input: draft });
      return { edit: { message, author }, value: tip };
    },
    reviewBranch ? { push: true, pushRef: `refs/heads/${reviewBranch}`, force: true } : { push: true },
  );
  return {
    commit: result.commit,
    changed: result.changed,
    source,
    replaced: result.value,
    tagged: applyTags ? await applyTags() : [],
    published: publish ? await publishRecorded(publish, inputs.branch, result.commit) : [],
    reviewBranch: result.changed ? reviewBranch : undefined,
    title,
    message,
    files: result.files,
    diff: result.diff,
  };
}

/** The images a commit's manifests deploy (the files under `paths`, or every YAML file). */
/**
 * Tags such as `rc-{app-short-sha}` name the app commit that built the
 * images, which the promoted commit carries in its Source-Commit trailer
 * (patch-manifest writes it, promotions carry it on).
 */
export function fillTagPatterns(tags: string[], sourceMessage: string, short: string, input = 'image-tags'): string[] {
  const appCommit = [...sourceMessage.matchAll(/^Source-Commit: \S+@([0-9a-f]{40})$/gm)].at(-1)?.[1];
  return tags.map((tag) => {
    if (!TAG_PLACEHOLDERS.some((placeholder) => tag.includes(placeholder))) return tag;
    if (!appCommit)
      throw new Error(
        `${input} '${tag}' names the app commit, but ${short} carries no Source-Commit trailer (patch-manifest writes one); nothing was promoted`,
      );
    return tag.replaceAll('{app-sha}', appCommit).replaceAll('{app-short-sha}', appCommit.slice(0, 7));
  });
}

/** A copy that fails once production has recorded the revision says so: a re-run finishes it, as nothing copied is copied again. */
async function publishRecorded(publish: () => Promise<PublishedImage[]>, branch: string, commit: string): Promise<PublishedImage[]> {
  try {
    return await publish();
  } catch (error) {
    throw new Error(
      `${branch} records ${commit.slice(0, 7)}, but publishing its images failed: ${(error as Error).message}; re-run to publish what is missing`,
    );
  }
}

/** Makes the tree equal to `source`'s tree, for every file or for the files matching `paths`. */
async function copyTree(tree: IndexTree, source: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return tree.reset(source);
  // The same glob dialect as patch-manifest's `paths`, applied to both trees.
  const matches = picomatch(paths, { dot: false });
  const stale = (await tree.entries()).filter((entry) => matches(entry.path)).map((entry) => entry.path);
  const wanted = (await tree.entriesOf(source)).filter((entry) => matches(entry.path));
  await tree.set(wanted, stale);
}

export function promoteSummary(inputs: PromoteInputs, result: PromoteResult, context: RunContext, pullRequest?: string): string {
  const { tagged } = result;
  const repo = inputs.remote.slug ?? inputs.remote.url;
  const onGitHub = inputs.remote.slug && inputs.remote.url.startsWith(context.serverUrl);
  const commitLink = (sha: string) => link(sha.slice(0, 7), onGitHub ? context.commitUrl(inputs.remote.slug!, sha) : undefined);
  const verb = inputs.reason === 'rollback' ? 'Rolled back' : 'Promoted';
  const status = !result.changed
    ? `\`${inputs.branch}\` of ${repo} already holds the tree of ${commitLink(result.source)}: nothing to record.`
    : pullRequest
      ? `Opened ${link('a pull request', pullRequest)} to record ${commitLink(result.source)} on \`${inputs.branch}\` of ${repo}.`
      : `${verb} ${commitLink(result.source)} as ${commitLink(result.commit)} on \`${inputs.branch}\` of ${repo}${result.replaced ? `, replacing ${commitLink(result.replaced)}` : ''}.`;
  const lines = ['### promote-production', '', status, ''];
  if (tagged.length)
    lines.push(
      `Tagged ${tagged[0].tags.map((tag) => `\`${tag}\``).join(', ')} in the registry:`,
      '',
      ...tagged.map((image) => `- \`${image.image}@${image.digest}\``),
      '',
    );
  if (result.published.length)
    lines.push(
      'Published to other repositories, by digest:',
      '',
      table(
        ['image', 'published as', 'digest', 'tags', 'blobs'],
        result.published.map((image) => [
          `\`${image.source}\``,
          `\`${image.target}\``,
          `\`${image.digest}\``,
          image.tags.map((tag) => `\`${tag}\``).join(', ') || '—',
          blobSummary(image),
        ]),
      ),
      '',
    );
  if (result.changed)
    lines.push(
      `**${result.title}**`,
      '',
      details(`The change (${countFiles(result.files)})`, fenced('diff', truncate(result.diff, 60_000))),
      '',
    );
  return lines.join('\n');
}

/** `2 copied (3.1 MB), 1 mounted, 4 already there`: what the copy had to move. */
function blobSummary({ blobs, bytes }: PublishedImage): string {
  const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
  return (
    [
      blobs.copied ? `${blobs.copied} copied (${size})` : '',
      blobs.mounted ? `${blobs.mounted} mounted` : '',
      blobs.present ? `${blobs.present} already there` : '',
    ]
      .filter(Boolean)
      .join(', ') || 'none'
  );
}

const countFiles = (files: string[]) => (files.length === 1 ? `1 file: ${files[0]}` : `${files.length} files`);
