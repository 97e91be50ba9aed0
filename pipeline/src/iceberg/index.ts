/** Apache Iceberg v2 tables from TypeScript: the public surface. */
export * from './types';
export * from './conversions';
export * from './catalog/catalog';
export {
  SqlCatalog,
  sqliteConfig,
  postgresConfig,
  type SqlCatalogOptions,
} from './catalog/sqlCatalog';
export {
  GlueCatalog,
  type GlueCatalogOptions,
} from './catalog/glue/glueCatalog';
export {
  catalogFromSettings,
  sqlCatalogFromSettings,
} from './catalog/fromConfig';
export * from './io/fileIO';
export { LocalFileIO, toFileLocation, toLocalPath } from './io/localFileIO';
export { S3FileIO, type S3FileIOOptions } from './io/s3FileIO';
export * from './metadata';
export {
  Table,
  loadTable,
  loadTableIfExists,
  metadataLocationIfExists,
  createTable,
  defaultTableLocation,
} from './table';
export {
  commitTable,
  CommitFailedError,
  CommitValidationError,
  CommitStateUnknownError,
  type CommitOptions,
} from './commit';
export {
  SchemaUpdate,
  SchemaEvolutionError,
  isPromotionAllowed,
} from './schemaUpdate';
export { updateSpec } from './updateSpec';
export { updateProperties } from './updateProperties';
export {
  PartitionSpecBuilder,
  partitionType,
  partitionPath,
  isUnpartitioned,
} from './partitioning';
export { parseTransform, applyTransform, TransformError } from './transforms';
export * from './expressions';
export {
  planFiles,
  planAppendedFiles,
  ScanError,
  type FileScanTask,
  type ScanPlan,
  type ScanOptions,
} from './scan';
export {
  appendFiles,
  commitSnapshot,
  type SnapshotChange,
  type SnapshotResult,
} from './snapshotProducer';
export { writeRows, appendRows, InvalidRowError } from './dataWriter';
export { scanRows, readTaskRows, readTaskArrow, type Row } from './tableScan';
export {
  overwriteRows,
  deleteRows,
  deleteFiles,
  rewriteDataFiles,
} from './rewrite';
export { expireSnapshots, removeOrphanFiles } from './maintenance';
export { newSnapshotId } from './tableMetadataBuilder';
