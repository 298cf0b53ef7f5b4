import type { Sample } from '../../result/sample.js';
import type { ProbeRole } from '../../probes/probe.js';

/** What the maths needs to know about a declared probe (a parsed probe config fits this shape). */
export interface ProbeInfo {
  name: string;
  role: ProbeRole;
  /** Sampling interval in ms: the resolution of any time this probe produces. */
  interval: number;
  /** A check's timeout in ms: a sample can be recorded this long after it started. */
  timeout?: number;
  /** For `during` probes: must the check pass or fail while a fault is active. */
  expect?: 'pass' | 'fail';
}

/** A half-open time window [start, end) on the run clock, e.g. while a fault was active. */
export interface TimeWindow {
  start: number;
  end: number;
}

export function inWindows(t: number, windows: readonly TimeWindow[]): boolean {
  return windows.some((w) => t >= w.start && t < w.end);
}

/** Did the sample's check run from start to end inside one window (it saw nothing but that state)? */
export function ranWithin(sample: Sample, windows: readonly TimeWindow[]): boolean {
  return windows.some((w) => sample.startedAt >= w.start && sample.endedAt <= w.end);
}

export function probesWithRole(probes: readonly ProbeInfo[], role: ProbeRole): ProbeInfo[] {
  return probes.filter((p) => p.role === role);
}

/** Samples of the given probes, ordered by the instant they describe. */
export function samplesOf(samples: readonly Sample[], probes: readonly ProbeInfo[]): Sample[] {
  const names = new Set(probes.map((p) => p.name));
  return samples.filter((s) => names.has(s.probe)).sort((a, b) => a.startedAt - b.startedAt);
}

/** Each probe's own samples, ordered by time (probes without samples get an empty list). */
export function groupByProbe(
  samples: readonly Sample[],
  probes: readonly ProbeInfo[],
): Map<string, Sample[]> {
  const groups = new Map<string, Sample[]>(probes.map((p) => [p.name, []]));
  for (const s of samplesOf(samples, probes)) groups.get(s.probe)?.push(s);
  return groups;
}

/** Index of the first sample at or after `t` in a time-ordered list (its length when none). */
export function firstAtOrAfter(sorted: readonly Sample[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.startedAt < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
