import { z } from 'zod';

const RATE = /^(\d+(?:\.\d+)?)\s*\/\s*(s|m)$/;

/** `200`, `200/s`, `30/m` → operations per second; undefined when malformed or not positive. */
export function parseRate(value: number | string): number | undefined {
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value : undefined;
  const match = RATE.exec(value.trim());
  if (!match) return undefined;
  const perSecond = Number(match[1]) / (match[2] === 'm' ? 60 : 1);
  return perSecond > 0 ? perSecond : undefined;
}

const RATE_EXPECTED = 'expected a rate such as 200, 200/s or 30/m';

/** A rate field of a scenario, parsed to operations per second. */
export const rate = z
  .union([z.number(), z.string()], { error: RATE_EXPECTED })
  .transform((value, ctx) => {
    const perSecond = parseRate(value);
    if (perSecond === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${RATE_EXPECTED} (more than 0), found ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return perSecond;
  })
  .meta({ description: 'Operations per second: a number, or N/s, N/m.' });
