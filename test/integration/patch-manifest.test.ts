import { readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readRunContext } from '../../src/action/context.js';
import { silentLogger } from '../../src/action/logger.js';
import { patchManifest } from '../../src/manifest/patch-manifest.js';
import { readPatchManifestInputs } from '../../src/manifest/patch-manifest-inputs.js';
import { Inputs, inputVariable } from '../../src/action/inputs.js';
import { fileAt, git, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { startGitHttpServer } from '../support/git-http-server.js';
import { runAction } from '../support/run-action.js';
import { makeAppRepo, type AppRepo } from '../support/app-repo.js';
import { pushEmptyImage, startRegistry, type StartedRegistry } from '../support/registry.js';

const deployment = (image: string) =>
  [
    '# hello service, owned by the platform team',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: hello',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: hello',
    `          image: "${image}" # set by CI`,
    '',
  ].join('\n');

async function envRepo(files: Record<string, string> = { 'apps/hello.yaml': deployment('ghcr.io/acme/hello:v1') }) {
  return makeBareRepo(await tempDir('patch'), 'hello-env', [{ branch: 'production', files, message: 'Initial production' }]);
}

/** Every ref of a repository, to prove a failed run changed nothing. */
const refsOf = (bare: string) => git(bare, ['for-each-ref', '--format=%(refname) %(objectname)']);

async function workspaceWith(files: Record<string, string>) {
  const dir = await tempDir('workspace');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('patch-manifest (bundle)', () => {
  it('updates the image on candidate, created from production, and is idempotent', async () => {
    const bare = await envRepo();
    const inputs = { 'env-repository': bare, images: 'ghcr.io/acme/hello:v2' };
    const run = await runAction('patch-manifest', { inputs });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'true', files: 'apps/hello.yaml', commit: await tipOf(bare, 'candidate') });
    expect(await fileAt(bare, 'candidate', 'apps/hello.yaml')).toBe(deployment('ghcr.io/acme/hello:v2'));
    expect(await git(bare, ['diff', '--numstat', 'production', 'candidate'])).toBe('1\t1\tapps/hello.yaml');
    expect(run.outputs.diff).toContain('-          image: "ghcr.io/acme/hello:v1" # set by CI');
    expect(run.summary).toContain('```diff');

    const message = await git(bare, ['log', '-1', '--format=%B', 'candidate']);
    expect(message).toMatch(/^Update ghcr.io\/acme\/hello:v2\n/);
    expect(message).toContain('Source-Commit: acme/hello-app@');
    expect(message).toContain('Image: ghcr.io/acme/hello:v2');
    expect(message).toContain('https://github.com/acme/hello-app/actions/runs/4242');

    const again = await runAction('patch-manifest', { inputs });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', commit: run.outputs.commit });
    expect(await git(bare, ['rev-list', '--count', 'candidate'])).toBe('2');
  });

  it('pins a digest and renames with MATCH=REF', async () => {
    const bare = await envRepo();
    const digest = `sha256:${'a'.repeat(64)}`;
    const run = await runAction('patch-manifest', {
      inputs: { 'env-repository': bare, images: `ghcr.io/acme/hello=us-docker.pkg.dev/acme/apps/hello:v3@${digest}` },
    });
    expect(run.code).toBe(0);
    expect(await fileAt(bare, 'candidate', 'apps/hello.yaml')).toBe(deployment(`us-docker.pkg.dev/acme/apps/hello:v3@${digest}`));
  });

  it("renders the tutorial's template onto candidate", async () => {
    const bare = await envRepo({ 'README.md': 'env\n' });
    const template = await readFile(new URL('../fixtures/gke-gitops-tutorial/kubernetes.yaml.tpl', import.meta.url), 'utf8');
    const workspace = await workspaceWith({ 'kubernetes.yaml.tpl': template });
    const run = await runAction('patch-manifest', {
      workspace,
      inputs: { 'env-repository': bare, template: 'kubernetes.yaml.tpl', vars: 'GOOGLE_CLOUD_PROJECT=acme\nCOMMIT_SHA=${SHORT_SHA}' },
      env: { GITHUB_SHA: 'c0ffee0123456789c0ffee0123456789c0ffee01' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.files).toBe('kubernetes.yaml');
    const rendered = await fileAt(bare, 'candidate', 'kubernetes.yaml');
    expect(rendered).toBe(template.replace(/GOOGLE_CLOUD_PROJECT/g, 'acme').replace(/COMMIT_SHA/g, 'c0ffee0'));
  });

  it('computes the change on a dry run and pushes nothing', async () => {
    const bare = await envRepo();
    const before = await refsOf(bare);
    const run = await runAction('patch-manifest', {
      inputs: { 'env-repository': bare, images: 'ghcr.io/acme/hello:v9', 'dry-run': 'true' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'true', commit: '', files: 'apps/hello.yaml' });
    expect(run.outputs.diff).toContain('+          image: "ghcr.io/acme/hello:v9" # set by CI');
    expect(await refsOf(bare)).toBe(before);
  });

  it('pushes through authenticated HTTP without the token reaching any output, log or .git/config', async () => {
    const token = `s3cr3t-${Math.random().toString(36).slice(2)}`;
    const root = await tempDir('http-root');
    await envRepo().then((bare) => git(root, ['clone', '-q', '--bare', bare, join(root, 'hello-env.git')]));
    const server = await startGitHttpServer({ root, token });
    try {
      const url = `${server.url}/hello-env.git`;
      const run = await runAction('patch-manifest', { inputs: { 'env-repository': url, token, images: 'ghcr.io/acme/hello:v2' } });
      expect(run.code).toBe(0);
      expect(run.outputs.changed).toBe('true');
      expect(
        server.requests.some((request) => request.method === 'POST' && request.url.includes('git-receive-pack') && request.authorized),
      ).toBe(true);

      // The same through the library, keeping the clone to inspect it.
      const workdir = await tempDir('kept-clone');
      const env = {
        [inputVariable('env-repository')]: url,
        [inputVariable('token')]: token,
        [inputVariable('images')]: 'ghcr.io/acme/hello:v3',
      };
      const context = readRunContext({ GITHUB_WORKSPACE: workdir });
      await patchManifest(readPatchManifestInputs(new Inputs(env), context), { workdir, logger: silentLogger, context });

      const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
      const everything = [
        run.stdout,
        run.stderr,
        run.summary,
        JSON.stringify(run.outputs),
        await readTree(join(workdir, '.git')),
        await readTree(run.dir),
      ].join('\n');
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(encoded);
    } finally {
      await server.close();
    }
  });

  describe('every way a real env repository writes an image', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    const styles = {
      'apps/web.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          image: >- # folded by an editor',
        '            ghcr.io/acme/hello:v1',
        '        - name: sidecar',
        "          image: 'ghcr.io/acme/hello:v1'",
        '---',
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: report}',
        'x-container: &report',
        '  name: report',
        '  image: |-',
        '    ghcr.io/acme/hello:v1',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers: [*report]',
        '',
      ].join('\n'),
      'apps/kustomization.yaml': [
        'resources: [web.yaml]',
        'x-tag: &tag v1',
        'images:',
        '  - name: ghcr.io/acme/hello',
        '    newTag: *tag',
        '',
      ].join('\n'),
      'charts/hello/values.json': `${JSON.stringify({ image: { repository: 'ghcr.io/acme/hello', tag: 'v1' }, replicas: 2 }, null, 2)}\n`,
    };

    it('patches block scalars, aliases and JSON byte for byte and commits them', async () => {
      const bare = await envRepo(styles);
      const run = await runAction('patch-manifest', {
        inputs: { 'env-repository': bare, images: `ghcr.io/acme/hello:v2@${digest}`, paths: 'apps\ncharts/**/*.json' },
      });
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({
        changed: 'true',
        files: 'apps/kustomization.yaml\napps/web.yaml\ncharts/hello/values.json',
        commit: await tipOf(bare, 'candidate'),
      });
      const pinned = `ghcr.io/acme/hello:v2@${digest}`;
      expect(await fileAt(bare, 'candidate', 'apps/web.yaml')).toBe(styles['apps/web.yaml'].replaceAll('ghcr.io/acme/hello:v1', pinned));
      expect(await fileAt(bare, 'candidate', 'apps/kustomization.yaml')).toBe(
        styles['apps/kustomization.yaml'].replace('&tag v1', '&tag v2') + `    digest: ${digest}\n`,
      );
      const values = await fileAt(bare, 'candidate', 'charts/hello/values.json');
      expect(values).toBe(styles['charts/hello/values.json'].replace('"tag": "v1"', `"tag": "v2@${digest}"`));
      expect(JSON.parse(values).image.tag).toBe(`v2@${digest}`);
      expect(await git(bare, ['diff', '--numstat', 'production', 'candidate'])).toBe(
        ['2\t1\tapps/kustomization.yaml', '3\t3\tapps/web.yaml', '1\t1\tcharts/hello/values.json'].join('\n'),
      );
    });

    it('fails, naming the file and line, and commits nothing when an anchor is shared with an image that stays', async () => {
      const shared = [
        'web:',
        '  image: {repository: ghcr.io/acme/hello, tag: &tag v1}',
        'api:',
        '  image: {repository: ghcr.io/acme/api, tag: *tag}',
        '',
      ].join('\n');
      const bare = await envRepo({ ...styles, 'charts/hello/values.yaml': shared });
      const before = await refsOf(bare);
      const run = await runAction('patch-manifest', { inputs: { 'env-repository': bare, images: 'ghcr.io/acme/hello:v2' } });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /^::error::patch-manifest: charts\/hello\/values\.yaml:2 cannot be patched: the anchor &tag here is used by/m,
      );
      expect(run.stdout).toContain('ghcr.io/acme/api:v1 (line 4)');
      expect(await refsOf(bare)).toBe(before);
    });

    it('fails on a repository no file references, and with allow-missing warns and commits nothing', async () => {
      const bare = await envRepo(styles);
      const before = await refsOf(bare);
      const inputs = { 'env-repository': bare, images: 'ghcr.io/acme/helo:v2' };
      const run = await runAction('patch-manifest', { inputs });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /^::error::patch-manifest: input 'images': no file references ghcr\.io\/acme\/helo in paths \*\*\/\*\.yaml, \*\*\/\*\.yml of branch candidate \(2 file\(s\)\)/m,
      );
      expect(await refsOf(bare)).toBe(before);

      const allowed = await runAction('patch-manifest', { inputs: { ...inputs, 'allow-missing': 'true' } });
      expect(allowed.code).toBe(0);
      expect(allowed.outputs.changed).toBe('false');
      expect(allowed.stdout).toMatch(/^::warning::no file references ghcr\.io\/acme\/helo .*allowed by allow-missing/m);
      expect(allowed.summary).toContain('no reference to ghcr.io/acme/helo in the selected paths (allowed by allow-missing): no commit.');

      // Already at the version asked: a success, in the usual words.
      const current = await runAction('patch-manifest', {
        inputs: { 'env-repository': bare, images: 'ghcr.io/acme/hello:v1', paths: 'apps' },
      });
      expect(current.code).toBe(0);
      expect(current.summary).toContain('already up to date: no commit.');
    });
  });

  describe('refuses bad input, naming it, and leaves the remote unchanged', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['uppercase image', { images: 'UPPER/case:1' }, /input 'images': line 'UPPER\/case:1'.*lowercase/],
      ['image with a space', { images: 'ghcr.io/acme/hel lo:1' }, /input 'images'.*white space/],
      ['two tags', { images: 'ghcr.io/acme/hello:v1:v2' }, /input 'images'.*more than one tag/],
      ['short digest', { images: 'ghcr.io/acme/hello@sha256:abc' }, /input 'images'.*64 lowercase hex/],
      ['no tag or digest', { images: 'ghcr.io/acme/hello' }, /input 'images'.*neither a tag nor a digest/],
      ['paths escaping', { images: 'ghcr.io/acme/hello:v2', paths: '../x/*.yaml' }, /input 'paths'/],
      ['absolute paths', { images: 'ghcr.io/acme/hello:v2', paths: '/etc/*.yaml' }, /input 'paths'/],
      ['symlink outside', { images: 'ghcr.io/acme/hello:v2', paths: 'evil.yaml' }, /input 'paths'.*evil\.yaml/],
      ['output escaping', { template: 'kubernetes.yaml.tpl', output: '../kubernetes.yaml' }, /input 'output'/],
      ['absolute output', { template: 'kubernetes.yaml.tpl', output: '/tmp/kubernetes.yaml' }, /input 'output'/],
      ['unknown placeholder', { template: 'unknown.tpl' }, /input 'template': has no value for \$\{NOT_DEFINED\}/],
      ['bad branch', { images: 'ghcr.io/acme/hello:v2', branch: 'bad..name' }, /input 'branch': 'bad\.\.name' is not a branch name/],
      ['bad boolean', { images: 'ghcr.io/acme/hello:v2', 'dry-run': 'maybe' }, /input 'dry-run'.*'true' or 'false'/],
      ['bad author', { images: 'ghcr.io/acme/hello:v2', author: 'nobody' }, /input 'author'.*Name <email@example.com>/],
      [
        'unreachable remote',
        { images: 'ghcr.io/acme/hello:v2', 'env-repository': '/nonexistent/env.git' },
        /input 'env-repository': \/nonexistent\/env\.git is not a git repository on this runner/,
      ],
    ];

    it.each(cases)('%s', async (_name, inputs, message) => {
      const bare = await envRepo({ 'apps/hello.yaml': deployment('ghcr.io/acme/hello:v1') });
      const outside = await tempDir('outside');
      await writeFile(join(outside, 'secret.yaml'), 'image: ghcr.io/acme/hello:v1\n');
      const seed = await tempDir('seed');
      await git(seed, ['clone', '-q', '-b', 'production', bare, '.']);
      await symlink(join(outside, 'secret.yaml'), join(seed, 'evil.yaml'));
      await git(seed, ['add', 'evil.yaml']);
      await git(seed, ['-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'symlink']);
      await git(seed, ['push', '-q', 'origin', 'production']);
      const before = await refsOf(bare);
      const workspace = await workspaceWith({ 'kubernetes.yaml.tpl': 'image: ${IMAGE}\n', 'unknown.tpl': 'x: ${NOT_DEFINED}\n' });

      const run = await runAction('patch-manifest', { workspace, inputs: { 'env-repository': bare, ...inputs } });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::patch-manifest: /m);
      expect(run.stdout).toMatch(message);
      expect(await refsOf(bare)).toBe(before);
      expect(await readFile(join(outside, 'secret.yaml'), 'utf8')).toBe('image: ghcr.io/acme/hello:v1\n');
    });

    it('a wrong token', async () => {
      const root = await tempDir('http-root');
      const bare = await envRepo();
      await git(root, ['clone', '-q', '--bare', bare, join(root, 'hello-env.git')]);
      const server = await startGitHttpServer({ root, token: 'the-right-one' });
      try {
        const before = await refsOf(join(root, 'hello-env.git'));
        const run = await runAction('patch-manifest', {
          inputs: { 'env-repository': `${server.url}/hello-env.git`, token: 'wrong-token-value', images: 'ghcr.io/acme/hello:v2' },
        });
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/::error::patch-manifest: input 'env-repository': .* refused the credentials.*'token' input/);
        expect(run.stdout + run.stderr).not.toContain('wrong-token-value');
        expect(await refsOf(join(root, 'hello-env.git'))).toBe(before);
      } finally {
        await server.close();
      }
    });
  });
});

