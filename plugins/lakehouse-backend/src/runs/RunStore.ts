import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  TERMINAL_RUN_STATUSES,
  type JobName,
  type JobRun,
  type RunOutput,
  type RunProgress,
  type RunsPage,
  type RunStatus,
  type RunTrigger,
} from '@medallion/plugin-lakehouse-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { decodeRunCursor, encodeRunCursor } from './runCursor';
import {
  ACTIVE_RUN_STATUSES,
  canonicalJson,
  isRunStatus,
  rowToRun,
  RUNS_TABLE,
  toMillis,
  type RunRow,
} from './runRows';

/** A run about to be recorded as queued. */
export interface NewRun {
  job: JobName;
  trigger: RunTrigger;
  triggeredBy: string | null;
  idempotencyKey: string | null;
  /** Validated, JSON-compatible parameters. */
  params: Record<string, unknown>;
  /** The backend instance that will execute the run (heart-beats it while queued). */
  instanceId: string | null;
}

/** What {@link RunStore.tryCreate} found; only `created` inserted a row. */
export type CreateRunResult =
  | { kind: 'created'; run: JobRun }
  /** The idempotency key already names this run, with the same params. */
  | { kind: 'existing'; run: JobRun }
  /** The idempotency key already names this run, with other params. */
  | { kind: 'key-conflict'; run: JobRun }
  /** The job already has a queued or running run. */
  | { kind: 'active'; run: JobRun };

export interface ListRunsOptions {
  job?: JobName;
  status?: RunStatus | readonly RunStatus[];
  /** 1..200, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** How a run ended, for {@link RunStore.finish}. */
export interface RunResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  output?: RunOutput | null;
  error?: string | null;
  /** The last progress, written with the final status. */
  progress?: RunProgress | null;
}

export interface RunStoreOptions {
  /** The clock (epoch ms); tests move it. */
  now?: () => number;
}

export const DEFAULT_RUNS_PAGE_SIZE = 50;
export const MAX_RUNS_PAGE_SIZE = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Attempts when the conflicting row vanished before we could read it. */
const CREATE_ATTEMPTS = 5;

/** Job runs in the plugin's database (`lakehouse_runs`). */
export class RunStore {
  readonly #db: Knex;
  readonly #now: () => number;

  constructor(db: Knex, options: RunStoreOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Records a queued run, unless its idempotency key already names a run or the
   * job already has an active run. Both rules are unique indexes, so concurrent
   * callers (on any backend instance) cannot both insert: the loser reads the row
   * that won.
   */
  async tryCreate(newRun: NewRun): Promise<CreateRunResult> {
    const params = canonicalJson(newRun.params);
    for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      const byKey = await this.#findByKey(newRun, params);
      if (byKey) return byKey;

      const now = this.#now();
      const row: RunRow = {
        run_id: randomUUID(),
        job: newRun.job,
        trigger: newRun.trigger,
        triggered_by: newRun.triggeredBy,
        idempotency_key: newRun.idempotencyKey,
        params,
        status: 'queued',
        created_at: now,
        started_at: null,
        finished_at: null,
        progress: null,
        output: null,
        error: null,
        cancel_requested: false,
        instance_id: newRun.instanceId,
        heartbeat_at: now,
      };
      try {
        await this.#db(RUNS_TABLE).insert(row);
        return { kind: 'created', run: rowToRun(row, now) };
      } catch (error) {
        if (!isDatabaseConflictError(error)) throw error;
      }
      // Lost a race: find the row that won.
      const winner = await this.#findByKey(newRun, params);
      if (winner) return winner;
      const active = await this.activeRun(newRun.job);
      if (active) return { kind: 'active', run: active };
      // The active run finished in between: try again.
    }
    throw new Error(
      `Could not record a run of job ${newRun.job}: other runs kept starting and finishing; try again`,
    );
  }

  /**
   * {@link tryCreate} with the refusals as errors: an idempotency key reused with
   * other params, or an active run of the job, is a ConflictError.
   */
  async create(newRun: NewRun): Promise<{ run: JobRun; existing: boolean }> {
    const result = await this.tryCreate(newRun);
    switch (result.kind) {
      case 'created':
        return { run: result.run, existing: false };
      case 'existing':
        return { run: result.run, existing: true };
      case 'key-conflict':
        throw keyConflictError(result.run);
      default:
        throw activeRunError(result.run);
    }
  }

