/**
 * Interop with real PyIceberg on one SQL catalog: what we write, PyIceberg reads (rows,
 * snapshots, files, metrics); what PyIceberg writes, we read. SQLite here; the
 * concurrency test covers PostgreSQL for commits.
 */
import { parseIdentifier } from './catalog/catalog';
import { appendRows } from './dataWriter';
import { loadTable } from './table';
import { createTable } from './table';
import { SchemaUpdate } from './schemaUpdate';
import { snapshotManifests } from './snapshotProducer';
import { DuckDbEngine } from '../query/duckdb';
import type { Schema } from './types';
import {
  createTestCatalog,
  type TestCatalog,
} from './__testUtils__/localCatalog';
import { oracle, sqliteUri } from './__testUtils__/pyiceberg';

jest.setTimeout(180_000);

const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'event_id', required: true, type: 'uuid' },
    { id: 2, name: 'event_ts', required: true, type: 'timestamptz' },
    {
      id: 3,
      name: 'customer_id',
      required: true,
      type: 'string',
      doc: 'customer',
    },
    { id: 4, name: 'quantity', required: true, type: 'int' },
    { id: 5, name: 'unit_price', required: true, type: 'decimal(12, 2)' },
    { id: 6, name: 'score', required: false, type: 'double' },
    { id: 7, name: 'big', required: false, type: 'long' },
    { id: 8, name: 'day', required: false, type: 'date' },
    { id: 9, name: 'member', required: false, type: 'boolean' },
  ],
};

const rows = Array.from({ length: 300 }, (_, i) => ({
  event_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  event_ts: new Date(
    Date.UTC(2026, 10, 1 + (i % 3), i % 24, 7, 30, i % 1000),
  ).toISOString(),
  customer_id: `C${i % 17}`,
  quantity: 1 + (i % 5),
  unit_price: `${(i * 1.37).toFixed(2)}`,
  score: i % 10 === 0 ? null : i / 7,
  big: i === 5 ? 9007199254740993n : BigInt(i) * 1_000_000_007n,
  day: `2026-11-0${1 + (i % 3)}`,
  member: i % 2 === 0,
}));

let t: TestCatalog;
beforeAll(async () => {
  t = await createTestCatalog();
  await t.catalog.createNamespace(['silver']);
});
afterAll(() => t.cleanup());

describe('PyIceberg reads what we write', () => {
  it('scans every row with equal values, partitioned by day and bucket, after schema evolution', async () => {
    const id = parseIdentifier('silver.purchases');
    let table = await createTable(t.catalog, id, {
      schema,
      partitionSpec: {
        'spec-id': 0,
        fields: [
          {
            'source-id': 2,
            'field-id': 1000,
            name: 'event_ts_day',
            transform: 'day',
          },
          {
            'source-id': 3,
            'field-id': 1001,
            name: 'customer_id_bucket_4',
            transform: 'bucket[4]',
          },
        ],
      },
    });
    table = (await appendRows(table, rows.slice(0, 200))).table;
    table = await new SchemaUpdate()
      .addColumn('coupon_code', 'string')
      .renameColumn('score', 'risk')
      .commit(table);
    table = (
      await appendRows(
        table,
        rows
          .slice(200)
          .map(r => ({ ...r, risk: r.score, coupon_code: 'LOYAL5' })),
      )
    ).table;

    const catalog = { uri: sqliteUri(t.catalogPath), warehouse: t.warehouse };
    const scanned = await oracle<{
      row_count: number;
      rows: Array<Record<string, unknown>>;
      columns: string[];
    }>(catalog, ['scan', 'silver.purchases', '--order-by', 'event_id']);
    expect(scanned.row_count).toBe(300);
    expect(scanned.columns).toEqual([
      'event_id',
      'event_ts',
      'customer_id',
      'quantity',
      'unit_price',
      'risk',
      'big',
      'day',
      'member',
      'coupon_code',
    ]);
    const byId = new Map(scanned.rows.map(r => [r.event_id, r]));
    rows.forEach((row, i) => {
      const got = byId.get(row.event_id)!;
      expect(got).toEqual({
        event_id: row.event_id,
        event_ts: row.event_ts.replace('Z', '000+00:00'),
        customer_id: row.customer_id,
        quantity: row.quantity,
        unit_price: row.unit_price,
        risk: row.score,
        big: String(row.big),
        day: row.day,
        member: row.member,
        coupon_code: i < 200 ? null : 'LOYAL5',
      });
    });

    const inspected = await oracle<{
      snapshots: Array<{ operation: string; summary: Record<string, string> }>;
      files: Array<{
        record_count: number;
        partition: Record<string, unknown>;
        metrics: Record<
          string,
          {
            value_count: number;
            null_value_count: number;
            lower_bound: unknown;
            upper_bound: unknown;
          }
        >;
      }>;
      current_schema_id: number;
    }>(catalog, ['inspect', 'silver.purchases']);
    expect(inspected.snapshots.map(s => s.operation)).toEqual([
      'append',
      'append',
    ]);
    expect(inspected.snapshots[1]!.summary['total-records']).toBe('300');
    expect(inspected.current_schema_id).toBe(1);
    expect(inspected.files.reduce((s, f) => s + f.record_count, 0)).toBe(300);
    for (const f of inspected.files) {
      expect(Object.keys(f.partition)).toEqual([
        'event_ts_day',
        'customer_id_bucket_4',
      ]);
      expect(f.metrics['4']!.value_count).toBe(f.record_count);
    }

    // PyIceberg's view of the manifests equals ours, field by field.
    const ours = await snapshotManifests(table.io, table.currentSnapshot());
    const theirs = await oracle<{
      manifests: Array<{
        path: string;
        length: number;
        partition_spec_id: number;
        added_snapshot_id: bigint;
        added_data_files_count: number;
        existing_data_files_count: number;
        deleted_data_files_count: number;
        partition_summaries: Array<{ contains_null: boolean }>;
      }>;
    }>(catalog, ['inspect', 'silver.purchases']);
    expect(
      theirs.manifests
        .map(m => [
          m.path,
          m.length,
          m.partition_spec_id,
          BigInt(m.added_snapshot_id),
          m.added_data_files_count,
          m.existing_data_files_count,
          m.deleted_data_files_count,
          m.partition_summaries.length,
        ])
        .sort(),
    ).toEqual(
      ours
        .map(m => [
          m.manifestPath,
          Number(m.manifestLength),
          m.partitionSpecId,
          m.addedSnapshotId,
          m.addedFilesCount,
          m.existingFilesCount,
          m.deletedFilesCount,
          m.partitions?.length,
        ])
        .sort(),
    );

    // DuckDB over the same files, by field id: the renamed column reads from old files.
    const engine = new DuckDbEngine({ catalog: t.catalog });
    try {
      const result = await engine.query(
        'select count(*) as n, count(risk) as risk, count(coupon_code) as coupons, sum(quantity) as q from silver.purchases',
      );
      expect(result.rows[0]).toEqual({
        n: 300,
        risk: rows.filter(r => r.score !== null).length,
        coupons: 100,
        q: rows.reduce((s, r) => s + r.quantity, 0),
      });
    } finally {
      await engine.close();
    }
  });
});

