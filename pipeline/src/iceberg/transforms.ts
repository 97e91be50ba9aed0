/**
 * Iceberg partition transforms (spec "Partition Transforms"): parsing the JSON transform
 * strings, which source types each accepts, result types, applying them to internal values
 * (see conversions.ts), the human strings used in partition paths, and inclusive projection
 * of column predicates onto partition values for scan pruning.
 *
 * Semantics follow the spec, cross-checked with the Java reference implementation and
 * PyIceberg (`pyiceberg/transforms.py`) where the spec leaves details open.
 */
import { Buffer } from 'node:buffer';
import { type InternalValue, ValueError } from './conversions';
import { hashForBucket } from './murmur3';
import {
  decimalType,
  fixedType,
  type IcebergType,
  parsePrimitive,
  type ParsedPrimitive,
  type PrimitiveType,
} from './types';

// ---------------------------------------------------------------- parsing

export type Transform =
  | { readonly kind: 'identity' | 'year' | 'month' | 'day' | 'hour' | 'void' }
  | { readonly kind: 'bucket'; readonly numBuckets: number }
  | { readonly kind: 'truncate'; readonly width: number };

/** A parsed transform or its JSON string form ("bucket[16]"). */
export type TransformLike = Transform | string;

/** A source type: the JSON form from a schema, or one already parsed. */
export type SourceType = PrimitiveType | ParsedPrimitive;

export class TransformError extends Error {}

const SIMPLE_TRANSFORMS: ReadonlySet<string> = new Set([
  'identity',
  'year',
  'month',
  'day',
  'hour',
  'void',
]);
const WITH_PARAMETER = /^(bucket|truncate)\[(\d+)\]$/i;
const INT_MAX = 2147483647;

/**
 * Parses a transform string. Names are matched case-insensitively like Java's
 * `Transforms.fromString`; anything else (including transforms newer than format v2) is
 * rejected, since a writer must never write with a transform it does not understand.
 */
export function parseTransform(text: string): Transform {
  const lower = text.toLowerCase();
  if (SIMPLE_TRANSFORMS.has(lower)) {
    return {
      kind: lower as 'identity' | 'year' | 'month' | 'day' | 'hour' | 'void',
    };
  }
  const m = WITH_PARAMETER.exec(text);
  if (m) {
    const n = Number(m[2]);
    if (n < 1 || n > INT_MAX) {
      throw new TransformError(
        `invalid transform ${JSON.stringify(
          text,
        )}: the parameter must be 1..${INT_MAX}`,
      );
    }
    return m[1]!.toLowerCase() === 'bucket'
      ? { kind: 'bucket', numBuckets: n }
      : { kind: 'truncate', width: n };
  }
  throw new TransformError(
    `unknown partition transform ${JSON.stringify(
      text,
    )}: expected identity, year, month, day, hour, bucket[N], truncate[W] or void`,
  );
}

function toTransform(transform: TransformLike): Transform {
  return typeof transform === 'string' ? parseTransform(transform) : transform;
}

/** The canonical JSON string of a transform ("identity", "bucket[16]"). */
export function transformToString(transform: TransformLike): string {
  const t = toTransform(transform);
  if (t.kind === 'bucket') return `bucket[${t.numBuckets}]`;
  if (t.kind === 'truncate') return `truncate[${t.width}]`;
  return t.kind;
}

// ---------------------------------------------------------------- types

function toParsed(type: SourceType): ParsedPrimitive {
  return typeof type === 'string' ? parsePrimitive(type) : type;
}

function primitiveOf(p: ParsedPrimitive): PrimitiveType {
  if (p.kind === 'decimal') return decimalType(p.precision, p.scale);
  if (p.kind === 'fixed') return fixedType(p.length);
  return p.kind;
}

const BUCKET_SOURCES: ReadonlySet<string> = new Set([
  'int',
  'long',
  'decimal',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'string',
  'uuid',
  'fixed',
  'binary',
]);
const TRUNCATE_SOURCES: ReadonlySet<string> = new Set([
  'int',
  'long',
  'decimal',
  'string',
  'binary',
]);
const DATE_SOURCES: ReadonlySet<string> = new Set([
  'date',
  'timestamp',
  'timestamptz',
]);
const HOUR_SOURCES: ReadonlySet<string> = new Set(['timestamp', 'timestamptz']);

