/**
 * What the router needs from the rest of the plugin, as narrow interfaces: the routes
 * stay testable on their own, and the job manager and table reader satisfy them as-is.
 */
import type {
  FreshnessResponse,
  JobInfo,
  JobName,
  JobRun,
  LineageGraph,
  PipelineMetrics,
  RunStatus,
  RunsPage,
  RunTrigger,
  SnapshotsPage,
  TableDetail,
  TablePreview,
  TableSummary,
} from '@medallion/plugin-lakehouse-common';

export interface JobsPort {
  listJobs(): Promise<JobInfo[]>;
  trigger(
    job: string,
    request: {
      params: Record<string, unknown>;
      idempotencyKey?: string;
      trigger: RunTrigger;
      triggeredBy: string | null;
    },
  ): Promise<{ run: JobRun; existing: boolean }>;
  getRun(runId: string): Promise<JobRun>;
  cancel(runId: string, by: string): Promise<JobRun>;
  listRuns(query: {
    job?: JobName;
    status?: RunStatus[];
    limit: number;
    cursor?: string;
  }): Promise<RunsPage>;
}

export interface TablesPort {
  listTables(): Promise<TableSummary[]>;
  getTable(namespace: string, table: string): Promise<TableDetail>;
  listSnapshots(
    namespace: string,
    table: string,
    page: { limit: number; cursor?: string },
  ): Promise<SnapshotsPage>;
  preview(
    namespace: string,
    table: string,
    options: { limit: number },
  ): Promise<TablePreview>;
}

export interface PipelinePort {
  freshness(): Promise<FreshnessResponse>;
  lineage(): Promise<LineageGraph>;
  metrics(windowSeconds: number): Promise<PipelineMetrics>;
}
