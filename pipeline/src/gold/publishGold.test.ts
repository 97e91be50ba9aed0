/**
 * Publishing staged marts into gold on a local catalog: the first publish creates the
 * table, the next overwrite it in one commit, and gold's schema follows the model by
 * name (added and widened columns; a dropped one stays, optional and null).
 */
import { appendRows } from '../iceberg/dataWriter';
import { createTable, loadTable, type Table } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import type { Schema } from '../iceberg/types';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import { GOLD_STAGING_NAMESPACE } from './goldNamespaces';
import { publishStagedGold } from './publishGold';

let lake: TestCatalog;
beforeEach(async () => {
  lake = await createTestCatalog();
  await lake.catalog.createNamespace([GOLD_STAGING_NAMESPACE]);
});
afterEach(() => lake.cleanup());

const staged = { namespace: [GOLD_STAGING_NAMESPACE], name: 'dim_products' };
const gold = { namespace: ['gold'], name: 'dim_products' };

/** What dbt does on each build: drop the staged table and create it anew. */
async function stage(schema: Schema, rows: object[]): Promise<Table> {
  await lake.catalog.dropTable(staged).catch(() => undefined);
  return (
    await appendRows(await createTable(lake.catalog, staged, { schema }), rows)
  ).table;
}

const v1: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'product_id', required: true, type: 'string' },
    { id: 2, name: 'orders', required: false, type: 'int' },
    { id: 3, name: 'category', required: true, type: 'string' },
  ],
};

const publish = () =>
  publishStagedGold(lake.catalog, ['dim_products'], 'gold').then(
    r => r.dim_products,
  );

it('creates gold, then replaces its rows in one commit per build', async () => {
  await stage(v1, [
    { product_id: 'p1', orders: 2, category: 'books' },
    { product_id: 'p2', orders: 1, category: 'toys' },
  ]);
  const first = await publish();
  expect(first).toMatchObject({
    table: 'gold.dim_products',
    rows: 2,
    created: true,
    schemaChanged: false,
  });
  await stage(v1, [{ product_id: 'p3', orders: 5, category: 'games' }]);
  const second = await publish();
  expect(second).toMatchObject({ rows: 1, created: false });
  const table = await loadTable(lake.catalog, gold);
  expect(await scanRows(table)).toEqual([
    { product_id: 'p3', orders: 5, category: 'games' },
  ]);
  expect(table.metadata.snapshots.map(s => s.summary.operation)).toEqual([
    'overwrite',
    'overwrite',
  ]);
  expect(String(table.metadata['current-snapshot-id'])).toBe(second.snapshotId);
});

it('follows the model by name: adds, widens, keeps a dropped column as null', async () => {
  await stage(v1, [{ product_id: 'p1', orders: 2, category: 'books' }]);
  await publish();
  // The model drops category, widens orders to long and adds units.
  await stage(
    {
      type: 'struct',
      'schema-id': 0,
      fields: [
        { id: 1, name: 'product_id', required: true, type: 'string' },
        { id: 2, name: 'orders', required: false, type: 'long' },
        { id: 3, name: 'units', required: false, type: 'long' },
      ],
    },
    [{ product_id: 'p1', orders: 3n, units: 7n }],
  );
  expect(await publish()).toMatchObject({ schemaChanged: true });
  const table = await loadTable(lake.catalog, gold);
  expect(table.schema().fields.map(f => [f.name, f.type, f.required])).toEqual([
    ['product_id', 'string', true],
    ['orders', 'long', false],
    ['category', 'string', false],
    ['units', 'long', false],
  ]);
  expect(await scanRows(table)).toEqual([
    { product_id: 'p1', orders: 3n, category: null, units: 7n },
  ]);
});

it('refuses a type Iceberg cannot promote, saying how to rebuild, and leaves gold as it was', async () => {
  await stage(v1, [{ product_id: 'p1', orders: 2, category: 'books' }]);
  await publish();
  const before = (await loadTable(lake.catalog, gold)).metadata[
    'current-snapshot-id'
  ];
  await stage(
    {
      ...v1,
      fields: [
        v1.fields[0]!,
        { id: 2, name: 'orders', required: false, type: 'string' },
        v1.fields[2]!,
      ],
    },
    [{ product_id: 'p1', orders: 'two', category: 'books' }],
  );
  await expect(publish()).rejects.toThrow(
    /gold\.dim_products\.orders changed type from "int" to "string", which Iceberg cannot promote: drop gold\.dim_products to rebuild it/,
  );
  expect(
    (await loadTable(lake.catalog, gold)).metadata['current-snapshot-id'],
  ).toBe(before);
});

it('says what to check when the engine built the mart in another catalog', async () => {
  await expect(publish()).rejects.toThrow(
    /the query engine's catalog must be the lakehouse's own/,
  );
});
