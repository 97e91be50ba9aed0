/** Table property changes, through the commit path like every other change. */
import { commitTable, type CommitOptions } from './commit';
import type { Table } from './table';

export function updateProperties(
  table: Table,
  changes: { set?: Record<string, string>; remove?: string[] },
  options?: CommitOptions,
): Promise<Table> {
  return commitTable(
    table,
    head => {
      const properties = { ...head.properties, ...changes.set };
      for (const key of changes.remove ?? []) delete properties[key];
      return { metadata: { ...head, properties } };
    },
    options,
  );
}
