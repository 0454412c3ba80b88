import { createHash } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startGitHubApi, type GitHubApi } from '../support/github-api.js';
import { fileAt, git, makeBareRepo, tempDir, tipOf } from '../support/git.js';
import { freePort, pushEmptyImage, startFaultProxy, startRegistry, type StartedRegistry } from '../support/registry.js';
import { runAction, type ActionRun } from '../support/run-action.js';

interface Update {
  image: string;
  from: string;
  to: string;
  digest: string;
  policy: string;
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

const watch = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction('watch-images', { inputs, env, timeoutMs: 60_000 });
const errors = (run: ActionRun) => run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
const warnings = (run: ActionRun) => run.stdout.split('\n').filter((line) => line.startsWith('::warning'));
const updatesOf = (run: ActionRun) => JSON.parse(run.outputs.updates) as Update[];

function expectCleanFailure(run: ActionRun, message: RegExp) {
  expect(run.code).toBe(1);
  expect(errors(run)).toHaveLength(1);
  expect(errors(run)[0]).toMatch(/^::error::watch-images: /);
  expect(errors(run)[0]).toMatch(message);
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
}

/** A Deployment running one container per image. */
function deployment(name: string, images: string[]): string {
  const containers = images.map((image, i) => `        - name: c${i}\n          image: ${image}\n`).join('');
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;
}

/** Puts the manifest `tag` names under more tags, as `docker tag` and push would, through the registry's API. */
async function retag(url: string, repository: string, from: string, tags: string[], headers: Record<string, string> = {}): Promise<void> {
  const got = await fetch(`${url}/v2/${repository}/manifests/${from}`, {
    headers: { accept: `${OCI_MANIFEST}, ${OCI_INDEX}`, ...headers },
  });
  const bytes = Buffer.from(await got.arrayBuffer());
  const type = got.headers.get('content-type') ?? OCI_MANIFEST;
  for (const tag of tags) {
    const put = await fetch(`${url}/v2/${repository}/manifests/${tag}`, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': type, ...headers },
    });
    if (put.status !== 201) throw new Error(`PUT ${tag} answered ${put.status}`);
  }
}

/** An image behind Basic authentication: pushEmptyImage's tiny image, with the header on every request. */
async function pushWithBasic(url: string, repository: string, tag: string, seed: string, authorization: string): Promise<string> {
  const headers = { authorization };
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: { Labels: { seed } } }),
  );
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const upload = await fetch(`${url}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers });
  const location = new URL(upload.headers.get('location')!, url);
  location.searchParams.set('digest', configDigest);
  await fetch(location, { method: 'PUT', body: config, headers: { ...headers, 'content-type': 'application/octet-stream' } });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: [],
  });
  const put = await fetch(`${url}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    body: manifest,
    headers: { ...headers, 'content-type': OCI_MANIFEST },
  });
  if (put.status !== 201) throw new Error(`manifest upload answered ${put.status}`);
  return `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
}

/** A multi-architecture index over one image, as `docker buildx` pushes one; returns the index's digest. */
async function pushIndex(registry: StartedRegistry, repository: string, tag: string, seed: string): Promise<string> {
  const image = await pushEmptyImage(registry, repository, `${tag}-amd64`, seed);
  const manifest = await fetch(`${registry.url}/v2/${repository}/manifests/${image.digest}`, { headers: { accept: OCI_MANIFEST } });
  const size = (await manifest.arrayBuffer()).byteLength;
  const sized = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [{ mediaType: OCI_MANIFEST, digest: image.digest, size, platform: { os: 'linux', architecture: 'amd64' } }],
  });
  const put = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    body: sized,
    headers: { 'content-type': OCI_INDEX },
  });
  if (put.status !== 201) throw new Error(`index upload answered ${put.status}: ${await put.text()}`);
  return `sha256:${createHash('sha256').update(sized).digest('hex')}`;
}

async function deleteTag(registry: StartedRegistry, repository: string, tag: string): Promise<void> {
  const head = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, { method: 'HEAD', headers: { accept: OCI_MANIFEST } });
  const digest = head.headers.get('docker-content-digest')!;
  const deleted = await fetch(`${registry.url}/v2/${repository}/manifests/${digest}`, { method: 'DELETE' });
  if (deleted.status !== 202) throw new Error(`DELETE answered ${deleted.status}`);
}

interface PagingProxy {
  host: string;
  /** Every request seen, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * distribution 2.8 (Debian's docker-registry) answers a tag list whole,
 * ignoring `n`; distribution 3, GHCR, Docker Hub and Artifact Registry page
 * it. This proxy pages the real registry's answer as distribution 3 does: tags
 * in lexical order, `n` per page, `last` to go on from, and a
 * `Link: <…>; rel="next"` header while there is more. Everything else,
 * authentication included, passes through.
 */
async function startPagingProxy(target: string): Promise<PagingProxy> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const list = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    const [hostname, port] = target.split(':');
    const path = list ? url.pathname : req.url;
    const forward = httpRequest({ hostname, port: Number(port), method: req.method, path, headers: req.headers }, (upstream) => {
      if (!list || upstream.statusCode !== 200) {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      upstream.on('data', (chunk: Buffer) => chunks.push(chunk));
      upstream.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name: string; tags: string[] };
        const n = Number(url.searchParams.get('n') ?? Infinity);
        const last = url.searchParams.get('last');
        const after = [...body.tags].sort().filter((tag) => last === null || tag > last);
        const page = after.slice(0, n);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (after.length > page.length)
          headers.link = `</v2/${list[1]}/tags/list?n=${n}&last=${encodeURIComponent(page[page.length - 1])}>; rel="next"`;
        res.writeHead(200, headers);
        res.end(JSON.stringify({ name: body.name, tags: page }));
      });
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const POLICIES = (host: string) => `images:
  - image: ${host}/acme/web
    semver: '^1.1'
    ignore: ['-debug$']
  - image: ${host}/acme/worker
    pattern: '^main-(?<n>\\d+)$'
    order-by: number
  - image: ${host}/acme/tools
    digest-of: latest
