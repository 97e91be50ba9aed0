/**
 * The parts of the OpenLineage object model (spec 2-0-2, `OpenLineage.json`) that we
 * emit, with the facets we attach. Field names are the wire names.
 */

/** Every facet carries who produced it and the schema it follows. */
export interface BaseFacet {
  _producer: string;
  _schemaURL: string;
}

export interface JobTypeJobFacet extends BaseFacet {
  processingType: 'BATCH' | 'STREAMING';
  integration: string;
  jobType?: string;
}

export interface ErrorMessageRunFacet extends BaseFacet {
  message: string;
  programmingLanguage: string;
  stackTrace?: string;
}

export interface SymlinksDatasetFacet extends BaseFacet {
  identifiers: Array<{ namespace: string; name: string; type: string }>;
}

export interface OutputStatisticsOutputDatasetFacet extends BaseFacet {
  rowCount?: number;
  size?: number;
  fileCount?: number;
}

/** Our custom output facet: the Iceberg snapshot a run committed to the table. */
export interface MedallionIcebergSnapshotFacet extends BaseFacet {
  /** `namespace.table` in our catalog. */
  table: string;
  /** Decimal string: snapshot ids exceed 2^53. */
  snapshotId: string;
}

export interface OpenLineageJob {
  namespace: string;
  name: string;
  facets?: { jobType?: JobTypeJobFacet };
}

export interface OpenLineageRun {
  runId: string;
  facets?: { errorMessage?: ErrorMessageRunFacet };
}

export interface OpenLineageDatasetFacets {
  symlinks?: SymlinksDatasetFacet;
}

export interface OpenLineageInputDataset {
  namespace: string;
  name: string;
  facets?: OpenLineageDatasetFacets;
}

export interface OpenLineageOutputDataset extends OpenLineageInputDataset {
  outputFacets?: {
    outputStatistics?: OutputStatisticsOutputDatasetFacet;
    medallion_icebergSnapshot?: MedallionIcebergSnapshotFacet;
  };
}

export type RunEventType = 'START' | 'COMPLETE' | 'FAIL' | 'ABORT';

/** An OpenLineage RunEvent, as sent to a lineage backend. */
export interface OpenLineageRunEvent {
  eventType: RunEventType;
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: OpenLineageRun;
  job: OpenLineageJob;
  inputs: OpenLineageInputDataset[];
  outputs: OpenLineageOutputDataset[];
}
