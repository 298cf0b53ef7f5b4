import type { Measurements, Sample } from '../../result/index.js';
import { findDetection } from './detection.js';
import { evaluateDuring, duringTallies } from './during.js';
import type { DuringTally } from './during-tally.js';
import type { LoadTally } from './load-tally.js';
import { measureSoak } from './soak.js';
import { interruptedMeasurements } from './interrupted.js';
import { measureLoad, type RequestResult } from './load.js';
import { findRecovery } from './recovery.js';
import { afterDetection, timeToRecover } from './recovery-times.js';
import { measureData, type LedgerSummary } from './rpo.js';
import type { ProbeInfo, TimeWindow } from './series.js';
import { rateRoundMs, steadySignals, type LedgerWriteOutcome } from './signals.js';

export type { Measurements };

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
  /**
   * The requests the `load` signal's recovery maths reads, when a long drill kept fewer than all
   * (default `requests`).
   */
  signalRequests?: readonly RequestResult[];
  /** The ledger's writes, each a steady signal observation (`ledger`). */
  writes?: readonly LedgerWriteOutcome[];
  /** `recovery.signals`: the steady signals that judge impact and recovery; default all. */
  signals?: readonly string[];
  /** The run was interrupted at this instant: what was not decided by then is not measured. */
  stoppedAt?: number;
  /** How long a load request or ledger write may take to settle (their timeouts). */
  rateSettleMs?: number;
  /** A long drill's older `during` samples and load requests, counted instead of kept. */
  duringTallies?: ReadonlyMap<string, DuringTally>;
  loadTally?: LoadTally;
  /** The soak objectives' window (`objectives.soak.per`): figures per window from t0. */
  perMs?: number;
}

export function measure(input: MeasureInput): Measurements {
  const { t0 } = input;
  const signals = steadySignals({
    ...input,
    requests: input.signalRequests ?? input.requests,
    selected: input.signals,
  });
  const recovery = findRecovery({ ...input, signals, roundMs: rateRoundMs(input.probes, input.signals) });
  const detect = findDetection(input);
  const recover = timeToRecover(recovery, input);
  const complete: Measurements = {
    t0,
    signals: signals.map((s) => s.name),
    impact: 'impact' in recovery ? recovery.impact : { status: 'none' },
    detect,
    recover,
    recoveryAfterDetection: afterDetection(detect, recover, recovery, input),
    total: recover,
    recovered: recovery.status !== 'not-recovered',
    during: evaluateDuring(input),
  };
  const result =
    input.stoppedAt === undefined ? complete : interruptedMeasurements(complete, recovery, input);
  if (input.ledger) result.data = measureData(input.ledger, t0);
  else if (input.ledgerUnavailable !== undefined) result.dataUnavailable = input.ledgerUnavailable;
  if (input.requests || input.loadTally)
    result.load = measureLoad({
      t0,
      faultWindows: input.faultWindows,
      requests: input.requests ?? [],
      ...(input.loadTally && { tally: input.loadTally }),
    });
  if (input.perMs !== undefined)
    result.soak = measureSoak({
      t0,
      perMs: input.perMs,
      faultWindows: input.faultWindows,
      requests: input.requests,
      loadTally: input.loadTally,
      during: duringTallies(input),
    });
  return result;
}
