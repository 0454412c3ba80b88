import { InputError } from '../../../src/action/errors.js';
import { Inputs, inputVariable } from '../../../src/action/inputs.js';
import { canaryCheck, canaryCheckReport, canaryCheckSummary, decisionMessage } from '../../../src/canary/canary-check.js';
import { readCanaryCheckInputs, readCanaryMetrics } from '../../../src/canary/canary-check-inputs.js';
import type { Observation, Point } from '../../../src/canary/judge.js';
import { parseMetrics, type MetricConfig } from '../../../src/canary/metrics.js';
import type { AnalysisInterval, Clock, MetricsProvider } from '../../../src/canary/providers/provider.js';

const inputsOf = (values: Record<string, string>) =>
  new Inputs(Object.fromEntries(Object.entries(values).map(([name, value]) => [inputVariable(name), value])));
const read = (values: Record<string, string>) => readCanaryCheckInputs(inputsOf(values));
const PROMETHEUS = { 'prometheus-url': 'http://prometheus.monitoring:9090/', name: 'hello', namespace: 'shop' };

describe('readCanaryCheckInputs', () => {
  it('gives the documented defaults', () => {
    expect(read(PROMETHEUS)).toEqual({
      provider: 'prometheus',
      judge: 'default',
      metrics: '',
      prometheusUrl: 'http://prometheus.monitoring:9090',
      prometheusAuthorization: '',
      googleCredentials: false,
      canaryTrack: 'canary',
      baselineTrack: 'baseline',
      name: 'hello',
      namespace: 'shop',
      intervalMs: 300_000,
      count: 1,
      lookbackMs: 300_000,
      stepMs: 15_000,
      confidence: 0.99,
      passScore: 95,
      marginalScore: 75,
      canaryUrl: '',
      baselineUrl: '',
      paths: ['/'],
      requests: 200,
      concurrency: 4,
      requestTimeoutMs: 10_000,
      failOn: ['fail'],
      secrets: [],
    });
  });

  it('sends prometheus-token as Bearer, and credentials in the URL as Basic, keeping both secret', () => {
    const bearer = read({ ...PROMETHEUS, 'prometheus-token': 'abc123' });
    expect(bearer.prometheusAuthorization).toBe('Bearer abc123');
    expect(bearer.secrets).toContain('abc123');

    const basic = read({ ...PROMETHEUS, 'prometheus-url': 'https://12345:glc%2Fsecret@prometheus.grafana.net/api/prom' });
    expect(basic.prometheusUrl).toBe('https://prometheus.grafana.net/api/prom');
    const encoded = Buffer.from('12345:glc/secret').toString('base64');
    expect(basic.prometheusAuthorization).toBe(`Basic ${encoded}`);
    expect(basic.secrets).toEqual(['glc/secret', encoded]);

    expect(() => read({ ...PROMETHEUS, 'prometheus-url': 'https://u:p@h', 'prometheus-token': 't' })).toThrow(
      "input 'prometheus-token': is set, and prometheus-url carries credentials too; expected one or the other",
    );
  });

  it('reads the http provider, its paths and the decisions that fail the step', () => {
    const http = read({
      provider: 'http',
      'canary-url': 'http://hello-canary.shop/',
      'baseline-url': 'http://hello.shop',
      paths: '/\n# the list page\n/api/items?page=2\n',
      'fail-on': 'fail, inconclusive',
      interval: '0',
    });
    expect(http).toMatchObject({
      canaryUrl: 'http://hello-canary.shop',
      baselineUrl: 'http://hello.shop',
      prometheusUrl: '',
      intervalMs: 0,
      failOn: ['fail', 'inconclusive'],
    });
    expect(http.paths).toEqual(['/', '/api/items?page=2']);
    expect(read({ ...PROMETHEUS, 'fail-on': 'none' }).failOn).toEqual([]);
  });

  it.each([
    [{ ...PROMETHEUS, step: '10m' }, "input 'step': '10m' is longer than lookback"],
    [{ ...PROMETHEUS, lookback: '24h', step: '1s' }, "input 'step': '1s' makes over 11000 points in lookback"],
    [{ ...PROMETHEUS, 'canary-track': 'stable', 'baseline-track': 'stable' }, "input 'baseline-track': is 'stable', as canary-track is"],
    [{ provider: 'http', 'canary-url': 'http://a/', 'baseline-url': 'http://a' }, "input 'baseline-url': is the same as canary-url"],
    [{ provider: 'http', 'canary-url': 'http://u:p@a', 'baseline-url': 'http://b' }, "input 'canary-url': carries credentials"],
    [{ ...PROMETHEUS, count: '2.5' }, "input 'count': '2.5' is out of range or not a number; expected a whole number from 1 to 1000"],
    [{ ...PROMETHEUS, 'pass-score': '101' }, "input 'pass-score': '101' is not a score"],
    [{ ...PROMETHEUS, 'request-timeout': '-1s' }, "input 'request-timeout': '-1s' is not a positive duration"],
  ])('refuses %j', (values, message) => {
    expect(() => read(values)).toThrow(InputError);
    expect(() => read(values)).toThrow(message);
  });
});

describe('readCanaryMetrics', () => {
  it("gives each provider's defaults, asking for name and namespace only where a query uses them", async () => {
    expect((await readCanaryMetrics(read(PROMETHEUS))).map((m) => m.name)).toEqual(['error-rate', 'p99-latency']);
    expect(
      (await readCanaryMetrics(read({ provider: 'http', 'canary-url': 'http://c', 'baseline-url': 'http://b' }))).map((m) => m.query),
    ).toEqual(['error-rate', 'latency']);
    await expect(readCanaryMetrics(read({ ...PROMETHEUS, namespace: '' }))).rejects.toThrow(
      "input 'namespace': is empty, and the default metric 'error-rate' uses {{namespace}}",
    );
    const own = read({ 'prometheus-url': 'http://p', metrics: '- name: cpu\n  query: sum(rate(cpu{track="{{track}}"}[1m]))' });
    expect((await readCanaryMetrics(own)).map((m) => m.name)).toEqual(['cpu']);
  });
});

