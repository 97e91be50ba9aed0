/**
 * Parity with real scikit-learn (interop/sklearn/isolation_forest.py in the pinned
 * venv of interop/sklearn/requirements.txt):
 *   a. exact — sklearn fits and exports its trees; our forest built from them scores
 *      train and held-out rows as sklearn does (to 1e-9; in practice ~1e-16);
 *   b. statistical — fitted with our own random stream on the same labelled features,
 *      our AUC lies in sklearn's seed-to-seed range, our scores rank rows as sklearn's
 *      do (Spearman), and our trees have sklearn's shape.
 */
import { join } from 'node:path';
import { Random } from '../events/random';
import type { IsolationForestParams, SerializedTree } from './forestJson';
import { IsolationForest } from './isolationForest';
import { rocAuc, spearman } from './metrics';
import { numpyPercentile } from './numpyPercentile';
import { runSklearn } from './sklearnOracle';
import { labelledFeatures } from './__testUtils__/labelledFeatures';

jest.setTimeout(180_000);

const SCRIPT = join(
  __dirname,
  '..',
  '..',
  '..',
  'interop',
  'sklearn',
  'isolation_forest.py',
);

function sklearnPython(): string {
  const python = process.env.MEDALLION_SKLEARN_PYTHON;
  if (!python) {
    throw new Error(
      'MEDALLION_SKLEARN_PYTHON is not set: run the suite with `npm test` (it builds the scikit-learn venv), or export MEDALLION_SKLEARN_PYTHON=$(bash scripts/python-env.sh sklearn interop/sklearn/requirements.txt | tail -n 1)',
    );
  }
  return python;
}

/** Gaussian rows (feature f has sd f + 1); the first `outliers` shifted by `shift` sd in one feature. */
function gaussianRows(
  seed: number,
  nRows: number,
  nFeatures: number,
  outliers: number,
  shift: number,
): Float64Array {
  const random = new Random(seed);
  const matrix = new Float64Array(nRows * nFeatures);
  for (let r = 0; r < nRows; r++) {
    const shifted = r < outliers ? r % nFeatures : -1;
    for (let f = 0; f < nFeatures; f++) {
      const z = random.normal() + (f === shifted ? shift : 0);
      matrix[r * nFeatures + f] = z * (f + 1);
    }
  }
  return matrix;
}

