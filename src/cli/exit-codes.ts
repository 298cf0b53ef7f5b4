import type { ErrorCode } from '../common/errors.js';
import type { Verdict } from '../result/index.js';

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
  UNSAFE_FILE: ExitCode.aborted,
  INTERNAL: ExitCode.aborted,
};

/** A drill's verdict as an exit code (the worst over several drills is the process's). */
export const exitCodeForVerdict: Record<Verdict, ExitCode> = {
  passed: ExitCode.passed,
  failed: ExitCode.failed,
  aborted: ExitCode.aborted,
  error: ExitCode.aborted,
};
