/**
 * A real lakehouse with scored purchases, ground truth and two models, written with the
 * pipeline into a temp directory, small enough that every figure is checked by hand.
 *
 * In the window from WINDOW_START: 12 purchases, 7 unlabelled scored 0.30, 0.40, 0.50,
 * 0.50, 0.65, 0.68, 0.70; amount_spike at 0.90, 0.50, 0.80; card_testing at 0.40,
 * 0.65. Flagged (score > 0.62): six. Before it: 0.58 unlabelled and 0.8999999999999999
 * labelled odd_hour (scores that fall one bin off under floor(score × bins)).
 *
 * AUC (negatives below + half the equal ones, over positives × negatives):
 *   amount_spike: 7 + (2 + 2/2) + 7 = 17 of 3 × 7 → 17/21
 *   card_testing: (1 + 1/2) + (4 + 1/2) = 6 of 2 × 7 → 6/14
 *   overall: 23 of 5 × 7 → 23/35
 * precision@5: 0.90 L, 0.80 L, 0.70, 0.68, then 0.65 L and 0.65 tie for the 5th
 * place → (2 + 1 × 1/2) / 5 = 0.5.
 */
import {
  ANOMALIES_TABLE,
  appendRows,
  BRONZE_LABELS,
  bronzeSchema,
  bronzeSpec,
  ensureAnomaliesTable,
  ensureTable,
  ModelStore,
  MODEL_FORMAT,
  toBronzeRow,
  type AnomalyModel,
  type Catalog,
} from '@medallion/pipeline';
import type { AnomalyPattern } from '@medallion/plugin-lakehouse-common';
import {
  createTempLakehouse,
  type TempLakehouse,
} from '../../lakehouse/__testUtils__/tempLakehouse';

export { ANOMALIES_TABLE, BRONZE_LABELS };

export const WINDOW_START = '2026-11-27T10:00:00.000Z';
export const THRESHOLD_V1 = 0.62;
export const THRESHOLD_V2 = 0.6;

export interface Purchase {
  eventId: string;
  eventTs: string;
  score: number;
  label: AnomalyPattern | null;
  amount: string;
  modelVersion: string;
}

const NO_VERSION_ID = '00000000-0000-0000-0000-000000000101';
const id = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const minutesAfter = (minutes: number) =>
  new Date(Date.parse(WINDOW_START) + minutes * 60_000).toISOString();

/** In event-time order; two purchases share a time to exercise the id tie-break. */
export const PURCHASES: Purchase[] = [
  { n: 101, at: -60, score: 0.58, label: null },
  { n: 102, at: -59, score: 0.8999999999999999, label: 'odd_hour' as const },
  { n: 1, at: 0, score: 0.3, label: null },
  { n: 2, at: 1, score: 0.4, label: null },
  { n: 3, at: 2, score: 0.5, label: null },
  { n: 4, at: 3, score: 0.5, label: null },
  { n: 5, at: 4, score: 0.65, label: null },
  { n: 6, at: 5, score: 0.68, label: null },
  { n: 7, at: 6, score: 0.7, label: null },
  { n: 8, at: 7, score: 0.9, label: 'amount_spike' as const },
  { n: 9, at: 8, score: 0.5, label: 'amount_spike' as const },
  { n: 10, at: 8, score: 0.8, label: 'amount_spike' as const },
  { n: 11, at: 9, score: 0.4, label: 'card_testing' as const },
  { n: 12, at: 10, score: 0.65, label: 'card_testing' as const },
].map(p => ({
  // Of no RFC 9562 version: ground truth naming it is malformed (z.uuid() refuses it).
  eventId: p.n === 101 ? NO_VERSION_ID : id(p.n),
  eventTs: minutesAfter(p.at),
  score: p.score,
  label: p.label,
  amount: p.n === 8 ? '1234.50' : `${p.n}.05`,
  // One purchase names a model that is not stored: its detail falls back to the current.
  modelVersion: p.n === 12 ? 'v9' : 'v1',
}));

export const eventId = id;

