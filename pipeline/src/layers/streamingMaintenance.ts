/**
 * Maintenance of the streaming tables (bronze, labels, silver, anomaly scores): commits every few seconds
 * leave many small files, many snapshots and files of crashed writers. Per table, in order:
 *
 * 1. table properties: old metadata files are deleted after each commit
 *    (write.metadata.delete-after-commit.enabled, previous-versions-max), set if missing;
 * 2. compaction of small files, per partition, only where enough of them pile up. The
 *    Kafka offsets and silver watermarks live in snapshot summaries and are read from the
 *    newest snapshot that has them, so the compaction snapshot carries them forward,
 *    computed against the head of each commit attempt: an ingester or silver commit that
 *    wins the race is carried too, never rolled back;
 * 3. snapshot expiry (older than an age, keeping the newest N), never expiring what the
 *    exactly-once anchors need: the snapshots carrying the offsets/watermarks, and in
 *    every snapshot from each consumer's watermark on (silver in bronze, the scorer in
 *    silver: they read the files appended after it, snapshot by snapshot);
 * 4. orphan files (crashed writers, fenced batches, old metadata) older than a safety age;
 *    files any live snapshot references are never touched.
 */
import type { Catalog, TableIdentifier } from '../iceberg/catalog/catalog';
import { expireSnapshots, removeOrphanFiles } from '../iceberg/maintenance';
import { ancestors } from '../iceberg/metadata';
import { rewriteDataFiles, type CompactionOptions } from '../iceberg/rewrite';
import { loadTableIfExists, type Table } from '../iceberg/table';
import type { TableMetadata } from '../iceberg/types';
import { updateProperties } from '../iceberg/updateProperties';
import {
  BRONZE_LABELS,
  BRONZE_PURCHASES,
  STREAMING_TABLE_PROPERTIES,
} from './bronzeTable';
import { WATERMARK_KEY } from './silverProcessor';
import { ANOMALIES_TABLE, SCORING_WATERMARK_KEY } from './streamTables';
import { watermarkIn } from './watermarkCommit';
import { SILVER_PURCHASES, SILVER_REJECTED } from './silverRows';

export const STREAMING_TABLES: TableIdentifier[] = [
  BRONZE_PURCHASES,
  BRONZE_LABELS,
  SILVER_PURCHASES,
  SILVER_REJECTED,
  ANOMALIES_TABLE,
];

/**
 * Who reads which table incrementally from a watermark: expiry keeps every snapshot
 * from the consumer's watermark on (it reads the files appended after it, snapshot by
 * snapshot).
 */
const CONSUMERS: Array<{
  source: TableIdentifier;
  consumer: TableIdentifier;
  key: string;
  required: boolean;
}> = [
  {
    source: BRONZE_PURCHASES,
    consumer: SILVER_PURCHASES,
    key: WATERMARK_KEY,
    required: true,
  },
  {
    source: BRONZE_PURCHASES,
    consumer: SILVER_REJECTED,
    key: WATERMARK_KEY,
    required: true,
  },
  {
    source: SILVER_PURCHASES,
    consumer: ANOMALIES_TABLE,
    key: SCORING_WATERMARK_KEY,
    required: false,
  },
];

const sameTable = (a: TableIdentifier, b: TableIdentifier) =>
  a.name === b.name && a.namespace.join('.') === b.namespace.join('.');

/** Summary properties that anchor exactly-once processing (offsets, watermarks). */
const ANCHOR_PREFIX = 'medallion.';

const METADATA_PROPERTIES = [
  'write.metadata.delete-after-commit.enabled',
  'write.metadata.previous-versions-max',
];

export interface MaintenanceOptions {
  /** Expire snapshots older than this many ms (default 30 minutes). */
  snapshotMaxAgeMs?: number;
  /** ...but always keep this many of the newest (default 10). */
  retainSnapshots?: number;
  /** Only files older than this many ms can be orphans (default 1 hour). */
  orphanMinAgeMs?: number;
  /** A partition is compacted once it has this many small files (default 5). */
  minInputFiles?: number;
  /** Files smaller than this are small (default: 3/4 of the table's target file size). */
  smallFileBytes?: number;
  /** Checked between steps and tables: an aborted run stops at the next boundary. */
  signal?: AbortSignal;
  /** The clock (tests). */
  now?: () => number;
}

export interface TableMaintenanceReport {
  table: string;
  /** Why nothing was done (e.g. the table does not exist yet). */
  skipped?: string;
  propertiesSet: string[];
  compaction: {
    partitions: number;
    rewrittenFiles: number;
    addedFiles: number;
  };
  expiredSnapshots: number;
  deletedFiles: number;
  orphanFiles: number;
  durationMs: number;
}

/** Every anchor property with its newest value on main's history. */
export function carriedSummary(meta: TableMetadata): Record<string, string> {
  const carried: Record<string, string> = {};
  for (const snapshot of ancestors(meta)) {
    for (const [key, value] of Object.entries(snapshot.summary)) {
      if (key.startsWith(ANCHOR_PREFIX) && !(key in carried))
        carried[key] = value;
    }
  }
  return carried;
}

/** Compaction that keeps the table's offsets and watermarks on its own snapshot. */
export function compactStreamingTable(
  table: Table,
  options: CompactionOptions = {},
) {
  return rewriteDataFiles(table, { ...options, summaryFor: carriedSummary });
}