/** All text under a folder, to search it for secrets. */
async function readTree(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const texts = await Promise.all(
    entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'latin1').catch(() => '')),
  );
  return texts.join('\n');
}

describe('patch-manifest writes nothing from outside the workspace, nor anywhere but a file of the repository', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['an absolute template', { template: '<outside>/secret.tpl' }, /input 'template': '.*secret\.tpl' is outside the workspace; expected /],
    [
      'a template up and out',
      { template: '../outside/secret.tpl' },
      /input 'template': '\.\.\/outside\/secret\.tpl' is outside the workspace/,
    ],
    [
      'a template linked out',
      { template: 'linked.tpl' },
      /input 'template': 'linked\.tpl' is a symbolic link to a file outside the workspace/,
    ],
    [
      'an output that is a folder',
      { template: 'kubernetes.yaml.tpl', output: 'apps' },
      /input 'output': 'apps' is a folder of the repository/,
    ],
    [
      'an output that is a folder, with a slash',
      { template: 'kubernetes.yaml.tpl', output: 'apps/' },
      /input 'output': 'apps\/' is a folder/,
    ],
    [
      'an output under a file',
      { template: 'kubernetes.yaml.tpl', output: 'apps/hello.yaml/kubernetes.yaml' },
      /input 'output': 'apps\/hello\.yaml\/kubernetes\.yaml' is under 'apps\/hello\.yaml', which is a file/,
    ],
    [
      'an output in .git',
      { template: 'kubernetes.yaml.tpl', output: '.git/kubernetes.yaml' },
      /input 'output': '\.git\/kubernetes\.yaml' is inside \.git/,
    ],
    [
      'an output in a nested .git',
      { template: 'kubernetes.yaml.tpl', output: 'apps/.GIT/x.yaml' },
      /input 'output': 'apps\/\.GIT\/x\.yaml' is inside \.git/,
    ],
    ['branch HEAD', { images: 'ghcr.io/acme/hello:v2', branch: 'HEAD' }, /input 'branch': 'HEAD' is not a branch name git accepts/],
    [
      'base-branch HEAD',
      { images: 'ghcr.io/acme/hello:v2', 'base-branch': 'HEAD' },
      /input 'base-branch': 'HEAD' is not a branch name git accepts/,
    ],
    ['promote-from HEAD', { 'promote-from': 'HEAD' }, /input 'promote-from': 'HEAD' is not a branch name git accepts/],
    [
      'an insecure registry with an impossible port',
      { images: 'ghcr.io/acme/hello:v2', 'insecure-registry': 'registry.internal:99999' },
      /input 'insecure-registry': 'registry\.internal:99999' has port 99999, outside 1 to 65535; expected /,
    ],
    [
      'an insecure registry given as a URL',
      { images: 'ghcr.io/acme/hello:v2', 'insecure-registry': 'http://registry.internal' },
      /input 'insecure-registry': 'http:\/\/registry\.internal' is not a host/,
    ],
    [
      'an image whose registry has an impossible port',
      { images: 'registry.internal:70000/acme/hello:v2' },
      /input 'images': 'registry\.internal:70000' has port 70000, outside 1 to 65535/,
    ],
  ];

  it.each(cases)('refuses %s, naming the input, and writes nothing', async (_name, given, message) => {
    const bare = await envRepo({ 'apps/hello.yaml': deployment('ghcr.io/acme/hello:v1') });
    const before = await refsOf(bare);
    const parent = await tempDir('template-parent');
    const workspace = join(parent, 'workspace');
    const outside = join(parent, 'outside');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(workspace);
    await mkdir(outside);
    await writeFile(join(outside, 'secret.tpl'), 'token: s3cr3t-from-outside\n');
    await writeFile(join(workspace, 'kubernetes.yaml.tpl'), 'image: ${IMAGE}\n');
    await symlink(join(outside, 'secret.tpl'), join(workspace, 'linked.tpl'));
    const inputs = Object.fromEntries(Object.entries(given).map(([key, value]) => [key, value.replace('<outside>', outside)]));

    const run = await runAction('patch-manifest', { workspace, inputs: { 'env-repository': bare, ...inputs } });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::patch-manifest: input '/),
    ]);
    expect(run.stdout).toMatch(message);
    expect(await refsOf(bare)).toBe(before);
    expect(run.stdout + run.stderr).not.toContain('s3cr3t-from-outside');
  });

  it('renders into a new file beside existing ones, and a template linked inside the workspace', async () => {
    const bare = await envRepo({ 'apps/hello.yaml': deployment('ghcr.io/acme/hello:v1') });
    const workspace = await workspaceWith({ 'real.tpl': 'kind: ConfigMap\n' });
    await symlink('real.tpl', join(workspace, 'kubernetes.yaml.tpl'));
    const run = await runAction('patch-manifest', {
      workspace,
      inputs: { 'env-repository': bare, template: 'kubernetes.yaml.tpl', output: 'apps/rendered.yaml' },
    });
    expect(run.code).toBe(0);
    expect(await fileAt(bare, 'candidate', 'apps/rendered.yaml')).toBe('kind: ConfigMap\n');
    expect(await fileAt(bare, 'candidate', 'apps/hello.yaml')).toBe(deployment('ghcr.io/acme/hello:v1'));
  });
});

