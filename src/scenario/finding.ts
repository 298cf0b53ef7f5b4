import type { ScenarioProblem } from '../common/errors.js';
import { formatPath, type FieldPath, type Position } from './yaml-source.js';

/** A problem known by its field path only; the loader places it in its file. */
export interface Finding {
  path: FieldPath;
  message: string;
  expected?: string;
  found?: string;
  /** How to fix it: required, so that no rejection leaves the user guessing. */
  hint: string;
}

export function placeFindings(
  findings: readonly Finding[],
  site: { file: string; locate(path: FieldPath): Position },
): ScenarioProblem[] {
  return findings.map(({ path, ...rest }) => ({
    file: site.file,
    ...site.locate(path),
    path: formatPath(path),
    ...rest,
  }));
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function recordOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
