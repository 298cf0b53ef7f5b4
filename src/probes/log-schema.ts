import { z } from 'zod';
import { probeBase } from './probe.js';
import { regex } from './probe-fields.js';

/** The `log` probe's fields (log.ts holds what it does). */
export const logProbeSchema = probeBase.extend({
  type: z.literal('log'),
  node: z.string().min(1).meta({ description: 'The node whose output (stdout and stderr) to follow.' }),
  pattern: regex.meta({ description: 'A regular expression a line must match, e.g. "\\\\+odown master".' }),
  on_match: z.enum(['pass', 'fail']).default('pass').meta({
    description:
      'What a matching line means: pass (a detection signal, the default) or fail (an error line, e.g. for an abort probe).',
  }),
});
