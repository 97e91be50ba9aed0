/**
 * The dbt and profitability part of the REST contract of `/api/lakehouse`: models, runs
 * and source freshness read from the artifacts each gold build keeps, and the
 * `gold.product_profitability` mart. Described by the OpenAPI document next to the
 * backend like the rest of api.ts.
 *
 * Conventions as in api.ts; in addition, money is an exact decimal string with the
 * table's scale (`"1234.50"`): sums exceed what a double holds exactly.
 */

/** A dbt test's outcome in one run (`error`: the test query itself failed). @public */
export type DbtTestStatus = 'pass' | 'warn' | 'fail' | 'error' | 'skipped';

/** @public */
export const DBT_TEST_STATUSES: readonly DbtTestStatus[] = [
  'pass',
  'warn',
  'fail',
  'error',
  'skipped',
];

/**
 * How a model's tests stand, each test by its latest status: `failed` counts `fail`
 * and `error`; `notRun` counts tests only ever skipped, or not run in any kept run.
 *
 * @public
 */
export interface DbtTestCounts {
  total: number;
  passed: number;
  failed: number;
  warned: number;
  notRun: number;
}

/** @public */
export interface DbtModelSummary {
  /** e.g. `model.medallion.fct_purchases` */
  uniqueId: string;
  /** e.g. `fct_purchases` */
  name: string;
  description: string | null;
  /** dbt's `materialized` config, e.g. `external`, `view`, `table`. */
  materialization: string;
  schema: string;
  /** The relation dbt builds, e.g. `"medallion"."gold"."fct_purchases"`. */
  relationName: string | null;
  /**
   * The lakehouse table the gold job publishes the model into (`gold.fct_purchases`);
   * null for the models that stay inside dbt (the staging view). On Athena and Trino dbt
   * builds in `gold_staging`, so this differs from `schema`.
   */
  table: string | null;
  /** Columns documented in the project. */
  columnCount: number;
  tests: DbtTestCounts;
}

/** Response of `GET /dbt/models`. @public */
export interface DbtModelsResponse {
  /** The run whose manifest describes the models; null before any gold build. */
  runId: string | null;
  /** When that manifest was written. */
  generatedAt: string | null;
  models: DbtModelSummary[];
}

/** A test with its latest status over the kept runs. @public */
export interface DbtTestLatest {
  uniqueId: string;
  /** e.g. `unique_fct_purchases_event_id` */
  name: string;
  /** The column it tests; null for model-level tests. */
  column: string | null;
  /** The latest status other than `skipped` if any, else `skipped`; null if never run. */
  status: DbtTestStatus | null;
  /** Failing rows the test query returned, when dbt reports them. */
  failures: number | null;
  /** The run `status` is from. */
  runId: string | null;
  message: string | null;
}

/** @public */
export interface DbtColumn {
  name: string;
  description: string | null;
  /** The warehouse type from catalog.json (`dbt docs generate`), when known. */
  type: string | null;
  tests: DbtTestLatest[];
}

/** A node of dbt's graph next to a model. @public */
export interface DbtNodeRef {
  uniqueId: string;
  /** Models by name; sources as `source.table`, e.g. `silver.purchases`. */
  name: string;
  /** dbt's resource type: `model`, `source`, `seed`, `snapshot`, ... */
  resourceType: string;
}

/** One run's results of a model's tests. @public */
export interface DbtTestRun {
  runId: string;
  startedAt: string | null;
  /** The whole build's outcome (see {@link DbtRunSummary.status}). */
  status: DbtRunStatus;
  tests: Array<{
    uniqueId: string;
    name: string;
    status: DbtTestStatus;
    failures: number | null;
  }>;
}

/** Response of `GET /dbt/models/{model}`. @public */
export interface DbtModelDetail extends DbtModelSummary {
  /** The run whose manifest describes the model. */
  runId: string;
  /** The model's file in the dbt project, e.g. `models/marts/fct_purchases.sql`. */
  path: string;
  columns: DbtColumn[];
  /** Tests on the model as a whole (not on one column). */
  modelTests: DbtTestLatest[];
  rawSql: string;
  /** The SQL dbt ran, from the newest run that compiled the model; null if none did. */
  compiledSql: string | null;
  compiledRunId: string | null;
  /** Upstream nodes (models, sources). */
  parents: DbtNodeRef[];
  /** Downstream nodes other than tests (the tests are listed above). */
  children: DbtNodeRef[];
  /** The model's test results per kept run, newest first (at most 20 runs). */
  testHistory: DbtTestRun[];
}

/** `success`: every model built and every test passed (or was skipped). @public */
export type DbtRunStatus = 'success' | 'failed';

/** @public */
export interface DbtRunSummary {
  /** The gold job run's id (the folder of its artifacts). */
  runId: string;
  /** dbt build's start and end (run_results.json metadata). */
  startedAt: string | null;
  finishedAt: string | null;
  elapsedSeconds: number | null;
  status: DbtRunStatus;
  /** Models built successfully, by name. */
  modelsBuilt: string[];
  /** Models that errored or were skipped, by name. */
  modelsNotBuilt: string[];
  testsPassed: number;
  /** Tests with status fail, error or warn. */
  testsFailed: number;
  testsSkipped: number;
  failedTests: Array<{
    name: string;
    status: DbtTestStatus;
    failures: number | null;
    message: string | null;
  }>;
}

/** Response of `GET /dbt/runs`. @public */
export interface DbtRunsResponse {
  runs: DbtRunSummary[];
}

/** @public */
export type DbtFreshnessStatus = 'pass' | 'warn' | 'error' | 'runtime error';

/** @public */
export interface DbtFreshnessCriterion {
  count: number;
  /** `minute`, `hour` or `day`. */
  period: string;
}

/** @public */
export interface DbtSourceFreshness {
  /** `source.table`, e.g. `silver.purchases`. */
  source: string;
  uniqueId: string;
  status: DbtFreshnessStatus;
  /** The newest `loaded_at_field` value. */
  maxLoadedAt: string | null;
  /** When dbt measured it. */
  snapshottedAt: string | null;
  /** maxLoadedAt's age at snapshottedAt. */
  ageSeconds: number | null;
  warnAfter: DbtFreshnessCriterion | null;
  errorAfter: DbtFreshnessCriterion | null;
  /** dbt's message for a runtime error. */
  message: string | null;
}

/** Response of `GET /dbt/freshness`. @public */
export interface DbtFreshnessResponse {
  /** The run whose sources.json this is; null before any freshness check. */
  runId: string | null;
  generatedAt: string | null;
  sources: DbtSourceFreshness[];
}

/** One row of `gold.product_profitability`. @public */
export interface ProfitabilityRow {
  productId: string;
  category: string | null;
  membership: string;
  /** ISO 4217 currency of revenue, cost and margin. */
  currency: string;
  /** Exact decimal strings, e.g. `"246.14"`. */
  revenue: string;
  cost: string;
  margin: string;
  units: number;
  orders: number;
  /** margin / revenue; null when revenue is 0. */
  marginRate: number | null;
}

/** Response of `GET /metrics/profitability`. @public */
export interface ProfitabilityResponse {
  /** Always `gold.product_profitability`. */
  table: string;
  /** The gold snapshot read; null before the first gold build committed. */
  snapshotId: string | null;
  committedAt: string | null;
  /** Every category and currency in the snapshot (before filtering), sorted. */
  categories: string[];
  currencies: string[];
  /** The filtered rows, by currency, then revenue (highest first). */
  rows: ProfitabilityRow[];
}
