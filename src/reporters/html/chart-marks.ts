import type { DrillResult } from '../../result/index.js';
import type { Measurements } from '../../result/index.js';
import type { FaultRecord } from '../../engine/fault-timeline.js';
import { sinceT0 } from '../measurement-text.js';

/** A fault while it was active, on the run clock. */
export interface FaultWindow {
  id: string;
  start: number;
  end: number;
  title: string;
}

export type MarkerKind = 't0' | 'impact' | 'detected' | 'recovered';

export interface Marker {
  kind: MarkerKind;
  at: number;
  label: string;
}

/** One pass of baseline → faults → recovery (the drill, or each iteration of `repeat: N`). */
interface Pass {
  faults: readonly FaultRecord[];
  t0?: number;
  measurements?: Measurements;
}

/** Fault windows and the t0 / impact / detection / recovery instants of every pass of the drill. */
export function chartMarks(result: DrillResult, end: number): { windows: FaultWindow[]; markers: Marker[] } {
  const { iterations } = result as DrillResult & { iterations?: Pass[] };
  const passes: Pass[] =
    iterations && iterations.length > 1
      ? iterations
      : [{ faults: result.timeline.faults, t0: result.timeline.t0, measurements: result.measurements }];
  const windows: FaultWindow[] = [];
  const markers: Marker[] = [];
  passes.forEach((pass, index) => {
    const suffix = passes.length > 1 ? ` #${index + 1}` : '';
    for (const fault of pass.faults) {
      if (fault.effectAt === undefined) continue;
      const stop = fault.revertedAt ?? end;
      windows.push({
        id: fault.id,
        start: fault.effectAt,
        end: stop,
        title: `${fault.id}${suffix}: ${fault.summary ?? fault.description} (${sinceT0(fault.effectAt, pass.t0)} to ${fault.revertedAt === undefined ? 'the end' : sinceT0(stop, pass.t0)})`,
      });
    }
    markers.push(...passMarkers(pass, suffix));
  });
  return { windows, markers };
}

function passMarkers(pass: Pass, suffix: string): Marker[] {
  const { t0, measurements: m } = pass;
  if (t0 === undefined) return [];
  const markers: Marker[] = [{ kind: 't0', at: t0, label: `t0${suffix}` }];
  if (!m) return markers;
  if (m.impact.status === 'impact')
    markers.push({ kind: 'impact', at: m.impact.at, label: `impact ${sinceT0(m.impact.at, t0)}` });
  if (m.detect.status === 'measured')
    markers.push({
      kind: 'detected',
      at: t0 + m.detect.ms,
      label: `detected ${sinceT0(t0 + m.detect.ms, t0)}`,
    });
  if (m.recover.status === 'measured' && m.impact.status === 'impact')
    markers.push({
      kind: 'recovered',
      at: t0 + m.recover.ms,
      label: `recovered ${sinceT0(t0 + m.recover.ms, t0)}`,
    });
  return markers;
}
