/**
 * Ranking metrics for anomaly scores against labels: ROC AUC, precision at k and
 * Spearman's rank correlation. Convention: a HIGHER score means MORE anomalous (pass
 * `-scoreSamples` or `-decisionFunction` of an Isolation Forest). Labels are 1/true
 * for an anomaly, 0/false otherwise. Ties are handled by average ranks throughout, as
 * scikit-learn's roc_auc_score and scipy's spearmanr do.
 */

export type Labels = ArrayLike<number | boolean>;

function checkInputs(
  scores: ArrayLike<number>,
  labels: Labels,
  what: string,
): Uint8Array {
  if (scores.length !== labels.length) {
    throw new Error(
      `${what}: ${scores.length} scores but ${labels.length} labels`,
    );
  }
  const positive = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1 && label !== true && label !== false) {
      throw new Error(`${what}: label ${i} is ${label}, expected 0/1`);
    }
    if (Number.isNaN(scores[i])) throw new Error(`${what}: score ${i} is NaN`);
    positive[i] = label ? 1 : 0;
  }
  return positive;
}

/** Ascending order of numbers, ±Infinity included (a − b would give NaN for ∞ − ∞). */
function ascending(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  return 0;
}

/** 1-based ranks in ascending order; tied values share the mean of their ranks. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    ascending(values[a]!, values[b]!),
  );
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 … end
    for (let i = start; i < end; i++) ranks[order[i]!] = rank;
    start = end;
  }
  return ranks;
}

/**
 * Area under the ROC curve: the probability that a random anomaly scores higher than
 * a random normal row, ties counting one half (Mann–Whitney U / (n⁺·n⁻)). Throws when
 * the labels hold a single class, where the AUC is undefined.
 */
export function rocAuc(scores: ArrayLike<number>, labels: Labels): number {
  const positive = checkInputs(scores, labels, 'rocAuc');
  const ranks = averageRanks(scores);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < positive.length; i++) {
    if (positive[i]) {
      nPos++;
      rankSum += ranks[i]!;
    }
  }
  const nNeg = positive.length - nPos;
  if (nPos === 0 || nNeg === 0) {
    throw new Error(
      `rocAuc: needs both classes, got ${nPos} anomalies and ${nNeg} normal rows`,
    );
  }
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Share of anomalies among the k highest scores. When the k-th place falls inside a
 * group of tied scores, the group's slots are shared out in proportion (the expected
 * precision under a random order of the ties), so the result never depends on how a
 * sort happened to order equal scores.
 */
export function precisionAtK(
  scores: ArrayLike<number>,
  labels: Labels,
  k: number,
): number {
  const positive = checkInputs(scores, labels, 'precisionAtK');
  const n = positive.length;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new Error(
      `precisionAtK: k must be an integer in [1, ${n}], got ${k}`,
    );
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    ascending(scores[b]!, scores[a]!),
  );
  const cutoff = scores[order[k - 1]!]!;
  let above = 0; // rows scoring strictly above the k-th score
  let abovePositive = 0;
  let tied = 0;
  let tiedPositive = 0;
  for (let i = 0; i < n; i++) {
    const score = scores[i]!;
    if (score > cutoff) {
      above++;
      abovePositive += positive[i]!;
    } else if (score === cutoff) {
      tied++;
      tiedPositive += positive[i]!;
    }
  }
  const slots = k - above; // places in the top k left for the tied group
  return (abovePositive + (tiedPositive * slots) / tied) / k;
}

/**
 * Spearman's rank correlation: Pearson's correlation of the average ranks. NaN when
 * either side is constant (the correlation is undefined there).
 */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new Error(`spearman: ${a.length} values against ${b.length}`);
  }
  if (a.length < 2) throw new Error('spearman: needs at least 2 pairs');
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) {
      throw new Error(`spearman: pair ${i} holds NaN`);
    }
  }
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const mean = (a.length + 1) / 2; // average ranks always average to (n + 1) / 2
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < ra.length; i++) {
    const da = ra[i]! - mean;
    const db = rb[i]! - mean;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  if (varA === 0 || varB === 0) return NaN;
  return cov / Math.sqrt(varA * varB);
}
