import { z } from 'zod';
import { documentKinds } from './kinds.js';

export const SCHEMA_FILE = 'scenarios/schema.json';

/**
 * The JSON Schema of every firedrill document kind, for editors (`# yaml-language-server:
 * $schema=./schema.json`). It describes what a person writes (`io: 'input'`: durations as
 * strings, defaults optional).
 */
export function documentJsonSchema(): Record<string, unknown> {
  const schemas = Object.values(documentKinds).map((kind) => kind.schema);
  const union = z.discriminatedUnion('kind', schemas as never);
  const generated = z.toJSONSchema(union, { io: 'input', target: 'draft-7', unrepresentable: 'throw' });
  return {
    ...generated,
    title: 'firedrill documents',
    description:
      'A firedrill drill (kind: Drill), objectives table (kind: Objectives) or drill calendar (kind: Schedule).',
  };
}

/** The file's exact text: generated, never edited by hand. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(documentJsonSchema(), null, 2)}\n`;
}
