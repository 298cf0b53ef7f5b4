import { formatDuration } from '../../common/duration.js';
import { formatPer } from '../../common/format-per.js';
import type { DrillResult, SoakWindow } from '../../result/index.js';
import type { LedgerWindow, LoadWindow, ProbeWindow } from '../../result/window-summary.js';
import { html, type SafeHtml } from './safe-html.js';

/**
 * A long drill, window by window (by the hour): every probe, the load and the ledger. Its size
 * grows with the number of windows (24 for a day), never with the number of samples.
 */
export function windowsSection(result: DrillResult): SafeHtml {
  const w = result.windows;
  if (!w || (w.probes.length === 0 && !w.load && !w.ledger)) return html``;
  const per = formatPer(w.perMs);
  return html`<section id="windows">
    <h2>Per ${per}</h2>
    <p class="note">
      Every ${per} of the drill on the run
      clock${result.sampleFile ? html` (the full series is in <strong>${result.sampleFile}</strong>)` : ''}.
    </p>
    ${w.probes.map((p) => probeTable(p.probe, p.windows))}${w.load ? loadTable(w.load) : ''}${
      w.ledger ? ledgerTable(w.ledger) : ''
    }
  </section>`;
}

const span = (from: number, to: number): string => `${formatDuration(from)}–${formatDuration(to)}`;
const pct = (ok: number, total: number): string =>
  total === 0 ? '–' : `${((100 * ok) / total).toFixed(3)}%`;

function probeTable(probe: string, windows: readonly ProbeWindow[]): SafeHtml {
  return html`<h3>probe ${probe}</h3>
    <table class="windows">
      <thead>
        <tr>
          <th>window</th>
          <th class="num">samples</th>
          <th class="num">passed</th>
          <th class="num">mean</th>
          <th class="num">max</th>
          <th>first failure</th>
        </tr>
      </thead>
      <tbody>
        ${windows.map(
          (w) =>
            html`<tr>
              <td>${span(w.from, w.to)}</td>
              <td class="num">${w.samples}</td>
              <td class="num">${pct(w.ok, w.samples)}</td>
              <td class="num">${w.meanMs.toFixed(1)}ms</td>
              <td class="num">${w.maxMs.toFixed(1)}ms</td>
              <td>
                ${w.firstFailure ? `${formatDuration(w.firstFailure.at)} ${w.firstFailure.detail ?? ''}` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function loadTable(windows: readonly LoadWindow[]): SafeHtml {
  return html`<h3>load</h3>
    <table class="windows">
      <thead>
        <tr>
          <th>window</th>
          <th class="num">requests</th>
          <th class="num">successful</th>
          <th class="num">mean</th>
          <th class="num">max</th>
        </tr>
      </thead>
      <tbody>
        ${windows.map(
          (w) =>
            html`<tr>
              <td>${span(w.from, w.to)}</td>
              <td class="num">${w.requests}</td>
              <td class="num">${pct(w.ok, w.requests)}</td>
              <td class="num">${w.meanMs.toFixed(1)}ms</td>
              <td class="num">${w.maxMs.toFixed(1)}ms</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function ledgerTable(windows: readonly LedgerWindow[]): SafeHtml {
  return html`<h3>ledger</h3>
    <table class="windows">
      <thead>
        <tr>
          <th>window</th>
          <th class="num">writes</th>
          <th class="num">acknowledged</th>
          <th class="num">failed</th>
        </tr>
      </thead>
      <tbody>
        ${windows.map(
          (w) =>
            html`<tr>
              <td>${span(w.from, w.to)}</td>
              <td class="num">${w.attempted}</td>
              <td class="num">${w.acknowledged}</td>
              <td class="num">${w.failed}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** The soak objectives, window by window from t0: availability and each `during` probe. */
export function soakSection(result: DrillResult): SafeHtml {
  const soak = result.measurements?.soak;
  if (!soak) return html``;
  const rows: Array<{ what: string; windows: readonly SoakWindow[] }> = [
    ...(soak.availability ? [{ what: 'load availability', windows: soak.availability }] : []),
    ...soak.during.map((d) => ({ what: `during ${d.probe}`, windows: d.windows })),
  ];
  return html`<section id="soak">
    <h2>Soak: per ${formatPer(soak.perMs)} of the fault</h2>
    ${rows.map(
      (r) =>
        html`<h3>${r.what}</h3>
          <table class="windows">
            <thead>
              <tr>
                <th>window after t0</th>
                <th class="num">held</th>
                <th class="num">of</th>
                <th class="num">fraction</th>
              </tr>
            </thead>
            <tbody>
              ${r.windows.map(
                (w) =>
                  html`<tr>
                    <td>+${span(w.from, w.to)}</td>
                    <td class="num">${w.ok}</td>
                    <td class="num">${w.total}</td>
                    <td class="num">${pct(w.ok, w.total)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
    )}
  </section>`;
}
