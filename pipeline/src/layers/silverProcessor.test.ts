import type { GeneratedRecord } from '../events/generator';
import { loadTable } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import { appendToBronze, generateRecords } from './__testUtils__/bronzeRecords';
import { SILVER_PURCHASES, SILVER_REJECTED } from './silverRows';
import { SilverProcessor, watermarkOf } from './silverProcessor';

// Iceberg writes and scans on disk: well under a second each alone, slower on a busy CI.
jest.setTimeout(60_000);

let t: TestCatalog;
let offset = 0;
beforeEach(async () => {
  t = await createTestCatalog();
  offset = 0;
});
afterEach(() => t.cleanup());

async function toBronze(
  records: Array<Pick<GeneratedRecord, 'key' | 'value'>>,
) {
  const table = await appendToBronze(t.catalog, records, offset);
  offset += records.length;
  return table;
}

const generate = generateRecords;

async function counts() {
  const silver = await scanRows(await loadTable(t.catalog, SILVER_PURCHASES));
  const rejected = await scanRows(await loadTable(t.catalog, SILVER_REJECTED));
  return { silver, rejected };
}

describe('silver processor', () => {
  it('splits bronze into silver and quarantine: accepted + rejected = bronze, incrementally', async () => {
    const first = generate('a', 600);
    await toBronze(first);
    const processor = new SilverProcessor({ catalog: t.catalog });
    const r1 = await processor.runOnce();
    expect(r1.read).toBe(600);
    expect(r1.accepted + r1.rejected).toBe(600);
    expect(r1.rejected).toBe(first.filter(r => r.malformed).length);
    expect((await processor.runOnce()).read).toBe(0); // nothing new

    const second = generate('b', 400);
    const bronze = await toBronze(second);
    const r2 = await processor.runOnce();
    expect(r2.read).toBe(400);
    const { silver, rejected } = await counts();
    expect(silver.length + rejected.length).toBe(1000);
    expect(new Set(silver.map(r => r.event_id)).size).toBe(silver.length);
    expect(
      watermarkOf((await loadTable(t.catalog, SILVER_PURCHASES)).metadata),
    ).toBe(bronze.metadata['current-snapshot-id']);
    expect(
      rejected.every(
        r =>
          typeof r.error_code === 'string' && String(r.error_reason).length > 0,
      ),
    ).toBe(true);
  });

  it('quarantines replayed events as duplicates and evolves the schema for v2', async () => {
    const v1 = generate('c', 200).filter(r => !r.malformed);
    await toBronze(v1);
    const processor = new SilverProcessor({ catalog: t.catalog });
    await processor.runOnce();
    // The producer re-sends 20 events (new offsets, same event_ids) and switches to v2.
    const v2 = generate('d', 100, 2).filter(r => !r.malformed);
    await toBronze([...v1.slice(0, 20), ...v2]);
    const r = await processor.runOnce();
    expect(r.duplicates).toBe(20);
    expect(r.schemaEvolved).toBe(true);
    const { silver, rejected } = await counts();
    expect(silver).toHaveLength(v1.length + v2.length);
    expect(
      rejected.filter(x => x.error_code === 'duplicate_event'),
    ).toHaveLength(20);
    const old = silver.find(x => x.schema_version === 1)!;
    const evolved = silver.find(x => x.schema_version === 2)!;
    expect(old.device).toBeNull();
    expect(evolved.device).not.toBeNull();
  });

  it('recovers from a crash between its two commits without losing or doubling rows', async () => {
    await toBronze(generate('e', 300));
    let crash = true;
    const processor = new SilverProcessor({
      catalog: t.catalog,
      betweenCommits: () => {
        if (crash) throw new Error('killed');
      },
    });
    await expect(processor.runOnce()).rejects.toThrow('killed');
    const afterCrash = await counts();
    expect(afterCrash.silver).toHaveLength(0);
    expect(afterCrash.rejected.length).toBeGreaterThan(0);
    crash = false;
    await processor.runOnce();
    const { silver, rejected } = await counts();
    expect(silver.length + rejected.length).toBe(300);
    expect(rejected.length).toBe(afterCrash.rejected.length);
  });

  it('catches up in bounded batches of whole bronze snapshots, exactly once', async () => {
    for (const seed of ['f', 'g', 'h', 'i', 'j'])
      await toBronze(generate(seed, 120));
    const processor = new SilverProcessor({
      catalog: t.catalog,
      maxRowsPerRun: 250,
    });
    const runs: number[] = [];
    const total = await processor.runUntilCaughtUp(r => runs.push(r.read));
    // 120-row snapshots, at most 250 rows a run: 2 + 2 + 1 snapshots.
    expect(runs).toEqual([240, 240, 120]);
    expect(total.read).toBe(600);
    const { silver, rejected } = await counts();
    expect(silver.length + rejected.length).toBe(600);
    expect(new Set(silver.map(r => r.event_id)).size).toBe(silver.length);
  });

  it('deduplicates against silver written by another processor, and remembers what it committed', async () => {
    const events = generate('k', 150).filter(r => !r.malformed);
    await toBronze(events.slice(0, 100));
    // Another process wrote these; this processor's id index has never seen them.
    await new SilverProcessor({ catalog: t.catalog }).runOnce();
    const processor = new SilverProcessor({ catalog: t.catalog });
    await toBronze([...events.slice(90, 150)]);
    const r = await processor.runOnce();
    expect(r.duplicates).toBe(10);
    // Its index now holds them: a replay of the first 5 is caught without re-reading.
    await toBronze(events.slice(0, 5));
    expect((await processor.runOnce()).duplicates).toBe(5);
    const { silver } = await counts();
    expect(silver).toHaveLength(events.length);
    expect(new Set(silver.map(x => x.event_id)).size).toBe(events.length);
  });
});
