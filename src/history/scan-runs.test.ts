import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanRuns } from './scan-runs.js';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/results');
let reports: string;
afterEach(() => rmSync(reports, { recursive: true, force: true }));

describe('scanRuns', () => {
  it('reads result.json through the full schema: a run that passed the old shape check is skipped, saying why', () => {
    reports = mkdtempSync(join(tmpdir(), 'firedrill-scan-'));
    for (const scenario of ['process-kill-detect', 'process-kill-restart']) {
      const [run] = readdirSync(join(fixtures, scenario));
      cpSync(join(fixtures, scenario, run as string), join(reports, scenario, run as string), {
        recursive: true,
      });
    }
    const [broken] = readdirSync(join(reports, 'process-kill-restart'));
    const file = join(reports, 'process-kill-restart', broken as string, 'result.json');
    const result = JSON.parse(readFileSync(file, 'utf8')) as { measurements: Record<string, unknown> };
    delete result.measurements.impact;
    writeFileSync(file, JSON.stringify(result));

    const { runs, skipped } = scanRuns(reports);
    expect(runs.map((r) => r.result.scenario.name)).toEqual(['process-kill-detect']);
    expect(skipped).toEqual([
      {
        dir: `process-kill-restart/${broken}`,
        reason: `${file} is not a firedrill result (firedrill.result/v1): measurements.impact: expected object, found nothing`,
      },
    ]);
  });
});
