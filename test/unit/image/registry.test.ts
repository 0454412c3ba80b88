import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  copyManifest,
  imageSize,
  MEDIA_TYPES,
  parseChallenge,
  Registry,
  RegistryError,
  sha256Digest,
  usesPlainHttp,
  type Manifest,
  type RegistryOptions,
} from '../../../src/image/registry.js';
import { freePort, startFaultProxy, startRegistry, type Fault, type StartedRegistry } from '../../support/registry.js';

const exec = promisify(execFile);

/** What skopeo, a client that shares no code with ours, reads from the registry. */
async function skopeoDigest(reference: string): Promise<string> {
  const { stdout } = await exec('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${reference}`]);
  return sha256Digest(Buffer.from(stdout));
}

const FORMATS = {
  oci: {
    manifest: MEDIA_TYPES.ociManifest,
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    manifest: MEDIA_TYPES.dockerManifest,
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
};

/** A small image made in-process: one gzipped layer and a config, pushed with the client under test. */
async function pushImage(
  registry: Registry,
  repository: string,
  tag: string,
  text: string,
  format: keyof typeof FORMATS = 'oci',
  architecture = 'amd64',
): Promise<Manifest> {
  const types = FORMATS[format];
  const layer = gzipSync(Buffer.from(text));
  const config = Buffer.from(
    JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256Digest(Buffer.from(text))] } }),
  );
  for (const blob of [layer, config]) await registry.pushBlob(repository, sha256Digest(blob), blob.length, () => new Uint8Array(blob));
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: types.manifest,
      config: { mediaType: types.config, digest: sha256Digest(config), size: config.length },
      layers: [{ mediaType: types.layer, digest: sha256Digest(layer), size: layer.length }],
    }),
  );
  await registry.putManifest(repository, tag, { mediaType: types.manifest, bytes });
  return { digest: sha256Digest(bytes), mediaType: types.manifest, size: bytes.length, bytes };
}

function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

describe('Registry against docker-registry', () => {
  let plain: StartedRegistry;
  let other: StartedRegistry;
  let client: Registry;

  beforeAll(async () => {
    [plain, other] = await Promise.all([startRegistry(), startRegistry()]);
    client = new Registry(plain.host, { plainHttp: true });
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), other?.close()]);
  });

  it('reads back the digest, media type and bytes it stored, as skopeo sees them', async () => {
    const pushed = await pushImage(client, 'app', 'v1', 'hello');
    const head = await client.head('app', 'v1');
    expect(head).toEqual({ digest: pushed.digest, mediaType: MEDIA_TYPES.ociManifest, size: pushed.size });
    const got = await client.manifest('app', pushed.digest);
    expect(got?.bytes.equals(pushed.bytes)).toBe(true);
    expect(await skopeoDigest(`${plain.host}/app:v1`)).toBe(pushed.digest);
    expect(await client.head('app', 'no-such-tag')).toBeUndefined();
    expect(await client.manifest('nothing-here', 'v1')).toBeUndefined();
  });

  it('puts a manifest under a new tag with the same digest', async () => {
    const pushed = await pushImage(client, 'retag', 'v1', 'retag me');
    const manifest = (await client.manifest('retag', 'v1'))!;
    expect(await client.putManifest('retag', 'stable', manifest)).toBe(pushed.digest);
    expect(await skopeoDigest(`${plain.host}/retag:stable`)).toBe(pushed.digest);
  });

  it('serves image indexes and Docker manifest lists with their own media types, and sums their size', async () => {
    for (const [format, mediaType] of [
      ['oci', MEDIA_TYPES.ociIndex],
      ['docker', MEDIA_TYPES.dockerManifestList],
    ] as const) {
      const images = [
        await pushImage(client, 'multi', `${format}-amd64`, `amd ${format}`, format, 'amd64'),
        await pushImage(client, 'multi', `${format}-arm64`, `arm ${format}`, format, 'arm64'),
      ];
      const manifests = images.map((image, index) => ({
        mediaType: image.mediaType,
        digest: image.digest,
        size: image.size,
        platform: { os: 'linux', architecture: ['amd64', 'arm64'][index] },
      }));
      const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests }));
      await client.putManifest('multi', format, { mediaType, bytes });

      expect(await client.head('multi', format)).toEqual({ digest: sha256Digest(bytes), mediaType, size: bytes.length });
      expect(await skopeoDigest(`${plain.host}/multi:${format}`)).toBe(sha256Digest(bytes));
      const index = (await client.manifest('multi', format))!;
      const sizes = await Promise.all(images.map((image) => imageSize(client, 'multi', image)));
      expect(sizes.every((size) => size > 0)).toBe(true);
      expect(await imageSize(client, 'multi', index)).toBe(sizes[0] + sizes[1]);
    }
  });

  it('copies an image to another repository by mounting and to another registry by streaming', async () => {
    const pushed = await pushImage(client, 'source', 'v1', 'copy me');
    const manifest = (await client.manifest('source', 'v1'))!;
    const watch = await startFaultProxy(plain.host, () => undefined);
    try {
      const watched = new Registry(watch.host, { plainHttp: true });
      await copyManifest({ registry: watched, repository: 'source' }, manifest, { registry: watched, repository: 'mounted' }, 'v1');
      const uploads = watch.requests.filter((request) => request.url.includes('/blobs/uploads/'));
      expect(uploads.map((request) => request.method)).toEqual(['POST', 'POST']);
      expect(uploads.every((request) => request.url.includes('mount=sha256'))).toBe(true);
    } finally {
      await watch.close();
    }
    expect(await skopeoDigest(`${plain.host}/mounted:v1`)).toBe(pushed.digest);
    const elsewhere = new Registry(other.host, { plainHttp: true });
    await copyManifest({ registry: client, repository: 'source' }, manifest, { registry: elsewhere, repository: 'team/copied' }, 'v1');
    expect(await skopeoDigest(`${other.host}/team/copied:v1`)).toBe(pushed.digest);
  });
});

