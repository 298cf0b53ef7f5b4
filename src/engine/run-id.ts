import { randomBytes } from 'node:crypto';

/** A short id that names a run in labels, paths and logs. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/** `20261122T024501Z`: sorts as text, safe in paths. */
export function compactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
