/**
 * Reading table data: plan the files, read each by field id into Arrow, and (for row
 * APIs) convert to rows in the internal representation, applying the residual filter.
 */
import type { Table as ArrowTable } from 'apache-arrow';
import { bind, rowMatches, alwaysTrue } from './expressions';
import { readDataFile, rowsFromTable, type RowValue } from './parquet';
import { planFiles, type FileScanTask, type ScanOptions } from './scan';
import type { Table } from './table';
import { indexFields, type Schema } from './types';
import type { InternalValue } from './conversions';

export type Row = Record<string, RowValue>;

/** A data file's rows as Arrow; `columns` (top-level names) limits what is decoded. */
export async function readTaskArrow(
  table: Table,
  task: FileScanTask,
  schema: Schema,
  columns?: string[],
): Promise<ArrowTable> {
  return readDataFile(await table.io.read(task.file.filePath), {
    schema: project(schema, columns),
  });
}

export async function readTaskRows(
  table: Table,
  task: FileScanTask,
  schema: Schema,
  columns?: string[],
): Promise<Row[]> {
  const projected = project(schema, columns);
  return rowsFromTable(
    await readTaskArrow(table, task, projected),
    projected,
  ) as Row[];
}

function project(schema: Schema, columns: string[] | undefined): Schema {
  if (!columns) return schema;
  return {
    ...schema,
    fields: schema.fields.filter(f => columns.includes(f.name)),
  };
}

/** Accessor by field id over a row keyed by top-level names (nested via struct objects). */
export function fieldAccessor(
  schema: Schema,
): (row: Row) => (fieldId: number) => InternalValue | null {
  const paths = new Map(
    [...indexFields(schema).values()].map(f => [f.id, f.path.split('.')]),
  );
  return row => fieldId => {
    let v: unknown = row;
    for (const part of paths.get(fieldId) ?? [])
      v = (v as Record<string, unknown> | null)?.[part];
    return (v ?? null) as InternalValue | null;
  };
}

/** Every row matching the scan's filter (fine for previews and tests; use the query engine for analytics). */
export async function scanRows(
  table: Table,
  options: ScanOptions & { limit?: number } = {},
): Promise<Row[]> {
  const plan = await planFiles(table, options);
  const bound = bind(options.filter ?? alwaysTrue(), plan.schema);
  const access = fieldAccessor(plan.schema);
  const out: Row[] = [];
  for (const task of plan.tasks) {
    for (const row of await readTaskRows(table, task, plan.schema)) {
      if (rowMatches(bound, access(row))) out.push(row);
      if (options.limit !== undefined && out.length >= options.limit)
        return out;
    }
  }
  return out;
}
