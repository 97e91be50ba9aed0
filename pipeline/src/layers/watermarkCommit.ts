/**
 * The exactly-once commit every streaming stage uses: the rows derived from a source
 * up to snapshot `to`, appended together with `to` as the watermark in the snapshot
 * summary, fenced on the watermark the batch started from. A concurrent run that moved
 * the watermark first makes this commit fail (and its files are removed), so no
 * source snapshot is ever absorbed twice.
 */
import { CommitValidationError, discardUncommitted } from '../iceberg/commit';
import { writeRows } from '../iceberg/dataWriter';
import { ancestors } from '../iceberg/metadata';
import { commitSnapshot } from '../iceberg/snapshotProducer';
import type { Table } from '../iceberg/table';
import type { DataFile, TableMetadata } from '../iceberg/types';

/** The source snapshot recorded under `key` by the newest ancestor that has it. */
export function watermarkIn(
  meta: TableMetadata,
  key: string,
): bigint | undefined {
  for (const snapshot of ancestors(meta)) {
    const v = snapshot.summary[key];
    if (v !== undefined) return BigInt(v);
  }
  return undefined;
}

export interface WatermarkedBatch {
  /** Summary key of the watermark. */
  key: string;
  /** The watermark the batch was read from (undefined: from the beginning). */
  from: bigint | undefined;
  /** The source snapshot the batch reaches. */
  to: bigint;
  rows: Array<Record<string, unknown>>;
  /** Runs after the files are written, before the commit (crash tests). */
  beforeCommit?: (files: DataFile[]) => void;
}

/**
 * Appends the batch; an empty one still moves the watermark. Returns the new snapshot
 * and its files, or undefined when there was nothing to move (from === to).
 */
export async function commitWatermarked(
  table: Table,
  batch: WatermarkedBatch,
): Promise<{ snapshotId: bigint; files: DataFile[] } | undefined> {
  const { key, from, to, rows } = batch;
  if (from === to) return undefined;
  const files = rows.length > 0 ? await writeRows(table, rows) : [];
  batch.beforeCommit?.(files);
  try {
    const result = await commitSnapshot(
      table,
      {
        operation: 'append',
        addedFiles: files,
        summary: { [key]: to.toString() },
        allowEmpty: true,
      },
      {
        validate: (head: TableMetadata) => {
          if (watermarkIn(head, key) !== from) {
            throw new CommitValidationError(
              `${table.name} was advanced by another run meanwhile (${key})`,
            );
          }
        },
      },
    );
    const snapshotId = result.snapshot?.['snapshot-id'];
    return snapshotId === undefined ? undefined : { snapshotId, files };
  } catch (error) {
    await discardUncommitted(
      table.io,
      error,
      files.map(f => f.filePath),
    );
    throw error;
  }
}
