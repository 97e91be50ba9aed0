import {
  isJobName,
  RUN_STATUSES,
  type JobRun,
  type RunOutput,
  type RunProgress,
  type RunStatus,
  type RunTrigger,
} from '@medallion/plugin-lakehouse-common';
import { z } from 'zod';

export const RUNS_TABLE = 'lakehouse_runs';

/** A row of `lakehouse_runs` as the drivers return it. */
export interface RunRow {
  run_id: string;
  job: string;
  trigger: string;
  triggered_by: string | null;
  idempotency_key: string | null;
  params: string;
  status: string;
  /** Epoch ms: a number from SQLite, a string from PostgreSQL (BIGINT). */
  created_at: number | string;
  started_at: number | string | null;
  finished_at: number | string | null;
  progress: string | null;
  output: string | null;
  error: string | null;
  /** 0/1 from SQLite, a boolean from PostgreSQL. */
  cancel_requested: boolean | number;
  instance_id: string | null;
  heartbeat_at: number | string | null;
}

const RUN_TRIGGERS: readonly RunTrigger[] = [
  'schedule',
  'user',
  'service',
  'startup',
];

const paramsSchema = z.record(z.string(), z.unknown());
const progressSchema = z.object({
  message: z.string(),
  fraction: z.number().nullable(),
  counters: z.record(z.string(), z.number()),
  updatedAt: z.string(),
});
const outputSchema = z.object({
  rows: z.record(z.string(), z.number()),
  snapshots: z.array(z.object({ table: z.string(), snapshotId: z.string() })),
  summary: z.string().nullable(),
});

export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'running'];

export function isRunStatus(value: unknown): value is RunStatus {
  return (
    typeof value === 'string' &&
    (RUN_STATUSES as readonly string[]).includes(value)
  );
}

/** Epoch ms from a BIGINT column (PostgreSQL returns int8 as a string). */
export function toMillis(value: number | string): number {
  const ms = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(ms)) {
    throw new Error(
      `lakehouse_runs holds a time that is not epoch ms: ${value}`,
    );
  }
  return ms;
}

function toMillisOrNull(value: number | string | null): number | null {
  return value === null ? null : toMillis(value);
}

function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Parses a JSON column we wrote ourselves; a broken value is a bug, so it throws. */
function parseJson<T>(
  column: string,
  text: string | null,
  schema: z.ZodType<T>,
): T | null {
  if (text === null) return null;
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(
      `lakehouse_runs.${column} holds an unexpected value: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

export function rowToRun(row: RunRow, now: number = Date.now()): JobRun {
  if (!isJobName(row.job)) {
    throw new Error(`lakehouse_runs holds an unknown job: ${row.job}`);
  }
  if (!isRunStatus(row.status)) {
    throw new Error(`lakehouse_runs holds an unknown status: ${row.status}`);
  }
  const trigger = RUN_TRIGGERS.find(t => t === row.trigger);
  if (!trigger) {
    throw new Error(`lakehouse_runs holds an unknown trigger: ${row.trigger}`);
  }
  const startedAt = toMillisOrNull(row.started_at);
  const finishedAt = toMillisOrNull(row.finished_at);
  let durationMs: number | null = null;
  if (startedAt !== null) {
    durationMs = Math.max(0, (finishedAt ?? now) - startedAt);
  }
  const progress: RunProgress | null = parseJson(
    'progress',
    row.progress,
    progressSchema,
  );
  const output: RunOutput | null = parseJson(
    'output',
    row.output,
    outputSchema,
  );
  return {
    runId: row.run_id,
    job: row.job,
    trigger,
    triggeredBy: row.triggered_by,
    idempotencyKey: row.idempotency_key,
    params: parseJson('params', row.params, paramsSchema) ?? {},
    status: row.status,
    createdAt: new Date(toMillis(row.created_at)).toISOString(),
    startedAt: toIso(startedAt),
    finishedAt: toIso(finishedAt),
    durationMs,
    progress,
    output,
    error: row.error,
    cancelRequested: Boolean(row.cancel_requested),
  };
}

/**
 * JSON with object keys sorted at every level, so two params objects that differ
 * only in key order compare equal (idempotency checks).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) =>
      a < b ? -1 : Number(a > b),
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
