/**
 * The plugin's scheduled tasks on Backstage's scheduler: silver and maintenance on their
 * configured schedules (global scope by default: one backend instance runs each tick),
 * silver woken right after each bronze commit and scoring after each silver commit,
 * gold, model training, and the run-record retention sweep. A job whose schedule is
 * `frequency: { trigger: manual }` is orchestrated from outside (Airflow, the UI): it is
 * neither scheduled nor woken, and runs only when triggered over the REST API.
 */
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  LakehouseBackendConfig,
  ScheduledJobConfig,
} from './config/readLakehouseConfig';
import type { JobManager } from './runs';
import type { LakehouseRuntime } from './runtime/lakehouseRuntime';

export const SILVER_TASK_ID = 'lakehouse-silver';
export const MAINTENANCE_TASK_ID = 'lakehouse-maintenance';
export const RETENTION_TASK_ID = 'lakehouse-run-retention';
export const GOLD_TASK_ID = 'lakehouse-gold';
export const SCORING_TASK_ID = 'lakehouse-scoring';
export const TRAINING_TASK_ID = 'lakehouse-training';

/** Bronze commits every ~2 s; waking silver more often than this only adds overhead. */
const SILVER_WAKE_MIN_INTERVAL_MS = 2000;
/**
 * Runs a job on this instance right away each time `wake()` is called, folding wakes that
 * arrive during a run into one more run after it. The scheduler's wake (triggerTask) waits
 * for its next poll (up to 5 s) and is dropped while the task runs; scoring must follow
 * silver within seconds. The run store still allows one active run per job across
 * instances, so a run elsewhere makes this one a no-op.
 */
function follower(run: () => Promise<void>, logger: LoggerService): () => void {
  let running = false;
  let pending = false;
  const loop = async () => {
    running = true;
    try {
      do {
        pending = false;
        await run();
      } while (pending);
    } finally {
      running = false;
    }
  };
  return () => {
    if (running) {
      pending = true;
      return;
    }
    loop().catch(error =>
      logger.warn(`a woken job run failed to start: ${String(error)}`),
    );
  };
}

/** A young stream's model is replaced at most this often. */
const RETRAIN_MIN_INTERVAL_MS = 60_000;

/** Wakes a task on an event, at most once per interval. */
function throttledWake(
  scheduler: SchedulerService,
  taskId: string,
  minIntervalMs: number,
): () => void {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < minIntervalMs) return;
    last = now;
    // Running already (or another instance holds it): its next tick picks this up.
    scheduler.triggerTask(taskId).catch(() => undefined);
  };
}

/** Enabled and left to this plugin's scheduler (not orchestrated from outside). */
function scheduledHere(job: ScheduledJobConfig): boolean {
  const f = job.schedule.frequency;
  return job.enabled && !(typeof f === 'object' && 'trigger' in f);
}

export async function scheduleJobs(options: {
  settings: LakehouseBackendConfig;
  scheduler: SchedulerService;
  logger: LoggerService;
  jobs: JobManager;
  runtime: LakehouseRuntime;
}): Promise<void> {
  const { settings, scheduler, logger, jobs, runtime } = options;
  const { silver, maintenance, gold, scoring, training } = settings.jobs;
  if (scheduledHere(silver)) {
    await scheduler.scheduleTask({
      id: SILVER_TASK_ID,
      ...silver.schedule,
      fn: signal => jobs.runScheduled('silver', signal),
    });
    runtime.onBronzeCommit(
      throttledWake(scheduler, SILVER_TASK_ID, SILVER_WAKE_MIN_INTERVAL_MS),
    );
  }
  if (scheduledHere(maintenance)) {
    await scheduler.scheduleTask({
      id: MAINTENANCE_TASK_ID,
      ...maintenance.schedule,
      fn: signal => jobs.runScheduled('maintenance', signal),
    });
  }
  if (scheduledHere(gold)) {
    await scheduler.scheduleTask({
      id: GOLD_TASK_ID,
      ...gold.schedule,
      fn: signal => jobs.runScheduled('gold', signal),
    });
  }
  if (scheduledHere(scoring)) {
    await scheduler.scheduleTask({
      id: SCORING_TASK_ID,
      ...scoring.schedule,
      fn: signal => jobs.runScheduled('scoring', signal),
    });
    runtime.onSilverCommit(
      follower(() => jobs.runScheduled('scoring'), logger),
    );
  }
  if (scheduledHere(training)) {
    await scheduler.scheduleTask({
      id: TRAINING_TASK_ID,
      ...training.schedule,
      fn: signal => jobs.runScheduled('training', signal),
    });
    runtime.onModelOutgrown(
      throttledWake(scheduler, TRAINING_TASK_ID, RETRAIN_MIN_INTERVAL_MS),
    );
  }
  await scheduler.scheduleTask({
    id: RETENTION_TASK_ID,
    frequency: { hours: 1 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    scope: 'global',
    fn: async () => {
      const before = new Date(Date.now() - settings.runRetentionMs);
      const deleted = await jobs.deleteFinishedRuns(before);
      if (deleted > 0)
        logger.info(
          `deleted ${deleted} run records finished before ${before.toISOString()}`,
        );
    },
  });
}
