/* eslint-disable jest/no-export -- a shared suite that test files call */
/**
 * One Iceberg table suite for every catalog and FileIO we ship: create, append, read
 * back, concurrent commits from separate catalog instances, maintenance, schema evolution. Run on the
 * local SQL catalog and file warehouse, and on Glue + S3 (the AWS emulator), so the
 * production path is held to exactly what the local one is.
 */
import { parseIdentifier, type Catalog } from '../catalog/catalog';
import { appendRows } from '../dataWriter';
import { expireSnapshots, removeOrphanFiles } from '../maintenance';
import { ancestors } from '../metadata';
import { rewriteDataFiles } from '../rewrite';
import { SchemaUpdate } from '../schemaUpdate';
import { createTable, loadTable } from '../table';
import { scanRows } from '../tableScan';
import { simpleSchema } from './localCatalog';

export interface SuiteEnvironment {
  /** A catalog over the store under test; the namespace `suite` does not exist yet. */
  catalog: Catalog;
  /** Another catalog instance on the same store, as a second process would have. */
  openCatalog(): Promise<Catalog>;
  /** Where the namespace's tables must be created (its location or the warehouse). */
  expectedLocationPrefix: string;
  /** Properties to create the namespace with (e.g. a Glue database's location). */
  namespaceProperties?: Record<string, string>;
  cleanup(): Promise<void>;
}

const rows = (from: number, count: number, extra: object = {}) =>
  Array.from({ length: count }, (_, i) => ({
    id: BigInt(from + i),
    name: `row ${from + i}`,
    ts: new Date(Date.UTC(2026, 10, 27, 12, 0, from + i)).toISOString(),
    ...extra,
  }));

export function describeIcebergTableSuite(
  name: string,
  setup: () => Promise<SuiteEnvironment>,
): void {
  describe(`Iceberg table suite on ${name}`, () => {
    let env: SuiteEnvironment;
    beforeAll(async () => {
      env = await setup();
      await env.catalog.createNamespace(['suite'], env.namespaceProperties);
    });
    afterAll(() => env.cleanup());

    it('creates a table where the catalog says, lists it and reads it back empty', async () => {
      const id = parseIdentifier('suite.created');
      const table = await createTable(env.catalog, id, {
        schema: simpleSchema(),
      });
      expect(table.metadata.location).toBe(
        `${env.expectedLocationPrefix.replace(/\/$/, '')}/created`,
      );
      expect(await env.catalog.listTables(['suite'])).toContainEqual(id);
      expect(await env.catalog.tableExists(id)).toBe(true);
      const loaded = await loadTable(env.catalog, id);
      expect(await scanRows(loaded)).toEqual([]);
    });

    it('appends and reads back every row, one snapshot per commit', async () => {
      const id = parseIdentifier('suite.appended');
      let table = await createTable(env.catalog, id, {
        schema: simpleSchema(),
      });
      table = (await appendRows(table, rows(0, 100))).table;
      table = (await appendRows(table, rows(100, 50))).table;
      const loaded = await loadTable(env.catalog, id);
      const back = await scanRows(loaded);
      expect(back.map(r => r.id).sort((a, b) => Number(a) - Number(b))).toEqual(
        rows(0, 150).map(r => r.id),
      );
      expect(ancestors(loaded.metadata)).toHaveLength(2);
      expect(loaded.metadataLocation).toBe(table.metadataLocation);
    });

    it('loses no commit when writers in separate catalog instances append at once', async () => {
      const id = parseIdentifier('suite.contended');
      await createTable(env.catalog, id, { schema: simpleSchema() });
      const writers = 4;
      const appends = 5;
      const catalogs = await Promise.all(
        Array.from({ length: writers }, () => env.openCatalog()),
      );
      try {
        await Promise.all(
          catalogs.map(async (catalog, w) => {
            for (let a = 0; a < appends; a++) {
              const table = await loadTable(catalog, id);
              await appendRows(table, rows((w * appends + a) * 10, 10), {
                retries: 50,
                minWaitMs: 5,
                maxWaitMs: 200,
              });
            }
          }),
        );
      } finally {
        await Promise.all(catalogs.map(c => c.close()));
      }
      const loaded = await loadTable(env.catalog, id);
      const chain = ancestors(loaded.metadata);
      expect(chain).toHaveLength(writers * appends);
      expect(new Set(chain.map(s => s['snapshot-id'])).size).toBe(
        writers * appends,
      );
      const ids = (await scanRows(loaded)).map(r => Number(r.id));
      expect(ids.sort((a, b) => a - b)).toEqual(
        Array.from({ length: writers * appends * 10 }, (_, i) => i),
      );
    });

    it('compacts small files, expires snapshots and removes orphan files, rows intact', async () => {
      const id = parseIdentifier('suite.maintained');
      let table = await createTable(env.catalog, id, {
        schema: simpleSchema(),
      });
      for (let i = 0; i < 6; i++)
        table = (await appendRows(table, rows(i * 10, 10))).table;
      const compacted = await rewriteDataFiles(table, { minInputFiles: 2 });
      expect(compacted.rewrittenFiles).toBe(6);
      expect(compacted.addedFiles).toBe(1);
      const stray = `${table.metadata.location}/data/stray.parquet`;
      await env.catalog.io.writeNew(stray, new Uint8Array([1, 2, 3]));
      const expired = await expireSnapshots(compacted.table, {
        olderThanMs: Date.now() + 1,
        retainLast: 1,
      });
      expect(expired.expiredSnapshots).toHaveLength(6);
      expect(expired.deletedFiles.dataFiles).toBe(6);
      const orphans = await removeOrphanFiles(expired.table, {
        olderThanMs: Date.now() + 1000,
      });
      expect(orphans).toContain(stray);
      expect(await env.catalog.io.exists(stray)).toBe(false);
      const loaded = await loadTable(env.catalog, id);
      expect(ancestors(loaded.metadata)).toHaveLength(1);
      const ids = (await scanRows(loaded)).map(r => Number(r.id));
      expect(ids.sort((a, b) => a - b)).toEqual(
        Array.from({ length: 60 }, (_, i) => i),
      );
    });

    it('evolves the schema and reads old and new rows under it', async () => {
      const id = parseIdentifier('suite.evolved');
      let table = await createTable(env.catalog, id, {
        schema: simpleSchema(),
      });
      table = (await appendRows(table, rows(0, 10))).table;
      table = await new SchemaUpdate()
        .addColumn('coupon', 'string')
        .renameColumn('name', 'label')
        .commit(table);
      table = (
        await appendRows(
          table,
          rows(10, 5).map(({ name: label, ...r }) => ({
            ...r,
            label,
            coupon: 'LOYAL5',
          })),
        )
      ).table;
      const loaded = await loadTable(env.catalog, id);
      expect(loaded.schema().fields.map(f => f.name)).toEqual([
        'id',
        'label',
        'ts',
        'coupon',
      ]);
      const back = new Map(
        (await scanRows(loaded)).map(r => [Number(r.id), r]),
      );
      expect(back.size).toBe(15);
      expect(back.get(3)).toMatchObject({ label: 'row 3', coupon: null });
      expect(back.get(12)).toMatchObject({ label: 'row 12', coupon: 'LOYAL5' });
    });
  });
}
