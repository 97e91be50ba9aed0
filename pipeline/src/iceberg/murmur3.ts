/**
 * The 32-bit Murmur3 hash (x86 variant, seed 0) that Iceberg's bucket transform is defined
 * on, and the per-type hashing rules of the spec's "Appendix B: 32-bit Hash Requirements".
 *
 * Results are signed 32-bit integers, exactly as Java's Guava `murmur3_32_fixed().asInt()`
 * returns them, so bucket numbers match Spark, Flink, Trino and PyIceberg writers.
 */
import {
  bigintToMinimalBytes,
  type InternalValue,
  uuidToBytes,
  ValueError,
} from './conversions';
import {
  parsePrimitive,
  type ParsedPrimitive,
  type PrimitiveType,
} from './types';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixK(k: number): number {
  let m = Math.imul(k, C1);
  m = (m << 15) | (m >>> 17);
  return Math.imul(m, C2);
}

function mixH(h: number, k: number): number {
  let m = h ^ mixK(k);
  m = (m << 13) | (m >>> 19);
  return (Math.imul(m, 5) + 0xe6546b64) | 0;
}

function finalize(h: number, length: number): number {
  let m = h ^ length;
  m ^= m >>> 16;
  m = Math.imul(m, 0x85ebca6b);
  m ^= m >>> 13;
  m = Math.imul(m, 0xc2b2ae35);
  m ^= m >>> 16;
  return m | 0;
}

/** Murmur3 x86 32-bit hash with seed 0 of `length` bytes of `bytes` (default: all of them). */
export function murmur3Hash32(
  bytes: Uint8Array,
  length: number = bytes.length,
): number {
  let h = 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    const k =
      bytes[i]! |
      (bytes[i + 1]! << 8) |
      (bytes[i + 2]! << 16) |
      (bytes[i + 3]! << 24);
    h = mixH(h, k);
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = bytes[blocks]!;
    if (tail > 1) k ^= bytes[blocks + 1]! << 8;
    if (tail > 2) k ^= bytes[blocks + 2]! << 16;
    h ^= mixK(k);
  }
  return finalize(h, length);
}

/**
 * Hash of a 64-bit integer as its 8 little-endian bytes, given as low and high 32-bit words;
 * avoids allocating a buffer per value on the hot write path.
 */
function murmur3HashLongWords(low: number, high: number): number {
  return finalize(mixH(mixH(0, low), high), 8);
}

/** Hash of a 64-bit integer as 8 little-endian bytes (Java `hashLong`). */
export function murmur3HashLong(value: bigint | number): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new ValueError(`cannot hash ${value} as a long`);
    }
    // Exact for |value| < 2^53: the high word is floor(value / 2^32) in two's complement.
    const high = Math.floor(value / 0x1_0000_0000);
    return murmur3HashLongWords(value | 0, high | 0);
  }
  const v = BigInt.asIntN(64, value);
  return murmur3HashLongWords(
    Number(BigInt.asIntN(32, v)),
    Number(BigInt.asIntN(32, v >> 32n)),
  );
}

// With the u flag a valid surrogate pair is one code point, so these match lone halves only.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

// Reused scratch buffer for UTF-8 encoding strings (grown on demand, up to a cap so that
// one huge value does not pin memory).
const MAX_SCRATCH = 64 * 1024;
const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/**
 * Hash of a string's UTF-8 bytes. Lone surrogates are encoded as `?` like Java's
 * `String.getBytes(UTF_8)` (which Guava falls back to), not as U+FFFD.
 */
export function murmur3HashString(value: string): number {
  const text = LONE_SURROGATE.test(value)
    ? value.replace(LONE_SURROGATES, '?')
    : value;
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  const needed = text.length * 3;
  if (needed > MAX_SCRATCH) return murmur3Hash32(encoder.encode(text));
  if (scratch.length < needed) scratch = new Uint8Array(needed);
  const { written } = encoder.encodeInto(text, scratch);
  return murmur3Hash32(scratch, written);
}

function describe(value: InternalValue): string {
  return value instanceof Uint8Array
    ? `Uint8Array(${value.length})`
    : `${typeof value} ${String(value)}`;
}

function expectInteger(value: InternalValue, type: string): bigint | number {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new ValueError(`cannot hash ${describe(value)} as ${type}`);
}

/**
 * The bucket hash of an internal value (see conversions.ts) of a primitive type, per the
 * spec's Appendix B: a signed 32-bit integer. int, long, date, time, timestamp and
 * timestamptz hash as an 8-byte little-endian long (ints are widened so that promoting a
 * column from int to long keeps its buckets); decimals hash the minimal big-endian bytes of
 * the unscaled value (scale plays no part); strings their UTF-8 bytes; UUIDs their 16
 * big-endian bytes; binary and fixed their bytes. boolean, float and double are not valid
 * bucket sources in format v2 and are rejected.
 */
export function hashForBucket(
  type: PrimitiveType | ParsedPrimitive,
  value: InternalValue,
): number {
  const p = typeof type === 'string' ? parsePrimitive(type) : type;
  switch (p.kind) {
    case 'int':
    case 'long':
    case 'date':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return murmur3HashLong(expectInteger(value, p.kind));
    case 'decimal':
      return murmur3Hash32(
        bigintToMinimalBytes(BigInt(expectInteger(value, 'a decimal'))),
      );
    case 'string':
      if (typeof value !== 'string') {
        throw new ValueError(`cannot hash ${describe(value)} as a string`);
      }
      return murmur3HashString(value);
    case 'uuid':
      if (typeof value === 'string') return murmur3Hash32(uuidToBytes(value));
      if (value instanceof Uint8Array && value.length === 16) {
        return murmur3Hash32(value);
      }
      throw new ValueError(`cannot hash ${describe(value)} as a uuid`);
    case 'binary':
    case 'fixed':
      if (!(value instanceof Uint8Array)) {
        throw new ValueError(`cannot hash ${describe(value)} as ${p.kind}`);
      }
      return murmur3Hash32(value);
    case 'boolean':
    case 'float':
    case 'double':
      throw new ValueError(
        `${p.kind} values cannot be bucketed (not a valid bucket source type)`,
      );
    default: {
      const never: never = p;
      throw new ValueError(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}
