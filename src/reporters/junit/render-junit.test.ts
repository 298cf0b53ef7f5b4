import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillResult } from '../../result/index.js';
import { xmlProblems } from '../../../test/support/markup-checks.js';
import { readRunResult } from '../result-file.js';
import { renderJunit } from './render-junit.js';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/results');
/** The recorded result of a real drill (test/fixtures/results/generate.sh). */
const realResult = (scenario: string): DrillResult => {
  const [run] = readdirSync(join(fixtures, scenario));
  return readRunResult(join(fixtures, scenario, run as string));
};

describe('renderJunit', () => {
  it('writes passing objectives as bare test cases with the measured time', () => {
    const result = realResult('process-kill-detect');
    const xml = renderJunit(result);
    const ttr = result.objectives.find((r) => r.objective === 'recover')?.measured as number;
    expect(xml).toContain(
      `<testcase name="recover" classname="firedrill.process-kill-detect" time="${(ttr / 1000).toFixed(3)}"/>`,
    );
    expect(xml).toMatch(
      /<testsuite name="process-kill-detect" tests="4" failures="1" errors="0" skipped="0"/,
    );
  });

  it('escapes a hostile probe name in attributes and text', () => {
    const xml = renderJunit(realResult('process-kill-detect'));
    expect(xml).toContain('<testcase name="during &lt;img src=x onerror=alert(1)&gt; slow"');
    expect(xml).not.toContain('<img');
  });

  it('makes a not-measured objective a failure (it fails the drill), saying why', () => {
    const result = realResult('process-kill-restart-tight');
    const row = result.objectives[0] as DrillResult['objectives'][number];
    Object.assign(row, {
      status: 'not-measured',
      measured: null,
      reason: 'no sample of web-health',
      display: { ...row.display, measured: 'not measured' },
    });
    expect(renderJunit(result)).toContain(
      '<failure message="target &lt;= 500ms, not measured: no sample of web-health" type="not-measured">',
    );
  });

  it('adds a failing `drill` case when recovery never came and no objective says so', () => {
    const result = realResult('process-kill-restart');
    result.verdict = 'failed';
    result.reason = 'the steady state did not recover before the recover timeout';
    (result.objectives[0] as { status: string }).status = 'passed';
    const xml = renderJunit(result);
    expect(xml).toMatch(/tests="2" failures="1" errors="0"/);
    expect(xml).toContain(
      '<failure message="failed: the steady state did not recover before the recover timeout" type="verdict">',
    );
  });

  it('replaces characters XML forbids (a log line with colour codes) instead of writing an unreadable file', () => {
    const result = realResult('process-steady-broken');
    result.reasons = ['web-status failed: \u001b[31mHTTP 503\u001b[0m'];
    result.reason = result.reasons[0];
    const xml = renderJunit(result);
    expect(xml.includes('\u001b')).toBe(false);
    expect(xml).toContain('message="aborted: web-status failed: \ufffd[31mHTTP 503\ufffd[0m" type="aborted"');
  });

  it('stays well-formed whatever startedAt holds, and leaves out a timestamp that is no date', () => {
    const result = realResult('process-kill-detect');
    result.startedAt = '2026-11-22T03:04:48" onload="x<y>&z';
    const xml = renderJunit(result);
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).not.toContain('timestamp=');
    expect(xml).toContain(
      '<property name="firedrill.startedAt" value="2026-11-22T03:04:48&quot; onload=&quot;x&lt;y&gt;&amp;z"/>',
    );
  });

  it('writes time="0.000", never NaN, when the run times do not parse; a real timestamp otherwise', () => {
    const result = realResult('process-kill-detect');
    expect(renderJunit(result)).toMatch(/ time="5\.700" timestamp="2026-11-22T03:04:48" /);
    result.endedAt = 'later';
    const xml = renderJunit(result);
    expect(xml).not.toContain('NaN');
    expect(xml).toMatch(
      /<testsuites name="firedrill" tests="4" failures="1" errors="0" skipped="0" time="0\.000">/,
    );
  });
});
