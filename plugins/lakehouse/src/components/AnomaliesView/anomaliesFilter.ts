/**
 * The Anomalies tab's filters, kept in the query string (`?since=day&minScore=0.6`) so
 * a filtered view can be linked to and survives the drill-down and back.
 */
import type {
  AnomalyPatternFilter,
  AnomalyStats,
} from '@medallion/plugin-lakehouse-common';
import { ANOMALY_PATTERN_NAMES } from '@medallion/plugin-lakehouse-common';
import type {
  AnomalyStatsQuery,
  ListAnomaliesQuery,
} from '../../api/LakehouseApi';

export type SinceOption = 'hour' | 'day' | 'week' | 'all';
export type DecisionFilter = 'anomaly' | 'all';

export const SINCE_OPTIONS: ReadonlyArray<{
  value: SinceOption;
  label: string;
  /** The window's length; null: everything scored. */
  seconds: number | null;
}> = [
  { value: 'hour', label: 'Last hour', seconds: 3600 },
  { value: 'day', label: 'Last 24 hours', seconds: 86_400 },
  { value: 'week', label: 'Last 7 days', seconds: 7 * 86_400 },
  { value: 'all', label: 'All time', seconds: null },
];

export interface AnomaliesFilter {
  since: SinceOption;
  /** 0..1; undefined: any score. */
  minScore?: number;
  pattern?: AnomalyPatternFilter;
  decision: DecisionFilter;
}

/** Everything scored, flagged purchases only: a first visit never shows an empty window. */
export const DEFAULT_FILTER: AnomaliesFilter = {
  since: 'all',
  decision: 'anomaly',
};

/** Histogram resolution asked of the backend. */
export const HISTOGRAM_BINS = 20;

const isSince = (v: string | null): v is SinceOption =>
  SINCE_OPTIONS.some(o => o.value === v);

export const isPatternFilter = (v: string | null): v is AnomalyPatternFilter =>
  v === 'unlabelled' ||
  (ANOMALY_PATTERN_NAMES as readonly string[]).includes(v ?? '');

/** A min-score text as typed: a number in [0, 1], undefined when blank, null when invalid. */
export function parseMinScore(text: string): number | undefined | null {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

/**
 * The window's start as ISO, `now` minus its length; undefined for "all". Computed at
 * every request, so a polled "last hour" keeps rolling forward.
 */
export function sinceToIso(
  since: SinceOption,
  now: number = Date.now(),
): string | undefined {
  const seconds = SINCE_OPTIONS.find(o => o.value === since)?.seconds ?? null;
  return seconds === null
    ? undefined
    : new Date(now - seconds * 1000).toISOString();
}

/** The filter in a query string; anything unknown falls back to the default. */
export function readAnomaliesFilter(search: URLSearchParams): AnomaliesFilter {
  const since = search.get('since');
  const pattern = search.get('pattern');
  const minScore = parseMinScore(search.get('minScore') ?? '');
  return {
    since: isSince(since) ? since : DEFAULT_FILTER.since,
    minScore: minScore ?? undefined,
    pattern: isPatternFilter(pattern) ? pattern : undefined,
    decision: search.get('decision') === 'all' ? 'all' : 'anomaly',
  };
}

/** `search` with the filter's keys replaced (defaults left out); other keys kept. */
export function writeAnomaliesFilter(
  search: URLSearchParams,
  filter: AnomaliesFilter,
): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of ['since', 'minScore', 'pattern', 'decision'])
    next.delete(key);
  if (filter.since !== DEFAULT_FILTER.since) next.set('since', filter.since);
  if (filter.minScore !== undefined)
    next.set('minScore', String(filter.minScore));
  if (filter.pattern) next.set('pattern', filter.pattern);
  if (filter.decision !== DEFAULT_FILTER.decision)
    next.set('decision', filter.decision);
  return next;
}

/** Equal for equal filters: what the list re-fetches on. */
export const anomaliesFilterKey = (f: AnomaliesFilter) =>
  [f.since, f.minScore ?? '', f.pattern ?? '', f.decision].join('|');

export const isFiltered = (f: AnomaliesFilter) =>
  anomaliesFilterKey(f) !== anomaliesFilterKey(DEFAULT_FILTER);

/** The list request for a filter at `now`. */
export const toListQuery = (
  f: AnomaliesFilter,
  now: number = Date.now(),
): ListAnomaliesQuery => ({
  since: sinceToIso(f.since, now),
  minScore: f.minScore,
  pattern: f.pattern,
  decision: f.decision,
});

/** The stats request for a filter at `now`: only the window applies to the figures. */
export const toStatsQuery = (
  f: AnomaliesFilter,
  now: number = Date.now(),
): AnomalyStatsQuery => ({
  since: sinceToIso(f.since, now),
  bins: HISTOGRAM_BINS,
});

export const sinceLabel = (since: SinceOption) =>
  SINCE_OPTIONS.find(o => o.value === since)?.label ?? since;

/** The window the stats cover, in words. */
export const statsWindowText = (stats: AnomalyStats) =>
  stats.since === null
    ? 'everything scored'
    : `purchases since ${new Date(stats.since).toLocaleString('en-US')}`;
