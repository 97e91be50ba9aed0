import { InputError } from '@backstage/errors';
import {
  BRONZE_PURCHASES,
  bronzeSchema,
  bronzeSpec,
  ensureTable,
  loadTable,
  PurchaseGenerator,
  rewriteDataFiles,
  SilverProcessor,
  appendRows,
  toBronzeRow,
  type Snapshot,
  type Table,
} from '@medallion/pipeline';
import { LakehouseReader } from './LakehouseReader';
import { computePipelineMetrics } from './pipelineMetrics';
import {
  createTempLakehouse,
  type TempLakehouse,
} from './__testUtils__/tempLakehouse';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Generated purchase records (5 % malformed) as the bronze ingester stores them. */
async function ingest(table: Table, count: number, firstOffset: number) {
  const records = new PurchaseGenerator({
    seed: `metrics-${firstOffset}`,
    schemaVersion: 1,
    rate: 50,
    startMs: Date.parse('2026-11-27T06:00:00Z'),
    anomalyRate: 0.02,
    malformedRate: 0.05,
  }).take(count);
  const rows = records.map((r, i) =>
    toBronzeRow(
      {
        topic: 'purchases',
        partition: 0,
        offset: String(firstOffset + i),
        key: Buffer.from(r.key),
        value: Buffer.from(r.value),
      },
      BigInt(Date.now()) * 1000n,
    ),
  );
  return appendRows(table, rows);
}

let lake: TempLakehouse;
let first: Snapshot;
let second: Snapshot;
let compaction: Snapshot;
let accepted: number;
let rejected: number;
beforeAll(async () => {
  lake = await createTempLakehouse();
  let bronze = await ensureTable(
    lake.catalog,
    BRONZE_PURCHASES,
    bronzeSchema,
    bronzeSpec,
  );
  const a = await ingest(bronze, 60, 0);
  first = a.snapshot!;
  await sleep(5);
  const b = await ingest(a.table, 40, 60);
  second = b.snapshot!;
  await sleep(5);
  const silver = await new SilverProcessor({
    catalog: lake.catalog,
  }).runUntilCaughtUp();
  accepted = silver.accepted;
  rejected = silver.rejected + silver.duplicates;
  await sleep(5);
  bronze = await loadTable(lake.catalog, BRONZE_PURCHASES);
  const compacted = await rewriteDataFiles(bronze, { minInputFiles: 2 });
  compaction = compacted.snapshot!;
});
afterAll(() => lake.cleanup());

describe('computePipelineMetrics', () => {
  it('has a fixture of two appends, a silver run and a compaction', () => {
    expect(compaction.summary.operation).toBe('replace');
    expect(compaction.summary['added-records']).toBe('100');
    expect(accepted + rejected).toBe(100);
    expect(rejected).toBeGreaterThan(0);
  });

  it('counts appended records over the window, never the compaction', async () => {
    const windowSeconds = 600;
    // The window (first - 1 ms, first - 1 ms + 600 s] holds every commit.
    const now = new Date(first['timestamp-ms'] - 1 + windowSeconds * 1000);
    const metrics = await computePipelineMetrics(lake.catalog, {
      windowSeconds,
      now,
    });
    expect(metrics).toEqual({
      measuredAt: now.toISOString(),
      windowSeconds,
      throughput: {
        bronzeEventsPerSecond: 100 / windowSeconds,
        silverEventsPerSecond: 100 / windowSeconds,
      },
      consumerLag: { records: null, partitions: [] },
      commitLatencyMs: null,
      rejected: {
        accepted,
        rejected,
        rate: rejected / (accepted + rejected),
      },
    });
  });

  it('leaves out commits at or before the window start and after now', async () => {
    const windowSeconds = 600;
    // (first, first + 600 s]: the first append is exactly at the start, so out.
    const later = await computePipelineMetrics(lake.catalog, {
      windowSeconds,
      now: new Date(first['timestamp-ms'] + windowSeconds * 1000),
    });
    expect(later.throughput.bronzeEventsPerSecond).toBe(40 / windowSeconds);
    // Ending just before the second append: only the first is in.
    const earlier = await computePipelineMetrics(lake.catalog, {
      windowSeconds,
      now: new Date(second['timestamp-ms'] - 1),
    });
    expect(earlier.throughput.bronzeEventsPerSecond).toBe(60 / windowSeconds);
    expect(earlier.throughput.silverEventsPerSecond).toBe(0);
  });

  it('reads through a LakehouseReader the same as through the catalog', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const now = new Date(first['timestamp-ms'] + 1000);
    const options = { windowSeconds: 30, now };
    expect(await computePipelineMetrics(reader, options)).toEqual(
      await computePipelineMetrics(lake.catalog, options),
    );
  });

  it('reports lag from the provider, or unknown when it is absent, empty or failing', async () => {
    const reading = {
      records: 12,
      partitions: [
        { topic: 'purchases', partition: 0, lag: 5 },
        { topic: 'purchases', partition: 1, lag: 7 },
      ],
    };
    const lagOf = async (lag?: () => Promise<typeof reading | null>) =>
      (await computePipelineMetrics(lake.catalog, { windowSeconds: 60, lag }))
        .consumerLag;
    expect(await lagOf(async () => reading)).toEqual(reading);
    const unknown = { records: null, partitions: [] };
    expect(await lagOf(async () => null)).toEqual(unknown);
    expect(
      await lagOf(async () => {
        throw new Error('broker down');
      }),
    ).toEqual(unknown);
    expect(await lagOf()).toEqual(unknown);
  });

  it('summarizes commit latencies', async () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
    const metrics = await computePipelineMetrics(lake.catalog, {
      windowSeconds: 60,
      commitLatenciesMs: samples,
    });
    expect(metrics.commitLatencyMs).toEqual({
      p50: 100,
      p99: 198,
      samples: 200,
    });
  });

  it('counts tables that do not exist yet as zero', async () => {
    const empty = await createTempLakehouse();
    try {
      const metrics = await computePipelineMetrics(empty.catalog, {
        windowSeconds: 60,
        commitLatenciesMs: [],
      });
      expect(metrics.throughput).toEqual({
        bronzeEventsPerSecond: 0,
        silverEventsPerSecond: 0,
      });
      expect(metrics.rejected).toEqual({
        accepted: 0,
        rejected: 0,
        rate: null,
      });
      expect(metrics.commitLatencyMs).toBeNull();
      const reader = new LakehouseReader({ catalog: empty.catalog });
      expect(
        (await computePipelineMetrics(reader, { windowSeconds: 60 })).rejected,
      ).toEqual({ accepted: 0, rejected: 0, rate: null });
    } finally {
      await empty.cleanup();
    }
  });

  it('refuses a window that is not positive', async () => {
    for (const windowSeconds of [0, -5, NaN]) {
      await expect(
        computePipelineMetrics(lake.catalog, { windowSeconds }),
      ).rejects.toThrow(InputError);
    }
  });
});
