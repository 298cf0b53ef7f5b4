import { describe, expect, it } from 'vitest';
import type { ObjectiveRow } from '../../result/objective-row.js';
import { decideVerdict } from './verdict.js';

const row = (objective: string, status: ObjectiveRow['status'], reason?: string): ObjectiveRow => ({
  objective,
  kind: 'recover',
  unit: 'ms',
  comparison: '<=',
  target: 1000,
  measured: status === 'not-measured' ? null : 900,
  status,
  ...(reason ? { reason } : {}),
});

describe('decideVerdict', () => {
  it('passes when every objective passed and the system recovered', () => {
    expect(
      decideVerdict({ rows: [row('detect', 'passed'), row('recover', 'passed')], recovered: true }),
    ).toEqual({
      verdict: 'passed',
      reasons: [],
    });
    expect(decideVerdict({ rows: [], recovered: true }).verdict).toBe('passed');
  });

  it('fails when any objective failed or was not measured', () => {
    const failed = decideVerdict({
      rows: [row('detect', 'passed'), row('recover', 'failed', 'too slow')],
      recovered: true,
    });
    expect(failed).toEqual({ verdict: 'failed', reasons: ['recover failed: too slow'] });
    const unmeasured = decideVerdict({ rows: [row('rpo', 'not-measured', 'no ledger')], recovered: true });
    expect(unmeasured).toEqual({ verdict: 'failed', reasons: ['rpo was not measured: no ledger'] });
  });

  it('fails when recovery never came, even without a recover objective', () => {
    expect(decideVerdict({ rows: [row('detect', 'passed')], recovered: false })).toEqual({
      verdict: 'failed',
      reasons: ['the steady state did not recover before the recover timeout'],
    });
  });

  it('takes aborted and error from the engine, error first', () => {
    const rows = [row('recover', 'failed')];
    expect(
      decideVerdict({ rows, recovered: false, abortedReason: 'abort probe disk-guard tripped' }),
    ).toEqual({
      verdict: 'aborted',
      reasons: ['abort probe disk-guard tripped'],
    });
    expect(
      decideVerdict({ rows, recovered: true, abortedReason: 'x', error: 'target did not start' }),
    ).toEqual({
      verdict: 'error',
      reasons: ['target did not start'],
    });
  });
});
