import { z } from 'zod';
import { longDuration as objectiveDuration } from '../common/duration.js';

export const API_VERSION = 'firedrill/v1';

const PERCENT = /^(\d+(?:\.\d+)?)%$/;

/** `99.5%` in a file, the fraction 0.995 in code. */
export const percentage = z
  .string({ error: 'expected a percentage such as "99.5%"' })
  .transform((text, ctx) => {
    const match = PERCENT.exec(text.trim());
    const value = match ? Number(match[1]) : NaN;
    if (!(value <= 100)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a percentage from 0% to 100% such as "99.5%", found "${text}"`,
      });
      return z.NEVER;
    }
    return value / 100;
  })
  .meta({ description: 'A percentage from 0% to 100%, e.g. "99.9%".', pattern: PERCENT.source });

/**
 * `soak`: a fault held for hours is judged per window as well as over the whole fault: in every
 * window of `per` from t0, the load's availability and each `during` probe's fraction meeting its
 * expectation must reach their minimum ("availability at least 99.9% in every hour", "the
 * minority refused every write, hour after hour").
 */
export const soakObjectivesSchema = z
  .strictObject({
    per: objectiveDuration.meta({ description: 'Window length, e.g. 1h; windows start at t0.' }),
    availability: percentage
      .optional()
      .meta({ description: 'Minimum availability of the load in every window of the fault.' }),
    during: percentage.optional().meta({
      description:
        "Minimum fraction of each during probe's samples meeting its expectation, in every window.",
    }),
  })
  .refine((soak) => soak.availability !== undefined || soak.during !== undefined, {
    error: 'soak needs availability or during (or both): what must hold in every window',
  })
  .refine((soak) => soak.per >= 1000, { error: 'soak.per must be at least 1s', path: ['per'] })
  .meta({ description: 'Objectives judged in every window of a long fault (a soak).' });

/** The RTO/RPO targets of one drill: every field is optional, each one present is evaluated. */
export const objectivesSchema = z
  .strictObject({
    detect: objectiveDuration
      .optional()
      .meta({ description: 'Time to detect (TTD): needs a probe with role `detect`.' }),
    recover: objectiveDuration
      .optional()
      .meta({ description: 'Time to recover (TTR) from the fault taking effect.' }),
    total: objectiveDuration.optional().meta({ description: 'Total outage time (equals TTR).' }),
    rpo: objectiveDuration
      .optional()
      .meta({ description: 'Recovery point objective: how far back acknowledged writes may be lost.' }),
    lost_writes: z
      .int({ error: 'expected a whole number of writes' })
      .min(0, { error: 'lost_writes cannot be negative' })
      .optional()
      .meta({ description: 'Acknowledged writes that may be missing after recovery.' }),
    availability: percentage
      .optional()
      .meta({ description: 'Minimum successful fraction of load requests during the fault.' }),
    latency_p99: objectiveDuration
      .optional()
      .meta({ description: 'Maximum p99 latency of the load during the fault.' }),
    consistent: z
      .literal(true, { error: 'expected true: the replicas must converge (leave it out to not check)' })
      .optional()
      .meta({
        description:
          'After recovery the replicas agree (and/or hold their state from before the fault) within `consistency.within`: needs a `consistency:` section.',
      }),
    soak: soakObjectivesSchema.optional(),
  })
  // With no objective there is nothing to judge, and "every objective passed" would be a false PASS.
  .refine((objectives) => Object.values(objectives).some((value) => value !== undefined), {
    error: 'at least one objective is needed: a drill with none would pass without measuring anything',
  })
  .meta({
    description:
      'Recovery objectives: a drill passes when every objective given here passes. At least one is required.',
  });

const classNameMessage = "expected a class name of a-z, 0-9 and '-', e.g. single-node-failure";
const className = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: classNameMessage });

/** `objectives: {table: ./objectives.yaml, class: single-node-failure}` in a scenario. */
export const objectivesRefSchema = z
  .strictObject({
    table: z
      .string()
      .min(1)
      .meta({ description: 'Path of a `kind: Objectives` file, relative to this scenario.' }),
    class: z.string().min(1).meta({ description: 'Name of a failure class in that table.' }),
  })
  .meta({ description: 'Objectives taken from a table of failure classes.' });

/** The objective fields, whatever objectivesSchema holds (a new objective kind joins by itself). */
const objectiveFields = objectivesSchema.shape;
const objectiveFieldNames = Object.keys(objectiveFields);
const hasObjective = (value: Record<string, unknown>): boolean =>
  objectiveFieldNames.some((key) => value[key] !== undefined);

/** What the team claims, beside the target: the status table checks the measurements against both. */
export const claimSchema = z
  .strictObject(objectiveFields)
  .refine(hasObjective, { error: 'a claim names at least one objective, e.g. {recover: 30s}' })
  .meta({
    description:
      'What the team claims per objective (e.g. {recover: 30s}), checked by `firedrill status` against the measurements.',
  });

/**
 * One failure class: its objectives (the targets a drill is judged on), and for the status table
 * a display name, the claims, and the data a data class protects. Only the objectives reach a drill.
 */
export const objectiveClassSchema = z
  .strictObject({
    ...objectiveFields,
    name: z.string().min(1).optional().meta({ description: 'Display name, e.g. "Node failure".' }),
    protects: z.string().min(1).optional().meta({
      description: 'Data classes (with lost_writes or rpo): the data they protect, e.g. "User data".',
    }),
    claim: claimSchema.optional(),
  })
  .refine(hasObjective, {
    error: 'at least one objective is needed: a drill with none would pass without measuring anything',
  })
  .meta({
    description: 'A failure class: its objectives, and optionally a name, claims and the data it protects.',
  });

/** A `kind: Objectives` document: named failure classes, each with its objectives. */
export const objectivesTableSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION),
    kind: z.literal('Objectives'),
    description: z.string().optional(),
    classes: z
      .record(className, objectiveClassSchema)
      .refine((classes) => Object.keys(classes).length > 0, {
        error: 'an objectives table needs at least one class',
      })
      .meta({ description: 'Failure classes by name, e.g. single-node-failure, network-partition.' }),
  })
  .meta({ title: 'firedrill objectives table', description: 'RTO/RPO objectives by failure class.' });

export type Objectives = z.output<typeof objectivesSchema>;
export type ObjectivesRef = z.output<typeof objectivesRefSchema>;
export type ObjectivesTable = z.output<typeof objectivesTableSchema>;
export type ObjectiveClass = z.output<typeof objectiveClassSchema>;
export type Claim = z.output<typeof claimSchema>;
export type ObjectiveName = keyof Objectives;

/** The objectives of a class, without its name, claim and `protects`: what a drill is judged on. */
export function classObjectives(objectiveClass: ObjectiveClass): Objectives {
  const objectives: Record<string, unknown> = {};
  for (const key of objectiveFieldNames) {
    const value = (objectiveClass as Record<string, unknown>)[key];
    if (value !== undefined) objectives[key] = value;
  }
  return objectives as Objectives;
}
