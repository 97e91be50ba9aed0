/** Regenerates pipeline/schemas/*.json from the zod contracts: npm run schemas -w pipeline. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES, renderJsonSchema } from './jsonSchema';

// Run from the package directory (npm run schemas -w pipeline), never from a build.
const dir = join(process.cwd(), 'schemas');
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(JSON_SCHEMA_FILES) as Array<
  keyof typeof JSON_SCHEMA_FILES
>) {
  writeFileSync(join(dir, name), renderJsonSchema(name));
  process.stdout.write(`wrote schemas/${name}\n`);
}
