/**
 * Grows one isolation tree the way scikit-learn's IsolationForest does (an
 * ExtraTreeRegressor with max_features=1 and the RandomSplitter, see
 * sklearn/tree/_splitter.pyx `node_split_random`):
 *   - a node is a leaf when it holds fewer than 2 samples, sits at the depth limit, or
 *     every feature is constant in it;
 *   - otherwise a feature is drawn uniformly among those not constant in the node
 *     (drawing one, finding it constant, and drawing again is the same rejection
 *     sampling sklearn's Fisher–Yates loop performs), and a threshold uniformly in
 *     [min, max) of that feature's float32 values in the node;
 *   - x <= threshold goes left.
 * sklearn also stops on a node whose random regression target has ~0 variance; that
 * target is pure noise for isolation, the event has probability ~0, and we omit it.
 */
import type { Random } from '../events/random';
import type { SerializedTree } from './forestJson';

/** sklearn's FEATURE_THRESHOLD (a float32): range ≤ this counts as constant. */
const FEATURE_THRESHOLD = Math.fround(1e-7);

export interface TreeSample {
  /**
   * The tree's rows as float32, column-major: column j holds values
   * `columns[j * stride + i]` for row i < nSamples.
   */
  columns: Float32Array;
  stride: number;
  nSamples: number;
  /** Column j of `columns` is feature `featureIds[j]` of the full matrix. */
  featureIds: Int32Array;
  maxDepth: number;
}

/** A tree in our serialized layout (pre-order: a node's left child is the next node). */
export function growIsolationTree(
  sample: TreeSample,
  random: Random,
): SerializedTree {
  const { columns, stride, nSamples, featureIds, maxDepth } = sample;
  const tree: SerializedTree = {
    feature: [],
    threshold: [],
    left: [],
    right: [],
    nodeSamples: [],
  };
  const rows = new Int32Array(nSamples);
  for (let i = 0; i < nSamples; i++) rows[i] = i;

  // Returns the node's index. `candidates` are the local feature columns not yet known
  // to be constant; a feature constant in a node stays constant in its children, so
  // children inherit the list without the constants found here (sklearn does the same).
  const grow = (
    start: number,
    end: number,
    depth: number,
    candidates: readonly number[],
  ): number => {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.nodeSamples.push(end - start);
    if (end - start < 2 || depth >= maxDepth) return id;

    const remaining = candidates.slice();
    while (remaining.length > 0) {
      const pick = random.int(0, remaining.length - 1);
      const column = remaining[pick]!;
      const offset = column * stride;
      let min = columns[offset + rows[start]!]!;
      let max = min;
      for (let p = start + 1; p < end; p++) {
        const value = columns[offset + rows[p]!]!;
        if (value < min) min = value;
        else if (value > max) max = value;
      }
      // float32 arithmetic, as in sklearn: max <= min + FEATURE_THRESHOLD.
      if (max <= Math.fround(min + FEATURE_THRESHOLD)) {
        remaining[pick] = remaining[remaining.length - 1]!;
        remaining.pop();
        continue;
      }
      let threshold = min + (max - min) * random.next();
      // Rounding can land on max, which would send every sample left; sklearn falls
      // back to min (still a valid split: min goes left, max right).
      if (threshold === max) threshold = min;

      let lo = start;
      let hi = end - 1;
      while (lo <= hi) {
        const row = rows[lo]!;
        if (columns[offset + row]! <= threshold) {
          lo++;
        } else {
          rows[lo] = rows[hi]!;
          rows[hi] = row;
          hi--;
        }
      }
      tree.feature[id] = featureIds[column]!;
      tree.threshold[id] = threshold;
      tree.left[id] = grow(start, lo, depth + 1, remaining);
      tree.right[id] = grow(lo, end, depth + 1, remaining);
      return id;
    }
    return id; // every feature is constant here
  };

  const all: number[] = [];
  for (let j = 0; j < featureIds.length; j++) all.push(j);
  grow(0, nSamples, 0, all);
  return tree;
}
