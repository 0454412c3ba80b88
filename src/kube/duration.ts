import { InputError } from '../action/errors.js';

/**
 * Durations as Go writes them (`90s`, `5m`, `1h30m`, `1.5h`, `250ms`), the
 * form kubectl's own `--timeout` takes, so users need learn only one.
 */
const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds in a Go duration, or undefined when the text is not one. Zero is `0` or any unit with zero. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  if (!value) return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < value.length) {
    const at = PART.lastIndex;
    const match = PART.exec(value);
    if (!match || match.index !== at) return undefined;
    total += Number(match[1]) * UNITS[match[2]];
  }
  return total;
}

/**
 * The longest a job runs on GitHub-hosted runners. No wait an action makes is
 * of use past it, and it keeps every duration far below what a timer holds
 * (setTimeout fires at once for more than 2^31-1 ms, about 24.8 days).
 */
export const MAX_JOB_MS = 6 * 3_600_000;
export const JOB_LIMIT = 'a GitHub job lasts (6 h on hosted runners)';
export const DURATION_FORM = "a Go duration such as '90s', '5m' or '1h30m'";

/** How long a duration input may be: the bound, what it is in words, and the form the error asks for. */
export interface DurationLimit {
  ms: number;
  /** Completes "'…' is longer than …". */
  beyond: string;
  /** Appended to the expected form, e.g. 'at most 6h'. */
  atMost: string;
}

export const JOB_BOUND: DurationLimit = { ms: MAX_JOB_MS, beyond: JOB_LIMIT, atMost: 'at most 6h' };

/**
 * A duration input, in milliseconds: a Go duration, positive (or zero when
 * `zero`), and within `limit` (by default, as long as a job runs). Every
 * refusal names the input.
 */
export function jobDuration(
  text: string,
  input: string,
  { zero = false, limit = JOB_BOUND }: { zero?: boolean; limit?: DurationLimit } = {},
): number {
  const ms = parseDuration(text);
  const form = `${DURATION_FORM}, ${limit.atMost}`;
  if (ms === undefined || ms < 0 || (ms === 0 && !zero)) {
    throw new InputError(input, `'${text}' is not a ${zero ? '' : 'positive '}duration`, form);
  }
  if (!(ms <= limit.ms)) throw new InputError(input, `'${text}' is longer than ${limit.beyond}`, form);
  return ms;
}

/** A duration for people: `850 ms`, `12.3 s`, `4m05s`, `5m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60 ? `${String(seconds % 60).padStart(2, '0')}s` : '';
  return hours ? `${hours}h${String(minutes).padStart(2, '0')}m${rest}` : `${minutes}m${rest}`;
}
