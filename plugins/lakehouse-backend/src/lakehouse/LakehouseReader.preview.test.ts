import { InputError } from '@backstage/errors';
import {
  appendRows,
  createTable,
  DuckDbEngine,
  loadTable,
  type Schema,
} from '@medallion/pipeline';
import { LakehouseReader } from './LakehouseReader';
import {
  createTempLakehouse,
  type TempLakehouse,
} from './__testUtils__/tempLakehouse';
import { createOrdersTable, ORDERS } from './__testUtils__/ordersTable';

jest.setTimeout(60_000);

const typesSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'i', required: true, type: 'int' },
    { id: 2, name: 'd', required: false, type: 'double' },
    { id: 3, name: 'b', required: false, type: 'boolean' },
    { id: 4, name: 'day', required: false, type: 'date' },
    { id: 5, name: 'local', required: false, type: 'timestamp' },
    { id: 6, name: 'u', required: false, type: 'uuid' },
    { id: 7, name: 'raw', required: false, type: 'binary' },
    {
      id: 8,
      name: 'tags',
      required: false,
      type: {
        type: 'list',
        'element-id': 9,
        element: 'long',
        'element-required': false,
      },
    },
  ],
};

let lake: TempLakehouse;
let reader: LakehouseReader;
beforeAll(async () => {
  lake = await createTempLakehouse();
  await createOrdersTable(lake.catalog);
  await lake.catalog.createNamespace(['bronze']);
  const types = await createTable(
    lake.catalog,
    { namespace: ['bronze'], name: 'types' },
    { schema: typesSchema },
  );
  await appendRows(types, [
    {
      i: 1,
      d: 0.5,
      b: true,
      day: '2024-02-29',
      local: '2024-02-29T12:30:00.5',
      u: '6f1c1a3e-0b7e-4c8e-9a51-1c2d3e4f5a6b',
      raw: new TextEncoder().encode('{"a":1}'),
      tags: [1, 2],
    },
    {
      i: 2,
      d: null,
      b: null,
      day: null,
      local: null,
      u: null,
      raw: new Uint8Array([0xff, 0x00]),
      tags: null,
    },
  ]);
  await createTable(
    lake.catalog,
    { namespace: ['bronze'], name: 'empty' },
    { schema: typesSchema },
  );
  reader = new LakehouseReader({ catalog: lake.catalog });
});
afterAll(async () => {
  await reader.close();
  await lake.cleanup();
});

const byId = (rows: Array<Record<string, unknown>>) =>
  [...rows].sort((a, b) => Number(a.id) - Number(b.id));

describe('LakehouseReader.preview', () => {
  it('reads the current snapshot by field id, 64-bit integers and decimals as strings', async () => {
    const preview = await reader.preview('silver', 'orders');
    const table = await loadTable(lake.catalog, ORDERS);
    expect(preview.snapshotId).toBe(
      table.currentSnapshot()!['snapshot-id'].toString(),
    );
    expect(preview.truncated).toBe(false);
    expect(preview.columns).toEqual([
      { name: 'id', type: 'long' },
      { name: 'amount', type: 'decimal(10, 2)' },
      { name: 'qty', type: 'long' },
      { name: 'customer_id', type: 'string' },
      { name: 'ts', type: 'timestamptz' },
      { name: 'address', type: 'struct' },
    ]);
    // customer_id was customer in the older files; qty was an int.
    expect(byId(preview.rows)).toEqual([
      {
        id: '2',
        amount: '0.99',
        qty: '1',
        customer_id: 'c-2',
        ts: '2024-05-02T23:59:59.000000Z',
        address: null,
      },
      {
        id: '3',
        amount: '100.00',
        qty: '7',
        customer_id: 'c-3',
        ts: '2024-05-03T00:00:00.000000Z',
        address: '{"city":"Paris","zip":"75001"}',
      },
      {
        id: '4',
        amount: '5.00',
        qty: '5000000000',
        customer_id: 'c-4',
        ts: null,
        address: '{"city":"Rome","zip":"00100"}',
      },
      {
        id: '9007199254740993',
        amount: '12.50',
        qty: '3',
        customer_id: 'c-1',
        ts: '2024-05-01T10:00:00.123456Z',
        address: '{"city":"Berlin","zip":null}',
      },
    ]);
  });

  it('renders other types as JSON-safe values', async () => {
    const preview = await reader.preview('bronze', 'types');
    expect([...preview.rows].sort((a, b) => Number(a.i) - Number(b.i))).toEqual(
      [
        {
          i: 1,
          d: 0.5,
          b: true,
          day: '2024-02-29',
          local: '2024-02-29T12:30:00.500000',
          u: '6f1c1a3e-0b7e-4c8e-9a51-1c2d3e4f5a6b',
          raw: '{"a":1}',
          tags: '[1,2]',
        },
        {
          i: 2,
          d: null,
          b: null,
          day: null,
          local: null,
          u: null,
          raw: 'base64:/wA=',
          tags: null,
        },
      ],
    );
  });

  it('returns at most limit rows and says when it cut', async () => {
    const two = await reader.preview('silver', 'orders', { limit: 2 });
    expect(two.rows).toHaveLength(2);
    expect(two.truncated).toBe(true);
    const four = await reader.preview('silver', 'orders', { limit: 4 });
    expect(four.rows).toHaveLength(4);
    expect(four.truncated).toBe(false);
  });

  it('returns no rows for a table without snapshots', async () => {
    expect(await reader.preview('bronze', 'empty')).toEqual({
      columns: typesSchema.fields.map(f => ({
        name: f.name,
        type: typeof f.type === 'string' ? f.type : f.type.type,
      })),
      rows: [],
      truncated: false,
      snapshotId: null,
    });
  });

  it('rejects a limit outside 1..500', async () => {
    for (const limit of [0, 501, 2.5, NaN]) {
      await expect(
        reader.preview('silver', 'orders', { limit }),
      ).rejects.toThrow(InputError);
    }
  });

  it('sees a new commit and runs concurrent previews on an engine passed in', async () => {
    const engine = new DuckDbEngine({ catalog: lake.catalog, tables: [] });
    const own = new LakehouseReader({ catalog: lake.catalog, engine });
    try {
      const before = await own.preview('silver', 'orders');
      await appendRows(await loadTable(lake.catalog, ORDERS), [
        { id: 5, amount: '1.00', qty: 1, customer_id: 'c-5', ts: null },
      ]);
      const [a, b] = await Promise.all([
        own.preview('silver', 'orders'),
        own.preview('silver', 'orders', { limit: 1 }),
      ]);
      expect(a.rows).toHaveLength(before.rows.length + 1);
      expect(a.snapshotId).not.toBe(before.snapshotId);
      expect(b.rows).toHaveLength(1);
      await own.close();
      // The caller's engine stays open.
      expect((await engine.query('SELECT 1 AS one')).rows).toEqual([
        { one: 1 },
      ]);
    } finally {
      await engine.close();
    }
  });
});
