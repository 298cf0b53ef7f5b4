import { z } from 'zod';
import { objectiveKeys } from './objective-row.js';

// The measurement part of `firedrill.result/v1` (src/engine/measure/*). Objects are loose: a field
// a newer firedrill adds passes through, while every field the reports read is checked. zod's
// number() refuses NaN and ±Infinity, so every figure a renderer does arithmetic on is finite.

const count = z.number().int().nonnegative();
const ms = z.number();

/** Resolution: a figure's real bound and how it was obtained. */
export const resolutionSchema = z.looseObject({
  ms,
  basis: z.enum([
    'bracketing samples',
    'log line arrival',
    'sampling interval',
    'exact',
    'sum of both bounds',
  ]),
});

/** TimeMeasurement: a measured duration, or why there is none. */
export const timeMeasurementSchema = z.discriminatedUnion('status', [
  z.looseObject({
    status: z.literal('measured'),
    ms,
    resolution: resolutionSchema,
    at: ms.optional(),
    signal: z.string().optional(),
    note: z.string().optional(),
  }),
  z.looseObject({ status: z.literal('not-measured'), reason: z.string(), abortedAtMs: ms.optional() }),
  z.looseObject({ status: z.literal('not-detected'), exceeds: ms, reason: z.string() }),
  z.looseObject({ status: z.literal('not-recovered'), exceeds: ms, reason: z.string() }),
]);

export const impactSchema = z.discriminatedUnion('status', [
  z.looseObject({
    status: z.literal('impact'),
    at: ms,
    signal: z.string(),
    detail: z.string().optional(),
    resolution: resolutionSchema,
  }),
  z.looseObject({ status: z.literal('none') }),
]);

export const objectiveKindSchema = z.enum([...objectiveKeys, 'during']);

/** ObjectiveRow: one row of the RTO/RPO table. */
export const objectiveRowSchema = z.looseObject({
  objective: z.string(),
  kind: objectiveKindSchema,
  unit: z.enum(['ms', 'count', 'fraction']),
  comparison: z.enum(['<=', '>=']),
  target: z.number(),
  measured: z.number().nullable(),
  exceeded: z.literal(true).optional(),
  status: z.enum(['passed', 'failed', 'not-measured']),
  signal: z.string().optional(),
  resolution: resolutionSchema.optional(),
  abortedAtMs: ms.optional(),
  reason: z.string().optional(),
  divergent: z.record(z.string(), z.string()).optional(),
});

const availabilitySchema = z.looseObject({ ratio: z.number(), ok: count, total: count });
const latencySchema = z.looseObject({ n: count, p50: ms, p95: ms, p99: ms });

/** LoadMeasurement: availability and latency of the drill's load. */
export const loadMeasurementSchema = z.looseObject({
  requests: count,
  availability: z.looseObject({
    fault: availabilitySchema.nullable(),
    overall: availabilitySchema.nullable(),
  }),
  latency: z.looseObject({ baseline: latencySchema.nullable(), fault: latencySchema.nullable() }),
});

/** DataMeasurement: what the RPO ledger found. */
export const dataMeasurementSchema = z.looseObject({
  attempted: count,
  acknowledged: count,
  lostWrites: count,
  lostIds: z.array(z.union([z.string(), z.number()])),
  recovered: count,
  rpo: timeMeasurementSchema,
});

const nodeReadingSchema = z.union([
  z.looseObject({ value: z.string(), digest: z.string() }),
  z.looseObject({ error: z.string() }),
]);
const readingsSchema = z.record(z.string(), nodeReadingSchema);

/** ConsistencyMeasurement (src/result/consistency.ts): the replicas' state before and after. */
export const consistencyMeasurementSchema = z.discriminatedUnion('status', [
  z.looseObject({
    status: z.literal('consistent'),
    ms,
    resolutionMs: ms,
    rounds: count,
    before: readingsSchema,
    after: readingsSchema,
  }),
  z.looseObject({
    status: z.literal('inconsistent'),
    ms,
    rounds: count,
    before: readingsSchema,
    after: readingsSchema,
    divergent: z.record(z.string(), z.string()),
    reason: z.string(),
  }),
  z.looseObject({ status: z.literal('not-measured'), reason: z.string(), before: readingsSchema.optional() }),
]);
const soakWindowSchema = z.looseObject({ from: z.number(), to: z.number(), ok: count, total: count });

/** SoakMeasurement: per-window figures of a fault held for hours. */
export const soakMeasurementSchema = z.looseObject({
  perMs: ms,
  availability: z.array(soakWindowSchema).optional(),
  during: z.array(z.looseObject({ probe: z.string(), windows: z.array(soakWindowSchema) })),
});

/** Measurements: everything one pass of a drill measured. */
export const measurementsSchema = z.looseObject({
  t0: ms,
  signals: z.array(z.string()),
  impact: impactSchema,
  detect: timeMeasurementSchema,
  recover: timeMeasurementSchema,
  recoveryAfterDetection: timeMeasurementSchema,
  total: timeMeasurementSchema,
  recovered: z.boolean(),
  abortedAtMs: ms.optional(),
  during: z.array(objectiveRowSchema),
  data: dataMeasurementSchema.optional(),
  dataUnavailable: z.string().optional(),
  load: loadMeasurementSchema.optional(),
  consistency: consistencyMeasurementSchema.optional(),
  soak: soakMeasurementSchema.optional(),
});

const distributionSchema = z.looseObject({
  n: count,
  min: z.number(),
  p50: z.number(),
  p95: z.number(),
  max: z.number(),
});

const repeatedSchema = z.looseObject({
  runs: count,
  measured: distributionSchema.nullable(),
  exceeded: count,
  notMeasured: count,
});

/** RepeatSummary: `repeat: N`, each measurement as a distribution over the iterations. */
export const repeatSummarySchema = z.looseObject({
  runs: count,
  detect: repeatedSchema,
  recover: repeatedSchema,
  recoveryAfterDetection: repeatedSchema,
  total: repeatedSchema,
  rpo: repeatedSchema,
  lostWrites: repeatedSchema,
  availability: repeatedSchema,
  latencyP99: repeatedSchema,
});
