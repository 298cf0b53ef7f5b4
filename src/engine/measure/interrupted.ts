import { formatDuration } from '../../common/duration.js';
import type { Measurements, TimeMeasurement } from '../../result/index.js';
import { stableRounds, windowLast, type Recovery } from './recovery.js';
import { recoveryHorizon } from './recovery-horizon.js';
import { probesWithRole } from './series.js';
import { rateRoundMs, steadySignals, type SignalSources } from './signals.js';

export interface InterruptionInput extends SignalSources {
  t0: number;
  stableFor?: number;
  recoverTimeoutMs: number;
  signals?: readonly string[];
  rateSettleMs?: number;
  /** When the run was interrupted (signal, abort probe, drill timeout). */
  stoppedAt?: number;
}

/**
 * A run interrupted before a measurement was decided did not measure it: the figure becomes
 * `not-measured (aborted at +Xs)`, never the timeout it did not wait for, nor a 0 for an impact
 * it had no time to see. Decided means what a completed run would have waited for: recovery's
 * stable window complete, or its horizon passed; for no impact, a full window after t0 from
 * every signal; detection seen, or the recover horizon passed.
 */
export function interruptedMeasurements(
  m: Measurements,
  recovery: Recovery,
  input: InterruptionInput,
): Measurements {
  const stoppedAt = input.stoppedAt;
  if (stoppedAt === undefined) return m;
  const abortedAtMs = stoppedAt - input.t0;
  const selected = input.signals;
  const horizon = recoveryHorizon({
    ...input,
    probes: probesWithRole(input.probes, 'steady').filter((p) => !selected || selected.includes(p.name)),
    ...(input.requests || input.writes
      ? { rate: { roundMs: rateRoundMs(input.probes, selected), settleMs: input.rateSettleMs ?? 0 } }
      : {}),
  });
  const pastHorizon = stoppedAt >= horizon;
  const recoverDecided =
    pastHorizon ||
    recovery.status === 'recovered' ||
    recovery.status === 'not-measured' ||
    (recovery.status === 'no-impact' && fullWindowAfterT0(input));
  const detectDecided = pastHorizon || m.detect.status === 'measured' || m.detect.status === 'not-measured';
  const when = `+${formatDuration(Math.max(0, abortedAtMs))}`;
  const aborted = (what: string): TimeMeasurement => ({
    status: 'not-measured',
    reason: `the run was interrupted at ${when}, before ${what} was measured`,
    abortedAtMs,
  });
  const recover = recoverDecided ? m.recover : aborted('recovery');
  const detect = detectDecided ? m.detect : aborted('detection');
  return {
    ...m,
    abortedAtMs,
    detect,
    recover,
    total: recover,
    recovered: recoverDecided ? m.recovered : true,
    recoveryAfterDetection:
      recoverDecided && detectDecided ? m.recoveryAfterDetection : aborted('recovery after detection'),
  };
}

/** Every steady signal had its full stable window after t0: an impact had its chance to show. */
function fullWindowAfterT0(input: InterruptionInput): boolean {
  const signals = steadySignals({ ...input, selected: input.signals });
  const roundMs = rateRoundMs(input.probes, input.signals);
  const stableFor = stableRounds(input.stableFor);
  return signals.every((s) => windowLast(s, input.t0, stableFor, roundMs) !== undefined);
}
