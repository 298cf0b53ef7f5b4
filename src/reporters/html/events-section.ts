import type { JournalEvent } from '../../engine/journal.js';
import type { DrillResult } from '../../result/index.js';
import { describeEvent } from '../event-text.js';
import { sinceT0 } from '../measurement-text.js';
import { html, type SafeHtml } from './safe-html.js';

const detailLimit = 400;

/** The journal: every event with its time since t0, its wall time and what it said. */
export function eventsSection(result: DrillResult): SafeHtml {
  const t0 = result.timeline.t0;
  return html`<section id="events">
    <h2>Events</h2>
    <details open>
      <summary>${result.events.length} events (events.ndjson)</summary>
      <table>
        <thead>
          <tr>
            <th class="num">${t0 === undefined ? 'since start' : 'since t0'}</th>
            <th>wall time (UTC)</th>
            <th>event</th>
            <th>detail</th>
          </tr>
        </thead>
        <tbody>
          ${result.events.map((event) => eventRow(event, t0))}
        </tbody>
      </table>
    </details>
  </section>`;
}

function eventRow(event: JournalEvent, t0: number | undefined): SafeHtml {
  return html`<tr class="event" data-type="${event.type}">
    <td class="num mono">${sinceT0(event.t, t0)}</td>
    <td class="mono">${event.time.slice(11, 23)}</td>
    <td class="mono">${event.type}</td>
    <td>${describeEvent(event) ?? fields(event)}</td>
  </tr>`;
}

/** The event's own fields as compact JSON, for events without a sentence. */
function fields(event: JournalEvent): string {
  const { t: _t, time: _time, type: _type, ...rest } = event;
  const text = Object.keys(rest).length === 0 ? '' : JSON.stringify(rest);
  return text.length > detailLimit ? `${text.slice(0, detailLimit)}…` : text;
}
