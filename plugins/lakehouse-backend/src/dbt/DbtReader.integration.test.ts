/**
 * The dbt read model over real artifacts: two real gold builds (one passing, one failing
 * on a duplicated silver event) in a temporary home, read back as models, model detail,
 * runs, source freshness and profitability; then the runs folder's edge cases.
 */
import { NotFoundError } from '@backstage/errors';
import {
  sqlCatalogFromSettings,
  loadConfig,
  loadTable,
  scanRows,
} from '@medallion/pipeline';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGoldRuns, type GoldRuns } from './__testUtils__/goldRuns';
import { DbtArtifactStore } from './artifactStore';
import { DbtReader, dbtRunsDir } from './DbtReader';
import { TEST_HISTORY_RUNS } from './dbtModels';

jest.setTimeout(300_000);

let gold: GoldRuns;
let reader: DbtReader;
let passedId: string;
let failedId: string;

beforeAll(async () => {
  gold = await buildGoldRuns();
  [passedId, failedId] = gold.runIds;
  reader = new DbtReader({ home: gold.home, catalog: gold.catalog });
});

afterAll(async () => {
  await gold?.cleanup();
});

const goldModels = [
  'agg_daily_sales',
  'dim_customers',
  'dim_products',
  'fct_purchases',
  'product_profitability',
];

