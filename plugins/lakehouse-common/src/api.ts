/**
 * The REST contract of `/api/lakehouse`, shared by the backend (which serves it), the
 * frontend (which reads it) and the OpenAPI document checked in next to the backend
 * (`plugins/lakehouse-backend/src/schema/openapi.yaml`), which tests keep equal to it.
 *
 * Conventions: times are ISO-8601 strings in UTC; Iceberg snapshot ids are decimal strings
 * (they exceed 2^53); counts are plain numbers.
 */
import type { JobName } from './types';

/** @public */
export const RUN_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;

/** @public */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run never leaves. @public */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
];

/**
 * What started a run: its schedule, a signed-in user, another service (Airflow with a
 * static token, another plugin), or the plugin's own start-up (long-running jobs).
 *
 * @public
 */
export type RunTrigger = 'schedule' | 'user' | 'service' | 'startup';

/** @public */
export interface RunProgress {
  /** One line for people, e.g. "bronze snapshot 12 of 40". */
  message: string;
  /** 0..1 when the job knows how far it is, else null. */
  fraction: number | null;
  /** Running counters, e.g. `{ accepted: 1200, rejected: 3 }`. */
  counters: Record<string, number>;
  updatedAt: string;
}

/** @public */
export interface RunSnapshotOutput {
  /** `namespace.table` */
  table: string;
  snapshotId: string;
}

/** @public */
export interface RunOutput {
  /** Row counts by name, e.g. `{ accepted: 1200, rejected: 3 }`. */
  rows: Record<string, number>;
  /** Iceberg snapshots the run committed (the newest per table). */
  snapshots: RunSnapshotOutput[];
  /** Anything else worth showing, as text. */
  summary: string | null;
}

/** @public */
export interface JobRun {
  runId: string;
  job: JobName;
  trigger: RunTrigger;
  /** User entity ref or service subject (e.g. `external:airflow`); null for schedules. */
  triggeredBy: string | null;
  idempotencyKey: string | null;
  params: Record<string, unknown>;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Wall time so far (running) or in total (finished), in milliseconds. */
  durationMs: number | null;
  progress: RunProgress | null;
  output: RunOutput | null;
  error: string | null;
  cancelRequested: boolean;
}

