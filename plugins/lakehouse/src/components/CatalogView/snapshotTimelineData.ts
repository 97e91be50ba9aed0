/**
 * Snapshots as points of the timeline chart and rows of its table: what each commit
 * added, read from the Iceberg snapshot summary (string-valued; keys are absent when a
 * commit added or removed nothing, which means 0).
 */
import type {
  SnapshotInfo,
  SnapshotsPage,
} from '@medallion/plugin-lakehouse-common';
import { formatNumber } from '../shared';

export interface TimelinePoint {
  snapshotId: string;
  sequenceNumber: number;
  timestamp: string;
  time: Date;
  operation: string;
  addedRows: number;
  addedFiles: number;
  deletedRows: number;
  deletedFiles: number;
  /** Rows in the table after the commit, when the summary says. */
  totalRows: number | null;
  /** A `replace` commit: files rewritten (compaction), no data added or removed. */
  compaction: boolean;
}

function counter(summary: Record<string, string>, key: string): number | null {
  const raw = summary[key];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

export function timelinePoint(snapshot: SnapshotInfo): TimelinePoint {
  const count = (key: string) => counter(snapshot.summary, key) ?? 0;
  return {
    snapshotId: snapshot.snapshotId,
    sequenceNumber: snapshot.sequenceNumber,
    timestamp: snapshot.timestamp,
    time: new Date(snapshot.timestamp),
    operation: snapshot.operation,
    addedRows: count('added-records'),
    addedFiles: count('added-data-files'),
    deletedRows: count('deleted-records'),
    deletedFiles: count('deleted-data-files'),
    totalRows: counter(snapshot.summary, 'total-records'),
    compaction: snapshot.operation === 'replace',
  };
}

/** The snapshots as points, oldest first (the order of a time axis). */
export function timelinePoints(snapshots: SnapshotInfo[]): TimelinePoint[] {
  return snapshots
    .map(timelinePoint)
    .sort(
      (a, b) =>
        a.sequenceNumber - b.sequenceNumber ||
        a.time.getTime() - b.time.getTime(),
    );
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

/** UTC as `2026-01-31 09:59:50`: the same on every machine and Node version. */
const utc = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/**
 * The chart in words, for screen readers and as its caption. Compactions are counted
 * apart: they re-add the rows they rewrite, which are not new data.
 */
export function timelineSummary(points: TimelinePoint[], total: number) {
  if (points.length === 0) return 'No snapshots yet.';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const data = points.filter(p => !p.compaction);
  const compactions = points.filter(p => p.compaction);
  const sum = (ps: TimelinePoint[], key: 'addedRows' | 'addedFiles') =>
    ps.reduce((acc, p) => acc + p[key], 0);
  const shown =
    points.length < total
      ? `The newest ${plural(points.length, 'snapshot')} of ${formatNumber(
          total,
        )}`
      : plural(points.length, 'snapshot');
  const range =
    first.timestamp === last.timestamp
      ? utc(first.time)
      : `${utc(first.time)} to ${utc(last.time)}`;
  const parts = [
    `${shown}, ${range} UTC.`,
    `${plural(data.length, 'data commit')} added ${plural(
      sum(data, 'addedRows'),
      'row',
    )} in ${plural(sum(data, 'addedFiles'), 'file')}.`,
  ];
  if (compactions.length > 0)
    parts.push(
      `${plural(compactions.length, 'compaction')} (replace) rewrote ${plural(
        compactions.reduce((acc, p) => acc + p.deletedFiles, 0),
        'file',
      )} into ${plural(sum(compactions, 'addedFiles'), 'file')}.`,
    );
  return parts.join(' ');
}

/** Loaded pages of a table's snapshots, newest first. */
export interface SnapshotPages {
  items: SnapshotInfo[];
  nextCursor: string | null;
  total: number;
  /** How many pages have been loaded (older pages through "load more"). */
  pages: number;
}

export const firstPages = (page: SnapshotsPage): SnapshotPages => ({
  ...page,
  pages: 1,
});

/** Appends an older page (from "load more"), skipping any snapshot already there. */
export function appendOlderPage(
  pages: SnapshotPages,
  page: SnapshotsPage,
): SnapshotPages {
  const seen = new Set(pages.items.map(s => s.snapshotId));
  return {
    items: [...pages.items, ...page.items.filter(s => !seen.has(s.snapshotId))],
    nextCursor: page.nextCursor,
    total: page.total,
    pages: pages.pages + 1,
  };
}

/**
 * Takes in a fresh first page after new commits while keeping older pages the user
 * loaded. Cursors name a position, not an offset, so the older cursor stays valid.
 * If the fresh page does not reach what was loaded (more new commits than a page),
 * keeping them would leave a gap, so they are dropped instead.
 */
export function mergeNewestPage(
  pages: SnapshotPages | undefined,
  page: SnapshotsPage,
): SnapshotPages {
  // A single page, or one that now holds every snapshot, is simply replaced.
  if (!pages || pages.pages <= 1 || page.nextCursor === null)
    return firstPages(page);
  const loaded = new Set(pages.items.map(s => s.snapshotId));
  if (!page.items.some(s => loaded.has(s.snapshotId))) return firstPages(page);
  const fresh = page.items.filter(s => !loaded.has(s.snapshotId));
  return {
    items: [...fresh, ...pages.items],
    nextCursor: pages.nextCursor,
    total: page.total,
    pages: pages.pages,
  };
}
