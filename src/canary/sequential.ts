import { normalUpperTail } from './distributions.js';
import { normalQuantile } from './normal.js';

/**
 * Group-sequential testing: a check that looks at its data `count` times and
 * may fail at any look must not fail a healthy canary more often than one that
 * looks once. Each look spends part of the false-failure budget α, as a
 * spending function of the information so far (Lan and DeMets 1983), and the
 * boundaries are found so that, with the looks' statistics correlated as
 * cumulative data make them (corr(Zi, Zj) = √(ti/tj)), the chance of ever
 * crossing one under "no difference" is exactly α.
 */

/** How the budget α is spent as the information fraction t goes from 0 to 1. */
export type SpendingFunction = 'pocock' | 'obrien-fleming';

/** The share of α spent by information fraction t (0 < t ≤ 1). */
export function spent(kind: SpendingFunction, alpha: number, t: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return alpha;
  // Lan–DeMets' Pocock-type function spends early, so a clear regression stops
  // the check at an early look; the O'Brien–Fleming-type one keeps almost all
  // of α for the last look.
  if (kind === 'pocock') return alpha * Math.log(1 + (Math.E - 1) * t);
  return 2 * normalUpperTail(-normalQuantile(alpha / 2) / Math.sqrt(t));
}

/** Beyond this many looks boundaries are not computed jointly: each look gets the α it spends (a Bonferroni split, which never spends more). */
export const MAX_JOINT_LOOKS = 60;

const cache = new Map<string, number[]>();

/**
 * The one-sided nominal levels of the looks at information fractions
 * `fractions` (increasing, the last 1): a look fails when its one-sided
 * p-value is at most its level. Together they spend exactly α under the
 * Brownian-motion model of cumulative statistics.
 */
export function nominalLevels(fractions: readonly number[], alpha: number, kind: SpendingFunction = 'pocock'): number[] {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha ${alpha} is not between 0 and 1`);
  fractions.forEach((t, i) => {
    if (!(t > 0 && t <= 1) || (i > 0 && !(t > fractions[i - 1])))
      throw new RangeError(`information fractions ${fractions.join(', ')} do not increase within (0, 1]`);
  });
  const key = `${kind} ${alpha} ${fractions.join(',')}`;
  const known = cache.get(key);
  if (known) return known;
  const increments = fractions.map((t, i) => spent(kind, alpha, t) - (i ? spent(kind, alpha, fractions[i - 1]) : 0));
  const levels = fractions.length > MAX_JOINT_LOOKS ? increments : jointLevels(fractions, increments);
  cache.set(key, levels);
  return levels;
}

/** Grid points per standard deviation of the smallest step between looks, on the score scale S = Z·√t. */
const GRID_STEPS_PER_SD = 8;
/** The grid reaches this many of a look's standard deviations below its boundary. */
const GRID_REACH = 9;

function jointLevels(fractions: readonly number[], increments: readonly number[]): number[] {
  const smallestStep = Math.min(...fractions.map((t, i) => t - (i ? fractions[i - 1] : 0)));
  const h = Math.min(0.05, Math.sqrt(smallestStep) / GRID_STEPS_PER_SD);
  const levels: number[] = [];
  // The sub-density of S at the previous look on the paths that have not
  // crossed yet, on points running down from that look's boundary.
  let points: Float64Array | null = null;
  let density: Float64Array | null = null;
  let previousT = 0;
  for (let k = 0; k < fractions.length; k++) {
    const t = fractions[k];
    const sd = Math.sqrt(t - previousT);
    const crossing = (c: number): number => {
      if (!points || !density) return normalUpperTail(c / sd);
      let sum = 0;
      for (let i = 0; i < points.length; i++) sum += weight(i, points.length) * density[i] * fastUpperTail((c - points[i]) / sd);
      return sum * h;
    };
    let boundary: number;
    if (increments[k] <= 0) {
      boundary = Infinity;
    } else {
      // Bisection on the boundary in z units; the crossing chance falls as it rises.
      let low = -2;
      let high = 12;
      for (let i = 0; i < 60; i++) {
        const middle = (low + high) / 2;
        if (crossing(middle * Math.sqrt(t)) > increments[k]) low = middle;
        else high = middle;
      }
      boundary = (low + high) / 2;
    }
    levels.push(Number.isFinite(boundary) ? normalUpperTail(boundary) : 0);
    if (k === fractions.length - 1) break;

    const top = Number.isFinite(boundary) ? boundary * Math.sqrt(t) : GRID_REACH * Math.sqrt(t);
    const count = Math.ceil((top + GRID_REACH * Math.sqrt(t)) / h) + 1;
    const next = new Float64Array(count);
    const nextDensity = new Float64Array(count);
    for (let j = 0; j < count; j++) {
      const s = top - j * h;
      next[j] = s;
      if (!points || !density) {
        nextDensity[j] = normalDensity(s / sd) / sd;
      } else {
        let sum = 0;
        for (let i = 0; i < points.length; i++) sum += weight(i, points.length) * density[i] * normalDensity((s - points[i]) / sd);
        nextDensity[j] = (sum * h) / sd;
      }
    }
    points = next;
    density = nextDensity;
    previousT = t;
  }
  return levels;
}

/** Trapezoid weights. */
function weight(i: number, n: number): number {
  return i === 0 || i === n - 1 ? 0.5 : 1;
}

/**
 * P(Z ≥ z) by the Chebyshev fit of erfc in Numerical Recipes (relative error
 * under 1.2e-7): the grid sums call it millions of times, where the exact
 * tail's series would be slow and its extra digits lost in the grid's error.
 */
function fastUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}