describe('Registry authentication', () => {
  let basic: StartedRegistry;
  let token: StartedRegistry;

  beforeAll(async () => {
    [basic, token] = await Promise.all([
      startRegistry({ htpasswd: { user: 'ci', password: 'basic-s3cret' } }),
      startRegistry({
        token: {
          users: [
            { user: 'ci', password: 'token-s3cret' },
            { user: 'reader', password: 'read-only', actions: ['pull'] },
            { user: '<token>', password: '', identityToken: 'refresh-s3cret' },
          ],
        },
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([basic?.close(), token?.close()]);
  });

  const failure = async (promise: Promise<unknown>): Promise<RegistryError> => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RegistryError);
    return error as RegistryError;
  };

  it('answers a Basic challenge with the credentials, and names the registry and user when they are refused', async () => {
    const good = new Registry(basic.host, { plainHttp: true, credentials: async () => ({ username: 'ci', password: 'basic-s3cret' }) });
    await good.authorize('app', ['pull', 'push']);
    await pushImage(good, 'app', 'v1', 'basic');
    expect((await good.head('app', 'v1'))?.digest).toMatch(/^sha256:/);

    const wrong = await failure(
      new Registry(basic.host, { plainHttp: true, credentials: async () => ({ username: 'ci', password: 'wrong-pass' }) }).authorize(
        'app',
        ['pull', 'push'],
      ),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.message).toContain(`registry ${basic.host} refused the credentials of 'ci'`);
    expect(wrong.message).not.toContain('wrong-pass');

    const none = await failure(new Registry(basic.host, { plainHttp: true }).head('app', 'v1'));
    expect(none.message).toContain(`registry ${basic.host} requires credentials`);
  });

  it('fetches bearer tokens per scope from the token service and reuses them', async () => {
    const registry = new Registry(token.host, { plainHttp: true, credentials: async () => ({ username: 'ci', password: 'token-s3cret' }) });
    await registry.authorize('app', ['pull', 'push']);
    const before = token.tokenRequests.length;
    const pushed = await pushImage(registry, 'app', 'v1', 'bearer');
    expect((await registry.head('app', 'v1'))?.digest).toBe(pushed.digest);
    // The push reused the token authorize got for 'pull,push'; the pull-only HEAD is a scope of its own.
    expect(token.tokenRequests.length - before).toBe(1);
    expect(token.tokenRequests.every((request) => request.user === 'ci')).toBe(true);
    expect(token.tokenRequests.at(-1)?.url).toContain('scope=repository%3Aapp%3Apull');
  });

  it('says the token service refused the password, without the password', async () => {
    const error = await failure(
      new Registry(token.host, { plainHttp: true, credentials: async () => ({ username: 'ci', password: 'not-it' }) }).authorize('app', [
        'pull',
        'push',
      ]),
    );
    expect(error.status).toBe(401);
    expect(error.message).toMatch(new RegExp(`registry ${token.host}: its token service .* refused the credentials of 'ci'`));
    expect(error.message).not.toContain('not-it');
  });

  it('tells a user without push rights apart from a wrong password', async () => {
    const reader = new Registry(token.host, { plainHttp: true, credentials: async () => ({ username: 'reader', password: 'read-only' }) });
    const error = await failure(reader.putManifest('app', 'v2', { mediaType: MEDIA_TYPES.ociManifest, bytes: Buffer.from('{}') }));
    expect(error.message).toContain(`registry ${token.host} denied 'reader' the right to push to app`);
  });

  it('exchanges an identity token by the OAuth2 POST flow', async () => {
    const registry = new Registry(token.host, {
      plainHttp: true,
      credentials: async () => ({ username: '<token>', password: '', identityToken: 'refresh-s3cret' }),
    });
    await registry.authorize('oauth', ['pull', 'push']);
    expect(token.tokenRequests.at(-1)).toMatchObject({ method: 'POST', user: '<token>' });
    await pushImage(registry, 'oauth', 'v1', 'oauth');
    expect((await registry.head('oauth', 'v1'))?.digest).toMatch(/^sha256:/);
  });
});

describe('Registry faults', () => {
  let registry: StartedRegistry;
  let seeded: Manifest;

  beforeAll(async () => {
    registry = await startRegistry();
    seeded = await pushImage(new Registry(registry.host, { plainHttp: true }), 'app', 'v1', 'faults');
  });
  afterAll(async () => {
    await registry?.close();
  });

  async function throughProxy(
    decide: (request: { method: string; url: string }, index: number) => Fault | undefined,
    options: RegistryOptions = {},
  ) {
    const proxy = await startFaultProxy(registry.host, decide);
    const { delays, sleep } = recordingSleep();
    const client = new Registry(proxy.host, { plainHttp: true, sleep, random: () => 0.5, ...options });
    return { proxy, delays, client };
  }

  it('retries 500s with doubling, fully jittered delays and succeeds on the fourth attempt', async () => {
    const { proxy, delays, client } = await throughProxy((_request, index) => (index < 3 ? { status: 500 } : undefined));
    try {
      expect((await client.head('app', 'v1'))?.digest).toBe(seeded.digest);
      expect(proxy.requests).toHaveLength(4);
      expect(delays).toEqual([250, 500, 1000]);
    } finally {
      await proxy.close();
    }
  });

  it('gives up after four attempts of 500, with the status in the message', async () => {
    const { proxy, delays, client } = await throughProxy(() => ({ status: 500 }));
    try {
      await expect(client.head('app', 'v1')).rejects.toThrow(
        `registry ${proxy.host} answered 500 Internal Server Error to HEAD /v2/app/manifests/v1 after 4 attempts`,
      );
      await expect(client.manifest('app', 'v1')).rejects.toThrow(
        `registry ${proxy.host} answered 500 Internal Server Error: INJECTED: injected 500 to GET /v2/app/manifests/v1 after 4 attempts`,
      );
      expect(proxy.requests).toHaveLength(8);
      expect(delays).toHaveLength(6);
    } finally {
      await proxy.close();
    }
  });

  it('honours Retry-After on 429 and retries dropped connections', async () => {
    const { proxy, delays, client } = await throughProxy((_request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '2' } } : index === 1 ? 'reset' : undefined,
    );
    try {
      expect((await client.manifest('app', 'v1'))?.digest).toBe(seeded.digest);
      expect(delays[0]).toBe(2000);
      expect(delays).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('reports a 403 as a denial, without retrying it', async () => {
    const { proxy, client } = await throughProxy(() => ({ status: 403 }));
    try {
      await expect(client.head('app', 'v1')).rejects.toThrow(
        `registry ${proxy.host} denied anonymous access the right to pull from app (403 Forbidden`,
      );
      expect(proxy.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('puts a time limit on every request', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const { delays, sleep } = recordingSleep();
    try {
      const client = new Registry(host, { plainHttp: true, timeoutMs: 200, attempts: 2, sleep });
      const started = Date.now();
      await expect(client.head('app', 'v1')).rejects.toThrow(
        `registry ${host} is unreachable: no answer before the time limit (HEAD /v2/app/manifests/v1, 2 attempts)`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
      expect(delays).toHaveLength(1);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says a registry nobody listens on is unreachable', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const client = new Registry(host, { plainHttp: true, sleep: recordingSleep().sleep });
    await expect(client.authorize('app', ['pull'])).rejects.toThrow(`registry ${host} is unreachable: ECONNREFUSED`);
  });
});

describe('registry helpers', () => {
  it('allows plain HTTP to loopback registries and listed ones only', () => {
    expect(usesPlainHttp('127.0.0.1:5000')).toBe(true);
    expect(usesPlainHttp('localhost:5000')).toBe(true);
    expect(usesPlainHttp('[::1]:5000')).toBe(true);
    expect(usesPlainHttp('registry.internal:5000')).toBe(false);
    expect(usesPlainHttp('registry.internal:5000', ['registry.internal'])).toBe(true);
    expect(usesPlainHttp('registry.internal:5000', ['registry.internal:5001'])).toBe(false);
    expect(usesPlainHttp('ghcr.io')).toBe(false);
  });

  it('parses challenges whose quoted values hold commas and spaces', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push repository:c:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push repository:c:pull' },
    });
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
    expect(parseChallenge(null)).toBeUndefined();
  });
});
