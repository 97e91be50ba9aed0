import { useApi } from '@backstage/core-plugin-api';
import type { JobRun } from '@medallion/plugin-lakehouse-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { lakehouseApiRef } from '../../api';
import type { ListRunsQuery } from '../../api';
import { isActive } from './describe';
import type { RunsFilter } from './runsFilter';
import { runsFilterKey } from './runsFilter';
import {
  appendPage,
  mergeRefresh,
  refreshLimit,
  RUNS_PAGE_SIZE,
} from './runsPaging';
import type { LoadedRuns } from './runsPaging';

export const RUNS_POLL_MS = 3000;

export interface RunsPagesState {
  /** Undefined until the first page arrived. */
  loaded?: LoadedRuns;
  error?: Error;
  loadingMore: boolean;
  loadMoreError?: Error;
}

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

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
  const [state, setState] = useState<RunsPagesState>({ loadingMore: false });
  const stateRef = useRef(state);
  stateRef.current = state;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  // Answers for an earlier filter (or after unmount) are dropped.
  const generation = useRef(0);
  // A ref, not state: two clicks within one render must not fetch the page twice.
  const loadingMore = useRef(false);

  const refresh = useCallback(
    (limit = refreshLimit(stateRef.current.loaded?.items.length ?? 0)) => {
      const gen = generation.current;
      api.listRuns({ ...toQuery(filterRef.current), limit }).then(
        page => {
          if (gen === generation.current)
            setState(s => ({
              ...s,
              loaded: mergeRefresh(s.loaded, page, limit),
              error: undefined,
            }));
        },
        error => {
          if (gen === generation.current)
            setState(s => ({ ...s, error: toError(error) }));
        },
      );
    },
    [api],
  );

  const filterKey = runsFilterKey(filter);
  useEffect(() => {
    generation.current += 1;
    loadingMore.current = false;
    setState({ loadingMore: false });
    refresh(RUNS_PAGE_SIZE);
    return () => {
      generation.current += 1;
    };
  }, [filterKey, refresh]);

  // Undefined until the jobs are known: their first arrival is no news.
  const lastKey = useRef(refreshKey);
  useEffect(() => {
    const previous = lastKey.current;
    lastKey.current = refreshKey;
    if (previous !== undefined && refreshKey !== previous) refresh();
  }, [refreshKey, refresh]);

  const poll =
    (state.loaded?.items.some((r: JobRun) => isActive(r.status)) ?? false) ||
    (state.loaded === undefined && state.error !== undefined);
  useEffect(() => {
    if (!poll) return undefined;
    const timer = setInterval(() => refresh(), RUNS_POLL_MS);
    return () => clearInterval(timer);
  }, [poll, refresh]);

  const loadMore = useCallback(() => {
    const { loaded } = stateRef.current;
    if (!loaded?.nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const gen = generation.current;
    setState(s => ({ ...s, loadingMore: true, loadMoreError: undefined }));
    api
      .listRuns({
        ...toQuery(filterRef.current),
        limit: RUNS_PAGE_SIZE,
        cursor: loaded.nextCursor,
      })
      .then(
        page => {
          loadingMore.current = false;
          if (gen === generation.current)
            setState(s => ({
              ...s,
              loaded: appendPage(s.loaded ?? loaded, page),
              loadingMore: false,
            }));
        },
        error => {
          loadingMore.current = false;
          if (gen === generation.current)
            setState(s => ({
              ...s,
              loadingMore: false,
              loadMoreError: toError(error),
            }));
        },
      );
  }, [api]);

  return { ...state, loadMore, refresh };
}
