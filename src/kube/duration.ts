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
