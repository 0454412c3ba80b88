import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authFileContent, hasDockerLogin, storedCredentials } from '../../../src/image/credentials.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('storedCredentials', () => {
  let dir: string;
  let bin: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'credentials-'));
    bin = join(dir, 'bin');
    await mkdir(bin);
    // A credential helper speaking docker's protocol: the server on stdin, JSON on stdout, "credentials not found" otherwise.
    const helper = join(bin, 'docker-credential-vault');
    await writeFile(
      helper,
      [
        '#!/bin/sh',
        '[ "$1" = get ] || exit 2',
        'read -r server',
        'case "$server" in',
        '  helped.example) printf \'{"ServerURL":"%s","Username":"robot","Secret":"helper-secret"}\' "$server" ;;',
        '  oauth.example) printf \'{"ServerURL":"%s","Username":"<token>","Secret":"refresh-token"}\' "$server" ;;',
        '  https://index.docker.io/v1/) printf \'{"ServerURL":"%s","Username":"hub-user","Secret":"hub-secret"}\' "$server" ;;',
        '  broken.example) echo "vault sealed" >&2; exit 3 ;;',
        '  *) echo "credentials not found in native keychain"; exit 1 ;;',
        'esac',
        '',
      ].join('\n'),
    );
    await chmod(helper, 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function home(name: string, config: object): Promise<NodeJS.ProcessEnv> {
    const folder = join(dir, name);
    await mkdir(join(folder, '.docker'), { recursive: true });
    await writeFile(join(folder, '.docker', 'config.json'), JSON.stringify(config));
    return { HOME: folder, PATH: `${bin}:${process.env.PATH}` };
  }

  it('decodes auths entries, whatever form their key takes', async () => {
    const env = await home('auths', {
      auths: {
        'ghcr.io': { auth: base64('octo:ghcr-secret:with-colon') },
        'https://registry.example:5000/v1/': { username: 'u', password: 'p' },
        'https://index.docker.io/v1/': { auth: base64('hub:hub-pass') },
      },
    });
    expect(await storedCredentials('ghcr.io', { env })).toEqual({ username: 'octo', password: 'ghcr-secret:with-colon' });
    expect(await storedCredentials('registry.example:5000', { env })).toEqual({ username: 'u', password: 'p' });
    expect(await storedCredentials('docker.io', { env })).toEqual({ username: 'hub', password: 'hub-pass' });
    expect(await storedCredentials('quay.io', { env })).toBeUndefined();
  });

  it('runs the credential helper named for the registry, or the store for all', async () => {
    const env = await home('helpers', { credHelpers: { 'helped.example': 'vault', 'oauth.example': 'vault', 'broken.example': 'vault' } });
    expect(await storedCredentials('helped.example', { env })).toEqual({ username: 'robot', password: 'helper-secret' });
    expect(await storedCredentials('oauth.example', { env })).toEqual({
      username: '<token>',
      password: '',
      identityToken: 'refresh-token',
    });
    await expect(storedCredentials('broken.example', { env })).rejects.toThrow(
      'credential helper docker-credential-vault failed for broken.example (exit 3): vault sealed',
    );

    const store = await home('store', { credsStore: 'vault', auths: { 'docker.io': {} } });
    expect(await storedCredentials('docker.io', { env: store })).toEqual({ username: 'hub-user', password: 'hub-secret' });
    expect(await storedCredentials('unknown.example', { env: store })).toBeUndefined();
  });

  it("prefers buildah's auth file to docker's config", async () => {
    const env = await home('both', { auths: { 'ghcr.io': { auth: base64('docker-user:docker-pass') } } });
    const authFile = join(dir, 'both', 'auth.json');
    await writeFile(authFile, JSON.stringify({ auths: { 'ghcr.io': { auth: base64('podman-user:podman-pass') } } }));
    expect(await storedCredentials('ghcr.io', { env: { ...env, REGISTRY_AUTH_FILE: authFile } })).toEqual({
      username: 'podman-user',
      password: 'podman-pass',
    });
  });

  it('writes an auth file that reads back as the same credentials', async () => {
    const folder = join(dir, 'roundtrip', '.docker');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'config.json'), authFileContent('docker.io', { username: 'me', password: 'pa:ss' }));
    const env = { HOME: join(dir, 'roundtrip') };
    expect(await storedCredentials('index.docker.io', { env })).toEqual({ username: 'me', password: 'pa:ss' });
    expect(await hasDockerLogin('docker.io', env)).toBe(true);
    expect(await hasDockerLogin('ghcr.io', env)).toBe(false);
  });
});
