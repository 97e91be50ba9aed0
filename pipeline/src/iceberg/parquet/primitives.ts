/**
 * Builders of primitive columns: values are coerced (`coerceValue`, with exact fast paths
 * for the inputs it would pass through unchanged or that fastCoerce.ts handles) and written
 * straight into typed buffers, which become Arrow Data without copying.
 */
import {
  type Data,
  type DataType,
  type Decimal,
  type Float64,
  type Int32,
  type Int64,
  Binary,
  Bool,
  Dictionary,
  Int32 as ArrowInt32,
  makeVector,
  FixedSizeBinary,
  makeData,
  Utf8,
} from 'apache-arrow';
import {
  bytesToUuid,
  coerceValue,
  ValueError,
  type InternalValue,
} from '../conversions';
import type { ParsedPrimitive } from '../types';
import { arrowPrimitiveType } from './arrowSchema';
import { ensureCapacity, type ColumnBuilder, type LeafStats } from './builder';
import { FieldError } from './errors';
import * as fast from './fastCoerce';
import { Validity } from './validity';

// Local bindings: transpiled to CommonJS, every call through an import is a getter call.
const decimalFromNumber = fast.decimalFromNumber;
const isoDateDays = fast.isoDateDays;
const isoTimestampMicros = fast.isoTimestampMicros;

const TWO_32 = 4294967296;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INITIAL = 1024;

abstract class PrimitiveBuilder implements ColumnBuilder {
  length = 0;
  protected validity = new Validity();

  constructor(
    readonly path: string,
    readonly fieldId: number,
    protected readonly required: boolean,
    protected readonly primitive: ParsedPrimitive,
  ) {}

  /** Stores a non-null value at index `this.length`; throws ValueError if it does not fit. */
  protected abstract put(value: unknown): void;
  /** Stores a placeholder at index `this.length` for a null. */
  protected abstract putNull(): void;
  protected abstract stats(): LeafStats;
  /** `dictionary`: dictionary-encoded Arrow data is welcome (the page encoder's case). */
  protected abstract data(
    nullBitmap: Uint8Array | undefined,
    nullCount: number,
    dictionary?: boolean,
  ): Data;
  protected abstract dataBytes(): number;
  abstract reserveRows(rows: number): void;
  protected truncateData(_length: number): void {}

  protected coerce(value: unknown): InternalValue {
    return coerceValue(this.primitive, value);
  }

  /**
   * Every subclass repeats this body (APPEND below): a single inherited copy would make its
   * `this.put` call site see all seven classes and go megamorphic, costing ~20% of append.
   */
  abstract append(value: unknown): void;

  protected appendNull(): void {
    if (this.required)
      throw new FieldError(this.path, 'required field is null');
    this.appendMaskedNull();
  }

  protected wrapError(e: unknown): unknown {
    return e instanceof ValueError ? new FieldError(this.path, e.message) : e;
  }

  appendMaskedNull(): void {
    this.putNull();
    this.validity.setNull(this.length++);
  }

  truncate(length: number): void {
    if (length >= this.length) return;
    this.validity.truncate(length, this.length);
    this.truncateData(length);
    this.length = length;
  }

  byteSize(): number {
    return this.dataBytes() + this.validity.byteSize(this.length);
  }

  collectStats(out: Map<number, LeafStats>): void {
    out.set(this.fieldId, this.stats());
  }

  finish(options?: { dictionary?: boolean }): Data {
    const nullCount = this.validity.nullCount;
    const data = this.data(
      this.validity.finish(this.length),
      nullCount,
      options?.dictionary,
    );
    this.length = 0;
    return data;
  }

  protected get arrowType(): DataType {
    return arrowPrimitiveType(this.primitive);
  }

  /** Indices of the smallest and largest valid values under `less`. */
  protected extremes(
    less: (a: number, b: number) => boolean,
    skip?: (i: number) => boolean,
  ): [number, number] | undefined {
    let min = -1;
    let max = -1;
    const checkNulls = this.validity.nullCount > 0;
    for (let i = 0; i < this.length; i++) {
      if (checkNulls && !this.validity.isValid(i)) continue;
      if (skip?.(i)) continue;
      if (min < 0) {
        min = i;
        max = i;
      } else if (less(i, min)) min = i;
      else if (less(max, i)) max = i;
    }
    return min < 0 ? undefined : [min, max];
  }

