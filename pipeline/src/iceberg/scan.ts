/**
 * Scan planning: which data files a read must open. Picks the snapshot (current, by
 * id, or as of a time), skips whole manifests by their partition summaries, then data
 * files by partition value and by column metrics. Incremental planning lists the files
 * appended between two snapshots, which is how silver follows bronze.
 */
import {
  alwaysTrue,
  bind,
  metricsMayMatch,
  partitionFilter,
  type Expression,
  type PartitionFilter,
} from './expressions';
import type { FileIO } from './io/fileIO';
import {
  ancestors,
  currentSnapshot,
  schemaById,
  snapshotAsOf,
  snapshotById,
  specById,
} from './metadata';
import { partitionType } from './partitioning';
import { readManifestEntries, snapshotManifests } from './snapshotProducer';
import type { Table } from './table';
import {
  isPrimitive,
  ManifestContent,
  ManifestEntryStatus,
  type DataFile,
  type PrimitiveType,
  type Schema,
  type Snapshot,
} from './types';

export class ScanError extends Error {}

export interface ScanOptions {
  snapshotId?: bigint;
  asOfTimestampMs?: number;
  filter?: Expression;
}

export interface FileScanTask {
  file: DataFile;
  specId: number;
  /** Data sequence number of the file. */
  sequenceNumber: bigint;
}

export interface ScanPlan {
  snapshot?: Snapshot;
  /** The schema to read with (the snapshot's for time travel, else the current one). */
  schema: Schema;
  tasks: FileScanTask[];
  stats: {
    manifests: number;
    manifestsSkipped: number;
    files: number;
    filesSkippedByPartition: number;
    filesSkippedByMetrics: number;
  };
}

export function selectSnapshot(
  table: Table,
  options: ScanOptions,
): Snapshot | undefined {
  const meta = table.metadata;
  if (options.snapshotId !== undefined)
    return snapshotById(meta, options.snapshotId);
  if (options.asOfTimestampMs !== undefined) {
    const found = snapshotAsOf(meta, options.asOfTimestampMs);
    if (!found) {
      throw new ScanError(
        `${table.name} has no snapshot as of ${new Date(
          options.asOfTimestampMs,
        ).toISOString()}`,
      );
    }
    return found;
  }
  return currentSnapshot(meta);
}

function resultTypes(
  table: Table,
  specId: number,
  schema: Schema,
): PrimitiveType[] {
  return partitionType(specById(table.metadata, specId), schema).fields.map(
    f => {
      if (!isPrimitive(f.type))
        throw new ScanError(`partition field ${f.name} has a nested type`);
      return f.type;
    },
  );
}

export async function planFiles(
  table: Table,
  options: ScanOptions = {},
): Promise<ScanPlan> {
  const snapshot = selectSnapshot(table, options);
  const meta = table.metadata;
  const useSnapshotSchema =
    options.snapshotId !== undefined || options.asOfTimestampMs !== undefined;
  const schema =
    useSnapshotSchema && snapshot?.['schema-id'] !== undefined
      ? schemaById(meta, snapshot['schema-id'])
      : schemaById(meta, meta['current-schema-id']);
  const bound = bind(options.filter ?? alwaysTrue(), schema);
  const stats = {
    manifests: 0,
    manifestsSkipped: 0,
    files: 0,
    filesSkippedByPartition: 0,
    filesSkippedByMetrics: 0,
  };
  const filters = new Map<number, PartitionFilter>();
  const filterFor = (specId: number) => {
    let f = filters.get(specId);
    if (!f)
      filters.set(specId, (f = partitionFilter(bound, specById(meta, specId))));
    return f;
  };

  const tasks: FileScanTask[] = [];
  const manifests = await snapshotManifests(table.io, snapshot);
  await Promise.all(
    manifests.map(async manifest => {
      if (manifest.content !== ManifestContent.DATA) {
        throw new ScanError(
          `${table.name} has delete files (merge-on-read), which this reader does not apply yet`,
        );
      }
      stats.manifests++;
      const pf = filterFor(manifest.partitionSpecId);
      if (
        !pf.summaries(
          manifest.partitions,
          resultTypes(table, manifest.partitionSpecId, schema),
        )
      ) {
        stats.manifestsSkipped++;
        return;
      }
      for (const entry of await readManifestEntries(table.io, manifest)) {
        if (entry.status === ManifestEntryStatus.DELETED) continue;
        stats.files++;
        if (!pf.tuple(entry.dataFile.partition)) {
          stats.filesSkippedByPartition++;
          continue;
        }
        if (!metricsMayMatch(bound, entry.dataFile)) {
          stats.filesSkippedByMetrics++;
          continue;
        }
        tasks.push({
          file: entry.dataFile,
          specId: manifest.partitionSpecId,
          sequenceNumber: entry.sequenceNumber ?? 0n,
        });
      }
    }),
  );
  tasks.sort((a, b) => (a.file.filePath < b.file.filePath ? -1 : 1));
  return { snapshot, schema, tasks, stats };
}

/**
 * Files appended after `fromExclusive` up to and including `toInclusive` (default: the
 * current snapshot). Every snapshot in between must be an append or a replace
 * (compaction: the same rows in new files, skipped as Spark's streaming reads do; the
 * appends it compacted still list their original files); anything else means rows may
 * have changed, and the caller must fall back to a full scan.
 */
export async function planAppendedFiles(
  table: Table,
  fromExclusive: bigint | undefined,
  toInclusive?: bigint,
): Promise<{ snapshots: Snapshot[]; tasks: FileScanTask[] }> {
  const meta = table.metadata;
  const to = toInclusive ?? meta['current-snapshot-id'];
  if (to === undefined) return { snapshots: [], tasks: [] };
  const chain: Snapshot[] = [];
  let reached = fromExclusive === undefined;
  for (const snapshot of ancestors(meta, to)) {
    if (snapshot['snapshot-id'] === fromExclusive) {
      reached = true;
      break;
    }
    chain.push(snapshot);
  }
  if (!reached) {
    throw new ScanError(
      `snapshot ${fromExclusive} is not an ancestor of ${to} in ${table.name} (expired or on another branch): rebuild from a full scan`,
    );
  }
  const nonAppend = chain.find(
    s => s.summary.operation !== 'append' && s.summary.operation !== 'replace',
  );
  if (nonAppend) {
    throw new ScanError(
      `snapshot ${nonAppend['snapshot-id']} of ${table.name} is a ${nonAppend.summary.operation}, not an append: incremental reads cannot follow it`,
    );
  }
  // Each snapshot's own manifest list still holds the manifest it added, even after later
  // commits merged that manifest into others: read per snapshot, so merging never hides files.
  const tasks: FileScanTask[] = [];
  const seen = new Set<string>();
  for (const snapshot of [...chain].reverse()) {
    const id = snapshot['snapshot-id'];
    if (snapshot.summary.operation === 'replace') continue;
    for (const manifest of await snapshotManifests(table.io, snapshot)) {
      if (manifest.addedSnapshotId !== id || manifest.addedFilesCount === 0)
        continue;
      for (const entry of await readManifestEntries(table.io, manifest)) {
        if (
          entry.status !== ManifestEntryStatus.ADDED ||
          entry.snapshotId !== id
        )
          continue;
        if (seen.has(entry.dataFile.filePath)) continue;
        seen.add(entry.dataFile.filePath);
        tasks.push({
          file: entry.dataFile,
          specId: manifest.partitionSpecId,
          sequenceNumber: entry.sequenceNumber ?? 0n,
        });
      }
    }
  }
  return { snapshots: chain.reverse(), tasks };
}

export type { FileIO };
