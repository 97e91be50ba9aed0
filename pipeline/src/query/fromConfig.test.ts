import { loadConfig } from '../config';
import { appendRows } from '../iceberg/dataWriter';
import { parseIdentifier } from '../iceberg/catalog/catalog';
import { createTable } from '../iceberg/table';
import {
  createTestCatalog,
  simpleSchema,
} from '../iceberg/__testUtils__/localCatalog';
import { AthenaQueryEngine } from './athena';
import { DuckDbEngine } from './duckdb';
import { queryEngineFromSettings } from './fromConfig';

describe('queryEngineFromSettings', () => {
  it('queries the local tables with DuckDB by default', async () => {
    const t = await createTestCatalog();
    try {
      await t.catalog.createNamespace(['silver']);
      const table = await createTable(t.catalog, parseIdentifier('silver.t'), {
        schema: simpleSchema(),
      });
      await appendRows(table, [
        { id: 1n, name: 'a', ts: null },
        { id: 2n, name: 'b', ts: null },
      ]);
      const settings = loadConfig({ MEDALLION_HOME: t.dir }).lakehouse;
      const engine = queryEngineFromSettings(settings, t.catalog);
      expect(engine).toBeInstanceOf(DuckDbEngine);
      try {
        const result = await engine.query('SELECT count(*) AS n FROM silver.t');
        expect(result.rows).toEqual([{ n: 2 }]);
      } finally {
        await engine.close();
      }
    } finally {
      await t.cleanup();
    }
  });

  it('runs on Athena in the configured workgroup when the configuration says so', async () => {
    const t = await createTestCatalog();
    try {
      const settings = loadConfig({
        MEDALLION_HOME: t.dir,
        MEDALLION_QUERY_ENGINE: 'athena',
        MEDALLION_ATHENA_WORKGROUP: 'acme-prod',
        AWS_REGION: 'eu-west-1',
      }).lakehouse;
      const engine = queryEngineFromSettings(settings, t.catalog);
      expect(engine).toBeInstanceOf(AthenaQueryEngine);
      await engine.close();
    } finally {
      await t.cleanup();
    }
  });
});
