/**
 * Per-window summaries of a drill's full series (`result.json` → `windows`): what a 24-hour drill
 * keeps of every probe, the load and the ledger once the series itself is only in the sample
 * file. Window k covers [k·perMs, (k+1)·perMs) on the run clock; a window without observations is
 * left out. The number of windows is the drill's length over `perMs` (24 for a day by hour).
 */
export interface WindowSummaries {
  perMs: number;
  probes: Array<{ probe: string; windows: ProbeWindow[] }>;
  load?: LoadWindow[];
  ledger?: LedgerWindow[];
}

export interface ProbeWindow {
  from: number;
  to: number;
  samples: number;
  ok: number;
  /** Check time (end − start), mean and max, ms. */
  meanMs: number;
  maxMs: number;
  firstFailure?: { at: number; detail?: string };
}

export interface LoadWindow {
  from: number;
  to: number;
  requests: number;
  ok: number;
  meanMs: number;
  maxMs: number;
}

export interface LedgerWindow {
  from: number;
  to: number;
  /** Writes sent in the window, and how many were acknowledged / failed (the rest were in flight). */
  attempted: number;
  acknowledged: number;
  failed: number;
}
