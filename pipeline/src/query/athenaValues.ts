/**
 * Athena result values to the JSON-safe shapes every QueryEngine returns. Athena's
 * GetQueryResults hands back every value as text (`VarCharValue`) plus the column
 * types in `ResultSetMetadata.ColumnInfo`; the type decides the shape: 64-bit integers
 * and decimals stay strings (no precision lost), smaller numbers become numbers, times
 * become ISO 8601 strings. Pure functions, so the mapping is unit-tested without AWS.
 */
import type { ColumnInfo, Row } from '@aws-sdk/client-athena';
import { QueryError, type QueryColumn } from './engine';

export type AthenaJsonValue = string | number | boolean | null;

/** Lower case, parameters dropped: `timestamp(6) with time zone` → `timestamp with time zone`. */
export function baseAthenaType(type: string): string {
  return type
    .toLowerCase()
    .replace(/\(\s*\d+\s*(,\s*\d+\s*)?\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Our column description: the name and Athena's type in upper case, decimals with precision and scale. */
export function athenaColumn(info: ColumnInfo): QueryColumn {
  const raw = (info.Type ?? 'unknown').trim();
  const base = baseAthenaType(raw);
  // ColumnInfo carries a decimal's precision and scale separately from its type.
  const type =
    base === 'decimal' && !raw.includes('(') && info.Precision !== undefined
      ? `DECIMAL(${info.Precision}, ${info.Scale ?? 0})`
      : raw.toUpperCase();
  return { name: info.Name ?? info.Label ?? '', type };
}

/**
 * True when a first result row only repeats the column names: Athena puts such a row
 * first on the first page of SELECT results, and none for DDL or utility statements,
 * so the row is compared instead of assumed (as PyAthena does).
 */
export function isHeaderRow(row: Row, columns: QueryColumn[]): boolean {
  const data = row.Data ?? [];
  return (
    columns.length > 0 &&
    data.length === columns.length &&
    columns.every((c, i) => data[i]?.VarCharValue === c.name)
  );
}

const malformed = (type: string, text: string) =>
  new QueryError(
    `Athena returned ${JSON.stringify(text)}, which is not a valid ${type}`,
  );

const INTEGER = /^[+-]?\d+$/;
const DATE = /^[+-]?\d{4,}-\d{2}-\d{2}$/;
const TIMESTAMP =
  /^([+-]?\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?: (.+))?$/;
const NUMERIC_OFFSET = /^[+-]\d{2}:\d{2}$/;

function parseInteger(type: string, text: string): number {
  if (!INTEGER.test(text)) throw malformed(type, text);
  return Number(text);
}

/** `real`/`double` text to a number; NaN and ±Infinity stay strings, as DuckDB's engine does. */
function parseFloating(type: string, text: string): number | string {
  const value = Number(text);
  if (Number.isFinite(value) && text.trim() !== '') return value;
  if (text === 'NaN' || text === 'Infinity' || text === '-Infinity')
    return text;
  throw malformed(type, text);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** The UTC offset of an IANA zone at an instant, in minutes (Node's ICU knows the zones). */
function zoneOffsetMinutes(zone: string, epochMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    timeZoneName: 'longOffset',
  })
    .formatToParts(new Date(epochMs))
    .find(p => p.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!match) throw new RangeError(`no offset for ${zone}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** A zone name Athena prints after a timestamp (`UTC`, `+01:00`, `Europe/Berlin`) as an ISO offset. */
export function isoOffset(zone: string, date: string, time: string): string {
  if (zone === 'UTC' || zone === 'Z' || zone === 'GMT') return 'Z';
  if (NUMERIC_OFFSET.test(zone)) return zone === '+00:00' ? 'Z' : zone;
  // A wall-clock time in a named zone: guess the instant with the offset at the wall
  // time read as UTC, then take the offset at that instant (right across DST changes).
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  const wall = new Date(0);
  wall.setUTCFullYear(y!, mo! - 1, d!);
  wall.setUTCHours(h!, mi!, Math.floor(s ?? 0));
  const guess = zoneOffsetMinutes(zone, wall.getTime());
  return formatOffset(zoneOffsetMinutes(zone, wall.getTime() - guess * 60_000));
}

function parseTimestamp(type: string, text: string): string {
  const match = TIMESTAMP.exec(text);
  if (!match) throw malformed(type, text);
  const [, date, time, zone] = match;
  const local = `${date}T${time}`;
  if (zone === undefined) {
    if (type === 'timestamp with time zone') throw malformed(type, text);
    return local;
  }
  if (type === 'timestamp') throw malformed(type, text);
  try {
    return `${local}${isoOffset(zone, date!, time!)}`;
  } catch {
    throw malformed(type, text);
  }
}

/**
 * One Athena value as JSON: bigint and decimal → string; tinyint, smallint, integer,
 * real/float and double → number; boolean → boolean; date and timestamp → ISO 8601
 * string (`2026-01-31 10:00:00.000` → `2026-01-31T10:00:00.000`, with an offset when
 * the type has a time zone); everything else (varchar, char, json, time, arrays, maps,
 * rows, …) → the text as Athena printed it. No `VarCharValue` means SQL NULL.
 */
export function athenaValue(
  type: string,
  text: string | undefined,
): AthenaJsonValue {
  if (text === undefined) return null;
  const base = baseAthenaType(type);
  switch (base) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'int':
      return parseInteger(base, text);
    case 'bigint':
      if (!INTEGER.test(text)) throw malformed(base, text);
      return text;
    case 'decimal':
      return text;
    case 'real':
    case 'float':
    case 'double':
      return parseFloating(base, text);
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw malformed(base, text);
    case 'date':
      if (!DATE.test(text)) throw malformed(base, text);
      return text;
    case 'timestamp':
    case 'timestamp with time zone':
      return parseTimestamp(base, text);
    default:
      return text;
  }
}

/** One result row as an object keyed by column name; absent trailing values are NULL. */
export function athenaRow(
  row: Row,
  columns: QueryColumn[],
): Record<string, AthenaJsonValue> {
  const data = row.Data ?? [];
  return Object.fromEntries(
    columns.map((c, i) => [c.name, athenaValue(c.type, data[i]?.VarCharValue)]),
  );
}
