export { measure, type MeasureInput, type Measurements } from './measurements.js';
export { evaluateObjectives, unmeasuredObjectives, type ObjectiveTargets } from './objectives.js';
export { decideVerdict, type Verdict, type VerdictDecision, type VerdictInput } from './verdict.js';
export {
  objectiveKeys,
  type ObjectiveKey,
  type ObjectiveRow,
  type ObjectiveStatus,
} from '../../result/objective-row.js';
export type { TimeMeasurement, Resolution } from './time-measurement.js';
export { findDetection } from './detection.js';
export {
  findImpact,
  findRecovery,
  stableRounds,
  windowLast,
  DEFAULT_STABLE_FOR,
  type Impact,
  type Recovery,
} from './recovery.js';
export {
  steadySignals,
  knownSignals,
  rateRoundMs,
  LOAD_SIGNAL,
  LEDGER_SIGNAL,
  type LedgerWriteOutcome,
  type SignalSeries,
  type SignalPoint,
} from './signals.js';
export { recoveryHorizon, type HorizonInput } from './recovery-horizon.js';
export type { LedgerSummary, DataMeasurement } from './rpo.js';
export type { RequestResult, LoadMeasurement, Availability } from './load.js';
export type { ProbeInfo, TimeWindow } from './series.js';
export { distribution, percentileOfSorted, type Distribution, type LatencyPercentiles } from './stats.js';
export { summarizeRepeats, type RepeatSummary, type RepeatedMeasurement } from './repeat.js';
