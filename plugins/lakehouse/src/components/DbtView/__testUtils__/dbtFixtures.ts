/**
 * Realistic dbt responses for the dbt view's tests, shaped like the backend's OpenAPI
 * examples: the medallion project's staging and mart models after a few gold runs,
 * the newest of which failed a uniqueness test.
 */
import type {
  DbtFreshnessResponse,
  DbtModelDetail,
  DbtModelsResponse,
  DbtModelSummary,
  DbtRunsResponse,
} from '@medallion/plugin-lakehouse-common';

export const FAILED_RUN = '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f';
export const PASSED_RUN = '0b6a2f5e-3c1d-4e8f-9a7b-5d4c3b2a1f0e';
export const OLDER_RUN = '7c9d1e2f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

const fctPurchases: DbtModelSummary = {
  uniqueId: 'model.medallion.fct_purchases',
  name: 'fct_purchases',
  description: 'One row per purchase.',
  materialization: 'external',
  schema: 'gold',
  relationName: '"medallion"."gold"."fct_purchases"',
  table: 'gold.fct_purchases',
  columnCount: 20,
  tests: { total: 15, passed: 13, failed: 1, warned: 1, notRun: 0 },
};

export const dbtModels: DbtModelsResponse = {
  runId: FAILED_RUN,
  generatedAt: '2026-01-31T10:00:05.120Z',
  models: [
    {
      uniqueId: 'model.medallion.stg_purchases',
      name: 'stg_purchases',
      description: 'Silver purchases, renamed and typed for the marts.',
      materialization: 'view',
      schema: 'staging',
      relationName: '"medallion"."staging"."stg_purchases"',
      table: null,
      columnCount: 18,
      tests: { total: 4, passed: 4, failed: 0, warned: 0, notRun: 0 },
    },
    fctPurchases,
    {
      uniqueId: 'model.medallion.product_profitability',
      name: 'product_profitability',
      description:
        'Revenue, cost and margin per product, membership and currency.',
      materialization: 'external',
      schema: 'gold',
      relationName: '"medallion"."gold"."product_profitability"',
      table: 'gold.product_profitability',
      columnCount: 10,
      tests: { total: 3, passed: 0, failed: 0, warned: 0, notRun: 3 },
    },
    {
      uniqueId: 'model.medallion.int_orders',
      name: 'int_orders',
      description: null,
      materialization: 'ephemeral',
      schema: 'staging',
      relationName: null,
      table: null,
      columnCount: 0,
      tests: { total: 0, passed: 0, failed: 0, warned: 0, notRun: 0 },
    },
  ],
};

export const noDbtModels: DbtModelsResponse = {
  runId: null,
  generatedAt: null,
  models: [],
};

const UNIQUE = 'test.medallion.unique_fct_purchases_event_id.e621b33da4';
const NOT_NULL = 'test.medallion.not_null_fct_purchases_event_id.5c8e7a3ab6';
const ACCEPTED =
  'test.medallion.accepted_values_fct_purchases_membership.1f2e3d4c5b';
const COMBINATION =
  'test.medallion.unique_combination_of_columns_fct_purchases.3d8981df29';

