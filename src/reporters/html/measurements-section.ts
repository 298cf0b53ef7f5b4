import type { DrillResult } from '../../engine/result.js';
import type { TimeMeasurement } from '../../engine/measure/index.js';
import { sinceT0, timeComment, timeText } from '../measurement-text.js';
import { html, type SafeHtml } from './safe-html.js';

/** TTD, TTR and their relatives as figure cards, each with its resolution or why it is missing. */
export function measurementsSection(result: DrillResult): SafeHtml {
  const m = result.measurements;
  if (!m) return html``;
  const impact =
    m.impact.status === 'impact'
      ? { value: sinceT0(m.impact.at, m.t0), note: `${m.impact.probe} failed: ${m.impact.detail ?? ''}` }
      : { value: 'none', note: 'no steady probe failed after the fault' };
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
      Times are since t0, the moment the first fault took effect; ± is the probe interval that bounds each
      figure.
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
