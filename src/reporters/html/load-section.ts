import { formatDuration } from '../../common/duration.js';
import type { DrillResult } from '../../result/index.js';
import type { Availability, LatencyPercentiles, LoadMeasurement } from '../../result/index.js';
import { loadNoteText } from '../load-note.js';
import { percentText } from '../measurement-text.js';
import { html, type SafeHtml } from './safe-html.js';

/** Availability in the fault window and overall, latency percentiles at baseline vs during the fault. */
export function loadSection(result: DrillResult): SafeHtml {
  const load: LoadMeasurement | undefined = result.measurements?.load;
  const note = loadNoteText(result);
  if (!load)
    return note
      ? html`<section id="load">
          <h2>Load</h2>
          <p>${note}</p>
        </section>`
      : html``;
  return html`<section id="load">
    <h2>Load</h2>
    <p>${load.requests} requests${note && ` · ${note}`}</p>
    <table>
      <thead>
        <tr>
          <th>availability</th>
          <th class="num">successful</th>
          <th class="num">requests</th>
          <th class="num">ratio</th>
        </tr>
      </thead>
      <tbody>
        ${availabilityRow('during faults', load.availability.fault)}${availabilityRow('whole drill', load.availability.overall)}
      </tbody>
    </table>
    <table>
      <thead>
        <tr>
          <th>latency</th>
          <th class="num">requests</th>
          <th class="num">p50</th>
          <th class="num">p95</th>
          <th class="num">p99</th>
        </tr>
      </thead>
      <tbody>
        ${latencyRow('baseline', load.latency.baseline)}${latencyRow('during faults', load.latency.fault)}
      </tbody>
    </table>
  </section>`;
}

function availabilityRow(label: string, a: Availability | null): SafeHtml {
  if (!a)
    return html`<tr>
      <td>${label}</td>
      <td colspan="3" class="muted">no request</td>
    </tr>`;
  return html`<tr>
    <td>${label}</td>
    <td class="num">${a.ok}</td>
    <td class="num">${a.total}</td>
    <td class="num">${percentText(a.ratio)}</td>
  </tr>`;
}

function latencyRow(label: string, p: LatencyPercentiles | null): SafeHtml {
  if (!p)
    return html`<tr>
      <td>${label}</td>
      <td colspan="4" class="muted">no request</td>
    </tr>`;
  return html`<tr>
    <td>${label}</td>
    <td class="num">${p.n}</td>
    <td class="num">${formatDuration(p.p50)}</td>
    <td class="num">${formatDuration(p.p95)}</td>
    <td class="num">${formatDuration(p.p99)}</td>
  </tr>`;
}
