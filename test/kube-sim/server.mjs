// The HTTP face of the simulator: routing of API paths, content negotiation
// (JSON, Table, aggregated discovery), watches, and injected faults.
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { ApiError, errors } from './api.mjs';
import { apiVersionOf } from './catalog.mjs';
import {
  aggregatedDiscovery,
  apiGroup,
  coreVersions,
  groupList,
  openApiDocument,
  openApiIndex,
  openApiV2,
  resourceList,
  versionInfo,
} from './discovery.mjs';
import { fromStorage } from './conversions.mjs';
import { decodeObject } from './protobuf.mjs';
import { SelectorError, parseFieldSelector, parseLabelSelector } from './selectors.mjs';
import { partialMetadata, toTable } from './tables.mjs';
import { sleep } from './util.mjs';

/**
 * @typedef {import('./catalog.mjs').ResourceType} ResourceType
 * @typedef {object} Faults
 * @property {{ count: number, path?: string | RegExp, method?: string, retryAfterSeconds?: number }} [unavailable]
 *   answer the next `count` matching requests with 503 ServiceUnavailable
 * @property {number} [latencyMs] delay every response by this much
 * @property {number} [dropWatchesAfterMs] cut each watch connection this long after it opens
 * @typedef {{ method: string, path: string, query: string, status: number, userAgent: string, time: number }} RequestRecord
 */

const NO_CACHE = { 'Cache-Control': 'no-cache, private' };
const REQUEST_LOG_LIMIT = 5000;

