/**
 * Iceberg values ⇄ the Avro values of the Avro types Iceberg uses for them (spec Appendix
 * A), with values in the internal representation of conversions.ts: uuid strings become
 * 16-byte fixed, unscaled decimals become sign-extended two's-complement fixed, longs
 * and timestamps are bigint. Plus narrowing helpers for decoded values.
 */
import { AvroError } from './binary';
import type { AvroRecord, AvroValue } from './codec';
import {
  bytesToUuid,
  minimalBytesToBigint,
  uuidToBytes,
  type InternalValue,
} from '../conversions';
import {
  decimalRequiredBytes,
  isPrimitive,
  parsePrimitive,
  type IcebergType,
  type PrimitiveType,
} from '../types';

export const describeValue = (v: unknown): string =>
  v instanceof Uint8Array ? `${v.length} bytes` : `${typeof v} ${String(v)}`;

/** Internal value of an Iceberg primitive → Avro value for icebergToAvro's schema. */
export function toAvroValue(
  type: PrimitiveType,
  value: InternalValue | null,
): AvroValue {
  if (value === null) return null;
  const p = parsePrimitive(type);
  const bad = () =>
    new AvroError(
      `expected a value of type ${type}, got ${describeValue(value)}`,
    );
  switch (p.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw bad();
      return value;
    case 'int':
    case 'date':
    case 'float':
    case 'double':
      if (typeof value !== 'number') throw bad();
      return value;
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && Number.isSafeInteger(value))
        return BigInt(value);
      throw bad();
    case 'string':
      if (typeof value !== 'string') throw bad();
      return value;
    case 'uuid':
      if (typeof value === 'string') return uuidToBytes(value);
      if (value instanceof Uint8Array && value.length === 16) return value;
      throw bad();
    case 'binary':
      if (!(value instanceof Uint8Array)) throw bad();
      return value;
    case 'fixed':
      if (!(value instanceof Uint8Array) || value.length !== p.length)
        throw bad();
      return value;
    case 'decimal':
      if (typeof value !== 'bigint') throw bad();
      return decimalToFixed(value, decimalRequiredBytes(p.precision));
    default: {
      const never: never = p;
      throw new AvroError(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}

/** Two's-complement big-endian unscaled value, sign-extended to `size` bytes (Avro decimal). */
export function decimalToFixed(unscaled: bigint, size: number): Uint8Array {
  const bits = BigInt(size * 8);
  if (unscaled >= 1n << (bits - 1n) || unscaled < -(1n << (bits - 1n))) {
    throw new AvroError(`decimal ${unscaled} does not fit ${size} bytes`);
  }
  let v = BigInt.asUintN(size * 8, unscaled);
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * Avro value → internal value of the Iceberg type. Lenient about what other writers
 * chose: uuid as string, decimal as bytes of any length, ints promoted to long.
 */
export function fromAvroValue(
  type: IcebergType,
  value: AvroValue,
): InternalValue | null {
  if (value === null) return null;
  if (!isPrimitive(type))
    throw new AvroError(`expected a primitive type, got ${type.type}`);
  const p = parsePrimitive(type);
  switch (p.kind) {
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return asLong(value, type);
    case 'int':
    case 'date':
      return asInt(value, type);
    case 'uuid':
      if (value instanceof Uint8Array) return bytesToUuid(value);
      if (typeof value === 'string') return value.toLowerCase();
      break;
    case 'decimal':
      if (value instanceof Uint8Array) return minimalBytesToBigint(value);
      break;
    default:
      if (
        typeof value === 'boolean' ||
        typeof value === 'number' ||
        typeof value === 'string' ||
        value instanceof Uint8Array
      ) {
        return value;
      }
  }
  throw new AvroError(`unexpected ${type} value ${describeValue(value)}`);
}

// ---------------------------------------------------------------- narrowing decoded values

export function asLong(v: AvroValue | undefined, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw new AvroError(`${what}: expected a long, got ${describeValue(v)}`);
}

/** An int; also accepts a long (PyIceberg writes equality_ids as longs). */
export function asInt(v: AvroValue | undefined, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw new AvroError(`${what}: expected an int, got ${describeValue(v)}`);
}

export function asBytes(v: AvroValue | undefined, what: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  throw new AvroError(`${what}: expected bytes, got ${describeValue(v)}`);
}

export function asRecord(v: AvroValue | undefined, what: string): AvroRecord {
  if (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Uint8Array) &&
    !(v instanceof Map)
  ) {
    return v;
  }
  throw new AvroError(`${what}: expected a record, got ${describeValue(v)}`);
}

export function asArray(v: AvroValue | undefined, what: string): AvroValue[] {
  if (Array.isArray(v)) return v;
  throw new AvroError(`${what}: expected an array, got ${describeValue(v)}`);
}

/**
 * An int-keyed Iceberg map as decoded: a logical map (array of key/value records, how
 * Java and PyIceberg write non-string keys) or an Avro map with numeric string keys.
 */
export function asIntKeyedMap<V>(
  v: AvroValue | undefined,
  convert: (value: AvroValue | undefined) => V,
  what: string,
): Map<number, V> {
  const out = new Map<number, V>();
  if (v instanceof Map) {
    for (const [k, x] of v) out.set(Number(k), convert(x));
    return out;
  }
  for (const item of asArray(v, what)) {
    const kv = asRecord(item, what);
    out.set(asInt(kv.key, what), convert(kv.value));
  }
  return out;
}
