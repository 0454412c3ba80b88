import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileAt, git, logOf, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { startGitHttpServer } from '../support/git-http-server.js';
import { startGitHubApi } from '../support/github-api.js';
import { parseOutputFile, runAction } from '../support/run-action.js';

const identity = ['-c', 'user.name=Tester', '-c', 'user.email=tester@example.com'];
const basic = (user: string, password: string) => `Authorization: Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('makeBareRepo', () => {
  it('commits each seed onto its branch, branching from the previous seed', async () => {
    const bare = await makeBareRepo(await tempDir('support'), 'env', [
      { branch: 'production', files: { 'app.yaml': 'v: 1\n' }, message: 'First' },
      { branch: 'candidate', files: { 'app.yaml': 'v: 2\n', 'dir/new.yaml': 'x\n' } },
      { branch: 'production', files: { 'other.yaml': 'o\n' }, message: 'Second' },
    ]);
    expect(bare.endsWith('/env.git')).toBe(true);
    expect(await git(bare, ['rev-parse', '--is-bare-repository'])).toBe('true');
    expect(await git(bare, ['symbolic-ref', 'HEAD'])).toBe('refs/heads/production');
    expect(await logOf(bare, 'production')).toEqual(['Second', 'First']);
    expect(await logOf(bare, 'candidate')).toEqual(['Update app.yaml, dir/new.yaml', 'First']);
    expect(await fileAt(bare, 'candidate', 'app.yaml')).toBe('v: 2\n');
    expect(await fileAt(bare, 'production', 'app.yaml')).toBe('v: 1\n');
    expect(await git(bare, ['ls-tree', '-r', '--name-only', 'production'])).toBe('app.yaml\nother.yaml');
    expect(await tipOf(bare, 'missing')).toBeUndefined();
    await expect(fileAt(bare, 'production', 'nope.yaml')).rejects.toThrow(/nope\.yaml/);
  });

  it('gives the same SHAs on every run', async () => {
    const seed = [{ files: { 'a.txt': 'a\n' } }];
    const [one, two] = await Promise.all([1, 2].map(async () => tipOf(await makeBareRepo(await tempDir('support'), 'same', seed), 'main')));
    expect(one).toMatch(/^[0-9a-f]{40}$/);
    expect(one).toBe(two);
  });
});

describe('startGitHttpServer', () => {
  it('serves clone and push only to the right token', async () => {
    const root = await tempDir('http-root');
    const bare = await makeBareRepo(root, 'env', [{ branch: 'main', files: { 'a.txt': 'a\n' } }]);
    const token = 'right-token';
    const server = await startGitHttpServer({ root, token });
    try {
      const url = `${server.url}/env.git`;
      const work = await tempDir('http-work');
      const before = await tipOf(bare, 'main');

      await expect(git(work, ['clone', '-q', url, 'anonymous'])).rejects.toThrow(/Authentication failed|could not read Username/);
      await expect(
        git(work, ['-c', `http.extraHeader=${basic('x-access-token', 'wrong-token')}`, 'clone', '-q', url, 'wrong']),
      ).rejects.toThrow();
      expect(server.requests.length).toBeGreaterThanOrEqual(2);
      expect(server.requests.every((request) => !request.authorized)).toBe(true);

      const auth = ['-c', `http.extraHeader=${basic('x-access-token', token)}`];
      await git(work, [...auth, 'clone', '-q', url, 'clone']);
      const clone = join(work, 'clone');
      await writeFile(join(clone, 'b.txt'), 'b\n');
      await git(clone, ['add', 'b.txt']);
      await git(clone, [...identity, 'commit', '-qm', 'Add b']);
      // Without the header the push is refused and nothing lands.
      await expect(git(clone, ['push', '-q', 'origin', 'main'])).rejects.toThrow();
      expect(await tipOf(bare, 'main')).toBe(before);
      expect(server.requests.at(-1)).toMatchObject({ authorized: false });

      await git(clone, [...auth, 'push', '-q', 'origin', 'main']);
      expect(await tipOf(bare, 'main')).toBe(await git(clone, ['rev-parse', 'HEAD']));
      expect(await fileAt(bare, 'main', 'b.txt')).toBe('b\n');
      const pushes = server.requests.filter((request) => request.method === 'POST' && request.url.endsWith('/git-receive-pack'));
      expect(pushes.map((request) => request.authorized)).toEqual([true]);
      expect(pushes[0].rawHeaders).toContain(basic('x-access-token', token).slice('Authorization: '.length));

      // Bearer and token schemes carry the bare token.
      await git(work, ['-c', `http.extraHeader=Authorization: Bearer ${token}`, 'ls-remote', url]);
      await git(work, ['-c', `http.extraHeader=Authorization: token ${token}`, 'ls-remote', url]);
    } finally {
      await server.close();
    }
  });

  it('answers 401 with a Basic challenge', async () => {
    const server = await startGitHttpServer({ root: await tempDir('http-root'), token: 't' });
    try {
      const response = await fetch(`${server.url}/env.git/info/refs?service=git-receive-pack`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="git"');
    } finally {
      await server.close();
    }
  });
});

describe('startGitHubApi', () => {
  it('keeps pull requests and deployments it was asked to create', async () => {
    const api = await startGitHubApi({ serverUrl: 'https://github.example.com' });
    try {
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${api.url}${path}`, {
          method,
          headers: { authorization: 'token t0k', 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: (await response.json()) as unknown };
      };
      const created = await call('POST', '/repos/acme/env/pulls', { title: 'Promote', head: 'promote/abc', base: 'production', body: 'x' });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ number: 1, state: 'open', html_url: 'https://github.example.com/acme/env/pull/1' });
      expect((await call('POST', '/repos/acme/env/pulls', { title: 'Again', head: 'promote/abc', base: 'production' })).status).toBe(422);

      const listed = await call('GET', '/repos/acme/env/pulls?head=acme:promote/abc&state=open');
      expect((listed.json as { number: number }[]).map((pull) => pull.number)).toEqual([1]);
      expect((await call('GET', '/repos/acme/env/pulls?head=acme:other&state=open')).json).toEqual([]);

      const patched = await call('PATCH', '/repos/acme/env/pulls/1', { title: 'Promote v2', state: 'closed' });
      expect(patched.json).toMatchObject({ title: 'Promote v2', state: 'closed' });
      expect((await call('GET', '/repos/acme/env/pulls?head=acme:promote/abc')).json).toEqual([]);
      expect((await call('PATCH', '/repos/acme/env/pulls/9', { title: 'x' })).status).toBe(404);

      const deployment = await call('POST', '/repos/acme/env/deployments', { ref: 'a'.repeat(40), environment: 'production' });
      expect(deployment).toMatchObject({ status: 201, json: { sha: 'a'.repeat(40), environment: 'production' } });
      const statuses = `/repos/acme/env/deployments/${(deployment.json as { id: number }).id}/statuses`;
      const status = await call('POST', statuses, { state: 'success', log_url: 'https://l' });
      expect(status).toMatchObject({ status: 201, json: { state: 'success', log_url: 'https://l' } });
      expect((await call('POST', statuses, { state: 'great' })).status).toBe(422);
      expect((await call('POST', '/repos/acme/env/deployments/99/statuses', { state: 'success' })).status).toBe(404);
      expect(await call('GET', '/repos/acme/env/issues')).toEqual({ status: 404, json: expect.objectContaining({ message: 'Not Found' }) });

      const unauthenticated = await fetch(`${api.url}/repos/acme/env/deployments`, { method: 'POST', body: '{"ref":"main"}' });
      expect(unauthenticated.status).toBe(401);
      expect(api.requests[0]).toMatchObject({
        method: 'POST',
        path: '/repos/acme/env/pulls',
        authorization: 'token t0k',
        body: { head: 'promote/abc' },
      });
      expect(api.requests[2]).toMatchObject({
        method: 'GET',
        path: '/repos/acme/env/pulls',
        query: { head: 'acme:promote/abc', state: 'open' },
      });
    } finally {
      await api.close();
    }
  });
});

