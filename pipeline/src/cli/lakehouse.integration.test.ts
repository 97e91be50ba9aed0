/** `medallion tables`, `table` and `sql` as a user runs them, on a real local catalog. */
import { runMedallion } from './__testUtils__/runCli';
import { parseIdentifier } from '../iceberg/catalog/catalog';
import { appendRows } from '../iceberg/dataWriter';
import { createTable } from '../iceberg/table';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';

jest.setTimeout(120_000);

let t: TestCatalog;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  t = await createTestCatalog();
  env = {
    ...process.env,
    MEDALLION_CATALOG_URI: `sqlite:${t.catalogPath}`,
    MEDALLION_WAREHOUSE: t.warehouse,
  };
  await t.catalog.createNamespace(['silver']);
  const table = await createTable(t.catalog, parseIdentifier('silver.orders'), {
    schema: {
      type: 'struct',
      'schema-id': 0,
      fields: [
        { id: 1, name: 'id', required: true, type: 'long', doc: 'order id' },
        { id: 2, name: 'country', required: true, type: 'string' },
        { id: 3, name: 'amount', required: true, type: 'decimal(10, 2)' },
      ],
    },
    partitionSpec: {
      'spec-id': 0,
      fields: [
        {
          'source-id': 2,
          'field-id': 1000,
          name: 'country',
          transform: 'identity',
        },
      ],
    },
  });
  await appendRows(table, [
    { id: 1, country: 'DE', amount: '10.50' },
    { id: 2, country: 'FR', amount: '20.00' },
    { id: 3, country: 'DE', amount: '5.25' },
  ]);
});
afterAll(() => t.cleanup());

const medallion = (args: string[]) => runMedallion(args, env);

describe('lakehouse CLI', () => {
  it('lists tables with rows and files', async () => {
    const run = await medallion(['tables', '--json']);
    expect(run.code).toBe(0);
    const [row] = JSON.parse(run.stdout);
    expect(row).toMatchObject({
      table: 'silver.orders',
      rows: 3,
      files: 2,
      snapshots: 1,
    });
    const text = await medallion(['tables']);
    expect(text.stdout).toMatch(/silver\.orders\s+3\s+2/);
  });

  it('shows a table with its schema, partitioning and snapshots', async () => {
    const run = await medallion(['table', 'silver.orders']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('silver.orders  (3 rows, 2 files');
    expect(run.stdout).toMatch(/1\s+id\s+long\s+yes\s+order id/);
    expect(run.stdout).toContain('partitioned by: country=identity(country)');
    expect(run.stdout).toContain('append');
  });

  it('runs SQL over the tables', async () => {
    const run = await medallion([
      'sql',
      'select country, sum(amount) as total from silver.orders group by 1 order by 1',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rows).toEqual([
      { country: 'DE', total: '15.75' },
      { country: 'FR', total: '20.00' },
    ]);
  });

  it('explains mistakes', async () => {
    const missing = await medallion(['table', 'silver.nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('table silver.nope does not exist');
    const bad = await medallion(['sql', 'select * from nowhere']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/nowhere/);
  });
});