/** The purchase with full features (the amount spike at 0.90). */
export const DETAILED = id(8);
export const DETAILED_FEATURES = {
  values: {
    amount_eur_log: 7.12,
    price_ratio_log: 3.2,
    quantity_log: 0,
    hour_sin: 0.5,
  },
  contributions: {
    price_ratio_log: 0.5,
    amount_eur_log: 0.3,
    quantity_log: 0.1,
    hour_sin: 0.1,
  },
};

function anomalyRow(p: Purchase) {
  const flagged = p.score > THRESHOLD_V1;
  const detailed = p.eventId === DETAILED;
  return {
    event_id: p.eventId,
    event_ts: p.eventTs,
    customer_id: `c-${p.eventId.slice(-3)}`,
    customer_country: 'DE',
    order_country: p.label === 'country_mismatch' ? 'BR' : 'DE',
    membership: 'member',
    product_id: 'p-17',
    product_category: 'electronics',
    currency: 'EUR',
    amount: p.amount,
    score: p.score,
    decision: flagged ? 'anomaly' : 'normal',
    top_features: detailed
      ? 'price_ratio_log,amount_eur_log'
      : 'amount_eur_log',
    features: JSON.stringify(
      detailed ? DETAILED_FEATURES.values : { amount_eur_log: 3 },
    ),
    contributions: JSON.stringify(
      detailed ? DETAILED_FEATURES.contributions : { amount_eur_log: 1 },
    ),
    model_version: p.modelVersion,
    scored_at: '2026-11-27T12:00:00.000001Z',
  };
}

const label = (eventIdText: string, pattern: string, extra: object = {}) =>
  JSON.stringify({
    label_version: 1,
    event_id: eventIdText,
    is_anomaly: true,
    pattern,
    incident_id: `inc-${eventIdText.slice(-3)}`,
    event_ts: WINDOW_START,
    ...extra,
  });

/**
 * Label records as Kafka delivered them, in two commits. Every malformed record names
 * an unlabelled purchase, so a record wrongly accepted changes the figures.
 */
function labelRecords(): Array<Array<Buffer | null>> {
  const truth = PURCHASES.filter(p => p.label !== null);
  const first: Array<Buffer | null> = [
    // A bad record before the good one of the same purchase does not hide it.
    Buffer.from(label(id(12), 'teleportation')),
    ...truth.map(p =>
      Buffer.from(
        // Upper-case ids match too.
        label(
          p.eventId === id(11) ? p.eventId.toUpperCase() : p.eventId,
          p.label!,
        ),
      ),
    ),
    // Duplicates: the first label wins.
    Buffer.from(label(id(8), 'odd_hour')),
    Buffer.from('not json'),
    null,
    Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    Buffer.from(JSON.stringify([label(id(1), 'odd_hour')])),
    Buffer.from(label('not-a-uuid', 'odd_hour')),
    Buffer.from(label(id(2), 'odd_hour', { is_anomaly: false })),
    Buffer.from(label(id(3), 'odd_hour', { incident_id: '' })),
    Buffer.from(label(id(4), 'odd_hour', { label_version: 2 })),
    Buffer.from(label(id(5), 'odd_hour', { label_version: '1' })),
    Buffer.from(label(id(6), 'odd_hour', { pattern: 7 })),
    Buffer.from(label(`{${id(7)}}`, 'odd_hour')),
    Buffer.from(label(id(7), 'odd_hour', { note: 'an extra key' })),
    Buffer.from(label(id(7), 'odd_hour', { event_ts: '2026-11-27T10:00:00' })),
    Buffer.from(label(id(7), 'odd_hour', { event_ts: '2026-02-30T10:00:00Z' })),
    Buffer.from(label(NO_VERSION_ID, 'odd_hour')),
    // Wrong JSON kinds that a lenient cast would accept (each engine reads JSON its own way).
    Buffer.from(label(id(1), 'odd_hour', { label_version: true })),
    Buffer.from(label(id(2), 'odd_hour', { is_anomaly: 'true' })),
    Buffer.from(label(id(3), 'odd_hour', { event_ts: 20261127 })),
    Buffer.from(label(id(4), 'odd_hour', { event_ts: '2026-11-27T25:00:00Z' })),
    Buffer.from(label(id(6), 'odd_hour', { incident_id: null })),
    // Ground truth of a purchase that was never scored.
    Buffer.from(label(id(999), 'velocity_burst')),
  ];
  const later = [Buffer.from(label(id(9), 'velocity_burst'))];
  return [first, later];
}