describe('patch-manifest never puts an older app commit over a newer one (bundle)', () => {
  // Linear history a -> b -> c on main, and d on a hotfix branch from a.
  let app: AppRepo;
  let a: string, b: string, c: string, d: string;
  beforeAll(async () => {
    app = await makeAppRepo();
    a = await app.commit('a');
    b = await app.commit('b');
    c = await app.commit('c');
    d = await app.commit('d', { branch: 'hotfix', from: a });
  });

  const image = (sha: string) => `ghcr.io/acme/hello:${sha.slice(0, 7)}`;
  /** One delivery of `sha` as app-ci runs it: its own checkout, its run number, its image. */
  const deliver = async (
    bare: string,
    sha: string,
    opts: { depth?: number; run?: number; inputs?: Record<string, string>; files?: Record<string, string> } = {},
  ) =>
    runAction('patch-manifest', {
      workspace: await app.checkout(sha, { depth: opts.depth ?? 0, files: opts.files }),
      env: {
        GITHUB_SHA: sha,
        ...(opts.run
          ? { GITHUB_RUN_NUMBER: String(opts.run), GITHUB_WORKFLOW_REF: 'acme/hello-app/.github/workflows/ci.yml@refs/heads/main' }
          : {}),
      },
      inputs: { 'env-repository': bare, images: image(sha), ...opts.inputs },
    });
  const candidateImage = async (bare: string) => /image: "([^"]+)"/.exec(await fileAt(bare, 'candidate', 'apps/hello.yaml'))?.[1];

  it('skips an ancestor of the delivered commit with a notice naming both, and applies a descendant', async () => {
    const bare = await envRepo();
    const newer = await deliver(bare, b);
    expect(newer.outputs).toMatchObject({ changed: 'true', stale: 'false' });

    const older = await deliver(bare, a);
    expect(older.code).toBe(0);
    expect(older.outputs).toMatchObject({ changed: 'false', stale: 'true', commit: newer.outputs.commit, files: '', diff: '' });
    const notice = older.stdout.split('\n').filter((line) => line.startsWith('::notice::'));
    expect(notice).toEqual([
      `::notice::patch-manifest: acme/hello-app@${a.slice(0, 7)} is older than acme/hello-app@${b.slice(0, 7)} (it is an ancestor of it), which candidate already delivers in ${newer.outputs.commit.slice(0, 7)}; skipped, candidate is left as it is. To go back on purpose, roll back production (rollback.yml), or set allow-older: true`,
    ]);
    expect(older.summary).toContain(`Skipped: acme/hello-app@${a.slice(0, 7)} is older than acme/hello-app@${b.slice(0, 7)}`);
    expect(await tipOf(bare, 'candidate')).toBe(newer.outputs.commit);
    expect(await candidateImage(bare)).toBe(image(b));

    const later = await deliver(bare, c);
    expect(later.outputs).toMatchObject({ changed: 'true', stale: 'false' });
    expect(await candidateImage(bare)).toBe(image(c));
    // A re-run of the newest delivery is the same commit: no change, not stale.
    expect((await deliver(bare, c)).outputs).toMatchObject({ changed: 'false', stale: 'false' });
  });

  it('of two deliveries racing, the older never lands over the newer', async () => {
    for (let round = 0; round < 3; round++) {
      const bare = await envRepo();
      const [older, newer] = await Promise.all([deliver(bare, a), deliver(bare, b)]);
      expect([older.code, newer.code]).toEqual([0, 0]);
      expect(newer.outputs.changed).toBe('true');
      expect(await candidateImage(bare)).toBe(image(b));
      // The older one either landed first, and the newer on top of it, or was judged stale on the newer tip.
      if (older.outputs.changed === 'true') expect(await git(bare, ['rev-parse', `${newer.outputs.commit}~1`])).toBe(older.outputs.commit);
      else expect(older.outputs.stale).toBe('true');
    }
  });

  it("re-run of an old build with a depth-1 checkout: the workflow's run number decides", async () => {
    const bare = await envRepo();
    expect((await deliver(bare, b, { depth: 1, run: 8 })).outputs.changed).toBe('true');
    const message = await git(bare, ['log', '-1', '--format=%B', 'candidate']);
    expect(message).toContain('Source-Run: acme/hello-app/.github/workflows/ci.yml#8\n');
    // Run 7 built a; re-running it keeps its number.
    const rerun = await deliver(bare, a, { depth: 1, run: 7 });
    expect(rerun.outputs).toMatchObject({ changed: 'false', stale: 'true' });
    expect(rerun.stdout).toContain(`(run #7 of acme/hello-app/.github/workflows/ci.yml built it, before run #8)`);
    expect(await candidateImage(bare)).toBe(image(b));
    expect((await deliver(bare, c, { depth: 1, run: 9 })).outputs.changed).toBe('true');
    expect(await candidateImage(bare)).toBe(image(c));
  });

  it('with nothing to order them by, writes and says why', async () => {
    const bare = await envRepo();
    expect((await deliver(bare, b, { depth: 1 })).outputs.changed).toBe('true');
    const unordered = await deliver(bare, a, { depth: 1 });
    expect(unordered.outputs).toMatchObject({ changed: 'true', stale: 'false' });
    expect(unordered.stdout).toContain(`cannot tell whether acme/hello-app@${a.slice(0, 7)} is older than acme/hello-app@${b.slice(0, 7)}`);
  });

  it('a diverging branch is not older: the last delivery wins', async () => {
    const bare = await envRepo();
    expect((await deliver(bare, c)).outputs.changed).toBe('true');
    expect((await deliver(bare, d)).outputs).toMatchObject({ changed: 'true', stale: 'false' });
    expect(await candidateImage(bare)).toBe(image(d));
  });

  it('looks past deliveries of other apps and images, and allow-older writes anyway', async () => {
    const bare = await envRepo({
      'apps/hello.yaml': deployment('ghcr.io/acme/hello:v1'),
      'apps/shop.yaml': deployment('ghcr.io/acme/shop:v1'),
    });
    expect((await deliver(bare, b)).outputs.changed).toBe('true');
    // Another app's deliveries on top, one of them with a commit of the same SHA-like age.
    const other = await runAction('patch-manifest', {
      env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: c },
      inputs: { 'env-repository': bare, images: 'ghcr.io/acme/shop:v2' },
    });
    expect(other.outputs.changed).toBe('true');
    const older = await deliver(bare, a);
    expect(older.outputs).toMatchObject({ changed: 'false', stale: 'true' });
    expect(older.stdout).toContain(`which candidate already delivers in ${(await git(bare, ['rev-parse', 'candidate~1'])).slice(0, 7)}`);

    const forced = await deliver(bare, a, { inputs: { 'allow-older': 'true' } });
    expect(forced.outputs).toMatchObject({ changed: 'true', stale: 'false' });
    expect(forced.stdout).toContain('written anyway, as allow-older is true');
    expect(await candidateImage(bare)).toBe(image(a));
    expect(await fileAt(bare, 'candidate', 'apps/shop.yaml')).toBe(deployment('ghcr.io/acme/shop:v2'));
  });

  it('template mode: an older commit does not render over a newer one', async () => {
    const bare = await envRepo({ 'README.md': 'env\n' });
    const files = { 'kubernetes.yaml.tpl': 'image: ${IMAGE}\ncommit: ${COMMIT_SHA}\n' };
    const render = (sha: string) => deliver(bare, sha, { files, inputs: { images: image(sha), template: 'kubernetes.yaml.tpl' } });
    expect((await render(b)).outputs.changed).toBe('true');
    const older = await render(a);
    expect(older.outputs).toMatchObject({ changed: 'false', stale: 'true' });
    expect(await fileAt(bare, 'candidate', 'kubernetes.yaml')).toBe(`image: ${image(b)}\ncommit: ${b}\n`);
    expect((await render(c)).outputs.changed).toBe('true');
    expect(await fileAt(bare, 'candidate', 'kubernetes.yaml')).toBe(`image: ${image(c)}\ncommit: ${c}\n`);
  });
});

