/**
 * Values in Iceberg's internal representation, and their single-value binary
 * serialization (spec Appendix D), used for column bounds and partition summaries.
 *
 * Internal representation (what transforms, metrics and manifests work with):
 *   boolean → boolean; int, date (days since epoch) → number; float, double → number;
 *   long, time (µs since midnight), timestamp, timestamptz (µs since epoch) → bigint;
 *   decimal → bigint (the unscaled value); string → string; uuid → string (lower-case,
 *   canonical); binary, fixed → Uint8Array.
 *
 * `coerceValue` accepts friendlier inputs (numbers for longs, Date and ISO strings for
 * timestamps, "12.34" for decimals) and rejects anything that does not fit, with a
 * reason, so a bad row never reaches a data file.
 */
import {
  parsePrimitive,
  type ParsedPrimitive,
  type PrimitiveType,
} from './types';

export type InternalValue = boolean | number | bigint | string | Uint8Array;

export class ValueError extends Error {}

const MICROS_PER_DAY = 86_400_000_000n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const describe = (v: unknown) =>
  typeof v === 'string' ? JSON.stringify(v) : `${typeof v} ${String(v)}`;

function toLong(value: unknown, what: string): bigint {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isInteger(value))
    n = BigInt(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value.trim()))
    n = BigInt(value.trim());
  else throw new ValueError(`expected ${what}, got ${describe(value)}`);
  if (n < LONG_MIN || n > LONG_MAX)
    throw new ValueError(`${what} out of range: ${n}`);
  return n;
}

function toInt(value: unknown, what: string): number {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (
    typeof n !== 'number' ||
    !Number.isInteger(n) ||
    n < INT_MIN ||
    n > INT_MAX
  ) {
    throw new ValueError(
      `expected ${what} (32-bit integer), got ${describe(value)}`,
    );
  }
  return n;
}

/** Days since 1970-01-01 from a Date, "YYYY-MM-DD" or a day number. */
function toDate(value: unknown): number {
  if (typeof value === 'number')
    return toInt(value, 'a date (days since epoch)');
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValueError('invalid Date');
    return Math.floor(value.getTime() / 86_400_000);
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (!Number.isNaN(ms)) return ms / 86_400_000;
  }
  throw new ValueError(
    `expected a date ("YYYY-MM-DD", Date or days since epoch), got ${describe(
      value,
    )}`,
  );
}

/** Microseconds since midnight from "HH:MM:SS[.ffffff]" or a number of microseconds. */
function toTime(value: unknown): bigint {
  if (typeof value === 'string') {
    const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(value);
    if (m) {
      const micros =
        ((BigInt(m[1]!) * 60n + BigInt(m[2]!)) * 60n + BigInt(m[3]!)) *
          1_000_000n +
        BigInt((m[4] ?? '').padEnd(6, '0') || '0');
      if (micros < MICROS_PER_DAY) return micros;
    }
    throw new ValueError(
      `expected a time "HH:MM:SS[.ffffff]", got ${describe(value)}`,
    );
  }
  const micros = toLong(value, 'a time (microseconds since midnight)');
  if (micros < 0n || micros >= MICROS_PER_DAY)
    throw new ValueError(`time out of range: ${micros} µs`);
  return micros;
}

const ISO_FRACTION = /\.(\d+)(?=Z|[+-]\d{2}:?\d{2}$|$)/;

/** Microseconds since epoch from a Date, an ISO-8601 string (µs precision kept) or a number of µs. */
function toTimestamp(value: unknown, withZone: boolean): bigint {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValueError('invalid Date');
    return BigInt(value.getTime()) * 1000n;
  }
  if (typeof value === 'string') {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
    if (withZone && !hasZone) {
      throw new ValueError(
        `timestamptz needs a UTC offset (e.g. "Z"), got ${describe(value)}`,
      );
    }
    const fraction = ISO_FRACTION.exec(value)?.[1] ?? '';
    const base = value.replace(ISO_FRACTION, '');
    const ms = Date.parse(hasZone ? base : `${base}Z`);
    if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
      throw new ValueError(
        `expected an ISO-8601 timestamp, got ${describe(value)}`,
      );
    }
    if (fraction.length > 6)
      throw new ValueError(
        `timestamp has more than microsecond precision: ${value}`,
      );
    return BigInt(ms) * 1000n + BigInt(fraction.padEnd(6, '0') || '0');
  }
  return toLong(value, 'a timestamp (microseconds since epoch)');
}

