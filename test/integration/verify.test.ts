import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startKubeSim, type KubeSim } from '../kube-sim/index.mjs';
import { makeBareRepo, tempDir } from '../support/git.js';
import { inputVariables, RUN_CONTEXT, runAction, type ActionRun } from '../support/run-action.js';
import { tempDirWith } from '../support/temp.js';

interface Report {
  result: string;
  revision: string;
  environment: string;
  checks: { kind: string; name: string; verdict: string; figures: Record<string, unknown>; reason?: string }[];
}

/** A small app on 127.0.0.1: what it answers, and every request it got. */
interface App {
  url: string;
  hostPort: string;
  requests: { path: string; authorization?: string }[];
  close(): Promise<void>;
}

async function startApp(): Promise<App> {
  const requests: App['requests'] = [];
  let flaky = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? '/';
    requests.push({ path, authorization: req.headers.authorization });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/healthz') return json(200, { status: 'ok', checks: [{ name: 'db', up: true }], version: '1.4.2' });
    if (path === '/degraded') return json(200, { status: 'degraded' });
    if (path === '/down') return json(503, { status: 'down' });
    // Fails one request in four.
    if (path === '/flaky') return json(++flaky % 4 === 0 ? 500 : 200, { n: flaky });
    // Fails one request in five, for the load test's error ratio.
    if (path === '/load-errors') return json(requests.length % 5 === 0 ? 500 : 200, {});
    if (path === '/admin')
      return json(req.headers.authorization === `Basic ${Buffer.from('ci:s3cret-pw').toString('base64')}` ? 200 : 401, {});
    res.end('hello');
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port where nothing listens: one that was just free. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const verify = (inputs: Record<string, string>, options: { workspace?: string; env?: Record<string, string>; timeoutMs?: number } = {}) =>
  runAction('verify', { inputs, workspace: options.workspace, env: options.env, timeoutMs: options.timeoutMs ?? 60_000 });
const reportOf = (run: ActionRun) => JSON.parse(run.outputs.report) as Report;
const errors = (run: ActionRun) => run.stdout.split('\n').filter((line) => line.startsWith('::error::'));

/** A failed step says why on one `::error::verify:` line, and never with a stack trace. */
function expectCleanFailure(run: ActionRun, message: RegExp) {
  expect(run.code).toBe(1);
  expect(errors(run)).toHaveLength(1);
  expect(errors(run)[0]).toMatch(/^::error::verify: /);
  expect(errors(run)[0]).toMatch(message);
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
}

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('http checks', () => {
  it('passes a revision whose checks all pass, reading URLs as people write them', async () => {
    const run = await verify({
      'preview-url': app.url,
      'http-checks': `
- /healthz
- url: ${app.hostPort}/healthz
  name: health fields
  json:
    - {path: status, equals: ok}
    - {path: 'checks[0].up', equals: true}
    - {path: version, matches: '^1\\.'}
  body-regex: '"db"'
  max-latency: 10s
- url: http://ci:s3cret-pw@${app.hostPort}/admin
  status: 200
`,
      'http-count': '3',
      'http-interval': '50ms',
      environment: 'staging',
    });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('passed');
    const report = reportOf(run);
    expect(report).toMatchObject({ result: 'passed', revision: RUN_CONTEXT.GITHUB_SHA, environment: 'staging' });
    expect(report.checks.map((check) => [check.kind, check.name, check.verdict, check.figures.attempts])).toEqual([
      ['http', `GET ${app.url}/healthz`, 'passed', 3],
      ['http', 'health fields', 'passed', 3],
      ['http', `GET http://ci@${app.hostPort}/admin`, 'passed', 3],
    ]);
    // The password went as Basic authentication, was masked, and is shown nowhere.
    expect(app.requests.filter((r) => r.path === '/admin').every((r) => r.authorization?.startsWith('Basic '))).toBe(true);
    expect(run.masks).toContain('s3cret-pw');
    expect(`${run.stdout}${run.summary}${run.outputs.report}`).not.toContain('s3cret-pw');
    expect(run.summary).toMatch(/^### Verify: ✅ passed, 3 of 3 checks/);
    expect(run.summary).toContain('| check | verdict | figures | reason |');
    expect(run.summary).toMatch(
      /\| http: health fields \| ✅ passed \| 3\/3 passed · 200 ×3 · p50 [\d.]+ m?s, p95 [\d.]+ m?s, max [\d.]+ m?s \|\s+\|/,
    );
  });

  it('fails on a wrong status or body, names the check and the reason once, and does not retry an answer', async () => {
    const before = app.requests.filter((r) => r.path === '/down').length;
    const run = await verify({
      'preview-url': app.url,
      'http-checks': '- /healthz\n- /down\n- url: /degraded\n  json: {path: status, equals: ok}',
    });
    expectCleanFailure(
      run,
      /2 of 3 checks failed: http GET http:\/\/127\.0\.0\.1:\d+\/down: status 503, expected 2xx; http GET .*\/degraded: json status is "degraded", expected "ok"$/,
    );
    expect(app.requests.filter((r) => r.path === '/down').length - before).toBe(1);
    expect(run.outputs.result).toBe('failed');
    const report = reportOf(run);
    expect(report.checks.map((check) => [check.verdict, check.reason])).toEqual([
      ['passed', undefined],
      ['failed', 'status 503, expected 2xx'],
      ['failed', 'json status is "degraded", expected "ok"'],
    ]);
    expect(run.summary).toMatch(/^### Verify: ❌ failed, 2 of 3 checks/);
    expect(run.summary.match(/status 503, expected 2xx/g)).toHaveLength(1);
  });

  it('passes a flaky endpoint at the pass ratio asked for, and fails it at a stricter one', async () => {
    const lenient = await verify({
      'http-checks': `- ${app.url}/flaky`,
      'http-count': '8',
      'http-interval': '10ms',
      'http-pass-ratio': '70%',
    });
    expect(lenient.code).toBe(0);
    expect(reportOf(lenient).checks[0].figures).toMatchObject({ attempts: 8, passed: 6, passRatio: 0.75, requiredPassRatio: 0.7 });
    const strict = await verify({
      'http-checks': `- ${app.url}/flaky`,
      'http-count': '8',
      'http-interval': '10ms',
      'http-pass-ratio': '0.9',
    });
    expectCleanFailure(strict, /status 500, expected 2xx \(2 of 8\)$/);
    expect(strict.summary).toMatch(/6\/8 passed \(75 %, needs 90 %\) · 200 ×6, 500 ×2/);
  });

  it('fails an unreachable URL clearly, after retrying the connection, naming the input and the form expected', async () => {
    const port = await closedPort();
    const run = await verify({ 'http-checks': `- http://127.0.0.1:${port}/healthz`, 'http-retries': '1' });
    expectCleanFailure(
      run,
      new RegExp(
        `input 'http-checks' check 1: http://127\\.0\\.0\\.1:${port}/healthz is unreachable: connect ECONNREFUSED 127\\.0\\.0\\.1:${port} \\(2 tries\\); expected a URL this runner can reach$`,
      ),
    );
    expect(reportOf(run).checks[0].figures).toMatchObject({ statuses: { 'no answer': 1 } });
  });
});

describe('load check', () => {
  it('sends the requests asked for and reports latency percentiles, throughput and errors against the thresholds', async () => {
    const before = app.requests.filter((r) => r.path === '/').length;
    const run = await verify({
      'load-url': `${app.url}/`,
      'load-requests': '300',
      'load-concurrency': '10',
      'load-thresholds': 'p95 < 10s\nerrors < 1%\nrps > 1',
    });
    expect(run.code).toBe(0);
    expect(app.requests.filter((r) => r.path === '/').length - before).toBe(300);
    const [load] = reportOf(run).checks;
    expect(load).toMatchObject({
      kind: 'load',
      name: `GET ${app.url}/`,
      verdict: 'passed',
      figures: { requests: 300, errors: 0, errorRatio: 0, concurrency: 10 },
    });
    const latency = load.figures.latencyMs as Record<string, number>;
    expect(latency.p50).toBeLessThanOrEqual(latency.p95);
    expect(latency.p95).toBeLessThanOrEqual(latency.p99);
    expect(latency.p99).toBeLessThanOrEqual(latency.max);
    expect(load.figures.thresholds).toEqual([
      { threshold: 'p95 < 10s', actual: latency.p95, passed: true },
      { threshold: 'errors < 1%', actual: 0, passed: true },
      { threshold: 'rps > 1', actual: load.figures.rps, passed: true },
    ]);
    expect(run.summary).toMatch(
      /\| load: GET http:\/\/127\.0\.0\.1:\d+\/ \| ✅ passed \| 300 requests, 10 at a time · \d+ req\/s · p50 .+, p95 .+, p99 .+ · errors 0 % \|/,
    );
  });

  it('fails when a threshold is missed, saying the figure, the bound and the errors', async () => {
    const run = await verify({
      'load-url': `${app.url}/load-errors`,
      'load-requests': '100',
      'load-concurrency': '4',
      'load-thresholds': 'errors < 1%',
    });
    expectCleanFailure(run, /load GET .*\/load-errors: errors \d+ %25, needs < 1 %25; errors: status 500 ×\d+$/);
    expect(reportOf(run).checks[0].figures).toMatchObject({
      requests: 100,
      statuses: { '500': expect.any(Number), '200': expect.any(Number) },
    });
  });

  it('paces requests at a rate for a duration', async () => {
    const run = await verify({
      'load-url': `${app.url}/`,
      'load-rate': '40',
      'load-duration': '1s',
      'load-concurrency': '4',
      'load-thresholds': 'errors < 1%',
    });
    expect(reportOf(run).checks[0]).toMatchObject({ verdict: 'passed', figures: { requests: 40, rate: 40, errors: 0 } });
    expect(run.code).toBe(0);
  });
});

describe('command check', () => {
  it('runs on the runner with the revision, environment and URLs, and passes on exit 0', async () => {
    const run = await verify({
      'preview-url': app.url,
      'http-checks': '- /healthz',
      command: 'echo "revision=$VERIFY_REVISION env=$VERIFY_ENVIRONMENT preview=$VERIFY_PREVIEW_URL"\necho "urls=$VERIFY_URLS"',
      environment: 'staging',
      revision: 'c0ffee',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::group::command');
    expect(run.stdout).toContain(`revision=c0ffee env=staging preview=${app.url}/`);
    expect(run.stdout).toContain(`urls=${app.url}/healthz`);
    expect(reportOf(run).checks.map((check) => [check.kind, check.verdict])).toEqual([
      ['http', 'passed'],
      ['command', 'passed'],
    ]);
  });

  it('fails on a non-zero exit with its code and last line, and on a timeout', async () => {
    const failed = await verify({ command: 'echo "checking cart"\necho "cart returned 500" >&2\nexit 4' });
    expectCleanFailure(
      failed,
      /command echo "checking cart" \(\+2 lines\): the command exited with code 4, last line: "cart returned 500"$/,
    );
    const slow = await verify({ command: 'sleep 30', timeout: '1s' });
    expectCleanFailure(slow, /the command did not finish within 1\.0 s \(input 'timeout'\)$/);
  });
});

describe('bad inputs', () => {
  it('fail before anything is sent, naming the input and the form expected', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        {},
        /^::error::verify: input 'http-checks': no check is asked for; expected at least one of http-checks, load-url, job-manifest or job-image, command$/,
      ],
      [
        { 'load-url': app.url, 'load-thresholds': 'p95 << 300ms' },
        /^::error::verify: input 'load-thresholds': 'p95 << 300ms': '< 300ms' is not a duration; expected a duration such as '300ms'/,
      ],
      [
        { 'load-url': app.url, 'load-thresholds': 'latency fast' },
        /input 'load-thresholds': 'latency fast' is not a threshold; expected lines of METRIC OPERATOR VALUE/,
      ],
      [{ 'http-checks': '- url: /healthz\n  status: ok' }, /input 'http-checks': check 1: '\/healthz' is a path and preview-url is empty/],
      [
        { 'http-checks': `- url: ${app.url}\n  status: ok` },
        /input 'http-checks': check 1 \(.*\): status 'ok' is not a status; expected a status code \(200\), a class \(2xx\)/,
      ],
      [{ 'http-checks': `- ${app.url}`, 'http-count': 'many' }, /input 'http-count': 'many' is not a whole number/],
      [{ 'job-image': 'busybox', timeout: '5 minutes' }, /input 'timeout': '5 minutes' is not a positive duration; expected a Go duration/],
    ];
    const before = app.requests.length;
    for (const [inputs, message] of cases) {
      const run = await verify(inputs);
      expectCleanFailure(run, message);
      expect(run.outputs).toEqual({});
    }
    expect(app.requests.length).toBe(before);
  });

  it('validate-only checks the inputs and sends nothing', async () => {
    const before = app.requests.length;
    const run = await verify({ 'validate-only': 'true', 'preview-url': app.url, 'http-checks': '- /healthz', 'load-url': '/' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('verify: the inputs are valid; nothing was sent, run or created');
    expect(app.requests.length).toBe(before);
  });
});

describe('job check', () => {
  let sim: KubeSim;
  let namespaces = 0;
  beforeAll(async () => {
    sim = await startKubeSim({ rules: [{ image: '*does-not-exist*', behavior: 'missing' }] });
  });
  afterAll(async () => {
    await sim?.close();
  });

  /** Each test in a namespace of its own, so that what is left there was left by that test. */
  function freshNamespace(): string {
    const name = `verify${++namespaces}`;
    sim.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    return name;
  }
  const jobManifest = (name: string, script: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: tests
          image: registry.example/acme/integration-tests:1
          command: ['/bin/sh', '-c']
          args:
            - |
${script
  .split('\n')
  .map((line) => `              ${line}`)
  .join('\n')}
`;
  /** Nothing the check created is left: no Job, no pod. */
  function expectNothingLeft(namespace: string) {
    expect(sim.list('Job', namespace)).toEqual([]);
    expect(sim.list('Pod', namespace)).toEqual([]);
  }
  const runJob = (inputs: Record<string, string>, workspace?: string) =>
    verify({ kubeconfig: sim.kubeconfigPath, timeout: '45s', ...inputs }, { workspace, timeoutMs: 90_000 });

  it('passes a Job that completes, copies its logs into the step log, and deletes it', async () => {
    const namespace = freshNamespace();
    const run = await runJob({
      namespace,
      'job-image': 'registry.example/acme/smoke:1',
      'job-command': 'echo "smoke test of $VERIFY_REVISION in $VERIFY_ENVIRONMENT"; echo "all 12 passed"',
      environment: 'staging',
      revision: '0123456789abcdef',
    });
    expect(run.code).toBe(0);
    const [job] = reportOf(run).checks;
    expect(job).toMatchObject({ kind: 'job', verdict: 'passed', figures: { namespace, pods: 1, succeeded: 1, failed: 0, deleted: true } });
    expect(job.name).toMatch(/^verify-0123456-[a-z0-9]{5}$/);
    expect(run.stdout).toMatch(
      new RegExp(
        `::group::Logs of job ${job.name}, pod ${job.name}-\\w+ \\(Succeeded\\)\\n::stop-commands::\\w+\\nsmoke test of 0123456789abcdef in staging\\nall 12 passed\\n::\\w+::\\n::endgroup::`,
      ),
    );
    expect(run.summary).toMatch(new RegExp(`\\| job: ${job.name} \\| ✅ passed \\| completed in [\\d.]+ m?s · 1 pod \\|`));
    expectNothingLeft(namespace);
  });

  it('fails a Job that fails, with its exit code and last line, every pod’s logs in the step log, and deletes it', async () => {
    const namespace = freshNamespace();
    const workspace = await tempDirWith('verify-workspace', {
      'k8s/integration.yaml': jobManifest('integration', 'echo "GET /cart"\necho "FAIL: cart returned 500" >&2\nexit 3'),
    });
    const run = await runJob({ namespace, 'job-manifest': 'k8s/integration.yaml' }, workspace);
    const [job] = reportOf(run).checks;
    expect(job.name).toMatch(/^integration-[a-z0-9]{5}$/);
    expectCleanFailure(
      run,
      new RegExp(
        `job ${job.name}: the Job failed \\(BackoffLimitExceeded\\): container tests exited with code 3, last line: "FAIL: cart returned 500"$`,
      ),
    );
    // backoffLimit 1: two pods ran, and both logs are in the step log, each in its group.
    expect(job.figures).toMatchObject({ pods: 2, failed: 2, exitCode: 3, deleted: true });
    expect(
      run.stdout.match(
        /::group::Logs of job integration-\w+, pod integration-\w+-\w+ \(Failed\)\n::stop-commands::\w+\nGET \/cart\nFAIL: cart returned 500\n/g,
      ),
    ).toHaveLength(2);
    expect(run.summary).toMatch(/\| ❌ failed \| failed after [\d.]+ m?s · 2 pods · exit 3 \| the Job failed/);
    expectNothingLeft(namespace);
  });

  it('fails a Job whose image cannot be pulled at once, naming the input, and deletes it', async () => {
    const namespace = freshNamespace();
    const run = await runJob({ namespace, 'job-image': 'registry.example/acme/does-not-exist:1', timeout: '5m' });
    expectCleanFailure(
      run,
      /the Job never started: pod verify-[\w-]+ container verify: ErrImagePull: image registry\.example\/acme\/does-not-exist:1 cannot be pulled: .*not found.*; input 'job-image' expected an image the cluster can pull$/,
    );
    expect(reportOf(run).checks[0].figures).toMatchObject({ deleted: true });
    expectNothingLeft(namespace);
  });

  it('fails a Job that does not finish within timeout, and deletes it', async () => {
    const namespace = freshNamespace();
    const run = await runJob({ namespace, 'job-image': 'registry.example/acme/slow:1', 'job-command': '["sleep", "600"]', timeout: '2s' });
    expectCleanFailure(
      run,
      /the Job did not finish within 2\.0 s \(input 'timeout'\): Waiting for job ".*" to complete: 0 of 1 succeeded, 1 active/,
    );
    expectNothingLeft(namespace);
  });

  it('reads the Job from the env repository at ref, as deploy-candidate reads manifests', async () => {
    const namespace = freshNamespace();
    const repos = await tempDir('verify-env');
    const bare = await makeBareRepo(repos, 'env', [
      { branch: 'production', files: { 'checks/smoke.yaml': jobManifest('smoke', 'echo production; exit 1') } },
      { branch: 'candidate', files: { 'checks/smoke.yaml': jobManifest('smoke', 'echo "candidate smoke passed"') } },
    ]);
    const run = await runJob({ namespace, 'env-repository': bare, ref: 'candidate', 'job-manifest': 'checks/smoke.yaml' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('candidate smoke passed');
    expectNothingLeft(namespace);
  });

  describe('cancelled', () => {
    it('deletes the Job when the step is cancelled while it runs', async () => {
      const namespace = freshNamespace();
      const home = await tempDir('verify-cancel');
      const inputs = {
        kubeconfig: sim.kubeconfigPath,
        namespace,
        'job-image': 'registry.example/acme/slow:1',
        'job-command': 'sleep 600',
        timeout: '5m',
      };
      // The runner cancels a step with SIGINT (then SIGTERM, then SIGKILL).
      const child = spawn(process.execPath, [new URL('../../dist/verify/index.js', import.meta.url).pathname], {
        env: { PATH: process.env.PATH, HOME: home, RUNNER_TEMP: home, GITHUB_WORKSPACE: home, ...inputVariables(inputs) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Generous bounds: on a loaded machine the bundle's start and the pod's start take their time.
      await sim.waitUntil(() => sim.list('Pod', namespace).find((pod) => pod.status?.phase === 'Running'), {
        timeoutMs: 90_000,
        what: 'a running pod',
      });
      child.kill('SIGINT');
      expect(await exited).toBe(1);
      expect(stdout).toMatch(/::error::verify: 1 of 1 checks failed: job verify-[\w-]+: the step was cancelled; the Job was deleted/);
      expectNothingLeft(namespace);
    }, 180_000);
  });

  it('fails clearly when the namespace does not exist', async () => {
    const run = await runJob({ namespace: 'nowhere', 'job-image': 'busybox' });
    expectCleanFailure(run, /input 'namespace': .*"nowhere" not found; expected a namespace that exists$/);
  });

  it('fails clearly when the cluster cannot be reached', async () => {
    const port = await closedPort();
    const kubeconfig = await tempDirWith('verify-kubeconfig', {
      config: `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'http://127.0.0.1:${port}'}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {token: t}}]\ncurrent-context: c\n`,
    });
    const run = await verify({ kubeconfig: `${kubeconfig}/config`, 'job-image': 'busybox' });
    expectCleanFailure(
      run,
      /input 'kubeconfig': the cluster cannot be reached: .*; expected a kubeconfig \(and context\) of a reachable cluster$/,
    );
  });
});
