/**
 * Training and stream scoring over real Iceberg tables: silver from generated bronze,
 * a model trained and stored, every silver purchase scored exactly once, incrementally,
 * across restarts, concurrent scorers and a lost watermark.
 */
import { expireSnapshots } from '../iceberg/maintenance';
import { loadTable } from '../iceberg/table';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import { readColumns } from '../layers/__testUtils__/lakehouse';
import { SILVER_PURCHASES } from '../layers/silverRows';
import { ANOMALIES_TABLE } from './anomaliesTable';
import { FEATURE_COUNT } from './features';
import { ModelStore } from './model';
import { StreamScorer } from './scorer';
import { NotEnoughDataError, trainAnomalyModel } from './training';
import { streamIntoSilver } from './__testUtils__/scoringLakehouse';

jest.setTimeout(120_000);

let t: TestCatalog;
let store: ModelStore;

beforeEach(async () => {
  t = await createTestCatalog();
  store = ModelStore.forWarehouse(t.catalog.io, t.warehouse);
});
afterEach(() => t.cleanup());

async function silverIds(): Promise<string[]> {
  const rows = await readColumns(await loadTable(t.catalog, SILVER_PURCHASES), [
    'event_id',
  ]);
  return rows.map(r => String(r.event_id)).sort();
}

async function scoredRows() {
  return readColumns(await loadTable(t.catalog, ANOMALIES_TABLE), [
    'event_id',
    'score',
    'decision',
    'top_features',
    'features',
    'contributions',
    'model_version',
    'amount',
  ]);
}

it('refuses to train without enough silver, saying what to do', async () => {
  await streamIntoSilver(t.catalog, { seed: 'few', count: 200, chunks: 1 });
  await expect(
    trainAnomalyModel({ catalog: t.catalog, store }),
  ).rejects.toThrow(NotEnoughDataError);
  await expect(
    trainAnomalyModel({ catalog: t.catalog, store }),
  ).rejects.toThrow(/needs at least 1000/);
  expect(await store.versions()).toEqual([]);
});

it('trains a model, then scores every silver purchase exactly once as silver grows', async () => {
  await streamIntoSilver(t.catalog, { seed: 'score', count: 4000, chunks: 4 });
  const model = await trainAnomalyModel({
    catalog: t.catalog,
    store,
    params: { seed: 7 },
  });
  expect(model.version).toBe('v1');
  expect(model.trainingWindow.rows).toBeGreaterThan(3000);
  expect(model.metrics.labelled).toBeGreaterThan(20);
  // The forest finds the injected anomalies on its training window.
  expect(model.metrics.auc).toBeGreaterThan(0.85);
  expect(model.features.map(f => f.name)).toContain('price_ratio_log');
  expect((await store.current())?.version).toBe('v1');

  const scorer = new StreamScorer({
    catalog: t.catalog,
    store,
    maxRowsPerRun: 1500,
  });
  const runs: number[] = [];
  const first = await scorer.runUntilCaughtUp(r => runs.push(r.scored));
  expect(runs.length).toBeGreaterThan(1); // bounded runs
  const ids = await silverIds();
  expect(first.scored).toBe(ids.length);
  let rows = await scoredRows();
  expect(rows.map(r => String(r.event_id)).sort()).toEqual(ids);
  expect(first.flagged).toBe(rows.filter(r => r.decision === 'anomaly').length);
  expect(first.flagged).toBeGreaterThan(0);
  for (const r of rows.slice(0, 50)) {
    const score = r.score as number;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(r.decision).toBe(score > model.threshold ? 'anomaly' : 'normal');
    expect(r.model_version).toBe('v1');
    const shares = Object.values(
      JSON.parse(String(r.contributions)) as Record<string, number>,
    );
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(String(r.top_features).split(',')).toHaveLength(3);
    expect(Object.keys(JSON.parse(String(r.features)))).toHaveLength(
      FEATURE_COUNT,
    );
  }

  // Nothing new: nothing scored, no duplicate.
  expect((await scorer.runOnce()).scored).toBe(0);

  // More silver, and a restarted scorer (empty history) scores only the new purchases.
  await streamIntoSilver(t.catalog, {
    seed: 'score-2',
    count: 1000,
    chunks: 2,
    firstOffset: 10_000,
  });
  const restarted = new StreamScorer({ catalog: t.catalog, store });
  const second = await restarted.runUntilCaughtUp();
  const all = await silverIds();
  expect(second.scored).toBe(all.length - ids.length);
  rows = await scoredRows();
  expect(rows.map(r => String(r.event_id)).sort()).toEqual(all);
});

it('never scores a purchase twice when two scorers race', async () => {
  await streamIntoSilver(t.catalog, { seed: 'race', count: 3000, chunks: 3 });
  await trainAnomalyModel({ catalog: t.catalog, store });
  const a = new StreamScorer({ catalog: t.catalog, store });
  const b = new StreamScorer({ catalog: t.catalog, store });
  const outcomes = await Promise.allSettled([a.runOnce(), b.runOnce()]);
  // The loser of the race is fenced off; running again finds nothing left.
  const failures = outcomes.flatMap(o =>
    o.status === 'rejected' ? [String(o.reason)] : [],
  );
  expect(failures.filter(f => !/advanced by another run/.test(f))).toEqual([]);
  await a.runUntilCaughtUp();
  await b.runUntilCaughtUp();
  const ids = (await scoredRows()).map(r => String(r.event_id));
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.sort()).toEqual(await silverIds());
});

it('after silver lost the watermark snapshot, scores only what is not scored yet', async () => {
  await streamIntoSilver(t.catalog, { seed: 'lost', count: 3000, chunks: 3 });
  await trainAnomalyModel({ catalog: t.catalog, store });
  await new StreamScorer({ catalog: t.catalog, store }).runUntilCaughtUp();
  await streamIntoSilver(t.catalog, {
    seed: 'lost-2',
    count: 600,
    chunks: 2,
    firstOffset: 10_000,
  });
  // Expire everything but the head: the scorer's watermark snapshot is gone.
  await expireSnapshots(await loadTable(t.catalog, SILVER_PURCHASES), {
    olderThanMs: Date.now() + 1000,
    retainLast: 1,
  });
  await new StreamScorer({ catalog: t.catalog, store }).runUntilCaughtUp();
  const ids = (await scoredRows()).map(r => String(r.event_id));
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.sort()).toEqual(await silverIds());
});

it('a newer model scores what comes after it; rows keep the version that scored them', async () => {
  await streamIntoSilver(t.catalog, { seed: 'models', count: 2500, chunks: 2 });
  await trainAnomalyModel({ catalog: t.catalog, store, params: { seed: 1 } });
  const scorer = new StreamScorer({ catalog: t.catalog, store });
  await scorer.runUntilCaughtUp();
  const v2 = await trainAnomalyModel({
    catalog: t.catalog,
    store,
    params: { seed: 2 },
  });
  expect(v2.version).toBe('v2');
  await streamIntoSilver(t.catalog, {
    seed: 'models-2',
    count: 500,
    chunks: 1,
    firstOffset: 10_000,
  });
  const r = await scorer.runUntilCaughtUp();
  expect(r.modelVersion).toBe('v2');
  const versions = (await scoredRows()).map(x => String(x.model_version));
  expect(versions.filter(v => v === 'v2')).toHaveLength(r.scored);
  expect(versions.filter(v => v === 'v1').length).toBeGreaterThan(2000);
  expect((await store.history()).map(m => m.version)).toEqual(['v2', 'v1']);
});
