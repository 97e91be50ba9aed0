import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { lakehouseApiRef } from '../../api';
import type { AnomaliesFilter } from './anomaliesFilter';
import { anomaliesFilterKey, toListQuery } from './anomaliesFilter';
import {
  ANOMALIES_PAGE_SIZE,
  appendPage,
  mergeRefresh,
  refreshLimit,
} from './anomalyPaging';
import type { LoadedPurchases } from './anomalyPaging';
import { ANOMALIES_POLL_MS } from './anomalyPolling';

export interface AnomalyPagesState {
  /** Undefined until the first page arrived. */
  loaded?: LoadedPurchases;
  error?: Error;
  loadingMore: boolean;
  loadMoreError?: Error;
}

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * The scored purchases matching a filter, newest first, a page at a time; every
 * {@link ANOMALIES_POLL_MS} the shown ones are re-read so new purchases appear on top.
 */
export function useAnomalyPages(filter: AnomaliesFilter) {
  const api = useApi(lakehouseApiRef);
  const [state, setState] = useState<AnomalyPagesState>({
    loadingMore: false,
  });
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
      api.listAnomalies({ ...toListQuery(filterRef.current), limit }).then(
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

  const key = anomaliesFilterKey(filter);
  useEffect(() => {
    generation.current += 1;
    loadingMore.current = false;
    setState({ loadingMore: false });
    refresh(ANOMALIES_PAGE_SIZE);
    const timer = setInterval(() => refresh(), ANOMALIES_POLL_MS);
    return () => {
      clearInterval(timer);
      generation.current += 1;
    };
  }, [key, refresh]);

  const loadMore = useCallback(() => {
    const { loaded } = stateRef.current;
    if (!loaded?.nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const gen = generation.current;
    setState(s => ({ ...s, loadingMore: true, loadMoreError: undefined }));
    api
      .listAnomalies({
        ...toListQuery(filterRef.current),
        limit: ANOMALIES_PAGE_SIZE,
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

  return { ...state, loadMore };
}
