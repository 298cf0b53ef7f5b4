import type { Sample } from '../sample.js';
import { formatDuration } from '../../common/duration.js';
import { findDetection } from './detection.js';
import { evaluateDuring } from './during.js';
import { measureLoad, type LoadMeasurement, type RequestResult } from './load.js';
import type { ObjectiveRow } from './objective-row.js';
import { findRecovery, type Impact, type Recovery } from './recovery.js';
import { measureData, type DataMeasurement, type LedgerSummary } from './rpo.js';
import { probesWithRole, type ProbeInfo, type TimeWindow } from './series.js';
import { measured, notMeasured, type TimeMeasurement } from './time-measurement.js';

export interface MeasureInput {
  /** The first fault took effect (its injector returned after verifying the effect). */
  t0: number;
  /** When that fault's injector was called: a detection between this and t0 counts (TTD 0). */
  faultStartedAt?: number;
  samples: readonly Sample[];
  probes: readonly ProbeInfo[];
  /** Consecutive passing rounds that prove recovery (default 3). */
  stableFor?: number;
  recoverTimeoutMs: number;
  /** While faults were active, as [start, end) windows. */
  faultWindows: readonly TimeWindow[];
  ledger?: LedgerSummary;
  /** Why there is no ledger summary although the drill has a ledger (its read-back failed...). */
  ledgerUnavailable?: string;
  requests?: readonly RequestResult[];
}

/** Everything a drill measured; times are ms since t0 (`at` fields are run-clock instants). */
export interface Measurements {
  t0: number;
  impact: Impact;
  /** TTD. */
  detect: TimeMeasurement;
  /** TTR = t_r − t0 (0 without impact). */
  recover: TimeMeasurement;
  /** t_r − t_d; negative when the system recovered before it signalled detection. */
  recoveryAfterDetection: TimeMeasurement;
  /** Total = TTR. */
  total: TimeMeasurement;
  /** False only when steady state did not come back before the deadline: the drill fails. */
  recovered: boolean;
  during: ObjectiveRow[];
  data?: DataMeasurement;
  /** Why `data` is missing although the drill has a ledger. */
  dataUnavailable?: string;
  load?: LoadMeasurement;
}

export function measure(input: MeasureInput): Measurements {
  const { t0 } = input;
  const recovery = findRecovery(input);
  const detect = findDetection(input);
  const recover = timeToRecover(recovery, input);
  const result: Measurements = {
    t0,
    impact: 'impact' in recovery ? recovery.impact : { status: 'none' },
    detect,
    recover,
    recoveryAfterDetection: afterDetection(detect, recover, recovery, input),
    total: recover,
    recovered: recovery.status !== 'not-recovered',
    during: evaluateDuring(input),
  };
  if (input.ledger) result.data = measureData(input.ledger, t0);
  else if (input.ledgerUnavailable !== undefined) result.dataUnavailable = input.ledgerUnavailable;
  if (input.requests)
    result.load = measureLoad({ t0, faultWindows: input.faultWindows, requests: input.requests });
  return result;
}

function timeToRecover(recovery: Recovery, input: MeasureInput): TimeMeasurement {
  switch (recovery.status) {
    case 'not-measured':
      return notMeasured(recovery.reason);
    case 'no-impact': {
      // A failure shorter than the steady probes' interval could hide between samples.
      const resolutionMs = Math.max(...probesWithRole(input.probes, 'steady').map((p) => p.interval));
      return measured(0, resolutionMs, { at: input.t0, note: 'no steady probe failed after the fault' });
    }
    case 'recovered':
      return measured(recovery.at - input.t0, recovery.resolutionMs, {
        at: recovery.at,
        probe: recovery.probe,
      });
    case 'not-recovered':
      return {
        status: 'not-recovered',
        exceeds: input.recoverTimeoutMs,
        reason: `steady state did not hold again within the recover timeout of ${formatDuration(input.recoverTimeoutMs)}`,
      };
  }
}

function afterDetection(
  detect: TimeMeasurement,
  recover: TimeMeasurement,
  recovery: Recovery,
  input: MeasureInput,
): TimeMeasurement {
  if (detect.status === 'not-measured') return notMeasured(detect.reason);
  if (detect.status !== 'measured') return notMeasured('the fault was not detected');
  if (recovery.status === 'no-impact') return notMeasured('the fault had no visible impact');
  if (recover.status === 'not-recovered') {
    const exceeds = input.recoverTimeoutMs - detect.ms;
    return { status: 'not-recovered', exceeds, reason: recover.reason };
  }
  if (recover.status !== 'measured') return recover;
  // Each end is uncertain by its own probe's interval, so the difference is uncertain by both.
  const at = recover.at !== undefined ? { at: recover.at } : {};
  return measured(recover.ms - detect.ms, recover.resolutionMs + detect.resolutionMs, at);
}