/** @param {import('node:http').ServerResponse} res @param {number} code @param {unknown} body @param {string} [contentType] */
function send(res, code, body, contentType = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, ...NO_CACHE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** @param {import('node:http').ServerResponse} res @param {ApiError} e */
const sendError = (res, e) => send(res, e.code, e.toStatus());

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer>} */
async function readBytes(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** @param {import('node:http').IncomingMessage} req */
const readBody = async (req) => (await readBytes(req)).toString('utf8');

/**
 * An object sent for create or update: JSON, YAML, or the protobuf kubectl's
 * typed clients send.
 * @param {import('node:http').IncomingMessage} req
 */
async function readObject(req) {
  const bytes = await readBytes(req);
  if ((req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf')) {
    try {
      return decodeObject(bytes);
    } catch (e) {
      throw new ApiError(415, 'UnsupportedMediaType', `the body of the request could not be decoded: ${/** @type {Error} */ (e).message}`);
    }
  }
  return decode(bytes.toString('utf8'));
}

/**
 * The media ranges of an Accept header with their parameters, in order.
 * @param {string | undefined} accept
 */
function mediaRanges(accept) {
  return (accept ?? '*/*').split(',').map((range) => {
    const [type, ...params] = range.split(';').map((s) => s.trim());
    return { type, params: Object.fromEntries(params.map((p) => p.split('=').map((s) => s.trim()))) };
  });
}

/**
 * What representation the client wants for objects: a Table, partial
 * metadata, or the objects themselves.
 * @param {string | undefined} accept
 * @returns {{ as: 'Table' | 'PartialObjectMetadata' | 'Object', version: string }}
 */
function negotiate(accept) {
  for (const { type, params } of mediaRanges(accept)) {
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue;
    if (params.as === 'Table' && params.g === 'meta.k8s.io') return { as: 'Table', version: params.v ?? 'v1' };
    if ((params.as === 'PartialObjectMetadata' || params.as === 'PartialObjectMetadataList') && params.g === 'meta.k8s.io')
      return { as: 'PartialObjectMetadata', version: params.v ?? 'v1' };
    if (!params.as) return { as: 'Object', version: '' };
  }
  return { as: 'Object', version: '' };
}

/** @param {string | undefined} accept @returns {'v2' | 'v2beta1' | undefined} */
function discoveryFormat(accept) {
  for (const { params } of mediaRanges(accept)) {
    if (params.as === 'APIGroupDiscoveryList' && params.g === 'apidiscovery.k8s.io' && (params.v === 'v2' || params.v === 'v2beta1'))
      return params.v;
    if (!params.as) return undefined;
  }
  return undefined;
}

/**
 * Splits an API path into what it addresses.
 * @param {import('./catalog.mjs').Catalog} catalog
 * @param {string[]} segments path segments after /api/v1 or /apis/<g>/<v>
 * @param {string} group @param {string} version
 */
function parseResourcePath(catalog, segments, group, version) {
  const typeAt = catalog.typeAt.bind(catalog);
  let namespace;
  let rest = segments;
  if (rest[0] === 'namespaces' && rest.length >= 3 && typeAt(group, version, rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const type = typeAt(group, version, plural ?? '');
  if (!type || extra.length) return undefined;
  if (type.namespaced === false && namespace) return undefined;
  return { type, namespace, name, subresource };
}

/**
 * @param {object} sim
 * @param {import('./api.mjs').Api} sim.api
 * @param {import('./store.mjs').Store} sim.store
 * @param {import('./kubelet.mjs').Kubelet} sim.kubelet
 * @param {() => Faults} sim.faults
 * @param {() => { major: string | number, minor: string | number, patch?: string | number }} sim.version
 * @param {string} sim.token
 * @param {RequestRecord[]} sim.requests
 * @param {Set<import('node:http').ServerResponse>} sim.watches
 */
export function createHandler(sim) {
  /** @type {Map<string, { text: string, hash: string }>} */
  const openApiCache = new Map();
  const catalog = sim.api.catalog;
  const openApi = (/** @type {string} */ path) => {
    const key = `${path}@${JSON.stringify(sim.version())}@${catalog.revision}`;
    let doc = openApiCache.get(key);
    if (!doc) {
      const [, a, b] = path.split('/');
      const [group, version] = path.startsWith('api/') ? ['', a] : [a, b];
      const text = JSON.stringify(openApiDocument(catalog, group, version, versionInfo(sim.version()).gitVersion));
      doc = { text, hash: createHash('sha512').update(text).digest('hex').slice(0, 128).toUpperCase() };
      openApiCache.set(key, doc);
    }
    return doc;
  };

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  return async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://kube-sim');
    /** @type {RequestRecord} */
    const record = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: 0,
      userAgent: req.headers['user-agent'] ?? '',
      time: Date.now(),
    };
    sim.requests.push(record);
    if (sim.requests.length > REQUEST_LOG_LIMIT) sim.requests.splice(0, sim.requests.length - REQUEST_LOG_LIMIT);
    res.on('finish', () => (record.status = res.statusCode));
    try {
      const faults = sim.faults();
      if (faults.latencyMs) await sleep(faults.latencyMs);
      const outage = faults.unavailable;
      if (outage && outage.count > 0 && (!outage.method || outage.method === req.method) && matchesPath(outage.path, url.pathname)) {
        outage.count--;
        if (outage.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(outage.retryAfterSeconds));
        return sendError(res, new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));
      }
      // kubectl sends no credentials over plain http, so only a wrong token is refused.
      const auth = req.headers.authorization;
      if (auth !== undefined && auth !== `Bearer ${sim.token}`) return sendError(res, new ApiError(401, 'Unauthorized', 'Unauthorized'));
      await route(req, res, url);
    } catch (e) {
      if (e instanceof ApiError) return sendError(res, e);
      if (e instanceof SelectorError) return sendError(res, errors.badRequest(e.message));
      console.error('kube-sim: internal error', e);
      const failure = new ApiError(500, 'InternalError', `Internal error occurred: ${/** @type {Error} */ (e).message}`);
      if (!res.headersSent) sendError(res, failure);
      else res.destroy();
    }
  };

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {URL} url */
  async function route(req, res, url) {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const segments = path.split('/').filter(Boolean);
    const accept = req.headers.accept;
    const method = req.method ?? 'GET';

    if (method === 'GET') {
      if (path === '/version') return send(res, 200, versionInfo(sim.version()));
      if (['/healthz', '/livez', '/readyz'].includes(path)) return send(res, 200, 'ok', 'text/plain');
      if (path === '/api' || path === '/apis') {
        const format = discoveryFormat(accept);
        if (!format) return send(res, 200, path === '/api' ? coreVersions(req.headers.host ?? '') : groupList(catalog));
        const contentType = `application/json;g=apidiscovery.k8s.io;v=${format};as=APIGroupDiscoveryList`;
        return send(res, 200, aggregatedDiscovery(catalog, path === '/api', format), contentType);
      }
      if (path === '/api/v1') return send(res, 200, resourceList(catalog, '', 'v1'));
      if (segments[0] === 'apis' && segments.length === 2) {
        const group = apiGroup(catalog, segments[1]);
        return group ? send(res, 200, group) : sendError(res, notFound());
      }
      if (segments[0] === 'apis' && segments.length === 3) {
        const list = resourceList(catalog, segments[1], segments[2]);
        return list.resources.length ? send(res, 200, list) : sendError(res, notFound());
      }
      if (path === '/openapi/v2') {
        const doc = openApiV2(versionInfo(sim.version()).gitVersion);
        res.writeHead(200, {
          'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
          ...NO_CACHE,
          'Content-Length': doc.length,
        });
        return res.end(doc);
      }
      if (path === '/openapi/v3')
        return send(
          res,
          200,
          openApiIndex(catalog, (p) => openApi(p).hash),
        );
      if (path.startsWith('/openapi/v3/')) {
        const docPath = path.slice('/openapi/v3/'.length);
        const known = openApiIndex(catalog, () => '').paths[docPath];
        return known ? send(res, 200, openApi(docPath).text) : sendError(res, notFound());
      }
    }

    let target;
    if (segments[0] === 'api' && segments[1] === 'v1') target = parseResourcePath(catalog, segments.slice(2), '', 'v1');
    else if (segments[0] === 'apis' && segments.length >= 4)
      target = parseResourcePath(catalog, segments.slice(3), segments[1], segments[2]);
    if (!target) return sendError(res, notFound());
    const { type, namespace, name, subresource } = target;
    const version = segments[0] === 'api' ? 'v1' : segments[2];
    // What the store holds, as a client of this version sees it.
    const out = (/** @type {any} */ o) => fromStorage(type, version, o);
    const query = url.searchParams;
    const options = {
      version,
      manager: query.get('fieldManager') ?? (req.headers['user-agent'] ?? 'unknown').split('/')[0],
      dryRun: query.getAll('dryRun').includes('All'),
      force: query.get('force') === 'true',
      fieldValidation: query.get('fieldValidation') ?? undefined,
      subresource,
    };

    if (!name) {
      if (method === 'GET') return list(req, res, type, namespace, query, version);
      if (method === 'POST')
        return send(res, options.dryRun ? 200 : 201, out(sim.api.create(type, namespace, await readObject(req), options)));
      if (method === 'DELETE') return deleteCollection(res, type, namespace, query);
      return sendError(res, methodNotAllowed(method));
    }
    if (subresource && !type.subresources.includes(subresource)) return sendError(res, notFound());
    if (subresource === 'log') {
      if (method !== 'GET') return sendError(res, methodNotAllowed(method));
      const pod = sim.api.get(type, namespace, name);
      const tail = query.get('tailLines');
      const text = sim.kubelet.logs(pod, {
        container: query.get('container') ?? undefined,
        previous: query.get('previous') === 'true',
        tailLines: tail === null ? undefined : Number(tail),
        timestamps: query.get('timestamps') === 'true',
      });
      return send(res, 200, text, 'text/plain');
    }
    if (subresource === 'scale') {
      if (method === 'GET') return send(res, 200, sim.api.getScale(type, namespace ?? '', name));
      const raw = await readBody(req);
      const input = method === 'PUT' ? { body: decode(raw) } : { raw, contentType: req.headers['content-type'] };
      return send(res, 200, sim.api.updateScale(type, namespace ?? '', name, input, options));
    }
    switch (method) {
      case 'GET':
        return sendObject(res, type, sim.api.get(type, namespace, name), accept, version);
      case 'PUT':
        return send(res, 200, out(sim.api.update(type, namespace, name, await readObject(req), options)));
      case 'PATCH': {
        const contentType = req.headers['content-type'] ?? '';
        const raw = await readBody(req);
        const existed = !!sim.store.get(type, namespace, name);
        const result = sim.api.patch(type, namespace, name, contentType, raw, options);
        return send(res, existed || options.dryRun ? 200 : 201, out(result));
      }
      case 'DELETE': {
        const raw = await readBody(req);
        const body = raw ? decode(raw) : {};
        return send(
          res,
          200,
          out(
            sim.api.delete(type, namespace, name, {
              propagationPolicy: query.get('propagationPolicy') ?? body.propagationPolicy,
              dryRun: options.dryRun || (body.dryRun ?? []).includes('All'),
              preconditions: body.preconditions,
            }),
          ),
        );
      }
      default:
        return sendError(res, methodNotAllowed(method));
    }
  }

  /** @param {import('node:http').ServerResponse} res @param {ResourceType} type @param {any} object @param {string | undefined} accept @param {string} version */
  function sendObject(res, type, object, accept, version) {
    const want = negotiate(accept);
    if (want.as === 'Table')
      return send(res, 200, toTable(type, [object], { resourceVersion: object.metadata.resourceVersion, tableVersion: want.version }));
    if (want.as === 'PartialObjectMetadata')
      return send(res, 200, { ...partialMetadata(object), apiVersion: `meta.k8s.io/${want.version}` });
    return send(res, 200, fromStorage(type, version, object));
  }

  /** @param {URLSearchParams} query */
  function selection(query) {
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'));
    return (/** @type {any} */ o) => labels(o.metadata.labels ?? {}) && fields(o);
  }

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {ResourceType} type @param {string | undefined} namespace @param {URLSearchParams} query @param {string} version
   */
  function list(req, res, type, namespace, query, version) {
    const accept = req.headers.accept;
    if (query.get('watch') === 'true' || query.get('watch') === '1') return watch(req, res, type, namespace, query, version);
    const selected = selection(query);
    let items = sim.store.list(type, namespace).filter(selected);
    const resourceVersion = String(sim.store.resourceVersion);
    const limit = Number(query.get('limit') ?? 0);
    const start = query.get('continue')
      ? Number(JSON.parse(Buffer.from(/** @type {string} */ (query.get('continue')), 'base64').toString()).start)
      : 0;
    let next;
    if (limit > 0 && items.length > start + limit)
      next = Buffer.from(JSON.stringify({ start: start + limit, rv: resourceVersion })).toString('base64');
    const remaining = next ? items.length - start - limit : 0;
    items = limit > 0 ? items.slice(start, start + limit) : items.slice(start);
    const want = negotiate(accept);
    const meta = { resourceVersion, ...(next ? { continue: next, remainingItemCount: remaining } : {}) };
    if (want.as === 'Table')
      return send(
        res,
        200,
        toTable(type, items, {
          resourceVersion,
          includeObject: query.get('includeObject') ?? undefined,
          tableVersion: want.version,
          continue: next,
        }),
      );
    if (want.as === 'PartialObjectMetadata')
      return send(res, 200, {
        kind: 'PartialObjectMetadataList',
        apiVersion: `meta.k8s.io/${want.version}`,
        metadata: meta,
        items: items.map(partialMetadata),
      });
    const apiVersion = type.group ? `${type.group}/${version}` : version;
    return send(res, 200, { kind: `${type.kind}List`, apiVersion, metadata: meta, items: items.map((o) => fromStorage(type, version, o)) });
  }

  /**
   * Streams watch events as newline-separated JSON, from the requested
   * resourceVersion or, without one, from a synthetic ADDED per object.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {ResourceType} type @param {string | undefined} namespace @param {URLSearchParams} query @param {string} version
   */
  function watch(req, res, type, namespace, query, version) {
    const selected = selection(query);
    const want = negotiate(req.headers.accept);
    const render = (/** @type {any} */ o) =>
      want.as === 'Table'
        ? toTable(type, [o], {
            resourceVersion: o.metadata.resourceVersion,
            includeObject: query.get('includeObject') ?? undefined,
            tableVersion: want.version,
          })
        : want.as === 'PartialObjectMetadata'
          ? { ...partialMetadata(o), apiVersion: `meta.k8s.io/${want.version}` }
          : fromStorage(type, version, o);
    const inScope = (/** @type {any} */ o) => !!o && (!namespace || !type.namespaced || o.metadata.namespace === namespace) && selected(o);
    res.writeHead(200, { 'Content-Type': 'application/json', ...NO_CACHE, 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const emit = (/** @type {string} */ eventType, /** @type {any} */ object) =>
      res.write(`${JSON.stringify({ type: eventType, object })}\n`);

    const rvParam = query.get('resourceVersion');
    const initialEvents = query.get('sendInitialEvents') === 'true';
    if (!rvParam || rvParam === '0' || initialEvents) {
      for (const o of sim.store.list(type, namespace)) if (inScope(o)) emit('ADDED', render(o));
      if (initialEvents) {
        emit('BOOKMARK', {
          kind: type.kind,
          apiVersion: apiVersionOf(type),
          metadata: { resourceVersion: String(sim.store.resourceVersion), annotations: { 'k8s.io/initial-events-end': 'true' } },
        });
      }
    } else {
      const from = Number(rvParam);
      if (!(from >= sim.store.oldestResumable())) {
        emit('ERROR', new ApiError(410, 'Expired', `too old resource version: ${rvParam} (${sim.store.oldestResumable()})`).toStatus());
        return res.end();
      }
      for (const change of sim.store.changesSince(from)) deliver(change);
    }

    /** @param {import('./store.mjs').Change} change */
    function deliver(change) {
      if (change.resource !== type) return;
      // An object that moves into or out of the selection appears or vanishes for this watcher.
      const now = change.type !== 'DELETED' && inScope(change.object);
      const before = change.type !== 'ADDED' && inScope(change.previous);
      if (now) emit(before ? 'MODIFIED' : 'ADDED', render(change.object));
      else if (before) emit('DELETED', render(change.object));
    }

    const unsubscribe = sim.store.subscribe(deliver);
    sim.watches.add(res);
    const timers = [];
    const timeout = Number(query.get('timeoutSeconds') ?? 0);
    if (timeout > 0) timers.push(setTimeout(() => res.end(), timeout * 1000));
    const dropAfter = sim.faults().dropWatchesAfterMs;
    if (dropAfter !== undefined) timers.push(setTimeout(() => res.destroy(), dropAfter));
    const cleanup = () => {
      unsubscribe();
      sim.watches.delete(res);
      for (const t of timers) clearTimeout(t);
    };
    res.on('close', cleanup);
    req.on('close', () => res.end());
  }

  /** @param {import('node:http').ServerResponse} res @param {ResourceType} type @param {string | undefined} namespace @param {URLSearchParams} query */
  function deleteCollection(res, type, namespace, query) {
    const selected = selection(query);
    const items = [];
    for (const o of sim.store.list(type, namespace).filter(selected)) {
      if (sim.store.get(type, o.metadata.namespace, o.metadata.name))
        items.push(
          sim.api.delete(type, o.metadata.namespace, o.metadata.name, { propagationPolicy: query.get('propagationPolicy') ?? undefined }),
        );
    }
    return send(res, 200, {
      kind: `${type.kind}List`,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: String(sim.store.resourceVersion) },
      items,
    });
  }
}

/** @param {string | RegExp | undefined} pattern @param {string} path */
function matchesPath(pattern, path) {
  if (pattern === undefined) return true;
  return pattern instanceof RegExp ? pattern.test(path) : path.includes(pattern);
}

/** @param {string} raw */
function decode(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    try {
      return parseYaml(raw);
    } catch (e) {
      throw errors.badRequest(`error decoding request body: ${/** @type {Error} */ (e).message}`);
    }
  }
}

const notFound = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
const methodNotAllowed = (/** @type {string} */ method) =>
  new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`, {});
