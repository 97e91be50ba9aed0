/** The table read model of the REST API: tables, snapshots, previews, freshness, metrics. */
export {
  LakehouseReader,
  DEFAULT_METADATA_CACHE_SIZE,
  DEFAULT_PREVIEW_LIMIT,
  type LakehouseReaderOptions,
  type TableMetadataSource,
} from './LakehouseReader';
export {
  computeFreshness,
  freshnessStatus,
  slaFor,
  type FreshnessSlas,
  type Sla,
} from './freshness';
export {
  computePipelineMetrics,
  type ConsumerLagReading,
  type PipelineMetricsOptions,
} from './pipelineMetrics';
export { MAX_PAGE_LIMIT, DEFAULT_SNAPSHOT_LIMIT } from './snapshotPaging';
export { percentile } from './percentile';
