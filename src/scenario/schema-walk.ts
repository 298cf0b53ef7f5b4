import type { z } from 'zod';
import type { FieldPath } from './yaml-source.js';

/**
 * Reads the structure of a zod schema at a field path, for error messages: which keys a mapping
 * accepts, which option of a union applies to the data. Only the shape matters here, so wrappers
 * (optional, default, the input side of a transform) are looked through.
 */
type Schema = z.core.$ZodType;
type Def = { type: string } & Record<string, unknown>;

function def(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const d = def(current);
    if (WRAPPERS.has(d.type)) current = d.innerType as Schema;
    else if (d.type === 'pipe') current = d.in as Schema;
    else return current;
  }
}

/** The keys a mapping schema accepts, or undefined when the schema is not a mapping. */
export function objectKeys(schema: Schema | undefined): string[] | undefined {
  if (!schema) return undefined;
  const d = def(unwrap(schema));
  return d.type === 'object' ? Object.keys(d.shape as object) : undefined;
}

/** A union without a discriminator: zod reports its branches' issues loosely, so we pick one. */
export function isPlainUnion(schema: Schema): boolean {
  const d = def(unwrap(schema));
  return d.type === 'union' && d.discriminator === undefined;
}

export function unionOptions(schema: Schema): Schema[] {
  const d = def(unwrap(schema));
  return d.type === 'union' ? (d.options as Schema[]) : [schema];
}

/**
 * The option of a union meant for `data`: for a discriminated union the one whose literal matches;
 * otherwise the one that recognises the most of the data's keys (`{table, clas}` is a table
 * reference with a typo, not inline objectives with two unknown keys).
 */
export function pickOption(schema: Schema, data: unknown): Schema | undefined {
  const d = def(unwrap(schema));
  const options = d.type === 'union' ? (d.options as Schema[]) : [schema];
  const record = asRecord(data);
  if (typeof d.discriminator === 'string') {
    const value = record?.[d.discriminator];
    return options.find((option) => literalValues(option, d.discriminator as string).includes(value));
  }
  // A plain value picks the option of its own type (`rate: 200/s` is the string branch).
  if (record === undefined && data !== null && data !== undefined) {
    const sameType = options.find((option) => def(unwrap(option)).type === typeof data);
    if (sameType) return sameType;
  }
  const keys = Object.keys(record ?? {});
  const score = (option: Schema): number => keys.filter((k) => objectKeys(option)?.includes(k)).length;
  return options.reduce((best, option) => (score(option) > score(best) ? option : best), options[0]!);
}

function literalValues(option: Schema, key: string): unknown[] {
  const d = def(unwrap(option));
  if (d.type !== 'object') return [];
  const field = (d.shape as Record<string, Schema>)[key];
  const fd = field ? def(unwrap(field)) : undefined;
  return fd?.type === 'literal' ? (fd.values as unknown[]) : [];
}

/** The schema that validates the value at `path`, following the data through unions. */
export function schemaAt(schema: Schema, path: FieldPath, data: unknown): Schema | undefined {
  const at = schemaAtRaw(schema, path, data);
  return at && def(unwrap(at)).type === 'union' ? (pickOption(at, valueAt(data, path)) ?? at) : at;
}

function step(schema: Schema, value: unknown, segment: string | number): Schema | undefined {
  let inner = unwrap(schema);
  if (def(inner).type === 'union') inner = unwrap(pickOption(inner, value) ?? inner);
  const d = def(inner);
  if (d.type === 'object') return (d.shape as Record<string, Schema>)[String(segment)];
  if (d.type === 'array') return d.element as Schema;
  if (d.type === 'record') return d.valueType as Schema;
  return undefined;
}

/** The first prefix of `path` at which the schema is a plain union, if any. */
export function plainUnionPrefix(schema: Schema, path: FieldPath, data: unknown): FieldPath | undefined {
  for (let length = 0; length <= path.length; length += 1) {
    const prefix = path.slice(0, length);
    const at = schemaAtRaw(schema, prefix, data);
    if (at && isPlainUnion(at)) return prefix;
  }
  return undefined;
}

/** Like schemaAt, but without resolving a union found at the very end. */
function schemaAtRaw(schema: Schema, path: FieldPath, data: unknown): Schema | undefined {
  let current: Schema | undefined = schema;
  let value = data;
  for (const segment of path) {
    if (!current) return undefined;
    current = step(current, value, segment);
    value = valueAt(value, [segment]);
  }
  return current;
}

export function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else value = asRecord(value)?.[String(segment)];
  }
  return value;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
