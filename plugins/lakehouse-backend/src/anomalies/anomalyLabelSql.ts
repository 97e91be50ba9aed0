/**
 * `label_fields`: the label records of bronze.purchase_labels whose value is what the
 * pipeline's `purchaseLabel` schema accepts: UTF-8 JSON, an object of exactly its keys,
 * label_version the number 1, is_anomaly the boolean true, event_id, pattern,
 * incident_id and event_ts strings, event_ts a date-time with offset that exists on
 * the calendar. The checks read JSON with each engine's own functions, so they are
 * written once per dialect; both must keep and drop the same records (the Trino test
 * compares the two on the same tables).
 */
import { quoteSqlString as quote, type SqlDialect } from '@medallion/pipeline';

/** zod's `z.iso.datetime({ offset: true })`, but for its calendar check (done by a cast). */
const DATETIME_REGEX =
  '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})';
const LABEL_KEYS = [
  'event_id',
  'event_ts',
  'incident_id',
  'is_anomaly',
  'label_version',
  'pattern',
];
const STRING_KEYS = ['event_id', 'pattern', 'incident_id', 'event_ts'];
const KAFKA_COLUMNS = 'ingest_ts, kafka_topic, kafka_partition, kafka_offset';

function duckdbLabelFields(dialect: SqlDialect, labels: string): string {
  const text = (key: string) => `json_extract_string(j, '$.${key}')`;
  return `label_records AS (
  SELECT CASE WHEN json_valid(text) THEN text END AS j, ${KAFKA_COLUMNS}
  FROM (SELECT TRY(decode(value)) AS text, ${KAFKA_COLUMNS}
        FROM (${labels}) AS l)
),
label_fields AS (
  SELECT ${text('event_id')} AS event_text, ${text('pattern')} AS pattern,
         ${text('incident_id')} AS incident_id, ${KAFKA_COLUMNS}
  FROM label_records
  WHERE json_type(j) = 'OBJECT'
    AND list_sort(json_keys(j)) = [${LABEL_KEYS.map(quote).join(', ')}]
    AND json_type(j, '$.label_version') IN ('UBIGINT', 'BIGINT', 'DOUBLE')
    AND CAST(json_extract(j, '$.label_version') AS DOUBLE) = 1
    AND json_type(j, '$.is_anomaly') = 'BOOLEAN'
    AND ${text('is_anomaly')} = 'true'
    ${STRING_KEYS.map(k => `AND json_type(j, '$.${k}') = 'VARCHAR'`).join(
      '\n    ',
    )}
    AND ${dialect.fullMatch(text('event_ts'), DATETIME_REGEX)}
    AND TRY_CAST(${text('event_ts')} AS TIMESTAMPTZ) IS NOT NULL
)`;
}

/**
 * Trino evaluates the conditions in any order, so every step that can fail is a try:
 * a value that is not UTF-8, not JSON or not an object becomes NULL and drops out.
 * `json_format` tells a value's JSON kind by its first character.
 */
function trinoLabelFields(dialect: SqlDialect, labels: string): string {
  const value = (key: string) => `element_at(m, '${key}')`;
  const text = (key: string) => `TRY_CAST(${value(key)} AS VARCHAR)`;
  return `label_records AS (
  SELECT TRY_CAST(TRY(json_parse(from_utf8(value))) AS MAP(VARCHAR, JSON)) AS m,
         ${KAFKA_COLUMNS}
  FROM (${labels}) AS l
  WHERE to_utf8(from_utf8(value)) = value
),
label_fields AS (
  SELECT ${text('event_id')} AS event_text, ${text('pattern')} AS pattern,
         ${text('incident_id')} AS incident_id, ${KAFKA_COLUMNS}
  FROM label_records
  WHERE array_sort(map_keys(m)) = ARRAY[${LABEL_KEYS.map(quote).join(', ')}]
    AND regexp_like(json_format(${value('label_version')}), '^-?[0-9]')
    AND TRY_CAST(${value('label_version')} AS DOUBLE) = 1
    AND json_format(${value('is_anomaly')}) = 'true'
    ${STRING_KEYS.map(
      k => `AND substr(json_format(${value(k)}), 1, 1) = '"'`,
    ).join('\n    ')}
    AND ${dialect.fullMatch(text('event_ts'), DATETIME_REGEX)}
    AND TRY(from_iso8601_timestamp_nanos(${text('event_ts')})) IS NOT NULL
)`;
}

/** The CTEs `label_records` and `label_fields` over the labels' select. */
export function labelFieldsSql(dialect: SqlDialect, labels: string): string {
  return dialect.name === 'duckdb'
    ? duckdbLabelFields(dialect, labels)
    : trinoLabelFields(dialect, labels);
}