  protected counts(): LeafStats {
    return { valueCount: this.length, nullCount: this.validity.nullCount };
  }
}

/** int and date: 32-bit values. */
class Int32Builder extends PrimitiveBuilder {
  private values = new Int32Array(INITIAL);

  reserveRows(rows: number): void {
    this.values = ensureCapacity(
      this.values,
      this.length + rows,
      n => new Int32Array(n),
    );
  }

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    try {
      this.put(value);
    } catch (e) {
      throw this.wrapError(e);
    }
    this.validity.setValid(this.length++);
  }

  protected put(value: unknown): void {
    if (this.length >= this.values.length) this.grow();
    let v: number | undefined;
    if (typeof value === 'number' && (value | 0) === value) v = value;
    else if (typeof value === 'string' && this.primitive.kind === 'date')
      v = isoDateDays(value);
    this.values[this.length] = v ?? (this.coerce(value) as number);
  }

  protected putNull(): void {
    if (this.length >= this.values.length) this.grow();
    this.values[this.length] = 0;
  }

  private grow(): void {
    this.values = ensureCapacity(
      this.values,
      this.length + 1,
      n => new Int32Array(n),
    );
  }

  protected stats(): LeafStats {
    const v = this.values;
    const nulls = this.validity.nullCount > 0;
    let min = 0;
    let max = 0;
    let found = false;
    for (let i = 0; i < this.length; i++) {
      if (nulls && !this.validity.isValid(i)) continue;
      const x = v[i]!;
      if (!found) {
        min = max = x;
        found = true;
      } else if (x < min) min = x;
      else if (x > max) max = x;
    }
    return found ? { ...this.counts(), min, max } : this.counts();
  }

  protected data(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    const data = makeData({
      type: this.arrowType as Int32,
      length: this.length,
      nullCount,
      nullBitmap,
      data: this.values.subarray(0, this.length),
    });
    this.values = new Int32Array(INITIAL);
    return data;
  }

  protected dataBytes(): number {
    return this.length * 4;
  }
}

/** long, time, timestamp, timestamptz: 64-bit values kept as (lo, hi) int32 words so that
 * numbers are stored without allocating a BigInt. */
class Int64Builder extends PrimitiveBuilder {
  private words = new Int32Array(INITIAL * 2);
  private big = new BigInt64Array(this.words.buffer);
  private readonly isTimestamp =
    this.primitive.kind === 'timestamp' ||
    this.primitive.kind === 'timestamptz';
  private readonly withZone = this.primitive.kind === 'timestamptz';

  private reserve(): void {
    if (this.words.length < (this.length + 1) * 2) {
      this.words = ensureCapacity(
        this.words,
        (this.length + 1) * 2,
        n => new Int32Array(n),
      );
      this.big = new BigInt64Array(this.words.buffer);
    }
  }

  private setNumber(v: number): void {
    const hi = Math.floor(v / TWO_32);
    const i = this.length * 2;
    this.words[i] = (v - hi * TWO_32) | 0;
    this.words[i + 1] = hi | 0;
  }