export const fctPurchasesDetail: DbtModelDetail = {
  ...fctPurchases,
  runId: FAILED_RUN,
  path: 'models/marts/fct_purchases.sql',
  columns: [
    {
      name: 'event_id',
      description: 'Unique purchase event id; the primary key.',
      type: 'VARCHAR',
      tests: [
        {
          uniqueId: UNIQUE,
          name: 'unique_fct_purchases_event_id',
          column: 'event_id',
          status: 'fail',
          failures: 1,
          runId: FAILED_RUN,
          message: 'Got 1 result, configured to fail if != 0',
        },
        {
          uniqueId: NOT_NULL,
          name: 'not_null_fct_purchases_event_id',
          column: 'event_id',
          status: 'pass',
          failures: 0,
          runId: PASSED_RUN,
          message: null,
        },
      ],
    },
    {
      name: 'membership',
      description: 'member or non_member.',
      type: 'VARCHAR',
      tests: [
        {
          uniqueId: ACCEPTED,
          name: 'accepted_values_fct_purchases_membership',
          column: 'membership',
          status: 'warn',
          failures: 3,
          runId: FAILED_RUN,
          message: 'Got 3 results, configured to warn if != 0',
        },
      ],
    },
    { name: 'loaded_by', description: null, type: null, tests: [] },
  ],
  modelTests: [
    {
      uniqueId: COMBINATION,
      name: 'unique_combination_of_columns_fct_purchases',
      column: null,
      status: null,
      failures: null,
      runId: null,
      message: null,
    },
  ],
  rawSql: "select *\nfrom {{ ref('stg_purchases') }}\nwhere amount > 0",
  compiledSql:
    'select *\nfrom "medallion"."staging"."stg_purchases"\nwhere amount > 0',
  compiledRunId: PASSED_RUN,
  parents: [
    {
      uniqueId: 'model.medallion.stg_purchases',
      name: 'stg_purchases',
      resourceType: 'model',
    },
    {
      uniqueId: 'source.medallion.silver.purchases',
      name: 'silver.purchases',
      resourceType: 'source',
    },
  ],
  children: [
    {
      uniqueId: 'model.medallion.product_profitability',
      name: 'product_profitability',
      resourceType: 'model',
    },
  ],
  testHistory: [
    {
      runId: FAILED_RUN,
      startedAt: '2026-01-31T10:00:00.250Z',
      status: 'failed',
      tests: [
        {
          uniqueId: UNIQUE,
          name: 'unique_fct_purchases_event_id',
          status: 'fail',
          failures: 1,
        },
        {
          uniqueId: NOT_NULL,
          name: 'not_null_fct_purchases_event_id',
          status: 'skipped',
          failures: null,
        },
        {
          uniqueId: ACCEPTED,
          name: 'accepted_values_fct_purchases_membership',
          status: 'warn',
          failures: 3,
        },
      ],
    },
    {
      runId: PASSED_RUN,
      startedAt: '2026-01-31T09:50:00.180Z',
      status: 'success',
      tests: [
        {
          uniqueId: UNIQUE,
          name: 'unique_fct_purchases_event_id',
          status: 'pass',
          failures: 0,
        },
        {
          uniqueId: NOT_NULL,
          name: 'not_null_fct_purchases_event_id',
          status: 'pass',
          failures: 0,
        },
      ],
    },
  ],
};

export const dbtRuns: DbtRunsResponse = {
  runs: [
    {
      runId: FAILED_RUN,
      startedAt: '2026-01-31T10:00:00.250Z',
      finishedAt: '2026-01-31T10:00:02.000Z',
      elapsedSeconds: 1.75,
      status: 'failed',
      modelsBuilt: ['stg_purchases', 'fct_purchases'],
      modelsNotBuilt: ['product_profitability'],
      testsPassed: 16,
      testsFailed: 2,
      testsSkipped: 3,
      failedTests: [
        {
          name: 'unique_fct_purchases_event_id',
          status: 'fail',
          failures: 1,
          message: 'Got 1 result, configured to fail if != 0',
        },
        {
          name: 'accepted_values_fct_purchases_membership',
          status: 'warn',
          failures: 3,
          message: 'Got 3 results, configured to warn if != 0',
        },
      ],
    },
    {
      runId: PASSED_RUN,
      startedAt: '2026-01-31T09:50:00.180Z',
      finishedAt: '2026-01-31T09:50:04.300Z',
      elapsedSeconds: 4.12,
      status: 'success',
      modelsBuilt: ['stg_purchases', 'fct_purchases', 'product_profitability'],
      modelsNotBuilt: [],
      testsPassed: 22,
      testsFailed: 0,
      testsSkipped: 0,
      failedTests: [],
    },
  ],
};

export const dbtFreshness: DbtFreshnessResponse = {
  runId: PASSED_RUN,
  generatedAt: '2026-01-31T09:50:06.000Z',
  sources: [
    {
      source: 'silver.purchases',
      uniqueId: 'source.medallion.silver.purchases',
      status: 'pass',
      maxLoadedAt: '2026-01-31T09:49:58.000Z',
      snapshottedAt: '2026-01-31T09:50:05.000Z',
      ageSeconds: 7,
      warnAfter: { count: 1, period: 'hour' },
      errorAfter: { count: 24, period: 'hour' },
      message: null,
    },
    {
      source: 'silver.purchases_rejected',
      uniqueId: 'source.medallion.silver.purchases_rejected',
      status: 'runtime error',
      maxLoadedAt: null,
      snapshottedAt: null,
      ageSeconds: null,
      warnAfter: null,
      errorAfter: null,
      message: 'table silver.purchases_rejected does not exist',
    },
  ],
};

export const noDbtFreshness: DbtFreshnessResponse = {
  runId: null,
  generatedAt: null,
  sources: [],
};
