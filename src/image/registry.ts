import { createHash } from 'node:crypto';
import { describeStop, isTransientError, transientResponse, withRetry, type RetryPolicy, type Tries } from '../http/retry.js';
import type { Logger } from '../action/logger.js';
import { silentLogger } from '../action/logger.js';
import type { Credentials } from './credentials.js';

/**
 * A small client for the OCI distribution API: what build-push needs to ask
 * whether an image exists, learn the digest a registry holds, and point tags
 * at it without pulling or rebuilding anything.
 */

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

const ACCEPT = Object.values(MEDIA_TYPES).join(', ');

export function isIndex(mediaType: string): boolean {
  return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerManifestList;
}

export interface ManifestDescriptor {
  digest: string;
  mediaType: string;
  size: number;
}

export interface Manifest extends ManifestDescriptor {
  bytes: Buffer;
}

export type Fetch = typeof globalThis.fetch;

export interface RegistryOptions {
  /** Called at most once, when the registry first asks for credentials. */
  credentials?: () => Promise<Credentials | undefined>;
  /** Speak plain HTTP instead of HTTPS (see `usesPlainHttp`). */
  plainHttp?: boolean;
  fetch?: Fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Tries of one request, the first included. */
  attempts?: number;
  /** The ceiling of the first back-off delay; each retry doubles it, and the wait is anywhere below it (full jitter). */
  retryDelayMs?: number;
  /** Limit on each request to the API, so that a registry that stops answering cannot hang the job. */
  timeoutMs?: number;
  /** Limit on each blob transfer, which may be large. */
  transferTimeoutMs?: number;
  logger?: Logger;
}

/** Anything the registry refused or could not be asked; the message names the registry and never a secret. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Docker's rule: a loopback registry may speak plain HTTP; any other only when the user lists it. */
export function usesPlainHttp(host: string, insecure: readonly string[] = []): boolean {
  const hostname = host.replace(/:\d+$/, '');
  if (hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]') return true;
  return insecure.some((entry) => entry === host || entry === hostname);
}

/** Where the API of a registry named in a reference is served; Docker Hub's name is not its API host. */
export function apiHost(host: string): string {
  return host === '' || host === 'docker.io' || host === 'index.docker.io' ? 'registry-1.docker.io' : host;
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

interface Scope {
  repository: string;
  actions: ('pull' | 'push')[];
}

function scopeText({ repository, actions }: Scope): string {
  return `repository:${repository}:${actions.join(',')}`;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** `Bearer realm="https://x/token",service="x",scope="repository:a:pull"`: the parameters may be quoted and contain commas. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const [, key, quoted, bare] of match[2].matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[key.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
  }
  return { scheme: match[1].toLowerCase(), params };
}

/** `UNAUTHORIZED: authentication required` from the registry's error body, when it sent one. */
async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[]; details?: string; error?: string };
    const errors = body.errors?.map((e) => [e.code, e.message].filter(Boolean).join(': ')).filter(Boolean) ?? [];
    if (errors.length) return errors.join('; ');
    if (body.details || body.error) return String(body.details ?? body.error);
  } catch {
    // not JSON: fall through to the text itself
  }
  return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}

function describeNetworkError(error: unknown): string {
  // Duck-typed: fetch's errors may come from another realm, where instanceof Error fails.
  const { name, message, cause } = (error ?? {}) as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'no answer before the time limit';
  if (cause?.code || cause?.message) return [cause.code, cause.message].filter(Boolean).join(' ');
  return message ?? String(error);
}

