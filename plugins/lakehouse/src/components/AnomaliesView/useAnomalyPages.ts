import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect } from 'react';
import { lakehouseApiRef } from '../../api';
import { useCursorPages } from '../shared/useCursorPages';
import type { AnomaliesFilter } from './anomaliesFilter';
import { anomaliesFilterKey, toListQuery } from './anomaliesFilter';
import { ANOMALIES_PAGING } from './anomalyPaging';
import { ANOMALIES_POLL_MS } from './anomalyPolling';

/**
 * The scored purchases matching a filter, newest first, a page at a time; every
 * {@link ANOMALIES_POLL_MS} the shown ones are re-read so new purchases appear on top.
 */
export function useAnomalyPages(filter: AnomaliesFilter) {
  const api = useApi(lakehouseApiRef);
  const key = anomaliesFilterKey(filter);
  const fetchPage = useCallback(
    (page: { limit: number; cursor?: string }) =>
      api.listAnomalies({ ...toListQuery(filter), ...page }),
    [api, filter],
  );
  const pages = useCursorPages(fetchPage, key, ANOMALIES_PAGING);
  const { refresh } = pages;
  useEffect(() => {
    const timer = setInterval(() => refresh(), ANOMALIES_POLL_MS);
    return () => clearInterval(timer);
  }, [key, refresh]);
  return pages;
}
