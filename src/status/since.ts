import { UsageError } from '../common/errors.js';

const UNITS_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
const SINCE = /^(\d+)(m|h|d|w)$/;

/** `90d`, `12w`, `36h`, `30m`: how far back the status table reads the history. */
export function parseSince(text: string): number {
  const match = SINCE.exec(text.trim());
  const ms = match ? Number(match[1]) * UNITS_MS[match[2] as keyof typeof UNITS_MS] : NaN;
  if (!(ms > 0) || !Number.isSafeInteger(ms))
    throw new UsageError(`--since: expected a period such as 90d, 12w or 36h, found "${text}"`, {
      hint: 'a whole number of minutes (m), hours (h), days (d) or weeks (w), more than zero',
    });
  return ms;
}
