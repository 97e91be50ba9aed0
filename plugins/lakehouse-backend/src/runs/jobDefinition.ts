import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  JobName,
  JobParameter,
  JobRun,
  JobSchedule,
  RunOutput,
  RunTrigger,
} from '@medallion/plugin-lakehouse-common';
import type { z } from 'zod';

/** A progress report from a running job; cheap to call often. */
export interface JobProgressUpdate {
  /** One line for people, e.g. "bronze snapshot 12 of 40". */
  message: string;
  /** 0..1 when the job knows how far it is. */
  fraction?: number | null;
  counters?: Record<string, number>;
}

/** What a job's `run` receives. */
export interface JobContext<P> {
  runId: string;
  params: P;
  /** Aborted on cancel, on backend shutdown and by the scheduler's own signal. */
  signal: AbortSignal;
  logger: LoggerService;
  progress(update: JobProgressUpdate): void;
}

/** A job the manager can run; registered by the plugin wiring. */
export interface JobDefinition<P = Record<string, unknown>> {
  name: JobName;
  title: string;
  description: string;
  kind: 'scheduled' | 'long-running' | 'on-demand';
  enabled: boolean;
  disabledReason?: string;
  /** Informational (GET /jobs): the caller schedules the job. */
  schedule?: JobSchedule;
  /** Validates trigger params; unknown keys should be rejected by the schema. */
  paramsSchema: z.ZodType<P>;
  parameters: JobParameter[];
  /** Throws on failure; on abort it may resolve (a clean stop) or throw. */
  run(ctx: JobContext<P>): Promise<RunOutput>;
}

/** Called when a run starts or ends (OpenLineage, audit). */
export type RunListener = (run: JobRun) => void | Promise<void>;

/** Options of {@link JobManager.trigger}. */
export interface TriggerOptions {
  params?: unknown;
  idempotencyKey?: string | null;
  trigger: RunTrigger;
  triggeredBy?: string | null;
}
