/**
 * Fully populated examples of every response type of `/api/lakehouse`, typed with the
 * shared API types: a field added to or renamed in api.ts either breaks compilation here or
 * is rejected by the document's closed objects. Nulls and non-nulls of every nullable field
 * appear across the examples. Router tests may reuse them as fixtures.
 */
import type {
  AnomaliesPage,
  AnomalyDetail,
  AnomalyFeature,
  AnomalyLabel,
  AnomalyModelResponse,
  AnomalyModelSummary,
  AnomalyStats,
  ModelFeatureInfo,
  ModelMetrics,
  PatternQuality,
  ScoredPurchase,
  ScoreHistogramBin,
  DbtColumn,
  DbtFreshnessResponse,
  DbtModelDetail,
  DbtModelsResponse,
  DbtModelSummary,
  DbtNodeRef,
  DbtRunSummary,
  DbtRunsResponse,
  DbtSourceFreshness,
  DbtTestLatest,
  DbtTestRun,
  ErrorResponse,
  FreshnessResponse,
  JobInfo,
  JobParameter,
  JobRun,
  JobSchedule,
  JobsResponse,
  LakehouseHealth,
  ProfitabilityResponse,
  ProfitabilityRow,
  LineageEdge,
  LineageGraph,
  LineageNode,
  PartitionField,
  PipelineMetrics,
  RunOutput,
  RunProgress,
  RunSnapshotOutput,
  RunsPage,
  SchemaChange,
  SchemaVersion,
  SnapshotInfo,
  SnapshotsPage,
  TableDetail,
  TableField,
  TableFreshness,
  TablePreview,
  TablesResponse,
  TableSummary,
  TriggerRunRequest,
  TriggerRunResponse,
} from '@medallion/plugin-lakehouse-common';

export const health: LakehouseHealth = { status: 'ok', version: '0.1.0' };

export const progressKnown: RunProgress = {
  message: 'bronze snapshot 12 of 40',
  fraction: 0.3,
  counters: { accepted: 1200, rejected: 3 },
  updatedAt: '2026-01-31T09:30:00.000Z',
};

export const progressUnknown: RunProgress = {
  message: 'waiting for the first batch',
  fraction: null,
  counters: {},
  updatedAt: '2026-01-31T09:00:01Z',
};

export const snapshotOutput: RunSnapshotOutput = {
  table: 'silver.purchases',
  snapshotId: '8744836321453125831',
};

export const outputWithSummary: RunOutput = {
  rows: { accepted: 1200, rejected: 3 },
  snapshots: [
    snapshotOutput,
    { table: 'silver.purchases_rejected', snapshotId: '-42' },
  ],
  summary: 'committed 2 snapshots',
};

export const outputWithoutSummary: RunOutput = {
  rows: {},
  snapshots: [],
  summary: null,
};

export const runningRun: JobRun = {
  runId: '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
  job: 'bronze',
  trigger: 'startup',
  triggeredBy: null,
  idempotencyKey: null,
  params: {},
  status: 'running',
  createdAt: '2026-01-31T09:00:00.000Z',
  startedAt: '2026-01-31T09:00:00.250Z',
  finishedAt: null,
  durationMs: 1_800_000,
  progress: progressKnown,
  output: null,
  error: null,
  cancelRequested: false,
};

export const queuedRun: JobRun = {
  runId: '6f1c3a52-8d4e-4b7a-9f0e-2a6b1c9d8e7f',
  job: 'producer',
  trigger: 'service',
  triggeredBy: 'external:airflow',
  idempotencyKey: 'airflow-daily-2026-01-31',
  params: { limit: 1000, topics: ['purchases'], dryRun: false, note: null },
  status: 'queued',
  createdAt: '2026-01-31T10:00:00Z',
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  progress: progressUnknown,
  output: null,
  error: null,
  cancelRequested: false,
};

export const succeededRun: JobRun = {
  runId: '0b6a2f5e-3c1d-4e8f-9a7b-5d4c3b2a1f0e',
  job: 'silver',
  trigger: 'schedule',
  triggeredBy: null,
  idempotencyKey: null,
  params: {},
  status: 'succeeded',
  createdAt: '2026-01-31T08:00:00.000Z',
  startedAt: '2026-01-31T08:00:00.120Z',
  finishedAt: '2026-01-31T08:00:04.870Z',
  durationMs: 4750,
  progress: null,
  output: outputWithSummary,
  error: null,
  cancelRequested: false,
};

