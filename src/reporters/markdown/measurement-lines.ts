import { formatDuration } from '../../common/duration.js';
import type { DrillResult } from '../../result/index.js';
import type { DataMeasurement, LoadMeasurement, RepeatSummary } from '../../result/index.js';
import { percentText, timeText } from '../measurement-text.js';
import { mdText } from './md-text.js';

// Every figure passes through mdText as well: it is read from result.json, which `report` takes as input.

/** `**Load:** 99.50% available during faults (398/400) ...`; undefined without load. */
export function loadLine(load: LoadMeasurement | undefined, note: string | undefined): string | undefined {
  if (!load) return note === undefined ? undefined : `**Load:** ${mdText(note)}`;
  const { fault, overall } = load.availability;
  const parts = [
    fault
      ? `${percentText(fault.ratio)} available during faults (${fault.ok}/${fault.total})`
      : 'no request during faults',
    overall ? `${percentText(overall.ratio)} overall` : undefined,
    `latency p99 ${load.latency.baseline ? formatDuration(load.latency.baseline.p99) : '–'} at baseline → ${load.latency.fault ? formatDuration(load.latency.fault.p99) : '–'} during faults`,
    note,
  ];
  return `**Load:** ${parts
    .filter((part) => part !== undefined)
    .map(mdText)
    .join(' · ')}`;
}

/** `**Integrity:** 1200 attempted · 1190 acknowledged · 3 lost · RPO window 1.20s`. */
export function integrityLine(data: DataMeasurement | undefined): string | undefined {
  if (!data) return undefined;
  const text = `${data.attempted} attempted · ${data.acknowledged} acknowledged · ${data.lostWrites} lost · ${data.recovered} recovered · RPO window ${timeText(data.rpo)}`;
  return `**Integrity:** ${mdText(text)}`;
}

/** `repeat: N`: TTD/TTR as distributions. */
export function repeatLine(result: DrillResult): string | undefined {
  const { repeat } = result as DrillResult & { repeat?: RepeatSummary };
  if (!repeat) return undefined;
  const spread = (label: string, m: RepeatSummary['recover']): string =>
    m.measured
      ? `${label} p50 ${formatDuration(m.measured.p50)}, p95 ${formatDuration(m.measured.p95)}, max ${formatDuration(m.measured.max)}${m.exceeded > 0 ? ` (${m.exceeded} exceeded)` : ''}`
      : `${label} not measured`;
  return `**Over ${mdText(repeat.runs)} iterations:** ${mdText(`${spread('TTD', repeat.detect)} · ${spread('TTR', repeat.recover)}`)}`;
}
