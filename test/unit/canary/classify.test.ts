import { compareMetric, defaultClassifierSettings, type ClassifierSettings, type Classification } from '../../../src/canary/classify.js';
import { classifierVector } from './vectors.js';

type Case = [test: string, settings: Partial<ClassifierSettings>, confidence: number, classification: Classification, critical?: boolean];

// Every Mann-Whitney case of Kayenta's ClassifierSuite, with its classifier
// arguments: tolerance, confidence, (allowedDecrease, allowedIncrease),
// (criticalDecrease, criticalIncrease), effect size measure, direction.
const kayentaCases: Case[] = [
  ['Mann-Whitney Classifier Test: Pass Metric', { tolerance: 0.1 }, 0.95, 'Pass'],
  ['Mann-Whitney Classifier Test: High Metric', { tolerance: 0.1 }, 0.95, 'High'],
  ['Mann-Whitney Classifier Test: Low Metric', { tolerance: 0.1 }, 0.95, 'Low'],
  ['Mann-Whitney Classifier Directional Test: Increase', { tolerance: 0.1, direction: 'increase' }, 0.95, 'Pass'],
  ['Mann-Whitney Classifier Directional Test: Decrease', { tolerance: 0.1, direction: 'decrease' }, 0.95, 'Pass'],
  ['Mann-Whitney Classifier Directional Test: High Metric', { tolerance: 0.1, direction: 'increase' }, 0.95, 'High', false],
  ['Mann-Whitney Classifier Directional Test: Low Metric', { tolerance: 0.1, direction: 'decrease' }, 0.95, 'Low'],
  ['Mann-Whitney Classifier Test: High Metric (Large Input)', { tolerance: 0.1 }, 0.95, 'High', false],
  [
    'Mann-Whitney Classifier Test - Mean Ratio Effect Size: High',
    { tolerance: 0.1, allowedDecrease: 0.8, allowedIncrease: 1.2 },
    0.95,
    'High',
  ],
  [
    'Mann-Whitney Classifier Test - Mean Ratio Effect Size: Low',
    { tolerance: 0.1, allowedDecrease: 0.8, allowedIncrease: 1.2, direction: 'decrease' },
    0.95,
    'Low',
  ],
  [
    'Mann-Whitney Classifier Test - Mean Ratio Effect Size: Pass',
    { tolerance: 0.1, allowedDecrease: 0.5, allowedIncrease: 1 },
    0.95,
    'Pass',
  ],
  [
    'Mann-Whitney Classifier Test - Mean Ratio Effect Size: Pass (Large Input)',
    { tolerance: 0.1, allowedDecrease: 1, allowedIncrease: 5 },
    0.95,
    'Pass',
  ],
  [
    'Mann-Whitney Classifier Test - CLES Effect Size: Pass',
    { tolerance: 0.2, effectSize: 'cles', allowedDecrease: 0.5, allowedIncrease: 0.8 },
    0.98,
    'Pass',
  ],
  [
    'Mann-Whitney Classifier Test - CLES Effect Size: High',
    { tolerance: 0.2, effectSize: 'cles', allowedDecrease: 0.2, allowedIncrease: 0.8 },
    0.98,
    'High',
  ],
  [
    'Mann-Whitney Classifier Test - CLES Effect Size: Low',
    { tolerance: 0.2, effectSize: 'cles', allowedDecrease: 0.2, allowedIncrease: 0.8 },
    0.98,
    'Low',
  ],
  [
    'Mann-Whitney Classifier Test - Critical Effect Size: Critical High',
    { tolerance: 0.1, critical: true, criticalDecrease: 1, criticalIncrease: 1.2 },
    0.95,
    'High',
    true,
  ],
  [
    'Mann-Whitney Classifier Test - Critical Effect Size: Critical Low',
    { tolerance: 0.1, critical: true, criticalDecrease: 1.2, criticalIncrease: 1 },
    0.95,
    'Low',
    true,
  ],
  [
    'Mann-Whitney Classifier Test - Critical Effect Size: High',
    { tolerance: 0.1, critical: true, allowedDecrease: 1, allowedIncrease: 5, criticalDecrease: 1, criticalIncrease: 13 },
    0.95,
    'High',
    false,
  ],
  [
    'Mann-Whitney Classifier Test - Critical Effect Size: Pass',
    { tolerance: 0.1, critical: true, allowedDecrease: 1, allowedIncrease: 13, criticalDecrease: 1, criticalIncrease: 15 },
    0.95,
    'Pass',
    false,
  ],
  [
    'Mann-Whitney Classifier Test - Critical Effect Size: Critical High (Default Thresholds)',
    { tolerance: 0.1, critical: true },
    0.95,
    'High',
    true,
  ],
  ['Mann-Whitney Tied Observations', { tolerance: 0.1, direction: 'decrease' }, 0.95, 'Pass'],
  ['Mann-Whitney Identical Populations', { tolerance: 0.1, direction: 'decrease' }, 0.95, 'Pass'],
  ['Mann-Whitney Leading Zero Identical Population', { tolerance: 0.1, direction: 'decrease' }, 0.95, 'Pass'],
  ['Mann-Whitney Missing Experiment Data', { tolerance: 0.1, direction: 'decrease' }, 0.95, 'Nodata', false],
  [
    'Mann-Whitney Missing Experiment Data: Critical Metric',
    { tolerance: 0.1, direction: 'decrease', critical: true },
    0.95,
    'Nodata',
    true,
  ],
  [
    'Mann-Whitney Missing Experiment Data with NaN Replacement',
    { tolerance: 0.1, direction: 'decrease', nanStrategy: 'replace' },
    0.95,
    'Pass',
  ],
  ['Mann-Whitney Majority Tied Observations', { tolerance: 0.1 }, 0.95, 'Pass'],
  ['Mann-Whitney Tied Ranks', { tolerance: 0.1 }, 0.95, 'High'],
  ['Mann-Whitney Tied Ranks With Zeros', { tolerance: 0.1 }, 0.95, 'High'],
  ['Mann-Whitney Zero Mean: High Metric with Effect Size', { tolerance: 0.1, allowedDecrease: 0.8, allowedIncrease: 1.2 }, 0.95, 'High'],
  ['Mann-Whitney Zero Mean: Low Metric with Effect Size', { tolerance: 0.1, allowedDecrease: 0.8, allowedIncrease: 1.2 }, 0.95, 'Low'],
  [
    'Mann-Whitney Zero Mean: Critical Metric',
    { tolerance: 0.1, critical: true, nanStrategy: 'replace', criticalDecrease: 0.8, criticalIncrease: 1.2 },
    0.95,
    'High',
    true,
  ],
  ['Mann-Whitney Zero Mean: Pass Metric', { tolerance: 0.1, allowedDecrease: 0.8, allowedIncrease: 1.2 }, 0.95, 'Pass'],
];

