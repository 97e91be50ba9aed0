import { coerceValue } from './conversions';
import {
  hashForBucket,
  murmur3Hash32,
  murmur3HashLong,
  murmur3HashString,
} from './murmur3';
import type { PrimitiveType } from './types';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hashOf = (type: PrimitiveType, friendly: unknown) =>
  hashForBucket(type, coerceValue(type, friendly));

describe('murmur3Hash32', () => {
  it('matches reference Murmur3 x86_32 (seed 0) for every tail length', () => {
    // Reference values from Python's mmh3.hash (the library PyIceberg buckets with).
    expect(murmur3Hash32(new Uint8Array(0))).toBe(0);
    expect(murmur3Hash32(utf8('a'))).toBe(1009084850);
    expect(murmur3Hash32(utf8('hello'))).toBe(613153351);
    expect(
      murmur3Hash32(utf8('The quick brown fox jumps over the lazy dog')),
    ).toBe(776992547);
    expect(murmur3Hash32(Uint8Array.of(0, 1, 2, 3))).toBe(-188683207);
  });

  it('hashes only the given length of a buffer', () => {
    const buf = Uint8Array.from([...utf8('hello'), 9, 9, 9]);
    expect(murmur3Hash32(buf, 5)).toBe(murmur3Hash32(utf8('hello')));
  });
});

describe('murmur3HashLong', () => {
  const bytesOf = (v: bigint) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, v, true);
    return b;
  };

  it('equals hashing the 8 little-endian bytes of a bigint', () => {
    for (const v of [
      0n,
      -1n,
      34n,
      -(2n ** 31n) - 1n,
      2n ** 32n + 5n,
      -(2n ** 63n),
      2n ** 63n - 1n,
    ]) {
      expect(murmur3HashLong(v)).toBe(murmur3Hash32(bytesOf(v)));
    }
  });

  it('gives safe-integer numbers the hash of the same bigint', () => {
    for (const v of [0, 1, -1, 34, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 5]) {
      expect(murmur3HashLong(v)).toBe(murmur3Hash32(bytesOf(BigInt(v))));
    }
    for (const v of [-(2 ** 40) + 3, 2 ** 53 - 1, -(2 ** 53) + 1]) {
      expect(murmur3HashLong(v)).toBe(murmur3Hash32(bytesOf(BigInt(v))));
    }
  });

  it('rejects numbers that are not safe integers', () => {
    expect(() => murmur3HashLong(1.5)).toThrow(/cannot hash/);
    expect(() => murmur3HashLong(2 ** 60)).toThrow(/cannot hash/);
  });
});

describe('murmur3HashString', () => {
  it('hashes UTF-8, including characters outside the BMP', () => {
    expect(murmur3HashString('iceberg')).toBe(1210000089);
    for (const s of ['', 'é', '€uro', '😀', 'a😀b𝄞', 'x'.repeat(1000)]) {
      expect(murmur3HashString(s)).toBe(murmur3Hash32(utf8(s)));
    }
  });

  it('encodes lone surrogates as "?" like Java', () => {
    expect(murmur3HashString('a\uD800b')).toBe(murmur3Hash32(utf8('a?b')));
    expect(murmur3HashString('\uDC00')).toBe(murmur3Hash32(utf8('?')));
  });
});

describe('hashForBucket', () => {
  // Spec "Appendix B: 32-bit Hash Requirements" test values.
  it.each<[PrimitiveType, unknown, number]>([
    ['int', 34, 2017239379],
    ['long', 34, 2017239379],
    ['long', 34n, 2017239379],
    ['decimal(9,2)', '14.20', -500754589],
    ['date', '2017-11-16', -653330422],
    ['time', '22:31:08', -662762989],
    ['timestamp', '2017-11-16T22:31:08', -2047944441],
    ['timestamp', '2017-11-16T22:31:08.000001', -1207196810],
    ['timestamptz', '2017-11-16T14:31:08-08:00', -2047944441],
    ['timestamptz', '2017-11-16T14:31:08.000001-08:00', -1207196810],
    ['string', 'iceberg', 1210000089],
    ['uuid', 'f79c3e09-677c-4bbd-a479-3f349cb785e7', 1488055340],
    ['fixed[4]', Uint8Array.of(0, 1, 2, 3), -188683207],
    ['binary', Uint8Array.of(0, 1, 2, 3), -188683207],
  ])('%s %p → %d', (type, value, expected) => {
    expect(hashOf(type, value)).toBe(expected);
  });

  it('gives ints and longs of equal value the same hash (promotion-safe)', () => {
    for (const v of [0, -1, 2147483647, -2147483648, 123456]) {
      expect(hashForBucket('int', v)).toBe(hashForBucket('long', BigInt(v)));
    }
  });

  it('hashes decimals by the minimal bytes of the unscaled value, whatever the scale', () => {
    expect(hashForBucket('decimal(9,2)', 1420n)).toBe(-500754589);
    expect(hashForBucket('decimal(38,10)', 1420n)).toBe(-500754589);
    // 1420 = 0x058C: two bytes; 128 needs a sign byte: 00 80; -128 is just 80.
    expect(hashForBucket('decimal(9,0)', 128n)).toBe(
      murmur3Hash32(Uint8Array.of(0x00, 0x80)),
    );
    expect(hashForBucket('decimal(9,0)', -128n)).toBe(
      murmur3Hash32(Uint8Array.of(0x80)),
    );
    expect(hashForBucket('decimal(9,0)', 0n)).toBe(
      murmur3Hash32(Uint8Array.of(0)),
    );
  });

  it('accepts an already parsed type', () => {
    expect(hashForBucket({ kind: 'string' }, 'iceberg')).toBe(1210000089);
    expect(
      hashForBucket({ kind: 'decimal', precision: 9, scale: 2 }, 1420n),
    ).toBe(-500754589);
  });

  it('rejects types that cannot be bucketed and mismatched values', () => {
    expect(() => hashForBucket('boolean', true)).toThrow(/cannot be bucketed/);
    expect(() => hashForBucket('float', 1)).toThrow(/cannot be bucketed/);
    expect(() => hashForBucket('double', 1)).toThrow(/cannot be bucketed/);
    expect(() => hashForBucket('string', 5)).toThrow(/as a string/);
    expect(() => hashForBucket('long', 'x')).toThrow(/as long/);
    expect(() => hashForBucket('binary', 'x')).toThrow(/as binary/);
    expect(() => hashForBucket('uuid', 7)).toThrow(/as a uuid/);
  });
});
