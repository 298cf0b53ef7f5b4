import type { ProbeRole } from '../probes/probe.js';

/**
 * One probe sample. A tick that found the previous check still running takes no sample: it is
 * counted in the probe's `skippedTicks`, never as a pass or a failure.
 * Times are monotonic ms on the run's clock.
 */
export interface Sample {
  probe: string;
  role: ProbeRole;
  /** When the scheduler meant to take it. */
  scheduledAt: number;
  /**
   * The instant the sample describes: when the check started or, for a probe that reports an
   * observed event (`ProbeOutcome.at`, e.g. a log line's arrival), that event's time.
   */
  startedAt: number;
  endedAt: number;
  ok: boolean;
  detail?: string;
  value?: number;
  /**
   * `startedAt` is an event the probe observed (`ProbeOutcome.at`: a log line's arrival), not the
   * check's start: the instant is bounded by the line's delivery delay, not by the interval.
   */
  observedEvent?: true;
}