  reserveRows(rows: number): void {
    if (this.words.length >= (this.length + rows) * 2) return;
    this.words = ensureCapacity(
      this.words,
      (this.length + rows) * 2,
      n => new Int32Array(n),
    );
    this.big = new BigInt64Array(this.words.buffer);
  }

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    try {
      this.put(value);
    } catch (e) {
      throw this.wrapError(e);
    }
    this.validity.setValid(this.length++);
  }

  protected put(value: unknown): void {
    this.reserve();
    if (this.primitive.kind === 'long') {
      if (typeof value === 'number' && Number.isSafeInteger(value)) {
        this.setNumber(value);
        return;
      }
    } else if (this.isTimestamp) {
      if (typeof value === 'string') {
        const micros = isoTimestampMicros(value, this.withZone);
        if (micros !== undefined) {
          this.setNumber(micros);
          return;
        }
      } else if (value instanceof Date) {
        const micros = value.getTime() * 1000;
        if (Number.isSafeInteger(micros)) {
          this.setNumber(micros);
          return;
        }
      }
    }
    this.big[this.length] = this.coerce(value) as bigint;
  }

  protected putNull(): void {
    this.reserve();
    this.setNumber(0);
  }

  protected stats(): LeafStats {
    const w = this.words;
    const nulls = this.validity.nullCount > 0;
    let min = -1;
    let max = -1;
    let minHi = 0;
    let minLo = 0;
    let maxHi = 0;
    let maxLo = 0;
    for (let i = 0; i < this.length; i++) {
      if (nulls && !this.validity.isValid(i)) continue;
      const hi = w[i * 2 + 1]!;
      const lo = w[i * 2]! >>> 0;
      if (min < 0 || hi < minHi || (hi === minHi && lo < minLo)) {
        min = i;
        minHi = hi;
        minLo = lo;
      }
      if (max < 0 || hi > maxHi || (hi === maxHi && lo > maxLo)) {
        max = i;
        maxHi = hi;
        maxLo = lo;
      }
    }
    const ext = min < 0 ? undefined : [min, max];
    return ext
      ? {
          ...this.counts(),
          min: this.big[ext[0]]!,
          max: this.big[ext[1]]!,
        }
      : this.counts();
  }

  protected data(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    const data = makeData({
      type: this.arrowType as Int64,
      length: this.length,
      nullCount,
      nullBitmap,
      data: this.big.subarray(0, this.length),
    });
    this.words = new Int32Array(INITIAL * 2);
    this.big = new BigInt64Array(this.words.buffer);
    return data;
  }

  protected dataBytes(): number {
    return this.length * 8;
  }
}

class FloatBuilder extends PrimitiveBuilder {
  private values: Float32Array | Float64Array =
    this.primitive.kind === 'float'
      ? new Float32Array(INITIAL)
      : new Float64Array(INITIAL);

  private reserve(): void {
    if (this.length < this.values.length) return;
    const make =
      this.values instanceof Float32Array
        ? (n: number) => new Float32Array(n)
        : (n: number) => new Float64Array(n);
    this.values = ensureCapacity<Float32Array | Float64Array>(
      this.values,
      this.length + 1,
      make,
    );
  }

  reserveRows(rows: number): void {
    const make =
      this.values instanceof Float32Array
        ? (n: number) => new Float32Array(n)
        : (n: number) => new Float64Array(n);
    this.values = ensureCapacity<Float32Array | Float64Array>(
      this.values,
      this.length + rows,
      make,
    );
  }

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    try {
      this.put(value);
    } catch (e) {
      throw this.wrapError(e);
    }
    this.validity.setValid(this.length++);
  }

  protected put(value: unknown): void {
    this.reserve();
    // A Float32Array store rounds like Math.fround, as coerceValue does for floats.
    this.values[this.length] =
      typeof value === 'number' ? value : (this.coerce(value) as number);
  }

  protected putNull(): void {
    this.reserve();
    this.values[this.length] = 0;
  }

  protected stats(): LeafStats {
    const v = this.values;
    const nulls = this.validity.nullCount > 0;
    let nanCount = 0;
    let negZero = false;
    let posZero = false;
    let lo = Infinity;
    let hi = -Infinity;
    let found = false;
    for (let i = 0; i < this.length; i++) {
      if (nulls && !this.validity.isValid(i)) continue;
      const x = v[i]!;
      if (Number.isNaN(x)) {
        nanCount++;
        continue;
      }
      found = true;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      if (x === 0) {
        if (Object.is(x, -0)) negZero = true;
        else posZero = true;
      }
    }
    const ext = found ? [lo, hi] : undefined;
    const counts = { ...this.counts(), nanCount };
    if (!ext) return counts;
    let min = ext[0]!;
    let max = ext[1]!;
    // -0.0 sorts before 0.0 (as Java's Float.compare): keep bounds inclusive of both.
    if (min === 0) min = negZero ? -0 : 0;
    if (max === 0) max = posZero ? 0 : -0;
    return { ...counts, min, max };
  }

  protected data(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    const data = makeData({
      type: this.arrowType as Float64,
      length: this.length,
      nullCount,
      nullBitmap,
      data: this.values.subarray(0, this.length) as Float64Array,
    });
    this.values =
      this.values instanceof Float32Array
        ? new Float32Array(INITIAL)
        : new Float64Array(INITIAL);
    return data;
  }

  protected dataBytes(): number {
    return this.length * this.values.BYTES_PER_ELEMENT;
  }
}

