/**
 * Jobs and runs as the lakehouse backend reports them (its six jobs, their parameters
 * and realistic runs), with times relative to the moment the tests start.
 */
import type {
  JobInfo,
  JobRun,
  JobsResponse,
} from '@medallion/plugin-lakehouse-common';

const NOW = Date.now();
export const ago = (seconds: number) =>
  new Date(NOW - seconds * 1000).toISOString();

export const bronzeActiveRun: JobRun = {
  runId: '3d0f6c1e-9b2a-4f5d-8e7c-1a2b3c4d5e6f',
  job: 'bronze',
  trigger: 'startup',
  triggeredBy: null,
  idempotencyKey: null,
  params: {},
  status: 'running',
  createdAt: ago(1800),
  startedAt: ago(1800),
  finishedAt: null,
  durationMs: 1_800_000,
  progress: {
    message: 'purchases: 1,200 records committed in 40 snapshots',
    fraction: null,
    counters: { records: 1200, snapshots: 40 },
    updatedAt: ago(2),
  },
  output: null,
  error: null,
  cancelRequested: false,
};

export const bronzeCancelledRun: JobRun = {
  runId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  job: 'bronze',
  trigger: 'user',
  triggeredBy: 'user:default/ada',
  idempotencyKey: null,
  params: {},
  status: 'cancelled',
  createdAt: ago(7200),
  startedAt: ago(7199),
  finishedAt: ago(1801),
  durationMs: 5_398_000,
  progress: null,
  output: { rows: {}, snapshots: [], summary: null },
  error: 'cancelled by user:default/ada',
  cancelRequested: true,
};

export const maintenanceRunningRun: JobRun = {
  runId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c',
  job: 'maintenance',
  trigger: 'schedule',
  triggeredBy: null,
  idempotencyKey: null,
  params: { tables: ['bronze.purchases_raw', 'silver.purchases'] },
  status: 'running',
  createdAt: ago(20),
  startedAt: ago(19),
  finishedAt: null,
  durationMs: 19_000,
  progress: {
    message: 'maintaining silver.purchases',
    fraction: 0.5,
    counters: { compactedFiles: 12, expiredSnapshots: 30, orphanFiles: 0 },
    updatedAt: ago(1),
  },
  output: null,
  error: null,
  cancelRequested: false,
};

export const silverSucceededRun: JobRun = {
  runId: '0b6a2f5e-3c1d-4e8f-9a7b-5d4c3b2a1f0e',
  job: 'silver',
  trigger: 'schedule',
  triggeredBy: null,
  idempotencyKey: null,
  params: {},
  status: 'succeeded',
  createdAt: ago(65),
  startedAt: ago(64.88),
  finishedAt: ago(60.13),
  durationMs: 4750,
  progress: {
    message: 'batch 2: 1200 accepted, 3 rejected, 0 duplicates',
    fraction: null,
    counters: { read: 1203, accepted: 1200, rejected: 3, duplicates: 0 },
    updatedAt: ago(60.13),
  },
  output: {
    rows: { read: 1203, accepted: 1200, rejected: 3, duplicates: 0 },
    snapshots: [
      { table: 'silver.purchases', snapshotId: '8744836321453125831' },
      { table: 'silver.purchases_rejected', snapshotId: '1290384756102938475' },
    ],
    summary: 'committed 2 snapshots',
  },
  error: null,
  cancelRequested: false,
};

export const producerFailedRun: JobRun = {
  runId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  job: 'producer',
  trigger: 'user',
  triggeredBy: 'user:default/grace',
  idempotencyKey: null,
  params: {
    rate: 50,
    durationSeconds: 60,
    schema: 'v2',
    anomalyRate: 0.01,
    malformedRate: 0.005,
    maxSpeed: false,
  },
  status: 'failed',
  createdAt: ago(3600),
  startedAt: ago(3599),
  finishedAt: ago(3590),
  durationMs: 9000,
  progress: null,
  output: null,
  error:
    'Kafka is not reachable at localhost:9092 (connect ECONNREFUSED 127.0.0.1:9092). Start it with `docker compose up -d kafka`.',
  cancelRequested: false,
};

export const producerQueuedRun: JobRun = {
  runId: '6f1c3a52-8d4e-4b7a-9f0e-2a6b1c9d8e7f',
  job: 'producer',
  trigger: 'service',
  triggeredBy: 'external:airflow',
  idempotencyKey: 'airflow-daily-2026-01-31',
  params: { rate: 100, durationSeconds: 600, seed: 'daily', maxSpeed: false },
  status: 'queued',
  createdAt: ago(1),
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  progress: null,
  output: null,
  error: null,
  cancelRequested: false,
};

