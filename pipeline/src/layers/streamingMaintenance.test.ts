import { utimesSync, writeFileSync } from 'node:fs';
import { PurchaseGenerator } from '../events/generator';
import { appendRows } from '../iceberg/dataWriter';
import { toLocalPath } from '../iceberg/io/localFileIO';
import { planFiles } from '../iceberg/scan';
import { loadTable, type Table } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import {
  BRONZE_PURCHASES,
  bronzeSchema,
  bronzeSpec,
  ensureTable,
  STREAMING_TABLE_PROPERTIES,
  toBronzeRow,
} from './bronzeTable';
import {
  encodeOffsets,
  offsetsKey,
  tableOffsets,
  type PartitionOffsets,
} from './kafkaOffsets';
import { SILVER_PURCHASES, SILVER_REJECTED } from './silverRows';
import { SilverProcessor, WATERMARK_KEY, watermarkOf } from './silverProcessor';
import {
  carriedSummary,
  compactStreamingTable,
  maintainTable,
} from './streamingMaintenance';

let t: TestCatalog;
let next: PartitionOffsets;
beforeEach(async () => {
  t = await createTestCatalog();
  next = new Map();
});
afterEach(() => t.cleanup());

const TOPIC = 'purchases';
const GROUP = 'medallion-bronze';
const generator = () =>
  new PurchaseGenerator({
    seed: 'maintain',
    schemaVersion: 1,
    rate: 50,
    startMs: Date.parse('2026-11-27T06:00:00Z'),
    anomalyRate: 0.02,
    malformedRate: 0.05,
  });

/** An ingester-like commit: records of two partitions with the offsets in the summary. */
async function ingestBatch(gen: PurchaseGenerator, count: number) {
  const table = await ensureTable(
    t.catalog,
    BRONZE_PURCHASES,
    bronzeSchema,
    bronzeSpec,
    STREAMING_TABLE_PROPERTIES,
  );
  const ingest = BigInt(Date.now()) * 1000n;
  const rows = gen.take(count).map((r, i) => {
    const partition = i % 2;
    const offset = next.get(partition) ?? 0n;
    next.set(partition, offset + 1n);
    return toBronzeRow(
      {
        topic: TOPIC,
        partition,
        offset: String(offset),
        key: Buffer.from(r.key),
        value: Buffer.from(r.value),
      },
      ingest,
    );
  });
  return (
    await appendRows(table, rows, {
      summary: { [offsetsKey(TOPIC, GROUP)]: encodeOffsets(next) },
    })
  ).table;
}

const fileCount = async (table: Table) =>
  (await planFiles(await table.refresh())).tasks.length;
const offsetsOf = async (table: Table) =>
  tableOffsets((await table.refresh()).metadata, TOPIC, GROUP).offsets;

async function silverTotals() {
  const silver = await scanRows(await loadTable(t.catalog, SILVER_PURCHASES));
  const rejected = await scanRows(await loadTable(t.catalog, SILVER_REJECTED));
  return {
    rows: silver.length + rejected.length,
    ids: new Set(silver.map(r => r.event_id)).size,
    accepted: silver.length,
  };
}