describe('DbtReader over real gold runs', () => {
  it('lists the models of the newest manifest with their tests latest status', async () => {
    const { runId, generatedAt, models } = await reader.models();
    // The failed build kept a manifest too, and is the newer run.
    expect(runId).toBe(failedId);
    expect(Date.parse(generatedAt ?? '')).not.toBeNaN();
    expect(models.map(m => m.name)).toEqual([...goldModels, 'stg_purchases']);

    const byName = new Map(models.map(m => [m.name, m]));
    const fct = byName.get('fct_purchases')!;
    expect(fct).toMatchObject({
      uniqueId: 'model.medallion.fct_purchases',
      schema: 'gold',
      materialization: 'external',
      columnCount: 20,
      table: 'gold.fct_purchases',
    });
    expect(byName.get('stg_purchases')?.table).toBeNull();
    expect(fct.relationName).toContain('fct_purchases');
    expect(fct.description).toMatch(/One row per purchase/);
    // Skipped in the failed run, so their latest outcome is the passing run's.
    expect(fct.tests).toEqual({
      total: 15,
      passed: 15,
      failed: 0,
      warned: 0,
      notRun: 0,
    });
    expect(byName.get('stg_purchases')!.tests).toEqual({
      total: 2,
      passed: 1,
      failed: 1,
      warned: 0,
      notRun: 0,
    });
  });

  it('details a model: columns with catalog types and tests, SQL, lineage, test history', async () => {
    const byName = await reader.model('fct_purchases');
    const byId = await reader.model('model.medallion.fct_purchases');
    expect(byId).toEqual(byName);
    const d = byName;
    expect(d.runId).toBe(failedId);
    expect(d.path).toBe('models/marts/fct_purchases.sql');

    const eventId = d.columns.find(c => c.name === 'event_id')!;
    // Types come from the passing run's catalog (a failed build generates none).
    expect(eventId.type).toBe('VARCHAR');
    expect(eventId.description).toMatch(/primary key/);
    expect(eventId.tests.map(t => [t.name, t.status, t.runId])).toEqual([
      ['not_null_fct_purchases_event_id', 'pass', passedId],
      ['unique_fct_purchases_event_id', 'pass', passedId],
    ]);
    expect(d.columns.find(c => c.name === 'event_ts')?.type).toBe(
      'TIMESTAMP WITH TIME ZONE',
    );
    expect(d.columns.every(c => c.type !== null)).toBe(true);

    expect(d.rawSql).toMatch(/ref\('stg_purchases'\)/);
    // Compiled by the passing run; the failed one skipped the model.
    expect(d.compiledRunId).toBe(passedId);
    expect(d.compiledSql).not.toMatch(/\{\{/);
    expect(d.compiledSql).toMatch(/stg_purchases/);

    expect(d.parents).toEqual([
      {
        uniqueId: 'model.medallion.stg_purchases',
        name: 'stg_purchases',
        resourceType: 'model',
      },
    ]);
    expect(d.children.map(c => `${c.resourceType}:${c.name}`).sort()).toEqual([
      'model:agg_daily_sales',
      'model:product_profitability',
    ]);

    expect(d.testHistory.map(r => [r.runId, r.status])).toEqual([
      [failedId, 'failed'],
      [passedId, 'success'],
    ]);
    expect(new Set(d.testHistory[0].tests.map(t => t.status))).toEqual(
      new Set(['skipped']),
    );
    expect(d.testHistory[1].tests).toHaveLength(15);
    expect(d.testHistory[1].tests.every(t => t.status === 'pass')).toBe(true);
  });

  it('shows the failure in the test history of the model whose test failed', async () => {
    const stg = await reader.model('stg_purchases');
    expect(stg.parents).toEqual([
      {
        uniqueId: 'source.medallion.silver.purchases',
        name: 'silver.purchases',
        resourceType: 'source',
      },
    ]);
    expect(stg.compiledRunId).toBe(failedId);
    const unique = stg.columns
      .flatMap(c => c.tests)
      .find(t => t.name === 'unique_stg_purchases_event_id');
    expect(unique).toMatchObject({
      column: 'event_id',
      status: 'fail',
      failures: 1,
      runId: failedId,
    });
    expect(unique?.message).toMatch(/Got 1 result/);
    const history = stg.testHistory.map(run => ({
      runId: run.runId,
      unique: run.tests.find(t => t.name === 'unique_stg_purchases_event_id'),
    }));
    expect(history).toEqual([
      {
        runId: failedId,
        unique: expect.objectContaining({ status: 'fail', failures: 1 }),
      },
      {
        runId: passedId,
        unique: expect.objectContaining({ status: 'pass', failures: 0 }),
      },
    ]);
  });

  it('lists model-level tests apart from column tests', async () => {
    const agg = await reader.model('agg_daily_sales');
    expect(agg.modelTests.map(t => [t.name, t.column, t.status])).toEqual([
      [
        'unique_combination_of_columns_agg_daily_sales_event_date__currency',
        null,
        'pass',
      ],
    ]);
  });

  it('answers 404 for an unknown model', async () => {
    await expect(reader.model('fct_nothing')).rejects.toThrow(NotFoundError);
    await expect(reader.model('fct_nothing')).rejects.toThrow(
      `no dbt model fct_nothing in the manifest of run ${failedId}`,
    );
  });

  it('summarizes the runs newest first, naming the failing test', async () => {
    const { runs } = await reader.runs(20);
    expect(runs.map(r => [r.runId, r.status])).toEqual([
      [failedId, 'failed'],
      [passedId, 'success'],
    ]);
    const [failed, passed] = runs;
    expect(failed.modelsBuilt).toEqual(['stg_purchases']);
    expect(failed.modelsNotBuilt).toEqual(goldModels);
    expect(failed.testsFailed).toBe(1);
    expect(failed.failedTests).toEqual([
      {
        name: 'unique_stg_purchases_event_id',
        status: 'fail',
        failures: 1,
        message: expect.stringMatching(/Got 1 result/),
      },
    ]);
    expect(passed.modelsBuilt).toEqual([...goldModels, 'stg_purchases']);
    expect(passed.testsFailed).toBe(0);
    expect(passed.testsSkipped).toBe(0);
    // The same counts the runner reported for the passing build.
    expect(passed.testsPassed).toBe(gold.passed.testsPassed.length);
    expect(Date.parse(passed.finishedAt!)).toBeGreaterThanOrEqual(
      Date.parse(passed.startedAt!),
    );
    expect(passed.elapsedSeconds).toBeGreaterThan(0);
    expect((await reader.runs(1)).runs.map(r => r.runId)).toEqual([failedId]);
  });

  it('reports source freshness from the newest run that checked it', async () => {
    const fresh = await reader.freshness();
    // The failed build stopped before `dbt source freshness`.
    expect(fresh.runId).toBe(passedId);
    const bySource = new Map(fresh.sources.map(s => [s.source, s]));
    expect([...bySource.keys()]).toEqual([
      'silver.purchases',
      'silver.purchases_by_event_time',
      'silver.purchases_rejected',
    ]);
    const purchases = bySource.get('silver.purchases')!;
    expect(purchases).toMatchObject({
      uniqueId: 'source.medallion.silver.purchases',
      status: 'pass',
      warnAfter: { count: 1, period: 'hour' },
      errorAfter: { count: 24, period: 'hour' },
      message: null,
    });
    expect(purchases.ageSeconds).toBeGreaterThanOrEqual(0);
    // Event time comes from the generator's fixed start: old in wall-clock terms.
    const byEventTime = bySource.get('silver.purchases_by_event_time')!;
    expect(byEventTime.maxLoadedAt).toMatch(/^2026-11-27T/);
    expect(byEventTime.warnAfter).toEqual({ count: 6, period: 'hour' });
    // The runner's own reading of the same file agrees.
    expect(gold.passed.freshness.map(f => [f.source, f.status]).sort()).toEqual(
      fresh.sources.map(s => [s.source, s.status]),
    );
  });

  it('reads product profitability from gold, exact and consistent with agg_daily_sales', async () => {
    const all = await reader.profitability({});
    const table = await loadTable(gold.catalog, {
      namespace: ['gold'],
      name: 'product_profitability',
    });
    expect(all.snapshotId).toBe(String(table.metadata['current-snapshot-id']));
    expect(all.snapshotId).toBe(
      gold.passed.gold.product_profitability.snapshotId,
    );
    expect(all.committedAt).toBe(
      new Date(table.currentSnapshot()!['timestamp-ms']).toISOString(),
    );
    expect(all.rows).toHaveLength(gold.passed.gold.product_profitability.rows);
    for (const r of all.rows) {
      expect(r.revenue).toMatch(/^-?\d+\.\d{2}$/);
      const cents = (v: string) => BigInt(v.replace('.', ''));
      expect(cents(r.revenue) - cents(r.cost)).toBe(cents(r.margin));
      expect(r.marginRate).toBeCloseTo(Number(r.margin) / Number(r.revenue));
    }
    expect(all.categories.length).toBeGreaterThan(1);
    expect(all.categories).toEqual(
      [...new Set(all.rows.map(r => r.category))].sort(),
    );

    // Revenue per currency, summed exactly, equals the daily mart's.
    const daily = await scanRows(
      await loadTable(gold.catalog, {
        namespace: ['gold'],
        name: 'agg_daily_sales',
      }),
    );
    const dailyRevenue = new Map<string, bigint>();
    for (const d of daily)
      dailyRevenue.set(
        String(d.currency),
        (dailyRevenue.get(String(d.currency)) ?? 0n) + (d.revenue as bigint),
      );
    const productRevenue = new Map<string, bigint>();
    for (const r of all.rows)
      productRevenue.set(
        r.currency,
        (productRevenue.get(r.currency) ?? 0n) +
          BigInt(r.revenue.replace('.', '')),
      );
    expect(productRevenue).toEqual(dailyRevenue);
    expect(all.currencies).toEqual([...dailyRevenue.keys()].sort());

    const currency = all.currencies[0];
    const category = all.rows.find(r => r.currency === currency)!.category!;
    const filtered = await reader.profitability({ currency, category });
    expect(filtered.rows.length).toBeGreaterThan(0);
    expect(filtered.rows).toEqual(
      all.rows.filter(r => r.currency === currency && r.category === category),
    );
    // Pickers list everything whatever the filter.
    expect(filtered.categories).toEqual(all.categories);
    const revenues = filtered.rows.map(r => Number(r.revenue));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    expect(
      (await reader.profitability({ category: 'no-such-category' })).rows,
    ).toEqual([]);
  });
});

describe('DbtArtifactStore', () => {
  let runsDir: string;
  let store: DbtArtifactStore;

  beforeEach(() => {
    runsDir = mkdtempSync(join(tmpdir(), 'medallion-dbt-runs-'));
    store = new DbtArtifactStore({ runsDir });
  });
  afterEach(() => rmSync(runsDir, { recursive: true, force: true }));

  const copyRun = (runId: string, as = runId) =>
    cpSync(
      join(dbtRunsDir(gold.home), runId, 'artifacts'),
      join(runsDir, as, 'artifacts'),
      { recursive: true },
    );

  it('has no runs without a runs folder, or an empty one', async () => {
    expect(
      await new DbtArtifactStore({ runsDir: join(runsDir, 'nope') }).runs(),
    ).toEqual([]);
    expect(await store.runs()).toEqual([]);
  });

  it('leaves out runs in progress, unreadable results and foreign folders', async () => {
    copyRun(passedId);
    mkdirSync(join(runsDir, 'in-progress', 'target'), { recursive: true });
    mkdirSync(join(runsDir, 'truncated', 'artifacts'), { recursive: true });
    writeFileSync(
      join(runsDir, 'truncated', 'artifacts', 'run_results.json'),
      '{"metadata": {',
    );
    mkdirSync(join(runsDir, 'other-shape', 'artifacts'), { recursive: true });
    writeFileSync(
      join(runsDir, 'other-shape', 'artifacts', 'run_results.json'),
      JSON.stringify({ results: 'none' }),
    );
    copyRun(failedId, '.hidden');
    writeFileSync(join(runsDir, 'a-file'), 'x');
    expect((await store.runs()).map(r => r.runId)).toEqual([passedId]);
  });

  it('parses a file once, and again only when it changes', async () => {
    copyRun(passedId);
    const first = await store.read(passedId, 'manifest.json');
    expect(first).toBeDefined();
    expect(await store.read(passedId, 'manifest.json')).toBe(first);

    // The manifest of the failed run in its place: a new mtime and size.
    const target = join(runsDir, passedId, 'artifacts', 'manifest.json');
    cpSync(
      join(dbtRunsDir(gold.home), failedId, 'artifacts', 'manifest.json'),
      target,
    );
    const later = new Date(Date.now() + 5000);
    utimesSync(target, later, later);
    const second = await store.read(passedId, 'manifest.json');
    expect(second).not.toBe(first);
    expect(second?.metadata.generated_at).not.toBe(
      first?.metadata.generated_at,
    );
  });

  it('keeps at most 20 runs of test history, newest first', async () => {
    for (let i = 0; i < TEST_HISTORY_RUNS + 2; i++)
      copyRun(passedId, `run-${String(i).padStart(2, '0')}`);
    // Equal start times (copies): the run id breaks the tie, descending.
    const runs = await store.runs();
    expect(runs.map(r => r.runId).slice(0, 2)).toEqual(['run-21', 'run-20']);
    const home = mkdtempSync(join(tmpdir(), 'medallion-dbt-home-'));
    try {
      cpSync(runsDir, dbtRunsDir(home), { recursive: true });
      const detail = await new DbtReader({ home, catalog: gold.catalog }).model(
        'fct_purchases',
      );
      expect(detail.testHistory).toHaveLength(TEST_HISTORY_RUNS);
      expect(detail.testHistory[0].runId).toBe('run-21');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('DbtReader before any gold build', () => {
  it('answers empty, and 404 for a model', async () => {
    const home = mkdtempSync(join(tmpdir(), 'medallion-dbt-empty-'));
    const catalog = sqlCatalogFromSettings(
      loadConfig({ MEDALLION_HOME: home }).lakehouse,
    );
    try {
      await catalog.initialize();
      const empty = new DbtReader({ home, catalog });
      expect(await empty.models()).toEqual({
        runId: null,
        generatedAt: null,
        models: [],
      });
      expect(await empty.runs(20)).toEqual({ runs: [] });
      expect(await empty.freshness()).toEqual({
        runId: null,
        generatedAt: null,
        sources: [],
      });
      expect(await empty.profitability({ currency: 'EUR' })).toEqual({
        table: 'gold.product_profitability',
        snapshotId: null,
        committedAt: null,
        categories: [],
        currencies: [],
        rows: [],
      });
      await expect(empty.model('fct_purchases')).rejects.toThrow(
        /no gold build has kept its artifacts yet/,
      );
    } finally {
      await catalog.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
