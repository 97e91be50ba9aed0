/**
 * Type-level descriptions of the shared API types' keys and string unions, for checking
 * that the OpenAPI document describes exactly those types. `satisfies` makes each literal
 * list exactly the type's keys (or union members), marked required/optional and nullable
 * as the type has them, so a change in api.ts fails compilation here until it is mirrored.
 */
import {
  ANOMALY_PATTERN_NAMES,
  JOB_NAMES,
  RUN_STATUSES,
  type AnomaliesPage,
  type AnomalyDecision,
  type AnomalyDetail,
  type AnomalyFeature,
  type AnomalyLabel,
  type AnomalyModelResponse,
  type AnomalyModelSummary,
  type AnomalyPatternFilter,
  type AnomalyStats,
  type ModelFeatureInfo,
  type ModelMetrics,
  type PatternQuality,
  type ScoredPurchase,
  type ScoreHistogramBin,
  type DbtColumn,
  type DbtFreshnessCriterion,
  type DbtFreshnessResponse,
  type DbtFreshnessStatus,
  type DbtModelDetail,
  type DbtModelsResponse,
  type DbtModelSummary,
  type DbtNodeRef,
  type DbtRunStatus,
  type DbtRunSummary,
  type DbtRunsResponse,
  type DbtSourceFreshness,
  type DbtTestCounts,
  type DbtTestLatest,
  type DbtTestRun,
  type DbtTestStatus,
  type ErrorResponse,
  type FreshnessResponse,
  type FreshnessStatus,
  type JobInfo,
  type JobParameter,
  type JobRun,
  type JobSchedule,
  type JobsResponse,
  type LakehouseHealth,
  type LineageEdge,
  type LineageGraph,
  type LineageNode,
  type PartitionField,
  type PipelineMetrics,
  type ProfitabilityResponse,
  type ProfitabilityRow,
  type RunOutput,
  type RunProgress,
  type RunSnapshotOutput,
  type RunsPage,
  type RunTrigger,
  type SchemaChange,
  type SchemaChangeKind,
  type SchemaVersion,
  type SnapshotInfo,
  type SnapshotsPage,
  type TableDetail,
  type TableField,
  type TableFreshness,
  type TableLayer,
  type TablePreview,
  type TablesResponse,
  type TableSummary,
  type TriggerRunRequest,
  type TriggerRunResponse,
} from '@medallion/plugin-lakehouse-common';
import { jsonPointer } from './openApiDocument';

export type KeyKinds<T> = {
  [K in keyof T]-?: `${Pick<T, K> extends Required<Pick<T, K>>
    ? 'required'
    : 'optional'}${null extends T[K] ? ' nullable' : ''}`;
};

export type KeyKind =
  | 'required'
  | 'optional'
  | 'required nullable'
  | 'optional nullable';

export const schemaPointer = (name: string, ...rest: string[]) =>
  jsonPointer('components', 'schemas', name, ...rest);

export const tableSummaryKeys = {
  id: 'required',
  namespace: 'required',
  name: 'required',
  layer: 'required',
  description: 'required nullable',
  location: 'required',
  formatVersion: 'required',
  currentSnapshotId: 'required nullable',
  rows: 'required',
  files: 'required',
  sizeBytes: 'required',
  snapshots: 'required',
  lastCommitAt: 'required nullable',
  lastOperation: 'required nullable',
} satisfies KeyKinds<TableSummary>;

export const dbtModelSummaryKeys = {
  uniqueId: 'required',
  name: 'required',
  description: 'required nullable',
  materialization: 'required',
  schema: 'required',
  relationName: 'required nullable',
  table: 'required nullable',
  columnCount: 'required',
  tests: 'required',
} satisfies KeyKinds<DbtModelSummary>;

const dbtTestResultKeys = {
  uniqueId: 'required',
  name: 'required',
  status: 'required',
  failures: 'required nullable',
} satisfies KeyKinds<DbtTestRun['tests'][number]>;

