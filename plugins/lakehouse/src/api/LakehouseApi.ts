import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AnomaliesPage,
  AnomalyDecision,
  AnomalyDetail,
  AnomalyModelResponse,
  AnomalyPatternFilter,
  AnomalyStats,
  DbtFreshnessResponse,
  DbtModelDetail,
  DbtModelsResponse,
  DbtRunsResponse,
  FreshnessResponse,
  JobName,
  JobRun,
  JobsResponse,
  LakehouseHealth,
  LineageGraph,
  PipelineMetrics,
  ProfitabilityResponse,
  RunsPage,
  RunStatus,
  SnapshotsPage,
  TableDetail,
  TablePreview,
  TablesResponse,
  TriggerRunRequest,
  TriggerRunResponse,
} from '@medallion/plugin-lakehouse-common';

/** Query of {@link LakehouseApi.listRuns}. @public */
export interface ListRunsQuery {
  job?: JobName;
  status?: RunStatus[];
  limit?: number;
  cursor?: string;
}

/** Query of {@link LakehouseApi.listAnomalies}. @public */
export interface ListAnomaliesQuery {
  /** ISO timestamp: only purchases with a later event time. */
  since?: string;
  /** 0..1: only scores at or above it. */
  minScore?: number;
  pattern?: AnomalyPatternFilter;
  /** The backend's default is `anomaly` (flagged only). */
  decision?: AnomalyDecision | 'all';
  /** 1..200, the backend's default 50. */
  limit?: number;
  cursor?: string;
}

/** Query of {@link LakehouseApi.getAnomalyStats}. @public */
export interface AnomalyStatsQuery {
  /** ISO timestamp; everything scored when absent. */
  since?: string;
  /** Histogram bins, 5..50, the backend's default 20. */
  bins?: number;
}

/**
 * The lakehouse backend's REST API (`/api/lakehouse`), as the views use it.
 *
 * @public
 */
export interface LakehouseApi {
  getHealth(): Promise<LakehouseHealth>;
  listJobs(): Promise<JobsResponse>;
  triggerRun(
    job: JobName,
    request?: TriggerRunRequest,
  ): Promise<TriggerRunResponse>;
  getRun(runId: string): Promise<JobRun>;
  cancelRun(runId: string): Promise<JobRun>;
  listRuns(query?: ListRunsQuery): Promise<RunsPage>;
  listTables(): Promise<TablesResponse>;
  getTable(namespace: string, table: string): Promise<TableDetail>;
  listSnapshots(
    namespace: string,
    table: string,
    page?: { limit?: number; cursor?: string },
  ): Promise<SnapshotsPage>;
  previewTable(
    namespace: string,
    table: string,
    options?: { limit?: number },
  ): Promise<TablePreview>;
  getFreshness(): Promise<FreshnessResponse>;
  getLineage(): Promise<LineageGraph>;
  getPipelineMetrics(windowSeconds?: number): Promise<PipelineMetrics>;
  listDbtModels(): Promise<DbtModelsResponse>;
  /** `model`: the model's name or unique id. */
  getDbtModel(model: string): Promise<DbtModelDetail>;
  listDbtRuns(limit?: number): Promise<DbtRunsResponse>;
  getDbtFreshness(): Promise<DbtFreshnessResponse>;
  /** Rows of one category and/or currency; `categories`/`currencies` list all. */
  getProfitability(query?: {
    category?: string;
    currency?: string;
  }): Promise<ProfitabilityResponse>;
  /** Scored purchases, newest first, a page at a time. */
  listAnomalies(query?: ListAnomaliesQuery): Promise<AnomaliesPage>;
  /** One scored purchase and its features; a 404 ResponseError when not scored. */
  getAnomaly(eventId: string): Promise<AnomalyDetail>;
  getAnomalyStats(query?: AnomalyStatsQuery): Promise<AnomalyStats>;
  getAnomalyModel(): Promise<AnomalyModelResponse>;
}

/** @public */
export const lakehouseApiRef = createApiRef<LakehouseApi>({
  id: 'plugin.lakehouse.service',
});
