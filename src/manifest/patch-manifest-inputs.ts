import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { InputError } from '../action/errors.js';
import type { Inputs } from '../action/inputs.js';
import type { RunContext } from '../action/context.js';
import { ACTIONS_BOT, parseIdentity, type Identity } from '../git/identity.js';
import { validBranch } from '../git/refs.js';
import { resolveRemote, type Remote } from '../git/remote.js';
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
}

/** Parses and checks every input before anything touches the network or the disk. */
export function readPatchManifestInputs(inputs: Inputs, context: RunContext, options: { imagesGiven?: boolean } = {}): PatchManifestInputs {
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
  let templatePath: string | undefined;
  if (template) {
    templatePath = isAbsolute(template) ? template : resolve(context.workspace, template);
    if (!existsSync(templatePath) || !statSync(templatePath).isFile()) {
      throw new InputError('template', `'${template}' is not a file in the workspace`, 'a path relative to GITHUB_WORKSPACE');
    }
  }
  return {
    remote: resolveRemote(inputs.required('env-repository', "'owner/name', a git URL or a local path"), context),
    token: inputs.string('token'),
    branch: validBranch(inputs.string('branch', 'candidate'), 'branch'),
    baseBranch: validBranch(inputs.string('base-branch', 'production'), 'base-branch'),
    images,
    paths: inputs.lines('paths'),
    template: templatePath,
    output: inputs.string('output', template ? basename(template).replace(/\.tpl$/, '') : ''),
    vars: inputs.keyValues('vars'),
    message: inputs.string('message'),
    author: inputs.raw('author') ? parseIdentity(inputs.raw('author'), 'author') : ACTIONS_BOT,
    dryRun: inputs.boolean('dry-run', false),
    promoteFrom: promoteFrom && (/^[0-9a-f]{40}$/.test(promoteFrom) ? promoteFrom : validBranch(promoteFrom, 'promote-from')),
    insecureRegistries: inputs.lines('insecure-registry', { commas: true }),
    allowMissing: inputs.boolean('allow-missing', false),
  };
}