describe('streaming table maintenance', () => {
  it('compacts bronze and silver keeping rows, offsets and watermarks; silver continues exactly', async () => {
    const gen = generator();
    for (let i = 0; i < 6; i++) await ingestBatch(gen, 40);
    const processor = new SilverProcessor({ catalog: t.catalog });
    await processor.runOnce();
    // Bronze beyond silver's watermark: compacted before silver reads it.
    for (let i = 0; i < 3; i++) await ingestBatch(gen, 40);
    let bronze = await loadTable(t.catalog, BRONZE_PURCHASES);
    const offsetsBefore = await offsetsOf(bronze);
    expect(await fileCount(bronze)).toBe(9);

    const report = await maintainTable(t.catalog, BRONZE_PURCHASES, {
      minInputFiles: 2,
      snapshotMaxAgeMs: 0,
      retainSnapshots: 1,
    });
    expect(report.compaction).toEqual({
      partitions: 1,
      rewrittenFiles: 9,
      addedFiles: 1,
    });
    bronze = await bronze.refresh();
    expect(await fileCount(bronze)).toBe(1);
    expect((await scanRows(bronze)).length).toBe(360);
    // The compaction snapshot itself carries the offsets: expiry cannot lose them.
    const replace = bronze.metadata.snapshots.find(
      s => s.summary.operation === 'replace',
    )!;
    expect(replace.summary[offsetsKey(TOPIC, GROUP)]).toBe(
      encodeOffsets(offsetsBefore),
    );
    expect(await offsetsOf(bronze)).toEqual(offsetsBefore);
    // Silver's watermark snapshot and the appends after it survive expiry.
    expect(report.expiredSnapshots).toBeGreaterThan(0);
    const wm = watermarkOf(
      (await loadTable(t.catalog, SILVER_PURCHASES)).metadata,
    );
    expect(bronze.metadata.snapshots.map(s => s['snapshot-id'])).toContain(wm);

    const r = await processor.runOnce();
    expect(r.read).toBe(120); // only the 3 batches after the watermark, not the compacted copies
    expect((await silverTotals()).rows).toBe(360);

    // Silver compacted and expired down to one snapshot: the watermark stays.
    for (let i = 0; i < 3; i++) {
      await ingestBatch(gen, 40);
      await processor.runOnce();
    }
    const silverReport = await maintainTable(t.catalog, SILVER_PURCHASES, {
      minInputFiles: 2,
      snapshotMaxAgeMs: 0,
      retainSnapshots: 1,
    });
    expect(silverReport.compaction.rewrittenFiles).toBeGreaterThan(1);
    const silver = await loadTable(t.catalog, SILVER_PURCHASES);
    expect(silver.metadata.snapshots).toHaveLength(1);
    expect(silver.currentSnapshot()!.summary[WATERMARK_KEY]).toBe(
      String((await bronze.refresh()).metadata['current-snapshot-id']),
    );
    expect((await processor.runOnce()).read).toBe(0);
    await ingestBatch(gen, 40);
    expect((await processor.runOnce()).read).toBe(40);
    const totals = await silverTotals();
    expect(totals.rows).toBe(520);
    expect(totals.ids).toBe(totals.accepted);
  });

  it('carries forward the offsets of an ingester commit that wins the race against compaction', async () => {
    const gen = generator();
    for (let i = 0; i < 4; i++) await ingestBatch(gen, 20);
    const table = await loadTable(t.catalog, BRONZE_PURCHASES);
    let raced = false;
    const result = await compactStreamingTable(table, {
      minInputFiles: 2,
      validate: async () => {
        // An ingester commit lands between compaction's planning and its swap.
        if (raced) return;
        raced = true;
        await ingestBatch(gen, 20);
      },
    });
    expect(result.rewrittenFiles).toBe(4);
    const head = await table.refresh();
    expect(head.currentSnapshot()!.summary.operation).toBe('replace');
    expect(carriedSummary(head.metadata)).toEqual({
      [offsetsKey(TOPIC, GROUP)]: encodeOffsets(next),
    });
    expect(head.currentSnapshot()!.summary[offsetsKey(TOPIC, GROUP)]).toBe(
      encodeOffsets(next),
    );
    const rows = await scanRows(head);
    expect(rows).toHaveLength(100);
    expect(
      new Set(rows.map(r => `${r.kafka_partition}:${r.kafka_offset}`)).size,
    ).toBe(100);
  });

  it('removes orphan files older than the safety age and keeps younger ones and everything referenced', async () => {
    const gen = generator();
    for (let i = 0; i < 3; i++) await ingestBatch(gen, 20);
    const table = await loadTable(t.catalog, BRONZE_PURCHASES);
    const dataDir = toLocalPath(`${table.location}/data`);
    const old = `${dataDir}/killed-writer-old.parquet`;
    const young = `${dataDir}/killed-writer-young.parquet`;
    writeFileSync(old, 'left by a writer killed before its commit');
    writeFileSync(young, 'being written by a live writer');
    const twoHoursAgo = (Date.now() - 2 * 3_600_000) / 1000;
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    // Referenced files just as old must stay.
    for (const task of (await planFiles(table)).tasks) {
      const path = toLocalPath(task.file.filePath);
      utimesSync(path, twoHoursAgo, twoHoursAgo);
    }
    const report = await maintainTable(t.catalog, BRONZE_PURCHASES, {
      minInputFiles: 100,
    });
    expect(report.orphanFiles).toBe(1);
    const remaining = new Set<string>();
    for await (const f of table.io.list(table.location))
      remaining.add(toLocalPath(f.location));
    expect(remaining.has(old)).toBe(false);
    expect(remaining.has(young)).toBe(true);
    expect(await scanRows(await table.refresh())).toHaveLength(60);
  });
});
