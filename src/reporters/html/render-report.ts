import type { DrillResult } from '../../result/index.js';
import { htmlDocument } from './document.js';
import { environmentSection } from './environment-section.js';
import { eventsSection } from './events-section.js';
import { faultsSection } from './faults-section.js';
import { integritySection } from './integrity-section.js';
import { loadSection } from './load-section.js';
import { measurementsSection } from './measurements-section.js';
import { objectivesSection } from './objectives-section.js';
import { repeatSection } from './repeat-section.js';
import { html } from './safe-html.js';
import { timelineChart } from './timeline-chart.js';
import { verdictBanner } from './verdict-banner.js';
import { soakSection, windowsSection } from './windows-section.js';

/** report.html: one self-contained page (no script, no network) from a run's result.json. */
export function renderHtmlReport(result: DrillResult): string {
  const downsampled = result.samplesDownsampled
    ? html`<p class="note">
        Long drill: the chart shows at most ${result.samplesLimit ?? 20_000} samples (passing ones thinned
        first);
        ${result.sampleFile ? html`<strong>${result.sampleFile}</strong> holds every one` : 'see the summaries below'}.
      </p>`
    : html``;
  const body = html`${verdictBanner(result)} ${objectivesSection(result)} ${measurementsSection(result)}
    <section>
      <h2>Timeline</h2>
      ${timelineChart(result)}${downsampled}
    </section>
    ${soakSection(result)} ${windowsSection(result)} ${faultsSection(result)} ${loadSection(result)}
    ${integritySection(result)} ${repeatSection(result)} ${eventsSection(result)}
    ${environmentSection(result)}
    <footer>firedrill ${result.environment.firedrill} · ${result.schema} · written from result.json</footer>`;
  return htmlDocument(`${result.verdict.toUpperCase()}: ${result.scenario.name} — firedrill`, body);
}
