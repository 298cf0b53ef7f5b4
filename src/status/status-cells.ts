import type { MttrRow, StatusReport, StatusRow, TimeSummary } from './status-report.js';
import { ageText, boundText, objectiveLabels, periodText, sampleText, statusLabels } from './status-text.js';
import { formatDuration } from '../common/duration.js';

/** The cells of a row as every format shows them (each format escapes them for itself). */
export interface RowCells {
  class: string;
  data?: string;
  objective: string;
  claim: string;
  target: string;
  last: string;
  drilled: string;
  period: string;
  status: string;
}

/** `Node failure (single-node-failure)`, or the class name alone when it has no display name. */
export function classCell(row: Pick<StatusRow, 'name' | 'class'>): string {
  return row.name === row.class ? row.class : `${row.name} (${row.class})`;
}

export function rowCells(row: StatusRow, now: Date): RowCells {
  return {
    class: classCell(row),
    ...(row.protects !== undefined && { data: row.protects }),
    objective: objectiveLabels[row.objective],
    claim: row.claim === undefined ? '—' : boundText(row, row.claim),
    target: boundText(row, row.target),
    last: row.last ? sampleText(row, row.last.value, row.last.exceeded) : 'UNTESTED',
    drilled: drilledText(row, now),
    period: row.status === 'untested' ? '—' : periodText(row),
    status: row.conditions.map((c) => statusLabels[c]).join(', '),
  };
}

/** `2d ago · weekly`: when the class was last drilled, and the tier that decides staleness. */
function drilledText(row: StatusRow, now: Date): string {
  const tier = row.tier ? ` · ${row.tier.name}` : '';
  if (!row.last) return `never${tier}`;
  return `${ageText(now.getTime() - Date.parse(row.last.run.startedAt))} ago${tier}`;
}

const columnsAfterObjective = ['claim', 'target', 'last run', 'drilled', 'over the period', 'status'];
export const rtoHeader = ['class', 'objective', ...columnsAfterObjective];
export const rpoHeader = ['class', 'data', 'objective', ...columnsAfterObjective];

/** The cells of the RTO and RPO tables, in header order; `now`: the report's generatedAt. */
export function rtoCells(row: StatusRow, now: Date): string[] {
  const c = rowCells(row, now);
  return [c.class, c.objective, c.claim, c.target, c.last, c.drilled, c.period, c.status];
}

export function rpoCells(row: StatusRow, now: Date): string[] {
  const c = rowCells(row, now);
  return [c.class, c.data ?? '—', c.objective, c.claim, c.target, c.last, c.drilled, c.period, c.status];
}

export const mttrHeader = ['class', 'runs', 'TTD mean', 'p50', 'p95', 'p99', 'TTR mean', 'p50', 'p95', 'p99'];

export function mttrCells(row: MttrRow): string[] {
  return [classCell(row), String(row.runs), ...timeCells(row.ttd), ...timeCells(row.ttr)];
}

/** Mean, p50, p95, p99; `≥` on a figure that an exceeded value (counted at its timeout) leaves a lower bound. */
function timeCells(summary: TimeSummary | null): string[] {
  if (!summary) return ['—', '—', '—', '—'];
  const f = (key: 'mean' | 'p50' | 'p95' | 'p99'): string =>
    (summary.atLeast[key] ? '≥ ' : '') + formatDuration(summary[key]);
  return [f('mean'), f('p50'), f('p95'), f('p99')];
}

/** `runs since 2026-09-08 (90d)`. */
export function periodHeading(report: StatusReport): string {
  return `runs since ${report.since.from.slice(0, 10)} (${report.since.text}), as of ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Rows that are not validated, with why: the lines under each table. Objectives of one class with
 * the same reason share a line (`full-restore TTR, RPO window: no drill run references this class`).
 */
export function notes(rows: readonly StatusRow[]): Array<{ row: StatusRow; text: string }> {
  const groups: Array<{ row: StatusRow; objectives: string[] }> = [];
  for (const row of rows.filter((r) => r.status !== 'validated')) {
    const same = groups.find(
      (g) => g.row.class === row.class && g.row.table === row.table && g.row.reason === row.reason,
    );
    if (same) same.objectives.push(objectiveLabels[row.objective]);
    else groups.push({ row, objectives: [objectiveLabels[row.objective]] });
  }
  return groups.map(({ row, objectives }) => ({
    row,
    text: `${row.class} ${objectives.join(', ')}: ${row.reason}`,
  }));
}
