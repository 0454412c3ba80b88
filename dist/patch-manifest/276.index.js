export const id = 276;
export const ids = [276];
export const modules = {

/***/ 276:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  stageSource: () => (/* binding */ stageSource)
});

// UNUSED EXPORTS: imagesAt

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./.tmp/build/src/image/credentials.js




/** Docker Hub is keyed by its old index URL in every docker config. */
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
function isDockerHub(host) {
    return ['', 'docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(host);
}
/** `https://ghcr.io/v1/` and `ghcr.io` name the same registry in a config's keys. */
function normalizeKey(key) {
    const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
    return isDockerHub(host) ? 'docker.io' : host;
}
function entryFor(map, host) {
    if (!map)
        return undefined;
    const wanted = normalizeKey(host);
    const key = Object.keys(map).find((candidate) => normalizeKey(candidate) === wanted);
    return key === undefined ? undefined : map[key];
}
function decodeAuth(entry) {
    if (entry.identitytoken)
        return { username: entry.username ?? '<token>', password: '', identityToken: entry.identitytoken };
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0)
            return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username && entry.password)
        return { username: entry.username, password: entry.password };
    return undefined;
}
const runCredentialHelper = (helper, server, env) => new Promise((resolve, reject) => {
    const child = (0,external_node_child_process_.spawn)(`docker-credential-${helper}`, ['get'], { env: env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`credential helper docker-credential-${helper} could not be run: ${error.message}`)));
    child.on('close', (code) => {
        const stdout = Buffer.concat(out).toString('utf8');
        if (code === 0)
            return resolve(stdout);
        // The protocol's answer for "nothing stored for this server"; anything else is a broken helper.
        const message = `${stdout}${Buffer.concat(err).toString('utf8')}`.trim();
        if (/credentials not found/i.test(message))
            return resolve(undefined);
        reject(new Error(`credential helper docker-credential-${helper} failed for ${server} (exit ${code}): ${message.split('\n')[0]}`));
    });
    child.stdin.end(server);
});
async function fromHelper(helper, host, runHelper, env) {
    const output = await runHelper(helper, isDockerHub(host) ? DOCKER_HUB_KEY : host, env);
    if (!output?.trim())
        return undefined;
    const { Username: username = '', Secret: secret = '' } = JSON.parse(output);
    if (!secret)
        return undefined;
    // Helpers store identity tokens under this conventional user name.
    return username === '<token>' ? { username, password: '', identityToken: secret } : { username, password: secret };
}
async function readConfig(path) {
    try {
        return JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw new Error(`cannot read registry credentials from ${path}: ${error.message}`);
    }
}
/** The files a login may have written, in the order buildah consults them: its own auth file first, then docker's. */
function credentialFiles(env) {
    const files = [];
    if (env.REGISTRY_AUTH_FILE)
        files.push(env.REGISTRY_AUTH_FILE);
    else if (env.XDG_RUNTIME_DIR)
        files.push((0,external_node_path_.join)(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
    files.push((0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker'), 'config.json'));
    return files;
}
/** Credentials a runner holds for `host`, or undefined: the registry is then asked anonymously. */
async function storedCredentials(host, { env, runHelper = runCredentialHelper }) {
    for (const file of credentialFiles(env)) {
        const config = await readConfig(file);
        if (!config)
            continue;
        const helper = entryFor(config.credHelpers, host) ?? config.credsStore;
        if (helper) {
            const found = await fromHelper(helper, host, runHelper, env);
            if (found)
                return found;
        }
        const entry = entryFor(config.auths, host);
        const found = entry && decodeAuth(entry);
        if (found)
            return found;
    }
    return undefined;
}
/** The `auths` document docker and buildah read, for handing credentials to a builder in a private file. */
function authFileContent(host, credentials) {
    const key = isDockerHub(host) ? DOCKER_HUB_KEY : host;
    const entry = credentials.identityToken
        ? { identitytoken: credentials.identityToken }
        : { auth: Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64') };
    return `${JSON.stringify({ auths: { [key]: entry } }, null, 2)}\n`;
}
/** Whether docker's own config already has a login for `host`, which a temporary login must then leave in place. */
async function hasDockerLogin(host, env) {
    const config = await readConfig(join(env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'), 'config.json'));
    return entryFor(config?.auths, host) !== undefined || entryFor(config?.credHelpers, host) !== undefined;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./.tmp/build/src/http/retry.js
var retry = __webpack_require__(7572);
;// CONCATENATED MODULE: ./.tmp/build/src/action/logger.js
/** For library code run outside an action (tests, benchmarks, the local run). */
const silentLogger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    group: (_name, body) => body(),
};

;// CONCATENATED MODULE: ./.tmp/build/src/image/registry.js



/**
 * A small client for the OCI distribution API: what build-push needs to ask
 * whether an image exists, learn the digest a registry holds, and point tags
 * at it without pulling or rebuilding anything.
 */
const MEDIA_TYPES = {
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
};
const ACCEPT = Object.values(MEDIA_TYPES).join(', ');
function isIndex(mediaType) {
    return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerManifestList;
}
/** Anything the registry refused or could not be asked; the message names the registry and never a secret. */
class RegistryError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryError';
    }
}
/** Docker's rule: a loopback registry may speak plain HTTP; any other only when the user lists it. */
function usesPlainHttp(host, insecure = []) {
    const hostname = host.replace(/:\d+$/, '');
    if (hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]')
        return true;
    return insecure.some((entry) => entry === host || entry === hostname);
}
/** Where the API of a registry named in a reference is served; Docker Hub's name is not its API host. */
function apiHost(host) {
    return host === '' || host === 'docker.io' || host === 'index.docker.io' ? 'registry-1.docker.io' : host;
}
function sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
function scopeText({ repository, actions }) {
    return `repository:${repository}:${actions.join(',')}`;
}
/** `Bearer realm="https://x/token",service="x",scope="repository:a:pull"`: the parameters may be quoted and contain commas. */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!match)
        return undefined;
    const params = {};
    for (const [, key, quoted, bare] of match[2].matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
        params[key.toLowerCase()] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    }
    return { scheme: match[1].toLowerCase(), params };
}
/** `UNAUTHORIZED: authentication required` from the registry's error body, when it sent one. */
async function errorDetail(response) {
    const text = await response.text().catch(() => '');
    try {
        const body = JSON.parse(text);
        const errors = body.errors?.map((e) => [e.code, e.message].filter(Boolean).join(': ')).filter(Boolean) ?? [];
        if (errors.length)
            return errors.join('; ');
        if (body.details || body.error)
            return String(body.details ?? body.error);
    }
    catch {
        // not JSON: fall through to the text itself
    }
    return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}
function describeNetworkError(error) {
    // Duck-typed: fetch's errors may come from another realm, where instanceof Error fails.
    const { name, message, cause } = (error ?? {});
    if (name === 'TimeoutError' || name === 'AbortError')
        return 'no answer before the time limit';
    if (cause?.code || cause?.message)
        return [cause.code, cause.message].filter(Boolean).join(' ');
    return message ?? String(error);
}
function statusText(response) {
    return `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}
class Registry {
    /** The registry as references name it, e.g. `ghcr.io` or `127.0.0.1:5000`. */
    host;
    origin;
    fetch;
    sleep;
    random;
    attempts;
    retryDelayMs;
    timeoutMs;
    transferTimeoutMs;
    logger;
    lookupCredentials;
    credentials;
    authorization = { kind: 'none' };
    tokens = new Map();
    /** How the tries of each final answer went, for the failure's message. */
    tries = new WeakMap();
    constructor(host, options = {}) {
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
    async authorize(repository, actions) {
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
    async probePush(repository) {
        const response = await this.call({
            method: 'POST',
            path: `/v2/${repository}/blobs/uploads/`,
            scope: { repository, actions: ['pull', 'push'] },
            headers: { 'content-length': '0' },
        });
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location)
            await this.cancelUpload(repository, location);
    }
    /** The manifest's descriptor, or undefined when the registry has no such tag or digest. */
    async head(repository, reference) {
        const response = await this.call({
            method: 'HEAD',
            path: `/v2/${repository}/manifests/${reference}`,
            scope: { repository, actions: ['pull'] },
            headers: { accept: ACCEPT },
            expect: [404],
        });
        if (response.status === 404)
            return undefined;
        const digest = response.headers.get('docker-content-digest');
        // The header is optional in the spec; without it only the bytes tell the digest.
        if (!digest)
            return this.manifest(repository, reference);
        return { digest, mediaType: mediaTypeOf(response), size: Number(response.headers.get('content-length') ?? 0) };
    }
    /**
     * Every tag of `repository`, in the registry's order (lexical for
     * distribution), following the `Link: <…>; rel="next"` header page by page.
     * `pageSize` is sent as `n=`; a registry may return fewer per page. An
     * unknown repository has no tags.
     */
    async tags(repository, { pageSize = 1000 } = {}) {
        const tags = [];
        const seen = new Set();
        let path = `/v2/${repository}/tags/list?n=${pageSize}`;
        while (path) {
            // A registry that hands back a page already read would otherwise keep this loop going for ever.
            if (seen.has(path))
                throw new RegistryError(`registry ${this.host} sent the same page of ${repository}'s tags twice (${path})`);
            seen.add(path);
            const response = await this.call({ method: 'GET', path, scope: { repository, actions: ['pull'] }, expect: [404] });
            if (response.status === 404) {
                await response.body?.cancel();
                return tags;
            }
            const body = (await response.json().catch(() => undefined));
            if (!body || (body.tags !== null && body.tags !== undefined && !Array.isArray(body.tags)))
                throw new RegistryError(`registry ${this.host} answered the tag list of ${repository} with something that is not one`);
            for (const tag of body.tags ?? [])
                if (typeof tag === 'string')
                    tags.push(tag);
            path = nextPage(response.headers.get('link'), this.origin);
        }
        return tags;
    }
    /** The manifest exactly as stored: the same bytes put elsewhere give the same digest. */
    async manifest(repository, reference) {
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
    async putManifest(repository, reference, manifest) {
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
    async hasBlob(repository, digest) {
        const response = await this.call({
            method: 'HEAD',
            path: `/v2/${repository}/blobs/${digest}`,
            scope: { repository, actions: ['pull'] },
            expect: [404],
        });
        return response.status !== 404;
    }
    /** Links a blob another repository of this registry holds, without sending its bytes; false when the registry declines. */
    async mountBlob(repository, digest, from) {
        const response = await this.call({
            method: 'POST',
            path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
            scope: { repository, actions: ['pull', 'push'] },
            extraScopes: [{ repository: from, actions: ['pull'] }],
            headers: { 'content-length': '0' },
        });
        await response.body?.cancel();
        if (response.status === 201)
            return true;
        // 202: the registry opened an ordinary upload instead; it is of no use here.
        const location = response.headers.get('location');
        if (location)
            await this.cancelUpload(repository, location);
        return false;
    }
    async openBlob(repository, digest) {
        return this.call({
            method: 'GET',
            path: `/v2/${repository}/blobs/${digest}`,
            scope: { repository, actions: ['pull'] },
            timeoutMs: this.transferTimeoutMs,
        });
    }
    /** Monolithic upload; `body` is called again for each try, since a sent stream cannot be replayed. */
    async pushBlob(repository, digest, size, body) {
        const scope = { repository, actions: ['pull', 'push'] };
        const started = await this.call({
            method: 'POST',
            path: `/v2/${repository}/blobs/uploads/`,
            scope,
            headers: { 'content-length': '0' },
        });
        await started.body?.cancel();
        const location = started.headers.get('location');
        if (!location)
            throw new RegistryError(`registry ${this.host} opened an upload to ${repository} without saying where to send it`);
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
    async pushBlobChunked(repository, digest, chunks) {
        const scope = { repository, actions: ['pull', 'push'] };
        const started = await this.call({
            method: 'POST',
            path: `/v2/${repository}/blobs/uploads/`,
            scope,
            headers: { 'content-length': '0' },
        });
        await started.body?.cancel();
        let location = started.headers.get('location');
        const where = () => {
            if (!location)
                throw new RegistryError(`registry ${this.host} opened an upload to ${repository} without saying where to send it`);
            return new URL(location, this.origin);
        };
        let offset = 0;
        try {
            for await (const chunk of chunks) {
                if (!chunk.length)
                    continue;
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
        }
        finally {
            if (location)
                await this.cancelUpload(repository, location);
        }
    }
    async cancelUpload(repository, location) {
        try {
            const response = await this.call({
                method: 'DELETE',
                path: new URL(location, this.origin).toString(),
                scope: { repository, actions: ['pull', 'push'] },
                expect: [404, 405],
            });
            await response.body?.cancel();
        }
        catch {
            // An abandoned upload expires on its own; nothing depends on this.
        }
    }
    loginHint() {
        return `; set the 'username' and 'password' inputs or log in to ${this.host} in an earlier step`;
    }
    url(path) {
        return /^https?:\/\//.test(path) ? path : `${this.origin}${path}`;
    }
    /** One API call: authentication when challenged, retries, and an error that says who refused what. */
    async call(call) {
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
        if (response.ok || call.expect?.includes(response.status))
            return response;
        throw await this.failure(response, what, call.scope, authorization);
    }
    retryPolicy() {
        return { attempts: this.attempts, baseDelayMs: this.retryDelayMs, maxDelayMs: 16 * this.retryDelayMs };
    }
    /** Sends one request, retrying what may pass on its own (the shared policy: 408, 425, 429, 5xx but 501, resets, time-outs). */
    async exchange(call, what, authorization) {
        const settled = await (0,retry/* withRetry */.bD)(async () => {
            const body = call.body ? await call.body() : undefined;
            return this.fetch(this.url(call.path), {
                method: call.method,
                headers: { ...call.headers, ...(authorization && { authorization }) },
                body,
                redirect: 'follow',
                signal: AbortSignal.timeout(call.timeoutMs ?? this.timeoutMs),
                ...(body instanceof ReadableStream && { duplex: 'half' }),
            });
        }, this.retryPolicy(), {
            sleep: this.sleep,
            random: this.random,
            judge: (response) => {
                const transient = (0,retry/* transientResponse */.o2)(response);
                return transient && { ...transient, reason: statusText(response) };
            },
            judgeError: (error) => ((0,retry/* isTransientError */.bV)(error) ? { reason: describeNetworkError(error) } : undefined),
            discard: (response) => response.body?.cancel(),
            onRetry: ({ attempt, of, delayMs, reason }) => this.logger.info(`registry ${this.host}: ${what}: ${reason}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt} of ${of})`),
        });
        if (settled.ok) {
            this.tries.set(settled.value, settled.tries);
            return settled.value;
        }
        // What the request's body threw (another registry's refusal, when a blob is copied) is its own error.
        if (settled.error instanceof RegistryError)
            throw settled.error;
        const reason = describeNetworkError(settled.error);
        const attempts = settled.tries.attempts > 1 ? `, ${settled.tries.attempts} attempts` : '';
        throw new RegistryError(`registry ${this.host} is unreachable: ${reason} (${what}${attempts})`);
    }
    loadCredentials() {
        this.credentials ??= this.lookupCredentials();
        return this.credentials;
    }
    async authorizationHeader(scopes, asked = []) {
        if (this.authorization.kind === 'basic') {
            const credentials = await this.loadCredentials();
            return credentials && `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
        }
        // Once the token service is known, ask it up front instead of waiting for each new scope's 401.
        if (this.authorization.kind === 'bearer' && (scopes.length || asked.length))
            return `Bearer ${await this.token(scopes, asked)}`;
        return undefined;
    }
    /**
     * Learns from a 401 how to authenticate. Returns the scopes the registry
     * asked for, to try once more with; undefined when there is nothing new to try.
     */
    async answer(challenge, scopes, sent) {
        if (challenge?.scheme === 'basic') {
            if (this.authorization.kind === 'basic')
                return undefined;
            this.authorization = { kind: 'basic' };
            return (await this.loadCredentials()) ? [] : undefined;
        }
        if (challenge?.scheme === 'bearer' && challenge.params.realm) {
            const asked = (challenge.params.scope ?? '').split(' ').filter(Boolean);
            if (sent?.startsWith('Bearer ')) {
                // A token too small for the request will not grow by asking again; an expired one is fetched anew.
                if (challenge.params.error === 'insufficient_scope')
                    return undefined;
                this.tokens.delete(this.tokenKey(scopes, asked));
            }
            this.authorization = { kind: 'bearer', realm: challenge.params.realm, service: challenge.params.service };
            await this.token(scopes, asked);
            return asked;
        }
        return undefined;
    }
    tokenKey(scopes, extra = []) {
        return [...new Set([...scopes.map(scopeText), ...extra])].sort().join(' ');
    }
    /** A bearer token for the scopes from the registry's token service, as the distribution token spec describes. */
    async token(scopes, extra = []) {
        if (this.authorization.kind !== 'bearer')
            throw new Error('token() called without a bearer challenge');
        const key = this.tokenKey(scopes, extra);
        const cached = this.tokens.get(key);
        if (cached)
            return cached;
        const { realm, service } = this.authorization;
        const credentials = await this.loadCredentials();
        const url = URL.canParse(realm) ? new URL(realm) : undefined;
        if (!url)
            throw new RegistryError(`registry ${this.host} named a token service that is not a URL ('${realm}'), so it cannot be logged in to`);
        const form = new URLSearchParams();
        if (service)
            form.set('service', service);
        for (const scope of key.split(' ').filter(Boolean))
            form.append('scope', scope);
        let call;
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
        }
        else {
            for (const [name, value] of form)
                url.searchParams.append(name, value);
            const basic = credentials && `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
            call = { method: 'GET', path: url.toString(), headers: basic ? { authorization: basic } : {} };
        }
        const response = await this.exchange(call, `token from ${url.origin}${url.pathname}`, undefined);
        if (!response.ok) {
            const detail = await errorDetail(response);
            const who = credentials ? `the credentials of '${credentials.username}'` : 'anonymous access';
            const verb = response.status === 401 ? 'refused' : response.status === 403 ? 'denied' : 'failed for';
            throw new RegistryError(`registry ${this.host}: its token service ${url.origin}${url.pathname} ${verb} ${who} for ${key} (${statusText(response)}${detail ? `: ${detail}` : ''})${credentials ? '' : this.loginHint()}`, response.status);
        }
        const body = (await response.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryError(`registry ${this.host}: its token service ${url.origin}${url.pathname} answered without a token`);
        this.tokens.set(key, token);
        return token;
    }
    async failure(response, what, scope, authorization) {
        const detail = await errorDetail(response);
        const status = `${statusText(response)}${detail ? `: ${detail}` : ''}`;
        const credentials = await this.credentials;
        const target = scope ? ` ${scope.actions.includes('push') ? 'push to' : 'pull from'} ${scope.repository}` : '';
        const who = credentials ? `'${credentials.username}'` : 'anonymous access';
        const hint = credentials ? '' : this.loginHint();
        if (response.status === 401) {
            if (!authorization)
                return new RegistryError(`registry ${this.host} requires credentials to${target || ' be used'} (${status})${this.loginHint()}`, 401);
            const challenge = parseChallenge(response.headers.get('www-authenticate'));
            if (challenge?.params.error === 'insufficient_scope') {
                return new RegistryError(`registry ${this.host} denied ${who} the right to${target} (${status})${hint}`, 401);
            }
            return new RegistryError(`registry ${this.host} refused the credentials${credentials ? ` of '${credentials.username}'` : ''} (${status})`, 401);
        }
        if (response.status === 403) {
            return new RegistryError(`registry ${this.host} denied ${who} the right to${target || ` ${what}`} (${status})${hint}`, 403);
        }
        const tries = this.tries.get(response);
        const over = tries && tries.attempts > 1 ? ` over ${(tries.elapsedMs / 1000).toFixed(1)} s` : '';
        const after = tries?.transient ? ` after ${tries.attempts} attempt${tries.attempts === 1 ? '' : 's'}${over}${(0,retry/* describeStop */.Cw)(tries)}` : '';
        return new RegistryError(`registry ${this.host} answered ${status} to ${what}${after}`, response.status);
    }
}
/** The `rel="next"` target of a Link header, as a path under the registry or an absolute URL on it. */
function nextPage(link, origin) {
    if (!link)
        return undefined;
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
function mediaTypeOf(response, bytes) {
    const header = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    if (Object.values(MEDIA_TYPES).includes(header) || !bytes)
        return header;
    try {
        const field = JSON.parse(bytes.toString('utf8')).mediaType;
        return field ?? header;
    }
    catch {
        return header;
    }
}
function parseManifest(manifest) {
    return JSON.parse(manifest.bytes.toString('utf8'));
}
/** Compressed bytes of an image: config and layers, summed over the platforms of an index (not its attestations). */
async function imageSize(registry, repository, manifest) {
    const parsed = parseManifest(manifest);
    if (!isIndex(manifest.mediaType))
        return (parsed.config?.size ?? 0) + (parsed.layers ?? []).reduce((sum, layer) => sum + layer.size, 0);
    let total = 0;
    // buildx files provenance and SBOM attestations as images of platform unknown/unknown.
    for (const child of (parsed.manifests ?? []).filter((entry) => entry.platform?.os !== 'unknown')) {
        const image = await registry.manifest(repository, child.digest);
        if (image)
            total += await imageSize(registry, repository, image);
    }
    return total;
}
/**
 * Makes `target:tag` name the manifest `source` holds, without a build:
 * in the same repository that is one manifest PUT; elsewhere the blobs are
 * first mounted (same registry) or streamed across, then the manifests put
 * bottom-up, so the tag never names an image the target cannot serve.
 */
async function copyManifest(source, manifest, target, tag) {
    const sameRepository = source.registry === target.registry && source.repository === target.repository;
    if (!sameRepository)
        await copyContent(source, manifest, target);
    await target.registry.putManifest(target.repository, tag, manifest);
}
async function copyContent(source, manifest, target) {
    const parsed = parseManifest(manifest);
    if (isIndex(manifest.mediaType)) {
        for (const child of parsed.manifests ?? []) {
            if (await target.registry.head(target.repository, child.digest))
                continue;
            const image = await source.registry.manifest(source.repository, child.digest);
            if (!image)
                throw new RegistryError(`registry ${source.registry.host} lost ${source.repository}@${child.digest} while it was being copied`);
            await copyContent(source, image, target);
            await target.registry.putManifest(target.repository, child.digest, image);
        }
        return;
    }
    for (const blob of [...(parsed.config ? [parsed.config] : []), ...(parsed.layers ?? [])]) {
        if (await target.registry.hasBlob(target.repository, blob.digest))
            continue;
        if (source.registry === target.registry && (await target.registry.mountBlob(target.repository, blob.digest, source.repository)))
            continue;
        await target.registry.pushBlob(target.repository, blob.digest, blob.size, async () => {
            const response = await source.registry.openBlob(source.repository, blob.digest);
            if (!response.body)
                throw new RegistryError(`registry ${source.registry.host} sent an empty body for blob ${blob.digest}`);
            return response.body;
        });
    }
}

;// CONCATENATED MODULE: ./.tmp/build/src/image/clients.js


/**
 * One registry client per host, made when first asked for, with the
 * credentials given for that host or else those the runner stores for it: a
 * token a registry grants is then reused for every image on it.
 */
function registryClients(options) {
    const clients = new Map();
    return (host) => {
        let registry = clients.get(host);
        if (!registry) {
            registry = new Registry(host, {
                plainHttp: usesPlainHttp(host, options.insecureRegistries),
                credentials: async () => {
                    const { given } = options;
                    return given?.host === host
                        ? { username: given.username, password: given.password }
                        : storedCredentials(host, { env: options.env });
                },
                fetch: options.fetch,
                logger: options.logger,
            });
            clients.set(host, registry);
        }
        return registry;
    };
}

// EXTERNAL MODULE: ./.tmp/build/src/action/errors.js
var errors = __webpack_require__(5313);
// EXTERNAL MODULE: ./.tmp/build/src/git/tree.js
var git_tree = __webpack_require__(5712);
// EXTERNAL MODULE: ./.tmp/build/src/image/reference.js
var reference = __webpack_require__(6382);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/images.js + 1 modules
var manifest_images = __webpack_require__(2224);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/paths.js
var manifest_paths = __webpack_require__(9271);
// EXTERNAL MODULE: ./.tmp/build/src/manifest/updates.js
var updates = __webpack_require__(7365);
;// CONCATENATED MODULE: ./.tmp/build/src/manifest/stage-images.js
/**
 * Promotion from one environment to the next: the images the previous
 * environment ran, read from its success history (its production branch) by
 * digest, become patch-manifest's updates for the next environment's
 * candidate branch. Never a rebuild, never a lookup of a mutable tag: an image
 * there that carries no digest, or whose digest its registry no longer holds,
 * stops the promotion before anything is written.
 */







/** The images of every manifest of `commit` under `paths`, with the file each was found in. */
async function imagesAt(repo, commit, paths) {
    const tree = new IndexTree(repo.git);
    const { files } = selectManifestFiles(await tree.entriesOf(commit), paths, 'paths');
    const contents = await tree.read(files.map((file) => file.object));
    return files.flatMap((file, i) => findImages(contents[i].toString('utf8'), file.path).map((image) => ({ image, file: file.path })));
}
async function stageSource(repo, ref, paths, deps) {
    const tree = new git_tree/* IndexTree */.zA(repo.git);
    const images = new Map();
    const checked = new Set();
    // The previous environment's commit is fetched once the next one's tip is
    // here: the two share most objects, so the second fetch brings only what differs.
    let source;
    const read = async () => {
        const commit = /^[0-9a-f]{40}$/.test(ref) ? await repo.fetch(ref) : await repo.fetchBranch(ref);
        if (!commit)
            throw new errors/* InputError */.d('promote-from', `branch '${ref}' does not exist in ${deps.repository}: that environment has no successful revision to promote`, "the production branch of the previous environment, such as 'env/staging/production'");
        const { files } = (0,manifest_paths/* selectManifestFiles */.lz)(await tree.entriesOf(commit), paths, 'paths');
        const trailers = (await repo.message(commit))
            .trim()
            .split('\n')
            .filter((line) => /^(Source-Commit|Image): /.test(line))
            .filter((line, index, all) => all.indexOf(line) === index);
        return { commit, files, trailers };
    };
    const stage = {
        ref,
        commit: '',
        trailers: [],
        async updatesFor(target) {
            source ??= await read();
            Object.assign(stage, { commit: source.commit, trailers: source.trailers });
            const where = `${ref} (${source.commit.slice(0, 7)})`;
            const same = new Set(target.map((entry) => `${entry.path}\0${entry.object}`));
            const differing = source.files.filter((file) => !same.has(`${file.path}\0${file.object}`));
            const contents = await tree.read(differing.map((file) => file.object));
            const byRepository = new Map();
            differing.forEach((file, i) => {
                for (const image of (0,manifest_images/* findImages */.Mz)(contents[i].toString('utf8'), file.path)) {
                    if (!image.digest)
                        throw new Error(`${file.path} in ${where} names ${(0,reference/* formatImageReference */.my)(image)}, which is not pinned by digest; environments are chained by digest, so nothing was written`);
                    const key = (0,reference/* canonicalRepository */.JA)(image);
                    const seen = byRepository.get(key);
                    if (seen && seen.image.digest !== image.digest)
                        throw new Error(`${where} runs two digests of ${(0,reference/* repositoryOf */._M)(image)} (${seen.file}: ${seen.image.digest}, ${file.path}: ${image.digest}); promote them with explicit images instead`);
                    byRepository.set(key, { image, file: file.path });
                    images.set(image.digest, image);
                }
            });
            const lines = [...byRepository.values()].map(({ image }) => `${(0,reference/* repositoryOf */._M)(image)}=${(0,reference/* formatImageReference */.my)(image)}`);
            return (0,updates/* parseImageUpdates */.p)(lines, 'promote-from');
        },
        async checkWritten(changes) {
            const digests = (text) => new Set(text.match(/sha256:[0-9a-f]{64}/g) ?? []);
            const written = changes.flatMap(({ before, after }) => {
                const old = digests(before);
                return [...digests(after)].filter((digest) => !old.has(digest) && images.has(digest) && !checked.has(digest));
            });
            const unique = [...new Set(written)];
            await checkInRegistries(unique.map((digest) => images.get(digest)), deps);
            for (const digest of unique)
                checked.add(digest);
        },
    };
    return stage;
}
/** Every digest must still be in its registry: the next environment would otherwise fail to pull it. */
async function checkInRegistries(images, deps) {
    const client = registryClients(deps);
    for (const image of images) {
        const host = (0,reference/* registryHost */.U$)(image);
        const registry = client(host);
        const descriptor = await registry.head((0,reference/* apiRepository */.pl)(image), image.digest);
        if (!descriptor)
            throw new Error(`${(0,reference/* formatImageReference */.my)(image)} is no longer in its registry (${host}); it cannot be promoted, so nothing was written`);
    }
}


/***/ })

};
