/**
 * The backend's SQL on both engines over the same tables: the anomaly lakehouse (scored
 * purchases, ground truth with malformed label records, models) and a profitability mart
 * written by the pipeline to Glue + S3 on the AWS emulator, then read by the backend's
 * readers once with DuckDB (over local copies of the S3 files) and once with a real
 * Trino 476, the engine Athena v3 is built on. Every answer must be the same, and the
 * hand-checked figures of the anomaly lakehouse must hold, so agreement cannot come
 * from both being empty.
 */
import {
  appendRows,
  DataFileCache,
  DuckDbEngine,
  ensureTable,
  TrinoQueryEngine,
  type GlueCatalog,
  type IcebergType,
  type QueryEngine,
  type Schema,
} from '@medallion/pipeline';
import type { AnomalyPatternFilter } from '@medallion/plugin-lakehouse-common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The emulator and Trino launchers are test utilities of the pipeline package, which
// publishes no test entry point: imported from its sources on purpose.
/* eslint-disable @backstage/no-relative-monorepo-imports */
import {
  startMotoServer,
  type MotoServer,
} from '../../../pipeline/src/aws/__testUtils__/motoServer';
import { glueLakehouse } from '../../../pipeline/src/aws/__testUtils__/glueLakehouse';
import {
  startTrino,
  type TrinoServer,
} from '../../../pipeline/src/query/__testUtils__/trinoServer';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import { AnomalyReader } from './anomalies';
import type { AnomalyListQuery } from './anomalies/anomaliesPort';
import {
  PURCHASES,
  WINDOW_START,
  writeAnomalies,
  writeLabels,
  writeModels,
} from './anomalies/__testUtils__/anomalyLakehouse';
import { ProfitabilityReader } from './dbt/profitability';
import { LakehouseReader } from './lakehouse';

jest.setTimeout(300_000);

const BUCKET = 'medallion-parity';
const cacheDir = mkdtempSync(join(tmpdir(), 'medallion-parity-cache-'));

const martSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: (
    [
      ['product_id', 'string'],
      ['product_category', 'string'],
      ['membership', 'string'],
      ['currency', 'string'],
      ['orders', 'long'],
      ['units', 'long'],
      ['revenue', 'decimal(18, 2)'],
      ['cost', 'decimal(18, 2)'],
      ['margin', 'decimal(18, 2)'],
    ] as const
  ).map(([name, type], i) => ({
    id: i + 1,
    name,
    required: false,
    type: type as IcebergType,
  })),
};
const MART = [
  ['p-1', 'books', 'member', 'EUR', 3n, 5n, '120.50', '80.25', '40.25'],
  ['p-1', 'books', 'non_member', 'EUR', 1n, 1n, '0.00', '3.10', '-3.10'],
  [
    'p-2',
    null,
    'member',
    'CHF',
    12n,
    2n,
    '9999999999999999.99',
    '0.01',
    '9999999999999999.98',
  ],
  ['p-3', 'games', 'non_member', 'EUR', 2n, 7n, '59.90', '70.00', '-10.10'],
].map(([product_id, product_category, membership, currency, ...rest]) => ({
  product_id,
  product_category,
  membership,
  currency,
  orders: rest[0],
  units: rest[1],
  revenue: rest[2],
  cost: rest[3],
  margin: rest[4],
}));

interface Readers {
  engine: QueryEngine;
  anomalies: AnomalyReader;
  tables: LakehouseReader;
  profitability: ProfitabilityReader;
}

let moto: MotoServer;
let trino: TrinoServer;
let catalog: GlueCatalog;
let files: DataFileCache;
let duck: Readers;
let onTrino: Readers;

async function writeLakehouse(): Promise<void> {
  catalog = await glueLakehouse(moto, BUCKET, ['bronze', 'gold']);
  await writeAnomalies(catalog);
  await writeLabels(catalog);
  await writeModels(catalog);
  const mart = await ensureTable(
    catalog,
    { namespace: ['gold'], name: 'product_profitability' },
    martSchema,
    { 'spec-id': 0, fields: [] },
  );
  await appendRows(mart, MART);
}

function readers(engine: QueryEngine): Readers {
  return {
    engine,
    anomalies: new AnomalyReader({ catalog, engine, files }),
    tables: new LakehouseReader({ catalog, engine, files }),
    profitability: new ProfitabilityReader({ catalog, engine, files }),
  };
}

beforeAll(async () => {
  moto = await startMotoServer();
  const [written, booted] = await Promise.allSettled([
    writeLakehouse(),
    startTrino({ aws: moto.aws }),
  ]);
  if (booted.status === 'fulfilled') trino = booted.value;
  if (written.status === 'rejected') throw written.reason;
  if (booted.status === 'rejected') throw booted.reason;
  files = new DataFileCache({ io: catalog.io, dir: cacheDir });
  duck = readers(new DuckDbEngine({ catalog, tables: [], files }));
  onTrino = readers(
    new TrinoQueryEngine({
      server: trino.url,
      catalog: trino.catalog,
      user: 'medallion-test',
    }),
  );
});

