import type { Measurements } from './measurements.js';
import { distribution, type Distribution } from './stats.js';
import type { TimeMeasurement } from './time-measurement.js';

/**
 * One measurement over the runs of `repeat: N`. Runs that did not detect or recover in time are
 * counted in `exceeded`, not folded into the distribution, so they can never make it look better.
 */
export interface RepeatedMeasurement {
  runs: number;
  /** Over the runs that measured a value; null when none did. */
  measured: Distribution | null;
  /** Runs where the value exceeded its timeout (not detected, not recovered). */
  exceeded: number;
  /** Runs where nothing could measure it. */
  notMeasured: number;
}

export interface RepeatSummary {
  runs: number;
  detect: RepeatedMeasurement;
  recover: RepeatedMeasurement;
  recoveryAfterDetection: RepeatedMeasurement;
  total: RepeatedMeasurement;
  rpo: RepeatedMeasurement;
  lostWrites: RepeatedMeasurement;
  availability: RepeatedMeasurement;
  latencyP99: RepeatedMeasurement;
}

export function summarizeRepeats(runs: readonly Measurements[]): RepeatSummary {
  const times = (pick: (m: Measurements) => TimeMeasurement | undefined): RepeatedMeasurement =>
    repeated(runs.map(pick));
  const values = (pick: (m: Measurements) => number | null | undefined): RepeatedMeasurement =>
    repeated(runs.map((m) => fromValue(pick(m))));
  return {
    runs: runs.length,
    detect: times((m) => m.detect),
    recover: times((m) => m.recover),
    recoveryAfterDetection: times((m) => m.recoveryAfterDetection),
    total: times((m) => m.total),
    rpo: times((m) => m.data?.rpo),
    lostWrites: values((m) => m.data?.lostWrites),
    availability: values((m) => m.load?.availability.fault?.ratio),
    latencyP99: values((m) => m.load?.latency.fault?.p99),
  };
}

function fromValue(value: number | null | undefined): TimeMeasurement | undefined {
  return value === null || value === undefined
    ? undefined
    : { status: 'measured', ms: value, resolutionMs: 0 };
}

function repeated(items: readonly (TimeMeasurement | undefined)[]): RepeatedMeasurement {
  const measured: number[] = [];
  let exceeded = 0;
  let notMeasured = 0;
  for (const item of items) {
    if (item?.status === 'measured') measured.push(item.ms);
    else if (item?.status === 'not-detected' || item?.status === 'not-recovered') exceeded++;
    else notMeasured++;
  }
  return { runs: items.length, measured: distribution(measured), exceeded, notMeasured };
}
