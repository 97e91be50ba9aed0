/** The drill-down's plain-language "why": the features that isolated a purchase most. */
import type {
  AnomalyDetail,
  AnomalyFeature,
} from '@medallion/plugin-lakehouse-common';
import { formatFeatureValue, formatScore } from './anomalyFormat';

/** A third feature is worth naming only when it carries at least this share. */
export const THIRD_FEATURE_MIN_SHARE = 0.15;

/** Largest contribution first; ties by name, so the order never flickers. */
export const sortByContribution = (features: AnomalyFeature[]) =>
  [...features].sort(
    (a, b) => b.contribution - a.contribution || a.name.localeCompare(b.name),
  );

/** The top two features, and the third when it carries a real share. */
export function explainingFeatures(
  features: AnomalyFeature[],
): AnomalyFeature[] {
  const sorted = sortByContribution(features);
  const third = sorted[2];
  return third && third.contribution >= THIRD_FEATURE_MIN_SHARE
    ? sorted.slice(0, 3)
    : sorted.slice(0, 2);
}

const describeFeature = (f: AnomalyFeature) =>
  `${f.name} (${formatFeatureValue(f.value)} vs typical ${
    f.typical === null ? 'unknown' : formatFeatureValue(f.typical)
  })`;

/** "a", "a and b", "a, b and c". */
function listOf(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * One sentence, e.g. "Flagged mainly for price_ratio_log (3.2 vs typical 0.0) and
 * amount_eur_log (7.9 vs typical 3.6)."
 */
export function whySentence(detail: AnomalyDetail): string {
  const named = listOf(
    explainingFeatures(detail.features).map(describeFeature),
  );
  const { score } = detail.purchase;
  if (detail.purchase.decision === 'anomaly')
    return named
      ? `Flagged mainly for ${named}.`
      : `Flagged with a score of ${formatScore(
          score,
        )}; no feature breakdown is available.`;
  const below = `Not flagged: the score ${formatScore(
    score,
  )} is below the threshold ${formatScore(detail.threshold)}`;
  return named
    ? `${below}; its most unusual features were ${named}.`
    : `${below}.`;
}
