/** Text for people from the API's machine-oriented values. */
import { ResponseError } from '@backstage/errors';
import type {
  JobInfo,
  JobRun,
  JobSchedule,
  RunStatus,
} from '@medallion/plugin-lakehouse-common';
import { TERMINAL_RUN_STATUSES } from '@medallion/plugin-lakehouse-common';
import { formatDuration } from '../shared';

export const isActive = (status: RunStatus) =>
  !TERMINAL_RUN_STATUSES.includes(status);

/** The first block of a run id, enough to tell runs apart on screen. */
export const shortRunId = (runId: string) => runId.split('-')[0] || runId;

const ISO_DURATION =
  /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * A schedule frequency as the backend reports it: an ISO-8601 duration (`PT10S`), a
 * cron expression, or `manual`.
 */
export function describeFrequency(frequency: string): string {
  if (frequency === 'manual') return 'on trigger only';
  const match = ISO_DURATION.exec(frequency);
  if (match && frequency !== 'P' && !frequency.endsWith('T')) {
    const [, d, h, m, s] = match;
    const ms =
      (Number(d ?? 0) * 86_400 +
        Number(h ?? 0) * 3600 +
        Number(m ?? 0) * 60 +
        Number(s ?? 0)) *
      1000;
    return `every ${formatInterval(ms)}`;
  }
  return `cron ${frequency}`;
}

/** Whole units read better than formatDuration's "5 min 00 s" for intervals. */
function formatInterval(ms: number): string {
  const s = ms / 1000;
  if (s >= 86_400 && s % 86_400 === 0) return `${s / 86_400} d`;
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  if (Number.isInteger(s) && s < 60) return `${s} s`;
  return formatDuration(ms);
}

export function describeSchedule(schedule: JobSchedule | null): string {
  if (!schedule) return 'no schedule';
  const scope =
    schedule.scope === 'global'
      ? 'one backend instance at a time'
      : 'on every backend instance';
  return `${describeFrequency(schedule.frequency)}, ${scope}`;
}

export const KIND_LABELS: Record<JobInfo['kind'], string> = {
  scheduled: 'scheduled',
  'long-running': 'long-running',
  'on-demand': 'on demand',
};

export function describeTrigger(
  run: Pick<JobRun, 'trigger' | 'triggeredBy'>,
): string {
  return run.triggeredBy ? `${run.trigger} (${run.triggeredBy})` : run.trigger;
}

/** A parameter or counter value as text: strings as they are, the rest as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '—';
  return JSON.stringify(value);
}

/** What went wrong with a request, as the backend phrased it when it answered. */
export interface RequestProblem {
  /** HTTP status, when the backend answered. */
  status?: number;
  message: string;
}

export function describeRequestError(error: unknown): RequestProblem {
  if (ResponseError.is(error))
    return {
      status: error.statusCode,
      message: error.body.error.message || error.message,
    };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}

export const isNotFound = (error: unknown) =>
  ResponseError.is(error) && error.statusCode === 404;
