/**
 * OpenLineage RunEvents for our job runs: START when a run starts, COMPLETE / FAIL /
 * ABORT (cancelled) when it ends (OpenLineage.md: "Sending at least a START event and a
 * COMPLETE/FAIL/ABORT event is required").
 */
import { JOB_NAMES } from '@medallion/plugin-lakehouse-common';
import { z } from 'zod';
import {
  FACET_SCHEMA_URLS,
  ICEBERG_SNAPSHOT_FACET,
  ICEBERG_SNAPSHOT_FACET_SCHEMA_URL,
  RUN_EVENT_SCHEMA_URL,
} from './facets';
import {
  icebergTableDataset,
  kafkaTopicDataset,
  openLineageJobName,
  type DatasetNamingContext,
} from './naming';
import type {
  OpenLineageInputDataset,
  OpenLineageOutputDataset,
  OpenLineageRunEvent,
  RunEventType,
} from './openLineageTypes';
import { pipelineJob } from './pipelineJobs';

/** Shown as `job.facets.jobType.integration`: the system that runs our jobs. */
export const OPENLINEAGE_INTEGRATION = 'MEDALLION';

const datasetRef = z.union([
  z.object({ topic: z.string().min(1) }).strict(),
  z.object({ table: z.string().regex(/^[^.\s]+(\.[^.\s]+)+$/) }).strict(),
]);

const count = z.number().int().nonnegative();

const runEventInputSchema = z.object({
  runId: z.uuid(),
  job: z.enum(JOB_NAMES),
  /** The run's state: `running` → START, then COMPLETE / FAIL / ABORT. */
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  /** When the run started (START) or ended (the others). */
  eventTime: z.iso.datetime({ offset: true }),
  inputs: z.array(datasetRef),
  outputs: z.array(
    z.object({
      dataset: datasetRef,
      rowCount: count.optional(),
      sizeBytes: count.optional(),
      fileCount: count.optional(),
      snapshotId: z
        .string()
        .regex(/^-?\d+$/)
        .optional(),
    }),
  ),
  /** The run's error (FAIL; also kept on ABORT when the job reported one). */
  errorMessage: z.string().optional(),
});

/** A dataset a run reads or writes: a Kafka topic or a table (`namespace.table`). */
export type DatasetRef = z.infer<typeof datasetRef>;

/** A dataset a run wrote, with what is known about what it wrote. */
export type RunEventOutput = z.infer<
  typeof runEventInputSchema
>['outputs'][number];

/** What {@link buildRunEvent} needs to know about a run. */
export type RunEventInput = z.input<typeof runEventInputSchema>;

/** Who emits, and how datasets and jobs are named. */
export interface RunEventContext {
  /** Job namespace (default `medallion`, see naming.ts). */
  jobNamespace: string;
  /** URI identifying this plugin and its version (`producer`, `_producer`). */
  producer: string;
  naming: DatasetNamingContext;
}

const EVENT_TYPES: Record<RunEventInput['status'], RunEventType> = {
  running: 'START',
  succeeded: 'COMPLETE',
  failed: 'FAIL',
  cancelled: 'ABORT',
};

/** The OpenLineage RunEvent for a run that started or ended. */
export function buildRunEvent(
  input: RunEventInput,
  context: RunEventContext,
): OpenLineageRunEvent {
  const parsed = runEventInputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(i => `${i.path.join('.') || '(input)'}: ${i.message}`)
      .join('; ');
    throw new Error(`invalid OpenLineage run event input: ${problems}`);
  }
  const run = parsed.data;
  const eventType = EVENT_TYPES[run.status];
  const producer = context.producer;
  const spec = pipelineJob(run.job);

  const dataset = (ref: DatasetRef): OpenLineageInputDataset => {
    if ('topic' in ref) {
      return kafkaTopicDataset(context.naming.kafkaBrokers, ref.topic);
    }
    const { namespace, name, symlinks } = icebergTableDataset(
      context.naming.tables,
      ref.table,
    );
    return {
      namespace,
      name,
      facets: {
        symlinks: {
          _producer: producer,
          _schemaURL: FACET_SCHEMA_URLS.symlinks,
          identifiers: symlinks,
        },
      },
    };
  };

  const output = (out: RunEventOutput): OpenLineageOutputDataset => {
    const base: OpenLineageOutputDataset = dataset(out.dataset);
    // Statistics and snapshots describe what a run wrote, so only its end reports them.
    if (eventType === 'START') return base;
    const outputFacets: NonNullable<OpenLineageOutputDataset['outputFacets']> =
      {};
    if (
      out.rowCount !== undefined ||
      out.sizeBytes !== undefined ||
      out.fileCount !== undefined
    ) {
      outputFacets.outputStatistics = {
        _producer: producer,
        _schemaURL: FACET_SCHEMA_URLS.outputStatistics,
        ...(out.rowCount !== undefined && { rowCount: out.rowCount }),
        ...(out.sizeBytes !== undefined && { size: out.sizeBytes }),
        ...(out.fileCount !== undefined && { fileCount: out.fileCount }),
      };
    }
    if (out.snapshotId !== undefined && 'table' in out.dataset) {
      outputFacets[ICEBERG_SNAPSHOT_FACET] = {
        _producer: producer,
        _schemaURL: ICEBERG_SNAPSHOT_FACET_SCHEMA_URL,
        table: out.dataset.table,
        snapshotId: out.snapshotId,
      };
    }
    return Object.keys(outputFacets).length > 0
      ? { ...base, outputFacets }
      : base;
  };

  const event: OpenLineageRunEvent = {
    eventType,
    eventTime: new Date(run.eventTime).toISOString(),
    producer,
    schemaURL: RUN_EVENT_SCHEMA_URL,
    run: { runId: run.runId },
    job: {
      namespace: context.jobNamespace,
      name: openLineageJobName(run.job),
      facets: {
        jobType: {
          _producer: producer,
          _schemaURL: FACET_SCHEMA_URLS.jobType,
          processingType: spec.processingType,
          integration: OPENLINEAGE_INTEGRATION,
          jobType: 'JOB',
        },
      },
    },
    inputs: run.inputs.map(dataset),
    outputs: run.outputs.map(output),
  };
  if (
    run.errorMessage !== undefined &&
    (eventType === 'FAIL' || eventType === 'ABORT')
  ) {
    // The message only: stack traces stay in our logs (they leak paths and internals).
    event.run.facets = {
      errorMessage: {
        _producer: producer,
        _schemaURL: FACET_SCHEMA_URLS.errorMessage,
        message: run.errorMessage,
        programmingLanguage: 'TypeScript',
      },
    };
  }
  return event;
}