/** Response of `GET /runs`. @public */
export interface RunsPage {
  items: JobRun[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Response of `POST /jobs/:job/runs` (202). @public */
export interface TriggerRunResponse {
  runId: string;
  /** The run's status now; an idempotent repeat returns the existing run. */
  status: RunStatus;
  /** True when the idempotency key matched an existing run. */
  existing: boolean;
}

/** Request body of `POST /jobs/:job/runs`. @public */
export interface TriggerRunRequest {
  params?: Record<string, unknown>;
  idempotencyKey?: string;
}

/** One parameter a job accepts, for forms and docs. @public */
export interface JobParameter {
  name: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'string[]';
  description: string;
  default: unknown;
  /** Allowed values, when the parameter is an enumeration. */
  enum?: string[];
}

/** @public */
export interface JobSchedule {
  /** A cron expression or an ISO-8601 duration (e.g. `PT10S`). */
  frequency: string;
  /** `global`: one instance of the backend runs it at a time; `local`: every instance. */
  scope: 'global' | 'local';
}

/** @public */
export interface JobInfo {
  name: JobName;
  title: string;
  description: string;
  /** `long-running` jobs start with the plugin and run until stopped or cancelled. */
  kind: 'scheduled' | 'long-running' | 'on-demand';
  enabled: boolean;
  /** Why a job is not available (disabled in config, arrives with a later release). */
  disabledReason: string | null;
  schedule: JobSchedule | null;
  parameters: JobParameter[];
  activeRun: JobRun | null;
  lastRun: JobRun | null;
}

/** Response of `GET /jobs`. @public */
export interface JobsResponse {
  jobs: JobInfo[];
}

/** @public */
export type TableLayer = 'bronze' | 'silver' | 'gold' | 'other';

/** Response item of `GET /tables`. @public */
export interface TableSummary {
  /** `namespace.table` */
  id: string;
  namespace: string;
  name: string;
  layer: TableLayer;
  /** The table's `comment` property, if any. */
  description: string | null;
  location: string;
  formatVersion: number;
  currentSnapshotId: string | null;
  rows: number;
  files: number;
  sizeBytes: number;
  snapshots: number;
  lastCommitAt: string | null;
  lastOperation: string | null;
}

/** Response of `GET /tables`. @public */
export interface TablesResponse {
  tables: TableSummary[];
}

/** @public */
export interface TableField {
  id: number;
  name: string;
  /** Iceberg type: a primitive name (`long`, `decimal(12, 2)`) or `struct`/`list`/`map`. */
  type: string;
  required: boolean;
  doc: string | null;
  /** Nested fields of structs (and of list elements / map values that are structs). */
  fields?: TableField[];
}

/** @public */
export type SchemaChangeKind =
  | 'added'
  | 'removed'
  | 'renamed'
  | 'type-changed'
  | 'nullability-changed'
  | 'doc-changed';

/** One difference between a schema and the one before it. @public */
export interface SchemaChange {
  kind: SchemaChangeKind;
  fieldId: number;
  /** Dotted path of the field in the newer schema (the older one when removed). */
  name: string;
  from: string | null;
  to: string | null;
}

/** @public */
export interface SchemaVersion {
  schemaId: number;
  fields: TableField[];
  /** Changes against the previous schema in the table's history (empty for the first). */
  changes: SchemaChange[];
  /** When a snapshot first used this schema, if any did. */
  firstUsedAt: string | null;
  current: boolean;
}

/** @public */
export interface PartitionField {
  sourceId: number;
  sourceName: string;
  fieldId: number;
  name: string;
  transform: string;
}

/** @public */
export interface SnapshotInfo {
  snapshotId: string;
  parentId: string | null;
  sequenceNumber: number;
  timestamp: string;
  operation: string;
  schemaId: number | null;
  summary: Record<string, string>;
}

/** Response of `GET /tables/:namespace/:table`. @public */
export interface TableDetail extends TableSummary {
  schema: { schemaId: number; fields: TableField[] };
  schemaHistory: SchemaVersion[];
  partitionSpec: { specId: number; fields: PartitionField[] };
  properties: Record<string, string>;
  currentSnapshot: SnapshotInfo | null;
  metadataLocation: string;
}

/** Response of `GET /tables/:namespace/:table/snapshots` (newest first). @public */
export interface SnapshotsPage {
  items: SnapshotInfo[];
  nextCursor: string | null;
  total: number;
}

/** Response of `GET /tables/:namespace/:table/preview`. @public */
export interface TablePreview {
  columns: Array<{ name: string; type: string }>;
  /** JSON-safe values: 64-bit integers and decimals as strings, times as ISO strings. */
  rows: Array<Record<string, unknown>>;
  truncated: boolean;
  snapshotId: string | null;
}

/** @public */
export type FreshnessStatus = 'fresh' | 'warn' | 'error' | 'unknown';

/** @public */
export interface TableFreshness {
  table: string;
  layer: TableLayer;
  lastCommitAt: string | null;
  ageSeconds: number | null;
  sla: { warnAfterSeconds: number; errorAfterSeconds: number };
  /** `unknown`: the table has no commit yet. */
  status: FreshnessStatus;
}

/** Response of `GET /freshness`. @public */
export interface FreshnessResponse {
  checkedAt: string;
  tables: TableFreshness[];
}

/** @public */
export interface LineageNode {
  /** `dataset:<namespace>/<name>` or `job:<namespace>/<name>` */
  id: string;
  type: 'dataset' | 'job';
  /** OpenLineage namespace and name of the dataset or job. */
  namespace: string;
  name: string;
  /** What people call it: a topic, `silver.purchases`, `silver processor`. */
  label: string;
  layer: 'source' | 'bronze' | 'silver' | 'gold' | 'anomalies' | null;
  /** For datasets that are lakehouse tables: `namespace.table`. */
  table: string | null;
  /** False for planned datasets that do not exist yet (e.g. gold before its first build). */
  exists: boolean;
}

/** @public */
export interface LineageEdge {
  from: string;
  to: string;
}

/** Response of `GET /lineage`. @public */
export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

/** Response of `GET /metrics/pipeline`. @public */
export interface PipelineMetrics {
  measuredAt: string;
  /** The window the rates are computed over, in seconds. */
  windowSeconds: number;
  throughput: {
    /** Records committed to bronze.purchases_raw per second over the window. */
    bronzeEventsPerSecond: number;
    /** Rows committed to silver (accepted + rejected) per second over the window. */
    silverEventsPerSecond: number;
  };
  consumerLag: {
    /** Records in the topic not yet in bronze; null when Kafka cannot be asked. */
    records: number | null;
    partitions: Array<{ topic: string; partition: number; lag: number }>;
  };
  commitLatencyMs: { p50: number; p99: number; samples: number } | null;
  rejected: { accepted: number; rejected: number; rate: number | null };
}

/** The body of every error response (Backstage's error format). @public */
export interface ErrorResponse {
  error: { name: string; message: string };
  request?: { method: string; url: string };
  response: { statusCode: number };
}
