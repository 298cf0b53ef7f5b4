/** Compact axis labels relative to t0: `t0`, `+500ms`, `+2s`, `-1.5s`, `+2m30s`. */
export function tickLabel(deltaMs: number, zero = 't0'): string {
  const ms = Math.round(Math.abs(deltaMs));
  if (ms === 0) return zero;
  const sign = deltaMs < 0 ? '-' : '+';
  if (ms < 1000) return `${sign}${ms}ms`;
  if (ms < 60_000) return `${sign}${Number((ms / 1000).toFixed(1))}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${sign}${minutes}m${seconds > 0 ? `${String(seconds).padStart(2, '0')}s` : ''}`;
}
