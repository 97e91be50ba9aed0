import { InputError } from '@backstage/errors';
import {
  ancestors,
  appendRows,
  createTable,
  expireSnapshots,
  type Table,
} from '@medallion/pipeline';
import type { SnapshotsPage } from '@medallion/plugin-lakehouse-common';
import { LakehouseReader } from './LakehouseReader';
import { encodeCursor } from './snapshotPaging';
import {
  createTempLakehouse,
  type TempLakehouse,
} from './__testUtils__/tempLakehouse';

jest.setTimeout(60_000);

const ID = { namespace: ['bronze'], name: 'log' };

let lake: TempLakehouse;
let table: Table;
beforeAll(async () => {
  lake = await createTempLakehouse();
  await lake.catalog.createNamespace(['bronze']);
  table = await createTable(lake.catalog, ID, {
    schema: {
      type: 'struct',
      'schema-id': 0,
      fields: [{ id: 1, name: 'n', required: true, type: 'long' }],
    },
  });
  for (let i = 0; i < 7; i++)
    table = (await appendRows(table, [{ n: i }])).table;
});
afterAll(() => lake.cleanup());

const idsOf = (page: SnapshotsPage) => page.items.map(s => s.snapshotId);
const newestFirst = (t: Table) =>
  ancestors(t.metadata).map(s => s['snapshot-id'].toString());

describe('LakehouseReader.listSnapshots', () => {
  it('pages through the snapshots newest first', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const expected = newestFirst(table);
    const first = await reader.listSnapshots('bronze', 'log', { limit: 3 });
    expect(first.total).toBe(7);
    expect(idsOf(first)).toEqual(expected.slice(0, 3));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await reader.listSnapshots('bronze', 'log', {
      limit: 3,
      cursor: first.nextCursor!,
    });
    expect(idsOf(second)).toEqual(expected.slice(3, 6));
    const third = await reader.listSnapshots('bronze', 'log', {
      limit: 3,
      cursor: second.nextCursor!,
    });
    expect(idsOf(third)).toEqual(expected.slice(6));
    expect(third.nextCursor).toBeNull();

    const snap = table.metadata.snapshots.find(
      s => s['snapshot-id'].toString() === expected[6],
    )!;
    expect(third.items[0]).toEqual({
      snapshotId: expected[6],
      parentId: null,
      sequenceNumber: 1,
      timestamp: new Date(snap['timestamp-ms']).toISOString(),
      operation: 'append',
      schemaId: 0,
      summary: expect.objectContaining({
        operation: 'append',
        'added-records': '1',
        'total-records': '1',
      }),
    });
  });

  it('returns everything on one page by default and no cursor when it fits', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const page = await reader.listSnapshots('bronze', 'log');
    expect(idsOf(page)).toEqual(newestFirst(table));
    expect(page.nextCursor).toBeNull();
    const exact = await reader.listSnapshots('bronze', 'log', { limit: 7 });
    expect(exact.nextCursor).toBeNull();
  });

  it('continues where it stopped when commits arrive between pages', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const before = newestFirst(table);
    const first = await reader.listSnapshots('bronze', 'log', { limit: 2 });
    table = (await appendRows(table, [{ n: 100 }])).table;
    const second = await reader.listSnapshots('bronze', 'log', {
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(idsOf(second)).toEqual(before.slice(2, 4));
    expect(second.total).toBe(before.length + 1);
  });

  it('accepts a cursor whose snapshot has since been expired', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    const first = await reader.listSnapshots('bronze', 'log', { limit: 5 });
    table = (await appendRows(table, [{ n: 101 }])).table;
    table = (
      await expireSnapshots(table, {
        olderThanMs: Date.now() + 1,
        retainLast: 3,
        cleanFiles: false,
      })
    ).table;
    expect(newestFirst(table)).not.toContain(first.items[4]!.snapshotId);
    // Everything older than the cursor is gone too: an empty last page, not an error.
    expect(
      await reader.listSnapshots('bronze', 'log', {
        limit: 5,
        cursor: first.nextCursor!,
      }),
    ).toEqual({ items: [], nextCursor: null, total: 3 });
  });

  it('returns an empty page for a table without snapshots', async () => {
    await createTable(
      lake.catalog,
      { namespace: ['bronze'], name: 'none' },
      { schema: table.schema() },
    );
    const reader = new LakehouseReader({ catalog: lake.catalog });
    expect(await reader.listSnapshots('bronze', 'none')).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it('rejects bad limits and cursors with a 400', async () => {
    const reader = new LakehouseReader({ catalog: lake.catalog });
    for (const limit of [0, -1, 501, 1.5, NaN]) {
      await expect(
        reader.listSnapshots('bronze', 'log', { limit }),
      ).rejects.toThrow(InputError);
    }
    const bad = [
      'not-a-cursor',
      '',
      Buffer.from('{"s":"x","t":1,"i":"2"}').toString('base64url'),
      Buffer.from('[1,2,3]').toString('base64url'),
    ];
    for (const cursor of bad) {
      await expect(
        reader.listSnapshots('bronze', 'log', { cursor }),
      ).rejects.toThrow(
        new InputError(
          'invalid cursor: pass the nextCursor of a previous page',
        ),
      );
    }
    expect(
      (
        await reader.listSnapshots('bronze', 'log', {
          limit: 500,
          cursor: encodeCursor({ sequence: 0n, timestampMs: 0, id: 0n }),
        })
      ).items,
    ).toEqual([]);
  });
});