`;

describe('watch-images against a real registry', () => {
  let registry: StartedRegistry;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startRegistry();
    for (const tag of ['1.0.0', '1.1.0', '1.2.0', '1.3.0-debug', '1.10.0-rc.1', '2.0.0'])
      digests[`web:${tag}`] = (await pushEmptyImage(registry, 'acme/web', tag, `web-${tag}`)).digest;
    for (const n of [3, 5, 9, 12])
      digests[`worker:main-${n}`] = (await pushEmptyImage(registry, 'acme/worker', `main-${n}`, `worker-${n}`)).digest;
    // More tags than a page holds, none of which the pattern takes.
    await retag(
      registry.url,
      'acme/worker',
      'main-3',
      Array.from({ length: 25 }, (_, i) => `pr-${i}`),
    );
    digests['tools:latest'] = await pushIndex(registry, 'acme/tools', 'latest', 'tools-1');
  }, 60_000);
  afterAll(() => registry?.close());

  /** An env repository whose candidate branch runs the given images and holds the policy file. */
  async function envRepo(images: { web: string; worker: string; tools: string }, policies = POLICIES(registry.host)): Promise<string> {
    const h = registry.host;
    return makeBareRepo(await tempDir('watch-env'), 'env', [
      {
        branch: 'candidate',
        files: {
          'apps/web.yaml': deployment('web', [`${h}/acme/web:${images.web}`, `${h}/acme/tools:${images.tools}`]),
          'apps/worker.yaml': deployment('worker', [`${h}/acme/worker:${images.worker}`]),
          '.gitops-delivery/images.yaml': policies,
        },
        message: 'Initial',
      },
    ]);
  }

  it('moves every image its policy finds newer in one commit, following the tag list page by page; a re-run changes nothing', async () => {
    const proxy = await startPagingProxy(registry.host);
    try {
      const policies = POLICIES(proxy.host);
      const files = {
        'apps/web.yaml': deployment('web', [`${proxy.host}/acme/web:1.1.0`, `${proxy.host}/acme/tools:latest`]),
        'apps/worker.yaml': deployment('worker', [`${proxy.host}/acme/worker:main-5`]),
        '.gitops-delivery/images.yaml': policies,
      };
      const viaProxy = await makeBareRepo(await tempDir('watch-env'), 'env', [{ branch: 'candidate', files, message: 'Initial' }]);
      const before = await tipOf(viaProxy, 'candidate');
      const run = await watch({ 'env-repository': viaProxy, 'tags-page-size': '4' });
      expect(run.stdout).not.toMatch(/::error/);
      expect(run.code).toBe(0);
      expect(run.outputs.changed).toBe('true');
      const commit = await tipOf(viaProxy, 'candidate');
      expect(run.outputs.commit).toBe(commit);
      expect(await git(viaProxy, ['rev-parse', `${commit}^`])).toBe(before);
      expect(updatesOf(run)).toEqual([
        {
          image: `${proxy.host}/acme/web`,
          from: '1.1.0',
          to: `1.2.0@${digests['web:1.2.0']}`,
          digest: digests['web:1.2.0'],
          policy: 'semver ^1.1, ignore -debug$',
        },
        {
          image: `${proxy.host}/acme/worker`,
          from: 'main-5',
          to: `main-12@${digests['worker:main-12']}`,
          digest: digests['worker:main-12'],
          policy: 'pattern ^main-(?<n>\\d+)$ by number',
        },
        {
          image: `${proxy.host}/acme/tools`,
          from: 'latest',
          to: `latest@${digests['tools:latest']}`,
          digest: digests['tools:latest'],
          policy: 'digest of latest',
        },
      ]);
      // The index's digest, not its one image's.
      expect(digests['tools:latest']).not.toBe(digests['tools:latest-amd64']);
      expect(await fileAt(viaProxy, 'candidate', 'apps/web.yaml')).toContain(`${proxy.host}/acme/web:1.2.0@${digests['web:1.2.0']}`);
      expect(await fileAt(viaProxy, 'candidate', 'apps/web.yaml')).toContain(`${proxy.host}/acme/tools:latest@${digests['tools:latest']}`);
      const message = await git(viaProxy, ['log', '-1', '--format=%B', 'candidate']);
      expect(message).toMatch(/^Update 3 images/);
      expect(message).toContain(`- ${proxy.host}/acme/web: 1.1.0 -> 1.2.0@${digests['web:1.2.0']} (semver ^1.1, ignore -debug$)`);
      expect(message).toContain(
        `- ${proxy.host}/acme/worker: main-5 -> main-12@${digests['worker:main-12']} (pattern ^main-(?<n>\\d+)$ by number)`,
      );
      // 29 worker tags at 4 a page.
      const pages = proxy.requests.filter((request) => request.startsWith('GET /v2/acme/worker/tags/list'));
      expect(pages).toEqual([
        'GET /v2/acme/worker/tags/list?n=4',
        'GET /v2/acme/worker/tags/list?n=4&last=main-9',
        ...[11, 15, 19, 22, 4, 8].map((i) => `GET /v2/acme/worker/tags/list?n=4&last=pr-${i}`),
      ]);
      expect(run.summary).toMatch(/\| image \| policy \| in the manifests \| newest allowed \| tags fitting \| result \|/);
      expect(run.summary).toContain(
        `| \`${proxy.host}/acme/web\` | semver ^1.1, ignore -debug$ | \`1.1.0\` | \`1.2.0\` \`${digests['web:1.2.0']}\` | 2 of 6 | moved |`,
      );

      const again = await watch({ 'env-repository': viaProxy, 'tags-page-size': '4' });
      expect(again.code).toBe(0);
      expect(again.outputs.changed).toBe('false');
      expect(again.outputs.commit).toBe('');
      expect(updatesOf(again)).toEqual([]);
      expect(await tipOf(viaProxy, 'candidate')).toBe(commit);
      expect(again.summary).toContain('nothing to move, no commit');
    } finally {
      await proxy.close();
    }
  });

  it('never writes a version older than the one the manifests hold, and warns of a tag that vanished without rolling back', async () => {
    await pushEmptyImage(registry, 'acme/worker', 'main-20', 'worker-20');
    const bare = await envRepo(
      { web: '2.0.0', worker: 'main-20', tools: `latest@${digests['tools:latest']}` },
      `images:
  - {image: ${registry.host}/acme/web, semver: '^1'}
  - {image: ${registry.host}/acme/worker, pattern: '^main-(\\d+)$'}
  - {image: ${registry.host}/acme/tools, digest-of: latest}
`,
    );
    await deleteTag(registry, 'acme/worker', 'main-20');
    const before = await tipOf(bare, 'candidate');
    const run = await watch({ 'env-repository': bare });
    expect(run.code).toBe(0);
    expect(run.outputs.changed).toBe('false');
    expect(updatesOf(run)).toEqual([]);
    expect(await tipOf(bare, 'candidate')).toBe(before);
    expect(warnings(run).join('\n')).toMatch(/acme\/web: the newest tag its policy allows, 1.2.0, is older than 2.0.0; not written/);
    expect(warnings(run).join('\n')).toMatch(
      /acme\/worker: the registry no longer lists tag main-20, which the manifests hold; it is kept/,
    );
    expect(run.summary).toContain('kept: the newest allowed is older; `main-20` is no longer in the registry');
    expect(run.summary).toMatch(/acme\/tools.*up to date/);
  });

  it('dry-run reports what would move and pushes nothing', async () => {
    const bare = await envRepo({ web: '1.0.0', worker: 'main-12', tools: `latest@${digests['tools:latest']}` });
    const before = await tipOf(bare, 'candidate');
    const run = await watch({ 'env-repository': bare, 'dry-run': 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs.changed).toBe('false');
    expect(run.outputs.commit).toBe('');
    expect(updatesOf(run).map((update) => `${update.from} -> ${update.to}`)).toEqual([`1.0.0 -> 1.2.0@${digests['web:1.2.0']}`]);
    expect(await tipOf(bare, 'candidate')).toBe(before);
    expect(run.summary).toContain('Dry run: 1 image would move; nothing pushed');
  });

  it('refuses a malformed policy, naming the image and the form, before asking any registry', async () => {
    const proxy = await startFaultProxy(registry.host, () => undefined);
    try {
      const bare = await envRepo({ web: '1.0.0', worker: 'main-5', tools: 'latest' });
      const run = await watch({
        'env-repository': bare,
        policies: `images:\n  - {image: ${proxy.host}/acme/web, semver: 'newest please'}\n`,
      });
      expectCleanFailure(
        run,
        /input 'policies': image '127\.0\.0\.1:\d+\/acme\/web': 'semver' is "newest please", which is not a semver range; expected a range such as '\^1\.2'/,
      );
      const fromFile = await watch({
        'env-repository': await envRepo(
          { web: '1.0.0', worker: 'main-5', tools: 'latest' },
          `images:\n  - {image: ${proxy.host}/acme/worker, pattern: 'main-\\d+'}\n`,
        ),
      });
      expectCleanFailure(
        fromFile,
        /policy file \.gitops-delivery\/images\.yaml: image '127\.0\.0\.1:\d+\/acme\/worker': 'pattern' "main-\\\\d\+" has no capture group/,
      );
      expect(proxy.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('fails naming a registry that is down, and writes nothing', async () => {
    const down = `127.0.0.1:${await freePort()}`;
    const bare = await envRepo({ web: '1.0.0', worker: 'main-5', tools: 'latest' });
    const before = await tipOf(bare, 'candidate');
    const run = await watch({
      'env-repository': bare,
      policies: `images:\n  - {image: ${registry.host}/acme/web, semver: '^1'}\n  - {image: ${down}/acme/worker, pattern: '^main-(\\d+)$'}\n`,
    });
    expectCleanFailure(run, new RegExp(`registry ${down.replace(/\./g, '\\.')} is unreachable`));
    expect(await tipOf(bare, 'candidate')).toBe(before);
  });

  it('succeeds with no commit when nothing moved', async () => {
    const bare = await envRepo({ web: '1.2.0', worker: 'main-12', tools: `latest@${digests['tools:latest']}` });
    const before = await tipOf(bare, 'candidate');
    const run = await watch({ 'env-repository': bare });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'false', commit: '', updates: '[]', 'pull-request': '' });
    expect(await tipOf(bare, 'candidate')).toBe(before);
    expect(warnings(run)).toEqual([]);
  });
});

/** The API requests that change something, as `METHOD /path`. */
const writesTo = (api: GitHubApi) =>
  api.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);

