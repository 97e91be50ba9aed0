import {
  truncateBinaryMax,
  truncateBinaryMin,
  truncateStringMax,
  truncateStringMin,
} from './truncate';

describe('bound truncation', () => {
  it('keeps short values', () => {
    expect(truncateStringMin('abc', 16)).toBe('abc');
    expect(truncateStringMax('abc', 16)).toBe('abc');
    expect(truncateStringMax('a'.repeat(16), 16)).toBe('a'.repeat(16));
  });

  it('truncates strings by code point, never splitting a surrogate pair', () => {
    const s = '𝄞'.repeat(20);
    expect(truncateStringMin(s, 16)).toBe('𝄞'.repeat(16));
    expect(truncateStringMin(s, 16)).toHaveLength(32);
    expect(truncateStringMax(s, 16)).toBe(`${'𝄞'.repeat(15)}\u{1d11f}`);
  });

  it('increments the last code point of an upper bound', () => {
    expect(truncateStringMax('abcdefghijklmnopqrs', 16)).toBe(
      'abcdefghijklmnoq',
    );
    expect(truncateStringMax(`${'a'.repeat(15)}\u{10ffff}zz`, 16)).toBe(
      `${'a'.repeat(14)}b`,
    );
    // U+D7FF + 1 would be a surrogate: the next scalar value is U+E000
    expect(truncateStringMax(`${'a'.repeat(15)}\ud7ffzz`, 16)).toBe(
      `${'a'.repeat(15)}\ue000`,
    );
    expect(truncateStringMax('\u{10ffff}'.repeat(17), 16)).toBeUndefined();
  });

  it('increments the last byte of a binary upper bound, or drops it', () => {
    const b = Uint8Array.from({ length: 20 }, (_, i) => i);
    expect(truncateBinaryMin(b, 16)).toEqual(b.slice(0, 16));
    const max = truncateBinaryMax(b, 16)!;
    expect(Array.from(max)).toEqual([...Array.from(b.slice(0, 15)), 16]);
    const carry = Uint8Array.from([...new Array(15).fill(1), 0xff, 0xff, 9]);
    expect(Array.from(truncateBinaryMax(carry, 16)!)).toEqual([
      ...new Array(14).fill(1),
      2,
    ]);
    expect(
      truncateBinaryMax(new Uint8Array(17).fill(0xff), 16),
    ).toBeUndefined();
  });
});
