import { z } from 'zod';
import { faultBase } from './injector.js';
import { amountFields, checkAmount } from './resource/amount.js';

/** The `disk-fill` fault's fields (disk-fill.ts holds what it does). */
export const diskFillSchema = faultBase
  .extend({
    type: z.literal('disk-fill'),
    node: z.string().min(1).meta({ description: 'The node whose disk is filled.' }),
    path: z.string().min(1).meta({
      description:
        "A directory: the fill file is written there. Containers: a path in the container; process targets: inside one of the node's data_dirs (relative to the scenario's directory).",
    }),
    ...amountFields(
      'of the filesystem holding path (fill until it is this full)',
      '512m',
      'a filesystem cannot be filled beyond 100%',
    ),
  })
  .superRefine(checkAmount);
