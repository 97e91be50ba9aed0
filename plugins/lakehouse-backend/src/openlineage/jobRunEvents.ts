/**
 * From our run records (`JobRun`) to run event inputs: which datasets a run read and
 * wrote, how many rows and which Iceberg snapshot per output.
 */
import type { JobRun } from '@medallion/plugin-lakehouse-common';
import {
  pipelineJob,
  type PipelineDataset,
  type PipelineTopics,
} from './pipelineJobs';
import type { DatasetRef, RunEventInput, RunEventOutput } from './runEvents';

const resolve = (
  dataset: PipelineDataset,
  topics: PipelineTopics,
): DatasetRef =>
  'topic' in dataset ? { topic: topics[dataset.topic] } : dataset;

const keyOf = (ref: DatasetRef) =>
  'topic' in ref ? `topic:${ref.topic}` : ref.table;

/**
 * The run event input for a run record: START for a `running` run, COMPLETE / FAIL /
 * ABORT for a finished one, nothing for a `queued` run. Row counts come from
 * `output.rows` (the job's own key for each output, or the output's table id / topic
 * name as key); snapshot ids from `output.snapshots`. Tables a run committed to that its
 * description does not list (the gold tables dbt built, the tables maintenance rewrote)
 * are outputs too; maintenance rewrites in place, so its tables are its inputs as well.
 */
export function runEventInputFromJobRun(
  run: JobRun,
  topics: PipelineTopics,
): RunEventInput | undefined {
  if (run.status === 'queued') return undefined;
  const spec = pipelineJob(run.job);
  const started = run.status === 'running';
  const eventTime = started
    ? run.startedAt ?? run.createdAt
    : run.finishedAt ?? new Date().toISOString();
  const rows = run.output?.rows ?? {};
  const snapshots = new Map(
    (run.output?.snapshots ?? []).map(s => [s.table, s.snapshotId]),
  );

  const outputs: RunEventOutput[] = [];
  const seen = new Set<string>();
  const addOutput = (dataset: DatasetRef, rowsKey?: string) => {
    const key = keyOf(dataset);
    if (seen.has(key)) return;
    seen.add(key);
    const name = 'topic' in dataset ? dataset.topic : dataset.table;
    const counted =
      (rowsKey !== undefined ? rows[rowsKey] : undefined) ?? rows[name];
    // A counter that is not a row count must not cost the run its event.
    const rowCount =
      counted !== undefined && Number.isSafeInteger(counted) && counted >= 0
        ? counted
        : undefined;
    const snapshotId =
      'table' in dataset ? snapshots.get(dataset.table) : undefined;
    outputs.push({
      dataset,
      ...(rowCount !== undefined && { rowCount }),
      ...(snapshotId !== undefined && { snapshotId }),
    });
  };
  for (const out of spec.outputs)
    addOutput(resolve(out.dataset, topics), out.rowsKey);
  const committed = [...snapshots.keys()].sort();
  for (const table of committed) addOutput({ table });

  const inputs = spec.inputs.map(d => resolve(d, topics));
  if (spec.dynamic === 'inPlace') {
    for (const table of committed) inputs.push({ table });
  }

  return {
    runId: run.runId,
    job: run.job,
    status: run.status,
    eventTime,
    inputs,
    outputs,
    ...(run.error !== null &&
      !started &&
      run.status !== 'succeeded' && { errorMessage: run.error }),
  };
}
