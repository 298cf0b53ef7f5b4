import type { MttrRow, StatusReport, StatusRow, TimeSummary } from './status-report.js';
import { boundText, objectiveLabels, periodText, sampleText, statusLabels } from './status-text.js';
import { formatDuration } from '../common/duration.js';

/** The cells of a row as every format shows them (each format escapes them for itself). */
export interface RowCells {
  class: string;
  data?: string;
  objective: string;
  claim: string;
  target: string;
  last: string;
  period: string;
  status: string;
}

/** `Node failure (single-node-failure)`, or the class name alone when it has no display name. */
export function classCell(row: Pick<StatusRow, 'name' | 'class'>): string {
  return row.name === row.class ? row.class : `${row.name} (${row.class})`;
}

export function rowCells(row: StatusRow): RowCells {
  return {
    class: classCell(row),
    ...(row.protects !== undefined && { data: row.protects }),
    objective: objectiveLabels[row.objective],
    claim: row.claim === undefined ? '—' : boundText(row, row.claim),
    target: boundText(row, row.target),
    last: row.last ? sampleText(row, row.last.value, row.last.exceeded) : 'UNTESTED',
    period: row.status === 'untested' ? '—' : periodText(row),
    status: row.conditions.map((c) => statusLabels[c]).join(', '),
  };
}

export const rtoHeader = ['class', 'objective', 'claim', 'target', 'last run', 'over the period', 'status'];
export const rpoHeader = [
  'class',
  'data',
  'objective',
  'claim',
  'target',
  'last run',
  'over the period',
  'status',
];

export function rtoCells(row: StatusRow): string[] {
  const c = rowCells(row);
  return [c.class, c.objective, c.claim, c.target, c.last, c.period, c.status];
}

export function rpoCells(row: StatusRow): string[] {
  const c = rowCells(row);
  return [c.class, c.data ?? '—', c.objective, c.claim, c.target, c.last, c.period, c.status];
}

export const mttrHeader = ['class', 'runs', 'TTD mean', 'p50', 'p95', 'p99', 'TTR mean', 'p50', 'p95', 'p99'];

export function mttrCells(row: MttrRow): string[] {
  return [classCell(row), String(row.runs), ...timeCells(row.ttd), ...timeCells(row.ttr)];
}

/** Mean, p50, p95, p99; `≥` when a value exceeded its timeout (it counts at the timeout). */
function timeCells(summary: TimeSummary | null): string[] {
  if (!summary) return ['—', '—', '—', '—'];
  const f = (ms: number): string => (summary.exceeded > 0 ? '≥ ' : '') + formatDuration(ms);
  return [f(summary.mean), f(summary.p50), f(summary.p95), f(summary.p99)];
}

/** `runs since 2026-09-08 (90d)`. */
export function periodHeading(report: StatusReport): string {
  return `runs since ${report.since.from.slice(0, 10)} (${report.since.text}), as of ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Rows that are not validated, with why: the lines under each table. */
export function notes(rows: readonly StatusRow[]): Array<{ row: StatusRow; text: string }> {
  return rows
    .filter((row) => row.status !== 'validated')
    .map((row) => ({ row, text: `${row.class} ${objectiveLabels[row.objective]}: ${row.reason}` }));
}
