// watch-images' benchmarks, run against the built bundle (dist/watch-images)
// as the runner runs it, and a local Debian docker-registry (distribution 2.8):
//
// 1. many tags: one repository holding 10,000 tags (one tiny manifest PUT
//    under 10,000 names through the registry's API), a semver policy over
//    them; the step lists, chooses, resolves the digest and writes the move.
//    Listed whole (distribution 2.8 ignores n=), and through a proxy that
//    pages the answer as distribution 3 and the hosted registries do, at the
//    default 1,000 a page.
// 2. many policies: 200 repositories of 5 tags each, 200 policies in one
//    run, all 200 images moved in one commit.
//
// Each figure is the step's wall time, from the process's start to its exit
// (git clone, registry calls, the commit and push, the summary), median of
// --runs runs, each on a fresh env repository.
//
//   node bench/watch/run.mjs [--runs 5] [--tags 10000] [--policies 200]
import { execFile, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { runBundle } from '../../scripts/lib/run-bundle.mjs';

const exec = promisify(execFile);
const node = process.env.GITOPS_TEST_NODE || process.execPath;
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    tags: { type: 'string', default: '10000' },
    policies: { type: 'string', default: '200' },
  },
});
const RUNS = Number(values.runs);
const TAGS = Number(values.tags);
const POLICIES = Number(values.policies);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRegistry(dir) {
  const host = `127.0.0.1:${await freePort()}`;
  const config = {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(dir, 'data') } },
    http: { addr: host, secret: randomUUID() },
  };
  await writeFile(join(dir, 'config.yml'), JSON.stringify(config));
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`http://${host}/v2/`);
      return { host, url: `http://${host}`, close: () => child.kill() };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error('docker-registry did not start');
}

