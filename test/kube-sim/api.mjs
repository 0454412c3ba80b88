// The semantics of the API verbs on top of the store: metadata stamping,
// defaulting, validation, field ownership, patches, cascading deletion, and
// the Status errors clients get back.
import { parse as parseYaml } from 'yaml';
import { Catalog, apiVersionOf, qualifiedKind, qualifiedResource, servedVersions, typeNamed } from './catalog.mjs';
import { fromStorage, toStorage } from './conversions.mjs';
import { checkCustomResource, defaultCrd, listTypes, validateCrd } from './crds.mjs';
import { applyDefaults, describeFieldError, dropEmptyMetadata, validate } from './defaults.mjs';
import { ApplyConflict, recordUpdate, serverSideApply } from './fields.mjs';
import { PatchError, jsonMergePatch, jsonPatch, strategicMergePatch } from './merge.mjs';
import { clone, deepEqual, isObject, newUid, randomSuffix, timestamp } from './util.mjs';

/** @typedef {import('./catalog.mjs').ResourceType} ResourceType */

export class ApiError extends Error {
  /** @param {number} code @param {string} reason @param {string} message @param {Record<string, any>} [details] */
  constructor(code, reason, message, details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** @param {ResourceType} type @param {string} name */
const detailsOf = (type, name) => ({ name, group: type.group || undefined, kind: type.plural });

export const errors = {
  /** @param {ResourceType} type @param {string} name */
  notFound: (type, name) => new ApiError(404, 'NotFound', `${qualifiedResource(type)} "${name}" not found`, detailsOf(type, name)),
  /** @param {ResourceType} type @param {string} name */
  alreadyExists: (type, name) =>
    new ApiError(409, 'AlreadyExists', `${qualifiedResource(type)} "${name}" already exists`, detailsOf(type, name)),
  /** @param {ResourceType} type @param {string} name @param {string} [why] */
  conflict: (type, name, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(type)} "${name}": ${why}`, detailsOf(type, name)),
  /** @param {string} message */
  badRequest: (message) => new ApiError(400, 'BadRequest', message),
  /** @param {ResourceType} type @param {string} name @param {import('./defaults.mjs').FieldError[]} fieldErrors */
  invalid(type, name, fieldErrors) {
    const described = fieldErrors.map(describeFieldError);
    const summary = described.length === 1 ? described[0] : `[${described.join(', ')}]`;
    return new ApiError(422, 'Invalid', `${qualifiedKind(type)} "${name}" is invalid: ${summary}`, {
      name,
      group: type.group || undefined,
      kind: type.kind,
      causes: fieldErrors.map((e, i) => ({ reason: e.type, message: described[i].slice(e.field.length + 2), field: e.field })),
    });
  },
};

const NAMESPACES = typeNamed('Namespace');

/** Metadata a client may not set: the server owns it. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'managedFields',
  'selfLink',
];

/**
 * @typedef {object} WriteOptions
 * @property {string} [manager]       the field manager; defaults to the client's name
 * @property {boolean} [dryRun]
 * @property {string} [subresource]   'status' writes only the status
 * @property {boolean} [force]        server-side apply: take over conflicting fields
 * @property {string} [fieldValidation] 'Strict' refuses unknown fields of custom resources; otherwise they are pruned
 * @property {string} [version]       the version the request addressed; objects are converted from and to it
 */

const CRDS = typeNamed('CustomResourceDefinition');
const PODS = typeNamed('Pod');
const SERVICE_ACCOUNTS = typeNamed('ServiceAccount');
const PRIORITY_CLASSES = typeNamed('PriorityClass');
const LIMIT_RANGES = typeNamed('LimitRange');

/** The version of its type an object was sent in. @param {ResourceType} type @param {any} body */
const sentVersion = (type, body) => (typeof body?.apiVersion === 'string' ? body.apiVersion.split('/').pop() : type.version);

/** What a review kind answers: this simulator allows everything and knows one user. @param {ResourceType} type */
function reviewAnswer(type) {
  switch (type.kind) {
    case 'TokenReview':
      return { authenticated: true, user: { username: 'kube-sim', groups: ['system:masters', 'system:authenticated'] } };
    case 'SelfSubjectRulesReview':
      return {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
    default:
      return { allowed: true };
  }
}

export class Api {
  /** @param {import('./store.mjs').Store} store @param {Catalog} [catalog] the kinds served; the built-in ones when absent */
  constructor(store, catalog = new Catalog()) {
    this.store = store;
    this.catalog = catalog;
  }

  /**
   * Defaults and validates an object about to be stored. A custom resource
   * is pruned, defaulted and checked against its CRD's schema; a strict
   * client hears about the unknown fields instead of seeing them dropped.
   * @param {ResourceType} type @param {any} o @param {string} version @param {WriteOptions} options @param {any} [old]
   * @returns {import('./defaults.mjs').FieldError[]}
   */
  prepare(type, o, version, options, old) {
    if (type.custom) {
      dropEmptyMetadata(o, false);
      const { errors: invalid, unknown } = checkCustomResource(type, version, o);
      if (unknown.length && options.fieldValidation === 'Strict') {
        throw errors.badRequest(
          `${type.kind} in version "${version}" cannot be handled as a ${type.kind}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}`,
        );
      }
      return [...validate('', o), ...invalid];
    }
    applyDefaults(type.kind, o);
    dropEmptyMetadata(o, true);
    if (type === CRDS) {
      defaultCrd(o);
      return [...validate(type.kind, o, old), ...validateCrd(o)];
    }
    return validate(type.kind, o, old);
  }

  /**
   * The admission plugins a new pod meets: ServiceAccount (the account must
   * exist; `default` is taken to, as the namespace controllers make it) and
   * Priority (the class must exist; its value and preemption policy, or 0,
   * are written into the pod).
   * @param {any} pod @param {string} name the name as sent, before generation
   */
  admitPod(pod, name) {
    const spec = isObject(pod.spec) ? pod.spec : {};
    const forbidden = (/** @type {string} */ why) =>
      new ApiError(403, 'Forbidden', `pods "${name}" is forbidden: ${why}`, { name, kind: 'pods' });
    const account = spec.serviceAccountName || spec.serviceAccount || 'default';
    if (account !== 'default' && !this.store.get(SERVICE_ACCOUNTS, pod.metadata.namespace, account)) {
      throw forbidden(`error looking up service account ${pod.metadata.namespace}/${account}: serviceaccount "${account}" not found`);
    }
    spec.serviceAccountName = account;
    spec.serviceAccount = account;
    let priorityClass;
    if (spec.priorityClassName) {
      priorityClass = this.store.get(PRIORITY_CLASSES, undefined, spec.priorityClassName);
      if (!priorityClass) throw forbidden(`no PriorityClass with name ${spec.priorityClassName} was found`);
    } else {
      priorityClass = this.store.list(PRIORITY_CLASSES).find((c) => c.globalDefault);
      if (priorityClass) spec.priorityClassName = priorityClass.metadata.name;
    }
    spec.priority = priorityClass?.value ?? 0;
    spec.preemptionPolicy = priorityClass?.preemptionPolicy ?? 'PreemptLowerPriority';
    this.applyLimitRanges(pod);
  }

  /**
   * The LimitRanger plugin: containers without a request or limit get the
   * defaults of their namespace's LimitRanges, and the pod an annotation
   * saying what was set.
   * @param {any} pod
   */
  applyLimitRanges(pod) {
    const items = this.store
      .list(LIMIT_RANGES, pod.metadata.namespace)
      .flatMap((r) => r.spec?.limits ?? [])
      .filter((item) => item?.type === 'Container');
    if (!items.length) return;
    /** @type {string[]} */
    const said = [];
    for (const [list, what] of /** @type {const} */ ([
      ['initContainers', 'init container'],
      ['containers', 'container'],
    ])) {
      for (const c of pod.spec[list] ?? []) {
        if (!isObject(c)) continue;
        c.resources = isObject(c.resources) ? c.resources : {};
        const limits = { ...c.resources.limits };
        // Requests the API server defaults from limits are already there when admission runs.
        const requests = { ...limits, ...c.resources.requests };
        const set = { request: /** @type {string[]} */ ([]), limit: /** @type {string[]} */ ([]) };
        for (const item of items) {
          for (const [r, v] of Object.entries(item.defaultRequest ?? {}))
            if (requests[r] === undefined) {
              requests[r] = v;
              set.request.push(r);
            }
          for (const [r, v] of Object.entries(item.default ?? {}))
            if (limits[r] === undefined) {
              limits[r] = v;
              set.limit.push(r);
            }
        }
        if (Object.keys(requests).length) c.resources.requests = requests;
        if (Object.keys(limits).length) c.resources.limits = limits;
        for (const kind of /** @type {const} */ (['request', 'limit']))
          if (set[kind].length) said.push(`${set[kind].sort().join(', ')} ${kind} for ${what} ${c.name}`);
      }
    }
    if (said.length)
      pod.metadata.annotations = {
        ...pod.metadata.annotations,
        'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${said.join('; ')}`,
      };
  }

  /** What the generation follows: the spec, or for kinds without one everything but metadata and status. @param {ResourceType} type @param {any} o */
  static specOf(type, o) {
    if (type.hasSpec) return o.spec;
    const { metadata: _metadata, status: _status, ...rest } = o;
    return rest;
  }

  /** How the lists of a kind merge under server-side apply: from the schema for a custom resource. @param {ResourceType} type @param {string} version */
  listTypesOf(type, version) {
    const schema = type.custom?.versions.find((v) => v.name === version)?.schema;
    return type.custom ? listTypes(schema ?? {}) : undefined;
  }

  /** @param {ResourceType} type @param {string | undefined} namespace @param {string} name */
  get(type, namespace, name) {
    const found = this.store.get(type, namespace, name);
    if (!found) throw errors.notFound(type, name);
    return clone(found);
  }

  /** @param {ResourceType} type @param {any} body */
  checkKind(type, body) {
    if (!isObject(body)) throw errors.badRequest('the request body must be an object');
    const served = servedVersions(type).map((v) => (type.group ? `${type.group}/${v}` : v));
    if (body.apiVersion && !served.includes(body.apiVersion)) {
      throw errors.badRequest(
        `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(type)})`,
      );
    }
    if (body.kind && body.kind !== type.kind)
      throw errors.badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${type.kind})`);
  }

  /**
   * @param {ResourceType} type @param {string | undefined} namespace @param {any} body
   * @param {WriteOptions & { keepManagedFields?: boolean }} [options]
   */
  create(type, namespace, body, options = {}) {
    this.checkKind(type, body);
    const version = sentVersion(type, body);
    if (type.verbs.length === 1 && type.verbs[0] === 'create') return { ...clone(body), status: reviewAnswer(type) };
    const o = clone(toStorage(type, version, body));
    o.apiVersion = apiVersionOf(type);
    o.kind = type.kind;
    o.metadata = isObject(o.metadata) ? o.metadata : {};
    const managedFields = o.metadata.managedFields;
    for (const k of SERVER_METADATA) delete o.metadata[k];
    // Admission runs before a generated name exists, so its errors name the prefix.
    const admittedName = o.metadata.name ?? o.metadata.generateName ?? '';
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = `${o.metadata.generateName}${randomSuffix()}`;
    if (type.namespaced) {
      if (o.metadata.namespace && namespace && o.metadata.namespace !== namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      o.metadata.namespace = namespace ?? o.metadata.namespace ?? 'default';
      const ns = this.store.get(NAMESPACES, undefined, o.metadata.namespace);
      if (!ns) throw errors.notFound(NAMESPACES, o.metadata.namespace);
      if (ns.status?.phase === 'Terminating') {
        throw new ApiError(
          403,
          'Forbidden',
          `${type.plural} "${o.metadata.name}" is forbidden: unable to create new content in namespace ${o.metadata.namespace} because it is being terminated`,
        );
      }
    } else delete o.metadata.namespace;
    if (type === PODS) this.admitPod(o, admittedName);
    if (o.metadata.name && this.store.get(type, o.metadata.namespace, o.metadata.name)) throw errors.alreadyExists(type, o.metadata.name);

    o.metadata.uid = newUid();
    o.metadata.creationTimestamp = timestamp();
    if (type.generation) o.metadata.generation = 1;
    if (type.subresources.includes('status')) delete o.status;
    if (type.kind === 'Job') selectJobPods(o);
    const invalid = this.prepare(type, o, version, options);
    if (invalid.length) throw errors.invalid(type, o.metadata.name ?? '', invalid);
    if (options.keepManagedFields) o.metadata.managedFields = managedFields;
    else recordUpdate(undefined, o, options.manager ?? 'unknown', this.listTypesOf(type, version));
    if (!o.metadata.managedFields) delete o.metadata.managedFields;
    if (options.dryRun) return o;
    return clone(this.store.put(type, o));
  }

  /**
   * PUT: replaces the object (or only its status with subresource 'status').
   * @param {ResourceType} type @param {string | undefined} namespace @param {string} name @param {any} body @param {WriteOptions} [options]
   */
  update(type, namespace, name, body, options = {}) {
    this.checkKind(type, body);
    const old = this.store.get(type, namespace, name);
    if (!old) throw errors.notFound(type, name);
    if (body.metadata?.name && body.metadata.name !== name) {
      throw errors.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (body.metadata?.resourceVersion && body.metadata.resourceVersion !== old.metadata.resourceVersion) throw errors.conflict(type, name);
    const version = sentVersion(type, body);
    return this.commit(type, old, this.overlay(type, old, toStorage(type, version, body), options.subresource), { ...options, version });
  }

  /**
   * The next version of `old` given a client's full object: the server keeps
   * its own metadata, and the status or everything else depending on the
   * subresource written.
   * @param {ResourceType} type @param {any} old @param {any} body @param {string} [subresource]
   */
  overlay(type, old, body, subresource) {
    if (subresource === 'status') return { ...clone(old), status: clone(body.status) };
    const next = clone(body);
    next.apiVersion = old.apiVersion;
    next.kind = old.kind;
    next.metadata = isObject(next.metadata) ? next.metadata : {};
    for (const k of [...SERVER_METADATA, 'name', 'namespace']) {
      if (old.metadata[k] === undefined) delete next.metadata[k];
      else next.metadata[k] = clone(old.metadata[k]);
    }
    if (type.subresources.includes('status')) {
      if (old.status === undefined) delete next.status;
      else next.status = clone(old.status);
    }
    return next;
  }

  /**
   * Validates and stores the next version of an object. A write that changes
   * nothing keeps the stored object and its resourceVersion, as the real
   * server does.
   * @param {ResourceType} type @param {any} old @param {any} next @param {WriteOptions & { fieldsDone?: boolean, version?: string }} options
   */
  commit(type, old, next, options) {
    const version = options.version ?? type.version;
    next.apiVersion = apiVersionOf(type);
    const invalid = this.prepare(type, next, version, options, old);
    if (invalid.length) throw errors.invalid(type, old.metadata.name, invalid);
    if (type.generation && !deepEqual(Api.specOf(type, old), Api.specOf(type, next)))
      next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    if (options.subresource) next.metadata.managedFields = clone(old.metadata.managedFields);
    else if (!options.fieldsDone) recordUpdate(old, next, options.manager ?? 'unknown', this.listTypesOf(type, version));
    if (next.metadata.managedFields === undefined) delete next.metadata.managedFields;
    if (sameContent(old, next)) return clone(old);
    if (options.dryRun) return next;
    return clone(this.store.put(type, next));
  }

  /**
   * @param {ResourceType} type @param {string | undefined} namespace @param {string} name
   * @param {string} contentType @param {string} raw the request body
   * @param {WriteOptions} [options]
   */
  patch(type, namespace, name, contentType, raw, options = {}) {
    const mediaType = contentType.split(';')[0].trim();
    if (mediaType === 'application/apply-patch+yaml') return this.apply(type, namespace, name, raw, options);
    const old = this.store.get(type, namespace, name);
    if (!old) throw errors.notFound(type, name);
    let patch;
    try {
      patch = JSON.parse(raw);
    } catch (e) {
      throw errors.badRequest(`error decoding patch: ${/** @type {Error} */ (e).message}`);
    }
    let patched;
    // A patch applies to the object as the client sees it at the version it addressed.
    const seen = fromStorage(type, options.version, old);
    try {
      if (mediaType === 'application/merge-patch+json') patched = jsonMergePatch(seen, patch);
      else if (mediaType === 'application/strategic-merge-patch+json' && !type.custom) patched = strategicMergePatch(seen, patch);
      else if (mediaType === 'application/json-patch+json') patched = jsonPatch(seen, patch);
      else
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${type.custom ? '' : ', application/strategic-merge-patch+json'}`,
        );
    } catch (e) {
      if (e instanceof PatchError) throw new ApiError(422, 'Invalid', e.message);
      throw e;
    }
    const precondition = patched?.metadata?.resourceVersion;
    if (precondition && precondition !== old.metadata.resourceVersion) throw errors.conflict(type, name);
    this.checkKind(type, patched);
    patched = toStorage(type, options.version, patched);
    return this.commit(type, old, this.overlay(type, old, patched, options.subresource), options);
  }

  /**
   * Server-side apply; creates the object when it does not exist.
   * @param {ResourceType} type @param {string | undefined} namespace @param {string} name @param {string} raw @param {WriteOptions} options
   */
  apply(type, namespace, name, raw, options) {
    let applied;
    try {
      applied = parseYaml(raw);
    } catch (e) {
      throw errors.badRequest(`error decoding YAML: ${/** @type {Error} */ (e).message}`);
    }
    if (!isObject(applied) || !applied.apiVersion || !applied.kind)
      throw errors.badRequest('apiVersion and kind must be set in an applied configuration');
    this.checkKind(type, applied);
    if (applied.metadata?.name && applied.metadata.name !== name) {
      throw errors.badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (!options.manager) throw errors.badRequest('PATCH, application/apply-patch+yaml requests must specify a fieldManager');
    applied.metadata = { ...applied.metadata, name };
    const version = sentVersion(type, applied);
    let defaulted = clone(applied);
    if (type.custom) {
      // The structured merge refuses what the schema does not declare, whatever the field validation asked.
      const { unknown } = checkCustomResource(type, version, defaulted);
      if (unknown.length)
        throw errors.badRequest(
          `failed to create typed patch object (${namespace ? `${namespace}/` : ''}${name}; ${type.group}/${version}, Kind=${type.kind}): ${unknown.map((u) => `.${u}: field not declared in schema`).join(', ')}`,
        );
    } else {
      defaulted = toStorage(type, version, defaulted);
      applyDefaults(type.kind, defaulted);
    }
    applied = toStorage(type, version, applied);
    applied.apiVersion = apiVersionOf(type);
    const old = this.store.get(type, namespace, name);
    let merged;
    try {
      merged = serverSideApply(old ? clone(old) : undefined, applied, {
        manager: options.manager,
        force: !!options.force,
        lists: this.listTypesOf(type, version),
        defaulted,
      });
    } catch (e) {
      if (!(e instanceof ApplyConflict)) throw e;
      throw new ApiError(409, 'Conflict', e.message, {
        causes: e.conflicts.map((c) => ({
          reason: 'FieldManagerConflict',
          message: `conflict with "${c.manager}" using ${c.apiVersion}`,
          field: c.field,
        })),
      });
    }
    if (!old)
      return this.create(
        type,
        namespace,
        { ...merged, apiVersion: `${type.group ? `${type.group}/` : ''}${version}` },
        { ...options, keepManagedFields: true },
      );
    const next = this.overlay(type, old, merged, options.subresource);
    next.metadata.managedFields = merged.metadata.managedFields;
    return this.commit(type, old, next, { ...options, fieldsDone: true, version });
  }

  /**
   * Deletes an object and, unless orphaning, everything it owns. A namespace
   * first turns Terminating; the controllers empty it and then remove it.
   * @param {ResourceType} type @param {string | undefined} namespace @param {string} name
   * @param {{ propagationPolicy?: string, dryRun?: boolean, preconditions?: { uid?: string, resourceVersion?: string } }} [options]
   */
  delete(type, namespace, name, options = {}) {
    const old = this.store.get(type, namespace, name);
    if (!old) throw errors.notFound(type, name);
    const { uid, resourceVersion } = options.preconditions ?? {};
    if (uid && uid !== old.metadata.uid)
      throw errors.conflict(type, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid}`);
    if (resourceVersion && resourceVersion !== old.metadata.resourceVersion) {
      throw errors.conflict(
        type,
        name,
        `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    const doomed = { ...clone(old), metadata: { ...clone(old.metadata), deletionTimestamp: timestamp(), deletionGracePeriodSeconds: 0 } };
    if (options.dryRun) return doomed;
    if (type === NAMESPACES) {
      if (['default', 'kube-system', 'kube-public'].includes(name))
        throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, detailsOf(type, name));
      // The namespace controller empties it a moment later (Controllers.namespaces), as the real one does.
      if (old.status?.phase !== 'Terminating') this.store.put(type, { ...doomed, status: { phase: 'Terminating' } });
      return clone(this.store.get(type, undefined, name));
    }
    this.store.remove(type, old);
    if (type === CRDS) this.removeDefinedType(name);
    this.releaseDependents(old.metadata.uid, options.propagationPolicy === 'Orphan');
    return doomed;
  }

  /** A deleted CRD takes its custom resources along, and its kind stops being served. @param {string} crdName */
  removeDefinedType(crdName) {
    const type = this.catalog.custom.get(crdName);
    if (!type) return;
    for (const o of this.store.list(type)) this.store.remove(type, o);
    this.catalog.undefine(crdName);
  }

  /** Deletes (or, orphaning, detaches) what the object with `uid` owned. @param {string} uid @param {boolean} orphan */
  releaseDependents(uid, orphan) {
    for (const t of this.catalog.all()) {
      for (const o of this.store.list(t)) {
        const refs = o.metadata.ownerReferences ?? [];
        if (!refs.some((/** @type {any} */ r) => r.uid === uid)) continue;
        if (orphan) {
          const next = clone(o);
          next.metadata.ownerReferences = refs.filter((/** @type {any} */ r) => r.uid !== uid);
          if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
          this.store.put(t, next);
        } else if (this.store.get(t, o.metadata.namespace, o.metadata.name)) {
          this.delete(t, o.metadata.namespace, o.metadata.name);
        }
      }
    }
  }

  /** The autoscaling/v1 Scale of a workload. @param {ResourceType} type @param {string} namespace @param {string} name */
  getScale(type, namespace, name) {
    const o = this.get(type, namespace, name);
    const selector = Object.entries(o.spec?.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name,
        namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: o.spec?.replicas ?? 0 },
      status: { replicas: o.status?.replicas ?? 0, selector },
    };
  }

  /**
   * Writes the scale subresource, from a full Scale (PUT) or a patch of one.
   * @param {ResourceType} type @param {string} namespace @param {string} name
   * @param {{ body?: any, contentType?: string, raw?: string }} input @param {WriteOptions} options
   */
  updateScale(type, namespace, name, { body, contentType, raw }, options) {
    const scale = this.getScale(type, namespace, name);
    let next = body;
    if (raw !== undefined) {
      const patch = JSON.parse(raw);
      const mediaType = (contentType ?? '').split(';')[0];
      next = mediaType === 'application/json-patch+json' ? jsonPatch(scale, patch) : strategicMergePatch(scale, patch);
    }
    const replicas = next?.spec?.replicas;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw errors.invalid({ ...type, kind: 'Scale', group: 'autoscaling' }, name, [
        { field: 'spec.replicas', type: 'FieldValueInvalid', value: replicas, detail: 'must be greater than or equal to 0' },
      ]);
    }
    const old = this.store.get(type, namespace, name);
    if (next.metadata?.resourceVersion && next.metadata.resourceVersion !== old.metadata.resourceVersion) throw errors.conflict(type, name);
    const updated = clone(old);
    updated.spec.replicas = replicas;
    this.commit(type, old, updated, options);
    return this.getScale(type, namespace, name);
  }
}

/** Gives a Job the selector and pod labels the server generates for it. @param {any} job */
function selectJobPods(job) {
  const uid = job.metadata.uid;
  const name = job.metadata.name;
  if (!job.spec?.manualSelector) {
    job.spec ??= {};
    job.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  }
  job.spec.template ??= {};
  job.spec.template.metadata ??= {};
  job.spec.template.metadata.labels = {
    ...job.spec.template.metadata.labels,
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
}

/** Whether two versions differ in anything a client would call a change. @param {any} a @param {any} b */
function sameContent(a, b) {
  const strip = (/** @type {any} */ o) => {
    const c = clone(o);
    delete c.metadata.resourceVersion;
    for (const e of c.metadata.managedFields ?? []) delete e.time;
    return c;
  };
  return deepEqual(strip(a), strip(b));
}
