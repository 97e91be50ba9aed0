/**
 * The query engine a configuration names: DuckDB over the catalog's tables (reading
 * tables on S3 from local copies of their data files), or Athena in the configured
 * workgroup, where the Glue tables are queried by name (`silver.purchases`).
 */
import { join } from 'node:path';
import type { LakehouseSettings } from '../config';
import type { Catalog } from '../iceberg/catalog/catalog';
import { AthenaQueryEngine } from './athena';
import { DataFileCache } from './dataFileCache';
import { DuckDbEngine } from './duckdb';
import type { QueryEngine } from './engine';

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
  return new DuckDbEngine({
    catalog,
    files: new DataFileCache({
      io: catalog.io,
      dir: join(settings.home, 'cache', 'data-files'),
    }),
  });
}
