import fc from 'fast-check';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { markdownTokens } from '../../test/support/markdown-view.js';
import { htmlInjections, terminalControls } from '../../test/support/markup-checks.js';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from '../../test/support/result-arbitrary.js';
import { statusSection } from '../history/html/status-section.js';
import { htmlDocument } from '../reporters/html/document.js';
import { renderStatusMarkdown } from './render-markdown.js';
import { renderStatusText } from './render-text.js';
import { mttrHeader, notes, rpoHeader, rtoHeader } from './status-cells.js';
import { statusReportArbitrary } from '../../test/support/status-arbitrary.js';
import type { StatusReport } from './status-report.js';

const tableSizes = (report: StatusReport) =>
  [
    report.rto.length > 0 && { rows: report.rto.length, cells: rtoHeader.length },
    report.rpo.length > 0 && { rows: report.rpo.length, cells: rpoHeader.length },
    { rows: report.mttr.length, cells: mttrHeader.length },
  ].filter((t) => t !== false);

/** Each table of a Markdown text: its body rows and the cell count of each row (header included). */
function markdownTables(md: string): Array<{ rows: number; cells: number[] }> {
  const tables: Array<{ rows: number; cells: number[] }> = [];
  for (const token of markdownTokens(md)) {
    if (token.type === 'table_open') tables.push({ rows: -1, cells: [] });
    const table = tables.at(-1);
    if (!table) continue;
    if (token.type === 'tr_open') {
      table.rows++;
      table.cells.push(0);
    }
    if (token.type === 'td_open' || token.type === 'th_open') table.cells[table.cells.length - 1]!++;
  }
  return tables;
}

/** Elements of a parsed page by tag name. */
function countTags(page: string, tag: string): number {
  let count = 0;
  const visit = (node: { tagName?: string; childNodes?: unknown[] }): void => {
    if (node.tagName === tag) count++;
    for (const child of node.childNodes ?? []) visit(child as typeof node);
  };
  visit(parse(page) as unknown as { childNodes: unknown[] });
  return count;
}

describe('the status tables render any text as text', () => {
  it(
    'Markdown: every table keeps its rows and cells, with no markup from a name, claim or reason (fuzz)',
    () => {
      fc.assert(
        fc.property(statusReportArbitrary, (report) => {
          const md = renderStatusMarkdown(report);
          const expected = tableSizes(report).map((t) => ({
            rows: t.rows,
            cells: Array<number>(t.rows + 1).fill(t.cells),
          }));
          expect(markdownTables(md)).toEqual(expected);
          const tokens = markdownTokens(md);
          const markup = tokens.filter((t) =>
            [
              'html_block',
              'html_inline',
              'image',
              'link_open',
              'code_block',
              'fence',
              'em_open',
              'strong_open',
            ].includes(t.type),
          );
          expect(markup.map((t) => t.type)).toEqual([]);
          // GitHub links @name and #12: the renderer breaks them with a zero-width space.
          const references = tokens.filter((t) => t.type === 'text' && /[@#][\p{L}\p{N}]/u.test(t.content));
          expect(references.map((t) => t.content)).toEqual([]);
          expect(tokens.filter((t) => t.type === 'heading_open').length).toBe(1 + expected.length);
        }),
        { seed: fuzzSeed, numRuns: fuzzRuns(100) },
      );
    },
    fuzzTimeout(100),
  );

  it(
    'HTML: no injected element or attribute, one row per status row with all its cells (fuzz)',
    () => {
      fc.assert(
        fc.property(statusReportArbitrary, (report) => {
          const page = htmlDocument('status', statusSection(report));
          expect(htmlInjections(page)).toEqual([]);
          const rows = report.rto.length + report.rpo.length;
          expect(countTags(page, 'tr')).toBe(tableSizes(report).reduce((n, t) => n + t.rows + 1, 0));
          expect((page.match(/<tr class="status-row"/g) ?? []).length).toBe(rows);
        }),
        { seed: fuzzSeed, numRuns: fuzzRuns(100) },
      );
    },
    fuzzTimeout(100),
  );

  it(
    'text: no control character reaches the terminal, and each table row stays on its line (fuzz)',
    () => {
      fc.assert(
        fc.property(statusReportArbitrary, (report) => {
          const text = renderStatusText(report);
          expect(text).not.toMatch(terminalControls);
          // Title, blank; per table: its title, header, rule, one line per row, the notes, a blank; MTTR.
          const section = (rows: StatusReport['rto']) =>
            rows.length === 0 ? 0 : 3 + rows.length + notes(rows).length + 1;
          const expected = 2 + section(report.rto) + section(report.rpo) + 3 + report.mttr.length;
          expect(text.split('\n')).toHaveLength(expected);
        }),
        { seed: fuzzSeed, numRuns: fuzzRuns(100) },
      );
    },
    fuzzTimeout(100),
  );
});
