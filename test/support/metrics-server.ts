import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalQuantile } from '../../src/canary/normal.js';

/**
 * How one side of a canary behaves. The same profile drives the traffic the
 * server counts in /metrics and the answers it gives to real requests.
 */
export interface TrafficProfile {
  /** Requests per second counted in /metrics, a multiple of 10; 0 for a service nobody calls. */
  requestsPerSecond: number;
  /** Share of requests that fail with 500, in steps of 10 ÷ requestsPerSecond. */
  errorRate: number;
  /** The median latency; requests spread from about half to twice it. */
  latencyMs: number;
}

export interface MetricsServer {
  url: string;
  /** `127.0.0.1:PORT`, as a scrape target. */
  address: string;
  readonly profile: Readonly<TrafficProfile>;
  /** Real requests answered, by path (query included). */
  served: Map<string, number>;
  close(): Promise<void>;
}

const TICK_MS = 100;
/** Prometheus client libraries' default histogram buckets, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Latency multipliers are the quantiles of a log-normal with this sigma (about ×0.5 to ×2 at 20 requests). */
const SIGMA = 0.35;

/** The counters a service's /metrics show: `http_requests_total{code}` and the `http_request_duration_seconds` histogram. */
export class RequestCounters {
  private readonly codes = { '200': 0, '500': 0 };
  private readonly buckets = new Array<number>(BUCKETS.length).fill(0);
  private count = 0;
  private sum = 0;

  /** Counts one request answered with `code` after `seconds`. */
  observe(code: '200' | '500', seconds: number): void {
    this.codes[code]++;
    BUCKETS.forEach((le, b) => seconds <= le && this.buckets[b]++);
    this.count++;
    this.sum += seconds;
  }

  /** The Prometheus text format. */
  exposition(): string {
    return [
      '# HELP http_requests_total Requests answered, by status code.',
      '# TYPE http_requests_total counter',
      ...Object.entries(this.codes).map(([code, n]) => `http_requests_total{code="${code}"} ${n}`),
      '# HELP http_request_duration_seconds Time to answer a request.',
      '# TYPE http_request_duration_seconds histogram',
      ...BUCKETS.map((le, b) => `http_request_duration_seconds_bucket{le="${le}"} ${this.buckets[b]}`),
      `http_request_duration_seconds_bucket{le="+Inf"} ${this.count}`,
      `http_request_duration_seconds_sum ${this.sum}`,
      `http_request_duration_seconds_count ${this.count}`,
      '',
    ].join('\n');
  }
}

/** The i-th of n latencies: the (i + ½)/n quantile of the profile's log-normal spread. */
function latencyOf(profile: TrafficProfile, i: number, n: number): number {
  return profile.latencyMs * Math.exp(SIGMA * normalQuantile((i + 0.5) / n));
}

/** Bresenham's rule: of the requests numbered so far, the n-th errs when it takes floor(n × rate) up a step. */
function errs(n: number, rate: number): boolean {
  return Math.floor((n + 1) * rate + 1e-9) > Math.floor(n * rate + 1e-9);
}

/**
 * A service for canary tests. Its /metrics counts synthetic traffic in the
 * Prometheus text format (`http_requests_total{code}` and the
 * `http_request_duration_seconds` histogram): every 100 ms it adds the same
 * batch of requests, the same share of them 500s and the same spread of
 * latencies. So at any scrape every counter is the same multiple of the number
 * of batches, and rates, ratios and quantiles over any window come out exactly
 * the profile's: two servers with one profile give the same series, and a
 * judge of them sees no noise, only the differences a test puts there. Any
 * other path is answered for real, after the profile's latency (cycling
 * through its spread) and with its error rate; these requests do not show in
 * /metrics, which stay exact.
 */
export async function startMetricsServer(profile: Partial<TrafficProfile> = {}): Promise<MetricsServer> {
  const current: TrafficProfile = { requestsPerSecond: 200, errorRate: 0, latencyMs: 20, ...profile };
  const perTick = current.requestsPerSecond / (1000 / TICK_MS);
  if (!Number.isInteger(perTick)) throw new Error(`requestsPerSecond ${current.requestsPerSecond} is not a multiple of 10`);
  const errorsPerTick = Math.round(perTick * current.errorRate);
  if (Math.abs(errorsPerTick - perTick * current.errorRate) > 1e-9) {
    throw new Error(`errorRate ${current.errorRate} is not a multiple of 1/${perTick}`);
  }

  const counters = new RequestCounters();
  const tick = () => {
    for (let i = 0; i < perTick; i++) counters.observe(i < errorsPerTick ? '500' : '200', latencyOf(current, i, perTick) / 1000);
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();

  const served = new Map<string, number>();
  let answered = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.url === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end(counters.exposition());
      return;
    }
    const n = answered++;
    served.set(request.url ?? '/', (served.get(request.url ?? '/') ?? 0) + 1);
    const status = errs(n, current.errorRate) ? 500 : 200;
    setTimeout(
      () => {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status === 200 ? 'ok\n' : 'failed\n');
      },
      latencyOf(current, n % 20, 20),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    profile: current,
    served,
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