  async #findByKey(
    newRun: NewRun,
    params: string,
  ): Promise<CreateRunResult | undefined> {
    if (newRun.idempotencyKey === null) return undefined;
    const row = await this.#db<RunRow>(RUNS_TABLE)
      .where({ job: newRun.job, idempotency_key: newRun.idempotencyKey })
      .first();
    if (!row) return undefined;
    const run = this.#toRun(row);
    // Stored params are canonical JSON already; re-encode to compare exactly.
    return canonicalJson(run.params) === params
      ? { kind: 'existing', run }
      : { kind: 'key-conflict', run };
  }

  /** The run, or NotFoundError (also for ids that cannot be run ids). */
  async get(runId: string): Promise<JobRun> {
    const run = await this.find(runId);
    if (!run) throw runNotFound(runId);
    return run;
  }

  async find(runId: string): Promise<JobRun | undefined> {
    if (!UUID.test(runId)) return undefined;
    const row = await this.#db<RunRow>(RUNS_TABLE)
      .where({ run_id: runId.toLowerCase() })
      .first();
    return row ? this.#toRun(row) : undefined;
  }

  /** Newest first; keyset pagination on (created_at, run_id). */
  async list(options: ListRunsOptions = {}): Promise<RunsPage> {
    const limit = options.limit ?? DEFAULT_RUNS_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUNS_PAGE_SIZE) {
      throw new InputError(
        `limit must be a whole number from 1 to ${MAX_RUNS_PAGE_SIZE} (got ${limit})`,
      );
    }
    const statuses = statusFilter(options.status);
    const cursor =
      options.cursor === undefined
        ? undefined
        : decodeRunCursor(options.cursor);

    const query = this.#db<RunRow>(RUNS_TABLE);
    if (options.job !== undefined) query.where('job', options.job);
    if (statuses.length > 0) query.whereIn('status', statuses);
    if (cursor) {
      query.where(older =>
        older
          .where('created_at', '<', cursor.createdAt)
          .orWhere(sameTime =>
            sameTime
              .where('created_at', '=', cursor.createdAt)
              .andWhere('run_id', '<', cursor.runId),
          ),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'run_id', order: 'desc' },
      ])
      .limit(limit + 1);

    const now = this.#now();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(row => rowToRun(row, now)),
      nextCursor:
        rows.length > limit && last
          ? encodeRunCursor({
              createdAt: toMillis(last.created_at),
              runId: last.run_id,
            })
          : null,
    };
  }

  /** The job's queued or running run, if any (at most one, by a unique index). */
  async activeRun(job: JobName): Promise<JobRun | null> {
    const row = await this.#db<RunRow>(RUNS_TABLE)
      .where('job', job)
      .whereIn('status', ACTIVE_RUN_STATUSES)
      .first();
    return row ? this.#toRun(row) : null;
  }

  /** The job's most recently finished run, if any. */
  async lastRun(job: JobName): Promise<JobRun | null> {
    const row = await this.#db<RunRow>(RUNS_TABLE)
      .where('job', job)
      .whereIn('status', TERMINAL_RUN_STATUSES)
      .orderBy([
        { column: 'finished_at', order: 'desc' },
        { column: 'run_id', order: 'desc' },
      ])
      .first();
    return row ? this.#toRun(row) : null;
  }

  /** queued → running on `instanceId`; null when the run is no longer queued. */
  async markRunning(runId: string, instanceId: string): Promise<JobRun | null> {
    const now = this.#now();
    const updated = await this.#db(RUNS_TABLE)
      .where({ run_id: runId, status: 'queued' })
      .update({
        status: 'running',
        started_at: now,
        heartbeat_at: now,
        instance_id: instanceId,
      });
    return updated > 0 ? this.get(runId) : null;
  }

  /** Writes the progress of an active run (a finished run keeps its final one). */
  async updateProgress(runId: string, progress: RunProgress): Promise<void> {
    await this.#db(RUNS_TABLE)
      .where('run_id', runId)
      .whereIn('status', ACTIVE_RUN_STATUSES)
      .update({ progress: JSON.stringify(progress) });
  }

  /**
   * Records how an active run ended. Null when it had already ended (e.g. failed
   * as stale by another instance): the first final status stays.
   */
  async finish(runId: string, result: RunResult): Promise<JobRun | null> {
    const update: Partial<RunRow> = {
      status: result.status,
      finished_at: this.#now(),
      output: result.output ? JSON.stringify(result.output) : null,
      error: result.error ?? null,
    };
    if (result.progress) update.progress = JSON.stringify(result.progress);
    const updated = await this.#db(RUNS_TABLE)
      .where('run_id', runId)
      .whereIn('status', ACTIVE_RUN_STATUSES)
      .update(update);
    return updated > 0 ? this.get(runId) : null;
  }

  /**
   * Sets cancel_requested on an active run; the instance executing it aborts it.
   * A finished run is a ConflictError.
   */
  async requestCancel(runId: string): Promise<JobRun> {
    if (!UUID.test(runId)) throw runNotFound(runId);
    const id = runId.toLowerCase();
    const updated = await this.#db(RUNS_TABLE)
      .where('run_id', id)
      .whereIn('status', ACTIVE_RUN_STATUSES)
      .update({ cancel_requested: true });
    const run = await this.get(id);
    if (updated === 0) {
      throw new ConflictError(
        `Run ${run.runId} of job ${run.job} already ${run.status}; only queued or running runs can be cancelled`,
      );
    }
    return run;
  }

  /**
   * Marks the given runs of `instanceId` alive and reports which of them should
   * stop: a cancel was requested, or they are no longer active here (another
   * instance failed them as stale, so continuing would run the job twice).
   */
  async heartbeat(
    instanceId: string,
    runIds: readonly string[],
  ): Promise<{ cancelRequested: string[]; lost: string[] }> {
    if (runIds.length === 0) return { cancelRequested: [], lost: [] };
    await this.#db(RUNS_TABLE)
      .whereIn('run_id', runIds)
      .where('instance_id', instanceId)
      .whereIn('status', ACTIVE_RUN_STATUSES)
      .update({ heartbeat_at: this.#now() });
    const rows: Array<
      Pick<RunRow, 'run_id' | 'status' | 'cancel_requested' | 'instance_id'>
    > = await this.#db(RUNS_TABLE)
      .whereIn('run_id', runIds)
      .select('run_id', 'status', 'cancel_requested', 'instance_id');
    const active = new Set<string>();
    const cancelRequested: string[] = [];
    for (const row of rows) {
      if (
        isRunStatus(row.status) &&
        ACTIVE_RUN_STATUSES.includes(row.status) &&
        row.instance_id === instanceId
      ) {
        active.add(row.run_id);
        if (row.cancel_requested) cancelRequested.push(row.run_id);
      }
    }
    return {
      cancelRequested,
      lost: runIds.filter(id => !active.has(id)),
    };
  }

  /**
   * Fails active runs whose instance has not heart-beaten since `olderThan`
   * (it crashed or lost the database), so the job can run again.
   */
  async failStaleRuns(olderThan: Date): Promise<JobRun[]> {
    const stale: Array<
      Pick<RunRow, 'run_id' | 'instance_id' | 'heartbeat_at'>
    > = await this.#db(RUNS_TABLE)
      .whereIn('status', ACTIVE_RUN_STATUSES)
      .where(q =>
        q
          .where('heartbeat_at', '<', olderThan.getTime())
          .orWhereNull('heartbeat_at'),
      )
      .select('run_id', 'instance_id', 'heartbeat_at');
    const failed: JobRun[] = [];
    for (const row of stale) {
      const since =
        row.heartbeat_at === null
          ? 'it was recorded'
          : new Date(toMillis(row.heartbeat_at)).toISOString();
      const instance = row.instance_id ? ` (${row.instance_id})` : '';
      const query = this.#db(RUNS_TABLE)
        .where('run_id', row.run_id)
        .whereIn('status', ACTIVE_RUN_STATUSES);
      // Only if no heartbeat arrived since we looked.
      if (row.heartbeat_at === null) query.whereNull('heartbeat_at');
      else query.where('heartbeat_at', row.heartbeat_at);
      const updated = await query.update({
        status: 'failed',
        finished_at: this.#now(),
        error: `The backend instance running it${instance} stopped (no heartbeat since ${since}); trigger the job again`,
      });
      if (updated > 0) failed.push(await this.get(row.run_id));
    }
    return failed;
  }

  /** Retention: deletes runs that finished before `before`; returns how many. */
  async deleteFinishedBefore(before: Date): Promise<number> {
    return this.#db(RUNS_TABLE)
      .whereIn('status', TERMINAL_RUN_STATUSES)
      .where('finished_at', '<', before.getTime())
      .delete();
  }

  #toRun(row: RunRow): JobRun {
    return rowToRun(row, this.#now());
  }
}

function statusFilter(
  status: RunStatus | readonly RunStatus[] | undefined,
): RunStatus[] {
  if (status === undefined) return [];
  const list: readonly unknown[] =
    typeof status === 'string' ? [status] : status;
  const unknown = list.filter(s => !isRunStatus(s));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown run status ${unknown
        .map(s => `'${String(s)}'`)
        .join(', ')}: use queued, running, succeeded, failed or cancelled`,
    );
  }
  return list.filter(isRunStatus);
}

function runNotFound(runId: string): NotFoundError {
  return new NotFoundError(
    `No run with id '${runId}': run ids are UUIDs listed by GET /runs`,
  );
}

function activeRunError(active: JobRun): ConflictError {
  return new ConflictError(
    `Job ${active.job} already has an active run ${active.runId} (${active.status}); wait for it to finish or cancel it, then trigger again`,
  );
}

function keyConflictError(existing: JobRun): ConflictError {
  return new ConflictError(
    `Idempotency key '${existing.idempotencyKey}' was already used for run ${existing.runId} of job ${existing.job} with other params; use a new key to start a run with these params`,
  );
}
