/**
 * Bound truncation of Iceberg's default metrics mode `truncate(16)`: string bounds keep the
 * first 16 Unicode code points, binary bounds the first 16 bytes. A truncated lower bound is
 * a prefix, so still a lower bound; a truncated upper bound must have its last code point /
 * byte incremented to stay an upper bound, and is dropped when no position can be
 * incremented. Only string and binary are truncated (as Iceberg Java does; fixed is not).
 */

export const DEFAULT_TRUNCATE_LENGTH = 16;

const MAX_CODE_POINT = 0x10ffff;

/** The first `length` code points of a string (no split surrogate pairs). */
function codePointPrefix(s: string, length: number): string | undefined {
  let units = 0;
  for (let n = 0; n < length; n++) {
    if (units >= s.length) return undefined; // not longer than length
    const cp = s.codePointAt(units)!;
    units += cp > 0xffff ? 2 : 1;
  }
  return units >= s.length ? undefined : s.slice(0, units);
}

export function truncateStringMin(s: string, length: number): string {
  return codePointPrefix(s, length) ?? s;
}

/** Smallest string of at most `length` code points that is ≥ s, or undefined if none. */
export function truncateStringMax(
  s: string,
  length: number,
): string | undefined {
  const prefix = codePointPrefix(s, length);
  if (prefix === undefined) return s;
  const cps = Array.from(prefix, c => c.codePointAt(0)!);
  for (let i = cps.length - 1; i >= 0; i--) {
    let next = cps[i]! + 1;
    // Surrogate code points are not scalar values: skip to the next valid one.
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= MAX_CODE_POINT) {
      cps.length = i;
      cps.push(next);
      return String.fromCodePoint(...cps);
    }
  }
  return undefined;
}

export function truncateBinaryMin(b: Uint8Array, length: number): Uint8Array {
  return b.length <= length ? b : b.slice(0, length);
}

/** Smallest byte string of at most `length` bytes that is ≥ b, or undefined if none. */
export function truncateBinaryMax(
  b: Uint8Array,
  length: number,
): Uint8Array | undefined {
  if (b.length <= length) return b;
  for (let i = length - 1; i >= 0; i--) {
    if (b[i]! !== 0xff) {
      const out = b.slice(0, i + 1);
      out[i] = b[i]! + 1;
      return out;
    }
  }
  return undefined;
}
