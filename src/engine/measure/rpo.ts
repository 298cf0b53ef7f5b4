import type { DataMeasurement } from '../../result/index.js';
import { measured, notMeasured, type TimeMeasurement } from './time-measurement.js';

export type { DataMeasurement };

/** What the integrity ledger found after recovery (filled by the integrity writer/reader). */
export interface LedgerSummary {
  attempted: number;
  acknowledged: number;
  /** Acknowledged writes missing after recovery, with the instant each was acknowledged. */
  lost: { id: string | number; ackedAt: number }[];
  /** Writes never acknowledged that are present anyway. */
  recovered: number;
}

export function measureData(ledger: LedgerSummary, t0: number): DataMeasurement {
  const counts = {
    attempted: ledger.attempted,
    acknowledged: ledger.acknowledged,
    lostWrites: ledger.lost.length,
    lostIds: ledger.lost.map((w) => w.id),
    recovered: ledger.recovered,
  };
  return { ...counts, rpo: rpoWindow(ledger.lost, t0) };
}

const exact = { ms: 0, basis: 'exact' } as const;

function rpoWindow(lost: LedgerSummary['lost'], t0: number): TimeMeasurement {
  if (lost.length === 0) return measured(0, exact);
  const oldest = lost.reduce((a, b) => (b.ackedAt < a.ackedAt ? b : a));
  if (!Number.isFinite(oldest.ackedAt))
    return notMeasured(`lost write ${oldest.id} has no acknowledgement time`);
  const after = lost.filter((w) => w.ackedAt > t0).length;
  // A write acknowledged after t0 and then lost reaches no further back than t0: the window is 0
  // for it, and the note keeps that loss visible (the lost_writes objective counts it).
  const note =
    after > 0
      ? `${after} of ${lost.length} lost writes were acknowledged after the fault took effect`
      : undefined;
  // Ack times are recorded exactly, so the window carries no sampling uncertainty.
  return measured(Math.max(0, t0 - oldest.ackedAt), exact, { at: oldest.ackedAt, ...(note ? { note } : {}) });
}
