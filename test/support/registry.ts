import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * A real registry for tests: Debian's `docker-registry` (distribution 2.8) on
 * 127.0.0.1, its storage in a temp folder. Optionally behind htpasswd (Basic)
 * or behind a token service (Bearer) of our own that signs real JWTs the
 * registry verifies against a certificate made for the run.
 */
export interface User {
  user: string;
  password: string;
  /** What the token service grants this user on any repository (default pull and push). */
  actions?: ('pull' | 'push')[];
  /** A refresh token that the token service exchanges by the OAuth2 POST flow. */
  identityToken?: string;
}

export interface RegistryOptions {
  htpasswd?: { user: string; password: string };
  token?: { users: User[] };
}

export interface StartedRegistry {
  /** `127.0.0.1:PORT`, as image references name it. */
  host: string;
  url: string;
  dir: string;
  /** Requests the token service received, when there is one. */
  tokenRequests: { method: string; url: string; user?: string }[];
  /** What the registry wrote to stderr, for a failing test's message. */
  log(): string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * A bcrypt line for htpasswd, which is all distribution accepts: from `htpasswd` when installed, else Python's crypt.
 * The lowest cost keeps each authenticated request fast; the registry checks the password on every one.
 */
async function bcryptLine(user: string, password: string): Promise<string> {
  try {
    const { stdout } = await exec('htpasswd', ['-nbBC', '4', user, password]);
    return stdout.trim();
  } catch {
    const script = 'import crypt, sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))';
    const { stdout } = await exec('python3', ['-W', 'ignore', '-c', script, password]);
    return `${user}:${stdout.trim()}`;
  }
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

interface TokenService {
  realm: string;
  certFile: string;
  requests: StartedRegistry['tokenRequests'];
  close(): Promise<void>;
}

/** The token service of the distribution token spec: checks the user, signs an ES256 JWT granting the requested scopes. */
async function startTokenService(dir: string, users: User[]): Promise<TokenService> {
  const keyFile = join(dir, 'token.key');
  const certFile = join(dir, 'token.crt');
  await exec('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '1',
    '-subj',
    '/CN=test-token-issuer',
  ]);
  const key = createPrivateKey(await readFile(keyFile));
  const chain = [new X509Certificate(await readFile(certFile)).raw.toString('base64')];
  const requests: TokenService['requests'] = [];

  const issue = (user: User | undefined, scopes: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      if (type !== 'repository' || !user) return [];
      const granted = actions.split(',').filter((action) => (user.actions ?? ['pull', 'push']).includes(action as 'pull'));
      return [{ type, name, actions: granted }];
    });
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', x5c: chain }));
    const claims = base64url(
      JSON.stringify({
        iss: 'test-issuer',
        sub: user?.user ?? '',
        aud: 'test-registry',
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      }),
    );
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' });
    return `${header}.${claims}.${base64url(signature)}`;
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://token');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let user: User | undefined;
    let scopes = url.searchParams.getAll('scope');
    if (req.method === 'POST') {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      scopes = form.getAll('scope');
      user = users.find((candidate) => candidate.identityToken && candidate.identityToken === form.get('refresh_token'));
      requests.push({ method: 'POST', url: req.url ?? '', user: user?.user });
      if (!user) return reply(401, { details: 'invalid refresh token' });
    } else {
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      const [name, password] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(/:(.*)/s) : [];
      requests.push({ method: 'GET', url: req.url ?? '', user: name });
      if (basic) {
        user = users.find((candidate) => candidate.user === name && candidate.password === password);
        if (!user) return reply(401, { details: 'invalid username or password' });
      }
    }
    reply(200, { token: issue(user, scopes), expires_in: 300 });
  });
  const port = await listen(server);
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certFile,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function waitForRegistry(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited ${child.exitCode}: ${log()}`);
    try {
      await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`docker-registry did not answer at ${url} within 15 s: ${log()}`);
}

export async function startRegistry(options: RegistryOptions = {}): Promise<StartedRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const tokenService = options.token ? await startTokenService(dir, options.token.users) : undefined;
  const auth: Record<string, unknown> = {};
  if (options.htpasswd) {
    const file = join(dir, 'htpasswd');
    await writeFile(file, `${await bcryptLine(options.htpasswd.user, options.htpasswd.password)}\n`);
    auth.htpasswd = { realm: 'test-registry', path: file };
  }
  if (tokenService) {
    auth.token = { realm: tokenService.realm, service: 'test-registry', issuer: 'test-issuer', rootcertbundle: tokenService.certFile };
  }
  // JSON is YAML, so the config needs no YAML writer.
  const config = {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
    http: { addr: host, secret: randomUUID() },
    ...(Object.keys(auth).length && { auth }),
  };
  const configFile = join(dir, 'config.yml');
  await writeFile(configFile, JSON.stringify(config, null, 2));

  const child = spawn('docker-registry', ['serve', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const log = () => stderr;
  const url = `http://${host}`;
  try {
    await waitForRegistry(url, child, log);
  } catch (error) {
    child.kill();
    await tokenService?.close();
    throw error;
  }
  return {
    host,
    url,
    dir,
    tokenRequests: tokenService?.requests ?? [],
    log,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      await tokenService?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What the proxy does to one request instead of forwarding it. */
export type Fault = { status: number; headers?: Record<string, string> } | 'reset';

export interface FaultProxy {
  host: string;
  /** Every request seen, in order, with what was done to it. */
  requests: { method: string; url: string; fault?: Fault }[];
  close(): Promise<void>;
}

/**
 * A plain HTTP proxy in front of a real registry that answers some requests
 * itself (a 500, a 403) or drops the connection, to see how a client copes.
 */
export async function startFaultProxy(
  target: string,
  decide: (request: { method: string; url: string }, index: number) => Fault | undefined,
): Promise<FaultProxy> {
  const requests: FaultProxy['requests'] = [];
  const server = createServer((req, res) => {
    const seen = { method: req.method ?? 'GET', url: req.url ?? '/' };
    const fault = decide(seen, requests.length);
    requests.push({ ...seen, fault });
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify({ errors: [{ code: 'INJECTED', message: `injected ${fault.status}` }] }));
      return;
    }
    const [hostname, port] = target.split(':');
    // The Host header stays the proxy's, so that upload locations the registry hands out lead back through the proxy.
    const forward = httpRequest({ hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const port = await listen(server);
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Private buildah storage (vfs) in `dir`, for the environment of every buildah that tests run. */
export async function buildahStorage(dir: string): Promise<NodeJS.ProcessEnv> {
  const conf = join(dir, 'storage.conf');
  await mkdir(dir, { recursive: true });
  await writeFile(conf, `[storage]\ndriver = "vfs"\ngraphroot = "${join(dir, 'root')}"\nrunroot = "${join(dir, 'run')}"\n`);
  return { CONTAINERS_STORAGE_CONF: conf };
}

/**
 * Pushes `reference`, a base image with a working /bin/sh, for Dockerfiles
 * whose RUN steps need one: the host's own shell and the libraries `ldd`
 * names, assembled with `buildah from scratch`. No image needs downloading.
 */
export async function pushShellBaseImage(reference: string, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const rootfs = join(dir, 'rootfs');
  const shell = '/bin/sh';
  const { stdout } = await exec('ldd', [shell]);
  const libraries = [...stdout.matchAll(/(\/\S+) \(0x/g)].map((match) => match[1]);
  for (const file of [shell, ...libraries]) {
    await exec('mkdir', ['-p', join(rootfs, file, '..')]);
    await exec('cp', ['-L', file, join(rootfs, file)]);
  }
  const options = { env: { ...process.env, ...env } };
  const { stdout: container } = await exec('buildah', ['from', 'scratch'], options);
  try {
    await exec('buildah', ['copy', container.trim(), rootfs, '/'], options);
    await exec('buildah', ['commit', '--quiet', container.trim(), reference], options);
  } finally {
    await exec('buildah', ['rm', container.trim()], options);
  }
  await exec('buildah', ['push', '--quiet', '--tls-verify=false', reference, `docker://${reference}`], options);
}

/**
 * A real image in an unauthenticated test registry: an empty config and no
 * layers, which is all the simulated kubelet pulls. `seed` makes the config,
 * and so the digest, differ between images. Returns `HOST/REPO:TAG` and the
 * manifest digest the registry holds.
 */
export async function pushEmptyImage(
  registry: Pick<StartedRegistry, 'url' | 'host'>,
  repository: string,
  tag: string,
  seed = '',
): Promise<{ reference: string; digest: string }> {
  const { createHash } = await import('node:crypto');
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [] },
      config: seed ? { Labels: { seed } } : {},
    }),
  );
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const upload = await fetch(`${registry.url}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  const location = new URL(upload.headers.get('location')!, registry.url);
  location.searchParams.set('digest', configDigest);
  const blob = await fetch(location, { method: 'PUT', body: config, headers: { 'content-type': 'application/octet-stream' } });
  if (blob.status !== 201) throw new Error(`blob upload answered ${blob.status}`);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
    layers: [],
  });
  const put = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    body: manifest,
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
  });
  if (put.status !== 201) throw new Error(`manifest upload answered ${put.status}`);
  return { reference: `${registry.host}/${repository}:${tag}`, digest: `sha256:${createHash('sha256').update(manifest).digest('hex')}` };
}

/**
 * Pushes `reference` as a multi-architecture image built with buildah: one
 * tiny image per architecture (a file saying which, its config naming the
 * architecture), gathered by `buildah manifest create` and `add`, and pushed
 * whole with `buildah manifest push --all` as an OCI index.
 */
export async function pushMultiArchImage(
  reference: string,
  dir: string,
  env: NodeJS.ProcessEnv,
  architectures: string[] = ['amd64', 'arm64'],
): Promise<void> {
  const options = { env: { ...process.env, ...env } };
  const list = `localhost/multi-${randomUUID().slice(0, 8)}`;
  await exec('buildah', ['manifest', 'create', list], options);
  for (const architecture of architectures) {
    const file = join(dir, `${architecture}.txt`);
    await mkdir(dir, { recursive: true });
    await writeFile(file, `built for ${architecture} (${reference})\n`);
    const { stdout } = await exec('buildah', ['from', 'scratch'], options);
    const container = stdout.trim();
    try {
      await exec('buildah', ['copy', container, file, '/arch.txt'], options);
      await exec('buildah', ['config', '--os', 'linux', '--arch', architecture, container], options);
      await exec('buildah', ['commit', '--quiet', container, `${list}-${architecture}`], options);
    } finally {
      await exec('buildah', ['rm', container], options);
    }
    await exec('buildah', ['manifest', 'add', list, `containers-storage:${list}-${architecture}`], options);
  }
  await exec(
    'buildah',
    ['manifest', 'push', '--all', '--quiet', '--format', 'oci', '--tls-verify=false', list, `docker://${reference}`],
    options,
  );
}
