/**
 * Isolation Forest (Liu, Ting & Zhou 2008) exactly as scikit-learn 1.x defines it
 * (sklearn/ensemble/_iforest.py): same parameters and defaults, same subsampling,
 * depth limit, split rule and float32 input, same c(n), same score sign convention
 * and contamination offset. Only the random stream differs (a seeded sfc32 instead of
 * numpy's), so exact parity is shown by scoring trees exported from sklearn
 * (`fromSklearn`) and statistical parity by comparing fitted forests on the same data.
 *
 *   const forest = IsolationForest.fit(matrix, nRows, nFeatures, { seed: 7 });
 *   forest.scoreSamples(rows, n)     // −2^(−E[h]/c(ψ)): lower = more anomalous
 *   forest.decisionFunction(rows, n) // scoreSamples − offset: < 0 = anomaly
 *   forest.predict(rows, n)          // −1 anomaly, 1 normal
 *
 * Matrices are row-major Float64Array or Float32Array, `nFeatures` values per row.
 */
import { Random } from '../events/random';
import {
  type IsolationForestParams,
  type SerializedForest,
  type SerializedTree,
  SERIALIZED_FOREST_FORMAT,
  describeZodError,
  isolationForestParamsSchema,
  serializedForestSchema,
  sklearnForestExportSchema,
  treeProblems,
} from './forestJson';
import {
  type FlatForest,
  type RowMatrix,
  flattenTrees,
  pathContributions,
  sumPathLengths,
  treeAt,
} from './flatForest';
import { growIsolationTree } from './isolationTreeGrowth';
import { numpyPercentile } from './numpyPercentile';
import { averagePathLength, isolationTreeMaxDepth } from './pathLength';

export type { IsolationForestParams, SerializedForest } from './forestJson';
// For documents that embed a fitted forest (e.g. the anomaly model file).
export {
  isolationForestParamsSchema,
  serializedForestSchema,
} from './forestJson';
export type { RowMatrix } from './flatForest';

/** sklearn's defaults; `seed` stands in for random_state (always set here). */
export const DEFAULT_ISOLATION_FOREST_PARAMS: IsolationForestParams = {
  nEstimators: 100,
  maxSamples: 'auto',
  maxFeatures: 1.0,
  contamination: 'auto',
  bootstrap: false,
  seed: 0,
};

type Size = IsolationForestParams['maxFeatures'];

/** Rows per tree, sklearn's `max_samples_`. */
function resolveMaxSamples(
  maxSamples: IsolationForestParams['maxSamples'],
  nRows: number,
): number {
  if (maxSamples === 'auto') return Math.min(256, nRows);
  const count = countOf(maxSamples, nRows);
  if (count < 1) {
    throw new Error(
      `maxSamples ${JSON.stringify(
        maxSamples,
      )} of ${nRows} rows is no row at all`,
    );
  }
  // sklearn warns and uses every row when asked for more rows than there are.
  return Math.min(count, nRows);
}

/** Features per tree, sklearn's `_max_features`. */
function resolveMaxFeatures(maxFeatures: Size, nFeatures: number): number {
  const count = Math.max(1, countOf(maxFeatures, nFeatures));
  if (count > nFeatures) {
    throw new Error(
      `maxFeatures ${JSON.stringify(
        maxFeatures,
      )} exceeds the ${nFeatures} features`,
    );
  }
  return count;
}

/** A fraction (≤ 1) of `total`, truncated like Python's int(), or a count. */
function countOf(size: Size, total: number): number {
  if (typeof size === 'object') return size.count;
  return size <= 1 ? Math.floor(size * total) : size;
}

function checkMatrix(
  matrix: RowMatrix,
  nRows: number,
  nFeatures: number,
): void {
  if (!Number.isInteger(nRows) || nRows < 0) {
    throw new Error(`nRows must be a non-negative integer, got ${nRows}`);
  }
  if (matrix.length !== nRows * nFeatures) {
    throw new Error(
      `the matrix holds ${
        matrix.length
      } values, expected ${nRows} rows × ${nFeatures} features = ${
        nRows * nFeatures
      }`,
    );
  }
}

/** Draws `count` distinct entries of `pool` into its first `count` slots (partial Fisher–Yates). */
function shuffleHead(pool: Int32Array, count: number, random: Random): void {
  for (let i = 0; i < count; i++) {
    const j = random.int(i, pool.length - 1);
    const picked = pool[j]!;
    pool[j] = pool[i]!;
    pool[i] = picked;
  }
}

