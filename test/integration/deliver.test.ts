import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileAt, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { buildahStorage, startRegistry, type StartedRegistry } from '../support/registry.js';
import { runAction } from '../support/run-action.js';

const exec = promisify(execFile);
const SHA = 'c0ffee11c0ffee22c0ffee33c0ffee44c0ffee55';
const manifest = (image: string) =>
  `kind: Deployment\nmetadata: {name: hello}\nspec:\n  template:\n    spec:\n      containers:\n        - name: hello\n          image: ${image} # delivered\n`;

describe('deliver (root action bundle)', () => {
  let registry: StartedRegistry;
  let storage: NodeJS.ProcessEnv;
  let workspace: string;

  beforeAll(async () => {
    registry = await startRegistry();
    storage = await buildahStorage(await tempDir('deliver-storage'));
    workspace = await tempDir('deliver-app');
    await mkdir(join(workspace, 'site'));
    await writeFile(join(workspace, 'site', 'index.html'), '<h1>Hello World!</h1>\n');
    await writeFile(join(workspace, 'Dockerfile'), 'FROM scratch\nCOPY site /site\n');
  }, 60_000);
  afterAll(() => registry?.close());

  it('builds, pushes, and pins the digest the registry holds on candidate; a re-run builds nothing and commits nothing', async () => {
    const image = `${registry.host}/acme/hello`;
    const bare = await makeBareRepo(await tempDir('deliver-env'), 'hello-env', [
      { branch: 'production', files: { 'hello.yaml': manifest(`${image}:old`) } },
    ]);
    const inputs = { image, 'env-repository': bare };
    const env = { ...storage, GITHUB_SHA: SHA } as Record<string, string>;

    const first = await runAction('deliver', { inputs, env, workspace, timeoutMs: 120_000 });
    expect(first.code).toBe(0);
    const digest = first.outputs.digest;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const inspected = JSON.parse(
      (
        await exec('skopeo', ['inspect', '--tls-verify=false', `docker://${image}:${SHA.slice(0, 7)}`], {
          env: { ...process.env, ...storage },
        })
      ).stdout,
    ) as { Digest: string };
    expect(inspected.Digest).toBe(digest);
    expect(first.outputs).toMatchObject({ skipped: 'false', changed: 'true', files: 'hello.yaml', commit: await tipOf(bare, 'candidate') });
    expect(await fileAt(bare, 'candidate', 'hello.yaml')).toBe(manifest(`${image}:${SHA.slice(0, 7)}@${digest}`));
    expect(first.summary).toContain('### patch-manifest');

    const again = await runAction('deliver', { inputs, env, workspace, timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ digest, skipped: 'true', changed: 'false', commit: first.outputs.commit });
  }, 180_000);

  it('rejects a bad input of either step before building anything', async () => {
    const bare = await makeBareRepo(await tempDir('deliver-env'), 'hello-env', [
      { branch: 'production', files: { 'hello.yaml': manifest('x/y:1') } },
    ]);
    const bad = await runAction('deliver', {
      inputs: { image: `${registry.host}/acme/hello`, 'env-repository': bare, branch: 'a..b' },
      workspace,
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error::deliver: input 'branch': 'a\.\.b' is not a branch name/);
    const noImage = await runAction('deliver', { inputs: { image: 'Upper/Case', 'env-repository': bare }, workspace });
    expect(noImage.stdout).toMatch(/::error::deliver: input 'image'/);
    expect(await tipOf(bare, 'candidate')).toBeUndefined();
  });
});
