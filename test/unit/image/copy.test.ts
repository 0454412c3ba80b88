import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { copyImage, planPublication, preparePublication, tagImage } from '../../../src/image/copy.js';
import { parseImageReference } from '../../../src/image/reference.js';
import { silentLogger } from '../../../src/action/logger.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../support/temp.js';
import { MEDIA_TYPES, Registry, RegistryError, sha256Digest, type Fetch, type Manifest } from '../../../src/image/registry.js';
import { startFaultProxy, startRegistry, type StartedRegistry } from '../../support/registry.js';

const exec = promisify(execFile);

/** The digest skopeo, a client that shares no code with ours, reads from the registry. */
async function skopeoDigest(reference: string, creds?: string): Promise<string> {
  const { stdout } = await exec('skopeo', [
    'inspect',
    '--tls-verify=false',
    '--raw',
    ...(creds ? ['--creds', creds] : []),
    `docker://${reference}`,
  ]);
  return sha256Digest(Buffer.from(stdout));
}

/** An image of one layer (`layer` bytes, stored as given) and a config naming the architecture. */
async function pushImage(registry: Registry, repository: string, layer: Buffer, architecture: string): Promise<Manifest> {
  const config = Buffer.from(JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256Digest(layer)] } }));
  for (const blob of [layer, config]) await registry.pushBlob(repository, sha256Digest(blob), blob.length, () => new Uint8Array(blob));
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256Digest(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256Digest(layer), size: layer.length }],
    }),
  );
  const manifest = { digest: sha256Digest(bytes), mediaType: MEDIA_TYPES.ociManifest, size: bytes.length, bytes };
  await registry.putManifest(repository, manifest.digest, manifest);
  return manifest;
}

/** An OCI index of an amd64 and an arm64 image. */
async function pushIndex(registry: Registry, repository: string, tag: string): Promise<{ index: Manifest; children: Manifest[] }> {
  const children = [
    await pushImage(registry, repository, gzipSync(`amd64 ${tag}`), 'amd64'),
    await pushImage(registry, repository, gzipSync(`arm64 ${tag}`), 'arm64'),
  ];
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: children.map((child, i) => ({
        mediaType: child.mediaType,
        digest: child.digest,
        size: child.size,
        platform: { os: 'linux', architecture: ['amd64', 'arm64'][i] },
      })),
    }),
  );
  const index = { digest: sha256Digest(bytes), mediaType: MEDIA_TYPES.ociIndex, size: bytes.length, bytes };
  await registry.putManifest(repository, tag, index);
  return { index, children };
}

