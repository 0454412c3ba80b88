import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../../../src/action/errors.js';
import type { Logger } from '../../../src/action/logger.js';
import { parseMetrics } from '../../../src/canary/metrics.js';
import { checkHttpMetrics, defaultHttpMetrics, HttpProvider, joinUrl } from '../../../src/canary/providers/http.js';
import { PrometheusProvider, sampleValue, type PrometheusOptions } from '../../../src/canary/providers/prometheus.js';
import type { Clock } from '../../../src/canary/providers/provider.js';
import { startMetricsServer, type MetricsServer } from '../../support/metrics-server.js';
import { freePort } from '../../support/registry.js';

/** Virtual time: sleeping moves it on at once, so paced and delayed work runs without waiting. */
function virtualClock(start: number): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
    group: (_name, body) => body(),
  };
}

interface ApiRequest {
  method: string;
  path: string;
  form: URLSearchParams;
  authorization: string | undefined;
}

/** A local server in Prometheus's place, answering each request as `answer` says and recording it. */
async function startApi(answer: (request: ApiRequest) => { status: number; body: string; type?: string } | 'hang') {
  const requests: ApiRequest[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const request = {
      method: req.method ?? '',
      path: req.url ?? '',
      form: new URLSearchParams(text),
      authorization: req.headers.authorization,
    };
    requests.push(request);
    const reply = answer(request);
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const matrix = (result: { metric: Record<string, string>; values: [number, string][] }[], warnings?: string[]) =>
  JSON.stringify({ status: 'success', data: { resultType: 'matrix', result }, ...(warnings && { warnings }) });

const END = Date.UTC(2024, 0, 1, 12, 0, 0);
const METRICS = parseMetrics(`
- name: errors
  query: sum(rate(errors{app="{{name}}", track="{{track}}", namespace="{{namespace}}"}[1m]))
- name: latency
  query: latency{track="{{track}}"}
`);

describe('PrometheusProvider', () => {
  const options = (url: string, extra: Partial<PrometheusOptions> = {}): PrometheusOptions => ({
    url,
    lookbackMs: 300_000,
    stepMs: 15_000,
    canary: { track: 'canary', name: 'hello', namespace: 'shop' },
    baseline: { track: 'stable', name: 'hello', namespace: 'shop' },
    ...extra,
  });

  it('waits for the interval to end, then queries its lookback once per side with that side filled in', async () => {
    const api = await startApi(({ form }) => {
      const canary = form.get('query')!.includes('"canary"');
      return {
        status: 200,
        body: matrix([
          {
            metric: {},
            values: [
              [END / 1000 - 15, canary ? '2' : '1'],
              [END / 1000, canary ? '4' : '3'],
            ],
          },
        ]),
      };
    });
    try {
      const clock = virtualClock(END - 60_000);
      const provider = new PrometheusProvider(options(`${api.url}/prefix/`, { clock, authorization: 'Bearer t0ken' }));
      expect(provider.expectedPoints).toBe(21);
      const observations = await provider.observe(METRICS, { start: END - 60_000, end: END });
      expect(clock.sleeps).toEqual([60_000]);
      expect(api.requests).toHaveLength(4);
      for (const request of api.requests) {
        expect(request).toMatchObject({ method: 'POST', path: '/prefix/api/v1/query_range', authorization: 'Bearer t0ken' });
        expect(Object.fromEntries(request.form)).toMatchObject({ start: String(END / 1000 - 300), end: String(END / 1000), step: '15' });
      }
      expect(api.requests.map((r) => r.form.get('query')).sort()).toEqual([
        'latency{track="canary"}',
        'latency{track="stable"}',
        'sum(rate(errors{app="hello", track="canary", namespace="shop"}[1m]))',
        'sum(rate(errors{app="hello", track="stable", namespace="shop"}[1m]))',
      ]);
      expect(observations).toEqual([
        {
          metric: 'errors',
          baseline: [
            { time: END / 1000 - 15, value: 1 },
            { time: END / 1000, value: 3 },
          ],
          canary: [
            { time: END / 1000 - 15, value: 2 },
            { time: END / 1000, value: 4 },
          ],
        },
        expect.objectContaining({ metric: 'latency' }),
      ]);
    } finally {
      await api.close();
    }
  });

  it("pools every series' points in time order, keeps NaN and infinities for nan-strategy, and logs Prometheus's warnings", async () => {
    const api = await startApi(() => ({
      status: 200,
      body: matrix(
        [
          {
            metric: { pod: 'a' },
            values: [
              [100, '1'],
              [130, 'NaN'],
            ],
          },
          {
            metric: { pod: 'b' },
            values: [
              [115, '+Inf'],
              [145, '-Inf'],
            ],
          },
        ],
        ['results may be incomplete'],
      ),
    }));
    try {
      const logger = recordingLogger();
      const [errors] = await new PrometheusProvider(options(api.url, { logger })).observe(METRICS.slice(0, 1), { start: 0, end: 0 });
      expect(errors.canary.map((p) => [p.time, p.value])).toEqual([
        [100, 1],
        [115, Infinity],
        [130, NaN],
        [145, -Infinity],
      ]);
      expect(logger.lines).toContain("warning: metric 'errors' (canary): Prometheus warns: results may be incomplete");
    } finally {
      await api.close();
    }
    expect([sampleValue('NaN'), sampleValue('+Inf'), sampleValue('-Inf'), sampleValue('1e-3')]).toEqual([NaN, Infinity, -Infinity, 0.001]);
  });

  it('names the metric, the side and the query when Prometheus rejects a query', async () => {
    const api = await startApi(({ form }) =>
      form.get('query')!.includes('stable') && form.get('query')!.startsWith('latency')
        ? {
            status: 422,
            body: JSON.stringify({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples' }),
          }
        : { status: 200, body: matrix([]) },
    );
    try {
      await expect(new PrometheusProvider(options(api.url)).observe(METRICS, { start: 0, end: 0 })).rejects.toThrow(
        'metric \'latency\' (baseline): Prometheus rejected the query (422 execution): query processing would load too many samples; the query was: latency{track="stable"}',
      );
    } finally {
      await api.close();
    }
  });

  it('says whether to set or check prometheus-token when refused', async () => {
    const api = await startApi(() => ({ status: 403, body: 'forbidden', type: 'text/plain' }));
    try {
      await expect(new PrometheusProvider(options(api.url)).observe(METRICS, { start: 0, end: 0 })).rejects.toThrow(
        `prometheus-url ${api.url} refused the query with 403 Forbidden: it wants credentials: set prometheus-token`,
      );
      await expect(
        new PrometheusProvider(options(api.url, { authorization: 'Bearer x' })).observe(METRICS, { start: 0, end: 0 }),
      ).rejects.toThrow(/403 Forbidden: check prometheus-token$/);
    } finally {
      await api.close();
    }
  });

  it('says when the URL is not a Prometheus API, does not answer in time, or cannot be reached', async () => {
    const api = await startApi(({ path }) =>
      path.startsWith('/slow') ? 'hang' : { status: 404, body: '<html><body>No such page</body></html>', type: 'text/html' },
    );
    try {
      await expect(new PrometheusProvider(options(api.url)).observe(METRICS, { start: 0, end: 0 })).rejects.toThrow(
        `prometheus-url ${api.url} answered ${api.url}/api/v1/query_range with 404 Not Found: <html><body>No such page</body></html>; is it a Prometheus API?`,
      );
      await expect(
        new PrometheusProvider(options(`${api.url}/slow`, { timeoutMs: 200, retry: { sleep: async () => undefined } })).observe(METRICS, {
          start: 0,
          end: 0,
        }),
      ).rejects.toThrow(`prometheus-url ${api.url}/slow did not answer a query within 0.2 s`);
    } finally {
      await api.close();
    }
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(
      new PrometheusProvider(options(closed, { retry: { sleep: async () => undefined } })).observe(METRICS, { start: 0, end: 0 }),
    ).rejects.toThrow(new RegExp(`^cannot reach prometheus-url ${closed}: connect ECONNREFUSED \\S+ \\(5 times over [\\d.]+ s\\)$`));
  });

  /** Waits that take no time, on a clock they move, so that a budget of 20 s is spent at once. */
  const instantWaits = () => {
    let now = END;
    const waits: number[] = [];
    return { waits, now: () => now, random: () => 0.999_999, sleep: async (ms: number) => void (waits.push(ms), (now += ms)) };
  };
  const unavailable = () => ({ status: 503, body: 'Service Unavailable', type: 'text/plain' });

  it('retries a query that meets a 503, and tells the log', async () => {
    let failures = 2;
    const api = await startApi(() =>
      failures-- > 0 ? unavailable() : { status: 200, body: matrix([{ metric: {}, values: [[1, '1']] }]) },
    );
    const logger = recordingLogger();
    const retry = instantWaits();
    try {
      const observations = await new PrometheusProvider(options(api.url, { logger, retry })).observe(METRICS.slice(0, 1), {
        start: 0,
        end: 0,
      });
      expect(observations[0].canary).toHaveLength(1);
      expect(api.requests).toHaveLength(4);
      expect(logger.lines.filter((line) => line.includes('retrying'))).toEqual([
        `warning: Prometheus at ${api.url}: HTTP 503 Service Unavailable; retrying in 1.0 s (attempt 2 of 5)`,
        `warning: Prometheus at ${api.url}: HTTP 503 Service Unavailable; retrying in 1.0 s (attempt 2 of 5)`,
      ]);
    } finally {
      await api.close();
    }
  });

  it('names a Prometheus that keeps answering 503 as unavailable, within the budget, not as a wrong URL', async () => {
    const api = await startApi(() => unavailable());
    try {
      // Waits at the middle of each ceiling: 0.5, 1, 2 and 4 s a side, on one clock both sides move.
      const error = (await new PrometheusProvider(options(api.url, { retry: { ...instantWaits(), random: () => 0.5 } }))
        .observe(METRICS.slice(0, 1), { start: 0, end: 0 })
        .catch((caught: unknown) => caught)) as Error;
      expect(error.message).toMatch(
        new RegExp(
          `^Prometheus at ${api.url} is unavailable \\(HTTP 503 Service Unavailable 5 times over 1\\d\\.\\d s\\): its metrics are needed to judge the canary$`,
        ),
      );
      // Five tries a side; the step fails with the first side to give up.
      expect(api.requests.length).toBeGreaterThanOrEqual(9);
      expect(api.requests.length).toBeLessThanOrEqual(10);
      const before = api.requests.length;

      // With the longest waits, the 20 s budget ends the tries before the fifth.
      const budget = (await new PrometheusProvider(options(api.url, { retry: instantWaits() }))
        .observe(METRICS.slice(0, 1), { start: 0, end: 0 })
        .catch((caught: unknown) => caught)) as Error;
      expect(budget.message).toMatch(/is unavailable \(HTTP 503 Service Unavailable [34] times over 1\d\.\d s\)/);
      expect(api.requests.length - before).toBeLessThan(10);
    } finally {
      await api.close();
    }
  });

  it('gives up at once when Retry-After asks for longer than a check waits', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(503, { 'retry-after': '120', 'content-type': 'text/plain' });
      res.end('maintenance');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await expect(
        new PrometheusProvider(options(url, { retry: instantWaits() })).observe(METRICS.slice(0, 1), { start: 0, end: 0 }),
      ).rejects.toThrow(
        `Prometheus at ${url} is unavailable (HTTP 503 Service Unavailable once; it asked to be retried in 120 s, longer than this step waits)`,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('HttpProvider', () => {
  let fast: MetricsServer;
  let failing: MetricsServer;
  let slow: MetricsServer;
  beforeAll(async () => {
    [fast, failing, slow] = await Promise.all([
      startMetricsServer({ latencyMs: 2 }),
      startMetricsServer({ latencyMs: 2, errorRate: 0.25 }),
      startMetricsServer({ latencyMs: 400 }),
    ]);
  });
  afterAll(() => Promise.all([fast, failing, slow].map((server) => server.close())));

  const probe = (canaryUrl: string, extra: Partial<ConstructorParameters<typeof HttpProvider>[0]> = {}) =>
    new HttpProvider({ canaryUrl, baselineUrl: fast.url, paths: ['/'], requests: 40, concurrency: 4, timeoutMs: 5000, ...extra });

  it('spreads interleaved requests evenly over the interval and measures each side', async () => {
    const before = fast.served.get('/') ?? 0;
    const start = Date.now();
    const observations = await probe(failing.url).observe(defaultHttpMetrics(), { start, end: start + 800 });
    expect(Date.now()).toBeGreaterThanOrEqual(start + 800);
    expect((fast.served.get('/') ?? 0) - before).toBe(40);
    expect(failing.served.get('/')).toBe(40);

    const [errorRate, latency] = observations;
    // 80 requests over 800 ms: the i-th is due 10 × i ms in, and none may leave before it is due.
    const sent = [...latency.baseline, ...latency.canary].map((p) => p.time * 1000 - start).sort((a, b) => a - b);
    expect(sent[0]).toBeGreaterThanOrEqual(0);
    expect(sent[sent.length - 1]).toBeGreaterThanOrEqual(690);
    expect(latency.baseline).toHaveLength(40);
    expect(latency.canary).toHaveLength(30);
    // Milliseconds, each answered within the request timeout (a loaded machine may take a while).
    expect(latency.canary.every((p) => p.value >= 1 && p.value < 5000)).toBe(true);
    // 40 requests a side make 20 batches of 2; the canary's server fails every fourth request it gets.
    expect(errorRate.baseline.map((p) => p.value)).toEqual(new Array(20).fill(0));
    expect(errorRate.canary).toHaveLength(20);
    expect(errorRate.canary.reduce((sum, p) => sum + p.value, 0) / 20).toBe(0.25);
  });

  it('waits for the end of its interval on the clock it is given', async () => {
    const clock = virtualClock(END);
    await probe(fast.url, { clock, requests: 2 }).observe(defaultHttpMetrics(), { start: END, end: END + 60_000 });
    expect(clock.now()).toBe(END + 60_000);
  });

  it('counts a request that is not answered in time as an error, and says so in the log', async () => {
    const logger = recordingLogger();
    const [errorRate, latency] = await probe(slow.url, { timeoutMs: 100, requests: 4, logger }).observe(defaultHttpMetrics(), {
      start: 0,
      end: 0,
    });
    expect(errorRate.canary.map((p) => p.value)).toEqual([1, 1, 1, 1]);
    expect(latency.canary).toEqual([]);
    expect(latency.baseline).toHaveLength(4);
    expect(logger.lines).toEqual(['info: requests: canary 4, 4 erred (first: no answer within 100 ms on /); baseline 4, 0 erred']);
  });

  it('refuses to judge when the baseline never answers', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(probe(fast.url, { baselineUrl: closed, requests: 2 }).observe(defaultHttpMetrics(), { start: 0, end: 0 })).rejects.toThrow(
      new RegExp(`^no request to baseline-url ${closed} was answered: /: connect ECONNREFUSED`),
    );
  });

  it("appends the paths to the URL's own path, in turn", async () => {
    await probe(`${fast.url}/app/`, { paths: ['/health', 'items?page=2'], requests: 4 }).observe(defaultHttpMetrics(), {
      start: 0,
      end: 0,
    });
    expect(fast.served.get('/app/health')).toBe(2);
    expect(fast.served.get('/app/items?page=2')).toBe(2);
    expect(joinUrl('http://h:1', '/')).toBe('http://h:1/');
  });

  it('measures what a metric names, by query or else by name, and refuses anything else', () => {
    const metrics = checkHttpMetrics(
      parseMetrics('- name: errors\n  query: error-rate\n- name: latency\n  critical: true', { requireQuery: false }),
    );
    expect(metrics.map((m) => [m.name, m.query])).toEqual([
      ['errors', 'error-rate'],
      ['latency', undefined],
    ]);
    const refuse = () => checkHttpMetrics(parseMetrics('- name: p99\n  query: latency-p99', { requireQuery: false }));
    expect(refuse).toThrow(InputError);
    expect(refuse).toThrow(
      "input 'metrics': metric 'p99' measures 'latency-p99', which the http provider cannot; expected a 'query' (or, without one, a name) among error-rate, latency",
    );
  });
});
