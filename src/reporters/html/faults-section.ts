import { formatDuration } from '../../common/duration.js';
import type { DrillResult } from '../../result/index.js';
import { sinceT0 } from '../measurement-text.js';
import { html, type SafeHtml } from './safe-html.js';

type Fault = DrillResult['timeline']['faults'][number];

/** The fault timeline as it happened: when each took effect, what it did, how it was undone. */
export function faultsSection(result: DrillResult): SafeHtml {
  const t0 = result.timeline.t0;
  const finalReverts = result.reverts.map(
    (r) => html`<li>${r.faultId}: ${r.step}: ${r.ok ? 'ok' : 'FAILED'}${r.detail && ` (${r.detail})`}</li>`,
  );
  return html`<section id="faults">
    <h2>Faults</h2>
    <table>
      <thead>
        <tr>
          <th>fault</th>
          <th>planned</th>
          <th>took effect</th>
          <th>reverted</th>
          <th>what happened</th>
        </tr>
      </thead>
      <tbody>
        ${result.timeline.faults.map((fault) => faultRow(fault, t0))}
      </tbody>
    </table>
    ${
      finalReverts.length > 0 &&
      html`<h3>Reverted when the drill ended</h3>
        <ul>
          ${finalReverts}
        </ul>`
    }
  </section>`;
}

function faultRow(fault: Fault, t0: number | undefined): SafeHtml {
  const planned = `at ${formatDuration(fault.plannedAtMs)}${fault.durationMs !== undefined ? ` for ${formatDuration(fault.durationMs)}` : ''}`;
  const reverts = (fault.reverts ?? []).map(
    (r) => `${r.step}: ${r.ok ? 'ok' : 'FAILED'}${r.detail ? ` (${r.detail})` : ''}`,
  );
  return html`<tr class="fault" data-fault="${fault.id}">
    <td>
      <strong>${fault.id}</strong> <span class="muted">${fault.type}</span>
      <div class="note">${fault.description}</div>
    </td>
    <td class="mono">${planned}</td>
    <td class="mono">${fault.effectAt === undefined ? 'never' : sinceT0(fault.effectAt, t0)}</td>
    <td class="mono">${fault.revertedAt === undefined ? '—' : sinceT0(fault.revertedAt, t0)}</td>
    <td>
      ${fault.summary ?? ''}${reverts.length > 0 && html`<div class="note">undo: ${reverts.join('; ')}</div>`}
    </td>
  </tr>`;
}
