import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { TriggerRunRequest } from '@medallion/plugin-lakehouse-common';
import type {
  AnomalyStatsQuery,
  LakehouseApi,
  ListAnomaliesQuery,
  ListRunsQuery,
} from './LakehouseApi';

/**
 * The backend could not be reached at all (not an HTTP error): it is not running, or
 * the discovery URL points elsewhere. Views show this with how to fix it.
 *
 * @public
 */
export class LakehouseUnavailableError extends Error {
  readonly name = 'LakehouseUnavailableError';
  constructor(readonly baseUrl: string, cause: unknown) {
    super(
      `The lakehouse backend is not reachable at ${baseUrl} (${
        cause instanceof Error ? cause.message : String(cause)
      }). Start it with \`npm start\` at the repository root, or check that the lakehouse backend plugin is installed in your Backstage backend.`,
    );
  }
}

const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
};

const segment = encodeURIComponent;

/**
 * {@link LakehouseApi} over HTTP: the base URL from discoveryApi, requests through
 * fetchApi (so the signed-in user's Backstage token goes along).
 *
 * @public
 */
export class LakehouseClient implements LakehouseApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('lakehouse');
    let response: Response;
    try {
      response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    } catch (error) {
      throw new LakehouseUnavailableError(baseUrl, error);
    }
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  getHealth() {
    return this.request<Awaited<ReturnType<LakehouseApi['getHealth']>>>(
      '/health',
    );
  }
  listJobs() {
    return this.request<Awaited<ReturnType<LakehouseApi['listJobs']>>>('/jobs');
  }
  triggerRun(job: string, request: TriggerRunRequest = {}) {
    return this.post<Awaited<ReturnType<LakehouseApi['triggerRun']>>>(
      `/jobs/${segment(job)}/runs`,
      request,
    );
  }
  getRun(runId: string) {
    return this.request<Awaited<ReturnType<LakehouseApi['getRun']>>>(
      `/runs/${segment(runId)}`,
    );
  }
  cancelRun(runId: string) {
    return this.post<Awaited<ReturnType<LakehouseApi['cancelRun']>>>(
      `/runs/${segment(runId)}/cancel`,
      {},
    );
  }
  listRuns(q: ListRunsQuery = {}) {
    return this.request<Awaited<ReturnType<LakehouseApi['listRuns']>>>(
      `/runs${query({
        job: q.job,
        status: q.status?.join(','),
        limit: q.limit,
        cursor: q.cursor,
      })}`,
    );
  }
  listTables() {
    return this.request<Awaited<ReturnType<LakehouseApi['listTables']>>>(
      '/tables',
    );
  }
  getTable(namespace: string, table: string) {
    return this.request<Awaited<ReturnType<LakehouseApi['getTable']>>>(
      `/tables/${segment(namespace)}/${segment(table)}`,
    );
  }
  listSnapshots(
    namespace: string,
    table: string,
    page: { limit?: number; cursor?: string } = {},
  ) {
    return this.request<Awaited<ReturnType<LakehouseApi['listSnapshots']>>>(
      `/tables/${segment(namespace)}/${segment(table)}/snapshots${query(page)}`,
    );
  }
  previewTable(
    namespace: string,
    table: string,
    options: { limit?: number } = {},
  ) {
    return this.request<Awaited<ReturnType<LakehouseApi['previewTable']>>>(
      `/tables/${segment(namespace)}/${segment(table)}/preview${query(
        options,
      )}`,
    );
  }
  getFreshness() {
    return this.request<Awaited<ReturnType<LakehouseApi['getFreshness']>>>(
      '/freshness',
    );
  }
  getLineage() {
    return this.request<Awaited<ReturnType<LakehouseApi['getLineage']>>>(
      '/lineage',
    );
  }
  getPipelineMetrics(windowSeconds?: number) {
    return this.request<
      Awaited<ReturnType<LakehouseApi['getPipelineMetrics']>>
    >(`/metrics/pipeline${query({ window: windowSeconds })}`);
  }
  listDbtModels() {
    return this.request<Awaited<ReturnType<LakehouseApi['listDbtModels']>>>(
      '/dbt/models',
    );
  }
  getDbtModel(model: string) {
    return this.request<Awaited<ReturnType<LakehouseApi['getDbtModel']>>>(
      `/dbt/models/${segment(model)}`,
    );
  }
  listDbtRuns(limit?: number) {
    return this.request<Awaited<ReturnType<LakehouseApi['listDbtRuns']>>>(
      `/dbt/runs${query({ limit })}`,
    );
  }
  getDbtFreshness() {
    return this.request<Awaited<ReturnType<LakehouseApi['getDbtFreshness']>>>(
      '/dbt/freshness',
    );
  }
  getProfitability(q: { category?: string; currency?: string } = {}) {
    return this.request<Awaited<ReturnType<LakehouseApi['getProfitability']>>>(
      `/metrics/profitability${query({
        category: q.category,
        currency: q.currency,
      })}`,
    );
  }
  listAnomalies(q: ListAnomaliesQuery = {}) {
    return this.request<Awaited<ReturnType<LakehouseApi['listAnomalies']>>>(
      `/anomalies${query({
        since: q.since,
        minScore: q.minScore,
        pattern: q.pattern,
        decision: q.decision,
        limit: q.limit,
        cursor: q.cursor,
      })}`,
    );
  }
  getAnomaly(eventId: string) {
    return this.request<Awaited<ReturnType<LakehouseApi['getAnomaly']>>>(
      `/anomalies/${segment(eventId)}`,
    );
  }
  getAnomalyStats(q: AnomalyStatsQuery = {}) {
    return this.request<Awaited<ReturnType<LakehouseApi['getAnomalyStats']>>>(
      `/anomalies/stats${query({ since: q.since, bins: q.bins })}`,
    );
  }
  getAnomalyModel() {
    return this.request<Awaited<ReturnType<LakehouseApi['getAnomalyModel']>>>(
      '/anomalies/model',
    );
  }
}
