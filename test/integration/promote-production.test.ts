import { fileAt, git, logOf, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { startGitHubApi } from '../support/github-api.js';
import { runAction } from '../support/run-action.js';

const manifest = (tag: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hello\nspec:\n  template:\n    spec:\n      containers:\n        - name: hello\n          image: ghcr.io/acme/hello:${tag} # pinned by CI\n`;

async function envRepo() {
  return makeBareRepo(await tempDir('promote'), 'hello-env', [
    {
      branch: 'candidate',
      files: { 'kubernetes.yaml': manifest('v1'), 'README.md': 'env\n' },
      message: 'Deploy v1\n\nSource-Commit: acme/hello-app@1111111',
    },
    { branch: 'candidate', files: { 'kubernetes.yaml': manifest('v2') }, message: 'Deploy v2' },
  ]);
}

describe('promote-production (bundle)', () => {
  it('creates production on first use, then records each success once', async () => {
    const bare = await envRepo();
    const v2 = (await tipOf(bare, 'candidate'))!;
    const v1 = await git(bare, ['rev-parse', 'candidate~1']);

    const first = await runAction('promote-production', { inputs: { 'env-repository': bare, source: v1 } });
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ changed: 'true', commit: await tipOf(bare, 'production') });
    expect(await fileAt(bare, 'production', 'kubernetes.yaml')).toBe(manifest('v1'));
    const message = await git(bare, ['log', '-1', '--format=%B', 'production']);
    expect(message).toMatch(new RegExp(`^Promote ${v1.slice(0, 7)}: Deploy v1\n`));
    expect(message).toContain(`Promoted-From: ${v1}`);
    expect(message).toContain('Source-Commit: acme/hello-app@1111111');
    expect(message).toContain('Workflow-Run: https://github.com/acme/hello-app/actions/runs/4242');
    expect(first.summary).toContain('### promote-production');

    const second = await runAction('promote-production', { inputs: { 'env-repository': bare, source: v2 } });
    expect(second.outputs.changed).toBe('true');
    expect(await git(bare, ['rev-parse', 'production~1'])).toBe(first.outputs.commit);
    expect(await git(bare, ['rev-list', '--count', 'production'])).toBe('2');

    // A no-op promotion succeeds: the tutorial's empty commit failed here.
    const again = await runAction('promote-production', { inputs: { 'env-repository': bare, source: v2 } });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', commit: second.outputs.commit });
    expect(await tipOf(bare, 'production')).toBe(second.outputs.commit);
  });

  it('records a rollback and names the revision it replaced', async () => {
    const bare = await envRepo();
    const v1 = await git(bare, ['rev-parse', 'candidate~1']);
    const v2 = (await tipOf(bare, 'candidate'))!;
    await runAction('promote-production', { inputs: { 'env-repository': bare, source: v1 } });
    const live = await runAction('promote-production', { inputs: { 'env-repository': bare, source: v2 } });
    const back = await runAction('promote-production', { inputs: { 'env-repository': bare, source: v1, reason: 'rollback' } });
    expect(back.outputs.changed).toBe('true');
    const message = await git(bare, ['log', '-1', '--format=%B', 'production']);
    expect(message).toMatch(new RegExp(`^Rollback to ${v1.slice(0, 7)}: Deploy v1`));
    expect(message).toContain(`Replaces: ${live.outputs.commit}`);
    expect(await fileAt(bare, 'production', 'kubernetes.yaml')).toBe(manifest('v1'));
    expect(await logOf(bare, 'production')).toHaveLength(3);
  });

  it('copies only the files under paths', async () => {
    const bare = await makeBareRepo(await tempDir('promote'), 'multi', [
      { branch: 'production', files: { 'apps/a.yaml': 'a: 1\n', 'apps/b.yaml': 'b: 1\n', 'infra/x.yaml': 'x: 1\n' } },
      { branch: 'candidate', files: { 'apps/a.yaml': 'a: 2\n', 'infra/x.yaml': 'x: 2\n' } },
    ]);
    const source = (await tipOf(bare, 'candidate'))!;
    await git(bare, ['update-ref', '-d', 'refs/heads/candidate']); // source by SHA, reachable only from no branch
    await git(bare, ['update-ref', 'refs/keep/source', source]);
    const run = await runAction('promote-production', { inputs: { 'env-repository': bare, source, paths: 'apps/**' } });
    expect(run.code).toBe(0);
    expect(await fileAt(bare, 'production', 'apps/a.yaml')).toBe('a: 2\n');
    expect(await fileAt(bare, 'production', 'infra/x.yaml')).toBe('x: 1\n');
  });

  it('opens, then updates, one pull request in pull-request mode', async () => {
    const api = await startGitHubApi();
    try {
      const bare = await envRepo();
      const v2 = (await tipOf(bare, 'candidate'))!;
      await git(bare, ['branch', 'production', 'candidate~1']);
      const inputs = { 'env-repository': bare, source: v2, mode: 'pull-request', token: 'ghs_pullrequesttoken' };
      const env = { GITHUB_API_URL: api.url };
      const first = await runAction('promote-production', { inputs, env });
      expect(first.code).toBe(0);
      expect(first.outputs['pull-request']).toMatch(/\/pull\/\d+$/);
      expect(await tipOf(bare, `promote/${v2.slice(0, 12)}`)).toBe(first.outputs.commit);
      expect(await fileAt(bare, 'production', 'kubernetes.yaml')).toBe(manifest('v1'));
      const second = await runAction('promote-production', { inputs, env });
      expect(second.outputs['pull-request']).toBe(first.outputs['pull-request']);
      const writes = api.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
      const owner = bare.split('/').slice(-2)[0];
      expect(writes).toEqual([`POST /repos/${owner}/hello-env/pulls`, `PATCH /repos/${owner}/hello-env/pulls/1`]);
      expect(api.requests.every((request) => request.authorization === 'token ghs_pullrequesttoken')).toBe(true);
    } finally {
      await api.close();
    }
  });

  describe('refuses bad input, naming it, and leaves the remote unchanged', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['a commit not in the env repository', { source: 'f'.repeat(40) }, /input 'source': commit f{40} is not in/],
      ['an abbreviated SHA', { source: 'abc1234' }, /input 'source': 'abc1234' is an abbreviated SHA; expected the full 40-character/],
      ['an unknown branch', { source: 'nope' }, /input 'source': 'nope' is not a branch/],
      ['an unknown reason', { reason: 'because' }, /input 'reason': 'because' is not supported; expected one of deploy, rollback/],
      ['an unknown mode', { mode: 'merge' }, /input 'mode': 'merge' is not supported; expected one of push, pull-request/],
      ['paths escaping', { paths: '../other/**' }, /input 'paths': '..\/other\/\*\*' points outside/],
      ['a bad branch name', { branch: 'prod uction' }, /input 'branch'/],
      [
        'a local path with no repository',
        { 'env-repository': '/nonexistent/env.git' },
        /input 'env-repository': \/nonexistent\/env\.git is not a git repository on this runner \(no such folder, or no repository in it\)/,
      ],
    ];
    it.each(cases)('%s', async (_name, inputs, message) => {
      const bare = await envRepo();
      const before = await git(bare, ['for-each-ref', '--format=%(refname) %(objectname)']);
      const run = await runAction('promote-production', { inputs: { 'env-repository': bare, source: 'candidate', ...inputs } });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::promote-production: /m);
      expect(run.stdout).toMatch(message);
      expect(await git(bare, ['for-each-ref', '--format=%(refname) %(objectname)'])).toBe(before);
    });
  });
});

