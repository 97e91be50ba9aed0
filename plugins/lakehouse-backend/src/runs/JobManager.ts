import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  JobInfo,
  JobName,
  JobRun,
  RunOutput,
  RunsPage,
} from '@medallion/plugin-lakehouse-common';
import { isJobName } from '@medallion/plugin-lakehouse-common';
import { randomUUID } from 'node:crypto';
import { errorMessage } from './errorMessage';
import type {
  JobContext,
  JobDefinition,
  RunListener,
  TriggerOptions,
} from './jobDefinition';
import { parseJobParams } from './jobParams';

import { ProgressReporter } from './progressReporter';
import {
  abortReason,
  normalizeOutput,
  runOutcome,
  type JobEnding,
  type StopReason,
} from './runOutcome';
import type { ListRunsOptions, RunStore } from './RunStore';

export interface JobManagerOptions {
  store: RunStore;
  logger: LoggerService;
  /** Names this backend instance in run records; default a random UUID. */
  instanceId?: string;
  /** How often running runs are heart-beaten and cancels polled. Default 5 s. */
  heartbeatIntervalMs?: number;
  /** A run whose instance has been silent this long is failed. Default 60 s. */
  staleAfterMs?: number;
  /** Minimum time between two progress writes of a run. Default 1 s. */
  progressIntervalMs?: number;
  /** How long shutdown waits for runs to stop. Default 30 s. */
  shutdownTimeoutMs?: number;
}

/** A job's definition without its params type (held in one registry). */
interface RegisteredJob {
  definition: Omit<JobDefinition<unknown>, 'paramsSchema' | 'run'>;
  prepare(params: unknown): PreparedRun;
}

/** Validated params, ready to run. */
interface PreparedRun {
  record: Record<string, unknown>;
  run(ctx: Omit<JobContext<unknown>, 'params'>): Promise<RunOutput>;
}

/** A run executing on this instance. */
interface LocalRun {
  runId: string;
  job: JobName;
  controller: AbortController;
  stopReason: StopReason | undefined;
  done: Promise<JobRun | null>;
}

/** A long-running job waiting for another instance's run of it to end. */
interface WaitingStart {
  timer: ReturnType<typeof setInterval>;
}

const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * Records and executes job runs: API triggers, scheduler ticks and long-running
 * jobs. At most one run of a job is active across all backend instances (a
 * unique index in the database decides), runs heart-beat while active, and
 * cancels reach a run on whichever instance executes it.
 */
export class JobManager {
  readonly #store: RunStore;
  readonly #logger: LoggerService;
  readonly #instanceId: string;
  readonly #heartbeatIntervalMs: number;
  readonly #staleAfterMs: number;
  readonly #progressIntervalMs: number;
  readonly #shutdownTimeoutMs: number;
  readonly #jobs = new Map<JobName, RegisteredJob>();
  readonly #local = new Map<string, LocalRun>();
  readonly #waiting = new Map<JobName, WaitingStart>();
  readonly #startedListeners: RunListener[] = [];
  readonly #finishedListeners: RunListener[] = [];
  #starting: Promise<void> | undefined;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  #ticking = false;
  #lastStaleSweep = 0;
  #shuttingDown = false;

  constructor(options: JobManagerOptions) {
    this.#store = options.store;
    this.#logger = options.logger;
    this.#instanceId = options.instanceId ?? randomUUID();
    this.#heartbeatIntervalMs = options.heartbeatIntervalMs ?? 5_000;
    this.#staleAfterMs = options.staleAfterMs ?? 60_000;
    this.#progressIntervalMs = options.progressIntervalMs ?? 1_000;
    this.#shutdownTimeoutMs = options.shutdownTimeoutMs ?? 30_000;
    if (this.#staleAfterMs < 2 * this.#heartbeatIntervalMs) {
      throw new Error(
        'staleAfterMs must be at least twice heartbeatIntervalMs, or healthy runs would be failed as stale',
      );
    }
  }

