/**
 * @medallion/pipeline: the framework-free core of Medallion. Never imports Backstage;
 * the plugins are thin adapters over this package.
 */
export * from './events';
export * from './config';
export * from './kafka/client';
export * from './kafka/topics';
export * from './kafka/purchaseProducer';
export * from './iceberg';
export * from './layers';
export * from './query/engine';
export {
  DuckDbEngine,
  duckdbDialect,
  duckdbType,
  quoteIdent,
  tableSelectSql,
} from './query/duckdb';
export {
  DataFileCache,
  localFilesOnly,
  type DataFileCacheOptions,
  type LocalDataFiles,
} from './query/dataFileCache';
export { queryEngineFromSettings } from './query/fromConfig';
export {
  currentSnapshotSource,
  qualifiedName,
  quoteSqlString,
  trinoDialect,
  trinoType,
  type SnapshotSource,
  type SqlDialect,
} from './query/dialect';
export {
  TrinoQueryEngine,
  TrinoQueryError,
  type TrinoQueryEngineOptions,
} from './query/trino';
export {
  AthenaQueryEngine,
  AthenaQueryError,
  type AthenaQueryEngineOptions,
} from './query/athena';
export * from './gold';
export * from './scoring';
