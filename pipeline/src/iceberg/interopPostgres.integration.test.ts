/** The same catalog on PostgreSQL: PyIceberg and we read each other's tables. */
import { parseIdentifier } from './catalog/catalog';
import { postgresConfig, SqlCatalog } from './catalog/sqlCatalog';
import { appendRows } from './dataWriter';
import { LocalFileIO } from './io/localFileIO';
import { createTable, loadTable } from './table';
import { scanRows } from './tableScan';
import {
  createTestCatalog,
  type TestCatalog,
} from './__testUtils__/localCatalog';
import { createTestDatabase } from './__testUtils__/postgres';
import { oracle } from './__testUtils__/pyiceberg';

jest.setTimeout(120_000);

let t: TestCatalog;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let catalog: SqlCatalog;
beforeAll(async () => {
  t = await createTestCatalog();
  db = await createTestDatabase();
  catalog = new SqlCatalog({
    name: 'medallion',
    knex: postgresConfig(db.url),
    warehouse: t.warehouse,
    io: new LocalFileIO(),
  });
  await catalog.createNamespace(['gold']);
});
afterAll(async () => {
  await catalog.close();
  await db.drop();
  await t.cleanup();
});

describe('SQL catalog on PostgreSQL with PyIceberg', () => {
  it('shares tables both ways', async () => {
    const table = await createTable(catalog, parseIdentifier('gold.daily'), {
      schema: {
        type: 'struct',
        'schema-id': 0,
        fields: [
          { id: 1, name: 'day', required: true, type: 'date' },
          { id: 2, name: 'revenue', required: true, type: 'decimal(14, 2)' },
        ],
      },
    });
    await appendRows(table, [
      { day: '2026-11-26', revenue: '1200.40' },
      { day: '2026-11-27', revenue: '99.99' },
    ]);
    const pg = { uri: db.url, warehouse: t.warehouse };
    const scanned = await oracle<{ rows: unknown[] }>(pg, [
      'scan',
      'gold.daily',
      '--order-by',
      'day',
    ]);
    expect(scanned.rows).toEqual([
      { day: '2026-11-26', revenue: '1200.40' },
      { day: '2026-11-27', revenue: '99.99' },
    ]);

    await oracle(pg, ['write'], {
      operations: [
        {
          op: 'append',
          table: 'gold.daily',
          rows: [{ day: '2026-11-28', revenue: '5.00' }],
        },
      ],
    });
    const reloaded = await loadTable(catalog, parseIdentifier('gold.daily'));
    expect(reloaded.metadata.snapshots).toHaveLength(2);
    expect((await scanRows(reloaded)).map(r => r.revenue).sort()).toEqual(
      [120040n, 500n, 9999n].sort(),
    );
  });
});
