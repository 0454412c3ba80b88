import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../action/logger.js';
import type { RetryDeps } from '../../http/retry.js';
import { BuildError, pushWithRetry, type BuildSpec, type Builder, type Built, type ToolRunner } from './builder.js';

/** `docker buildx build` arguments; the image goes out by digest alone, tags come afterwards from the registry. */
export function dockerBuildArgs(spec: BuildSpec, metadataFile: string): string[] {
  const args = ['buildx', 'build', '--file', spec.file, '--metadata-file', metadataFile];
  if (spec.platforms.length) args.push('--platform', spec.platforms.join(','));
  for (const [name, value] of spec.buildArgs) args.push('--build-arg', `${name}=${value}`);
  for (const [name, value] of spec.labels) args.push('--label', `${name}=${value}`);
  if (spec.target) args.push('--target', spec.target);
  for (const secret of spec.secrets) args.push('--secret', `id=${secret.id},src=${secret.file}`);
  for (const cache of spec.cacheFrom) args.push('--cache-from', cache);
  for (const cache of spec.cacheTo) args.push('--cache-to', cache);
  if (spec.push) {
    const output = ['type=image', `name=${spec.push.repository}`, 'push-by-digest=true', 'name-canonical=true', 'push=true'];
    if (spec.push.plainHttp) output.push('registry.insecure=true');
    args.push('--output', output.join(','));
  } else {
    for (const tag of spec.tags) args.push('--tag', tag);
    // Only a single-platform image fits in the local image store.
    if (spec.platforms.length <= 1) args.push('--load');
  }
  args.push(spec.context);
  return args;
}

/** The digest buildx wrote to its metadata file: of the image, or of the index for several platforms. */
export function parseDockerMetadata(text: string): string | undefined {
  const metadata = JSON.parse(text) as { 'containerimage.digest'?: string; 'containerimage.descriptor'?: { digest?: string } };
  return metadata['containerimage.digest'] ?? metadata['containerimage.descriptor']?.digest;
}

/** BuildKit's words for a failure of the image export's push, as opposed to a failed step of the build. */
function pushStepFailed(tail: readonly string[]): boolean {
  return tail.some((line) => /failed to push|pushing layers|exporting to image|failed to copy: .*(?:upload|blob)/i.test(line));
}

export interface DockerLogin {
  host: string;
  username: string;
  password: string;
  /** Whether the runner was already logged in to the host, in which case the login is left in place afterwards. */
  keep: boolean;
}

export class DockerBuilder implements Builder {
  readonly name = 'docker';

  constructor(
    private readonly runner: ToolRunner,
    private readonly logger: Logger,
    private readonly login?: DockerLogin,
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Waits between tries of a push the registry failed for a moment. */
    private readonly retry: RetryDeps = {},
  ) {}

  async build(spec: BuildSpec): Promise<Built> {
    const metadataFile = join(spec.workdir, 'metadata.json');
    if (this.login) await this.logIn(this.login);
    try {
      const build = () =>
        this.runner('docker', dockerBuildArgs(spec, metadataFile), { env: this.env, onLine: (line) => this.logger.info(line) });
      // buildx pushes as the last step of the build; that step alone is retried, from the build cache, when the registry failed for a moment.
      const result = spec.push
        ? await pushWithRetry(`docker buildx push to ${spec.push.repository}`, build, this.logger, this.retry, pushStepFailed)
        : await build();
      if (result.code !== 0) throw new BuildError('docker buildx build', result.code, result.tail);
      return { digest: spec.push ? parseDockerMetadata(await readFile(metadataFile, 'utf8')) : undefined };
    } finally {
      if (this.login && !this.login.keep)
        await this.runner('docker', ['logout', this.login.host], { env: this.env }).catch(() => undefined);
    }
  }

  private async logIn({ host, username, password }: DockerLogin): Promise<void> {
    // The password goes through stdin so that no process listing shows it.
    const result = await this.runner('docker', ['login', '--username', username, '--password-stdin', host], {
      env: this.env,
      input: password,
    });
    if (result.code !== 0) {
      throw new Error(`docker login to ${host} as '${username}' failed (exit ${result.code}): ${result.tail.slice(-3).join(' ')}`);
    }
  }
}
