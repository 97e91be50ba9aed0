/**
 * How well scores find the producer's injected anomalies: ROC AUC and recall overall
 * and per pattern (each pattern's purchases against the unlabelled ones), and
 * precision among the k highest scores with k = the number of labelled purchases.
 */
import { ANOMALY_PATTERNS } from '../events/schema';
import { precisionAtK, rocAuc } from './metrics';
import type { ModelMetrics, PatternQualityFigures } from './model';

export type DetectionQuality = Omit<ModelMetrics, 'trainingSeconds'>;

function patternQuality(
  pattern: string | null,
  scores: Float64Array,
  threshold: number,
  patterns: ReadonlyArray<string | null>,
): PatternQualityFigures {
  const subset: number[] = [];
  const positive: number[] = [];
  let labelled = 0;
  let detected = 0;
  let negatives = 0;
  patterns.forEach((p, i) => {
    const isPositive = p !== null && (pattern === null || p === pattern);
    if (p !== null && !isPositive) return;
    subset.push(scores[i]!);
    positive.push(isPositive ? 1 : 0);
    if (isPositive) {
      labelled++;
      if (scores[i]! > threshold) detected++;
    } else negatives++;
  });
  return {
    pattern,
    labelled,
    detected,
    recall: labelled > 0 ? detected / labelled : null,
    auc:
      labelled > 0 && negatives > 0
        ? rocAuc(Float64Array.from(subset), Uint8Array.from(positive))
        : null,
  };
}

/** `scores`: higher is more anomalous; `patterns[i]`: the label of row i, or null. */
export function detectionQuality(
  scores: Float64Array,
  threshold: number,
  patterns: ReadonlyArray<string | null>,
): DetectionQuality {
  const overall = patternQuality(null, scores, threshold, patterns);
  const isLabelled = Uint8Array.from(patterns, p => (p === null ? 0 : 1));
  let flagged = 0;
  for (const s of scores) if (s > threshold) flagged++;
  return {
    rows: scores.length,
    labelled: overall.labelled,
    auc: overall.auc,
    precisionAtK:
      overall.labelled > 0
        ? {
            k: overall.labelled,
            precision: precisionAtK(scores, isLabelled, overall.labelled),
          }
        : null,
    perPattern: [
      overall,
      ...ANOMALY_PATTERNS.map(p =>
        patternQuality(p, scores, threshold, patterns),
      ),
    ],
    flaggedRate: scores.length > 0 ? flagged / scores.length : 0,
  };
}
