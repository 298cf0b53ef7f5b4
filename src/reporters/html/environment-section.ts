import type { DrillResult } from '../../result/index.js';
import { html, type SafeHtml } from './safe-html.js';
import { wallTime } from './verdict-banner.js';

const knownKeys = ['firedrill', 'node', 'platform', 'host', 'seed'];

/** Where and with what the drill ran: versions, host, seed, and any further facts the result records. */
export function environmentSection(result: DrillResult): SafeHtml {
  const env = result.environment as unknown as Record<string, unknown>;
  const keys = [...new Set([...knownKeys, ...Object.keys(env)])].filter((key) => env[key] !== undefined);
  const rows: Array<[string, string]> = [
    ...keys.map((key): [string, string] => [key, show(env[key])]),
    ['scenario file', result.scenario.file],
    ['run id', result.runId],
    ['started', wallTime(result.startedAt)],
    ['ended', wallTime(result.endedAt)],
    ['clock origin', result.clockOrigin],
  ];
  return html`<section id="environment">
    <h2>Environment</h2>
    <table>
      <tbody>
        ${rows.map(
          ([key, value]) =>
            html`<tr>
              <th>${key}</th>
              <td class="mono">${value}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="note">
      Re-run with <span class="mono">--seed ${result.environment.seed}</span> to repeat the same random
      choices.
    </p>
  </section>`;
}

// Nested facts (image digests by node, tool versions) are shown as `name: value` pairs.
function show(value: unknown): string {
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  return String(value);
}
