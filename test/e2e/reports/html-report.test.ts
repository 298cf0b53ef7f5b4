import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { runFiredrill } from '../support/cli.js';
import { describeWithBrowser, openPage, type OpenedPage } from './browser.js';
import { copyFixtureRun, readResultFile, tempDir, writeResultFile } from './fixture-runs.js';

const hostile = '<img src=x onerror=alert(1)>';

describeWithBrowser('report.html in headless Chromium', () => {
  let opened: OpenedPage | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  it('shows the verdict, every objective row and the timeline chart, with no error and no network request', async ({ annotate }) => {
    // A real failed drill: kill (detected, recovered) then pause; its during probe is named `${hostile} slow`.
    const dir = tempDir();
    const runDir = copyFixtureRun('process-kill-detect', dir);
    const cli = await runFiredrill(['report', runDir]);
    expect(cli.exitCode, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('failed (html, junit, markdown)');
    const file = join(runDir, 'report.html');
    opened = await openPage(file);
    const { page } = opened;

    await expect(page.locator('#verdict').getAttribute('data-verdict')).resolves.toBe('failed');
    await expect(page.locator('#verdict .verdict').innerText()).resolves.toBe('FAILED');
    await expect(page.locator('#verdict h1').textContent()).resolves.toBe('process-kill-detect');

    const rows = page.locator('#objectives tbody tr');
    await expect(rows.count()).resolves.toBe(4);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.firstChild?.textContent?.trim())),
    );
    const result = readResultFile(runDir);
    expect(cells).toEqual(
      result.objectives.map((row) => [row.objective, row.display.target, row.display.measured, row.status]),
    );
    expect(cells[1]).toEqual(['recover', '<= 5.00s', expect.stringMatching(/^\d\.\d\ds ± 100ms$/), 'passed']);
    expect(cells[3]?.[0]).toBe(`during ${hostile} slow`);

    const chart = page.locator('svg#timeline');
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(800);
    expect(box?.height).toBeGreaterThan(200);
    await expect(chart.locator('g.probe-lane').count()).resolves.toBe(3);
    await expect(chart.locator('rect.fault-window').count()).resolves.toBe(2);
    for (const marker of ['t0', 'impact', 'detected', 'recovered'])
      await expect(chart.locator(`[data-marker="${marker}"]`).count(), marker).resolves.toBe(1);
    // The steady probe failed while the node was down and passed around it.
    const steady = chart.locator('g.probe-lane[data-probe="web-health"]');
    expect(await steady.locator('rect.fail').count()).toBeGreaterThan(0);
    expect(await steady.locator('rect.pass').count()).toBeGreaterThan(1);
    await expect(steady.locator('path.latency').count()).resolves.toBe(1);

    await expect(page.locator('img').count()).resolves.toBe(0);
    expect(opened.dialogs).toEqual([]);
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([pathToFileURL(file).href]);

    const screenshot = join(dir, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(existsSync(screenshot)).toBe(true);
    await annotate(`screenshot: ${screenshot}`);
  });

  it(`renders a scenario named ${hostile} as text: no element, no dialog`, async () => {
    // Scenario files only allow slug names, so the real passed drill's result.json is edited: it is
    // what a hand-made or hostile result.json handed to `firedrill report` would hold.
    const runDir = copyFixtureRun('process-kill-restart');
    const result = readResultFile(runDir);
    result.scenario.name = hostile;
    result.scenario.description = `<script>alert("description")</script>`;
    result.events.push({ t: 1, time: result.startedAt, type: `<b>${hostile}</b>`, detail: hostile });
    writeResultFile(runDir, result);
    const cli = await runFiredrill(['report', runDir, '--reporter', 'html']);
    expect(cli.exitCode, cli.stderr).toBe(0);
    opened = await openPage(join(runDir, 'report.html'));
    const { page } = opened;
    await page.waitForTimeout(200); // an injected onerror would fire by now

    await expect(page.locator('#verdict h1').textContent()).resolves.toBe(hostile);
    await expect(page.title()).resolves.toContain(hostile);
    await expect(page.locator('#verdict').innerText()).resolves.toContain('<script>alert("description")</script>');
    await expect(page.locator(`#events [data-type="<b>${hostile}</b>"]`).count()).resolves.toBe(1);
    await expect(page.locator('img, script, b').count()).resolves.toBe(0);
    expect(opened.dialogs).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});
