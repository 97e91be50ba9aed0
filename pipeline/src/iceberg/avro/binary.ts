/**
 * Avro binary encoding primitives (Avro spec "Binary Encoding"): zig-zag varints for int
 * and long, little-endian IEEE floats, length-prefixed bytes and strings.
 *
 * Longs are bigint on the way out of the reader so that 63-bit snapshot ids survive; the
 * hot paths stay in plain number arithmetic while values fit in 2^53.
 */

export class AvroError extends Error {
  /** Where in the value or file the problem is, outermost first ("data_file.partition"). */
  readonly path: string[] = [];

  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AvroError';
  }

  /** Records one more enclosing step (".field" or "[index]") as the error unwinds. */
  at(step: string): this {
    this.path.unshift(step);
    this.message = `${this.path.join('').replace(/^\./, '')}: ${this.reason}`;
    return this;
  }
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
/** |v| below this fits a double exactly after zig-zag (2^52 * 2 = 2^53). */
const SAFE_LONG = 2 ** 52;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Append-only growable byte buffer. */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;

  constructor(initialSize = 1024) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < needed) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** The bytes written so far (a view; copy it if the writer is reused). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }

  writeBoolean(value: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = value ? 1 : 0;
  }

  /** Unsigned varint of a non-negative integer below 2^53. */
  private writeVarint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v > 0x7f) {
      this.buf[this.pos++] = v % 128 | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }

  writeInt(value: number): void {
    if (!Number.isInteger(value) || value < INT_MIN || value > INT_MAX) {
      throw new AvroError(`expected a 32-bit int, got ${String(value)}`);
    }
    this.ensure(5);
    let z = ((value << 1) ^ (value >> 31)) >>> 0;
    while (z > 0x7f) {
      this.buf[this.pos++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    this.buf[this.pos++] = z;
  }

  writeLong(value: bigint | number): void {
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new AvroError(
          `expected a long (bigint or safe integer), got ${value}`,
        );
      }
      if (Math.abs(value) < SAFE_LONG) {
        this.writeVarint(value >= 0 ? value * 2 : -value * 2 - 1);
        return;
      }
      this.writeLong(BigInt(value));
      return;
    }
    if (value < LONG_MIN || value > LONG_MAX) {
      throw new AvroError(`long out of 64-bit range: ${value}`);
    }
    if (value > -SAFE_LONG && value < SAFE_LONG) {
      const n = Number(value);
      this.writeVarint(n >= 0 ? n * 2 : -n * 2 - 1);
      return;
    }
    let z = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
    this.ensure(10);
    while (z > 0x7fn) {
      this.buf[this.pos++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    this.buf[this.pos++] = Number(z);
  }

  writeFloat(value: number): void {
    this.ensure(4);
    this.view.setFloat32(this.pos, value, true);
    this.pos += 4;
  }

  writeDouble(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** Raw bytes without a length prefix (fixed, sync markers, magic). */
  writeRaw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  writeBytes(bytes: Uint8Array): void {
    this.writeVarint(bytes.length * 2);
    this.writeRaw(bytes);
  }

  writeString(value: string): void {
    // Short strings: encode straight into the buffer behind a one-byte length (< 64 bytes).
    if (value.length <= 21) {
      this.ensure(1 + value.length * 3);
      const { written } = utf8Encoder.encodeInto(
        value,
        this.buf.subarray(this.pos + 1),
      );
      this.buf[this.pos] = written * 2;
      this.pos += 1 + written;
      return;
    }
    this.writeBytes(utf8Encoder.encode(value));
  }
}

/** Sequential reader over a byte array with bounds checks that name what was being read. */
export class ByteReader {
  pos: number;
  readonly buf: Uint8Array;
  private readonly view: DataView;

  constructor(buf: Uint8Array, start = 0, readonly end = buf.length) {
    // A plain Uint8Array view, so that slices are plain copies even for Node Buffers.
    this.buf = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = start;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private eof(what: string): AvroError {
    return new AvroError(
      `unexpected end of Avro data at byte ${this.pos} while reading ${what} (truncated or corrupt)`,
    );
  }

  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) throw this.eof(what);
  }

  readBoolean(): boolean {
    this.need(1, 'a boolean');
    const b = this.buf[this.pos++]!;
    if (b > 1)
      throw new AvroError(`invalid boolean byte ${b} at ${this.pos - 1}`);
    return b === 1;
  }

  readInt(): number {
    let value = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw this.eof('an int');
      const b = this.buf[this.pos++]!;
      value += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) {
        if (value > 0xffffffff)
          throw new AvroError(`int varint overflow at ${this.pos}`);
        return (value >>> 1) ^ -(value & 1);
      }
      mul *= 128;
    }
    throw new AvroError(`int varint longer than 5 bytes at ${this.pos}`);
  }

  readLong(): bigint {
    // Up to 7 bytes (49 bits) accumulate exactly in a double; longer values go BigInt.
    let value = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      if (this.pos >= this.end) throw this.eof('a long');
      const b = this.buf[this.pos++]!;
      value += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) {
        return BigInt(value % 2 === 0 ? value / 2 : -(value + 1) / 2);
      }
      mul *= 128;
    }
    let z = BigInt(value);
    let shift = 49n;
    for (;;) {
      if (this.pos >= this.end) throw this.eof('a long');
      const b = this.buf[this.pos++]!;
      z |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n)
        throw new AvroError(`long varint longer than 10 bytes at ${this.pos}`);
    }
    if (z >> 64n !== 0n)
      throw new AvroError(`long varint overflow at ${this.pos}`);
    return (z >> 1n) ^ -(z & 1n);
  }

  /** A long that must be a non-negative size or count that fits a JS number. */
  readLength(what: string): number {
    const n = this.readLong();
    if (n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new AvroError(`invalid ${what} ${n} at byte ${this.pos}`);
    }
    return Number(n);
  }

  readFloat(): number {
    this.need(4, 'a float');
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  readDouble(): number {
    this.need(8, 'a double');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A copy of the next n bytes. */
  readRaw(n: number, what = 'fixed bytes'): Uint8Array {
    this.need(n, what);
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  readBytes(): Uint8Array {
    return this.readRaw(this.readLength('bytes length'), 'bytes');
  }

  readString(): string {
    const n = this.readLength('string length');
    this.need(n, 'a string');
    const start = this.pos;
    this.pos += n;
    // ASCII fast path: TextDecoder has a fixed per-call cost that dominates short strings.
    if (n < 64) {
      let s = '';
      for (let i = start; i < start + n; i++) {
        const c = this.buf[i]!;
        if (c >= 0x80) return decodeUtf8(this.buf.subarray(start, start + n));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return decodeUtf8(this.buf.subarray(start, start + n));
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new AvroError('invalid UTF-8 in Avro string');
  }
}
