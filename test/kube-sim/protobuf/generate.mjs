#!/usr/bin/env node
// Regenerates schema.json, the field numbers protobuf.mjs decodes with, from
// the generated.proto files of kubernetes/api and kubernetes/apimachinery:
//   node test/kube-sim/protobuf/generate.mjs DIR_WITH_PROTO_FILES
// (core/v1, apps/v1, batch/v1, networking/v1, authorization/v1, rbac/v1,
// policy/v1, scheduling/v1 of k8s.io/api; meta/v1, intstr,
// resource and runtime of k8s.io/apimachinery; any file names.)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

// What kubectl's imperative commands (create <kind>, run, expose) send as protobuf.
const ROOTS = ['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Service', 'Pod', 'Event']
  .map((k) => `k8s.io.api.core.v1.${k}`)
  .concat(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].map((k) => `k8s.io.api.apps.v1.${k}`))
  .concat(['Job', 'CronJob'].map((k) => `k8s.io.api.batch.v1.${k}`))
  .concat(['k8s.io.api.networking.v1.Ingress'])
  .concat(['k8s.io.api.core.v1.ResourceQuota'])
  .concat(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].map((k) => `k8s.io.api.rbac.v1.${k}`))
  .concat(['k8s.io.api.policy.v1.PodDisruptionBudget', 'k8s.io.api.scheduling.v1.PriorityClass'])
  // kubectl auth can-i asks with one.
  .concat(['k8s.io.api.authorization.v1.SelfSubjectAccessReview']);
// Decoded by hand in protobuf.mjs: their JSON form is not their message form.
const SPECIAL = new Set(['Time', 'MicroTime', 'Quantity', 'IntOrString', 'Duration', 'FieldsV1', 'RawExtension']);

// Go structs embedded with `json:",inline"`: a field of their own in protobuf, their fields spread into the parent in JSON.
const INLINE = new Set([
  'volumeSource',
  'persistentVolumeSource',
  'localObjectReference',
  'ingressRuleValue',
  'ephemeralContainerCommon',
  'Probe.handler',
]);

const dir = process.argv[2];
/** @type {Map<string, [number, string, string, string?][]>} name → fields: number, json name, type, map value type */
const messages = new Map();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.proto'))) {
  const text = readFileSync(join(dir, file), 'utf8').replace(/\/\/.*$/gm, '');
  const pkg = /^package ([\w.]+);/m.exec(text)[1];
  const qualify = (t) =>
    t.startsWith('.')
      ? t.slice(1)
      : /^(string|bool|bytes|int32|int64|double|float|uint32|uint64|fixed32|fixed64)$/.test(t) || t.includes('.')
        ? t
        : `${pkg}.${t}`;
  for (const m of text.matchAll(/^message (\w+) \{([^}]*)\}/gm)) {
    const fields = [];
    for (const f of m[2].matchAll(/^\s*(optional|repeated)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)/gm))
      fields.push([Number(f[4]), f[3], `${f[1] === 'repeated' ? '[]' : ''}${qualify(f[2])}`]);
    for (const f of m[2].matchAll(/^\s*map<\s*([\w.]+)\s*,\s*([\w.]+)\s*>\s+(\w+)\s*=\s*(\d+)/gm))
      fields.push([Number(f[4]), f[3], `map`, qualify(f[2])]);
    messages.set(`${pkg}.${m[1]}`, fields);
  }
}

const wanted = new Map();
const visit = (name) => {
  const short = name.split('.').pop();
  if (wanted.has(name) || SPECIAL.has(short)) return;
  const fields = messages.get(name);
  if (!fields) throw new Error(`no message ${name}`);
  wanted.set(name, fields);
  for (const [, , type, value] of fields) {
    const t = (type === 'map' ? value : type).replace('[]', '');
    if (t.includes('.')) visit(t);
  }
};
ROOTS.forEach(visit);
// core.v1.PodSpec, meta.v1.ObjectMeta; the special types by their bare name.
const strip = (n) => {
  const [, list, name] = /^(\[\])?(.*)$/.exec(n);
  const short = name.split('.').pop();
  return (list ?? '') + (SPECIAL.has(short) ? short : name.replace(/^k8s\.io\.(api|apimachinery\.pkg\.apis)\./, ''));
};
const out = {};
for (const [name, fields] of [...wanted].sort()) {
  const inline = (json) => INLINE.has(json) || INLINE.has(`${name.split('.').pop()}.${json}`);
  out[strip(name)] = Object.fromEntries(
    fields
      .sort((a, b) => a[0] - b[0])
      .map(([n, json, type, value]) => [
        n,
        value ? [json, 'map', strip(value)] : inline(json) ? [json, strip(type), 'inline'] : [json, strip(type)],
      ]),
  );
}
const target = fileURLToPath(new URL('./schema.json', import.meta.url));
const options = await prettier.resolveConfig(target);
writeFileSync(target, await prettier.format(JSON.stringify(out), { ...options, filepath: target }));
