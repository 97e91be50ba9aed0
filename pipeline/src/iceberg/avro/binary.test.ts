import { AvroError, ByteReader, ByteWriter } from './binary';

const encode = (write: (w: ByteWriter) => void) => {
  const w = new ByteWriter(1);
  write(w);
  return Array.from(w.bytes());
};

describe('zig-zag varints', () => {
  it('matches the Avro spec examples', () => {
    // Avro spec "Binary Encoding": 0→00, -1→01, 1→02, -2→03, 2→04, -64→7f, 64→80 01
    const cases: Array<[number, number[]]> = [
      [0, [0x00]],
      [-1, [0x01]],
      [1, [0x02]],
      [-2, [0x03]],
      [2, [0x04]],
      [-64, [0x7f]],
      [64, [0x80, 0x01]],
    ];
    for (const [value, bytes] of cases) {
      expect(encode(w => w.writeInt(value))).toEqual(bytes);
      expect(encode(w => w.writeLong(BigInt(value)))).toEqual(bytes);
      expect(encode(w => w.writeLong(value))).toEqual(bytes);
    }
  });

  it('round-trips ints at the 32-bit limits', () => {
    for (const v of [0, 1, -1, 127, -128, 2147483647, -2147483648, 123456789]) {
      const w = new ByteWriter();
      w.writeInt(v);
      expect(new ByteReader(w.bytes()).readInt()).toBe(v);
    }
    expect(() => new ByteWriter().writeInt(2147483648)).toThrow(AvroError);
    expect(() => new ByteWriter().writeInt(1.5)).toThrow(AvroError);
  });

  it('round-trips the full 64-bit long range as bigint', () => {
    const values = [
      0n,
      -1n,
      2n ** 52n - 1n,
      2n ** 52n,
      -(2n ** 52n),
      2n ** 53n + 1n,
      7_000_000_000_000_000_001n,
      2n ** 63n - 1n,
      -(2n ** 63n),
    ];
    const w = new ByteWriter(4);
    for (const v of values) w.writeLong(v);
    const r = new ByteReader(w.bytes());
    for (const v of values) expect(r.readLong()).toBe(v);
    expect(r.remaining).toBe(0);
    expect(encode(x => x.writeLong(2n ** 63n - 1n))).toEqual([
      0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    expect(() => new ByteWriter().writeLong(2n ** 63n)).toThrow(/64-bit/);
    expect(() => new ByteWriter().writeLong(2 ** 60)).toThrow(AvroError);
  });

  it('rejects over-long varints', () => {
    const tooLong = Uint8Array.of(
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0xff,
      0x01,
    );
    expect(() => new ByteReader(tooLong).readLong()).toThrow(/longer than 10/);
    expect(() => new ByteReader(tooLong).readInt()).toThrow(/longer than 5/);
  });
});

describe('other primitives', () => {
  it('round-trips floats, doubles, booleans, bytes and strings', () => {
    const long = 'x'.repeat(1000);
    const w = new ByteWriter(2);
    w.writeFloat(1.5);
    w.writeDouble(-Math.PI);
    w.writeDouble(Number.NaN);
    w.writeBoolean(true);
    w.writeBytes(Uint8Array.of(1, 2, 3));
    w.writeString('');
    w.writeString('héllo wörld ✓ 𝄞');
    w.writeString(long);
    const r = new ByteReader(w.bytes());
    expect(r.readFloat()).toBe(1.5);
    expect(r.readDouble()).toBe(-Math.PI);
    expect(r.readDouble()).toBeNaN();
    expect(r.readBoolean()).toBe(true);
    expect(r.readBytes()).toEqual(Uint8Array.of(1, 2, 3));
    expect(r.readString()).toBe('');
    expect(r.readString()).toBe('héllo wörld ✓ 𝄞');
    expect(r.readString()).toBe(long);
    expect(r.remaining).toBe(0);
  });

  it('encodes strings as a length prefix and UTF-8', () => {
    expect(encode(w => w.writeString('é'))).toEqual([4, 0xc3, 0xa9]);
  });

  it('reports truncation with the position and what was being read', () => {
    const w = new ByteWriter();
    w.writeString('hello');
    const cut = w.bytes().subarray(0, 3);
    expect(() => new ByteReader(cut).readString()).toThrow(
      /unexpected end of Avro data at byte 1 while reading a string/,
    );
    expect(() => new ByteReader(new Uint8Array(0)).readLong()).toThrow(
      /while reading a long/,
    );
    expect(new ByteReader(Uint8Array.of(1)).readBoolean()).toBe(true);
    expect(() => new ByteReader(Uint8Array.of(7)).readBoolean()).toThrow(
      /invalid boolean/,
    );
  });

  it('rejects invalid UTF-8', () => {
    expect(() =>
      new ByteReader(Uint8Array.of(4, 0xc3, 0x28)).readString(),
    ).toThrow(/invalid UTF-8/);
  });
});