/** Object schemas of the dbt routes and the keys their TypeScript type has. */
const dbtTypeShapes: Array<{ pointer: string; keys: Record<string, KeyKind> }> =
  [
    {
      pointer: schemaPointer('DbtTestCounts'),
      keys: {
        total: 'required',
        passed: 'required',
        failed: 'required',
        warned: 'required',
        notRun: 'required',
      } satisfies KeyKinds<DbtTestCounts>,
    },
    { pointer: schemaPointer('DbtModelSummary'), keys: dbtModelSummaryKeys },
    {
      pointer: schemaPointer('DbtModelsResponse'),
      keys: {
        runId: 'required nullable',
        generatedAt: 'required nullable',
        models: 'required',
      } satisfies KeyKinds<DbtModelsResponse>,
    },
    {
      pointer: schemaPointer('DbtTestLatest'),
      keys: {
        uniqueId: 'required',
        name: 'required',
        column: 'required nullable',
        status: 'required nullable',
        failures: 'required nullable',
        runId: 'required nullable',
        message: 'required nullable',
      } satisfies KeyKinds<DbtTestLatest>,
    },
    {
      pointer: schemaPointer('DbtColumn'),
      keys: {
        name: 'required',
        description: 'required nullable',
        type: 'required nullable',
        tests: 'required',
      } satisfies KeyKinds<DbtColumn>,
    },
    {
      pointer: schemaPointer('DbtNodeRef'),
      keys: {
        uniqueId: 'required',
        name: 'required',
        resourceType: 'required',
      } satisfies KeyKinds<DbtNodeRef>,
    },
    {
      pointer: schemaPointer('DbtTestRun'),
      keys: {
        runId: 'required',
        startedAt: 'required nullable',
        status: 'required',
        tests: 'required',
      } satisfies KeyKinds<DbtTestRun>,
    },
    {
      pointer: schemaPointer('DbtTestRun', 'properties', 'tests', 'items'),
      keys: dbtTestResultKeys,
    },
    {
      pointer: schemaPointer('DbtModelDetail'),
      keys: {
        ...dbtModelSummaryKeys,
        runId: 'required',
        path: 'required',
        columns: 'required',
        modelTests: 'required',
        rawSql: 'required',
        compiledSql: 'required nullable',
        compiledRunId: 'required nullable',
        parents: 'required',
        children: 'required',
        testHistory: 'required',
      } satisfies KeyKinds<DbtModelDetail>,
    },
    {
      pointer: schemaPointer('DbtRunSummary'),
      keys: {
        runId: 'required',
        startedAt: 'required nullable',
        finishedAt: 'required nullable',
        elapsedSeconds: 'required nullable',
        status: 'required',
        modelsBuilt: 'required',
        modelsNotBuilt: 'required',
        testsPassed: 'required',
        testsFailed: 'required',
        testsSkipped: 'required',
        failedTests: 'required',
      } satisfies KeyKinds<DbtRunSummary>,
    },
    {
      pointer: schemaPointer(
        'DbtRunSummary',
        'properties',
        'failedTests',
        'items',
      ),
      keys: {
        name: 'required',
        status: 'required',
        failures: 'required nullable',
        message: 'required nullable',
      } satisfies KeyKinds<DbtRunSummary['failedTests'][number]>,
    },
    {
      pointer: schemaPointer('DbtRunsResponse'),
      keys: { runs: 'required' } satisfies KeyKinds<DbtRunsResponse>,
    },
    {
      pointer: schemaPointer('DbtFreshnessCriterion'),
      keys: {
        count: 'required',
        period: 'required',
      } satisfies KeyKinds<DbtFreshnessCriterion>,
    },
    {
      pointer: schemaPointer('DbtSourceFreshness'),
      keys: {
        source: 'required',
        uniqueId: 'required',
        status: 'required',
        maxLoadedAt: 'required nullable',
        snapshottedAt: 'required nullable',
        ageSeconds: 'required nullable',
        warnAfter: 'required nullable',
        errorAfter: 'required nullable',
        message: 'required nullable',
      } satisfies KeyKinds<DbtSourceFreshness>,
    },
    {
      pointer: schemaPointer('DbtFreshnessResponse'),
      keys: {
        runId: 'required nullable',
        generatedAt: 'required nullable',
        sources: 'required',
      } satisfies KeyKinds<DbtFreshnessResponse>,
    },
    {
      pointer: schemaPointer('ProfitabilityRow'),
      keys: {
        productId: 'required',
        category: 'required nullable',
        membership: 'required',
        currency: 'required',
        revenue: 'required',
        cost: 'required',
        margin: 'required',
        units: 'required',
        orders: 'required',
        marginRate: 'required nullable',
      } satisfies KeyKinds<ProfitabilityRow>,
    },
    {
      pointer: schemaPointer('ProfitabilityResponse'),
      keys: {
        table: 'required',
        snapshotId: 'required nullable',
        committedAt: 'required nullable',
        categories: 'required',
        currencies: 'required',
        rows: 'required',
      } satisfies KeyKinds<ProfitabilityResponse>,
    },
  ];