export const cancelledRun: JobRun = {
  runId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  job: 'maintenance',
  trigger: 'user',
  triggeredBy: 'user:default/ada',
  idempotencyKey: 'ui-7',
  params: { expireOlderThanDays: 7 },
  status: 'cancelled',
  createdAt: '2026-01-30T22:00:00.000Z',
  startedAt: '2026-01-30T22:00:01.000Z',
  finishedAt: '2026-01-30T22:05:00.000Z',
  durationMs: 299_000,
  progress: progressKnown,
  output: outputWithoutSummary,
  error: 'cancelled by user:default/ada',
  cancelRequested: true,
};

export const failedRun: JobRun = {
  ...succeededRun,
  runId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  job: 'gold',
  status: 'failed',
  output: null,
  error: 'dbt build failed: 2 models errored',
};

export const runsPage: RunsPage = {
  items: [queuedRun, runningRun, succeededRun, cancelledRun, failedRun],
  nextCursor: 'eyJiZWZvcmUiOiIyMDI2LTAxLTMwVDIyOjAwOjAwWiJ9',
};

export const lastRunsPage: RunsPage = { items: [], nextCursor: null };

export const triggered: TriggerRunResponse = {
  runId: queuedRun.runId,
  status: 'queued',
  existing: false,
};

export const triggeredAgain: TriggerRunResponse = {
  runId: runningRun.runId,
  status: 'running',
  existing: true,
};

export const fullTriggerRequest: Required<TriggerRunRequest> = {
  params: { limit: 1000, topics: ['purchases'] },
  idempotencyKey: 'x'.repeat(200),
};

export const emptyTriggerRequest: TriggerRunRequest = {};

export const enumParameter: Required<JobParameter> = {
  name: 'mode',
  type: 'string',
  description: 'How much to rebuild.',
  default: 'incremental',
  enum: ['incremental', 'full'],
};

export const parameters: JobParameter[] = [
  enumParameter,
  {
    name: 'limit',
    type: 'integer',
    description: 'Events to produce.',
    default: 1000,
  },
  { name: 'rate', type: 'number', description: 'Per second.', default: 2.5 },
  {
    name: 'dryRun',
    type: 'boolean',
    description: 'Only plan.',
    default: false,
  },
  { name: 'topics', type: 'string[]', description: 'Topics.', default: null },
];

export const schedule: JobSchedule = { frequency: 'PT10S', scope: 'global' };

export const bronzeJob: JobInfo = {
  name: 'bronze',
  title: 'Bronze ingestion',
  description: 'Kafka to bronze.purchases_raw, exactly once.',
  kind: 'long-running',
  enabled: true,
  disabledReason: null,
  schedule: null,
  parameters: [],
  activeRun: runningRun,
  lastRun: cancelledRun,
};

export const silverJob: JobInfo = {
  name: 'silver',
  title: 'Silver processing',
  description: 'Validates and deduplicates bronze into silver.',
  kind: 'scheduled',
  enabled: true,
  disabledReason: null,
  schedule,
  parameters,
  activeRun: null,
  lastRun: succeededRun,
};

export const scoringJob: JobInfo = {
  name: 'scoring',
  title: 'Anomaly scoring',
  description: 'Scores purchases with the Isolation Forest.',
  kind: 'on-demand',
  enabled: false,
  disabledReason: 'arrives with a later release',
  schedule: { frequency: '0 3 * * *', scope: 'local' },
  parameters: [],
  activeRun: null,
  lastRun: null,
};

export const jobs: JobsResponse = { jobs: [bronzeJob, silverJob, scoringJob] };

export const purchasesSummary: TableSummary = {
  id: 'silver.purchases',
  namespace: 'silver',
  name: 'purchases',
  layer: 'silver',
  description: 'Validated, deduplicated purchases.',
  location: 'file:///tmp/warehouse/silver/purchases',
  formatVersion: 2,
  currentSnapshotId: '8744836321453125831',
  rows: 120_000,
  files: 12,
  sizeBytes: 9_876_543,
  snapshots: 40,
  lastCommitAt: '2026-01-31T09:59:50.000Z',
  lastOperation: 'append',
};

export const emptySummary: TableSummary = {
  id: 'gold.fct_purchases',
  namespace: 'gold',
  name: 'fct_purchases',
  layer: 'gold',
  description: null,
  location: 'file:///tmp/warehouse/gold/fct_purchases',
  formatVersion: 2,
  currentSnapshotId: null,
  rows: 0,
  files: 0,
  sizeBytes: 0,
  snapshots: 0,
  lastCommitAt: null,
  lastOperation: null,
};

export const tables: TablesResponse = {
  tables: [
    purchasesSummary,
    emptySummary,
    {
      ...emptySummary,
      id: 'ops.x',
      namespace: 'ops',
      name: 'x',
      layer: 'other',
    },
    { ...emptySummary, id: 'bronze.raw', namespace: 'bronze', layer: 'bronze' },
  ],
};