class BoolBuilder extends PrimitiveBuilder {
  private bits = new Uint8Array(INITIAL / 8);

  private store(valid: boolean): void {
    this.bits = ensureCapacity(
      this.bits,
      (this.length >> 3) + 1,
      n => new Uint8Array(n),
    );
    const byte = this.length >> 3;
    const mask = 1 << (this.length & 7);
    this.bits[byte] = valid
      ? this.bits[byte]! | mask
      : this.bits[byte]! & ~mask;
  }

  reserveRows(rows: number): void {
    this.bits = ensureCapacity(
      this.bits,
      ((this.length + rows) >> 3) + 1,
      n => new Uint8Array(n),
    );
  }

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    try {
      this.put(value);
    } catch (e) {
      throw this.wrapError(e);
    }
    this.validity.setValid(this.length++);
  }

  protected put(value: unknown): void {
    this.store(
      typeof value === 'boolean' ? value : (this.coerce(value) as boolean),
    );
  }

  protected putNull(): void {
    this.store(false);
  }

  private get(i: number): boolean {
    return (this.bits[i >> 3]! & (1 << (i & 7))) !== 0;
  }

  protected stats(): LeafStats {
    const ext = this.extremes((a, b) => !this.get(a) && this.get(b));
    return ext
      ? { ...this.counts(), min: this.get(ext[0]), max: this.get(ext[1]) }
      : this.counts();
  }

  protected data(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    return makeData({
      type: new Bool(),
      length: this.length,
      nullCount,
      nullBitmap,
      data: this.bits.slice(0, (this.length + 7) >> 3),
    });
  }

  protected dataBytes(): number {
    return (this.length + 7) >> 3;
  }
}

/** decimal(P,S): 128-bit two's complement unscaled values, four int32 words each. */
class DecimalBuilder extends PrimitiveBuilder {
  /** 10^precision: unscaled values must be strictly inside ±limit. */
  private readonly limit =
    10n **
    BigInt(this.primitive.kind === 'decimal' ? this.primitive.precision : 38);
  private words = new Int32Array(INITIAL * 4);
  private big = new BigInt64Array(this.words.buffer);

  private reserve(): void {
    if (this.words.length < (this.length + 1) * 4) {
      this.words = ensureCapacity(
        this.words,
        (this.length + 1) * 4,
        n => new Int32Array(n),
      );
      this.big = new BigInt64Array(this.words.buffer);
    }
  }

  private setNumber(v: number): void {
    const hi = Math.floor(v / TWO_32);
    const i = this.length * 4;
    const sign = hi < 0 ? -1 : 0;
    this.words[i] = (v - hi * TWO_32) | 0;
    this.words[i + 1] = hi | 0;
    this.words[i + 2] = sign;
    this.words[i + 3] = sign;
  }

