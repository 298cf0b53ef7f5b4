import { describe, expect, it } from 'vitest';
import type { ReadinessCheck, ReadinessContext } from './check.js';
import { runChecks } from './readiness.js';
import { formatReadinessTable } from './table.js';

const context = {} as ReadinessContext; // the checks below ask it nothing

function check(name: string, blocking: boolean, run: ReadinessCheck['run']): ReadinessCheck {
  return { name, blocking, run };
}

describe('readiness verdict', () => {
  it('is not ready when a blocking check is missing; non-blocking ones only inform', async () => {
    const report = await runChecks(context, [
      check('Docker engine', true, async () => ({
        status: 'missing',
        detail: 'not reachable',
        fix: 'start it',
      })),
      check('k6', false, async () => ({ status: 'missing', detail: 'not found', fix: 'build it' })),
      check('Memory', false, async () => ({ status: 'warn', detail: 'low', fix: 'free some' })),
    ]);
    expect(report.ready).toBe(false);
    expect(report.blockers).toEqual(['Docker engine']);
  });

  it('is ready with warnings and missing non-blocking rows', async () => {
    const report = await runChecks(context, [
      check('Toxiproxy', true, async () => ({ status: 'warn', detail: 'old binary', fix: 'rebuild' })),
      check('k6', false, async () => ({ status: 'missing', detail: 'not found', fix: 'build it' })),
    ]);
    expect(report).toMatchObject({ ready: true, blockers: [] });
  });

  it('turns a check that throws into a missing row instead of crashing', async () => {
    const report = await runChecks(context, [
      check('Free disk', true, async () => {
        throw new Error('statfs exploded');
      }),
    ]);
    expect(report.rows[0]).toMatchObject({
      status: 'missing',
      detail: 'the check itself failed: statfs exploded',
    });
    expect(report.ready).toBe(false);
  });
});

describe('readiness table', () => {
  it('aligns the columns, puts each fix under its row and ends with the verdict', async () => {
    const report = await runChecks(context, [
      check('Node.js', true, async () => ({ status: 'ok', detail: 'v20.19.0 (needs >= 20.19)' })),
      check('Docker engine', true, async () => ({
        status: 'missing',
        detail: 'not reachable at unix:///nope.sock',
        fix: 'start the Docker engine',
      })),
    ]);
    expect(formatReadinessTable(report)).toBe(
      [
        'CHECK          STATUS   DETAIL',
        'Node.js        ok       v20.19.0 (needs >= 20.19)',
        'Docker engine  missing  not reachable at unix:///nope.sock',
        '                        fix: start the Docker engine',
        '',
        'Not ready: container drills cannot run until Docker engine is fixed (see the fix lines above).',
      ].join('\n'),
    );
  });
});
