/**
 * The SQL of a table preview: the current snapshot in the engine's dialect (DuckDB
 * reads its data files by Iceberg field id; Trino and Athena the table at that snapshot),
 * each column rendered in SQL as a JSON-safe value, so 64-bit integers and decimals
 * arrive as exact strings, times as ISO-8601 in UTC whatever the session time zone, and
 * bytes as text when they are UTF-8 (bronze keeps each Kafka value as bytes), else as
 * `base64:…`. Both dialects render a value as the same text.
 */
import {
  isPrimitive,
  parsePrimitive,
  quoteIdent,
  type NestedField,
  type SnapshotSource,
  type SqlDialect,
} from '@medallion/pipeline';

type Render = (col: string) => string;

interface PreviewRendering {
  nested: Render;
  timestamptz: Render;
  timestamp: Render;
  bytes: Render;
}

const RENDERINGS: Record<SqlDialect['name'], PreviewRendering> = {
  duckdb: {
    // Nested values as JSON text: parsing it here would round 64-bit integers inside.
    nested: col => `CAST(to_json(${col}) AS VARCHAR)`,
    // epoch_us is absolute, so the session time zone cannot shift the text.
    timestamptz: col =>
      `strftime(make_timestamp(epoch_us(${col})), '%Y-%m-%dT%H:%M:%S.%fZ')`,
    timestamp: col => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%f')`,
    bytes: col =>
      `COALESCE(TRY(decode(${col})), 'base64:' || to_base64(${col}))`,
  },
  trino: {
    nested: col => `json_format(CAST(${col} AS JSON))`,
    timestamptz: col =>
      `to_iso8601(CAST(${col} AS TIMESTAMP(6) WITH TIME ZONE) AT TIME ZONE 'UTC')`,
    timestamp: col => `to_iso8601(CAST(${col} AS TIMESTAMP(6)))`,
    // from_utf8 replaces bad bytes: only a round trip tells the value was UTF-8.
    bytes: col =>
      `COALESCE(IF(to_utf8(from_utf8(${col})) = ${col}, from_utf8(${col})), 'base64:' || to_base64(${col}))`,
  },
};

/** The SQL expression that renders one column as a JSON-safe value. */
export function jsonSafeColumn(
  dialect: SqlDialect,
  field: NestedField,
): string {
  const col = quoteIdent(field.name);
  const r = RENDERINGS[dialect.name];
  if (!isPrimitive(field.type)) return r.nested(col);
  switch (parsePrimitive(field.type).kind) {
    case 'long':
    case 'decimal':
    case 'date':
    case 'time':
    case 'uuid':
      return `CAST(${col} AS VARCHAR)`;
    case 'timestamptz':
      return r.timestamptz(col);
    case 'timestamp':
      return r.timestamp(col);
    case 'binary':
    case 'fixed':
      return r.bytes(col);
    default:
      return col;
  }
}

/** At most `limit + 1` rows (one more tells the caller the preview was cut). */
export function previewSql(
  dialect: SqlDialect,
  source: SnapshotSource,
  limit: number,
): string {
  const columns = source.schema.fields
    .map(f => `${jsonSafeColumn(dialect, f)} AS ${quoteIdent(f.name)}`)
    .join(', ');
  return `SELECT ${columns} FROM (${dialect.snapshotSelect(
    source,
  )}) AS t LIMIT ${limit + 1}`;
}
