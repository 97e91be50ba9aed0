/**
 * Publishing a gold build made on Athena or Trino. dbt writes the marts as Iceberg
 * tables in `gold_staging`, where its tests run; only when every model built and every
 * test passed are they published into `gold`, each table in one commit (an overwrite:
 * gold keeps its history, and readers see the old marts or the new ones, never a mix
 * within a table). The rows are copied by our own Iceberg writer, so the same code
 * publishes on Glue or on the SQL catalog, whatever engine built them; gold's schema
 * follows the models by name (columns added, widened; columns dropped from a model
 * stay, as nulls).
 */
import {
  NoSuchTableError,
  type Catalog,
  type TableIdentifier,
} from '../iceberg/catalog/catalog';
import { overwriteRows } from '../iceberg/rewrite';
import { isPromotionAllowed, SchemaUpdate } from '../iceberg/schemaUpdate';
import { createTable, loadTable, loadTableIfExists } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import { isPrimitive, type Schema } from '../iceberg/types';
import type { GoldSnapshot, GoldTable } from './dbtRunner';
import { GOLD_STAGING_NAMESPACE } from './goldNamespaces';

/** `gold` evolved by name towards the staged schema; undefined when nothing changes. */
function schemaChange(
  gold: Schema,
  staged: Schema,
  table: string,
): SchemaUpdate | undefined {
  const update = new SchemaUpdate();
  let changed = false;
  const current = new Map(gold.fields.map(f => [f.name, f]));
  for (const field of staged.fields) {
    const had = current.get(field.name);
    if (!had) {
      update.addColumn(field.name, field.type);
      changed = true;
    } else if (JSON.stringify(had.type) !== JSON.stringify(field.type)) {
      if (
        !isPrimitive(had.type) ||
        !isPrimitive(field.type) ||
        !isPromotionAllowed(had.type, field.type)
      )
        throw new Error(
          `${table}.${field.name} changed type from ${JSON.stringify(
            had.type,
          )} to ${JSON.stringify(
            field.type,
          )}, which Iceberg cannot promote: drop ${table} to rebuild it from the model`,
        );
      update.updateColumnType(field.name, field.type);
      changed = true;
    }
  }
  const modelled = new Set(staged.fields.map(f => f.name));
  for (const field of gold.fields)
    if (!modelled.has(field.name) && field.required) {
      update.makeOptional(field.name);
      changed = true;
    }
  return changed ? update : undefined;
}

async function ensureNamespace(catalog: Catalog, namespace: string) {
  const known = await catalog.listNamespaces();
  if (!known.some(ns => ns.length === 1 && ns[0] === namespace))
    await catalog.createNamespace([namespace]);
}

const stagedSnapshot = (staged: {
  metadata: { 'current-snapshot-id'?: bigint };
}) => String(staged.metadata['current-snapshot-id'] ?? 'none');

/** Publishes each staged mart into `namespace` (gold); one commit per table. */
export async function publishStagedGold(
  catalog: Catalog,
  tables: readonly GoldTable[],
  namespace: string,
  signal?: AbortSignal,
): Promise<Record<GoldTable, GoldSnapshot>> {
  await ensureNamespace(catalog, namespace);
  const out = {} as Record<GoldTable, GoldSnapshot>;
  for (const name of tables) {
    if (signal?.aborted) throw new Error('gold publish aborted');
    const staged = await loadTable(catalog, {
      namespace: [GOLD_STAGING_NAMESPACE],
      name,
    }).catch(error => {
      if (!(error instanceof NoSuchTableError)) throw error;
      throw new Error(
        `dbt built ${GOLD_STAGING_NAMESPACE}.${name}, but the lakehouse catalog does not have it: the query engine's catalog must be the lakehouse's own (Glue, or Trino's Iceberg catalog on the same SQL catalog)`,
      );
    });
    const id: TableIdentifier = { namespace: [namespace], name };
    const qualified = `${namespace}.${name}`;
    const rows = await scanRows(staged);
    let table = await loadTableIfExists(catalog, id);
    const created = !table;
    let schemaChanged = false;
    if (!table) {
      table = await createTable(catalog, id, { schema: staged.schema() });
    } else {
      const change = schemaChange(table.schema(), staged.schema(), qualified);
      if (change) {
        table = await change.commit(table);
        schemaChanged = true;
      }
    }
    const result = await overwriteRows(table, rows, {
      summary: { 'medallion.gold.staged-snapshot': stagedSnapshot(staged) },
    });
    out[name] = {
      table: qualified,
      snapshotId: String(result.table.metadata['current-snapshot-id']),
      rows: rows.length,
      created,
      schemaChanged,
    };
  }
  return out;
}
