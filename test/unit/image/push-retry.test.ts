import { describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../src/action/logger.js';
import { BuildahBuilder } from '../../../src/image/builders/buildah.js';
import { BuildError, transientPushFailure, type BuildSpec, type ToolResult, type ToolRunner } from '../../../src/image/builders/builder.js';
import { DockerBuilder } from '../../../src/image/builders/docker.js';

const PUSH_503 =
  'Error: pushing image "r/app:v1" to "docker://r/app:v1": writing blob: initiating layer upload to /v2/app/blobs/uploads/ in r: received unexpected HTTP status: 503 Service Unavailable';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
    group: (_name, body) => body(),
  };
}

/** buildah or docker as a script: `answer` decides each call's result from its arguments and how often that subcommand came. */
function scriptedRunner(answer: (args: string[], count: number) => Partial<ToolResult> | Promise<Partial<ToolResult>>) {
  const calls: string[][] = [];
  const runner: ToolRunner = async (_command, args) => {
    calls.push(args);
    const key = args.find((arg) => ['build', 'push', 'buildx'].includes(arg)) ?? '';
    const count = calls.filter((call) => call.includes(key)).length;
    return { code: 0, stdout: '', tail: [], ...(await answer(args, count)) };
  };
  return { runner, calls };
}

async function spec(): Promise<BuildSpec> {
  const workdir = await mkdtemp(join(tmpdir(), 'push-retry-'));
  return {
    context: workdir,
    file: join(workdir, 'Dockerfile'),
    platforms: [],
    buildArgs: [],
    labels: [],
    target: '',
    secrets: [],
    cacheFrom: [],
    cacheTo: [],
    tags: ['r/app:v1'],
    push: { repository: 'r/app', tag: 'v1', plainHttp: true },
    workdir,
  };
}

const noWait = { sleep: async () => undefined, random: () => 0.5 };

describe("a builder's push through a registry that fails for a moment", () => {
  it.each([
    PUSH_503,
    'Error: writing manifest: Put "http://r/v2/app/manifests/v1": read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer',
    'ERROR: failed to solve: failed to push r/app:v1: unexpected status from PUT request to https://r/v2/app/manifests/v1: 502 Bad Gateway',
    'ERROR: failed to solve: failed to push r/app: failed to do request: Put "https://r/v2/": unexpected EOF',
  ])('%s is worth another try', (line) => {
    expect(transientPushFailure(['Copying blob sha256:abc', line])).toBe(line);
  });

  it.each([
    'Error: pushing image: writing blob: initiating layer upload: unauthorized: authentication required',
    'Error: writing manifest: uploading manifest v1 to r/app: denied: requested access to the resource is denied',
    'Error: pushing image: received unexpected HTTP status: 404 Not Found',
  ])('%s is final', (line) => {
    expect(transientPushFailure([line])).toBeUndefined();
  });

  it('buildah: pushes again after a 503, and warns', async () => {
    const { runner, calls } = scriptedRunner(async (args, count) => {
      if (args.includes('push')) {
        if (count === 1) return { code: 125, tail: [PUSH_503] };
        await writeFile(args[args.indexOf('--digestfile') + 1], 'sha256:feed\n');
      }
      return {};
    });
    const logger = recordingLogger();
    const built = await new BuildahBuilder(runner, logger, {}, {}, noWait).build(await spec());
    expect(built.digest).toBe('sha256:feed');
    expect(calls.filter((args) => args.includes('push'))).toHaveLength(2);
    expect(logger.lines.filter((line) => line.startsWith('warning:'))).toEqual([
      `warning: buildah push to r/app: the registry failed for now (${PUSH_503}); retrying in 1.0 s (attempt 2 of 4)`,
    ]);
  });

  it('buildah: gives up after four tries, saying so under the last output', async () => {
    const { runner, calls } = scriptedRunner((args) => (args.includes('push') ? { code: 125, tail: [PUSH_503] } : {}));
    const error = (await new BuildahBuilder(runner, recordingLogger(), {}, {}, noWait)
      .build(await spec())
      .catch((caught: unknown) => caught)) as BuildError;
    expect(error).toBeInstanceOf(BuildError);
    expect(error.builder).toBe('buildah push');
    expect(error.tail).toEqual([PUSH_503, expect.stringMatching(/^the registry failed 4 times over [\d.]+ s; gave up$/)]);
    expect(calls.filter((args) => args.includes('push'))).toHaveLength(4);
  });

  it('buildah: does not retry a refusal', async () => {
    const denied = 'Error: writing blob: denied: requested access to the resource is denied';
    const { runner, calls } = scriptedRunner((args) => (args.includes('push') ? { code: 125, tail: [denied] } : {}));
    await expect(new BuildahBuilder(runner, recordingLogger(), {}, {}, noWait).build(await spec())).rejects.toThrow(denied);
    expect(calls.filter((args) => args.includes('push'))).toHaveLength(1);
  });

  it('docker: runs the build again when its push step met a 502, but not when a step of the build failed', async () => {
    const failedPush = ['#9 exporting to image', '#9 ERROR: failed to push r/app: unexpected status: 502 Bad Gateway'];
    let builds = 0;
    const { runner } = scriptedRunner(async (args) => {
      if (!args.includes('buildx')) return {};
      builds++;
      if (builds === 1) return { code: 1, tail: failedPush };
      const metadata = args[args.indexOf('--metadata-file') + 1];
      await writeFile(metadata, JSON.stringify({ 'containerimage.digest': 'sha256:beef' }));
      return {};
    });
    const built = await new DockerBuilder(runner, recordingLogger(), undefined, {}, noWait).build(await spec());
    expect(built.digest).toBe('sha256:beef');
    expect(builds).toBe(2);

    const failedStep = [
      '#7 [2/2] RUN curl https://example.com',
      '#7 curl: (7) Failed to connect: connection refused',
      'ERROR: process did not complete',
    ];
    const step = scriptedRunner((args) => (args.includes('buildx') ? { code: 1, tail: failedStep } : {}));
    await expect(new DockerBuilder(step.runner, recordingLogger(), undefined, {}, noWait).build(await spec())).rejects.toThrow(BuildError);
    expect(step.calls.filter((args) => args.includes('buildx'))).toHaveLength(1);
  });
});
