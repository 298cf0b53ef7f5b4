import { z } from 'zod';
import { corruptionModes } from './corrupt/corruption.js';
import { faultBase } from './injector.js';

/** Changes byte by byte go through exec one `dd` per run: keep them to what a drill needs. */
const MAX_BYTES = 4096;

/** The `corrupt` fault's fields (corrupt.ts holds what it does). */
export const corruptSchema = faultBase
  .extend({
    type: z.literal('corrupt'),
    node: z.string().min(1).meta({ description: 'The node holding the file.' }),
    path: z.string().min(1).meta({
      description:
        "The file: a path in the container, or on the host for process targets (relative to the scenario's directory).",
    }),
    mode: z.enum(corruptionModes).default('bitflip').meta({
      description:
        'bitflip: one bit in each of `bytes` scattered bytes; zero: a run of `bytes` bytes set to 0; garbage: a run overwritten with random bytes; truncate: the last `bytes` bytes cut off (default bitflip).',
    }),
    bytes: z
      .int({ error: 'expected a whole number of bytes' })
      .min(1, { error: 'at least 1 byte' })
      .default(1)
      .meta({
        description: `How many bytes to corrupt (default 1; at most ${MAX_BYTES} except for truncate).`,
      }),
    seed: z
      .int()
      .optional()
      .meta({ description: "Seed of the offsets and values (default: the run's seed)." }),
    when: z.enum(['running', 'stopped']).default('running').meta({
      description:
        'running: under the running node; stopped: stop the node, corrupt, start it again (default running).',
    }),
  })
  .superRefine((value, ctx) => {
    if (value.mode !== 'truncate' && value.bytes > MAX_BYTES)
      ctx.addIssue({
        code: 'custom',
        path: ['bytes'],
        message: `${value.mode} changes at most ${MAX_BYTES} bytes (found ${value.bytes})`,
      });
    if (value.duration !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: 'corruption stays (the system must detect and repair it): remove duration',
      });
  });
