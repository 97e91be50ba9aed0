/**
 * The SQL of a table preview: the current snapshot's data files read by Iceberg field id
 * (renamed and added columns read correctly from old files), each column rendered in
 * SQL as a JSON-safe value, so 64-bit integers and decimals arrive as exact strings and
 * times as ISO-8601 whatever the engine's session time zone.
 */
import {
  isPrimitive,
  parsePrimitive,
  quoteIdent,
  tableSelectSql,
  type NestedField,
  type Schema,
} from '@medallion/pipeline';

/** The SQL expression that renders one column as a JSON-safe value. */
export function jsonSafeColumn(field: NestedField): string {
  const col = quoteIdent(field.name);
  // Nested values as JSON text: parsing it here would round 64-bit integers inside.
  if (!isPrimitive(field.type)) return `CAST(to_json(${col}) AS VARCHAR)`;
  switch (parsePrimitive(field.type).kind) {
    case 'long':
    case 'decimal':
    case 'date':
    case 'time':
    case 'uuid':
      return `CAST(${col} AS VARCHAR)`;
    case 'timestamptz':
      // epoch_us is absolute, so the session time zone cannot shift the text.
      return `strftime(make_timestamp(epoch_us(${col})), '%Y-%m-%dT%H:%M:%S.%fZ')`;
    case 'timestamp':
      return `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%f')`;
    case 'binary':
    case 'fixed':
      // Raw bytes are mostly text here (bronze keeps each Kafka value as bytes).
      return `COALESCE(TRY(decode(${col})), 'base64:' || to_base64(${col}))`;
    default:
      return col;
  }
}

/** At most `limit + 1` rows (one more tells the caller the preview was cut). */
export function previewSql(
  schema: Schema,
  files: string[],
  limit: number,
): string {
  const columns = schema.fields
    .map(f => `${jsonSafeColumn(f)} AS ${quoteIdent(f.name)}`)
    .join(', ');
  return `SELECT ${columns} FROM (${tableSelectSql(
    schema,
    files,
  )}) AS t LIMIT ${limit + 1}`;
}
