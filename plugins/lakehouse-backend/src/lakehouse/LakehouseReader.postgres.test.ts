/** The reader over a SQL catalog on PostgreSQL, as a production backend would run it. */
import { NotFoundError } from '@backstage/errors';
import { appendRows, loadTable } from '@medallion/pipeline';
import { LakehouseReader } from './LakehouseReader';
import {
  createTempLakehouse,
  type TempLakehouse,
} from './__testUtils__/tempLakehouse';
import { createOrdersTable, ORDERS } from './__testUtils__/ordersTable';

jest.setTimeout(60_000);

let lake: TempLakehouse;
let reader: LakehouseReader;
beforeAll(async () => {
  lake = await createTempLakehouse('postgres');
  await createOrdersTable(lake.catalog);
  reader = new LakehouseReader({ catalog: lake.catalog });
});
afterAll(async () => {
  await reader?.close();
  await lake?.cleanup();
});

describe('LakehouseReader on a PostgreSQL catalog', () => {
  it('lists, details, pages, previews and sees new commits', async () => {
    const [orders] = await reader.listTables();
    expect(orders).toMatchObject({
      id: 'silver.orders',
      rows: 4,
      snapshots: 3,
    });
    const detail = await reader.getTable('silver', 'orders');
    expect(detail.schemaHistory.map(v => v.changes.length)).toEqual([
      0, 2, 3, 2,
    ]);
    const page = await reader.listSnapshots('silver', 'orders', { limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(3);
    expect((await reader.preview('silver', 'orders')).rows).toHaveLength(4);

    await appendRows(await loadTable(lake.catalog, ORDERS), [
      { id: 5, amount: '1.00', qty: 1, customer_id: 'c-5', ts: null },
    ]);
    const [after] = await reader.listTables();
    expect(after).toMatchObject({ rows: 5, snapshots: 4 });
    await expect(reader.getTable('silver', 'nope')).rejects.toThrow(
      new NotFoundError('table silver.nope does not exist'),
    );
  });
});
