/**
 * A throwaway warehouse in a temp directory with its SQL catalog: SQLite by default, or
 * a fresh database on the PostgreSQL cluster `npm test` starts
 * (MEDALLION_TEST_POSTGRES_URL; missing, the test fails rather than skips).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LocalFileIO,
  postgresConfig,
  SqlCatalog,
  sqliteConfig,
  toFileLocation,
} from '@medallion/pipeline';
import { createTestPostgresDatabase } from '../../__testUtils__/postgresDatabase';

export interface TempLakehouse {
  dir: string;
  catalog: SqlCatalog;
  cleanup(): Promise<void>;
}

export async function createTempLakehouse(
  database: 'sqlite' | 'postgres' = 'sqlite',
): Promise<TempLakehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-reader-'));
  let dropDatabase = async () => {};
  let knex = sqliteConfig(join(dir, 'catalog.db'));
  if (database === 'postgres') {
    const db = await createTestPostgresDatabase('lakehouse_reader');
    knex = postgresConfig(db.url);
    dropDatabase = db.drop;
  }
  const catalog = new SqlCatalog({
    name: 'medallion',
    knex,
    warehouse: toFileLocation(join(dir, 'warehouse')),
    io: new LocalFileIO(),
  });
  await catalog.initialize();
  return {
    dir,
    catalog,
    async cleanup() {
      await catalog.close();
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