describe('watch-images in pull-request mode (real registry, real git, recording GitHub API)', () => {
  let registry: StartedRegistry;
  let api: GitHubApi;
  const digests: Record<string, string> = {};
  const push = async (repository: string, tag: string) =>
    (digests[`${repository}:${tag}`] = (await pushEmptyImage(registry, `acme/${repository}`, tag, `${repository}-${tag}`)).digest);

  beforeAll(async () => {
    registry = await startRegistry();
    for (const repository of ['run-web', 'img-web']) for (const tag of ['1.0.0', '1.1.0']) await push(repository, tag);
    for (const repository of ['run-api', 'img-api']) for (const tag of ['2.0.0', '2.1.0']) await push(repository, tag);
  }, 60_000);
  beforeEach(async () => {
    api = await startGitHubApi();
  });
  afterEach(() => api?.close());
  afterAll(() => registry?.close());

  async function envRepo(web: string, api: string): Promise<{ bare: string; owner: string }> {
    const h = registry.host;
    const bare = await makeBareRepo(await tempDir('watch-pr'), 'env', [
      {
        branch: 'candidate',
        files: {
          'web.yaml': deployment('web', [`${h}/acme/${web}:1.0.0`]),
          'api.yaml': deployment('api', [`${h}/acme/${api}:2.0.0`]),
          '.gitops-delivery/images.yaml': `images:\n  - {image: ${h}/acme/${web}, semver: '^1'}\n  - {image: ${h}/acme/${api}, semver: '^2'}\n`,
        },
      },
    ]);
    return { bare, owner: bare.split('/').slice(-2)[0] };
  }
  const inputs = (bare: string, extra: Record<string, string> = {}) => ({
    'env-repository': bare,
    mode: 'pull-request',
    token: 'ghs_watchpulltoken',
    ...extra,
  });
  const run = (bare: string, extra: Record<string, string> = {}) => watch(inputs(bare, extra), { GITHUB_API_URL: api.url });

  it('per run: opens one pull request, updates that same one when a newer version appears, and opens nothing when nothing moved', async () => {
    const { bare, owner } = await envRepo('run-web', 'run-api');
    const candidate = await tipOf(bare, 'candidate');
    const first = await run(bare);
    expect(first.stdout).not.toMatch(/::error/);
    expect(first.code).toBe(0);
    expect(first.outputs.changed).toBe('true');
    expect(first.outputs['pull-request']).toMatch(/\/pull\/1$/);
    // candidate is untouched; the pull request's branch is candidate's tip plus one commit moving both images.
    expect(await tipOf(bare, 'candidate')).toBe(candidate);
    const branch = 'image-watch/candidate';
    const reviewed = await tipOf(bare, branch);
    expect(first.outputs.commit).toBe(reviewed);
    expect(await git(bare, ['rev-parse', `${reviewed}^`])).toBe(candidate);
    expect(await fileAt(bare, branch, 'web.yaml')).toContain(`acme/run-web:1.1.0@${digests['run-web:1.1.0']}`);
    expect(await fileAt(bare, branch, 'api.yaml')).toContain(`acme/run-api:2.1.0@${digests['run-api:2.1.0']}`);
    expect(JSON.parse(first.outputs['pull-requests'])).toEqual([
      {
        url: first.outputs['pull-request'],
        number: 1,
        branch,
        images: [`${registry.host}/acme/run-web`, `${registry.host}/acme/run-api`],
        created: true,
      },
    ]);
    const created = api.requests.find((request) => request.method === 'POST')!;
    expect(created.body).toMatchObject({ head: branch, base: 'candidate', title: 'Update 2 images' });
    expect((created.body as { body: string }).body).toContain(
      `| \`${registry.host}/acme/run-web\` | \`1.0.0\` | \`1.1.0@${digests['run-web:1.1.0']}\` | semver ^1 |`,
    );

    // The same versions again: nothing pushed, the same pull request kept.
    const same = await run(bare);
    expect(same.code).toBe(0);
    expect(same.outputs.changed).toBe('false');
    expect(same.outputs['pull-request']).toBe(first.outputs['pull-request']);
    expect(await tipOf(bare, branch)).toBe(reviewed);

    // A newer version: the branch is rebuilt on candidate and the same pull request updated.
    await push('run-web', '1.2.0');
    const newer = await run(bare);
    expect(newer.code).toBe(0);
    expect(newer.outputs.changed).toBe('true');
    expect(newer.outputs['pull-request']).toBe(first.outputs['pull-request']);
    expect(await git(bare, ['rev-parse', `${branch}^`])).toBe(candidate);
    expect(await fileAt(bare, branch, 'web.yaml')).toContain(`acme/run-web:1.2.0@${digests['run-web:1.2.0']}`);
    expect(writesTo(api)).toEqual([
      `POST /repos/${owner}/env/pulls`,
      `PATCH /repos/${owner}/env/pulls/1`,
      `PATCH /repos/${owner}/env/pulls/1`,
    ]);
    expect(api.requests.every((request) => request.authorization === 'token ghs_watchpulltoken')).toBe(true);
    expect(`${newer.stdout}${newer.summary}`).not.toContain('ghs_watchpulltoken');

    // Merged: candidate holds what the pull request held, and a run finds nothing to move.
    await git(bare, ['update-ref', 'refs/heads/candidate', (await tipOf(bare, branch))!]);
    const seen = api.requests.length;
    const merged = await run(bare);
    expect(merged.code).toBe(0);
    expect(merged.outputs).toMatchObject({ changed: 'false', commit: '', 'pull-request': '', 'pull-requests': '[]' });
    expect(api.requests.length).toBe(seen);
  });

  it('per image: one branch and one pull request per image moved, each updated by later runs, one no longer behind left as it is', async () => {
    const { bare, owner } = await envRepo('img-web', 'img-api');
    const candidate = await tipOf(bare, 'candidate');
    const flat = registry.host.replace(':', '-');
    const webBranch = `image-watch/candidate-${flat}-acme-img-web`;
    const apiBranch = `image-watch/candidate-${flat}-acme-img-api`;
    const first = await run(bare, { 'pull-request-per': 'image' });
    expect(first.stdout).not.toMatch(/::error/);
    expect(first.code).toBe(0);
    const pulls = JSON.parse(first.outputs['pull-requests']) as { url: string; branch: string; images: string[]; created: boolean }[];
    expect(pulls.map((pull) => [pull.branch, pull.images, pull.created])).toEqual([
      [webBranch, [`${registry.host}/acme/img-web`], true],
      [apiBranch, [`${registry.host}/acme/img-api`], true],
    ]);
    expect(first.outputs['pull-request'].split('\n')).toEqual(pulls.map((pull) => pull.url));
    expect(first.outputs.commit.split('\n')).toEqual([await tipOf(bare, webBranch), await tipOf(bare, apiBranch)]);
    // Each branch moves its own image only, on candidate's tip.
    for (const branch of [webBranch, apiBranch]) expect(await git(bare, ['rev-parse', `${branch}^`])).toBe(candidate);
    expect(await fileAt(bare, webBranch, 'web.yaml')).toContain(`img-web:1.1.0@${digests['img-web:1.1.0']}`);
    expect(await fileAt(bare, webBranch, 'api.yaml')).toContain('img-api:2.0.0\n');
    expect(await fileAt(bare, apiBranch, 'api.yaml')).toContain(`img-api:2.1.0@${digests['img-api:2.1.0']}`);
    expect(await fileAt(bare, apiBranch, 'web.yaml')).toContain('img-web:1.0.0\n');
    const titles = api.requests.filter((request) => request.method === 'POST').map((request) => (request.body as { title: string }).title);
    expect(titles).toEqual([`Update ${registry.host}/acme/img-web to 1.1.0`, `Update ${registry.host}/acme/img-api to 2.1.0`]);

    // A newer web: its branch moves and its pull request is updated; api's branch stays where it was, its pull request kept.
    const apiTip = await tipOf(bare, apiBranch);
    await push('img-web', '1.2.0');
    const second = await run(bare, { 'pull-request-per': 'image' });
    expect(second.code).toBe(0);
    expect(second.outputs['pull-request']).toBe(first.outputs['pull-request']);
    expect(await fileAt(bare, webBranch, 'web.yaml')).toContain(`img-web:1.2.0@${digests['img-web:1.2.0']}`);
    expect(await tipOf(bare, apiBranch)).toBe(apiTip);
    expect(writesTo(api)).toEqual([
      `POST /repos/${owner}/env/pulls`,
      `POST /repos/${owner}/env/pulls`,
      `PATCH /repos/${owner}/env/pulls/1`,
      `PATCH /repos/${owner}/env/pulls/2`,
    ]);

    // api's change lands on candidate by hand: its pull request, no longer behind, is left alone; web's is updated.
    await git(bare, ['update-ref', 'refs/heads/candidate', apiTip!]);
    const third = await run(bare, { 'pull-request-per': 'image' });
    expect(third.code).toBe(0);
    expect(updatesOf(third).map((update) => update.image)).toEqual([`${registry.host}/acme/img-web`]);
    expect(writesTo(api).slice(4)).toEqual([`PATCH /repos/${owner}/env/pulls/1`]);
    expect(await tipOf(bare, apiBranch)).toBe(apiTip);
    // web's branch is rebuilt on the new candidate, so that its pull request merges cleanly.
    expect(await git(bare, ['rev-parse', `${webBranch}^`])).toBe(apiTip);
  });

  it('refuses per-image pull requests without pull-request mode, and pull-request mode without a token, before reading anything', async () => {
    const { bare } = await envRepo('run-web', 'run-api');
    const perImage = await watch({ 'env-repository': bare, 'pull-request-per': 'image' });
    expectCleanFailure(perImage, /input 'pull-request-per': is 'image' while 'mode' is 'push'; expected 'run', or 'mode: pull-request'/);
    const noToken = await watch({ 'env-repository': bare, mode: 'pull-request' });
    expectCleanFailure(noToken, /input 'token': is required in pull-request mode/);
    const badPer = await watch({ 'env-repository': bare, mode: 'pull-request', token: 't', 'pull-request-per': 'team' });
    expectCleanFailure(badPer, /input 'pull-request-per': 'team' is not supported; expected one of run, image/);
    expect(api.requests).toEqual([]);
  });
});