function toDecimal(value: unknown, precision: number, scale: number): bigint {
  let text: string;
  if (typeof value === 'bigint') return checkPrecision(value, precision);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new ValueError(`expected a decimal, got ${value}`);
    // Floating-point input is approximate anyway: round to the column's scale.
    text = value.toFixed(scale);
  } else if (
    typeof value === 'string' &&
    /^[+-]?\d+(\.\d+)?$/.test(value.trim())
  ) {
    text = value.trim();
  } else {
    throw new ValueError(
      `expected a decimal(${precision}, ${scale}), got ${describe(value)}`,
    );
  }
  const negative = text.startsWith('-');
  const [whole, frac = ''] = text.replace(/^[+-]/, '').split('.');
  if (frac.length > scale) {
    throw new ValueError(
      `${text} has more than ${scale} decimal places for decimal(${precision}, ${scale})`,
    );
  }
  const unscaled = BigInt(`${whole}${frac.padEnd(scale, '0')}`);
  return checkPrecision(negative ? -unscaled : unscaled, precision);
}

function checkPrecision(unscaled: bigint, precision: number): bigint {
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().length;
  if (digits > precision)
    throw new ValueError(`decimal ${unscaled} exceeds precision ${precision}`);
  return unscaled;
}

function toBinary(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new ValueError(`expected ${what} (Uint8Array), got ${describe(value)}`);
}

/** Converts a friendly input value to the internal representation of a primitive type. */
export function coerceValue(
  type: PrimitiveType | ParsedPrimitive,
  value: unknown,
): InternalValue {
  const p = typeof type === 'string' ? parsePrimitive(type) : type;
  switch (p.kind) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw new ValueError(`expected a boolean, got ${describe(value)}`);
    case 'int':
      return toInt(value, 'an int');
    case 'long':
      return toLong(value, 'a long');
    case 'float':
    case 'double':
      if (typeof value === 'number')
        return p.kind === 'float' ? Math.fround(value) : value;
      if (typeof value === 'bigint') return Number(value);
      throw new ValueError(`expected a ${p.kind}, got ${describe(value)}`);
    case 'date':
      return toDate(value);
    case 'time':
      return toTime(value);
    case 'timestamp':
      return toTimestamp(value, false);
    case 'timestamptz':
      return toTimestamp(value, true);
    case 'string':
      if (typeof value === 'string') return value;
      throw new ValueError(`expected a string, got ${describe(value)}`);
    case 'uuid': {
      const text = typeof value === 'string' ? value.toLowerCase() : '';
      if (UUID.test(text)) return text;
      throw new ValueError(`expected a UUID, got ${describe(value)}`);
    }
    case 'binary':
      return toBinary(value, 'binary');
    case 'fixed': {
      const bytes = toBinary(value, `fixed[${p.length}]`);
      if (bytes.length !== p.length)
        throw new ValueError(
          `expected ${p.length} bytes for fixed[${p.length}], got ${bytes.length}`,
        );
      return bytes;
    }
    case 'decimal':
      return toDecimal(value, p.precision, p.scale);
    default: {
      const never: never = p;
      throw new ValueError(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}

// ---------------------------------------------------------------- single-value serialization

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Minimal two's-complement big-endian bytes of a bigint (decimal serialization). */
export function bigintToMinimalBytes(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.unshift(byte);
    v >>= 8n;
    const signBitSet = (byte & 0x80) !== 0;
    if ((v === 0n && !signBitSet) || (v === -1n && signBitSet)) break;
  }
  return Uint8Array.from(bytes);
}

export function minimalBytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if ((bytes[0]! & 0x80) !== 0) v -= 1n << BigInt(bytes.length * 8);
  return v;
}

