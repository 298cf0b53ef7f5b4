import type { Resolution, Sample } from '../../result/index.js';
import { formatDuration } from '../../common/duration.js';
import {
  bracketed,
  LOG_DELIVERY_BOUND_MS,
  measured,
  notMeasured,
  type TimeMeasurement,
} from './time-measurement.js';
import { probesWithRole, samplesOf, type ProbeInfo } from './series.js';

export interface DetectionInput {
  t0: number;
  /**
   * When the injector of the fault that set t0 was called. Its effect happened somewhere in
   * [faultStartedAt, t0] (t0 is when firedrill had verified it), so a system that signals within
   * that span did detect the fault: it counts, as TTD 0. Default: t0.
   */
  faultStartedAt?: number;
  samples: readonly Sample[];
  probes: readonly ProbeInfo[];
}

/**
 * TTD: the first sample at or after t0 at which any `detect` probe passes, minus t0. Without a
 * detect probe the time is not measured (never guessed); detect probes that never pass give
 * `not-detected`, which fails a `detect` objective instead of leaving it unmeasured.
 */
export function findDetection({ t0, faultStartedAt, samples, probes }: DetectionInput): TimeMeasurement {
  const detectProbes = probesWithRole(probes, 'detect');
  if (detectProbes.length === 0) return notMeasured('the scenario has no detect probe');
  const interval = new Map(detectProbes.map((p) => [p.name, p.interval]));
  const series = samplesOf(samples, detectProbes);
  const from = Math.min(faultStartedAt ?? t0, t0);
  const after = series.filter((s) => s.startedAt >= from);
  // On a tie, the probe with the finer interval gives the tighter figure.
  const hit = after
    .filter((s) => s.ok)
    .sort((a, b) => a.startedAt - b.startedAt || interval.get(a.probe)! - interval.get(b.probe)!)[0];
  if (!hit) {
    const observed = Math.max(0, (after.at(-1)?.startedAt ?? t0) - t0);
    const names = detectProbes.map((p) => p.name).join(', ');
    return {
      status: 'not-detected',
      exceeds: observed,
      reason: `no detect probe (${names}) passed in the ${formatDuration(observed)} observed after the fault`,
    };
  }
  const before = series.filter((s) => s.probe === hit.probe && s.startedAt < from).at(-1);
  // A detect probe that already passed before the fault measures nothing: say so next to the figure.
  const note = before?.ok
    ? `detect probe ${hit.probe} already passed before the fault took effect`
    : hit.startedAt < t0
      ? `${hit.probe} signalled ${formatDuration(t0 - hit.startedAt)} before the fault's effect was verified (verifying took ${formatDuration(t0 - from)})`
      : undefined;
  return measured(Math.max(0, hit.startedAt - t0), detectionBound(hit, series, from), {
    at: hit.startedAt,
    signal: hit.probe,
    ...(note ? { note } : {}),
  });
}

/**
 * The detection happened after the probe's previous sample (which did not show it) and after the
 * fault began, and at or before the sample that showed it; a log line is dated at its arrival.
 */
function detectionBound(hit: Sample, series: readonly Sample[], from: number): Resolution {
  if (hit.observedEvent) return { ms: LOG_DELIVERY_BOUND_MS, basis: 'log line arrival' };
  const previous = series.filter((s) => s.probe === hit.probe && s.startedAt < hit.startedAt).at(-1);
  return bracketed(Math.min(hit.startedAt, Math.max(from, previous?.startedAt ?? from)), hit.startedAt);
}
