import { copyFile, mkdir } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startMetricsServer, type MetricsServer, type TrafficProfile } from '../support/metrics-server.js';
import { startNoisyMetricsServer, type NoisyMetricsServer, type NoisyProfile } from '../support/noisy-metrics-server.js';
import { startPrometheus, startTokenProxy, type StartedPrometheus } from '../support/prometheus.js';
import { freePort } from '../support/registry.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { tempDir } from '../support/temp.js';

/**
 * Every scenario is an app with a baseline and a canary server, all scraped by
 * one Prometheus from the start, so their data accrue together while the
 * suite waits once. Scrapes every second, and analyses of the last 15 s at a
 * 1 s step, make enough points in seconds rather than minutes.
 */
const NORMAL: Partial<TrafficProfile> = { errorRate: 0.05, latencyMs: 20 };
const SCENARIOS: Record<string, { baseline: Partial<TrafficProfile>; canary: Partial<TrafficProfile> }> = {
  healthy: { baseline: NORMAL, canary: NORMAL },
  errors: { baseline: { errorRate: 0.1, latencyMs: 20 }, canary: { errorRate: 0.2, latencyMs: 20 } },
  slow: { baseline: NORMAL, canary: { ...NORMAL, latencyMs: 80 } },
  idle: { baseline: NORMAL, canary: { ...NORMAL, requestsPerSecond: 0 } },
};
const NAMESPACE = 'shop';
const WINDOW = { lookback: '15s', step: '1s' };
/** Half the points of a 15 s lookback at 1 s, which the judge needs, and a few more. */
const POINTS_NEEDED = 11;

const SIDE = 'namespace="{{namespace}}", app="{{name}}", track="{{track}}"';
/** The default metrics with short windows, and the latency made critical. */
const CRITICAL_LATENCY = `
- name: error-rate
  query: (sum(rate(http_requests_total{${SIDE}, code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_total{${SIDE}}[5s]))
  direction: increase
  critical: true
- name: p99-latency
  query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${SIDE}}[5s])))
  direction: increase
  critical: true
`;

/** Services with random traffic and a drifting latency: their rate series are autocorrelated, as real ones are. */
const NOISY: Record<string, { baseline: Omit<NoisyProfile, 'seed'>; canary: Omit<NoisyProfile, 'seed'> }> = {
  'noisy-healthy': {
    baseline: { requestsPerSecond: 200, errorRate: 0.05, latencyMs: 20 },
    canary: { requestsPerSecond: 200, errorRate: 0.05, latencyMs: 20 },
  },
  'noisy-errors': {
    baseline: { requestsPerSecond: 200, errorRate: 0.05, latencyMs: 20 },
    canary: { requestsPerSecond: 200, errorRate: 0.1, latencyMs: 20 },
  },
};

let prometheus: StartedPrometheus;
const servers = new Map<string, { baseline: MetricsServer; canary: MetricsServer }>();
const noisy = new Map<string, { baseline: NoisyMetricsServer; canary: NoisyMetricsServer }>();

beforeAll(async () => {
  for (const [app, profiles] of Object.entries(SCENARIOS)) {
    servers.set(app, { baseline: await startMetricsServer(profiles.baseline), canary: await startMetricsServer(profiles.canary) });
  }
  let seed = 1;
  for (const [app, profiles] of Object.entries(NOISY)) {
    noisy.set(app, {
      baseline: await startNoisyMetricsServer({ ...profiles.baseline, seed: seed++ }),
      canary: await startNoisyMetricsServer({ ...profiles.canary, seed: seed++ }),
    });
  }
  const targets = [...servers, ...noisy].flatMap(([app, sides]) =>
    (['baseline', 'canary'] as const).map((track) => ({ address: sides[track].address, labels: { namespace: NAMESPACE, app, track } })),
  );
  prometheus = await startPrometheus(targets);
  await prometheus.waitFor(`${POINTS_NEEDED} points of every series`, async () => {
    const end = Date.now() / 1000;
    const { series } = await prometheus.queryRange(`sum by (app, track) (rate(http_requests_total{namespace="${NAMESPACE}"}[5s]))`, {
      start: end - 15,
      end,
      step: 1,
    });
    return series.length === targets.length && series.every((s) => s.points.length >= POINTS_NEEDED);
  });
}, 60_000);

