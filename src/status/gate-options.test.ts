import { describe, expect, it } from 'vitest';
import { UsageError } from '../common/errors.js';
import { gateRows, parseFailOn } from './fail-on.js';
import { parseSince } from './since.js';
import type { StatusReport, StatusRow } from './status-report.js';

describe('--since and --fail-on', () => {
  it('reads periods in minutes, hours, days and weeks', () => {
    expect(parseSince('90d')).toBe(90 * 86_400_000);
    expect(parseSince('12w')).toBe(84 * 86_400_000);
    expect(parseSince('36h')).toBe(36 * 3_600_000);
    expect(parseSince('30m')).toBe(1_800_000);
  });

  it.each(['', '0d', '90', '1.5d', '90 days', '-1d', '9999999999999999d'])('refuses --since %j', (text) => {
    expect(() => parseSince(text)).toThrow(UsageError);
  });

  it('reads the statuses to fail on and refuses an unknown one with the list', () => {
    expect(parseFailOn('untested,stale, failed,claim-broken')).toEqual([
      'claim-broken',
      'stale',
      'failed',
      'untested',
    ]);
    expect(() => parseFailOn('untested,validated')).toThrow(/unknown status "validated"/);
    expect(() => parseFailOn('untestd')).toThrow(UsageError);
  });

  it('fails on any status that applies to a row, not only the one shown', () => {
    const row = (cls: string, conditions: StatusRow['conditions']) =>
      ({ class: cls, status: conditions[0], conditions }) as StatusRow;
    const report = {
      rto: [row('a', ['failed', 'stale']), row('b', ['validated'])],
      rpo: [row('c', ['untested'])],
    } as StatusReport;
    expect(gateRows(report, ['stale']).map((r) => r.class)).toEqual(['a']);
    expect(gateRows(report, ['untested', 'failed']).map((r) => r.class)).toEqual(['a', 'c']);
    expect(gateRows(report, ['claim-broken'])).toEqual([]);
    expect(gateRows(report, [])).toEqual([]);
  });
});
