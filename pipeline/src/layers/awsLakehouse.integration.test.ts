/**
 * The streaming layers on the AWS path: purchases from the real Kafka broker land in
 * bronze and silver Iceberg tables registered in Glue with their files on S3 (the AWS
 * emulator, moto's server), through the same code as locally; maintenance compacts and
 * cleans them, DuckDB queries them from local copies of their files and PyIceberg's
 * GlueCatalog reads silver back.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { AwsSettings } from '../aws/clientConfig';
import {
  startMotoServer,
  type MotoServer,
} from '../aws/__testUtils__/motoServer';
import { GlueCatalog } from '../iceberg/catalog/glue/glueCatalog';
import { S3FileIO } from '../iceberg/io/s3FileIO';
import { loadTable } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import { glueOracleCatalog, oracle } from '../iceberg/__testUtils__/pyiceberg';
import {
  createPurchaseProducer,
  producePurchases,
} from '../kafka/purchaseProducer';
import { ensureTopics } from '../kafka/topics';
import {
  assertBrokerReachable,
  testKafka,
  uniqueTopic,
} from '../kafka/__testUtils__/broker';
import { DataFileCache } from '../query/dataFileCache';
import { DuckDbEngine } from '../query/duckdb';
import { BronzeIngester } from './bronzeIngester';
import { BRONZE_PURCHASES } from './bronzeTable';
import { SilverProcessor } from './silverProcessor';
import { maintainStreamingTables } from './streamingMaintenance';
import { SILVER_PURCHASES, SILVER_REJECTED } from './silverRows';

jest.setTimeout(240_000);

const { kafka, settings } = testKafka();
let moto: MotoServer;
let aws: AwsSettings;
let catalog: GlueCatalog;
let producer: Producer;
const cacheDir = mkdtempSync(join(tmpdir(), 'medallion-aws-cache-'));
const BUCKET = (layer: string) => `medallion-ci-${layer}`;

beforeAll(async () => {
  await assertBrokerReachable(kafka, settings);
  moto = await startMotoServer();
  aws = moto.aws;
  await moto.createBuckets(BUCKET('bronze'), BUCKET('silver'), BUCKET('gold'));
  catalog = new GlueCatalog({
    name: 'medallion',
    aws,
    warehouse: `s3://${BUCKET('gold')}/warehouse`,
    io: new S3FileIO({ aws }),
  });
  // As Terraform creates them: one database per layer, located in its bucket.
  for (const layer of ['bronze', 'silver'])
    await catalog.createNamespace([layer], {
      location: `s3://${BUCKET(layer)}/`,
    });
  producer = createPurchaseProducer(kafka);
  await producer.connect();
});
afterAll(async () => {
  await producer?.disconnect();
  await catalog?.close();
  await moto?.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

it('ingests Kafka into bronze and silver on Glue and S3, readable by PyIceberg', async () => {
  const topic = uniqueTopic('aws');
  await ensureTopics(kafka, [
    { topic, numPartitions: 3, replicationFactor: -1 },
    { topic: `${topic}.labels`, numPartitions: 3, replicationFactor: -1 },
  ]);
  const produced = 1500;
  await producePurchases(producer, {
    seed: 'aws-path',
    schemaVersion: 1,
    rate: 1000,
    startMs: Date.parse('2026-11-27T08:00:00Z'),
    anomalyRate: 0.01,
    malformedRate: 0.02,
    topic,
    labelsTopic: `${topic}.labels`,
    count: produced,
    maxSpeed: true,
  });
  const errors: Error[] = [];
  const bronze = new BronzeIngester({
    kafka,
    catalog,
    topic,
    groupId: `aws-${randomUUID().slice(0, 8)}`,
    table: BRONZE_PURCHASES,
    commitIntervalMs: 500,
    onError: e => errors.push(e),
  });
  await bronze.start();
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const table = await loadTable(catalog, BRONZE_PURCHASES).catch(
        () => undefined,
      );
      const total = Number(
        table?.currentSnapshot()?.summary['total-records'] ?? 0,
      );
      if (total >= produced) break;
      if (Date.now() > deadline)
        throw new Error(`bronze holds ${total} of ${produced} records`);
      await new Promise(r => setTimeout(r, 500));
    }
  } finally {
    await bronze.stop();
  }
  expect(errors).toEqual([]);

  const silver = await new SilverProcessor({ catalog }).runUntilCaughtUp();
  expect(silver.read).toBe(produced);
  expect(silver.accepted + silver.rejected + silver.duplicates).toBe(produced);
  expect(silver.rejected).toBeGreaterThan(0);

  const purchases = await loadTable(catalog, SILVER_PURCHASES);
  expect(purchases.metadata.location).toBe(
    `s3://${BUCKET('silver')}/purchases`,
  );
  expect((await scanRows(purchases)).length).toBe(silver.accepted);
  const rejected = await loadTable(catalog, SILVER_REJECTED);
  expect((await scanRows(rejected)).length).toBe(silver.rejected);

  // DuckDB (`medallion sql`) reads the S3 tables from local copies of their files.
  const engine = new DuckDbEngine({
    catalog,
    tables: [SILVER_PURCHASES],
    files: new DataFileCache({ io: catalog.io, dir: cacheDir }),
  });
  try {
    const counted = await engine.query(
      'SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM silver.purchases',
    );
    expect(counted.rows).toEqual([{ n: silver.accepted, d: silver.accepted }]);
  } finally {
    await engine.close();
  }

  // The maintenance job's code on S3 (the table suite covers compaction and expiry):
  // a stray object in silver's data folder is removed, no row is lost.
  const stray = `${
    purchases.metadata.location
  }/data/stray-${randomUUID()}.parquet`;
  await catalog.io.writeNew(stray, new Uint8Array([1, 2, 3]));
  const reports = await maintainStreamingTables(catalog, {
    tables: [BRONZE_PURCHASES, SILVER_PURCHASES],
    minInputFiles: 2,
    orphanMinAgeMs: 0,
  });
  expect(reports.map(r => r.skipped)).toEqual([undefined, undefined]);
  expect(reports[1]!.orphanFiles).toBeGreaterThanOrEqual(1);
  expect(await catalog.io.exists(stray)).toBe(false);
  const maintained = await loadTable(catalog, SILVER_PURCHASES);
  expect((await scanRows(maintained)).length).toBe(silver.accepted);
  expect(
    (await scanRows(await loadTable(catalog, BRONZE_PURCHASES))).length,
  ).toBe(produced);

  const scanned = await oracle<{ row_count: number }>(
    glueOracleCatalog(moto, `s3://${BUCKET('gold')}/warehouse`),
    ['scan', 'silver.purchases'],
  );
  expect(scanned.row_count).toBe(silver.accepted);
});
