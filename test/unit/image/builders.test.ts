import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/action/errors.js';
import { buildahBuildArgs, buildahPushArgs } from '../../../src/image/builders/buildah.js';
import { registryCacheRef, runTool, TAIL_LINES, type BuildSpec, type ToolRunner } from '../../../src/image/builders/builder.js';
import { dockerBuildArgs, parseDockerMetadata } from '../../../src/image/builders/docker.js';
import { chooseBuilder } from '../../../src/image/builders/select.js';

const spec = (overrides: Partial<BuildSpec> = {}): BuildSpec => ({
  context: '/ws/app',
  file: '/ws/app/Dockerfile',
  platforms: [],
  buildArgs: [['VERSION', '1.2']],
  labels: [['org.opencontainers.image.revision', 'abc']],
  target: '',
  secrets: [],
  cacheFrom: [],
  cacheTo: [],
  tags: ['ghcr.io/team/app:abc', 'ghcr.io/team/app:latest'],
  push: { repository: 'ghcr.io/team/app', tag: 'abc', plainHttp: false },
  workdir: '/tmp/work',
  ...overrides,
});

describe('docker buildx arguments', () => {
  it('pushes by digest alone, with every build option as its own argument', () => {
    const args = dockerBuildArgs(
      spec({
        platforms: ['linux/amd64', 'linux/arm64'],
        target: 'runtime',
        secrets: [{ id: 'npm', file: '/tmp/work/secret-0' }],
        cacheFrom: ['type=gha'],
        cacheTo: ['type=gha,mode=max'],
      }),
      '/tmp/work/metadata.json',
    );
    expect(args).toEqual([
      'buildx',
      'build',
      '--file',
      '/ws/app/Dockerfile',
      '--metadata-file',
      '/tmp/work/metadata.json',
      '--platform',
      'linux/amd64,linux/arm64',
      '--build-arg',
      'VERSION=1.2',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--target',
      'runtime',
      '--secret',
      'id=npm,src=/tmp/work/secret-0',
      '--cache-from',
      'type=gha',
      '--cache-to',
      'type=gha,mode=max',
      '--output',
      'type=image,name=ghcr.io/team/app,push-by-digest=true,name-canonical=true,push=true',
      '/ws/app',
    ]);
    expect(args).not.toContain('--tag');
  });

  it('marks a plain-HTTP registry insecure, and loads a build that is not pushed', () => {
    expect(dockerBuildArgs(spec({ push: { repository: 'localhost:5000/app', tag: 'x', plainHttp: true } }), 'm').join(' ')).toContain(
      'type=image,name=localhost:5000/app,push-by-digest=true,name-canonical=true,push=true,registry.insecure=true',
    );
    const local = dockerBuildArgs(spec({ push: undefined }), 'm');
    expect(local.slice(-6)).toEqual(['--tag', 'ghcr.io/team/app:abc', '--tag', 'ghcr.io/team/app:latest', '--load', '/ws/app']);
    expect(dockerBuildArgs(spec({ push: undefined, platforms: ['linux/amd64', 'linux/arm64'] }), 'm')).not.toContain('--load');
  });

  it('reads the pushed digest from the metadata file', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    expect(parseDockerMetadata(JSON.stringify({ 'containerimage.digest': digest, 'image.name': 'ghcr.io/team/app' }))).toBe(digest);
    expect(parseDockerMetadata(JSON.stringify({ 'containerimage.descriptor': { digest } }))).toBe(digest);
    expect(parseDockerMetadata(JSON.stringify({ 'buildx.build.ref': 'x' }))).toBeUndefined();
  });
});