describe('promote-production image-tags (bundle, real registry)', () => {
  it('tags every image the promoted revision deploys, by digest, in its registry', async () => {
    const { startRegistry, buildahStorage, pushShellBaseImage } = await import('../support/registry.js');
    const { Registry } = await import('../../src/image/registry.js');
    const registry = await startRegistry();
    try {
      const storage = await buildahStorage(await tempDir('tags-storage'));
      await pushShellBaseImage(`${registry.host}/acme/hello:v1`, await tempDir('tags-base'), storage);
      const client = new Registry(registry.host, { plainHttp: true });
      const v1 = (await client.head('acme/hello', 'v1'))!.digest;
      const bare = await makeBareRepo(await tempDir('tags'), 'env', [
        { branch: 'candidate', files: { 'hello.yaml': manifest('v1').replace('ghcr.io/acme/hello', `${registry.host}/acme/hello`) } },
      ]);
      const source = (await tipOf(bare, 'candidate'))!;
      const run = await runAction('promote-production', { inputs: { 'env-repository': bare, source, 'image-tags': 'production, live' } });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.outputs['tagged-images'])).toEqual([
        { image: `${registry.host}/acme/hello`, digest: v1, tags: ['production', 'live'] },
      ]);
      expect((await client.head('acme/hello', 'production'))?.digest).toBe(v1);
      expect((await client.head('acme/hello', 'live'))?.digest).toBe(v1);
      expect(run.summary).toContain(`${registry.host}/acme/hello@${v1}`);

      const missing = await makeBareRepo(await tempDir('tags'), 'env', [
        { branch: 'candidate', files: { 'hello.yaml': manifest('v9').replace('ghcr.io/acme/hello', `${registry.host}/acme/hello`) } },
      ]);
      const failed = await runAction('promote-production', {
        inputs: { 'env-repository': missing, source: 'candidate', 'image-tags': 'production' },
      });
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/::error::promote-production: .*acme\/hello:v9 is not in its registry.*nothing was promoted/);
      expect(await tipOf(missing, 'production')).toBeUndefined();
    } finally {
      await registry.close();
    }
  }, 120_000);

  it("names a release candidate after the app commit that built it ('rc-{app-short-sha}'), and refuses when no commit names one", async () => {
    const { startRegistry, pushEmptyImage } = await import('../support/registry.js');
    const { Registry } = await import('../../src/image/registry.js');
    const registry = await startRegistry();
    try {
      const image = await pushEmptyImage(registry, 'acme/hello', 'v2', 'rc');
      const ref = `${registry.host}/acme/hello:v2@${image.digest}`;
      const app = 'c0ffee'.padEnd(40, '1');
      const bare = await makeBareRepo(await tempDir('rc'), 'env', [
        {
          branch: 'candidate',
          files: { 'hello.yaml': manifest('v2').replace('ghcr.io/acme/hello:v2', ref) },
          message: `Update hello\n\nSource-Commit: acme/hello@${app}\nImage: ${ref}`,
        },
      ]);
      const run = await runAction('promote-production', {
        inputs: { 'env-repository': bare, source: 'candidate', 'image-tags': 'rc-{app-short-sha}' },
      });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.outputs['tagged-images'])).toEqual([
        { image: `${registry.host}/acme/hello`, digest: image.digest, tags: ['rc-c0ffee1'] },
      ]);
      expect((await new Registry(registry.host, { plainHttp: true }).head('acme/hello', 'rc-c0ffee1'))?.digest).toBe(image.digest);

      const unnamed = await makeBareRepo(await tempDir('rc'), 'env', [
        { branch: 'candidate', files: { 'hello.yaml': manifest('v2').replace('ghcr.io/acme/hello:v2', ref) }, message: 'Hand-written' },
      ]);
      const refused = await runAction('promote-production', {
        inputs: { 'env-repository': unnamed, source: 'candidate', 'image-tags': 'rc-{app-short-sha}' },
      });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(
        /::error::promote-production: image-tags 'rc-\{app-short-sha\}' names the app commit, but [0-9a-f]{7} carries no Source-Commit trailer/,
      );
      expect(await tipOf(unnamed, 'production')).toBeUndefined();

      const bad = await runAction('promote-production', {
        inputs: { 'env-repository': unnamed, source: 'candidate', 'image-tags': 'rc-{app sha}' },
      });
      expect(bad.stdout).toContain("::error::promote-production: input 'image-tags': 'rc-{app sha}' is not a tag");
    } finally {
      await registry.close();
    }
  }, 120_000);
});

