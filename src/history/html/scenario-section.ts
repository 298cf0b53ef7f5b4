import { percentText } from '../../reporters/measurement-text.js';
import { html, type SafeHtml } from '../../reporters/html/safe-html.js';
import type { Regression } from '../regression.js';
import { metricKeys, type MetricKey, type RunRecord } from '../run-record.js';
import { rollingPassRate, passRateWindow, type ScenarioTrend } from '../trends.js';
import { metricFormat, metricLabels, metricText } from './metric-text.js';
import { trendChart, type TrendPoint } from './trend-chart.js';

/** One scenario: pass rate, and trend charts of TTD, TTR, lost writes and the rolling pass rate. */
export function scenarioSection(
  trend: ScenarioTrend,
  history: readonly RunRecord[],
  regressions: readonly Regression[],
): SafeHtml {
  const label = axisLabeler(history);
  const charts = metricKeys.map((key) =>
    trend.metrics[key].measured || trend.metrics[key].exceeded > 0
      ? trendChart(key, metricLabels[key], metricPoints(key, history, regressions, label), metricFormat[key])
      : html`<figure class="trend" data-metric="${key}">
          <figcaption><strong>${metricLabels[key]}</strong></figcaption>
          <p class="muted">not measured in any run</p>
        </figure>`,
  );
  const passPoints = rollingPassRate(history).map((rate, i) => ({
    label: label((history[i] as RunRecord).startedAt),
    value: rate,
    title: `${percentText(rate)} of the last ${Math.min(i + 1, passRateWindow)} runs passed`,
  }));
  return html`<section class="scenario" data-scenario="${trend.scenario}">
    <h2>${trend.scenario}</h2>
    <p>
      ${trend.passed} of ${trend.runs} runs passed (${percentText(trend.passRate)}) · latest:
      <span class="status ${trend.latest.verdict}">${trend.latest.verdict}</span>
      ${trend.regressions > 0 && html` · <span class="status regression">${trend.regressions} regression${trend.regressions === 1 ? '' : 's'}</span>`}
    </p>
    <div class="trends">
      ${charts}${trendChart('passRate', `pass rate (last ${passRateWindow} runs)`, passPoints, (v) => `${Math.round(v * 100)}%`)}
    </div>
  </section>`;
}

function metricPoints(
  key: MetricKey,
  history: readonly RunRecord[],
  regressions: readonly Regression[],
  label: (iso: string) => string,
): TrendPoint[] {
  return history.map((run) => {
    const value = run.metrics[key];
    const flag = regressions.find((r) => r.dir === run.dir && r.metric === key);
    const base = {
      label: label(run.startedAt),
      title: `${run.startedAt.slice(0, 16).replace('T', ' ')} (${run.runId}): ${metricText(key, value)}`,
    };
    const regression = flag && {
      threshold: flag.baselineP95 + flag.tolerance,
      note: `regression: above the p95 of the previous ${flag.baselineRuns} runs, ${metricFormat[key](flag.baselineP95)}`,
    };
    const withFlag = regression ? { regression, title: `${base.title} — ${regression.note}` } : {};
    if (value.status === 'measured') return { ...base, value: value.value, ...withFlag };
    if (value.status === 'exceeded') return { ...base, over: value.over, ...withFlag };
    return base;
  });
}

/** Axis labels: `11-22` when the runs span days, `03:04` when they all ran on one day. */
function axisLabeler(history: readonly RunRecord[]): (iso: string) => string {
  const oneDay = new Set(history.map((r) => r.startedAt.slice(0, 10))).size <= 1;
  return (iso) => (oneDay ? iso.slice(11, 16) : iso.slice(5, 10));
}
