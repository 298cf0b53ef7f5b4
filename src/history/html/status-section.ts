import { html, type SafeHtml } from '../../reporters/html/safe-html.js';
import {
  mttrCells,
  mttrHeader,
  periodHeading,
  rpoCells,
  rpoHeader,
  rtoCells,
  rtoHeader,
} from '../../status/status-cells.js';
import type { RowStatus, StatusReport, StatusRow } from '../../status/status-report.js';

/** The report stylesheet's status colours: green, red, amber. */
const statusClass: Record<RowStatus, string> = {
  validated: 'passed',
  failed: 'failed',
  untested: 'failed',
  stale: 'not-measured',
  'claim-broken': 'not-measured',
};

/** The recovery tables (`firedrill status`) of the objectives tables the history's drills name. */
export function statusSection(report: StatusReport): SafeHtml {
  const now = new Date(report.generatedAt);
  return html`<section id="recovery-objectives">
    <h2>Recovery objectives</h2>
    <p class="meta">${report.tables.join(', ')}: ${periodHeading(report)}</p>
    ${statusTable('RTO', 'status-rto', rtoHeader, report.rto, (row) => rtoCells(row, now))}
    ${statusTable('RPO', 'status-rpo', rpoHeader, report.rpo, (row) => rpoCells(row, now))}
    <h3>MTTR</h3>
    <table id="status-mttr">
      <thead>
        <tr>
          ${mttrHeader.map((h) => html`<th>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${report.mttr.map(
          (row) =>
            html`<tr>
              ${mttrCells(row).map((c) => html`<td>${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function statusTable(
  title: string,
  id: string,
  header: readonly string[],
  rows: readonly StatusRow[],
  cells: (row: StatusRow) => string[],
): SafeHtml | false {
  if (rows.length === 0) return false;
  return html`<h3>${title}</h3>
    <table id="${id}">
      <thead>
        <tr>
          ${header.map((h) => html`<th>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map((row) => statusRow(row, cells(row)))}
      </tbody>
    </table>`;
}

function statusRow(row: StatusRow, cells: string[]): SafeHtml {
  const status = cells.pop() ?? '';
  // Relative links start with ./ so that no directory name can read as a URL scheme.
  const run = row.failedRun;
  return html`<tr class="status-row" data-class="${row.class}" data-objective="${row.objective}">
    ${cells.map((c) => html`<td>${c}</td>`)}
    <td>
      <span class="status ${statusClass[row.status]}" title="${row.reason}">${status}</span>
      ${run && html` <a href="./${run.report ?? run.dir}">run ${run.runId}</a>`}
    </td>
  </tr>`;
}
