/** Bad input gets a typed, readable error and leaves the table intact and readable. */
import { parseIdentifier } from './catalog/catalog';
import { appendRows, InvalidRowError } from './dataWriter';
import { ScanError, planFiles } from './scan';
import { snapshotManifests } from './snapshotProducer';
import { createTable, loadTable, type Table } from './table';
import { scanRows } from './tableScan';
import type { Schema } from './types';
import {
  createTestCatalog,
  type TestCatalog,
} from './__testUtils__/localCatalog';

const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: 'ts', required: true, type: 'timestamptz' },
    { id: 3, name: 'price', required: false, type: 'decimal(6, 2)' },
  ],
};

let t: TestCatalog;
let table: Table;
beforeEach(async () => {
  t = await createTestCatalog();
  await t.catalog.createNamespace(['ns']);
  table = await createTable(t.catalog, parseIdentifier('ns.strict'), {
    schema,
    partitionSpec: {
      'spec-id': 0,
      fields: [
        { 'source-id': 2, 'field-id': 1000, name: 'ts_day', transform: 'day' },
      ],
    },
  });
  table = (
    await appendRows(table, [
      { id: 1, ts: '2026-11-27T10:00:00Z', price: '9.99' },
    ])
  ).table;
});
afterEach(() => t.cleanup());

describe('bad input', () => {
  it.each([
    [{ id: 'one', ts: '2026-11-27T10:00:00Z' }, /id/],
    [{ id: 2 }, /ts/],
    [{ id: 2, ts: 'yesterday' }, /ts|timestamp/],
    [
      { id: 2, ts: '2026-11-27T10:00:00Z', price: '12345.678' },
      /price|decimal/,
    ],
    [
      { id: 2, ts: '2026-11-27T10:00:00Z', price: '99999.99' },
      /price|precision/,
    ],
  ])('rejects %j with a reason and commits nothing', async (bad, reason) => {
    const error = await appendRows(table, [
      { id: 5, ts: '2026-11-27T11:00:00Z' },
      bad,
    ]).catch(e => e as Error);
    expect(error).toBeInstanceOf(InvalidRowError);
    expect((error as Error).message).toMatch(reason);
    expect((error as InvalidRowError).rowIndex).toBe(1);
    expect((error as Error).message).toMatch(/^row 1: /);
    const reloaded = await loadTable(t.catalog, table.identifier);
    expect(reloaded.metadataLocation).toBe(table.metadataLocation);
    expect((await scanRows(reloaded)).map(r => Number(r.id))).toEqual([1]);
  });

  it('names a missing manifest and keeps the catalog pointer', async () => {
    const [manifest] = await snapshotManifests(
      table.io,
      table.currentSnapshot(),
    );
    await t.catalog.io.delete(manifest!.manifestPath);
    await expect(planFiles(table)).rejects.toThrow(manifest!.manifestPath);
    expect(
      (await loadTable(t.catalog, table.identifier)).metadataLocation,
    ).toBe(table.metadataLocation);
  });

  it('refuses time travel to a time before the table had data', async () => {
    await expect(planFiles(table, { asOfTimestampMs: 0 })).rejects.toThrow(
      ScanError,
    );
    expect(
      (await planFiles(table, { asOfTimestampMs: Date.now() })).tasks,
    ).toHaveLength(1);
    await expect(planFiles(table, { snapshotId: 42n })).rejects.toThrow(
      /snapshot 42 does not exist/,
    );
  });
});