const precisionAtKKeys = {
  k: 'required',
  precision: 'required',
} satisfies KeyKinds<NonNullable<AnomalyStats['precisionAtK']>>;

/** Object schemas of the anomaly routes and the keys their TypeScript type has. */
const anomalyTypeShapes: Array<{
  pointer: string;
  keys: Record<string, KeyKind>;
}> = [
  {
    pointer: schemaPointer('AnomalyFeature'),
    keys: {
      name: 'required',
      description: 'required',
      value: 'required',
      typical: 'required nullable',
      contribution: 'required',
    } satisfies KeyKinds<AnomalyFeature>,
  },
  {
    pointer: schemaPointer('AnomalyLabel'),
    keys: {
      pattern: 'required',
      incidentId: 'required',
    } satisfies KeyKinds<AnomalyLabel>,
  },
  {
    pointer: schemaPointer('ScoredPurchase'),
    keys: {
      eventId: 'required',
      eventTs: 'required',
      customerId: 'required',
      customerCountry: 'required',
      orderCountry: 'required',
      membership: 'required',
      productId: 'required',
      productCategory: 'required',
      currency: 'required',
      amount: 'required',
      score: 'required',
      decision: 'required',
      topFeatures: 'required',
      modelVersion: 'required',
      scoredAt: 'required',
      label: 'required nullable',
    } satisfies KeyKinds<ScoredPurchase>,
  },
  {
    pointer: schemaPointer('AnomaliesPage'),
    keys: {
      items: 'required',
      nextCursor: 'required nullable',
    } satisfies KeyKinds<AnomaliesPage>,
  },
  {
    pointer: schemaPointer('AnomalyDetail'),
    keys: {
      purchase: 'required',
      features: 'required',
      threshold: 'required',
    } satisfies KeyKinds<AnomalyDetail>,
  },
  {
    pointer: schemaPointer('ScoreHistogramBin'),
    keys: {
      from: 'required',
      to: 'required',
      unlabelled: 'required',
      labelled: 'required',
    } satisfies KeyKinds<ScoreHistogramBin>,
  },
  {
    pointer: schemaPointer('PatternQuality'),
    keys: {
      pattern: 'required nullable',
      labelled: 'required',
      detected: 'required',
      recall: 'required nullable',
      auc: 'required nullable',
    } satisfies KeyKinds<PatternQuality>,
  },
  { pointer: schemaPointer('PrecisionAtK'), keys: precisionAtKKeys },
  {
    pointer: schemaPointer('AnomalyStats'),
    keys: {
      since: 'required nullable',
      scored: 'required',
      flagged: 'required',
      flaggedRate: 'required nullable',
      threshold: 'required nullable',
      histogram: 'required',
      quality: 'required',
      precisionAtK: 'required nullable',
      latestEventTs: 'required nullable',
    } satisfies KeyKinds<AnomalyStats>,
  },
  {
    pointer: schemaPointer('ModelMetrics'),
    keys: {
      rows: 'required',
      labelled: 'required',
      auc: 'required nullable',
      precisionAtK: 'required nullable',
      perPattern: 'required',
      flaggedRate: 'required',
      trainingSeconds: 'required',
    } satisfies KeyKinds<ModelMetrics>,
  },
  {
    pointer: schemaPointer('ModelFeatureInfo'),
    keys: {
      name: 'required',
      description: 'required',
      typical: 'required',
    } satisfies KeyKinds<ModelFeatureInfo>,
  },
  {
    pointer: schemaPointer('AnomalyModelSummary'),
    keys: {
      version: 'required',
      trainedAt: 'required',
      trainingWindow: 'required',
      params: 'required',
      threshold: 'required',
      features: 'required',
      metrics: 'required',
    } satisfies KeyKinds<AnomalyModelSummary>,
  },
  {
    pointer: schemaPointer(
      'AnomalyModelSummary',
      'properties',
      'trainingWindow',
    ),
    keys: {
      from: 'required',
      to: 'required',
      rows: 'required',
    } satisfies KeyKinds<AnomalyModelSummary['trainingWindow']>,
  },
  {
    pointer: schemaPointer('AnomalyModelSummary', 'properties', 'params'),
    keys: {
      nEstimators: 'required',
      maxSamples: 'required',
      maxFeatures: 'required',
      contamination: 'required',
      seed: 'required',
    } satisfies KeyKinds<AnomalyModelSummary['params']>,
  },
  {
    pointer: schemaPointer('AnomalyModelResponse'),
    keys: {
      current: 'required nullable',
      history: 'required',
    } satisfies KeyKinds<AnomalyModelResponse>,
  },
];

