/**
 * Operations that rewrite data (copy-on-write): overwrite (whole table or the rows
 * matching a filter), delete rows by filter, and compaction of small files. Files that
 * only partly match are rewritten without the matching rows; the new snapshot replaces
 * them atomically, and fails rather than resurrecting rows if a concurrent commit
 * already replaced the same files.
 */
import { alwaysTrue, bind, rowMatches, type Expression } from './expressions';
import { discardUncommitted, type CommitOptions } from './commit';
import { writeRows } from './dataWriter';
import { planFiles, type FileScanTask } from './scan';
import { commitSnapshot, type SnapshotResult } from './snapshotProducer';
import type { Table } from './table';
import { fieldAccessor, readTaskRows, type Row } from './tableScan';
import type { DataFile, TableMetadata } from './types';

interface Rewritten {
  removed: Set<string>;
  added: DataFile[];
}

/** Drops the rows matching `filter` from the files that may hold them. */
async function rewriteWithout(
  table: Table,
  filter: Expression | undefined,
): Promise<Rewritten> {
  const plan = await planFiles(table, { filter });
  const bound = bind(filter ?? alwaysTrue(), plan.schema);
  const access = fieldAccessor(plan.schema);
  const removed = new Set<string>();
  const keptRows: Row[] = [];
  for (const task of plan.tasks) {
    if (!filter) {
      removed.add(task.file.filePath);
      continue;
    }
    const rows = await readTaskRows(table, task, plan.schema);
    const kept = rows.filter(r => !rowMatches(bound, access(r)));
    if (kept.length === rows.length) continue;
    removed.add(task.file.filePath);
    keptRows.push(...kept);
  }
  const added = keptRows.length > 0 ? await writeRows(table, keptRows) : [];
  return { removed, added };
}

async function commitRewrite(
  table: Table,
  operation: 'overwrite' | 'delete' | 'replace',
  rewritten: Rewritten,
  newFiles: DataFile[],
  options: CommitOptions & {
    summary?: Record<string, string>;
    summaryFor?: (head: TableMetadata) => Record<string, string>;
  },
): Promise<SnapshotResult> {
  const added = [...rewritten.added, ...newFiles];
  try {
    return await commitSnapshot(
      table,
      {
        operation,
        addedFiles: added,
        removeFiles: f => rewritten.removed.has(f.filePath),
        mustRemove: rewritten.removed,
        summary: options.summary,
        summaryFor: options.summaryFor,
      },
      options,
    );
  } catch (error) {
    await discardUncommitted(
      table.io,
      error,
      added.map(f => f.filePath),
    );
    throw error;
  }
}

/** Replaces the rows matching `filter` (all rows without one) with `rows`. */
export async function overwriteRows(
  table: Table,
  rows: readonly unknown[],
  options: CommitOptions & {
    filter?: Expression;
    summary?: Record<string, string>;
  } = {},
): Promise<SnapshotResult> {
  const fresh = await writeRows(table, rows);
  const rewritten = await rewriteWithout(table, options.filter);
  return commitRewrite(table, 'overwrite', rewritten, fresh, options);
}

/** Deletes the rows matching `filter`. */
export async function deleteRows(
  table: Table,
  filter: Expression,
  options: CommitOptions & { summary?: Record<string, string> } = {},
): Promise<SnapshotResult> {
  const rewritten = await rewriteWithout(table, filter);
  return commitRewrite(
    table,
    rewritten.added.length > 0 ? 'overwrite' : 'delete',
    rewritten,
    [],
    options,
  );
}

/** Removes whole data files chosen by metrics or path (no rewriting). */
export function deleteFiles(
  table: Table,
  choose: (file: DataFile) => boolean,
  options: CommitOptions = {},
): Promise<SnapshotResult> {
  return commitSnapshot(
    table,
    { operation: 'delete', addedFiles: [], removeFiles: f => choose(f) },
    options,
  );
}

export interface CompactionOptions extends CommitOptions {
  /** Files smaller than this are rewritten (default 3/4 of write.target-file-size-bytes or 96 MiB). */
  smallFileBytes?: number;
  /** A partition is compacted only with at least this many small files (default 5). */
  minInputFiles?: number;
  /**
   * Summary properties computed against the head of each attempt: e.g. carrying forward
   * the watermarks streaming writers keep in their snapshots.
   */
  summaryFor?: (head: TableMetadata) => Record<string, string>;
}

export interface CompactionResult extends SnapshotResult {
  rewrittenFiles: number;
  addedFiles: number;
  /** Partitions compacted. */
  partitions: number;
}

/** Rewrites small files, partition by partition, into fewer files of the target size. */
export async function rewriteDataFiles(
  table: Table,
  options: CompactionOptions = {},
): Promise<CompactionResult> {
  const target = Number(
    table.metadata.properties['write.target-file-size-bytes'] ??
      128 * 1024 * 1024,
  );
  const small = options.smallFileBytes ?? Math.floor(target * 0.75);
  const minInput = options.minInputFiles ?? 5;
  const plan = await planFiles(table);
  const specId = table.metadata['default-spec-id'];
  const groups = new Map<string, FileScanTask[]>();
  for (const task of plan.tasks) {
    // Files of older partition specs are left alone; they need a spec-aware rewrite.
    if (task.specId !== specId || Number(task.file.fileSizeInBytes) >= small)
      continue;
    const key = JSON.stringify(task.file.partition, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  const compacted = [...groups.values()].filter(g => g.length >= minInput);
  const chosen = compacted.flat();
  if (chosen.length === 0)
    return {
      table,
      removedFiles: [],
      rewrittenFiles: 0,
      addedFiles: 0,
      partitions: 0,
    };
  const rows: Row[] = [];
  for (const task of chosen)
    rows.push(...(await readTaskRows(table, task, plan.schema)));
  const added = await writeRows(table, rows);
  const removed = new Set(chosen.map(t => t.file.filePath));
  const result = await commitRewrite(
    table,
    'replace',
    { removed, added },
    [],
    options,
  );
  return {
    ...result,
    rewrittenFiles: chosen.length,
    addedFiles: added.length,
    partitions: compacted.length,
  };
}
