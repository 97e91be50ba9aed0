/** A throwaway SQLite catalog and warehouse in a temp directory, for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileIO, toFileLocation } from '../io/localFileIO';
import { SqlCatalog, sqliteConfig } from '../catalog/sqlCatalog';
import type { Schema } from '../types';

export interface TestCatalog {
  dir: string;
  catalogPath: string;
  warehouse: string;
  catalog: SqlCatalog;
  cleanup(): Promise<void>;
}

export async function createTestCatalog(
  name = 'medallion',
): Promise<TestCatalog> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-iceberg-'));
  const catalogPath = join(dir, 'catalog.db');
  const warehouse = toFileLocation(join(dir, 'warehouse'));
  const catalog = new SqlCatalog({
    name,
    knex: sqliteConfig(catalogPath),
    warehouse,
    io: new LocalFileIO(),
  });
  await catalog.initialize();
  return {
    dir,
    catalogPath,
    warehouse,
    catalog,
    async cleanup() {
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const simpleSchema = (): Schema => ({
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    {
      id: 2,
      name: 'name',
      required: false,
      type: 'string',
      doc: 'display name',
    },
    { id: 3, name: 'ts', required: false, type: 'timestamptz' },
  ],
});
