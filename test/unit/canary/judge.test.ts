import { InputError } from '../../../src/action/errors.js';
import { judgeCanary as judge, type JudgeOptions, type Observation, type Point } from '../../../src/canary/judge.js';
import type { MetricConfig } from '../../../src/canary/metrics.js';
import { defaultMetrics, parseMetrics } from '../../../src/canary/metrics.js';
import { chart, renderCanarySummary, withUnit } from '../../../src/canary/summary.js';

/** Deterministic noise, so every run sees the same canary. */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
}

const START = 1_700_000_000;

function series(count: number, level: number, spread: number, seed: number): Point[] {
  const next = noise(seed);
  return Array.from({ length: count }, (_, i) => ({ time: START + 60 * i, value: level * (1 + spread * next()) }));
}

function observations({ latency = 1, errors = 1, count = 60 } = {}): Observation[] {
  return [
    { metric: 'error-rate', baseline: series(count, 0.01, 0.6, 1), canary: series(count, 0.01 * errors, 0.6, 2) },
    { metric: 'p99-latency', baseline: series(count, 0.2, 0.2, 3), canary: series(count, 0.2 * latency, 0.2, 4) },
  ];
}

/** These tests are of Kayenta's classifier; the default judge has judge-default.test.ts. */
const judgeCanary = (metrics: readonly MetricConfig[], observations: readonly Observation[], options: JudgeOptions = {}) =>
  judge(metrics, observations, { judge: 'kayenta', ...options });

