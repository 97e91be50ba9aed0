/**
 * How the runs list combines pages: "load more" appends older pages, and a refresh
 * re-reads everything shown in one request so statuses and the cursor stay right.
 */
import type { JobRun, RunsPage } from '@medallion/plugin-lakehouse-common';

export const RUNS_PAGE_SIZE = 25;
/** The backend's largest page. */
export const RUNS_MAX_LIMIT = 200;

export interface LoadedRuns {
  items: JobRun[];
  nextCursor: string | null;
}

/** The page size that re-reads every shown run (within the backend's limit). */
export const refreshLimit = (shown: number) =>
  Math.min(Math.max(shown, RUNS_PAGE_SIZE), RUNS_MAX_LIMIT);

/** An older page after the shown runs; a run already shown is not repeated. */
export function appendPage(loaded: LoadedRuns, page: RunsPage): LoadedRuns {
  const shown = new Set(loaded.items.map(r => r.runId));
  return {
    items: [...loaded.items, ...page.items.filter(r => !shown.has(r.runId))],
    nextCursor: page.nextCursor,
  };
}

/**
 * The shown runs after a refresh that asked for the newest `limit` runs. When that
 * covered everything shown it replaces them (and the cursor); otherwise (more than the
 * backend's largest page is shown, or a "load more" landed meanwhile) the older runs
 * beyond it are kept with their cursor.
 */
export function mergeRefresh(
  loaded: LoadedRuns | undefined,
  fresh: RunsPage,
  limit: number,
): LoadedRuns {
  if (!loaded || loaded.items.length <= limit || fresh.nextCursor === null)
    return { items: fresh.items, nextCursor: fresh.nextCursor };
  const ids = new Set(fresh.items.map(r => r.runId));
  return {
    items: [
      ...fresh.items,
      ...loaded.items.slice(limit).filter(r => !ids.has(r.runId)),
    ],
    nextCursor: loaded.nextCursor,
  };
}
