import { InputError, NotFoundError } from '@backstage/errors';
import {
  appendRows,
  DuckDbEngine,
  BRONZE_LABELS,
  bronzeSchema,
  bronzeSpec,
  detectionQuality,
  ensureAnomaliesTable,
  ensureTable,
  loadGroundTruth,
  toBronzeRow,
  ModelStore,
  toLocalPath,
  type QueryEngine,
} from '@medallion/pipeline';
import {
  ANOMALY_PATTERN_NAMES,
  type ScoredPurchase,
} from '@medallion/plugin-lakehouse-common';
import { mockServices } from '@backstage/backend-test-utils';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempLakehouse,
  type TempLakehouse,
} from '../lakehouse/__testUtils__/tempLakehouse';
import { AnomalyReader } from './AnomalyReader';
import type { AnomalyListQuery } from './anomaliesPort';
import {
  createAnomalyLakehouse,
  DETAILED,
  DETAILED_FEATURES,
  eventId,
  PURCHASES,
  THRESHOLD_V1,
  THRESHOLD_V2,
  WINDOW_START,
  type AnomalyLakehouse,
} from './__testUtils__/anomalyLakehouse';

jest.setTimeout(120_000);

/** Counts the queries that reach DuckDB: proves what the cache saves. */
class CountingEngine implements QueryEngine {
  queries = 0;
  readonly dialect: QueryEngine['dialect'];
  constructor(private readonly inner: QueryEngine) {
    this.dialect = inner.dialect;
  }
  query(...args: Parameters<QueryEngine['query']>) {
    this.queries++;
    return this.inner.query(...args);
  }
  close() {
    return this.inner.close();
  }
}

const since = new Date(WINDOW_START);

let lake: AnomalyLakehouse;
let engine: CountingEngine;
let reader: AnomalyReader;

beforeAll(async () => {
  lake = await createAnomalyLakehouse();
  engine = new CountingEngine(
    new DuckDbEngine({ catalog: lake.catalog, tables: [] }),
  );
  reader = new AnomalyReader({ catalog: lake.catalog, engine });
});
afterAll(async () => {
  await reader?.close();
  await engine?.close();
  await lake?.cleanup();
});

/** Every page of a listing, following nextCursor. */
async function allPages(
  query: Omit<AnomalyListQuery, 'cursor'>,
): Promise<ScoredPurchase[][]> {
  const pages: ScoredPurchase[][] = [];
  let cursor: string | undefined;
  do {
    const page = await reader.list({ ...query, cursor });
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 50);
  return pages;
}

/** Newest first by (event time, event id), as the list promises. */
const newestFirst = <T extends { eventTs: string; eventId: string }>(
  items: T[],
) =>
  [...items].sort((a, b) => {
    if (a.eventTs !== b.eventTs) return a.eventTs < b.eventTs ? 1 : -1;
    return a.eventId < b.eventId ? 1 : -1;
  });

