import { Random, WeightedTable, zipfWeights } from './random';

describe('Random', () => {
  it('is reproducible per seed and uniform enough', () => {
    const a = new Random(1);
    const b = new Random(1);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(new Random(2).next()).not.toBe(xs[0]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(xs.every(x => x >= 0 && x < 1)).toBe(true);
  });

  it('makes RFC 4122 version-4 UUIDs', () => {
    const r = new Random('uuid');
    for (let i = 0; i < 1000; i++) {
      expect(r.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('samples a weighted table in proportion to its weights', () => {
    const table = new WeightedTable(['a', 'b', 'c'], [1, 2, 7]);
    const r = new Random('w');
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[table.sample(r)]!++;
    expect(counts.c! / 20_000).toBeCloseTo(0.7, 1);
    expect(counts.a! / 20_000).toBeCloseTo(0.1, 1);
    expect(() => new WeightedTable(['a'], [0])).toThrow(/positive/);
    expect(zipfWeights(3, 1)).toEqual([1, 0.5, 1 / 3]);
  });
});