export function testModel(
  threshold: number,
  trainedAt: string,
  description: (name: string) => string,
): Omit<AnomalyModel, 'version'> {
  return {
    format: MODEL_FORMAT,
    trainedAt,
    features: [
      {
        name: 'amount_eur_log',
        description: description('amount'),
        typical: 3.4,
      },
      {
        name: 'price_ratio_log',
        description: description('price ratio'),
        typical: 0,
      },
      {
        name: 'quantity_log',
        description: description('quantity'),
        typical: 0,
      },
    ],
    trainingWindow: {
      from: '2026-11-26T00:00:00Z',
      to: '2026-11-27T09:00:00+01:00',
      rows: 5000,
    },
    params: {
      nEstimators: 100,
      maxSamples: 256,
      maxFeatures: 1,
      contamination: 'auto',
      seed: 42,
    },
    threshold,
    reference: {
      productMedianPriceEur: { 'p-17': 24.5 },
      categoryMedianPriceEur: { electronics: 80 },
      smallAmountEur: 2,
      hourShare: Array.from({ length: 24 }, () => 1 / 24),
    },
    metrics: {
      rows: 5000,
      labelled: 60,
      auc: 0.91,
      precisionAtK: { k: 60, precision: 0.55 },
      perPattern: [
        {
          pattern: null,
          labelled: 60,
          detected: 40,
          recall: 40 / 60,
          auc: 0.91,
        },
        {
          pattern: 'amount_spike',
          labelled: 10,
          detected: 10,
          recall: 1,
          auc: 0.99,
        },
        {
          pattern: 'odd_hour',
          labelled: 0,
          detected: 0,
          recall: null,
          auc: null,
        },
      ],
      flaggedRate: 0.04,
      trainingSeconds: 1.5,
    },
    forest: { trees: [] },
  };
}

export async function writeAnomalies(catalog: Catalog): Promise<void> {
  let table = await ensureAnomaliesTable(catalog);
  // Two commits: the older purchases first, as the scorer would have.
  table = (await appendRows(table, PURCHASES.slice(0, 2).map(anomalyRow)))
    .table;
  await appendRows(table, PURCHASES.slice(2).map(anomalyRow));
}

export async function writeLabels(catalog: Catalog): Promise<void> {
  let table = await ensureTable(
    catalog,
    BRONZE_LABELS,
    bronzeSchema,
    bronzeSpec,
  );
  const commits = labelRecords();
  for (const [c, values] of commits.entries()) {
    const ingest = BigInt(Date.parse(WINDOW_START) + c * 3_600_000) * 1000n;
    const rows = values.map((value, i) =>
      toBronzeRow(
        {
          topic: 'purchases.labels',
          partition: 0,
          offset: String(c * 1000 + i),
          key: value === null ? null : Buffer.from(`k-${i}`),
          value,
        },
        ingest,
      ),
    );
    table = (await appendRows(table, rows)).table;
  }
}

export async function writeModels(catalog: Catalog): Promise<AnomalyModel[]> {
  const store = ModelStore.forWarehouse(catalog.io, catalog.warehouse);
  const v1 = await store.save(
    testModel(THRESHOLD_V1, '2026-11-27T09:30:00Z', d => `v1 ${d}`),
  );
  const v2 = await store.save(
    testModel(THRESHOLD_V2, '2026-11-27T11:30:00+01:00', d => `v2 ${d}`),
  );
  return [v1, v2];
}

export interface AnomalyLakehouse extends TempLakehouse {
  models: AnomalyModel[];
}

/** Everything above in a new temp lakehouse. */
export async function createAnomalyLakehouse(): Promise<AnomalyLakehouse> {
  const lake = await createTempLakehouse();
  try {
    await writeAnomalies(lake.catalog);
    await writeLabels(lake.catalog);
    return { ...lake, models: await writeModels(lake.catalog) };
  } catch (error) {
    await lake.cleanup();
    throw error;
  }
}
