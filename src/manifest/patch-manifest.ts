import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { RunContext } from '../action/context.js';
import type { Logger } from '../action/logger.js';
import type { StepResult } from '../action/step.js';
import { EnvRepo, type BranchTips, type WriteResult } from '../git/env-repo.js';
import type { GitExec } from '../git/git.js';
import { appCommitAuthor } from '../git/app-author.js';
import { formatIdentity, type Identity } from '../git/identity.js';
import { details, fenced, link, truncate } from '../action/markdown.js';
import { InputError } from '../action/errors.js';
import { formatImageReference, repositoryOf } from '../image/reference.js';
import { patchTree, type FilePatch } from './images.js';
import type { PatchManifestInputs } from './patch-manifest-inputs.js';
import { checkLinkTarget, checkOutputPath, DEFAULT_MANIFEST_GLOBS, selectManifestFiles } from './paths.js';
import { builtinVars, mergeVars, renderTemplate } from './template.js';
import type { StageSource } from './stage-images.js';
import type { ImageUpdate } from './updates.js';
import { sourceRunTrailer, staleCheck, staleNotice, type Stale } from './order.js';

export interface PatchManifestResult {
  /** The env-repo commit now holding the change ('' on a dry run). */
  commit: string;
  changed: boolean;
  files: string[];
  diff: string;
  /** Files left untouched because they are not YAML or do not parse. */
  skipped: { path: string; reason: string }[];
  /** Every image reference changed, by file. */
  patches: FilePatch[];
  /** Repositories of the `images` input that no selected file references (only with allow-missing). */
  missing: string[];
  attempts: number;
  /** Set when nothing was written because the branch already holds a newer commit of the same app. */
  stale?: Stale;
}

export interface PatchManifestDeps {
  workdir: string;
  logger: Logger;
  context: RunContext;
  /** Author of the app commit, recorded as a co-author. */
  appAuthor?: Identity;
  exec?: GitExec;
  /** For stage promotion: the environment registry credentials are read from (DOCKER_CONFIG, REGISTRY_AUTH_FILE, HOME). */
  env?: NodeJS.ProcessEnv;
}

type Written = { patches: FilePatch[]; skipped: { path: string; reason: string }[]; missing: string[]; stale?: Stale };

/** Picks where a missing branch starts: the base branch, else the default branch, else nothing (an empty repository). */
export function startFrom(baseBranch: string, repo: EnvRepo) {
  return async (tips: BranchTips): Promise<string | undefined> => {
    const from = tips.branches.has(baseBranch)
      ? baseBranch
      : tips.defaultBranch && tips.branches.has(tips.defaultBranch)
        ? tips.defaultBranch
        : [...tips.branches.keys()][0];
    return from ? repo.fetch(`refs/heads/${from}`) : undefined;
  };
}

