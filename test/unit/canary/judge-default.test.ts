import { accumulate, canaryCheck, sequentialPlan } from '../../../src/canary/canary-check.js';
import { judgeCanary, type Observation, type Point } from '../../../src/canary/judge.js';
import { defaultMetrics, parseMetrics, type MetricConfig } from '../../../src/canary/metrics.js';
import { PrometheusProvider } from '../../../src/canary/providers/prometheus.js';
import { renderCanarySummary } from '../../../src/canary/summary.js';
import type { AnalysisInterval, Clock, MetricsProvider } from '../../../src/canary/providers/provider.js';

/** Seeded normal draws, so every run sees the same canary. */
function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

const START = 1_700_000_000;
const series = (n: number, level: number, spread: number, seed: number, persistence = 0): Point[] => {
  const z = normals(seed);
  let drift = 0;
  return Array.from({ length: n }, (_, i) => {
    drift = persistence * drift + z();
    return { time: START + 60 * i, value: level * (1 + spread * (persistence ? drift * Math.sqrt(1 - persistence ** 2) : z())) };
  });
};

function observations({ latency = 1, errors = 1, n = 20, counts = true } = {}): Observation[] {
  return [
    {
      metric: 'error-rate',
      baseline: series(n, 0.01, 0.5, 1),
      canary: series(n, 0.01 * errors, 0.5, 2),
      ...(counts ? { counts: { baseline: { events: 60, total: 6000 }, canary: { events: Math.round(60 * errors), total: 6000 } } } : {}),
    },
    { metric: 'p99-latency', baseline: series(n, 0.4, 0.1, 3), canary: series(n, 0.4 * latency, 0.1, 4) },
  ];
}

