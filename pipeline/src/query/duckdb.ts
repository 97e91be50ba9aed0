/**
 * DuckDB over our Iceberg tables: each table becomes a view over the Parquet files its
 * current snapshot plans, read by Iceberg field id (DuckDB's read_parquet `schema`
 * mapping), so renamed and newly added columns read correctly from old files.
 */
import {
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Catalog, TableIdentifier } from '../iceberg/catalog/catalog';
import { toLocalPath } from '../iceberg/io/localFileIO';
import { planFiles } from '../iceberg/scan';
import { loadTable } from '../iceberg/table';
import {
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type Schema,
} from '../iceberg/types';
import { localFilesOnly, type LocalDataFiles } from './dataFileCache';
import type { SqlDialect } from './dialect';
import {
  QueryError,
  wholeMicros,
  type QueryEngine,
  type QueryOptions,
  type QueryResult,
} from './engine';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** DuckDB's name for an Iceberg type. */
export function duckdbType(type: IcebergType): string {
  if (isPrimitive(type)) {
    const p = parsePrimitive(type);
    switch (p.kind) {
      case 'boolean':
        return 'BOOLEAN';
      case 'int':
        return 'INTEGER';
      case 'long':
        return 'BIGINT';
      case 'float':
        return 'FLOAT';
      case 'double':
        return 'DOUBLE';
      case 'decimal':
        return `DECIMAL(${p.precision}, ${p.scale})`;
      case 'date':
        return 'DATE';
      case 'time':
        return 'TIME';
      case 'timestamp':
        return 'TIMESTAMP';
      case 'timestamptz':
        return 'TIMESTAMPTZ';
      case 'string':
        return 'VARCHAR';
      case 'uuid':
        return 'UUID';
      case 'binary':
      case 'fixed':
        return 'BLOB';
      default: {
        const never: never = p;
        throw new QueryError(`unsupported type ${JSON.stringify(never)}`);
      }
    }
  }
  if (type.type === 'struct')
    return `STRUCT(${type.fields
      .map(f => `${quoteIdent(f.name)} ${duckdbType(f.type)}`)
      .join(', ')})`;
  if (type.type === 'list') return `${duckdbType(type.element)}[]`;
  return `MAP(${duckdbType(type.key)}, ${duckdbType(type.value)})`;
}

const quoteString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** SQL selecting a table's rows from its data files, columns mapped by field id. */
export function tableSelectSql(schema: Schema, files: string[]): string {
  if (files.length === 0) {
    const cols = schema.fields
      .map(f => `NULL::${duckdbType(f.type)} AS ${quoteIdent(f.name)}`)
      .join(', ');
    return `SELECT ${cols} WHERE false`;
  }
  const mapping = schema.fields
    .map(
      f =>
        `${f.id}: {name: ${quoteString(f.name)}, type: ${quoteString(
          duckdbType(f.type),
        )}, default_value: NULL}`,
    )
    .join(', ');
  const list = files.map(f => quoteString(toLocalPath(f))).join(', ');
  return `SELECT * FROM read_parquet([${list}], schema = MAP {${mapping}})`;
}

/** DuckDB reads a snapshot from its data files (see dialect.ts). */
export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  readsFiles: true,
  typeName: duckdbType,
  snapshotSelect: ({ schema, snapshotId, files }) =>
    tableSelectSql(schema, snapshotId === undefined ? [] : files ?? []),
  timestampFromMicros: micros =>
    `make_timestamptz(CAST(${wholeMicros(micros)} AS BIGINT))`,
  epochMicros: expr => `epoch_us(${expr})`,
  fullMatch: (expr, regex) =>
    `regexp_full_match(${expr}, ${quoteString(regex)})`,
};

function toJsonSafe(value: DuckDBValue): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return value;
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value))
      ? Number(value)
      : value.toString();
  return String(value);
}

export interface DuckDbEngineOptions {
  catalog: Catalog;
  /** Tables to expose; default every table of every namespace. */
  tables?: TableIdentifier[];
  /** Local paths of data files (a DataFileCache for s3:// tables); default local only. */
  files?: LocalDataFiles;
}

export class DuckDbEngine implements QueryEngine {
  readonly dialect = duckdbDialect;
  private connection: Promise<DuckDBConnection> | undefined;

  constructor(private readonly options: DuckDbEngineOptions) {}

  private connect(): Promise<DuckDBConnection> {
    this.connection ??= DuckDBInstance.create(':memory:').then(i =>
      i.connect(),
    );
    return this.connection;
  }

  /** (Re)creates one view per table at its current snapshot. */
  async refreshViews(): Promise<TableIdentifier[]> {
    const c = await this.connect();
    const { catalog } = this.options;
    const tables =
      this.options.tables ??
      (
        await Promise.all(
          (await catalog.listNamespaces()).map(ns => catalog.listTables(ns)),
        )
      ).flat();
    for (const id of tables) {
      const table = await loadTable(catalog, id);
      const plan = await planFiles(table);
      const schemaName = quoteIdent(id.namespace.join('.'));
      await c.run(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`);
      await c.run(
        `CREATE OR REPLACE VIEW ${schemaName}.${quoteIdent(
          id.name,
        )} AS ${tableSelectSql(
          plan.schema,
          await (this.options.files ?? localFilesOnly).localPaths(
            plan.tasks.map(t => t.file.filePath),
          ),
        )}`,
      );
    }
    return tables;
  }

  async query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const limit = options.limit ?? 1000;
    await this.refreshViews();
    const c = await this.connect();
    let reader;
    try {
      reader = await c.runAndReadUntil(sql, limit + 1);
    } catch (error) {
      throw new QueryError((error as Error).message);
    }
    const names = reader.columnNames();
    const types = reader.columnTypes().map(t => t.toString());
    const all = reader.getRows();
    const rows = all
      .slice(0, limit)
      .map(r =>
        Object.fromEntries(names.map((n, i) => [n, toJsonSafe(r[i] ?? null)])),
      );
    return {
      columns: names.map((name, i) => ({ name, type: types[i]! })),
      rows,
      truncated: all.length > limit,
    };
  }

  async close(): Promise<void> {
    if (this.connection) (await this.connection).closeSync();
  }
}
