import { z } from 'zod';
import { duration, intervalDuration, timeoutDuration } from '../../common/duration.js';
import { jsonPath } from '../../probes/json-path.js';

/** The per-node templates a read may use, besides every `${nodes...}` / `${links...}` value. */
export const NODE_TEMPLATE_FORMS = '${node.name}, ${node.host}, ${node.alias}, ${node.port.<port>}';
/** The point every replica has applied (`at`), in the `read` that follows it. */
export const AT_TEMPLATE = 'consistency.at';

/**
 * One read of one node's state: an http GET, a command (in the node, or on the host), or a user
 * module. Its text is the node's state, normalised (trimmed, a JSON field picked) before comparing.
 */
export const stateReadSchema = z
  .strictObject({
    http: z.string().min(1).optional().meta({
      description:
        'GET this URL per node; its body is the state, e.g. http://${node.host}:${node.port.http}/digest.',
    }),
    exec: z
      .union([z.string().min(1), z.array(z.string()).min(1)])
      .optional()
      .meta({
        description:
          'Or run this command per node (a string runs through /bin/sh -c); its stdout is the state.',
      }),
    on: z.enum(['node', 'host']).default('node').meta({
      description: 'With exec: run it in each node (a container exec; default) or on the host.',
    }),
    module: z.string().min(1).optional().meta({
      description:
        "Or your module (.mjs/.js, .ts with tsx), relative to the scenario's directory: read(node, signal).",
    }),
    export: z.string().min(1).default('default').meta({ description: 'With module: which export.' }),
    options: z
      .record(z.string(), z.unknown())
      .default({})
      .meta({ description: 'With module: passed to it as `options`.' }),
    json_path: jsonPath.optional().meta({
      description: 'The state is JSON: compare the value here, e.g. $.data or $[0].HashKV.hash.',
    }),
    trim: z
      .boolean()
      .default(true)
      .meta({ description: 'Ignore leading and trailing white space (default true).' }),
  })
  .superRefine((read, ctx) => {
    const given = (['http', 'exec', 'module'] as const).filter((field) => read[field] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message:
          given.length === 0
            ? 'a read needs one of http, exec or module'
            : `give one of http, exec or module, not ${given.join(' and ')}`,
      });
  });

export const consistencySchema = z
  .strictObject({
    read: stateReadSchema.meta({
      description: `How to read one node's state; templates: ${NODE_TEMPLATE_FORMS}.`,
    }),
    at: stateReadSchema.optional().meta({
      description:
        'A point every replica has applied, read per node as a number (e.g. a revision); the lowest ' +
        `is \${${AT_TEMPLATE}} in read, so every node is read at the same point of its history.`,
    }),
    nodes: z.array(z.string().min(1)).min(1).optional().meta({
      description: "The replicas to read (default: all of the target's nodes).",
    }),
    agree: z.boolean().default(true).meta({
      description: 'After recovery every replica must hold the same state (default true).',
    }),
    unchanged: z.boolean().default(false).meta({
      description:
        'After recovery each replica must hold the state it held before the fault (default false).',
    }),
    within: duration.prefault('10s').meta({
      description: 'Replicas converge after recovery: read again until this bound (default 10s).',
    }),
    interval: intervalDuration
      .default(500)
      .meta({ description: 'Time between rounds of reads (default 500ms).' }),
    timeout: timeoutDuration.default(5000).meta({ description: 'Limit of each read (default 5s).' }),
  })
  .refine((section) => section.agree || section.unchanged, {
    error: 'nothing to check: set agree: true and/or unchanged: true',
    path: ['agree'],
  })
  .meta({
    description:
      "State that must converge: read each replica's state after the baseline and after recovery; the " +
      '`consistent` objective requires that they agree and/or are unchanged.',
  });

export type StateReadConfig = z.output<typeof stateReadSchema>;
export type ConsistencyConfig = z.output<typeof consistencySchema>;
