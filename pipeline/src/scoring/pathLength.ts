/**
 * Average path length of an unsuccessful search in a binary search tree of n nodes,
 * c(n) in the Isolation Forest paper: the depth a point would still need, on average,
 * to be isolated in a leaf that holds n training samples. Follows scikit-learn's
 * `_average_path_length` (sklearn/ensemble/_iforest.py) exactly, constant included.
 */

/** numpy's `np.euler_gamma`, the full double (sklearn uses it, not a rounded 0.5772). */
export const EULER_GAMMA = 0.5772156649015329;

/** c(n): 0 for n ≤ 1, 1 for n = 2, else 2(ln(n − 1) + γ) − 2(n − 1)/n. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  // Same operation order as sklearn, so the doubles match bit for bit.
  return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - (2.0 * (n - 1.0)) / n;
}

/**
 * The depth limit scikit-learn gives each isolation tree: ceil(log2(max(maxSamples, 2))),
 * the average height of a tree over maxSamples points (deeper nodes only separate inliers).
 */
export function isolationTreeMaxDepth(maxSamples: number): number {
  return Math.ceil(Math.log2(Math.max(maxSamples, 2)));
}