const negate = (scores: ArrayLike<number>) => Array.from(scores, s => -s);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++)
    max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('exact parity: sklearn-fitted trees scored by our forest', () => {
  const nFeatures = 6;
  const nTrain = 1500;
  // Training rows: Gaussian with planted outliers, plus duplicated rows and a
  // two-valued column (ties, and nodes where features turn constant).
  const train = gaussianRows(21, nTrain, nFeatures, 30, 6);
  for (let r = 0; r < nTrain; r++) {
    train[r * nFeatures + 5] = r % 3 === 0 ? 1 : 0;
    if (r >= 1400) {
      train.copyWithin(r * nFeatures, 0, nFeatures); // 100 copies of row 0
    }
  }

  /** Held-out rows: fresh Gaussian rows, far outside the training range, duplicates. */
  function heldOut(): { matrix: Float64Array; nRows: number } {
    const rows: number[] = Array.from(gaussianRows(22, 300, nFeatures, 10, 6));
    for (const v of [1e6, -1e6, 3e38, -3e38, 1e-30, 0]) {
      rows.push(...new Array(nFeatures).fill(v));
    }
    rows.push(...train.subarray(0, 50 * nFeatures)); // exact training rows
    rows.push(...train.subarray(0, 10 * nFeatures)); // and again
    const nRows = rows.length / nFeatures;
    return { matrix: Float64Array.from(rows), nRows };
  }

  /** Rows whose values sit on and next to float32 versions of sklearn thresholds. */
  function thresholdRows(tree: SerializedTree): Float64Array {
    const rows: number[] = [];
    tree.feature.forEach((f, i) => {
      if (f < 0 || rows.length >= 60 * nFeatures) return;
      const t = tree.threshold[i]!;
      for (const v of [Math.fround(t), t, t - 1e-7, t + 1e-7]) {
        rows.push(...new Array(nFeatures).fill(v));
      }
    });
    return Float64Array.from(rows);
  }

  it.each<[string, Partial<IsolationForestParams>]>([
    ['defaults', {}],
    ['maxSamples as a count', { maxSamples: 100 }],
    ['maxSamples as a fraction', { maxSamples: 0.4 }],
    ['maxFeatures below 1', { maxFeatures: 0.5 }],
    [
      'one feature per tree, bootstrap',
      { maxFeatures: { count: 1 }, bootstrap: true },
    ],
    ['contamination 0.05', { contamination: 0.05, nEstimators: 50 }],
  ])('%s', async (_name, params) => {
    const python = sklearnPython();
    const test = heldOut();
    const sk = await runSklearn({
      python,
      script: SCRIPT,
      mode: 'fit',
      matrix: train,
      nRows: nTrain,
      nFeatures,
      params: { ...params, seed: 7 },
      score: test,
    });
    const forest = IsolationForest.fromSklearn(sk.export);
    const expectedTrees = params.nEstimators ?? 100;
    expect(forest.nTrees).toBe(expectedTrees);

    const trainScores = forest.scoreSamples(train, nTrain);
    expect(maxAbsDiff(trainScores, sk.train.score_samples)).toBeLessThan(1e-9);
    expect(
      maxAbsDiff(
        forest.decisionFunction(train, nTrain),
        sk.train.decision_function,
      ),
    ).toBeLessThan(1e-9);
    expect(Array.from(forest.predict(train, nTrain))).toEqual(sk.train.predict);

    expect(
      maxAbsDiff(
        forest.scoreSamples(test.matrix, test.nRows),
        sk.score!.score_samples,
      ),
    ).toBeLessThan(1e-9);
    expect(
      maxAbsDiff(
        forest.decisionFunction(test.matrix, test.nRows),
        sk.score!.decision_function,
      ),
    ).toBeLessThan(1e-9);

    // sklearn's offset_ is np.percentile of these training scores ('auto': −0.5).
    const expectedOffset =
      typeof params.contamination === 'number'
        ? numpyPercentile(trainScores, 100 * params.contamination)
        : -0.5;
    expect(forest.offset).toBeCloseTo(expectedOffset, 12);

    // The forest survives our own JSON round trip with the same scores.
    const back = IsolationForest.fromJSON(JSON.parse(JSON.stringify(forest)));
    expect(back.scoreSamples(train, nTrain)).toEqual(trainScores);
  });

  it('casts rows to float32 as sklearn does: values on and next to every threshold', async () => {
    const python = sklearnPython();
    const first = await runSklearn({
      python,
      script: SCRIPT,
      mode: 'fit',
      matrix: train,
      nRows: nTrain,
      nFeatures,
      params: { seed: 8, nEstimators: 20 },
    });
    const tree = IsolationForest.fromSklearn(first.export).toJSON().trees[0]!;
    const rows = thresholdRows(tree);
    const nRows = rows.length / nFeatures;
    const sk = await runSklearn({
      python,
      script: SCRIPT,
      mode: 'fit',
      matrix: train,
      nRows: nTrain,
      nFeatures,
      params: { seed: 8, nEstimators: 20 },
      score: { matrix: rows, nRows },
    });
    const forest = IsolationForest.fromSklearn(sk.export);
    expect(
      maxAbsDiff(forest.scoreSamples(rows, nRows), sk.score!.score_samples),
    ).toBeLessThan(1e-9);
  });

  it('rejects an export whose trees are broken', async () => {
    const sk = await runSklearn({
      python: sklearnPython(),
      script: SCRIPT,
      mode: 'fit',
      matrix: train,
      nRows: nTrain,
      nFeatures,
      params: { seed: 1, nEstimators: 2 },
    });
    const broken = JSON.parse(JSON.stringify(sk.export)) as {
      estimators: Array<{ children_right: number[] }>;
    };
    broken.estimators[1]!.children_right[0] = 0;
    expect(() => IsolationForest.fromSklearn(broken)).toThrow(
      /scikit-learn export, tree 1: node 0: children/,
    );
    expect(() => IsolationForest.fromSklearn({ offset_: -0.5 })).toThrow(
      /not a scikit-learn IsolationForest export/,
    );
  });
});

/** Mean over trees of the node count, and of the sample-weighted leaf depth. */
function treeShape(forest: IsolationForest): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const trees = forest.toJSON().trees;
  for (const tree of trees) {
    nodes += tree.feature.length;
    const d = new Array<number>(tree.feature.length).fill(0);
    let weighted = 0;
    for (let i = 0; i < tree.feature.length; i++) {
      if (tree.left[i] === -1) weighted += d[i]! * tree.nodeSamples[i]!;
      else {
        d[tree.left[i]!] = d[i]! + 1;
        d[tree.right[i]!] = d[i]! + 1;
      }
    }
    depth += weighted / tree.nodeSamples[0]!;
  }
  return { nodes: nodes / trees.length, depth: depth / trees.length };
}

