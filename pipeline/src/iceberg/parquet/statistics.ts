/**
 * Parquet column chunk Statistics (parquet.thrift) from the leaf statistics the builders
 * compute for the Iceberg metrics, written as arrow-rs (parquet-wasm) writes them at
 * `EnabledStatistics::Chunk`: min_value / max_value in the plain encoding of the physical
 * type, also in the deprecated min / max fields for signed orders, null_count, and the
 * exactness flags; byte arrays truncated to 64 bytes (min a prefix, max incremented).
 */
import { uuidToBytes, type InternalValue } from '../conversions';
import type { ParsedPrimitive } from '../types';
import type { LeafStats } from './builder';
import { T, type TField, type TStruct } from './thrift';
import { truncateBinaryMax, truncateBinaryMin } from './truncate';

// Physical types
const BOOLEAN = 0;
const INT32 = 1;
const INT64 = 2;
const FLOAT = 4;
const DOUBLE = 5;
const BYTE_ARRAY = 6;
const FIXED_LEN_BYTE_ARRAY = 7;
// Statistics
const ST_MAX = 1;
const ST_MIN = 2;
const ST_NULL_COUNT = 3;
const ST_MAX_VALUE = 5;
const ST_MIN_VALUE = 6;
const ST_IS_MAX_VALUE_EXACT = 7;
const ST_IS_MIN_VALUE_EXACT = 8;

/** arrow-rs's default `statistics_truncate_length`. */
export const STATISTICS_TRUNCATE_LENGTH = 64;

const utf8 = new TextEncoder();

function littleEndian(size: 4 | 8, set: (dv: DataView) => void): Uint8Array {
  const buf = new Uint8Array(size);
  set(new DataView(buf.buffer));
  return buf;
}

/** Two's complement big-endian in exactly `width` bytes. */
function bigEndian(value: bigint, width: number): Uint8Array {
  const out = new Uint8Array(width);
  let v = BigInt.asUintN(width * 8, value);
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

const asBigint = (v: InternalValue): bigint =>
  typeof v === 'bigint' ? v : BigInt(v as number);

/** A value in the plain encoding of its physical type; undefined if unexpected. */
function plain(
  value: InternalValue,
  type: ParsedPrimitive,
  physical: number,
  typeLength: number,
): Uint8Array | undefined {
  switch (physical) {
    case BOOLEAN:
      return Uint8Array.of(value === true ? 1 : 0);
    case INT32: {
      const n = typeof value === 'bigint' ? Number(value) : (value as number);
      return littleEndian(4, dv => dv.setInt32(0, n, true));
    }
    case INT64:
      return littleEndian(8, dv => dv.setBigInt64(0, asBigint(value), true));
    case FLOAT:
      return littleEndian(4, dv => dv.setFloat32(0, value as number, true));
    case DOUBLE:
      return littleEndian(8, dv => dv.setFloat64(0, value as number, true));
    case BYTE_ARRAY:
      return typeof value === 'string'
        ? utf8.encode(value)
        : (value as Uint8Array);
    case FIXED_LEN_BYTE_ARRAY:
      if (type.kind === 'decimal')
        return bigEndian(value as bigint, typeLength);
      if (type.kind === 'uuid') return uuidToBytes(value as string);
      return value as Uint8Array;
    default:
      return undefined;
  }
}

/** Statistics of one column chunk holding all values of `stats`; undefined if unsupported. */
export function chunkStatistics(
  stats: LeafStats,
  type: ParsedPrimitive,
  physical: number,
  typeLength: number,
): TStruct | undefined {
  const fields: TField[] = [];
  const nullCount: TField = {
    id: ST_NULL_COUNT,
    type: T.I64,
    value: BigInt(stats.nullCount),
  };
  if (stats.min === undefined || stats.max === undefined) {
    if (physical < BOOLEAN || physical > FIXED_LEN_BYTE_ARRAY) return undefined;
    return { kind: 'struct', fields: [nullCount] };
  }
  let minValue = stats.min;
  let maxValue = stats.max;
  if (physical === FLOAT || physical === DOUBLE) {
    // parquet-format: a zero min is written -0, a zero max +0.
    if (minValue === 0) minValue = -0;
    if (maxValue === 0) maxValue = 0;
  }
  let min = plain(minValue, type, physical, typeLength);
  let max = plain(maxValue, type, physical, typeLength);
  if (!min || !max) return undefined;
  let minExact = true;
  let maxExact = true;
  if (physical === BYTE_ARRAY) {
    if (min.length > STATISTICS_TRUNCATE_LENGTH) {
      min = truncateUtf8Min(min, type.kind === 'string');
      minExact = false;
    }
    if (max.length > STATISTICS_TRUNCATE_LENGTH) {
      const truncated = truncateUtf8Max(max, type.kind === 'string');
      if (truncated) {
        max = truncated;
        maxExact = false;
      }
    }
  }
  // Signed orders (numbers, decimals) also fill the deprecated min / max, as arrow-rs does.
  const signed =
    physical === INT32 ||
    physical === INT64 ||
    physical === FLOAT ||
    physical === DOUBLE ||
    (physical === FIXED_LEN_BYTE_ARRAY && type.kind === 'decimal');
  if (signed) {
    fields.push({ id: ST_MAX, type: T.BINARY, value: max });
    fields.push({ id: ST_MIN, type: T.BINARY, value: min });
  }
  fields.push(nullCount);
  fields.push({ id: ST_MAX_VALUE, type: T.BINARY, value: max });
  fields.push({ id: ST_MIN_VALUE, type: T.BINARY, value: min });
  fields.push({ id: ST_IS_MAX_VALUE_EXACT, type: T.BOOL, value: maxExact });
  fields.push({ id: ST_IS_MIN_VALUE_EXACT, type: T.BOOL, value: minExact });
  return { kind: 'struct', fields };
}

/** Bytes kept: at most the truncate length, not splitting a UTF-8 sequence of a string. */
function keptLength(b: Uint8Array, isString: boolean): number {
  let n = STATISTICS_TRUNCATE_LENGTH;
  // Back off continuation bytes (10xxxxxx) so the prefix ends on a character boundary.
  if (isString) while (n > 0 && (b[n]! & 0xc0) === 0x80) n--;
  return n;
}

function truncateUtf8Min(b: Uint8Array, isString: boolean): Uint8Array {
  return truncateBinaryMin(b, keptLength(b, isString));
}

/**
 * A short upper bound of b; undefined if none. For a string the incremented prefix must stay
 * valid UTF-8: its last character is incremented as a code point.
 */
function truncateUtf8Max(
  b: Uint8Array,
  isString: boolean,
): Uint8Array | undefined {
  const n = keptLength(b, isString);
  if (!isString) return truncateBinaryMax(b, n);
  const prefix = new TextDecoder().decode(b.subarray(0, n));
  const cps = Array.from(prefix, c => c.codePointAt(0)!);
  for (let i = cps.length - 1; i >= 0; i--) {
    let next = cps[i]! + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= 0x10ffff) {
      cps.length = i;
      cps.push(next);
      return utf8.encode(String.fromCodePoint(...cps));
    }
  }
  return undefined;
}