export async function patchManifest(inputs: PatchManifestInputs, deps: PatchManifestDeps): Promise<PatchManifestResult> {
  const { logger, context } = deps;
  const repo = await EnvRepo.open({ remote: inputs.remote, dir: deps.workdir, token: inputs.token, logger, exec: deps.exec });
  const template = inputs.template ? await readFile(inputs.template, 'utf8') : undefined;
  const vars = template ? templateVars(inputs, context) : undefined;
  // A stage promotion reads what to write before anything is written, and checks the digests it writes before the commit.
  let stage: StageSource | undefined;
  if (inputs.promoteFrom) {
    const { stageSource } = await import('./stage-images.js');
    stage = await stageSource(repo, inputs.promoteFrom, inputs.paths, {
      repository: inputs.remote.slug ?? inputs.remote.url,
      logger,
      env: deps.env ?? {},
      insecureRegistries: inputs.insecureRegistries,
    });
  }

  const result: WriteResult<Written> = await repo.write<Written>(
    inputs.branch,
    startFrom(inputs.baseBranch, repo),
    async (tree, tip) => {
      const entries = await tree.entries();
      let patches: FilePatch[];
      let skipped: { path: string; reason: string }[] = [];
      let missing: string[] = [];
      let images = inputs.images;
      if (template !== undefined) {
        const path = checkOutputPath(entries, inputs.output, 'output');
        const existing = entries.find((entry) => entry.path === path);
        const before = existing ? (await tree.read([existing.object]))[0].toString('utf8') : '';
        const after = renderTemplate(template, vars!, inputs.vars.keys());
        patches = before === after ? [] : [{ path, before, after, changes: [] }];
      } else {
        const { files, links } = selectManifestFiles(entries, inputs.paths, 'paths');
        const targets = await tree.read(links.map((link) => link.object));
        links.forEach((link, i) => checkLinkTarget(link.path, targets[i].toString('utf8'), 'paths'));
        const contents = await tree.read(files.map((file) => file.object));
        images = stage ? await stage.updatesFor(entries) : inputs.images;
        const patch = patchTree(
          files.map((file, i) => ({ path: file.path, bytes: contents[i] })),
          images,
        );
        ({ files: patches, skipped } = patch);
        missing = patch.missing.map((update) => repositoryOf(update.match));
        if (missing.length && !inputs.allowMissing) {
          throw new InputError(stage ? 'promote-from' : 'images', missingMessage(missing, inputs, files.length, skipped));
        }
      }
      // Against the tip being edited, so that a writer that lost a race is judged again on what won it.
      const stale = stage || !tip ? undefined : await staleCheck(repo.git, tip, inputs, patches, { workspace: context.workspace, logger });
      if (stale) return { value: { patches: [], skipped, missing, stale } };
      await stage?.checkWritten(patches);
      const modes = new Map(entries.map((entry) => [entry.path, entry.mode]));
      await tree.write(patches.map((patch) => ({ path: patch.path, content: patch.after, mode: modes.get(patch.path) })));
      const message = stage ? promotionMessage(stage, images, context, patches) : defaultMessage(inputs, context, patches, deps.appAuthor);
      const edit = patches.length ? { message: inputs.message || message, author: inputs.author } : undefined;
      return { edit, value: { patches, skipped, missing } };
    },
    { push: !inputs.dryRun },
  );
  if (result.value.stale) logger.info(staleNotice(result.value.stale, inputs.branch));
  // A Helm chart's templates (a folder) are left to Helm, as they should be: said once, not warned about.
  for (const { path, reason } of result.value.skipped) {
    if (path.endsWith('/')) logger.info(`left untouched: ${reason}`);
    else logger.warning(`left untouched: ${reason}`, path);
  }
  if (result.value.missing.length) logger.warning(missingMessage(result.value.missing, inputs) + ' (allowed by allow-missing)');
  return {
    commit: inputs.dryRun ? '' : result.commit,
    changed: result.changed,
    files: result.files,
    diff: result.diff,
    skipped: result.value.skipped,
    patches: result.value.patches,
    missing: result.value.missing,
    attempts: result.attempts,
    stale: result.value.stale,
  };
}

/**
 * An image no selected file references is most often a misspelled repository
 * or paths that miss its files; "already up to date" would hide both.
 */
function missingMessage(missing: string[], inputs: PatchManifestInputs, searched?: number, skipped: { path: string }[] = []): string {
  const globs = (inputs.paths.length ? inputs.paths : DEFAULT_MANIFEST_GLOBS).join(', ');
  const where = `in paths ${globs} of branch ${inputs.branch}${searched === undefined ? '' : ` (${searched} file(s))`}`;
  const unread = skipped.length ? `; not read, as not YAML: ${skipped.map((file) => file.path).join(', ')}` : '';
  const names = missing.join(', ');
  return `no file references ${names} ${where}${unread}. Check the repository name and the 'paths' input, or set 'allow-missing: true' where it may be absent`;
}

function templateVars(inputs: PatchManifestInputs, context: RunContext): Map<string, string> {
  const image = inputs.images[0]?.target;
  const builtins = builtinVars(context, {
    PROJECT_ID: inputs.vars.get('PROJECT_ID') ?? process.env.GOOGLE_CLOUD_PROJECT,
    IMAGE: image && formatImageReference(image),
    IMAGE_DIGEST: image?.digest,
  });
  return mergeVars(builtins, inputs.vars);
}

function defaultMessage(inputs: PatchManifestInputs, context: RunContext, patches: FilePatch[], appAuthor?: Identity): string {
  const images = [...new Set(inputs.images.map((update) => formatImageReference(update.target)))];
  const source = context.repository && context.sha ? `${context.repository}@${context.sha}` : '';
  const subject = inputs.template
    ? `Render ${inputs.output}${source ? ` from ${context.repository}@${context.sha.slice(0, 7)}` : ''}`
    : `Update ${images.length === 1 ? images[0] : `${images.length} images`}`;
  const body = [
    inputs.template ? `Rendered from ${relative(context.workspace, inputs.template)}.` : images.map((image) => `- ${image}`).join('\n'),
    `Files: ${patches.map((patch) => patch.path).join(', ')}`,
    context.runUrl ? `Workflow run: ${context.runUrl}` : '',
  ].filter(Boolean);
  const trailers = [
    source && `Source-Commit: ${source}`,
    source && sourceRunTrailer(inputs.source),
    ...images.map((image) => `Image: ${image}`),
    appAuthor && formatIdentity(appAuthor) !== formatIdentity(inputs.author) ? `Co-authored-by: ${formatIdentity(appAuthor)}` : '',
  ].filter(Boolean);
  return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}