/** Object schemas of the document and the keys their TypeScript type has. */
export const typeShapes: Array<{
  pointer: string;
  keys: Record<string, KeyKind>;
  /** Objects whose keys are not fixed (Backstage adds fields to errors). */
  open?: boolean;
}> = [
  {
    pointer: schemaPointer('LakehouseHealth'),
    keys: {
      status: 'required',
      version: 'required',
    } satisfies KeyKinds<LakehouseHealth>,
  },
  {
    pointer: schemaPointer('RunProgress'),
    keys: {
      message: 'required',
      fraction: 'required nullable',
      counters: 'required',
      updatedAt: 'required',
    } satisfies KeyKinds<RunProgress>,
  },
  {
    pointer: schemaPointer('RunSnapshotOutput'),
    keys: {
      table: 'required',
      snapshotId: 'required',
    } satisfies KeyKinds<RunSnapshotOutput>,
  },
  {
    pointer: schemaPointer('RunOutput'),
    keys: {
      rows: 'required',
      snapshots: 'required',
      summary: 'required nullable',
    } satisfies KeyKinds<RunOutput>,
  },
  {
    pointer: schemaPointer('JobRun'),
    keys: {
      runId: 'required',
      job: 'required',
      trigger: 'required',
      triggeredBy: 'required nullable',
      idempotencyKey: 'required nullable',
      params: 'required',
      status: 'required',
      createdAt: 'required',
      startedAt: 'required nullable',
      finishedAt: 'required nullable',
      durationMs: 'required nullable',
      progress: 'required nullable',
      output: 'required nullable',
      error: 'required nullable',
      cancelRequested: 'required',
    } satisfies KeyKinds<JobRun>,
  },
  {
    pointer: schemaPointer('RunsPage'),
    keys: {
      items: 'required',
      nextCursor: 'required nullable',
    } satisfies KeyKinds<RunsPage>,
  },
  {
    pointer: schemaPointer('TriggerRunResponse'),
    keys: {
      runId: 'required',
      status: 'required',
      existing: 'required',
    } satisfies KeyKinds<TriggerRunResponse>,
  },
  {
    pointer: schemaPointer('TriggerRunRequest'),
    keys: {
      params: 'optional',
      idempotencyKey: 'optional',
    } satisfies KeyKinds<TriggerRunRequest>,
  },
  {
    pointer: schemaPointer('JobParameter'),
    keys: {
      name: 'required',
      type: 'required',
      description: 'required',
      default: 'required nullable',
      enum: 'optional',
    } satisfies KeyKinds<JobParameter>,
  },
  {
    pointer: schemaPointer('JobSchedule'),
    keys: {
      frequency: 'required',
      scope: 'required',
    } satisfies KeyKinds<JobSchedule>,
  },
  {
    pointer: schemaPointer('JobInfo'),
    keys: {
      name: 'required',
      title: 'required',
      description: 'required',
      kind: 'required',
      enabled: 'required',
      disabledReason: 'required nullable',
      schedule: 'required nullable',
      parameters: 'required',
      activeRun: 'required nullable',
      lastRun: 'required nullable',
    } satisfies KeyKinds<JobInfo>,
  },
  {
    pointer: schemaPointer('JobsResponse'),
    keys: { jobs: 'required' } satisfies KeyKinds<JobsResponse>,
  },
  { pointer: schemaPointer('TableSummary'), keys: tableSummaryKeys },
  {
    pointer: schemaPointer('TablesResponse'),
    keys: { tables: 'required' } satisfies KeyKinds<TablesResponse>,
  },
  {
    pointer: schemaPointer('TableField'),
    keys: {
      id: 'required',
      name: 'required',
      type: 'required',
      required: 'required',
      doc: 'required nullable',
      fields: 'optional',
    } satisfies KeyKinds<TableField>,
  },
  {
    pointer: schemaPointer('SchemaChange'),
    keys: {
      kind: 'required',
      fieldId: 'required',
      name: 'required',
      from: 'required nullable',
      to: 'required nullable',
    } satisfies KeyKinds<SchemaChange>,
  },
  {
    pointer: schemaPointer('SchemaVersion'),
    keys: {
      schemaId: 'required',
      fields: 'required',
      changes: 'required',
      firstUsedAt: 'required nullable',
      current: 'required',
    } satisfies KeyKinds<SchemaVersion>,
  },
  {
    pointer: schemaPointer('PartitionField'),
    keys: {
      sourceId: 'required',
      sourceName: 'required',
      fieldId: 'required',
      name: 'required',
      transform: 'required',
    } satisfies KeyKinds<PartitionField>,
  },
  {
    pointer: schemaPointer('SnapshotInfo'),
    keys: {
      snapshotId: 'required',
      parentId: 'required nullable',
      sequenceNumber: 'required',
      timestamp: 'required',
      operation: 'required',
      schemaId: 'required nullable',
      summary: 'required',
    } satisfies KeyKinds<SnapshotInfo>,
  },
  {
    pointer: schemaPointer('TableDetail'),
    keys: {
      ...tableSummaryKeys,
      schema: 'required',
      schemaHistory: 'required',
      partitionSpec: 'required',
      properties: 'required',
      currentSnapshot: 'required nullable',
      metadataLocation: 'required',
    } satisfies KeyKinds<TableDetail>,
  },
  {
    pointer: schemaPointer('TableDetail', 'properties', 'schema'),
    keys: {
      schemaId: 'required',
      fields: 'required',
    } satisfies KeyKinds<TableDetail['schema']>,
  },
  {
    pointer: schemaPointer('TableDetail', 'properties', 'partitionSpec'),
    keys: {
      specId: 'required',
      fields: 'required',
    } satisfies KeyKinds<TableDetail['partitionSpec']>,
  },
  {
    pointer: schemaPointer('SnapshotsPage'),
    keys: {
      items: 'required',
      nextCursor: 'required nullable',
      total: 'required',
    } satisfies KeyKinds<SnapshotsPage>,
  },
  {
    pointer: schemaPointer('TablePreview'),
    keys: {
      columns: 'required',
      rows: 'required',
      truncated: 'required',
      snapshotId: 'required nullable',
    } satisfies KeyKinds<TablePreview>,
  },
  {
    pointer: schemaPointer('TablePreview', 'properties', 'columns', 'items'),
    keys: {
      name: 'required',
      type: 'required',
    } satisfies KeyKinds<TablePreview['columns'][number]>,
  },
  {
    pointer: schemaPointer('TableFreshness'),
    keys: {
      table: 'required',
      layer: 'required',
      lastCommitAt: 'required nullable',
      ageSeconds: 'required nullable',
      sla: 'required',
      status: 'required',
    } satisfies KeyKinds<TableFreshness>,
  },
  {
    pointer: schemaPointer('TableFreshness', 'properties', 'sla'),
    keys: {
      warnAfterSeconds: 'required',
      errorAfterSeconds: 'required',
    } satisfies KeyKinds<TableFreshness['sla']>,
  },
  {
    pointer: schemaPointer('FreshnessResponse'),
    keys: {
      checkedAt: 'required',
      tables: 'required',
    } satisfies KeyKinds<FreshnessResponse>,
  },
  {
    pointer: schemaPointer('LineageNode'),
    keys: {
      id: 'required',
      type: 'required',
      namespace: 'required',
      name: 'required',
      label: 'required',
      layer: 'required nullable',
      table: 'required nullable',
      exists: 'required',
    } satisfies KeyKinds<LineageNode>,
  },
  {
    pointer: schemaPointer('LineageEdge'),
    keys: { from: 'required', to: 'required' } satisfies KeyKinds<LineageEdge>,
  },
  {
    pointer: schemaPointer('LineageGraph'),
    keys: {
      nodes: 'required',
      edges: 'required',
    } satisfies KeyKinds<LineageGraph>,
  },
  {
    pointer: schemaPointer('PipelineMetrics'),
    keys: {
      measuredAt: 'required',
      windowSeconds: 'required',
      throughput: 'required',
      consumerLag: 'required',
      commitLatencyMs: 'required nullable',
      rejected: 'required',
    } satisfies KeyKinds<PipelineMetrics>,
  },
  {
    pointer: schemaPointer('PipelineMetrics', 'properties', 'throughput'),
    keys: {
      bronzeEventsPerSecond: 'required',
      silverEventsPerSecond: 'required',
    } satisfies KeyKinds<PipelineMetrics['throughput']>,
  },
  {
    pointer: schemaPointer('PipelineMetrics', 'properties', 'consumerLag'),
    keys: {
      records: 'required nullable',
      partitions: 'required',
    } satisfies KeyKinds<PipelineMetrics['consumerLag']>,
  },
  {
    pointer: schemaPointer(
      'PipelineMetrics',
      'properties',
      'consumerLag',
      'properties',
      'partitions',
      'items',
    ),
    keys: {
      topic: 'required',
      partition: 'required',
      lag: 'required',
    } satisfies KeyKinds<PipelineMetrics['consumerLag']['partitions'][number]>,
  },
  {
    pointer: schemaPointer('PipelineMetrics', 'properties', 'commitLatencyMs'),
    keys: {
      p50: 'required',
      p99: 'required',
      samples: 'required',
    } satisfies KeyKinds<NonNullable<PipelineMetrics['commitLatencyMs']>>,
  },
  {
    pointer: schemaPointer('PipelineMetrics', 'properties', 'rejected'),
    keys: {
      accepted: 'required',
      rejected: 'required',
      rate: 'required nullable',
    } satisfies KeyKinds<PipelineMetrics['rejected']>,
  },
  {
    pointer: schemaPointer('ErrorResponse'),
    keys: {
      error: 'required',
      request: 'optional',
      response: 'required',
    } satisfies KeyKinds<ErrorResponse>,
  },
  {
    pointer: schemaPointer('ErrorResponse', 'properties', 'error'),
    keys: {
      name: 'required',
      message: 'required',
    } satisfies KeyKinds<ErrorResponse['error']>,
    open: true,
  },
  {
    pointer: schemaPointer('ErrorResponse', 'properties', 'request'),
    keys: {
      method: 'required',
      url: 'required',
    } satisfies KeyKinds<NonNullable<ErrorResponse['request']>>,
  },
  {
    pointer: schemaPointer('ErrorResponse', 'properties', 'response'),
    keys: { statusCode: 'required' } satisfies KeyKinds<
      ErrorResponse['response']
    >,
  },
  ...dbtTypeShapes,
  ...anomalyTypeShapes,
];

