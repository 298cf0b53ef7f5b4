import type { Sample } from '../../result/sample.js';
import { formatDuration } from '../../common/duration.js';
import type { ObjectiveRow } from '../../result/objective-row.js';
import { probesWithRole, ranWithin, samplesOf, type ProbeInfo, type TimeWindow } from './series.js';

export interface DuringInput {
  t0: number;
  samples: readonly Sample[];
  probes: readonly ProbeInfo[];
  /** While faults were fully in place, as [start, end) windows. */
  faultWindows: readonly TimeWindow[];
}

/**
 * One row per `during` probe: the fraction of its samples that ran entirely while a fault was in
 * place and met its expectation (`expect: pass` or `fail`). A check that straddles a window's edge
 * may have seen the system before or after the fault, so it does not count. A single violation
 * fails the row.
 */
export function evaluateDuring({ t0, samples, probes, faultWindows }: DuringInput): ObjectiveRow[] {
  return probesWithRole(probes, 'during').map((probe) => {
    const expect = probe.expect ?? 'pass';
    const base = {
      objective: `during ${probe.name}`,
      kind: 'during',
      unit: 'fraction',
      comparison: '>=',
      target: 1,
    } as const;
    const inFault = samplesOf(samples, [probe]).filter((s) => ranWithin(s, faultWindows));
    if (inFault.length === 0) {
      return {
        ...base,
        measured: null,
        status: 'not-measured',
        reason: `no sample of ${probe.name} while a fault was active`,
      };
    }
    const violations = inFault.filter((s) => s.ok !== (expect === 'pass'));
    const measured = (inFault.length - violations.length) / inFault.length;
    const first = violations[0];
    if (!first) return { ...base, measured, status: 'passed' };
    const seen = expect === 'pass' ? `failed${first.detail ? ` (${first.detail})` : ''}` : 'passed';
    const reason =
      `expected to ${expect} while a fault is active; ${violations.length} of ${inFault.length} samples did not, ` +
      `first at +${formatDuration(first.startedAt - t0)}: ${seen}`;
    return { ...base, measured, status: 'failed', reason };
  });
}