  reserveRows(rows: number): void {
    if (this.words.length >= (this.length + rows) * 4) return;
    this.words = ensureCapacity(
      this.words,
      (this.length + rows) * 4,
      n => new Int32Array(n),
    );
    this.big = new BigInt64Array(this.words.buffer);
  }

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    try {
      this.put(value);
    } catch (e) {
      throw this.wrapError(e);
    }
    this.validity.setValid(this.length++);
  }

  protected put(value: unknown): void {
    this.reserve();
    if (typeof value === 'number' && this.primitive.kind === 'decimal') {
      const { precision, scale } = this.primitive;
      const unscaled = decimalFromNumber(value, precision, scale);
      if (unscaled !== undefined) {
        this.setNumber(unscaled);
        return;
      }
    }
    // Unscaled bigint within the precision (silver's cents): no digit counting, and
    // through a double when it is exact there.
    if (
      typeof value === 'bigint' &&
      value < this.limit &&
      value > -this.limit &&
      value <= MAX_SAFE &&
      value >= -MAX_SAFE
    ) {
      this.setNumber(Number(value));
      return;
    }
    const v =
      typeof value === 'bigint' && value < this.limit && value > -this.limit
        ? value
        : (this.coerce(value) as bigint);
    this.big[this.length * 2] = BigInt.asIntN(64, v);
    this.big[this.length * 2 + 1] = BigInt.asIntN(64, v >> 64n);
  }

  protected putNull(): void {
    this.reserve();
    this.setNumber(0);
  }

  /** Signed 128-bit comparison of values a and b. */
  private compare(a: number, b: number): number {
    const w = this.words;
    const ia = a * 4;
    const ib = b * 4;
    if (w[ia + 3] !== w[ib + 3]) return w[ia + 3]! < w[ib + 3]! ? -1 : 1;
    for (let k = 2; k >= 0; k--) {
      const x = w[ia + k]! >>> 0;
      const y = w[ib + k]! >>> 0;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  private valueAt(i: number): bigint {
    return (this.big[i * 2 + 1]! << 64n) | BigInt.asUintN(64, this.big[i * 2]!);
  }

  protected stats(): LeafStats {
    const nulls = this.validity.nullCount > 0;
    let min = -1;
    let max = -1;
    for (let i = 0; i < this.length; i++) {
      if (nulls && !this.validity.isValid(i)) continue;
      if (min < 0) min = max = i;
      else if (this.compare(i, min) < 0) min = i;
      else if (this.compare(i, max) > 0) max = i;
    }
    const ext = min < 0 ? undefined : [min, max];
    return ext
      ? {
          ...this.counts(),
          min: this.valueAt(ext[0]!),
          max: this.valueAt(ext[1]!),
        }
      : this.counts();
  }

  protected data(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    const data = makeData({
      type: this.arrowType as Decimal,
      length: this.length,
      nullCount,
      nullBitmap,
      data: new Uint32Array(this.words.buffer, 0, this.length * 4),
    });
    this.words = new Int32Array(INITIAL * 4);
    this.big = new BigInt64Array(this.words.buffer);
    return data;
  }

  protected dataBytes(): number {
    return this.length * 16;
  }
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

function compareRanges(
  d: Uint8Array,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): number {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let k = 0; k < n; k++) {
    const x = d[a0 + k]!;
    const y = d[b0 + k]!;
    if (x !== y) return x - y;
  }
  return a1 - a0 - (b1 - b0);
}

/** Dictionary bytes per string column past which a file's column falls back to plain values. */
export const DICTIONARY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * string and binary: int32 offsets + bytes. Bytes compare as unsigned, which for UTF-8 is
 * Unicode code point order, as Iceberg bounds require.
 *
 * Strings start in dictionary mode: `offsets`/`bytes` hold the distinct values in
 * first-seen order and `indices` each row's entry (-1 for null). A lookup of a repeated
 * value costs less than encoding it, the page encoder writes the indices as
 * RLE_DICTIONARY pages (smaller, and less to compress), and min/max need only the
 * distinct values. Past DICTIONARY_LIMIT_BYTES of distinct values the column turns plain.
 */
class VarBinaryBuilder extends PrimitiveBuilder {
  private offsets = new Int32Array(INITIAL + 1);
  private bytes = new Uint8Array(INITIAL * 16);
  private readonly isString = this.primitive.kind === 'string';
  private dict: Map<string, number> | undefined;
  private indices = new Int32Array(0);
  private entries = 0;
  /** Bytes of all values appended in dictionary mode (as if plain), for size estimates. */
  private plainBytes = 0;

  constructor(...args: ConstructorParameters<typeof PrimitiveBuilder>) {
    super(...args);
    this.startDictionary();
  }

  private startDictionary(): void {
    if (!this.isString) return;
    this.dict = new Map();
    this.indices = new Int32Array(INITIAL);
    this.entries = 0;
    this.plainBytes = 0;
  }

  /** Room for one more value of `extraBytes` at slot `slot` of offsets/bytes. */
  private reserveAt(slot: number, extraBytes: number): void {
    if (slot + 2 > this.offsets.length)
      this.offsets = ensureCapacity(
        this.offsets,
        slot + 2,
        n => new Int32Array(n),
      );
    const end = this.offsets[slot]! + extraBytes;
    if (end <= this.bytes.length) return;
    if (end > 0x7fffffff)
      throw new ValueError('column exceeds 2 GiB in one data file');
    this.bytes = ensureCapacity(this.bytes, end, n => new Uint8Array(n));
  }

  reserveRows(rows: number): void {
    if (this.dict) {
      this.indices = ensureCapacity(
        this.indices,
        this.length + rows,
        n => new Int32Array(n),
      );
      return;
    }
    this.offsets = ensureCapacity(
      this.offsets,
      this.length + rows + 1,
      n => new Int32Array(n),
    );
    // Guess the bytes from the values so far (16 per value before any).
    const used = this.offsets[this.length]!;
    const perValue = this.length > 0 ? used / this.length : 16;
    const wanted = used + Math.ceil(perValue * rows * 1.25);
    if (wanted <= 0x7fffffff)
      this.bytes = ensureCapacity(this.bytes, wanted, n => new Uint8Array(n));
  }

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    try {
      this.put(value);
    } catch (e) {
      throw this.wrapError(e);
    }
    this.validity.setValid(this.length++);
  }

  /** Writes a string's UTF-8 at slot `slot` of offsets/bytes. */
  private writeString(value: string, slot: number): void {
    const n = value.length;
    this.reserveAt(slot, n * 3);
    const bytes = this.bytes;
    let pos = this.offsets[slot]!;
    let i = 0;
    // Short ASCII strings: a plain loop beats the encodeInto call.
    if (n <= 64) {
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        bytes[pos++] = c;
      }
    }
    if (i < n)
      pos += utf8.encodeInto(
        i === 0 ? value : value.slice(i),
        bytes.subarray(pos),
      ).written;
    this.offsets[slot + 1] = pos;
  }

  protected put(value: unknown): void {
    const dict = this.dict;
    if (dict !== undefined && typeof value === 'string') {
      let entry = dict.get(value);
      if (entry === undefined) {
        entry = this.entries;
        this.writeString(value, entry);
        if (this.offsets[entry + 1]! > DICTIONARY_LIMIT_BYTES) {
          this.toPlain();
          this.writeString(value, this.length);
          return;
        }
        dict.set(value, entry);
        this.entries++;
      }
      if (this.length >= this.indices.length)
        this.indices = ensureCapacity(
          this.indices,
          this.length + 1,
          n => new Int32Array(n),
        );
      this.indices[this.length] = entry;
      this.plainBytes += this.offsets[entry + 1]! - this.offsets[entry]!;
      return;
    }
    if (dict !== undefined) this.toPlain();
    if (typeof value === 'string' && this.isString) {
      this.writeString(value, this.length);
      return;
    }
    const start = this.offsets[this.length]!;
    const coerced = this.coerce(value);
    const encoded =
      typeof coerced === 'string'
        ? utf8.encode(coerced)
        : (coerced as Uint8Array);
    this.reserveAt(this.length, encoded.length);
    this.bytes.set(encoded, start);
    this.offsets[this.length + 1] = start + encoded.length;
  }

  protected putNull(): void {
    if (this.dict) {
      if (this.length >= this.indices.length)
        this.indices = ensureCapacity(
          this.indices,
          this.length + 1,
          n => new Int32Array(n),
        );
      this.indices[this.length] = -1;
      return;
    }
    this.reserveAt(this.length, 0);
    this.offsets[this.length + 1] = this.offsets[this.length]!;
  }

  protected truncateData(length: number): void {
    if (!this.dict) return;
    const o = this.offsets;
    for (let i = length; i < this.length; i++) {
      const e = this.indices[i]!;
      if (e >= 0) this.plainBytes -= o[e + 1]! - o[e]!;
    }
  }

  /** Leaves dictionary mode: rows [0, length) rewritten as plain offsets and bytes. */
  private toPlain(): void {
    const o = this.offsets;
    const d = this.bytes;
    const idx = this.indices;
    const n = this.length;
    const offsets = new Int32Array(Math.max(INITIAL, n * 2) + 1);
    const bytes = new Uint8Array(Math.max(INITIAL * 16, this.plainBytes * 2));
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const e = idx[i]!;
      if (e >= 0) {
        const a = o[e]!;
        const b = o[e + 1]!;
        bytes.set(d.subarray(a, b), pos);
        pos += b - a;
      }
      offsets[i + 1] = pos;
    }
    this.offsets = offsets;
    this.bytes = bytes;
    this.dict = undefined;
    this.indices = new Int32Array(0);
    this.entries = 0;
  }

  private valueAt(i: number): InternalValue {
    const bytes = this.bytes.subarray(this.offsets[i], this.offsets[i + 1]);
    return this.isString ? utf8Decoder.decode(bytes) : bytes.slice();
  }

  protected stats(): LeafStats {
    const o = this.offsets;
    const d = this.bytes;
    // Dictionary mode: the distinct values are the candidates (an entry left by a rolled
    // back row can only widen the bounds, which stay bounds).
    const dictionary = this.dict !== undefined;
    const count = dictionary ? this.entries : this.length;
    const nulls = !dictionary && this.validity.nullCount > 0;
    let min = -1;
    let max = -1;
    // First bytes (-1 for an empty value) of min and max: a value whose first byte is above
    // min's (below max's) cannot be a new min (max), so most values need no full compare.
    let minFirst = 0;
    let maxFirst = 0;
    if (this.validity.nullCount < this.length)
      for (let i = 0; i < count; i++) {
        if (nulls && !this.validity.isValid(i)) continue;
        const s0 = o[i]!;
        const s1 = o[i + 1]!;
        const first = s1 > s0 ? d[s0]! : -1;
        if (min < 0) {
          min = max = i;
          minFirst = maxFirst = first;
          continue;
        }
        if (
          first <= minFirst &&
          compareRanges(d, s0, s1, o[min]!, o[min + 1]!) < 0
        ) {
          min = i;
          minFirst = first;
        } else if (
          first >= maxFirst &&
          compareRanges(d, s0, s1, o[max]!, o[max + 1]!) > 0
        ) {
          max = i;
          maxFirst = first;
        }
      }
    return min < 0
      ? this.counts()
      : { ...this.counts(), min: this.valueAt(min), max: this.valueAt(max) };
  }

  protected data(
    nullBitmap: Uint8Array | undefined,
    nullCount: number,
    dictionary?: boolean,
  ): Data {
    let data: Data;
    if (this.dict && dictionary) {
      const values = makeData({
        type: new Utf8(),
        length: this.entries,
        nullCount: 0,
        valueOffsets: this.offsets.subarray(0, this.entries + 1),
        data: this.bytes.subarray(0, this.offsets[this.entries]),
      });
      data = makeData({
        type: new Dictionary(new Utf8(), new ArrowInt32()),
        length: this.length,
        nullCount,
        nullBitmap,
        data: this.indices.subarray(0, this.length),
        dictionary: makeVector(values),
      });
    } else {
      if (this.dict) this.toPlain();
      const props = {
        length: this.length,
        nullCount,
        nullBitmap,
        valueOffsets: this.offsets.subarray(0, this.length + 1),
        data: this.bytes.subarray(0, this.offsets[this.length]),
      };
      data = this.isString
        ? makeData({ ...props, type: new Utf8() })
        : makeData({ ...props, type: new Binary() });
    }
    this.offsets = new Int32Array(INITIAL + 1);
    this.bytes = new Uint8Array(INITIAL * 16);
    this.startDictionary();
    return data;
  }

  protected dataBytes(): number {
    return (
      (this.dict ? this.plainBytes : this.offsets[this.length]!) +
      this.length * 4
    );
  }
}

