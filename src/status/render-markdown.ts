import { mdCode, mdText } from '../reporters/markdown/md-text.js';
import type { RowStatus, StatusReport, StatusRow } from './status-report.js';
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

const marks: Record<RowStatus, string> = {
  validated: '✅',
  'claim-broken': '⚠️',
  stale: '⏳',
  failed: '❌',
  untested: '❌',
};

/** A GitHub table: every cell escaped as plain text, so no class name or claim can break it. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header.map(mdText)), line(header.map(() => '---')), ...rows.map(line)];
}

function statusCell(row: StatusRow, text: string): string {
  return `${marks[row.status]} ${mdText(text)}`;
}

type Cells = (row: StatusRow, now: Date) => string[];

function rows(list: readonly StatusRow[], cells: Cells, now: Date): string[][] {
  return list.map((row) => {
    const all = cells(row, now);
    return [...all.slice(0, -1).map(mdText), statusCell(row, all.at(-1)!)];
  });
}

/** The tables in Markdown, for a pull request or `$GITHUB_STEP_SUMMARY`. */
export function renderStatusMarkdown(report: StatusReport): string {
  const now = new Date(report.generatedAt);
  const noteLines = (list: readonly StatusRow[]): string[] =>
    notes(list).map(
      (n) =>
        `- ${mdText(n.text)}${n.row.failedRun ? ` (${mdCode(n.row.failedRun.report ?? n.row.failedRun.dir)})` : ''}`,
    );
  const section = (title: string, list: readonly StatusRow[], cells: Cells, header: string[]) =>
    list.length === 0
      ? []
      : [`#### ${title}`, '', ...table(header, rows(list, cells, now)), '', ...noteLines(list), ''];
  return [
    `### Recovery objectives`,
    '',
    `${report.tables.map(mdCode).join(', ')}: ${mdText(periodHeading(report))}`,
    '',
    ...section('RTO', report.rto, rtoCells, rtoHeader),
    ...section('RPO', report.rpo, rpoCells, rpoHeader),
    '#### MTTR',
    '',
    ...table(
      mttrHeader,
      report.mttr.map((row) => mttrCells(row).map(mdText)),
    ),
    '',
    'Aborted and error runs are left out; `≥`: the figure is a lower bound (a value at or below it exceeded its timeout and counts at the timeout).',
    '',
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
