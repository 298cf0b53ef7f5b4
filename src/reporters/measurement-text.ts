import { formatDuration } from '../common/duration.js';
import type { TimeMeasurement } from '../engine/measure/index.js';

/** A measured time as every report shows it: `2.19s ± 100ms`, `not recovered (> 20.0s)`, `not measured`. */
export function timeText(m: TimeMeasurement | undefined): string {
  if (!m) return 'not measured';
  switch (m.status) {
    case 'measured':
      return m.resolutionMs > 0
        ? `${formatDuration(m.ms)} ± ${formatDuration(m.resolutionMs)}`
        : formatDuration(m.ms);
    case 'not-measured':
      return 'not measured';
    case 'not-detected':
      return `not detected (> ${formatDuration(m.exceeds)})`;
    case 'not-recovered':
      return `not recovered (> ${formatDuration(m.exceeds)})`;
  }
}

/** What a reader should know besides the figure: the reason it is missing, or the figure's note. */
export function timeComment(m: TimeMeasurement | undefined): string | undefined {
  if (!m) return undefined;
  if (m.status === 'measured')
    return [m.probe && `from ${m.probe}`, m.note].filter(Boolean).join('; ') || undefined;
  return m.reason;
}

/** `+1.23s`, `-500ms` or `t0`: an instant on the run clock relative to t0. */
export function sinceT0(t: number, t0: number | undefined): string {
  if (t0 === undefined) return formatDuration(t);
  const delta = t - t0;
  if (Math.abs(delta) < 0.5) return 't0';
  return `${delta < 0 ? '-' : '+'}${formatDuration(Math.abs(delta))}`;
}

export function percentText(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}