/** Byte value of two ASCII hex digits a, b at index (a << 7) | b; -1 if either is not one. */
const HEX2: Int16Array = (() => {
  const digit = (c: number) => {
    if (c >= 48 && c <= 57) return c - 48;
    if (c >= 65 && c <= 70) return c - 55;
    if (c >= 97 && c <= 102) return c - 87;
    return -1;
  };
  const t = new Int16Array(128 * 128).fill(-1);
  for (let a = 0; a < 128; a++)
    for (let b = 0; b < 128; b++) {
      const hi = digit(a);
      const lo = digit(b);
      if (hi >= 0 && lo >= 0) t[(a << 7) | b] = (hi << 4) | lo;
    }
  return t;
})();

/** Byte k of a UUID string: the two hex digits at UUID_POS[k], UUID_POS[k] + 1. */
const UUID_POS = new Int32Array([
  0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34,
]);

/** Writes the 16 bytes of a UUID string into out[at..]; false if it is not one. */
function parseUuid(s: string, out: Uint8Array, at: number): boolean {
  if (
    s.length !== 36 ||
    s.charCodeAt(8) !== 45 ||
    s.charCodeAt(13) !== 45 ||
    s.charCodeAt(18) !== 45 ||
    s.charCodeAt(23) !== 45
  )
    return false;
  for (let k = 0; k < 16; k++) {
    const i = UUID_POS[k]!;
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    const v = (a | b) < 128 ? HEX2[(a << 7) | b]! : -1;
    if (v < 0) return false;
    out[at + k] = v;
  }
  return true;
}

