import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { drillFixture, readResult, runDirOf } from '../engine/run-cli.js';
import { runFiredrill } from '../support/cli.js';
import { describeWithBrowser, openPage, type OpenedPage } from './browser.js';
import { copyFixtureRun, tempDir } from './fixture-runs.js';
import { markdownHtml } from '../../support/markdown-view.js';

interface ParsedJunit {
  parseError: string | null;
  suite: Record<string, string>;
  cases: Array<{ name: string; time: string; outcome?: { tag: string; message: string; type: string; text: string } }>;
  properties: Record<string, string>;
}

// The few DOM types the in-browser parser below uses (the project compiles without the DOM lib).
interface XmlElement {
  tagName: string;
  attributes: Iterable<{ name: string; value: string }>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): XmlElement | null;
  querySelectorAll(selector: string): Iterable<XmlElement>;
}
declare const DOMParser: new () => { parseFromString(text: string, type: string): XmlElement };

/** Parses junit.xml with Chromium's XML parser (strict: a malformed file yields a parsererror). */
async function parseJunit(page: OpenedPage['page'], xml: string): Promise<ParsedJunit> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const error = doc.querySelector('parsererror');
    const attrs = (el: XmlElement | null): Record<string, string> =>
      Object.fromEntries([...(el?.attributes ?? [])].map((a) => [a.name, a.value]));
    return {
      parseError: error ? error.textContent : null,
      suite: attrs(doc.querySelector('testsuites > testsuite')),
      properties: Object.fromEntries(
        [...doc.querySelectorAll('properties > property')].map((p) => [p.getAttribute('name'), p.getAttribute('value')]),
      ),
      cases: [...doc.querySelectorAll('testcase')].map((tc) => {
        const outcome = tc.querySelector('failure, error');
        return {
          name: tc.getAttribute('name') ?? '',
          time: tc.getAttribute('time') ?? '',
          ...(outcome && {
            outcome: {
              tag: outcome.tagName,
              message: outcome.getAttribute('message') ?? '',
              type: outcome.getAttribute('type') ?? '',
              text: outcome.textContent ?? '',
            },
          }),
        };
      }),
    } as ParsedJunit;
  }, xml);
}

describeWithBrowser('junit.xml and summary.md', () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    const blank = join(tempDir(), 'blank.html');
    writeFileSync(blank, '<!doctype html><title>xml</title>');
    opened = await openPage(blank);
  });
  afterAll(async () => opened?.close());

  it('a failed drill writes junit.xml with the failing objective as a failure carrying target and measured', async () => {
    // The real drill, run by the CLI with its default reporters.
    const out = join(tempDir(), 'reports');
    const run = await runFiredrill(['run', drillFixture('kill-restart-tight.yaml'), '--out', out]);
    expect(run.exitCode, run.stderr).toBe(1);
    const runDir = runDirOf(out, 'process-kill-restart-tight');
    const result = readResult(runDir);
    const row = result.objectives[0];
    if (!row) throw new Error('no objective row');

    const junit = await parseJunit(opened.page, readFileSync(join(runDir, 'junit.xml'), 'utf8'));
    expect(junit.parseError).toBeNull();
    expect(junit.suite).toMatchObject({ name: 'process-kill-restart-tight', tests: '1', failures: '1', errors: '0' });
    expect(junit.suite.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(Number(junit.suite.time)).toBeGreaterThan(1);
    expect(junit.properties['firedrill.runId']).toBe(result.runId);
    expect(junit.cases).toHaveLength(1);
    const [failing] = junit.cases;
    expect(failing?.name).toBe('recover');
    expect(failing?.outcome?.tag).toBe('failure');
    expect(failing?.outcome?.type).toBe('objective-failed');
    expect(failing?.outcome?.message).toBe(`target <= 500ms, measured ${row.display.measured}`);
    // The bound is the gap between the samples that bracket the recovery: at most the 100ms interval.
    expect(failing?.outcome?.message).toMatch(/^target <= 500ms, measured \d\.\d\ds ± \d{1,3}ms/);
    expect(Number(failing?.time) * 1000).toBeCloseTo(row.measured as number, -1);

    const summary = readFileSync(join(runDir, 'summary.md'), 'utf8');
    // As GitHub shows it: summary.md escapes every input text, so it is read rendered.
    const shown = markdownHtml(summary);
    expect(shown).toContain('<h3>❌ FAILED: process-kill-restart-tight</h3>');
    expect(shown).toContain(
      `<td>recover</td>\n<td>&lt;= 500ms</td>\n<td>${row.display.measured}</td>\n<td>❌ failed</td>`,
    );
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain('data-verdict="failed"');
  });

  it('an aborted drill is an <error> on a `drill` test case', async () => {
    const runDir = copyFixtureRun('process-steady-broken');
    const cli = await runFiredrill(['report', runDir, '--reporter', 'junit']);
    expect(cli.exitCode, cli.stderr).toBe(0);
    const junit = await parseJunit(opened.page, readFileSync(join(runDir, 'junit.xml'), 'utf8'));
    expect(junit.parseError).toBeNull();
    expect(junit.suite).toMatchObject({ tests: '1', failures: '0', errors: '1' });
    expect(junit.cases[0]?.name).toBe('drill');
    expect(junit.cases[0]?.outcome).toMatchObject({ tag: 'error', type: 'aborted' });
    expect(junit.cases[0]?.outcome?.message).toMatch(/^aborted: the steady state did not hold/);
  });
});