  get instanceId(): string {
    return this.#instanceId;
  }

  /** Adds a job; its name must be new. */
  register<P>(definition: JobDefinition<P>): void {
    if (this.#jobs.has(definition.name)) {
      throw new Error(`Job ${definition.name} is registered twice`);
    }
    const { paramsSchema, run, ...info } = definition;
    this.#jobs.set(definition.name, {
      definition: info,
      prepare: params => {
        const parsed = parseJobParams(
          definition.name,
          paramsSchema,
          definition.parameters,
          params,
        );
        return {
          record: parsed.record,
          run: ctx => run({ ...ctx, params: parsed.value }),
        };
      },
    });
  }

  /** Called (awaited, in order) after a run is marked running. */
  onRunStarted(listener: RunListener): () => void {
    return addListener(this.#startedListeners, listener);
  }

  /** Called (awaited, in order) after a run's final status is recorded. */
  onRunFinished(listener: RunListener): () => void {
    return addListener(this.#finishedListeners, listener);
  }

  /**
   * Fails runs left active by instances that stopped, then starts heart-beating.
   * Idempotent; the other methods call it when needed.
   */
  start(): Promise<void> {
    if (!this.#starting) {
      this.#starting = (async () => {
        await this.#failStaleRuns();
        this.#heartbeatTimer = setInterval(
          () => void this.#tick(),
          this.#heartbeatIntervalMs,
        );
        this.#heartbeatTimer.unref?.();
      })();
      // A failed start may be retried by the next call.
      this.#starting.catch(() => {
        this.#starting = undefined;
      });
    }
    return this.#starting;
  }

  /**
   * Records a queued run and starts it in the background. An idempotent repeat
   * (same job and key, same params) returns the existing run, even finished.
   */
  async trigger(
    job: string,
    options: TriggerOptions,
  ): Promise<{ run: JobRun; existing: boolean }> {
    const registered = this.#job(job);
    const { definition } = registered;
    if (!definition.enabled) {
      throw new ConflictError(
        `Job ${definition.name} is disabled: ${
          definition.disabledReason ?? 'it is turned off in the configuration'
        }`,
      );
    }
    const idempotencyKey = options.idempotencyKey ?? null;
    if (
      idempotencyKey !== null &&
      (idempotencyKey.length === 0 ||
        idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    ) {
      throw new InputError(
        `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long (got ${idempotencyKey.length})`,
      );
    }
    const prepared = registered.prepare(options.params);
    this.#refuseWhenShuttingDown();
    await this.start();

    const { run, existing } = await this.#store.create({
      job: definition.name,
      trigger: options.trigger,
      triggeredBy: options.triggeredBy ?? null,
      idempotencyKey,
      params: prepared.record,
      instanceId: this.#instanceId,
    });
    if (!existing) {
      this.#launch(registered, prepared, run);
      this.#logger.info(
        `Run ${run.runId} of job ${definition.name} queued (${options.trigger}${
          options.triggeredBy ? ` by ${options.triggeredBy}` : ''
        })`,
      );
    }
    return { run, existing };
  }

  /**
   * The scheduler's task function: records a `schedule` run and runs it to the
   * end. Does nothing when the job is disabled or already has an active run.
   */
  async runScheduled(job: string, abortSignal?: AbortSignal): Promise<void> {
    const registered = this.#job(job);
    const { name, enabled } = registered.definition;
    if (!enabled || this.#shuttingDown || abortSignal?.aborted) return;
    const prepared = registered.prepare({});
    await this.start();
    const result = await this.#store.tryCreate({
      job: name,
      trigger: 'schedule',
      triggeredBy: null,
      idempotencyKey: null,
      params: prepared.record,
      instanceId: this.#instanceId,
    });
    if (result.kind !== 'created') {
      this.#logger.debug(
        `Scheduled run of job ${name} skipped: run ${result.run.runId} is still ${result.run.status}`,
      );
      return;
    }
    const local = this.#launch(registered, prepared, result.run);
    const onAbort = () => this.#abort(local, { kind: 'scheduler' });
    abortSignal?.addEventListener('abort', onAbort);
    if (abortSignal?.aborted) onAbort();
    try {
      await local.done;
    } finally {
      abortSignal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Starts a long-running job (trigger `startup`). When another run of the job is
   * active (on another instance, or left by a restart until it is failed as
   * stale) this instance waits and starts the job once that run ends, unless it
   * was cancelled. Returns the run when it started now, else null.
   */
  async startLongRunning(
    job: string,
    params?: unknown,
  ): Promise<JobRun | null> {
    const registered = this.#job(job);
    const { name, enabled, disabledReason } = registered.definition;
    if (!enabled) {
      this.#logger.info(
        `Job ${name} not started: ${disabledReason ?? 'it is disabled'}`,
      );
      return null;
    }
    const prepared = registered.prepare(params ?? {});
    if (this.#shuttingDown || this.#waiting.has(name)) return null;
    await this.start();

    const attempt = async (): Promise<
      { run: JobRun; started: boolean } | undefined
    > => {
      if (this.#shuttingDown) return undefined;
      const result = await this.#store.tryCreate({
        job: name,
        trigger: 'startup',
        triggeredBy: null,
        idempotencyKey: null,
        params: prepared.record,
        instanceId: this.#instanceId,
      });
      if (result.kind !== 'created') return { run: result.run, started: false };
      this.#launch(registered, prepared, result.run);
      return { run: result.run, started: true };
    };

    const first = await attempt();
    if (!first || first.started) return first?.run ?? null;
    this.#logger.info(
      `Job ${name} already has an active run ${first.run.runId}; it starts here when that run ends`,
    );
    this.#waitForTurn(name, first.run.runId, attempt);
    return null;
  }

  #waitForTurn(
    job: JobName,
    blockingRunId: string,
    attempt: () => Promise<{ run: JobRun; started: boolean } | undefined>,
  ): void {
    let blocking = blockingRunId;
    let busy = false;
    const stop = () => {
      const waiting = this.#waiting.get(job);
      if (waiting) clearInterval(waiting.timer);
      this.#waiting.delete(job);
    };
    const poll = async () => {
      if (busy) return;
      busy = true;
      try {
        const previous = await this.#store.find(blocking);
        if (previous?.status === 'cancelled') {
          this.#logger.info(
            `Job ${job} not started: its run ${blocking} was cancelled; trigger it to run it again`,
          );
          stop();
          return;
        }
        if (previous?.status === 'queued' || previous?.status === 'running') {
          return;
        }
        const result = await attempt();
        if (!result || result.started) {
          stop();
        } else {
          blocking = result.run.runId;
        }
      } catch (error) {
        this.#logger.warn(
          `Could not start job ${job} yet: ${errorMessage(error)}`,
        );
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void poll(), this.#heartbeatIntervalMs);
    timer.unref?.();
    this.#waiting.set(job, { timer });
  }

  /**
   * Requests a cancel. A run on this instance is aborted now; one on another
   * instance when that instance next heart-beats. A finished run is a 409.
   */
  async cancel(runId: string, by: string | null): Promise<JobRun> {
    const run = await this.#store.requestCancel(runId);
    this.#logger.info(
      `Cancel of run ${run.runId} of job ${run.job} requested${
        by ? ` by ${by}` : ''
      }`,
    );
    const local = this.#local.get(run.runId);
    if (local) this.#abort(local, { kind: 'cancel', by });
    return run;
  }

  async listJobs(): Promise<JobInfo[]> {
    return Promise.all(
      [...this.#jobs.values()].map(async ({ definition }) => {
        const [activeRun, lastRun] = await Promise.all([
          this.#store.activeRun(definition.name),
          this.#store.lastRun(definition.name),
        ]);
        return {
          name: definition.name,
          title: definition.title,
          description: definition.description,
          kind: definition.kind,
          enabled: definition.enabled,
          disabledReason: definition.disabledReason ?? null,
          schedule: definition.schedule ?? null,
          parameters: definition.parameters,
          activeRun,
          lastRun,
        };
      }),
    );
  }

  getRun(runId: string): Promise<JobRun> {
    return this.#store.get(runId);
  }

  listRuns(options?: ListRunsOptions): Promise<RunsPage> {
    return this.#store.list(options);
  }

  /** Retention: deletes runs that finished before `before`. */
  deleteFinishedRuns(before: Date): Promise<number> {
    return this.#store.deleteFinishedBefore(before);
  }

  /**
   * Aborts the runs of this instance and waits (bounded) for their final status
   * to be written; runs that do not stop in time are recorded as failed.
   */
  async shutdown(): Promise<void> {
    this.#shuttingDown = true;
    for (const { timer } of this.#waiting.values()) clearInterval(timer);
    this.#waiting.clear();
    const locals = [...this.#local.values()];
    for (const local of locals) this.#abort(local, { kind: 'shutdown' });

    let timeout: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<void>(resolve => {
      timeout = setTimeout(resolve, this.#shutdownTimeoutMs);
    });
    await Promise.race([Promise.allSettled(locals.map(l => l.done)), timedOut]);
    clearTimeout(timeout);

    for (const local of this.#local.values()) {
      const seconds = Math.round(this.#shutdownTimeoutMs / 1000);
      this.#logger.warn(
        `Run ${local.runId} of job ${local.job} did not stop within ${seconds} s of the shutdown`,
      );
      await this.#finishAndNotify(local.runId, {
        status: 'failed',
        output: null,
        error: `The backend stopped before the run finished (it did not stop within ${seconds} s); trigger the job again`,
      });
    }
    this.#local.clear();
    if (this.#heartbeatTimer) clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = undefined;
  }

  #job(job: string): RegisteredJob {
    const registered = isJobName(job) ? this.#jobs.get(job) : undefined;
    if (!registered) {
      const known = [...this.#jobs.keys()].join(', ') || 'none';
      throw new NotFoundError(`Unknown job '${job}' (jobs: ${known})`);
    }
    return registered;
  }

  #refuseWhenShuttingDown(): void {
    if (this.#shuttingDown) {
      throw new ServiceUnavailableError(
        'This backend instance is shutting down; trigger the run again in a moment',
      );
    }
  }

  #launch(
    registered: RegisteredJob,
    prepared: PreparedRun,
    run: JobRun,
  ): LocalRun {
    const local: LocalRun = {
      runId: run.runId,
      job: run.job,
      controller: new AbortController(),
      stopReason: undefined,
      done: Promise.resolve(null),
    };
    this.#local.set(run.runId, local);
    local.done = this.#execute(registered, prepared, local)
      .catch(error => {
        this.#logger.error(
          `Run ${run.runId} of job ${
            run.job
          } could not be executed: ${errorMessage(error)}`,
        );
        return null;
      })
      .finally(() => this.#local.delete(run.runId));
    return local;
  }

  #abort(local: LocalRun, reason: StopReason): void {
    if (local.stopReason) return;
    local.stopReason = reason;
    local.controller.abort(abortReason(reason));
  }

  async #execute(
    registered: RegisteredJob,
    prepared: PreparedRun,
    local: LocalRun,
  ): Promise<JobRun | null> {
    const { runId } = local;
    const { definition } = registered;
    const logger = this.#logger.child({ job: definition.name, runId });
    const progress = new ProgressReporter({
      intervalMs: this.#progressIntervalMs,
      write: p => this.#store.updateProgress(runId, p),
      onWriteError: error =>
        logger.warn(
          `Could not save the run's progress: ${errorMessage(error)}`,
        ),
    });

    let ending: JobEnding;
    try {
      const running = await this.#store.markRunning(runId, this.#instanceId);
      if (!running) {
        logger.warn(`Run ${runId} is no longer queued; it does not start`);
        return null;
      }
      if (running.cancelRequested) {
        this.#abort(local, { kind: 'cancel', by: null });
      }
      await this.#notify(this.#startedListeners, running);
      const { signal } = local.controller;
      const output = signal.aborted
        ? null
        : normalizeOutput(
            await prepared.run({
              runId,
              signal,
              logger,
              progress: update => progress.report(update),
            }),
          );
      ending = { resolved: true, output };
    } catch (error) {
      ending = { resolved: false, error };
    }

    const finalProgress = await progress.close();
    const outcome = runOutcome({
      kind: definition.kind,
      ending,
      stopReason: local.stopReason,
      signalReason: local.controller.signal.reason,
    });
    const finished = await this.#finishAndNotify(runId, {
      ...outcome,
      progress: finalProgress,
    });
    if (finished) {
      const line = `Run ${runId} of job ${definition.name} ${finished.status}`;
      if (finished.status === 'failed') {
        logger.warn(`${line}: ${finished.error}`);
      } else if (finished.trigger === 'schedule') {
        // Scheduled runs come every few seconds: the periodic status line covers them.
        logger.debug(line);
      } else {
        logger.info(line);
      }
    }
    return finished;
  }

  /** Writes the final status (if still active) and tells the listeners. */
  async #finishAndNotify(
    runId: string,
    result: Parameters<RunStore['finish']>[1],
  ): Promise<JobRun | null> {
    let finished: JobRun | null = null;
    try {
      finished = await this.#store.finish(runId, result);
    } catch (error) {
      this.#logger.error(
        `Could not record the end of run ${runId} (${
          result.status
        }): ${errorMessage(error)}`,
      );
    }
    if (finished) await this.#notify(this.#finishedListeners, finished);
    return finished;
  }

  async #notify(listeners: RunListener[], run: JobRun): Promise<void> {
    for (const listener of listeners) {
      try {
        await listener(run);
      } catch (error) {
        this.#logger.warn(
          `A run listener failed for run ${run.runId} of job ${
            run.job
          }: ${errorMessage(error)}`,
        );
      }
    }
  }

  /** One heartbeat round: keep local runs alive, apply remote cancels, sweep. */
  async #tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      const ids = [...this.#local.keys()];
      if (ids.length > 0) {
        const { cancelRequested, lost } = await this.#store.heartbeat(
          this.#instanceId,
          ids,
        );
        for (const id of cancelRequested) {
          const local = this.#local.get(id);
          if (local) this.#abort(local, { kind: 'cancel', by: null });
        }
        for (const id of lost) {
          const local = this.#local.get(id);
          if (local && !local.stopReason) {
            this.#logger.warn(
              `Run ${id} of job ${local.job} is no longer active in the database (failed as stale elsewhere); stopping it here`,
            );
            this.#abort(local, { kind: 'lost' });
          }
        }
      }
      if (Date.now() - this.#lastStaleSweep >= this.#staleAfterMs / 2) {
        await this.#failStaleRuns();
      }
    } catch (error) {
      this.#logger.warn(`Run heartbeat failed: ${errorMessage(error)}`);
    } finally {
      this.#ticking = false;
    }
  }

  async #failStaleRuns(): Promise<void> {
    this.#lastStaleSweep = Date.now();
    const failed = await this.#store.failStaleRuns(
      new Date(Date.now() - this.#staleAfterMs),
    );
    for (const run of failed) {
      this.#logger.warn(
        `Run ${run.runId} of job ${run.job} failed: ${run.error}`,
      );
      await this.#notify(this.#finishedListeners, run);
    }
  }
}

function addListener(list: RunListener[], listener: RunListener): () => void {
  list.push(listener);
  return () => {
    const index = list.indexOf(listener);
    if (index >= 0) list.splice(index, 1);
  };
}