/** uuid and fixed[L]: L bytes per value. */
class FixedBuilder extends PrimitiveBuilder {
  private readonly width =
    this.primitive.kind === 'fixed' ? this.primitive.length : 16;
  private bytes = new Uint8Array(INITIAL * this.width);

  private reserve(): void {
    if ((this.length + 1) * this.width <= this.bytes.length) return;
    this.bytes = ensureCapacity(
      this.bytes,
      (this.length + 1) * this.width,
      n => new Uint8Array(n),
    );
  }

  reserveRows(rows: number): void {
    this.bytes = ensureCapacity(
      this.bytes,
      (this.length + rows) * this.width,
      n => new Uint8Array(n),
    );
  }

  append(value: unknown): void {
    if (value === null || value === undefined) {
      this.appendNull();
      return;
    }
    try {
      this.put(value);
    } catch (e) {
      throw this.wrapError(e);
    }
    this.validity.setValid(this.length++);
  }

  protected put(value: unknown): void {
    this.reserve();
    const at = this.length * this.width;
    if (this.primitive.kind === 'uuid') {
      if (typeof value === 'string' && parseUuid(value, this.bytes, at)) return;
      // coerceValue either throws or returns a canonical UUID, which parses.
      parseUuid(this.coerce(value) as string, this.bytes, at);
      return;
    }
    this.bytes.set(this.coerce(value) as Uint8Array, at);
  }

