import {
  dependentMeanTest,
  longestRangeWindowMs,
  nonOverlappingStepMs,
  rankSumUpperTail,
  smallestRankP,
  varianceInflation,
} from '../../../src/canary/dependence.js';
import {
  betaRegularized,
  binomialLowerTail,
  binomialUpperTail,
  gammaP,
  normalCdf,
  normalUpperTail,
  poissonUpperTail,
  studentUpperTail,
} from '../../../src/canary/distributions.js';
import { normalQuantile } from '../../../src/canary/normal.js';
import { compareRates, counterIncrease, rateRatioInterval } from '../../../src/canary/rate-test.js';
import { nominalLevels, spent } from '../../../src/canary/sequential.js';

/** A seeded uniform draw (mulberry32), so that every run sees the same data. */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normal(u: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

describe('distribution functions, against R (and SciPy) values', () => {
  it.each([
    ['pnorm(1.96)', () => normalCdf(1.96), 0.9750021048517795],
    ['pnorm(5, lower = FALSE)', () => normalUpperTail(5), 2.866515718791933e-7],
    ['pnorm(-8)', () => normalCdf(-8), 6.220960574271785e-16],
    ['pbinom(29, 45, 0.5, lower = FALSE)', () => binomialUpperTail(30, 45, 0.5), 0.017848901777597348],
    ['pbinom(3, 20, 0.4)', () => binomialLowerTail(3, 20, 0.4), 0.01596116279000825],
    ['ppois(9, 5, lower = FALSE)', () => poissonUpperTail(10, 5), 0.03182805730620481],
    ['pbeta(0.3, 2.5, 4)', () => betaRegularized(0.3, 2.5, 4), 0.3521975859067672],
    ['pgamma(3, 2.5)', () => gammaP(2.5, 3), 0.6937810815867212],
    ['pt(2.5, 7.3, lower = FALSE)', () => studentUpperTail(2.5, 7.3), 0.019825117332800214],
    ['pt(-1, 3, lower = FALSE)', () => studentUpperTail(-1, 3), 0.8044988905221148],
  ])('%s', (_, compute, expected) => {
    expect(compute()).toBeCloseTo(expected, 12);
    expect(Math.abs(compute() / expected - 1)).toBeLessThan(1e-9);
  });

  it('is the inverse of qnorm over the range', () => {
    for (const p of [1e-10, 1e-6, 0.001, 0.025, 0.3, 0.5, 0.9, 0.999]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 9);
  });
});

describe('compareRates: the exact conditional Poisson test', () => {
  // R: poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878)), its documentation's example.
  const baseline = { events: 21, total: 3011 };
  const canary = { events: 11, total: 800 };

  it("gives poisson.test's rate ratio, one-sided p-values and exact interval", () => {
    const result = compareRates(baseline, canary);
    expect(result.ratio).toBeCloseTo(1.971488, 6);
    expect(result.pGreater).toBeCloseTo(0.05600865978769968, 12);
    expect(result.pLess).toBeCloseTo(0.9759318232273121, 12);
    const interval = rateRatioInterval(baseline, canary, 0.95);
    expect(interval.lower).toBeCloseTo(0.8584264, 6);
    expect(interval.upper).toBeCloseTo(4.277266, 5);
  });

  it('tests a ratio other than 1: a rise within the allowed ratio is not significant', () => {
    // pbinom(29, 45, 1.5 * 100 / (1.5 * 100 + 100), lower = FALSE)
    expect(compareRates({ events: 15, total: 100 }, { events: 30, total: 100 }, 1.5).pGreater).toBeCloseTo(0.22490332078688868, 12);
    expect(compareRates({ events: 15, total: 100 }, { events: 30, total: 100 }).pGreater).toBeCloseTo(0.017848901777597348, 12);
  });

  it('never fails a healthy canary more often than its level, whatever the counts', () => {
    const u = uniform(11);
    const draw = (mean: number) => {
      let k = 0;
      for (let p = u(), limit = Math.exp(-mean); p > limit; p *= u()) k++;
      return k;
    };
    for (const mean of [0.5, 3, 20]) {
      let rejected = 0;
      const trials = 4000;
      for (let i = 0; i < trials; i++) {
        if (compareRates({ events: draw(mean), total: 1000 }, { events: draw(mean), total: 1000 }).pGreater <= 0.05) rejected++;
      }
      expect(rejected / trials).toBeLessThanOrEqual(0.05 + 0.01);
    }
  });

  it('refuses counts that are not events of a positive total', () => {
    expect(() => compareRates({ events: 1, total: 0 }, { events: 1, total: 10 })).toThrow(/baseline counts 1 of 0/);
    expect(() => compareRates({ events: 1.5, total: 10 }, { events: 1, total: 10 })).toThrow(/baseline counts/);
  });
});

describe('counterIncrease', () => {
  it('adds the rises and counts a fall as a restart from 0, without extrapolating', () => {
    expect(counterIncrease([10, 15, 15, 22])).toBe(12);
    expect(counterIncrease([10, 15, 3, 8])).toBe(5 + 3 + 5);
    expect(counterIncrease([5, NaN, 9])).toBe(0);
    expect(counterIncrease([7])).toBe(0);
  });
});

describe('group-sequential levels', () => {
  it("reproduces the Lan–DeMets O'Brien–Fleming boundaries of five equally spaced looks (one-sided 0.025)", () => {
    // Jennison and Turnbull; gsDesign(k = 5, test.type = 1, sfu = sfLDOF)$upper$bound.
    const levels = nominalLevels([0.2, 0.4, 0.6, 0.8, 1], 0.025, 'obrien-fleming');
    const bounds = levels.map((level) => -normalQuantile(level));
    [4.877, 3.357, 2.68, 2.29, 2.031].forEach((bound, i) => expect(bounds[i]).toBeCloseTo(bound, 2));
  });

  it('gives one look the whole level, and spends it all by the last look', () => {
    expect(nominalLevels([1], 0.01)[0]).toBeCloseTo(0.01, 15);
    expect(spent('pocock', 0.01, 1)).toBe(0.01);
    expect(spent('obrien-fleming', 0.01, 1)).toBeCloseTo(0.01, 15);
    expect(spent('pocock', 0.01, 0.5)).toBeGreaterThan(spent('obrien-fleming', 0.01, 0.5));
  });

  it.each([
    [[1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1], 0.01],
    [[0.5, 0.75, 1], 0.05],
  ])('crosses a boundary under "no difference" with the chance spent, on simulated Brownian paths (%j, α %d)', (fractions, alpha) => {
    const levels = nominalLevels(fractions, alpha);
    const bounds = levels.map((level) => -normalQuantile(level));
    const z = normal(uniform(7));
    const paths = 100_000;
    let crossed = 0;
    for (let path = 0; path < paths; path++) {
      let sum = 0;
      for (let k = 0; k < fractions.length; k++) {
        sum += z() * Math.sqrt(fractions[k] - (k ? fractions[k - 1] : 0));
        if (sum / Math.sqrt(fractions[k]) >= bounds[k]) {
          crossed++;
          break;
        }
      }
    }
    // Within 4 standard errors of α, and far from the naive K × α of testing each look at α.
    expect(Math.abs(crossed / paths - alpha)).toBeLessThan(4 * Math.sqrt((alpha * (1 - alpha)) / paths));
  });

  it('refuses fractions that do not increase to at most 1', () => {
    expect(() => nominalLevels([0.5, 0.4, 1], 0.01)).toThrow(/do not increase/);
    expect(() => nominalLevels([0.5, 1.2], 0.01)).toThrow(/do not increase/);
  });
});

describe('dependence', () => {
  it("finds a query's longest range window, compound durations and subqueries included", () => {
    expect(longestRangeWindowMs('sum(rate(x[1m])) / sum(rate(y[30s]))')).toBe(60_000);
    expect(longestRangeWindowMs('histogram_quantile(0.99, sum by (le) (rate(b{le!=""}[1m30s])))')).toBe(90_000);
    expect(longestRangeWindowMs('max_over_time(rate(x[1m])[10m:30s])')).toBe(600_000);
    expect(longestRangeWindowMs('avg(container_memory_working_set_bytes{pod=~"a.*"})')).toBe(0);
    expect(nonOverlappingStepMs('rate(x[1m])', 15_000, 300_000)).toBe(60_000);
    expect(nonOverlappingStepMs('rate(x[10s])', 15_000, 300_000)).toBe(15_000);
    expect(nonOverlappingStepMs('up', 1000, 86_400_000)).toBe(Math.ceil(86_400_000 / 11_000));
  });

  it('leaves independent values alone and inflates the variance of a persistent series', () => {
    const z = normal(uniform(3));
    const independent = () => Array.from({ length: 60 }, z);
    const persistent = () => {
      let level = 0;
      return Array.from({ length: 60 }, () => (level = 0.8 * level + 0.6 * z()));
    };
    const inflations = (make: () => number[]) => Array.from({ length: 200 }, () => varianceInflation([make(), make()]));
    const median = (values: number[]) => values.sort((a, b) => a - b)[100];
    expect(median(inflations(independent))).toBeLessThan(1.4);
    // An AR(1) with ρ 0.8 has a long-run variance factor of 9; short series see less of it.
    expect(median(inflations(persistent))).toBeGreaterThan(4);
    expect(varianceInflation([[1, 2], [3]])).toBe(1);
  });

  it("gives the rank-sum test's exact p-values, as wilcox.test(exact = TRUE) and SciPy do", () => {
    // SciPy: mannwhitneyu([6..10], [1..5], alternative='greater', method='exact')
    expect(rankSumUpperTail(5, 5, 25)).toBeCloseTo(0.003968253968253968, 14);
    expect(smallestRankP(5, 5)).toBeCloseTo(1 / 252, 14);
    // mannwhitneyu([3,7,8,9,10,12], [1,2,4,5,6,11,13]): U = 28 of 42, greater and less.
    expect(rankSumUpperTail(6, 7, 28)).toBeCloseTo(0.18298368298368298, 12);
    expect(rankSumUpperTail(6, 7, 42 - 28)).toBeCloseTo(0.8525641025641026, 12);
    expect(rankSumUpperTail(3, 4, 0)).toBe(1);
    // Beyond the exact sizes, the normal approximation's bound.
    expect(smallestRankP(30, 30)).toBeLessThan(1e-9);
  });

  it("gives Welch's t-test p-value when the values show no dependence", () => {
    const at = (values: number[]) => values.map((value, i) => ({ time: i, value }));
    // SciPy: ttest_ind([2,4,2,4,2,5], [1,3,1,3,1,3], equal_var=False, alternative='greater')
    const result = dependentMeanTest(at([1, 3, 1, 3, 1, 3]), at([2, 4, 2, 4, 2, 5]));
    expect(result.inflation).toBe(1);
    expect(result.pGreater).toBeCloseTo(0.06459283887312066, 10);
    expect(result.degreesOfFreedom).toBeCloseTo(9.647990255785627, 8);
    expect(result.pLess).toBeCloseTo(1 - 0.06459283887312066, 10);
  });

  it('keeps the false-failure rate at its level on drifting series where the plain t-test does not', () => {
    const z = normal(uniform(5));
    const drifting = () => {
      let level = 0;
      return Array.from({ length: 30 }, (_, time) => ({ time, value: (level = 0.5 * level + 0.7 * z()) + 0.5 * z() }));
    };
    let guarded = 0;
    let plain = 0;
    const trials = 3000;
    for (let i = 0; i < trials; i++) {
      const baseline = drifting();
      const canary = drifting();
      const result = dependentMeanTest(baseline, canary);
      if (result.pGreater <= 0.01) guarded++;
      const t = result.difference / Math.sqrt((variance(baseline) + variance(canary)) / 30);
      if (t >= -normalQuantile(0.01)) plain++;
    }
    expect(guarded / trials).toBeLessThanOrEqual(0.02);
    expect(plain / trials).toBeGreaterThan(2 * (guarded / trials));
  });
});

function variance(points: { value: number }[]): number {
  const mean = points.reduce((sum, p) => sum + p.value, 0) / points.length;
  return points.reduce((sum, p) => sum + (p.value - mean) ** 2, 0) / (points.length - 1);
}
