/**
 * How a cursor-paged list combines pages: "load more" appends older pages, and a
 * refresh re-reads everything shown in one request so new items appear on top, changed
 * ones update and the cursor stays right.
 */

export interface CursorPage<T> {
  items: T[];
  /** The next (older) page's cursor; null on the last page. */
  nextCursor: string | null;
}

export interface PagingRules<T> {
  pageSize: number;
  /** The backend's largest page. */
  maxLimit: number;
  /** Identity of an item, so a page overlapping the shown ones repeats nothing. */
  idOf: (item: T) => string;
}

/** The page size that re-reads every shown item (within the backend's limit). */
export const refreshLimitFor = <T>(shown: number, rules: PagingRules<T>) =>
  Math.min(Math.max(shown, rules.pageSize), rules.maxLimit);

/** An older page after the shown items; one already shown is not repeated. */
export function appendCursorPage<T>(
  loaded: CursorPage<T>,
  page: CursorPage<T>,
  idOf: (item: T) => string,
): CursorPage<T> {
  const shown = new Set(loaded.items.map(idOf));
  return {
    items: [...loaded.items, ...page.items.filter(i => !shown.has(idOf(i)))],
    nextCursor: page.nextCursor,
  };
}

/**
 * The shown items after a refresh that asked for the newest `limit`. When that covered
 * everything shown it replaces them (and the cursor); otherwise (more than the
 * backend's largest page is shown, or a "load more" landed meanwhile) the older items
 * beyond it are kept with their cursor.
 */
export function mergeCursorRefresh<T>(
  loaded: CursorPage<T> | undefined,
  fresh: CursorPage<T>,
  limit: number,
  idOf: (item: T) => string,
): CursorPage<T> {
  if (!loaded || loaded.items.length <= limit || fresh.nextCursor === null)
    return { items: fresh.items, nextCursor: fresh.nextCursor };
  const ids = new Set(fresh.items.map(idOf));
  return {
    items: [
      ...fresh.items,
      ...loaded.items.slice(limit).filter(i => !ids.has(idOf(i))),
    ],
    nextCursor: loaded.nextCursor,
  };
}