describe('AnomalyReader.list', () => {
  it('pages through every scored purchase newest first, without repeats', async () => {
    const pages = await allPages({ decision: 'all', limit: 5 });
    expect(pages.map(p => p.length)).toEqual([5, 5, 4]);
    const ids = pages.flat().map(p => p.eventId);
    expect(new Set(ids).size).toBe(PURCHASES.length);
    expect(ids).toEqual(newestFirst(PURCHASES).map(p => p.eventId));
    // The two purchases of the same minute come by id, descending.
    expect(ids.indexOf(eventId(10))).toBeLessThan(ids.indexOf(eventId(9)));
  });

  it('maps every column, with the amount exact and the ground truth joined', async () => {
    const { items } = await reader.list({ decision: 'all', limit: 200 });
    const spike = items.find(p => p.eventId === DETAILED);
    expect(spike).toEqual({
      eventId: DETAILED,
      eventTs: '2026-11-27T10:07:00.000Z',
      customerId: 'c-008',
      customerCountry: 'DE',
      orderCountry: 'DE',
      membership: 'member',
      productId: 'p-17',
      productCategory: 'electronics',
      currency: 'EUR',
      amount: '1234.50',
      score: 0.9,
      decision: 'anomaly',
      topFeatures: ['price_ratio_log', 'amount_eur_log'],
      modelVersion: 'v1',
      scoredAt: '2026-11-27T12:00:00.000001Z',
      label: { pattern: 'amount_spike', incidentId: 'inc-008' },
    });
    const labels = Object.fromEntries(
      items.map(p => [p.eventId, p.label?.pattern ?? null]),
    );
    expect(labels).toEqual(
      Object.fromEntries(PURCHASES.map(p => [p.eventId, p.label])),
    );
    expect(items.find(p => p.eventId === eventId(3))?.amount).toBe('3.05');
  });

  it("accepts exactly the label records the pipeline's own reader accepts", async () => {
    // Left out: the purchase labelled again in a later commit. The first label ingested
    // wins here; loadGroundTruth keeps the first it scans, and scans newer files first.
    const relabelled = eventId(9);
    const truth = await loadGroundTruth(lake.catalog);
    const { items } = await reader.list({ decision: 'all', limit: 200 });
    const ours = items
      .filter(p => p.eventId !== relabelled)
      .map(p => [p.eventId, p.label] as const);
    expect(ours).toHaveLength(PURCHASES.length - 1);
    expect(Object.fromEntries(ours)).toEqual(
      Object.fromEntries(ours.map(([id]) => [id, truth.get(id) ?? null])),
    );
  });

  it('filters by decision, score, pattern and time, and pages the filtered list', async () => {
    const ids = async (query: Omit<AnomalyListQuery, 'cursor' | 'limit'>) =>
      (await allPages({ ...query, limit: 2 })).flat().map(p => p.eventId);
    const expected = (keep: (p: (typeof PURCHASES)[number]) => boolean) =>
      newestFirst(PURCHASES.filter(keep)).map(p => p.eventId);

    expect(await ids({ decision: 'anomaly' })).toEqual(
      expected(p => p.score > THRESHOLD_V1),
    );
    expect(await ids({ decision: 'normal' })).toEqual(
      expected(p => p.score <= THRESHOLD_V1),
    );
    expect(await ids({ decision: 'all', minScore: 0.65 })).toEqual(
      expected(p => p.score >= 0.65),
    );
    expect(await ids({ decision: 'all', pattern: 'amount_spike' })).toEqual(
      expected(p => p.label === 'amount_spike'),
    );
    expect(await ids({ decision: 'anomaly', pattern: 'unlabelled' })).toEqual(
      expected(p => p.label === null && p.score > THRESHOLD_V1),
    );
    expect(await ids({ decision: 'all', pattern: 'velocity_burst' })).toEqual(
      [],
    );
    expect(
      await ids({
        decision: 'all',
        since: new Date('2026-11-27T10:08:00Z'),
      }),
    ).toEqual(expected(p => p.eventTs >= '2026-11-27T10:08:00.000Z'));
  });

  it('answers 400 for a cursor it did not make', async () => {
    const { nextCursor } = await reader.list({ decision: 'all', limit: 1 });
    expect(nextCursor).not.toBeNull();
    const forged = Buffer.from(
      JSON.stringify({ t: 1, e: "x' OR 1=1 --" }),
    ).toString('base64url');
    for (const cursor of [
      'not a cursor',
      forged,
      `${nextCursor}x`,
      Buffer.from(
        '{"t":1.5,"e":"00000000-0000-4000-8000-000000000001"}',
      ).toString('base64url'),
    ]) {
      await expect(
        reader.list({ decision: 'all', limit: 5, cursor }),
      ).rejects.toThrow(InputError);
    }
  });
});

describe('AnomalyReader.get', () => {
  it('explains a purchase with the model that scored it, largest contribution first', async () => {
    const detail = await reader.get(DETAILED.toUpperCase());
    expect(detail.purchase.eventId).toBe(DETAILED);
    expect(detail.threshold).toBe(THRESHOLD_V1);
    expect(detail.features).toEqual([
      {
        name: 'price_ratio_log',
        description: 'v1 price ratio',
        value: DETAILED_FEATURES.values.price_ratio_log,
        typical: 0,
        contribution: 0.5,
      },
      {
        name: 'amount_eur_log',
        description: 'v1 amount',
        value: 7.12,
        typical: 3.4,
        contribution: 0.3,
      },
      // Equal contributions: the model's features first, in its order.
      {
        name: 'quantity_log',
        description: 'v1 quantity',
        value: 0,
        typical: 0,
        contribution: 0.1,
      },
      // Unknown to the model: no description, no typical value.
      {
        name: 'hour_sin',
        description: '',
        value: 0.5,
        typical: null,
        contribution: 0.1,
      },
    ]);
  });

  it('falls back to the current model when the scoring one is not stored', async () => {
    const detail = await reader.get(eventId(12));
    expect(detail.purchase.modelVersion).toBe('v9');
    expect(detail.threshold).toBe(THRESHOLD_V2);
    expect(detail.features).toEqual([
      {
        name: 'amount_eur_log',
        description: 'v2 amount',
        value: 3,
        typical: 3.4,
        contribution: 1,
      },
    ]);
  });

  it('answers 404 for a purchase that was not scored, 400 for no UUID', async () => {
    await expect(reader.get(eventId(999))).rejects.toThrow(NotFoundError);
    await expect(reader.get("1' OR '1'='1")).rejects.toThrow(InputError);
  });
});

