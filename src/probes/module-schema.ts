import { z } from 'zod';
import { probeBase } from './probe.js';

/** The `module` probe's fields (module.ts holds what it does). */
export const moduleProbeSchema = probeBase.extend({
  type: z.literal('module'),
  path: z.string().min(1).meta({
    description:
      "Your probe module (.mjs/.js, or .ts when tsx is installed), relative to the scenario's directory.",
  }),
  export: z
    .string()
    .min(1)
    .default('default')
    .meta({ description: 'Which export to use (default: default).' }),
  options: z
    .record(z.string(), z.unknown())
    .default({})
    .meta({ description: 'Passed to your module as `options`; strings may use ${nodes...} templates.' }),
});