/**
 * Whether the transform accepts values of this type (spec table "Partition Transforms").
 * Nested types and unknown type strings are never transformable, except by `void`.
 */
export function canTransform(
  transform: TransformLike,
  sourceType: IcebergType | ParsedPrimitive,
): boolean {
  const t = toTransform(transform);
  let p: ParsedPrimitive;
  if (typeof sourceType === 'string') {
    try {
      p = parsePrimitive(sourceType);
    } catch {
      return t.kind === 'void';
    }
  } else if ('kind' in sourceType) {
    p = sourceType;
  } else {
    return t.kind === 'void';
  }
  switch (t.kind) {
    case 'identity':
      return true;
    case 'void':
      return true;
    case 'bucket':
      return BUCKET_SOURCES.has(p.kind);
    case 'truncate':
      return TRUNCATE_SOURCES.has(p.kind);
    case 'year':
    case 'month':
    case 'day':
      return DATE_SOURCES.has(p.kind);
    case 'hour':
      return HOUR_SOURCES.has(p.kind);
    default: {
      const never: never = t;
      throw new TransformError(
        `unsupported transform ${JSON.stringify(never)}`,
      );
    }
  }
}

function checkTransformable(t: Transform, p: ParsedPrimitive): void {
  if (!canTransform(t, p)) {
    throw new TransformError(
      `transform ${transformToString(t)} cannot be applied to ${primitiveOf(
        p,
      )} values`,
    );
  }
}

/**
 * The type of the partition values a transform produces. `day` yields `date` (days since
 * epoch, physically an int) as the spec, Java (`Days.getResultType`) and PyIceberg
 * (`DayTransform.result_type`) all declare; the other time transforms and `bucket` yield
 * `int`; identity, truncate and void keep the source type.
 */
export function resultType(
  transform: TransformLike,
  sourceType: SourceType,
): PrimitiveType {
  const t = toTransform(transform);
  const p = toParsed(sourceType);
  checkTransformable(t, p);
  switch (t.kind) {
    case 'bucket':
    case 'year':
    case 'month':
    case 'hour':
      return 'int';
    case 'day':
      return 'date';
    default:
      return typeof sourceType === 'string' ? sourceType : primitiveOf(p);
  }
}

/** Whether the transform is monotonic (a <= b implies f(a) <= f(b)). */
export function preservesOrder(transform: TransformLike): boolean {
  const t = toTransform(transform);
  return t.kind !== 'bucket' && t.kind !== 'void';
}

/**
 * Key under which two transforms of one source column are redundant in a spec (Java's
 * `dedupName`): all time transforms share "time", others are their string form.
 */
export function dedupName(transform: TransformLike): string {
  const t = toTransform(transform);
  return ['year', 'month', 'day', 'hour'].includes(t.kind)
    ? 'time'
    : transformToString(t);
}

// ---------------------------------------------------------------- calendar arithmetic

const MICROS_PER_DAY = 86_400_000_000n;
const MICROS_PER_HOUR = 3_600_000_000n;

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Proleptic Gregorian year, month (1-12) and day of a day count since 1970-01-01. */
export function civilFromDays(days: number): {
  year: number;
  month: number;
  day: number;
} {
  // Howard Hinnant's days-to-civil algorithm, on 400-year eras starting in March.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe -
      Math.floor(doe / 1460) +
      Math.floor(doe / 36524) -
      Math.floor(doe / 146096)) /
      365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const yearsFromDays = (days: number) => civilFromDays(days).year - 1970;

function monthsFromDays(days: number): number {
  const { year, month } = civilFromDays(days);
  return (year - 1970) * 12 + month - 1;
}

// Floor division: 1969-12-31T23:59:59.999999 is day -1 and hour -1, not 0.
const daysFromMicros = (micros: bigint) =>
  Number(floorDivBig(micros, MICROS_PER_DAY));
