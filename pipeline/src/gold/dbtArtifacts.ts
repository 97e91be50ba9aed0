/**
 * The parts of dbt's artifacts (run_results.json, sources.json) and of
 * dbt/scripts/commit_gold.py's output that the gold runner reads, validated with zod:
 * they come from another program, and a dbt upgrade may change them.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const runResultSchema = z.object({
  unique_id: z.string(),
  status: z.string(),
  failures: z.number().nullable().optional(),
  message: z.string().nullable().optional(),
});

const runResultsSchema = z.object({
  results: z.array(runResultSchema),
});

const freshnessResultSchema = z.object({
  unique_id: z.string(),
  status: z.string(),
  max_loaded_at: z.string().nullable().optional(),
  max_loaded_at_time_ago_in_s: z.number().nullable().optional(),
  message: z.string().nullable().optional(),
});

const sourcesSchema = z.object({ results: z.array(freshnessResultSchema) });

export const commitOutputSchema = z.object({
  namespace: z.string(),
  tables: z.record(
    z.string(),
    z.object({
      snapshot_id: z.string().nullable(),
      rows: z.number().int(),
      created: z.boolean(),
      schema_changed: z.boolean(),
    }),
  ),
});
export type CommitOutput = z.infer<typeof commitOutputSchema>;

export interface TestResult {
  /** dbt's test name, e.g. unique_fct_purchases_event_id. */
  name: string;
  uniqueId: string;
  status: string;
  /** Rows the test query returned (failing rows), when dbt reports it. */
  failures: number | null;
  message: string | null;
}

export interface BuildResults {
  /** Models dbt built successfully. */
  models: string[];
  /** Models that errored or were skipped. */
  modelsNotBuilt: Array<{
    name: string;
    status: string;
    message: string | null;
  }>;
  testsPassed: TestResult[];
  /** Tests with status fail, error, or (for warn severity) warn. */
  testsFailed: TestResult[];
  testsSkipped: TestResult[];
}

export interface SourceFreshness {
  /** source.table, e.g. silver.purchases. */
  source: string;
  /** pass, warn, error or runtime error. */
  status: string;
  maxLoadedAt: string | null;
  ageSeconds: number | null;
}

/** `test.medallion.unique_fct_purchases_event_id.abc123` → `unique_fct_purchases_event_id`. */
const nodeName = (uniqueId: string) => uniqueId.split('.')[2] ?? uniqueId;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function readBuildResults(path: string): BuildResults {
  const { results } = runResultsSchema.parse(readJson(path));
  const out: BuildResults = {
    models: [],
    modelsNotBuilt: [],
    testsPassed: [],
    testsFailed: [],
    testsSkipped: [],
  };
  for (const r of results) {
    const name = nodeName(r.unique_id);
    if (r.unique_id.startsWith('model.')) {
      if (r.status === 'success') out.models.push(name);
      else
        out.modelsNotBuilt.push({
          name,
          status: r.status,
          message: r.message ?? null,
        });
    } else if (r.unique_id.startsWith('test.')) {
      const test: TestResult = {
        name,
        uniqueId: r.unique_id,
        status: r.status,
        failures: r.failures ?? null,
        message: r.message ?? null,
      };
      if (r.status === 'pass') out.testsPassed.push(test);
      else if (r.status === 'skipped') out.testsSkipped.push(test);
      else out.testsFailed.push(test);
    }
  }
  return out;
}

export function readFreshness(path: string): SourceFreshness[] {
  const { results } = sourcesSchema.parse(readJson(path));
  return results.map(r => ({
    source: r.unique_id.split('.').slice(2).join('.'),
    status: r.status,
    maxLoadedAt: r.max_loaded_at ?? null,
    ageSeconds: r.max_loaded_at_time_ago_in_s ?? null,
  }));
}
