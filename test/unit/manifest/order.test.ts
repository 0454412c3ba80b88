import { Git } from '../../../src/git/git.js';
import { compareSources, parseDelivery, runOf, sameScope, sourceRunTrailer, type AppSource } from '../../../src/manifest/order.js';
import { makeAppRepo } from '../../support/app-repo.js';

const sha = (c: string) => c.repeat(40);

describe('runOf', () => {
  it('names the workflow file without its ref, and the run number', () => {
    expect(runOf({ GITHUB_RUN_NUMBER: '57', GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/ci.yml@refs/heads/main' })).toEqual({
      workflow: 'acme/app/.github/workflows/ci.yml',
      number: 57,
    });
    expect(runOf({ GITHUB_RUN_NUMBER: '3', GITHUB_WORKFLOW: 'ci' })).toEqual({ workflow: 'ci', number: 3 });
  });
  it.each([
    {},
    { GITHUB_RUN_NUMBER: '5' },
    { GITHUB_RUN_NUMBER: 'x', GITHUB_WORKFLOW: 'ci' },
    { GITHUB_RUN_NUMBER: '0', GITHUB_WORKFLOW: 'ci' },
    { GITHUB_RUN_NUMBER: '2', GITHUB_WORKFLOW: 'my ci' },
  ])('is unknown for %j', (env) => expect(runOf(env)).toBeUndefined());
});

describe('parseDelivery', () => {
  it('reads the last Source-Commit and Source-Run, the Image repositories and the files', () => {
    const message = [
      'Update ghcr.io/acme/hello:v2',
      '',
      '- ghcr.io/acme/hello:v2',
      '',
      'Files: apps/hello.yaml, apps/more.yaml',
      '',
      `Source-Commit: acme/hello@${sha('1')}`,
      'Source-Run: acme/hello/.github/workflows/ci.yml#12',
      'Image: ghcr.io/acme/hello:v2',
      'Image: nginx:1.27',
      'Image: not an image',
    ].join('\n');
    expect(parseDelivery(message)).toEqual({
      source: { repository: 'acme/hello', sha: sha('1'), run: { workflow: 'acme/hello/.github/workflows/ci.yml', number: 12 } },
      images: ['ghcr.io/acme/hello', 'docker.io/library/nginx'],
      files: ['apps/hello.yaml', 'apps/more.yaml'],
    });
  });
  it('is undefined for a commit that names no app commit', () => {
    expect(parseDelivery('Hand edit\n\nSource-Commit: not-a-sha\n')).toBeUndefined();
  });
  it('writes the trailer it reads', () => {
    const source: AppSource = { repository: 'a/b', sha: sha('2'), run: { workflow: 'a/b/.github/workflows/x.yml', number: 4 } };
    expect(parseDelivery(`x\n\nSource-Commit: a/b@${sha('2')}\n${sourceRunTrailer(source)}\n`)?.source).toEqual(source);
    expect(sourceRunTrailer({ repository: 'a/b', sha: sha('2') })).toBe('');
  });
});

describe('sameScope', () => {
  const delivery = (repository: string, images: string[], files: string[]) => ({ source: { repository, sha: sha('3') }, images, files });
  it('needs the same app, and an image repository or a file in common', () => {
    expect(sameScope(delivery('acme/hello', ['r/a'], []), delivery('Acme/Hello', ['r/a'], ['f']))).toBe(true);
    expect(sameScope(delivery('acme/hello', [], ['k.yaml']), delivery('acme/hello', ['r/a'], ['k.yaml']))).toBe(true);
    expect(sameScope(delivery('acme/hello', ['r/a'], ['x.yaml']), delivery('acme/hello', ['r/b'], ['y.yaml']))).toBe(false);
    expect(sameScope(delivery('acme/shop', ['r/a'], []), delivery('acme/hello', ['r/a'], []))).toBe(false);
  });
});

describe('compareSources', () => {
  it('orders by ancestry where a checkout holds both commits, else by run number of one workflow', async () => {
    const app = await makeAppRepo();
    const a = await app.commit('a');
    const b = await app.commit('b');
    const d = await app.commit('d', { branch: 'hotfix', from: a });
    const full = [new Git(await app.checkout(b, { depth: 0 }))];
    const shallow = [new Git(await app.checkout(b, { depth: 1 }))];
    const at = (sha: string, number?: number, workflow = 'ci'): AppSource => ({
      repository: 'acme/hello-app',
      sha,
      ...(number ? { run: { workflow, number } } : {}),
    });
    expect(await compareSources(at(a), at(b), full)).toEqual({ order: 'older', by: 'ancestry' });
    expect(await compareSources(at(b), at(a), full)).toEqual({ order: 'newer', by: 'ancestry' });
    expect(await compareSources(at(d), at(b), full)).toEqual({ order: 'diverged', by: 'ancestry' });
    expect(await compareSources(at(b), at(b), [])).toEqual({ order: 'same', by: 'commit' });
    // Ancestry wins over run numbers that say otherwise (a new run of an old commit).
    expect(await compareSources(at(a, 9), at(b, 8), full)).toEqual({ order: 'older', by: 'ancestry' });
    // A depth-1 checkout holds one commit: the run numbers decide, and only within one workflow.
    expect(await compareSources(at(a, 7), at(b, 8), shallow)).toEqual({ order: 'older', by: 'run-number' });
    expect(await compareSources(at(a, 9), at(b, 8), shallow)).toEqual({ order: 'newer', by: 'run-number' });
    expect(await compareSources(at(a, 7, 'release'), at(b, 8), shallow)).toEqual({ order: 'unknown', by: 'none' });
    expect(await compareSources(at(a), at(b), shallow)).toEqual({ order: 'unknown', by: 'none' });
  });
});
