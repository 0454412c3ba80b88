import { silentLogger } from '../../src/action/logger.js';
import { EnvRepo, RemoteError } from '../../src/git/env-repo.js';
import { spawnGit, type GitExec } from '../../src/git/git.js';
import type { IndexTree } from '../../src/git/tree.js';
import { startGitHttpServer } from '../support/git-http-server.js';
import { fileAt, git, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { runAction, type ActionRun } from '../support/run-action.js';

// Many bundle runs at once on a machine of two shared cores: each run may wait its turn for a long time.
const RUN_TIMEOUT_MS = 300_000;
const TEST_TIMEOUT_MS = 600_000;

const manifest = (tag: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hello\nspec:\n  template:\n    spec:\n      containers:\n        - name: hello\n          image: ghcr.io/acme/hello:${tag}\n`;

/** `count` candidate commits, each deploying a new tag: as many distinct trees. */
async function envRepo(parent: string, count: number, withProduction: boolean) {
  return makeBareRepo(parent, 'env', [
    ...(withProduction ? [{ branch: 'production', files: { 'kubernetes.yaml': manifest('v0') }, message: 'Deploy v0' }] : []),
    ...Array.from({ length: count }, (_, i) => ({
      branch: 'candidate',
      files: { 'kubernetes.yaml': manifest(`v${i + 1}`) },
      message: `Deploy v${i + 1}`,
    })),
  ]);
}

const lastLine = (run: ActionRun) => (run.stdout + run.stderr).trim().split('\n').pop();

describe('promote-production, concurrent runs (bundle)', () => {
  it(
    'lands 30 concurrent promotions of distinct commits, each exactly once, every run exiting 0',
    async () => {
      const bare = await envRepo(await tempDir('race'), 30, false);
      const sources = (await git(bare, ['rev-list', '--reverse', 'candidate'])).split('\n');
      expect(sources).toHaveLength(30);

      const runs = await Promise.all(
        sources.map((source) => runAction('promote-production', { inputs: { 'env-repository': bare, source }, timeoutMs: RUN_TIMEOUT_MS })),
      );

      expect(runs.filter((run) => run.code !== 0).map(lastLine)).toEqual([]);
      expect(runs.map((run) => run.outputs.changed)).toEqual(sources.map(() => 'true'));
      const history = (await git(bare, ['rev-list', '--first-parent', 'production'])).split('\n');
      expect(history).toHaveLength(30);
      expect(new Set(runs.map((run) => run.outputs.commit))).toEqual(new Set(history));
      for (const [i, run] of runs.entries()) {
        expect(await git(bare, ['rev-parse', `${run.outputs.commit}^{tree}`])).toBe(await git(bare, ['rev-parse', `${sources[i]}^{tree}`]));
        expect(await git(bare, ['log', '-1', '--format=%B', run.outputs.commit])).toContain(`Promoted-From: ${sources[i]}\n`);
      }
      // The tip holds the tree of the promotion that landed last, and some runs had to re-apply theirs to get there.
      const last = runs.findIndex((run) => run.outputs.commit === history[0]);
      expect(await fileAt(bare, 'production', 'kubernetes.yaml')).toBe(manifest(`v${last + 1}`));
      expect(runs.some((run) => /re-applying on the new tip/.test(run.stdout))).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'of 10 concurrent promotions of one commit over HTTP, exactly one reports changed=true',
    async () => {
      const root = await tempDir('race-http');
      const bare = await envRepo(root, 1, true);
      const before = (await tipOf(bare, 'production'))!;
      const source = (await tipOf(bare, 'candidate'))!;
      const token = 'ghs_racetoken';
      const server = await startGitHttpServer({ root, token });
      try {
        // One date for every commit, as runs of one workflow run in the same second have: the runs make the very same commit.
        const date = '2026-11-22T10:00:00Z';
        const runs = await Promise.all(
          Array.from({ length: 10 }, () =>
            runAction('promote-production', {
              inputs: { 'env-repository': `${server.url}/env.git`, token, source },
              env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
              timeoutMs: RUN_TIMEOUT_MS,
            }),
          ),
        );

        expect(runs.filter((run) => run.code !== 0).map(lastLine)).toEqual([]);
        expect(runs.filter((run) => run.outputs.changed === 'true')).toHaveLength(1);
        const tip = (await tipOf(bare, 'production'))!;
        expect(await git(bare, ['rev-parse', `${tip}^`])).toBe(before);
        expect(await git(bare, ['log', '-1', '--format=%B', tip])).toContain(`Promoted-From: ${source}\n`);
        expect(runs.map((run) => run.outputs.commit)).toEqual(runs.map(() => tip));
        expect(runs.filter((run) => run.outputs.changed === 'false').every((run) => run.summary.includes('nothing to record'))).toBe(true);
      } finally {
        await server.close();
      }
    },
    TEST_TIMEOUT_MS,
  );
});

const author = { name: 'Dev', email: 'dev@example.com' };

function appendLine(file: string, line: string) {
  return async (tree: IndexTree) => {
    const entry = (await tree.entries()).find((candidate) => candidate.path === file);
    const before = entry ? (await tree.read([entry.object]))[0].toString('utf8') : '';
    await tree.write([{ path: file, content: `${before}${line}\n` }]);
    return { edit: { message: `add ${line}`, author }, value: line };
  };
}

/** A clock that only sleeping moves, so that a time budget is spent without waiting. */
function fakeTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), random: () => 1 };
}

describe('EnvRepo.write under contention', () => {
  it('edits the tip it fetched, even when the branch moves just before the fetch', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'env', [{ branch: 'production', files: { 'log.txt': '' } }]);
    const rival = await EnvRepo.open({ remote: { url: bare, http: false }, dir: await tempDir('rival'), logger: silentLogger });
    let moved: string | undefined;
    // Another writer lands between anything this writer asked the remote before and its fetch of the branch.
    const exec: GitExec = async (args, options) => {
      if (args[0] === 'fetch' && args.includes('refs/heads/production') && !moved) {
        moved = (await rival.write('production', async () => undefined, appendLine('log.txt', 'rival'))).commit;
      }
      return spawnGit(args, options);
    };
    const repo = await EnvRepo.open({ remote: { url: bare, http: false }, dir: await tempDir('clone'), logger: silentLogger, exec });
    let seen: { tip?: string; subject?: string } = {};
    const result = await repo.write(
      'production',
      async () => undefined,
      async (tree, tip) => {
        seen = { tip, subject: tip && (await repo.message(tip)).trim() };
        return appendLine('log.txt', 'mine')(tree);
      },
    );
    expect(seen).toEqual({ tip: moved, subject: 'add rival' });
    expect(result).toMatchObject({ changed: true, attempts: 1 });
    expect(await fileAt(bare, 'production', 'log.txt')).toBe('rival\nmine\n');
  });

  it('keeps re-applying past any fixed count while its time budget lasts', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'env', [{ branch: 'candidate', files: { 'log.txt': '' } }]);
    const rival = await EnvRepo.open({ remote: { url: bare, http: false }, dir: await tempDir('rival'), logger: silentLogger });
    const repo = await EnvRepo.open({
      remote: { url: bare, http: false },
      dir: await tempDir('clone'),
      logger: silentLogger,
      retry: fakeTime(),
    });
    let tries = 0;
    const result = await repo.write(
      'candidate',
      async () => undefined,
      async (tree) => {
        // The first 15 times, someone else pushes first.
        if (++tries <= 15) await rival.write('candidate', async () => undefined, appendLine('log.txt', `rival ${tries}`));
        return appendLine('log.txt', 'mine')(tree);
      },
    );
    expect(result).toMatchObject({ changed: true, pushed: true, attempts: 16 });
    expect((await fileAt(bare, 'candidate', 'log.txt')).trim().split('\n')).toHaveLength(16);
  });

  it('gives up when the time budget is spent, naming the branch and pushing nothing', async () => {
    const bare = await makeBareRepo(await tempDir('remote'), 'env', [{ branch: 'candidate', files: { 'log.txt': '' } }]);
    const rival = await EnvRepo.open({ remote: { url: bare, http: false }, dir: await tempDir('rival'), logger: silentLogger });
    const repo = await EnvRepo.open({
      remote: { url: bare, http: false },
      dir: await tempDir('clone'),
      logger: silentLogger,
      // Waits of 1, 2, 4 then 8 s: the tenth lost race would wait past the minute.
      retry: { ...fakeTime(), budgetMs: 60_000, baseDelayMs: 1000, maxDelayMs: 8000 },
    });
    const write = repo.write(
      'candidate',
      async () => undefined,
      async (tree) => {
        await rival.write('candidate', async () => undefined, appendLine('log.txt', 'rival'));
        return appendLine('log.txt', 'mine')(tree);
      },
    );
    await expect(write).rejects.toThrow(RemoteError);
    await expect(write).rejects.toThrow(/candidate of .*env\.git kept moving for 55\.0 s: gave up after 10 attempts; nothing was pushed/);
    expect(await fileAt(bare, 'candidate', 'log.txt')).not.toContain('mine');
  });
});
