/**
 * Gold built on an engine: silver written by the pipeline to Glue + S3 (the AWS
 * emulator), `dbt build --target trino` with real dbt-trino on a real Trino 476 (the
 * engine under Athena v3) into gold_staging, then published into gold by our writer.
 * The marts must hold exactly what the local build (dbt-duckdb) makes from the same
 * silver. Then a duplicated silver event: the unique tests fail on Trino, and gold does
 * not move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LakehouseSettings } from '../config';
import {
  startMotoServer,
  type MotoServer,
} from '../aws/__testUtils__/motoServer';
import { glueLakehouse } from '../aws/__testUtils__/glueLakehouse';
import type { GlueCatalog } from '../iceberg/catalog/glue/glueCatalog';
import type { Catalog } from '../iceberg/catalog/catalog';
import { appendRows } from '../iceberg/dataWriter';
import { loadTable } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import {
  appendToBronze,
  generateRecords,
} from '../layers/__testUtils__/bronzeRecords';
import { SilverProcessor } from '../layers/silverProcessor';
import { SILVER_PURCHASES } from '../layers/silverRows';
import {
  startTrino,
  type TrinoServer,
} from '../query/__testUtils__/trinoServer';
import {
  dbtPython,
  writeSilverHome,
  type SilverHome,
} from './__testUtils__/silverFixture';
import {
  goldTables,
  GoldBuildError,
  runGoldBuild,
  type GoldBuildSummary,
} from './dbtRunner';
import { GOLD_NAMESPACE, GOLD_STAGING_NAMESPACE } from './goldNamespaces';

jest.setTimeout(600_000);

const SEED = 'engine-gold';
const COUNT = 1200;
const BUCKET = 'medallion-engine-gold';
const projectDir = join(__dirname, '..', '..', '..', 'dbt');

let moto: MotoServer;
let trino: TrinoServer;
let catalog: GlueCatalog;
let home: string;
let local: SilverHome;
let localGold: GoldBuildSummary;
let onTrino: GoldBuildSummary;
let settings: LakehouseSettings;
const lines: string[] = [];

async function writeGlueSilver(): Promise<void> {
  // As Terraform creates them: a database per layer, and gold's staging.
  catalog = await glueLakehouse(moto, BUCKET, [
    'bronze',
    'silver',
    GOLD_NAMESPACE,
    GOLD_STAGING_NAMESPACE,
  ]);
  await appendToBronze(catalog, generateRecords(SEED, COUNT), 0, 3);
  await new SilverProcessor({ catalog }).runUntilCaughtUp();
}

beforeAll(async () => {
  const python = dbtPython();
  moto = await startMotoServer();
  home = mkdtempSync(join(tmpdir(), 'medallion-engine-gold-'));
  const [written, booted, locally] = await Promise.allSettled([
    writeGlueSilver(),
    startTrino({ aws: moto.aws }),
    writeSilverHome(join(home, 'local'), COUNT, SEED),
  ]);
  if (booted.status === 'fulfilled') trino = booted.value;
  if (locally.status === 'fulfilled') local = locally.value;
  for (const r of [written, booted, locally])
    if (r.status === 'rejected') throw r.reason;
  localGold = await runGoldBuild({
    lakehouse: local.settings,
    python,
    projectDir,
  });
  settings = {
    ...local.settings,
    home: join(home, 'aws'),
    warehouse: `s3://${BUCKET}/warehouse`,
    catalog: 'glue',
    aws: moto.aws,
    queryEngine: {
      type: 'trino',
      server: trino.url,
      catalog: trino.catalog,
      user: 'medallion-gold',
    },
  };
  onTrino = await runGoldBuild({
    lakehouse: settings,
    catalog,
    python,
    projectDir,
    onLine: (line, step) => lines.push(`[${step}] ${line}`),
  });
});

afterAll(async () => {
  await trino?.stop();
  await catalog?.close();
  await local?.catalog.close();
  await moto?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

// ingest_ts is when each silver was written here, the one column the two builds
// cannot share.
const json = (v: unknown) =>
  JSON.stringify(v, (k, x) => {
    if (k === 'ingest_ts') return undefined;
    return typeof x === 'bigint' ? `${x}n` : x;
  });

async function martRows(c: Catalog, namespace: string, name: string) {
  const rows = await scanRows(
    await loadTable(c, { namespace: [namespace], name }),
  );
  return rows.map(json).sort();
}

describe('gold built on Trino (dbt-trino), published by the pipeline', () => {
  it('builds every model and passes every test on Trino', () => {
    expect(onTrino.testsFailed).toEqual([]);
    expect(onTrino.models.sort()).toEqual(localGold.models.sort());
    expect(onTrino.testsPassed.sort()).toEqual(localGold.testsPassed.sort());
    expect(lines.some(l => l.startsWith('[build]'))).toBe(true);
    expect(onTrino.freshness.map(f => f.source).sort()).toEqual(
      localGold.freshness.map(f => f.source).sort(),
    );
  });

  it('publishes every mart into gold with exactly the rows the local build makes', async () => {
    for (const name of goldTables) {
      const [ours, reference] = await Promise.all([
        martRows(catalog, GOLD_NAMESPACE, name),
        martRows(local.catalog, GOLD_NAMESPACE, name),
      ]);
      expect({ name, rows: ours.length }).toEqual({
        name,
        rows: reference.length,
      });
      expect(ours).toEqual(reference);
      expect(onTrino.gold[name]).toMatchObject({
        table: `gold.${name}`,
        rows: reference.length,
        created: true,
      });
    }
    expect(onTrino.gold.fct_purchases.rows).toBeGreaterThan(1000);
  });

  it('keeps gold untouched when a test fails on Trino', async () => {
    const before = Object.fromEntries(
      await Promise.all(
        goldTables.map(async name => [
          name,
          (
            await loadTable(catalog, { namespace: ['gold'], name })
          ).metadata['current-snapshot-id'],
        ]),
      ),
    );
    // The same purchase twice in silver: unique_stg_purchases_event_id must fail.
    const silver = await loadTable(catalog, SILVER_PURCHASES);
    const [one] = (await scanRows(silver)).slice(0, 1);
    await appendRows(silver, [one]);
    const error = await runGoldBuild({
      lakehouse: settings,
      catalog,
      python: dbtPython(),
      projectDir,
    }).catch(e => e);
    expect(error).toBeInstanceOf(GoldBuildError);
    expect((error as GoldBuildError).failedTests.map(t => t.name)).toEqual(
      expect.arrayContaining(['unique_stg_purchases_event_id']),
    );
    for (const name of goldTables)
      expect(
        (await loadTable(catalog, { namespace: ['gold'], name })).metadata[
          'current-snapshot-id'
        ],
      ).toBe(before[name]);
  });
});
