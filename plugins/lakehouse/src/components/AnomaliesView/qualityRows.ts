/** The quality table's rows as text: overall first, then the patterns in a fixed order. */
import type {
  AnomalyStats,
  PatternQuality,
} from '@medallion/plugin-lakehouse-common';
import { ANOMALY_PATTERN_NAMES } from '@medallion/plugin-lakehouse-common';
import { formatNumber } from '../shared';
import { formatShare, notAvailable } from './anomalyFormat';
import { formatPrecisionAtK } from './modelFacts';

export const OVERALL_LABEL = 'all patterns (overall)';

export interface QualityRow {
  key: string;
  pattern: string;
  labelled: string;
  detected: string;
  recall: string;
  auc: string;
}

const order = (q: PatternQuality) =>
  q.pattern === null ? -1 : ANOMALY_PATTERN_NAMES.indexOf(q.pattern);

export function qualityRows(quality: PatternQuality[]): QualityRow[] {
  return [...quality]
    .sort((a, b) => order(a) - order(b))
    .map(q => ({
      key: q.pattern ?? 'overall',
      pattern: q.pattern ?? OVERALL_LABEL,
      labelled: formatNumber(q.labelled),
      detected: formatNumber(q.detected),
      recall:
        q.recall === null
          ? notAvailable('no labelled purchases')
          : formatShare(q.recall),
      auc:
        q.auc === null
          ? notAvailable(
              q.labelled === 0
                ? 'no labelled purchases'
                : 'no unlabelled purchases to compare with',
            )
          : q.auc.toFixed(3),
    }));
}

export const precisionAtKText = (stats: AnomalyStats) =>
  formatPrecisionAtK(
    stats.precisionAtK,
    'no labelled purchases in this window',
  );
