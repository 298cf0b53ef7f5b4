import { z } from 'zod';
import { timeoutDuration } from '../common/duration.js';
import { commandSchema } from './action/command-schema.js';
import { revertRequiredForDuration } from './action/revert-rule.js';
import { faultBase } from './injector.js';

/** The `exec` fault's fields (exec.ts holds what it does). */
export const execSchema = faultBase
  .extend({
    type: z.literal('exec'),
    node: z.string().min(1).optional().meta({
      description:
        "Run in this node: a container exec, or on the host in a process node's directory and environment (default: on the host, in the scenario's directory).",
    }),
    command: commandSchema,
    revert: commandSchema.optional().meta({ description: 'Undoes the command (run where it ran).' }),
    exit_code: z.int().min(0).max(255).default(0).meta({ description: 'Expected exit code (default 0).' }),
    timeout: timeoutDuration
      .default(30_000)
      .meta({ description: 'Give up after this long (default 30s; 1ms to 24h).' }),
  })
  .superRefine(revertRequiredForDuration('exec', 'command'));
