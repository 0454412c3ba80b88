// Quality and speed of the canary judge on seeded synthetic canaries.
// Usage: node bench/judge/run.mjs [--trials-per-cell N] [--seed S]
// Compiles src/canary with bench/judge/tsconfig.json into bench/.work/judge,
// then prints Markdown tables and writes bench/.work/judge/results.json.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'bench', '.work', 'judge');
execFileSync('npx', ['tsc', '-p', join(here, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
const { judgeCanary } = await import(join(out, 'canary', 'judge.js'));
const { defaultMetrics } = await import(join(out, 'canary', 'metrics.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const TRIALS_PER_CELL = option('trials-per-cell', 200);
const SEED = option('seed', 20261122);

// --- seeded randomness -------------------------------------------------------
function generator(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const poisson = (mean) => {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = uniform(); p > limit; p *= uniform()) k++;
    return k;
  };
  const integer = (low, high) => low + Math.floor(uniform() * (high - low + 1));
  return { uniform, normal, poisson, integer };
}

// --- the synthetic metrics ---------------------------------------------------
// One value per step (e.g. per minute), as a range query returns it.
// Latency: each step's p99 in seconds. Errors: each step's 5xx ratio among
// REQUESTS_PER_STEP requests (10 requests a second over a minute).
const REQUESTS_PER_STEP = 600;
const LATENCY = {
  normal: { level: 0.2, draw: (r, factor) => factor * (0.2 + 0.02 * r.normal()) },
  'log-normal': { level: 0.2 * Math.exp(0.3 ** 2 / 2), draw: (r, factor) => factor * 0.2 * Math.exp(0.3 * r.normal()) },
};
const ERRORS = {
  poisson: { level: 0.005, draw: (r, factor) => r.poisson(REQUESTS_PER_STEP * 0.005 * factor) / REQUESTS_PER_STEP },
  sparse: { level: 0.0005, draw: (r, factor) => r.poisson(REQUESTS_PER_STEP * 0.0005 * factor) / REQUESTS_PER_STEP },
};

const SCENARIOS = [
  { name: 'healthy', latency: 1, errors: 1 },
  { name: 'latency +10%', latency: 1.1, errors: 1 },
  { name: 'latency +25%', latency: 1.25, errors: 1 },
  { name: 'latency +50%', latency: 1.5, errors: 1 },
  { name: 'errors ×1.5', latency: 1, errors: 1.5 },
  { name: 'errors ×2', latency: 1, errors: 2 },
  { name: 'errors ×4', latency: 1, errors: 4 },
];
// Regressions of 25% or more: the ones the detection target is about.
const TARGETED = new Set(['latency +25%', 'latency +50%', 'errors ×1.5', 'errors ×2', 'errors ×4']);

function series(r, n, draw, factor, start) {
  return Array.from({ length: n }, (_, i) => ({ time: start + 60 * i, value: draw(r, factor) }));
}

function makeTrials() {
  const r = generator(SEED);
  const trials = [];
  for (const scenario of SCENARIOS) {
    // Healthy canaries get as many trials as all regressions together, so the false-failure rate is measured finely.
    const perCell = scenario.name === 'healthy' ? TRIALS_PER_CELL * 6 : TRIALS_PER_CELL;
    for (const latencyFamily of Object.keys(LATENCY)) {
      for (const errorFamily of Object.keys(ERRORS)) {
        for (let t = 0; t < perCell / 4; t++) {
          const n = r.integer(30, 300);
          const latency = LATENCY[latencyFamily];
          const errors = ERRORS[errorFamily];
          trials.push({
            scenario: scenario.name,
            families: `${latencyFamily} latency, ${errorFamily} errors`,
            n,
            levels: { latency: latency.level, errors: errors.level },
            observations: [
              {
                metric: 'error-rate',
                baseline: series(r, n, errors.draw, 1, 0),
                canary: series(r, n, errors.draw, scenario.errors, 0),
              },
              {
                metric: 'p99-latency',
                baseline: series(r, n, latency.draw, 1, 0),
                canary: series(r, n, latency.draw, scenario.latency, 0),
              },
            ],
          });
        }
      }
    }
  }
  return trials;
}

// --- the judges --------------------------------------------------------------
const kayentaDefaults = defaultMetrics();

/** Means of consecutive blocks of `size` points: what a range query with a `size`-times longer step returns. */
function coarser(points, size) {
  const blocks = [];
  for (let i = 0; i + size <= points.length; i += size) {
    const block = points.slice(i, i + size);
    blocks.push({ time: block[0].time, value: block.reduce((sum, p) => sum + p.value, 0) / size });
  }
  return blocks;
}

const judges = {
  'Mann-Whitney, Kayenta defaults': (trial) => judgeCanary(kayentaDefaults, trial.observations).decision,
  // The documented configuration for sparse counts: the error ratio over
  // 5-minute steps (rate(...[5m]) queried with a 5m step), so fewer points
  // carry more requests each, and a 95% interval.
  'Mann-Whitney, 5-minute error steps, 95%': (trial) =>
    judgeCanary(
      kayentaDefaults,
      trial.observations.map((o) =>
        o.metric === 'error-rate' ? { ...o, baseline: coarser(o.baseline, 5), canary: coarser(o.canary, 5) } : o,
      ),
      { confidence: 0.95 },
    ).decision,
  // Flagger checks the canary alone against fixed limits. The limits are set
  // from the healthy level of each metric with the headroom operators
  // commonly give: p99 latency 1.2 × its healthy mean, error ratio 2 × its
  // healthy mean (1% for a service that errs 0.5% of the time), checked on the
  // canary's mean over the whole analysis window.
  'fixed threshold (Flagger-style)': (trial) => (fixedThreshold(trial) ? 'fail' : 'pass'),
  // Not a judge one could deploy: the most powerful test for Poisson counts,
  // told that the errors are Poisson. It shows what the data allow at all.
  'reference: exact Poisson rate test on errors': (trial) =>
    trial.scenario.startsWith('latency') ? null : poissonRateTest(trial) ? 'fail' : 'pass',
};

const HEADROOM = { 'p99-latency': 1.2, 'error-rate': 2 };

function fixedThreshold(trial) {
  return trial.observations.some(({ metric, canary }) => {
    const limit = HEADROOM[metric] * (metric === 'p99-latency' ? trial.levels.latency : trial.levels.errors);
    return canary.reduce((sum, p) => sum + p.value, 0) / canary.length > limit;
  });
}

/** One-sided conditional test: given K errors in all, the canary's share is Binomial(K, ½) when both err alike; fails at p < 1%. */
function poissonRateTest(trial) {
  const errors = trial.observations.find((o) => o.metric === 'error-rate');
  const count = (points) => points.reduce((sum, p) => sum + Math.round(p.value * REQUESTS_PER_STEP), 0);
  const canary = count(errors.canary);
  const total = canary + count(errors.baseline);
  let logChoose = 0;
  let tail = 0;
  for (let k = 0; k <= total; k++) {
    if (k >= canary) tail += Math.exp(logChoose - total * Math.LN2);
    logChoose += Math.log((total - k) / (k + 1));
  }
  return tail < 0.01;
}

// --- quality -----------------------------------------------------------------
const trials = makeTrials();
const results = {};
for (const [judge, decide] of Object.entries(judges)) {
  results[judge] = {};
  for (const trial of trials) {
    const decision = decide(trial);
    if (decision === null) continue;
    const cell = (results[judge][trial.scenario] ??= { trials: 0, failed: 0, inconclusive: 0, byFamily: {}, bySize: {} });
    const failed = decision === 'fail' || decision === 'marginal';
    cell.trials++;
    cell.failed += failed ? 1 : 0;
    cell.inconclusive += decision === 'inconclusive' ? 1 : 0;
    const family = (cell.byFamily[trial.families] ??= { trials: 0, failed: 0 });
    family.trials++;
    family.failed += failed ? 1 : 0;
    const size = trial.n < 100 ? '30–99' : trial.n < 200 ? '100–199' : '200–300';
    const bySize = (cell.bySize[size] ??= { trials: 0, failed: 0 });
    bySize.trials++;
    bySize.failed += failed ? 1 : 0;
  }
}

const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;
const judgeNames = Object.keys(judges);
const lines = [];
lines.push(`${trials.length} trials, seed ${SEED}; a trial is one canary with the two default metrics, 30–300 points a side.`, '');
lines.push(`| scenario | trials | ${judgeNames.join(' | ')} |`, `|---|---|${judgeNames.map(() => '---').join('|')}|`);
for (const scenario of SCENARIOS) {
  const cells = judgeNames.map((judge) => results[judge][scenario.name]);
  const shown = cells.map((c) => (c ? percent(c.failed, c.trials) : '—'));
  lines.push(
    `| ${scenario.name} (${scenario.name === 'healthy' ? 'false failures' : 'detected'}) | ${cells[0].trials} | ${shown.join(' | ')} |`,
  );
}
const targeted = (judge) => {
  const cells = SCENARIOS.filter((s) => TARGETED.has(s.name))
    .map((s) => results[judge][s.name])
    .filter(Boolean);
  return percent(
    cells.reduce((sum, c) => sum + c.failed, 0),
    cells.reduce((sum, c) => sum + c.trials, 0),
  );
};
lines.push(`| **all regressions ≥ 25% (detected)** | | ${judgeNames.map(targeted).join(' | ')} |`);

lines.push('', 'By data family (Mann-Whitney, Kayenta defaults):', '');
const main = judgeNames[0];
const families = Object.keys(results[main].healthy.byFamily);
lines.push(`| scenario | ${families.join(' | ')} |`, `|---|${families.map(() => '---').join('|')}|`);
for (const scenario of SCENARIOS) {
  const cell = results[main][scenario.name];
  lines.push(`| ${scenario.name} | ${families.map((f) => percent(cell.byFamily[f].failed, cell.byFamily[f].trials)).join(' | ')} |`);
}
lines.push('', 'Error regressions by error family, every judge (dense: 3 errors a step on average; sparse: 0.3):', '');
lines.push(`| scenario | errors | ${judgeNames.join(' | ')} |`, `|---|---|${judgeNames.map(() => '---').join('|')}|`);
for (const scenario of SCENARIOS.filter((s) => s.name === 'healthy' || s.name.startsWith('errors'))) {
  for (const errorFamily of Object.keys(ERRORS)) {
    const shown = judgeNames.map((judge) => {
      const cell = results[judge][scenario.name];
      const rows = Object.entries(cell.byFamily).filter(([family]) => family.endsWith(`${errorFamily} errors`));
      const failed = rows.reduce((sum, [, f]) => sum + f.failed, 0);
      return percent(
        failed,
        rows.reduce((sum, [, f]) => sum + f.trials, 0),
      );
    });
    lines.push(`| ${scenario.name} | ${errorFamily === 'poisson' ? 'dense' : 'sparse'} | ${shown.join(' | ')} |`);
  }
}
lines.push('', 'By points per side (Mann-Whitney, Kayenta defaults):', '');
const sizes = ['30–99', '100–199', '200–300'];
lines.push(`| scenario | ${sizes.join(' | ')} |`, `|---|${sizes.map(() => '---').join('|')}|`);
for (const scenario of SCENARIOS) {
  const cell = results[main][scenario.name];
  lines.push(`| ${scenario.name} | ${sizes.map((s) => percent(cell.bySize[s].failed, cell.bySize[s].trials)).join(' | ')} |`);
}

// --- speed -------------------------------------------------------------------
const r = generator(SEED + 1);
const speedMetrics = Array.from({ length: 10 }, (_, i) => ({ ...kayentaDefaults[i % 2], name: `metric-${i}`, group: `metric-${i}` }));
const speedObservations = speedMetrics.map((metric, i) => {
  const family = i % 2 ? LATENCY['log-normal'] : ERRORS.poisson;
  return { metric: metric.name, baseline: series(r, 1000, family.draw, 1, 0), canary: series(r, 1000, family.draw, 1.1, 0) };
});
const timings = [];
for (let run = 0; run < 25; run++) {
  const started = process.hrtime.bigint();
  judgeCanary(speedMetrics, speedObservations);
  timings.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const warm = timings.slice(5).sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)];
lines.push(
  '',
  `Analysis of 10 metrics × 1,000 points a side: median ${median.toFixed(1)} ms over ${warm.length} runs after 5 warm-up runs (first run ${timings[0].toFixed(1)} ms).`,
  `Machine: ${availableParallelism()} cores, Node ${process.version}.`,
);

console.log(lines.join('\n'));
const summary = Object.fromEntries(
  judgeNames.map((judge) => [judge, Object.fromEntries(SCENARIOS.map((s) => [s.name, results[judge][s.name] ?? null]))]),
);
writeFileSync(
  join(out, 'results.json'),
  JSON.stringify({ seed: SEED, trials: trials.length, results: summary, timingMs: { median, runs: warm } }, null, 2),
);
