/** The silver tables, as both the incremental processor and the rebuild need them. */
import type { Catalog } from '../iceberg/catalog/catalog';
import { SchemaUpdate } from '../iceberg/schemaUpdate';
import type { Table } from '../iceberg/table';
import { ensureTable, STREAMING_TABLE_PROPERTIES } from './bronzeTable';
import {
  rejectedSchema,
  rejectedSpec,
  SILVER_PURCHASES,
  SILVER_REJECTED,
  silverSchema,
  silverSpec,
  V2_COLUMNS,
} from './silverRows';

/** silver.purchases and silver.purchases_rejected, created if missing. */
export async function ensureSilverTables(
  catalog: Catalog,
): Promise<{ silver: Table; rejected: Table }> {
  const silver = await ensureTable(
    catalog,
    SILVER_PURCHASES,
    silverSchema,
    silverSpec,
    STREAMING_TABLE_PROPERTIES,
  );
  const rejected = await ensureTable(
    catalog,
    SILVER_REJECTED,
    rejectedSchema,
    rejectedSpec,
    STREAMING_TABLE_PROPERTIES,
  );
  return { silver, rejected };
}

/** `table` with the v2 columns, added by a schema update if missing (the same table if none was). */
export async function withV2Columns(table: Table): Promise<Table> {
  const missing = V2_COLUMNS.filter(
    col => !table.schema().fields.some(f => f.name === col.name),
  );
  if (missing.length === 0) return table;
  const update = new SchemaUpdate();
  for (const col of missing)
    update.addColumn(col.name, col.type, { doc: col.doc });
  return update.commit(table);
}