describe('deliver (root action) shares the order check', () => {
  let registry: StartedRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry?.close());

  it('skips the build of an older commit whose image exists, and does not write it over the newer one', async () => {
    const app = await makeAppRepo();
    const a = await app.commit('a');
    const b = await app.commit('b');
    // The images of both commits were built before: build-push only finds them (skip-existing).
    for (const sha of [a, b]) await pushEmptyImage(registry, 'acme/hello', sha, sha);
    const image = `${registry.host}/acme/hello`;
    const bare = await envRepo({ 'apps/hello.yaml': deployment(`${image}:old`) });
    const deliver = async (sha: string) =>
      runAction('deliver', {
        workspace: await app.checkout(sha, { depth: 0, files: { Dockerfile: 'FROM scratch\n' } }),
        env: { GITHUB_SHA: sha },
        inputs: { image, 'env-repository': bare },
        timeoutMs: 60_000,
      });
    const newer = await deliver(b);
    expect(newer.code).toBe(0);
    expect(newer.outputs).toMatchObject({ skipped: 'true', changed: 'true', stale: 'false' });
    const older = await deliver(a);
    expect(older.code).toBe(0);
    expect(older.outputs).toMatchObject({ skipped: 'true', changed: 'false', stale: 'true', commit: newer.outputs.commit });
    expect(older.stdout).toContain(
      `::notice::patch-manifest: acme/hello-app@${a.slice(0, 7)} is older than acme/hello-app@${b.slice(0, 7)}`,
    );
    expect(await fileAt(bare, 'candidate', 'apps/hello.yaml')).toContain(`${image}:${b.slice(0, 7)}@sha256:`);
  }, 120_000);
});