afterAll(async () => {
  await prometheus?.close();
  await Promise.all([...servers.values(), ...noisy.values()].flatMap((sides) => [sides.baseline.close(), sides.canary.close()]));
});

const check = (inputs: Record<string, string>, env?: Record<string, string>) => runAction('canary-check', { inputs, env });

/** These scenarios' servers count exactly; the tests of them are of Kayenta's judge, whose series are the queries' own. */
function prometheusInputs(app: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'prometheus-url': prometheus.url, name: app, namespace: NAMESPACE, interval: '0', judge: 'kayenta', ...WINDOW, ...extra };
}

interface Report {
  decision: string;
  score: number;
  reason: string;
  plannedIntervals: number;
  intervals: { interval: number; decision: string; score: number }[];
  metrics: {
    name: string;
    classification: string;
    baseline: { count: number; median: number };
    canary: { count: number; median: number };
  }[];
}

function reportOf(run: ActionRun): Report {
  return JSON.parse(run.outputs.report) as Report;
}

const classes = (report: Report) => Object.fromEntries(report.metrics.map((m) => [m.name, m.classification]));

describe('canary-check with Prometheus (bundle)', () => {
  it('passes a healthy canary with the default metrics, over two intervals', async () => {
    const run = await check(prometheusInputs('healthy', { interval: '1s', count: '2' }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'pass', score: '100' });
    const report = reportOf(run);
    expect(classes(report)).toEqual({ 'error-rate': 'Pass', 'p99-latency': 'Pass' });
    expect(report.intervals.map((i) => [i.interval, i.decision])).toEqual([
      [1, 'pass'],
      [2, 'pass'],
    ]);
    const errorRate = report.metrics.find((m) => m.name === 'error-rate')!;
    expect(errorRate.baseline.count).toBeGreaterThanOrEqual(POINTS_NEEDED);
    expect(errorRate.canary.count).toBeGreaterThanOrEqual(POINTS_NEEDED);
    expect(errorRate.canary.median).toBeCloseTo(0.05, 6);
    expect(run.summary).toContain('### Canary analysis: pass');
    expect(run.summary).toContain('#### Intervals');
    expect(run.stdout).toMatch(/decision pass \(score 100\)/);
  });

  it('fails a canary that errs twice as often, at once on the critical error rate, and stops after the first interval', async () => {
    const run = await check(prometheusInputs('errors', { interval: '1s', count: '3' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'fail', score: '0' });
    const report = reportOf(run);
    expect(classes(report)['error-rate']).toBe('High');
    const errorRate = report.metrics.find((m) => m.name === 'error-rate')!;
    expect(errorRate.baseline.median).toBeCloseTo(0.1, 6);
    expect(errorRate.canary.median).toBeCloseTo(0.2, 6);
    expect(report.intervals).toHaveLength(1);
    expect(report.reason).toMatch(/^stopped after interval 1 of 3: critical metric 'error-rate' failed/);
    expect(run.stdout).toMatch(
      /^::error::canary-check: decision fail \(score 0\): stopped after interval 1 of 3: critical metric 'error-rate' failed/m,
    );
    // The failing metric is charted, both sides.
    expect(run.summary).toContain('#### error-rate: High');
    expect(run.summary).toMatch(/```mermaid\n[\s\S]*xychart-beta[\s\S]*line \[[^\]]+\]\n {2}line \[/);
  });

  it('fails a critical latency regression with score 0', async () => {
    const run = await check(prometheusInputs('slow', { metrics: CRITICAL_LATENCY }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'fail', score: '0' });
    const report = reportOf(run);
    expect(classes(report)).toEqual({ 'error-rate': 'Pass', 'p99-latency': 'High' });
    const latency = report.metrics.find((m) => m.name === 'p99-latency')!;
    expect(latency.canary.median / latency.baseline.median).toBeGreaterThan(2);
    expect(run.stdout).toMatch(/::error::canary-check: decision fail \(score 0\): critical metric 'p99-latency' failed/);
  });

  it('calls a canary without traffic inconclusive, which fails the step only when fail-on says so', async () => {
    const lenient = await check(prometheusInputs('idle'));
    expect(lenient.code).toBe(0);
    expect(lenient.outputs.decision).toBe('inconclusive');
    expect(classes(reportOf(lenient))).toEqual({ 'error-rate': 'Nodata', 'p99-latency': 'Nodata' });
    expect(lenient.stdout).toMatch(/^::warning::decision inconclusive \(score 0\): not enough data/m);

    const strict = await check(prometheusInputs('idle', { 'fail-on': 'fail, inconclusive' }));
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(
      /::error::canary-check: decision inconclusive \(score 0\): not enough data: .*'error-rate'.*no canary data/,
    );
  });

  it('sends prometheus-token as a Bearer token, masked, and says when it is missing or wrong', async () => {
    const token = 'prom-token-7c1e9a';
    const proxy = await startTokenProxy(prometheus.url, token);
    try {
      const run = await check(prometheusInputs('healthy', { 'prometheus-url': proxy.url, 'prometheus-token': token }));
      expect(run.code).toBe(0);
      expect(run.outputs.decision).toBe('pass');
      expect(run.masks).toContain(token);
      expect(run.stdout + run.stderr + run.summary + run.outputs.report).not.toContain(token);
      expect(proxy.authorizations.length).toBe(4);
      expect(new Set(proxy.authorizations)).toEqual(new Set([`Bearer ${token}`]));

      const missing = await check(prometheusInputs('healthy', { 'prometheus-url': proxy.url }));
      expect(missing.code).toBe(1);
      expect(missing.stdout).toContain(
        `::error::canary-check: prometheus-url ${proxy.url} refused the query with 401 Unauthorized: it wants credentials: set prometheus-token`,
      );

      const wrong = await check(prometheusInputs('healthy', { 'prometheus-url': proxy.url, 'prometheus-token': 'stale' }));
      expect(wrong.stdout).toContain('refused the query with 401 Unauthorized: check prometheus-token');
      expect(wrong.stdout).not.toContain('stale');
    } finally {
      await proxy.close();
    }
  });

  it("names the metric and gives Prometheus's own error for a query it rejects", async () => {
    const run = await check(
      prometheusInputs('healthy', { metrics: '- name: broken\n  query: sum(rate(http_requests_total{track="{{track}}"}[5s])' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::canary-check: metric 'broken' \((canary|baseline)\): Prometheus rejected the query \(400 bad_data\): .*parse error.*; the query was: sum\(rate\(http_requests_total\{track="(canary|baseline)"\}/,
    );
  });

  it('says which URL it cannot reach', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await check(prometheusInputs('healthy', { 'prometheus-url': url }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::canary-check: cannot reach prometheus-url ${url}: connect ECONNREFUSED`);
  });
});

/** The error ratio as counters (tested exactly), the p99 over 5 s windows. */
const COUNTED = `
- name: error-rate
  errors: http_requests_total{${SIDE}, code="500"}
  total: http_requests_total{${SIDE}}
  direction: increase
  critical: true
- name: p99-latency
  query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${SIDE}}[5s])))
  direction: increase
`;

interface TestedReport extends Report {
  judge: string;
  metrics: (Report['metrics'][number] & {
    test: string | null;
    level: number;
    pValue: number | null;
    counts: { baseline: { events: number; total: number }; canary: { events: number; total: number } } | null;
  })[];
}

describe('canary-check with Prometheus, judge default (bundle)', () => {
  const inputs = (app: string, extra: Record<string, string> = {}) => ({
    'prometheus-url': prometheus.url,
    name: app,
    namespace: NAMESPACE,
    metrics: COUNTED,
    ...WINDOW,
    ...extra,
  });

  it('passes a healthy canary whose series are random and autocorrelated, testing the error counts exactly and the p99 at windows that do not overlap', async () => {
    const run = await check(inputs('noisy-healthy', { interval: '0' }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.decision).toBe('pass');
    const report = JSON.parse(run.outputs.report) as TestedReport;
    expect(report.judge).toBe('default');
    const [errors, latency] = report.metrics;
    expect(errors).toMatchObject({ name: 'error-rate', classification: 'Pass', test: 'counts' });
    // 200 requests a second a side over the 15 s lookback, 5 % of them errors.
    expect(errors.counts!.baseline.total).toBeGreaterThan(1500);
    expect(errors.counts!.canary.events / errors.counts!.canary.total).toBeGreaterThan(0.02);
    expect(errors.counts!.canary.events / errors.counts!.canary.total).toBeLessThan(0.1);
    // 15 s of [5s] windows: 3 points a side, not the 15 overlapping ones a 1 s step gives.
    expect(latency).toMatchObject({ name: 'p99-latency', classification: 'Pass', test: 'means' });
    expect(latency.canary.count).toBe(3);
    expect(latency.baseline.count).toBe(3);
    // The budget, 1 %, split between the two metrics.
    expect(errors.level).toBeCloseTo(0.005, 10);
  });

  it('fails a canary that errs twice as often at the first of three looks, on its counts', async () => {
    const run = await check(inputs('noisy-errors', { interval: '1s', count: '3' }));
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('fail');
    const report = JSON.parse(run.outputs.report) as TestedReport;
    expect(report.intervals).toHaveLength(1);
    const errors = report.metrics.find((m) => m.name === 'error-rate')!;
    expect(errors).toMatchObject({ classification: 'High', test: 'counts' });
    expect(errors.pValue!).toBeLessThan(errors.level);
    const ratio =
      errors.counts!.canary.events / errors.counts!.canary.total / (errors.counts!.baseline.events / errors.counts!.baseline.total);
    expect(ratio).toBeGreaterThan(1.5);
    expect(report.reason).toMatch(
      /^stopped after interval 1 of 3: critical metric 'error-rate' failed: canary higher than baseline: \d+ of \d+ against/,
    );
  });

  it('judges a metric given only by its counters, and refuses one for judge kayenta', async () => {
    const countersOnly = `- name: errors\n  errors: http_requests_total{${SIDE}, code="500"}\n  total: http_requests_total{${SIDE}}\n  direction: increase`;
    const run = await check(inputs('noisy-errors', { interval: '0', metrics: countersOnly }));
    expect(run.outputs.decision).toBe('fail');
    expect((JSON.parse(run.outputs.report) as TestedReport).metrics[0]).toMatchObject({ classification: 'High', test: 'counts' });

    const kayenta = await check(inputs('noisy-errors', { interval: '0', metrics: countersOnly, judge: 'kayenta' }));
    expect(kayenta.code).toBe(1);
    expect(kayenta.stdout).toMatch(/::error::canary-check: input 'metrics': metric 'errors' has counters but no 'query'/);
  });
});

/** A gateway before Prometheus that fails the first `failures` requests (all of them when Infinity) with a 503 or a connection reset. */
async function startFlakyGateway(
  target: string,
  failures: number,
  how: '503' | 'reset',
): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  let requests = 0;
  const server = createServer((request, response) => {
    if (requests++ < failures) {
      if (how === 'reset') request.socket.destroy();
      else {
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end('Service Unavailable\n');
      }
      return;
    }
    const forward = httpRequest({ hostname, port, method: request.method, path: request.url, headers: request.headers }, (upstream) => {
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(response);
    });
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('canary-check through an unreliable Prometheus (bundle)', () => {
  it.each(['503', 'reset'] as const)('retries queries that meet a passing outage (%s) and judges as if none had happened', async (how) => {
    const gateway = await startFlakyGateway(prometheus.url, 3, how);
    try {
      const run = await check({ ...prometheusInputs('healthy'), 'prometheus-url': gateway.url, judge: 'default', metrics: COUNTED });
      expect(run.code).toBe(0);
      expect(run.outputs.decision).toBe('pass');
      expect(run.stdout).toMatch(new RegExp(`::warning::Prometheus at ${gateway.url}: .*; retrying in [\\d.]+ s \\(attempt \\d of 5\\)`));
      // Two metrics: the p99 series and two counters per side, six queries, and the three that failed again.
      expect(gateway.requests()).toBe(9);
    } finally {
      await gateway.close();
    }
  });

  it('fails naming the outage and the URL, not the query or an input, when Prometheus stays down', async () => {
    const gateway = await startFlakyGateway(prometheus.url, Infinity, '503');
    try {
      const run = await check({ ...prometheusInputs('healthy'), 'prometheus-url': gateway.url, judge: 'default', metrics: COUNTED });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        new RegExp(
          `^::error::canary-check: Prometheus at ${gateway.url} is unavailable \\(HTTP 503 [^)]*5 times over [\\d.]+ s\\): its metrics are needed to judge the canary`,
          'm',
        ),
      );
      expect(run.stdout).not.toMatch(/::error::.*(input '|the query was)/);
      expect(run.outputs).toEqual({});
    } finally {
      await gateway.close();
    }
  }, 60_000);
});

describe('canary-check with the http provider (bundle)', () => {
  const httpInputs = (app: string, extra: Record<string, string> = {}) => {
    const sides = servers.get(app)!;
    return {
      provider: 'http',
      'canary-url': sides.canary.url,
      'baseline-url': sides.baseline.url,
      interval: '0',
      concurrency: '8',
      ...extra,
    };
  };
  const servedTotal = (server: MetricsServer) => [...server.served.values()].reduce((a, b) => a + b, 0);

  it('passes a healthy canary, sending each side the same requests', async () => {
    const { canary, baseline } = servers.get('healthy')!;
    const before = { canary: servedTotal(canary), baseline: servedTotal(baseline) };
    const run = await check(httpInputs('healthy', { paths: '/\n/api/items?page=2', requests: '100' }));
    expect(run.code).toBe(0);
    expect(run.outputs.decision).toBe('pass');
    const report = reportOf(run);
    expect(classes(report)).toEqual({ 'error-rate': 'Pass', latency: 'Pass' });
    expect(servedTotal(canary) - before.canary).toBe(100);
    expect(servedTotal(baseline) - before.baseline).toBe(100);
    expect(canary.served.get('/api/items?page=2')).toBe(50);
    expect(baseline.served.get('/api/items?page=2')).toBe(50);
    const latency = report.metrics.find((m) => m.name === 'latency')!;
    // 1 in 20 requests errs (a 500) and has no latency; the median is about the servers' 20 ms.
    expect(latency.canary.count).toBe(95);
    expect(latency.canary.median).toBeGreaterThan(15);
    expect(report.metrics.find((m) => m.name === 'error-rate')!.canary.count).toBe(20);
  });

  it('fails a canary that errs twice as often, on the critical error rate', async () => {
    const run = await check(httpInputs('errors'));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'fail', score: '0' });
    expect(run.stdout).toMatch(
      /::error::canary-check: decision fail \(score 0\): critical metric 'error-rate' failed: canary higher than baseline/,
    );
  });

  it('fails a slower canary on latency', async () => {
    const run = await check(httpInputs('slow', { requests: '60' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'fail', score: '50' });
    expect(classes(reportOf(run))).toEqual({ 'error-rate': 'Pass', latency: 'High' });
  });
});

describe('canary-check refuses bad inputs (bundle)', () => {
  const PROMETHEUS = { 'prometheus-url': 'http://prometheus.monitoring:9090', name: 'hello', namespace: 'shop' };
  // Rejected before anything is loaded lazily: the door's own file, alone, must give the same answer.
  const atTheDoor: [string, Record<string, string>, RegExp][] = [
    ['provider', { provider: 'nagios' }, /'nagios' is not supported; expected one of prometheus, http/],
    ['prometheus-url', {}, /is required; expected an http or https URL/],
    ['prometheus-url', { 'prometheus-url': 'prometheus:9090' }, /'prometheus:' URLs are not supported/],
    ['canary-url', { provider: 'http', 'baseline-url': 'http://b' }, /is required/],
    ['marginal-score', { ...PROMETHEUS, 'pass-score': '70', 'marginal-score': '80' }, /80 is above pass-score 70/],
    ['interval', { ...PROMETHEUS, interval: '5 minutes' }, /'5 minutes' is not a duration; expected a Go duration/],
    ['lookback', { ...PROMETHEUS, lookback: '0s' }, /'0s' is not a positive duration/],
    ['interval', { ...PROMETHEUS, interval: '0', count: '3' }, /is 0 with count 3/],
    ['confidence', { ...PROMETHEUS, confidence: '98' }, /'98' is out of range or not a number; expected a number between 0 and 1/],
    ['fail-on', { ...PROMETHEUS, 'fail-on': 'fail,failed' }, /'failed' is not a decision/],
    ['judge', { ...PROMETHEUS, judge: 'netflix' }, /'netflix' is not supported; expected one of default, kayenta/],
  ];
  const afterMetrics: [string, Record<string, string>, RegExp][] = [
    ['metrics', { ...PROMETHEUS, metrics: '- name: x\n  query: [' }, /is not valid YAML/],
    [
      'metrics',
      { ...PROMETHEUS, metrics: '- name: x\n  query: up\n  direction: up' },
      /'direction' is 'up'; expected one of increase, decrease, either/,
    ],
    ['name', { ...PROMETHEUS, name: '' }, /is empty, and the default metric 'error-rate' uses \{\{name\}\}/],
    ['metrics', { ...PROMETHEUS, metrics: '- name: e\n  errors: errors_total' }, /metric 1 \('e'\): 'errors' is given without 'total'/],
    [
      'metrics',
      { ...PROMETHEUS, metrics: '- name: e\n  errors: sum(rate(e[1m]))\n  total: t' },
      /'errors' is 'sum\(rate\(e\[1m\]\)\)', not a counter selector; expected counter selectors for both errors and total/,
    ],
    [
      'metrics',
      { provider: 'http', 'canary-url': 'http://c', 'baseline-url': 'http://b', metrics: '- name: cpu' },
      /which the http provider cannot/,
    ],
  ];

  let doorOnly: string;
  beforeAll(async () => {
    const dir = await tempDir('canary-door');
    await mkdir(dir, { recursive: true });
    const dist = new URL('../../dist/canary-check/', import.meta.url).pathname;
    await Promise.all(['index.js', 'package.json'].map((file) => copyFile(join(dist, file), join(dir, file))));
    doorOnly = join(dir, 'index.js');
  });

  it.each(atTheDoor)("names input '%s' (%j), with nothing but the door loaded", async (input, inputs, problem) => {
    const run = await runAction('canary-check', { inputs, bundle: doorOnly });
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toMatch(new RegExp(`^::error::canary-check: input '${input}': `));
    expect(run.stdout).toMatch(problem);
    expect(run.stderr).toBe('');
    expect(run.outputs).toEqual({});
  });

  it.each(afterMetrics)("names input '%s' (%j)", async (input, inputs, problem) => {
    const run = await runAction('canary-check', { inputs });
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toMatch(new RegExp(`^::error::canary-check: input '${input}': `));
    expect(run.stdout).toMatch(problem);
    expect(run.outputs).toEqual({});
    expect(run.summary).toBe('');
  });
});

describe('canary-check bounds its durations to what a GitHub job lasts (bundle)', () => {
  const PROMETHEUS = { 'prometheus-url': 'http://127.0.0.1:9', name: 'hello', namespace: 'shop' };
  const cases: [string, Record<string, string>, RegExp][] = [
    ['interval', { ...PROMETHEUS, interval: '700h' }, /'700h' is longer than a GitHub job lasts \(6 h on hosted runners\)/],
    [
      'interval',
      { ...PROMETHEUS, interval: '2h', count: '4' },
      /'2h' times count 4 is 8h00m, longer than a GitHub job lasts \(6 h on hosted runners\)/,
    ],
    ['lookback', { ...PROMETHEUS, lookback: '9000h' }, /'9000h' is longer than a day/],
    [
      'request-timeout',
      { provider: 'http', 'canary-url': 'http://c', 'baseline-url': 'http://b', 'request-timeout': '600h' },
      /'600h' is longer than/,
    ],
  ];
  it.each(cases)("names input '%s' (%j) at once", async (input, inputs, problem) => {
    const started = Date.now();
    const run = await runAction('canary-check', { inputs });
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toMatch(new RegExp(`^::error::canary-check: input '${input}': `));
    expect(run.stdout).toMatch(problem);
    expect(run.outputs).toEqual({});
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