function statusText(response: Response): string {
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

type Authorization = { kind: 'none' } | { kind: 'basic' } | { kind: 'bearer'; realm: string; service?: string };

interface Call {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  /** Path and query under the registry's origin, or an absolute URL the registry gave (an upload location). */
  path: string;
  scope?: Scope;
  /** Scopes a request needs beyond its own, such as pull on the repository a blob is mounted from. */
  extraScopes?: Scope[];
  headers?: Record<string, string>;
  body?: () => Promise<BodyInit> | BodyInit;
  /** Statuses that are an answer rather than a failure (404 for "no such manifest"). */
  expect?: number[];
  timeoutMs?: number;
}

export class Registry {
  /** The registry as references name it, e.g. `ghcr.io` or `127.0.0.1:5000`. */
  readonly host: string;
  private readonly origin: string;
  private readonly fetch: Fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;
  private readonly transferTimeoutMs: number;
  private readonly logger: Logger;
  private readonly lookupCredentials: () => Promise<Credentials | undefined>;
  private credentials?: Promise<Credentials | undefined>;
  private authorization: Authorization = { kind: 'none' };
  private readonly tokens = new Map<string, string>();
  /** How the tries of each final answer went, for the failure's message. */
  private readonly tries = new WeakMap<Response, Tries>();

  constructor(host: string, options: RegistryOptions = {}) {
    this.host = host || 'docker.io';
    this.origin = `${options.plainHttp ? 'http' : 'https'}://${apiHost(host)}`;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.transferTimeoutMs = options.transferTimeoutMs ?? 15 * 60_000;
    this.logger = options.logger ?? silentLogger;
    this.lookupCredentials = options.credentials ?? (async () => undefined);
  }

  /**
   * Proves the credentials before any work is done, so that a wrong password
   * fails in a second with the registry's answer rather than after a build.
   */
  async authorize(repository: string, actions: Scope['actions']): Promise<void> {
    // Challenged here, a Basic registry judges the password and a token service grants (or refuses) the scope.
    const response = await this.call({ method: 'GET', path: '/v2/', scope: { repository, actions } });
    await response.body?.cancel();
  }

  /**
   * Proves the right to push to `repository` by opening an upload and
   * cancelling it: a token service may grant less than it was asked, which
   * `authorize` cannot see, and a push refused after a promotion is recorded
   * comes too late.
   */
  async probePush(repository: string): Promise<void> {
    const response = await this.call({
      method: 'POST',
      path: `/v2/${repository}/blobs/uploads/`,
      scope: { repository, actions: ['pull', 'push'] },
      headers: { 'content-length': '0' },
    });
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (location) await this.cancelUpload(repository, location);
  }

  /** The manifest's descriptor, or undefined when the registry has no such tag or digest. */
  async head(repository: string, reference: string): Promise<ManifestDescriptor | undefined> {
    const response = await this.call({
      method: 'HEAD',
      path: `/v2/${repository}/manifests/${reference}`,
      scope: { repository, actions: ['pull'] },
      headers: { accept: ACCEPT },
      expect: [404],
    });
    if (response.status === 404) return undefined;
    const digest = response.headers.get('docker-content-digest');
    // The header is optional in the spec; without it only the bytes tell the digest.
    if (!digest) return this.manifest(repository, reference);
    return { digest, mediaType: mediaTypeOf(response), size: Number(response.headers.get('content-length') ?? 0) };
  }

  /**
   * Every tag of `repository`, in the registry's order (lexical for
   * distribution), following the `Link: <…>; rel="next"` header page by page.
   * `pageSize` is sent as `n=`; a registry may return fewer per page. An
   * unknown repository has no tags.
   */
  async tags(repository: string, { pageSize = 1000 }: { pageSize?: number } = {}): Promise<string[]> {
    const tags: string[] = [];
    const seen = new Set<string>();
    let path: string | undefined = `/v2/${repository}/tags/list?n=${pageSize}`;
    while (path) {
      // A registry that hands back a page already read would otherwise keep this loop going for ever.
      if (seen.has(path)) throw new RegistryError(`registry ${this.host} sent the same page of ${repository}'s tags twice (${path})`);
      seen.add(path);
      const response = await this.call({ method: 'GET', path, scope: { repository, actions: ['pull'] }, expect: [404] });
      if (response.status === 404) {
        await response.body?.cancel();
        return tags;
      }
      const body = (await response.json().catch(() => undefined)) as { tags?: unknown } | undefined;
      if (!body || (body.tags !== null && body.tags !== undefined && !Array.isArray(body.tags)))
        throw new RegistryError(`registry ${this.host} answered the tag list of ${repository} with something that is not one`);
      for (const tag of (body.tags as unknown[] | null | undefined) ?? []) if (typeof tag === 'string') tags.push(tag);
      path = nextPage(response.headers.get('link'), this.origin);
    }
    return tags;
  }

  /** The manifest exactly as stored: the same bytes put elsewhere give the same digest. */
  async manifest(repository: string, reference: string): Promise<Manifest | undefined> {
    const response = await this.call({
      method: 'GET',
      path: `/v2/${repository}/manifests/${reference}`,
      scope: { repository, actions: ['pull'] },
      headers: { accept: ACCEPT },
      expect: [404],
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = sha256Digest(bytes);
    if (reference.startsWith('sha256:') && reference !== digest) {
      throw new RegistryError(`registry ${this.host} sent a manifest for ${repository}@${reference} whose content has digest ${digest}`);
    }
    return { digest, mediaType: mediaTypeOf(response, bytes), size: bytes.length, bytes };
  }

  /** Stores a manifest under a tag (or its digest); the registry refuses it unless every blob it names is present. */
  async putManifest(repository: string, reference: string, manifest: Pick<Manifest, 'mediaType' | 'bytes'>): Promise<string> {
    const response = await this.call({
      method: 'PUT',
      path: `/v2/${repository}/manifests/${reference}`,
      scope: { repository, actions: ['pull', 'push'] },
      headers: { 'content-type': manifest.mediaType },
      body: () => new Uint8Array(manifest.bytes),
    });
    await response.body?.cancel();
    return response.headers.get('docker-content-digest') ?? sha256Digest(manifest.bytes);
  }

  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const response = await this.call({
      method: 'HEAD',
      path: `/v2/${repository}/blobs/${digest}`,
      scope: { repository, actions: ['pull'] },
      expect: [404],
    });
    return response.status !== 404;
  }

  /** Links a blob another repository of this registry holds, without sending its bytes; false when the registry declines. */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    const response = await this.call({
      method: 'POST',
      path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
      scope: { repository, actions: ['pull', 'push'] },
      extraScopes: [{ repository: from, actions: ['pull'] }],
      headers: { 'content-length': '0' },
    });
    await response.body?.cancel();
    if (response.status === 201) return true;
    // 202: the registry opened an ordinary upload instead; it is of no use here.
    const location = response.headers.get('location');
    if (location) await this.cancelUpload(repository, location);
    return false;
  }

  async openBlob(repository: string, digest: string): Promise<Response> {
    return this.call({
      method: 'GET',
      path: `/v2/${repository}/blobs/${digest}`,
      scope: { repository, actions: ['pull'] },
      timeoutMs: this.transferTimeoutMs,
    });
  }

  /** Monolithic upload; `body` is called again for each try, since a sent stream cannot be replayed. */
  async pushBlob(repository: string, digest: string, size: number, body: () => Promise<BodyInit> | BodyInit): Promise<void> {
    const scope: Scope = { repository, actions: ['pull', 'push'] };
    const started = await this.call({
      method: 'POST',
      path: `/v2/${repository}/blobs/uploads/`,
      scope,
      headers: { 'content-length': '0' },
    });
    await started.body?.cancel();
    const location = started.headers.get('location');
    if (!location) throw new RegistryError(`registry ${this.host} opened an upload to ${repository} without saying where to send it`);
    const url = new URL(location, this.origin);
    url.searchParams.set('digest', digest);
    const done = await this.call({
      method: 'PUT',
      path: url.toString(),
      scope,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body,
      timeoutMs: this.transferTimeoutMs,
    });
    await done.body?.cancel();
  }

  /**
   * Chunked upload, for blobs too large for one request through a proxy's
   * body limit: one PATCH per chunk, then a PUT that names the digest. An
   * upload that fails half-way is cancelled, not resumed: distribution cancels
   * it itself when a chunk it already holds is sent again, so the caller
   * starts the blob over.
   */
  async pushBlobChunked(repository: string, digest: string, chunks: AsyncIterable<Uint8Array<ArrayBuffer>>): Promise<void> {
    const scope: Scope = { repository, actions: ['pull', 'push'] };
    const started = await this.call({
      method: 'POST',
      path: `/v2/${repository}/blobs/uploads/`,
      scope,
      headers: { 'content-length': '0' },
    });
    await started.body?.cancel();
    let location = started.headers.get('location');
    const where = () => {
      if (!location) throw new RegistryError(`registry ${this.host} opened an upload to ${repository} without saying where to send it`);
      return new URL(location, this.origin);
    };
    let offset = 0;
    try {
      for await (const chunk of chunks) {
        if (!chunk.length) continue;
        const response = await this.call({
          method: 'PATCH',
          path: where().toString(),
          scope,
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(chunk.length),
            'content-range': `${offset}-${offset + chunk.length - 1}`,
          },
          body: () => chunk,
          timeoutMs: this.transferTimeoutMs,
        });
        await response.body?.cancel();
        // Each answer says where the next chunk goes; distribution keeps the upload's state in that URL.
        location = response.headers.get('location') ?? location;
        offset += chunk.length;
      }
      const url = where();
      url.searchParams.set('digest', digest);
      const done = await this.call({ method: 'PUT', path: url.toString(), scope, headers: { 'content-length': '0' } });
      await done.body?.cancel();
      location = null;
    } finally {
      if (location) await this.cancelUpload(repository, location);
    }
  }

  private async cancelUpload(repository: string, location: string): Promise<void> {
    try {
      const response = await this.call({
        method: 'DELETE',
        path: new URL(location, this.origin).toString(),
        scope: { repository, actions: ['pull', 'push'] },
        expect: [404, 405],
      });
      await response.body?.cancel();
    } catch {
      // An abandoned upload expires on its own; nothing depends on this.
    }
  }

  private loginHint(): string {
    return `; set the 'username' and 'password' inputs or log in to ${this.host} in an earlier step`;
  }

  private url(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.origin}${path}`;
  }

  /** One API call: authentication when challenged, retries, and an error that says who refused what. */
  private async call(call: Call): Promise<Response> {
    const what = `${call.method} ${new URL(this.url(call.path)).pathname}`;
    const scopes = call.scope ? [call.scope, ...(call.extraScopes ?? [])] : [];
    let authorization = await this.authorizationHeader(scopes);
    let response = await this.exchange(call, what, authorization);
    if (response.status === 401) {
      const challenge = parseChallenge(response.headers.get('www-authenticate'));
      await response.body?.cancel();
      const asked = await this.answer(challenge, scopes, authorization);
      if (asked) {
        authorization = await this.authorizationHeader(scopes, asked);
        response = await this.exchange(call, what, authorization);
      }
    }
    if (response.ok || call.expect?.includes(response.status)) return response;
    throw await this.failure(response, what, call.scope, authorization);
  }

  private retryPolicy(): RetryPolicy {
    return { attempts: this.attempts, baseDelayMs: this.retryDelayMs, maxDelayMs: 16 * this.retryDelayMs };
  }

  /** Sends one request, retrying what may pass on its own (the shared policy: 408, 425, 429, 5xx but 501, resets, time-outs). */
  private async exchange(call: Call, what: string, authorization: string | undefined): Promise<Response> {
    const settled = await withRetry(
      async () => {
        const body = call.body ? await call.body() : undefined;
        return this.fetch(this.url(call.path), {
          method: call.method,
          headers: { ...call.headers, ...(authorization && { authorization }) },
          body,
          redirect: 'follow',
          signal: AbortSignal.timeout(call.timeoutMs ?? this.timeoutMs),
          ...(body instanceof ReadableStream && { duplex: 'half' }),
        } as RequestInit);
      },
      this.retryPolicy(),
      {
        sleep: this.sleep,
        random: this.random,
        judge: (response) => {
          const transient = transientResponse(response);
          return transient && { ...transient, reason: statusText(response) };
        },
        judgeError: (error) => (isTransientError(error) ? { reason: describeNetworkError(error) } : undefined),
        discard: (response) => response.body?.cancel(),
        onRetry: ({ attempt, of, delayMs, reason }) =>
          this.logger.info(
            `registry ${this.host}: ${what}: ${reason}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`,
          ),
      },
    );
    if (settled.ok) {
      this.tries.set(settled.value, settled.tries);
      return settled.value;
    }
    // What the request's body threw (another registry's refusal, when a blob is copied) is its own error.
    if (settled.error instanceof RegistryError) throw settled.error;
    const reason = describeNetworkError(settled.error);
    const attempts = settled.tries.attempts > 1 ? `, ${settled.tries.attempts} attempts` : '';
    throw new RegistryError(`registry ${this.host} is unreachable: ${reason} (${what}${attempts})`);
  }

  private loadCredentials(): Promise<Credentials | undefined> {
    this.credentials ??= this.lookupCredentials();
    return this.credentials;
  }

  private async authorizationHeader(scopes: Scope[], asked: string[] = []): Promise<string | undefined> {
    if (this.authorization.kind === 'basic') {
      const credentials = await this.loadCredentials();
      return credentials && `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    }
    // Once the token service is known, ask it up front instead of waiting for each new scope's 401.
    if (this.authorization.kind === 'bearer' && (scopes.length || asked.length)) return `Bearer ${await this.token(scopes, asked)}`;
    return undefined;
  }

  /**
   * Learns from a 401 how to authenticate. Returns the scopes the registry
   * asked for, to try once more with; undefined when there is nothing new to try.
   */
  private async answer(challenge: Challenge | undefined, scopes: Scope[], sent: string | undefined): Promise<string[] | undefined> {
    if (challenge?.scheme === 'basic') {
      if (this.authorization.kind === 'basic') return undefined;
      this.authorization = { kind: 'basic' };
      return (await this.loadCredentials()) ? [] : undefined;
    }
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      const asked = (challenge.params.scope ?? '').split(' ').filter(Boolean);
      if (sent?.startsWith('Bearer ')) {
        // A token too small for the request will not grow by asking again; an expired one is fetched anew.
        if (challenge.params.error === 'insufficient_scope') return undefined;
        this.tokens.delete(this.tokenKey(scopes, asked));
      }
      this.authorization = { kind: 'bearer', realm: challenge.params.realm, service: challenge.params.service };
      await this.token(scopes, asked);
      return asked;
    }
    return undefined;
  }

  private tokenKey(scopes: Scope[], extra: string[] = []): string {
    return [...new Set([...scopes.map(scopeText), ...extra])].sort().join(' ');
  }

  /** A bearer token for the scopes from the registry's token service, as the distribution token spec describes. */
  private async token(scopes: Scope[], extra: string[] = []): Promise<string> {
    if (this.authorization.kind !== 'bearer') throw new Error('token() called without a bearer challenge');
    const key = this.tokenKey(scopes, extra);
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const { realm, service } = this.authorization;
    const credentials = await this.loadCredentials();
    const url = URL.canParse(realm) ? new URL(realm) : undefined;
    if (!url)
      throw new RegistryError(`registry ${this.host} named a token service that is not a URL ('${realm}'), so it cannot be logged in to`);
    const form = new URLSearchParams();
    if (service) form.set('service', service);
    for (const scope of key.split(' ').filter(Boolean)) form.append('scope', scope);
    let call: Call;
    if (credentials?.identityToken) {
      // An identity token (docker login's refresh token) is exchanged by POST, per the OAuth2 part of the spec.
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', credentials.identityToken);
      form.set('client_id', 'gitops-delivery');
      call = {
        method: 'POST',
        path: url.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: () => form.toString(),
      };
    } else {
      for (const [name, value] of form) url.searchParams.append(name, value);
      const basic = credentials && `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      call = { method: 'GET', path: url.toString(), headers: basic ? { authorization: basic } : {} };
    }
    const response = await this.exchange(call, `token from ${url.origin}${url.pathname}`, undefined);
    if (!response.ok) {
      const detail = await errorDetail(response);
      const who = credentials ? `the credentials of '${credentials.username}'` : 'anonymous access';
      const verb = response.status === 401 ? 'refused' : response.status === 403 ? 'denied' : 'failed for';
      throw new RegistryError(
        `registry ${this.host}: its token service ${url.origin}${url.pathname} ${verb} ${who} for ${key} (${statusText(response)}${detail ? `: ${detail}` : ''})${credentials ? '' : this.loginHint()}`,
        response.status,
      );
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`registry ${this.host}: its token service ${url.origin}${url.pathname} answered without a token`);
    this.tokens.set(key, token);
    return token;
  }

  private async failure(
    response: Response,
    what: string,
    scope: Scope | undefined,
    authorization: string | undefined,
  ): Promise<RegistryError> {
    const detail = await errorDetail(response);
    const status = `${statusText(response)}${detail ? `: ${detail}` : ''}`;
    const credentials = await this.credentials;
    const target = scope ? ` ${scope.actions.includes('push') ? 'push to' : 'pull from'} ${scope.repository}` : '';
    const who = credentials ? `'${credentials.username}'` : 'anonymous access';
    const hint = credentials ? '' : this.loginHint();
    if (response.status === 401) {
      if (!authorization)
        return new RegistryError(
          `registry ${this.host} requires credentials to${target || ' be used'} (${status})${this.loginHint()}`,
          401,
        );
      const challenge = parseChallenge(response.headers.get('www-authenticate'));
      if (challenge?.params.error === 'insufficient_scope') {
        return new RegistryError(`registry ${this.host} denied ${who} the right to${target} (${status})${hint}`, 401);
      }
      return new RegistryError(
        `registry ${this.host} refused the credentials${credentials ? ` of '${credentials.username}'` : ''} (${status})`,
        401,
      );
    }
    if (response.status === 403) {
      return new RegistryError(`registry ${this.host} denied ${who} the right to${target || ` ${what}`} (${status})${hint}`, 403);
    }
    const tries = this.tries.get(response);
    const over = tries && tries.attempts > 1 ? ` over ${(tries.elapsedMs / 1000).toFixed(1)} s` : '';
    const after = tries?.transient ? ` after ${tries.attempts} attempt${tries.attempts === 1 ? '' : 's'}${over}${describeStop(tries)}` : '';
    return new RegistryError(`registry ${this.host} answered ${status} to ${what}${after}`, response.status);
  }
}

/** The `rel="next"` target of a Link header, as a path under the registry or an absolute URL on it. */
export function nextPage(link: string | null, origin: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(?:^|;)\s*rel\s*=\s*"?next"?\s*(?:;|$)/i.test(match[2])) {
      const url = new URL(match[1], origin);
      return url.origin === origin ? `${url.pathname}${url.search}` : url.toString();
    }
  }
  return undefined;
}

/** The manifest's media type from the header, or from its own `mediaType` field when the registry sent a generic one. */
function mediaTypeOf(response: Response, bytes?: Buffer): string {
  const header = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  if ((Object.values(MEDIA_TYPES) as string[]).includes(header) || !bytes) return header;
  try {
    const field = (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType;
    return field ?? header;
  } catch {
    return header;
  }
}

interface ManifestJson {
  mediaType?: string;
  config?: { digest: string; size: number };
  layers?: { digest: string; size: number }[];
  manifests?: { digest: string; size: number; mediaType: string; platform?: { os?: string; architecture?: string } }[];
}

export function parseManifest(manifest: Pick<Manifest, 'bytes'>): ManifestJson {
  return JSON.parse(manifest.bytes.toString('utf8')) as ManifestJson;
}

/** Compressed bytes of an image: config and layers, summed over the platforms of an index (not its attestations). */
export async function imageSize(registry: Registry, repository: string, manifest: Manifest): Promise<number> {
  const parsed = parseManifest(manifest);
  if (!isIndex(manifest.mediaType)) return (parsed.config?.size ?? 0) + (parsed.layers ?? []).reduce((sum, layer) => sum + layer.size, 0);
  let total = 0;
  // buildx files provenance and SBOM attestations as images of platform unknown/unknown.
  for (const child of (parsed.manifests ?? []).filter((entry) => entry.platform?.os !== 'unknown')) {
    const image = await registry.manifest(repository, child.digest);
    if (image) total += await imageSize(registry, repository, image);
  }
  return total;
}

export interface ImageLocation {
  registry: Registry;
  repository: string;
}

/**
 * Makes `target:tag` name the manifest `source` holds, without a build:
 * in the same repository that is one manifest PUT; elsewhere the blobs are
 * first mounted (same registry) or streamed across, then the manifests put
 * bottom-up, so the tag never names an image the target cannot serve.
 */
export async function copyManifest(source: ImageLocation, manifest: Manifest, target: ImageLocation, tag: string): Promise<void> {
  const sameRepository = source.registry === target.registry && source.repository === target.repository;
  if (!sameRepository) await copyContent(source, manifest, target);
  await target.registry.putManifest(target.repository, tag, manifest);
}

async function copyContent(source: ImageLocation, manifest: Manifest, target: ImageLocation): Promise<void> {
  const parsed = parseManifest(manifest);
  if (isIndex(manifest.mediaType)) {
    for (const child of parsed.manifests ?? []) {
      if (await target.registry.head(target.repository, child.digest)) continue;
      const image = await source.registry.manifest(source.repository, child.digest);
      if (!image)
        throw new RegistryError(`registry ${source.registry.host} lost ${source.repository}@${child.digest} while it was being copied`);
      await copyContent(source, image, target);
      await target.registry.putManifest(target.repository, child.digest, image);
    }
    return;
  }
  for (const blob of [...(parsed.config ? [parsed.config] : []), ...(parsed.layers ?? [])]) {
    if (await target.registry.hasBlob(target.repository, blob.digest)) continue;
    if (source.registry === target.registry && (await target.registry.mountBlob(target.repository, blob.digest, source.repository)))
      continue;
    await target.registry.pushBlob(target.repository, blob.digest, blob.size, async () => {
      const response = await source.registry.openBlob(source.repository, blob.digest);
      if (!response.body) throw new RegistryError(`registry ${source.registry.host} sent an empty body for blob ${blob.digest}`);
      return response.body;
    });
  }
}
