/**
 * Real databases for the run tests: SQLite (in memory, through Backstage's
 * TestDatabases) and PostgreSQL (the cluster `npm test` starts, at
 * MEDALLION_TEST_POSTGRES_URL: one fresh database per test file, one fresh schema
 * per test). Call {@link setupRunDatabases} at the top of a test file.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import {
  createTestPostgresDatabase,
  type TestPostgresDatabase,
} from '../../__testUtils__/postgresDatabase';

export type RunDatabaseId = 'SQLite' | 'PostgreSQL';

export const RUN_DATABASE_IDS: RunDatabaseId[] = ['SQLite', 'PostgreSQL'];

export interface RunTestDatabase {
  /** A fresh, empty database (no tables). */
  knex: Knex;
  /**
   * A second connection pool to the same database, as another backend instance
   * would have (SQLite in memory has a single connection: the same one).
   */
  connectAgain(): Knex;
}

export function setupRunDatabases(): {
  create(id: RunDatabaseId): Promise<RunTestDatabase>;
} {
  const sqlite = TestDatabases.create({ ids: ['SQLITE_3'] });
  const knexes: Knex[] = [];
  let postgres: Promise<TestPostgresDatabase> | undefined;

  const track = (knex: Knex) => {
    knexes.push(knex);
    return knex;
  };

  const postgresDatabase = () => {
    postgres ??= createTestPostgresDatabase('lakehouse_runs');
    return postgres;
  };

  afterAll(async () => {
    for (const knex of knexes.splice(0)) await knex.destroy();
    if (postgres) await (await postgres).drop();
  }, 60_000);

  return {
    async create(id) {
      if (id === 'SQLite') {
        const knex = await sqlite.init('SQLITE_3');
        return { knex, connectAgain: () => knex };
      }
      const { url } = await postgresDatabase();
      const schema = `s_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const connect = () =>
        track(
          knexFactory({
            client: 'pg',
            connection: url,
            searchPath: [schema],
            pool: { min: 0, max: 5 },
          }),
        );
      const knex = connect();
      await knex.raw(`create schema ${schema}`);
      return { knex, connectAgain: connect };
    },
  };
}

/** Polls until `check` returns a value other than undefined. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
