/**
 * The SQL that differs between our engines. DuckDB reads a snapshot from its Parquet
 * files (the paths our Iceberg reader plans); Trino and Athena (engine v3 is built on
 * Trino and shares its dialect) read the table by name from their catalog, pinned to
 * the snapshot with `FOR VERSION AS OF`. Everything else the backend writes is SQL
 * both accept, so a query is built once and spliced with these pieces.
 */
import type { TableIdentifier } from '../iceberg/catalog/catalog';
import {
  currentSchema,
  currentSnapshot,
  schemaById,
} from '../iceberg/metadata';
import {
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type NestedField,
  type Schema,
  type TableMetadata,
} from '../iceberg/types';
import { quoteIdent } from './duckdb';
import { QueryError, wholeMicros } from './engine';

/** One table at one snapshot, as a dialect needs it to select the rows. */
export interface SnapshotSource {
  id: TableIdentifier;
  /** The columns selected, in order (the table's current schema). */
  schema: Schema;
  /** Absent: the table has no snapshot yet (or does not exist): no rows. */
  snapshotId?: bigint;
  /**
   * The schema the snapshot was written with, when it differs: an engine that time
   * travels by name reads the columns as they were called then (matched by field id).
   */
  snapshotSchema?: Schema;
  /** Local paths of the snapshot's data files; only for dialects that `readsFiles`. */
  files?: string[];
}

/** The current snapshot of a table as a source (without files). */
export function currentSnapshotSource(
  id: TableIdentifier,
  metadata: TableMetadata,
): SnapshotSource {
  const schema = currentSchema(metadata);
  const snapshot = currentSnapshot(metadata);
  if (!snapshot) return { id, schema };
  const written = snapshot['schema-id'];
  return {
    id,
    schema,
    snapshotId: snapshot['snapshot-id'],
    ...(written === undefined || written === schema['schema-id']
      ? {}
      : { snapshotSchema: schemaById(metadata, written) }),
  };
}

export interface SqlDialect {
  name: 'duckdb' | 'trino';
  /** True when a snapshot is read from local data files (plan and copy them first). */
  readsFiles: boolean;
  /** The engine's type name for an Iceberg type. */
  typeName(type: IcebergType): string;
  /** SELECT of a snapshot's rows, the schema's columns in order. */
  snapshotSelect(source: SnapshotSource): string;
  /** A TIMESTAMP WITH TIME ZONE from µs since the epoch, exact in any session zone. */
  timestampFromMicros(micros: number): string;
  /** µs since the epoch of a timestamp (with time zone) expression, as a BIGINT. */
  epochMicros(expr: string): string;
  /** True when the whole of `expr` matches `regex` (a pattern both RE2 and Java read alike). */
  fullMatch(expr: string, regex: string): string;
}

export const quoteSqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Trino's (and Athena's) name for an Iceberg type, as its Iceberg connector maps them. */
export function trinoType(type: IcebergType): string {
  if (isPrimitive(type)) {
    const p = parsePrimitive(type);
    switch (p.kind) {
      case 'boolean':
        return 'boolean';
      case 'int':
        return 'integer';
      case 'long':
        return 'bigint';
      case 'float':
        return 'real';
      case 'double':
        return 'double';
      case 'decimal':
        return `decimal(${p.precision}, ${p.scale})`;
      case 'date':
        return 'date';
      case 'time':
        return 'time(6)';
      case 'timestamp':
        return 'timestamp(6)';
      case 'timestamptz':
        return 'timestamp(6) with time zone';
      case 'string':
        return 'varchar';
      case 'uuid':
        return 'uuid';
      case 'binary':
      case 'fixed':
        return 'varbinary';
      default: {
        const never: never = p;
        throw new QueryError(`unsupported type ${JSON.stringify(never)}`);
      }
    }
  }
  if (type.type === 'struct')
    return `row(${type.fields
      .map(f => `${quoteIdent(f.name)} ${trinoType(f.type)}`)
      .join(', ')})`;
  if (type.type === 'list') return `array(${trinoType(type.element)})`;
  return `map(${trinoType(type.key)}, ${trinoType(type.value)})`;
}

/** `"ns"."table"`: resolved in the session's catalog (Trino's, or Athena's AwsDataCatalog). */
export const qualifiedName = (id: TableIdentifier) =>
  [...id.namespace, id.name].map(quoteIdent).join('.');

export const trinoDialect: SqlDialect = {
  name: 'trino',
  readsFiles: false,
  typeName: trinoType,
  snapshotSelect: ({ id, schema, snapshotId, snapshotSchema }) => {
    const none = (f: NestedField) =>
      `CAST(NULL AS ${trinoType(f.type)}) AS ${quoteIdent(f.name)}`;
    if (snapshotId === undefined)
      return `SELECT ${schema.fields.map(none).join(', ')} WHERE false`;
    // Trino reads a snapshot with the schema it was written with: columns added since
    // are NULL, renamed ones are read by their old name.
    const then = new Map(
      (snapshotSchema ?? schema).fields.map(f => [f.id, f.name]),
    );
    const cols = schema.fields.map(f => {
      const name = then.get(f.id);
      if (name === undefined) return none(f);
      return name === f.name
        ? quoteIdent(name)
        : `${quoteIdent(name)} AS ${quoteIdent(f.name)}`;
    });
    return `SELECT ${cols.join(', ')} FROM ${qualifiedName(
      id,
    )} FOR VERSION AS OF ${snapshotId.toString()}`;
  },
  // Nanoseconds fit a BIGINT until 2262; the result is in UTC whatever the session zone.
  timestampFromMicros: micros =>
    `CAST(from_unixtime_nanos(CAST(${wholeMicros(
      micros,
    )} AS BIGINT) * 1000) AS TIMESTAMP(6) WITH TIME ZONE)`,
  // Whole seconds (floored) by date_diff, the µs from the value's text: Trino has no
  // µs field function (date_format's %f stops at ms) and to_unixtime is a double.
  epochMicros: expr => {
    const t = `CAST(${expr} AS TIMESTAMP(6) WITH TIME ZONE)`;
    return `(date_diff('second', from_unixtime(0), date_trunc('second', ${t})) * 1000000 + CAST(regexp_extract(CAST(${t} AS VARCHAR), '\\.(\\d{6})', 1) AS BIGINT))`;
  },
  fullMatch: (expr, regex) =>
    `regexp_like(${expr}, ${quoteSqlString(`^(?:${regex})$`)})`,
};
