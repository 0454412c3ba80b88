import { mannWhitney, RankSumTest } from '../../../src/canary/mann-whitney.js';
import { normalQuantile } from '../../../src/canary/normal.js';
import { findRoot } from '../../../src/canary/root.js';
import { mannWhitneyVector } from './vectors.js';

// Kayenta asserts to within 1e-6; R's own figures below were printed with
// sprintf("%.17g") from R 4.2.2's wilcox.test(x, y, conf.int = TRUE,
// exact = FALSE, correct = TRUE, conf.level = …).
const KAYENTA_DIGITS = 6;

describe('normalQuantile', () => {
  it.each([
    [0.01, -2.3263478740408408],
    [0.025, -1.9599639845400538],
    [0.05, -1.6448536269514726],
    [0.1, -1.2815515655446008],
    [0.3, -0.52440051270804067],
    [0.5, 0],
    [0.925, 1.4395314709384559],
    [1e-5, -4.2648907939228256],
    [1e-20, -9.2623400897984052],
    [1e-300, -37.047096299361201],
  ])('gives R’s qnorm(%p) = %p', (p, expected) => {
    expect(normalQuantile(p)).toBe(expected);
  });

  it('gives Kayenta’s zQuant for a 98% interval', () => {
    expect(normalQuantile(0.02 / 2)).toBeCloseTo(-2.326348, KAYENTA_DIGITS);
  });

  it('is infinite at the ends and undefined outside', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('findRoot', () => {
  it('finds a smooth root to within the tolerance', () => {
    const f = (x: number) => x * x - 2;
    expect(Math.abs(findRoot(f, 0, 2, f(0), f(2), 1e-10) - Math.SQRT2)).toBeLessThan(1e-10);
  });

  it('returns an end where the function is already zero', () => {
    const f = (x: number) => x - 1;
    expect(findRoot(f, 1, 5, 0, 4, 1e-4)).toBe(1);
    expect(findRoot(f, -3, 1, -4, 0, 1e-4)).toBe(1);
  });

  it('stops beside the jump of a step function', () => {
    const step = (x: number) => (x < 0.3 ? 1 : -1);
    expect(Math.abs(findRoot(step, 0, 1, 1, -1, 1e-4) - 0.3)).toBeLessThanOrEqual(1e-4);
  });
});

describe('mannWhitney: Kayenta’s published vectors', () => {
  it('x = [10, 20, 30, 40], y = [1, 2, 3, 4] at 95%: interval [6, 39], estimate 22.5', () => {
    const result = mannWhitney([10, 20, 30, 40], [1, 2, 3, 4], { confidence: 0.95 });
    expect(result.lower).toBeCloseTo(6, KAYENTA_DIGITS);
    expect(result.upper).toBeCloseTo(39, KAYENTA_DIGITS);
    expect(result.estimate).toBeCloseTo(22.5, KAYENTA_DIGITS);
  });

  it('Wilcoxon Diff Function: the corrected standardised statistic at shifts 0 and 5', () => {
    const { experiment, control } = mannWhitneyVector('Wilcoxon Diff Function');
    const test = new RankSumTest(experiment, control);
    expect(test.standardised(0, true)).toBeCloseTo(-1.229416, KAYENTA_DIGITS);
    expect(test.standardised(5, true)).toBeCloseTo(-35.80606, 5);
  });

  it('Problem Case at 98% (850 near-equal values a side)', () => {
    const { experiment, control } = mannWhitneyVector('Mann-Whitney Confidence Interval & Estimate: Problem Case');
    const result = mannWhitney(experiment, control, { confidence: 0.98 });
    expect(result.lower).toBeCloseTo(-1.4808028936386108e-5, KAYENTA_DIGITS);
    expect(result.upper).toBeCloseTo(1.808255910873413e-5, KAYENTA_DIGITS);
    expect(result.estimate).toBeCloseTo(1.808255910873413e-5, KAYENTA_DIGITS);
  });

  it('Tie out with R Version at 95% (values in steps of 0.5)', () => {
    const { experiment, control } = mannWhitneyVector('Mann-Whitney Confidence Interval & Estimate: Tie out with R Version');
    const result = mannWhitney(experiment, control, { confidence: 0.95 });
    expect(result.lower).toBeCloseTo(-0.500002521696696, KAYENTA_DIGITS);
    expect(result.upper).toBeCloseTo(-3.486287505871302e-5, KAYENTA_DIGITS);
    expect(result.estimate).toBeCloseTo(-0.4999393907180323, 4);
  });

  it('Tie out with R Version (Large) at 98%', () => {
    const { experiment, control } = mannWhitneyVector('Mann-Whitney Confidence Interval & Estimate: Tie out with R Version (Large)');
    const result = mannWhitney(experiment, control, { confidence: 0.98 });
    expect(result.lower).toBeCloseTo(-0.4999173250549087, KAYENTA_DIGITS);
    expect(result.upper).toBeCloseTo(-6.912685789769486e-6, KAYENTA_DIGITS);
    expect(result.estimate).toBeCloseTo(-3.45044082729315e-5, 4);
  });

  describe('Intermediate Values / Variables (mostly zeros)', () => {
    const { experiment: x, control: y } = mannWhitneyVector('Mann-Whitney Intermediate Values / Variables');
    const test = new RankSumTest(x, y);
    const lowest = Math.min(...x) - Math.max(...y);
    const highest = Math.max(...x) - Math.min(...y);
    const z = -normalQuantile(0.025);

    it('has Kayenta’s search range, quantiles and function values at its ends', () => {
      expect(lowest).toBeCloseTo(-3.124999999999986, KAYENTA_DIGITS);
      expect(highest).toBeCloseTo(5.555555555555557, KAYENTA_DIGITS);
      expect(z).toBeCloseTo(1.9599639845400536, KAYENTA_DIGITS);
      expect(test.standardised(lowest, true) - z).toBeCloseTo(17.090968923762254, KAYENTA_DIGITS);
      expect(test.standardised(highest, true) - z).toBeCloseTo(-20.997687930433106, KAYENTA_DIGITS);
      expect(test.standardised(lowest, true) + z).toBeCloseTo(21.01089689284236, KAYENTA_DIGITS);
      expect(test.standardised(highest, true) + z).toBeCloseTo(-17.077759961353, KAYENTA_DIGITS);
    });

    it('has Kayenta’s interval bounds', () => {
      const result = mannWhitney(x, y, { confidence: 0.95 });
      expect(result.lower).toBeCloseTo(3.521755377702165e-5, KAYENTA_DIGITS);
      expect(result.upper).toBeCloseTo(2.02456461662334e-5, KAYENTA_DIGITS);
    });

    it('estimates without continuity correction, as R does, where Kayenta keeps it', () => {
      // R 4.2.2 gives 1.515181852089427e-05; Kayenta's 2.6279243045155653e-5 is
      // the root of the corrected statistic, which R used before it dropped the
      // correction from the estimate.
      expect(mannWhitney(x, y, { confidence: 0.95 }).estimate).toBe(1.515181852089427e-5);
      const corrected = (shift: number) => test.standardised(shift, true);
      const kayenta = findRoot(corrected, lowest, highest, corrected(lowest), corrected(highest), 1e-4);
      expect(kayenta).toBeCloseTo(2.6279243045155653e-5, KAYENTA_DIGITS);
    });
  });
});

/** 1, 2, …, n, as R's 1:n. */
const series = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('mannWhitney: agreement with R', () => {
  it.each([
    [
      'ties on both sides',
      [1, 2, 2, 3, 3, 3, 4, 5],
      [0, 1, 1, 2, 2, 2, 3],
      0.95,
      [-5.8976678694468477e-5, 2.9999834777575529, 1.0000377583587665],
    ],
    [
      'mostly zeros',
      [0, 0, 0, 1, 0, 2, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
      0.98,
      [-3.1586964090252501e-5, 0.9999246692997934, 3.9083359848233275e-5],
    ],
    [
      'unequal sizes at 90%',
      series(10).map((v) => v * 1.1),
      series(12),
      0.9,
      [-3.2999816522132264, 2.399981652213226, -0.44999999999999929],
    ],
    [
      'latency-like values',
      [0.2, 0.25, 0.21, 0.3, 0.19, 0.22, 0.5, 0.24],
      [0.2, 0.18, 0.21, 0.19, 0.2, 0.17, 0.22],
      0.98,
      [-7.8081973624652783e-5, 0.13001199081737586, 0.038149478255138841],
    ],
  ])('%s', (_, x, y, confidence, [lower, upper, estimate]) => {
    // Equal but for the last bits: V8's Math.log and the C library's, which
    // R's qnorm calls, may round differently.
    const result = mannWhitney(x, y, { confidence });
    expect(result.lower).toBeCloseTo(lower, 12);
    expect(result.upper).toBeCloseTo(upper, 12);
    expect(result.estimate).toBeCloseTo(estimate, 12);
  });

  it('returns the search range’s ends when the interval reaches them (R’s wilcox.test(1, 2:60))', () => {
    const y = series(59).map((v) => v + 1);
    expect(mannWhitney([1], y, { confidence: 0.95 })).toEqual({ lower: -59, upper: -1, estimate: -30 });
  });
});

describe('mannWhitney: properties', () => {
  const x = [3.1, 4.7, 5.2, 6.8, 7.3, 2.2, 9.1, 5.5];
  const y = [2.9, 3.3, 4.1, 4.4, 5.0, 1.8, 3.7];

  it('moves with a shift of the canary', () => {
    const base = mannWhitney(x, y, { confidence: 0.95 });
    const shifted = mannWhitney(
      x.map((v) => v + 100),
      y,
      { confidence: 0.95 },
    );
    expect(shifted.estimate - base.estimate).toBeCloseTo(100, 3);
    expect(shifted.lower - base.lower).toBeCloseTo(100, 3);
  });

  it('mirrors when the samples swap', () => {
    const forward = mannWhitney(x, y, { confidence: 0.95 });
    const backward = mannWhitney(y, x, { confidence: 0.95 });
    expect(backward.estimate).toBeCloseTo(-forward.estimate, 3);
    expect(backward.lower).toBeCloseTo(-forward.upper, 3);
  });

  it('narrows as the confidence falls', () => {
    const wide = mannWhitney(x, y, { confidence: 0.99 });
    const narrow = mannWhitney(x, y, { confidence: 0.8 });
    expect(narrow.lower).toBeGreaterThan(wide.lower);
    expect(narrow.upper).toBeLessThan(wide.upper);
  });

  it('knows the shift exactly when each side is one repeated value', () => {
    expect(mannWhitney([10, 10, 10], [0, 0], { confidence: 0.98 })).toEqual({ lower: 10, upper: 10, estimate: 10 });
  });

  it('refuses empty samples and impossible confidence levels', () => {
    expect(() => mannWhitney([], [1], { confidence: 0.95 })).toThrow(RangeError);
    expect(() => mannWhitney([1], [2], { confidence: 1 })).toThrow(/confidence/);
  });
});
