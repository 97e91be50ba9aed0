/**
 * What each of our jobs reads and writes, in pipeline order: the one description that
 * both the run events and the lineage graph are built from.
 */
import type { JobName, LineageNode } from '@medallion/plugin-lakehouse-common';

/** The pipeline's two Kafka topics by role; their names come from configuration. */
export interface PipelineTopics {
  purchases: string;
  labels: string;
}

export type PipelineDataset =
  | { topic: keyof PipelineTopics }
  | { table: string };

export interface PipelineOutput {
  dataset: PipelineDataset;
  /** The key of `JobRun.output.rows` that counts the rows written to it, if any. */
  rowsKey?: string;
}

export interface PipelineJob {
  job: JobName;
  /** What people call it in the lineage view. */
  label: string;
  layer: LineageNode['layer'];
  processingType: 'BATCH' | 'STREAMING';
  inputs: PipelineDataset[];
  outputs: PipelineOutput[];
  /**
   * `outputs`: its outputs are known only at run time (the gold tables dbt built);
   * `inPlace`: it rewrites existing tables, each both an input and an output.
   */
  dynamic?: 'outputs' | 'inPlace';
}

export const BRONZE_PURCHASES = 'bronze.purchases_raw';
export const BRONZE_LABELS = 'bronze.purchase_labels';
export const SILVER_PURCHASES = 'silver.purchases';
export const SILVER_REJECTED = 'silver.purchases_rejected';
/** Shown (as planned) until dbt has built any gold table. */
export const GOLD_FACT = 'gold.fct_purchases';
export const GOLD_ANOMALIES = 'gold.purchase_anomalies';

// Row keys are those the job adapters report in JobRun.output.rows.
const PIPELINE_JOBS: readonly PipelineJob[] = [
  {
    job: 'producer',
    label: 'event producer',
    layer: 'source',
    processingType: 'BATCH',
    inputs: [],
    outputs: [
      { dataset: { topic: 'purchases' }, rowsKey: 'sent' },
      { dataset: { topic: 'labels' }, rowsKey: 'labels' },
    ],
  },
  {
    job: 'bronze',
    label: 'bronze ingester',
    layer: 'bronze',
    processingType: 'STREAMING',
    inputs: [{ topic: 'purchases' }, { topic: 'labels' }],
    outputs: [
      { dataset: { table: BRONZE_PURCHASES }, rowsKey: 'purchases' },
      { dataset: { table: BRONZE_LABELS }, rowsKey: 'labels' },
    ],
  },
  {
    job: 'silver',
    label: 'silver processor',
    layer: 'silver',
    processingType: 'BATCH',
    inputs: [{ table: BRONZE_PURCHASES }],
    outputs: [
      { dataset: { table: SILVER_PURCHASES }, rowsKey: 'accepted' },
      { dataset: { table: SILVER_REJECTED }, rowsKey: 'rejected' },
    ],
  },
  {
    job: 'gold',
    label: 'dbt build (gold)',
    layer: 'gold',
    processingType: 'BATCH',
    inputs: [{ table: SILVER_PURCHASES }],
    outputs: [],
    dynamic: 'outputs',
  },
  {
    job: 'scoring',
    label: 'anomaly scoring',
    layer: 'anomalies',
    processingType: 'BATCH',
    inputs: [{ table: SILVER_PURCHASES }],
    outputs: [{ dataset: { table: GOLD_ANOMALIES }, rowsKey: 'scored' }],
  },
  {
    // Its output is a model file, not a table: lineage shows what it learns from.
    job: 'training',
    label: 'anomaly model training',
    layer: 'anomalies',
    processingType: 'BATCH',
    inputs: [{ table: SILVER_PURCHASES }, { table: BRONZE_LABELS }],
    outputs: [],
  },
  {
    job: 'maintenance',
    label: 'table maintenance',
    layer: null,
    processingType: 'BATCH',
    inputs: [],
    outputs: [],
    dynamic: 'inPlace',
  },
];

/** Every job, in pipeline order. */
export function pipelineJobs(): readonly PipelineJob[] {
  return PIPELINE_JOBS;
}

export function pipelineJob(job: JobName): PipelineJob {
  const found = PIPELINE_JOBS.find(j => j.job === job);
  if (!found) throw new Error(`no pipeline description for job "${job}"`);
  return found;
}
