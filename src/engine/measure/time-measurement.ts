/**
 * A measured duration, or why there is none. Durations are ms since `t0` (the fault took effect)
 * unless a field says otherwise; `at` is the instant on the run's monotonic clock.
 */
export type TimeMeasurement =
  | {
      status: 'measured';
      ms: number;
      /** Uncertainty: the interval of the probe that produced the figure (the truth lies within it). */
      resolutionMs: number;
      at?: number;
      probe?: string;
      /** Something a reader should know about the figure (e.g. the detect probe passed already before the fault). */
      note?: string;
    }
  /** Nothing could measure it (no detect probe, no steady probe): never guessed. */
  | { status: 'not-measured'; reason: string }
  /** Detect probes ran but none passed in the `exceeds` ms observed after t0. */
  | { status: 'not-detected'; exceeds: number; reason: string }
  /** Steady state did not come back before the recover deadline: the time is `> exceeds`. */
  | { status: 'not-recovered'; exceeds: number; reason: string };

export type TimeStatus = TimeMeasurement['status'];

export function measured(
  ms: number,
  resolutionMs: number,
  extra: { at?: number; probe?: string; note?: string } = {},
): TimeMeasurement {
  return { status: 'measured', ms, resolutionMs, ...extra };
}

export function notMeasured(reason: string): TimeMeasurement {
  return { status: 'not-measured', reason };
}
