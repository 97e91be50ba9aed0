/** The Iceberg table suite on the local SQL catalog (SQLite) and file warehouse. */
import { SqlCatalog, sqliteConfig } from './catalog/sqlCatalog';
import { LocalFileIO } from './io/localFileIO';
import { createTestCatalog } from './__testUtils__/localCatalog';
import { describeIcebergTableSuite } from './__testUtils__/tableSuite';

jest.setTimeout(120_000);

describeIcebergTableSuite(
  'the SQL catalog (SQLite) and local files',
  async () => {
    const t = await createTestCatalog();
    return {
      catalog: t.catalog,
      openCatalog: async () => {
        const catalog = new SqlCatalog({
          name: 'medallion',
          knex: sqliteConfig(t.catalogPath),
          warehouse: t.warehouse,
          io: new LocalFileIO(),
        });
        await catalog.initialize();
        return catalog;
      },
      expectedLocationPrefix: `${t.warehouse}/suite`,
      cleanup: () => t.cleanup(),
    };
  },
);