describe('copyImage between two real registries', () => {
  let source: StartedRegistry;
  let target: StartedRegistry;
  let from: Registry;
  let to: Registry;
  const login = { username: 'publisher', password: 'target-s3cret' };

  beforeAll(async () => {
    [source, target] = await Promise.all([
      startRegistry(),
      startRegistry({ htpasswd: { user: login.username, password: login.password } }),
    ]);
    from = new Registry(source.host, { plainHttp: true });
    to = new Registry(target.host, { plainHttp: true, credentials: async () => login });
  });
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
  });

  it('copies an index whole, children first, to a registry behind Basic auth; a second copy transfers nothing', async () => {
    const { index, children } = await pushIndex(from, 'internal/hello', 'v1');
    const first = await copyImage({ registry: from, repository: 'internal/hello' }, { registry: to, repository: 'acme/hello' }, index);
    expect(first).toMatchObject({
      digest: index.digest,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: { copied: 3, present: 0 },
      blobs: { copied: 4, mounted: 0, present: 0 },
    });
    expect(first.bytes).toBeGreaterThan(0);
    const creds = `${login.username}:${login.password}`;
    expect(await skopeoDigest(`${target.host}/acme/hello@${index.digest}`, creds)).toBe(index.digest);
    for (const child of children) expect(await skopeoDigest(`${target.host}/acme/hello@${child.digest}`, creds)).toBe(child.digest);

    const again = await copyImage({ registry: from, repository: 'internal/hello' }, { registry: to, repository: 'acme/hello' }, index);
    expect(again).toMatchObject({ manifests: { copied: 0, present: 3 }, blobs: { copied: 0, mounted: 0, present: 4 }, bytes: 0 });

    expect(await tagImage({ registry: to, repository: 'acme/hello' }, index, 'latest')).toBe(true);
    expect(await tagImage({ registry: to, repository: 'acme/hello' }, index, 'latest')).toBe(false);
    expect(await skopeoDigest(`${target.host}/acme/hello:latest`, creds)).toBe(index.digest);
  });

  it('mounts blobs within one registry instead of sending them', async () => {
    const { index } = await pushIndex(from, 'internal/mounted', 'v1');
    const copied = await copyImage(
      { registry: from, repository: 'internal/mounted' },
      { registry: from, repository: 'public/mounted' },
      index,
    );
    expect(copied).toMatchObject({ manifests: { copied: 3 }, blobs: { copied: 0, mounted: 4, present: 0 }, bytes: 0 });
    expect(await skopeoDigest(`${source.host}/public/mounted@${index.digest}`)).toBe(index.digest);
  });

  it('sends a blob larger than the chunk size in chunks, and starts it over when a chunk is lost on the way back', async () => {
    const layer = randomBytes(50_000);
    const manifest = await pushImage(from, 'internal/big', layer, 'amd64');
    const watch = await startFaultProxy(target.host, () => undefined);
    let patches = 0;
    // The first chunk reaches the registry but its answer is lost, as when a connection drops on the way back:
    // the client sends it again, which distribution refuses and answers by cancelling the upload.
    const losing: Fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'PATCH' && patches++ === 0) {
        await response.body?.cancel();
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return response;
    };
    try {
      const proxied = new Registry(watch.host, {
        plainHttp: true,
        credentials: async () => login,
        fetch: losing,
        sleep: async () => undefined,
      });
      const copied = await copyImage(
        { registry: from, repository: 'internal/big' },
        { registry: proxied, repository: 'acme/big' },
        manifest,
        {
          chunkSize: 16_384,
        },
      );
      expect(copied.blobs).toEqual({ copied: 2, mounted: 0, present: 0 });
      const uploads = watch.requests.filter((request) => request.url.includes('/blobs/uploads/')).map((request) => request.method);
      // The config in one PUT; the layer's first upload (a chunk, its replay) cancelled, then 50 000 bytes in four chunks of 16 384.
      expect(uploads.filter((method) => method === 'PATCH')).toHaveLength(6);
      expect(uploads.filter((method) => method === 'POST')).toHaveLength(3);
    } finally {
      await watch.close();
    }
    const blob = await to.openBlob('acme/big', sha256Digest(layer));
    expect(Buffer.from(await blob.arrayBuffer()).equals(layer)).toBe(true);
  });

  it('fails on refused credentials, naming the registry and the user, not the password', async () => {
    const { index } = await pushIndex(from, 'internal/refused', 'v1');
    const wrong = new Registry(target.host, {
      plainHttp: true,
      credentials: async () => ({ username: 'publisher', password: 'nope-nope' }),
    });
    const error = await copyImage(
      { registry: from, repository: 'internal/refused' },
      { registry: wrong, repository: 'acme/refused' },
      index,
    ).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(RegistryError);
    expect(error?.message).toContain(`registry ${target.host} refused the credentials of 'publisher'`);
    expect(error?.message).not.toContain('nope-nope');
  });
});

describe('preparePublication', () => {
  it('refuses a target whose token service grants pull but not push, before anything is copied', async () => {
    const [source, target] = await Promise.all([
      startRegistry(),
      startRegistry({ token: { users: [{ user: 'reader', password: 'read-only', actions: ['pull'] }] } }),
    ]);
    try {
      const from = new Registry(source.host, { plainHttp: true });
      const { index } = await pushIndex(from, 'internal/hello', 'v1');
      const authFile = join(await tempDir('publish-auth'), 'auth.json');
      await writeFile(authFile, JSON.stringify({ auths: { [target.host]: { auth: Buffer.from('reader:read-only').toString('base64') } } }));
      const plan = planPublication(
        [{ source: parseImageReference(`${source.host}/internal/hello`), target: parseImageReference(`${target.host}/acme/hello`) }],
        [{ image: parseImageReference(`${source.host}/internal/hello@${index.digest}`), file: 'hello.yaml' }],
        'abc1234',
        [],
      );
      const error = await preparePublication(plan, [], { env: { REGISTRY_AUTH_FILE: authFile }, logger: silentLogger }).then(
        () => undefined,
        (caught: unknown) => caught as Error,
      );
      expect(error?.message).toMatch(
        new RegExp(`^cannot publish to ${target.host}/acme/hello: registry ${target.host} denied 'reader' the right to push to acme/hello`),
      );
      expect(error?.message).toContain('nothing was promoted');
      expect(
        await new Registry(target.host, { plainHttp: true, credentials: async () => ({ username: 'reader', password: 'read-only' }) }).head(
          'acme/hello',
          index.digest,
        ),
      ).toBeUndefined();
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });
});
