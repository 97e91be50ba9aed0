import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { JobSchedule } from '@medallion/plugin-lakehouse-common';
import { durationToMilliseconds } from '@backstage/types';

/** A schedule as GET /jobs shows it: the cron text, or the interval as an ISO-8601 duration. */
export function describeSchedule(
  schedule: SchedulerServiceTaskScheduleDefinition,
): JobSchedule {
  const f = schedule.frequency;
  let frequency: string;
  if (typeof f === 'string') frequency = f;
  else if ('cron' in f) frequency = f.cron;
  else if ('trigger' in f) frequency = 'manual';
  else frequency = `PT${durationToMilliseconds(f) / 1000}S`;
  return { frequency, scope: schedule.scope ?? 'global' };
}
