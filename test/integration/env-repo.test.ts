import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../../src/action/logger.js';
import { EnvRepo, RemoteError } from '../../src/git/env-repo.js';
import { ACTIONS_BOT } from '../../src/git/identity.js';
import type { IndexTree } from '../../src/git/tree.js';
import { fileAt, git, logOf, makeBareRepo, tempDir, tipOf } from '../support/git.js';

const author = { name: 'Dev', email: 'dev@example.com' };
const fast = { baseDelayMs: 5, maxDelayMs: 40 };

async function openRepo(bare: string, retry = fast) {
  return EnvRepo.open({ remote: { url: bare, http: false }, dir: await tempDir('clone'), logger: silentLogger, retry });
}

/** Appends a line to a file: an edit whose result depends on the tree it runs on. */
function appendLine(file: string, line: string) {
  return async (tree: IndexTree) => {
    const entry = (await tree.entries()).find((candidate) => candidate.path === file);
    const before = entry ? (await tree.read([entry.object]))[0].toString('utf8') : '';
    await tree.write([{ path: file, content: `${before}${line}\n` }]);
    return { edit: { message: `add ${line}`, author }, value: line };
  };
}

describe('EnvRepo.write', () => {
  it('creates a missing branch from the base branch and pushes one commit', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'env', [{ branch: 'production', files: { 'app.yaml': 'a: 1\n' } }]);
    const repo = await openRepo(bare);
    const production = await tipOf(bare, 'production');
    const result = await repo.write('candidate', async () => repo.fetch('refs/heads/production'), appendLine('app.yaml', 'b: 2'));
    expect(result).toMatchObject({ changed: true, pushed: true, attempts: 1, files: ['app.yaml'] });
    expect(await tipOf(bare, 'candidate')).toBe(result.commit);
    expect(await git(bare, ['rev-parse', `${result.commit}^`])).toBe(production);
    expect(await fileAt(bare, 'candidate', 'app.yaml')).toBe('a: 1\nb: 2\n');
    expect(await git(bare, ['log', '-1', '--format=%an <%ae>|%cn <%ce>', 'candidate'])).toBe(
      `Dev <dev@example.com>|${ACTIONS_BOT.name} <${ACTIONS_BOT.email}>`,
    );
  });

  it('writes the first commit of an empty repository', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'empty');
    const repo = await openRepo(bare);
    const result = await repo.write('candidate', async () => undefined, appendLine('kubernetes.yaml', 'kind: Service'));
    expect(result.changed).toBe(true);
    expect(await git(bare, ['rev-list', '--count', 'candidate'])).toBe('1');
  });

  it('makes no commit and no push when the edit changes nothing', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'env', [{ branch: 'candidate', files: { 'app.yaml': 'a: 1\n' } }]);
    const before = await tipOf(bare, 'candidate');
    const repo = await openRepo(bare);
    const result = await repo.write(
      'candidate',
      async () => undefined,
      async (tree) => {
        await tree.write([{ path: 'app.yaml', content: 'a: 1\n' }]);
        return { edit: { message: 'same', author }, value: null };
      },
    );
    expect(result).toMatchObject({ changed: false, pushed: false, commit: before });
    expect(await tipOf(bare, 'candidate')).toBe(before);
  });

  it('re-applies the edit on the new tip when a concurrent writer wins, losing nothing', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'env', [{ branch: 'candidate', files: { 'log.txt': '' } }]);
    const writers = await Promise.all(Array.from({ length: 6 }, () => openRepo(bare)));
    const results = await Promise.all(
      writers.map((repo, i) => repo.write('candidate', async () => undefined, appendLine('log.txt', `writer ${i}`))),
    );
    const lines = (await fileAt(bare, 'candidate', 'log.txt')).trim().split('\n').sort();
    expect(lines).toEqual(Array.from({ length: 6 }, (_, i) => `writer ${i}`));
    expect(await logOf(bare, 'candidate')).toHaveLength(7);
    expect(results.some((result) => result.attempts > 1)).toBe(true);
  });

  it('stops after the bounded attempts when the branch keeps moving, pushing nothing of its own', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'env', [{ branch: 'candidate', files: { 'log.txt': '' } }]);
    const rival = await openRepo(bare);
    const repo = await EnvRepo.open({
      remote: { url: bare, http: false },
      dir: await tempDir('clone'),
      logger: silentLogger,
      retry: { ...fast, attempts: 3 },
    });
    let tries = 0;
    const write = repo.write(
      'candidate',
      async () => undefined,
      async (tree) => {
        tries++;
        // Every time we are about to push, someone else pushes first.
        await rival.write('candidate', async () => undefined, appendLine('log.txt', `rival ${tries}`));
        return appendLine('log.txt', 'mine')(tree);
      },
    );
    await expect(write).rejects.toThrow(RemoteError);
    await expect(write).rejects.toThrow(/gave up after 3 attempts; nothing was pushed/);
    expect(tries).toBe(3);
    expect(await fileAt(bare, 'candidate', 'log.txt')).not.toContain('mine');
  });

  it('reports a push the remote refuses for another reason, without retrying', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'env', [{ branch: 'candidate', files: { 'a.txt': '' } }]);
    await writeFile(join(bare, 'hooks', 'pre-receive'), '#!/bin/sh\necho "GH006: Protected branch update failed" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const before = await tipOf(bare, 'candidate');
    const repo = await openRepo(bare);
    const write = repo.write('candidate', async () => undefined, appendLine('a.txt', 'x'));
    await expect(write).rejects.toThrow(/was refused: .*GH006|pre-receive hook declined/);
    expect(await tipOf(bare, 'candidate')).toBe(before);
  });

  it('names a missing local repository as the input to fix, saying it is missing, not that it exists', async () => {
    const repo = await EnvRepo.open({
      remote: { url: '/nonexistent/env.git', http: false },
      dir: await tempDir('clone'),
      logger: silentLogger,
    });
    const error = await repo.tips().catch((caught: Error) => caught);
    expect(String(error)).toMatch(/input 'env-repository': \/nonexistent\/env.git is not a git repository on this runner/);
    expect(String(error)).not.toMatch(/repository exists/);
  });

  it('names an unreachable server as such', async () => {
    const repo = await EnvRepo.open({
      remote: { url: 'http://127.0.0.1:9/acme/env.git', http: true },
      dir: await tempDir('clone'),
      logger: silentLogger,
    });
    await expect(repo.tips()).rejects.toThrow(
      /input 'env-repository': cannot reach http:\/\/127\.0\.0\.1:9\/acme\/env\.git \(.*\); expected a reachable git repository/,
    );
  });
});
