import type { DrillResult } from '../../result/index.js';
import type { Sample } from '../../result/sample.js';
import { formatDuration } from '../../common/duration.js';
import { niceMax, px, linearScale, type Scale } from './chart-scale.js';
import { html, type SafeHtml } from './safe-html.js';

export const laneHeight = 60;
const band = { top: 6, height: 12 };
const latency = { top: 24, bottom: 54 };
const labelChars = 28;

type Probe = DrillResult['probes'][number];

/** One probe's row: a pass/fail band (runs of equal outcomes merged) and its latency line. */
export function probeLane(
  probe: Probe,
  samples: readonly Sample[],
  x: Scale,
  y: number,
  labelX: number,
): SafeHtml {
  const values = samples.flatMap((s) => (s.value === undefined ? [] : [s.value]));
  const top = niceMax(values.reduce((a, b) => Math.max(a, b), 0));
  const v = linearScale([0, top], [y + latency.bottom, y + latency.top]);
  const name = probe.name.length > labelChars ? `${probe.name.slice(0, labelChars - 1)}…` : probe.name;
  return html`<g class="probe-lane" data-probe="${probe.name}">
    <title>${probe.name}</title>
    <text x="${labelX}" y="${y + 17}" font-weight="600">${name}</text>
    <text x="${labelX}" y="${y + 31}" class="muted" fill="#5f6b7a"
      >${probe.role} · ${probe.type} · every ${formatDuration(probe.interval)}</text
    >
    <text x="${labelX}" y="${y + 45}" fill="#5f6b7a"
      >${values.length > 0 ? `latency 0–${formatDuration(top)}` : 'no latency'}</text
    >
    ${outcomeRuns(samples).map((run) => runRect(run, x, y))}
    ${values.length > 0 && html`<path class="latency" d="${latencyPath(samples, x, v)}" />`}
    <line
      class="lane-sep"
      x1="${px(x(x.domain[0]))}"
      x2="${px(x(x.domain[1]))}"
      y1="${y + laneHeight}"
      y2="${y + laneHeight}"
    />
  </g>`;
}

interface OutcomeRun {
  ok: boolean;
  start: number;
  end: number;
  count: number;
  detail: string | undefined;
}

/** Consecutive samples with the same outcome, each lasting until the next sample began. */
function outcomeRuns(samples: readonly Sample[]): OutcomeRun[] {
  const runs: OutcomeRun[] = [];
  samples.forEach((sample, i) => {
    const end = samples[i + 1]?.startedAt ?? sample.endedAt;
    const last = runs.at(-1);
    if (last && last.ok === sample.ok) {
      last.end = end;
      last.count += 1;
    } else {
      runs.push({ ok: sample.ok, start: sample.startedAt, end, count: 1, detail: sample.detail });
    }
  });
  return runs;
}

function runRect(run: OutcomeRun, x: Scale, y: number): SafeHtml {
  const width = Math.max(1, x(run.end) - x(run.start));
  const what = `${run.ok ? 'passed' : 'failed'}: ${run.count} sample${run.count === 1 ? '' : 's'}`;
  return html`<rect
    class="${run.ok ? 'pass' : 'fail'}"
    x="${px(x(run.start))}"
    y="${y + band.top}"
    width="${px(width)}"
    height="${band.height}"
    ><title>${what}${run.detail ? ` (first: ${run.detail})` : ''}</title></rect
  >`;
}

/** The latency line, broken where a sample carries no value (e.g. a refused connection). */
function latencyPath(samples: readonly Sample[], x: Scale, v: Scale): string {
  let path = '';
  let pen = false;
  for (const sample of samples) {
    if (sample.value === undefined) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${px(x(sample.startedAt))} ${px(v(sample.value))}`;
    pen = true;
  }
  return path;
}
