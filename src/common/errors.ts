/**
 * Every error firedrill raises on purpose carries a stable `code`. Only `src/cli` turns codes into
 * messages and exit codes (see `src/cli/exit-codes.ts`).
 */
export type ErrorCode =
  | 'SCENARIO_INVALID'
  | 'USAGE'
  | 'ENVIRONMENT'
  | 'TARGET'
  | 'FAULT_NO_EFFECT'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'UNSAFE_FILE'
  | 'INTERNAL';

export abstract class FiredrillError extends Error {
  abstract readonly code: ErrorCode;
  /** One line telling the user how to fix it. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** One located problem in a scenario, objectives or schedule file. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** Field path, e.g. `faults[0].duration`. */
  path: string;
  message: string;
  expected?: string;
  found?: string;
  /** How to fix it: required, so that no rejection leaves the user guessing. */
  hint: string;
}

export class ScenarioError extends FiredrillError {
  readonly code = 'SCENARIO_INVALID';
  constructor(readonly problems: readonly ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: ScenarioProblem): string {
  const lines = [`${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`];
  if (p.expected !== undefined) lines.push(`  expected: ${p.expected}`);
  if (p.found !== undefined) lines.push(`  found:    ${p.found}`);
  lines.push(`  hint:     ${p.hint}`);
  return lines.join('\n');
}

export class UsageError extends FiredrillError {
  readonly code = 'USAGE';
}

/** The machine lacks something a drill needs (Docker engine, Toxiproxy, k6...). */
export class EnvironmentError extends FiredrillError {
  readonly code = 'ENVIRONMENT';
}

/** The system under test could not be brought up, reached or controlled. */
export class TargetError extends FiredrillError {
  readonly code = 'TARGET';
}

/** A fault's injector returned but the effect it promised is not there. */
export class FaultNoEffectError extends FiredrillError {
  readonly code = 'FAULT_NO_EFFECT';
}

export class TimeoutError extends FiredrillError {
  readonly code = 'TIMEOUT';
}

/** The drill was stopped on purpose: steady state not held, an abort probe tripped, a signal, the drill timeout. */
export class DrillAbortedError extends FiredrillError {
  readonly code = 'ABORTED';
}

/** A file firedrill was to write or trust is a symlink, not a regular file, or not its own. */
export class UnsafeFileError extends FiredrillError {
  readonly code = 'UNSAFE_FILE';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
