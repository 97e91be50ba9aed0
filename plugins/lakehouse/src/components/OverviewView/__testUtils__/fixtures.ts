/**
 * Realistic responses for the Overview's tests, shaped like the backend's OpenAPI
 * examples, with times relative to the test's clock so ages read naturally.
 */
import type {
  FreshnessResponse,
  JobRun,
  PipelineMetrics,
  RunsPage,
  TableFreshness,
} from '@medallion/plugin-lakehouse-common';
import type { LakehouseApi } from '../../../api';
import { LakehouseUnavailableError } from '../../../api';

export const secondsAgo = (s: number, now = Date.now()) =>
  new Date(now - s * 1000).toISOString();

export const busyMetrics = (now = Date.now()): PipelineMetrics => ({
  measuredAt: new Date(now).toISOString(),
  windowSeconds: 300,
  throughput: { bronzeEventsPerSecond: 812.5, silverEventsPerSecond: 800 },
  consumerLag: {
    records: 42,
    partitions: [
      { topic: 'purchases', partition: 1, lag: 2 },
      { topic: 'purchases', partition: 0, lag: 40 },
    ],
  },
  commitLatencyMs: { p50: 120.5, p99: 480, samples: 60 },
  rejected: { accepted: 240_000, rejected: 12, rate: 12 / 240_012 },
});

/** Kafka unreachable, no bronze commits in the window, silver still empty. */
export const quietMetrics = (now = Date.now()): PipelineMetrics => ({
  measuredAt: new Date(now).toISOString(),
  windowSeconds: 10,
  throughput: { bronzeEventsPerSecond: 0, silverEventsPerSecond: 0 },
  consumerLag: { records: null, partitions: [] },
  commitLatencyMs: null,
  rejected: { accepted: 0, rejected: 0, rate: null },
});

const table = (
  id: string,
  layer: TableFreshness['layer'],
  ageSeconds: number | null,
  sla: TableFreshness['sla'],
  status: TableFreshness['status'],
  now: number,
): TableFreshness => ({
  table: id,
  layer,
  lastCommitAt: ageSeconds === null ? null : secondsAgo(ageSeconds, now),
  ageSeconds,
  sla,
  status,
});

/** Listed out of pipeline order, as the backend may: the card sorts them. */
export const freshness = (now = Date.now()): FreshnessResponse => ({
  checkedAt: new Date(now).toISOString(),
  tables: [
    table(
      'gold.fct_purchases',
      'gold',
      null,
      { warnAfterSeconds: 3600, errorAfterSeconds: 86_400 },
      'unknown',
      now,
    ),
    table(
      'silver.purchases',
      'silver',
      4,
      { warnAfterSeconds: 300, errorAfterSeconds: 900 },
      'fresh',
      now,
    ),
    table(
      'silver.purchases_rejected',
      'silver',
      420,
      { warnAfterSeconds: 300, errorAfterSeconds: 900 },
      'warn',
      now,
    ),
    table(
      'bronze.purchases_raw',
      'bronze',
      1800,
      { warnAfterSeconds: 60, errorAfterSeconds: 300 },
      'error',
      now,
    ),
  ],
});

export const run = (
  overrides: Partial<JobRun> & Pick<JobRun, 'runId'>,
): JobRun => ({
  job: 'bronze',
  trigger: 'schedule',
  triggeredBy: null,
  idempotencyKey: null,
  params: {},
  status: 'succeeded',
  createdAt: secondsAgo(3600),
  startedAt: secondsAgo(3600),
  finishedAt: secondsAgo(3595),
  durationMs: 4750,
  progress: null,
  output: null,
  error: null,
  cancelRequested: false,
  ...overrides,
});

export const runsPage = (): RunsPage => ({
  items: [
    run({
      runId: '6f1c3a52-8d4e-4b7a-9f0e-2a6b1c9d8e7f',
      job: 'producer',
      trigger: 'service',
      triggeredBy: 'external:airflow',
      status: 'queued',
      createdAt: secondsAgo(1),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      progress: {
        message: 'waiting for the first batch',
        fraction: null,
        counters: {},
        updatedAt: secondsAgo(1),
      },
    }),
    run({
      runId: '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
      job: 'bronze',
      trigger: 'startup',
      status: 'running',
      createdAt: secondsAgo(1800),
      startedAt: secondsAgo(1800),
      finishedAt: null,
      durationMs: 1_800_000,
      progress: {
        message: 'bronze snapshot 12 of 40',
        fraction: 0.3,
        counters: { accepted: 1200, rejected: 3 },
        updatedAt: secondsAgo(2),
      },
    }),
    run({
      runId: '0b6a2f5e-3c1d-4e8f-9a7b-5d4c3b2a1f0e',
      job: 'silver',
      output: {
        rows: { accepted: 1200, rejected: 3 },
        snapshots: [
          { table: 'silver.purchases', snapshotId: '8744836321453125831' },
        ],
        summary: 'committed 2 snapshots',
      },
    }),
    run({
      runId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
      job: 'gold',
      status: 'failed',
      error: 'dbt build failed: 2 models errored',
    }),
    run({
      runId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      job: 'maintenance',
      trigger: 'user',
      triggeredBy: 'user:default/ada',
      status: 'cancelled',
      durationMs: 299_000,
      error: 'cancelled by user:default/ada',
      cancelRequested: true,
    }),
  ],
  nextCursor: 'eyJiZWZvcmUiOiIyMDI2LTAxLTMwVDIyOjAwOjAwWiJ9',
});

/** What the API client throws when nothing answers at the backend's address. */
export const backendDown = () =>
  new LakehouseUnavailableError(
    'http://localhost:7007/api/lakehouse',
    new TypeError('Failed to fetch'),
  );

const unused = (method: string) => () =>
  Promise.reject(new Error(`${method} is not used by the Overview`));

/** A LakehouseApi answering the Overview's three calls; the rest reject. */
export function fakeLakehouseApi(
  overrides: Partial<LakehouseApi> = {},
): LakehouseApi {
  return {
    getHealth: unused('getHealth'),
    listJobs: unused('listJobs'),
    triggerRun: unused('triggerRun'),
    getRun: unused('getRun'),
    cancelRun: unused('cancelRun'),
    listTables: unused('listTables'),
    getTable: unused('getTable'),
    listSnapshots: unused('listSnapshots'),
    previewTable: unused('previewTable'),
    getLineage: unused('getLineage'),
    listDbtModels: unused('listDbtModels'),
    getDbtModel: unused('getDbtModel'),
    listDbtRuns: unused('listDbtRuns'),
    getDbtFreshness: unused('getDbtFreshness'),
    getProfitability: unused('getProfitability'),
    listAnomalies: unused('listAnomalies'),
    getAnomaly: unused('getAnomaly'),
    getAnomalyStats: unused('getAnomalyStats'),
    getAnomalyModel: unused('getAnomalyModel'),
    getPipelineMetrics: jest.fn(async () => busyMetrics()),
    getFreshness: jest.fn(async () => freshness()),
    listRuns: jest.fn(async () => runsPage()),
    ...overrides,
  };
}
