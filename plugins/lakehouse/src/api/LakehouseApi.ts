import { createApiRef } from '@backstage/core-plugin-api';
import type {
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
}

/** @public */
export const lakehouseApiRef = createApiRef<LakehouseApi>({
  id: 'plugin.lakehouse.service',
});