export class IsolationForest {
  private constructor(
    /** The parameters the forest was fitted with. */
    readonly params: IsolationForestParams,
    /** Rows each tree was grown on (sklearn's `max_samples_`). */
    readonly maxSamplesUsed: number,
    /** decisionFunction = scoreSamples − offset (sklearn's `offset_`). */
    readonly offset: number,
    private readonly forest: FlatForest,
  ) {}

  get nFeatures(): number {
    return this.forest.nFeatures;
  }

  get nTrees(): number {
    return this.forest.roots.length - 1;
  }

  /**
   * Fits a forest on `nRows` × `nFeatures` row-major values (finite numbers; cast to
   * float32 as sklearn does). Deterministic for a given seed.
   */
  static fit(
    matrix: RowMatrix,
    nRows: number,
    nFeatures: number,
    options: Partial<IsolationForestParams> = {},
  ): IsolationForest {
    const parsed = isolationForestParamsSchema.safeParse({
      ...DEFAULT_ISOLATION_FOREST_PARAMS,
      ...options,
    });
    if (!parsed.success) {
      throw new Error(
        `invalid Isolation Forest parameters: ${describeZodError(
          parsed.error,
        )}`,
      );
    }
    const params = parsed.data;
    if (!Number.isInteger(nFeatures) || nFeatures < 1) {
      throw new Error(`nFeatures must be a positive integer, got ${nFeatures}`);
    }
    checkMatrix(matrix, nRows, nFeatures);
    if (nRows < 1) throw new Error('cannot fit an Isolation Forest on no rows');
    for (let i = 0; i < matrix.length; i++) {
      if (!Number.isFinite(matrix[i])) {
        throw new Error(
          `row ${Math.floor(i / nFeatures)}, feature ${i % nFeatures} is ${
            matrix[i]
          }: features must be finite numbers`,
        );
      }
    }

    const maxSamples = resolveMaxSamples(params.maxSamples, nRows);
    const maxFeatures = resolveMaxFeatures(params.maxFeatures, nFeatures);
    const maxDepth = isolationTreeMaxDepth(maxSamples);
    const random = new Random(params.seed);
    const rowPool = Int32Array.from({ length: nRows }, (_, i) => i);
    const featurePool = Int32Array.from({ length: nFeatures }, (_, i) => i);
    const drawn = new Uint8Array(params.bootstrap ? nRows : 0);
    const rows = new Int32Array(maxSamples);
    const columns = new Float32Array(maxSamples * maxFeatures);
    const trees: SerializedTree[] = [];

    for (let t = 0; t < params.nEstimators; t++) {
      const treeRandom = random.fork(`tree ${t}`);
      let featureIds = featurePool;
      if (maxFeatures < nFeatures) {
        shuffleHead(featurePool, maxFeatures, treeRandom);
        featureIds = featurePool.slice(0, maxFeatures);
      }
      let nSamples = maxSamples;
      if (params.bootstrap) {
        // sklearn passes the bootstrap draw to the tree as sample weights, and the tree
        // only keeps rows of non-zero weight: duplicates collapse into one sample.
        nSamples = 0;
        for (let i = 0; i < maxSamples; i++) {
          const row = treeRandom.int(0, nRows - 1);
          if (!drawn[row]) {
            drawn[row] = 1;
            rows[nSamples++] = row;
          }
        }
        for (let i = 0; i < nSamples; i++) drawn[rows[i]!] = 0;
      } else {
        shuffleHead(rowPool, maxSamples, treeRandom);
        rows.set(rowPool.subarray(0, maxSamples));
      }
      for (let j = 0; j < maxFeatures; j++) {
        const feature = featureIds[j]!;
        const offset = j * maxSamples;
        for (let i = 0; i < nSamples; i++) {
          columns[offset + i] = matrix[rows[i]! * nFeatures + feature]!;
        }
      }
      trees.push(
        growIsolationTree(
          {
            columns,
            stride: maxSamples,
            nSamples,
            featureIds,
            maxDepth,
          },
          treeRandom,
        ),
      );
    }

    const forest = flattenTrees(trees, nFeatures);
    let offset = -0.5; // 'auto': the paper's 0.5 threshold, negated like the scores
    if (params.contamination !== 'auto') {
      const scores = scoresFromForest(forest, maxSamples, matrix, nRows);
      offset = numpyPercentile(scores, 100.0 * params.contamination);
    }
    return new IsolationForest(params, maxSamples, offset, forest);
  }

  /** Rebuilds a forest from `toJSON()` output; throws a readable error on bad input. */
  static fromJSON(value: unknown): IsolationForest {
    const parsed = serializedForestSchema.safeParse(value);
    if (!parsed.success) {
      throw new Error(
        `not a serialized Isolation Forest: ${describeZodError(parsed.error)}`,
      );
    }
    const json = parsed.data;
    return new IsolationForest(
      json.params,
      json.maxSamplesUsed,
      json.offset,
      flattenTrees(json.trees, json.nFeatures),
    );
  }