const hoursFromMicros = (micros: bigint) =>
  Number(floorDivBig(micros, MICROS_PER_HOUR));

// ---------------------------------------------------------------- applying

export type TransformFunction = (
  value: InternalValue | null,
) => InternalValue | null;

function describe(value: InternalValue): string {
  return value instanceof Uint8Array
    ? `Uint8Array(${value.length})`
    : `${typeof value} ${String(value)}`;
}

/** A long-like internal value (long, time, timestamp, decimal); integral numbers accepted. */
function asBigInt(value: InternalValue, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) {
    return BigInt(value);
  }
  throw new ValueError(`expected ${what}, got ${describe(value)}`);
}

/** An int-like internal value (int, date); bigints in range accepted. */
function asInt(value: InternalValue, what: string): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  throw new ValueError(`expected ${what}, got ${describe(value)}`);
}

/** The first `width` code points of a string (not UTF-16 units: emoji stay whole). */
function truncateString(value: string, width: number): string {
  if (value.length <= width) return value;
  let end = 0;
  for (let count = 0; count < width && end < value.length; count++) {
    const unit = value.charCodeAt(end);
    const isPair =
      unit >= 0xd800 &&
      unit <= 0xdbff &&
      end + 1 < value.length &&
      (value.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    end += isPair ? 2 : 1;
  }
  return value.slice(0, end);
}

function truncateFunction(
  width: number,
  p: ParsedPrimitive,
): TransformFunction {
  switch (p.kind) {
    case 'int':
      // Java int arithmetic: the result wraps at the int range like the reference writer.
      return v => {
        if (v === null) return null;
        const n = asInt(v, 'an int');
        return (n - floorMod(n, width)) | 0;
      };
    case 'long':
    case 'decimal': {
      // A decimal truncates its unscaled value: the width is in units of the scale.
      const w = BigInt(width);
      const wrap = p.kind === 'long';
      return v => {
        if (v === null) return null;
        const n = asBigInt(v, `a ${p.kind}`);
        const out = n - (((n % w) + w) % w);
        return wrap ? BigInt.asIntN(64, out) : out;
      };
    }
    case 'string':
      return v => {
        if (v === null) return null;
        if (typeof v !== 'string') {
          throw new ValueError(`expected a string, got ${describe(v)}`);
        }
        return truncateString(v, width);
      };
    case 'binary':
      return v => {
        if (v === null) return null;
        if (!(v instanceof Uint8Array)) {
          throw new ValueError(`expected binary, got ${describe(v)}`);
        }
        return v.length <= width ? v : v.slice(0, width);
      };
    default:
      throw new TransformError(`cannot truncate ${primitiveOf(p)} values`);
  }
}

function timeFunction(
  kind: 'year' | 'month' | 'day' | 'hour',
  p: ParsedPrimitive,
): TransformFunction {
  if (p.kind === 'date') {
    if (kind === 'hour') throw new TransformError('cannot apply hour to dates');
    if (kind === 'day') return v => (v === null ? null : asInt(v, 'a date'));
    const fromDays = kind === 'year' ? yearsFromDays : monthsFromDays;
    return v => (v === null ? null : fromDays(asInt(v, 'a date')));
  }
  const fromMicros = {
    year: (us: bigint) => yearsFromDays(daysFromMicros(us)),
    month: (us: bigint) => monthsFromDays(daysFromMicros(us)),
    day: daysFromMicros,
    hour: hoursFromMicros,
  }[kind];
  return v => (v === null ? null : fromMicros(asBigInt(v, 'a timestamp')));
}

/**
 * Binds a transform to a source type once, returning a fast function from internal source
 * values to internal partition values (null in, null out). Throws TransformError when the
 * transform does not apply to the type.
 */
export function bindTransform(
  transform: TransformLike,
  sourceType: SourceType,
): TransformFunction {
  const t = toTransform(transform);
  const p = toParsed(sourceType);
  checkTransformable(t, p);
  switch (t.kind) {
    case 'identity':
      return v => v;
    case 'void':
      return () => null;
    case 'bucket': {
      const n = t.numBuckets;
      return v => (v === null ? null : (hashForBucket(p, v) & INT_MAX) % n);
    }
    case 'truncate':
      return truncateFunction(t.width, p);
    default:
      return timeFunction(t.kind, p);
  }
}

/** Applies a transform to one internal value (see bindTransform for repeated use). */
export function applyTransform(
  transform: TransformLike,
  sourceType: SourceType,
  value: InternalValue | null,
): InternalValue | null {
  return bindTransform(transform, sourceType)(value);
}

// ---------------------------------------------------------------- human strings

function pad(n: number, width: number): string {
  // Like Java's %04d and Python's {:0=4d}: the sign counts towards the width.
  const digits = String(Math.abs(n));
  return n < 0
    ? `-${digits.padStart(width - 1, '0')}`
    : digits.padStart(width, '0');
}

export const humanYear = (years: number) => pad(1970 + years, 4);

export function humanMonth(months: number): string {
  return `${pad(1970 + Math.floor(months / 12), 4)}-${pad(
    floorMod(months, 12) + 1,
    2,
  )}`;
}

export function humanDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function humanHour(hours: number): string {
  return `${humanDay(Math.floor(hours / 24))}-${pad(floorMod(hours, 24), 2)}`;
}

/** "HH:MM:SS", plus ".ffffff" when there are microseconds (Python `isoformat`). */
export function humanTime(microsOfDay: bigint): string {
  const micros = Number(microsOfDay);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros % 1_000_000;
  const hms = `${pad(Math.floor(seconds / 3600), 2)}:${pad(
    Math.floor(seconds / 60) % 60,
    2,
  )}:${pad(seconds % 60, 2)}`;
  return fraction === 0 ? hms : `${hms}.${pad(fraction, 6)}`;
}

export function humanTimestamp(micros: bigint, withZone: boolean): string {
  const days = floorDivBig(micros, MICROS_PER_DAY);
  const text = `${humanDay(Number(days))}T${humanTime(
    micros - days * MICROS_PER_DAY,
  )}`;
  return withZone ? `${text}+00:00` : text;
}

/** A decimal's text as Java `BigDecimal.toString` and Python `str(Decimal)` print it. */
export function humanDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  const sign = negative ? '-' : '';
  const adjusted = digits.length - 1 - scale;
  if (adjusted < -6) {
    const mantissa =
      digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}E${adjusted}`;
  }
  if (scale === 0) return `${sign}${digits}`;
  const padded = digits.padStart(scale + 1, '0');
  return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** Python `str(float)` for the common cases: integral values keep a ".0". */
function humanFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) {
    return value.toFixed(1);
  }
  return String(value);
}

/** The human string of an internal value of a type (identity and truncate partitions). */
function humanValue(p: ParsedPrimitive, value: InternalValue): string {
  switch (p.kind) {
    case 'date':
      return humanDay(asInt(value, 'a date'));
    case 'time':
      return humanTime(asBigInt(value, 'a time'));
    case 'timestamp':
    case 'timestamptz':
      return humanTimestamp(
        asBigInt(value, 'a timestamp'),
        p.kind === 'timestamptz',
      );
    case 'decimal':
      return humanDecimal(asBigInt(value, 'a decimal'), p.scale);
    case 'float':
    case 'double':
      return typeof value === 'number' ? humanFloat(value) : String(value);
    default:
      // binary/fixed as base64 like Java and PyIceberg; uuids in canonical text (as Java).
      return value instanceof Uint8Array
        ? Buffer.from(value).toString('base64')
        : String(value);
  }
}

/**
 * The human-readable form of a partition value, as used in partition paths: `2026` (year),
 * `2026-11` (month), `2026-11-27` (day), `2026-11-27-10` (hour), bucket numbers, identity
 * and truncate values in their type's ISO/text form (timestamps `2026-11-27T10:00:00`,
 * timestamptz with `+00:00`, binary in base64), and `null` for null. Not URL-escaped.
 */
export function toHumanString(
  transform: TransformLike,
  sourceType: SourceType,
  value: InternalValue | null,
): string {
  if (value === null) return 'null';
  const t = toTransform(transform);
  switch (t.kind) {
    case 'void':
      return 'null';
    case 'year':
      return humanYear(asInt(value, 'a year ordinal'));
    case 'month':
      return humanMonth(asInt(value, 'a month ordinal'));
    case 'day':
      return humanDay(asInt(value, 'a day ordinal'));
    case 'hour':
      return humanHour(asInt(value, 'an hour ordinal'));
    case 'bucket':
      return String(value);
    default:
      return humanValue(toParsed(sourceType), value);
  }
}

// ---------------------------------------------------------------- inclusive projection

export type UnaryOp = 'is_null' | 'not_null';
export type LiteralOp = '<' | '<=' | '>' | '>=' | '=' | '!=' | 'starts_with';
export type SetOp = 'in' | 'not_in';
export type PredicateOp = UnaryOp | LiteralOp | SetOp;

/** A predicate on a partition field (or on a source column, with source values). */
export type PartitionPredicate =
  | { op: UnaryOp }
  | { op: LiteralOp; literal: InternalValue }
  | { op: SetOp; literals: InternalValue[] };

function valueKey(value: InternalValue): string {
  if (value instanceof Uint8Array) {
    return `b:${Buffer.from(value).toString('hex')}`;
  }
  return `${typeof value}:${String(value)}`;
}

function distinct(values: InternalValue[]): InternalValue[] {
  const seen = new Map<string, InternalValue>();
  for (const v of values) {
    const key = valueKey(v);
    if (!seen.has(key)) seen.set(key, v);
  }
  return [...seen.values()];
}

/** The value one unit above or below (1 for ints and dates, 1 µs, one unscaled decimal unit). */
function step(value: InternalValue, delta: 1 | -1): InternalValue {
  if (typeof value === 'bigint') return value + BigInt(delta);
  if (typeof value === 'number') return value + delta;
  throw new ValueError(`expected a number, got ${describe(value)}`);
}

/** Projects ordered comparisons of a monotonic transform over an integral domain. */
function projectIntegral(
  apply: (v: InternalValue) => InternalValue,
  op: LiteralOp,
  literal: InternalValue,
): PartitionPredicate | null {
  switch (op) {
    // A strict bound becomes the closed bound on the adjacent value, then transformed:
    // x < 20 → x <= 19 → trunc10(x) <= 10, tighter than trunc10(x) <= 20.
    case '<':
      return { op: '<=', literal: apply(step(literal, -1)) };
    case '<=':
      return { op: '<=', literal: apply(literal) };
    case '>':
      return { op: '>=', literal: apply(step(literal, 1)) };
    case '>=':
      return { op: '>=', literal: apply(literal) };
    case '=':
      return { op: '=', literal: apply(literal) };
    default:
      return null;
  }
}

/** Projects comparisons of truncated strings and binary (no "adjacent value" exists). */
function projectTruncatedArray(
  apply: (v: InternalValue) => InternalValue,
  op: LiteralOp,
  literal: InternalValue,
  isString: boolean,
): PartitionPredicate | null {
  switch (op) {
    // x < "abcd" can hold for x = "abc", whose truncate[2] "ab" equals that of the
    // literal, so strict bounds must widen to closed ones.
    case '<':
    case '<=':
      return { op: '<=', literal: apply(literal) };
    case '>':
    case '>=':
      return { op: '>=', literal: apply(literal) };
    case '=':
      return { op: '=', literal: apply(literal) };
    case 'starts_with':
      return isString ? { op: 'starts_with', literal: apply(literal) } : null;
    default:
      return null;
  }
}

/**
 * Widens a time projection for files written by Iceberg Java 0.10.0 and earlier, whose
 * time transforms put pre-1970 values one unit too high (day(1969-12-31 10:00) = 0), as
 * Java's `ProjectionUtil.fixInclusiveTimeProjection` does. It only ever admits more files,
 * so it is safe for correctly written data too.
 */
function fixLegacyNegativeTime(
  projected: PartitionPredicate,
): PartitionPredicate {
  if (projected.op === 'in') {
    const values = projected.literals as number[];
    if (!values.some(v => v < 0)) return projected;
    return {
      op: 'in',
      literals: distinct(values.flatMap(v => (v < 0 ? [v, v + 1] : [v]))),
    };
  }
  if (!('literal' in projected)) return projected;
  const v = projected.literal as number;
  if (v >= 0) return projected;
  if (projected.op === '<=' || projected.op === '<') {
    return { op: projected.op, literal: v + 1 };
  }
  if (projected.op === '=') return { op: 'in', literals: [v, v + 1] };
  return projected;
}

function projectLiteral(
  t: Transform,
  p: ParsedPrimitive,
  apply: (v: InternalValue) => InternalValue,
  op: LiteralOp,
  literal: InternalValue,
): PartitionPredicate | null {
  switch (t.kind) {
    case 'bucket':
      // Hashing destroys order: only equality survives.
      return op === '=' ? { op, literal: apply(literal) } : null;
    case 'truncate':
      return p.kind === 'string' || p.kind === 'binary'
        ? projectTruncatedArray(apply, op, literal, p.kind === 'string')
        : projectIntegral(apply, op, literal);
    default:
      return projectIntegral(apply, op, literal);
  }
}

/**
 * Inclusive projection: turns a predicate on a source column into a predicate on the
 * partition value that every matching row's partition satisfies, or null when nothing
 * can be said (the partition field then cannot prune). For example, with `day`,
 * `ts >= X` becomes `>= day(X)` and `ts < X` becomes `<= day(X - 1µs)`; `bucket` projects
 * only `=` and `in`; `!=`/`not_in` project only through `identity`; `void` never projects.
 * Literals are internal values of the source type; results are of the result type.
 */
export function projectInclusive(
  transform: TransformLike,
  sourceType: SourceType,
  op: UnaryOp,
): PartitionPredicate | null;
export function projectInclusive(
  transform: TransformLike,
  sourceType: SourceType,
  op: LiteralOp,
  literal: InternalValue,
): PartitionPredicate | null;
export function projectInclusive(
  transform: TransformLike,
  sourceType: SourceType,
  op: SetOp,
  literals: readonly InternalValue[],
): PartitionPredicate | null;
export function projectInclusive(
  transform: TransformLike,
  sourceType: SourceType,
  op: PredicateOp,
  literal?: InternalValue | readonly InternalValue[],
): PartitionPredicate | null {
  const t = toTransform(transform);
  const p = toParsed(sourceType);
  const bound = bindTransform(t, p);
  if (t.kind === 'void') return null;
  if (op === 'is_null' || op === 'not_null') return { op };

  const apply = (v: InternalValue): InternalValue => {
    const out = bound(v);
    if (out === null) throw new ValueError('a literal cannot be null');
    return out;
  };
  const isTime = ['year', 'month', 'day', 'hour'].includes(t.kind);
  // day over a date is the identity: no legacy values to allow for (as in Java's Dates).
  const fix = (pred: PartitionPredicate | null) =>
    pred && isTime && !(t.kind === 'day' && p.kind === 'date')
      ? fixLegacyNegativeTime(pred)
      : pred;

  if (op === 'in' || op === 'not_in') {
    if (!Array.isArray(literal)) {
      throw new ValueError(`${op} needs a list of literals`);
    }
    const literals = literal as readonly InternalValue[];
    if (t.kind === 'identity') return { op, literals: [...literals] };
    if (op === 'not_in') return null;
    return fix({ op, literals: distinct(literals.map(apply)) });
  }

  if (literal === undefined || Array.isArray(literal)) {
    throw new ValueError(`${op} needs a single literal`);
  }
  const value = literal as InternalValue;
  if (t.kind === 'identity') {
    if (op === 'starts_with' && p.kind !== 'string') return null;
    return { op, literal: value };
  }
  return fix(projectLiteral(t, p, apply, op, value));
}
