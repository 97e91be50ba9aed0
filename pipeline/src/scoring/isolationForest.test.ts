import { Random } from '../events/random';
import type { SerializedForest, SerializedTree } from './forestJson';
import { IsolationForest } from './isolationForest';
import { rocAuc } from './metrics';
import { numpyPercentile } from './numpyPercentile';
import { averagePathLength, isolationTreeMaxDepth } from './pathLength';

/** Gaussian inliers (feature f has sd f + 1) and, first, `outliers` rows shifted by 8 sd. */
function gaussianRows(
  seed: number,
  nRows: number,
  nFeatures: number,
  outliers = 0,
): Float64Array {
  const random = new Random(seed);
  const matrix = new Float64Array(nRows * nFeatures);
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < nFeatures; f++) {
      const shift = r < outliers ? 8 : 0;
      matrix[r * nFeatures + f] = (random.normal() + shift) * (f + 1);
    }
  }
  return matrix;
}

/** Depth in edges of every leaf of a serialized tree. */
function leafDepths(tree: SerializedTree): number[] {
  const depth = new Array<number>(tree.feature.length).fill(0);
  const leaves: number[] = [];
  for (let i = 0; i < tree.feature.length; i++) {
    if (tree.left[i] === -1) leaves.push(depth[i]!);
    else {
      depth[tree.left[i]!] = depth[i]! + 1;
      depth[tree.right[i]!] = depth[i]! + 1;
    }
  }
  return leaves;
}

const splitFeatures = (tree: SerializedTree) =>
  new Set(tree.feature.filter(f => f >= 0));

describe('average path length c(n) and the depth limit', () => {
  it('follows sklearn _average_path_length (values printed by sklearn 1.9)', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(3)).toBeCloseTo(1.207392357589623, 14);
    expect(averagePathLength(256)).toBeCloseTo(10.244770920119917, 13);
    expect(averagePathLength(100000)).toBeCloseTo(22.180282259643523, 13);
  });

  it('limits trees to ceil(log2(max(maxSamples, 2))) levels', () => {
    expect(isolationTreeMaxDepth(1)).toBe(1);
    expect(isolationTreeMaxDepth(2)).toBe(1);
    expect(isolationTreeMaxDepth(100)).toBe(7);
    expect(isolationTreeMaxDepth(256)).toBe(8);
    expect(isolationTreeMaxDepth(257)).toBe(9);
  });
});

describe('numpyPercentile', () => {
  it("matches np.percentile's linear method (values printed by numpy 2.4)", () => {
    expect(numpyPercentile([1, 2, 3, 4, 10], 30)).toBe(2.2);
    // t ≥ 0.5 takes numpy's other lerp branch: 10 − 6 × 0.4, not 4 + 6 × 0.6.
    expect(numpyPercentile([1, 2, 3, 4, 10], 90)).toBe(7.6000000000000005);
    expect(numpyPercentile([10, 1, 4, 3, 2], 100)).toBe(10);
    expect(numpyPercentile([5], 37)).toBe(5);
    expect(() => numpyPercentile([], 50)).toThrow(/no values/);
  });
});