/**
 * The oldest snapshot expiry must keep: the newest snapshot carrying each anchor and, in
 * bronze, silver's watermarks. Returns its timestamp (expiry keeps everything newer).
 */
async function protectedSince(
  catalog: Catalog,
  table: Table,
): Promise<number | undefined> {
  const meta = table.metadata;
  const chain = ancestors(meta);
  const keep: bigint[] = [];
  const seen = new Set<string>();
  for (const snapshot of chain) {
    const anchors = Object.keys(snapshot.summary).filter(
      k => k.startsWith(ANCHOR_PREFIX) && !seen.has(k),
    );
    anchors.forEach(k => seen.add(k));
    if (anchors.length > 0) keep.push(snapshot['snapshot-id']);
  }
  for (const c of CONSUMERS) {
    if (!sameTable(c.source, table.identifier)) continue;
    const consumer = await loadTableIfExists(catalog, c.consumer);
    const watermark = consumer && watermarkIn(consumer.metadata, c.key);
    // A consumer that has not read yet will read every snapshot: keep them all. An
    // optional one (scoring) that never ran does a full scan when it first runs.
    if (watermark === undefined) {
      if (c.required) return -Infinity;
      continue;
    }
    keep.push(watermark);
  }
  const times = chain
    .filter(s => keep.includes(s['snapshot-id']))
    .map(s => s['timestamp-ms']);
  return times.length > 0 ? Math.min(...times) : undefined;
}

async function ensureMetadataProperties(table: Table): Promise<string[]> {
  const missing = METADATA_PROPERTIES.filter(
    key => table.metadata.properties[key] === undefined,
  );
  if (missing.length === 0) return [];
  await updateProperties(table, {
    set: Object.fromEntries(
      missing.map(key => [key, STREAMING_TABLE_PROPERTIES[key]!]),
    ),
  });
  return missing;
}

export async function maintainTable(
  catalog: Catalog,
  id: TableIdentifier,
  options: MaintenanceOptions = {},
): Promise<TableMaintenanceReport> {
  const started = Date.now();
  const now = options.now ?? Date.now;
  const report: TableMaintenanceReport = {
    table: [...id.namespace, id.name].join('.'),
    propertiesSet: [],
    compaction: { partitions: 0, rewrittenFiles: 0, addedFiles: 0 },
    expiredSnapshots: 0,
    deletedFiles: 0,
    orphanFiles: 0,
    durationMs: 0,
  };
  const aborted = () => options.signal?.aborted === true;
  let table = await loadTableIfExists(catalog, id);
  if (!table) return { ...report, skipped: 'no such table yet' };

  report.propertiesSet = await ensureMetadataProperties(table);
  if (aborted()) return report;

  table = await table.refresh();
  const compaction = await compactStreamingTable(table, {
    minInputFiles: options.minInputFiles,
    smallFileBytes: options.smallFileBytes,
  });
  report.compaction = {
    partitions: compaction.partitions,
    rewrittenFiles: compaction.rewrittenFiles,
    addedFiles: compaction.addedFiles,
  };
  if (aborted()) return report;

  table = await table.refresh();
  const since = await protectedSince(catalog, table);
  const cutoff = Math.min(
    now() - (options.snapshotMaxAgeMs ?? 30 * 60_000),
    since ?? Infinity,
  );
  const expired = await expireSnapshots(table, {
    olderThanMs: cutoff,
    retainLast: options.retainSnapshots ?? 10,
  });
  report.expiredSnapshots = expired.expiredSnapshots.length;
  const d = expired.deletedFiles;
  report.deletedFiles = d.dataFiles + d.manifests + d.manifestLists;
  if (aborted()) return report;

  const orphans = await removeOrphanFiles(expired.table, {
    olderThanMs: now() - (options.orphanMinAgeMs ?? 3_600_000),
  });
  report.orphanFiles = orphans.length;
  report.durationMs = Date.now() - started;
  return report;
}

/** Maintains each table in turn (default: all streaming tables). */
export async function maintainStreamingTables(
  catalog: Catalog,
  options: MaintenanceOptions & { tables?: TableIdentifier[] } = {},
): Promise<TableMaintenanceReport[]> {
  const reports: TableMaintenanceReport[] = [];
  for (const id of options.tables ?? STREAMING_TABLES) {
    if (options.signal?.aborted) break;
    reports.push(await maintainTable(catalog, id, options));
  }
  return reports;
}

export function describeMaintenance(r: TableMaintenanceReport): string {
  if (r.skipped) return `${r.table}: skipped (${r.skipped})`;
  const c = r.compaction;
  const parts = [
    c.rewrittenFiles > 0
      ? `compacted ${c.rewrittenFiles} files into ${c.addedFiles} (${c.partitions} partitions)`
      : 'nothing to compact',
    `${r.expiredSnapshots} snapshots expired (${r.deletedFiles} files deleted)`,
    `${r.orphanFiles} orphan files removed`,
  ];
  if (r.propertiesSet.length > 0)
    parts.push(`set ${r.propertiesSet.join(', ')}`);
  return `${r.table}: ${parts.join(' · ')} · ${(r.durationMs / 1000).toFixed(
    1,
  )}s`;
}