/** Pages a tag list as distribution 3 does (lexical order, n, last, Link rel=next); passes everything else through. */
async function startPagingProxy(target) {
  const [hostname, port] = target.split(':');
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://proxy');
    const list = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    const forward = httpRequest(
      { hostname, port: Number(port), method: req.method, path: list ? url.pathname : req.url, headers: req.headers },
      (up) => {
        if (!list || up.statusCode !== 200) {
          res.writeHead(up.statusCode, up.headers);
          return up.pipe(res);
        }
        const chunks = [];
        up.on('data', (chunk) => chunks.push(chunk));
        up.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const n = Number(url.searchParams.get('n') ?? Infinity);
          const last = url.searchParams.get('last');
          const after = body.tags.sort().filter((tag) => last === null || tag > last);
          const page = after.slice(0, n);
          const headers = { 'content-type': 'application/json' };
          if (after.length > page.length)
            headers.link = `</v2/${list[1]}/tags/list?n=${n}&last=${encodeURIComponent(page.at(-1))}>; rel="next"`;
          res.writeHead(200, headers);
          res.end(JSON.stringify({ name: body.name, tags: page }));
        });
      },
    );
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** One tiny image in `repository`, its manifest put under every name of `tags`, `parallel` at a time. */
async function pushTags(url, repository, tags, seed, parallel = 32) {
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: { Labels: { seed } } }),
  );
  const digest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const upload = await fetch(`${url}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  const location = new URL(upload.headers.get('location'), url);
  location.searchParams.set('digest', digest);
  await fetch(location, { method: 'PUT', body: config, headers: { 'content-type': 'application/octet-stream' } });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: config.length },
    layers: [],
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < tags.length) {
        const tag = tags[next++];
        const put = await fetch(`${url}/v2/${repository}/manifests/${tag}`, {
          method: 'PUT',
          body: manifest,
          headers: { 'content-type': OCI_MANIFEST },
        });
        await put.arrayBuffer();
        if (put.status !== 201) throw new Error(`PUT ${repository}:${tag} answered ${put.status}`);
      }
    }),
  );
}

async function git(cwd, args) {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'b@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'b@example.com',
  };
  return (await exec('git', args, { cwd, env })).stdout.trim();
}

/** A bare env repository whose candidate branch holds `files`. */
async function envRepo(dir, files) {
  const work = join(dir, 'work');
  const bare = join(dir, 'env.git');
  await git(dir, ['init', '-q', '--bare', '-b', 'candidate', bare]);
  await git(dir, ['init', '-q', '-b', 'candidate', work]);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(work, path, '..'), { recursive: true });
    await writeFile(join(work, path), text);
  }
  await git(work, ['add', '-A']);
  await git(work, ['commit', '-q', '-m', 'Initial']);
  await git(work, ['push', '-q', bare, 'candidate']);
  return bare;
}

function deployment(name, images) {
  const containers = images.map((image, i) => `        - name: c${i}\n          image: ${image}\n`).join('');
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;
}

/** Runs the bundle; resolves with its wall time in ms and the moves it reports. */
async function runWatch(inputs) {
  const run = await runBundle('watch-images', { inputs, node });
  await rm(run.dir, { recursive: true, force: true });
  if (run.code !== 0) throw new Error(`watch-images exited ${run.code}:\n${run.stdout}${run.stderr}`);
  return { took: run.durationMs, updates: JSON.parse(run.outputs.updates) };
}

const work = await mkdtemp(join(tmpdir(), 'bench-watch-'));
const registry = await startRegistry(work);
const proxy = await startPagingProxy(registry.host);
const result = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, runs: RUNS };
try {
  // 1. many tags
  const tags = Array.from({ length: TAGS }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`);
  let started = performance.now();
  await pushTags(registry.url, 'bench/big', tags, 'big');
  result.pushTagsMs = Math.round(performance.now() - started);
  const newest = tags.at(-1);
  for (const [label, host] of [
    ['manyTagsWholeMs', registry.host],
    ['manyTagsPagedMs', proxy.host],
  ]) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const dir = await mkdtemp(join(work, 'env-'));
      const bare = await envRepo(dir, {
        'apps/big.yaml': deployment('big', [`${host}/bench/big:1.0.0`]),
        '.gitops-delivery/images.yaml': `images:\n  - image: ${host}/bench/big\n    semver: '^1'\n`,
      });
      const { took, updates } = await runWatch({ 'env-repository': bare });
      if (updates.length !== 1 || !updates[0].to.startsWith(`${newest}@`)) throw new Error(`chose ${JSON.stringify(updates)}`);
      times.push(took);
    }
    result[label] = Math.round(median(times));
  }

  // 2. many policies
  started = performance.now();
  for (let i = 0; i < POLICIES; i++)
    await pushTags(registry.url, `bench/app-${i}`, ['1.0.0', '1.1.0', '1.2.0', '2.0.0', 'latest'], `app-${i}`, 5);
  result.pushPoliciesMs = Math.round(performance.now() - started);
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const dir = await mkdtemp(join(work, 'env-'));
    const files = {
      '.gitops-delivery/images.yaml': `images:\n${Array.from({ length: POLICIES }, (_, i) => `  - image: ${registry.host}/bench/app-${i}\n    semver: '^1'\n`).join('')}`,
    };
    for (let i = 0; i < POLICIES; i++) files[`apps/app-${i}.yaml`] = deployment(`app-${i}`, [`${registry.host}/bench/app-${i}:1.0.0`]);
    const bare = await envRepo(dir, files);
    const { took, updates } = await runWatch({ 'env-repository': bare });
    if (updates.length !== POLICIES) throw new Error(`moved ${updates.length} of ${POLICIES}`);
    times.push(took);
  }
  result.manyPoliciesMs = Math.round(median(times));
  result.targets = { manyTagsMs: 2000, manyPoliciesMs: 30_000 };
  console.log(JSON.stringify(result, null, 2));
} finally {
  proxy.close();
  registry.close();
  await rm(work, { recursive: true, force: true });
}
