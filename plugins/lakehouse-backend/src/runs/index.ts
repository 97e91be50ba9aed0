export {
  applyDatabaseMigrations,
  MIGRATIONS_DIRECTORY,
  MIGRATIONS_TABLE,
} from './migrations';
export {
  RunStore,
  DEFAULT_RUNS_PAGE_SIZE,
  MAX_RUNS_PAGE_SIZE,
  type CreateRunResult,
  type ListRunsOptions,
  type NewRun,
  type RunResult,
  type RunStoreOptions,
} from './RunStore';
export { JobManager, type JobManagerOptions } from './JobManager';
export type {
  JobContext,
  JobDefinition,
  JobProgressUpdate,
  RunListener,
  TriggerOptions,
} from './jobDefinition';
export { STOPPED_WITH_BACKEND } from './runOutcome';
