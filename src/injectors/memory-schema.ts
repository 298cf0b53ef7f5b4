import { z } from 'zod';
import { faultBase } from './injector.js';
import { amountFields, checkAmount } from './resource/amount.js';

/** The `memory` fault's fields (memory.ts holds what it does). */
export const memorySchema = faultBase
  .extend({
    type: z.literal('memory'),
    node: z.string().min(1).meta({ description: 'The node whose memory is taken.' }),
    ...amountFields(
      "of the container's memory limit (process targets: of the host's memory)",
      '256m',
      'a memory hog cannot take more than 100% of the limit',
    ),
    via: z.enum(['auto', 'stress-ng', 'shell']).default('auto').meta({
      description:
        'Containers: stress-ng when the image has it (auto), else a POSIX-shell hog (head | tail); default auto.',
    }),
  })
  .superRefine(checkAmount);
