/**
 * Real dbt artifacts for tests: seeded purchases through bronze and the real silver
 * processor into a temporary home, then the real gold build (`runGoldBuild`) twice: a
 * passing run, then a failing one after a duplicated silver event, so the run history
 * holds both outcomes. Needs MEDALLION_DBT_PYTHON; without it the test fails, not skips.
 */
import {
  appendRows,
  BRONZE_PURCHASES,
  bronzeSchema,
  bronzeSpec,
  sqlCatalogFromSettings,
  ensureTable,
  GoldBuildError,
  loadConfig,
  loadTable,
  PurchaseGenerator,
  runGoldBuild,
  scanRows,
  SILVER_PURCHASES,
  SilverProcessor,
  toBronzeRow,
  type Catalog,
  type GoldBuildSummary,
  type LakehouseSettings,
} from '@medallion/pipeline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository's dbt project. */
export const DBT_PROJECT_DIR = resolve(__dirname, '../../../../../dbt');

export function dbtPython(): string {
  const python = process.env.MEDALLION_DBT_PYTHON;
  if (!python)
    throw new Error(
      'MEDALLION_DBT_PYTHON is not set: export MEDALLION_DBT_PYTHON=$(bash scripts/python-env.sh dbt dbt/requirements.txt | tail -1) from the repo root (or run the suite with `npm test`, which prepares it)',
    );
  return python;
}

export interface GoldRuns {
  home: string;
  settings: LakehouseSettings;
  catalog: Catalog;
  passed: GoldBuildSummary;
  failed: GoldBuildError;
  /** The run ids, oldest first. */
  runIds: [passed: string, failed: string];
  cleanup(): Promise<void>;
}

async function writeSilver(catalog: Catalog, count: number): Promise<void> {
  const records = new PurchaseGenerator({
    seed: 'dbt-api',
    schemaVersion: 1,
    rate: 50,
    startMs: Date.parse('2026-11-27T06:00:00Z'),
    anomalyRate: 0.02,
    malformedRate: 0.05,
  }).take(count);
  const bronze = await ensureTable(
    catalog,
    BRONZE_PURCHASES,
    bronzeSchema,
    bronzeSpec,
  );
  const ingest = BigInt(Date.now()) * 1000n;
  await appendRows(
    bronze,
    records.map((r, i) =>
      toBronzeRow(
        {
          topic: 'purchases',
          partition: i % 3,
          offset: String(i),
          key: Buffer.from(r.key),
          value: Buffer.from(r.value),
        },
        ingest,
      ),
    ),
  );
  await new SilverProcessor({ catalog }).runUntilCaughtUp();
}

/** Sortable run ids like the runner's own, so "newest" is unambiguous in tests. */
const runId = (n: number) => `20260101T00000${n}Z-test${n}`;

export async function buildGoldRuns(count = 400): Promise<GoldRuns> {
  const python = dbtPython();
  const home = mkdtempSync(join(tmpdir(), 'medallion-dbt-api-'));
  const settings = loadConfig({ MEDALLION_HOME: home }).lakehouse;
  const catalog = sqlCatalogFromSettings(settings);
  const cleanup = async () => {
    await catalog.close();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await catalog.initialize();
    await writeSilver(catalog, count);
    const build = (id: string) =>
      runGoldBuild({
        lakehouse: settings,
        python,
        projectDir: DBT_PROJECT_DIR,
        runId: id,
      });
    const passed = await build(runId(1));

    // A duplicated event: the unique tests fail and gold stays as it was.
    const silver = await loadTable(catalog, SILVER_PURCHASES);
    await appendRows(silver, await scanRows(silver, { limit: 1 }));
    const failed = await build(runId(2)).then(
      () => {
        throw new Error('the gold build over a duplicated event passed');
      },
      (error: unknown) => {
        if (error instanceof GoldBuildError) return error;
        throw error;
      },
    );
    return {
      home,
      settings,
      catalog,
      passed,
      failed,
      runIds: [runId(1), runId(2)],
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
