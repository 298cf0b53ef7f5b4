/** A wall-clock reading in some time zone. */
export interface LocalTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `name` is an IANA time zone this Node knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.trim() !== '';
  } catch {
    return false;
  }
}

/** The IANA names this Node knows, for did-you-mean hints. */
export function knownTimeZones(): string[] {
  return [...Intl.supportedValuesOf('timeZone'), 'UTC'];
}

/** The wall-clock reading of an instant in a time zone. */
export function localTimeOf(date: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Minutes east of UTC in effect at an instant (`+120` for CEST). */
export function offsetMinutes(date: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '+' ? 1 : -1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * The instant a wall-clock reading names in a time zone, the way node-cron computes it, so that
 * our calendar and its timer agree: in the hour repeated when clocks go back, the offset found
 * first wins; a reading that does not exist (clocks went forward) gives an instant whose reading
 * differs, which `sameLocalTime` detects.
 */
export function instantOf(local: LocalTime, timeZone: string): number {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const first = offsetMinutes(new Date(guess), timeZone);
  const candidate1 = guess - first * 60_000;
  const second = offsetMinutes(new Date(candidate1), timeZone);
  if (second === first) return candidate1;
  const candidate2 = guess - second * 60_000;
  if (sameLocalTime(candidate1, local, timeZone)) return candidate1;
  if (sameLocalTime(candidate2, local, timeZone)) return candidate2;
  return Math.max(candidate1, candidate2);
}

export function sameLocalTime(instant: number, local: LocalTime, timeZone: string): boolean {
  const read = localTimeOf(new Date(instant), timeZone);
  return (
    read.year === local.year &&
    read.month === local.month &&
    read.day === local.day &&
    read.hour === local.hour &&
    read.minute === local.minute &&
    read.second === local.second
  );
}

/** The calendar day after (or before, with `step` -1) a local date. */
export function shiftDay(local: Pick<LocalTime, 'year' | 'month' | 'day'>, step: number) {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + step));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Mon 2026-03-30 03:00 +02:00`: an instant as people in that zone read it (seconds when not 0). */
export function formatZoned(date: Date, timeZone: string): string {
  const t = localTimeOf(date, timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const weekday = WEEKDAYS[new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay()];
  const offset = offsetMinutes(date, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const seconds = t.second === 0 ? '' : `:${pad(t.second)}`;
  return (
    `${weekday} ${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}${seconds} ` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
