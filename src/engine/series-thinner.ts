import type { Sample } from '../result/sample.js';
import { downsample, maxSamplesInResult } from './downsample.js';

interface Bucket {
  first: Sample;
  firstFailure?: Sample;
  last: Sample;
}

/**
 * The probe series that result.json and the report's chart show, built as samples arrive in
 * bounded memory. Up to `cap` samples it keeps them all (then `downsample` applies, as before);
 * past that, each probe's series becomes time buckets that keep their first sample, their first
 * failure and their last, and the buckets widen (pairs merge) whenever a probe holds more than
 * its share: result.json never holds more than `cap` samples, however long the drill.
 */
export class SeriesThinner {
  private raw: Sample[] | undefined = [];
  private readonly buckets = new Map<string, { widthMs: number; byIndex: Map<number, Bucket> }>();

  constructor(
    private readonly probeCount: number,
    private readonly cap = maxSamplesInResult,
  ) {}

  add(sample: Sample): void {
    if (this.raw) {
      this.raw.push(sample);
      if (this.raw.length <= this.cap) return;
      const raw = this.raw;
      this.raw = undefined;
      for (const s of raw) this.bucket(s);
      return;
    }
    this.bucket(sample);
  }

  series(): { samples: Sample[]; downsampled: boolean } {
    if (this.raw) return downsample(this.raw);
    const samples: Sample[] = [];
    for (const { byIndex } of this.buckets.values())
      for (const b of byIndex.values()) {
        const kept = new Set([b.first, b.firstFailure, b.last].filter((s) => s !== undefined));
        samples.push(...kept);
      }
    return { samples: samples.sort((a, b) => a.startedAt - b.startedAt), downsampled: true };
  }

  /** Buckets per probe: each keeps at most 3 samples. */
  private get perProbe(): number {
    return Math.max(2, Math.floor(this.cap / 3 / Math.max(1, this.probeCount)));
  }

  private bucket(s: Sample): void {
    const probe = this.buckets.get(s.probe) ?? { widthMs: 1000, byIndex: new Map<number, Bucket>() };
    this.buckets.set(s.probe, probe);
    put(probe.byIndex, Math.floor(s.startedAt / probe.widthMs), s);
    while (probe.byIndex.size > this.perProbe) {
      probe.widthMs *= 2;
      const merged = new Map<number, Bucket>();
      for (const [k, b] of [...probe.byIndex].sort((x, y) => x[0] - y[0]))
        for (const s2 of [b.first, b.firstFailure, b.last]) if (s2) put(merged, Math.floor(k / 2), s2);
      probe.byIndex = merged;
    }
  }
}

function put(byIndex: Map<number, Bucket>, k: number, s: Sample): void {
  const b = byIndex.get(k);
  if (!b) {
    byIndex.set(k, { first: s, ...(!s.ok && { firstFailure: s }), last: s });
    return;
  }
  if (s.startedAt < b.first.startedAt) b.first = s;
  if (s.startedAt >= b.last.startedAt) b.last = s;
  if (!s.ok && (!b.firstFailure || s.startedAt < b.firstFailure.startedAt)) b.firstFailure = s;
}
