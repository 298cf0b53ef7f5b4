import type { ReadinessReport } from './readiness.js';

const HEADER = { name: 'CHECK', status: 'STATUS', detail: 'DETAIL' };

/**
 * The doctor's table: one row per check, the fix on the line below a row that is not ok, and a
 * closing verdict line. Plain text (CI logs have no colours).
 */
export function formatReadinessTable(report: ReadinessReport): string {
  const nameWidth = Math.max(HEADER.name.length, ...report.rows.map((r) => r.name.length));
  const statusWidth = Math.max(HEADER.status.length, ...report.rows.map((r) => r.status.length));
  const indent = ' '.repeat(nameWidth + statusWidth + 4);
  const line = (name: string, status: string, detail: string): string =>
    `${name.padEnd(nameWidth)}  ${status.padEnd(statusWidth)}  ${detail}`.trimEnd();
  const lines = [line(HEADER.name, HEADER.status, HEADER.detail)];
  for (const row of report.rows) {
    lines.push(line(row.name, row.status, row.detail));
    if (row.status !== 'ok' && row.fix) lines.push(`${indent}fix: ${row.fix}`);
  }
  lines.push('', verdictLine(report));
  return lines.join('\n');
}

export function verdictLine(report: ReadinessReport): string {
  if (report.ready) return 'Ready: container drills can run.';
  return `Not ready: container drills cannot run until ${report.blockers.join(', ')} ${
    report.blockers.length === 1 ? 'is' : 'are'
  } fixed (see the fix lines above).`;
}
