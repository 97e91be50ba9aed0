/** The parts of a table's API view that follow from its metadata file alone. */
import {
  currentSnapshot,
  formatIdentifier,
  type Snapshot,
  type TableIdentifier,
  type TableMetadata,
} from '@medallion/pipeline';
import type {
  SnapshotInfo,
  TableLayer,
  TableSummary,
} from '@medallion/plugin-lakehouse-common';

const LAYERS: ReadonlySet<string> = new Set(['bronze', 'silver', 'gold']);

/** bronze / silver / gold by the first part of the namespace, anything else `other`. */
export function layerOf(namespace: readonly string[]): TableLayer {
  const first = namespace[0] ?? '';
  return LAYERS.has(first) ? (first as TableLayer) : 'other';
}

export function snapshotInfo(snapshot: Snapshot): SnapshotInfo {
  return {
    snapshotId: snapshot['snapshot-id'].toString(),
    parentId: snapshot['parent-snapshot-id']?.toString() ?? null,
    sequenceNumber: Number(snapshot['sequence-number']),
    timestamp: new Date(snapshot['timestamp-ms']).toISOString(),
    operation: snapshot.summary.operation,
    schemaId: snapshot['schema-id'] ?? null,
    summary: { ...snapshot.summary },
  };
}

/** A snapshot summary count (`total-records`, …); 0 when absent or not a number. */
export function summaryCount(
  snapshot: Snapshot | undefined,
  key: string,
): number {
  const n = Number(snapshot?.summary[key]);
  return Number.isFinite(n) ? n : 0;
}

/** Everything of a TableSummary except the table's name, which the metadata does not hold. */
export type MetadataSummary = Omit<
  TableSummary,
  'id' | 'namespace' | 'name' | 'layer'
>;

export function summarizeMetadata(meta: TableMetadata): MetadataSummary {
  const current = currentSnapshot(meta);
  return {
    description: meta.properties.comment ?? null,
    location: meta.location,
    formatVersion: meta['format-version'],
    currentSnapshotId: current?.['snapshot-id'].toString() ?? null,
    rows: summaryCount(current, 'total-records'),
    files: summaryCount(current, 'total-data-files'),
    sizeBytes: summaryCount(current, 'total-files-size'),
    snapshots: meta.snapshots.length,
    lastCommitAt: current
      ? new Date(current['timestamp-ms']).toISOString()
      : null,
    lastOperation: current?.summary.operation ?? null,
  };
}

export function tableSummary(
  id: TableIdentifier,
  summary: MetadataSummary,
): TableSummary {
  const namespace = id.namespace.join('.');
  return {
    id: formatIdentifier(id),
    namespace,
    name: id.name,
    layer: layerOf(id.namespace),
    ...summary,
  };
}