export const fields: TableField[] = [
  { id: 1, name: 'event_id', type: 'uuid', required: true, doc: null },
  {
    id: 2,
    name: 'amount',
    type: 'decimal(12, 2)',
    required: true,
    doc: 'In the currency below.',
  },
  {
    id: 3,
    name: 'customer',
    type: 'struct',
    required: false,
    doc: null,
    fields: [
      { id: 4, name: 'id', type: 'long', required: true, doc: null },
      {
        id: 5,
        name: 'address',
        type: 'struct',
        required: false,
        doc: null,
        fields: [
          {
            id: 6,
            name: 'country',
            type: 'string',
            required: false,
            doc: null,
          },
        ],
      },
    ],
  },
  { id: 7, name: 'tags', type: 'list', required: false, doc: null, fields: [] },
];

export const schemaChanges: SchemaChange[] = [
  { kind: 'added', fieldId: 7, name: 'tags', from: null, to: 'list<string>' },
  { kind: 'removed', fieldId: 8, name: 'legacy', from: 'string', to: null },
  { kind: 'renamed', fieldId: 2, name: 'amount', from: 'price', to: 'amount' },
  {
    kind: 'type-changed',
    fieldId: 4,
    name: 'customer.id',
    from: 'int',
    to: 'long',
  },
  {
    kind: 'nullability-changed',
    fieldId: 6,
    name: 'customer.address.country',
    from: 'required',
    to: 'optional',
  },
  {
    kind: 'doc-changed',
    fieldId: 2,
    name: 'amount',
    from: null,
    to: 'In the currency below.',
  },
];

export const firstSchema: SchemaVersion = {
  schemaId: 0,
  fields: fields.slice(0, 2),
  changes: [],
  firstUsedAt: '2026-01-01T00:00:00.000Z',
  current: false,
};

export const currentSchema: SchemaVersion = {
  schemaId: 1,
  fields,
  changes: schemaChanges,
  firstUsedAt: null,
  current: true,
};

export const partitionField: PartitionField = {
  sourceId: 9,
  sourceName: 'event_time',
  fieldId: 1000,
  name: 'event_time_day',
  transform: 'day',
};

export const snapshot: SnapshotInfo = {
  snapshotId: '8744836321453125831',
  parentId: '1234567890123456789',
  sequenceNumber: 40,
  timestamp: '2026-01-31T09:59:50.000Z',
  operation: 'append',
  schemaId: 1,
  summary: { 'added-records': '3000', 'total-records': '120000' },
};

export const firstSnapshot: SnapshotInfo = {
  snapshotId: '1234567890123456789',
  parentId: null,
  sequenceNumber: 1,
  timestamp: '2026-01-01T00:00:00.000Z',
  operation: 'append',
  schemaId: null,
  summary: {},
};

export const purchasesDetail: TableDetail = {
  ...purchasesSummary,
  schema: { schemaId: 1, fields },
  schemaHistory: [firstSchema, currentSchema],
  partitionSpec: { specId: 0, fields: [partitionField] },
  properties: { comment: 'Validated, deduplicated purchases.' },
  currentSnapshot: snapshot,
  metadataLocation:
    'file:///tmp/warehouse/silver/purchases/metadata/00040-5b1c.metadata.json',
};

export const emptyDetail: TableDetail = {
  ...emptySummary,
  schema: { schemaId: 0, fields: [] },
  schemaHistory: [{ ...firstSchema, fields: [], firstUsedAt: null }],
  partitionSpec: { specId: 0, fields: [] },
  properties: {},
  currentSnapshot: null,
  metadataLocation:
    'file:///tmp/warehouse/gold/fct_purchases/metadata/00000-1a2b.metadata.json',
};

export const snapshotsPage: SnapshotsPage = {
  items: [snapshot, firstSnapshot],
  nextCursor: '2',
  total: 40,
};

export const lastSnapshotsPage: SnapshotsPage = {
  items: [],
  nextCursor: null,
  total: 0,
};

export const preview: TablePreview = {
  columns: [
    { name: 'event_id', type: 'uuid' },
    { name: 'amount', type: 'decimal(12, 2)' },
    { name: 'customer', type: 'struct' },
  ],
  rows: [
    {
      event_id: '9b2f0c4e-1d3a-4e5b-8c7d-6f5e4d3c2b1a',
      amount: '12.50',
      customer: { id: '9007199254740993', address: null },
      tags: ['a', 'b'],
    },
  ],
  truncated: true,
  snapshotId: '8744836321453125831',
};

