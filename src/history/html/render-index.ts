import { formatDuration } from '../../common/duration.js';
import { htmlDocument } from '../../reporters/html/document.js';
import { html, type SafeHtml } from '../../reporters/html/safe-html.js';
import { wallTime } from '../../reporters/html/verdict-banner.js';
import type { HistoryIndex } from '../build-index.js';
import type { Regression } from '../regression.js';
import { metricFormat, metricLabels, metricText } from './metric-text.js';
import { runsTable } from './runs-table.js';
import { scenarioSection } from './scenario-section.js';
import { statusSection } from './status-section.js';

/** index.html: the history of every drill under a reports directory (self-contained, no script). */
export function renderIndexHtml(index: HistoryIndex): string {
  const rule = index.regressionRule;
  const body = html`<header
      class="banner ${index.regressions.length > 0 ? 'failed' : 'history'}"
      id="summary"
    >
      <div class="verdict">drill history</div>
      <h1>
        ${index.runs.length} runs of ${index.scenarios.length}
        scenario${index.scenarios.length === 1 ? '' : 's'}
      </h1>
      <div class="meta">
        ${index.regressions.length} regression${index.regressions.length === 1 ? '' : 's'} · generated
        ${wallTime(index.generatedAt)}
      </div>
    </header>
    ${
      index.regressions.length > 0 &&
      html`<section id="regressions">
        <h2>Regressions</h2>
        <ul>
          ${index.regressions.map((r) => regressionItem(r, rule.percentile))}
        </ul>
      </section>`
    }
    ${index.status && statusSection(index.status)}
    ${
      index.statusError !== undefined &&
      html`<section id="recovery-objectives">
        <h2>Recovery objectives</h2>
        <p class="note">Not shown: ${index.statusError}</p>
      </section>`
    }
    ${index.scenarios.map((trend) =>
      scenarioSection(
        trend,
        index.runs.filter((r) => r.scenario === trend.scenario),
        index.regressions,
      ),
    )}
    ${runsTable(index.runs, index.regressions)}
    ${
      index.skipped.length > 0 &&
      html`<section>
        <h2>Skipped directories</h2>
        <ul>
          ${index.skipped.map((s) => html`<li><span class="mono">${s.dir}</span>: ${s.reason}</li>`)}
        </ul>
      </section>`
    }
    <p class="note">
      A regression: a run's TTD, TTR or lost writes above the p${rule.percentile} of the same scenario's
      previous runs that measured it (the most recent ${rule.window}, at least ${rule.minRuns} of them) by
      more than the run's own resolution, or a detection or recovery that exceeded its timeout. Times are
      since t0.
    </p>`;
  return htmlDocument('firedrill drill history', body);
}

function regressionItem(r: Regression, percentile: number): SafeHtml {
  const format = metricFormat[r.metric];
  const tolerance = r.tolerance > 0 ? ` + ${formatDuration(r.tolerance)} resolution` : '';
  return html`<li class="regression" data-run="${r.runId}" data-metric="${r.metric}">
    <strong>${r.scenario}</strong> run <span class="mono">${r.runId}</span>: ${metricLabels[r.metric]}
    ${metricText(r.metric, r.value)}, above the p${percentile} ${format(r.baselineP95)}${tolerance} of the
    previous ${r.baselineRuns} runs
  </li>`;
}
