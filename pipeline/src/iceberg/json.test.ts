import { JsonSyntaxError, parseJson, stringifyJson } from './json';

describe('64-bit safe JSON', () => {
  it('keeps integers beyond 2^53 exact and everything else as JSON.parse would', () => {
    const text =
      '{"snapshot-id": 7933645478341257401, "small": 42, "neg": -9223372036854775808, "f": 1.5e3, "s": "a\\"b\\u00e9", "l": [true, false, null, {}], "e": []}';
    const parsed = parseJson(text) as Record<string, unknown>;
    expect(parsed['snapshot-id']).toBe(7933645478341257401n);
    expect(parsed.neg).toBe(-9223372036854775808n);
    expect(parsed.small).toBe(42);
    expect(parsed.f).toBe(1500);
    expect(parsed.s).toBe('a"bé');
    expect(parsed.l).toEqual([true, false, null, {}]);
    const again = stringifyJson(parsed);
    expect(again).toContain('"snapshot-id":7933645478341257401');
    expect(parseJson(again)).toEqual(parsed);
    expect(parseJson(stringifyJson(parsed, 2))).toEqual(parsed);
    expect(stringifyJson({ a: [1, { b: 'x' }], u: undefined }, 2)).toBe(
      JSON.stringify({ a: [1, { b: 'x' }] }, null, 2),
    );
  });

  it('rejects malformed input with the offset', () => {
    for (const bad of [
      '{',
      '{"a" 1}',
      '[1,]',
      '{"a":1} x',
      '"unterminated',
      'nul',
    ]) {
      expect(() => parseJson(bad)).toThrow(JsonSyntaxError);
    }
  });
});
