/**
 * The anomaly endpoints' answers as the backend gives them for a day of demo traffic:
 * an Isolation Forest (v3) over eight purchase features, threshold 0.6, with the
 * producer injecting about 4% anomalies.
 */
import type {
  AnomalyDetail,
  AnomalyFeature,
  AnomalyModelResponse,
  AnomalyModelSummary,
  AnomalyStats,
  ModelFeatureInfo,
  PatternQuality,
  ScoredPurchase,
  ScoreHistogramBin,
} from '@medallion/plugin-lakehouse-common';

export const FEATURES: ModelFeatureInfo[] = [
  {
    name: 'amount_eur_log',
    description: 'Order amount in EUR, log scale',
    typical: 3.62,
  },
  {
    name: 'price_ratio_log',
    description: "Unit price against the product's training median, log ratio",
    typical: 0,
  },
  {
    name: 'quantity_log',
    description: 'Items in the order, log scale',
    typical: 0.69,
  },
  {
    name: 'local_hour',
    description: "Hour of day in the customer's time zone",
    typical: 14,
  },
  {
    name: 'country_mismatch',
    description: "1 when the order country differs from the customer's",
    typical: 0,
  },
  {
    name: 'orders_last_10m',
    description: 'Orders by the same customer in the previous 10 minutes',
    typical: 0,
  },
  {
    name: 'small_orders_last_10m',
    description: 'Small orders by the same customer in the previous 10 minutes',
    typical: 0,
  },
  { name: 'is_member', description: '1 for members', typical: 0 },
];

const quality = (
  pattern: PatternQuality['pattern'],
  labelled: number,
  detected: number,
  auc: number | null,
): PatternQuality => ({
  pattern,
  labelled,
  detected,
  recall: labelled === 0 ? null : Math.round((detected / labelled) * 1e4) / 1e4,
  auc,
});

/** Overall first, then one per pattern; no country_mismatch incident in the window. */
export const QUALITY: PatternQuality[] = [
  quality(null, 467, 419, 0.962),
  quality('amount_spike', 112, 109, 0.991),
  quality('unusual_quantity', 74, 66, 0.958),
  quality('velocity_burst', 131, 118, 0.966),
  quality('odd_hour', 58, 41, 0.903),
  quality('country_mismatch', 0, 0, null),
  quality('card_testing', 92, 85, 0.972),
];

const model = (
  version: string,
  trainedAt: string,
  rows: number,
  auc: number | null,
  threshold: number,
): AnomalyModelSummary => ({
  version,
  trainedAt,
  trainingWindow: {
    from: new Date(Date.parse(trainedAt) - 86_400_000).toISOString(),
    to: trainedAt,
    rows,
  },
  params: {
    nEstimators: 100,
    maxSamples: 256,
    maxFeatures: 1,
    contamination: 'auto',
    seed: 42,
  },
  threshold,
  features: FEATURES,
  metrics: {
    rows,
    labelled: auc === null ? 0 : Math.round(rows * 0.04),
    auc,
    precisionAtK:
      auc === null
        ? null
        : { k: Math.round(rows * 0.04), precision: auc - 0.13 },
    perPattern: auc === null ? [] : QUALITY,
    flaggedRate: 0.0412,
    trainingSeconds: 3.84,
  },
});

export const modelV3 = model(
  'v3',
  '2026-01-31T09:00:12.481Z',
  48_213,
  0.941,
  0.6,
);

export const modelResponse: AnomalyModelResponse = {
  current: modelV3,
  history: [
    modelV3,
    model('v2', '2026-01-30T09:00:09.102Z', 45_870, 0.918, 0.612),
    // trained before the producer labelled anything: no AUC
    model('v1', '2026-01-29T09:00:07.655Z', 1_204, null, 0.598),
  ],
};

export const noModel: AnomalyModelResponse = { current: null, history: [] };

/** 20 bins of 0.05: unlabelled, labelled. */
const COUNTS: Array<[number, number]> = [
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
  [12, 0],
  [842, 1],
  [4210, 6],
  [3988, 14],
  [1705, 27],
  [402, 58],
  [131, 96],
  [38, 121],
  [9, 88],
  [2, 41],
  [0, 12],
  [0, 3],
  [0, 0],
];

export const HISTOGRAM: ScoreHistogramBin[] = COUNTS.map(
  ([unlabelled, labelled], i) => ({
    from: Math.round(i * 5) / 100,
    to: Math.round((i + 1) * 5) / 100,
    unlabelled,
    labelled,
  }),
);

const sum = (bins: ScoreHistogramBin[]) =>
  bins.reduce((n, b) => n + b.unlabelled + b.labelled, 0);

/** Everything scored: 11,806 purchases, 1,001 of them (scores ≥ 0.6) flagged. */
export const stats: AnomalyStats = {
  since: null,
  scored: sum(HISTOGRAM),
  flagged: sum(HISTOGRAM.slice(12)),
  flaggedRate: sum(HISTOGRAM.slice(12)) / sum(HISTOGRAM),
  threshold: 0.6,
  histogram: HISTOGRAM,
  quality: QUALITY,
  precisionAtK: { k: 467, precision: 0.8651 },
  latestEventTs: '2026-01-31T10:41:52.318Z',
};

/** The last hour before the producer labelled anything: no ground truth to measure. */
export const statsWithoutLabels: AnomalyStats = {
  since: '2026-01-31T09:45:00.000Z',
  scored: 120,
  flagged: 3,
  flaggedRate: 0.025,
  threshold: 0.6,
  histogram: HISTOGRAM.map(b => ({
    ...b,
    unlabelled: Math.round((b.unlabelled + b.labelled) / 100),
    labelled: 0,
  })),
  quality: QUALITY.map(q => ({
    ...q,
    labelled: 0,
    detected: 0,
    recall: null,
    auc: null,
  })),
  precisionAtK: null,
  latestEventTs: '2026-01-31T10:44:59.870Z',
};

