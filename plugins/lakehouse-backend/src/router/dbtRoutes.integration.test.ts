/**
 * The dbt routes over real artifacts (two real gold builds, one failing) and over a home
 * with no gold build yet, mounted with the router's error handler; every response is
 * checked against the OpenAPI document.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type {
  DbtFreshnessResponse,
  DbtModelDetail,
  DbtModelsResponse,
  DbtRunsResponse,
  ErrorResponse,
  ProfitabilityResponse,
} from '@medallion/plugin-lakehouse-common';
import { sqlCatalogFromSettings, loadConfig } from '@medallion/pipeline';
import express from 'express';
import Router from 'express-promise-router';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  coveredResponses,
  documentedOperations,
  expectResponseToMatchSpec,
} from '../__testUtils__/openApiValidator';
import { buildGoldRuns, type GoldRuns } from '../dbt/__testUtils__/goldRuns';
import { DbtReader } from '../dbt';
import { dbtRoutes, type DbtPort } from './dbtRoutes';
import { errorHandler } from './errorHandler';

jest.setTimeout(300_000);

function app(port: DbtPort) {
  const router = Router();
  router.use(dbtRoutes(port));
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

let gold: GoldRuns;
let get: ReturnType<typeof client>;
let empty: { home: string; close(): Promise<void> };
let getEmpty: ReturnType<typeof client>;

beforeAll(async () => {
  gold = await buildGoldRuns();
  get = client(app(new DbtReader({ home: gold.home, catalog: gold.catalog })));

  const home = mkdtempSync(join(tmpdir(), 'medallion-dbt-routes-empty-'));
  const catalog = sqlCatalogFromSettings(
    loadConfig({ MEDALLION_HOME: home }).lakehouse,
  );
  await catalog.initialize();
  empty = {
    home,
    async close() {
      await catalog.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
  getEmpty = client(app(new DbtReader({ home, catalog })));
});

afterAll(async () => {
  await gold?.cleanup();
  await empty?.close();
});

describe('dbt routes before any gold build', () => {
  it('answer 200 with empty lists and null run ids', async () => {
    const models = await getEmpty('/dbt/models');
    expect(models.status).toBe(200);
    expect(models.body as DbtModelsResponse).toEqual({
      runId: null,
      generatedAt: null,
      models: [],
    });
    const runs = await getEmpty('/dbt/runs');
    expect(runs.status).toBe(200);
    expect(runs.body as DbtRunsResponse).toEqual({ runs: [] });
    const fresh = await getEmpty('/dbt/freshness');
    expect(fresh.status).toBe(200);
    expect(fresh.body as DbtFreshnessResponse).toEqual({
      runId: null,
      generatedAt: null,
      sources: [],
    });
    const profit = await getEmpty('/metrics/profitability?currency=EUR');
    expect(profit.status).toBe(200);
    expect((profit.body as ProfitabilityResponse).rows).toEqual([]);
    expect((profit.body as ProfitabilityResponse).snapshotId).toBeNull();
  });

  it('answer 404 for a model', async () => {
    const res = await getEmpty('/dbt/models/fct_purchases');
    expect(res.status).toBe(404);
    expect((res.body as ErrorResponse).error.message).toMatch(
      /no gold build has kept its artifacts yet/,
    );
  });
});

describe('dbt routes over real gold runs', () => {
  it('list the models of the newest run', async () => {
    const res = await get('/dbt/models');
    expect(res.status).toBe(200);
    const body = res.body as DbtModelsResponse;
    expect(body.runId).toBe(gold.runIds[1]);
    expect(body.models.map(m => m.name)).toContain('product_profitability');
  });

  it('detail a model by name or unique id, with its test history', async () => {
    const byName = await get('/dbt/models/stg_purchases');
    expect(byName.status).toBe(200);
    const detail = byName.body as DbtModelDetail;
    expect(detail.testHistory.map(r => r.status)).toEqual([
      'failed',
      'success',
    ]);
    expect(
      detail.testHistory[0].tests.find(
        t => t.name === 'unique_stg_purchases_event_id',
      ),
    ).toMatchObject({ status: 'fail', failures: 1 });
    const byId = await get('/dbt/models/model.medallion.stg_purchases');
    expect(byId.body).toEqual(detail);
  });

  it('answer 404 for an unknown model and 400 for a malformed id', async () => {
    const unknown = await get('/dbt/models/fct_nothing');
    expect(unknown.status).toBe(404);
    expect((unknown.body as ErrorResponse).error).toMatchObject({
      name: 'NotFoundError',
      message: `no dbt model fct_nothing in the manifest of run ${gold.runIds[1]}`,
    });
    for (const id of [
      'fct-purchases',
      '%7Bmodel%7D',
      '1abc',
      'x'.repeat(256),
    ]) {
      const res = await get(`/dbt/models/${id}`);
      expect(`${id}: ${res.status}`).toBe(`${id}: 400`);
      expect((res.body as ErrorResponse).error.message).toMatch(
        /^invalid path: path\.model: /,
      );
    }
  });

  it('list runs newest first, bounded by limit', async () => {
    const all = await get('/dbt/runs');
    expect(all.status).toBe(200);
    expect(
      (all.body as DbtRunsResponse).runs.map(r => [r.runId, r.status]),
    ).toEqual([
      [gold.runIds[1], 'failed'],
      [gold.runIds[0], 'success'],
    ]);
    const one = await get('/dbt/runs?limit=1');
    expect((one.body as DbtRunsResponse).runs).toHaveLength(1);
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=x',
      'limit=1&limit=2',
      'page=2',
    ]) {
      const res = await get(`/dbt/runs?${q}`);
      expect(`${q}: ${res.status}`).toBe(`${q}: 400`);
      expect((res.body as ErrorResponse).error.message).toMatch(
        /^invalid query: query/,
      );
    }
  });

  it('report source freshness', async () => {
    const res = await get('/dbt/freshness');
    expect(res.status).toBe(200);
    const body = res.body as DbtFreshnessResponse;
    expect(body.runId).toBe(gold.runIds[0]);
    expect(body.sources.map(s => s.source)).toContain('silver.purchases');
  });

  it('serve profitability, filtered, with the pickers unfiltered', async () => {
    const all = (await get('/metrics/profitability'))
      .body as ProfitabilityResponse;
    expect(all.rows.length).toBeGreaterThan(0);
    expect(all.snapshotId).toBe(
      gold.passed.gold.product_profitability.snapshotId,
    );
    const currency = all.currencies[0];
    // Any case: the currency is normalized.
    const res = await get(
      `/metrics/profitability?currency=${currency.toLowerCase()}&category=${encodeURIComponent(
        all.categories[0],
      )}`,
    );
    expect(res.status).toBe(200);
    const body = res.body as ProfitabilityResponse;
    expect(body.categories).toEqual(all.categories);
    expect(body.rows).toEqual(
      all.rows.filter(
        r => r.currency === currency && r.category === all.categories[0],
      ),
    );
    for (const q of [
      'currency=EURO',
      'currency=',
      'category=%3Cscript%3E',
      'category=a&category=b',
      'sort=margin',
    ]) {
      const bad = await get(`/metrics/profitability?${q}`);
      expect(`${q}: ${bad.status}`).toBe(`${q}: 400`);
    }
  });

  it('exercised every dbt operation of the document', () => {
    const mine = documentedOperations().filter(o =>
      /^\/(dbt\/|metrics\/profitability$)/.test(o.path),
    );
    expect(mine).toHaveLength(5);
    const covered = new Set(
      coveredResponses().map(r => `${r.method} ${r.path}`),
    );
    expect(
      mine.map(o => `${o.method} ${o.path}`).filter(o => !covered.has(o)),
    ).toEqual([]);
  });
});
