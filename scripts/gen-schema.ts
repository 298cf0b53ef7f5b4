// Writes scenarios/schema.json from the zod schemas (npm run schema). A unit test fails when the
// committed file is out of date, so run this after changing a schema or adding a kind or plugin.
import { writeFile } from 'node:fs/promises';
import { SCHEMA_FILE, renderJsonSchema } from '../src/scenario/json-schema.js';

await writeFile(SCHEMA_FILE, renderJsonSchema());
console.log(`wrote ${SCHEMA_FILE}`);
