import type { Measurements, RepeatedMeasurement, RepeatSummary } from '../../result/index.js';
import { distribution } from './stats.js';

import type { TimeMeasurement } from './time-measurement.js';

export type { RepeatedMeasurement, RepeatSummary };

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
    : { status: 'measured', ms: value, resolution: { ms: 0, basis: 'exact' } };
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
