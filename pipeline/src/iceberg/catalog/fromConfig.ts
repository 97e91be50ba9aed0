/**
 * The catalog a configuration names: the SQL catalog (SQLite file or PostgreSQL) or the
 * AWS Glue Data Catalog, over a FileIO that serves both local paths and s3:// locations.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LakehouseSettings } from '../../config';
import { SchemeFileIO } from '../io/schemeFileIO';
import type { Catalog } from './catalog';
import { GlueCatalog } from './glue/glueCatalog';
import { postgresConfig, SqlCatalog, sqliteConfig } from './sqlCatalog';

export function catalogFromSettings(settings: LakehouseSettings): Catalog {
  const io = new SchemeFileIO({ aws: settings.aws });
  if (settings.catalog === 'glue') {
    if (!settings.aws)
      throw new Error(
        'the Glue catalog needs AWS settings: set lakehouse.aws.region',
      );
    return new GlueCatalog({
      name: settings.catalogName,
      aws: settings.aws,
      catalogId: settings.glueCatalogId,
      warehouse: settings.warehouse,
      io,
    });
  }
  return sqlCatalogFromSettings(settings, io);
}

/** The SQL catalog of a configuration (local tools and tests that need its own API). */
export function sqlCatalogFromSettings(
  settings: LakehouseSettings,
  io = new SchemeFileIO({ aws: settings.aws }),
): SqlCatalog {
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
    io,
  });
}