interface StatisticalCase {
  name: string;
  load: () => Promise<{
    matrix: Float64Array;
    nRows: number;
    nFeatures: number;
    isAnomaly: Uint8Array;
  }>;
  /**
   * Floor for Spearman(ours, sklearn) per seed. On the purchase features sklearn agrees
   * with itself across seeds at ~0.96–0.97; on isotropic Gaussian noise at only
   * ~0.92–0.95 (100 seeds measured: ours vs sklearn averages 0.942, sklearn vs itself
   * 0.942), so that case relies on the relative check below.
   */
  minSpearman: number;
}

const statisticalCases: StatisticalCase[] = [
  {
    name: 'labelled purchase features (seeded generator, injected anomalies)',
    load: async () => {
      const data = await labelledFeatures({ seed: 7, events: 20_000 });
      return { ...data, nFeatures: data.featureNames.length };
    },
    minSpearman: 0.95,
  },
  {
    name: 'synthetic Gaussian rows with mild planted outliers',
    load: async () => {
      const nRows = 5000;
      const nFeatures = 8;
      return {
        matrix: gaussianRows(31, nRows, nFeatures, 100, 3),
        nRows,
        nFeatures,
        isAnomaly: Uint8Array.from({ length: nRows }, (_, r) =>
          r < 100 ? 1 : 0,
        ),
      };
    },
    minSpearman: 0.9,
  },
];

describe.each(statisticalCases)('statistical parity on $name', testCase => {
  const sklearnSeeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const ourSeeds = [0, 1, 2, 3, 4];
  let data: Awaited<ReturnType<StatisticalCase['load']>>;
  let sklearnScores: number[][];
  let sklearnExports: unknown[];
  let ourScores: Float64Array[];

  beforeAll(async () => {
    data = await testCase.load();
    const sweep = await runSklearn({
      python: sklearnPython(),
      script: SCRIPT,
      mode: 'sweep',
      matrix: data.matrix,
      nRows: data.nRows,
      nFeatures: data.nFeatures,
      seeds: sklearnSeeds,
      exportTrees: true,
    });
    sklearnScores = sweep.score_samples;
    sklearnExports = sweep.exports ?? [];
    ourScores = ourSeeds.map(seed =>
      IsolationForest.fit(data.matrix, data.nRows, data.nFeatures, {
        seed,
      }).scoreSamples(data.matrix, data.nRows),
    );
  });

  it("puts our AUC inside sklearn's seed-to-seed range", () => {
    const sklearnAuc = sklearnScores.map(s =>
      rocAuc(negate(s), data.isAnomaly),
    );
    const ourAuc = ourScores.map(s => rocAuc(negate(s), data.isAnomaly));
    const low = Math.min(...sklearnAuc) - 0.01;
    const high = Math.max(...sklearnAuc) + 0.01;
    for (const auc of ourAuc) {
      expect(auc).toBeGreaterThanOrEqual(low);
      expect(auc).toBeLessThanOrEqual(high);
    }
    // Means over 5 and 10 seeds differ by ~0.005 (sd) by chance alone.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(ourAuc) - mean(sklearnAuc))).toBeLessThan(0.02);
  });

  it('ranks rows as sklearn does, as closely as sklearn agrees with itself', () => {
    const ours = ourScores.map((s, i) => spearman(s, sklearnScores[i]!));
    const itself = sklearnScores
      .slice(1, ourSeeds.length)
      .map(s => spearman(s, sklearnScores[0]!));
    for (const rho of ours) {
      expect(rho).toBeGreaterThanOrEqual(testCase.minSpearman);
      expect(rho).toBeGreaterThanOrEqual(Math.min(...itself) - 0.01);
    }
  });

  it("grows trees of sklearn's shape (node count, leaf depth)", () => {
    const sklearn = { nodes: 0, depth: 0 };
    const ours = { nodes: 0, depth: 0 };
    expect(sklearnExports).toHaveLength(sklearnSeeds.length);
    for (const seed of ourSeeds) {
      const theirs = treeShape(
        IsolationForest.fromSklearn(sklearnExports[seed]),
      );
      const mine = treeShape(
        IsolationForest.fit(data.matrix, data.nRows, data.nFeatures, { seed }),
      );
      sklearn.nodes += theirs.nodes / ourSeeds.length;
      sklearn.depth += theirs.depth / ourSeeds.length;
      ours.nodes += mine.nodes / ourSeeds.length;
      ours.depth += mine.depth / ourSeeds.length;
    }
    // 500 trees a side: the node-count means differ by ~1 % (sd) by chance.
    expect(Math.abs(ours.nodes - sklearn.nodes) / sklearn.nodes).toBeLessThan(
      0.05,
    );
    expect(Math.abs(ours.depth - sklearn.depth)).toBeLessThan(0.05);
  });
});
