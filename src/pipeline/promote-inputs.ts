import { InputError } from '../action/errors.js';
import { readInsecureRegistries } from '../action/hosts.js';
import type { Inputs } from '../action/inputs.js';
import type { RunContext } from '../action/context.js';
import { parsePublishMappings, type PublishMapping } from '../image/copy.js';
import { parseImageReference } from '../image/reference.js';
import { validBranch } from '../git/refs.js';
import { reviewableRemote, type Remote } from '../git/remote.js';

export interface PromoteInputs {
  remote: Remote;
  token: string;
  /** A full commit SHA, or a branch of the env repository. */
  source: string;
  branch: string;
  paths: string[];
  reason: 'deploy' | 'rollback';
  mode: 'push' | 'pull-request';
  message: string;
  /** Registry tags (such as `production`) to point at every image the promoted revision deploys. */
  imageTags: string[];
  /** Repositories the revision deploys, each copied by digest to a repository of another registry once production records it. */
  publishImages: PublishMapping[];
  /** Tags put on each published image at its target. */
  publishTags: string[];
  insecureRegistries: string[];
}

/** Git pathspecs relative to the repository root; anything that could reach outside is refused. */
export function checkRepoPaths(paths: string[], input: string): string[] {
  for (const path of paths) {
    if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split(/[\\/]/).includes('..') || path.startsWith(':')) {
      throw new InputError(
        input,
        `'${path}' points outside the repository`,
        "globs relative to the repository root, like 'apps/**' or 'kubernetes.yaml'",
      );
    }
  }
  return paths;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** What a tag pattern may say of the app commit that built the images, read from the promoted commit's Source-Commit trailer. */
export const TAG_PLACEHOLDERS = ['{app-sha}', '{app-short-sha}'] as const;

function readImageTags(inputs: Inputs): string[] {
  return readTagPatterns(inputs, 'image-tags', "tags such as 'production' or 'rc-{app-short-sha}', one per line or comma-separated");
}

function readTagPatterns(inputs: Inputs, name: string, expected: string): string[] {
  const tags = inputs.lines(name, { commas: true });
  for (const tag of tags) {
    // A pattern is judged as it will be once its placeholders are filled.
    const filled = TAG_PLACEHOLDERS.reduce((text, placeholder) => text.replaceAll(placeholder, '0'.repeat(40)), tag);
    if (!TAG.test(filled)) throw new InputError(name, `'${tag}' is not a tag`, expected);
  }
  return tags;
}

function readPublication(inputs: Inputs): Pick<PromoteInputs, 'publishImages' | 'publishTags'> {
  const publishImages = parsePublishMappings(inputs.lines('publish-images'), parseImageReference);
  const publishTags = readTagPatterns(
    inputs,
    'publish-tags',
    "tags such as 'latest' or '{app-short-sha}', one per line or comma-separated",
  );
  if (publishTags.length && !publishImages.length)
    throw new InputError('publish-tags', 'is set but publish-images is empty, so no image would carry them', 'publish-images as well');
  return { publishImages, publishTags };
}

export function readPromoteInputs(inputs: Inputs, context: RunContext): PromoteInputs {
  const source = inputs.string('source', context.sha);
  if (!source) throw new InputError('source', 'is empty and GITHUB_SHA is not set', 'the full SHA of the env-repository commit to promote');
  if (/^[0-9a-f]{7,39}$/.test(source))
    throw new InputError('source', `'${source}' is an abbreviated SHA`, 'the full 40-character commit SHA');
  const mode = inputs.oneOf('mode', ['push', 'pull-request'] as const, 'push');
  const remote = reviewableRemote(inputs.required('env-repository', "'owner/name', a git URL or a local path"), context, mode);
  return {
    remote,
    token: inputs.string('token'),
    source: /^[0-9a-f]{40}$/.test(source) ? source : validBranch(source, 'source'),
    branch: validBranch(inputs.string('branch', 'production'), 'branch'),
    paths: checkRepoPaths(inputs.lines('paths'), 'paths'),
    reason: inputs.oneOf('reason', ['deploy', 'rollback'] as const, 'deploy'),
    mode,
    message: inputs.string('message'),
    imageTags: readImageTags(inputs),
    ...readPublication(inputs),
    insecureRegistries: readInsecureRegistries(inputs),
  };
}