describe('AnomalyReader.stats', () => {
  it('measures the window against the ground truth, as computed by hand', async () => {
    const stats = await reader.stats({ since, bins: 5 });
    expect(stats).toMatchObject({
      since: WINDOW_START,
      scored: 12,
      flagged: 6,
      flaggedRate: 0.5,
      threshold: THRESHOLD_V2,
      latestEventTs: '2026-11-27T10:10:00.000Z',
    });
    expect(
      stats.histogram.map(b => [b.from, b.to, b.unlabelled, b.labelled]),
    ).toEqual([
      [0, 0.2, 0, 0],
      [0.2, 0.4, 1, 0],
      [0.4, 0.6, 3, 2],
      [0.6, 0.8, 3, 1],
      [0.8, 1, 0, 2],
    ]);
    const quality = Object.fromEntries(
      stats.quality.map(q => [q.pattern ?? 'overall', q]),
    );
    expect(Object.keys(quality)).toEqual([
      'overall',
      'amount_spike',
      'unusual_quantity',
      'velocity_burst',
      'odd_hour',
      'country_mismatch',
      'card_testing',
    ]);
    expect(quality.overall).toEqual({
      pattern: null,
      labelled: 5,
      detected: 3,
      recall: 3 / 5,
      auc: expect.closeTo(23 / 35, 12),
    });
    expect(quality.amount_spike).toEqual({
      pattern: 'amount_spike',
      labelled: 3,
      detected: 2,
      recall: 2 / 3,
      auc: expect.closeTo(17 / 21, 12),
    });
    expect(quality.card_testing).toEqual({
      pattern: 'card_testing',
      labelled: 2,
      detected: 1,
      recall: 1 / 2,
      auc: expect.closeTo(6 / 14, 12),
    });
    // Outside the window only: no labelled purchase of it here.
    expect(quality.odd_hour).toEqual({
      pattern: 'odd_hour',
      labelled: 0,
      detected: 0,
      recall: null,
      auc: null,
    });
    expect(stats.precisionAtK).toEqual({ k: 5, precision: 0.5 });
  });

  it('covers everything without since; bins hold scores on their edges', async () => {
    const ten = await reader.stats({ bins: 10 });
    expect(ten.since).toBeNull();
    expect(ten.scored).toBe(PURCHASES.length);
    const total = ten.histogram.reduce(
      (sum, b) => sum + b.labelled + b.unlabelled,
      0,
    );
    expect(total).toBe(PURCHASES.length);
    expect(ten.histogram.reduce((sum, b) => sum + b.labelled, 0)).toBe(6);
    // 0.8999999999999999 × 10 rounds to 9, but it is below 9/10.
    expect(ten.histogram[8]).toMatchObject({ unlabelled: 0, labelled: 2 });
    expect(ten.histogram[9]).toMatchObject({ unlabelled: 0, labelled: 1 });
    expect(ten.latestEventTs).toBe('2026-11-27T10:10:00.000Z');
    expect(ten.quality[0]).toMatchObject({ labelled: 6, detected: 4 });

    const fifty = await reader.stats({ bins: 50 });
    expect(fifty.histogram).toHaveLength(50);
    expect(fifty.histogram[49].to).toBe(1);
    // 0.58 × 50 is 28.999999999999996, yet 0.58 is 29/50.
    expect(fifty.histogram[29]).toMatchObject({ from: 0.58, unlabelled: 1 });
    expect(fifty.histogram[28]).toMatchObject({ unlabelled: 0, labelled: 0 });
    // Every purchase in the bin whose bounds hold its score.
    expect(fifty.histogram.map(b => b.labelled + b.unlabelled)).toEqual(
      fifty.histogram.map(
        (b, i) =>
          PURCHASES.filter(
            p => p.score >= b.from && (p.score < b.to || i === 49),
          ).length,
      ),
    );
  });

  it('is empty after the newest purchase', async () => {
    const stats = await reader.stats({
      since: new Date('2026-11-28T00:00:00Z'),
      bins: 5,
    });
    expect(stats).toMatchObject({
      scored: 0,
      flagged: 0,
      flaggedRate: null,
      precisionAtK: null,
      latestEventTs: null,
    });
    expect(stats.quality[0]).toEqual({
      pattern: null,
      labelled: 0,
      detected: 0,
      recall: null,
      auc: null,
    });
  });

  it('answers from its cache until a table commits', async () => {
    await reader.stats({ since, bins: 20 });
    const before = engine.queries;
    const again = await reader.stats({ since, bins: 20 });
    await reader.list({ decision: 'all', limit: 3 });
    await reader.list({ decision: 'all', limit: 3 });
    expect(engine.queries - before).toBe(1);

    const table = await ensureAnomaliesTable(lake.catalog);
    const id = '00000000-0000-4000-8000-00000000aaaa';
    await appendRows(table, [
      {
        event_id: id,
        event_ts: '2026-11-27T10:30:00Z',
        customer_id: 'c-new',
        customer_country: 'DE',
        order_country: 'DE',
        membership: 'member',
        product_id: 'p-1',
        product_category: 'books',
        currency: 'EUR',
        amount: '9.99',
        score: 0.95,
        decision: 'anomaly',
        top_features: 'amount_eur_log',
        features: '{}',
        contributions: '{}',
        model_version: 'v2',
        scored_at: '2026-11-27T12:30:00Z',
      },
    ]);
    const after = await reader.stats({ since, bins: 20 });
    expect(after.scored).toBe(again.scored + 1);
    expect(after.latestEventTs).toBe('2026-11-27T10:30:00.000Z');
    expect(
      (await reader.list({ decision: 'all', limit: 1 })).items[0].eventId,
    ).toBe(id);
  });
});

