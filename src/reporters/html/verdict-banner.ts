import { formatDuration } from '../../common/duration.js';
import type { DrillResult } from '../../result/index.js';
import { html, type SafeHtml } from './safe-html.js';

/** The verdict in colour, the scenario, why it did not pass, and the run's identity. */
export function verdictBanner(result: DrillResult): SafeHtml {
  const durationMs = Date.parse(result.endedAt) - Date.parse(result.startedAt);
  return html`<header class="banner ${result.verdict}" id="verdict" data-verdict="${result.verdict}">
    <div class="verdict">${result.verdict}</div>
    <h1>${result.scenario.name}</h1>
    ${result.scenario.description && html`<div>${result.scenario.description}</div>`}
    ${
      result.reasons.length > 0 &&
      html`<ul class="reasons">
        ${result.reasons.map((r) => html`<li>${r}</li>`)}
      </ul>`
    }
    ${result.hint && html`<div>hint: ${result.hint}</div>`}
    <div class="meta">
      run <span class="mono">${result.runId}</span> · started ${wallTime(result.startedAt)} ·
      ${Number.isFinite(durationMs) ? formatDuration(durationMs) : ''}
      ${result.scenario.tier && html` · tier ${result.scenario.tier}`}
      ${result.scenario.tags.length > 0 && html` · tags ${result.scenario.tags.join(', ')}`}
    </div>
  </header>`;
}

/** `2026-11-22 03:02:59 UTC`: wall times in reports are UTC, as in the run directory's name. */
export function wallTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
