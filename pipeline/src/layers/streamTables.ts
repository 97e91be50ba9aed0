/**
 * Identifiers of the stream-fed tables outside the layers' own modules, declared here
 * so maintenance can protect their watermarks without importing the scorer.
 */
export const ANOMALIES_TABLE = {
  namespace: ['gold'],
  name: 'purchase_anomalies',
};

/** The silver snapshot the scorer has absorbed, in the anomalies table's snapshot summary. */
export const SCORING_WATERMARK_KEY = 'medallion.scoring.silver-snapshot-id';
