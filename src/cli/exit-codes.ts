import type { ErrorCode } from '../common/errors.js';

export const ExitCode = {
  passed: 0,
  failed: 1,
  invalid: 2,
  aborted: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The one place that maps error codes to exit codes. */
export const exitCodeForError: Record<ErrorCode, ExitCode> = {
  SCENARIO_INVALID: ExitCode.invalid,
  USAGE: ExitCode.invalid,
  ENVIRONMENT: ExitCode.aborted,
  TARGET: ExitCode.aborted,
  FAULT_NO_EFFECT: ExitCode.aborted,
  TIMEOUT: ExitCode.aborted,
  ABORTED: ExitCode.aborted,
  INTERNAL: ExitCode.aborted,
};
