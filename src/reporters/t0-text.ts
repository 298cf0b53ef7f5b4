import { formatDuration } from '../common/duration.js';
import type { DrillResult } from '../engine/result.js';

/**
 * One line on how well t0 is known: the fault's effect became true somewhere in its window, t0 is
 * the window's start, so every figure measured from t0 may overstate by up to its width.
 */
export function t0Text(result: Pick<DrillResult, 'timeline'>): string | undefined {
  const { t0Window, t0UncertaintyMs } = result.timeline;
  if (!t0Window || t0UncertaintyMs === undefined) return undefined;
  const fault = result.timeline.faults.find((f) => f.effectAt === t0Window.from);
  const name = fault ? `${fault.id}'s effect` : "the first fault's effect";
  return `t0: ${name} became true within ${formatUncertainty(t0UncertaintyMs)} of t0 (t0 is the earliest instant; figures from t0 may overstate by up to that)`;
}

/** Sub-millisecond precision where it exists: "0.4ms", "12ms", "1.20s". */
function formatUncertainty(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)}ms` : formatDuration(ms);
}
