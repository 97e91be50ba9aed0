import { parseIdentifier } from './catalog/catalog';
import { CommitValidationError } from './commit';
import { appendRows } from './dataWriter';
import { eq, gtEq, lt } from './expressions';
import { planFiles } from './scan';
import { deleteRows, overwriteRows, rewriteDataFiles } from './rewrite';
import { createTable, type Table } from './table';
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
    { id: 2, name: 'country', required: true, type: 'string' },
    { id: 3, name: 'amount', required: false, type: 'decimal(10, 2)' },
  ],
};
const row = (id: number, country: string) => ({
  id,
  country,
  amount: `${id}.50`,
});

let t: TestCatalog;
let table: Table;
beforeEach(async () => {
  t = await createTestCatalog();
  await t.catalog.createNamespace(['ns']);
  table = await createTable(t.catalog, parseIdentifier('ns.r'), {
    schema,
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
  for (let batch = 0; batch < 6; batch++) {
    const rows = Array.from({ length: 10 }, (_, i) =>
      row(batch * 10 + i, i % 2 === 0 ? 'DE' : 'FR'),
    );
    table = (await appendRows(table, rows)).table;
  }
});
afterEach(() => t.cleanup());

const ids = async (tb: Table) =>
  (await scanRows(tb)).map(r => Number(r.id)).sort((a, b) => a - b);

describe('copy-on-write operations', () => {
  it('deletes matching rows, rewriting only files that partly match', async () => {
    const result = await deleteRows(table, lt('id', 15));
    expect(result.snapshot!.summary.operation).toBe('overwrite');
    const left = await ids(result.table);
    expect(left).toEqual(Array.from({ length: 45 }, (_, i) => i + 15));
    expect(result.snapshot!.summary['total-records']).toBe('45');
    // Whole files only: a "delete" snapshot with nothing rewritten.
    const whole = await deleteRows(result.table, eq('country', 'FR'));
    expect(whole.snapshot!.summary.operation).toBe('delete');
    expect(whole.snapshot!.summary['added-data-files']).toBeUndefined();
    expect((await ids(whole.table)).every(id => id % 2 === 0)).toBe(true);
  });

  it('overwrites the whole table or the rows matching a filter', async () => {
    const byFilter = await overwriteRows(table, [row(1000, 'DE')], {
      filter: gtEq('id', 50),
    });
    expect(await ids(byFilter.table)).toEqual([
      ...Array.from({ length: 50 }, (_, i) => i),
      1000,
    ]);
    const all = await overwriteRows(byFilter.table, [
      row(1, 'US'),
      row(2, 'US'),
    ]);
    expect(await ids(all.table)).toEqual([1, 2]);
    expect(all.snapshot!.summary).toMatchObject({
      operation: 'overwrite',
      'total-records': '2',
    });
  });

  it('compacts small files per partition without changing rows', async () => {
    const before = await planFiles(table);
    expect(before.tasks).toHaveLength(12);
    const result = await rewriteDataFiles(table, { minInputFiles: 2 });
    expect(result.rewrittenFiles).toBe(12);
    expect(result.addedFiles).toBe(2);
    expect(result.snapshot!.summary.operation).toBe('replace');
    expect(await ids(result.table)).toEqual(
      Array.from({ length: 60 }, (_, i) => i),
    );
    expect((await planFiles(result.table)).tasks).toHaveLength(2);
  });

  it('refuses a rewrite computed from files a concurrent commit already replaced', async () => {
    const stale = table;
    await deleteRows(table, eq('country', 'FR'));
    await expect(deleteRows(stale, lt('id', 3))).rejects.toThrow(
      CommitValidationError,
    );
    await expect(deleteRows(stale, lt('id', 3))).rejects.toThrow(
      /already removed by another commit/,
    );
  });
});
