import { utimesSync } from 'node:fs';
import { parseIdentifier } from './catalog/catalog';
import { joinLocation } from './io/fileIO';
import { toLocalPath } from './io/localFileIO';
import { expireSnapshots, removeOrphanFiles } from './maintenance';
import { planFiles } from './scan';
import { appendFiles, commitSnapshot } from './snapshotProducer';
import { createTable, type Table } from './table';
import type { DataFile } from './types';
import {
  createTestCatalog,
  simpleSchema,
  type TestCatalog,
} from './__testUtils__/localCatalog';

let t: TestCatalog;
let table: Table;
beforeEach(async () => {
  t = await createTestCatalog();
  await t.catalog.createNamespace(['ns']);
  table = await createTable(t.catalog, parseIdentifier('ns.m'), {
    schema: simpleSchema(),
  });
});
afterEach(() => t.cleanup());

let n = 0;
async function dataFile(): Promise<DataFile> {
  const path = joinLocation(table.location, 'data', `f${n++}.parquet`);
  await t.catalog.io.writeNew(path, new Uint8Array([1, 2, 3]));
  return {
    content: 0,
    filePath: path,
    fileFormat: 'PARQUET',
    partition: [],
    recordCount: 1n,
    fileSizeInBytes: 3n,
  };
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('maintenance', () => {
  it('expires old snapshots and deletes only the files nothing else references', async () => {
    const a = await dataFile();
    const b = await dataFile();
    table = (await appendFiles(table, [a])).table;
    table = (await appendFiles(table, [b])).table;
    // Overwrite removes a: afterwards only the two older snapshots reference it.
    table = (
      await commitSnapshot(table, {
        operation: 'delete',
        addedFiles: [],
        removeFiles: f => f.filePath === a.filePath,
      })
    ).table;
    await sleep(5);
    const cutoff = Date.now();
    const c = await dataFile();
    table = (await appendFiles(table, [c])).table;
    expect(table.metadata.snapshots).toHaveLength(4);

    const result = await expireSnapshots(table, {
      olderThanMs: cutoff,
      retainLast: 1,
    });
    expect(result.expiredSnapshots).toHaveLength(3);
    expect(result.table.metadata.snapshots).toHaveLength(1);
    expect(result.table.metadata['snapshot-log']).toHaveLength(1);
    expect(result.deletedFiles.dataFiles).toBe(1);
    expect(await t.catalog.io.exists(a.filePath)).toBe(false);
    expect(await t.catalog.io.exists(b.filePath)).toBe(true);
    expect(
      (await planFiles(result.table)).tasks.map(x => x.file.filePath).sort(),
    ).toEqual([b.filePath, c.filePath].sort());
    // Nothing left to expire: a second run is a no-op commit that deletes nothing.
    const again = await expireSnapshots(result.table, { olderThanMs: cutoff });
    expect(again.expiredSnapshots).toEqual([]);
  });

  it('keeps the newest snapshots regardless of age', async () => {
    for (let i = 0; i < 5; i++)
      table = (await appendFiles(table, [await dataFile()])).table;
    const result = await expireSnapshots(table, {
      olderThanMs: Date.now() + 1000,
      retainLast: 2,
    });
    expect(result.table.metadata.snapshots).toHaveLength(2);
    expect((await planFiles(result.table)).tasks).toHaveLength(5);
  });

  it('removes orphan files older than the cutoff, never referenced ones', async () => {
    table = (await appendFiles(table, [await dataFile()])).table;
    const stray = joinLocation(
      table.location,
      'data',
      'crashed-writer.parquet',
    );
    await t.catalog.io.writeNew(stray, new Uint8Array([9]));
    const fresh = joinLocation(table.location, 'data', 'in-flight.parquet');
    await t.catalog.io.writeNew(fresh, new Uint8Array([9]));
    const old = (Date.now() - 10 * 86_400_000) / 1000;
    utimesSync(toLocalPath(stray), old, old);
    // Referenced files are old too, yet must survive.
    const live = (await planFiles(table)).tasks[0]!.file.filePath;
    utimesSync(toLocalPath(live), old, old);
    utimesSync(toLocalPath(table.metadataLocation), old, old);

    expect(await removeOrphanFiles(table, { dryRun: true })).toEqual([stray]);
    expect(await t.catalog.io.exists(stray)).toBe(true);
    expect(await removeOrphanFiles(table)).toEqual([stray]);
    expect(await t.catalog.io.exists(stray)).toBe(false);
    expect(await t.catalog.io.exists(fresh)).toBe(true);
    expect(await t.catalog.io.exists(live)).toBe(true);
  });
});
