import { z } from 'zod';
import { faultBase } from './injector.js';

/** The `cpu` fault's fields (cpu.ts holds what it does). */
export const cpuSchema = faultBase.extend({
  type: z.literal('cpu'),
  node: z.string().min(1).meta({ description: 'The node whose CPU is loaded.' }),
  workers: z
    .int({ error: 'expected a whole number of workers' })
    .min(1, { error: 'at least 1 worker' })
    .max(256, { error: 'at most 256 workers' })
    .default(1)
    .meta({ description: 'Busy processes to run (default 1); each can take one core.' }),
  load: z
    .number({ error: 'expected a percentage, e.g. 80' })
    .min(1, { error: 'load is a percentage of one core: 1 to 100' })
    .max(100, { error: 'load is a percentage of one core: 1 to 100' })
    .default(100)
    .meta({ description: 'Percent of one core each worker keeps busy (default 100).' }),
});