export const emptyPreview: TablePreview = {
  columns: [],
  rows: [],
  truncated: false,
  snapshotId: null,
};

export const freshTable: TableFreshness = {
  table: 'silver.purchases',
  layer: 'silver',
  lastCommitAt: '2026-01-31T09:59:50.000Z',
  ageSeconds: 10.5,
  sla: { warnAfterSeconds: 300, errorAfterSeconds: 900 },
  status: 'fresh',
};

export const freshness: FreshnessResponse = {
  checkedAt: '2026-01-31T10:00:00.500Z',
  tables: [
    freshTable,
    {
      ...freshTable,
      table: 'bronze.purchases_raw',
      layer: 'bronze',
      status: 'warn',
    },
    { ...freshTable, table: 'ops.audit', layer: 'other', status: 'error' },
    {
      table: 'gold.fct_purchases',
      layer: 'gold',
      lastCommitAt: null,
      ageSeconds: null,
      sla: { warnAfterSeconds: 3600, errorAfterSeconds: 86_400 },
      status: 'unknown',
    },
  ],
};

export const topicNode: LineageNode = {
  id: 'dataset:kafka://127.0.0.1:9092/purchases',
  type: 'dataset',
  namespace: 'kafka://127.0.0.1:9092',
  name: 'purchases',
  label: 'purchases',
  layer: 'source',
  table: null,
  exists: true,
};

export const jobNode: LineageNode = {
  id: 'job:medallion/silver',
  type: 'job',
  namespace: 'medallion',
  name: 'silver',
  label: 'silver processor',
  layer: null,
  table: null,
  exists: true,
};

export const silverNode: LineageNode = {
  id: 'dataset:iceberg://lakehouse/silver.purchases',
  type: 'dataset',
  namespace: 'iceberg://lakehouse',
  name: 'silver.purchases',
  label: 'silver.purchases',
  layer: 'silver',
  table: 'silver.purchases',
  exists: true,
};

export const edge: LineageEdge = { from: topicNode.id, to: jobNode.id };

export const lineage: LineageGraph = {
  nodes: [
    topicNode,
    jobNode,
    silverNode,
    { ...silverNode, id: 'dataset:b', layer: 'bronze', table: 'bronze.raw' },
    { ...silverNode, id: 'dataset:g', layer: 'gold', exists: false },
    { ...silverNode, id: 'dataset:a', layer: 'anomalies' },
  ],
  edges: [edge, { from: jobNode.id, to: silverNode.id }],
};

export const metrics: PipelineMetrics = {
  measuredAt: '2026-01-31T10:00:00.000Z',
  windowSeconds: 300,
  throughput: { bronzeEventsPerSecond: 812.5, silverEventsPerSecond: 800 },
  consumerLag: {
    records: 42,
    partitions: [
      { topic: 'purchases', partition: 0, lag: 40 },
      { topic: 'purchases', partition: 1, lag: 2 },
    ],
  },
  commitLatencyMs: { p50: 120.5, p99: 480, samples: 60 },
  rejected: { accepted: 240_000, rejected: 12, rate: 0.00005 },
};

export const quietMetrics: PipelineMetrics = {
  measuredAt: '2026-01-31T10:00:00.000Z',
  windowSeconds: 10,
  throughput: { bronzeEventsPerSecond: 0, silverEventsPerSecond: 0 },
  consumerLag: { records: null, partitions: [] },
  commitLatencyMs: null,
  rejected: { accepted: 0, rejected: 0, rate: null },
};

