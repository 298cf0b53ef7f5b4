import type { Sample } from '../../result/sample.js';
import { formatDuration } from '../../common/duration.js';
import type { ObjectiveRow } from '../../result/objective-row.js';
import { countDuring, emptyDuringTally, mergeDuring, type DuringTally } from './during-tally.js';
import { probesWithRole, samplesOf, type ProbeInfo, type TimeWindow } from './series.js';

export interface DuringInput {
  t0: number;
  samples: readonly Sample[];
  probes: readonly ProbeInfo[];
  /** While faults were fully in place, as [start, end) windows. */
  faultWindows: readonly TimeWindow[];
  /** A long drill's older `during` samples, already counted per probe (see `during-tally.ts`). */
  duringTallies?: ReadonlyMap<string, DuringTally>;
  /** Also count per window of this length from t0 (the soak objectives' `per`). */
  perMs?: number;
}

/**
 * One row per `during` probe: the fraction of its samples that ran entirely while a fault was in
 * place and met its expectation (`expect: pass` or `fail`). A check that straddles a window's edge
 * may have seen the system before or after the fault, so it does not count. A single violation
 * fails the row.
 */
export function evaluateDuring(input: DuringInput): ObjectiveRow[] {
  return duringTallies(input).map(({ probe, tally }) => duringRow(probe, tally, input.t0));
}

/** Each `during` probe's counts: its folded tally plus the samples still kept. */
export function duringTallies(input: DuringInput): Array<{ probe: ProbeInfo; tally: DuringTally }> {
  const { t0, samples, probes, faultWindows, perMs } = input;
  return probesWithRole(probes, 'during').map((probe) => {
    const kept = emptyDuringTally();
    const context = { expect: probe.expect ?? 'pass', faultWindows, t0, perMs } as const;
    for (const sample of samplesOf(samples, [probe])) countDuring(kept, sample, context);
    const folded = input.duringTallies?.get(probe.name);
    return { probe, tally: folded ? mergeDuring(folded, kept) : kept };
  });
}

function duringRow(probe: ProbeInfo, tally: DuringTally, t0: number): ObjectiveRow {
  const expect = probe.expect ?? 'pass';
  const base = {
    objective: `during ${probe.name}`,
    kind: 'during',
    unit: 'fraction',
    comparison: '>=',
    target: 1,
  } as const;
  if (tally.inFault === 0) {
    return {
      ...base,
      measured: null,
      status: 'not-measured',
      reason: `no sample of ${probe.name} while a fault was active`,
    };
  }
  const measured = (tally.inFault - tally.violations) / tally.inFault;
  const first = tally.first;
  if (!first) return { ...base, measured, status: 'passed' };
  const seen = expect === 'pass' ? `failed${first.detail ? ` (${first.detail})` : ''}` : 'passed';
  const reason =
    `expected to ${expect} while a fault is active; ${tally.violations} of ${tally.inFault} samples did not, ` +
    `first at +${formatDuration(first.startedAt - t0)}: ${seen}`;
  return { ...base, measured, status: 'failed', reason };
}
