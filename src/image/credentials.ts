import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../action/inputs.js';

/**
 * Registry credentials, from the action's inputs or, as docker and buildah
 * find them, from what an earlier step's `docker login` (or
 * docker/login-action, redhat-actions/podman-login) left on the runner.
 */
export interface Credentials {
  username: string;
  password: string;
  /** A refresh token from `docker login` against an OAuth2 registry; exchanged for access tokens. */
  identityToken?: string;
}

/** Runs `docker-credential-<name> get` with the server on stdin, returning what it printed; the helper protocol of docker. */
export type CredentialHelperRunner = (helper: string, server: string, env: Env) => Promise<string | undefined>;

export interface CredentialSources {
  env: Env;
  runHelper?: CredentialHelperRunner;
}

interface AuthConfig {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface ConfigFile {
  auths?: Record<string, AuthConfig>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** Docker Hub is keyed by its old index URL in every docker config. */
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

function isDockerHub(host: string): boolean {
  return ['', 'docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(host);
}

/** `https://ghcr.io/v1/` and `ghcr.io` name the same registry in a config's keys. */
function normalizeKey(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return isDockerHub(host) ? 'docker.io' : host;
}

function entryFor<T>(map: Record<string, T> | undefined, host: string): T | undefined {
  if (!map) return undefined;
  const wanted = normalizeKey(host);
  const key = Object.keys(map).find((candidate) => normalizeKey(candidate) === wanted);
  return key === undefined ? undefined : map[key];
}

function decodeAuth(entry: AuthConfig): Credentials | undefined {
  if (entry.identitytoken) return { username: entry.username ?? '<token>', password: '', identityToken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  return undefined;
}

export const runCredentialHelper: CredentialHelperRunner = (helper, server, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${helper}`, ['get'], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`credential helper docker-credential-${helper} could not be run: ${error.message}`)));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) return resolve(stdout);
      // The protocol's answer for "nothing stored for this server"; anything else is a broken helper.
      const message = `${stdout}${Buffer.concat(err).toString('utf8')}`.trim();
      if (/credentials not found/i.test(message)) return resolve(undefined);
      reject(new Error(`credential helper docker-credential-${helper} failed for ${server} (exit ${code}): ${message.split('\n')[0]}`));
    });
    child.stdin.end(server);
  });

async function fromHelper(helper: string, host: string, runHelper: CredentialHelperRunner, env: Env): Promise<Credentials | undefined> {
  const output = await runHelper(helper, isDockerHub(host) ? DOCKER_HUB_KEY : host, env);
  if (!output?.trim()) return undefined;
  const { Username: username = '', Secret: secret = '' } = JSON.parse(output) as { Username?: string; Secret?: string };
  if (!secret) return undefined;
  // Helpers store identity tokens under this conventional user name.
  return username === '<token>' ? { username, password: '', identityToken: secret } : { username, password: secret };
}

async function readConfig(path: string): Promise<ConfigFile | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ConfigFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read registry credentials from ${path}: ${(error as Error).message}`);
  }
}

/** The files a login may have written, in the order buildah consults them: its own auth file first, then docker's. */
export function credentialFiles(env: Env): string[] {
  const files: string[] = [];
  if (env.REGISTRY_AUTH_FILE) files.push(env.REGISTRY_AUTH_FILE);
  else if (env.XDG_RUNTIME_DIR) files.push(join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
  files.push(join(env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'), 'config.json'));
  return files;
}

/** Credentials a runner holds for `host`, or undefined: the registry is then asked anonymously. */
export async function storedCredentials(
  host: string,
  { env, runHelper = runCredentialHelper }: CredentialSources,
): Promise<Credentials | undefined> {
  for (const file of credentialFiles(env)) {
    const config = await readConfig(file);
    if (!config) continue;
    const helper = entryFor(config.credHelpers, host) ?? config.credsStore;
    if (helper) {
      const found = await fromHelper(helper, host, runHelper, env);
      if (found) return found;
    }
    const entry = entryFor(config.auths, host);
    const found = entry && decodeAuth(entry);
    if (found) return found;
  }
  return undefined;
}

/** The `auths` document docker and buildah read, for handing credentials to a builder in a private file. */
export function authFileContent(host: string, credentials: Credentials): string {
  const key = isDockerHub(host) ? DOCKER_HUB_KEY : host;
  const entry: AuthConfig = credentials.identityToken
    ? { identitytoken: credentials.identityToken }
    : { auth: Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64') };
  return `${JSON.stringify({ auths: { [key]: entry } }, null, 2)}\n`;
}

/** Whether docker's own config already has a login for `host`, which a temporary login must then leave in place. */
export async function hasDockerLogin(host: string, env: Env): Promise<boolean> {
  const config = await readConfig(join(env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'), 'config.json'));
  return entryFor(config?.auths, host) !== undefined || entryFor(config?.credHelpers, host) !== undefined;
}
