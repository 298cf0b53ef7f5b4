import { describe, expect, it } from 'vitest';
import type { ObjectiveRow } from './measure/index.js';
import { worstRows, type IterationResult } from './iteration-results.js';

const row = (objective: string, status: ObjectiveRow['status'], measured: number | null): ObjectiveRow => ({
  objective,
  kind: 'recover',
  unit: 'ms',
  comparison: '<=',
  target: 1000,
  measured,
  status,
});
const iteration = (index: number, objectives: ObjectiveRow[]): IterationResult => ({
  index,
  startedAt: 0,
  endedAt: 1,
  faults: [],
  objectives,
});

describe('worstRows over repeat iterations', () => {
  it('keeps the slowest passing row when all pass', () => {
    const rows = worstRows([
      iteration(0, [row('recover', 'passed', 400)]),
      iteration(1, [row('recover', 'passed', 900)]),
    ]);
    expect(rows).toEqual([row('recover', 'passed', 900)]);
  });

  it('a failed iteration wins over faster or slower passing ones', () => {
    const rows = worstRows([
      iteration(0, [row('recover', 'passed', 990)]),
      iteration(1, [row('recover', 'failed', 1001)]),
      iteration(2, [row('recover', 'not-measured', null)]),
    ]);
    expect(rows).toEqual([row('recover', 'failed', 1001)]);
  });

  it('keeps one row per objective in first-seen order', () => {
    const rows = worstRows([iteration(0, [row('detect', 'passed', 10), row('recover', 'passed', 20)])]);
    expect(rows.map((r) => r.objective)).toEqual(['detect', 'recover']);
  });
});
