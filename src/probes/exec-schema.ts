import { z } from 'zod';
import { probeBase } from './probe.js';
import { regex } from './probe-fields.js';

/** The `exec` probe's fields (exec.ts holds what it does). */
export const execProbeSchema = probeBase.extend({
  type: z.literal('exec'),
  command: z
    .union([z.string().min(1), z.array(z.string()).min(1)])
    .meta({ description: 'A string runs through /bin/sh -c; a list is the program and its arguments.' }),
  node: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Run in this node's environment (a container exec); default: on the host." }),
  exit_code: z
    .number()
    .int()
    .min(0)
    .max(255)
    .default(0)
    .meta({ description: 'Expected exit code (default 0).' }),
  stdout_matches: regex
    .optional()
    .meta({ description: 'A regular expression the output must match (^ and $ also match at line ends).' }),
});