describe('watch-images when the branch moves between reading and pushing (real git)', () => {
  let registry: StartedRegistry;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startRegistry();
    for (const tag of ['1.0.0', '1.2.0']) digests[`web:${tag}`] = (await pushEmptyImage(registry, 'acme/web', tag, `web-${tag}`)).digest;
    for (const n of [5, 12]) digests[`worker:${n}`] = (await pushEmptyImage(registry, 'acme/worker', `main-${n}`, `w-${n}`)).digest;
    digests.tools = (await pushEmptyImage(registry, 'acme/tools', 'latest', 'tools-2')).digest;
  }, 60_000);
  afterAll(() => registry?.close());

  /**
   * An env repository whose first push to candidate loses a race: its
   * pre-receive hook moves candidate to `rival` (a child of the tip, with
   * other versions) before the push lands, as a concurrent writer would.
   */
  async function racedRepo(rival: { web: string; worker: string; tools: string }): Promise<{ bare: string; rivalCommit: string }> {
    const h = registry.host;
    const files = (images: { web: string; worker: string; tools: string }) => ({
      'web.yaml': deployment('web', [`${h}/acme/web:${images.web}`, `${h}/acme/tools:${images.tools}`]),
      'worker.yaml': deployment('worker', [`${h}/acme/worker:${images.worker}`]),
      '.gitops-delivery/images.yaml': `images:\n  - {image: ${h}/acme/web, semver: '^1'}\n  - {image: ${h}/acme/worker, pattern: '^main-(\\d+)$'}\n  - {image: ${h}/acme/tools, digest-of: latest}\n`,
    });
    const bare = await makeBareRepo(await tempDir('watch-race'), 'env', [
      { branch: 'candidate', files: files({ web: '1.0.0', worker: 'main-5', tools: 'latest' }) },
      { branch: 'rival', files: files(rival), message: 'Rival update' },
    ]);
    const rivalCommit = (await tipOf(bare, 'rival'))!;
    await git(bare, ['update-ref', '-d', 'refs/heads/rival']);
    await git(bare, ['update-ref', 'refs/keep/rival', rivalCommit]);
    const hook = join(bare, 'hooks', 'pre-receive');
    await writeFile(
      hook,
      `#!/bin/sh\nif [ ! -e rival-landed ]; then\n  touch rival-landed\n  env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES git update-ref refs/heads/candidate ${rivalCommit}\nfi\nexit 0\n`,
    );
    await chmod(hook, 0o755);
    return { bare, rivalCommit };
  }

  it('judges every move again on the new tip: a version older than the one now there is never written, an older one there is still moved on', async () => {
    // The rival put web past the registry's newest (1.5.0 > 1.2.0), worker below it (main-7 < main-12), and another digest of tools:latest.
    const other = `sha256:${'7'.repeat(64)}`;
    const { bare, rivalCommit } = await racedRepo({ web: '1.5.0', worker: 'main-7', tools: `latest@${other}` });
    const run = await watch({ 'env-repository': bare });
    expect(run.stdout).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/candidate moved while we wrote it; re-applying on the new tip/);
    const tip = await tipOf(bare, 'candidate');
    expect(await git(bare, ['rev-parse', `${tip}^`])).toBe(rivalCommit);
    expect(await fileAt(bare, 'candidate', 'web.yaml')).toContain(`acme/web:1.5.0\n`);
    expect(await fileAt(bare, 'candidate', 'web.yaml')).toContain(`acme/tools:latest@${other}`);
    expect(await fileAt(bare, 'candidate', 'worker.yaml')).toContain(`acme/worker:main-12@${digests['worker:12']}`);
    expect(updatesOf(run)).toEqual([
      {
        image: `${registry.host}/acme/worker`,
        from: 'main-7',
        to: `main-12@${digests['worker:12']}`,
        digest: digests['worker:12'],
        policy: 'pattern ^main-(\\d+)$ by number',
      },
    ]);
    const message = await git(bare, ['log', '-1', '--format=%B', 'candidate']);
    expect(message).toMatch(/^Update .*acme\/worker:main-12\n/);
    expect(message).not.toMatch(/acme\/web|acme\/tools/);
    expect(warnings(run).join('\n')).toMatch(/acme\/web: candidate moved during the run and now holds 1\.5\.0; not written over/);
    expect(warnings(run).join('\n')).toMatch(
      /acme\/tools: candidate moved during the run and now holds latest@sha256:7{64}; not written over/,
    );
    expect(run.summary).toMatch(/acme\/web` .*\| kept: the branch moved during the run to a version at least as new: `1\.5\.0` \|/);
  });

  it('writes nothing when the new tip already holds versions at least as new for every move', async () => {
    const { bare, rivalCommit } = await racedRepo({ web: '1.2.0', worker: 'main-30', tools: `latest@${digests.tools}` });
    const run = await watch({ 'env-repository': bare });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'false', commit: '', updates: '[]' });
    expect(await tipOf(bare, 'candidate')).toBe(rivalCommit);
    expect(run.summary).toContain('`candidate` moved during the run to versions at least as new for 3 images, no commit.');
  });
});

describe('watch-images against a registry behind htpasswd', () => {
  const user = { user: 'ci', password: 'w4tch-s3cret' };
  let registry: StartedRegistry;
  const authorization = `Basic ${Buffer.from(`${user.user}:${user.password}`).toString('base64')}`;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startRegistry({ htpasswd: user });
    for (const tag of ['1.0.0', '1.4.0', '1.5.0'])
      digests[tag] = await pushWithBasic(registry.url, 'acme/api', tag, `api-${tag}`, authorization);
    await retag(
      registry.url,
      'acme/api',
      '1.0.0',
      Array.from({ length: 12 }, (_, i) => `nightly-${i}`),
      { authorization },
    );
  }, 60_000);
  afterAll(() => registry?.close());

  async function setup(host = registry.host): Promise<string> {
    return makeBareRepo(await tempDir('watch-auth'), 'env', [
      {
        branch: 'candidate',
        files: {
          'deploy.yaml': deployment('api', [`${host}/acme/api:1.0.0`]),
          '.gitops-delivery/images.yaml': `images:\n  ${host}/acme/api:\n    semver: '~1'\n`,
        },
      },
    ]);
  }

  it('lists page by page and resolves with the credentials of a docker login', async () => {
    const proxy = await startPagingProxy(registry.host);
    try {
      const bare = await setup(proxy.host);
      const dockerConfig = await tempDir('watch-docker');
      const auth = Buffer.from(`${user.user}:${user.password}`).toString('base64');
      await writeFile(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [proxy.host]: { auth } } }));
      const run = await watch({ 'env-repository': bare, 'tags-page-size': '5' }, { DOCKER_CONFIG: dockerConfig });
      expect(run.stdout).not.toMatch(/::error/);
      expect(run.code).toBe(0);
      expect(updatesOf(run)).toEqual([
        { image: `${proxy.host}/acme/api`, from: '1.0.0', to: `1.5.0@${digests['1.5.0']}`, digest: digests['1.5.0'], policy: 'semver ~1' },
      ]);
      expect(await fileAt(bare, 'candidate', 'deploy.yaml')).toContain(`acme/api:1.5.0@${digests['1.5.0']}`);
      // 15 tags at 5 a page; the first request is challenged, then sent again with the password.
      expect(proxy.requests.filter((request) => request.startsWith('GET /v2/acme/api/tags/list'))).toHaveLength(4);
      expect(`${run.stdout}${run.summary}`).not.toContain(user.password);
    } finally {
      await proxy.close();
    }
  });

  it('uses the username and password inputs for the registry, masked and never written out', async () => {
    const bare = await setup();
    const run = await watch({ 'env-repository': bare, username: user.user, password: user.password });
    expect(run.stdout).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    expect(run.masks).toContain(user.password);
    expect(updatesOf(run).map((update) => update.to)).toEqual([`1.5.0@${digests['1.5.0']}`]);
    expect(await fileAt(bare, 'candidate', 'deploy.yaml')).toContain(`acme/api:1.5.0@${digests['1.5.0']}`);
    expect(`${run.stdout}${run.stderr}${run.summary}${JSON.stringify(run.outputs)}`).not.toContain(user.password);
  });

  it('fails naming the registry on a wrong password, and writes nothing', async () => {
    const bare = await setup();
    const before = await tipOf(bare, 'candidate');
    const run = await watch({ 'env-repository': bare, username: user.user, password: 'not-the-password' });
    expectCleanFailure(run, new RegExp(`registry ${registry.host.replace(/\./g, '\\.')} refused the credentials of 'ci' \\(401`));
    expect(await tipOf(bare, 'candidate')).toBe(before);
    expect(`${run.stdout}${run.stderr}${run.summary}`).not.toContain('not-the-password');
  });

  it('sends the credentials to the one registry they are for, named by registry when the policies name several', async () => {
    const proxy = await startPagingProxy(registry.host);
    try {
      const bare = await setup();
      const before = await tipOf(bare, 'candidate');
      const policies = `images:\n  - {image: ${registry.host}/acme/api, semver: '~1'}\n  - {image: ${proxy.host}/acme/api, semver: '~1'}\n`;
      const credentials = { username: user.user, password: user.password };
      const unnamed = await watch({ 'env-repository': bare, policies, ...credentials });
      expectCleanFailure(
        unnamed,
        /input 'registry': is empty while the policies name several registries \(127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+\); expected the registry host the 'username' and 'password' are for/,
      );
      const elsewhere = await watch({ 'env-repository': bare, policies, ...credentials, registry: 'ghcr.io' });
      expectCleanFailure(elsewhere, /input 'registry': 'ghcr\.io' is not the registry of any watched image/);
      expect(proxy.requests).toEqual([]);
      // Named: the other registry (the same one behind another host) gets no credentials, and says so.
      const named = await watch({ 'env-repository': bare, policies, ...credentials, registry: registry.host });
      expectCleanFailure(named, new RegExp(`registry ${proxy.host.replace(/\./g, '\\.')} requires credentials to pull from acme/api`));
      expect(await tipOf(bare, 'candidate')).toBe(before);
      const halves = await watch({ 'env-repository': bare, username: user.user });
      expectCleanFailure(halves, /input 'password': is empty while 'username' is set/);
    } finally {
      await proxy.close();
    }
  });

  it('fails naming the registry when it asks for credentials no login gave, and writes nothing', async () => {
    const bare = await setup();
    const before = await tipOf(bare, 'candidate');
    const run = await watch({ 'env-repository': bare });
    expectCleanFailure(run, new RegExp(`registry ${registry.host.replace(/\./g, '\\.')} requires credentials to pull from acme/api`));
    expect(await tipOf(bare, 'candidate')).toBe(before);
  });
});
