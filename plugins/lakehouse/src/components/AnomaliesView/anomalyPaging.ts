/**
 * How the flagged purchases list combines pages: "load more" appends older pages, and a
 * poll re-reads everything shown in one request so new purchases appear on top and the
 * cursor stays right.
 */
import type {
  AnomaliesPage,
  ScoredPurchase,
} from '@medallion/plugin-lakehouse-common';

export const ANOMALIES_PAGE_SIZE = 50;
/** The backend's largest page. */
export const ANOMALIES_MAX_LIMIT = 200;

export interface LoadedPurchases {
  items: ScoredPurchase[];
  nextCursor: string | null;
}

/** The page size that re-reads every shown purchase (within the backend's limit). */
export const refreshLimit = (shown: number) =>
  Math.min(Math.max(shown, ANOMALIES_PAGE_SIZE), ANOMALIES_MAX_LIMIT);

/** An older page after the shown purchases; one already shown is not repeated. */
export function appendPage(
  loaded: LoadedPurchases,
  page: AnomaliesPage,
): LoadedPurchases {
  const shown = new Set(loaded.items.map(p => p.eventId));
  return {
    items: [...loaded.items, ...page.items.filter(p => !shown.has(p.eventId))],
    nextCursor: page.nextCursor,
  };
}

/**
 * The shown purchases after a poll that asked for the newest `limit`. When that covered
 * everything shown it replaces them (and the cursor); otherwise (more than the largest
 * page is shown) the older ones beyond it are kept with their cursor.
 */
export function mergeRefresh(
  loaded: LoadedPurchases | undefined,
  fresh: AnomaliesPage,
  limit: number,
): LoadedPurchases {
  if (!loaded || loaded.items.length <= limit || fresh.nextCursor === null)
    return { items: fresh.items, nextCursor: fresh.nextCursor };
  const ids = new Set(fresh.items.map(p => p.eventId));
  return {
    items: [
      ...fresh.items,
      ...loaded.items.slice(limit).filter(p => !ids.has(p.eventId)),
    ],
    nextCursor: loaded.nextCursor,
  };
}
