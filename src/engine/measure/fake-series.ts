import type { Sample } from '../../result/sample.js';
import type { ProbeRole } from '../../probes/probe.js';

/**
 * Builds a synthetic sample series for the measurement tests, one character per round:
 * `P` pass, `F` fail, `O` overrun (previous check still running), `.` no sample that round.
 * `series('api', 'steady', 'PPFFP', { interval: 100, start: 1000 })` gives samples at 1000..1400.
 */
export function series(
  probe: string,
  role: ProbeRole,
  pattern: string,
  { interval, start = 0, duration = 5 }: { interval: number; start?: number; duration?: number },
): Sample[] {
  const samples: Sample[] = [];
  [...pattern.replace(/\s/g, '')].forEach((c, k) => {
    const at = start + k * interval;
    if (c === '.') return;
    if (c !== 'P' && c !== 'F' && c !== 'O') throw new Error(`unknown round "${c}" in pattern "${pattern}"`);
    samples.push({
      probe,
      role,
      scheduledAt: at,
      startedAt: at,
      endedAt: c === 'O' ? at : at + duration,
      ok: c === 'P',
      ...(c === 'F' ? { detail: 'HTTP 503' } : {}),
      ...(c === 'O' ? { overrun: true, detail: 'previous check still running' } : {}),
    });
  });
  return samples;
}
