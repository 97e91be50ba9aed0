/**
 * The gold build end to end, with real dbt (dbt-duckdb reading silver through real
 * PyIceberg) and real PyIceberg commits: silver written by the pipeline, gold read back
 * by our own Iceberg reader and DuckDB engine. Then a duplicated silver event: the
 * unique tests fail, the run throws naming them, and gold does not move.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appendRows } from '../iceberg/dataWriter';
import { loadTable } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import { SILVER_PURCHASES } from '../layers/silverRows';
import { DuckDbEngine } from '../query/duckdb';
import {
  dbtPython,
  writeSilverHome,
  type SilverHome,
} from './__testUtils__/silverFixture';
import { GOLD_NAMESPACE } from './goldNamespaces';
import {
  goldTables,
  GoldBuildError,
  runGoldBuild,
  type GoldBuildSummary,
} from './dbtRunner';

jest.setTimeout(300_000);

// The repository's dbt project.
const projectDir = join(__dirname, '..', '..', '..', 'dbt');
const goldId = (name: string) => ({ namespace: [GOLD_NAMESPACE], name });

let home: string;
let silver: SilverHome;
let first: GoldBuildSummary;
const lines: string[] = [];

beforeAll(async () => {
  const python = dbtPython();
  home = mkdtempSync(join(tmpdir(), 'medallion-gold-'));
  silver = await writeSilverHome(home, 1500);
  first = await runGoldBuild({
    lakehouse: silver.settings,
    python,
    projectDir,
    onLine: (line, step) => lines.push(`[${step}] ${line}`),
  });
});

afterAll(async () => {
  await silver?.catalog.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('gold build (dbt)', () => {
  it('builds every model and passes every test, streaming dbt output', () => {
    expect(first.testsFailed).toEqual([]);
    expect(first.models.sort()).toEqual(
      [...goldTables, 'stg_purchases'].sort(),
    );
    expect(first.testsPassed).toEqual(
      expect.arrayContaining([
        'unique_fct_purchases_event_id',
        'not_null_fct_purchases_event_id',
        'relationships_fct_purchases_customer_id__customer_id__ref_dim_customers_',
        'accepted_values_fct_purchases_membership__member__non_member',
        'margin_not_above_amount_fct_purchases_margin',
      ]),
    );
    expect(first.testsPassed.length).toBeGreaterThanOrEqual(30);
    expect(
      lines.some(
        l => l.startsWith('[build]') && /Completed successfully/.test(l),
      ),
    ).toBe(true);
    for (const step of ['docs', 'freshness'])
      expect(lines.some(l => l.startsWith(`[${step}]`))).toBe(true);
  });

  it('keeps the run artifacts and reports source freshness', () => {
    expect(readdirSync(first.artifactsDir).sort()).toEqual([
      'catalog.json',
      'manifest.json',
      'run_results.json',
      'sources.json',
    ]);
    expect(first.artifactsDir.startsWith(join(home, 'dbt', 'runs'))).toBe(true);
    // Work files (a copy of silver, the staged Parquet) are gone.
    expect(existsSync(join(first.runDir, 'staging'))).toBe(false);
    expect(existsSync(join(first.runDir, 'medallion.duckdb'))).toBe(false);
    const bySource = new Map(first.freshness.map(f => [f.source, f]));
    expect(bySource.get('silver.purchases')?.status).toBe('pass');
    expect(bySource.get('silver.purchases_rejected')?.status).toBe('pass');
    // Event time comes from the generator's fixed start: stale in wall-clock terms,
    // which freshness reports (warn/error) without holding gold back.
    expect(bySource.get('silver.purchases_by_event_time')?.maxLoadedAt).toMatch(
      /^2026-11-27/,
    );
  });

  it('commits gold as Iceberg that our reader and DuckDB engine read, consistent with silver', async () => {
    const silverRows = await scanRows(
      await loadTable(silver.catalog, SILVER_PURCHASES),
    );
    expect(silverRows.length).toBe(silver.accepted);
    for (const name of goldTables) {
      const table = await loadTable(silver.catalog, goldId(name));
      expect(String(table.metadata['current-snapshot-id'])).toBe(
        first.gold[name].snapshotId,
      );
      expect(first.gold[name].created).toBe(true);
      expect((await scanRows(table)).length).toBe(first.gold[name].rows);
    }
    const fct = await scanRows(
      await loadTable(silver.catalog, goldId('fct_purchases')),
    );
    expect(fct.length).toBe(silverRows.length);
    expect(new Set(fct.map(r => r.event_id))).toEqual(
      new Set(silverRows.map(r => r.event_id)),
    );

    const engine = new DuckDbEngine({ catalog: silver.catalog });
    try {
      const { rows, columns } = await engine.query(`
        select
          (select count(*) from silver.purchases) as silver_rows,
          (select count(*) from gold.fct_purchases) as fct_rows,
          (select sum(quantity) from silver.purchases) as silver_units,
          (select sum(units) from gold.agg_daily_sales) as daily_units,
          (select sum(units) from gold.product_profitability) as product_units,
          (select cast(sum(amount) as varchar) from silver.purchases) as silver_amount,
          (select cast(sum(revenue) as varchar) from gold.agg_daily_sales) as daily_revenue,
          (select cast(sum(margin) as varchar) from gold.product_profitability) as product_margin,
          (select cast(sum(margin) as varchar) from silver.purchases) as silver_margin,
          (select count(distinct customer_id) from silver.purchases) as silver_customers,
          (select count(*) from gold.dim_customers) as dim_customers,
          (select count(*) from gold.dim_products) as dim_products,
          (select typeof(amount) from gold.fct_purchases limit 1) as amount_type,
          (select typeof(event_ts) from gold.fct_purchases limit 1) as ts_type
      `);
      const r = rows[0]!;
      expect(columns).toHaveLength(14);
      expect(r.fct_rows).toBe(r.silver_rows);
      expect(r.daily_units).toBe(r.silver_units);
      expect(r.product_units).toBe(r.silver_units);
      expect(r.daily_revenue).toBe(r.silver_amount);
      expect(r.product_margin).toBe(r.silver_margin);
      expect(r.dim_customers).toBe(r.silver_customers);
      expect(r.dim_products).toBeGreaterThan(0);
      expect(r.amount_type).toBe('DECIMAL(16,2)');
      expect(r.ts_type).toBe('TIMESTAMP WITH TIME ZONE');
    } finally {
      await engine.close();
    }
  });

  it('refuses to commit when a test fails: a duplicated event leaves every gold snapshot unchanged', async () => {
    let table = await loadTable(silver.catalog, SILVER_PURCHASES);
    const [row] = await scanRows(table, { limit: 1 });
    table = (await appendRows(table, [row])).table;
    expect((await scanRows(table)).length).toBe(silver.accepted + 1);

    const before = new Map<string, unknown>();
    for (const name of goldTables)
      before.set(
        name,
        (await loadTable(silver.catalog, goldId(name))).metadata[
          'current-snapshot-id'
        ],
      );

    const error: unknown = await runGoldBuild({
      lakehouse: silver.settings,
      python: dbtPython(),
      projectDir,
    }).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(GoldBuildError);
    const failure = error as GoldBuildError;
    expect(failure.message).toMatch(/gold not committed/);
    // Staging's unique test catches it first; dbt then skips every mart.
    expect(failure.message).toMatch(
      /unique_stg_purchases_event_id \(fail, 1 rows\)/,
    );
    expect(failure.failedTests.map(t => t.name)).toEqual([
      'unique_stg_purchases_event_id',
    ]);
    expect(failure.results?.modelsNotBuilt.map(m => m.name).sort()).toEqual(
      [...goldTables].sort(),
    );
    // The failed run keeps its artifacts too.
    expect(existsSync(join(failure.artifactsDir, 'run_results.json'))).toBe(
      true,
    );
    for (const name of goldTables)
      expect(
        (await loadTable(silver.catalog, goldId(name))).metadata[
          'current-snapshot-id'
        ],
      ).toBe(before.get(name));
  });

  it('parses for the aws target as the gold job runs it (dbt-athena, Iceberg tables in gold_staging)', async () => {
    const targetPath = join(home, 'aws-parse');
    await promisify(execFile)(
      dbtPython(),
      [
        '-c',
        'import sys; from dbt.cli.main import cli; sys.exit(cli(prog_name="dbt"))',
        'parse',
        '--target',
        'aws',
        '--project-dir',
        projectDir,
        '--profiles-dir',
        projectDir,
        '--target-path',
        targetPath,
        '--log-path',
        join(home, 'aws-logs'),
      ],
      {
        cwd: projectDir,
        env: {
          ...process.env,
          DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
          MEDALLION_GOLD_SCHEMA: 'gold_staging',
        },
      },
    );
    const manifest = JSON.parse(
      readFileSync(join(targetPath, 'manifest.json'), 'utf8'),
    ) as {
      nodes: Record<
        string,
        {
          resource_type: string;
          name: string;
          schema: string;
          config: { materialized: string; table_type?: string };
        }
      >;
    };
    const models = Object.values(manifest.nodes).filter(
      n => n.resource_type === 'model',
    );
    // Everything in the staging database: nothing reaches gold before the tests pass.
    expect(models.map(n => [n.name, n.schema]).sort()).toEqual(
      [...goldTables, 'stg_purchases'].map(n => [n, 'gold_staging']).sort(),
    );
    for (const n of models.filter(m => m.name !== 'stg_purchases')) {
      expect(n.config.materialized).toBe('table');
      expect(n.config.table_type).toBe('iceberg');
    }
  });
});