  protected putNull(): void {
    this.reserve();
    const at = this.length * this.width;
    this.bytes.fill(0, at, at + this.width);
  }

  private slice(i: number): Uint8Array {
    return this.bytes.slice(i * this.width, (i + 1) * this.width);
  }

  protected stats(): LeafStats {
    const w = this.width;
    const d = this.bytes;
    const ext = this.extremes(
      (a, b) => compareRanges(d, a * w, a * w + w, b * w, b * w + w) < 0,
    );
    if (!ext) return this.counts();
    const [min, max] = [this.slice(ext[0]), this.slice(ext[1])];
    return this.primitive.kind === 'uuid'
      ? { ...this.counts(), min: bytesToUuid(min), max: bytesToUuid(max) }
      : { ...this.counts(), min, max };
  }

  protected data(nullBitmap: Uint8Array | undefined, nullCount: number): Data {
    const data = makeData({
      type: new FixedSizeBinary(this.width),
      length: this.length,
      nullCount,
      nullBitmap,
      data: this.bytes.subarray(0, this.length * this.width),
    });
    this.bytes = new Uint8Array(INITIAL * this.width);
    return data;
  }

  protected dataBytes(): number {
    return this.length * this.width;
  }
}

export function primitiveBuilder(
  path: string,
  fieldId: number,
  required: boolean,
  p: ParsedPrimitive,
): PrimitiveBuilder {
  const args = [path, fieldId, required, p] as const;
  switch (p.kind) {
    case 'boolean':
      return new BoolBuilder(...args);
    case 'int':
    case 'date':
      return new Int32Builder(...args);
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return new Int64Builder(...args);
    case 'float':
    case 'double':
      return new FloatBuilder(...args);
    case 'decimal':
      return new DecimalBuilder(...args);
    case 'string':
    case 'binary':
      return new VarBinaryBuilder(...args);
    case 'uuid':
    case 'fixed':
      return new FixedBuilder(...args);
    default: {
      const never: never = p;
      throw new Error(`unsupported type ${JSON.stringify(never)}`);
    }
  }
}
