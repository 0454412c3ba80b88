// Decodes the Kubernetes protobuf encoding that kubectl's typed clients send
// (kubectl create namespace|configmap|secret|deployment|job..., kubectl run,
// kubectl expose) into the JSON object the API would have received.
// Field numbers come from schema.json, generated from the upstream
// generated.proto files by protobuf/generate.mjs.
import { readFileSync } from 'node:fs';

/**
 * Message → field number → [JSON name, type] or [name, 'map', value type] or
 * [name, type, 'inline'] for a Go struct embedded inline.
 * @type {Record<string, Record<string, [string, string, string?]>>}
 */
const SCHEMA = JSON.parse(readFileSync(new URL('./protobuf/schema.json', import.meta.url), 'utf8'));

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

/**
 * Scalars Go declares as pointers, where an explicit zero or false means
 * something; other zero scalars are what gogo-protobuf writes for unset
 * fields, and JSON would have omitted them.
 */
const MEANINGFUL_ZERO = new Set([
  'replicas',
  'parallelism',
  'completions',
  'backoffLimit',
  'backoffLimitPerIndex',
  'maxFailedIndexes',
  'revisionHistoryLimit',
  'progressDeadlineSeconds',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
  'startingDeadlineSeconds',
  'ttlSecondsAfterFinished',
  'partition',
  'suspend',
  'immutable',
  'automountServiceAccountToken',
  'enableServiceLinks',
  'hostUsers',
  'setHostnameAsFQDN',
  'shareProcessNamespace',
  'allowPrivilegeEscalation',
  'privileged',
  'readOnlyRootFilesystem',
  'runAsNonRoot',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'manualSelector',
  'optional',
  'defaultMode',
  'allocateLoadBalancerNodePorts',
]);

class Reader {
  /** @param {Buffer} buf */
  constructor(buf) {
    this.buf = buf;
    this.pos = 0;
  }

  varint() {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('truncated protobuf');
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
      shift += 7n;
    }
  }

  bytes() {
    const length = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** @param {number} wireType */
  skip(wireType) {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wireType}`);
  }

  done() {
    return this.pos >= this.buf.length;
  }
}

/** @param {bigint} v @param {string} type */
function integer(v, type) {
  if (type === 'int32') return Number(BigInt.asIntN(32, v));
  return Number(BigInt.asIntN(64, v));
}

/**
 * @param {Buffer} buf
 * @param {Record<string, [string, string, string?]>} fields
 * @returns {Record<string, any>}
 */
function decodeFields(buf, fields) {
  const r = new Reader(buf);
  /** @type {Record<string, any>} */
  const out = {};
  while (!r.done()) {
    const tag = Number(r.varint());
    const number = tag >>> 3;
    const wireType = tag & 7;
    const field = fields[String(number)];
    if (!field) {
      r.skip(wireType);
      continue;
    }
    const [name, type, extra] = field;
    if (extra === 'inline') {
      Object.assign(out, value(r.bytes(), type));
      continue;
    }
    if (type === 'map') {
      const entry = decodeFields(r.bytes(), {
        1: ['key', 'string'],
        2: ['value', extra ?? 'string'],
      });
      out[name] ??= {};
      out[name][entry.key ?? ''] = entry.value ?? '';
      continue;
    }
    const repeated = type.startsWith('[]');
    const itemType = repeated ? type.slice(2) : type;
    const values = [];
    if (wireType === 2 && /^(int32|int64|bool)$/.test(itemType)) {
      const packed = new Reader(r.bytes());
      while (!packed.done()) values.push(scalar(packed.varint(), itemType));
    } else if (wireType === 0) values.push(scalar(r.varint(), itemType));
    else if (wireType === 2) values.push(value(r.bytes(), itemType));
    else r.skip(wireType);
    if (repeated) out[name] = [...(out[name] ?? []), ...values];
    else if (values.length) out[name] = values[values.length - 1];
  }
  for (const [k, v] of Object.entries(out)) {
    if ((v === 0 || v === false || v === '') && !MEANINGFUL_ZERO.has(k)) delete out[k];
  }
  return out;
}

/** @param {bigint} v @param {string} type */
function scalar(v, type) {
  return type === 'bool' ? v !== 0n : integer(v, type);
}

/** A length-delimited value of `type`. @param {Buffer} bytes @param {string} type */
function value(bytes, type) {
  switch (type) {
    case 'string':
      return bytes.toString('utf8');
    case 'bytes':
      return bytes.toString('base64');
    case 'Time':
    case 'MicroTime': {
      const t = decodeFields(bytes, { 1: ['seconds', 'int64'], 2: ['nanos', 'int32'] });
      if (!t.seconds && !t.nanos) return null;
      return new Date((t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'Quantity':
      return decodeFields(bytes, { 1: ['string', 'string'] }).string ?? '0';
    case 'IntOrString': {
      const v = decodeFields(bytes, { 1: ['type', 'int64'], 2: ['intVal', 'int32'], 3: ['strVal', 'string'] });
      return v.type === 1 ? (v.strVal ?? '') : (v.intVal ?? 0);
    }
    case 'FieldsV1': {
      const raw = decodeFields(bytes, { 1: ['Raw', 'string'] }).Raw;
      return raw ? JSON.parse(raw) : {};
    }
    default: {
      const fields = SCHEMA[type];
      if (!fields) throw new Error(`no protobuf schema for ${type}`);
      return decodeFields(bytes, fields);
    }
  }
}

/**
 * `networking.k8s.io/v1` + `Ingress` → `networking.v1.Ingress`,
 * `rbac.authorization.k8s.io/v1` + `Role` → `rbac.v1.Role`: schema.json names
 * messages after the proto packages, which take the group's first label.
 * @param {string} apiVersion @param {string} kind
 */
function messageName(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return `${group.split('.')[0]}.${version}.${kind}`;
}

/**
 * Decodes a request body in `application/vnd.kubernetes.protobuf`: the
 * `k8s\0` magic, then a runtime.Unknown whose raw field holds the object.
 * @param {Buffer} body
 * @returns {Record<string, any>} the object, with apiVersion and kind
 */
export function decodeObject(body) {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('not a Kubernetes protobuf message (no k8s\\0 prefix)');
  const r = new Reader(body.subarray(4));
  let typeMeta = { apiVersion: '', kind: '' };
  let raw = Buffer.alloc(0);
  while (!r.done()) {
    const tag = Number(r.varint());
    if (tag >>> 3 === 1 && (tag & 7) === 2)
      typeMeta = /** @type {any} */ (decodeFields(r.bytes(), { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }));
    else if (tag >>> 3 === 2 && (tag & 7) === 2) raw = r.bytes();
    else r.skip(tag & 7);
  }
  const fields = SCHEMA[messageName(typeMeta.apiVersion, typeMeta.kind)];
  if (!fields) throw new Error(`cannot decode ${typeMeta.kind} ${typeMeta.apiVersion} from protobuf`);
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...decodeFields(raw, fields) };
}
