import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunContext } from '../action/context.js';
import { InputError } from '../action/errors.js';
import { checkHost, readInsecureRegistries } from '../action/hosts.js';
import type { Inputs } from '../action/inputs.js';
import type { BuilderChoice } from './builders/select.js';
import { InvalidReferenceError, parseImageReference, repositoryOf, sameRepository, type ImageReference } from './reference.js';

/**
 * build-push's inputs, parsed and checked before anything heavy loads: a
 * rejected input costs a node start and nothing more.
 */
export interface BuildPushInputs {
  /** The repository images go to; never has a tag or digest. */
  image: ImageReference;
  context: string;
  file: string;
  /** Every reference to point at the image, each with a tag; the commit's full SHA tag first when known. */
  tags: ImageReference[];
  /** `image:<full commit SHA>`: when it exists, the commit's image was built and pushed completely. */
  commitTag?: ImageReference;
  builder: BuilderChoice;
  push: boolean;
  skipExisting: boolean;
  buildArgs: [string, string][];
  labels: [string, string][];
  platforms: string[];
  cacheFrom: string[];
  cacheTo: string[];
  target: string;
  /** Build secrets as id and value; the door masks the values. */
  secrets: [string, string][];
  username: string;
  password: string;
  /** Registries spoken to in plain HTTP, beyond loopback ones. */
  insecureRegistries: string[];
}

const IMAGE_FORM = "a repository without tag, such as 'ghcr.io/owner/app' or '127.0.0.1:5000/app' (lowercase)";
const TAGS_FORM = "tags ('v1.2', 'latest') or full references ('ghcr.io/owner/app:v1'), one per line or comma-separated";
const BARE_TAG = /^[^/:@]+$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

function readImage(inputs: Inputs): ImageReference {
  const text = inputs.required('image', IMAGE_FORM);
  let image: ImageReference;
  try {
    image = parseImageReference(text);
  } catch (error) {
    if (error instanceof InvalidReferenceError) throw new InputError('image', error.message, IMAGE_FORM);
    throw error;
  }
  if (image.registry) checkHost(image.registry, 'image', IMAGE_FORM);
  if (image.tag !== undefined || image.digest !== undefined) {
    throw new InputError(
      'image',
      `'${text}' includes a ${image.digest !== undefined ? 'digest' : `tag ('${image.tag}')`}; tags go in the 'tags' input`,
      IMAGE_FORM,
    );
  }
  return image;
}

function readTags(inputs: Inputs, image: ImageReference, sha: string): { tags: ImageReference[]; commitTag?: ImageReference } {
  const repository = repositoryOf(image);
  const parse = (text: string): ImageReference => {
    const reference = BARE_TAG.test(text) ? `${repository}:${text}` : text;
    let parsed: ImageReference;
    try {
      parsed = parseImageReference(reference);
    } catch (error) {
      if (error instanceof InvalidReferenceError) throw new InputError('tags', error.message, TAGS_FORM);
      throw error;
    }
    if (parsed.registry) checkHost(parsed.registry, 'tags', TAGS_FORM);
    if (parsed.tag === undefined || parsed.digest !== undefined) {
      throw new InputError('tags', `'${text}' ${parsed.digest !== undefined ? 'has a digest' : 'has no tag'}`, TAGS_FORM);
    }
    return parsed;
  };
  const commitTag = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(sha) ? parse(sha) : undefined;
  const given = inputs.lines('tags', { commas: true }).map(parse);
  const all = [...(commitTag ? [commitTag, parse(sha.slice(0, 7))] : []), ...given];
  if (!all.length) throw new InputError('tags', 'is empty and GITHUB_SHA is not set, so no tag can be derived', TAGS_FORM);
  // The builder pushes to the image's repository under one of its tags; other references are tagged from there.
  if (!all.some((tag) => sameRepository(tag, image))) {
    throw new InputError('tags', `none is in the repository '${repository}'`, `at least one bare tag, or a reference in ${repository}`);
  }
  const seen = new Set<string>();
  const tags = all.filter((tag) => {
    const key = `${repositoryOf(tag)}:${tag.tag}`;
    return !seen.has(key) && seen.add(key);
  });
  return { tags, commitTag };
}

function isDirectory(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

function readPaths(inputs: Inputs, workspace: string): { context: string; file: string } {
  const contextInput = inputs.string('context', '.');
  const context = resolve(workspace, contextInput);
  const contextKind = isDirectory(context);
  if (contextKind !== true) {
    throw new InputError(
      'context',
      `'${contextInput}' ${contextKind === false ? 'is a file' : 'does not exist'} (${context})`,
      'a folder relative to the workspace',
    );
  }
  const fileInput = inputs.string('file');
  const file = fileInput ? resolve(workspace, fileInput) : join(context, 'Dockerfile');
  if (isDirectory(file) !== false) {
    throw new InputError(
      'file',
      fileInput ? `'${fileInput}' is not a file (${file})` : `is not set and the context has no Dockerfile (${file})`,
      'a Dockerfile path relative to the workspace',
    );
  }
  return { context, file };
}

/** Lines of KEY=VALUE where KEY may hold dots and dashes, as label keys and secret ids do. */
function pairs(inputs: Inputs, name: string, key: RegExp, expected: string): [string, string][] {
  return inputs.lines(name).map((line) => {
    const at = line.indexOf('=');
    const id = at > 0 ? line.slice(0, at).trim() : '';
    if (!key.test(id)) throw new InputError(name, `'${at > 0 ? id : line}' is not a valid ${at > 0 ? 'key' : 'KEY=VALUE line'}`, expected);
    return [id, line.slice(at + 1).trim()];
  });
}

function readCredentials(inputs: Inputs): { username: string; password: string } {
  const username = inputs.string('username');
  const password = inputs.string('password');
  if (username && !password) throw new InputError('password', "is empty while 'username' is set", 'the password or token for username');
  if (password && !username) throw new InputError('username', "is empty while 'password' is set", 'the user name the password belongs to');
  return { username, password };
}

export function readBuildPushInputs(inputs: Inputs, context: RunContext): BuildPushInputs {
  const image = readImage(inputs);
  const { tags, commitTag } = readTags(inputs, image, context.sha);
  const builder = inputs.oneOf('builder', ['auto', 'docker', 'buildah'] as const, 'auto');
  const push = inputs.boolean('push', true);
  const skipExisting = inputs.boolean('skip-existing', true);
  const platforms = inputs.lines('platforms', { commas: true });
  for (const platform of platforms) {
    if (!PLATFORM.test(platform))
      throw new InputError('platforms', `'${platform}' is not a platform`, "os/arch[/variant], such as 'linux/amd64' or 'linux/arm/v7'");
  }
  return {
    image,
    ...readPaths(inputs, context.workspace),
    tags,
    commitTag,
    builder,
    push,
    skipExisting,
    buildArgs: pairs(inputs, 'build-args', /^[A-Za-z_][A-Za-z0-9_]*$/, 'lines of NAME=VALUE'),
    labels: pairs(inputs, 'labels', /^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "lines of KEY=VALUE, such as 'org.opencontainers.image.licenses=MIT'"),
    platforms,
    cacheFrom: inputs.lines('cache-from'),
    cacheTo: inputs.lines('cache-to'),
    target: inputs.string('target'),
    secrets: pairs(inputs, 'secrets', /^[A-Za-z0-9_.-]+$/, "lines of ID=VALUE, used in the Dockerfile as 'RUN --mount=type=secret,id=ID'"),
    ...readCredentials(inputs),
    insecureRegistries: readInsecureRegistries(inputs, { imageRegistry: image.registry || 'docker.io' }),
  };
}
