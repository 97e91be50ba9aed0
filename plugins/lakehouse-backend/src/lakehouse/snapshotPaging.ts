/**
 * A table's snapshots newest first, in pages. The cursor names the position after the
 * last item returned (its sequence number, time and id), not an offset, so commits
 * arriving between two page requests neither repeat nor skip items, and a cursor stays
 * valid when the snapshot it points at has since been expired.
 */
import { InputError } from '@backstage/errors';
import type { Snapshot, TableMetadata } from '@medallion/pipeline';
import type {
  SnapshotInfo,
  SnapshotsPage,
} from '@medallion/plugin-lakehouse-common';
import { z } from 'zod';
import { snapshotInfo } from './tableSummary';

export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_SNAPSHOT_LIMIT = 50;

interface SortKey {
  sequence: bigint;
  timestampMs: number;
  id: bigint;
}

/** Snapshots newest first with their sort keys: built once per metadata file. */
export interface SnapshotIndex {
  keys: SortKey[];
  items: SnapshotInfo[];
}

const keyOf = (s: Snapshot): SortKey => ({
  sequence: s['sequence-number'],
  timestampMs: s['timestamp-ms'],
  id: s['snapshot-id'],
});

const cmpBig = (a: bigint, b: bigint) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

/** Negative when `a` comes first in the newest-first order. */
function compareNewestFirst(a: SortKey, b: SortKey): number {
  return (
    cmpBig(b.sequence, a.sequence) ||
    b.timestampMs - a.timestampMs ||
    cmpBig(b.id, a.id)
  );
}

export function indexSnapshots(meta: TableMetadata): SnapshotIndex {
  const sorted = meta.snapshots
    .map(s => ({ key: keyOf(s), snapshot: s }))
    .sort((a, b) => compareNewestFirst(a.key, b.key));
  return {
    keys: sorted.map(e => e.key),
    items: sorted.map(e => snapshotInfo(e.snapshot)),
  };
}

const cursorSchema = z.object({
  s: z.string().regex(/^-?\d+$/),
  t: z.number().int(),
  i: z.string().regex(/^-?\d+$/),
});

export function encodeCursor(key: SortKey): string {
  const json = JSON.stringify({
    s: key.sequence.toString(),
    t: key.timestampMs,
    i: key.id.toString(),
  });
  return Buffer.from(json, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success)
    throw new InputError(
      'invalid cursor: pass the nextCursor of a previous page',
    );
  return {
    sequence: BigInt(result.data.s),
    timestampMs: result.data.t,
    id: BigInt(result.data.i),
  };
}

/** A page limit from a caller: an integer 1..500, `fallback` when absent. */
export function checkLimit(
  limit: number | undefined,
  fallback: number,
): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new InputError(
      `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}, got ${limit}`,
    );
  }
  return limit;
}

/** First index whose key comes strictly after `cursor` in newest-first order. */
function startAfter(keys: SortKey[], cursor: SortKey): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareNewestFirst(keys[mid]!, cursor) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function snapshotsPage(
  index: SnapshotIndex,
  options: { limit?: number; cursor?: string } = {},
): SnapshotsPage {
  const limit = checkLimit(options.limit, DEFAULT_SNAPSHOT_LIMIT);
  const start =
    options.cursor === undefined
      ? 0
      : startAfter(index.keys, decodeCursor(options.cursor));
  const end = Math.min(start + limit, index.items.length);
  return {
    items: index.items.slice(start, end),
    nextCursor:
      end < index.items.length ? encodeCursor(index.keys[end - 1]!) : null,
    total: index.items.length,
  };
}
