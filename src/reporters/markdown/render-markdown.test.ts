import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DrillResult } from '../../result/index.js';
import { measureData } from '../../engine/measure/rpo.js';
import { measureLoad } from '../../engine/measure/load.js';
import { readRunResult } from '../result-file.js';
import { markdownHtml, markdownText, markdownTokens } from '../../../test/support/markdown-view.js';
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
    // Read as GitHub shows it: the escapes that keep input text plain are gone once rendered.
    const page = markdownHtml(md);
    expect(page).toMatch(/^<h3>❌ FAILED: process-kill-detect<\/h3>\n/);
    expect(page).toContain('<th>objective</th>\n<th>target</th>\n<th>measured</th>\n<th>status</th>');
    expect(page).toContain('<td>detect</td>\n<td>&lt;= 1.00s</td>');
    expect(page).toContain('<td>during &lt;img src=x onerror=alert(1)&gt; slow</td>\n<td>&gt;= 100.00%</td>');
    expect(markdownText(md)).toMatch(
      /Key measurements: TTD \d+ms ± 200ms \(web-refuses-connections\) · TTR \d\.\d\ds ± 100ms \(web-health\) · impact \+\d+ms ± \d+ms on web-health/,
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
    const text = markdownText(renderMarkdown(result, 'run'));
    expect(text).toContain(
      'Integrity: 10 attempted · 9 acknowledged · 1 lost · 1 recovered · RPO window 1.20s',
    );
    expect(text).toContain(
      'Load: 50.00% available during faults (1/2) · 66.67% overall · latency p99 5ms at baseline → 300ms during faults',
    );
  });

  it('escapes Markdown, HTML and mentions in text from scenarios and probes', () => {
    const hostile = '# a|b <img src=x onerror=alert(1)> *x* @team #12 `c` [l](http://e.com) www.x.com\nnext';
    const cell = `| ${mdText(hostile)} |`;
    const tokens = markdownTokens(`| h |\n|---|\n${cell}\n`);
    // One cell, one text: no heading, HTML, emphasis, code or link came from the input.
    expect(tokens.filter((t) => t.type === 'td_open')).toHaveLength(1);
    expect(
      tokens
        .filter((t) => t.type === 'inline' && t.children?.length)
        .map((t) => t.children?.map((c) => c.type)),
    ).toEqual([['text'], ['text']]);
    // GitHub links @name and #12 in the rendered text: a zero-width space after the sign stops it.
    expect(markdownText(`| h |\n|---|\n${cell}\n`).slice(1)).toBe(
      '#\u200b a|b <img src=x onerror=alert(1)> *x* @\u200bteam #\u200b12 `c` [l](http://e.com) www.x.com next',
    );
  });

  it('escapes the start time, the seed and every figure read from result.json', () => {
    const result = realResult('process-kill-restart');
    result.startedAt = '## <img src=x onerror=alert(1)> @here [x](http://evil)';
    result.endedAt = 'not a date';
    const md = renderMarkdown(result, 'run');
    const tokens = markdownTokens(md);
    expect(tokens.filter((t) => t.type === 'heading_open')).toHaveLength(1);
    expect(tokens.some((t) => t.type.startsWith('html'))).toBe(false);
    expect(tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href'))).toEqual([
      'report.html',
      'junit.xml',
      'result.json',
      'events.ndjson',
      'firedrill.log',
    ]);
    expect(markdownText(md)).toContain(
      'started #\u200b#\u200b <img src=x onerror=alert(1)> @\u200bhere [x](http://evil) · seed',
    );
    expect(md).not.toContain('NaN');
  });
});
