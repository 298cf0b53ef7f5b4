import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillResult } from '../../result/index.js';
import { measureData } from '../../engine/measure/rpo.js';
import { measureLoad } from '../../engine/measure/load.js';
import { summarizeRepeats } from '../../engine/measure/repeat.js';
import { readRunResult } from '../result-file.js';
import { renderHtmlReport } from './render-report.js';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/results');
const realResult = (scenario: string): DrillResult => {
  const [run] = readdirSync(join(fixtures, scenario));
  return readRunResult(join(fixtures, scenario, run as string));
};

/** The text of an element with this id (tags stripped), for assertions that read like the page. */
function sectionText(page: string, id: string): string {
  const start = page.indexOf(`id="${id}"`);
  if (start === -1) return '';
  const end = page.indexOf('</section>', start);
  return page
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('renderHtmlReport', () => {
  it('is self-contained: no script, no external reference, a policy that forbids fetching', () => {
    const page = renderHtmlReport(realResult('process-kill-detect'));
    expect(page).not.toMatch(/<script|<link|<img|<iframe|src=["']?http|href=["']?http|@import|url\(/i);
    expect(page).toContain('content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;');
  });

  it('leaves out load, integrity and repeat sections when the drill had none', () => {
    const page = renderHtmlReport(realResult('process-kill-restart'));
    for (const id of ['load', 'integrity', 'repeat']) expect(page).not.toContain(`id="${id}"`);
  });

  it('renders load (availability, baseline vs fault latency) and integrity (attempted, acked, lost, RPO)', () => {
    const result = realResult('process-kill-restart');
    const t0 = result.timeline.t0 as number;
    // Computed by the engine's own measure functions from a small hand-made ledger and request list.
    Object.assign(result.measurements as object, {
      data: measureData(
        {
          attempted: 120,
          acknowledged: 118,
          lost: [
            { id: 'w-41', ackedAt: t0 - 750 },
            { id: 'w-42', ackedAt: t0 - 500 },
          ],
          recovered: 1,
        },
        t0,
      ),
      load: measureLoad({
        t0,
        faultWindows: [{ start: t0, end: t0 + 2000 }],
        requests: [
          { at: t0 - 300, ok: true, latencyMs: 4 },
          { at: t0 - 200, ok: true, latencyMs: 6 },
          { at: t0 + 100, ok: false, latencyMs: 1000 },
          { at: t0 + 900, ok: true, latencyMs: 250 },
        ],
      }),
    });
    // The load report the engine adds beside the measurement (src/load/load-run.ts, LoadReport).
    Object.assign(result, {
      load: { generator: 'builtin', reason: 'k6 not found', requests: 4, dropped: 0 },
    });
    const page = renderHtmlReport(result);
    expect(sectionText(page, 'load')).toContain(
      '4 requests · generator builtin (k6 not found) availability successful requests ratio during faults 1 2 50.00% whole drill 3 4 75.00%',
    );
    expect(sectionText(page, 'load')).toContain('baseline 2 4ms 6ms 6ms during faults 2 250ms 1.00s 1.00s');
    expect(sectionText(page, 'integrity')).toContain('120 118 2 1 750ms');
    expect(sectionText(page, 'integrity')).toContain('Lost acknowledged writes: w-41, w-42');
  });

  it('renders repeat: N distributions', () => {
    const result = realResult('process-kill-restart');
    const m = result.measurements as NonNullable<DrillResult['measurements']>;
    const shifted = (ms: number): typeof m => ({
      ...m,
      recover: { status: 'measured', ms, resolution: { ms: 100, basis: 'bracketing samples' } },
    });
    Object.assign(result, { repeat: summarizeRepeats([shifted(2000), shifted(2100), shifted(2500)]) });
    expect(sectionText(renderHtmlReport(result), 'repeat')).toContain(
      'time to recover 2.00s 2.10s 2.50s 2.50s 0 0',
    );
  });

  it('escapes scenario strings everywhere, the title included', () => {
    const result = realResult('process-kill-restart');
    result.scenario.name = '</title><script>alert(1)</script>';
    const page = renderHtmlReport(result);
    expect(page).not.toContain('<script>');
    expect(page).toContain(
      '<title>PASSED: &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; — firedrill</title>',
    );
  });
});