describe('judgeCanary (judge default)', () => {
  it('passes a healthy canary, testing the counts exactly and the latency by ranks, each at half the 1 % budget', () => {
    const report = judgeCanary(defaultMetrics(), observations());
    expect(report).toMatchObject({ judge: 'default', decision: 'pass', score: 100, confidence: 0.99 });
    expect(report.metrics.map((m) => [m.name, m.classification, m.test])).toEqual([
      ['error-rate', 'Pass', 'counts'],
      ['p99-latency', 'Pass', 'ranks'],
    ]);
    for (const metric of report.metrics) expect(metric.level).toBeCloseTo(0.005, 12);
    expect(report.metrics[0].counts).toEqual({ baseline: { events: 60, total: 6000 }, canary: { events: 60, total: 6000 } });
    expect(report.metrics[0].baseline).toMatchObject({ count: 6000, mean: 0.01 });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('fails on a latency regression, saying the shift, the p-value and the level', () => {
    const report = judgeCanary(defaultMetrics(), observations({ latency: 1.25 }));
    expect(report.decision).toBe('fail');
    const latency = report.metrics[1];
    expect(latency.classification).toBe('High');
    expect(latency.pValue!).toBeLessThan(0.005);
    expect(latency.reason).toMatch(
      /^canary higher than baseline: ranks: shift 0\.\d+, mean ratio 1\.2\d*, 20 \/ 20 points(, variance ×\d\.\d+ for dependence)?, p .* at level 0\.005$/,
    );
  });

  it('fails at once on doubled error counts, the critical metric, with the exact rate ratio interval', () => {
    const report = judgeCanary(defaultMetrics(), observations({ errors: 2 }));
    expect(report.decision).toBe('fail');
    expect(report.score).toBe(0);
    const errors = report.metrics[0];
    expect(errors).toMatchObject({ classification: 'High', criticalFailure: true, test: 'counts', ratio: 2, effectSize: 2 });
    expect(errors.interval!.lower).toBeGreaterThan(1);
    expect(errors.reason).toMatch(
      /^canary higher than baseline: 120 of 6000 against 60 of 6000, rate ratio 2 \(1\.\d+ to \d\.\d+\), p .* at level 0\.005; critical/,
    );
  });

  it("shows each metric's test, p-value and level in the summary, and the counts as events of a total", () => {
    const report = judgeCanary(defaultMetrics(), observations({ errors: 2 }));
    const rows = renderCanarySummary(report).split('\n');
    expect(rows).toContainEqual(expect.stringContaining('| test: p-value (level) |'));
    const errors = rows.find((line) => line.startsWith('| error-rate'))!;
    expect(errors).toMatch(
      /^\| error-rate \(critical\) \| High \| – \| – \| 1 % \| 2 % \| 60 of 6000 \/ 120 of 6000 \| counts: 4\.6e-6 \(0\.005\) \| 2 \| /,
    );
    const latency = rows.find((line) => line.startsWith('| p99-latency'))!;
    expect(latency).toMatch(/\| 20 \/ 20 \| ranks: [\d.e-]+ \(0\.005\) \|/);
  });

  it('tests counts against allowed-increase: a significant rise within it passes', () => {
    const metrics = parseMetrics(
      '- name: errors\n  errors: e{track="{{track}}"}\n  total: t{track="{{track}}"}\n  direction: increase\n  allowed-increase: 1.5',
    );
    const observation = (canary: number): Observation[] => [
      {
        metric: 'errors',
        baseline: [],
        canary: [],
        counts: { baseline: { events: 1000, total: 1e6 }, canary: { events: canary, total: 1e6 } },
      },
    ];
    expect(judgeCanary(metrics, observation(1300)).metrics[0].classification).toBe('Pass');
    expect(judgeCanary(metrics, observation(1300), { judge: 'default' }).metrics[0].pValue!).toBeGreaterThan(0.5);
    expect(judgeCanary(metrics, observation(1800)).metrics[0].classification).toBe('High');
  });

  it('judges the series when a metric declares counters the provider did not give', () => {
    const report = judgeCanary(defaultMetrics(), observations({ counts: false }));
    expect(report.metrics[0]).toMatchObject({ test: 'ranks', counts: null });
  });

  it('inflates the variance of persistent series, and says so', () => {
    const persistent: Observation[] = [
      { metric: 'p99-latency', baseline: series(40, 0.4, 0.1, 5, 0.8), canary: series(40, 0.4, 0.1, 6, 0.8) },
    ];
    const metric = defaultMetrics().slice(1);
    const report = judgeCanary(metric, persistent, { metricLevel: 0.4 });
    expect(report.metrics[0].inflation!).toBeGreaterThan(2);
    expect(report.metrics[0].reason ?? '').toMatch(/variance ×\d/);
  });

  it('tests by means where the points are too few for ranks to reach the level, by ranks where they are not', () => {
    const metric = defaultMetrics().slice(1);
    const judged = (n: number) =>
      judgeCanary(metric, [{ metric: 'p99-latency', baseline: series(n, 0.4, 0.05, 7), canary: series(n, 0.6, 0.05, 8) }]);
    // Four points a side: no rank p-value below 1/70, so ranks could never fail the canary at 0.01; five allow 1/252.
    expect(judged(4).metrics[0]).toMatchObject({ test: 'means', classification: 'High' });
    expect(judged(5).metrics[0]).toMatchObject({ test: 'ranks', classification: 'High' });
    // The exact 1/252, or more where the points look dependent.
    expect(judged(5).metrics[0].pValue!).toBeGreaterThanOrEqual(1 / 252 - 1e-15);
    expect(judged(12).metrics[0]).toMatchObject({ test: 'ranks', classification: 'High' });
  });

  it('calls one point a side no data, and says how to get more', () => {
    const report = judgeCanary(defaultMetrics(), observations({ n: 1, counts: false }));
    expect(report.decision).toBe('inconclusive');
    expect(report.metrics[1]).toMatchObject({ classification: 'Nodata' });
    expect(report.metrics[1].reason).toMatch(
      /^1 point a side cannot show a difference: a lookback of several of the query's range windows/,
    );
  });

  it('is inconclusive when a side has no traffic to count', () => {
    const quiet = observations().map((o) => (o.counts ? { ...o, counts: { ...o.counts, canary: { events: 0, total: 0 } } } : o));
    const report = judgeCanary(defaultMetrics(), quiet);
    expect(report.metrics[0]).toMatchObject({ classification: 'Nodata', reason: 'no canary traffic', criticalFailure: true });
  });
});

/** Virtual time: sleeping moves it on at once. */
function virtualClock(start: number): Clock {
  let now = start;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

/** Each look returns that interval's data: 10 points a side and 3000 requests, with the canary's errors × `errors[k]`. */
function looks(clock: Clock, errors: number[]): MetricsProvider & { asked: AnalysisInterval[] } {
  const asked: AnalysisInterval[] = [];
  return {
    asked,
    async observe(metrics: readonly MetricConfig[], interval: AnalysisInterval): Promise<Observation[]> {
      asked.push(interval);
      if (interval.end > clock.now()) await clock.sleep(interval.end - clock.now());
      const k = asked.length;
      return metrics.map((metric) => ({
        metric: metric.name,
        baseline: series(10, 0.4, 0.1, 10 * k),
        canary: series(10, 0.4, 0.1, 10 * k + 1),
        ...(metric.counts
          ? { counts: { baseline: { events: 30, total: 3000 }, canary: { events: Math.round(30 * errors[k - 1]), total: 3000 } } }
          : {}),
        expectedPoints: 10,
      }));
    },
  };
}

const T0 = Date.UTC(2024, 4, 1, 9, 0, 0);
const SETTINGS = { confidence: 0.99, passScore: 95, marginalScore: 75 };

describe('canaryCheck (judge default): looks at growing data', () => {
  it('plans levels that spend the budget along the information, the first look seeing the lookback', () => {
    const plan = sequentialPlan(2, { count: 3, intervalMs: 300_000, lookbackMs: 600_000, confidence: 0.99 });
    expect(plan.firstSpanMs).toBe(600_000);
    expect(plan.fractions).toEqual([0.5, 0.75, 1]);
    expect(plan.levels).toHaveLength(3);
    // Each look below the metric's whole share, all together spending it (a look each at 0.005 would spend about 0.012).
    for (const level of plan.levels) expect(level).toBeLessThan(0.005);
    expect(plan.levels.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.005);
    expect(sequentialPlan(2, { count: 1, intervalMs: 0, lookbackMs: 300_000, confidence: 0.99 }).levels[0]).toBeCloseTo(0.005, 12);
  });

  it('asks each look for the data since the previous one, without overlap, adds it up and passes a healthy canary', async () => {
    const clock = virtualClock(T0);
    const provider = looks(clock, [1, 1, 1]);
    const result = await canaryCheck(
      defaultMetrics(),
      { ...SETTINGS, count: 3, intervalMs: 60_000, lookbackMs: 120_000 },
      { provider, clock },
    );
    expect(provider.asked).toEqual([
      { start: T0, end: T0 + 60_000, from: T0 - 60_000, nonOverlapping: true, counts: true },
      { start: T0 + 60_000, end: T0 + 120_000, from: T0 + 60_000, nonOverlapping: true, counts: true },
      { start: T0 + 120_000, end: T0 + 180_000, from: T0 + 120_000, nonOverlapping: true, counts: true },
    ]);
    expect(result.decision).toBe('pass');
    expect(result.intervals.map((i) => i.decision)).toEqual(['pass', 'pass', 'pass']);
    // The deciding analysis judged all three looks' data.
    expect(result.report.metrics[0].counts).toEqual({ baseline: { events: 90, total: 9000 }, canary: { events: 90, total: 9000 } });
    expect(result.report.metrics[1].baseline.count).toBe(30);
    expect(result.observations[1].expectedPoints).toBe(30);
  });

  it('stops at the first look when the error rate has clearly doubled', async () => {
    const clock = virtualClock(T0);
    const provider = looks(clock, [3, 3, 3]);
    const result = await canaryCheck(
      defaultMetrics(),
      { ...SETTINGS, count: 3, intervalMs: 60_000, lookbackMs: 60_000 },
      { provider, clock },
    );
    expect(provider.asked).toHaveLength(1);
    expect(clock.now()).toBe(T0 + 60_000);
    expect(result.decision).toBe('fail');
    expect(result.reason).toMatch(/^stopped after interval 1 of 3: critical metric 'error-rate' failed/);
  });

  it('accumulates counts only where both looks have them', () => {
    const a: Observation = {
      metric: 'm',
      baseline: [{ time: 1, value: 1 }],
      canary: [],
      counts: { baseline: { events: 1, total: 10 }, canary: { events: 2, total: 10 } },
    };
    const b: Observation = { metric: 'm', baseline: [{ time: 2, value: 2 }], canary: [] };
    expect(accumulate([a], [b])).toEqual([
      {
        metric: 'm',
        baseline: [
          { time: 1, value: 1 },
          { time: 2, value: 2 },
        ],
        canary: [],
      },
    ]);
    expect(accumulate([a], [a])[0].counts).toEqual({ baseline: { events: 2, total: 20 }, canary: { events: 4, total: 20 } });
  });
});

describe('parseMetrics: counters', () => {
  it('reads errors and total as counter selectors, with or without a query', () => {
    const [metric] = parseMetrics(
      '- name: errors\n  errors: http_requests_total{track="{{track}}", code=~"5.."}\n  total: http_requests_total{track="{{track}}"}',
    );
    expect(metric.counts).toEqual({
      errors: 'http_requests_total{track="{{track}}", code=~"5.."}',
      total: 'http_requests_total{track="{{track}}"}',
    });
    expect(metric.query).toBeUndefined();
    expect(parseMetrics('- name: q\n  query: up')[0].counts).toBeUndefined();
    expect(defaultMetrics()[0].counts?.errors).toMatch(/^http_requests_total\{.*code=~"5\.\."\}$/);
  });

  it.each([
    ['- name: e\n  total: t', "'total' is given without 'errors'"],
    ['- name: e\n  errors: rate(e[1m])\n  total: t', "'errors' is 'rate(e[1m])', not a counter selector"],
    ['- name: e\n  errors: e\n  total: sum(t)', "'total' is 'sum(t)', not a counter selector"],
    ['- name: e\n  errors: e{x="{{pod}}"}\n  total: t', "'errors' uses unknown placeholder {{pod}}"],
    [
      '- name: e\n  direction: increase',
      "'query' is missing; expected the query that gives the metric for one track, or 'errors' and 'total' counters",
    ],
  ])('refuses %j', (text, problem) => {
    expect(() => parseMetrics(text)).toThrow(problem);
  });
});

describe('PrometheusProvider under judge default', () => {
  const END = Date.UTC(2024, 0, 1, 12, 0, 0);
  const metrics = parseMetrics(`
- name: errors
  query: sum(rate(errors{track="{{track}}"}[1m])) / sum(rate(requests{track="{{track}}"}[1m]))
  errors: errors_total{track="{{track}}"}
  total: requests_total{track="{{track}}"}
- name: memory
  query: avg(memory{track="{{track}}"})
`);
  const counter = (values: number[]) => values.map((value, i): [number, string] => [END / 1000 - 300 + 15 * i, String(value)]);

  it('queries series at their range window after `from`, counters at the step from `from`, and adds up counter rises over resets', async () => {
    const asked: Record<string, string>[] = [];
    const fetchStub = (async (_url: string | URL | Request, init?: RequestInit) => {
      const form = Object.fromEntries(new URLSearchParams(String(init!.body)));
      asked.push(form);
      const canary = form.query.includes('"canary"');
      const result = form.query.startsWith('errors_total')
        ? [
            { metric: { pod: 'a' }, values: counter([5, 7, 7, 9]) },
            { metric: { pod: 'b' }, values: counter([100, 103, 2, 4]) },
          ]
        : form.query.startsWith('requests_total')
          ? [{ metric: { pod: 'a' }, values: counter(canary ? [0, 500, 1000, 1500] : [0, 400, 800, 1200]) }]
          : [{ metric: {}, values: [[END / 1000, '0.5']] }];
      return new Response(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }), { status: 200 });
    }) as typeof fetch;
    const provider = new PrometheusProvider({
      url: 'http://prometheus',
      lookbackMs: 300_000,
      stepMs: 15_000,
      canary: { track: 'canary', name: 'a', namespace: 'n' },
      baseline: { track: 'baseline', name: 'a', namespace: 'n' },
      fetch: fetchStub,
      clock: { now: () => END, sleep: async () => undefined },
    });
    const observations = await provider.observe(metrics, {
      start: END - 300_000,
      end: END,
      from: END - 300_000,
      nonOverlapping: true,
      counts: true,
    });
    const of = (prefix: string) => asked.filter((form) => form.query.startsWith(prefix));
    // The ratio at its 1m window, from one window after `from`: 5 points that share no request.
    for (const form of of('sum(rate('))
      expect(form).toMatchObject({ start: String(END / 1000 - 240), end: String(END / 1000), step: '60' });
    // Without a range window, the asked step.
    for (const form of of('avg(')) expect(form).toMatchObject({ start: String(END / 1000 - 285), step: '15' });
    // Counters from the sample at `from` on, at the asked step.
    for (const form of [...of('errors_total'), ...of('requests_total')])
      expect(form).toMatchObject({ start: String(END / 1000 - 300), step: '15' });
    expect(observations[0].expectedPoints).toBe(5);
    expect(observations[1].expectedPoints).toBe(20);
    // Pod a rose 4; pod b rose 3, restarted, and counted 2 then 2 more.
    expect(observations[0].counts).toEqual({ baseline: { events: 11, total: 1200 }, canary: { events: 11, total: 1500 } });
    expect(observations[1].counts).toBeUndefined();
  });
});