  /**
   * A forest from a fitted scikit-learn IsolationForest, as exported by
   * interop/sklearn/isolation_forest.py (tree arrays with features already mapped
   * through `estimators_features_`, plus `offset_`, `max_samples_`): it scores exactly
   * as sklearn does.
   */
  static fromSklearn(value: unknown): IsolationForest {
    const parsed = sklearnForestExportSchema.safeParse(value);
    if (!parsed.success) {
      throw new Error(
        `not a scikit-learn IsolationForest export: ${describeZodError(
          parsed.error,
        )}`,
      );
    }
    const exported = parsed.data;
    const nFeatures = exported.n_features_in_;
    const trees = exported.estimators.map((estimator, t): SerializedTree => {
      // sklearn marks a leaf with children −1 (TREE_LEAF) and feature/threshold −2.
      const leaf = estimator.children_left.map(child => child === -1);
      const tree: SerializedTree = {
        feature: estimator.feature.map((f, i) => (leaf[i] ? -1 : f)),
        threshold: estimator.threshold.map((v, i) => (leaf[i] ? 0 : v)),
        left: estimator.children_left,
        right: estimator.children_right,
        nodeSamples: estimator.n_node_samples,
      };
      const problems = treeProblems(tree, nFeatures);
      if (problems.length > 0) {
        throw new Error(
          `scikit-learn export, tree ${t}: ${problems.join('; ')}`,
        );
      }
      return tree;
    });
    const params = isolationForestParamsSchema.safeParse({
      nEstimators: trees.length,
      maxSamples: { count: exported.max_samples_ },
      maxFeatures: { count: exported.max_features_ },
      contamination: exported.params.contamination,
      bootstrap: exported.params.bootstrap,
      seed: exported.params.random_state ?? 0,
    });
    if (!params.success) {
      throw new Error(
        `scikit-learn export has unsupported parameters: ${describeZodError(
          params.error,
        )}`,
      );
    }
    return new IsolationForest(
      params.data,
      exported.max_samples_,
      exported.offset_,
      flattenTrees(trees, nFeatures),
    );
  }

  /**
   * sklearn's `score_samples`: −2^(−mean_t h_t(x) / c(maxSamplesUsed)), in (−1, 0].
   * The lower, the more anomalous; about −0.5 is the paper's boundary.
   */
  scoreSamples(matrix: RowMatrix, nRows: number): Float64Array {
    checkMatrix(matrix, nRows, this.nFeatures);
    return scoresFromForest(this.forest, this.maxSamplesUsed, matrix, nRows);
  }

  /** scoreSamples − offset: negative for anomalies. */
  decisionFunction(matrix: RowMatrix, nRows: number): Float64Array {
    const scores = this.scoreSamples(matrix, nRows);
    for (let r = 0; r < nRows; r++) scores[r] = scores[r]! - this.offset;
    return scores;
  }

  /** −1 for an anomaly (decisionFunction < 0), 1 otherwise. */
  predict(matrix: RowMatrix, nRows: number): Int8Array {
    const decision = this.decisionFunction(matrix, nRows);
    return Int8Array.from(decision, d => (d < 0 ? -1 : 1));
  }

  /**
   * Each feature's share (summing to 1) in isolating `row`; see `pathContributions`
   * for the definition.
   */
  featureContributions(row: ArrayLike<number>): Float64Array {
    return pathContributions(this.forest, row);
  }

  /** Plain JSON (validated back by `fromJSON` / `serializedForestSchema`). */
  toJSON(): SerializedForest {
    const trees: SerializedTree[] = [];
    for (let t = 0; t < this.nTrees; t++) trees.push(treeAt(this.forest, t));
    return {
      format: SERIALIZED_FOREST_FORMAT,
      version: 1,
      params: this.params,
      nFeatures: this.nFeatures,
      maxSamplesUsed: this.maxSamplesUsed,
      offset: this.offset,
      trees,
    };
  }
}

function scoresFromForest(
  forest: FlatForest,
  maxSamplesUsed: number,
  matrix: RowMatrix,
  nRows: number,
): Float64Array {
  const sums = sumPathLengths(forest, matrix, nRows);
  const denominator =
    (forest.roots.length - 1) * averagePathLength(maxSamplesUsed);
  for (let r = 0; r < nRows; r++) {
    // sklearn: 2^(−depths / denominator), with the ratio set to 1 when the
    // denominator is 0 (a forest grown on single rows).
    const ratio = denominator === 0 ? 1 : sums[r]! / denominator;
    sums[r] = -Math.pow(2, -ratio);
  }
  return sums;
}
