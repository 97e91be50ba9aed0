import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** The knex migrations of this plugin (plain JS, shipped with the package). */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@medallion/plugin-lakehouse-backend',
  'migrations',
);

/**
 * Our own bookkeeping table: the plugin's database may be shared with other
 * knex users (e.g. an Iceberg SQL catalog), whose migrations must not mix with ours.
 */
export const MIGRATIONS_TABLE = 'lakehouse_knex_migrations';

/**
 * Brings the plugin's tables up to date. The caller skips this when
 * `database.migrations?.skip` is set (migrations applied out of band).
 */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: MIGRATIONS_DIRECTORY,
    tableName: MIGRATIONS_TABLE,
    loadExtensions: ['.js'],
  });
}
