import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../action/logger.js';
import type { RetryDeps } from '../../http/retry.js';
import { BuildError, pushWithRetry, registryCacheRef, type BuildSpec, type Builder, type Built, type ToolRunner } from './builder.js';

export interface BuildahOptions {
  /** `vfs` works everywhere, in containers and without fuse; overlay is faster where it works. */
  storageDriver?: string;
  /** `chroot` needs no OCI runtime, which is what makes buildah work inside unprivileged containers. */
  isolation?: string;
}

/** Several platforms make a manifest list, pushed with all its images; one platform makes a plain image. */
function isMultiPlatform(spec: BuildSpec): boolean {
  return spec.platforms.length > 1;
}

/** The name the built image has in buildah's local storage. */
export function localName(spec: BuildSpec): string {
  return spec.push ? `${spec.push.repository}:${spec.push.tag}` : spec.tags[0];
}

export function buildahBuildArgs(spec: BuildSpec, options: BuildahOptions, warn: (message: string) => void = () => undefined): string[] {
  const args = [...globalArgs(options), 'build', '--file', spec.file];
  if (options.isolation) args.push('--isolation', options.isolation);
  if (spec.platforms.length) args.push('--platform', spec.platforms.join(','));
  if (isMultiPlatform(spec)) args.push('--manifest', localName(spec));
  else for (const tag of spec.push ? [localName(spec)] : spec.tags) args.push('--tag', tag);
  for (const [name, value] of spec.buildArgs) args.push('--build-arg', `${name}=${value}`);
  for (const [name, value] of spec.labels) args.push('--label', `${name}=${value}`);
  if (spec.target) args.push('--target', spec.target);
  for (const secret of spec.secrets) args.push('--secret', `id=${secret.id},src=${secret.file}`);
  const caches = (entries: string[], flag: string) => {
    for (const entry of entries) {
      const ref = registryCacheRef(entry);
      if (ref) args.push(flag, ref);
      else warn(`buildah keeps its cache only in a registry; '${entry}' is ignored`);
    }
  };
  caches(spec.cacheFrom, '--cache-from');
  caches(spec.cacheTo, '--cache-to');
  if (args.includes('--cache-from') || args.includes('--cache-to')) args.push('--layers');
  // The command line has no per-registry switch; a build that pushes to a plain-HTTP registry mostly pulls its bases from it too.
  if (spec.push?.plainHttp) args.push('--tls-verify=false');
  if (spec.authFile) args.push('--authfile', spec.authFile);
  args.push(spec.context);
  return args;
}

export function buildahPushArgs(spec: BuildSpec, options: BuildahOptions, digestFile: string): string[] {
  if (!spec.push) throw new Error('buildahPushArgs needs a push destination');
  const args = [...globalArgs(options), ...(isMultiPlatform(spec) ? ['manifest', 'push', '--all'] : ['push']), '--digestfile', digestFile];
  if (spec.push.plainHttp) args.push('--tls-verify=false');
  if (spec.authFile) args.push('--authfile', spec.authFile);
  args.push(localName(spec), `docker://${spec.push.repository}:${spec.push.tag}`);
  return args;
}

function globalArgs(options: BuildahOptions): string[] {
  return options.storageDriver ? ['--storage-driver', options.storageDriver] : [];
}

export class BuildahBuilder implements Builder {
  readonly name = 'buildah';

  constructor(
    private readonly runner: ToolRunner,
    private readonly logger: Logger,
    private readonly options: BuildahOptions = {},
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Waits between tries of a push the registry failed for a moment. */
    private readonly retry: RetryDeps = {},
  ) {}

  async build(spec: BuildSpec): Promise<Built> {
    const log = { env: this.env, onLine: (line: string) => this.logger.info(line) };
    if (isMultiPlatform(spec)) {
      // `--manifest` adds to a list of that name when one exists; a list left by an earlier run would keep its images.
      await this.runner('buildah', [...globalArgs(this.options), 'manifest', 'rm', localName(spec)], { env: this.env });
    }
    const built = await this.runner(
      'buildah',
      buildahBuildArgs(spec, this.options, (message) => this.logger.warning(message)),
      log,
    );
    if (built.code !== 0) throw new BuildError('buildah build', built.code, built.tail);
    if (!spec.push) return {};
    const digestFile = join(spec.workdir, 'digest');
    // buildah retries a dropped connection but not a 503: a registry's passing trouble is retried here, whole pushes being idempotent.
    const pushed = await pushWithRetry(
      `buildah push to ${spec.push.repository}`,
      () => this.runner('buildah', buildahPushArgs(spec, this.options, digestFile), log),
      this.logger,
      this.retry,
    );
    if (pushed.code !== 0) throw new BuildError('buildah push', pushed.code, pushed.tail);
    return { digest: (await readFile(digestFile, 'utf8')).trim() };
  }
}
