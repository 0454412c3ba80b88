import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunContext } from '../action/context.js';
import type { Logger } from '../action/logger.js';
import type { StepResult } from '../action/step.js';
import { fenced, table } from '../action/markdown.js';
import { withWorkdir } from '../action/workdir.js';
import type { BuildPushInputs } from './build-push-inputs.js';
import { BuildahBuilder } from './builders/buildah.js';
import { BuildError, runTool, type BuildSpec, type Builder, type BuilderName, type ToolRunner } from './builders/builder.js';
import { DockerBuilder } from './builders/docker.js';
import { chooseBuilder } from './builders/select.js';
import { authFileContent, hasDockerLogin, storedCredentials, type CredentialHelperRunner, type Credentials } from './credentials.js';
import { apiRepository, formatImageReference, registryHost, repositoryOf, sameRepository, type ImageReference } from './reference.js';
import {
  copyManifest,
  imageSize,
  Registry,
  RegistryError,
  usesPlainHttp,
  type Fetch,
  type ImageLocation,
  type Manifest,
  type RegistryOptions,
} from './registry.js';

export interface BuildPushDeps {
  logger: Logger;
  context: RunContext;
  env?: NodeJS.ProcessEnv;
  /** Runs docker and buildah. */
  runner?: ToolRunner;
  fetch?: Fetch;
  sleep?: (ms: number) => Promise<void>;
  /** The jitter of retry waits, as Math.random. */
  random?: () => number;
  /** Milliseconds since the epoch. */
  now?: () => number;
  credentialHelper?: CredentialHelperRunner;
  /** Retry and time-out settings of the registry client. */
  registry?: Pick<RegistryOptions, 'attempts' | 'retryDelayMs' | 'timeoutMs'>;
}

export interface BuildPushResult {
  /** The repository, as the `image` input wrote it. */
  image: string;
  tags: string[];
  /** The manifest digest the registry holds; '' when nothing was pushed. */
  digest: string;
  /** `repository@digest`; '' when nothing was pushed. */
  imageRef: string;
  /** The commit's image already existed, so nothing was built. */
  skipped: boolean;
  pushed: boolean;
  builder?: BuilderName;
  /** Compressed bytes of config and layers, over all platforms. */
  size?: number;
  platforms: string[];
  durationMs: number;
}

/** OCI annotations that link an image to the commit and repository it came from; the user's labels win. */
export function imageLabels(inputs: BuildPushInputs, context: RunContext, created: Date): [string, string][] {
  const labels = new Map<string, string>();
  const prefix = 'org.opencontainers.image';
  if (context.repository) {
    const url = `${context.serverUrl}/${context.repository}`;
    labels.set(`${prefix}.source`, url);
    labels.set(`${prefix}.url`, url);
    labels.set(`${prefix}.title`, context.repository.split('/').pop()!);
  } else {
    labels.set(`${prefix}.title`, inputs.image.path.split('/').pop()!);
  }
  if (context.sha) labels.set(`${prefix}.revision`, context.sha);
  labels.set(`${prefix}.created`, created.toISOString());
  for (const [key, value] of inputs.labels) labels.set(key, value);
  return [...labels];
}

/** One client per registry host, each with the credentials that apply to it. */
class Registries {
  private readonly clients = new Map<string, Registry>();
  private readonly credentials = new Map<string, Promise<Credentials | undefined>>();

