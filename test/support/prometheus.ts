import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRange, type QueryResult, type Range } from '../../src/canary/providers/prometheus.js';
import { freePort } from './registry.js';

export interface ScrapeTarget {
  /** `host:port` serving /metrics. */
  address: string;
  /** Target labels, put on every series scraped from it (as Kubernetes service discovery puts a pod's). */
  labels: Record<string, string>;
}

export interface StartedPrometheus {
  url: string;
  queryRange(query: string, range: Range): Promise<QueryResult>;
  /** Polls until `check` holds; fails with `what` and Prometheus's log after `timeoutMs`. */
  waitFor(what: string, check: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  log(): string;
  close(): Promise<void>;
}

/**
 * A real Prometheus for tests: Debian's `prometheus` on 127.0.0.1, its TSDB in
 * a temp folder, scraping `targets` every `scrapeInterval`. Returns once it is
 * ready and has scraped every target at least once; Prometheus takes a few
 * seconds (its service discovery's first update) before that first scrape.
 */
export async function startPrometheus(targets: ScrapeTarget[], { scrapeInterval = '1s' } = {}): Promise<StartedPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'prometheus-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // JSON is YAML, so the config needs no YAML writer.
  const config = {
    global: { scrape_interval: scrapeInterval, scrape_timeout: scrapeInterval, evaluation_interval: scrapeInterval },
    scrape_configs: [{ job_name: 'apps', static_configs: targets.map(({ address, labels }) => ({ targets: [address], labels })) }],
  };
  await writeFile(join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2));

  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
      '--log.level=warn',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  const log = () => stderr;

  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode} while waiting for ${what}: ${log()}`);
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`prometheus: no ${what} within ${timeoutMs / 1000} s: ${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitFor('readiness', async () => (await fetch(`${url}/-/ready`)).ok);
    await waitFor('first scrape of every target', async () => {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent('up == 1')}`);
      const body = (await response.json()) as { data: { result: unknown[] } };
      return body.data.result.length === targets.length;
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { url, queryRange: (query, range) => queryRange({ url }, query, range), waitFor, log, close };
}

export interface TokenProxy {
  url: string;
  /** The Authorization header of every request, in order ('' when none). */
  authorizations: string[];
  close(): Promise<void>;
}

/** A reverse proxy that lets through only requests bearing `token`, as a hosted Prometheus's gateway does; 401 for the rest. */
export async function startTokenProxy(target: string, token: string): Promise<TokenProxy> {
  const { hostname, port } = new URL(target);
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    const authorization = request.headers.authorization ?? '';
    authorizations.push(authorization);
    if (authorization !== `Bearer ${token}`) {
      response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
      response.end('Unauthorized\n');
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
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
