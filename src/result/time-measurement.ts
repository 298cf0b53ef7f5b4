/**
 * How a figure's ± was obtained. `bracketing samples`: the gap between the last observation that
 * did not show the event and the first that did (the event lies between them). `log line
 * arrival`: dated at the matching line's arrival, bounded by the line's delivery delay.
 * `sampling interval`: no event was seen; one shorter than this could hide between samples.
 * `exact`: recorded instants (acknowledgement times), no sampling. `sum of both bounds`: a
 * difference of two figures, each uncertain by its own bound.
 */
export type ResolutionBasis =
  'bracketing samples' | 'log line arrival' | 'sampling interval' | 'exact' | 'sum of both bounds';

/** The real bound of a figure's error: the truth lies within `ms` before the figure. */
export interface Resolution {
  ms: number;
  basis: ResolutionBasis;
}

/**
 * A measured duration, or why there is none. Durations are ms since `t0` (the fault took effect)
 * unless a field says otherwise; `at` is the instant on the run's monotonic clock.
 */
export type TimeMeasurement =
  | {
      status: 'measured';
      ms: number;
      resolution: Resolution;
      at?: number;
      /** The signal that produced the figure: a probe's name, `load` or `ledger`. */
      signal?: string;
      /** Something a reader should know about the figure (e.g. the detect probe passed already before the fault). */
      note?: string;
    }
  /**
   * Nothing could measure it (no detect probe, no steady probe), or the run was interrupted
   * before it was decided (`abortedAtMs`: when, in ms since t0): never guessed.
   */
  | { status: 'not-measured'; reason: string; abortedAtMs?: number }
  /** Detect probes ran but none passed in the `exceeds` ms observed after t0. */
  | { status: 'not-detected'; exceeds: number; reason: string }
  /** Steady state did not come back before the recover deadline: the time is `> exceeds`. */
  | { status: 'not-recovered'; exceeds: number; reason: string };

export type TimeStatus = TimeMeasurement['status'];