describe('AnomalyReader.model', () => {
  it('lists the models newest first, in UTC', async () => {
    const { current, history } = await reader.model();
    expect(history.map(m => m.version)).toEqual(['v2', 'v1']);
    expect(current).toEqual(history[0]);
    expect(current).toMatchObject({
      version: 'v2',
      trainedAt: '2026-11-27T10:30:00.000Z',
      trainingWindow: {
        from: '2026-11-26T00:00:00.000Z',
        to: '2026-11-27T08:00:00.000Z',
        rows: 5000,
      },
      threshold: THRESHOLD_V2,
      params: { contamination: 'auto', nEstimators: 100 },
    });
    expect(current?.features.map(f => f.name)).toEqual([
      'amount_eur_log',
      'price_ratio_log',
      'quantity_log',
    ]);
    expect(current?.metrics.perPattern.map(q => q.pattern)).toEqual([
      null,
      'amount_spike',
      'odd_hour',
    ]);
    expect(Object.keys(current ?? {}).sort()).toEqual([
      'features',
      'metrics',
      'params',
      'threshold',
      'trainedAt',
      'trainingWindow',
      'version',
    ]);
  });

  it('skips a model file that is not a model, and says so', async () => {
    const store = ModelStore.forWarehouse(
      lake.catalog.io,
      lake.catalog.warehouse,
    );
    const logger = mockServices.logger.mock();
    writeFileSync(
      join(toLocalPath(store.location), 'isolation-forest-v3.json'),
      '{"format": 1}',
    );
    const own = new AnomalyReader({ catalog: lake.catalog, logger });
    try {
      const first = await own.model();
      expect(first.current?.version).toBe('v2');
      expect(first.history.map(m => m.version)).toEqual(['v2', 'v1']);
      await own.model();
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^anomaly model v3 cannot be read from .*: /),
      );
    } finally {
      await own.close();
    }
  });
});

describe('AnomalyReader over an empty lakehouse', () => {
  let empty: TempLakehouse;
  let emptyReader: AnomalyReader;
  beforeAll(async () => {
    empty = await createTempLakehouse();
    emptyReader = new AnomalyReader({ catalog: empty.catalog });
  });
  afterAll(async () => {
    await emptyReader?.close();
    await empty?.cleanup();
  });

  it('answers empty, zero and null rather than failing', async () => {
    expect(await emptyReader.list({ decision: 'anomaly', limit: 50 })).toEqual({
      items: [],
      nextCursor: null,
    });
    const stats = await emptyReader.stats({ bins: 5 });
    expect(stats).toEqual({
      since: null,
      scored: 0,
      flagged: 0,
      flaggedRate: null,
      threshold: null,
      histogram: [0, 1, 2, 3, 4].map(i => ({
        from: i / 5,
        to: (i + 1) / 5,
        unlabelled: 0,
        labelled: 0,
      })),
      quality: [null, ...ANOMALY_PATTERN_NAMES].map(pattern => ({
        pattern,
        labelled: 0,
        detected: 0,
        recall: null,
        auc: null,
      })),
      precisionAtK: null,
      latestEventTs: null,
    });
    expect(await emptyReader.model()).toEqual({ current: null, history: [] });
    await expect(emptyReader.get(eventId(1))).rejects.toThrow(NotFoundError);
  });

  it('reads scored purchases before any label arrived', async () => {
    const table = await ensureAnomaliesTable(empty.catalog);
    expect(
      (await emptyReader.list({ decision: 'all', limit: 5 })).items,
    ).toEqual([]);
    await appendRows(table, [
      {
        event_id: eventId(1),
        event_ts: WINDOW_START,
        customer_id: 'c-1',
        customer_country: 'DE',
        order_country: 'DE',
        membership: 'member',
        product_id: 'p-1',
        product_category: 'books',
        currency: 'EUR',
        amount: '0.05',
        score: 0.7,
        decision: 'anomaly',
        top_features: '',
        features: 'not json',
        contributions: '[]',
        model_version: 'v1',
        scored_at: WINDOW_START,
      },
    ]);
    const { items } = await emptyReader.list({ decision: 'all', limit: 5 });
    expect(items.map(p => [p.amount, p.topFeatures, p.label])).toEqual([
      ['0.05', [], null],
    ]);
    const stats = await emptyReader.stats({ bins: 5 });
    expect(stats.scored).toBe(1);
    expect(stats.quality[0].auc).toBeNull();
    expect(stats.precisionAtK).toBeNull();
  });
});