describe('runAction', () => {
  const core = pathToFileURL(join(process.cwd(), 'node_modules/@actions/core/lib/core.js')).href;

  async function fixture(source: string) {
    const bundle = join(await tempDir('fixture'), 'index.mjs');
    await writeFile(bundle, source);
    return bundle;
  }

  it('passes inputs, defaults and a clean environment, and reads heredoc outputs and the summary', async () => {
    const bundle = await fixture(`
      import { execFileSync } from 'node:child_process';
      import * as core from '${core}';
      const identity = (() => { try { return execFileSync('git', ['config', 'user.name']).toString(); } catch { return 'none'; } })();
      core.setSecret('two\\nlines%');
      console.log('visible');
      core.setOutput('repository', process.env['INPUT_ENV-REPOSITORY']);
      core.setOutput('spaced', process.env.INPUT_TWO_WORDS);
      core.setOutput('branch', process.env.INPUT_BRANCH);
      core.setOutput('diff', '-a=1\\n+a<<2\\n\\n');
      core.setOutput('identity', identity);
      core.setOutput('leaked', process.env.JEST_WORKER_ID ?? 'no');
      core.setOutput('cwd', process.cwd() === process.env.GITHUB_WORKSPACE);
      await core.summary.addHeading('Done', 3).write();
    `);
    // The bundle stands in for patch-manifest, so its action.yml gives the defaults.
    const run = await runAction('patch-manifest', { bundle, inputs: { 'env-repository': '/srv/env.git', 'two words': 'yes' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({
      repository: '/srv/env.git',
      spaced: 'yes',
      branch: 'candidate',
      diff: '-a=1\n+a<<2\n\n',
      identity: 'none',
      leaked: 'no',
      cwd: 'true',
    });
    expect(run.summary).toBe('<h3>Done</h3>\n');
    // The runner swallows add-mask commands; everything else printed stays.
    expect(run.masks).toEqual(['two\nlines%']);
    expect(run.stdout).toBe('visible\n');
  });

  it('reports the exit code and kills a run that does not finish', async () => {
    const failing = await fixture(`console.log('::error::nope'); process.exitCode = 3;`);
    expect(await runAction('any', { bundle: failing, inputs: {} })).toMatchObject({ code: 3, stdout: '::error::nope\n', outputs: {} });
    const hanging = await fixture(`setTimeout(() => {}, 60000);`);
    await expect(runAction('any', { bundle: hanging, inputs: {}, timeoutMs: 300 })).rejects.toThrow(/did not finish in 300 ms/);
  });

  it('parses both GITHUB_OUTPUT forms and refuses a malformed file', () => {
    expect(parseOutputFile('a=1\nb<<EOF\nx=y\n\nz\nEOF\n\nc=p<<q\n')).toEqual({ a: '1', b: 'x=y\n\nz', c: 'p<<q' });
    expect(() => parseOutputFile('b<<EOF\nnever closed\n')).toThrow(/no closing 'EOF'/);
    expect(() => parseOutputFile('justtext\n')).toThrow(/neither/);
  });
});