/** Older scheduled silver runs, so the runs list has more than one page. */
export const olderSilverRuns: JobRun[] = Array.from({ length: 26 }, (_, i) => {
  const finished = 70 + i * 10;
  return {
    ...silverSucceededRun,
    runId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    createdAt: ago(finished + 3),
    startedAt: ago(finished + 2.9),
    finishedAt: ago(finished),
    durationMs: 2900,
  };
});

const producer: JobInfo = {
  name: 'producer',
  title: 'Event producer (demo)',
  description:
    'Produces seeded, realistic purchase events (with labelled anomalies) into Kafka for a bounded time or count.',
  kind: 'on-demand',
  enabled: true,
  disabledReason: null,
  schedule: null,
  parameters: [
    {
      name: 'rate',
      type: 'number',
      description: 'Mean events per second',
      default: 20,
    },
    {
      name: 'durationSeconds',
      type: 'integer',
      description: 'Stop after this many seconds (1..3600)',
      default: 60,
    },
    {
      name: 'count',
      type: 'integer',
      description: 'Stop after this many events instead',
      default: null,
    },
    {
      name: 'seed',
      type: 'string',
      description: 'Seed: the same seed gives the same events',
      default: null,
    },
    {
      name: 'schema',
      type: 'string',
      description: 'Event contract version',
      default: 'v2',
      enum: ['v1', 'v2'],
    },
    {
      name: 'anomalyRate',
      type: 'number',
      description: 'Share of injected anomalies (0..1)',
      default: 0.01,
    },
    {
      name: 'malformedRate',
      type: 'number',
      description: 'Share of malformed records (0..1)',
      default: 0.005,
    },
    {
      name: 'maxSpeed',
      type: 'boolean',
      description: 'Ignore event-time pacing',
      default: false,
    },
  ],
  activeRun: null,
  lastRun: producerFailedRun,
};

export const STREAMING_TABLES = [
  'bronze.purchases_raw',
  'bronze.purchase_labels',
  'silver.purchases',
  'silver.purchases_rejected',
];

export const jobsResponse: JobsResponse = {
  jobs: [
    producer,
    {
      name: 'bronze',
      title: 'Bronze ingester',
      description:
        'Streams the purchases and labels topics exactly once into bronze.purchases_raw and bronze.purchase_labels.',
      kind: 'long-running',
      enabled: true,
      disabledReason: null,
      schedule: null,
      parameters: [],
      activeRun: bronzeActiveRun,
      lastRun: bronzeCancelledRun,
    },
    {
      name: 'silver',
      title: 'Silver processor',
      description:
        'Types, validates and deduplicates new bronze events into silver.purchases.',
      kind: 'scheduled',
      enabled: true,
      disabledReason: null,
      schedule: { frequency: 'PT10S', scope: 'global' },
      parameters: [],
      activeRun: null,
      lastRun: silverSucceededRun,
    },
    {
      name: 'gold',
      title: 'Gold build (dbt)',
      description: 'Builds and tests the dbt gold models from silver.',
      kind: 'scheduled',
      enabled: false,
      disabledReason:
        'the gold build (dbt) job is not part of this release yet',
      schedule: null,
      parameters: [],
      activeRun: null,
      lastRun: null,
    },
    {
      name: 'scoring',
      title: 'Anomaly scoring',
      description:
        'Scores new silver purchases with the Isolation Forest into gold.purchase_anomalies.',
      kind: 'scheduled',
      enabled: false,
      disabledReason: 'the anomaly scoring job is not part of this release yet',
      schedule: { frequency: '0 3 * * *', scope: 'local' },
      parameters: [],
      activeRun: null,
      lastRun: null,
    },
    {
      name: 'maintenance',
      title: 'Table maintenance',
      description:
        'Compacts small files, expires old snapshots and removes orphan files on the streaming tables.',
      kind: 'scheduled',
      enabled: true,
      disabledReason: null,
      schedule: { frequency: 'PT300S', scope: 'global' },
      parameters: [
        {
          name: 'tables',
          type: 'string[]',
          description: 'Tables to maintain (default: every streaming table)',
          default: STREAMING_TABLES,
        },
      ],
      activeRun: maintenanceRunningRun,
      lastRun: null,
    },
  ],
};

/** Every run, newest first (as GET /runs orders them). */
export const allRuns: JobRun[] = [
  producerQueuedRun,
  maintenanceRunningRun,
  silverSucceededRun,
  ...olderSilverRuns,
  bronzeActiveRun,
  producerFailedRun,
  bronzeCancelledRun,
].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

/** Only finished runs: a runs list without anything to poll for. */
export const finishedRuns = allRuns.filter(
  r => r.status !== 'running' && r.status !== 'queued',
);
