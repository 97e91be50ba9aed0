import type { GeneratedRecord } from '../events/generator';
import { CommitValidationError } from '../iceberg/commit';
import { loadTable } from '../iceberg/table';
import { scanRows, type Row } from '../iceberg/tableScan';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import { appendToBronze, generateRecords } from './__testUtils__/bronzeRecords';
import { SILVER_PURCHASES, SILVER_REJECTED } from './silverRows';
import { SilverProcessor, watermarkOf } from './silverProcessor';
import { rebuildSilver } from './silverRebuild';
import { BRONZE_PURCHASES } from './bronzeTable';

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
  const table = await appendToBronze(t.catalog, records, offset, 3);
  offset += records.length;
  return table;
}

const generate = generateRecords;

const json = (row: Row) =>
  JSON.stringify(row, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    return v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v;
  });

/** Both silver tables as content keyed by identity (rejected_at is when, not what). */
async function contents() {
  const silver = await scanRows(await loadTable(t.catalog, SILVER_PURCHASES));
  const rejected = await scanRows(await loadTable(t.catalog, SILVER_REJECTED));
  return {
    silver: new Map(silver.map(r => [String(r.event_id), json(r)])),
    silverRows: silver.length,
    rejected: new Map(
      rejected.map(({ rejected_at: _at, ...r }) => [
        `${r.kafka_topic}:${r.kafka_partition}:${r.kafka_offset}`,
        json(r),
      ]),
    ),
    rejectedRows: rejected.length,
  };
}

async function watermarks() {
  return {
    silver: watermarkOf(
      (await loadTable(t.catalog, SILVER_PURCHASES)).metadata,
    ),
    rejected: watermarkOf(
      (await loadTable(t.catalog, SILVER_REJECTED)).metadata,
    ),
  };
}

async function bronzeHead() {
  return (await loadTable(t.catalog, BRONZE_PURCHASES)).metadata[
    'current-snapshot-id'
  ];
}

/** Some history: v1 events, replays of them (duplicates), then v2 events (schema evolution). */
async function incrementalHistory(processor: SilverProcessor) {
  const v1 = generate('a', 500);
  await toBronze(v1.slice(0, 300));
  await processor.runOnce();
  await toBronze(v1.slice(300));
  await processor.runOnce();
  const replays = v1.filter(r => !r.malformed).slice(0, 15);
  await toBronze([...replays, ...generate('b', 200, 2)]);
  const r = await processor.runOnce();
  expect(r.duplicates).toBe(15);
  expect(r.schemaEvolved).toBe(true);
}

describe('silver rebuild', () => {
  it('reproduces the incremental result, sets the watermark to bronze, and incremental runs continue exactly', async () => {
    const processor = new SilverProcessor({ catalog: t.catalog });
    await incrementalHistory(processor);
    const incremental = await contents();

    const result = await rebuildSilver({ catalog: t.catalog });
    const head = await bronzeHead();
    expect(result).toMatchObject({
      bronzeSnapshotId: head,
      read: 715,
      accepted: incremental.silverRows,
      rejected: incremental.rejectedRows,
      duplicates: 15,
      attempts: 1,
    });
    const rebuilt = await contents();
    expect(rebuilt.silverRows).toBe(incremental.silverRows);
    expect(rebuilt.rejectedRows).toBe(incremental.rejectedRows);
    expect(rebuilt.silver).toEqual(incremental.silver);
    expect(rebuilt.rejected).toEqual(incremental.rejected);
    expect(await watermarks()).toEqual({ silver: head, rejected: head });
    const silverTable = await loadTable(t.catalog, SILVER_PURCHASES);
    expect(silverTable.currentSnapshot()?.summary.operation).toBe('overwrite');
    expect((await processor.runOnce()).read).toBe(0);

    // More bronze afterwards: incremental processing picks up exactly the new records.
    const more = generate('c', 250, 2);
    const resent = generate('a', 40).filter(r => !r.malformed);
    await toBronze([...more, ...resent]);
    const next = await processor.runOnce();
    expect(next.read).toBe(more.length + resent.length);
    expect(next.duplicates).toBe(resent.length);
    const after = await contents();
    const bronzeRows = await scanRows(
      await loadTable(t.catalog, BRONZE_PURCHASES),
    );
    expect(after.silverRows + after.rejectedRows).toBe(bronzeRows.length);
    expect(after.silver.size).toBe(after.silverRows);
    expect(after.silverRows).toBe(
      incremental.silverRows + more.filter(r => !r.malformed).length,
    );
    // And a second rebuild agrees with the incremental result again.
    await rebuildSilver({ catalog: t.catalog });
    const again = await contents();
    expect(again.silver).toEqual(after.silver);
    expect(again.rejected).toEqual(after.rejected);
  });

  it('starts over when a silver run commits during the rebuild', async () => {
    const processor = new SilverProcessor({ catalog: t.catalog });
    await incrementalHistory(processor);
    let raced = false;
    const result = await rebuildSilver({
      catalog: t.catalog,
      onProgress: async message => {
        // Between reading bronze and committing: bronze grows and a silver run lands.
        if (raced || !message.startsWith('read')) return;
        raced = true;
        await toBronze(generate('d', 100));
        await processor.runOnce();
      },
    });
    expect(result.attempts).toBe(2);
    const head = await bronzeHead();
    expect(result.bronzeSnapshotId).toBe(head);
    expect(await watermarks()).toEqual({ silver: head, rejected: head });
    const rebuilt = await contents();
    const bronzeRows = await scanRows(
      await loadTable(t.catalog, BRONZE_PURCHASES),
    );
    expect(rebuilt.silverRows + rebuilt.rejectedRows).toBe(bronzeRows.length);
    expect(rebuilt.silver.size).toBe(rebuilt.silverRows);
  });

  it('fences a silver run that started before the rebuild committed', async () => {
    let rebuildInside = true;
    const processor = new SilverProcessor({
      catalog: t.catalog,
      // The run has committed the quarantine; a rebuild lands before its silver commit.
      betweenCommits: async () => {
        if (!rebuildInside) return;
        rebuildInside = false;
        await rebuildSilver({ catalog: t.catalog });
      },
    });
    await toBronze(generate('e', 300));
    await expect(processor.runOnce()).rejects.toThrow(CommitValidationError);
    const head = await bronzeHead();
    expect(await watermarks()).toEqual({ silver: head, rejected: head });
    expect((await processor.runOnce()).read).toBe(0);
    const rebuilt = await contents();
    expect(rebuilt.silverRows + rebuilt.rejectedRows).toBe(300);
    expect(rebuilt.silver.size).toBe(rebuilt.silverRows);
  });
});
