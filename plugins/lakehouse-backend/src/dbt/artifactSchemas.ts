/**
 * The parts of dbt's artifacts the API reads, validated with zod: they come from
 * another program and a dbt upgrade may change them. `z.object` drops the fields we do
 * not read (a manifest is mostly macros), so what stays cached is small; missing
 * optional fields default to null rather than failing the whole file.
 */
import { z } from 'zod';

// Missing, null or of another type: null.
const text = z
  .string()
  .nullish()
  .catch(null)
  .transform(v => v ?? null);
const optionalNumber = z
  .number()
  .nullish()
  .catch(null)
  .transform(v => v ?? null);

const metadataSchema = z.object({
  generated_at: text,
  invocation_started_at: text,
});

const columnSchema = z.object({
  name: z.string(),
  description: text,
});

const nodeSchema = z.object({
  unique_id: z.string(),
  name: z.string(),
  resource_type: z.string(),
  description: text,
  schema: text,
  relation_name: text,
  original_file_path: text,
  raw_code: text,
  compiled_code: text,
  column_name: text,
  attached_node: text,
  config: z
    .object({ materialized: text })
    .nullish()
    .transform(c => c ?? { materialized: null }),
  columns: z
    .record(z.string(), columnSchema)
    .nullish()
    .transform(c => c ?? {}),
  depends_on: z
    .object({ nodes: z.array(z.string()).nullish() })
    .nullish()
    .transform(d => d?.nodes ?? []),
});

const sourceSchema = z.object({
  unique_id: z.string(),
  name: z.string(),
  source_name: z.string(),
  resource_type: z.string().catch('source'),
});

const graphMap = z
  .record(z.string(), z.array(z.string()))
  .nullish()
  .transform(m => m ?? {});

export const manifestSchema = z.object({
  metadata: metadataSchema,
  nodes: z.record(z.string(), nodeSchema),
  sources: z
    .record(z.string(), sourceSchema)
    .nullish()
    .transform(s => s ?? {}),
  parent_map: graphMap,
  child_map: graphMap,
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestNode = z.infer<typeof nodeSchema>;

const timingSchema = z.object({
  name: z.string(),
  started_at: text,
  completed_at: text,
});

export const runResultsSchema = z.object({
  metadata: metadataSchema,
  elapsed_time: optionalNumber,
  results: z.array(
    z.object({
      unique_id: z.string(),
      status: z.string(),
      failures: optionalNumber,
      message: text,
      compiled_code: text,
      timing: z
        .array(timingSchema)
        .nullish()
        .transform(t => t ?? []),
    }),
  ),
});
export type RunResults = z.infer<typeof runResultsSchema>;

export const catalogSchema = z.object({
  metadata: metadataSchema,
  nodes: z.record(
    z.string(),
    z.object({
      columns: z.record(z.string(), z.object({ name: z.string(), type: text })),
    }),
  ),
});
export type DbtCatalog = z.infer<typeof catalogSchema>;

const criterionSchema = z
  .object({ count: z.number().nullish(), period: z.string().nullish() })
  .nullish()
  .catch(null)
  .transform(c =>
    c && typeof c.count === 'number' && c.period
      ? { count: c.count, period: c.period }
      : null,
  );

export const sourcesSchema = z.object({
  metadata: metadataSchema,
  results: z.array(
    z.object({
      unique_id: z.string(),
      status: z.string(),
      max_loaded_at: text,
      snapshotted_at: text,
      max_loaded_at_time_ago_in_s: optionalNumber,
      message: text,
      error: text,
      criteria: z
        .object({ warn_after: criterionSchema, error_after: criterionSchema })
        .nullish()
        .catch(null),
    }),
  ),
});
export type SourcesArtifact = z.infer<typeof sourcesSchema>;

/** The four artifacts a gold run keeps, by file name. */
export const ARTIFACT_SCHEMAS = {
  'manifest.json': manifestSchema,
  'run_results.json': runResultsSchema,
  'catalog.json': catalogSchema,
  'sources.json': sourcesSchema,
} as const;
export type ArtifactName = keyof typeof ARTIFACT_SCHEMAS;
export type Artifact<N extends ArtifactName> = z.infer<
  (typeof ARTIFACT_SCHEMAS)[N]
>;
