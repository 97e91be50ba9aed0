/**
 * The runs list's filters live in the query string (`?job=silver&status=failed,running`),
 * so the Lineage view can link to a job's runs and a filtered list can be shared.
 */
import type { JobName, RunStatus } from '@medallion/plugin-lakehouse-common';
import { isJobName, RUN_STATUSES } from '@medallion/plugin-lakehouse-common';

export interface RunsFilter {
  job?: JobName;
  /** Empty: every status. */
  status: RunStatus[];
}

const isRunStatus = (value: string): value is RunStatus =>
  (RUN_STATUSES as readonly string[]).includes(value);

export function readRunsFilter(search: URLSearchParams): RunsFilter {
  const job = search.get('job');
  const status = (search.get('status') ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(isRunStatus);
  return {
    job: isJobName(job) ? job : undefined,
    // in RUN_STATUSES order, without repeats, so equal filters have equal keys
    status: RUN_STATUSES.filter(s => status.includes(s)),
  };
}

/** The query string with the filter applied; other parameters are kept. */
export function writeRunsFilter(
  search: URLSearchParams,
  filter: RunsFilter,
): URLSearchParams {
  const next = new URLSearchParams(search);
  if (filter.job) next.set('job', filter.job);
  else next.delete('job');
  const status = RUN_STATUSES.filter(s => filter.status.includes(s));
  if (status.length) next.set('status', status.join(','));
  else next.delete('status');
  return next;
}

export const runsFilterKey = (filter: RunsFilter) =>
  `${filter.job ?? ''}|${filter.status.join(',')}`;
