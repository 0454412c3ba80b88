// Writes a synthetic env repository: apps × environments, each directory with
// a kustomization, Helm values, workloads, a service and config, commented the
// way people comment them. Deterministic for a given seed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REGISTRY = 'registry.example.com/shop';
export const SIDECAR = 'docker.io/envoyproxy/envoy';
export const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const FILES_PER_DIRECTORY = 5;
const WORKLOAD_KINDS = [
  ['apps/v1', 'Deployment', ['spec', 'template', 'spec']],
  ['apps/v1', 'StatefulSet', ['spec', 'template', 'spec']],
  ['batch/v1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ['apps/v1', 'DaemonSet', ['spec', 'template', 'spec']],
  ['batch/v1', 'Job', ['spec', 'template', 'spec']],
  ['apps/v1', 'ReplicaSet', ['spec', 'template', 'spec']],
];

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const appName = (index) => `app-${String(index).padStart(3, '0')}`;

function workload(app, env, index, tag, sidecarTag) {
  const [apiVersion, kind, path] = WORKLOAD_KINDS[index % WORKLOAD_KINDS.length];
  const name = `${app}-${kind.toLowerCase()}-${index}`;
  const lines = [
    `# ${kind} ${name} for ${env}; the image is set by the delivery pipeline.`,
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    `  labels: {app: ${app}, env: ${env}} # selected by the service`,
  ];
  const selector = ['Job', 'CronJob'].includes(kind) ? [] : ['  selector:', '    matchLabels:', `      app: ${app}`];
  if (kind === 'CronJob') lines.push('spec:', '  schedule: "*/15 * * * *" # every quarter hour');
  path.forEach((key, depth) => {
    if (kind === 'CronJob' && depth === 0) return;
    lines.push(`${'  '.repeat(depth)}${key}:`);
    if (depth === 0) lines.push(...selector);
    if (key === 'template') lines.push(`${'  '.repeat(depth + 1)}metadata:`, `${'  '.repeat(depth + 2)}labels: {app: ${app}}`);
  });
  const pad = '  '.repeat(path.length);
  if (['Job', 'CronJob'].includes(kind)) lines.push(`${pad}restartPolicy: OnFailure`);
  lines.push(
    `${pad}initContainers:`,
    `${pad}  - name: migrate # schema migrations run first`,
    `${pad}    image: ${REGISTRY}/${app}:${tag}`,
    `${pad}    args: [migrate, --wait]`,
    `${pad}containers:`,
    `${pad}  - name: app`,
    `${pad}    image: "${REGISTRY}/${app}:${tag}" # set by CD`,
    `${pad}    ports:`,
    `${pad}      - containerPort: 8080 # http`,
    `${pad}    env:`,
    `${pad}      - name: ENVIRONMENT`,
    `${pad}        value: ${env}`,
    `${pad}    resources:`,
    `${pad}      requests: {cpu: 100m, memory: 128Mi}`,
    `${pad}  - name: envoy # mesh sidecar`,
    `${pad}    image: ${SIDECAR}:${sidecarTag}`,
  );
  return lines;
}

function configDocument(app, env, index) {
  return [
    `# Settings ${index} of ${app} in ${env}.`,
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${app}-config-${index}`,
    'data:',
    `  LOG_LEVEL: ${env === 'prod' ? 'warn' : 'debug'} # noisy outside prod`,
    `  FEATURE_FLAGS: "checkout,search-${index}"`,
    '  settings.yaml: |',
    `    region: europe-west${(index % 4) + 1}`,
    '    retries: 3',
  ];
}

const documents = (docs) => `${docs.map((doc) => doc.join('\n')).join('\n---\n')}\n`;

/**
 * Generates `files` files holding `documents` YAML documents in all, under
 * `root`. Returns what a benchmark needs to know about them.
 */
export function generateEnvRepository(root, { files = 3000, documents: documentCount = 10000, seed = 1 } = {}) {
  const directories = Math.floor(files / FILES_PER_DIRECTORY);
  const apps = Math.ceil(directories / ENVIRONMENTS.length);
  // kustomization, values: 1 each; service: 2; workloads and config share the rest.
  const fixed = 4 * directories;
  const flexible = documentCount - fixed;
  if (files % FILES_PER_DIRECTORY || flexible < 2 * directories)
    throw new Error('need files divisible by 5 and at least 6 documents per 5 files');
  const next = random(seed);
  rmSync(root, { recursive: true, force: true });

  const workloadsPerDirectory = [];
  for (let d = 0; d < directories; d++) workloadsPerDirectory.push(1);
  const configPerDirectory = [...workloadsPerDirectory];
  for (let left = flexible - 2 * directories, k = 0; left > 0; left--, k++) {
    const d = k % directories;
    if (next() < 0.6) workloadsPerDirectory[d]++;
    else configPerDirectory[d]++;
  }

  const workloadFiles = [];
  let workloads = 0;
  for (let d = 0; d < directories; d++) {
    const app = appName(d % apps);
    const env = ENVIRONMENTS[Math.floor(d / apps) % ENVIRONMENTS.length];
    const dir = join(root, 'apps', app, env);
    mkdirSync(dir, { recursive: true });
    const tag = `v1.${Math.floor(next() * 40)}.${Math.floor(next() * 10)}`;
    const write = (name, text) => writeFileSync(join(dir, name), text);

    write(
      'kustomization.yaml',
      documents([
        [
          `# ${app} in ${env}`,
          'apiVersion: kustomize.config.k8s.io/v1beta1',
          'kind: Kustomization',
          `namespace: ${env}`,
          'resources:',
          '  - workloads.yaml',
          '  - service.yaml',
          '  - config.yaml',
          'images:',
          `  - name: ${REGISTRY}/${app}`,
          `    newTag: ${tag} # set by CD`,
          `  - name: ${SIDECAR}`,
          '    newTag: v1.30.0',
        ],
      ]),
    );
    write(
      'values.yaml',
      documents([
        [
          `# Helm values of ${app} in ${env}.`,
          'frontend:',
          '  replicas: 2',
          '  image:',
          `    repository: ${REGISTRY}/${app}`,
          `    tag: "${tag}" # set by CD`,
          '    pullPolicy: IfNotPresent',
          'worker:',
          `  image: ${REGISTRY}/${app}-worker:${tag}`,
          'mesh:',
          '  envoy:',
          '    image:',
          `      repository: ${SIDECAR}`,
          '      tag: v1.30.0',
        ],
      ]),
    );
    const workloadDocs = [];
    for (let w = 0; w < workloadsPerDirectory[d]; w++) workloadDocs.push(workload(app, env, w, tag, 'v1.30.0'));
    write('workloads.yaml', documents(workloadDocs));
    workloadFiles.push({ path: `apps/${app}/${env}/workloads.yaml`, app, workloads: workloadDocs.length });
    workloads += workloadDocs.length;
    write(
      'service.yaml',
      documents([
        [
          '# The stable entry point.',
          'apiVersion: v1',
          'kind: Service',
          'metadata:',
          `  name: ${app}`,
          'spec:',
          `  selector: {app: ${app}}`,
          '  ports:',
          '    - port: 80 # http',
          '      targetPort: 8080',
        ],
        [
          'apiVersion: networking.k8s.io/v1',
          'kind: Ingress',
          'metadata:',
          `  name: ${app}`,
          'spec:',
          '  rules:',
          `    - host: ${app}.${env}.example.com`,
          '      http:',
          '        paths:',
          '          - {path: /, pathType: Prefix, backend: {service: {name: ' + app + ', port: {number: 80}}}}',
        ],
      ]),
    );
    const configDocs = [];
    for (let c = 0; c < configPerDirectory[d]; c++) configDocs.push(configDocument(app, env, c));
    write('config.yaml', documents(configDocs));
  }
  return { files: directories * FILES_PER_DIRECTORY, documents: documentCount, workloads, workloadFiles, apps };
}
