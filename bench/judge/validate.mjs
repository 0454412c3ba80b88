// Does bench/judge/workload.mjs make the series a real Prometheus makes?
// Starts exporters that count the generator's traffic in real time, has the
// installed Prometheus scrape them, queries rate(...[w]) with query_range, and
// compares the autocorrelation and spread of those series with the
// generator's for the same service, on a time scale 15 times shorter (scrape
// 1 s, window 4 s, step 1 s: the ratios of 15 s, 1m, 15 s).
// Usage: node bench/judge/validate.mjs [--seconds 200] [--sides 4]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autocorrelation, BUCKETS, generator, querySide, rate, scrapePod, steps } from './workload.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SECONDS = option('seconds', 200);
const SIDES = option('sides', 4);
const PODS = 2;
const SCRAPE = 1;
const WINDOW = 4;
// 300 requests a pod per window, as 5 requests/s over [1m]; more errors, so the error ratio is rarely 0.
const SERVICE = { rps: 75, errorRate: 0.02, latency: 0.2, sigma: 0.3, drift: { sd: 0, tau: 120 }, restartEvery: 60 };
const LAGS = 6;

/** An exporter counting the generator's traffic as it happens: Poisson arrivals counted every 50 ms, restarts included. */
async function startExporter(seed) {
  const r = generator(seed);
  const state = { requests: 0, errors: 0, buckets: new Array(BUCKETS.length + 1).fill(0), sum: 0 };
  const tickMs = 50;
  let last = performance.now();
  const timer = setInterval(() => {
    // The traffic of the time that really passed: a timer that fires late must not slow the service down.
    const now = performance.now();
    const elapsed = (now - last) / 1000;
    last = now;
    if (r.uniform() < elapsed / SERVICE.restartEvery) {
      Object.assign(state, { requests: 0, errors: 0, sum: 0 });
      state.buckets.fill(0);
    }
    const n = r.poisson(SERVICE.rps * elapsed);
    state.requests += n;
    state.errors += r.binomial(n, SERVICE.errorRate);
    for (let i = 0; i < n; i++) {
      const seconds = SERVICE.latency * Math.exp(SERVICE.sigma * r.normal());
      let b = 0;
      while (b < BUCKETS.length && seconds > BUCKETS[b]) b++;
      state.buckets[b]++;
      state.sum += seconds;
    }
  }, tickMs);
  const server = createServer((_, response) => {
    let cumulative = 0;
    const lines = [
      '# TYPE requests_total counter',
      `requests_total ${state.requests}`,
      '# TYPE errors_total counter',
      `errors_total ${state.errors}`,
      '# TYPE latency_seconds histogram',
      ...BUCKETS.map((le, b) => `latency_seconds_bucket{le="${le}"} ${(cumulative += state.buckets[b])}`),
      `latency_seconds_bucket{le="+Inf"} ${cumulative + state.buckets[BUCKETS.length]}`,
      `latency_seconds_count ${state.requests}`,
      '',
    ];
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(lines.join('\n'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${server.address().port}`, close: () => (clearInterval(timer), server.close()) };
}

const exporters = [];
for (let side = 0; side < SIDES; side++) {
  for (let pod = 0; pod < PODS; pod++) exporters.push({ side, exporter: await startExporter(1000 + 10 * side + pod) });
}
const dir = await mkdtemp(join(tmpdir(), 'judge-validate-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const config = {
  global: { scrape_interval: `${SCRAPE}s`, scrape_timeout: `${SCRAPE}s` },
  scrape_configs: [
    {
      job_name: 'pods',
      static_configs: exporters.map(({ side, exporter }) => ({ targets: [exporter.address], labels: { side: String(side) } })),
    },
  ],
};
await writeFile(join(dir, 'prometheus.yml'), JSON.stringify(config));
const prometheus = spawn(
  'prometheus',
  [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ],
  { stdio: 'ignore' },
);
const url = `http://127.0.0.1:${port}`;
try {
  const started = Date.now() / 1000;
  process.stderr.write(`scraping ${exporters.length} exporters for ${SECONDS} s…\n`);
  await new Promise((resolve) => setTimeout(resolve, (SECONDS + 10) * 1000));
  const end = Math.floor(Date.now() / 1000) - 2;
  const start = Math.max(started + 15, end - SECONDS + 10);
  const query = async (q) => {
    const body = new URLSearchParams({ query: q, start: String(start), end: String(end), step: String(SCRAPE) });
    const response = await fetch(`${url}/api/v1/query_range`, { method: 'POST', body });
    const json = await response.json();
    return json.data.result.map((s) => ({ side: s.metric.side, values: s.values.map(([, v]) => Number(v)).filter(Number.isFinite) }));
  };
  const real = {
    'request rate': await query(`sum by (side) (rate(requests_total[${WINDOW}s]))`),
    'error ratio': await query(`sum by (side) (rate(errors_total[${WINDOW}s])) / sum by (side) (rate(requests_total[${WINDOW}s]))`),
    p99: await query(`histogram_quantile(0.99, sum by (side, le) (rate(latency_seconds_bucket[${WINDOW}s])))`),
  };

  // The generator, for the same service and span, many times.
  const r = generator(42);
  const simulated = { 'request rate': [], 'error ratio': [], p99: [] };
  const span = end - start;
  for (let i = 0; i < 200; i++) {
    const pods = Array.from({ length: PODS }, () =>
      scrapePod(r, { ...SERVICE, start: -2 * WINDOW, end: span, scrape: SCRAPE, jitter: 0.002 }),
    );
    const times = steps(0, span, SCRAPE);
    const result = querySide(pods, times, WINDOW);
    const rates = times.map((t) => pods.reduce((sum, samples) => sum + (rateOf(samples, t) ?? 0), 0));
    simulated['request rate'].push(rates);
    simulated['error ratio'].push(result.errorRate.map((p) => p.value));
    simulated.p99.push(result.p99.map((p) => p.value).filter(Number.isFinite));
  }

  const summary = (seriesList) => {
    const acfs = seriesList.map((values) => autocorrelation(values, LAGS));
    const acf = Array.from({ length: LAGS }, (_, k) => acfs.reduce((sum, a) => sum + a[k], 0) / acfs.length);
    const cvs = seriesList.map((values) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) / mean;
    });
    const mean = seriesList.map((values) => values.reduce((a, b) => a + b, 0) / values.length);
    return { acf, cv: cvs.reduce((a, b) => a + b, 0) / cvs.length, mean: mean.reduce((a, b) => a + b, 0) / mean.length };
  };
  const lines = [
    `Real Prometheus (${prometheusVersion()}): ${SIDES} sides × ${PODS} pods scraped every ${SCRAPE} s for ${span} s, rate over [${WINDOW}s] at a ${SCRAPE} s step; generator: 200 runs of the same.`,
    '',
    `| series | source | mean | coefficient of variation | autocorrelation at lags 1…${LAGS} |`,
    '|---|---|---|---|---|',
  ];
  for (const name of Object.keys(real)) {
    for (const [source, list] of [
      ['Prometheus', real[name].map((s) => s.values)],
      ['generator', simulated[name]],
    ]) {
      const s = summary(list);
      lines.push(`| ${name} | ${source} | ${s.mean.toPrecision(3)} | ${s.cv.toFixed(3)} | ${s.acf.map((a) => a.toFixed(2)).join(', ')} |`);
    }
  }
  console.log(lines.join('\n'));
} finally {
  prometheus.kill();
  for (const { exporter } of exporters) exporter.close();
  await rm(dir, { recursive: true, force: true });
}

function rateOf(samples, t) {
  return rate(samples, (s) => s.requests, t, WINDOW);
}

function prometheusVersion() {
  return execFileSync('prometheus', ['--version'], { encoding: 'utf8' })
    .split('\n')[0]
    .replace(/ \(.*$/, '');
}
