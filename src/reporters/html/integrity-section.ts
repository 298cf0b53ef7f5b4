import type { DrillResult } from '../../result/index.js';
import { timeComment, timeText } from '../measurement-text.js';
import { html, type SafeHtml } from './safe-html.js';

const shownLostIds = 50;

/** The RPO ledger: attempted, acknowledged, lost (with ids), recovered, and the RPO window. */
export function integritySection(result: DrillResult): SafeHtml {
  const data = result.measurements?.data;
  if (!data) return html``;
  const ids = data.lostIds.slice(0, shownLostIds).map(String).join(', ');
  const more = data.lostIds.length > shownLostIds ? ` and ${data.lostIds.length - shownLostIds} more` : '';
  return html`<section id="integrity">
    <h2>Integrity</h2>
    <table>
      <thead>
        <tr>
          <th class="num">attempted</th>
          <th class="num">acknowledged</th>
          <th class="num">lost</th>
          <th class="num">recovered (unacknowledged but present)</th>
          <th>RPO window</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td class="num">${data.attempted}</td>
          <td class="num">${data.acknowledged}</td>
          <td class="num">${data.lostWrites}</td>
          <td class="num">${data.recovered}</td>
          <td class="mono">
            ${timeText(data.rpo)}
            <div class="note">${timeComment(data.rpo)}</div>
          </td>
        </tr>
      </tbody>
    </table>
    ${data.lostWrites > 0 && html`<p>Lost acknowledged writes: <span class="mono">${ids}${more}</span></p>`}
    <p class="note">
      Lost = acknowledged, then missing after recovery. RPO window = t0 minus the acknowledgement time of the
      oldest lost write.
    </p>
  </section>`;
}
