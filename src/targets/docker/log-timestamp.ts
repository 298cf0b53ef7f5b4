/**
 * Docker prefixes each log line with its RFC 3339 timestamp (nanoseconds) when asked: firedrill
 * uses it only to resume following after a restart without repeating lines; lines are timed by
 * the run's clock when they arrive.
 */
export interface StampedLine {
  /** Nanoseconds since the Unix epoch, or undefined when the line carried no timestamp. */
  nanos: bigint | undefined;
  line: string;
}

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z ?/;

export function splitTimestamp(raw: string): StampedLine {
  const match = STAMP.exec(raw);
  if (!match) return { nanos: undefined, line: raw };
  const seconds = BigInt(Date.parse(`${match[1]}Z`) / 1000);
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'));
  return { nanos: seconds * 1_000_000_000n + fraction, line: raw.slice(match[0].length) };
}

/** `since` for the logs API: `<seconds>.<nanoseconds>` (inclusive). */
export function sinceParameter(nanos: bigint): string {
  const seconds = nanos / 1_000_000_000n;
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, '0');
  return `${seconds}.${fraction}`;
}