/** Virtual time: sleeping moves it on at once. */
function virtualClock(start: number): Clock {
  let now = start;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

const series = (values: number[], t0 = 1_700_000_000): Point[] => values.map((value, i) => ({ time: t0 + i, value }));
const spread = (level: number) => series(Array.from({ length: 20 }, (_, i) => level * (1 + ((i * 7) % 20) / 100)));

/**
 * A provider playing back one scenario per interval: for each metric, how many
 * times the baseline its canary is (0 for no data). It waits on the clock, as
 * real providers do, and records the intervals it was asked for.
 */
function playback(clock: Clock, scenarios: Record<string, number>[]): MetricsProvider & { asked: AnalysisInterval[] } {
  const asked: AnalysisInterval[] = [];
  return {
    asked,
    async observe(metrics: readonly MetricConfig[], interval: AnalysisInterval): Promise<Observation[]> {
      asked.push(interval);
      const wait = interval.end - clock.now();
      if (wait > 0) await clock.sleep(wait);
      const scenario = scenarios[asked.length - 1];
      return metrics.map((metric) => ({
        metric: metric.name,
        baseline: spread(10),
        canary: scenario[metric.name] === 0 ? [] : spread(10 * (scenario[metric.name] ?? 1)),
      }));
    },
  };
}

/** Five equal groups: one failing metric scores 80, marginal with the default thresholds. */
const FIVE = parseMetrics(['a', 'b', 'c', 'd', 'e'].map((name) => `- name: ${name}\n  query: ${name}\n  direction: increase`).join('\n'));
/** Kayenta's multi-interval canary: each interval judged on its own data; the default judge's looks are tested below. */
const SETTINGS = { judge: 'kayenta' as const, confidence: 0.98, passScore: 95, marginalScore: 75 };
const START = Date.UTC(2024, 4, 1, 9, 0, 0);

describe('canaryCheck (judge kayenta)', () => {
  it('judges each interval at its end, and lets the last decide', async () => {
    const clock = virtualClock(START);
    const provider = playback(clock, [{ a: 1.5 }, {}, {}]);
    const result = await canaryCheck(FIVE, { ...SETTINGS, count: 3, intervalMs: 60_000 }, { provider, clock });
    expect(provider.asked).toEqual([
      { start: START, end: START + 60_000 },
      { start: START + 60_000, end: START + 120_000 },
      { start: START + 120_000, end: START + 180_000 },
    ]);
    expect(clock.now()).toBe(START + 180_000);
    expect(result).toMatchObject({ decision: 'pass', score: 100, plannedIntervals: 3 });
    expect(result.intervals.map((i) => [i.interval, i.end, i.decision, i.score])).toEqual([
      [1, '2024-05-01T09:01:00.000Z', 'marginal', 80],
      [2, '2024-05-01T09:02:00.000Z', 'pass', 100],
      [3, '2024-05-01T09:03:00.000Z', 'pass', 100],
    ]);
    const summary = canaryCheckSummary(result);
    expect(summary).toContain('### Canary analysis: pass');
    expect(summary).toContain(
      "| 1 of 3 | 2024-05-01T09:01:00.000Z | marginal | 80 | score 80 is below pass-score 95 but above marginal-score 75; failing: 'a' High |",
    );
  });

  it('stops at an interim interval that scores marginal-score or less', async () => {
    const clock = virtualClock(START);
    const provider = playback(clock, [{}, { a: 2, b: 2 }, {}]);
    const result = await canaryCheck(FIVE, { ...SETTINGS, count: 3, intervalMs: 60_000 }, { provider, clock });
    expect(provider.asked).toHaveLength(2);
    expect(result).toMatchObject({ decision: 'fail', score: 60 });
    expect(result.reason).toBe("stopped after interval 2 of 3: score 60 is not above marginal-score 75; failing: 'a' High, 'b' High");
    expect(decisionMessage(result)).toBe(`decision fail (score 60): ${result.reason}`);
    const report = canaryCheckReport(result);
    expect(report).toMatchObject({ decision: 'fail', reason: result.reason, plannedIntervals: 3, score: 60 });
    expect(report.intervals).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(canaryCheckSummary(result)).toContain('#### a: High');
  });

  it('goes on past an inconclusive interim interval, since data may still come', async () => {
    const clock = virtualClock(START);
    const provider = playback(clock, [{ a: 0, b: 0, c: 0 }, {}]);
    const result = await canaryCheck(FIVE, { ...SETTINGS, count: 2, intervalMs: 1000 }, { provider, clock });
    expect(result.intervals.map((i) => i.decision)).toEqual(['inconclusive', 'pass']);
    expect(result.decision).toBe('pass');
  });

  it('analyses at once when the interval is 0, and names every failing metric in its message', async () => {
    const clock = virtualClock(START);
    const metrics = parseMetrics('- name: errors\n  query: e\n  critical: true\n- name: latency\n  query: l');
    const provider = playback(clock, [{ errors: 3, latency: 3 }]);
    const result = await canaryCheck(metrics, { ...SETTINGS, count: 1, intervalMs: 0 }, { provider, clock });
    expect(clock.now()).toBe(START);
    expect(result.decision).toBe('fail');
    expect(decisionMessage(result)).toMatch(
      /^decision fail \(score 0\): critical metric 'errors' failed: .*; also failing: 'latency' High$/,
    );
    expect(canaryCheckSummary(result)).not.toContain('#### Intervals');
  });
});
