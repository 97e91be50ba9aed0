/**
 * A throwaway warehouse in a temp directory with its SQL catalog: SQLite by default, or
 * a fresh database on the PostgreSQL cluster `npm test` starts
 * (MEDALLION_TEST_POSTGRES_URL; missing, the test fails rather than skips).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import {
  LocalFileIO,
  postgresConfig,
  SqlCatalog,
  sqliteConfig,
  toFileLocation,
} from '@medallion/pipeline';

export interface TempLakehouse {
  dir: string;
  catalog: SqlCatalog;
  cleanup(): Promise<void>;
}

function postgresUrl(): string {
  const url = process.env.MEDALLION_TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      'MEDALLION_TEST_POSTGRES_URL is not set: run the suite with `npm test` (it starts PostgreSQL), or start one with `bash scripts/postgres.sh start` and export MEDALLION_TEST_POSTGRES_URL=$(bash scripts/postgres.sh url)',
    );
  }
  return url;
}

export async function createTempLakehouse(
  database: 'sqlite' | 'postgres' = 'sqlite',
): Promise<TempLakehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'medallion-reader-'));
  let dropDatabase = async () => {};
  let knex = sqliteConfig(join(dir, 'catalog.db'));
  if (database === 'postgres') {
    const admin = knexFactory({
      client: 'pg',
      connection: postgresUrl(),
      pool: { min: 0, max: 1 },
    });
    const name = `lakehouse_reader_${randomUUID()
      .replace(/-/g, '')
      .slice(0, 12)}`;
    await admin.raw(`create database ${name}`);
    const url = new URL(postgresUrl());
    url.pathname = `/${name}`;
    knex = postgresConfig(url.toString());
    dropDatabase = async () => {
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    };
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
