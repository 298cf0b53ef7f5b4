import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, documentJsonSchema, renderJsonSchema } from './json-schema.js';

describe('scenarios/schema.json', () => {
  it('is up to date with the zod schemas (run `npm run schema` after changing one)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(committed === renderJsonSchema(), 'scenarios/schema.json is stale: run `npm run schema`').toBe(
      true,
    );
  });

  it('describes every document kind by its literal `kind`', () => {
    const schema = documentJsonSchema() as { oneOf: Array<{ properties: { kind: { const: string } } }> };
    expect(schema.oneOf.map((option) => option.properties.kind.const)).toEqual([
      'Drill',
      'Objectives',
      'Schedule',
    ]);
  });

  it('describes what a person writes: durations as strings with their defaults', () => {
    const drill = (documentJsonSchema() as { oneOf: Array<{ properties: Record<string, unknown> }> })
      .oneOf[0]!;
    expect(drill.properties.baseline).toMatchObject({ type: 'string', default: '5s' });
    expect(drill.properties.stable_for).toMatchObject({ type: 'integer', default: 3 });
  });
});