  constructor(
    private readonly inputs: BuildPushInputs,
    private readonly deps: BuildPushDeps,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  credentialsFor(host: string): Promise<Credentials | undefined> {
    let found = this.credentials.get(host);
    if (!found) {
      const { username, password } = this.inputs;
      found =
        username && host === registryHost(this.inputs.image)
          ? Promise.resolve({ username, password })
          : storedCredentials(host, { env: this.env, runHelper: this.deps.credentialHelper });
      this.credentials.set(host, found);
    }
    return found;
  }

  location(ref: ImageReference): ImageLocation {
    const host = registryHost(ref);
    let registry = this.clients.get(host);
    if (!registry) {
      registry = new Registry(host, {
        ...this.deps.registry,
        plainHttp: usesPlainHttp(host, this.inputs.insecureRegistries),
        credentials: () => this.credentialsFor(host),
        fetch: this.deps.fetch,
        sleep: this.deps.sleep,
        random: this.deps.random,
        logger: this.deps.logger,
      });
      this.clients.set(host, registry);
    }
    return { registry, repository: apiRepository(ref) };
  }
}

async function createBuilder(name: BuilderName, inputs: BuildPushInputs, deps: BuildPushDeps, env: NodeJS.ProcessEnv): Promise<Builder> {
  const runner = deps.runner ?? runTool;
  if (name === 'docker') {
    const host = registryHost(inputs.image);
    const login =
      inputs.push && inputs.username
        ? { host, username: inputs.username, password: inputs.password, keep: await hasDockerLogin(host, env) }
        : undefined;
    return new DockerBuilder(runner, deps.logger, login, env, { sleep: deps.sleep, random: deps.random });
  }
  return new BuildahBuilder(
    runner,
    deps.logger,
    {
      // buildah reads STORAGE_DRIVER itself; vfs is the driver that works on every runner and in every container.
      storageDriver: env.STORAGE_DRIVER ? undefined : 'vfs',
      isolation: env.BUILDAH_ISOLATION || 'chroot',
    },
    env,
    { sleep: deps.sleep, random: deps.random },
  );
}

async function writePrivate(path: string, content: string): Promise<string> {
  await writeFile(path, content, { mode: 0o600 });
  return path;
}

/**
 * Builds the image and pushes it so that no tag ever names an incomplete
 * image: the builder pushes under one tag at most (docker by digest alone),
 * the registry then confirms the digest, and only then are the other tags
 * pointed at it, the commit's own tag first. With `skip-existing`, an
 * existing `image:<commit SHA>` means the work was done: the remaining tags
 * are pointed at it and nothing is built.
 */
export async function buildPush(inputs: BuildPushInputs, deps: BuildPushDeps): Promise<BuildPushResult> {
  const now = deps.now ?? Date.now;
  const started = now();
  const env = deps.env ?? process.env;
  const { logger } = deps;
  const registries = new Registries(inputs, deps, env);
  const home = registries.location(inputs.image);
  const result = (rest: Omit<BuildPushResult, 'image' | 'tags' | 'durationMs' | 'platforms'>): BuildPushResult => ({
    image: repositoryOf(inputs.image),
    tags: inputs.tags.map(formatImageReference),
    platforms: inputs.platforms,
    durationMs: now() - started,
    ...rest,
  });

  if (inputs.push) {
    // Wrong credentials fail here, in a second, instead of after a build.
    await home.registry.authorize(home.repository, ['pull', 'push']);
    if (inputs.skipExisting && inputs.commitTag) {
      const existing = await home.registry.manifest(home.repository, inputs.commitTag.tag!);
      if (existing) {
        logger.info(`${formatImageReference(inputs.commitTag)} exists (${existing.digest}); nothing to build`);
        await pointTags(inputs.tags, home, existing, registries, logger);
        return result({ ...(await pushed(inputs, home, existing)), skipped: true });
      }
    } else if (inputs.skipExisting) {
      logger.info('skip-existing needs the commit SHA (GITHUB_SHA) to name the image to look for; building');
    }
  }

  const builderName = await chooseBuilder(inputs.builder, deps.runner ?? runTool);
  const builder = await createBuilder(builderName, inputs, deps, env);
  // The tag the builder pushes under: the commit's own when known, else the first in the image's repository.
  const primary = inputs.tags.find((tag) => sameRepository(tag, inputs.image))!;
  const built = await withWorkdir('build-push', async (workdir) => {
    const credentials = inputs.push ? await registries.credentialsFor(registryHost(inputs.image)) : undefined;
    const spec: BuildSpec = {
      context: inputs.context,
      file: inputs.file,
      platforms: inputs.platforms,
      buildArgs: inputs.buildArgs,
      labels: imageLabels(inputs, deps.context, new Date(started)),
      target: inputs.target,
      secrets: await Promise.all(
        inputs.secrets.map(async ([id, value], index) => ({ id, file: await writePrivate(join(workdir, `secret-${index}`), value) })),
      ),
      cacheFrom: inputs.cacheFrom,
      cacheTo: inputs.cacheTo,
      tags: inputs.tags.map(formatImageReference),
      push: inputs.push
        ? {
            repository: repositoryOf(inputs.image),
            tag: primary.tag!,
            plainHttp: usesPlainHttp(registryHost(inputs.image), inputs.insecureRegistries),
          }
        : undefined,
      authFile: credentials && (await writePrivate(join(workdir, 'auth.json'), authFileContent(registryHost(inputs.image), credentials))),
      workdir,
    };
    const action = `${builder.name}: build ${spec.file}${inputs.push ? `, push to ${repositoryOf(inputs.image)}:${primary.tag}` : ''}`;
    return logger.group(action, () => builder.build(spec));
  });
  if (!inputs.push) return result({ digest: '', imageRef: '', skipped: false, pushed: false, builder: builder.name });

  // docker pushed by digest alone; buildah pushed under the primary tag. Either way the registry says what it holds.
  const reference = builder.name === 'docker' ? built.digest : primary.tag!;
  if (!reference) throw new Error(`${builder.name} reported no digest for the image it pushed to ${repositoryOf(inputs.image)}`);
  const manifest = await home.registry.manifest(home.repository, reference);
  if (!manifest) {
    const pushedAs = `${repositoryOf(inputs.image)}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
    throw new RegistryError(`registry ${home.registry.host} has no ${pushedAs} after ${builder.name} pushed it`);
  }
  if (built.digest && built.digest !== manifest.digest) {
    logger.warning(`${builder.name} reported digest ${built.digest}, the registry holds ${manifest.digest}; reporting the registry's`);
  }
  await pointTags([primary, ...inputs.tags.filter((tag) => tag !== primary)], home, manifest, registries, logger);
  return result({ ...(await pushed(inputs, home, manifest)), skipped: false, builder: builder.name });
}

async function pushed(
  inputs: BuildPushInputs,
  home: ImageLocation,
  manifest: Manifest,
): Promise<Pick<BuildPushResult, 'digest' | 'imageRef' | 'pushed' | 'size'>> {
  return {
    digest: manifest.digest,
    imageRef: `${repositoryOf(inputs.image)}@${manifest.digest}`,
    pushed: true,
    size: await imageSize(home.registry, home.repository, manifest),
  };
}

/** Points each tag at the manifest, in order; a tag that already does is left alone, so a re-run writes nothing. */
async function pointTags(
  tags: ImageReference[],
  home: ImageLocation,
  manifest: Manifest,
  registries: Registries,
  logger: Logger,
): Promise<void> {
  for (const tag of tags) {
    const target = registries.location(tag);
    const current = await target.registry.head(target.repository, tag.tag!);
    const name = formatImageReference(tag);
    if (current?.digest === manifest.digest) {
      logger.info(`${name} already names ${manifest.digest}`);
      continue;
    }
    await copyManifest(home, manifest, target, tag.tag!);
    logger.info(`${name} now names ${manifest.digest}${current ? ` (was ${current.digest})` : ''}`);
  }
}

export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}

