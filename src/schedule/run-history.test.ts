import { mkdir, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestRuns } from './run-history.js';

async function run(root: string, scenario: string, dir: string, result?: unknown): Promise<void> {
  await mkdir(join(root, scenario, dir), { recursive: true });
  if (result !== undefined)
    await writeFile(
      join(root, scenario, dir, 'result.json'),
      typeof result === 'string' ? result : JSON.stringify(result),
    );
}

const result = (name: string, startedAt: string, verdict: string, reason?: string) => ({
  schema: 'firedrill.result/v1',
  scenario: { name, file: `${name}.yaml`, tags: [] },
  startedAt,
  verdict,
  reasons: reason ? [reason] : [],
  ...(reason && { reason }),
});

describe('latestRuns', () => {
  it('takes the newest run with a result, skipping interrupted and unfinished ones', async () => {
    const root = mkdtempSync(join(tmpdir(), 'firedrill-history-'));
    await run(
      root,
      'kill',
      '20260301T030000Z-aaaa0001',
      result('kill', '2026-03-01T03:00:00.000Z', 'passed'),
    );
    await run(
      root,
      'kill',
      '20260308T030000Z-aaaa0002',
      result('kill', '2026-03-08T03:00:00.000Z', 'aborted', 'interrupted by SIGTERM'),
    );
    await run(
      root,
      'partition',
      '20260101T030000Z-bbbb0001',
      result('partition', '2026-01-01T03:00:00.000Z', 'failed'),
    );
    await run(root, 'partition', '20260401T030000Z-bbbb0002'); // killed: no result.json
    await run(
      root,
      'steady',
      '20260402T030000Z-cccc0001',
      result('steady', '2026-04-02T03:00:00.000Z', 'aborted', 'steady state did not hold'),
    );
    await run(root, 'broken', '20260402T030000Z-dddd0001', '{"schema": "firedrill.result/v1", "verd');
    await writeFile(join(root, 'index.json'), '{}');

    const latest = await latestRuns(root);
    expect([...latest.keys()].sort()).toEqual(['kill', 'partition', 'steady']);
    expect(latest.get('kill')).toMatchObject({
      startedAt: new Date('2026-03-01T03:00:00Z'),
      verdict: 'passed',
    });
    expect(latest.get('partition')).toMatchObject({
      verdict: 'failed',
      runDir: join(root, 'partition/20260101T030000Z-bbbb0001'),
    });
    // Aborted for its own reasons (the system was not steady): the drill was done.
    expect(latest.get('steady')?.verdict).toBe('aborted');
  });

  it('reads the run directories real drills wrote', async () => {
    const latest = await latestRuns(resolve(import.meta.dirname, '../../test/fixtures/results'));
    expect(latest.get('process-kill-restart-tight')?.verdict).toBe('failed');
    expect(latest.get('process-kill-restart')?.verdict).toBe('passed');
    expect(latest.get('process-kill-restart')?.startedAt.getTime()).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it('is empty when there are no reports yet', async () => {
    expect((await latestRuns(join(tmpdir(), 'firedrill-no-such-dir'))).size).toBe(0);
  });
});
