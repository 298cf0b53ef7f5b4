import type { DrillResult } from '../../result/index.js';
import { html, type SafeHtml } from './safe-html.js';

type Row = DrillResult['objectives'][number];

/** The RTO/RPO table: objective | target | measured | status, with the resolution and why. */
export function objectivesSection(result: DrillResult): SafeHtml {
  const body =
    result.objectives.length === 0
      ? html`<p class="muted">No objective was evaluated: ${noRowsReason(result)}.</p>`
      : html`<table id="objectives">
          <thead>
            <tr>
              <th>objective</th>
              <th>target</th>
              <th>measured (± resolution)</th>
              <th>status</th>
            </tr>
          </thead>
          <tbody>
            ${result.objectives.map(objectiveRow)}
          </tbody>
        </table>`;
  return html`<section>
    <h2>Objectives</h2>
    ${body}
  </section>`;
}

function objectiveRow(row: Row): SafeHtml {
  return html`<tr class="objective ${row.status}" data-objective="${row.objective}">
    <td>${row.objective}${row.reason && html`<div class="note">${row.reason}</div>`}</td>
    <td class="mono">${row.display.target}</td>
    <td
      class="mono"
      title="${row.resolution !== undefined ? `± ${row.resolution.ms}ms: ${row.resolution.basis}` : ''}"
    >
      ${row.display.measured}
    </td>
    <td><span class="status ${row.status}">${row.status}</span></td>
  </tr>`;
}

function noRowsReason(result: DrillResult): string {
  if (result.timeline.t0 === undefined) return 'no fault took effect, so nothing was measured';
  return 'the scenario declares no objectives';
}
