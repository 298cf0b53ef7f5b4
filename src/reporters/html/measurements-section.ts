import type { DrillResult } from '../../result/index.js';
import type { TimeMeasurement } from '../../result/index.js';
import { boundText, sinceT0, timeComment, timeText } from '../measurement-text.js';
import { html, type SafeHtml } from './safe-html.js';

/** TTD, TTR and their relatives as figure cards, each with its resolution or why it is missing. */
export function measurementsSection(result: DrillResult): SafeHtml {
  const m = result.measurements;
  if (!m) return html``;
  const impact =
    m.impact.status === 'impact'
      ? {
          value: sinceT0(m.impact.at, m.t0),
          note: `marked by ${m.impact.signal}: ${m.impact.detail ?? 'failed'}; ${boundText(m.impact.resolution) ?? ''}`,
        }
      : { value: 'none', note: `no steady signal (${(m.signals ?? []).join(', ')}) failed after the fault` };
  return html`<section>
    <h2>Measurements</h2>
    <div class="figures" id="measurements">
      ${figure('time to detect (TTD)', m.detect)} ${figure('time to recover (TTR)', m.recover)}
      ${figure('recovery after detection', m.recoveryAfterDetection)}
      <div class="figure">
        <div class="label">impact start</div>
        <div class="value">${impact.value}</div>
        <div class="note">${impact.note}</div>
      </div>
    </div>
    <p class="note">
      Times are since t0, the moment the first fault took effect. Impact and recovery are judged on the steady
      signals ${(m.signals ?? []).join(', ')}; each figure names the signal that marked it. ± is the real
      bound of each figure: the gap between the two observations that bracket the event (a log line: its
      delivery
      delay).${m.abortedAtMs !== undefined ? ` The run was interrupted at +${Math.round(m.abortedAtMs)}ms.` : ''}
    </p>
  </section>`;
}

function figure(label: string, m: TimeMeasurement): SafeHtml {
  return html`<div class="figure ${m.status}">
    <div class="label">${label}</div>
    <div class="value">${timeText(m)}</div>
    <div class="note">${timeComment(m)}</div>
  </div>`;
}
