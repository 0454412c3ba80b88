// A large env repository, made with one `git fast-import` stream: teams of
// services, three manifests each, and a long history in which every commit
// deploys a new build of one service, as a busy env repository's is. The
// content is seeded, so every run benchmarks the same repository.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';

export const REGISTRY = 'registry.example.com/acme';
export const TEAMS = 20;

export const serviceName = (index) => `svc-${String(index).padStart(4, '0')}`;
export const teamOf = (index) => `team-${String(index % TEAMS).padStart(2, '0')}`;
export const deploymentPath = (index) => `apps/${teamOf(index)}/${serviceName(index)}/deployment.yaml`;

const deployment = (index, tag) => {
  const name = serviceName(index);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${teamOf(index)}
  labels:
    app: ${name}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${REGISTRY}/${name}:${tag}
          ports:
            - containerPort: 8080
          envFrom:
            - configMapRef:
                name: ${name}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
`;
};

const service = (index) => {
  const name = serviceName(index);
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${teamOf(index)}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: 8080
`;
};

const configMap = (index, services) => {
  const name = serviceName(index);
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${teamOf(index)}
data:
  LOG_LEVEL: info
  UPSTREAM: http://${serviceName((index + 1) % services)}.${teamOf((index + 1) % services)}
`;
};

/** mulberry32: a small seeded generator, so the history is the same on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes a bare repository at `bare` with `services` × 3 files and `commits`
 * commits on `candidate`; `production` is `lag` commits behind it and is the
 * default branch. Packed with bitmaps and a commit-graph, as a hosting
 * service keeps its repositories.
 */
export async function generateEnvRepo(bare, { commits, services, lag = 10 }) {
  execFileSync('git', ['init', '-q', '--bare', '-b', 'production', bare]);
  const importer = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: bare, stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = once(importer, 'close');
  const write = async (text) => {
    if (!importer.stdin.write(text)) await once(importer.stdin, 'drain');
  };
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const commit = (mark, message, changes) => {
    const when = `${1767225600 + mark * 97} +0000`;
    return `commit refs/heads/candidate\nmark :${mark}\nauthor Platform Bot <platform@example.com> ${when}\ncommitter Platform Bot <platform@example.com> ${when}\n${data(message)}${changes}\n`;
  };
  const file = (path, text) => `M 100644 inline ${path}\n${data(text)}`;

  let initial = '';
  for (let index = 0; index < services; index++) {
    const folder = `apps/${teamOf(index)}/${serviceName(index)}`;
    initial += file(`${folder}/deployment.yaml`, deployment(index, 'build-1'));
    initial += file(`${folder}/service.yaml`, service(index));
    initial += file(`${folder}/configmap.yaml`, configMap(index, services));
  }
  await write(commit(1, `Initial manifests for ${services} services\n`, initial));
  const next = random(20261122);
  for (let mark = 2; mark <= commits; mark++) {
    const index = Math.floor(next() * services);
    const tag = `build-${mark}`;
    await write(commit(mark, `Deploy ${serviceName(index)} ${tag}\n`, file(deploymentPath(index), deployment(index, tag))));
  }
  await write(`reset refs/heads/production\nfrom :${commits - lag}\n\ndone\n`);
  importer.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import exited ${code}`);
  execFileSync('git', ['repack', '-a', '-d', '-b', '-q'], { cwd: bare });
  execFileSync('git', ['commit-graph', 'write', '--reachable'], { cwd: bare, stdio: 'ignore' });
}
