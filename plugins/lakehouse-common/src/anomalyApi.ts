/**
 * The anomaly part of the REST contract of `/api/lakehouse`: purchases scored by the
 * Isolation Forest (gold.purchase_anomalies), the detection quality measured against
 * the producer's ground truth (bronze.purchase_labels), and the model. Described by
 * the OpenAPI document next to the backend like the rest of api.ts.
 *
 * Scores follow the Isolation Forest paper: in (0, 1], higher is more anomalous
 * (scikit-learn's `-score_samples`). A purchase is flagged when its score exceeds the
 * model's threshold.
 */

/** The anomaly patterns the demo producer injects (ground truth). @public */
export type AnomalyPattern =
  | 'amount_spike'
  | 'unusual_quantity'
  | 'velocity_burst'
  | 'odd_hour'
  | 'country_mismatch'
  | 'card_testing';

/** @public */
export const ANOMALY_PATTERN_NAMES: readonly AnomalyPattern[] = [
  'amount_spike',
  'unusual_quantity',
  'velocity_burst',
  'odd_hour',
  'country_mismatch',
  'card_testing',
];

/** `pattern` filter: a labelled pattern, or `unlabelled` (flagged without ground truth). @public */
export type AnomalyPatternFilter = AnomalyPattern | 'unlabelled';

/** @public */
export type AnomalyDecision = 'anomaly' | 'normal';

/** One feature of a scored purchase. @public */
export interface AnomalyFeature {
  /** e.g. `price_ratio_log` */
  name: string;
  /** What it measures, for people. */
  description: string;
  /** The value the model saw. */
  value: number;
  /** The training window's median of this feature (what is typical); null when unknown. */
  typical: number | null;
  /** Share of the isolation this feature accounts for (all features sum to 1). */
  contribution: number;
}

/** The producer's ground truth for a purchase, when it injected one. @public */
export interface AnomalyLabel {
  pattern: AnomalyPattern;
  incidentId: string;
}

/** A scored purchase. @public */
export interface ScoredPurchase {
  eventId: string;
  eventTs: string;
  customerId: string;
  customerCountry: string;
  orderCountry: string;
  membership: string;
  productId: string;
  productCategory: string;
  currency: string;
  /** Exact decimal string, e.g. `"1234.50"`. */
  amount: string;
  score: number;
  decision: AnomalyDecision;
  /** Names of the features that contributed most, most first. */
  topFeatures: string[];
  modelVersion: string;
  scoredAt: string;
  /** null: the producer did not label it (a normal purchase, or data from elsewhere). */
  label: AnomalyLabel | null;
}

/** Response of `GET /anomalies`: newest first. @public */
export interface AnomaliesPage {
  items: ScoredPurchase[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Response of `GET /anomalies/{eventId}`: the purchase and why it scored as it did. @public */
export interface AnomalyDetail {
  purchase: ScoredPurchase;
  /** Every feature, largest contribution first. */
  features: AnomalyFeature[];
  /** The score above which the model flags (its threshold). */
  threshold: number;
}

/** @public */
export interface ScoreHistogramBin {
  /** Lower bound (inclusive) of the bin's scores. */
  from: number;
  /** Upper bound (exclusive; the last bin includes 1). */
  to: number;
  /** Purchases in the bin without a label. */
  unlabelled: number;
  /** Purchases in the bin the producer labelled anomalous. */
  labelled: number;
}

/** Detection quality for one injected pattern, or overall. @public */
export interface PatternQuality {
  /** null for the overall figures. */
  pattern: AnomalyPattern | null;
  /** Labelled purchases of this pattern that were scored. */
  labelled: number;
  /** ...of which flagged. */
  detected: number;
  /** detected / labelled; null without labelled purchases. */
  recall: number | null;
  /** ROC AUC of the score: this pattern's purchases against unlabelled ones; null when either side is empty. */
  auc: number | null;
}

/** Response of `GET /anomalies/stats`. @public */
export interface AnomalyStats {
  /** The window the figures cover (`since` given, or everything scored). */
  since: string | null;
  scored: number;
  flagged: number;
  /** flagged / scored; null when nothing was scored. */
  flaggedRate: number | null;
  /** The current model's threshold; null before any model. */
  threshold: number | null;
  histogram: ScoreHistogramBin[];
  /** Overall, then one entry per pattern. */
  quality: PatternQuality[];
  /** Precision among the k highest scores, k = the number of labelled purchases; null without labels. */
  precisionAtK: { k: number; precision: number } | null;
  /** Event time of the newest scored purchase; null when nothing was scored. */
  latestEventTs: string | null;
}

/** Quality of a model on its own training window (the labels are not used to fit). @public */
export interface ModelMetrics {
  rows: number;
  labelled: number;
  auc: number | null;
  precisionAtK: { k: number; precision: number } | null;
  perPattern: PatternQuality[];
  /** Share of the training rows above the threshold. */
  flaggedRate: number;
  trainingSeconds: number;
}

/** @public */
export interface ModelFeatureInfo {
  name: string;
  description: string;
  /** Training window median. */
  typical: number;
}

/** @public */
export interface AnomalyModelSummary {
  version: string;
  trainedAt: string;
  /** The silver event-time window it was trained on. */
  trainingWindow: { from: string; to: string; rows: number };
  params: {
    nEstimators: number;
    maxSamples: number;
    maxFeatures: number;
    contamination: number | 'auto';
    seed: number;
  };
  threshold: number;
  features: ModelFeatureInfo[];
  metrics: ModelMetrics;
}

/** Response of `GET /anomalies/model`. @public */
export interface AnomalyModelResponse {
  /** The model scoring now; null before the first training. */
  current: AnomalyModelSummary | null;
  /** Every stored model, newest first (the current one included). */
  history: AnomalyModelSummary[];
}
