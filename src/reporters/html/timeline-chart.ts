import type { DrillResult } from '../../result/index.js';
import type { Sample } from '../../result/sample.js';
import { chartMarks, type FaultWindow, type Marker } from './chart-marks.js';
import { linearScale, px, timeTicks, type Scale } from './chart-scale.js';
import { laneHeight, probeLane } from './probe-lane.js';
import { html, type SafeHtml } from './safe-html.js';
import { tickLabel } from './tick-label.js';

const width = 1000;
const margin = { left: 200, right: 16, top: 52, bottom: 28 };
const markerRows = [30, 44];
const charWidth = 6.2;

/**
 * Every probe over the drill as inline SVG: pass/fail band and latency per probe, fault windows
 * shaded, t0 / impact / detection / recovery marked. No script: hovering shows SVG titles.
 */
export function timelineChart(result: DrillResult): SafeHtml {
  const { samples, probes } = result;
  if (samples.length === 0)
    return html`<p class="muted">No probe sample was taken: there is no timeline to draw.</p>`;
  const domain = timeDomain(result);
  const { windows, markers } = chartMarks(result, domain[1]);
  const x = linearScale(domain, [margin.left, width - margin.right]);
  const lanesBottom = margin.top + probes.length * laneHeight;
  const height = lanesBottom + margin.bottom;
  const byProbe = new Map<string, Sample[]>(probes.map((p) => [p.name, []]));
  for (const sample of samples) byProbe.get(sample.probe)?.push(sample);
  return html`<svg
      id="timeline"
      class="chart timeline-chart"
      viewBox="0 0 ${width} ${height}"
      width="${width}"
      height="${height}"
      role="img"
      aria-label="Probe results over time, with fault windows and t0, detection and recovery marked"
      xmlns="http://www.w3.org/2000/svg"
    >
      ${axis(x, result.timeline.t0, margin.top, lanesBottom)}
      ${windows.map((w) => faultWindow(w, x, lanesBottom))}
      ${probes.map((probe, i) => probeLane(probe, byProbe.get(probe.name) ?? [], x, margin.top + i * laneHeight, 8))}
      ${placeLabels(markers, x).map(({ marker, row }) => markerLine(marker, x, row, lanesBottom))}
    </svg>
    <div class="legend">
      <span><span class="swatch" style="background:#1f8a4c"></span>check passed</span>
      <span><span class="swatch" style="background:#c62828"></span>check failed</span>
      <span><span class="swatch" style="background:rgba(245,166,35,.35)"></span>fault active</span>
      <span>— latency (ms, per probe scale)</span>
      <span>markers: t0 (fault took effect), impact, detected, recovered</span>
    </div>`;
}

function timeDomain(result: DrillResult): [number, number] {
  const times = result.samples.flatMap((s) => [s.startedAt, s.endedAt]);
  for (const f of result.timeline.faults)
    times.push(...[f.effectAt, f.revertedAt].filter((t) => t !== undefined));
  // reduce, not Math.min(...times): a long drill has tens of thousands of samples.
  const start = times.reduce((a, b) => Math.min(a, b), Infinity);
  const end = times.reduce((a, b) => Math.max(a, b), -Infinity);
  return [start, end > start ? end : start + 1000];
}

/** Ticks relative to t0; without a fault that took effect, relative to the start of the run. */
function axis(x: Scale, t0: number | undefined, top: number, bottom: number): SafeHtml {
  const origin = t0 ?? 0;
  const zero = t0 === undefined ? '0' : 't0';
  const ticks = timeTicks(x.domain, origin);
  return html`<g class="axis"
    >${ticks.map(
      (t) =>
        html`<line class="grid" x1="${px(x(t))}" x2="${px(x(t))}" y1="${top}" y2="${bottom}" />
          <text x="${px(x(t))}" y="${bottom + 16}" text-anchor="middle"
            >${tickLabel(t - origin, zero)}</text
          >`,
    )}<text x="8" y="${bottom + 16}">${t0 === undefined ? 'time since start' : 'time since t0'}</text></g
  >`;
}

function faultWindow(w: FaultWindow, x: Scale, bottom: number): SafeHtml {
  const left = x(w.start);
  return html`<g data-fault="${w.id}"
    ><rect
      class="fault-window"
      data-fault="${w.id}"
      x="${px(left)}"
      y="4"
      width="${px(Math.max(1, x(w.end) - left))}"
      height="${px(bottom - 4)}"
      ><title>${w.title}</title></rect
    >
    <text x="${px(left + 4)}" y="16" font-weight="600">${w.id}</text></g
  >`;
}

/** Marker labels on two rows, the second used when a label would overlap its neighbour. */
function placeLabels(markers: readonly Marker[], x: Scale): Array<{ marker: Marker; row: number }> {
  const rowEnds = markerRows.map(() => -Infinity);
  return [...markers]
    .sort((a, b) => a.at - b.at)
    .map((marker) => {
      const start = x(marker.at) + 3;
      const free = rowEnds.findIndex((end) => end < start);
      const row = free === -1 ? markerRows.length - 1 : free;
      rowEnds[row] = start + marker.label.length * charWidth;
      return { marker, row };
    });
}

function markerLine(marker: Marker, x: Scale, row: number, bottom: number): SafeHtml {
  const at = px(x(marker.at));
  const y = markerRows[row] as number;
  return html`<g class="marker-group" data-marker="${marker.kind}"
    ><line class="marker ${marker.kind}" x1="${at}" x2="${at}" y1="${y + 3}" y2="${bottom}" />
    <text x="${px(x(marker.at) + 3)}" y="${y}">${marker.label}</text></g
  >`;
}
