import { z } from 'zod';
import { settleSchema } from '../engine/settle-schema.js';
import { consistencySchema } from '../engine/consistency/consistency-schema.js';
import { baselineDuration, longPositiveDuration } from '../common/duration.js';
import { injectors } from '../injectors/registry.js';
import { integritySchema } from '../integrity/integrity-schema.js';
import { loadSchema } from '../load/load-schema.js';
import { toxiproxySchema } from '../links/toxiproxy-schema.js';
import { probes } from '../probes/registry.js';
import { targets } from '../targets/registry.js';
import {
  API_VERSION,
  objectivesRefSchema,
  objectivesSchema,
  type Objectives,
  type ObjectivesRef,
} from './objectives.js';

type Plugin = { readonly schema: z.ZodType };

/** The kinds a scenario can name, by field: the registries, or small ones in tests. */
export interface ScenarioRegistries {
  targets: Record<string, Plugin>;
  injectors: Record<string, Plugin>;
  probes: Record<string, Plugin>;
}

export const defaultRegistries = { targets, injectors, probes } satisfies ScenarioRegistries;

/** The zod type of "any one of a registry's schemas": what the discriminated union parses to. */
type OneOf<M extends Record<string, Plugin>> = z.ZodType<
  z.output<M[keyof M]['schema']>,
  z.input<M[keyof M]['schema']>
>;

/** Each plugin's schema carries a literal `type`; the union picks the plugin by it. */
function oneOf<M extends Record<string, Plugin>>(registry: M, description: string): OneOf<M> {
  const options = Object.values(registry).map((plugin) => plugin.schema);
  return z.discriminatedUnion('type', options as never).meta({ description }) as unknown as OneOf<M>;
}

export const MAX_DRILL_NAME = 100;

const slugMessage =
  "expected a lowercase name of a-z, 0-9 and '-', e.g. redis-failover (it names the report directory)";

const link = z.strictObject({
  upstream: z
    .string()
    .min(1)
    .meta({
      description:
        'host:port the link forwards to, as Toxiproxy reaches it: ${nodes.db.alias}:5432 for a docker ' +
        'target (Toxiproxy runs on the run network), ${nodes.db.host}:${nodes.db.port.pg} for a process target.',
    }),
  listen: z
    .string()
    .optional()
    .meta({
      description:
        'host:port Toxiproxy listens on (default: a free port; 127.0.0.1 for a local server, published on ' +
        '127.0.0.1 at the same number for the Toxiproxy container).',
    }),
  from: z.string().min(1).optional().meta({
    description:
      'The node that connects through this link (partitions via toxiproxy cut the links that cross).',
  }),
  to: z.string().min(1).optional().meta({
    description: 'The node behind the link (default: the node its upstream names, ${nodes.<node>...}).',
  }),
});

const timeouts = z
  .strictObject({
    recover: longPositiveDuration.prefault('60s').meta({
      description:
        'How long after t0 recovery may take before it counts as never (default 60s; 1ms to 720h).',
    }),
    drill: longPositiveDuration
      .prefault('10m')
      .meta({ description: 'Global limit for the whole drill (default 10m; 1ms to 720h).' }),
  })
  .prefault({});

const recoverySchema = z.strictObject({
  signals: z
    .array(z.string().min(1))
    .min(1, { error: 'list at least one signal, or leave `recovery` out to use them all' })
    .meta({
      description:
        'The steady signals that mark impact and recovery: steady probe names, `load`, `ledger` (default all).',
    }),
});

/** The `kind: Drill` schema, assembled from the registries. */
export function buildDrillSchema<
  T extends Record<string, Plugin>,
  I extends Record<string, Plugin>,
  P extends Record<string, Plugin>,
>(registries: { targets: T; injectors: I; probes: P }) {
  return z
    .strictObject({
      apiVersion: z.literal(API_VERSION),
      kind: z.literal('Drill'),
      name: z
        .string({ error: slugMessage })
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: slugMessage })
        // The name is a directory under --out, next to a timestamp: file names stop at 255 bytes.
        .max(MAX_DRILL_NAME, { error: `a drill name has at most ${MAX_DRILL_NAME} characters` })
        .meta({ description: `The drill's name: a-z, 0-9 and '-', at most ${MAX_DRILL_NAME} characters.` }),
      description: z.string().optional(),
      tags: z.array(z.string()).optional(),
      tier: z
        .string()
        .optional()
        .meta({ description: 'Schedule tier this drill belongs to, e.g. weekly, quarterly.' }),
      seed: z
        .int()
        .optional()
        .meta({ description: 'Seed for random choices (node selection, corruption bytes).' }),
      target: oneOf(registries.targets, 'Where the system under test runs.'),
      links: z
        .record(z.string(), link)
        .optional()
        .meta({ description: 'Network paths routed through Toxiproxy, by name.' }),
      toxiproxy: toxiproxySchema.optional(),
      probes: z
        .array(oneOf(registries.probes, 'A check sampled on an interval.'))
        .min(1, { error: 'a drill needs at least one probe (its steady state)' }),
      faults: z
        .array(oneOf(registries.injectors, 'One fault of the timeline.'))
        .min(1, { error: 'a drill needs at least one fault' }),
      load: loadSchema.optional(),
      integrity: integritySchema.optional(),
      consistency: consistencySchema.optional(),
      // Inline first: `objectives: {}` is then reported as "needs an objective", not as a bad reference.
      objectives: z.union([objectivesSchema, objectivesRefSchema]),
      baseline: baselineDuration.prefault('5s').meta({
        description: 'The steady state must hold this long before the first fault (default 5s; 1ms to 24h).',
      }),
      stable_for: z
        .int({ error: 'expected a whole number of probe rounds' })
        .min(1, { error: 'recovery needs at least 1 passing round' })
        .default(3)
        .meta({
          description: 'Consecutive passing rounds of every steady probe that prove recovery (default 3).',
        }),
      timeouts,
      recovery: recoverySchema.optional(),
      repeat: z
        .int({ error: 'expected a whole number' })
        .min(1, { error: 'a drill runs at least once' })
        .default(1)
        .meta({ description: 'Run the drill this many times (default 1).' }),
      settle: settleSchema.optional().meta({
        description:
          'Between repeats: wait until the system is whole again (nodes running, steady probes passing, this check).',
      }),
    })
    .meta({
      title: 'firedrill drill',
      description: 'A recovery drill: target, probes, faults and objectives.',
    });
}

export const drillSchema = buildDrillSchema(defaultRegistries);

/** A drill document as written (objectives may still be a table reference). */
export type DrillDocument = z.output<typeof drillSchema>;
/** A loaded drill: objectives resolved to their inline form. */
export type Drill = Omit<DrillDocument, 'objectives'> & {
  objectives: Objectives;
  /** Where the objectives came from, when from a table: shown in reports. */
  objectivesFrom?: ObjectivesRef;
};
export type TargetConfig = DrillDocument['target'];
export type ProbeConfig = DrillDocument['probes'][number];
export type FaultConfig = DrillDocument['faults'][number];
export type LinkConfig = z.output<typeof link>;
export type Timeouts = DrillDocument['timeouts'];
