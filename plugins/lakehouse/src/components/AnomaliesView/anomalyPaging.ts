/** The flagged purchases list's paging: the shared cursor-paging rules, keyed by event id. */
import type {
  AnomaliesPage,
  ScoredPurchase,
} from '@medallion/plugin-lakehouse-common';
import {
  appendCursorPage,
  mergeCursorRefresh,
  refreshLimitFor,
  type CursorPage,
  type PagingRules,
} from '../shared/cursorPaging';

export const ANOMALIES_PAGE_SIZE = 50;
/** The backend's largest page. */
export const ANOMALIES_MAX_LIMIT = 200;

export type LoadedPurchases = CursorPage<ScoredPurchase>;

export const ANOMALIES_PAGING: PagingRules<ScoredPurchase> = {
  pageSize: ANOMALIES_PAGE_SIZE,
  maxLimit: ANOMALIES_MAX_LIMIT,
  idOf: p => p.eventId,
};

export const refreshLimit = (shown: number) =>
  refreshLimitFor(shown, ANOMALIES_PAGING);

export const appendPage = (
  loaded: LoadedPurchases,
  page: AnomaliesPage,
): LoadedPurchases => appendCursorPage(loaded, page, ANOMALIES_PAGING.idOf);

export const mergeRefresh = (
  loaded: LoadedPurchases | undefined,
  fresh: AnomaliesPage,
  limit: number,
): LoadedPurchases =>
  mergeCursorRefresh(loaded, fresh, limit, ANOMALIES_PAGING.idOf);