describe('IsolationForest', () => {
  const nRows = 2000;
  const nFeatures = 5;
  const matrix = gaussianRows(11, nRows, nFeatures, 20);
  const labels = Uint8Array.from({ length: nRows }, (_, r) => (r < 20 ? 1 : 0));

  it('grows 100 trees on 256 rows each by default, within the depth limit', () => {
    const forest = IsolationForest.fit(matrix, nRows, nFeatures, { seed: 1 });
    const json = forest.toJSON();
    expect(forest.nTrees).toBe(100);
    expect(forest.maxSamplesUsed).toBe(256);
    expect(forest.offset).toBe(-0.5);
    for (const tree of json.trees) {
      expect(tree.nodeSamples[0]).toBe(256);
      expect(Math.max(...leafDepths(tree))).toBeLessThanOrEqual(8);
    }
    // The limit binds: some leaves still hold several rows at depth 8.
    const atLimit = json.trees.flatMap(tree =>
      tree.feature.filter(
        (_, i) => tree.left[i] === -1 && tree.nodeSamples[i]! > 1,
      ),
    );
    expect(atLimit.length).toBeGreaterThan(0);
  });

  it('honours maxSamples as a count, a fraction, and clamps to the rows', () => {
    const count = IsolationForest.fit(matrix, nRows, nFeatures, {
      maxSamples: 100,
      nEstimators: 10,
    });
    expect(count.maxSamplesUsed).toBe(100);
    for (const tree of count.toJSON().trees) {
      expect(Math.max(...leafDepths(tree))).toBeLessThanOrEqual(7);
    }
    const fraction = IsolationForest.fit(matrix, nRows, nFeatures, {
      maxSamples: 0.3,
      nEstimators: 10,
    });
    expect(fraction.maxSamplesUsed).toBe(600);
    const all = IsolationForest.fit(
      matrix.subarray(0, 50 * nFeatures),
      50,
      nFeatures,
      {
        maxSamples: 1000,
        nEstimators: 3,
      },
    );
    expect(all.maxSamplesUsed).toBe(50);
    expect(
      IsolationForest.fit(matrix, nRows, nFeatures, { maxSamples: 1 })
        .maxSamplesUsed,
    ).toBe(nRows); // 1 is the fraction 1.0, as in sklearn
  });

  it('is deterministic per seed, and different seeds give different forests', () => {
    const a = IsolationForest.fit(matrix, nRows, nFeatures, { seed: 42 });
    const b = IsolationForest.fit(matrix, nRows, nFeatures, { seed: 42 });
    const c = IsolationForest.fit(matrix, nRows, nFeatures, { seed: 43 });
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(b.scoreSamples(matrix, nRows)).toEqual(
      a.scoreSamples(matrix, nRows),
    );
    expect(c.toJSON().trees[0]).not.toEqual(a.toJSON().trees[0]);
    const sa = a.scoreSamples(matrix, nRows);
    const sc = c.scoreSamples(matrix, nRows);
    expect(sc.some((v, i) => v !== sa[i])).toBe(true);
  });

  it('scores obvious outliers as anomalies and inliers as normal', () => {
    const forest = IsolationForest.fit(matrix, nRows, nFeatures, { seed: 3 });
    const scores = forest.scoreSamples(matrix, nRows);
    expect(
      rocAuc(
        Array.from(scores, s => -s),
        labels,
      ),
    ).toBeGreaterThan(0.999);
    for (const s of scores) {
      expect(s).toBeLessThan(0);
      expect(s).toBeGreaterThan(-1);
    }
    const predicted = forest.predict(matrix, nRows);
    expect(Array.from(predicted.subarray(0, 20))).toEqual(
      new Array(20).fill(-1),
    );
    // With the paper's 0.5 boundary most Gaussian inliers are normal; the tails are
    // flagged too (sklearn flags 113–126 of these 1980 inliers for seeds 1–3).
    const flagged = predicted.subarray(20).filter(p => p === -1).length;
    expect(flagged).toBeLessThan(0.1 * nRows);
  });

  it('sets the contamination offset to that percentile of the training scores', () => {
    const forest = IsolationForest.fit(matrix, nRows, nFeatures, {
      contamination: 0.05,
      seed: 5,
    });
    const scores = forest.scoreSamples(matrix, nRows);
    expect(forest.offset).toBe(numpyPercentile(scores, 5));
    expect(forest.offset).not.toBe(-0.5);
    const decision = forest.decisionFunction(matrix, nRows);
    decision.forEach((d, i) => expect(d).toBe(scores[i]! - forest.offset));
    // About 5 % of the training rows fall below the offset.
    const flagged = forest.predict(matrix, nRows).filter(p => p === -1).length;
    expect(Math.abs(flagged - 0.05 * nRows)).toBeLessThanOrEqual(1);
  });

  it('round-trips through JSON and scores identically', () => {
    const forest = IsolationForest.fit(matrix, nRows, nFeatures, {
      seed: 9,
      maxFeatures: 0.6,
      contamination: 0.1,
    });
    const text = JSON.stringify(forest);
    const back = IsolationForest.fromJSON(JSON.parse(text));
    expect(back.toJSON()).toEqual(forest.toJSON());
    expect(back.offset).toBe(forest.offset);
    expect(back.scoreSamples(matrix, nRows)).toEqual(
      forest.scoreSamples(matrix, nRows),
    );
    expect(back.decisionFunction(matrix, nRows)).toEqual(
      forest.decisionFunction(matrix, nRows),
    );
    const row = matrix.subarray(0, nFeatures);
    expect(back.featureContributions(row)).toEqual(
      forest.featureContributions(row),
    );
  });

  describe('fromJSON rejects bad input', () => {
    const good = IsolationForest.fit(matrix, nRows, nFeatures, {
      nEstimators: 2,
      seed: 1,
    }).toJSON();
    const withTree = (change: (tree: SerializedTree) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(good)) as SerializedForest;
      change(copy.trees[0]!);
      return copy;
    };
    it.each<[string, unknown, RegExp]>([
      ['not an object', 'forest', /expected object/],
      ['another format', { ...good, format: 'other' }, /format/],
      ['missing trees', { ...good, trees: undefined }, /trees/],
      ['no trees', { ...good, trees: [] }, /trees/],
      ['unknown field', { ...good, extra: 1 }, /extra/],
      [
        'bad contamination',
        { ...good, params: { ...good.params, contamination: 0.9 } },
        /contamination/,
      ],
      [
        'a cycle',
        withTree(tree => {
          tree.left[1] = 0;
        }),
        /children .* must lie in/,
      ],
      [
        'a feature out of range',
        withTree(tree => {
          tree.feature[0] = nFeatures;
        }),
        /feature 5 outside/,
      ],
      [
        'arrays of different lengths',
        withTree(tree => {
          tree.threshold.pop();
        }),
        /threshold has/,
      ],
      [
        'sample counts that do not add up',
        withTree(tree => {
          tree.nodeSamples[0]! += 1;
        }),
        /do not add up/,
      ],
      [
        'a shared child',
        withTree(tree => {
          tree.right[0] = tree.left[0]!;
        }),
        /both children/,
      ],
    ])('%s', (_name, input, message) => {
      expect(() => IsolationForest.fromJSON(input)).toThrow(
        /not a serialized Isolation Forest/,
      );
      expect(() => IsolationForest.fromJSON(input)).toThrow(message);
    });
  });

  it('sends x <= threshold left, in every lane of the batched walk', () => {
    // Root splits feature 0 at 0.5 (a float32 value, so equality can occur); the
    // left leaf held 1 training row, the right one 3.
    const forest = IsolationForest.fromJSON({
      format: 'medallion.isolation-forest',
      version: 1,
      params: {
        nEstimators: 1,
        maxSamples: { count: 4 },
        maxFeatures: 1,
        contamination: 'auto',
        bootstrap: false,
        seed: 0,
      },
      nFeatures: 2,
      maxSamplesUsed: 4,
      offset: -0.5,
      trees: [
        {
          feature: [0, -1, -1],
          threshold: [0.5, 0, 0],
          left: [1, -1, -1],
          right: [2, -1, -1],
          nodeSamples: [4, 1, 3],
        },
      ],
    });
    const c4 = averagePathLength(4);
    const left = -Math.pow(2, -(1 + averagePathLength(1)) / c4);
    const right = -Math.pow(2, -(1 + averagePathLength(3)) / c4);
    // 19 rows: two full 8-row groups and a tail, alternating on / just above 0.5.
    const values = Array.from({ length: 19 }, (_, r) =>
      r % 2 ? 0.5 : 0.5000001,
    );
    const rows = Float64Array.from(values.flatMap(v => [v, 9]));
    const expected = values.map(v => (v === 0.5 ? left : right));
    expect(Array.from(forest.scoreSamples(rows, 19))).toEqual(expected);
    expect(Array.from(forest.featureContributions([0.5, 9]))).toEqual([1, 0]);
  });

  it('never splits on constant features (range ≤ 1e-7 counts as constant)', () => {
    const n = 500;
    const data = gaussianRows(2, n, 4);
    for (let r = 0; r < n; r++) {
      data[r * 4 + 1] = 3.25; // constant
      data[r * 4 + 2] = r % 2 ? 5e-8 : 0; // float32 values differ by < 1e-7
    }
    const forest = IsolationForest.fit(data, n, 4, { seed: 8 });
    for (const tree of forest.toJSON().trees) {
      expect(splitFeatures(tree).has(1)).toBe(false);
      expect(splitFeatures(tree).has(2)).toBe(false);
      expect(splitFeatures(tree).has(0)).toBe(true);
    }
  });

  it('makes a single leaf of constant data, scoring every row at −0.5', () => {
    const data = new Float64Array(300 * 2).fill(7);
    const forest = IsolationForest.fit(data, 300, 2, { nEstimators: 5 });
    for (const tree of forest.toJSON().trees) {
      expect(tree.feature).toEqual([-1]);
      expect(tree.nodeSamples).toEqual([256]);
    }
    // h = c(256) for every row: −2^(−c(256)/c(256)).
    for (const s of forest.scoreSamples(data, 300)) expect(s).toBe(-0.5);
    expect(Array.from(forest.featureContributions([7, 7]))).toEqual([0, 0]);
  });

  it('draws maxFeatures features per tree, without replacement', () => {
    const n = 600;
    const data = gaussianRows(4, n, 6);
    const half = IsolationForest.fit(data, n, 6, {
      maxFeatures: 0.5,
      seed: 2,
    });
    const used = new Set<number>();
    for (const tree of half.toJSON().trees) {
      const features = splitFeatures(tree);
      expect(features.size).toBeLessThanOrEqual(3);
      features.forEach(f => used.add(f));
    }
    expect(used.size).toBe(6); // different trees draw different subsets
    const one = IsolationForest.fit(data, n, 6, {
      maxFeatures: { count: 1 },
      seed: 2,
    });
    const perTree = one.toJSON().trees.map(tree => splitFeatures(tree).size);
    expect(new Set(perTree)).toEqual(new Set([1]));
    expect(() => IsolationForest.fit(data, n, 6, { maxFeatures: 7 })).toThrow(
      /exceeds the 6 features/,
    );
  });

  it('collapses bootstrap duplicates into one sample, as sklearn trees do', () => {
    const forest = IsolationForest.fit(matrix, nRows, nFeatures, {
      bootstrap: true,
      seed: 6,
      nEstimators: 20,
    });
    const roots = forest.toJSON().trees.map(tree => tree.nodeSamples[0]!);
    // 256 draws with replacement from 2000 rows: ~240 distinct, never more than 256.
    expect(Math.max(...roots)).toBeLessThanOrEqual(256);
    expect(Math.min(...roots)).toBeLessThan(256);
    expect(forest.maxSamplesUsed).toBe(256);
  });

  it('explains an outlier by the feature that isolates it', () => {
    const forest = IsolationForest.fit(matrix, nRows, nFeatures, { seed: 12 });
    const row = Array.from(matrix.subarray(100 * nFeatures, 101 * nFeatures));
    const inlier = forest.featureContributions(row);
    expect(inlier.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    row[3] = 60; // ~15 sd away on feature 3 only
    const contributions = forest.featureContributions(row);
    expect(contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const top = contributions.indexOf(Math.max(...contributions));
    expect(top).toBe(3);
    expect(contributions[3]).toBeGreaterThan(inlier[3]!);
    expect(() => forest.featureContributions([1, 2])).toThrow(/2 values/);
  });

  it('casts to float32: Float32Array input scores like Float64Array input', () => {
    const forest = IsolationForest.fit(matrix, nRows, nFeatures, { seed: 13 });
    expect(forest.scoreSamples(Float32Array.from(matrix), nRows)).toEqual(
      forest.scoreSamples(matrix, nRows),
    );
    // 1 + 2^-30 is 1 in float32: the two rows must score the same.
    const close = Float64Array.from([1, 1, 1, 1, 1, 1 + 2 ** -30, 1, 1, 1, 1]);
    const [a, b] = forest.scoreSamples(close, 2);
    expect(a).toBe(b);
  });

  it('refuses NaN, infinite training values, bad shapes and bad parameters', () => {
    const bad = Float64Array.from(matrix.subarray(0, 50));
    bad[7] = NaN;
    expect(() => IsolationForest.fit(bad, 10, 5)).toThrow(
      /row 1, feature 2 is NaN/,
    );
    bad[7] = Infinity;
    expect(() => IsolationForest.fit(bad, 10, 5)).toThrow(/finite/);
    expect(() => IsolationForest.fit(matrix, 7, 5)).toThrow(/expected 7 rows/);
    expect(() =>
      IsolationForest.fit(matrix, nRows, nFeatures, { contamination: 0.6 }),
    ).toThrow(/invalid Isolation Forest parameters: contamination/);
    expect(() =>
      IsolationForest.fit(matrix, nRows, nFeatures, { maxSamples: 2.5 }),
    ).toThrow(/integer count/);
    const forest = IsolationForest.fit(matrix, nRows, nFeatures, {
      nEstimators: 2,
    });
    bad[7] = NaN;
    expect(() => forest.scoreSamples(bad, 10)).toThrow(
      /row 1, feature 2 is NaN/,
    );
    expect(() => forest.scoreSamples(matrix, 3)).toThrow(/expected 3 rows/);
  });
});
