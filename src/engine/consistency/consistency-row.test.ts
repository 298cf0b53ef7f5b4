import { describe, expect, it } from 'vitest';
import { displayRow } from '../row-display.js';
import { evaluateObjectives, unmeasuredObjectives } from '../measure/objectives.js';
import type { Measurements } from '../../result/index.js';
import { consistencyRow } from './consistency-row.js';
import { objectiveTargets } from './open-state-reads.js';

const before = { n1: { value: '4096', digest: 'aaa' }, n2: { value: '4096', digest: 'aaa' } };

describe('the consistent objective', () => {
  it('passes with the time the replicas took to converge, bounded by the round before', () => {
    const row = consistencyRow(10_000, {
      status: 'consistent',
      ms: 1500,
      resolutionMs: 500,
      rounds: 4,
      before,
      after: before,
    });
    expect(row).toMatchObject({
      objective: 'consistent',
      kind: 'consistent',
      status: 'passed',
      measured: 1500,
    });
    expect(displayRow(row)).toEqual({ target: '<= 10.0s', measured: '1.50s ± 500ms' });
  });

  it('fails naming the replicas that differ, in the row and in the words every report shows', () => {
    const row = consistencyRow(5000, {
      status: 'inconsistent',
      ms: 5020,
      rounds: 11,
      before,
      after: { ...before, n3: { value: '1', digest: 'bbb' } },
      divergent: { n3: '1' },
      reason: 'after 5.02s (11 rounds of reads): n3 differs: n1, n2 → 4096; n3 → 1',
    });
    expect(row).toMatchObject({ status: 'failed', exceeded: true, measured: 5000, divergent: { n3: '1' } });
    expect(row.reason).toContain('n3 differs: n1, n2 → 4096; n3 → 1');
    expect(displayRow(row).measured).toBe('> 5.00s (n3 differs)');
  });

  it('is not measured when the run ended before the read after recovery, or without a section', () => {
    const cut = consistencyRow(5000, {
      status: 'not-measured',
      reason: 'the run ended before the state was read after recovery',
    });
    expect(cut).toMatchObject({
      status: 'not-measured',
      measured: null,
      reason: /before the state was read/,
    });
    expect(consistencyRow(5000, undefined)).toMatchObject({
      status: 'not-measured',
      reason: 'the drill has no consistency section',
    });
  });

  it('takes its target from consistency.within, and is judged with the others', () => {
    const targets = objectiveTargets({ recover: 5000, consistent: true }, { within: 8000 } as never);
    expect(targets).toEqual({ recover: 5000, consistent: 8000 });
    const m = {
      recover: { status: 'measured', ms: 100, resolution: { ms: 10, basis: 'exact' } },
      consistency: { status: 'consistent', ms: 0, resolutionMs: 0, rounds: 1, before: {}, after: {} },
      during: [],
    } as unknown as Measurements;
    expect(evaluateObjectives(targets, m).map((r) => [r.objective, r.status])).toEqual([
      ['recover', 'passed'],
      ['consistent', 'passed'],
    ]);
    expect(unmeasuredObjectives(targets, 'no fault took effect').at(-1)).toMatchObject({
      objective: 'consistent',
      status: 'not-measured',
      target: 8000,
    });
  });
});
