import { ResponseError } from '@backstage/errors';
import type {
  JobRun,
  JobsResponse,
  RunsPage,
} from '@medallion/plugin-lakehouse-common';
import type { LakehouseApi, ListRunsQuery } from '../../../api';
import { LakehouseUnavailableError } from '../../../api';
import { allRuns, jobsResponse } from './fixtures';

/** A ResponseError exactly as LakehouseClient builds it from a backend error answer. */
export function responseError(
  statusCode: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const statusText: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
  };
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/lakehouse/…' },
        response: { statusCode },
      }),
      {
        status: statusCode,
        statusText: statusText[statusCode] ?? 'Error',
        headers: { 'content-type': 'application/json; charset=utf-8' },
      },
    ),
  );
}

export const backendDown = () =>
  new LakehouseUnavailableError(
    'http://localhost:7007/api/lakehouse',
    new TypeError('Failed to fetch'),
  );

/** GET /runs over an in-memory list: filters, newest first, an opaque offset cursor. */
export function pageOfRuns(
  runs: JobRun[],
  query: ListRunsQuery = {},
): RunsPage {
  const matching = runs.filter(
    r =>
      (!query.job || r.job === query.job) &&
      (!query.status?.length || query.status.includes(r.status)),
  );
  const offset = query.cursor ? Number(atob(query.cursor)) : 0;
  const limit = query.limit ?? 50;
  const items = matching.slice(offset, offset + limit);
  const next = offset + limit;
  return {
    items,
    nextCursor: next < matching.length ? btoa(String(next)) : null,
  };
}

/** The id of the run the fake's triggerRun starts. */
export const TRIGGERED_RUN_ID = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

export type FakeLakehouseApi = jest.Mocked<LakehouseApi>;

/**
 * A LakehouseApi answering from fixtures like the backend would; every method is a
 * jest.fn, so tests can inspect calls or override answers.
 */
export function fakeLakehouseApi(
  data: { jobs?: JobsResponse; runs?: JobRun[] } = {},
): FakeLakehouseApi {
  const jobs = data.jobs ?? jobsResponse;
  // a copy the fake changes as the backend would (cancelRun marks the run)
  const runs = structuredClone(data.runs ?? allRuns);
  const findRun = async (runId: string) => {
    const run = runs.find(r => r.runId === runId);
    if (!run)
      throw await responseError(404, 'NotFoundError', `no run ${runId}`);
    return structuredClone(run);
  };
  const notUsed = () => Promise.reject(new Error('not used by the Jobs view'));
  const api: LakehouseApi = {
    getHealth: notUsed,
    listDbtModels: notUsed,
    getDbtModel: notUsed,
    listDbtRuns: notUsed,
    getDbtFreshness: notUsed,
    getProfitability: notUsed,
    listAnomalies: notUsed,
    getAnomaly: notUsed,
    getAnomalyStats: notUsed,
    getAnomalyModel: notUsed,
    listJobs: async () => structuredClone(jobs),
    listRuns: async query => structuredClone(pageOfRuns(runs, query)),
    getRun: findRun,
    triggerRun: async (job, request = {}) => {
      const run: JobRun = {
        runId: TRIGGERED_RUN_ID,
        job,
        trigger: 'user',
        triggeredBy: 'user:default/guest',
        idempotencyKey: request.idempotencyKey ?? null,
        params: request.params ?? {},
        status: 'queued',
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        durationMs: null,
        progress: null,
        output: null,
        error: null,
        cancelRequested: false,
      };
      runs.unshift(run);
      return { runId: run.runId, status: run.status, existing: false };
    },
    cancelRun: async runId => {
      await findRun(runId);
      const run = runs.find(r => r.runId === runId)!;
      run.cancelRequested = true;
      return structuredClone(run);
    },
    listTables: notUsed,
    getTable: notUsed,
    listSnapshots: notUsed,
    previewTable: notUsed,
    getFreshness: notUsed,
    getLineage: notUsed,
    getPipelineMetrics: notUsed,
  };
  // each method wrapped in jest.fn with its own implementation
  return Object.fromEntries(
    Object.entries(api).map(([name, method]) => [name, jest.fn(method)]),
  ) as unknown as FakeLakehouseApi;
}

/** Every call fails as when the backend is not running. */
export function downLakehouseApi(): FakeLakehouseApi {
  const api = fakeLakehouseApi();
  for (const fn of Object.values(api) as jest.Mock[])
    fn.mockImplementation(() => Promise.reject(backendDown()));
  return api;
}
