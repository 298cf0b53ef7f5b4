import type { Sample } from './sample.js';

/** The run directory's full series: every probe sample, load request and ledger write. */
export const SAMPLE_FILE = 'samples.ndjson';
export const SAMPLE_FILE_VERSION = 1;

/**
 * `samples.ndjson`: one JSON object per line, appended as observations arrive, so the full
 * series of a drill of any length lives on disk while memory keeps only what the measurements
 * need. Keys are short because a 24-hour drill writes tens of millions of lines. `k` says what a
 * line is; times are ms on the run clock (3 decimals), as everywhere in `result.json`:
 *
 * - `{"k":"h","v":1,"run":"<runId>","origin":"<ISO wall time of run-clock 0>"}` the header (first line)
 * - `{"k":"s","p":probe,"r":role,"b":scheduledAt,"s":startedAt,"e":endedAt,"ok":1,"d":detail,"v":value,"o":1}`
 *   a probe sample (`d`, `v` only when present; `o`: `startedAt` is an observed event's time)
 * - `{"k":"l","s":sentAt,"ms":latency,"ok":1}` a load request
 * - `{"k":"w","q":seq,"s":sentAt,"a":ackedAt}` an acknowledged ledger write, or
 *   `{"k":"w","q":seq,"s":sentAt,"f":failedAt,"err":"why"}` one that was not
 */
export type SampleFileLine = HeaderLine | ProbeLine | RequestLine | WriteLine;

export interface HeaderLine {
  k: 'h';
  v: number;
  run: string;
  origin: string;
}
export interface ProbeLine {
  k: 's';
  p: string;
  r: Sample['role'];
  b: number;
  s: number;
  e: number;
  ok: 0 | 1;
  d?: string;
  v?: number;
  o?: 1;
}
export interface RequestLine {
  k: 'l';
  s: number;
  ms: number;
  ok: 0 | 1;
}
export interface WriteLine {
  k: 'w';
  q: number;
  s: number;
  a?: number;
  f?: number;
  err?: string;
}

/** A load request and a ledger write as the file records them (the engine's own shapes). */
export interface RequestRecord {
  at: number;
  ok: boolean;
  latencyMs: number;
}
export interface WriteRecord {
  seq: number;
  sentAt: number;
  ackedAt?: number;
  failedAt?: number;
  error?: string;
}

const us = (ms: number): number => Math.round(ms * 1000) / 1000;

export function sampleLine(sample: Sample): ProbeLine {
  return {
    k: 's',
    p: sample.probe,
    r: sample.role,
    b: us(sample.scheduledAt),
    s: us(sample.startedAt),
    e: us(sample.endedAt),
    ok: sample.ok ? 1 : 0,
    ...(sample.detail !== undefined && { d: sample.detail }),
    ...(sample.value !== undefined && { v: sample.value }),
    ...(sample.observedEvent && { o: 1 as const }),
  };
}

export function requestLine(request: RequestRecord): RequestLine {
  return { k: 'l', s: us(request.at), ms: us(request.latencyMs), ok: request.ok ? 1 : 0 };
}

export function writeLine(write: WriteRecord): WriteLine {
  return {
    k: 'w',
    q: write.seq,
    s: us(write.sentAt),
    ...(write.ackedAt !== undefined && { a: us(write.ackedAt) }),
    ...(write.failedAt !== undefined && { f: us(write.failedAt) }),
    ...(write.error !== undefined && { err: write.error }),
  };
}

export function sampleFromLine(line: ProbeLine): Sample {
  return {
    probe: line.p,
    role: line.r,
    scheduledAt: line.b,
    startedAt: line.s,
    endedAt: line.e,
    ok: line.ok === 1,
    ...(line.d !== undefined && { detail: line.d }),
    ...(line.v !== undefined && { value: line.v }),
    ...(line.o === 1 && { observedEvent: true as const }),
  };
}

export function requestFromLine(line: RequestLine): RequestRecord {
  return { at: line.s, ok: line.ok === 1, latencyMs: line.ms };
}

export function writeFromLine(line: WriteLine): WriteRecord {
  return {
    seq: line.q,
    sentAt: line.s,
    ...(line.a !== undefined && { ackedAt: line.a }),
    ...(line.f !== undefined && { failedAt: line.f }),
    ...(line.err !== undefined && { error: line.err }),
  };
}

/** Parses one line; undefined for a line this version does not know (or a torn last line). */
export function parseSampleLine(text: string): SampleFileLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const k = (value as { k?: unknown }).k;
  return k === 'h' || k === 's' || k === 'l' || k === 'w' ? (value as SampleFileLine) : undefined;
}
