import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestCounters } from './metrics-server.js';

/** How one side of a canary behaves, with the randomness a real service has. */
export interface NoisyProfile {
  requestsPerSecond: number;
  errorRate: number;
  /** The median latency, before the drift. */
  latencyMs: number;
  /** Seeds the service's randomness: two sides with one profile and different seeds are alike, not identical. */
  seed: number;
}

export interface NoisyMetricsServer {
  /** `127.0.0.1:PORT`, as a scrape target. */
  address: string;
  close(): Promise<void>;
}

const TICK_MS = 100;

/**
 * A service whose /metrics count random traffic: Poisson arrivals every
 * 100 ms, errors drawn at `errorRate`, log-normal latencies (σ 0.3) whose
 * median drifts slowly (an AR(1) of its log, 10 % over about 5 s), as load and
 * garbage collection make a real one wander. Rates over overlapping windows
 * of such counters are autocorrelated, as they are in production.
 */
export async function startNoisyMetricsServer(profile: NoisyProfile): Promise<NoisyMetricsServer> {
  let state = profile.seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const poisson = (mean: number) => {
    let k = 0;
    for (let p = uniform(), limit = Math.exp(-mean); p > limit; p *= uniform()) k++;
    return k;
  };
  const counters = new RequestCounters();
  let drift = 0;
  const keep = Math.exp(-TICK_MS / 5000);
  const timer = setInterval(() => {
    drift = keep * drift + Math.sqrt(1 - keep * keep) * 0.1 * normal();
    const n = poisson((profile.requestsPerSecond * TICK_MS) / 1000);
    for (let i = 0; i < n; i++) {
      const seconds = (profile.latencyMs / 1000) * Math.exp(drift + 0.3 * normal());
      counters.observe(uniform() < profile.errorRate ? '500' : '200', seconds);
    }
  }, TICK_MS);
  timer.unref();
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(counters.exposition());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
