/** The model card's figures as text: every missing one says why instead of showing 0. */
import type { AnomalyModelSummary } from '@medallion/plugin-lakehouse-common';
import { formatNumber } from '../shared';
import { formatScore, formatShare, notAvailable } from './anomalyFormat';

export const formatAuc = (auc: number | null, reason: string) =>
  auc === null ? notAvailable(reason) : auc.toFixed(3);

export function formatPrecisionAtK(
  p: { k: number; precision: number } | null,
  reason: string,
): string {
  return p === null
    ? notAvailable(reason)
    : `${formatShare(p.precision)} at k = ${formatNumber(p.k)}`;
}

export const NO_LABELS_IN_TRAINING =
  'no labelled purchases in the training window';

/** The forest's parameters in one line, scikit-learn's names. */
export function formatParams(params: AnomalyModelSummary['params']): string {
  return [
    `n_estimators ${params.nEstimators}`,
    `max_samples ${params.maxSamples}`,
    `max_features ${params.maxFeatures}`,
    `contamination ${params.contamination}`,
    `seed ${params.seed}`,
  ].join(', ');
}

export const formatThreshold = (threshold: number) =>
  `${formatScore(threshold)} (higher scores are flagged)`;
