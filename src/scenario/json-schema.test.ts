import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REGENERATE_COMMAND, SCHEMA_FILE, documentJsonSchema, renderJsonSchema } from './json-schema.js';

const repo = resolve(import.meta.dirname, '../..');
// ajv-formats is CommonJS with `exports.default`: under NodeNext its function is `.default`.
const addFormats = ajvFormats.default;

/** YAML files under the shipped folders that are not firedrill documents (no `kind`). */
const NOT_DOCUMENTS = ['scenarios/gate/gate.yaml'];
/** Kubernetes manifests the kubernetes drills apply: the cluster's documents, not firedrill's. */
const MANIFEST_DIRS = ['scenarios/kubernetes/manifests/'];

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(repo, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => relative(repo, join(entry.parentPath, entry.name)))
    .sort();
}

async function readDocument(file: string): Promise<unknown> {
  return parse(await readFile(join(repo, file), 'utf8'), { merge: true, maxAliasCount: 1000 });
}

describe('scenarios/schema.json', () => {
  it(`is what \`${REGENERATE_COMMAND}\` generates from the zod schemas`, async () => {
    const committed = await readFile(join(repo, SCHEMA_FILE), 'utf8');
    expect(
      committed === renderJsonSchema(),
      `${SCHEMA_FILE} is stale: run \`${REGENERATE_COMMAND}\` and commit the file (after merging branches that change zod schemas, too)`,
    ).toBe(true);
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

describe('scenarios/schema.json in a standard validator (ajv, strict mode)', () => {
  let validate: ValidateFunction;

  beforeAll(async () => {
    // Strict mode refuses unknown keywords and formats; union types (`type: [string, number]`) are
    // standard JSON Schema that ajv only asks to be allowed explicitly.
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(await readFile(join(repo, SCHEMA_FILE), 'utf8')));
  });

  it('accepts every shipped drill, objectives table and schedule', async () => {
    const files = [...(await yamlFilesUnder('scenarios')), ...(await yamlFilesUnder('test/fixtures/valid'))];
    const documents = files.filter(
      (file) => !NOT_DOCUMENTS.includes(file) && !MANIFEST_DIRS.some((dir) => file.startsWith(dir)),
    );
    expect(documents.length).toBeGreaterThan(15);
    const rejected: Record<string, unknown> = {};
    for (const file of documents) {
      if (!validate(await readDocument(file))) rejected[file] = validate.errors?.slice(0, 3);
    }
    expect(rejected).toEqual({});
  });

  it.each([
    ['unknown-key.yaml', '/faults/0', 'duraton'],
    ['unknown-top-level-key.yaml', '', undefined],
    ['unknown-fault-type.yaml', '/faults/0', undefined],
    ['bad-probe-role.yaml', '/probes/0/role', undefined],
    ['wrong-api-version.yaml', '/apiVersion', undefined],
    ['missing-target.yaml', '', undefined],
  ])('rejects test/fixtures/invalid/%s at %s', async (file, path, property) => {
    expect(validate(await readDocument(`test/fixtures/invalid/${file}`))).toBe(false);
    const errors = validate.errors ?? [];
    expect(errors.some((error) => error.instancePath === path)).toBe(true);
    if (property !== undefined)
      expect(errors.some((error) => error.params.additionalProperty === property)).toBe(true);
  });
});
