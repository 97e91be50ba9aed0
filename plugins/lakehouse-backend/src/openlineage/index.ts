/** OpenLineage for the lakehouse jobs: names, run events, the emitter and the lineage graph. */
export {
  DEFAULT_JOB_NAMESPACE,
  datasetFromLocation,
  icebergTableDataset,
  kafkaTopicDataset,
  openLineageJobName,
  type DatasetNamingContext,
  type OpenLineageName,
  type TableNamingContext,
} from './naming';
export {
  DEFAULT_PRODUCER,
  ICEBERG_SNAPSHOT_FACET,
  ICEBERG_SNAPSHOT_FACET_SCHEMA,
  RUN_EVENT_SCHEMA_URL,
} from './facets';
export type { OpenLineageRunEvent } from './openLineageTypes';
export {
  buildRunEvent,
  type DatasetRef,
  type RunEventContext,
  type RunEventInput,
  type RunEventOutput,
} from './runEvents';
export { runEventInputFromJobRun } from './jobRunEvents';
export { pipelineJobs, type PipelineTopics } from './pipelineJobs';
export { buildLineageGraph, type LineageGraphInput } from './lineageGraph';
export {
  OpenLineageEmitter,
  openLineageTransportSchema,
  type OpenLineageEmitterOptions,
  type OpenLineageLogger,
  type OpenLineageTransportConfig,
} from './emitter';
export {
  createOpenLineageRunListener,
  type OpenLineageRunListenerOptions,
} from './runListener';
