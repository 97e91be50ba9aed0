/** The catalog a configuration names: SQLite file or PostgreSQL, local FileIO. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LakehouseSettings } from '../../config';
import { LocalFileIO } from '../io/localFileIO';
import { postgresConfig, SqlCatalog, sqliteConfig } from './sqlCatalog';

export function catalogFromSettings(settings: LakehouseSettings): SqlCatalog {
  const uri = settings.catalogUri;
  let knex;
  if (uri.startsWith('sqlite:')) {
    const file = uri.replace(/^sqlite:(\/\/)?/, '');
    mkdirSync(dirname(file), { recursive: true });
    knex = sqliteConfig(file);
  } else {
    knex = postgresConfig(uri);
  }
  return new SqlCatalog({
    name: settings.catalogName,
    knex,
    warehouse: settings.warehouse,
    io: new LocalFileIO(),
  });
}
