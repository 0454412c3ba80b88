import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Registry, parseManifest } from '../../src/image/registry.js';
import { buildahStorage, pushMultiArchImage, pushShellBaseImage, startRegistry, type StartedRegistry } from '../support/registry.js';
import { startGitHubApi } from '../support/github-api.js';
import { makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { runAction } from '../support/run-action.js';

const APP_SHA = 'feedbee'.padEnd(40, '2');
const deployment = (name: string, image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;

/** promote-production's publish-images: an internal registry's images copied by digest to a public one behind htpasswd. */
describe('promote-production publish-images (bundle, two real registries)', () => {
  const login = { user: 'publisher', password: 'publish-s3cret' };
  let internal: StartedRegistry;
  let publicRegistry: StartedRegistry;
  let hello: string;
  let multi: string;
  let authFile: string;
  let wrongAuthFile: string;

  beforeAll(async () => {
    [internal, publicRegistry] = await Promise.all([startRegistry(), startRegistry({ htpasswd: login })]);
    const storage = await buildahStorage(await tempDir('publish-storage'));
    await pushShellBaseImage(`${internal.host}/internal/hello:v1`, await tempDir('publish-hello'), storage);
    await pushMultiArchImage(`${internal.host}/internal/multi:v1`, await tempDir('publish-multi'), storage);
    const client = new Registry(internal.host, { plainHttp: true });
    hello = (await client.head('internal/hello', 'v1'))!.digest;
    multi = (await client.head('internal/multi', 'v1'))!.digest;
    const dir = await tempDir('publish-auth');
    const auth = (password: string) =>
      JSON.stringify({ auths: { [publicRegistry.host]: { auth: Buffer.from(`${login.user}:${password}`).toString('base64') } } });
    authFile = join(dir, 'auth.json');
    wrongAuthFile = join(dir, 'wrong.json');
    await writeFile(authFile, auth(login.password));
    await writeFile(wrongAuthFile, auth('not-the-password'));
  }, 240_000);
  afterAll(async () => {
    await Promise.all([internal?.close(), publicRegistry?.close()]);
  });

  const envRepo = (files: Record<string, string>) =>
    tempDir('publish-env').then((dir) =>
      makeBareRepo(dir, 'env', [{ branch: 'candidate', files, message: `Update images\n\nSource-Commit: acme/hello@${APP_SHA}` }]),
    );
  const publishLines = () =>
    [
      `${internal.host}/internal/hello=${publicRegistry.host}/acme/hello`,
      `${internal.host}/internal/multi=${publicRegistry.host}/acme/multi`,
    ].join('\n');

  it('copies an image and a multi-architecture index by digest, tags them, and a re-run copies nothing', async () => {
    const bare = await envRepo({
      'hello.yaml': deployment('hello', `${internal.host}/internal/hello:v1@${hello}`),
      'multi.yaml': deployment('multi', `${internal.host}/internal/multi@${multi}`),
    });
    const inputs = {
      'env-repository': bare,
      source: 'candidate',
      'publish-images': publishLines(),
      'publish-tags': '{app-short-sha}, latest',
    };
    const env = { REGISTRY_AUTH_FILE: authFile };

    const run = await runAction('promote-production', { inputs, env, timeoutMs: 180_000 });
    expect(run.stdout).not.toMatch(/::error::/);
    expect(run.code).toBe(0);
    expect(run.outputs.changed).toBe('true');
    const tags = ['feedbee', 'latest'];
    const published = JSON.parse(run.outputs['published-images']) as { blobs: object; bytes: number }[];
    expect(published).toEqual([
      {
        source: `${internal.host}/internal/hello`,
        target: `${publicRegistry.host}/acme/hello`,
        digest: hello,
        tags,
        manifests: { copied: 1, present: 0 },
        blobs: { copied: 2, mounted: 0, present: 0 },
        bytes: expect.any(Number),
      },
      {
        source: `${internal.host}/internal/multi`,
        target: `${publicRegistry.host}/acme/multi`,
        digest: multi,
        tags,
        manifests: { copied: 3, present: 0 },
        blobs: { copied: 4, mounted: 0, present: 0 },
        bytes: expect.any(Number),
      },
    ]);
    expect(published.every((image) => image.bytes > 0)).toBe(true);

    // What the public registry serves, read with its own credentials: the same digests, the index with each platform.
    const target = new Registry(publicRegistry.host, {
      plainHttp: true,
      credentials: async () => ({ username: login.user, password: login.password }),
    });
    const source = new Registry(internal.host, { plainHttp: true });
    for (const [repository, digest] of [
      ['hello', hello],
      ['multi', multi],
    ]) {
      for (const tag of [digest, ...tags]) expect((await target.head(`acme/${repository}`, tag))?.digest).toBe(digest);
    }
    const index = parseManifest((await source.manifest('internal/multi', multi))!);
    expect(index.manifests?.map((child) => child.platform?.architecture)).toEqual(['amd64', 'arm64']);
    for (const child of index.manifests ?? []) expect((await target.head('acme/multi', child.digest))?.digest).toBe(child.digest);

    expect(run.summary).toContain('Published to other repositories, by digest:');
    expect(run.summary).toContain(
      `| \`${internal.host}/internal/multi\` | \`${publicRegistry.host}/acme/multi\` | \`${multi}\` | \`feedbee\`, \`latest\` | 4 copied (`,
    );

    const again = await runAction('promote-production', { inputs, env, timeoutMs: 180_000 });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', commit: run.outputs.commit });
    expect(JSON.parse(again.outputs['published-images'])).toEqual([
      expect.objectContaining({
        digest: hello,
        tags,
        manifests: { copied: 0, present: 1 },
        blobs: { copied: 0, mounted: 0, present: 2 },
        bytes: 0,
      }),
      expect.objectContaining({
        digest: multi,
        tags,
        manifests: { copied: 0, present: 3 },
        blobs: { copied: 0, mounted: 0, present: 4 },
        bytes: 0,
      }),
    ]);
    expect(again.summary).toContain('| 4 already there |');
  }, 300_000);

  it('refuses, before production records anything, a target that refuses the credentials', async () => {
    const bare = await envRepo({ 'hello.yaml': deployment('hello', `${internal.host}/internal/hello@${hello}`) });
    const run = await runAction('promote-production', {
      inputs: {
        'env-repository': bare,
        source: 'candidate',
        'publish-images': `${internal.host}/internal/hello=${publicRegistry.host}/acme/refused`,
      },
      env: { REGISTRY_AUTH_FILE: wrongAuthFile },
      timeoutMs: 120_000,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::promote-production: cannot publish to ${publicRegistry.host}/acme/refused: registry ${publicRegistry.host} refused the credentials of 'publisher'`,
    );
    expect(run.stdout).toContain('nothing was promoted');
    expect(`${run.stdout}${run.stderr}`).not.toContain('not-the-password');
    expect(await tipOf(bare, 'production')).toBeUndefined();
  }, 180_000);

  it('refuses an image without a digest, naming the file, and a SOURCE the revision does not deploy', async () => {
    const bare = await envRepo({
      'apps/hello.yaml': deployment('hello', `${internal.host}/internal/hello:v1`),
      'apps/multi.yaml': deployment('multi', `${internal.host}/internal/multi@${multi}`),
    });
    const env = { REGISTRY_AUTH_FILE: authFile };
    const unpinned = await runAction('promote-production', {
      inputs: { 'env-repository': bare, source: 'candidate', 'publish-images': publishLines() },
      env,
    });
    expect(unpinned.code).toBe(1);
    expect(unpinned.stdout).toMatch(
      new RegExp(
        `::error::promote-production: apps/hello.yaml in [0-9a-f]{7} deploys ${internal.host}/internal/hello:v1, which has no digest; publish-images copies by digest only, so nothing was promoted`,
      ),
    );
    const absent = await runAction('promote-production', {
      inputs: {
        'env-repository': bare,
        source: 'candidate',
        'publish-images': `${internal.host}/internal/absent=${publicRegistry.host}/acme/absent`,
      },
      env,
    });
    expect(absent.code).toBe(1);
    expect(absent.stdout).toContain(`input 'publish-images': ${internal.host}/internal/absent is not an image that`);
    expect(await tipOf(bare, 'production')).toBeUndefined();
  }, 180_000);

  it('publishes nothing while a promotion waits for review in pull-request mode', async () => {
    const api = await startGitHubApi();
    try {
      const bare = await makeBareRepo(await tempDir('publish-env'), 'env', [
        { branch: 'production', files: { 'hello.yaml': 'old: true\n' } },
        { branch: 'candidate', files: { 'hello.yaml': deployment('hello', `${internal.host}/internal/hello@${hello}`) } },
      ]);
      const run = await runAction('promote-production', {
        inputs: {
          'env-repository': bare,
          source: 'candidate',
          mode: 'pull-request',
          token: 'ghs_reviewtoken',
          'publish-images': `${internal.host}/internal/hello=${publicRegistry.host}/acme/reviewed`,
        },
        env: { REGISTRY_AUTH_FILE: authFile, GITHUB_API_URL: api.url },
      });
      expect(run.code).toBe(0);
      expect(run.outputs['pull-request']).toMatch(/\/pull\/\d+$/);
      expect(JSON.parse(run.outputs['published-images'])).toEqual([]);
      const target = new Registry(publicRegistry.host, {
        plainHttp: true,
        credentials: async () => ({ username: login.user, password: login.password }),
      });
      expect(await target.head('acme/reviewed', hello)).toBeUndefined();
    } finally {
      await api.close();
    }
  }, 180_000);
});