afterAll(async () => {
  for (const r of [duck, onTrino]) await r?.engine.close();
  await trino?.stop();
  await catalog?.close();
  await moto?.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** Every page of a listing, walked by cursor. */
async function allPages(
  reader: AnomalyReader,
  query: Omit<AnomalyListQuery, 'cursor'>,
) {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await reader.list({ ...query, cursor });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('the same answers from DuckDB and from Trino (Athena engine v3)', () => {
  it('lists scored purchases alike under every filter, page by page', async () => {
    const since = new Date(WINDOW_START);
    const patterns: Array<AnomalyPatternFilter | undefined> = [
      undefined,
      'unlabelled',
      'amount_spike',
      'card_testing',
      'odd_hour',
      'velocity_burst',
    ];
    const queries: Array<Omit<AnomalyListQuery, 'cursor'>> = [
      { decision: 'all', limit: 3 },
      { decision: 'all', limit: 100 },
      { decision: 'anomaly', limit: 4, since },
      { decision: 'normal', limit: 2, minScore: 0.5 },
      ...patterns.map(pattern => ({
        decision: 'all' as const,
        limit: 5,
        ...(pattern ? { pattern } : {}),
      })),
    ];
    for (const query of queries) {
      const [expected, actual] = await Promise.all([
        allPages(duck.anomalies, query),
        allPages(onTrino.anomalies, query),
      ]);
      expect({ query, pages: actual }).toEqual({ query, pages: expected });
    }
    // Not two empty answers: every purchase, newest first, with its ground truth.
    const [everything] = await allPages(onTrino.anomalies, {
      decision: 'all',
      limit: 100,
    });
    const newestFirst = [...PURCHASES]
      .sort((a, b) =>
        a.eventTs === b.eventTs
          ? b.eventId.localeCompare(a.eventId)
          : b.eventTs.localeCompare(a.eventTs),
      )
      .map(p => p.eventId);
    expect(everything!.items.map(i => i.eventId)).toEqual(newestFirst);
    expect(
      everything!.items
        .filter(i => i.label !== null)
        .map(i => i.label!.pattern),
    ).toEqual(
      expect.arrayContaining(['amount_spike', 'card_testing', 'odd_hour']),
    );
  });

  it('gives the same detail for every purchase', async () => {
    for (const p of PURCHASES) {
      const [expected, actual] = await Promise.all([
        duck.anomalies.get(p.eventId),
        onTrino.anomalies.get(p.eventId),
      ]);
      expect(actual).toEqual(expected);
    }
  });

  it('computes the same statistics, with the hand-checked figures', async () => {
    for (const query of [
      { bins: 10 },
      { bins: 7 },
      { bins: 20, since: new Date(WINDOW_START) },
    ]) {
      const [expected, actual] = await Promise.all([
        duck.anomalies.stats(query),
        onTrino.anomalies.stats(query),
      ]);
      expect(actual).toEqual(expected);
    }
    const stats = await onTrino.anomalies.stats({
      bins: 10,
      since: new Date(WINDOW_START),
    });
    const auc = (pattern: string | null) =>
      stats.quality.find(q => q.pattern === pattern)?.auc;
    expect(stats.scored).toBe(12);
    expect(stats.flagged).toBe(6);
    expect(auc('amount_spike')).toBeCloseTo(17 / 21, 12);
    expect(auc('card_testing')).toBeCloseTo(6 / 14, 12);
    expect(auc(null)).toBeCloseTo(23 / 35, 12);
    expect(stats.precisionAtK).toEqual({ k: 5, precision: 0.5 });
  });

  it('previews every table with the same text for every value', async () => {
    for (const [ns, table] of [
      ['bronze', 'purchase_labels'],
      ['gold', 'purchase_anomalies'],
      ['gold', 'product_profitability'],
    ] as const) {
      const [expected, actual] = await Promise.all([
        duck.tables.preview(ns, table, { limit: 500 }),
        onTrino.tables.preview(ns, table, { limit: 500 }),
      ]);
      // No ORDER BY in a preview: the engines may list rows in different orders.
      const sorted = (rows: Array<Record<string, unknown>>) =>
        rows.map(r => JSON.stringify(r)).sort();
      expect(actual.columns).toEqual(expected.columns);
      expect(actual.snapshotId).toEqual(expected.snapshotId);
      expect(sorted(actual.rows)).toEqual(sorted(expected.rows));
      expect(actual.rows.length).toBeGreaterThan(3);
    }
    // Bytes that are not UTF-8 read as base64 on both.
    const labels = await onTrino.tables.preview('bronze', 'purchase_labels', {
      limit: 500,
    });
    expect(labels.rows.map(r => r.value)).toContain('base64://4Aew==');
  });

  it('reads profitability alike, money exact', async () => {
    const [expected, actual] = await Promise.all([
      duck.profitability.read(),
      onTrino.profitability.read(),
    ]);
    expect(actual).toEqual(expected);
    expect(actual.rows).toHaveLength(MART.length);
    expect(actual.rows.find(r => r.productId === 'p-2')).toMatchObject({
      revenue: '9999999999999999.99',
      margin: '9999999999999999.98',
      category: null,
    });
    expect(
      actual.rows.find(
        r => r.membership === 'non_member' && r.productId === 'p-1',
      )?.marginRate,
    ).toBeNull();
  });
});
