import { normalQuantile } from './normal.js';
import { findRoot } from './root.js';

/** A confidence interval and point estimate for the location shift canary − baseline. */
export interface LocationShift {
  lower: number;
  upper: number;
  /** The Hodges–Lehmann estimate: in effect the median of all canary − baseline differences. */
  estimate: number;
}

export interface MannWhitneyOptions {
  /** Confidence level of the interval, in (0, 1). */
  confidence: number;
  /** Absolute tolerance of the root search; R's `tol.root` and Kayenta's default is 1e-4. */
  rootTolerance?: number;
}

/**
 * The two-sample Wilcoxon rank-sum (Mann–Whitney U) test's confidence interval
 * and estimate for the shift `x − y`, computed as R's
 * `wilcox.test(x, y, conf.int = TRUE, exact = FALSE, correct = TRUE)` does:
 * the normal approximation with the tie-corrected variance, continuity
 * correction on the interval's bounds and none on the estimate, and each of
 * the three found as the root of the standardised statistic as a function of
 * the shift.
 *
 * Both samples must be non-empty and finite. When each sample is a single
 * repeated value the shift is known exactly and returned as is (R refuses
 * such data, and Kayenta adds random noise to get around it).
 */
export function mannWhitney(x: readonly number[], y: readonly number[], options: MannWhitneyOptions): LocationShift {
  const { confidence, rootTolerance = 1e-4 } = options;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence ${confidence} is not between 0 and 1`);
  if (x.length === 0 || y.length === 0) throw new RangeError('both samples need at least one value');
  const test = new RankSumTest(x, y);
  const { xs, ys } = test;
  const lowest = xs[0] - ys[ys.length - 1];
  const highest = xs[xs.length - 1] - ys[0];

  if (xs[0] === xs[xs.length - 1] && ys[0] === ys[ys.length - 1]) {
    const shift = xs[0] - ys[0];
    return { lower: shift, upper: shift, estimate: shift };
  }

  const corrected = (shift: number) => test.standardised(shift, true);
  const atLowest = corrected(lowest);
  const atHighest = corrected(highest);
  // The statistic falls as the shift grows, so the bound where it equals the
  // upper quantile is the interval's lower end.
  const bound = (quantile: number): number => {
    const fLower = atLowest - quantile;
    if (fLower <= 0) return lowest;
    const fUpper = atHighest - quantile;
    if (fUpper >= 0) return highest;
    return findRoot((shift) => corrected(shift) - quantile, lowest, highest, fLower, fUpper, rootTolerance);
  };
  const alpha = 1 - confidence;
  const lower = bound(-normalQuantile(alpha / 2));
  const upper = bound(normalQuantile(alpha / 2));

  const uncorrected = (shift: number) => test.standardised(shift, false);
  const estimate = findRoot(uncorrected, lowest, highest, uncorrected(lowest), uncorrected(highest), rootTolerance);
  return { lower, upper, estimate };
}

/**
 * The rank-sum statistic of `x − shift` against `y`. Both samples are sorted
 * once; subtracting a constant keeps `x` sorted, so each evaluation is a
 * linear merge rather than a sort.
 */
export class RankSumTest {
  readonly xs: Float64Array;
  readonly ys: Float64Array;

  constructor(x: readonly number[], y: readonly number[]) {
    this.xs = Float64Array.from(x).sort();
    this.ys = Float64Array.from(y).sort();
  }

  /** Sum of the ranks of `x − shift` in the pooled sample (ties get their average rank), and Σ(t³ − t) over tie groups. */
  ranks(shift: number): { rankSumX: number; tieTerm: number } {
    const { xs, ys } = this;
    let i = 0;
    let j = 0;
    let ranked = 0;
    let rankSumX = 0;
    let tieTerm = 0;
    while (i < xs.length || j < ys.length) {
      const value = j >= ys.length || (i < xs.length && xs[i] - shift <= ys[j]) ? xs[i] - shift : ys[j];
      let fromX = 0;
      while (i < xs.length && xs[i] - shift === value) {
        fromX++;
        i++;
      }
      let fromY = 0;
      while (j < ys.length && ys[j] === value) {
        fromY++;
        j++;
      }
      const tied = fromX + fromY;
      rankSumX += fromX * (ranked + (tied + 1) / 2);
      tieTerm += tied * tied * tied - tied;
      ranked += tied;
    }
    return { rankSumX, tieTerm };
  }

  /** The normal approximation's z for H0 "the shift is `shift`", with or without continuity correction. */
  standardised(shift: number, continuityCorrection: boolean): number {
    const nx = this.xs.length;
    const ny = this.ys.length;
    const { rankSumX, tieTerm } = this.ranks(shift);
    const centred = rankSumX - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
    const correction = continuityCorrection ? Math.sign(centred) * 0.5 : 0;
    const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieTerm / ((nx + ny) * (nx + ny - 1))));
    return (centred - correction) / sigma;
  }
}
