import { z } from 'zod';

const LABEL = /^[^=\s]+(=[^\s]*)?$/;

export const attachNodeSchema = z
  .union(
    [
      z.strictObject({
        container: z.string().min(1).meta({ description: 'The container name (or id).' }),
      }),
      z.strictObject({
        label: z
          .string()
          .regex(LABEL, { error: 'expected a label selector "key=value" (or "key")' })
          .meta({ description: 'A label selector, `key=value`, matching exactly one running container.' }),
      }),
    ],
    { error: 'expected `container: <name>` or `label: <key=value>`' },
  )
  .meta({ description: 'A running container, by name or by a label matching exactly one.' });

export const attachTargetSchema = z.strictObject({
  type: z.literal('attach'),
  nodes: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'expected a node name of letters, digits, - and _' }),
      attachNodeSchema,
    )
    .refine((nodes) => Object.keys(nodes).length > 0, { error: 'declare at least one node' }),
  stop_timeout: z.number().int().min(0).default(10).meta({
    description: 'Seconds Docker waits between SIGTERM and SIGKILL when a fault stops a node (default 10).',
  }),
});

export type AttachNodeConfig = z.output<typeof attachNodeSchema>;
export type AttachTargetConfig = z.output<typeof attachTargetSchema>;