export function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++)
    out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Two lower-case hex digits of each byte value. */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).padStart(2, '0'),
);

/** Lower-case UUID text of 16 bytes at `offset` (hot when scanning uuid columns). */
export function bytesToUuid(bytes: Uint8Array, offset = 0): string {
  const h = HEX_BYTE;
  const b = (i: number) => h[bytes[offset + i]!]!;
  return `${b(0)}${b(1)}${b(2)}${b(3)}-${b(4)}${b(5)}-${b(6)}${b(7)}-${b(8)}${b(
    9,
  )}-${b(10)}${b(11)}${b(12)}${b(13)}${b(14)}${b(15)}`;
}

/** Single-value serialization (Iceberg spec Appendix D) of an internal value. */
export function toBytes(
  type: PrimitiveType | ParsedPrimitive,
  value: InternalValue,
): Uint8Array {
  const p = typeof type === 'string' ? parsePrimitive(type) : type;
  const view = (size: number) => {
    const buf = new Uint8Array(size);
    return { buf, dv: new DataView(buf.buffer) };
  };
  switch (p.kind) {
    case 'boolean':
      return Uint8Array.of(value ? 1 : 0);
    case 'int':
    case 'date': {
      const { buf, dv } = view(4);
      dv.setInt32(0, value as number, true);
      return buf;
    }
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz': {
      const { buf, dv } = view(8);
      dv.setBigInt64(0, value as bigint, true);
      return buf;
    }
    case 'float': {
      const { buf, dv } = view(4);
      dv.setFloat32(0, value as number, true);
      return buf;
    }
    case 'double': {
      const { buf, dv } = view(8);
      dv.setFloat64(0, value as number, true);
      return buf;
    }
    case 'string':
      return utf8.encode(value as string);
    case 'uuid':
      return uuidToBytes(value as string);
    case 'binary':
    case 'fixed':
      return value as Uint8Array;
    case 'decimal':
      return bigintToMinimalBytes(value as bigint);
    default: {
      const never: never = p;
      throw new ValueError(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}

/** Inverse of toBytes. */
export function fromBytes(
  type: PrimitiveType | ParsedPrimitive,
  bytes: Uint8Array,
): InternalValue {
  const p = typeof type === 'string' ? parsePrimitive(type) : type;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (p.kind) {
    case 'boolean':
      return bytes[0] !== 0;
    case 'int':
    case 'date':
      return dv.getInt32(0, true);
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      // Java writes 4-byte bounds for columns promoted from int; read them as such.
      return bytes.length === 4
        ? BigInt(dv.getInt32(0, true))
        : dv.getBigInt64(0, true);
    case 'float':
      return dv.getFloat32(0, true);
    case 'double':
      return bytes.length === 4
        ? dv.getFloat32(0, true)
        : dv.getFloat64(0, true);
    case 'string':
      return utf8Decoder.decode(bytes);
    case 'uuid':
      return bytesToUuid(bytes);
    case 'binary':
    case 'fixed':
      return bytes;
    case 'decimal':
      return minimalBytesToBigint(bytes);
    default: {
      const never: never = p;
      throw new ValueError(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}

// ---------------------------------------------------------------- ordering

/** Compares strings by Unicode code point (= UTF-8 byte order), as Iceberg bounds require. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++; // skip the low surrogate
  }
  return Math.sign(a.length - b.length);
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}

/** Total order of two internal values of the same primitive type (NaN excluded by callers). */
export function compareValues(a: InternalValue, b: InternalValue): number {
  if (typeof a === 'string' && typeof b === 'string') return compareUtf8(a, b);
  if (a instanceof Uint8Array && b instanceof Uint8Array)
    return compareBytes(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean')
    return Number(a) - Number(b);
  if (
    (typeof a === 'number' || typeof a === 'bigint') &&
    (typeof b === 'number' || typeof b === 'bigint')
  ) {
    if (a === b) return 0;
    return a < b ? -1 : 1;
  }
  throw new ValueError(`cannot compare ${describe(a)} with ${describe(b)}`);
}