/** String enumerations of the document and the members of their TypeScript union. */
export const typeEnumerations: Array<
  [pointer: string, members: readonly unknown[]]
> = [
  [schemaPointer('JobName'), JOB_NAMES],
  [schemaPointer('RunStatus'), RUN_STATUSES],
  [
    schemaPointer('RunTrigger'),
    Object.keys({
      schedule: true,
      user: true,
      service: true,
      startup: true,
    } satisfies Record<RunTrigger, true>),
  ],
  [
    schemaPointer('TableLayer'),
    Object.keys({
      bronze: true,
      silver: true,
      gold: true,
      other: true,
    } satisfies Record<TableLayer, true>),
  ],
  [
    schemaPointer('SchemaChangeKind'),
    Object.keys({
      added: true,
      removed: true,
      renamed: true,
      'type-changed': true,
      'nullability-changed': true,
      'doc-changed': true,
    } satisfies Record<SchemaChangeKind, true>),
  ],
  [
    schemaPointer('FreshnessStatus'),
    Object.keys({
      fresh: true,
      warn: true,
      error: true,
      unknown: true,
    } satisfies Record<FreshnessStatus, true>),
  ],
  [
    schemaPointer('LakehouseHealth', 'properties', 'status'),
    Object.keys({ ok: true } satisfies Record<LakehouseHealth['status'], true>),
  ],
  [
    schemaPointer('JobParameter', 'properties', 'type'),
    Object.keys({
      string: true,
      number: true,
      integer: true,
      boolean: true,
      'string[]': true,
    } satisfies Record<JobParameter['type'], true>),
  ],
  [
    schemaPointer('JobSchedule', 'properties', 'scope'),
    Object.keys({ global: true, local: true } satisfies Record<
      JobSchedule['scope'],
      true
    >),
  ],
  [
    schemaPointer('JobInfo', 'properties', 'kind'),
    Object.keys({
      scheduled: true,
      'long-running': true,
      'on-demand': true,
    } satisfies Record<JobInfo['kind'], true>),
  ],
  [
    schemaPointer('LineageNode', 'properties', 'type'),
    Object.keys({ dataset: true, job: true } satisfies Record<
      LineageNode['type'],
      true
    >),
  ],
  [
    schemaPointer('DbtTestStatus'),
    Object.keys({
      pass: true,
      warn: true,
      fail: true,
      error: true,
      skipped: true,
    } satisfies Record<DbtTestStatus, true>),
  ],
  [
    schemaPointer('DbtRunStatus'),
    Object.keys({ success: true, failed: true } satisfies Record<
      DbtRunStatus,
      true
    >),
  ],
  [
    schemaPointer('DbtFreshnessStatus'),
    Object.keys({
      pass: true,
      warn: true,
      error: true,
      'runtime error': true,
    } satisfies Record<DbtFreshnessStatus, true>),
  ],
  [schemaPointer('AnomalyPattern'), ANOMALY_PATTERN_NAMES],
  [
    schemaPointer('AnomalyPatternFilter'),
    Object.keys({
      amount_spike: true,
      unusual_quantity: true,
      velocity_burst: true,
      odd_hour: true,
      country_mismatch: true,
      card_testing: true,
      unlabelled: true,
    } satisfies Record<AnomalyPatternFilter, true>),
  ],
  [
    schemaPointer('AnomalyDecision'),
    Object.keys({ anomaly: true, normal: true } satisfies Record<
      AnomalyDecision,
      true
    >),
  ],
  [
    schemaPointer('LineageNode', 'properties', 'layer'),
    [
      ...Object.keys({
        source: true,
        bronze: true,
        silver: true,
        gold: true,
        anomalies: true,
      } satisfies Record<NonNullable<LineageNode['layer']>, true>),
      null,
    ],
  ],
];