export const noStats: AnomalyStats = {
  since: null,
  scored: 0,
  flagged: 0,
  flaggedRate: null,
  threshold: null,
  histogram: [],
  quality: [quality(null, 0, 0, null)],
  precisionAtK: null,
  latestEventTs: null,
};

const purchase = (
  p: Partial<ScoredPurchase> &
    Pick<ScoredPurchase, 'eventId' | 'eventTs' | 'score'>,
): ScoredPurchase => ({
  customerId: 'C00412',
  customerCountry: 'DE',
  orderCountry: 'DE',
  membership: 'member',
  productId: 'P00146',
  productCategory: 'electronics',
  currency: 'EUR',
  amount: '49.90',
  decision: p.score > 0.6 ? 'anomaly' : 'normal',
  topFeatures: ['amount_eur_log', 'price_ratio_log'],
  modelVersion: 'v3',
  scoredAt: new Date(Date.parse(p.eventTs) + 2_140).toISOString(),
  label: null,
  ...p,
});

export const AMOUNT_SPIKE_ID = '3f6c2a1e-8b4d-4f2a-9c1e-5d7b8a9e0f12';
export const NORMAL_ID = 'c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

/** Newest first, as the backend orders them. */
export const purchases: ScoredPurchase[] = [
  purchase({
    eventId: AMOUNT_SPIKE_ID,
    eventTs: '2026-01-31T10:41:52.318Z',
    score: 0.781,
    amount: '2825.74',
    topFeatures: ['price_ratio_log', 'amount_eur_log', 'quantity_log'],
    label: { pattern: 'amount_spike', incidentId: 'inc-42-311' },
  }),
  purchase({
    eventId: NORMAL_ID,
    eventTs: '2026-01-31T10:41:50.004Z',
    score: 0.431,
    customerId: 'C02291',
    membership: 'non_member',
    productId: 'P00310',
    productCategory: 'fashion',
    amount: '64.50',
  }),
  purchase({
    eventId: '0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d',
    eventTs: '2026-01-31T10:39:03.775Z',
    score: 0.702,
    customerId: 'C07718',
    customerCountry: 'US',
    orderCountry: 'US',
    membership: 'non_member',
    productId: 'P00077',
    productCategory: 'home',
    currency: 'USD',
    amount: '1.99',
    topFeatures: ['small_orders_last_10m', 'orders_last_10m'],
    label: { pattern: 'card_testing', incidentId: 'inc-42-309' },
  }),
  purchase({
    eventId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    eventTs: '2026-01-31T10:12:44.120Z',
    score: 0.655,
    customerId: 'C00981',
    orderCountry: 'BR',
    amount: '189.00',
    topFeatures: ['country_mismatch', 'amount_eur_log'],
    label: { pattern: 'country_mismatch', incidentId: 'inc-42-298' },
  }),
  purchase({
    eventId: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    eventTs: '2026-01-31T03:27:18.431Z',
    score: 0.634,
    customerId: 'C03350',
    customerCountry: 'JP',
    orderCountry: 'JP',
    currency: 'JPY',
    amount: '12800',
    topFeatures: ['local_hour', 'quantity_log'],
  }),
  purchase({
    eventId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
    eventTs: '2026-01-30T18:05:31.902Z',
    score: 0.612,
    customerId: 'C01147',
    amount: '35.00',
    topFeatures: ['orders_last_10m'],
    label: { pattern: 'velocity_burst', incidentId: 'inc-42-250' },
  }),
];

const feature = (
  name: string,
  value: number,
  contribution: number,
): AnomalyFeature => {
  const info = FEATURES.find(f => f.name === name)!;
  return {
    name,
    description: info.description,
    value,
    typical: info.typical,
    contribution,
  };
};

/** The amount spike: a 25× price for its product; largest contribution first. */
export const amountSpikeDetail: AnomalyDetail = {
  purchase: purchases[0]!,
  threshold: 0.6,
  features: [
    feature('price_ratio_log', 3.21, 0.46),
    feature('amount_eur_log', 7.94, 0.27),
    feature('quantity_log', 0.69, 0.08),
    feature('local_hour', 11, 0.06),
    feature('orders_last_10m', 0, 0.05),
    feature('is_member', 1, 0.04),
    feature('country_mismatch', 0, 0.02),
    feature('small_orders_last_10m', 0, 0.02),
  ],
};

export const normalDetail: AnomalyDetail = {
  purchase: purchases[1]!,
  threshold: 0.6,
  features: [
    feature('amount_eur_log', 4.17, 0.21),
    feature('local_hour', 22, 0.19),
    feature('price_ratio_log', 0.05, 0.17),
    feature('quantity_log', 0.69, 0.12),
    feature('orders_last_10m', 1, 0.11),
    feature('is_member', 0, 0.08),
    feature('country_mismatch', 0, 0.07),
    feature('small_orders_last_10m', 0, 0.05),
  ],
};

/** `n` flagged purchases a minute apart, newest first: more than one page. */
export function flaggedPurchases(n: number): ScoredPurchase[] {
  const newest = Date.parse('2026-01-31T10:40:00.000Z');
  return Array.from({ length: n }, (_, i) =>
    purchase({
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      eventTs: new Date(newest - i * 60_000).toISOString(),
      score: 0.65,
      customerId: `C${String(1000 + i).padStart(5, '0')}`,
    }),
  );
}
