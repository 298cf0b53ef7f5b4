import { z } from 'zod';
import { documentKinds } from './kinds.js';

export const SCHEMA_FILE = 'scenarios/schema.json';

/** The one command that rewrites SCHEMA_FILE from the zod schemas. */
export const REGENERATE_COMMAND = 'npm run schema';

/**
 * The `format` values JSON Schema draft-07 defines. zod names its own string checks as formats too
 * (`startsWith` becomes `"format": "starts_with"`), which standard validators refuse to compile; the
 * check itself survives as the `pattern` zod emits beside it.
 */
const STANDARD_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
]);

/**
 * The JSON Schema of every firedrill document kind, for editors (`# yaml-language-server:
 * $schema=./schema.json`). It describes what a person writes (`io: 'input'`: durations as
 * strings, defaults optional).
 */
export function documentJsonSchema(): Record<string, unknown> {
  const schemas = Object.values(documentKinds).map((kind) => kind.schema);
  const union = z.discriminatedUnion('kind', schemas as never);
  const generated = z.toJSONSchema(union, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'throw',
    override: ({ jsonSchema }) => dropNonStandardFormat(jsonSchema),
  });
  return {
    ...generated,
    title: 'firedrill documents',
    description:
      'A firedrill drill (kind: Drill), objectives table (kind: Objectives) or drill calendar (kind: Schedule).',
  };
}

function dropNonStandardFormat(schema: { format?: string; pattern?: string }): void {
  if (schema.format === undefined || STANDARD_FORMATS.has(schema.format)) return;
  // Only ever drops a format that a pattern still checks: a check must not vanish silently.
  if (schema.pattern === undefined)
    throw new Error(
      `zod emitted "format": "${schema.format}" without a pattern: no standard keyword says it`,
    );
  delete schema.format;
}

/** The file's exact text: generated, never edited by hand. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(documentJsonSchema(), null, 2)}\n`;
}
