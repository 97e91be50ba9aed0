/**
 * silver.orders: a real table with a history of schema changes, written with the
 * pipeline. Schemas: 0 (created), 1 (note and address.zip added), 2 (customer renamed
 * to customer_id, qty widened to long, ts made optional; no snapshot ever used it),
 * 3 (amount's doc changed, note removed). Four rows in three appends.
 */
import {
  appendRows,
  createTable,
  SchemaUpdate,
  type Catalog,
  type Schema,
  type Table,
} from '@medallion/pipeline';

export const ORDERS = { namespace: ['silver'], name: 'orders' };

export const ordersSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    {
      id: 2,
      name: 'amount',
      required: false,
      type: 'decimal(10, 2)',
      doc: 'Order amount',
    },
    { id: 3, name: 'qty', required: false, type: 'int' },
    {
      id: 4,
      name: 'customer',
      required: false,
      type: 'string',
      doc: 'Customer id',
    },
    { id: 5, name: 'ts', required: true, type: 'timestamptz' },
    {
      id: 6,
      name: 'address',
      required: false,
      type: {
        type: 'struct',
        fields: [{ id: 7, name: 'city', required: false, type: 'string' }],
      },
    },
  ],
};

/** Beyond 2^53: only exact as a string. */
export const BIG_ID = 9007199254740993n;

export async function createOrdersTable(catalog: Catalog): Promise<Table> {
  if (!(await catalog.namespaceExists(['silver'])))
    await catalog.createNamespace(['silver']);
  let table = await createTable(catalog, ORDERS, {
    schema: ordersSchema,
    partitionSpec: {
      'spec-id': 0,
      fields: [
        { 'source-id': 5, 'field-id': 1000, name: 'ts_day', transform: 'day' },
      ],
    },
    properties: { comment: 'Orders, one row per order' },
  });
  table = (
    await appendRows(table, [
      {
        id: BIG_ID,
        amount: '12.50',
        qty: 3,
        customer: 'c-1',
        ts: '2024-05-01T10:00:00.123456Z',
        address: { city: 'Berlin' },
      },
      {
        id: 2,
        amount: '0.99',
        qty: 1,
        customer: 'c-2',
        ts: '2024-05-02T23:59:59Z',
        address: null,
      },
    ])
  ).table;
  table = await new SchemaUpdate()
    .addColumn('note', 'string', { doc: 'Free text' })
    .addColumn('address.zip', 'string')
    .commit(table);
  table = (
    await appendRows(table, [
      {
        id: 3,
        amount: '100.00',
        qty: 7,
        customer: 'c-3',
        ts: '2024-05-03T00:00:00Z',
        address: { city: 'Paris', zip: '75001' },
        note: 'gift',
      },
    ])
  ).table;
  table = await new SchemaUpdate()
    .renameColumn('customer', 'customer_id')
    .updateColumnType('qty', 'long')
    .makeOptional('ts')
    .commit(table);
  table = await new SchemaUpdate()
    .updateDoc('amount', 'Order amount in EUR')
    .deleteColumn('note')
    .commit(table);
  table = (
    await appendRows(table, [
      {
        id: 4,
        amount: '5.00',
        qty: 5_000_000_000,
        customer_id: 'c-4',
        ts: null,
        address: { city: 'Rome', zip: '00100' },
      },
    ])
  ).table;
  return table;
}
