import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Registry } from '../../src/image/registry.js';
import { buildahStorage, pushShellBaseImage, startFaultProxy, startRegistry, type StartedRegistry } from '../support/registry.js';
import { tempDir } from '../support/temp.js';

/**
 * The built bundle, run as the runner runs it, against a real registry
 * (docker-registry) with a real builder (buildah) and checked by a client of
 * its own (skopeo).
 */
const exec = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const bundle = join(root, 'dist', 'build-push', 'index.js');

const SHA = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c';
const OTHER_SHA = '9a8b7c6d5e4f30219a8b7c6d5e4f30219a8b7c6d';
const LINES_IN_FAILURE = 45;

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The run's RUNNER_TEMP. */
  temp: string;
  ms: number;
}

/** The `name<<DELIMITER` blocks @actions/core writes to GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]);
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}

let counter = 0;

describe('build-push bundle', () => {
  let registry: StartedRegistry;
  let workspace: string;
  let home: string;
  let bin: string;
  let buildahLog: string;
  let storageEnv: NodeJS.ProcessEnv;
  let baseEnv: NodeJS.ProcessEnv;

  async function runAction(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
    const dir = await tempDir(`build-push-run-${++counter}`);
    const outputFile = join(dir, 'output');
    const summaryFile = join(dir, 'summary');
    await Promise.all([writeFile(outputFile, ''), writeFile(summaryFile, '')]);
    const variables = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
    const started = Date.now();
    const child = spawn(process.execPath, [bundle], {
      cwd: workspace,
      env: { ...baseEnv, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir, ...variables, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
      temp: dir,
      ms: Date.now() - started,
    };
  }

  /** How often the wrapper on PATH saw `buildah <subcommand>`. */
  async function buildahCalls(subcommand: string): Promise<number> {
    const log = existsSync(buildahLog) ? await readFile(buildahLog, 'utf8') : '';
    return log.split('\n').filter((line) => line.split(' ').includes(subcommand)).length;
  }

  async function skopeo(args: string[]): Promise<string> {
    const { stdout } = await exec('skopeo', args, { env: { ...process.env, ...storageEnv } });
    return stdout;
  }

  const skopeoDigest = async (reference: string, creds?: string) =>
    (
      JSON.parse(await skopeo(['inspect', '--tls-verify=false', ...(creds ? ['--creds', creds] : []), `docker://${reference}`])) as {
        Digest: string;
      }
    ).Digest;

  beforeAll(async () => {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'node scripts/build.mjs build-push' first`);
    registry = await startRegistry();
    workspace = await tempDir('build-push-workspace');
    home = await tempDir('build-push-home');
    storageEnv = await buildahStorage(await tempDir('build-push-storage'));

    // A real buildah, counted: the wrapper logs each call, then hands over.
    bin = await tempDir('build-push-bin');
    buildahLog = join(bin, 'calls.log');
    const realBuildah = (await exec('sh', ['-c', 'command -v buildah'])).stdout.trim();
    await writeFile(join(bin, 'buildah'), `#!/bin/sh\necho "$*" >> '${buildahLog}'\nexec '${realBuildah}' "$@"\n`);
    await chmod(join(bin, 'buildah'), 0o755);

    await pushShellBaseImage(`${registry.host}/base:1`, await tempDir('build-push-base'), storageEnv);

    await mkdir(join(workspace, 'app'));
    await writeFile(join(workspace, 'app', 'hello.txt'), 'hello from the build context\n');
    await writeFile(
      join(workspace, 'app', 'Dockerfile'),
      [
        `FROM ${registry.host}/base:1`,
        'ARG GREETING=unset',
        'COPY hello.txt /hello.txt',
        'RUN echo "$GREETING from RUN" > /greeting.txt',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(workspace, 'app', 'Failing.Dockerfile'),
      [
        `FROM ${registry.host}/base:1`,
        `RUN i=1; while [ $i -le ${LINES_IN_FAILURE} ]; do echo "build line $i"; i=$((i+1)); done; exit 3`,
        '',
      ].join('\n'),
    );
    await writeFile(join(workspace, 'app', 'Scratch.Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');

    baseEnv = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: home,
      ...storageEnv,
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: SHA,
      GITHUB_REPOSITORY: 'octo/hello-app',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKSPACE: workspace,
    };
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
  });

  it.each([
    ['an uppercase image', { image: 'Registry.Example/App' }, "input 'image': 'Registry.Example/App' is not a valid image reference"],
    ['an image with a tag', { image: '127.0.0.1:5000/app:v1' }, "input 'image': '127.0.0.1:5000/app:v1' includes a tag ('v1')"],
    [
      'an image with spaces',
      { image: '127.0.0.1:5000/my app' },
      "input 'image': '127.0.0.1:5000/my app' is not a valid image reference: it contains white space",
    ],
    ['a missing context', { image: 'app', context: 'missing' }, "input 'context': 'missing' does not exist"],
    ['a context without Dockerfile', { image: 'app', context: '.' }, "input 'file': is not set and the context has no Dockerfile"],
    [
      'an unknown builder',
      { image: 'app', context: 'app', builder: 'kaniko' },
      "input 'builder': 'kaniko' is not supported; expected one of auto, docker, buildah",
    ],
  ])('rejects %s, naming the input', async (_case, inputs, message) => {
    const run = await runAction(inputs);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::build-push: ${message}`);
    expect(run.outputs).toEqual({});
  });

  let first: ActionRun;

  it('builds with buildah, pushes, and outputs the digest the registry holds', async () => {
    first = await runAction({
      image: `${registry.host}/hello-app`,
      context: 'app',
      tags: 'latest',
      'build-args': 'GREETING=hello',
      labels: 'org.opencontainers.image.title=Hello App',
    });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const digest = await skopeoDigest(`${registry.host}/hello-app:${SHA}`);
    expect(first.outputs).toEqual({
      digest,
      'image-ref': `${registry.host}/hello-app@${digest}`,
      tags: [SHA, SHA.slice(0, 7), 'latest'].map((tag) => `${registry.host}/hello-app:${tag}`).join('\n'),
      skipped: 'false',
    });
    for (const tag of [SHA.slice(0, 7), 'latest']) expect(await skopeoDigest(`${registry.host}/hello-app:${tag}`)).toBe(digest);
    expect(await buildahCalls('build')).toBe(1);
    expect(await buildahCalls('push')).toBe(1);

    const config = JSON.parse(
      await skopeo(['inspect', '--tls-verify=false', '--config', `docker://${registry.host}/hello-app@${digest}`]),
    ) as {
      config: { Labels: Record<string, string> };
    };
    expect(config.config.Labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/octo/hello-app',
      'org.opencontainers.image.url': 'https://github.com/octo/hello-app',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.title': 'Hello App',
    });
    expect(Date.parse(config.config.Labels['org.opencontainers.image.created'])).toBeGreaterThan(Date.now() - 10 * 60_000);

    // The RUN step ran in the base image's shell, with the build argument.
    const copy = await tempDir('build-push-copy');
    await skopeo(['copy', '--src-tls-verify=false', `docker://${registry.host}/hello-app@${digest}`, `dir:${copy}`]);
    const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8')) as { layers: { digest: string }[] };
    const top = join(copy, manifest.layers.at(-1)!.digest.replace('sha256:', ''));
    expect((await exec('tar', ['-xzOf', top, 'greeting.txt'])).stdout).toBe('hello from RUN\n');

    expect(first.summary).toContain(digest);
    expect(first.summary).toMatch(/\| Builder \| buildah \|/);
    expect(first.summary).toMatch(/\| Skipped \| no \|/);
    expect(first.summary).toMatch(/\| Size \| [\d.]+ (B|KiB|MiB) \|/);
  });

  it('builds nothing for a commit whose image exists, and points the new tags at it', async () => {
    expect(first?.code).toBe(0);
    const builds = await buildahCalls('build');
    const calls = existsSync(buildahLog) ? (await readFile(buildahLog, 'utf8')).split('\n').length : 0;
    const rerun = await runAction({ image: `${registry.host}/hello-app`, context: 'app', tags: 'latest\nstable' });
    expect(rerun.code).toBe(0);
    expect(rerun.outputs.skipped).toBe('true');
    expect(rerun.outputs.digest).toBe(first.outputs.digest);
    expect(rerun.outputs.tags.split('\n')).toContain(`${registry.host}/hello-app:stable`);
    expect(await buildahCalls('build')).toBe(builds);
    expect((await readFile(buildahLog, 'utf8')).split('\n').length).toBe(calls);
    expect(await skopeoDigest(`${registry.host}/hello-app:stable`)).toBe(first.outputs.digest);
    expect(rerun.summary).toMatch(/\| Skipped \| yes/);
  });

  it('fails a broken build with its last 30 lines, and leaves no tag behind', async () => {
    const run = await runAction(
      { image: `${registry.host}/hello-app`, context: 'app', file: 'app/Failing.Dockerfile' },
      { GITHUB_SHA: OTHER_SHA },
    );
    expect(run.code).toBe(1);
    const error = run.stdout.split('\n').find((line) => line.startsWith('::error::'))!;
    expect(error).toMatch(/^::error::build-push: buildah build failed \(exit \d+\); its last 30 lines:/);
    expect(error).toContain(`build line ${LINES_IN_FAILURE}`);
    expect(error).not.toContain('build line 5%0A');
    expect(run.summary).toContain(`build line ${LINES_IN_FAILURE}`);
    expect(run.summary).toContain('buildah build failed for');
    const client = new Registry(registry.host, { plainHttp: true });
    expect(await client.head('hello-app', OTHER_SHA)).toBeUndefined();
    expect(await client.head('hello-app', OTHER_SHA.slice(0, 7))).toBeUndefined();
  });

  it('rides out a registry that answers 500 three times', async () => {
    expect(first?.code).toBe(0);
    const proxy = await startFaultProxy(registry.host, (_request, index) => (index < 3 ? { status: 500 } : undefined));
    try {
      const run = await runAction({ image: `${proxy.host}/hello-app`, context: 'app' });
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({ skipped: 'true', digest: first.outputs.digest });
      expect(run.stdout.match(/500 Internal Server Error; retrying in/g)).toHaveLength(3);
      expect(proxy.requests.filter((request) => request.fault)).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });

  it('fails cleanly when the registry always answers 500', async () => {
    const proxy = await startFaultProxy(registry.host, () => ({ status: 500 }));
    try {
      const run = await runAction({ image: `${proxy.host}/hello-app`, context: 'app' });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `::error::build-push: registry ${proxy.host} answered 500 Internal Server Error: INJECTED: injected 500 to GET /v2/ after 4 attempts`,
      );
      expect(proxy.requests).toHaveLength(4);
      expect(run.outputs).toEqual({});
      expect(run.summary).toContain(`### build-push failed for \`${proxy.host}/hello-app\``);
      expect(run.summary).toContain('answered 500 Internal Server Error');
    } finally {
      await proxy.close();
    }
  });

  describe('with a registry that wants a token', () => {
    let secured: StartedRegistry;
    beforeAll(async () => {
      secured = await startRegistry({ token: { users: [{ user: 'ci', password: 'c0rrect-horse' }] } });
    });
    afterAll(async () => {
      await secured?.close();
    });

    it('names the registry that refused a wrong password, and never prints it', async () => {
      const run = await runAction({
        image: `${secured.host}/hello-app`,
        context: 'app',
        file: 'app/Scratch.Dockerfile',
        username: 'ci',
        password: 'wr0ng-pass',
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        new RegExp(
          `::error::build-push: registry ${secured.host}: its token service \\S+ refused the credentials of 'ci' .*\\(401 Unauthorized: invalid username or password\\)`,
        ),
      );
      expect(run.stdout.split('\n').filter((line) => line.includes('wr0ng-pass'))).toEqual(['::add-mask::wr0ng-pass']);
      expect(run.stderr).not.toContain('wr0ng-pass');
    });

    it('pushes through the token flow with the given credentials', async () => {
      const builds = await buildahCalls('build');
      const run = await runAction({
        image: `${secured.host}/hello-app`,
        context: 'app',
        file: 'app/Scratch.Dockerfile',
        username: 'ci',
        password: 'c0rrect-horse',
        builder: 'buildah',
        platforms: 'linux/amd64,linux/arm64',
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await buildahCalls('build')).toBe(builds + 1);
      const raw = JSON.parse(
        await skopeo([
          'inspect',
          '--tls-verify=false',
          '--creds',
          'ci:c0rrect-horse',
          '--raw',
          `docker://${secured.host}/hello-app:${SHA.slice(0, 7)}`,
        ]),
      ) as {
        manifests: { platform: { architecture: string } }[];
      };
      expect(raw.manifests.map((manifest) => manifest.platform.architecture).sort()).toEqual(['amd64', 'arm64']);
      expect(await skopeoDigest(`${secured.host}/hello-app:${SHA}`, 'ci:c0rrect-horse')).toBe(run.outputs.digest);
      expect(run.stdout).not.toContain('c0rrect-horse%');
      expect(run.stdout.split('\n').filter((line) => line.includes('c0rrect-horse'))).toEqual(['::add-mask::c0rrect-horse']);
      // The auth file given to buildah was private to the run and is gone.
      expect((await readdir(run.temp)).sort()).toEqual(['output', 'summary']);
    });
  });
});

