/**
 * Brent's root finder (Brent 1973, "Algorithms for Minimization without
 * Derivatives", ch. 4), step for step as R's uniroot runs it, because the
 * Mann–Whitney interval is the root of a step function: where in a flat
 * stretch or beside a jump the search stops depends on the exact sequence of
 * steps, and matching R's results means taking R's steps.
 *
 * `f(lower)` and `f(upper)` must not have the same sign; callers pass them in
 * because they have already computed them.
 */
export function findRoot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  fLower: number,
  fUpper: number,
  tolerance: number,
  maxIterations = 1000,
): number {
  if (fLower === 0) return lower;
  if (fUpper === 0) return upper;

  // b is the best estimate so far, a the previous one, c the point that keeps
  // the root bracketed between b and c.
  let a = lower;
  let fa = fLower;
  let b = upper;
  let fb = fUpper;
  let c = a;
  let fc = fa;

  for (let iteration = 0; iteration <= maxIterations; iteration++) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const stepTolerance = 2 * Number.EPSILON * Math.abs(b) + tolerance / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= stepTolerance || fb === 0) return b;

    // Interpolate when the last step was large enough and went the right way;
    // otherwise the bisection step above stands.
    if (Math.abs(previousStep) >= stepTolerance && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(stepTolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) {
        step = p / q;
      }
    }

    if (Math.abs(step) < stepTolerance) step = step > 0 ? stepTolerance : -stepTolerance;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