const settings = (overrides: Partial<ClassifierSettings> = {}): ClassifierSettings => ({
  ...defaultClassifierSettings(overrides.effectSize),
  ...overrides,
});

describe('compareMetric: Kayenta’s ClassifierSuite', () => {
  // Every row gets five cells: with fewer, Jest would pass its done callback as `critical`.
  const rows = kayentaCases.map(
    ([test, overrides, confidence, classification, critical]) => [test, overrides, confidence, classification, critical ?? null] as const,
  );
  it.each(rows)('%s', (test, overrides, confidence, classification, critical) => {
    const { control, experiment } = classifierVector(test);
    const result = compareMetric(control, experiment, settings(overrides), { confidence });
    expect(result.classification).toBe(classification);
    if (critical !== null) expect(result.criticalFailure).toBe(critical);
  });

  it('gives a reason when data is missing on both sides', () => {
    const { control, experiment } = classifierVector('Mann-Whitney Missing Data: Reason String');
    const result = compareMetric(control, experiment, settings({ critical: true }), { confidence: 0.95 });
    expect(result.reason).toBe('no baseline data; no canary data');
  });

  it('reports no ratio where a mean is zero, as Kayenta reports NaN', () => {
    const { control, experiment } = classifierVector('Mann-Whitney Zero Mean: High Metric with Effect Size');
    const result = compareMetric(control, experiment, settings({ tolerance: 0.1 }), { confidence: 0.95 });
    expect(result.ratio).toBeNull();
    expect(result.effectSize).toBeNull();
  });
});