describe('patch-manifest and a Helm chart in the env repository (bundle)', () => {
  it("patches the chart's values and says once why its templates are left untouched", async () => {
    const files: Record<string, string> = {
      'charts/hello/Chart.yaml': 'apiVersion: v2\nname: hello\nversion: 0.1.0\nappVersion: "1.0"\n',
      'charts/hello/values.yaml': 'image:\n  repository: ghcr.io/acme/hello\n  tag: v1 # set by CI\n',
    };
    for (let i = 0; i < 20; i++) {
      files[`charts/hello/templates/t${String(i).padStart(2, '0')}.yaml`] =
        `{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello-${i}\n  labels:\n    app: hello\n{{- end }}\n`;
    }
    const bare = await envRepo(files);
    const run = await runAction('patch-manifest', { inputs: { 'env-repository': bare, images: 'ghcr.io/acme/hello:v2' } });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'true', files: 'charts/hello/values.yaml' });
    expect(await fileAt(bare, 'candidate', 'charts/hello/values.yaml')).toBe(
      files['charts/hello/values.yaml'].replace('tag: v1', 'tag: v2'),
    );
    // Said once, as a line of the log, not as an annotation: leaving templates to Helm is right.
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::warning'))).toEqual([]);
    const said = run.stdout.split('\n').filter((line) => line.includes('left untouched'));
    expect(said).toEqual([
      'left untouched: charts/hello/templates/ (20 files): Helm templates are rendered by Helm; their values are patched instead',
    ]);
    expect(run.summary).toContain('- `charts/hello/templates/` (20 files): Helm templates are rendered by Helm');
  });
});

