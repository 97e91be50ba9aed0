import { useCallback, useEffect, useRef, useState } from 'react';
import {
  appendCursorPage,
  mergeCursorRefresh,
  refreshLimitFor,
  type CursorPage,
  type PagingRules,
} from './cursorPaging';

export interface CursorPagesState<T> {
  /** Undefined until the first page arrived. */
  loaded?: CursorPage<T>;
  error?: Error;
  loadingMore: boolean;
  loadMoreError?: Error;
}

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * A cursor-paged list, newest first, a page at a time: the first page whenever
 * `filterKey` changes, older pages on `loadMore`, and `refresh()` re-reading everything
 * shown (callers decide when to poll). `fetchPage` may close over the current filter:
 * the latest one is always used.
 */
export function useCursorPages<T>(
  fetchPage: (page: {
    limit: number;
    cursor?: string;
  }) => Promise<CursorPage<T>>,
  filterKey: string,
  rules: PagingRules<T>,
) {
  const [state, setState] = useState<CursorPagesState<T>>({
    loadingMore: false,
  });
  const stateRef = useRef(state);
  stateRef.current = state;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const rulesRef = useRef(rules);
  rulesRef.current = rules;
  // Answers for an earlier filter (or after unmount) are dropped.
  const generation = useRef(0);
  // A ref, not state: two clicks within one render must not fetch the page twice.
  const loadingMore = useRef(false);

  const refresh = useCallback((requested?: number) => {
    const { idOf } = rulesRef.current;
    const limit =
      requested ??
      refreshLimitFor(
        stateRef.current.loaded?.items.length ?? 0,
        rulesRef.current,
      );
    const gen = generation.current;
    fetchRef.current({ limit }).then(
      page => {
        if (gen === generation.current)
          setState(s => ({
            ...s,
            loaded: mergeCursorRefresh(s.loaded, page, limit, idOf),
            error: undefined,
          }));
      },
      error => {
        if (gen === generation.current)
          setState(s => ({ ...s, error: toError(error) }));
      },
    );
  }, []);

  useEffect(() => {
    generation.current += 1;
    loadingMore.current = false;
    setState({ loadingMore: false });
    refresh(rulesRef.current.pageSize);
    return () => {
      generation.current += 1;
    };
  }, [filterKey, refresh]);

  const loadMore = useCallback(() => {
    const { loaded } = stateRef.current;
    if (!loaded?.nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    const gen = generation.current;
    const { idOf, pageSize } = rulesRef.current;
    setState(s => ({ ...s, loadingMore: true, loadMoreError: undefined }));
    fetchRef.current({ limit: pageSize, cursor: loaded.nextCursor }).then(
      page => {
        loadingMore.current = false;
        if (gen === generation.current)
          setState(s => ({
            ...s,
            loaded: appendCursorPage(s.loaded ?? loaded, page, idOf),
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
  }, []);

  return { ...state, loadMore, refresh };
}
