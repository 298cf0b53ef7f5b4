import { linearScale, niceMax, px, type Scale } from '../../reporters/html/chart-scale.js';
import { html, type SafeHtml } from '../../reporters/html/safe-html.js';

/** One run's point: a value, a value only known to exceed `over`, or nothing. */
export interface TrendPoint {
  label: string;
  value?: number;
  over?: number;
  /** Set when flagged: the threshold the value crossed and why, for the tooltip. */
  regression?: { threshold: number; note: string };
  title: string;
}

const size = { width: 320, height: 170 };
const margin = { left: 48, right: 12, top: 12, bottom: 30 };

/** A small line chart over a scenario's runs (oldest left); regressions drawn red with their threshold. */
export function trendChart(
  id: string,
  title: string,
  points: readonly TrendPoint[],
  format: (v: number) => string,
): SafeHtml {
  const known = points
    .flatMap((p) => [p.value, p.over, p.regression?.threshold])
    .filter((v) => v !== undefined);
  const top = niceMax(known.reduce((a, b) => Math.max(a, b), 0));
  // A lone run sits in the middle rather than on the axis.
  const x = linearScale(points.length === 1 ? [-1, 1] : [0, points.length - 1], [
    margin.left,
    size.width - margin.right,
  ]);
  const y = linearScale([0, top], [size.height - margin.bottom, margin.top]);
  return html`<figure class="trend" data-metric="${id}">
    <figcaption><strong>${title}</strong></figcaption>
    <svg
      class="chart trend-chart"
      data-metric="${id}"
      viewBox="0 0 ${size.width} ${size.height}"
      role="img"
      aria-label="${title} per run"
      xmlns="http://www.w3.org/2000/svg"
    >
      ${[0, top / 2, top].map((v) => html`<line class="grid" x1="${margin.left}" x2="${size.width - margin.right}" y1="${px(y(v))}" y2="${px(y(v))}" /><text class="axis" x="${margin.left - 6}" y="${px(y(v) + 4)}" text-anchor="end" fill="#5f6b7a">${format(v)}</text>`)}
      <path class="trend" d="${linePath(points, x, y)}" />
      ${points.map((p, i) => point(p, x(i), y))} ${xLabels(points, x)}
    </svg>
  </figure>`;
}

function linePath(points: readonly TrendPoint[], x: Scale, y: Scale): string {
  let pen = false;
  return points
    .map((p, i) => {
      if (p.value === undefined) {
        pen = false;
        return '';
      }
      const segment = `${pen ? 'L' : 'M'}${px(x(i))} ${px(y(p.value))}`;
      pen = true;
      return segment;
    })
    .join('');
}

function point(p: TrendPoint, cx: number, y: Scale): SafeHtml {
  const title = html`<title>${p.title}</title>`;
  const threshold =
    p.regression &&
    html`<line
      class="threshold"
      x1="${px(cx - 12)}"
      x2="${px(cx + 12)}"
      y1="${px(y(p.regression.threshold))}"
      y2="${px(y(p.regression.threshold))}"
      stroke="#c62828"
      stroke-dasharray="3 2"
    />`;
  const cls = p.regression ? 'point regression' : p.over !== undefined ? 'point exceeded' : 'point';
  if (p.over !== undefined) {
    const top = y(p.over);
    return html`${threshold}<path
        class="${cls}"
        d="M${px(cx)} ${px(top - 7)}L${px(cx + 6)} ${px(top + 4)}L${px(cx - 6)} ${px(top + 4)}Z"
        >${title}</path
      >`;
  }
  if (p.value === undefined) return html``;
  return html`${threshold}<circle
      class="${cls}"
      cx="${px(cx)}"
      cy="${px(y(p.value))}"
      r="${p.regression ? 6 : 3.5}"
      >${title}</circle
    >`;
}

/** Run dates under the axis: the first, the last and two between (more would overlap). */
function xLabels(points: readonly TrendPoint[], x: Scale): SafeHtml[] {
  const last = points.length - 1;
  const shown = [...new Set([0, Math.round(last / 3), Math.round((2 * last) / 3), last])];
  // The outer labels hang inwards so that none is cut at the chart's edge.
  const anchor = (i: number): string =>
    points.length === 1 ? 'middle' : i === 0 ? 'start' : i === last ? 'end' : 'middle';
  return shown.map(
    (i) =>
      html`<text
        class="axis"
        x="${px(x(i))}"
        y="${size.height - margin.bottom + 16}"
        text-anchor="${anchor(i)}"
        fill="#5f6b7a"
        >${(points[i] as TrendPoint).label}</text
      >`,
  );
}
