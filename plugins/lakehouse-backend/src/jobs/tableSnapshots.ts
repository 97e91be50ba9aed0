import {
  currentSnapshot,
  formatIdentifier,
  loadTableIfExists,
  type Catalog,
  type TableIdentifier,
} from '@medallion/pipeline';
import type { RunSnapshotOutput } from '@medallion/plugin-lakehouse-common';

/** The current snapshot of each table that exists (a run's output snapshot ids). */
export async function currentSnapshots(
  catalog: Catalog,
  tables: TableIdentifier[],
): Promise<RunSnapshotOutput[]> {
  const out: RunSnapshotOutput[] = [];
  for (const id of tables) {
    const table = await loadTableIfExists(catalog, id);
    const snap = table && currentSnapshot(table.metadata);
    if (snap)
      out.push({
        table: formatIdentifier(id),
        snapshotId: snap['snapshot-id'].toString(),
      });
  }
  return out;
}
