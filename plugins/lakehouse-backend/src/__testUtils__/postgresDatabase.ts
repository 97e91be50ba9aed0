/**
 * A fresh database on the PostgreSQL that `npm test` starts (MEDALLION_TEST_POSTGRES_URL),
 * created through the test role and dropped (forcibly) afterwards. Missing configuration
 * fails the test with instructions: PostgreSQL tests never skip.
 */
import { randomUUID } from 'node:crypto';
import knexFactory from 'knex';

export function testPostgresUrl(): string {
  const url = process.env.MEDALLION_TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      'MEDALLION_TEST_POSTGRES_URL is not set: run the suite with `npm test` (it starts PostgreSQL), or start one with `bash scripts/postgres.sh start` and export MEDALLION_TEST_POSTGRES_URL=$(bash scripts/postgres.sh url)',
    );
  }
  return url;
}

export interface TestPostgresDatabase {
  /** Connection URL of the new database. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestPostgresDatabase(
  prefix: string,
): Promise<TestPostgresDatabase> {
  const admin = knexFactory({
    client: 'pg',
    connection: testPostgresUrl(),
    pool: { min: 0, max: 1 },
  });
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.raw(`create database ${name}`);
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    },
  };
}
