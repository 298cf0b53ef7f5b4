import { z } from 'zod';
import { duration, timeoutDuration } from '../common/duration.js';
import { ledgerRate } from '../load/rate.js';

/** Fields every integrity driver shares; each driver extends this with its literal `driver`. */
export const ledgerBase = z.strictObject({
  rate: ledgerRate
    .prefault('20/s')
    .meta({ description: 'Writes per second, at a fixed rate (default 20/s; 1/m to 1000/s).' }),
  write_timeout: timeoutDuration.default(1000).meta({
    description: 'A write not acknowledged within this counts as unacknowledged (default 1s; 1ms to 24h).',
  }),
  read_after: duration.default(0).meta({
    description:
      'Wait this long after recovery before the read-back: time for a replica that rejoined to catch up when the reads go through it (default 0).',
  }),
  read_timeout: timeoutDuration.default(30_000).meta({
    description:
      'How long the read-back after recovery may retry before it gives up (default 30s; 1ms to 24h).',
  }),
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_.:]+$/, { error: 'expected letters, digits, _ . or :' })
    .optional()
    .meta({
      description: 'Ids are <prefix>-<n> (default: the run id), so runs never see each other’s writes.',
    }),
});
