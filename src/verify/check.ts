/** What every kind of check returns, and the small statistics they share. */

export const CHECK_KINDS = ['http', 'load', 'job', 'command'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export type Verdict = 'passed' | 'failed';

export interface CheckResult {
  kind: CheckKind;
  /** What was checked, as the summary names it: `GET https://shop.example.com/healthz`, `job smoke-x7k2p`. */
  name: string;
  verdict: Verdict;
  /** The figures, for the JSON report; units are in the names (`latencyMs`) or are counts and ratios. */
  figures: Record<string, unknown>;
  /** The same figures as a person reads them, with units: `10/10 passed · 200 ×10 · p50 12 ms`. */
  shown: string;
  /** Why it failed, once; absent when it passed. */
  reason?: string;
  durationMs: number;
}

/** Nearest-rank percentile of values sorted ascending; NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Counts of equal strings, most frequent first (ties in first-seen order). */
export function tally(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** `200 ×9, 503 ×1`; a single kind alone is shown without its count when `plainSingle`. */
export function formatTally(counts: [string, number][], plainSingle = false): string {
  if (plainSingle && counts.length === 1 && counts[0][1] === 1) return counts[0][0];
  return counts.map(([value, count]) => `${value} ×${count}`).join(', ');
}
