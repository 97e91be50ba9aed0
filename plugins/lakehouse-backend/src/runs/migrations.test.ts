import fs from 'node:fs';
import path from 'node:path';
import {
  applyDatabaseMigrations,
  MIGRATIONS_DIRECTORY,
  MIGRATIONS_TABLE,
} from './migrations';
import {
  RUN_DATABASE_IDS,
  setupRunDatabases,
} from './__testUtils__/runDatabases';

jest.setTimeout(60_000);

const databases = setupRunDatabases();

const COLUMNS = [
  'run_id',
  'job',
  'trigger',
  'triggered_by',
  'idempotency_key',
  'params',
  'status',
  'created_at',
  'started_at',
  'finished_at',
  'progress',
  'output',
  'error',
  'cancel_requested',
  'instance_id',
  'heartbeat_at',
];

/**
 * The message of the error a query rejects with. Compared by message because
 * jest's `rejects.toThrow` intermittently reported better-sqlite3's constraint
 * errors as "did not throw" here (seen when test files ran in parallel).
 */
async function rejection(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'message' in error
      ? String(error.message)
      : String(error);
  }
  throw new Error('expected the query to be refused, but it succeeded');
}

function row(overrides: Record<string, unknown>) {
  return {
    run_id: overrides.run_id,
    job: 'silver',
    trigger: 'user',
    params: '{}',
    status: 'succeeded',
    created_at: 1,
    ...overrides,
  };
}

describe('migrations', () => {
  it('ships as plain JS files in the package', () => {
    expect(MIGRATIONS_DIRECTORY).toBe(
      path.resolve(__dirname, '..', '..', 'migrations'),
    );
    expect(fs.readdirSync(MIGRATIONS_DIRECTORY)).toContain(
      '20261127000000_runs.js',
    );
  });

  describe.each(RUN_DATABASE_IDS)('on %s', id => {
    it('creates lakehouse_runs with its columns, and goes down again', async () => {
      const { knex } = await databases.create(id);
      await applyDatabaseMigrations(knex);
      // Idempotent: a second start finds nothing to do.
      await applyDatabaseMigrations(knex);

      expect(await knex.schema.hasTable(MIGRATIONS_TABLE)).toBe(true);
      const info = await knex('lakehouse_runs').columnInfo();
      expect(Object.keys(info).sort()).toEqual([...COLUMNS].sort());

      await knex('lakehouse_runs').insert(row({ run_id: 'a' }));
      const [{ cancel_requested }] = await knex('lakehouse_runs').select(
        'cancel_requested',
      );
      expect(Boolean(cancel_requested)).toBe(false);

      await knex.migrate.rollback(
        { directory: MIGRATIONS_DIRECTORY, tableName: MIGRATIONS_TABLE },
        true,
      );
      expect(await knex.schema.hasTable('lakehouse_runs')).toBe(false);
    });

    it('allows one run per idempotency key and one active run per job', async () => {
      const { knex } = await databases.create(id);
      await applyDatabaseMigrations(knex);

      // Without a key, finished runs of a job are unlimited.
      await knex('lakehouse_runs').insert([
        row({ run_id: 'a' }),
        row({ run_id: 'b' }),
      ]);
      await knex('lakehouse_runs').insert(
        row({ run_id: 'c', idempotency_key: 'k' }),
      );
      expect(
        await rejection(
          knex('lakehouse_runs').insert(
            row({ run_id: 'd', idempotency_key: 'k' }),
          ),
        ),
      ).toMatch(/unique/i);
      // The same key on another job is another run.
      await knex('lakehouse_runs').insert(
        row({ run_id: 'e', idempotency_key: 'k', job: 'gold' }),
      );

      await knex('lakehouse_runs').insert(
        row({ run_id: 'f', status: 'queued' }),
      );
      expect(
        await rejection(
          knex('lakehouse_runs').insert(
            row({ run_id: 'g', status: 'running' }),
          ),
        ),
      ).toMatch(/unique/i);
      await knex('lakehouse_runs').insert(
        row({ run_id: 'h', status: 'running', job: 'gold' }),
      );
      const [{ n }] = await knex('lakehouse_runs').count({ n: '*' });
      expect(Number(n)).toBe(6);
    });
  });
});
