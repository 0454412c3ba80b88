import { realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '../action/errors.js';
import { checkHost, readInsecureRegistries } from '../action/hosts.js';
import type { Inputs } from '../action/inputs.js';
import type { RunContext } from '../action/context.js';
import { ACTIONS_BOT, parseIdentity, type Identity } from '../git/identity.js';
import { validBranch } from '../git/refs.js';
import { resolveRemote, type Remote } from '../git/remote.js';
import { runOf, type AppSource } from './order.js';
import { checkOutputName } from './paths.js';
import { parseImageUpdates, type ImageUpdate } from './updates.js';

export interface PatchManifestInputs {
  remote: Remote;
  token: string;
  branch: string;
  baseBranch: string;
  images: ImageUpdate[];
  paths: string[];
  /** Absolute path of the template in the app workspace; template mode when set. */
  template?: string;
  /** Where the rendered template goes, relative to the env repository. */
  output: string;
  vars: Map<string, string>;
  message: string;
  author: Identity;
  dryRun: boolean;
  /** Stage promotion: the branch or commit of env-repository whose images (by digest) are promoted. */
  promoteFrom: string;
  /** Registries spoken to in plain HTTP when checking promoted digests, beyond loopback ones. */
  insecureRegistries: string[];
  /** An image whose repository no selected file references is a warning instead of an error. */
  allowMissing: boolean;
  /** Write even when the branch already holds a newer commit of the same app (see order.ts). */
  allowOlder: boolean;
  /** The app commit delivered, and the run that built it; undefined outside a workflow run. */
  source?: AppSource;
}

/** The bound the patch engine holds every manifest to (images.ts), kept here so that the door loads no YAML parser. */
const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;
const TEMPLATE_FORM = 'a file in the workspace, as a path relative to GITHUB_WORKSPACE';
const IMAGES_HOST_FORM = "lines of 'REF' or 'MATCH=REF' whose registry is a host with an optional port from 1 to 65535";

/**
 * The template, in the workspace and nowhere else: its content is committed
 * to the env repository, so a path (or a symbolic link) that leads out of the
 * workspace would publish whatever file it reaches.
 */
function workspaceFile(template: string, workspace: string): string {
  const path = resolve(workspace, template);
  const inside = (root: string, candidate: string) => {
    const rel = relative(root, candidate);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
  };
  if (!inside(workspace, path)) throw new InputError('template', `'${template}' is outside the workspace`, TEMPLATE_FORM);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new InputError('template', `'${template}' is not a file in the workspace`, TEMPLATE_FORM);
  }
  if (!inside(realpathSync(workspace), real)) {
    throw new InputError('template', `'${template}' is a symbolic link to a file outside the workspace`, TEMPLATE_FORM);
  }
  const found = statSync(real);
  if (!found.isFile()) throw new InputError('template', `'${template}' is not a file in the workspace`, TEMPLATE_FORM);
  if (found.size > MAX_TEMPLATE_BYTES) throw new InputError('template', `'${template}' is larger than 10 MiB`, TEMPLATE_FORM);
  return path;
}

/** Parses and checks every input before anything touches the network or the disk. */
export function readPatchManifestInputs(
  inputs: Inputs,
  context: RunContext,
  options: { imagesGiven?: boolean; env?: NodeJS.ProcessEnv } = {},
): PatchManifestInputs {
  const template = inputs.string('template');
  const images = parseImageUpdates(inputs.lines('images'), 'images');
  const promoteFrom = inputs.string('promote-from');
  if (promoteFrom && (template || images.length))
    throw new InputError(
      'promote-from',
      `is set together with '${template ? 'template' : 'images'}'`,
      'either the environment to promote from, or images or a template',
    );
  // `deliver` hands on the image it built instead of an `images` input.
  if (!template && images.length === 0 && !promoteFrom && !options.imagesGiven) {
    throw new InputError(
      'images',
      'is empty and no template is given',
      "lines of 'REF' or 'MATCH=REF' (image mode), a 'template' (template mode), or 'promote-from' (stage promotion)",
    );
  }
  for (const update of images) {
    for (const { registry } of [update.match, update.target]) if (registry) checkHost(registry, 'images', IMAGES_HOST_FORM);
  }
  const templatePath = template ? workspaceFile(template, context.workspace) : undefined;
  const output = inputs.string('output', template ? basename(template).replace(/\.tpl$/, '') : '');
  if (template) checkOutputName(output, 'output');
  return {
    remote: resolveRemote(inputs.required('env-repository', "'owner/name', a git URL or a local path"), context),
    token: inputs.string('token'),
    branch: validBranch(inputs.string('branch', 'candidate'), 'branch'),
    baseBranch: validBranch(inputs.string('base-branch', 'production'), 'base-branch'),
    images,
    paths: inputs.lines('paths'),
    template: templatePath,
    output,
    vars: inputs.keyValues('vars'),
    message: inputs.string('message'),
    author: inputs.raw('author') ? parseIdentity(inputs.raw('author'), 'author') : ACTIONS_BOT,
    dryRun: inputs.boolean('dry-run', false),
    promoteFrom: promoteFrom && (/^[0-9a-f]{40}$/.test(promoteFrom) ? promoteFrom : validBranch(promoteFrom, 'promote-from')),
    insecureRegistries: readInsecureRegistries(inputs, { imageRegistry: options.imagesGiven ? '' : undefined }),
    allowMissing: inputs.boolean('allow-missing', false),
    allowOlder: inputs.boolean('allow-older', false),
    source:
      context.repository && /^[0-9a-f]{40}$/.test(context.sha)
        ? { repository: context.repository, sha: context.sha, run: runOf(options.env ?? process.env) }
        : undefined,
  };
}
