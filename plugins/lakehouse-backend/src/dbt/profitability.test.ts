import { formatDecimal } from './profitability';

describe('formatDecimal', () => {
  it.each<[bigint, number, string]>([
    [0n, 2, '0.00'],
    [5n, 2, '0.05'],
    [-5n, 2, '-0.05'],
    [123456n, 2, '1234.56'],
    [-123456n, 2, '-1234.56'],
    // Beyond 2^53: exact.
    [9007199254740993n, 2, '90071992547409.93'],
    [42n, 0, '42'],
    [42n, -1, '420'],
  ])('writes %s with scale %s as %s', (unscaled, scale, text) => {
    expect(formatDecimal(unscaled, scale)).toBe(text);
  });
});
