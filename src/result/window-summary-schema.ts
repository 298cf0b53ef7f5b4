import { z } from 'zod';

const count = z.number().int().nonnegative();
const span = { from: z.number(), to: z.number() };

/** WindowSummaries (see window-summary.ts), as result.json is read back. */
export const windowSummariesSchema = z.looseObject({
  perMs: z.number().positive(),
  probes: z.array(
    z.looseObject({
      probe: z.string(),
      windows: z.array(
        z.looseObject({
          ...span,
          samples: count,
          ok: count,
          meanMs: z.number(),
          maxMs: z.number(),
          firstFailure: z.looseObject({ at: z.number(), detail: z.string().optional() }).optional(),
        }),
      ),
    }),
  ),
  load: z
    .array(z.looseObject({ ...span, requests: count, ok: count, meanMs: z.number(), maxMs: z.number() }))
    .optional(),
  ledger: z
    .array(z.looseObject({ ...span, attempted: count, acknowledged: count, failed: count }))
    .optional(),
});
