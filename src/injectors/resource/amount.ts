import { z } from 'zod';
import { byteSize } from '../../targets/docker/byte-size.js';

/** `size` or `percent`: how much of a resource a fault takes; `of` says of what, `over` why not past 100. */
export function amountFields(of: string, sizeExample: string, over: string) {
  return {
    size: byteSize
      .optional()
      .meta({ description: `How much, e.g. ${sizeExample} (k, m, g = KiB, MiB, GiB).` }),
    percent: z
      .number({ error: 'expected a percentage, e.g. 90' })
      .gt(0, { error: 'expected a percentage above 0' })
      .max(100, { error: (issue) => `${over} (found ${String(issue.input)})` })
      .optional()
      .meta({ description: `Or a percentage ${of} (at most 100).` }),
  };
}

export interface Amount {
  size?: number | undefined;
  percent?: number | undefined;
}

/** For `.superRefine`: exactly one of size and percent. */
export function checkAmount(value: Amount, ctx: z.RefinementCtx): void {
  if ((value.size === undefined) === (value.percent === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: value.size === undefined ? [] : ['percent'],
      message:
        value.size === undefined ? 'give `size` (e.g. 256m) or `percent`' : 'give size or percent, not both',
    });
  }
}

const KIB = 1024;
const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

/** `1.5 GiB`, `200 MiB`, `64 KiB`, `512 B`: exact enough to compare with what `df` and `ps` show. */
export function formatSize(bytes: number): string {
  const trim = (n: number): string => String(Number(n.toFixed(1)));
  if (bytes >= GIB) return `${trim(bytes / GIB)} GiB`;
  if (bytes >= MIB) return `${trim(bytes / MIB)} MiB`;
  if (bytes >= KIB) return `${trim(bytes / KIB)} KiB`;
  return `${bytes} B`;
}
