import type { Sample } from '../result/sample.js';
import type { RequestRecord, WriteRecord } from '../result/sample-file.js';
import type { LedgerWindow, LoadWindow, ProbeWindow, WindowSummaries } from '../result/window-summary.js';

/** The per-window summaries are by the hour unless asked otherwise. */
export const SUMMARY_WINDOW_MS = 3_600_000;

interface Acc {
  n: number;
  ok: number;
  sum: number;
  max: number;
  firstFailure?: { at: number; detail?: string };
}

/**
 * Folds every observation into per-window counts as it arrives: O(windows) memory whatever the
 * drill's length, and the same figures whether built live or re-read from the sample file.
 */
export class WindowStats {
  private readonly probes = new Map<string, Map<number, Acc>>();
  private readonly load = new Map<number, Acc>();
  private readonly ledger = new Map<number, LedgerWindow>();
  private sawLoad = false;
  private sawLedger = false;

  constructor(readonly perMs = SUMMARY_WINDOW_MS) {}

  sample(s: Sample): void {
    const windows = this.probes.get(s.probe) ?? new Map<number, Acc>();
    this.probes.set(s.probe, windows);
    const acc = this.acc(windows, s.startedAt);
    add(acc, s.ok, s.endedAt - s.startedAt);
    if (!s.ok && (!acc.firstFailure || s.startedAt < acc.firstFailure.at))
      acc.firstFailure = { at: s.startedAt, ...(s.detail !== undefined && { detail: s.detail }) };
  }

  request(r: RequestRecord): void {
    this.sawLoad = true;
    add(this.acc(this.load, r.at), r.ok, r.latencyMs);
  }

  /** A write once settled (acknowledged or failed). */
  write(w: WriteRecord): void {
    this.sawLedger = true;
    const k = Math.floor(w.sentAt / this.perMs);
    const window = this.ledger.get(k) ?? {
      from: k * this.perMs,
      to: (k + 1) * this.perMs,
      attempted: 0,
      acknowledged: 0,
      failed: 0,
    };
    window.attempted++;
    if (w.ackedAt !== undefined) window.acknowledged++;
    else if (w.error !== undefined) window.failed++;
    this.ledger.set(k, window);
  }

  summaries(): WindowSummaries {
    const perMs = this.perMs;
    const span = (k: number): { from: number; to: number } => ({ from: k * perMs, to: (k + 1) * perMs });
    const sorted = <V>(m: Map<number, V>): Array<[number, V]> => [...m].sort((a, b) => a[0] - b[0]);
    const probes = [...this.probes].map(([probe, windows]) => ({
      probe,
      windows: sorted(windows).map(([k, a]): ProbeWindow => ({
        ...span(k),
        samples: a.n,
        ok: a.ok,
        meanMs: round(a.sum / a.n),
        maxMs: round(a.max),
        ...(a.firstFailure && { firstFailure: a.firstFailure }),
      })),
    }));
    return {
      perMs,
      probes,
      ...(this.sawLoad && {
        load: sorted(this.load).map(([k, a]): LoadWindow => ({
          ...span(k),
          requests: a.n,
          ok: a.ok,
          meanMs: round(a.sum / a.n),
          maxMs: round(a.max),
        })),
      }),
      ...(this.sawLedger && { ledger: sorted(this.ledger).map(([, w]) => w) }),
    };
  }

  private acc(windows: Map<number, Acc>, t: number): Acc {
    const k = Math.floor(t / this.perMs);
    const acc = windows.get(k) ?? { n: 0, ok: 0, sum: 0, max: 0 };
    windows.set(k, acc);
    return acc;
  }
}

function add(acc: Acc, ok: boolean, ms: number): void {
  acc.n++;
  if (ok) acc.ok++;
  acc.sum += ms;
  acc.max = Math.max(acc.max, ms);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
