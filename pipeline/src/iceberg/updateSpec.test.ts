import { parseIdentifier } from './catalog/catalog';
import { appendRows } from './dataWriter';
import { eq } from './expressions';
import { planFiles } from './scan';
import { createTable } from './table';
import { scanRows } from './tableScan';
import { updateSpec } from './updateSpec';
import type { Schema } from './types';
import {
  createTestCatalog,
  type TestCatalog,
} from './__testUtils__/localCatalog';
import { oracle, sqliteUri } from './__testUtils__/pyiceberg';

jest.setTimeout(120_000);

const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: 'country', required: true, type: 'string' },
    { id: 3, name: 'ts', required: true, type: 'timestamptz' },
  ],
};

let t: TestCatalog;
beforeEach(async () => {
  t = await createTestCatalog();
  await t.catalog.createNamespace(['ns']);
});
afterEach(() => t.cleanup());

describe('partition evolution', () => {
  it('writes new data with the new spec, keeps old files, and prunes across both', async () => {
    let table = await createTable(t.catalog, parseIdentifier('ns.evolve'), {
      schema,
    });
    const rows = (from: number, country: string) =>
      Array.from({ length: 5 }, (_, i) => ({
        id: from + i,
        country,
        ts: `2026-11-0${1 + (i % 3)}T12:00:00Z`,
      }));
    table = (await appendRows(table, rows(0, 'DE'))).table;
    table = await updateSpec(table, b => b.identity('country').day('ts'));
    expect(table.metadata['default-spec-id']).toBe(1);
    expect(
      table.spec().fields.map(f => [f['field-id'], f.name, f.transform]),
    ).toEqual([
      [1000, 'country', 'identity'],
      [1001, 'ts_day', 'day'],
    ]);
    table = (await appendRows(table, [...rows(100, 'DE'), ...rows(200, 'FR')]))
      .table;

    const plan = await planFiles(table);
    expect(new Set(plan.tasks.map(task => task.specId))).toEqual(
      new Set([0, 1]),
    );
    const fr = await planFiles(table, { filter: eq('country', 'FR') });
    // The unpartitioned old file cannot be pruned by partition; its metrics prune it.
    expect(fr.tasks.every(task => task.specId === 1)).toBe(true);
    expect(
      (await scanRows(table, { filter: eq('country', 'FR') }))
        .map(r => Number(r.id))
        .sort(),
    ).toEqual([200, 201, 202, 203, 204]);
    // Going back to a spec that existed reuses it.
    const back = await updateSpec(table, b =>
      b.removeField('country').removeField('ts_day'),
    );
    expect(back.metadata['default-spec-id']).toBe(0);
    expect(back.metadata['partition-specs']).toHaveLength(2);

    const scanned = await oracle<{ row_count: number }>(
      { uri: sqliteUri(t.catalogPath), warehouse: t.warehouse },
      ['scan', 'ns.evolve'],
    );
    expect(scanned.row_count).toBe(15);
  });

  it('rejects a transform that does not fit the column', async () => {
    const table = await createTable(t.catalog, parseIdentifier('ns.bad'), {
      schema,
    });
    await expect(updateSpec(table, b => b.day('country'))).rejects.toThrow(
      /day/,
    );
    await expect(updateSpec(table, b => b.identity('nope'))).rejects.toThrow(
      /nope/,
    );
  });
});