/** The step's outputs, as build-push and deliver both set them. */
export function buildPushOutputs(result: BuildPushResult): Record<string, string | boolean> {
  return { digest: result.digest, 'image-ref': result.imageRef, tags: result.tags.join('\n'), skipped: result.skipped };
}

export function buildPushSummary(result: BuildPushResult): string {
  const [header, ...rows]: [string, string][] = [
    ['Image', `\`${result.image}\``],
    ['Tags', result.tags.map((tag) => `\`${tag}\``).join('<br>')],
    ['Digest', result.digest ? `\`${result.digest}\`` : 'not pushed'],
    ['Size', result.size === undefined ? '—' : formatSize(result.size)],
    ['Builder', result.builder ?? 'none (the image existed)'],
    ['Skipped', result.skipped ? 'yes: the commit’s image already existed' : 'no'],
    ['Platforms', result.platforms.join(', ') || 'the builder’s own'],
    ['Duration', `${(result.durationMs / 1000).toFixed(1)} s`],
  ];
  const heading = result.skipped ? 'Image already built' : result.pushed ? 'Image built and pushed' : 'Image built (not pushed)';
  return `### build-push: ${heading}\n\n${table(header, rows)}\n`;
}

/** The summary of a failed run: what failed and, for a failed build, the end of its output. */
export function buildFailureSummary(inputs: BuildPushInputs, error: unknown): string {
  const image = `\`${repositoryOf(inputs.image)}\``;
  if (!(error instanceof BuildError))
    return `### build-push failed for ${image}\n\n${fenced('text', error instanceof Error ? error.message : String(error))}\n`;
  return [
    `### build-push: ${error.builder} failed for ${image}`,
    '',
    `Exit code ${error.code}. Its last ${error.tail.length} lines:`,
    '',
    fenced('text', error.tail.join('\n')),
    '',
  ].join('\n');
}

/** build-push's use case: a failed build or push still writes the summary of what was tried. */
export async function buildPushStep(inputs: BuildPushInputs, deps: BuildPushDeps): Promise<StepResult> {
  let result: BuildPushResult;
  try {
    result = await buildPush(inputs, deps);
  } catch (error) {
    return { outputs: {}, summary: buildFailureSummary(inputs, error), failure: error };
  }
  return {
    outputs: buildPushOutputs(result),
    notice: {
      message: result.digest ? `${result.imageRef}${result.skipped ? ' (existed)' : ''}` : `built ${result.tags.join(', ')} (not pushed)`,
    },
    summary: buildPushSummary(result),
  };
}
