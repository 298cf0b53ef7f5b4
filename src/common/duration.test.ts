import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fuzzRuns } from './fuzz-runs.js';
import {
  DURATION_BOUNDS,
  durationWithin,
  intervalDuration,
  longPositiveDuration,
  parseDuration,
  timeoutDuration,
} from './duration.js';

const issue = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0];

describe('bounded durations', () => {
  it('accepts 600h for a fault duration: chained timers hold it', () => {
    expect(longPositiveDuration.parse('600h')).toBe(600 * 3_600_000);
  });

  it('refuses zero where it cannot work, naming the range and why', () => {
    expect(issue(timeoutDuration, '0s')?.message).toBe(
      'expected a duration from 1ms to 24h (zero cannot work here), found "0s"',
    );
    expect(issue(intervalDuration, '0ms')?.message).toContain('from 10ms to 1h');
    expect(issue(longPositiveDuration, '0s')?.message).toContain('from 1ms to 720h');
  });

  it('refuses a duration above its field maximum, with a hint naming the range', () => {
    const found = issue(timeoutDuration, '25h');
    expect(found?.message).toBe('expected a duration from 1ms to 24h, found "25h"');
    expect((found as { params?: { hint?: string } }).params?.hint).toContain('from 1ms to 24h');
    expect(issue(longPositiveDuration, '721h')?.message).toContain('from 1ms to 720h');
  });

  it('names its bounds in the schema description', () => {
    expect(z.toJSONSchema(intervalDuration, { io: 'input' }).description).toContain('10ms to 1h');
  });

  it('no duration field accepts a value a single platform timer would overflow, except the chained kinds', () => {
    for (const [kind, bounds] of Object.entries(DURATION_BOUNDS)) {
      if (kind === 'long' || kind === 'longPositive') continue;
      expect(bounds.max, kind).toBeLessThan(2 ** 31 - 1);
    }
  });
});

describe('durations, any text (property)', () => {
  const schema = durationWithin(DURATION_BOUNDS.timeout);

  it('parse within bounds, or are refused with a message: never a throw, NaN or Infinity', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,400}(\.\d{1,5})?(ms|s|m|h)$/)), (text) => {
        const result = schema.safeParse(text);
        if (result.success) {
          expect(Number.isFinite(result.data)).toBe(true);
          expect(result.data).toBeGreaterThanOrEqual(1);
          expect(result.data).toBeLessThanOrEqual(24 * 3_600_000);
        } else {
          expect(result.error.issues[0]!.message).toMatch(
            /^expected a duration (from 1ms to 24h|such as 250ms, 5s or 2m \(1ms to 24h\))/,
          );
        }
      }),
      { seed: 1207, numRuns: fuzzRuns(300) },
    );
  });

  it('read back what formatBound-style text says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('ms', 's', 'm', 'h'), (n, unit) => {
        const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit];
        expect(parseDuration(`${n}${unit}`)).toBe(n * factor);
      }),
      { seed: 1208, numRuns: fuzzRuns(200) },
    );
  });
});
