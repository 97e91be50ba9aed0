import type { RunOutput } from '@medallion/plugin-lakehouse-common';
import { errorMessage } from './errorMessage';

/** Why the manager aborted a run's signal (the first reason wins). */
export type StopReason =
  | { kind: 'cancel'; by: string | null }
  /** The backend is shutting down. */
  | { kind: 'shutdown' }
  /** The scheduler's own signal (task timeout, scheduler shutdown). */
  | { kind: 'scheduler' }
  /** The record is no longer active here (failed as stale by another instance). */
  | { kind: 'lost' };

/** The summary of a long-running run that stopped because the backend did. */
export const STOPPED_WITH_BACKEND = 'stopped with the backend';

export interface RunOutcome {
  status: 'succeeded' | 'failed' | 'cancelled';
  output: RunOutput | null;
  error: string | null;
}

export type JobEnding =
  | { resolved: true; output: RunOutput | null }
  | { resolved: false; error: unknown };

/** The reason object an aborted signal carries; jobs may rethrow it. */
export function abortReason(reason: StopReason): Error {
  const messages: Record<StopReason['kind'], string> = {
    cancel: 'the run was cancelled',
    shutdown: 'the backend is shutting down',
    scheduler: 'the scheduler aborted the task (timeout or shutdown)',
    lost: 'the run was taken over (failed as stale) elsewhere',
  };
  const error = new Error(messages[reason.kind]);
  error.name = 'AbortError';
  return error;
}

/**
 * The final status of a run from how the job ended and why (if at all) it was
 * aborted: a cancelled run is `cancelled` however it ends; a long-running job
 * that stops cleanly with the backend `succeeded`.
 */
export function runOutcome(options: {
  kind: 'scheduled' | 'long-running' | 'on-demand';
  ending: JobEnding;
  stopReason: StopReason | undefined;
  /** The signal's reason object: rethrowing it counts as a clean stop. */
  signalReason: unknown;
}): RunOutcome {
  const { kind, ending, stopReason } = options;
  if (stopReason?.kind === 'cancel') {
    return {
      status: 'cancelled',
      output: ending.resolved ? ending.output : null,
      error: null,
    };
  }
  const stoppedWithBackend =
    stopReason?.kind === 'shutdown' && kind === 'long-running';
  if (ending.resolved) {
    return {
      status: 'succeeded',
      output: stoppedWithBackend
        ? withStoppedSummary(ending.output)
        : ending.output,
      error: null,
    };
  }
  if (stoppedWithBackend && ending.error === options.signalReason) {
    return {
      status: 'succeeded',
      output: withStoppedSummary(null),
      error: null,
    };
  }
  const message = errorMessage(ending.error);
  let error = message;
  if (stopReason?.kind === 'shutdown') {
    error = `Stopped with the backend before it finished: ${message}`;
  } else if (stopReason?.kind === 'scheduler') {
    error = `Aborted by the scheduler (task timeout or shutdown): ${message}`;
  }
  return { status: 'failed', output: null, error };
}

function withStoppedSummary(output: RunOutput | null): RunOutput {
  const base = output ?? { rows: {}, snapshots: [], summary: null };
  return {
    ...base,
    summary: base.summary
      ? `${base.summary}; ${STOPPED_WITH_BACKEND}`
      : STOPPED_WITH_BACKEND,
  };
}

/** The job's result as a well-formed RunOutput (jobs written in JS may stray). */
export function normalizeOutput(value: unknown): RunOutput {
  const out: RunOutput = { rows: {}, snapshots: [], summary: null };
  if (value === null || typeof value !== 'object') return out;
  if ('rows' in value && value.rows && typeof value.rows === 'object') {
    for (const [name, count] of Object.entries(value.rows)) {
      if (typeof count === 'number' && Number.isFinite(count)) {
        out.rows[name] = count;
      }
    }
  }
  if ('snapshots' in value && Array.isArray(value.snapshots)) {
    for (const item of value.snapshots) {
      if (
        item &&
        typeof item === 'object' &&
        'table' in item &&
        'snapshotId' in item &&
        typeof item.table === 'string'
      ) {
        out.snapshots.push({
          table: item.table,
          snapshotId: String(item.snapshotId),
        });
      }
    }
  }
  if ('summary' in value && typeof value.summary === 'string') {
    out.summary = value.summary;
  }
  return out;
}