describe('buildah arguments', () => {
  const options = { storageDriver: 'vfs', isolation: 'chroot' };

  it('builds one platform under the push tag and pushes it with a digest file', () => {
    const warnings: string[] = [];
    const build = buildahBuildArgs(
      spec({
        cacheFrom: ['type=registry,ref=ghcr.io/team/app:cache', 'type=gha'],
        push: { repository: '127.0.0.1:5000/app', tag: 'abc', plainHttp: true },
        authFile: '/tmp/work/auth.json',
      }),
      options,
      (message) => warnings.push(message),
    );
    expect(build).toEqual([
      '--storage-driver',
      'vfs',
      'build',
      '--file',
      '/ws/app/Dockerfile',
      '--isolation',
      'chroot',
      '--tag',
      '127.0.0.1:5000/app:abc',
      '--build-arg',
      'VERSION=1.2',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--cache-from',
      'ghcr.io/team/app:cache',
      '--layers',
      '--tls-verify=false',
      '--authfile',
      '/tmp/work/auth.json',
      '/ws/app',
    ]);
    expect(warnings).toEqual(["buildah keeps its cache only in a registry; 'type=gha' is ignored"]);
    expect(buildahPushArgs(spec(), options, '/tmp/work/digest')).toEqual([
      '--storage-driver',
      'vfs',
      'push',
      '--digestfile',
      '/tmp/work/digest',
      'ghcr.io/team/app:abc',
      'docker://ghcr.io/team/app:abc',
    ]);
  });

  it('makes a manifest list for several platforms and pushes all its images', () => {
    const several = spec({ platforms: ['linux/amd64', 'linux/arm64'], secrets: [{ id: 'npm', file: '/s' }] });
    const build = buildahBuildArgs(several, {});
    expect(build.slice(0, 7)).toEqual([
      'build',
      '--file',
      '/ws/app/Dockerfile',
      '--platform',
      'linux/amd64,linux/arm64',
      '--manifest',
      'ghcr.io/team/app:abc',
    ]);
    expect(build).toContain('id=npm,src=/s');
    expect(build).not.toContain('--tag');
    expect(buildahPushArgs(several, {}, 'd').slice(0, 5)).toEqual(['manifest', 'push', '--all', '--digestfile', 'd']);
  });

  it('reads registry cache references in both spellings', () => {
    expect(registryCacheRef('ghcr.io/team/app:cache')).toBe('ghcr.io/team/app:cache');
    expect(registryCacheRef('type=registry,ref=ghcr.io/team/app:cache,mode=max')).toBe('ghcr.io/team/app:cache');
    expect(registryCacheRef('type=local,src=/tmp/cache')).toBeUndefined();
  });
});

describe('runTool', () => {
  it('keeps the last lines of stdout and stderr, and runs arguments without a shell', async () => {
    const script = 'for i in $(seq 1 40); do echo "out $i"; done; echo "err last" >&2; exit 7';
    const seen: string[] = [];
    const result = await runTool('sh', ['-c', script], { onLine: (line) => seen.push(line) });
    expect(result.code).toBe(7);
    expect(result.tail).toHaveLength(TAIL_LINES);
    expect(result.tail.at(-1)).toBe('err last');
    expect(result.tail[0]).toBe(`out ${41 - TAIL_LINES + 1}`);
    expect(seen).toHaveLength(41);
    const literal = await runTool('echo', ['$HOME', '; true']);
    expect(literal.stdout).toBe('$HOME ; true\n');
  });

  it('says when a program is not installed', async () => {
    await expect(runTool('no-such-builder-here', [])).rejects.toThrow('no-such-builder-here is not installed (not found on PATH)');
  });
});

describe('chooseBuilder', () => {
  let dir: string;
  let realBuildah: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'choose-builder-'));
    realBuildah = (await runTool('sh', ['-c', 'command -v buildah'])).stdout.trim();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The real runner, confined to a PATH of the test's making. */
  async function onPath(name: string, programs: Record<string, string>): Promise<ToolRunner> {
    const bin = join(dir, name);
    await mkdir(bin);
    for (const [program, body] of Object.entries(programs)) {
      if (body.startsWith('/')) await symlink(body, join(bin, program));
      else {
        await writeFile(join(bin, program), `#!/bin/sh\n${body}\n`);
        await chmod(join(bin, program), 0o755);
      }
    }
    return (command, args, options) => runTool(command, args, { ...options, env: { PATH: bin } });
  }

  it('takes buildah when docker has no daemon', async () => {
    const runner = await onPath('no-daemon', {
      docker: 'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1',
      buildah: realBuildah,
    });
    expect(await chooseBuilder('auto', runner)).toBe('buildah');
    expect(await chooseBuilder('docker', runner)).toBe('docker');
  });

  it('takes docker when the daemon and buildx answer', async () => {
    const runner = await onPath('daemon', { docker: 'echo 27.0.1', buildah: realBuildah });
    expect(await chooseBuilder('auto', runner)).toBe('docker');
  });

  it('names both builders and why each was unusable when neither is', async () => {
    const runner = await onPath('nothing', {});
    const error = await chooseBuilder('auto', runner).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "input 'builder': 'auto' found no builder: docker (a running daemon with buildx): docker is not installed (not found on PATH); " +
        "buildah: buildah is not installed (not found on PATH); expected a runner with docker or buildah installed, or 'builder' set to the one it has",
    );
  });
});
