// Quality of the canary judges on series made the way a user's Prometheus
// makes them (bench/judge/workload.mjs): overlapping rate windows, scrape
// jitter, counter resets, a service's own slow drift. Every judge sees the
// same trials, side by side.
// Usage: node bench/judge/run.mjs [--trials N] [--seed S]
// Compiles src/canary with bench/judge/tsconfig.json into bench/.work/judge,
// then prints Markdown tables and writes bench/.work/judge/results.json.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countSide, generator, querySide, scrapePod, steps, trueCountSide } from './workload.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(root, 'bench', '.work', 'judge');
execFileSync('npx', ['tsc', '-p', join(here, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
const { judgeCanary } = await import(join(out, 'canary', 'judge.js'));
const { defaultMetrics } = await import(join(out, 'canary', 'metrics.js'));
const { judgeIntervals } = await import(join(out, 'canary', 'score.js'));
const { sequentialPlan } = await import(join(out, 'canary', 'canary-check.js'));
const { compareRates } = await import(join(out, 'canary', 'rate-test.js'));
const { normalQuantile } = await import(join(out, 'canary', 'normal.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
/** Regressed canaries per scenario and lookback; healthy ones get 10 times as many, so that false failures are measured finely. */
const TRIALS = option('trials', 100);
const SEED = option('seed', 20261206);
/** The service's own latency drift (sd of its log); 0 for the main table, as two replicas of one service differ only by chance. */
const DRIFT = option('drift', 0.05);

// The service: 2 pods a side, 5 requests a second each, 0.5 % errors,
// latency log-normal (median 200 ms, σ 0.3) with a slow drift of its own;
// scraped every 15 s; the default metrics' [1m] windows, queried at 15 s.
const SERVICE = { rps: 5, errorRate: 0.005, latency: 0.2, sigma: 0.3, drift: { sd: 0, tau: 120 }, restartEvery: 3600 };
const PODS = 2;
const SCRAPE = 15;
const WINDOW = 60;
const STEP = 15;
const LOOKBACKS = [5, 15, 30];
const SCENARIOS = [
  { name: 'healthy', latency: 1, errors: 1 },
  { name: 'latency +25%', latency: 1.25, errors: 1 },
  { name: 'latency +50%', latency: 1.5, errors: 1 },
  { name: 'errors ×1.5', latency: 1, errors: 1.5 },
  { name: 'errors ×2', latency: 1, errors: 2 },
  { name: 'errors ×4', latency: 1, errors: 4 },
];
const metrics = defaultMetrics();
const CONFIDENCE = 0.99;

function simulate(r, scenario, start, end, service = SERVICE) {
  const side = (factor) =>
    Array.from({ length: PODS }, () =>
      scrapePod(r, {
        ...service,
        start: start - 2 * WINDOW,
        end,
        scrape: SCRAPE,
        latency: SERVICE.latency * factor.latency,
        errorRate: SERVICE.errorRate * factor.errors,
      }),
    );
  return { baseline: side({ latency: 1, errors: 1 }), canary: side(scenario) };
}

/** What the provider asks Prometheus for over (from, end]: series at `step` from `first`, counters at 15 s from `from`. */
function observe(pods, { from, end, step, first }) {
  const times = steps(first, end, step);
  const baseline = querySide(pods.baseline, times, WINDOW);
  const canary = querySide(pods.canary, times, WINDOW);
  const countTimes = steps(from, end, STEP);
  return [
    {
      metric: 'error-rate',
      baseline: baseline.errorRate,
      canary: canary.errorRate,
      counts: { baseline: countSide(pods.baseline, countTimes), canary: countSide(pods.canary, countTimes) },
      expectedPoints: times.length,
    },
    { metric: 'p99-latency', baseline: baseline.p99, canary: canary.p99, expectedPoints: times.length },
  ];
}

/** The real counts: every request of the span, restarts or not. */
function trueCounts(pods, from, end) {
  return { baseline: trueCountSide(pods.baseline, from, end), canary: trueCountSide(pods.canary, from, end) };
}

const failed = (decision) => decision === 'fail' || decision === 'marginal';

// --- one analysis (count 1) at each lookback --------------------------------
const r = generator(SEED);
const table = {};
const oracleCalibration = {};
const trials = [];
for (const lookback of LOOKBACKS) {
  for (const scenario of SCENARIOS) {
    const n = scenario.name === 'healthy' ? 10 * TRIALS : TRIALS;
    for (let t = 0; t < n; t++) {
      const end = 10_000 + lookback * 60;
      const from = end - lookback * 60;
      const pods = simulate(r, scenario, from, end);
      const asDefault = observe(pods, { from, end, step: WINDOW, first: from + WINDOW });
      const asQueried = observe(pods, { from, end, step: STEP, first: from });
      trials.push({ lookback, scenario: scenario.name, pods, asDefault, asQueried, counts: trueCounts(pods, from, end) });
    }
  }
}

// The oracle knows the distributions: errors are binomial, so it tests the
// true counts exactly; latency's p99 series (every point, at 15 s) has a mean
// difference whose spread under "no change" it knows from the healthy trials.
const metricLevel = (1 - CONFIDENCE) / metrics.length;
for (const lookback of LOOKBACKS) {
  const differences = trials
    .filter((trial) => trial.lookback === lookback && trial.scenario === 'healthy')
    .map((trial) => meanDifference(trial.asQueried[1]));
  const mean = differences.reduce((a, b) => a + b, 0) / differences.length;
  const sd = Math.sqrt(differences.reduce((a, b) => a + (b - mean) ** 2, 0) / (differences.length - 1));
  oracleCalibration[lookback] = { mean, sd, limit: mean - normalQuantile(metricLevel) * sd };
}
function meanDifference(observation) {
  const mean = (points) => points.reduce((a, p) => a + p.value, 0) / points.length;
  return mean(observation.canary) - mean(observation.baseline);
}

/** Flagger's tutorial checks: request success rate ≥ 99 % and request duration (p99) ≤ 500 ms, once a minute over the canary's [1m] window; rollback at 5 failed checks. */
const FLAGGER = { maxErrorRate: 0.01, maxLatency: 0.5, threshold: 5 };
function flaggerFailedChecks(observations, from, end) {
  const at = (points, t) => points.find((p) => Math.abs(p.time - t) < 1e-6)?.value;
  const failedAt = [];
  for (let t = from + 60; t <= end + 1e-9; t += 60) {
    const errors = at(observations[0].canary, t);
    const latency = at(observations[1].canary, t);
    if ((errors !== undefined && errors > FLAGGER.maxErrorRate) || (latency !== undefined && latency > FLAGGER.maxLatency)) {
      failedAt.push(t);
    }
  }
  return failedAt;
}

const judges = {
  'default judge': (trial) => judgeCanary(metrics, trial.asDefault, { judge: 'default' }).decision,
  'Kayenta Mann-Whitney': (trial) => judgeCanary(metrics, trial.asQueried, { judge: 'kayenta' }).decision,
  'Flagger-style thresholds': (trial) => {
    const end = 10_000 + trial.lookback * 60;
    return flaggerFailedChecks(trial.asQueried, end - trial.lookback * 60, end).length >= Math.min(FLAGGER.threshold, trial.lookback)
      ? 'fail'
      : 'pass';
  },
  'oracle (knows the distributions)': (trial) => {
    const errors = compareRates(trial.counts.baseline, trial.counts.canary).pGreater <= metricLevel;
    const latency = meanDifference(trial.asQueried[1]) > oracleCalibration[trial.lookback].limit;
    return errors || latency ? 'fail' : 'pass';
  },
};

for (const [name, decide] of Object.entries(judges)) {
  table[name] = {};
  for (const trial of trials) {
    const cell = (table[name][`${trial.lookback} ${trial.scenario}`] ??= { trials: 0, failed: 0 });
    cell.trials++;
    if (failed(decide(trial))) cell.failed++;
  }
}

const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)} %`;
const names = Object.keys(judges);
const lines = [];
lines.push(
  `${trials.length} canaries, seed ${SEED}: 2 pods a side at 5 requests/s each, 0.5 % errors, latency median 200 ms (p99 400 ms, which histogram_quantile reads as about 490 ms from the default buckets); scraped every ${SCRAPE} s; default metrics (rate over [1m]).`,
  '',
  `| lookback | scenario | trials | ${names.join(' | ')} |`,
  `|---|---|---|${names.map(() => '---').join('|')}|`,
);
for (const lookback of LOOKBACKS) {
  for (const scenario of SCENARIOS) {
    const key = `${lookback} ${scenario.name}`;
    const shown = names.map((name) => percent(table[name][key].failed, table[name][key].trials));
    const what = scenario.name === 'healthy' ? 'false failures' : 'detected';
    lines.push(`| ${lookback}m | ${scenario.name} (${what}) | ${table[names[0]][key].trials} | ${shown.join(' | ')} |`);
  }
  const regressions = SCENARIOS.filter((s) => s.name !== 'healthy');
  const all = names.map((name) => {
    const cells = regressions.map((s) => table[name][`${lookback} ${s.name}`]);
    return percent(
      cells.reduce((a, c) => a + c.failed, 0),
      cells.reduce((a, c) => a + c.trials, 0),
    );
  });
  lines.push(`| ${lookback}m | **all regressions ≥ 25 %** | ${regressions.length * TRIALS} | ${all.join(' | ')} |`);
}

// --- repeated looks: count 6, interval 5m, lookback 5m ---------------------
const COUNT = 6;
const INTERVAL = 300;
const plan = sequentialPlan(metrics.length, {
  count: COUNT,
  intervalMs: INTERVAL * 1000,
  lookbackMs: INTERVAL * 1000,
  confidence: CONFIDENCE,
});
const sequentialScenarios = [
  ...SCENARIOS.filter((s) => ['healthy', 'errors ×2', 'latency +25%'].includes(s.name)),
  // The same regression with five times the traffic: what takes ten minutes to show at 10 requests/s shows in five.
  { name: 'errors ×2, 50 requests/s', latency: 1, errors: 2, rps: 5 * SERVICE.rps },
];
const looks = {};
for (const scenario of sequentialScenarios) {
  const n = scenario.name === 'healthy' ? 10 * TRIALS : 2 * TRIALS;
  for (let t = 0; t < n; t++) {
    const start = 10_000;
    const end = start + COUNT * INTERVAL;
    const pods = simulate(r, scenario, start, end, scenario.rps ? { ...SERVICE, rps: scenario.rps } : SERVICE);
    const outcome = (name, look) => {
      const cell = (looks[`${scenario.name} ${name}`] ??= { trials: 0, failed: 0, looks: [] });
      cell.trials++;
      if (look) cell.failed++;
      cell.looks.push(look ?? Infinity);
    };
    // Default judge: cumulative data, the plan's levels.
    let stopped = null;
    for (let k = 1; k <= COUNT && !stopped; k++) {
      const lookEnd = start + k * INTERVAL;
      const report = judgeCanary(metrics, observe(pods, { from: start, end: lookEnd, step: WINDOW, first: start + WINDOW }), {
        judge: 'default',
        confidence: CONFIDENCE,
        metricLevel: plan.levels[k - 1],
      });
      if (failed(report.decision)) stopped = k;
    }
    outcome('default judge', stopped);
    // Kayenta: each interval on its own lookback; an interim score ≤ 75 stops.
    const results = [];
    stopped = null;
    for (let k = 1; k <= COUNT; k++) {
      const lookEnd = start + k * INTERVAL;
      const report = judgeCanary(
        metrics,
        observe(pods, { from: lookEnd - INTERVAL, end: lookEnd, step: STEP, first: lookEnd - INTERVAL }),
        {
          judge: 'kayenta',
        },
      );
      results.push(report);
      const verdict = judgeIntervals(results, COUNT);
      if (verdict.done) {
        stopped = failed(verdict.decision) ? k : null;
        break;
      }
    }
    outcome('Kayenta Mann-Whitney', stopped);
    // Flagger: a check a minute; the 5th failed check rolls back.
    const all = observe(pods, { from: start, end, step: STEP, first: start });
    const failedAt = flaggerFailedChecks(all, start, end);
    outcome(
      'Flagger-style thresholds',
      failedAt.length >= FLAGGER.threshold ? Math.ceil((failedAt[FLAGGER.threshold - 1] - start) / INTERVAL) : null,
    );
  }
}
const seqNames = names.slice(0, 3);
lines.push(
  '',
  `Repeated looks: count ${COUNT}, interval 5m, lookback 5m (the default judge's looks see all data so far; Kayenta's each see their own 5 minutes):`,
  '',
  `| scenario | trials | ${seqNames.join(' | ')} |`,
  `|---|---|${seqNames.map(() => '---').join('|')}|`,
);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const m = sorted[Math.floor((sorted.length - 1) / 2)];
  return Number.isFinite(m) ? String(m) : 'never';
};
for (const scenario of sequentialScenarios) {
  const cells = seqNames.map((name) => looks[`${scenario.name} ${name}`]);
  const shown = cells.map((c) =>
    scenario.name === 'healthy'
      ? `${percent(c.failed, c.trials)} failed`
      : `${percent(c.failed, c.trials)} detected, median look ${median(c.looks)}`,
  );
  lines.push(`| ${scenario.name} | ${cells[0].trials} | ${shown.join(' | ')} |`);
}
lines.push(
  '',
  `Levels of each metric at the ${COUNT} looks (Pocock-type spending of ${(1 - CONFIDENCE) / metrics.length}): ${plan.levels.map((l) => l.toPrecision(2)).join(', ')}.`,
);

// --- a service that drifts on its own -------------------------------------
// Each pod's latency wanders (sd DRIFT of its log, correlation time 2 min),
// independently of the other side's: dependence that non-overlapping windows
// do not remove, and the judge's variance inflation must catch.
if (DRIFT > 0) {
  const drifting = { ...SERVICE, drift: { sd: DRIFT, tau: 120 } };
  const driftNames = names.slice(0, 3);
  lines.push(
    '',
    `Healthy canaries of a service whose latency drifts on its own (sd ${DRIFT} of its log per pod, correlation time 2 min), false failures:`,
    '',
    `| lookback | trials | ${driftNames.join(' | ')} |`,
    `|---|---|${driftNames.map(() => '---').join('|')}|`,
  );
  for (const lookback of LOOKBACKS) {
    const counts = Object.fromEntries(driftNames.map((name) => [name, 0]));
    const n = 6 * TRIALS;
    for (let t = 0; t < n; t++) {
      const end = 10_000 + lookback * 60;
      const from = end - lookback * 60;
      const pods = simulate(r, SCENARIOS[0], from, end, drifting);
      const trial = {
        lookback,
        asDefault: observe(pods, { from, end, step: WINDOW, first: from + WINDOW }),
        asQueried: observe(pods, { from, end, step: STEP, first: from }),
      };
      for (const name of driftNames) if (failed(judges[name](trial))) counts[name]++;
    }
    lines.push(`| ${lookback}m | ${n} | ${driftNames.map((name) => percent(counts[name], n)).join(' | ')} |`);
  }
}

// --- speed -------------------------------------------------------------------
const speedTrial = trials.find((trial) => trial.lookback === 30);
const timings = [];
for (let run = 0; run < 25; run++) {
  const started = process.hrtime.bigint();
  judgeCanary(metrics, speedTrial.asDefault, { judge: 'default' });
  timings.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const warm = timings.slice(5).sort((a, b) => a - b);
lines.push(
  '',
  `Default judge, one analysis of the default metrics over 30 minutes: median ${warm[Math.floor(warm.length / 2)].toFixed(2)} ms. Machine: ${availableParallelism()} cores, Node ${process.version}.`,
);

console.log(lines.join('\n'));
writeFileSync(join(out, 'results.json'), JSON.stringify({ seed: SEED, trials: trials.length, table, looks, oracleCalibration }, null, 2));
