/**
 * The shape of `result.json` (firedrill.result/v1): written by the engine, read by the reporters,
 * `firedrill report` and the history. It lives below all of them, so none imports another's code.
 */
export type * from './drill-result.js';
export type * from './measurements.js';
export type * from './time-measurement.js';
export type * from './sample.js';
export type * from './window-summary.js';
export {
  objectiveKeys,
  type ObjectiveKey,
  type ObjectiveRow,
  type ObjectiveStatus,
} from './objective-row.js';
