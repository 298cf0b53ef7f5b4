import { z } from 'zod';
import { measurementsSchema, objectiveRowSchema, repeatSummarySchema } from './measurement-schema.js';
import { windowSummariesSchema } from './window-summary-schema.js';

/**
 * `firedrill.result/v1` (result.json) as zod, read by `firedrill report` and the history. It
 * checks every field a report reads, with the types the engine writes (src/engine/result.ts);
 * objects are loose so that fields a newer firedrill adds pass through. Times (`t`, `at`,
 * `startedAt` of samples and faults) are ms on the run clock; wall times are strings that the
 * renderers show as given when they do not parse as dates.
 */

const ms = z.number();
const count = z.number().int().nonnegative();

const revertSchema = z.looseObject({
  faultId: z.string(),
  step: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});

const faultRecordSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  description: z.string(),
  preparedAt: ms.optional(),
  startedAt: ms.optional(),
  effectAt: ms.optional(),
  effectWindow: z.looseObject({ from: ms, to: ms }).optional(),
  revertStartedAt: ms.optional(),
  revertedAt: ms.optional(),
  summary: z.string().optional(),
  reverts: z.array(revertSchema).optional(),
});

const probeRoleSchema = z.enum(['steady', 'detect', 'during', 'abort']);

const probeSchema = z.looseObject({
  name: z.string(),
  type: z.string(),
  role: probeRoleSchema,
  interval: ms,
  timeout: ms,
  expect: z.enum(['pass', 'fail']),
  skippedTicks: count,
});

const sampleSchema = z.looseObject({
  probe: z.string(),
  role: probeRoleSchema,
  scheduledAt: ms,
  startedAt: ms,
  endedAt: ms,
  ok: z.boolean(),
  detail: z.string().optional(),
  value: z.number().optional(),
  observedEvent: z.literal(true).optional(),
});

const effectWindowSchema = z.looseObject({ from: ms, to: ms });

const settleSchema = z.discriminatedUnion('status', [
  z.looseObject({ status: z.literal('settled'), waitedMs: ms }),
  z.looseObject({ status: z.literal('unsettled'), waitedMs: ms, reason: z.string() }),
]);

const eventSchema = z.looseObject({ t: ms, time: z.string(), type: z.string() });

const iterationSchema = z.looseObject({
  index: count,
  startedAt: ms,
  endedAt: ms,
  t0: ms.optional(),
  faults: z.array(faultRecordSchema),
  measurements: measurementsSchema.optional(),
  objectives: z.array(objectiveRowSchema),
});

/** LoadReport (src/load/load-run.ts): which generator ran and how it ended. */
const loadReportSchema = z.looseObject({
  generator: z.enum(['k6', 'builtin']),
  reason: z.string(),
  requests: count,
  dropped: count,
  k6: z
    .looseObject({
      path: z.string(),
      version: z.string().optional(),
      exitCode: z.number().int().nullable(),
      meaning: z.string(),
      thresholdsFailed: z.boolean(),
      endedEarly: z.boolean(),
      log: z.string(),
      lastLines: z.array(z.string()).optional(),
    })
    .optional(),
});

/** LedgerReport (src/integrity/integrity-ledger.ts): the RPO ledger's writer and read-back. */
const ledgerReportSchema = z.looseObject({
  driver: z.string(),
  ratePerSecond: z.number(),
  prefix: z.string(),
  attempted: count,
  acknowledged: count,
  unacknowledged: count,
  lost: count,
  lostIds: z.array(z.string()),
  recovered: count,
  writeErrors: z.array(z.looseObject({ error: z.string(), count })),
  readBack: z.looseObject({ ok: z.boolean(), attempts: count, tookMs: ms, error: z.string().optional() }),
});

export const drillResultSchema = z.looseObject({
  schema: z.literal('firedrill.result/v1'),
  runId: z.string(),
  scenario: z.looseObject({
    name: z.string(),
    file: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()),
    tier: z.string().optional(),
    config: z.unknown(),
  }),
  environment: z.looseObject({
    firedrill: z.string(),
    node: z.string(),
    platform: z.string(),
    host: z.string(),
    seed: z.number().int(),
  }),
  clockOrigin: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  verdict: z.enum(['passed', 'failed', 'aborted', 'error']),
  reason: z.string().optional(),
  reasons: z.array(z.string()),
  hint: z.string().optional(),
  interruptedAt: ms.optional(),
  probes: z.array(probeSchema),
  timeline: z.looseObject({
    t0: ms.optional(),
    t0Window: effectWindowSchema.optional(),
    t0UncertaintyMs: ms.optional(),
    faults: z.array(faultRecordSchema.extend({ plannedAtMs: ms, durationMs: ms.optional() })),
  }),
  measurements: measurementsSchema.optional(),
  iterations: z.array(iterationSchema.extend({ settle: settleSchema.optional() })).optional(),
  repeat: repeatSummarySchema.optional(),
  load: loadReportSchema.optional(),
  integrity: ledgerReportSchema.optional(),
  objectives: z.array(
    objectiveRowSchema.extend({ display: z.looseObject({ target: z.string(), measured: z.string() }) }),
  ),
  samples: z.array(sampleSchema),
  samplesDownsampled: z.boolean(),
  samplesLimit: count.optional(),
  sampleFile: z.string().optional(),
  windows: windowSummariesSchema.optional(),
  reverts: z.array(revertSchema),
  events: z.array(eventSchema),
});

/** A result.json as read through the schema. */
export type ParsedDrillResult = z.infer<typeof drillResultSchema>;
