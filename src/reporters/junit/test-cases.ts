import type { DrillResult } from '../../result/index.js';
import { runDurationMs } from '../run-duration.js';

type Row = DrillResult['objectives'][number];

export interface TestCase {
  name: string;
  timeMs: number;
  outcome?: { kind: 'failure' | 'error'; type: string; message: string; text: string };
}

/**
 * One objective row. Its `time` is the measured time for time objectives (a CI's test timing
 * then shows TTR), 0 for counts and fractions. Not measured is a failure, not a skip: it fails
 * the drill (exit 1), and a skipped test would let a CI show green for a red drill.
 */
export function objectiveCase(row: Row): TestCase {
  const timeMs = row.unit === 'ms' && row.measured !== null ? row.measured : 0;
  const base = { name: row.objective, timeMs };
  if (row.status === 'passed') return base;
  const message =
    row.status === 'failed'
      ? `target ${row.display.target}, measured ${row.display.measured}`
      : `target ${row.display.target}, not measured${row.reason ? `: ${row.reason}` : ''}`;
  const text = [
    `objective: ${row.objective}`,
    `target:    ${row.display.target}`,
    `measured:  ${row.display.measured}`,
    `status:    ${row.status}`,
    ...(row.reason ? [`why:       ${row.reason}`] : []),
  ].join('\n');
  return {
    ...base,
    outcome: {
      kind: 'failure',
      type: row.status === 'failed' ? 'objective-failed' : 'not-measured',
      message,
      text,
    },
  };
}

/**
 * A `drill` testcase, present only when the objective rows do not tell the verdict: an aborted or
 * error drill (<error>), a failed drill without a failing row (recovery never came and no
 * `recover` objective), and a drill without objectives (passing, so the suite is never empty).
 */
export function drillCase(result: DrillResult): TestCase[] {
  const base = { name: 'drill', timeMs: runDurationMs(result) ?? 0 };
  const text = [...result.reasons, ...(result.hint ? [`hint: ${result.hint}`] : [])].join('\n');
  const reason = result.reason ?? result.verdict;
  switch (result.verdict) {
    case 'aborted':
    case 'error':
      return [
        {
          ...base,
          outcome: { kind: 'error', type: result.verdict, message: `${result.verdict}: ${reason}`, text },
        },
      ];
    case 'failed':
      if (result.objectives.some((row) => row.status !== 'passed')) return [];
      return [{ ...base, outcome: { kind: 'failure', type: 'verdict', message: `failed: ${reason}`, text } }];
    case 'passed':
      return result.objectives.length === 0 ? [base] : [];
  }
}
