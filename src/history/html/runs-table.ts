import { html, type SafeHtml } from '../../reporters/html/safe-html.js';
import { wallTime } from '../../reporters/html/verdict-banner.js';
import type { Regression } from '../regression.js';
import { metricKeys, type RunRecord } from '../run-record.js';
import { metricLabels, metricText } from './metric-text.js';

/** Every run, newest first, linked to its report. */
export function runsTable(runs: readonly RunRecord[], regressions: readonly Regression[]): SafeHtml {
  return html`<section>
    <h2>All runs</h2>
    <table id="runs">
      <thead>
        <tr>
          <th>started</th>
          <th>scenario</th>
          <th>verdict</th>
          <th class="num">TTD</th>
          <th class="num">TTR</th>
          <th class="num">lost writes</th>
          <th>regressions</th>
          <th>report</th>
        </tr>
      </thead>
      <tbody>
        ${[...runs].reverse().map((run) => runRow(run, regressions))}
      </tbody>
    </table>
  </section>`;
}

function runRow(run: RunRecord, regressions: readonly Regression[]): SafeHtml {
  // Relative links start with ./ so that no directory name can read as a URL scheme.
  const link = `./${run.report ?? `${run.dir}/result.json`}`;
  const flags = regressions.filter((r) => r.dir === run.dir);
  return html`<tr class="run ${flags.length > 0 ? 'regressed' : ''}" data-run="${run.runId}">
    <td class="mono">${wallTime(run.startedAt)}</td>
    <td>${run.scenario}</td>
    <td><span class="status ${run.verdict}" title="${run.reason ?? ''}">${run.verdict}</span></td>
    ${metricKeys.map((key) => html`<td class="num mono">${metricText(key, run.metrics[key])}</td>`)}
    <td>
      ${flags.map((f) => html`<span class="status regression" title="above the p95 of the previous ${f.baselineRuns} runs">${metricLabels[f.metric]}</span> `)}
    </td>
    <td><a href="${link}">${run.report ? 'report.html' : 'result.json'}</a></td>
  </tr>`;
}
