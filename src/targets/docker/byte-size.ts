import { z } from 'zod';

const UNITS = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as const;
const SIZE = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i;

/** Parses Docker's size notation, `256m`, `1g`, `512k`, `64MiB`, `1048576`, into bytes. */
export function parseByteSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] || 'b').toLowerCase() as keyof typeof UNITS;
  return Math.round(Number(match[1]) * UNITS[unit]);
}

const EXPECTED = 'expected a size such as 64m, 256m or 1g (k, m, g = KiB, MiB, GiB)';

/** A size field of a scenario, parsed to bytes; kept as written for Docker's tmpfs options. */
export const byteSize = z
  .union([z.string(), z.number().int().positive()], { error: EXPECTED })
  .transform((value, ctx) => {
    const bytes = typeof value === 'number' ? value : parseByteSize(value);
    if (bytes === undefined || bytes <= 0) {
      ctx.addIssue({ code: 'custom', message: `${EXPECTED}, found "${value}"` });
      return z.NEVER;
    }
    return bytes;
  })
  .meta({ description: 'A size: a number of bytes, or a number with k, m or g (KiB, MiB, GiB).' });
