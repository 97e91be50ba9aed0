/** The runs list's paging: the shared cursor-paging rules, keyed by run id. */
import type { JobRun, RunsPage } from '@medallion/plugin-lakehouse-common';
import {
  appendCursorPage,
  mergeCursorRefresh,
  refreshLimitFor,
  type CursorPage,
  type PagingRules,
} from '../shared/cursorPaging';

export const RUNS_PAGE_SIZE = 25;
/** The backend's largest page. */
export const RUNS_MAX_LIMIT = 200;

export type LoadedRuns = CursorPage<JobRun>;

export const RUNS_PAGING: PagingRules<JobRun> = {
  pageSize: RUNS_PAGE_SIZE,
  maxLimit: RUNS_MAX_LIMIT,
  idOf: r => r.runId,
};

export const refreshLimit = (shown: number) =>
  refreshLimitFor(shown, RUNS_PAGING);

export const appendPage = (loaded: LoadedRuns, page: RunsPage): LoadedRuns =>
  appendCursorPage(loaded, page, RUNS_PAGING.idOf);

export const mergeRefresh = (
  loaded: LoadedRuns | undefined,
  fresh: RunsPage,
  limit: number,
): LoadedRuns => mergeCursorRefresh(loaded, fresh, limit, RUNS_PAGING.idOf);