describe('judgeCanary (judge kayenta)', () => {
  it('passes a healthy canary with the default metrics and settings', () => {
    const report = judgeCanary(defaultMetrics(), observations());
    expect(report).toMatchObject({ decision: 'pass', score: 100, passScore: 95, marginalScore: 75, confidence: 0.98, minimumPoints: 1 });
    expect(report.metrics.map((m) => [m.name, m.classification, m.baseline.count, m.canary.count])).toEqual([
      ['error-rate', 'Pass', 60, 60],
      ['p99-latency', 'Pass', 60, 60],
    ]);
    expect(report.groups.map((g) => [g.name, g.weight])).toEqual([
      ['error-rate', 50],
      ['p99-latency', 50],
    ]);
  });

  it('fails a canary whose latency rose by half, saying which metric and why', () => {
    const report = judgeCanary(defaultMetrics(), observations({ latency: 1.5 }));
    expect(report.decision).toBe('fail');
    expect(report.score).toBe(50);
    expect(report.reason).toBe("score 50 is not above marginal-score 75; failing: 'p99-latency' High");
    const latency = report.metrics[1];
    expect(latency.classification).toBe('High');
    expect(latency.ratio).toBeGreaterThan(1.4);
    expect(latency.interval!.lower).toBeGreaterThan(0.25 * latency.estimate!);
  });

  it('fails at once on the critical error rate', () => {
    const report = judgeCanary(defaultMetrics(), observations({ errors: 3 }));
    expect(report.decision).toBe('fail');
    expect(report.score).toBe(0);
    expect(report.reason).toMatch(/^critical metric 'error-rate' failed: canary higher than baseline/);
  });

  it('is serialisable to JSON as it is', () => {
    const report = judgeCanary(defaultMetrics(), observations({ latency: 1.5 }));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('is inconclusive when the canary sent no data', () => {
    const quiet = observations().map((o) => ({ ...o, canary: [] }));
    const report = judgeCanary(defaultMetrics(), quiet);
    expect(report.decision).toBe('inconclusive');
    expect(report.score).toBe(0);
    expect(report.metrics.map((m) => m.reason)).toEqual(['no canary data', 'no canary data']);
  });

  it('counts a side with less than half the expected points as no data', () => {
    const partial = observations().map((o) => ({ ...o, canary: o.canary.slice(0, 29) }));
    const report = judgeCanary(defaultMetrics(), partial, { expectedPoints: 60 });
    expect(report.minimumPoints).toBe(30);
    expect(report.decision).toBe('inconclusive');
    expect(report.metrics[1].reason).toBe('canary had 29 points, at least 30 needed');
    const enough = observations().map((o) => ({ ...o, canary: o.canary.slice(0, 30) }));
    expect(judgeCanary(defaultMetrics(), enough, { expectedPoints: 60 }).decision).toBe('pass');
  });

  it('treats a metric nobody observed as having no data', () => {
    const report = judgeCanary(defaultMetrics(), observations().slice(1));
    expect(report.metrics[0]).toMatchObject({ name: 'error-rate', classification: 'Nodata', criticalFailure: true });
  });

  it('uses the group weights of the metrics', () => {
    const metrics = parseMetrics(`
- {name: error-rate, query: e, direction: increase, weight: 90}
- {name: p99-latency, query: l, direction: increase, weight: 10}
`);
    const report = judgeCanary(metrics, observations({ latency: 1.5 }));
    expect(report.score).toBe(90);
    expect(report.decision).toBe('marginal');
  });

  it('rejects bad options and observations of unknown metrics', () => {
    expect(() => judgeCanary(defaultMetrics(), [], { confidence: 98 })).toThrow(InputError);
    expect(() => judgeCanary(defaultMetrics(), [], { passScore: 50 })).toThrow(/marginal-score/);
    expect(() => judgeCanary(defaultMetrics(), [{ metric: 'cpu', baseline: [], canary: [] }])).toThrow(
      "observation for unknown metric 'cpu'",
    );
  });
});

describe('renderCanarySummary', () => {
  const data = observations({ latency: 1.5 });
  const report = judgeCanary(defaultMetrics(), data);
  const markdown = renderCanarySummary(report, data);

  it('gives the decision, the score and a row per metric', () => {
    expect(markdown).toMatch(/^### Canary analysis: fail\n\n\*\*Score 50\*\* \(pass at 95 or more, fail at 75 or less\): /);
    const rows = markdown.split('\n').filter((line) => /^\| (error-rate|p99-latency)/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\| error-rate \(critical\) \| Pass \| /);
    // Seconds under one read as milliseconds; the error ratio as a percentage.
    expect(rows[1]).toMatch(
      /^\| p99-latency \| High \| [\d.]+ ms \| [\d.]+ ms \| .* \| 60 \/ 60 \| [\d.]+ ms \([\d.]+ ms to [\d.]+ ms\) \| /,
    );
    expect(rows[0]).toMatch(/^\| error-rate \(critical\) \| Pass \| [\d.]+ % \| /);
  });

  it.each([
    [0.003354, 's', '3.354 ms'],
    [2.5, 's', '2.5 s'],
    [3.354, 'ms', '3.354 ms'],
    [0.0125, 'ratio', '1.25 %'],
    [42, 'req/s', '42 req/s'],
    [42, undefined, '42'],
    [NaN, 's', '–'],
  ])('shows %p with unit %p as %p', (value, unit, shown) => {
    expect(withUnit(value, unit)).toBe(shown);
  });

  it('charts the failing metric only, both sides over time', () => {
    expect(markdown.match(/```mermaid/g)).toHaveLength(1);
    expect(markdown).toContain('#### p99-latency: High\n\nblue: baseline, red: canary\n\n```mermaid\n');
    const lines = markdown.split('\n').filter((line) => line.startsWith('  line ['));
    expect(lines).toHaveLength(2);
    const [baseline, canary] = lines.map((line) => line.slice('  line ['.length, -1).split(', ').map(Number));
    expect(baseline).toHaveLength(60);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(canary) / mean(baseline)).toBeCloseTo(1.5, 1);
    expect(markdown).toContain('  x-axis "minutes" 0 --> 59');
  });

  it('leaves charts out when no observations are given', () => {
    expect(renderCanarySummary(report)).not.toContain('mermaid');
  });
});

describe('chart', () => {
  it('averages long series into at most 60 time buckets, in plain decimals', () => {
    const long = series(1000, 2e-7, 0.5, 5);
    const drawing = chart('tiny "values"', { metric: 'x', baseline: long, canary: long.slice(0, 500) });
    const lines = drawing!.source.split('\n');
    expect(lines).toContain('  title "tiny \'values\'"');
    const values = lines.filter((line) => line.startsWith('  line [')).map((line) => line.slice(8, -1).split(', '));
    expect(values.map((v) => v.length)).toEqual([60, 60]);
    expect(values.flat().every((v) => /^0\.0000\d+$/.test(v))).toBe(true);
  });

  it('draws the one side that has data, and nothing when neither has', () => {
    const only = chart('x', { metric: 'x', baseline: [], canary: series(5, 1, 0.1, 6) });
    expect(only!.legend).toBe('red: canary');
    expect(only!.source).toContain('plotColorPalette: "#d62728"');
    expect(chart('x', { metric: 'x', baseline: [], canary: [{ time: START, value: NaN }] })).toBeNull();
  });
});
