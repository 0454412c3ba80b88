/** Numbers as people read them in a report: 4 significant digits, no exponent for everyday sizes. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e9) return String(Number(value.toPrecision(4)));
  return value.toExponential(3).replace(/\.?0+e/, 'e');
}

/** A finite number, or null where JSON has no NaN or Infinity. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
