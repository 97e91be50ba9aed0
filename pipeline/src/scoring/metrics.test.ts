import { averageRanks, precisionAtK, rocAuc, spearman } from './metrics';

describe('averageRanks', () => {
  it('gives tied values the mean of their ranks', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30, 20, 20]))).toEqual([
      1.5, 4, 1.5, 6, 4, 4,
    ]);
  });

  it('orders infinities like any number', () => {
    expect(
      Array.from(averageRanks([Infinity, -Infinity, 0, Infinity])),
    ).toEqual([3.5, 1, 2, 3.5]);
  });
});

describe('rocAuc', () => {
  it('matches the textbook example (scikit-learn roc_auc_score: 0.75)', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('counts a tie between an anomaly and a normal row as one half', () => {
    // Pairs (anomaly, normal): (1,1) ½, (1,2) 0, (3,1) 1, (3,2) 1 → 2.5 / 4.
    expect(rocAuc([1, 1, 2, 3], [0, 1, 0, 1])).toBe(0.625);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, ½ for all equal', () => {
    const labels = [true, false, true, false, false];
    expect(rocAuc([5, 1, 4, 2, 3], labels)).toBe(1);
    expect(rocAuc([-5, -1, -4, -2, -3], labels)).toBe(0);
    expect(rocAuc([7, 7, 7, 7, 7], labels)).toBe(0.5);
  });

  it('refuses a single class, mismatched lengths and non-binary labels', () => {
    expect(() => rocAuc([1, 2, 3], [0, 0, 0])).toThrow(/both classes/);
    expect(() => rocAuc([1, 2, 3], [1, 1, 1])).toThrow(/both classes/);
    expect(() => rocAuc([1, 2], [0, 1, 1])).toThrow(/2 scores but 3 labels/);
    expect(() => rocAuc([1, 2], [0, 2])).toThrow(/expected 0\/1/);
    expect(() => rocAuc([1, NaN], [0, 1])).toThrow(/NaN/);
  });
});

describe('precisionAtK', () => {
  const scores = [0.9, 0.8, 0.7, 0.1];
  const labels = [1, 0, 1, 0];

  it('is the share of anomalies among the k highest scores', () => {
    expect(precisionAtK(scores, labels, 1)).toBe(1);
    expect(precisionAtK(scores, labels, 2)).toBe(0.5);
    expect(precisionAtK(scores, labels, 3)).toBeCloseTo(2 / 3, 15);
    expect(precisionAtK(scores, labels, 4)).toBe(0.5);
  });

  it('shares the last slots among tied scores in proportion', () => {
    // Top 1 is an anomaly; the second slot goes to a tie of one anomaly and one normal
    // row: expected ½ anomaly → (1 + ½) / 2.
    expect(precisionAtK([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0], 2)).toBe(0.75);
    // The order of the input does not change that.
    expect(precisionAtK([0.5, 0.1, 0.9, 0.5], [0, 0, 1, 1], 2)).toBe(0.75);
  });

  it('rejects k outside [1, n]', () => {
    expect(() => precisionAtK(scores, labels, 0)).toThrow(/k must be/);
    expect(() => precisionAtK(scores, labels, 5)).toThrow(/k must be/);
    expect(() => precisionAtK(scores, labels, 1.5)).toThrow(/k must be/);
  });
});

describe('spearman', () => {
  it('matches scipy.stats.spearmanr with ties (8 / √95)', () => {
    // ranks a: 1 2 3 4 5; ranks b: 1 2 3.5 5 3.5 → cov 8, var 10 and 9.5.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(
      0.8207826816681233,
      15,
    );
  });

  it('is 1 for any increasing relation and −1 for a decreasing one', () => {
    const a = [0.5, 3, 1, 10, 7];
    expect(
      spearman(
        a,
        a.map(v => Math.exp(v)),
      ),
    ).toBeCloseTo(1, 15);
    expect(
      spearman(
        a,
        a.map(v => -(v ** 3)),
      ),
    ).toBeCloseTo(-1, 15);
  });

  it('is NaN when one side is constant, and refuses bad input', () => {
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNaN();
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(/2 values against 3/);
    expect(() => spearman([1], [1])).toThrow(/at least 2/);
  });
});
