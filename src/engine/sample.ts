import type { ProbeRole } from '../probes/probe.js';

/** One probe sample. Times are monotonic ms on the run's clock. */
export interface Sample {
  probe: string;
  role: ProbeRole;
  /** When the scheduler meant to take it. */
  scheduledAt: number;
  /** When the check started: the instant the sample describes. */
  startedAt: number;
  endedAt: number;
  ok: boolean;
  detail?: string;
  value?: number;
  /** The previous check was still running at this tick: counted as a failure, not stacked. */
  overrun?: boolean;
}
