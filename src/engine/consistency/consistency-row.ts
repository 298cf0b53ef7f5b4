import type { ConsistencyMeasurement } from '../../result/consistency.js';
import type { ObjectiveRow } from '../../result/objective-row.js';
import { formatDuration } from '../../common/duration.js';

/**
 * The `consistent` row: "target" is the `within` bound, "measured" how long the replicas took to
 * converge after recovery (from the first round of reads). Failed: they were still apart at the
 * bound, and the row names the nodes that differ with what each held.
 */
export function consistencyRow(withinMs: number, m: ConsistencyMeasurement | undefined): ObjectiveRow {
  const head = {
    objective: 'consistent',
    kind: 'consistent',
    unit: 'ms',
    comparison: '<=',
    target: withinMs,
  } as const;
  if (!m)
    return {
      ...head,
      measured: null,
      status: 'not-measured',
      reason: 'the drill has no consistency section',
    };
  switch (m.status) {
    case 'not-measured':
      return { ...head, measured: null, status: 'not-measured', reason: m.reason };
    case 'inconsistent':
      return {
        ...head,
        measured: withinMs,
        exceeded: true,
        status: 'failed',
        reason: `the replicas did not converge: ${m.reason}`,
        divergent: m.divergent,
      };
    case 'consistent': {
      const resolution = {
        ms: m.resolutionMs,
        basis: m.rounds > 1 ? 'bracketing samples' : 'exact',
      } as const;
      if (m.ms <= withinMs) return { ...head, measured: m.ms, status: 'passed', resolution };
      // Possible only when a round of reads overran the bound: they converged, but not within it.
      const reason = `the replicas converged after ${formatDuration(m.ms)}, above the bound ${formatDuration(withinMs)}`;
      return { ...head, measured: m.ms, status: 'failed', resolution, reason };
    }
  }
}
