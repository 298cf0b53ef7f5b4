import { formatDuration } from './duration.js';

/** A window length as a scenario writes it: `1h`, `30m`, `90s`, else the usual duration text. */
export function formatPer(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return formatDuration(ms);
}
