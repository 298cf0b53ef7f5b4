import { formatDuration } from '../common/duration.js';
import { abortedText } from '../result/aborted-text.js';
import type { Impact, TimeMeasurement } from '../result/index.js';

/**
 * A measured time as every report shows it: `2.19s ± 100ms`, `not recovered (> 20.0s)`,
 * `not measured`, `not measured (aborted at +0.50s)`.
 */
export function timeText(m: TimeMeasurement | undefined): string {
  if (!m) return 'not measured';
  switch (m.status) {
    case 'measured':
      return m.resolution.ms > 0
        ? `${formatDuration(m.ms)} ± ${formatDuration(m.resolution.ms)}`
        : formatDuration(m.ms);
    case 'not-measured':
      return m.abortedAtMs === undefined ? 'not measured' : abortedText(m.abortedAtMs);
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
    return [m.signal && `from ${m.signal}`, boundText(m.resolution), m.note].filter(Boolean).join('; ');
  return m.reason;
}

/** How a ± was obtained: `± 100ms: bracketing samples`; nothing for an exact figure. */
export function boundText(resolution: { ms: number; basis: string }): string | undefined {
  if (resolution.ms === 0 && resolution.basis === 'exact') return undefined;
  return `± ${formatDuration(resolution.ms)} (${resolution.basis})`;
}

/** `+1.20s on load (request failed after 2.00s) ± 50ms`, or `none`: where the impact was first seen. */
export function impactText(impact: Impact, t0: number): string {
  if (impact.status === 'none') return 'none: no steady signal failed after the fault';
  const detail = impact.detail ? ` (${impact.detail})` : '';
  return `${sinceT0(impact.at, t0)} on ${impact.signal}${detail} ± ${formatDuration(impact.resolution.ms)}`;
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
