import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { lakehouseApiRef } from '../../api';
import {
  appendOlderPage,
  mergeNewestPage,
  type SnapshotPages,
} from './snapshotTimelineData';

export const SNAPSHOT_PAGE_SIZE = 100;

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export interface SnapshotPagesState {
  value?: SnapshotPages;
  error?: Error;
  loading: boolean;
  loadingMore: boolean;
  /** The failure of the last "load more", shown next to its button. */
  moreError?: Error;
  loadMore: () => void;
}

/**
 * A table's snapshots newest first, a page at a time. The first page is read again
 * whenever `headSnapshotId` changes (a new commit), keeping older pages already loaded.
 * The caller remounts this per table, so state never mixes two tables.
 */
export function useSnapshotPages(
  namespace: string,
  table: string,
  headSnapshotId: string | null,
): SnapshotPagesState {
  const api = useApi(lakehouseApiRef);
  const [value, setValue] = useState<SnapshotPages>();
  const [error, setError] = useState<Error>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error>();
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    api.listSnapshots(namespace, table, { limit: SNAPSHOT_PAGE_SIZE }).then(
      page => {
        if (!current) return;
        setValue(pages => mergeNewestPage(pages, page));
        setError(undefined);
      },
      e => {
        if (current) setError(asError(e));
      },
    );
    return () => {
      current = false;
    };
  }, [api, namespace, table, headSnapshotId]);

  const cursor = value?.nextCursor ?? null;
  const loadMore = useCallback(() => {
    if (cursor === null || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    api
      .listSnapshots(namespace, table, { limit: SNAPSHOT_PAGE_SIZE, cursor })
      .then(
        page => {
          if (alive.current)
            setValue(pages => pages && appendOlderPage(pages, page));
        },
        e => {
          if (alive.current) setMoreError(asError(e));
        },
      )
      .finally(() => {
        if (alive.current) setLoadingMore(false);
      });
  }, [api, namespace, table, cursor, loadingMore]);

  return {
    value,
    error,
    loading: value === undefined && error === undefined,
    loadingMore,
    moreError,
    loadMore,
  };
}
