/**
 * The anomaly routes over a real lakehouse (scored purchases, ground truth and two
 * models written with the pipeline) and over an empty one, mounted with the router's
 * error handler; every response is checked against the OpenAPI document.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type {
  AnomaliesPage,
  AnomalyDetail,
  AnomalyModelResponse,
  AnomalyStats,
  ErrorResponse,
} from '@medallion/plugin-lakehouse-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import {
  coveredResponses,
  documentedOperations,
  expectResponseToMatchSpec,
} from '../__testUtils__/openApiValidator';
import { AnomalyReader } from '../anomalies';
import {
  createAnomalyLakehouse,
  DETAILED,
  eventId,
  PURCHASES,
  THRESHOLD_V1,
  THRESHOLD_V2,
  WINDOW_START,
  type AnomalyLakehouse,
} from '../anomalies/__testUtils__/anomalyLakehouse';
import {
  createTempLakehouse,
  type TempLakehouse,
} from '../lakehouse/__testUtils__/tempLakehouse';
import { anomalyRoutes } from './anomalyRoutes';
import type { AnomaliesPort } from '../anomalies';
import { errorHandler } from './errorHandler';

jest.setTimeout(120_000);

function app(port: AnomaliesPort) {
  const router = Router();
  router.use(anomalyRoutes(port));
  router.use(errorHandler(mockServices.logger.mock()));
  return express().use('/api/lakehouse', router);
}

function client(server: express.Express) {
  return async (path: string) => {
    const res = await request(server).get(`/api/lakehouse${path}`);
    expectResponseToMatchSpec(res);
    return res;
  };
}

let lake: AnomalyLakehouse;
let reader: AnomalyReader;
let get: ReturnType<typeof client>;
let empty: TempLakehouse;
let emptyReader: AnomalyReader;
let getEmpty: ReturnType<typeof client>;

beforeAll(async () => {
  lake = await createAnomalyLakehouse();
  reader = new AnomalyReader({ catalog: lake.catalog });
  get = client(app(reader));
  empty = await createTempLakehouse();
  emptyReader = new AnomalyReader({ catalog: empty.catalog });
  getEmpty = client(app(emptyReader));
});

afterAll(async () => {
  await reader?.close();
  await emptyReader?.close();
  await lake?.cleanup();
  await empty?.cleanup();
});

const flagged = PURCHASES.filter(p => p.score > THRESHOLD_V1);

describe('anomaly routes before anything was scored', () => {
  it('answer 200 with an empty page, zero stats and no model', async () => {
    const page = await getEmpty('/anomalies');
    expect(page.status).toBe(200);
    expect(page.body as AnomaliesPage).toEqual({ items: [], nextCursor: null });

    const stats = await getEmpty('/anomalies/stats');
    expect(stats.status).toBe(200);
    const body = stats.body as AnomalyStats;
    expect(body).toMatchObject({
      since: null,
      scored: 0,
      flagged: 0,
      flaggedRate: null,
      threshold: null,
      precisionAtK: null,
      latestEventTs: null,
    });
    expect(body.histogram).toHaveLength(20);

    const model = await getEmpty('/anomalies/model');
    expect(model.status).toBe(200);
    expect(model.body as AnomalyModelResponse).toEqual({
      current: null,
      history: [],
    });
  });

  it('answer 404 for a purchase', async () => {
    const res = await getEmpty(`/anomalies/${eventId(1)}`);
    expect(res.status).toBe(404);
    expect((res.body as ErrorResponse).error).toEqual({
      name: 'NotFoundError',
      message: `purchase ${eventId(1)} has not been scored (yet)`,
    });
  });
});

describe('anomaly routes over scored purchases', () => {
  it('list the flagged purchases by default, newest first, page by page', async () => {
    const first = await get('/anomalies?limit=4');
    expect(first.status).toBe(200);
    const page = first.body as AnomaliesPage;
    expect(page.items.map(p => p.decision)).toEqual(Array(4).fill('anomaly'));
    expect(page.nextCursor).not.toBeNull();
    const rest = await get(
      `/anomalies?limit=4&cursor=${encodeURIComponent(page.nextCursor!)}`,
    );
    const second = rest.body as AnomaliesPage;
    expect(second.nextCursor).toBeNull();
    const ids = [...page.items, ...second.items].map(p => p.eventId);
    expect(new Set(ids).size).toBe(flagged.length);
    expect(ids.sort()).toEqual(flagged.map(p => p.eventId).sort());
  });

  it('filter by since, minScore, pattern and decision', async () => {
    const all = (await get('/anomalies?decision=all&limit=200'))
      .body as AnomaliesPage;
    expect(all.items).toHaveLength(PURCHASES.length);

    const res = await get(
      `/anomalies?decision=all&pattern=amount_spike&minScore=0.75&since=${encodeURIComponent(
        '2026-11-27T11:00:00+01:00',
      )}`,
    );
    expect(res.status).toBe(200);
    expect((res.body as AnomaliesPage).items.map(p => p.eventId)).toEqual([
      eventId(10),
      DETAILED,
    ]);
    const unlabelled = (await get('/anomalies?pattern=unlabelled'))
      .body as AnomaliesPage;
    expect(unlabelled.items.map(p => [p.label, p.decision])).toEqual(
      flagged.filter(p => p.label === null).map(() => [null, 'anomaly']),
    );
    const normal = (await get('/anomalies?decision=normal&limit=200'))
      .body as AnomaliesPage;
    expect(normal.items).toHaveLength(PURCHASES.length - flagged.length);
  });

  it('answer 400 with the reason for a malformed query', async () => {
    for (const [q, reason] of [
      ['limit=0', /query\.limit/],
      ['limit=201', /query\.limit/],
      ['limit=1&limit=2', /query\.limit/],
      ['minScore=1.5', /query\.minScore/],
      ['minScore=-0.1', /query\.minScore/],
      ['minScore=abc', /query\.minScore/],
      ['pattern=teleportation', /query\.pattern/],
      ['decision=maybe', /query\.decision/],
      ['since=yesterday', /query\.since/],
      ['since=2026-11-27T10:00:00', /query\.since/],
      ['since[gt]=2026-11-27T10:00:00Z', /query\.since/],
      ['cursor=', /query\.cursor/],
      ['cursor=bm90IGEgY3Vyc29y', /cursor is not valid/],
      ['sort=score', /query/],
    ] as const) {
      const res = await get(`/anomalies?${q}`);
      expect(`${q}: ${res.status}`).toBe(`${q}: 400`);
      expect((res.body as ErrorResponse).error.message).toMatch(reason);
    }
  });

  it('detail a purchase with its features, 404 when unscored, 400 for no UUID', async () => {
    const res = await get(`/anomalies/${DETAILED.toUpperCase()}`);
    expect(res.status).toBe(200);
    const detail = res.body as AnomalyDetail;
    expect(detail.purchase.eventId).toBe(DETAILED);
    expect(detail.purchase.amount).toBe('1234.50');
    expect(detail.threshold).toBe(THRESHOLD_V1);
    expect(detail.features.map(f => f.name)).toEqual([
      'price_ratio_log',
      'amount_eur_log',
      'quantity_log',
      'hour_sin',
    ]);

    const unknown = await get(`/anomalies/${eventId(4242)}`);
    expect(unknown.status).toBe(404);
    for (const id of ['not-a-uuid', '1234', `${DETAILED}0`, '%27%20OR%201']) {
      const bad = await get(`/anomalies/${id}`);
      expect(`${id}: ${bad.status}`).toBe(`${id}: 400`);
      expect((bad.body as ErrorResponse).error.message).toMatch(
        /^invalid path: path\.eventId: a purchase event id \(UUID\)/,
      );
    }
  });

  it('serve the stats of a window, with 20 bins by default', async () => {
    const res = await get(
      `/anomalies/stats?since=${encodeURIComponent(WINDOW_START)}`,
    );
    expect(res.status).toBe(200);
    const stats = res.body as AnomalyStats;
    expect(stats).toMatchObject({
      since: WINDOW_START,
      scored: 12,
      flagged: 6,
      threshold: THRESHOLD_V2,
      precisionAtK: { k: 5, precision: 0.5 },
    });
    expect(stats.histogram).toHaveLength(20);
    expect(stats.quality[0].auc).toBeCloseTo(23 / 35, 12);

    const five = (await get('/anomalies/stats?bins=5')).body as AnomalyStats;
    expect(five.histogram).toHaveLength(5);
    expect(five.scored).toBe(PURCHASES.length);
    for (const q of ['bins=4', 'bins=51', 'bins=7.5', 'since=now', 'x=1']) {
      const bad = await get(`/anomalies/stats?${q}`);
      expect(`${q}: ${bad.status}`).toBe(`${q}: 400`);
    }
  });

  it('serve the models, newest first', async () => {
    const res = await get('/anomalies/model');
    expect(res.status).toBe(200);
    const body = res.body as AnomalyModelResponse;
    expect(body.current?.version).toBe('v2');
    expect(body.history.map(m => m.version)).toEqual(['v2', 'v1']);
  });

  it('exercised every anomaly operation of the document, and each status', () => {
    const mine = documentedOperations().filter(o =>
      o.path.startsWith('/anomalies'),
    );
    expect(mine.map(o => `${o.method} ${o.path}`)).toEqual([
      'GET /anomalies',
      'GET /anomalies/stats',
      'GET /anomalies/model',
      'GET /anomalies/{eventId}',
    ]);
    const covered = new Set(
      coveredResponses().map(r => `${r.method} ${r.path} ${r.status}`),
    );
    expect(
      [
        'GET /anomalies 200',
        'GET /anomalies 400',
        'GET /anomalies/stats 200',
        'GET /anomalies/stats 400',
        'GET /anomalies/model 200',
        'GET /anomalies/{eventId} 200',
        'GET /anomalies/{eventId} 400',
        'GET /anomalies/{eventId} 404',
      ].filter(r => !covered.has(r)),
    ).toEqual([]);
  });
});
