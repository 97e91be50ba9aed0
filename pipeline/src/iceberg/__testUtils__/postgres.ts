/** A fresh PostgreSQL database per test file, on the cluster `npm test` starts. */
import { randomUUID } from 'node:crypto';
import knexFactory from 'knex';

export function postgresUrl(): string {
  const url = process.env.MEDALLION_TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      'MEDALLION_TEST_POSTGRES_URL is not set: run the suite with `npm test` (it starts PostgreSQL), or start one with `bash scripts/postgres.sh start` and export MEDALLION_TEST_POSTGRES_URL=$(bash scripts/postgres.sh url)',
    );
  }
  return url;
}

export async function createTestDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const base = postgresUrl();
  const name = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = knexFactory({
    client: 'pg',
    connection: base,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    },
  };
}
