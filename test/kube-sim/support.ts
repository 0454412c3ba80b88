import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

export type Kubectl = (args: string[], options?: { stdin?: string; timeoutMs?: number }) => Promise<KubectlRun>;

/**
 * The real kubectl (the Cloud SDK dispatcher, which runs the kubectl.1.NN
 * matching the server) with a simulator's kubeconfig. Each simulator gets its own
 * cache folder: kubectl caches discovery per host:port, and ports come back.
 */
export function kubectlFor(kubeconfigPath: string, cacheDir: string): Kubectl {
  return (args, { stdin, timeoutMs = 30_000 } = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('kubectl', ['--kubeconfig', kubeconfigPath, ...args], {
        env: { ...process.env, KUBECACHEDIR: cacheDir, HOME: cacheDir },
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: timeoutMs,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(stdin ?? '');
    });
}

/**
 * Writes a minimal OCI image layout (an empty layer, a config, a manifest)
 * tagged `tag`, the smallest thing skopeo will copy into a registry.
 */
export async function ociLayout(dir: string, tag: string): Promise<string> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const put = async (bytes: Buffer) => {
    const hex = createHash('sha256').update(bytes).digest('hex');
    await writeFile(join(blobs, hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const tar = Buffer.alloc(1024); // an empty tar archive: two zero blocks
  const layer = await put(gzipSync(tar));
  const diffId = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
  const config = await put(
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffId] }, config: {} })),
  );
  const manifest = await put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
      }),
    ),
  );
  const index = {
    schemaVersion: 2,
    manifests: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': tag } },
    ],
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  return manifest.digest;
}

/** A Deployment manifest, as YAML. */
export function deployment(
  name: string,
  image: string,
  extra: { replicas?: number; progressDeadlineSeconds?: number; env?: Record<string, string> } = {},
): string {
  const env = Object.entries(extra.env ?? {});
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: ${extra.replicas ?? 2}
${extra.progressDeadlineSeconds ? `  progressDeadlineSeconds: ${extra.progressDeadlineSeconds}\n` : ''}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}, tier: web}
    spec:
      containers:
        - name: app
          image: ${image}
          ports: [{containerPort: 8080}]
${env.length ? `          env:\n${env.map(([k, v]) => `            - {name: ${k}, value: "${v}"}`).join('\n')}\n` : ''}`;
}