describe('compareMetric', () => {
  const baseline = [200, 210, 190, 205, 195, 202, 198, 207, 193, 201, 199, 204];
  const slower = baseline.map((v) => v * 1.5);

  it('fills the report fields: summaries, interval, estimate, ratio', () => {
    const result = compareMetric(baseline, slower, settings(), { confidence: 0.98 });
    expect(result.classification).toBe('High');
    expect(result.baseline).toEqual({ count: 12, mean: 200.33333333333334, median: 200.5 });
    expect(result.canary.median).toBe(300.75);
    expect(result.interval?.confidence).toBe(0.98);
    expect(result.interval!.lower).toBeGreaterThan(0.25 * result.estimate!);
    // The estimate is a median of all canary − baseline differences: of 144,
    // between the 72nd and the 73rd, to within the root search's tolerance.
    const differences = slower.flatMap((c) => baseline.map((b) => c - b)).sort((a, b) => a - b);
    expect(result.estimate).toBeGreaterThanOrEqual(differences[71] - 1e-4);
    expect(result.estimate).toBeLessThanOrEqual(differences[72] + 1e-4);
    expect(result.ratio).toBeCloseTo(1.5, 10);
    expect(result.reason).toMatch(
      /^canary higher than baseline: shift [\d.]+, 98% interval [\d.]+ to [\d.]+, beyond the tolerance ±[\d.]+; mean ratio 1.5$/,
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('lets a change in the harmless direction pass, saying so', () => {
    const result = compareMetric(slower, baseline, settings({ direction: 'increase' }), { confidence: 0.98 });
    expect(result.classification).toBe('Pass');
    expect(result.reason).toMatch(/canary lower than baseline .* direction 'increase' lets it pass/);
  });

  it('lets a significant change within allowed-increase pass, saying so', () => {
    const slightly = baseline.map((v) => v * 1.1);
    const result = compareMetric(baseline, slightly, settings({ allowedIncrease: 1.2 }), { confidence: 0.98 });
    expect(result.classification).toBe('Pass');
    expect(result.reason).toMatch(/within allowed-increase 1.2$/);
    expect(compareMetric(baseline, slightly, settings(), { confidence: 0.98 }).classification).toBe('High');
  });

  it('needs the interval to clear the tolerance, not just zero', () => {
    const shifted = baseline.map((v) => v + 4);
    expect(compareMetric(baseline, shifted, settings({ tolerance: 0 }), { confidence: 0.8 }).classification).toBe('High');
    expect(compareMetric(baseline, shifted, settings({ tolerance: 1 }), { confidence: 0.8 }).classification).toBe('Pass');
  });

  describe('missing values', () => {
    const withGaps = [NaN, ...baseline, Infinity];

    it('removes NaN and infinite values, counting them', () => {
      const result = compareMetric(withGaps, baseline, settings(), { confidence: 0.98 });
      expect(result.missing).toEqual({ baseline: 2, canary: 0 });
      expect(result.baseline.count).toBe(12);
      expect(result.reason).toBe('canary and baseline data are identical');
    });

    it('replaces them with 0 under nan-strategy replace', () => {
      const result = compareMetric(withGaps, baseline, settings({ nanStrategy: 'replace' }), { confidence: 0.98 });
      expect(result.baseline.count).toBe(14);
      expect(result.baseline.median).toBe(199.5);
    });

    it('is Nodata when nothing is left, failing the metric when it must have data', () => {
      const empty = [NaN, NaN];
      expect(compareMetric(baseline, empty, settings(), { confidence: 0.98 })).toMatchObject({
        classification: 'Nodata',
        reason: 'no canary data',
      });
      expect(compareMetric(baseline, empty, settings({ mustHaveData: true }), { confidence: 0.98 }).classification).toBe(
        'NodataFailMetric',
      );
      const critical = compareMetric(baseline, empty, settings({ mustHaveData: true, critical: true }), { confidence: 0.98 });
      expect(critical).toMatchObject({ classification: 'Nodata', criticalFailure: true });
    });

    it('counts a side short of the minimum as no data, saying what was needed', () => {
      const result = compareMetric(baseline, baseline.slice(0, 5), settings(), { confidence: 0.98, minimumPoints: 6 });
      expect(result).toMatchObject({ classification: 'Nodata', reason: 'canary had 5 points, at least 6 needed' });
      expect(compareMetric(baseline, baseline.slice(0, 6), settings(), { confidence: 0.98, minimumPoints: 6 }).classification).toBe('Pass');
    });
  });
});
