import { coerceValue } from '../conversions';
import {
  daysFromCivil,
  decimalFromNumber,
  isoDateDays,
  isoTimestampMicros,
} from './fastCoerce';

/** A tiny deterministic PRNG for reproducible samples. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fast coercion paths agree with coerceValue', () => {
  const rand = prng(7);

  it('computes civil days like Date.UTC', () => {
    for (let i = 0; i < 2000; i++) {
      const y = 1000 + Math.floor(rand() * 1300);
      const m = 1 + Math.floor(rand() * 12);
      const d = 1 + Math.floor(rand() * 28);
      expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });

  it('parses ISO timestamps exactly as coerceValue does', () => {
    const samples: string[] = [
      '2024-02-29T23:59:59.999999Z',
      '1970-01-01T00:00:00Z',
      '1969-12-31T23:59:59.5Z',
      '2024-05-01T12:34:56.123+00:00',
      '2024-05-01T12:34:56',
    ];
    for (let i = 0; i < 3000; i++) {
      const ms = Math.floor((rand() - 0.4) * 8e12);
      const frac = String(Math.floor(rand() * 1e6)).padStart(6, '0');
      const digits = 1 + Math.floor(rand() * 6);
      samples.push(
        new Date(ms)
          .toISOString()
          .replace(/\.\d+Z$/, `.${frac.slice(0, digits)}Z`),
      );
    }
    for (const s of samples) {
      for (const withZone of [true, false]) {
        const fast = isoTimestampMicros(s, withZone);
        if (fast === undefined) continue;
        expect(BigInt(fast)).toBe(
          coerceValue(withZone ? 'timestamptz' : 'timestamp', s),
        );
      }
    }
    expect(isoTimestampMicros(samples[0]!, true)).toBeDefined();
  });

  it('leaves doubtful timestamps to coerceValue', () => {
    for (const s of [
      '2023-02-30T00:00:00Z', // V8 rolls this over to March
      '2024-01-01T24:00:00Z',
      '2024-01-01T00:00:00.1234567Z',
      '2024-01-01T00:00:00+01:00',
      '2024-01-01T00:00:00',
      '0999-01-01T00:00:00Z',
      '2024-1-01T00:00:00Z',
    ]) {
      expect(isoTimestampMicros(s, true)).toBeUndefined();
    }
  });

  it('parses dates exactly as coerceValue does', () => {
    for (let i = 0; i < 2000; i++) {
      const s = new Date(Math.floor((rand() - 0.5) * 1e13))
        .toISOString()
        .slice(0, 10);
      expect(isoDateDays(s)).toBe(coerceValue('date', s));
    }
    expect(isoDateDays('2023-02-29')).toBeUndefined();
  });

  it('rounds numbers to decimals exactly as coerceValue does', () => {
    const values = [1.005, 0.145, -2.675, 1e-7, 123456.785, 0.5, -0.5, 2.5];
    for (let i = 0; i < 20000; i++) {
      const scale = Math.floor(rand() * 5);
      const v =
        Math.round((rand() - 0.5) * 10 ** (3 + Math.floor(rand() * 6)) * 1000) /
        1000;
      values.push(scale % 2 ? v : v / 7);
    }
    for (const v of values) {
      for (const scale of [0, 1, 2, 3, 4]) {
        const fast = decimalFromNumber(v, 12, scale);
        if (fast === undefined) continue;
        expect(BigInt(fast)).toBe(coerceValue(`decimal(12, ${scale})`, v));
      }
    }
    expect(decimalFromNumber(1e10, 12, 2)).toBeUndefined();
    expect(decimalFromNumber(NaN, 12, 2)).toBeUndefined();
  });
});
