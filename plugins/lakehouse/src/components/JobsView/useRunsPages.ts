import { useApi } from '@backstage/core-plugin-api';
import type { JobRun } from '@medallion/plugin-lakehouse-common';
import { useCallback, useEffect, useRef } from 'react';
import { lakehouseApiRef } from '../../api';
import type { ListRunsQuery } from '../../api';
import { isActive } from './describe';
import type { RunsFilter } from './runsFilter';
import { runsFilterKey } from './runsFilter';
import { useCursorPages } from '../shared/useCursorPages';
import { RUNS_PAGING } from './runsPaging';

export const RUNS_POLL_MS = 3000;

const toQuery = (filter: RunsFilter): ListRunsQuery => ({
  job: filter.job,
  status: filter.status.length ? filter.status : undefined,
});

/**
 * The runs matching a filter, newest first, a page at a time. Re-read every
 * {@link RUNS_POLL_MS} while a shown run is active (or the first page failed), and
 * whenever a defined `refreshKey` changes (the jobs list saw a run start or end).
 */
export function useRunsPages(filter: RunsFilter, refreshKey?: string) {
  const api = useApi(lakehouseApiRef);
  const fetchPage = useCallback(
    (page: { limit: number; cursor?: string }) =>
      api.listRuns({ ...toQuery(filter), ...page }),
    [api, filter],
  );
  const pages = useCursorPages(fetchPage, runsFilterKey(filter), RUNS_PAGING);
  const { refresh, loaded, error } = pages;

  // Undefined until the jobs are known: their first arrival is no news.
  const lastKey = useRef(refreshKey);
  useEffect(() => {
    const previous = lastKey.current;
    lastKey.current = refreshKey;
    if (previous !== undefined && refreshKey !== previous) refresh();
  }, [refreshKey, refresh]);

  const poll =
    (loaded?.items.some((r: JobRun) => isActive(r.status)) ?? false) ||
    (loaded === undefined && error !== undefined);
  useEffect(() => {
    if (!poll) return undefined;
    const timer = setInterval(() => refresh(), RUNS_POLL_MS);
    return () => clearInterval(timer);
  }, [poll, refresh]);

  return pages;
}
