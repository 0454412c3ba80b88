#!/usr/bin/env node
// The conformance session: one scripted kubectl session whose answers a real
// API server of a given version gives, run against kube-sim by the
// conformance test and against a kind cluster by the kind workflow. Answers
// are normalised (uids, times, resourceVersions, ages, generated names,
// addresses, temporary paths) so that two servers can be compared.
//
//   node test/kube-sim/conformance/session.mjs --kubectl PATH --kubeconfig PATH
//        [--record FILE] [--compare answers/1.33.json]
//
// --record writes the answers; --compare exits 1 and prints each step whose
// answer differs from the recording.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const NS = 'conformance';
const IMAGE = 'registry.k8s.io/pause:3.9';
const NEXT_IMAGE = 'registry.k8s.io/pause:3.10';

const APP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: ${NS}
  annotations: {}
data:
  mode: fast
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${NS}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${NS}
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations: {}
    spec:
      containers:
        - name: web
          image: ${IMAGE}
          ports: [{containerPort: 8080}]
          readinessProbe:
            tcpSocket: {port: 8080}
`;

// pause listens nowhere, so the probe must not stand between the session and a rollout on a real cluster.
const APP_WITHOUT_PROBE = APP.replace('          readinessProbe:\n            tcpSocket: {port: 8080}\n', '');

const CRD = fileURLToPath(new URL('../../fixtures/gateway-api/httproute-crd.yaml', import.meta.url));

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: ${NS}
spec:
  parentRefs: [{name: public}]
  hostnames: [web.example.com]
  rules:
    - filters:
        - type: RequestHeaderModifier
          requestHeaderModifier:
            set: [{name: X-Env, value: conformance}]
      backendRefs: [{name: web, port: 80}]
`;

const BAD_ROUTE = ROUTE.replace('name: web\n  namespace', 'name: bad\n  namespace').replace('port: 80}', 'port: 80, weight: heavy}');

const UNKNOWN_KIND = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
  namespace: ${NS}
`;

const MISSING_NAMESPACE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: stray
  namespace: missing
data: {a: b}
`;

const BAD_SELECTOR = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
  namespace: ${NS}
spec:
  selector:
    matchLabels: {app: bad}
  template:
    metadata:
      labels: {app: other}
    spec:
      containers: [{name: web, image: ${IMAGE}}]