describe('AnomalyReader.stats at scale', () => {
  let big: TempLakehouse;
  afterAll(() => big?.cleanup());

  it("agrees with the pipeline's detectionQuality on 20k purchases full of ties", async () => {
    big = await createTempLakehouse();
    // A seeded generator: the figures are the same on every run.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const patterns = ['amount_spike', 'odd_hour', 'card_testing'] as const;
    const rows = [];
    const records = [];
    for (let i = 0; i < 20_000; i++) {
      const id = `${(i + 1)
        .toString(16)
        .padStart(8, '0')}-0000-4000-8000-000000000000`;
      const pattern = i % 40 === 0 ? patterns[(i / 40) % 3] : null;
      // Two decimals: many purchases share a score.
      const score =
        Math.round(
          (pattern ? 0.5 + random() * 0.45 : 0.3 + random() * 0.4) * 100,
        ) / 100;
      rows.push({
        event_id: id,
        event_ts: BigInt(Date.parse(WINDOW_START) + i * 1000) * 1000n,
        customer_id: 'c',
        customer_country: 'DE',
        order_country: 'DE',
        membership: 'member',
        product_id: 'p',
        product_category: 'books',
        currency: 'EUR',
        amount: '1.00',
        score,
        decision: score > THRESHOLD_V1 ? 'anomaly' : 'normal',
        top_features: '',
        features: '{}',
        contributions: '{}',
        model_version: 'v1',
        scored_at: WINDOW_START,
      });
      if (pattern)
        records.push(
          toBronzeRow(
            {
              topic: 'purchases.labels',
              partition: 0,
              offset: String(records.length),
              key: null,
              value: Buffer.from(
                JSON.stringify({
                  label_version: 1,
                  event_id: id,
                  is_anomaly: true,
                  pattern,
                  incident_id: `inc-${i}`,
                  event_ts: WINDOW_START,
                }),
              ),
            },
            0n,
          ),
        );
    }
    await appendRows(await ensureAnomaliesTable(big.catalog), rows);
    await appendRows(
      await ensureTable(big.catalog, BRONZE_LABELS, bronzeSchema, bronzeSpec),
      records,
    );

    const bigReader = new AnomalyReader({ catalog: big.catalog });
    try {
      const stats = await bigReader.stats({ bins: 20 });
      const truth = await loadGroundTruth(big.catalog);
      const expected = detectionQuality(
        Float64Array.from(rows, r => r.score),
        THRESHOLD_V1,
        rows.map(r => truth.get(r.event_id)?.pattern ?? null),
      );
      expect(stats.scored).toBe(20_000);
      expect(stats.quality).toHaveLength(expected.perPattern.length);
      stats.quality.forEach((q, i) => {
        const e = expected.perPattern[i];
        expect({ ...q, auc: q.auc?.toFixed(12) }).toEqual({
          ...e,
          auc: e.auc?.toFixed(12),
        });
      });
      expect(stats.quality[0].labelled).toBe(500);
      expect(stats.precisionAtK?.k).toBe(expected.precisionAtK?.k);
      expect(stats.precisionAtK?.precision).toBeCloseTo(
        expected.precisionAtK?.precision ?? NaN,
        12,
      );
      expect(stats.flaggedRate).toBeCloseTo(expected.flaggedRate, 12);
    } finally {
      await bigReader.close();
    }
  });
});
