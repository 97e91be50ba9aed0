/**
 * Rows to data files of a table: coerced and validated against the current schema,
 * split by partition, written as Parquet files rolling at the table's target size, and
 * described as DataFile entries ready for a snapshot. Bad rows never reach a file.
 */
import { randomUUID } from 'node:crypto';
import { coerceValue, type InternalValue } from './conversions';
import { joinLocation } from './io/fileIO';
import { defaultSortOrder } from './metadata';
import {
  bindPartitioner,
  isUnpartitioned,
  partitionPath,
} from './partitioning';
import {
  DataFileWriter,
  RowError,
  toDataFile,
  writerOptionsFromProperties,
  type WrittenDataFile,
} from './parquet';
import { appendFiles, type SnapshotResult } from './snapshotProducer';
import type { Table } from './table';
import {
  indexFields,
  isPrimitive,
  type DataFile,
  type PartitionTuple,
} from './types';
import { discardUncommitted, type CommitOptions } from './commit';
import { crashMidWrite } from '../crashPoints';

export class InvalidRowError extends Error {
  constructor(message: string, readonly rowIndex: number) {
    super(message);
  }
}

interface Group {
  tuple: PartitionTuple;
  rows: unknown[];
  /** Position of each row in the caller's input, for error messages. */
  indexes: number[];
}

export async function writeRows(
  table: Table,
  rows: readonly unknown[],
): Promise<DataFile[]> {
  const schema = table.schema();
  const spec = table.spec();
  const fields = indexFields(schema);
  const partitioner = isUnpartitioned(spec)
    ? undefined
    : bindPartitioner(spec, schema);
  const sourceTypes = new Map(
    spec.fields.map(f => {
      const field = fields.get(f['source-id']);
      if (!field || !isPrimitive(field.type))
        throw new Error(
          `partition source ${f['source-id']} is not a primitive column`,
        );
      return [
        f['source-id'],
        { path: field.path.split('.'), type: field.type },
      ];
    }),
  );

  const groups = new Map<string, Group>();
  rows.forEach((row, index) => {
    if (typeof row !== 'object' || row === null)
      throw new InvalidRowError(`row ${index} is not an object`, index);
    let tuple: PartitionTuple = [];
    if (partitioner) {
      try {
        tuple = partitioner((fieldId: number) => {
          const source = sourceTypes.get(fieldId)!;
          let value: unknown = row;
          for (const part of source.path)
            value = (value as Record<string, unknown> | null | undefined)?.[
              part
            ];
          return value === null || value === undefined
            ? null
            : (coerceValue(source.type, value) as InternalValue);
        });
      } catch (error) {
        if (error instanceof Error) {
          throw new InvalidRowError(`row ${index}: ${error.message}`, index);
        }
        throw error;
      }
    }
    const key = partitionKeyOf(tuple);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { tuple, rows: [], indexes: [] }));
    group.rows.push(row);
    group.indexes.push(index);
  });

  const options = writerOptionsFromProperties(table.metadata.properties);
  const sortOrderId = defaultSortOrder(table.metadata)?.['order-id'];
  // Encode everything first, so a bad row anywhere means no file is written at all.
  const encoded: Array<{ group: Group; files: WrittenDataFile[] }> = [];
  for (const group of groups.values()) {
    const writer = new DataFileWriter(schema, options);
    const written: WrittenDataFile[] = [];
    for (let i = 0; i < group.rows.length; i += 10_000) {
      try {
        written.push(...writer.write(group.rows.slice(i, i + 10_000)));
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        const original = group.indexes[i + error.rowIndex] ?? -1;
        throw new InvalidRowError(
          `row ${original}: ${error.fieldPath}: ${error.reason}`,
          original,
        );
      }
    }
    written.push(...writer.close());
    encoded.push({ group, files: written });
  }

  const files: DataFile[] = [];
  try {
    for (const { group, files: written } of encoded) {
      const dir = partitioner
        ? joinLocation(
            table.location,
            'data',
            partitionPath(spec, schema, group.tuple),
          )
        : joinLocation(table.location, 'data');
      for (const file of written) {
        const path = joinLocation(dir, `${randomUUID()}.parquet`);
        await crashMidWrite('mid-file-write', table.io, path, file.bytes);
        await table.io.writeNew(path, file.bytes);
        files.push(toDataFile(file, path, group.tuple, sortOrderId));
      }
    }
  } catch (error) {
    await Promise.all(files.map(f => table.io.delete(f.filePath)));
    throw error;
  }
  return files;
}

function partitionKeyOf(tuple: PartitionTuple): string {
  return tuple
    .map(v => {
      if (v === null) return '\u0000';
      if (v instanceof Uint8Array) return `b${Buffer.from(v).toString('hex')}`;
      return `${typeof v}:${String(v)}`;
    })
    .join('\u0001');
}

/** Writes the rows and commits them as one append snapshot. */
export async function appendRows(
  table: Table,
  rows: readonly unknown[],
  options: CommitOptions & { summary?: Record<string, string> } = {},
): Promise<SnapshotResult> {
  const files = await writeRows(table, rows);
  try {
    return await appendFiles(table, files, options);
  } catch (error) {
    // Uncommitted files are garbage: remove them now rather than leaving orphans.
    await discardUncommitted(
      table.io,
      error,
      files.map(f => f.filePath),
    );
    throw error;
  }
}
