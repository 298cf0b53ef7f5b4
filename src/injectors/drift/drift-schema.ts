import { z } from 'zod';
import { timeoutDuration } from '../../common/duration.js';
import { regex } from '../../probes/probe-fields.js';
import { commandSchema } from '../action/command-schema.js';
import { httpRequestSchema } from '../action/http-call.js';
import { faultBase } from '../injector.js';

/**
 * How far a drift takes a node from its intended state. firedrill does not interpret it: the
 * scenario maps each severity to a change (`changes:`), following this convention so that drills
 * of different systems read alike:
 * - mild: one tunable off its intended value; service goes on; expect detection and automatic healing.
 * - moderate: several tunables or a few data items differ; service degrades; expect healing.
 * - severe: a protected setting (identity, replication mode, role) differs; expect the node to
 *   isolate itself (quarantine, fence, refuse writes) rather than serve wrong answers.
 * - critical: data or membership diverges so that serving would lose or corrupt data; expect the
 *   node to be isolated and rebuilt or restored from its peers.
 */
export const severities = ['mild', 'moderate', 'severe', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const fileChangeSchema = z
  .strictObject({
    path: z.string().min(1).meta({
      description:
        "The file: a path in the container, or on the host for process targets (relative to the scenario's directory).",
    }),
    set: z
      .string()
      .optional()
      .meta({ description: "The file's new content (the file is created when missing)." }),
    patch: z
      .array(
        z.strictObject({
          find: regex.meta({
            description: 'A regular expression (^ and $ match at line ends); it must match.',
          }),
          replace: z.string().meta({ description: 'Its replacement ($1... name groups).' }),
        }),
      )
      .min(1)
      .optional()
      .meta({ description: 'Replacements in the current content, in order.' }),
  })
  .superRefine((value, ctx) => {
    if ((value.set === undefined) === (value.patch === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'a file change needs `set` (new content) or `patch`, one of them',
      });
  });

export const execChangeSchema = z.strictObject({
  command: commandSchema,
  revert: commandSchema.meta({ description: 'Undoes the command (required: a drift is always put back).' }),
  exit_code: z.int().min(0).max(255).default(0).meta({ description: 'Expected exit code (default 0).' }),
  timeout: timeoutDuration
    .default(30_000)
    .meta({ description: 'Give up after this long (default 30s; 1ms to 24h).' }),
});

export const httpChangeSchema = httpRequestSchema.extend({
  revert: httpRequestSchema.meta({ description: 'The request that undoes this one (required).' }),
});

const changeFields = {
  file: fileChangeSchema
    .optional()
    .meta({ description: 'Change a file of the node (backed up, restored on revert).' }),
  exec: execChangeSchema
    .optional()
    .meta({ description: 'Run a command in the node, with the command that undoes it.' }),
  http: httpChangeSchema
    .optional()
    .meta({ description: 'Send a request (e.g. an admin API), with the one that undoes it.' }),
};

const CHANGE_KINDS = ['file', 'exec', 'http'] as const;

export const changeSchema = z.strictObject(changeFields).superRefine((value, ctx) => {
  const given = CHANGE_KINDS.filter((kind) => value[kind] !== undefined);
  if (given.length !== 1)
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `a change is one of file, exec or http (found ${given.join(', ') || 'none'})`,
    });
});
export type DriftChange = z.output<typeof changeSchema>;

export const driftFields = {
  node: z.string().min(1).meta({ description: 'The node that drifts.' }),
  severity: z.enum(severities).optional().meta({
    description:
      'mild, moderate, severe or critical: picks the change from `changes` (see docs/faults.md for the convention).',
  }),
  changes: z
    .strictObject(
      Object.fromEntries(severities.map((s) => [s, changeSchema.optional()])) as Record<
        Severity,
        z.ZodOptional<typeof changeSchema>
      >,
    )
    .optional()
    .meta({ description: 'The change for each severity; `severity` picks one.' }),
  ...changeFields,
};

/** For `.superRefine`: one change, given directly or picked by severity from `changes`. */
export function checkDrift(
  value: {
    severity?: Severity | undefined;
    changes?: Partial<Record<Severity, unknown>> | undefined;
  } & Partial<Record<(typeof CHANGE_KINDS)[number], unknown>>,
  ctx: z.RefinementCtx,
): void {
  const given = [
    ...(value.changes ? ['changes'] : []),
    ...CHANGE_KINDS.filter((kind) => value[kind] !== undefined),
  ];
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: given.length > 1 ? [given[1]!] : [],
      message:
        given.length > 1
          ? `give one change: found ${given.join(' and ')}`
          : 'say what drifts: `file`, `exec` or `http`, or `severity` with a `changes` map',
    });
    return;
  }
  if (!value.changes) return;
  const mapped = severities.filter((s) => value.changes?.[s] !== undefined);
  if (value.severity === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['severity'],
      message: `\`changes\` needs \`severity\` to pick one (${mapped.join(', ')})`,
    });
  } else if (value.changes[value.severity] === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['severity'],
      message: `changes has no entry for severity "${value.severity}" (it has ${mapped.join(', ') || 'none'})`,
    });
  }
}

/** The `drift` fault's fields (drift.ts holds what it does). */
export const driftSchema = faultBase
  .extend({ type: z.literal('drift'), ...driftFields })
  .superRefine(checkDrift);
