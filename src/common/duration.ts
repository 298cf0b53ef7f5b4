import { z } from 'zod';

const UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

const HOUR_MS = UNITS_MS.h;
/** The longest single timer the platform keeps (setTimeout's 32-bit limit); longer waits are chained. */
export const TIMER_LIMIT_MS = 2 ** 31 - 1;

/** Parses `250ms`, `5s`, `1.5s`, `2m`, `1h` into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  // A bounded length keeps "1" followed by a million zeros from reaching Number().
  if (text.length > 32) return undefined;
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS_MS[match[2] as keyof typeof UNITS_MS];
  return Number.isFinite(ms) ? ms : undefined;
}

/** Renders milliseconds the way a person reads them: `850ms`, `4.2s`, `2m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

/** The inclusive range a duration field accepts, in milliseconds. */
export interface DurationBounds {
  min: number;
  max: number;
}

/** A bound as a scenario would write it: `0s`, `10ms`, `24h`, `720h`. */
export function formatBound(ms: number): string {
  if (ms === 0) return '0s';
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** `10ms to 1h`: how descriptions and errors name a field's bounds. */
export function describeBounds({ min, max }: DurationBounds): string {
  return `${min === 0 ? '0s' : formatBound(min)} to ${formatBound(max)}`;
}

/** Checks a parsed duration against its field's bounds; the message for the user when outside. */
export function outOfBounds(ms: number, bounds: DurationBounds): string | undefined {
  if (ms >= bounds.min && ms <= bounds.max) return undefined;
  const why = ms < bounds.min && ms === 0 ? ' (zero cannot work here)' : '';
  return `expected a duration from ${describeBounds(bounds)}${why}`;
}

/** A duration field bounded to `bounds`: the description and the error both name the range. */
export function durationWithin(bounds: DurationBounds) {
  const range = describeBounds(bounds);
  return z
    .string({ error: `expected a duration such as 250ms, 5s or 2m (${range})` })
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      const problem =
        ms === undefined ? `expected a duration such as 250ms, 5s or 2m (${range})` : outOfBounds(ms, bounds);
      if (problem !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${problem}, found ${JSON.stringify(text)}`,
          params: { hint: `write a number and a unit (ms, s, m, h) from ${range}` },
        });
        return z.NEVER;
      }
      return ms!;
    })
    .meta({
      description: `A duration from ${range}: a number followed by ms, s, m or h, e.g. 250ms, 5s, 2m.`,
      pattern: DURATION.source,
    });
}

/** The bounds of each kind of duration field; every field names its kind. */
export const DURATION_BOUNDS = {
  /** Anything that is not a wait of its own (toxic latency, read_after, objectives' small figures). */
  plain: { min: 0, max: 24 * HOUR_MS },
  /** A limit on one attempt: zero would fail every attempt before it starts. */
  timeout: { min: 1, max: 24 * HOUR_MS },
  /** Time between probe samples: below 10ms the harness measures itself, not the system. */
  interval: { min: 10, max: HOUR_MS },
  /** The steady state before the first fault: zero takes no sample, so proves nothing. */
  baseline: { min: 1, max: 24 * HOUR_MS },
  /** A fault's `at` and the objectives: up to 30 days, waited for by chained timers. */
  long: { min: 0, max: 720 * HOUR_MS },
  /** A fault's `duration` and the drill and recovery timeouts: a zero would end them at once. */
  longPositive: { min: 1, max: 720 * HOUR_MS },
} as const satisfies Record<string, DurationBounds>;

/** A duration field of 0s to 24h. Fields that wait or repeat use one of the bounded kinds below. */
export const duration = durationWithin(DURATION_BOUNDS.plain);
/** A per-attempt limit: 1ms to 24h. */
export const timeoutDuration = durationWithin(DURATION_BOUNDS.timeout);
/** A sampling interval: 10ms to 1h. */
export const intervalDuration = durationWithin(DURATION_BOUNDS.interval);
/** A baseline: 1ms to 24h. */
export const baselineDuration = durationWithin(DURATION_BOUNDS.baseline);
/** A fault offset or an objective: 0s to 720h. */
export const longDuration = durationWithin(DURATION_BOUNDS.long);
/** A fault's hold time, or a drill/recovery timeout: 1ms to 720h. */
export const longPositiveDuration = durationWithin(DURATION_BOUNDS.longPositive);
