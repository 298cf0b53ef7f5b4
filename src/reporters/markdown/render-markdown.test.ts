import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillResult } from '../../result/index.js';
import { measureData } from '../../engine/measure/rpo.js';
import { measureLoad } from '../../engine/measure/load.js';
import { readRunResult } from '../result-file.js';
import { mdText } from './md-text.js';
import { renderMarkdown } from './render-markdown.js';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/results');
const realResult = (scenario: string): DrillResult => {
  const [run] = readdirSync(join(fixtures, scenario));
  return readRunResult(join(fixtures, scenario, run as string));
};

describe('renderMarkdown', () => {
  it('gives the verdict, the objectives table, the key measurements and linked files', () => {
    const md = renderMarkdown(realResult('process-kill-detect'), 'reports/process-kill-detect/run-1');
    expect(md).toMatch(/^### ❌ FAILED: process-kill-detect\n/);
    expect(md).toContain(
      '| objective | target | measured | status |\n|---|---|---|---|\n| detect | &lt;= 1.00s |',
    );
    expect(md).toContain('| during &lt;img src=x onerror=alert(1)&gt; slow | &gt;= 100.00% |');
    expect(md).toMatch(
      /\*\*Key measurements:\*\* TTD \d+ms ± 200ms \(web-refuses-connections\) · TTR \d\.\d\ds ± 100ms \(web-health\) · impact \+\d+ms ± \d+ms on web-health/,
    );
    expect(md).toContain(
      'Reports in `reports/process-kill-detect/run-1/`: [report.html](report.html) · [junit.xml](junit.xml)',
    );
  });

  it('shows load and integrity lines when the result has them', () => {
    const result = realResult('process-kill-restart');
    const t0 = result.timeline.t0 as number;
    // Measured by the engine's own functions from a small hand-made ledger and request list.
    Object.assign(result.measurements as object, {
      data: measureData(
        { attempted: 10, acknowledged: 9, lost: [{ id: 7, ackedAt: t0 - 1200 }], recovered: 1 },
        t0,
      ),
      load: measureLoad({
        t0,
        faultWindows: [{ start: t0, end: t0 + 1000 }],
        requests: [
          { at: t0 - 500, ok: true, latencyMs: 5 },
          { at: t0 + 100, ok: false, latencyMs: 300 },
          { at: t0 + 200, ok: true, latencyMs: 40 },
        ],
      }),
    });
    const md = renderMarkdown(result, 'run');
    expect(md).toContain(
      '**Integrity:** 10 attempted · 9 acknowledged · 1 lost · 1 recovered · RPO window 1.20s',
    );
    expect(md).toContain(
      '**Load:** 50.00% available during faults (1/2) · 66.67% overall · latency p99 5ms at baseline → 300ms during faults',
    );
  });

  it('escapes Markdown, HTML and mentions in text from scenarios and probes', () => {
    expect(mdText('a|b <img> *x* @team `c`\nnext')).toBe('a\\|b &lt;img&gt; \\*x\\* &#64;team \\`c\\` next');
  });
});