describe('we read what PyIceberg writes', () => {
  it('plans and queries a partitioned, evolved, overwritten PyIceberg table', async () => {
    const catalog = { uri: sqliteUri(t.catalogPath), warehouse: t.warehouse };
    await oracle(catalog, ['write'], {
      operations: [
        {
          op: 'create_table',
          table: 'silver.py_orders',
          schema: {
            type: 'struct',
            'schema-id': 0,
            fields: [
              { id: 1, name: 'id', required: true, type: 'long' },
              { id: 2, name: 'ts', required: false, type: 'timestamptz' },
              { id: 3, name: 'qty', required: false, type: 'int' },
              { id: 4, name: 'name', required: false, type: 'string' },
            ],
          },
          partition_spec: [
            { 'source-id': 2, transform: 'day', name: 'ts_day' },
          ],
        },
        {
          op: 'append',
          table: 'silver.py_orders',
          rows: Array.from({ length: 50 }, (_, i) => ({
            id: i,
            ts: `2026-11-0${1 + (i % 2)}T10:00:00+00:00`,
            qty: i,
            name: `n${i}`,
          })),
        },
        {
          op: 'update_schema',
          table: 'silver.py_orders',
          changes: [
            { action: 'update_column', name: 'qty', type: 'long' },
            { action: 'add_column', name: 'note', type: 'string' },
          ],
        },
        {
          op: 'append',
          table: 'silver.py_orders',
          rows: [
            {
              id: 100,
              ts: '2026-11-03T00:00:00+00:00',
              qty: '5000000000',
              name: 'big',
              note: 'x',
            },
          ],
        },
        { op: 'delete', table: 'silver.py_orders', filter: 'id < 10' },
      ],
    });
    const table = await loadTable(
      t.catalog,
      parseIdentifier('silver.py_orders'),
    );
    expect(table.metadata.snapshots.length).toBeGreaterThanOrEqual(3);
    const engine = new DuckDbEngine({
      catalog: t.catalog,
      tables: [parseIdentifier('silver.py_orders')],
    });
    try {
      const result = await engine.query(
        'select count(*) as n, min(id) as lo, max(qty) as maxq, count(note) as notes from silver.py_orders',
      );
      expect(result.rows[0]).toEqual({
        n: 41,
        lo: 10,
        maxq: 5000000000,
        notes: 1,
      });
    } finally {
      await engine.close();
    }
  });
});
