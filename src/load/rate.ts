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

/** The range a rate field accepts, in operations per second. */
export interface RateBounds {
  min: number;
  max: number;
}

/** `1/m to 10000/s`: how descriptions and errors name a rate's bounds. */
export function describeRateBounds({ min, max }: RateBounds): string {
  const low = min < 1 ? `${Math.round(min * 60)}/m` : `${min}/s`;
  return `${low} to ${max}/s`;
}

/**
 * A rate field parsed to operations per second, within `bounds`: above the maximum one harness
 * cannot keep the pace (and the generator would only queue work), below the minimum the time
 * between operations outlives any drill.
 */
export function rateWithin(bounds: RateBounds) {
  const range = describeRateBounds(bounds);
  return z
    .union([z.number(), z.string()], { error: `${RATE_EXPECTED} (${range})` })
    .transform((value, ctx) => {
      const perSecond = parseRate(value);
      if (perSecond === undefined || perSecond < bounds.min || perSecond > bounds.max) {
        ctx.addIssue({
          code: 'custom',
          message: `${RATE_EXPECTED} from ${range}, found ${JSON.stringify(value)}`,
          params: { hint: `write a rate from ${range}, e.g. 200/s` },
        });
        return z.NEVER;
      }
      return perSecond;
    })
    .meta({ description: `Operations per second, ${range}: a number, or N/s, N/m.` });
}

export const RATE_BOUNDS = {
  /** Load requests: what one harness really drives (k6 or the built-in generator) on a small host. */
  load: { min: 1 / 60, max: 10_000 },
  /** Ledger writes: each one is kept for the read-back, so the rate bounds the memory a drill uses. */
  ledger: { min: 1 / 60, max: 1_000 },
} as const satisfies Record<string, RateBounds>;

/** The load's request rate: 1/m to 10000/s. */
export const loadRate = rateWithin(RATE_BOUNDS.load);
/** The ledger's write rate: 1/m to 1000/s. */
export const ledgerRate = rateWithin(RATE_BOUNDS.ledger);
