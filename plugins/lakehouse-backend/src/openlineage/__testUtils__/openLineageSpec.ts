/**
 * The official OpenLineage JSON Schemas (fetched by `scripts/openlineage-spec.sh` into a
 * cache) compiled with ajv, and a validator for whole events including every facet.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ICEBERG_SNAPSHOT_FACET_SCHEMA } from '../facets';

export const SPEC_DIR_ENV = 'MEDALLION_OPENLINEAGE_SPEC_DIR';

/** The spec directory; a missing one fails the test (never skips it). */
export function openLineageSpecDir(): string {
  const dir = process.env[SPEC_DIR_ENV];
  if (!dir) {
    throw new Error(
      `${SPEC_DIR_ENV} is not set: run the suite with \`npm test\` (it fetches the OpenLineage schemas), or run \`export ${SPEC_DIR_ENV}="$(bash scripts/openlineage-spec.sh | tail -n 1)"\``,
    );
  }
  return dir;
}

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8'));

export const CORE_SCHEMA_ID =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json';

export interface SpecValidator {
  /** Problems of an event against OpenLineage.json and each of its facets' schemas. */
  problems(event: unknown): string[];
  /** `$id`s of the schemas loaded (core, official facets, our custom facet). */
  schemaIds: string[];
}

const formatErrors = (
  where: string,
  errors: ErrorObject[] | null | undefined,
) =>
  (errors ?? []).map(
    e => `${where}${e.instancePath || ''} ${e.message ?? ''} (${e.schemaPath})`,
  );

export function loadSpecValidator(): SpecValidator {
  const dir = openLineageSpecDir();
  // Strict, except strictRequired: the spec's `not: { required: [...] }` (a DatasetEvent
  // has no job) names properties it does not define, which is valid JSON Schema.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
  });
  // The spec annotates properties with `example`, which JSON Schema does not define.
  ajv.addKeyword('example');
  addFormats(ajv);
  const schemas = [
    readJson(join(dir, 'OpenLineage.json')),
    ...readdirSync(join(dir, 'facets'))
      .filter(f => f.endsWith('.json'))
      .sort()
      .map(f => readJson(join(dir, 'facets', f))),
    ICEBERG_SNAPSHOT_FACET_SCHEMA as unknown as Record<string, unknown>,
  ];
  for (const schema of schemas) ajv.addSchema(schema);
  const schemaIds = schemas.map(s => String(s.$id));
  if (!schemaIds.includes(CORE_SCHEMA_ID)) {
    throw new Error(
      `${dir}/OpenLineage.json is not spec 2-0-2 (its $id: ${schemaIds[0]})`,
    );
  }

  const validateFacets = (
    where: string,
    facets: unknown,
    out: string[],
  ): void => {
    if (facets === undefined) return;
    if (typeof facets !== 'object' || facets === null) {
      out.push(`${where} is not an object`);
      return;
    }
    for (const [key, facet] of Object.entries(facets)) {
      const url = (facet as { _schemaURL?: unknown })?._schemaURL;
      if (typeof url !== 'string') {
        out.push(`${where}.${key} has no _schemaURL`);
        continue;
      }
      const [id, pointer] = url.split('#');
      const root = ajv.getSchema(id!);
      if (!root) {
        out.push(`${where}.${key}: no schema loaded for ${url}`);
        continue;
      }
      // The facet's key must be the one its schema defines, else the root check is empty.
      const props = (root.schema as { properties?: Record<string, unknown> })
        .properties;
      if (!props || !(key in props)) {
        out.push(`${where}.${key}: ${id} defines no facet named "${key}"`);
        continue;
      }
      if (!root({ [key]: facet })) {
        out.push(...formatErrors(`${where}.${key}`, root.errors));
      }
      const def = pointer ? ajv.getSchema(url) : undefined;
      if (pointer && !def)
        out.push(`${where}.${key}: ${url} resolves to nothing`);
      if (def && !def(facet)) {
        out.push(...formatErrors(`${where}.${key}`, def.errors));
      }
    }
  };

  return {
    schemaIds,
    problems(event) {
      const out: string[] = [];
      const core = ajv.getSchema(CORE_SCHEMA_ID)!;
      if (!core(event)) out.push(...formatErrors('event', core.errors));
      const runEvent = ajv.getSchema(`${CORE_SCHEMA_ID}#/$defs/RunEvent`)!;
      if (!runEvent(event))
        out.push(...formatErrors('RunEvent', runEvent.errors));
      const e = event as {
        job?: { facets?: unknown };
        run?: { facets?: unknown };
        inputs?: Array<{ facets?: unknown; inputFacets?: unknown }>;
        outputs?: Array<{ facets?: unknown; outputFacets?: unknown }>;
      };
      validateFacets('job.facets', e.job?.facets, out);
      validateFacets('run.facets', e.run?.facets, out);
      (e.inputs ?? []).forEach((d, i) => {
        validateFacets(`inputs[${i}].facets`, d.facets, out);
        validateFacets(`inputs[${i}].inputFacets`, d.inputFacets, out);
      });
      (e.outputs ?? []).forEach((d, i) => {
        validateFacets(`outputs[${i}].facets`, d.facets, out);
        validateFacets(`outputs[${i}].outputFacets`, d.outputFacets, out);
      });
      return out;
    },
  };
}