export const dbtModel: DbtModelSummary = {
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

export const undocumentedDbtModel: DbtModelSummary = {
  ...dbtModel,
  uniqueId: 'model.medallion.stg_purchases',
  name: 'stg_purchases',
  description: null,
  materialization: 'view',
  schema: 'staging',
  relationName: null,
  table: null,
  columnCount: 0,
  tests: { total: 2, passed: 0, failed: 0, warned: 0, notRun: 2 },
};

export const dbtModels: DbtModelsResponse = {
  runId: '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
  generatedAt: '2026-01-31T10:00:05.120Z',
  models: [dbtModel, undocumentedDbtModel],
};

export const noDbtModels: DbtModelsResponse = {
  runId: null,
  generatedAt: null,
  models: [],
};

export const failedTest: DbtTestLatest = {
  uniqueId: 'test.medallion.unique_fct_purchases_event_id.e621b33da4',
  name: 'unique_fct_purchases_event_id',
  column: 'event_id',
  status: 'fail',
  failures: 1,
  runId: '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
  message: 'Got 1 result, configured to fail if != 0',
};

export const neverRunTest: DbtTestLatest = {
  uniqueId:
    'test.medallion.unique_combination_of_columns_agg_daily_sales.3d8981df29',
  name: 'unique_combination_of_columns_agg_daily_sales',
  column: null,
  status: null,
  failures: null,
  runId: null,
  message: null,
};

export const dbtColumn: DbtColumn = {
  name: 'event_id',
  description: 'Unique purchase event id; the primary key.',
  type: 'VARCHAR',
  tests: [failedTest, { ...failedTest, status: 'warn', failures: null }],
};

export const sourceRef: DbtNodeRef = {
  uniqueId: 'source.medallion.silver.purchases',
  name: 'silver.purchases',
  resourceType: 'source',
};

export const testRun: DbtTestRun = {
  runId: '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
  startedAt: '2026-01-31T10:00:00.250Z',
  status: 'failed',
  tests: [
    {
      uniqueId: failedTest.uniqueId,
      name: failedTest.name,
      status: 'fail',
      failures: 1,
    },
    {
      uniqueId: 'test.medallion.not_null_fct_purchases_event_id.5c8e7a3ab6',
      name: 'not_null_fct_purchases_event_id',
      status: 'skipped',
      failures: null,
    },
  ],
};

export const dbtModelDetail: DbtModelDetail = {
  ...dbtModel,
  runId: '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
  path: 'models/marts/fct_purchases.sql',
  columns: [
    dbtColumn,
    { name: 'loaded_by', description: null, type: null, tests: [] },
  ],
  modelTests: [neverRunTest],
  rawSql: "select * from {{ ref('stg_purchases') }}",
  compiledSql: 'select * from "medallion"."staging"."stg_purchases"',
  compiledRunId: '0b6a2f5e-3c1d-4e8f-9a7b-5d4c3b2a1f0e',
  parents: [
    {
      uniqueId: 'model.medallion.stg_purchases',
      name: 'stg_purchases',
      resourceType: 'model',
    },
    sourceRef,
  ],
  children: [],
  testHistory: [
    testRun,
    { ...testRun, runId: 'r1', startedAt: null, status: 'success', tests: [] },
  ],
};

export const uncompiledDbtModel: DbtModelDetail = {
  ...dbtModelDetail,
  ...undocumentedDbtModel,
  columns: [],
  modelTests: [],
  compiledSql: null,
  compiledRunId: null,
  parents: [],
  testHistory: [],
};

export const failedDbtRun: DbtRunSummary = {
  runId: '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
  startedAt: '2026-01-31T10:00:00.250Z',
  finishedAt: '2026-01-31T10:00:02.000Z',
  elapsedSeconds: 1.75,
  status: 'failed',
  modelsBuilt: ['stg_purchases'],
  modelsNotBuilt: ['fct_purchases'],
  testsPassed: 1,
  testsFailed: 1,
  testsSkipped: 15,
  failedTests: [
    {
      name: 'unique_stg_purchases_event_id',
      status: 'fail',
      failures: 1,
      message: 'Got 1 result, configured to fail if != 0',
    },
    { name: 'x', status: 'error', failures: null, message: null },
  ],
};

export const passedDbtRun: DbtRunSummary = {
  ...failedDbtRun,
  runId: '20260131T090000Z-a1b2c3',
  startedAt: null,
  finishedAt: null,
  elapsedSeconds: null,
  status: 'success',
  modelsBuilt: ['fct_purchases', 'stg_purchases'],
  modelsNotBuilt: [],
  testsPassed: 17,
  testsFailed: 0,
  testsSkipped: 0,
  failedTests: [],
};

export const dbtRuns: DbtRunsResponse = { runs: [failedDbtRun, passedDbtRun] };

export const sourceFreshness: DbtSourceFreshness = {
  source: 'silver.purchases',
  uniqueId: 'source.medallion.silver.purchases',
  status: 'warn',
  maxLoadedAt: '2026-01-31T08:00:00.000Z',
  snapshottedAt: '2026-01-31T10:00:04.000Z',
  ageSeconds: 7204,
  warnAfter: { count: 1, period: 'hour' },
  errorAfter: { count: 24, period: 'hour' },
  message: null,
};

export const brokenSourceFreshness: DbtSourceFreshness = {
  ...sourceFreshness,
  source: 'silver.purchases_rejected',
  uniqueId: 'source.medallion.silver.purchases_rejected',
  status: 'runtime error',
  maxLoadedAt: null,
  snapshottedAt: null,
  ageSeconds: null,
  warnAfter: null,
  errorAfter: null,
  message: 'table silver.purchases_rejected does not exist',
};

export const dbtFreshness: DbtFreshnessResponse = {
  runId: '0b6a2f5e-3c1d-4e8f-9a7b-5d4c3b2a1f0e',
  generatedAt: '2026-01-31T10:00:05.000Z',
  sources: [
    sourceFreshness,
    brokenSourceFreshness,
    { ...sourceFreshness, status: 'pass' },
    { ...sourceFreshness, status: 'error' },
  ],
};

export const noDbtFreshness: DbtFreshnessResponse = {
  runId: null,
  generatedAt: null,
  sources: [],
};

export const profitabilityRow: ProfitabilityRow = {
  productId: 'P00146',
  category: 'electronics',
  membership: 'member',
  currency: 'EUR',
  revenue: '2825.74',
  cost: '2147.40',
  margin: '678.34',
  units: 2,
  orders: 2,
  marginRate: 0.24,
};

export const profitability: ProfitabilityResponse = {
  table: 'gold.product_profitability',
  snapshotId: '759702025881626028',
  committedAt: '2026-01-31T10:00:07.828Z',
  categories: ['electronics', 'fashion'],
  currencies: ['EUR', 'JPY'],
  rows: [
    profitabilityRow,
    {
      ...profitabilityRow,
      category: null,
      currency: 'JPY',
      revenue: '0',
      cost: '12',
      margin: '-12',
      marginRate: null,
    },
  ],
};

export const noProfitability: ProfitabilityResponse = {
  table: 'gold.product_profitability',
  snapshotId: null,
  committedAt: null,
  categories: [],
  currencies: [],
  rows: [],
};

export const spikeFeature: AnomalyFeature = {
  name: 'price_ratio_log',
  description: 'log of the unit price over the product’s median price',
  value: 3.21,
  typical: 0.02,
  contribution: 0.46,
};

export const undescribedFeature: AnomalyFeature = {
  name: 'hour_sin',
  description: '',
  value: -0.97,
  typical: null,
  contribution: 0.04,
};

export const spikeLabel: AnomalyLabel = {
  pattern: 'amount_spike',
  incidentId: 'inc-7f3a91',
};

export const flaggedPurchase: ScoredPurchase = {
  eventId: '0f0e5a1c-1b2c-4d3e-8f4a-5b6c7d8e9f00',
  eventTs: '2026-01-31T09:59:58.412Z',
  customerId: 'C004217',
  customerCountry: 'DE',
  orderCountry: 'DE',
  membership: 'member',
  productId: 'P00146',
  productCategory: 'electronics',
  currency: 'EUR',
  amount: '14128.70',
  score: 0.71,
  decision: 'anomaly',
  topFeatures: ['price_ratio_log', 'amount_eur_log'],
  modelVersion: 'v3',
  scoredAt: '2026-01-31T10:00:03.120Z',
  label: spikeLabel,
};

export const normalPurchase: ScoredPurchase = {
  ...flaggedPurchase,
  eventId: '5d1b7c52-9a0e-4f3b-a2c4-3e8f0b6d7a91',
  eventTs: '2026-01-31T09:59:57.004Z',
  customerId: 'C001093',
  customerCountry: 'FR',
  orderCountry: 'FR',
  membership: 'non_member',
  productId: 'P00012',
  productCategory: 'fashion',
  amount: '39.90',
  score: 0.43,
  decision: 'normal',
  topFeatures: ['quantity_log'],
  label: null,
};

export const anomaliesPage: AnomaliesPage = {
  items: [flaggedPurchase, normalPurchase],
  nextCursor: 'eyJ0IjoxNzY5ODUzNTk3MDA0MDAwLCJlIjoiNWQxYjdjNTIifQ',
};

export const lastAnomaliesPage: AnomaliesPage = {
  items: [],
  nextCursor: null,
};

export const anomalyDetail: AnomalyDetail = {
  purchase: flaggedPurchase,
  features: [
    spikeFeature,
    {
      name: 'amount_eur_log',
      description: 'log of the order amount in EUR',
      value: 9.56,
      typical: 3.71,
      contribution: 0.31,
    },
    undescribedFeature,
  ],
  threshold: 0.62,
};

export const histogramBin: ScoreHistogramBin = {
  from: 0.6,
  to: 0.65,
  unlabelled: 212,
  labelled: 9,
};

export const overallQuality: PatternQuality = {
  pattern: null,
  labelled: 61,
  detected: 43,
  recall: 43 / 61,
  auc: 0.934,
};

export const unseenPatternQuality: PatternQuality = {
  pattern: 'velocity_burst',
  labelled: 0,
  detected: 0,
  recall: null,
  auc: null,
};

export const anomalyStats: AnomalyStats = {
  since: '2026-01-30T10:00:00.000Z',
  scored: 6120,
  flagged: 247,
  flaggedRate: 247 / 6120,
  threshold: 0.62,
  histogram: Array.from({ length: 20 }, (_, i) => ({
    from: i / 20,
    to: (i + 1) / 20,
    unlabelled: i === 12 ? histogramBin.unlabelled : Math.max(0, 400 - i * 20),
    labelled: i === 12 ? histogramBin.labelled : Math.max(0, i - 12),
  })),
  quality: [
    overallQuality,
    {
      pattern: 'amount_spike',
      labelled: 20,
      detected: 20,
      recall: 1,
      auc: 0.999,
    },
    unseenPatternQuality,
  ],
  precisionAtK: { k: 61, precision: 0.59 },
  latestEventTs: '2026-01-31T09:59:58.412Z',
};

export const noAnomalyStats: AnomalyStats = {
  since: null,
  scored: 0,
  flagged: 0,
  flaggedRate: null,
  threshold: null,
  histogram: Array.from({ length: 5 }, (_, i) => ({
    from: i / 5,
    to: (i + 1) / 5,
    unlabelled: 0,
    labelled: 0,
  })),
  quality: [{ ...unseenPatternQuality, pattern: null }],
  precisionAtK: null,
  latestEventTs: null,
};

export const modelFeature: ModelFeatureInfo = {
  name: 'amount_eur_log',
  description: 'log of the order amount in EUR',
  typical: 3.71,
};

export const modelMetrics: ModelMetrics = {
  rows: 48210,
  labelled: 482,
  auc: 0.941,
  precisionAtK: { k: 482, precision: 0.61 },
  perPattern: [overallQuality, unseenPatternQuality],
  flaggedRate: 0.041,
  trainingSeconds: 2.7,
};

export const unlabelledModelMetrics: ModelMetrics = {
  rows: 3000,
  labelled: 0,
  auc: null,
  precisionAtK: null,
  perPattern: [],
  flaggedRate: 0.1,
  trainingSeconds: 0.4,
};

export const currentModel: AnomalyModelSummary = {
  version: 'v3',
  trainedAt: '2026-01-31T06:00:12.345Z',
  trainingWindow: {
    from: '2026-01-30T06:00:00.000Z',
    to: '2026-01-31T06:00:00.000Z',
    rows: 48210,
  },
  params: {
    nEstimators: 100,
    maxSamples: 256,
    maxFeatures: 1,
    contamination: 'auto',
    seed: 42,
  },
  threshold: 0.62,
  features: [modelFeature],
  metrics: modelMetrics,
};

export const firstModel: AnomalyModelSummary = {
  ...currentModel,
  version: 'v1',
  trainedAt: '2026-01-29T06:00:09.001Z',
  trainingWindow: {
    from: '2026-01-29T05:00:00.000Z',
    to: '2026-01-29T06:00:00.000Z',
    rows: 3000,
  },
  params: { ...currentModel.params, contamination: 0.1 },
  threshold: 0.58,
  metrics: unlabelledModelMetrics,
};

export const anomalyModels: AnomalyModelResponse = {
  current: currentModel,
  history: [currentModel, firstModel],
};

export const noAnomalyModel: AnomalyModelResponse = {
  current: null,
  history: [],
};

export const notFound: Required<ErrorResponse> = {
  error: { name: 'NotFoundError', message: 'no run 3d0f6c1e' },
  request: { method: 'GET', url: '/api/lakehouse/runs/3d0f6c1e' },
  response: { statusCode: 404 },
};

export const bareError: ErrorResponse = {
  error: { name: 'AuthenticationError', message: 'Missing credentials' },
  response: { statusCode: 401 },
};

/** Every example with the component schema (of `components.schemas`) it must satisfy. */
export const apiExamples: Array<
  [component: string, label: string, value: unknown]
> = [
  ['LakehouseHealth', 'health', health],
  ['RunProgress', 'known fraction', progressKnown],
  ['RunProgress', 'unknown fraction', progressUnknown],
  ['RunSnapshotOutput', 'snapshot output', snapshotOutput],
  ['RunOutput', 'with summary', outputWithSummary],
  ['RunOutput', 'without summary', outputWithoutSummary],
  ['JobRun', 'running', runningRun],
  ['JobRun', 'queued', queuedRun],
  ['JobRun', 'succeeded', succeededRun],
  ['JobRun', 'cancelled', cancelledRun],
  ['JobRun', 'failed', failedRun],
  ['RunsPage', 'with next page', runsPage],
  ['RunsPage', 'last page', lastRunsPage],
  ['TriggerRunResponse', 'new run', triggered],
  ['TriggerRunResponse', 'existing run', triggeredAgain],
  ['TriggerRunRequest', 'full', fullTriggerRequest],
  ['TriggerRunRequest', 'empty', emptyTriggerRequest],
  ['JobParameter', 'enumeration', enumParameter],
  ['JobSchedule', 'schedule', schedule],
  ['JobInfo', 'long-running', bronzeJob],
  ['JobInfo', 'scheduled', silverJob],
  ['JobInfo', 'disabled', scoringJob],
  ['JobsResponse', 'jobs', jobs],
  ['TableSummary', 'with data', purchasesSummary],
  ['TableSummary', 'empty', emptySummary],
  ['TablesResponse', 'tables', tables],
  ['TableField', 'struct', fields[2]],
  ['SchemaChange', 'added', schemaChanges[0]],
  ['SchemaVersion', 'first', firstSchema],
  ['SchemaVersion', 'current', currentSchema],
  ['PartitionField', 'partition field', partitionField],
  ['SnapshotInfo', 'with parent', snapshot],
  ['SnapshotInfo', 'first', firstSnapshot],
  ['TableDetail', 'with data', purchasesDetail],
  ['TableDetail', 'empty', emptyDetail],
  ['SnapshotsPage', 'with next page', snapshotsPage],
  ['SnapshotsPage', 'last page', lastSnapshotsPage],
  ['TablePreview', 'rows', preview],
  ['TablePreview', 'empty table', emptyPreview],
  ['TableFreshness', 'fresh', freshTable],
  ['FreshnessResponse', 'freshness', freshness],
  ['LineageNode', 'topic', topicNode],
  ['LineageNode', 'job', jobNode],
  ['LineageEdge', 'edge', edge],
  ['LineageGraph', 'lineage', lineage],
  ['PipelineMetrics', 'busy', metrics],
  ['PipelineMetrics', 'quiet', quietMetrics],
  ['DbtModelSummary', 'documented', dbtModel],
  ['DbtModelSummary', 'undocumented', undocumentedDbtModel],
  ['DbtModelsResponse', 'models', dbtModels],
  ['DbtModelsResponse', 'before any build', noDbtModels],
  ['DbtTestLatest', 'failed', failedTest],
  ['DbtTestLatest', 'never run', neverRunTest],
  ['DbtColumn', 'column', dbtColumn],
  ['DbtNodeRef', 'source', sourceRef],
  ['DbtTestRun', 'failed run', testRun],
  ['DbtModelDetail', 'compiled', dbtModelDetail],
  ['DbtModelDetail', 'never compiled', uncompiledDbtModel],
  ['DbtRunSummary', 'failed', failedDbtRun],
  ['DbtRunSummary', 'passed', passedDbtRun],
  ['DbtRunsResponse', 'runs', dbtRuns],
  ['DbtSourceFreshness', 'warn', sourceFreshness],
  ['DbtSourceFreshness', 'runtime error', brokenSourceFreshness],
  ['DbtFreshnessResponse', 'freshness', dbtFreshness],
  ['DbtFreshnessResponse', 'before any check', noDbtFreshness],
  ['ProfitabilityRow', 'row', profitabilityRow],
  ['ProfitabilityResponse', 'rows', profitability],
  ['ProfitabilityResponse', 'before gold', noProfitability],
  ['AnomalyFeature', 'described', spikeFeature],
  ['AnomalyFeature', 'unknown to the model', undescribedFeature],
  ['AnomalyLabel', 'label', spikeLabel],
  ['ScoredPurchase', 'flagged and labelled', flaggedPurchase],
  ['ScoredPurchase', 'normal and unlabelled', normalPurchase],
  ['AnomaliesPage', 'with next page', anomaliesPage],
  ['AnomaliesPage', 'last page', lastAnomaliesPage],
  ['AnomalyDetail', 'detail', anomalyDetail],
  ['ScoreHistogramBin', 'bin', histogramBin],
  ['PatternQuality', 'overall', overallQuality],
  ['PatternQuality', 'pattern not seen', unseenPatternQuality],
  ['AnomalyStats', 'window', anomalyStats],
  ['AnomalyStats', 'nothing scored', noAnomalyStats],
  ['ModelFeatureInfo', 'feature', modelFeature],
  ['ModelMetrics', 'with labels', modelMetrics],
  ['ModelMetrics', 'without labels', unlabelledModelMetrics],
  ['AnomalyModelSummary', 'current', currentModel],
  ['AnomalyModelSummary', 'first', firstModel],
  ['AnomalyModelResponse', 'models', anomalyModels],
  ['AnomalyModelResponse', 'before training', noAnomalyModel],
  ['ErrorResponse', 'with request', notFound],
  ['ErrorResponse', 'without request', bareError],
];