describe('build-push validates hosts as the other actions do (bundle)', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'an insecure registry with an impossible port',
      { 'insecure-registry': 'registry.internal:65536' },
      /input 'insecure-registry': 'registry\.internal:65536' has port 65536, outside 1 to 65535; expected /,
    ],
    [
      'an insecure registry given as a URL',
      { 'insecure-registry': 'https://registry.internal' },
      /input 'insecure-registry': 'https:\/\/registry\.internal' is not a host/,
    ],
    [
      'an insecure registry label too long',
      { 'insecure-registry': `${'a'.repeat(64)}.example` },
      /input 'insecure-registry': '.*' is not a host/,
    ],
    [
      'an image whose registry has an impossible port',
      { image: 'registry.internal:99999/app' },
      /input 'image': 'registry\.internal:99999' has port 99999, outside 1 to 65535/,
    ],
    [
      'a tag whose registry has port 0',
      { image: '127.0.0.1:5000/app', tags: 'mirror.internal:0/app:v1' },
      /input 'tags': 'mirror\.internal:0' has port 0, outside 1 to 65535/,
    ],
  ];
  it.each(cases)('refuses %s, naming the input', async (_name, inputs, message) => {
    const { runAction: runBundle } = await import('../support/run-action.js');
    const workspace = await tempDir('build-hosts');
    await writeFile(join(workspace, 'Dockerfile'), 'FROM scratch\n');
    const run = await runBundle('build-push', { workspace, inputs: { image: '127.0.0.1:5000/app', ...inputs } });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::build-push: input '/),
    ]);
    expect(run.stdout).toMatch(message);
    expect(run.outputs).toEqual({});
  });
});
