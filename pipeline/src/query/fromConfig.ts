/**
 * The query engine a configuration names: DuckDB over the catalog's tables (reading
 * tables on S3 from local copies of their data files), Athena in the configured
 * workgroup, or a Trino server; the last two query the tables by name
 * (`silver.purchases`) in their own catalog (Glue for Athena).
 */
import { join } from 'node:path';
import type { LakehouseSettings } from '../config';
import type { Catalog } from '../iceberg/catalog/catalog';
import { AthenaQueryEngine } from './athena';
import { DataFileCache } from './dataFileCache';
import { DuckDbEngine } from './duckdb';
import type { QueryEngine } from './engine';
import { TrinoQueryEngine } from './trino';

export function queryEngineFromSettings(
  settings: LakehouseSettings,
  catalog: Catalog,
): QueryEngine {
  const engine = settings.queryEngine;
  if (engine.type === 'athena') {
    if (!settings.aws)
      throw new Error('Athena needs AWS settings: set lakehouse.aws.region');
    return new AthenaQueryEngine({
      aws: settings.aws,
      workgroup: engine.workgroup,
      outputLocation: engine.outputLocation,
    });
  }
  if (engine.type === 'trino') {
    const { server, catalog: trinoCatalog, user, password } = engine;
    return new TrinoQueryEngine({
      server,
      catalog: trinoCatalog,
      user,
      ...(password === undefined ? {} : { password }),
    });
  }
  return new DuckDbEngine({
    catalog,
    files: new DataFileCache({
      io: catalog.io,
      dir: join(settings.home, 'cache', 'data-files'),
    }),
  });
}