describe('promote-production validates ref names and hosts as git and the other actions do (bundle)', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['branch HEAD', { branch: 'HEAD' }, /input 'branch': 'HEAD' is not a branch name git accepts/],
    ['source HEAD', { source: 'HEAD' }, /input 'source': 'HEAD' is not a branch name git accepts/],
    ['source with @{', { source: 'candidate@{1}' }, /input 'source': 'candidate@\{1\}' is not a branch name git accepts/],
    [
      'an insecure registry with an impossible port',
      { 'insecure-registry': 'registry.internal:0' },
      /input 'insecure-registry': 'registry\.internal:0' has port 0, outside 1 to 65535/,
    ],
    [
      'an insecure registry with a path',
      { 'insecure-registry': 'registry.internal/v2' },
      /input 'insecure-registry': 'registry\.internal\/v2' is not a host/,
    ],
  ];
  it.each(cases)('refuses %s, naming the input, and leaves the remote unchanged', async (_name, inputs, message) => {
    const bare = await envRepo();
    const before = await git(bare, ['for-each-ref', '--format=%(refname) %(objectname)']);
    const run = await runAction('promote-production', { inputs: { 'env-repository': bare, source: 'candidate', ...inputs } });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::promote-production: input '/),
    ]);
    expect(run.stdout).toMatch(message);
    expect(await git(bare, ['for-each-ref', '--format=%(refname) %(objectname)'])).toBe(before);
  });
});
