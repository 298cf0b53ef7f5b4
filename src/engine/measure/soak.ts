import { formatDuration } from '../../common/duration.js';
import { formatPer } from '../../common/format-per.js';

export { formatPer };
import type { ObjectiveRow } from '../../result/objective-row.js';
import type { SoakMeasurement, SoakWindow } from '../../result/measurements.js';
import type { DuringTally } from './during-tally.js';
import { countRequest, emptyLoadTally, mergeLoad, type LoadTally, type Ratio } from './load-tally.js';
import type { RequestResult } from './load.js';
import type { ProbeInfo, TimeWindow } from './series.js';

/** `objectives.soak`: the window length and what must hold in every window of the fault. */
export interface SoakTargets {
  /** Window length in ms; windows start at t0. */
  per: number;
  /** Minimum availability of the load in every window (a fraction). */
  availability?: number | undefined;
  /** Minimum fraction of each `during` probe's samples meeting its expectation, in every window. */
  during?: number | undefined;
}

export interface SoakInput {
  t0: number;
  perMs: number;
  faultWindows: readonly TimeWindow[];
  requests?: readonly RequestResult[] | undefined;
  loadTally?: LoadTally | undefined;
  /** Each `during` probe's counts (folded and kept merged), per window of `perMs`. */
  during: ReadonlyArray<{ probe: ProbeInfo; tally: DuringTally }>;
}

/** The per-window figures: availability from the load, a fraction per `during` probe. */
export function measureSoak(input: SoakInput): SoakMeasurement {
  const { t0, perMs } = input;
  const soak: SoakMeasurement = { perMs, during: [] };
  if (input.requests || input.loadTally) {
    const kept = emptyLoadTally();
    const context = { faultWindows: input.faultWindows, t0, perMs };
    for (const r of input.requests ?? []) countRequest(kept, r, context);
    const all = input.loadTally ? mergeLoad(input.loadTally, kept) : kept;
    soak.availability = windowsOf(all.perWindow, perMs);
  }
  for (const { probe, tally } of input.during) {
    const ratios = new Map<number, Ratio>(
      [...tally.perWindow].map(([k, w]) => [k, { ok: w.inFault - w.violations, total: w.inFault }]),
    );
    soak.during.push({ probe: probe.name, windows: windowsOf(ratios, perMs) });
  }
  return soak;
}

function windowsOf(counts: ReadonlyMap<number, Ratio>, perMs: number): SoakWindow[] {
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([k, r]) => ({ from: k * perMs, to: (k + 1) * perMs, ok: r.ok, total: r.total }));
}

/**
 * Rows of the soak objectives: `availability per 1h` and one `during <probe> per 1h` per during
 * probe. Each is measured as its worst window and fails when any window is below the target; the
 * reason names the worst window. A drill whose fault left no window measured says so.
 */
export function evaluateSoak(targets: SoakTargets, soak: SoakMeasurement | undefined): ObjectiveRow[] {
  const per = formatPer(targets.per);
  const rows: ObjectiveRow[] = [];
  if (targets.availability !== undefined)
    rows.push(
      row(
        `availability per ${per}`,
        'availability',
        targets.availability,
        soak?.availability,
        'load requests',
      ),
    );
  if (targets.during !== undefined)
    for (const d of soak?.during ?? [])
      rows.push(
        row(`during ${d.probe} per ${per}`, 'during', targets.during, d.windows, `${d.probe} samples`),
      );
  return rows;
}

function row(
  objective: string,
  kind: 'availability' | 'during',
  target: number,
  windows: readonly SoakWindow[] | undefined,
  what: string,
): ObjectiveRow {
  const head = { objective, kind, unit: 'fraction', comparison: '>=', target } as const;
  const measuredWindows = (windows ?? []).filter((w) => w.total > 0);
  if (measuredWindows.length === 0)
    return { ...head, measured: null, status: 'not-measured', reason: `no ${what} in a fault window` };
  const ratio = (w: SoakWindow): number => w.ok / w.total;
  const worst = measuredWindows.reduce((a, b) => (ratio(b) < ratio(a) ? b : a));
  const below = measuredWindows.filter((w) => ratio(w) < target);
  const measured = ratio(worst);
  if (below.length === 0) return { ...head, measured, status: 'passed' };
  const reason =
    `${below.length} of ${measuredWindows.length} windows below ${percent(target)}; worst ` +
    `+${formatDuration(worst.from)}..+${formatDuration(worst.to)}: ${percent(measured)} (${worst.ok} of ${worst.total} ${what})`;
  return { ...head, measured, status: 'failed', reason };
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}
