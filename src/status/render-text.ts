import { terminalText } from '../reporters/terminal-text.js';
import type { StatusReport, StatusRow } from './status-report.js';
import {
  mttrCells,
  mttrHeader,
  notes,
  periodHeading,
  rpoCells,
  rpoHeader,
  rtoCells,
  rtoHeader,
} from './status-cells.js';

/** Text from a table or result file on one line, its control characters shown as escapes. */
export function plain(text: string): string {
  return terminalText(text.replace(/\s+/g, ' ').trim());
}

/** Columns padded to their widest cell, two spaces apart; every cell made plain first. */
export function columns(header: readonly string[], cellRows: ReadonlyArray<readonly string[]>): string[] {
  const rows = cellRows.map((r) => r.map(plain));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The tables for a terminal: every text from a table or result file goes through plain(). */
export function renderStatusText(report: StatusReport): string {
  const now = new Date(report.generatedAt);
  const section = (title: string, rows: readonly StatusRow[], cells: string[][], header: string[]) =>
    rows.length === 0
      ? []
      : [
          title,
          ...columns(header, cells),
          ...notes(rows).map(
            (n) => `  ${plain(n.text)}${n.row.failedRun ? ` → ${plain(runPath(n.row))}` : ''}`,
          ),
          '',
        ];
  return [
    plain(`Recovery objectives of ${report.tables.join(', ')}: ${periodHeading(report)}`),
    '',
    ...section(
      'RTO',
      report.rto,
      report.rto.map((row) => rtoCells(row, now)),
      rtoHeader,
    ),
    ...section(
      'RPO',
      report.rpo,
      report.rpo.map((row) => rpoCells(row, now)),
      rpoHeader,
    ),
    `MTTR (aborted and error runs left out)`,
    ...columns(mttrHeader, report.mttr.map(mttrCells)),
  ].join('\n');
}

function runPath(row: StatusRow): string {
  const run = row.failedRun!;
  return run.report ?? run.dir;
}
