import { formatDuration } from '../../common/duration.js';
import type { DrillResult } from '../../result/index.js';
import type { RepeatedMeasurement, RepeatSummary } from '../../result/index.js';
import { percentText } from '../measurement-text.js';
import { html, type SafeHtml } from './safe-html.js';

type Key = Exclude<keyof RepeatSummary, 'runs'>;

const rows: Record<Key, { label: string; show: (v: number) => string }> = {
  detect: { label: 'time to detect', show: formatDuration },
  recover: { label: 'time to recover', show: formatDuration },
  recoveryAfterDetection: { label: 'recovery after detection', show: formatDuration },
  total: { label: 'total', show: formatDuration },
  rpo: { label: 'RPO window', show: formatDuration },
  lostWrites: { label: 'lost writes', show: String },
  availability: { label: 'availability during faults', show: percentText },
  latencyP99: { label: 'latency p99 during faults', show: formatDuration },
};

/** `repeat: N`: each measurement as a distribution over the iterations (never only a mean). */
export function repeatSection(result: DrillResult): SafeHtml {
  const { repeat } = result as DrillResult & { repeat?: RepeatSummary };
  if (!repeat) return html``;
  const shown = (Object.keys(rows) as Key[]).filter((key) => repeat[key].runs - repeat[key].notMeasured > 0);
  return html`<section id="repeat">
    <h2>Over ${repeat.runs} iterations</h2>
    <table>
      <thead>
        <tr>
          <th>measurement</th>
          <th class="num">min</th>
          <th class="num">p50</th>
          <th class="num">p95</th>
          <th class="num">max</th>
          <th class="num">exceeded its timeout</th>
          <th class="num">not measured</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map((key) => repeatRow(rows[key].label, repeat[key], rows[key].show))}
      </tbody>
    </table>
  </section>`;
}

function repeatRow(label: string, m: RepeatedMeasurement, show: (v: number) => string): SafeHtml {
  const d = m.measured;
  const cells = d
    ? [d.min, d.p50, d.p95, d.max].map((v) => html`<td class="num">${show(v)}</td>`)
    : html`<td colspan="4" class="muted">none measured</td>`;
  return html`<tr>
    <td>${label}</td>
    ${cells}
    <td class="num">${m.exceeded}</td>
    <td class="num">${m.notMeasured}</td>
  </tr>`;
}