`;

/**
 * @typedef {{ name: string, args: string[], stdin?: string, lastLine?: boolean, sortLines?: boolean, json?: boolean, columns?: boolean }} Step
 * @type {Step[]}
 */
export const STEPS = [
  { name: 'create namespace', args: ['create', 'namespace', NS] },
  { name: 'apply (client-side)', args: ['apply', '-f', '-'], stdin: APP_WITHOUT_PROBE },
  { name: 'rollout status', args: ['rollout', 'status', `deployment/web`, '-n', NS, '--timeout=120s'], lastLine: true },
  { name: 'get deployment -o json', args: ['get', 'deployment', 'web', '-n', NS, '-o', 'json'], json: true },
  { name: 'get service -o json', args: ['get', 'service', 'web', '-n', NS, '-o', 'json'], json: true },
  { name: 'get configmap -o json', args: ['get', 'configmap', 'web-config', '-n', NS, '-o', 'json'], json: true },
  { name: 'get table', args: ['get', 'deployments,services,configmaps', '-n', NS], columns: true },
  { name: 'diff unchanged', args: ['diff', '-f', '-'], stdin: APP_WITHOUT_PROBE },
  { name: 'diff server-side unchanged', args: ['diff', '--server-side', '-f', '-'], stdin: APP_WITHOUT_PROBE },
  { name: 'diff with a probe added', args: ['diff', '-f', '-'], stdin: APP },
  { name: 'set image', args: ['set', 'image', 'deployment/web', `web=${NEXT_IMAGE}`, '-n', NS] },
  { name: 'rollout status after set image', args: ['rollout', 'status', 'deployment/web', '-n', NS, '--timeout=120s'], lastLine: true },
  { name: 'rollout history', args: ['rollout', 'history', 'deployment/web', '-n', NS] },
  { name: 'rollout undo', args: ['rollout', 'undo', 'deployment/web', '-n', NS] },
  { name: 'rollout status after undo', args: ['rollout', 'status', 'deployment/web', '-n', NS, '--timeout=120s'], lastLine: true },
  { name: 'rollout history after undo', args: ['rollout', 'history', 'deployment/web', '-n', NS] },
  {
    name: 'replica sets after undo',
    args: [
      'get',
      'replicasets',
      '-n',
      NS,
      '-l',
      'app=web',
      '--no-headers',
      '-o',
      'custom-columns=REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision,REPLICAS:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image',
    ],
    sortLines: true,
  },
  { name: 'server-side apply takes over', args: ['apply', '--server-side', '--force-conflicts', '-f', '-'], stdin: APP_WITHOUT_PROBE },
  { name: 'apply unknown kind', args: ['apply', '-f', '-'], stdin: UNKNOWN_KIND },
  { name: 'apply unknown kind server-side', args: ['apply', '--server-side', '-f', '-'], stdin: UNKNOWN_KIND },
  { name: 'apply into a missing namespace', args: ['apply', '-f', '-'], stdin: MISSING_NAMESPACE },
  { name: 'apply into a missing namespace server-side', args: ['apply', '--server-side', '-f', '-'], stdin: MISSING_NAMESPACE },
  { name: 'apply an invalid deployment', args: ['apply', '-f', '-'], stdin: BAD_SELECTOR },
  { name: 'get a missing deployment', args: ['get', 'deployment', 'nope', '-n', NS] },
  { name: 'get an unknown resource type', args: ['get', 'widgets', '-n', NS] },
  { name: 'delete', args: ['delete', '-f', '-', '--wait=false'], stdin: APP_WITHOUT_PROBE },
  { name: 'delete again', args: ['delete', '-f', '-'], stdin: APP_WITHOUT_PROBE },
  { name: 'apply a CRD', args: ['apply', '-f', CRD] },
  {
    name: 'wait for the CRD',
    args: ['wait', '--for=condition=Established', 'customresourcedefinition/httproutes.gateway.networking.k8s.io', '--timeout=60s'],
  },
  { name: 'server-side apply a custom resource', args: ['apply', '--server-side', '-f', '-'], stdin: ROUTE },
  { name: 'get a custom resource -o json', args: ['get', 'httproute', 'web', '-n', NS, '-o', 'json'], json: true },
  { name: 'apply an invalid custom resource', args: ['apply', '-f', '-'], stdin: BAD_ROUTE },
  { name: 'delete the CRD', args: ['delete', '-f', CRD] },
  { name: 'delete namespace', args: ['delete', 'namespace', NS, '--timeout=120s'] },
];

/** Keys whose values depend on the server instance, not on its behaviour. */
const INSTANCE_KEYS = new Set(['uid', 'resourceVersion', 'creationTimestamp', 'lastTransitionTime', 'lastUpdateTime', 'time']);

/** @param {unknown} v @param {string} [key] @returns {unknown} */
function normaliseValue(v, key = '') {
  if (Array.isArray(v)) return v.map((x) => normaliseValue(x, key));
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, normaliseValue(x, k)]),
    );
  }
  if (typeof v === 'string') {
    if (INSTANCE_KEYS.has(key)) return `<${key}>`;
    if (key === 'clusterIP') return '<ip>';
    if (key === 'kubectl.kubernetes.io/last-applied-configuration') return normaliseText(JSON.stringify(normaliseValue(JSON.parse(v))));
    return normaliseText(v);
  }
  if (key === 'clusterIPs') return ['<ip>'];
  return v;
}

/** @param {string} text */
export function normaliseText(text) {
  return (
    text
      // uids, times, temporary folders of kubectl diff
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4}/g, '<time>')
      .replace(/\/tmp\/(LIVE|MERGED)-\d+\//g, '/tmp/$1-<n>/')
      .replace(/resourceVersion: "\d+"/g, 'resourceVersion: "<rv>"')
      // generated names: pod-template hashes and pod suffixes
      .replace(/\bweb-[bcdfghjklmnpqrstvwxz2456789]{8,10}\b/g, 'web-<hash>')
      // addresses
      .replace(/\b10\.\d+\.\d+\.\d+\b/g, '<ip>')
      // ages in tables
      .replace(/(?<=\s)(\d+(s|m|h|d)){1,2}(?=\s*$)/gm, '<age>')
  );
}

/**
 * @param {Step} step @param {{ code: number, stdout: string, stderr: string }} run
 * @returns {{ code: number, stdout: unknown, stderr: string }}
 */
export function normaliseAnswer(step, run) {
  let stdout = run.stdout;
  if (step.lastLine) stdout = stdout.trimEnd().split('\n').pop() ?? '';
  if (step.sortLines) stdout = stdout.split('\n').filter(Boolean).sort().join('\n');
  /** @type {unknown} */
  let out = normaliseText(stdout).replace(/[ \t]+$/gm, '');
  // A table's column widths follow its widest value, which normalising changes.
  if (step.columns) out = String(out).replace(/ {2,}/g, '  ');
  if (step.json && run.code === 0) {
    const object = /** @type {any} */ (normaliseValue(JSON.parse(run.stdout)));
    out = object;
  }
  return { code: run.code, stdout: out, stderr: normaliseText(run.stderr).replace(/[ \t]+$/gm, '') };
}

/**
 * Runs one kubectl.
 * @param {string} kubectl @param {string} kubeconfig @param {string} cacheDir @param {Step} step
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function run(kubectl, kubeconfig, cacheDir, step) {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectl, ['--kubeconfig', kubeconfig, ...step.args], {
      env: { ...process.env, KUBECACHEDIR: cacheDir, HOME: cacheDir, KUBECTL_EXTERNAL_DIFF: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 180_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(step.stdin ?? '');
  });
}

/**
 * Runs the session; returns each step's normalised answer by name.
 * @param {{ kubectl: string, kubeconfig: string, cacheDir?: string }} options
 */
export async function runSession({ kubectl, kubeconfig, cacheDir }) {
  const cache = cacheDir ?? (await mkdtemp(join(tmpdir(), 'conformance-')));
  /** @type {Record<string, { code: number, stdout: unknown, stderr: string }>} */
  const answers = {};
  for (const step of STEPS) answers[step.name] = normaliseAnswer(step, await run(kubectl, kubeconfig, cache, step));
  return answers;
}

/**
 * The steps whose answers differ from the recorded ones.
 * @param {Record<string, unknown>} recorded @param {Record<string, unknown>} answers
 */
export function differences(recorded, answers) {
  return STEPS.map((s) => s.name).filter((name) => JSON.stringify(recorded[name]) !== JSON.stringify(answers[name]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { kubectl: { type: 'string' }, kubeconfig: { type: 'string' }, compare: { type: 'string' }, record: { type: 'string' } },
  });
  if (!values.kubectl || !values.kubeconfig || !(values.compare || values.record)) {
    console.error('usage: session.mjs --kubectl PATH --kubeconfig PATH [--record FILE] [--compare FILE]');
    process.exit(2);
  }
  const answers = await runSession({ kubectl: values.kubectl, kubeconfig: values.kubeconfig });
  if (values.record) {
    await writeFile(values.record, `${JSON.stringify(answers, null, 2)}\n`);
    console.log(`recorded ${Object.keys(answers).length} answers in ${values.record}`);
  }
  if (values.compare) {
    const recorded = JSON.parse(await readFile(values.compare, 'utf8'));
    const differing = differences(recorded, answers);
    for (const name of differing) {
      console.log(`::error::conformance step "${name}" differs`);
      console.log(`recorded: ${JSON.stringify(recorded[name], null, 2)}`);
      console.log(`answered: ${JSON.stringify(answers[name], null, 2)}`);
    }
    console.log(`${STEPS.length - differing.length} of ${STEPS.length} steps answered as recorded`);
    process.exit(differing.length ? 1 : 0);
  }
}
