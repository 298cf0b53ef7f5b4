import type { DrillResult } from '../engine/result.js';

/**
 * How long the run took, from its wall times; undefined when either does not parse as a date
 * (result.json is input to `firedrill report`, and every report then leaves the figure out).
 */
export function runDurationMs(result: Pick<DrillResult, 'startedAt' | 'endedAt'>): number | undefined {
  const ms = Date.parse(result.endedAt) - Date.parse(result.startedAt);
  return Number.isFinite(ms) ? ms : undefined;
}
