import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import type { DrillResult } from '../../../src/engine/result.js';
import type { HistoryIndex } from '../../../src/history/build-index.js';
import { runFiredrill } from '../support/cli.js';
import { describeWithBrowser, openPage, type OpenedPage } from './browser.js';
import { fixtureRunDir, readResultFile, tempDir, writeResultFile } from './fixture-runs.js';

const day = 86_400_000;
// TTR offsets of the ten runs from the real one (ms): noise well inside the 100ms resolution, and
// on the tenth run an injected regression of +1.5s (still under the 5s objective: the run passes).
const offsets = [0, 30, -40, 20, -10, 40, -30, 10, -20, 1500];

/**
 * Ten runs of one scenario made from ONE real result.json (the passed kill/restart drill in
 * test/fixtures/results): each copy gets its own run id, a start one day after the previous, and
 * its measured TTR (and the recover objective row) shifted by the offset above.
 */
function buildHistory(reports: string): { runs: DrillResult[]; regressed: string } {
  const real = readResultFile(fixtureRunDir('process-kill-restart'));
  const recover = real.measurements?.recover;
  if (recover?.status !== 'measured') throw new Error('the fixture run has no measured TTR');
  const runs = offsets.map((offset, i) => {
    const run = structuredClone(real);
    const start = Date.parse(real.startedAt) + i * day;
    run.runId = `hist${String(i).padStart(4, '0')}`;
    run.startedAt = new Date(start).toISOString();
    run.endedAt = new Date(start + Date.parse(real.endedAt) - Date.parse(real.startedAt)).toISOString();
    const ttr = { ...recover, ms: recover.ms + offset };
    Object.assign(run.measurements as object, { recover: ttr, total: ttr });
    const row = run.objectives.find((r) => r.objective === 'recover');
    if (row) {
      row.measured = ttr.ms;
      row.display = { ...row.display, measured: `${(ttr.ms / 1000).toFixed(2)}s ± 100ms` };
    }
    const dir = join(reports, run.scenario.name, `${run.startedAt.replace(/[-:]|\.\d+/g, '')}-${run.runId}`);
    mkdirSync(dir, { recursive: true });
    writeResultFile(dir, run);
    return run;
  });
  return { runs, regressed: (runs.at(-1) as DrillResult).runId };
}

describeWithBrowser('firedrill report --index: history, trends, regressions', () => {
  let opened: OpenedPage | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  it('over 10 runs of one scenario shows the trend chart and flags the injected regression', async ({ annotate }) => {
    const dir = tempDir();
    const reports = join(dir, 'reports');
    const { runs, regressed } = buildHistory(reports);
    const cli = await runFiredrill(['report', '--index', reports]);
    expect(cli.exitCode, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('index: 10 runs of 1 scenario, 1 regression');

    const index = JSON.parse(readFileSync(join(reports, 'index.json'), 'utf8')) as HistoryIndex;
    expect(index.runs.map((r) => r.runId)).toEqual(runs.map((r) => r.runId));
    expect(index.scenarios).toMatchObject([{ scenario: 'process-kill-restart', runs: 10, passed: 10, passRate: 1 }]);
    expect(index.regressions).toHaveLength(1);
    const [regression] = index.regressions;
    expect(regression).toMatchObject({ runId: regressed, metric: 'ttr', baselineRuns: 9, tolerance: 100 });
    expect(regression?.baselineP95).toBeCloseTo(Math.max(...runs.slice(0, 9).map(ttrOf)), 6);

    const file = join(reports, 'index.html');
    opened = await openPage(file);
    const { page } = opened;
    const ttr = page.locator('svg.trend-chart[data-metric="ttr"]');
    await expect(ttr.locator('circle.point').count()).resolves.toBe(10);
    await expect(ttr.locator('path.trend').getAttribute('d')).resolves.toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){9}$/);
    await expect(ttr.locator('circle.point.regression').count()).resolves.toBe(1);
    await expect(ttr.locator('circle.point.regression title').textContent()).resolves.toContain('regression');
    await expect(page.locator('svg.trend-chart[data-metric="passRate"] circle.point').count()).resolves.toBe(10);
    expect((await ttr.boundingBox())?.width).toBeGreaterThan(200);
    await expect(page.locator('#regressions li').getAttribute('data-run')).resolves.toBe(regressed);
    await expect(page.locator('#runs tbody tr').count()).resolves.toBe(10);
    await expect(page.locator(`#runs tr.regressed`).getAttribute('data-run')).resolves.toBe(regressed);
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([pathToFileURL(file).href]);

    const screenshot = join(dir, 'index.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await annotate(`screenshot: ${screenshot}`);
  });
});

function ttrOf(run: DrillResult): number {
  const recover = run.measurements?.recover;
  return recover?.status === 'measured' ? recover.ms : Number.NaN;
}
