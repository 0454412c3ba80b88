// A throwaway registry for the demo and the benchmarks: Debian's
// docker-registry on a free loopback port, its storage under `dir`.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the registry; returns its `host:port` and a function that stops it. */
export async function startLocalRegistry(dir) {
  const port = await freePort();
  const config = join(dir, 'registry.yml');
  await writeFile(
    config,
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'registry')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\nlog:\n  level: error\n`,
  );
  const child = spawn('docker-registry', ['serve', config], { stdio: 'ignore', detached: true });
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/v2/`)
      .then((response) => response.ok)
      .catch(() => false);
    if (up) return { host: `127.0.0.1:${port}`, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error('the registry did not start');
}

/** Pushes a tiny image (an empty config, no layers) and returns its manifest digest. */
export async function pushTinyImage(host, repository, tag, seed = tag) {
  const { createHash } = await import('node:crypto');
  const sha256 = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: { Labels: { seed } } }));
  const upload = await fetch(`http://${host}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  const location = new URL(upload.headers.get('location'), `http://${host}`);
  location.searchParams.set('digest', sha256(config));
  await fetch(location, { method: 'PUT', body: config, headers: { 'content-type': 'application/octet-stream' } });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: [],
  });
  const put = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    body: manifest,
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
  });
  if (put.status !== 201) throw new Error(`pushing ${repository}:${tag} answered ${put.status}`);
  return sha256(manifest);
}