/** A stage promotion names the success commit its images come from and, carried on, the app commit that built them. */
function promotionMessage(stage: StageSource, updates: ImageUpdate[], context: RunContext, patches: FilePatch[]): string {
  const written = patches.map((patch) => patch.after).join('\n');
  const images = updates.map((update) => formatImageReference(update.target)).filter((image) => written.includes(image));
  const subject = `Promote ${images.length === 1 ? images[0] : `${images.length} images`} from ${stage.ref}`;
  const body = [
    `The images ${stage.ref} runs at ${stage.commit.slice(0, 7)}, by digest:`,
    images.map((image) => `- ${image}`).join('\n'),
    `Files: ${patches.map((patch) => patch.path).join(', ')}`,
    context.runUrl ? `Workflow run: ${context.runUrl}` : '',
  ].filter(Boolean);
  const carried = stage.trailers.length ? stage.trailers : images.map((image) => `Image: ${image}`);
  const trailers = [`Promoted-From-Environment: ${stage.ref}@${stage.commit}`, ...carried];
  return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}

/** The step's outputs, as patch-manifest and deliver both set them. */
export function patchOutputs(result: PatchManifestResult): Record<string, string | boolean> {
  return {
    commit: result.commit,
    changed: result.changed,
    files: result.files.join('\n'),
    diff: result.diff,
    stale: Boolean(result.stale),
  };
}

export function patchSummary(inputs: PatchManifestInputs, result: PatchManifestResult, context: RunContext): string {
  const where = `\`${inputs.branch}\` of ${inputs.remote.slug ?? inputs.remote.url}`;
  const commitUrl =
    inputs.remote.slug && inputs.remote.url.startsWith(context.serverUrl)
      ? context.commitUrl(inputs.remote.slug, result.commit)
      : undefined;
  const status = inputs.dryRun
    ? `Dry run: nothing pushed to ${where}.`
    : result.stale
      ? `Skipped: ${staleNotice(result.stale, inputs.branch, 'summary')}`
      : result.changed
        ? `Committed ${link(result.commit.slice(0, 7), commitUrl)} to ${where}${result.attempts > 1 ? ` (after ${result.attempts - 1} concurrent update(s) by others)` : ''}.`
        : result.missing.length && !result.patches.length
          ? `${where}: no reference to ${result.missing.join(', ')} in the selected paths (allowed by allow-missing): no commit.`
          : `${where} already up to date: no commit.`;
  const lines = ['### patch-manifest', '', status, ''];
  if (result.patches.length)
    lines.push(
      details(
        `The change: ${result.patches.map((patch) => `<code>${patch.path}</code>`).join(', ')}`,
        fenced('diff', truncate(result.diff || 'no diff', 60_000)),
      ),
      '',
    );
  if (result.missing.length && (result.changed || inputs.dryRun))
    lines.push(`Not found in the selected paths (allowed by allow-missing): ${result.missing.map((name) => `\`${name}\``).join(', ')}`, '');
  const untouched = ({ path, reason }: { path: string; reason: string }) =>
    reason.startsWith(path) ? `- \`${path}\`${reason.slice(path.length)}` : `- \`${path}\`: ${reason}`;
  if (result.skipped.length) lines.push('Left untouched:', '', ...result.skipped.map(untouched), '');
  return lines.join('\n');
}

/** patch-manifest's use case: the app commit's author is recorded as a co-author, when the run can tell who that is. */
export async function patchManifestStep(inputs: PatchManifestInputs, deps: Omit<PatchManifestDeps, 'appAuthor'>): Promise<StepResult> {
  const result = await patchManifest(inputs, { ...deps, appAuthor: await appCommitAuthor(deps.context) });
  return {
    outputs: patchOutputs(result),
    notice: { message: result.changed ? `${inputs.dryRun ? 'would change' : 'changed'}: ${result.files.join(', ')}` : 'nothing to change' },
    summary: patchSummary(inputs, result, deps.context),
  };
}