describe('patch-manifest and Argo CD Applications (bundle)', () => {
  it('updates kustomize.images beside helm.valuesObject, parameters and a values block, byte for byte', async () => {
    const application = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: hello-production',
      '  namespace: argocd',
      'spec:',
      '  project: default',
      '  sources:',
      '    - repoURL: https://github.com/acme/hello-env.git',
      '      path: overlays/production',
      '      kustomize:',
      '        images:',
      '          - ghcr.io/acme/hello:v1 # set by CD',
      '    - repoURL: https://charts.acme.dev',
      '      chart: hello-worker',
      '      helm:',
      '        parameters:',
      '          - name: image.repository',
      '            value: ghcr.io/acme/hello',
      '          - name: image.tag',
      '            value: v1',
      '        values: |',
      '          sidecar:',
      '            image: ghcr.io/acme/hello:v1',
      '        valuesObject:',
      '          migrations: {image: {repository: ghcr.io/acme/hello, tag: v1}}',
      '  destination: {server: https://kubernetes.default.svc, namespace: hello}',
      '',
    ].join('\n');
    const bare = await envRepo({ 'argocd/hello.yaml': application });
    const run = await runAction('patch-manifest', { inputs: { 'env-repository': bare, images: 'ghcr.io/acme/hello:v2' } });
    expect(run.code).toBe(0);
    expect(await fileAt(bare, 'candidate', 'argocd/hello.yaml')).toBe(
      application
        .replace(/hello:v1/g, 'hello:v2')
        .replace('value: v1', 'value: v2')
        .replace('tag: v1', 'tag: v2'),
    );
    expect(await git(bare, ['diff', '--numstat', 'production', 'candidate'])).toBe('4\t4\targocd/hello.yaml');
  });
});
