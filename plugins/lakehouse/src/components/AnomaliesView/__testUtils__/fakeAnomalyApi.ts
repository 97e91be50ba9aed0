import { ResponseError } from '@backstage/errors';
import type {
  AnomaliesPage,
  AnomalyDetail,
  ScoredPurchase,
} from '@medallion/plugin-lakehouse-common';
import type { LakehouseApi } from '../../../api';
import { LakehouseUnavailableError } from '../../../api';
import type { ListAnomaliesQuery } from '../../../api/LakehouseApi';
import {
  amountSpikeDetail,
  modelResponse,
  normalDetail,
  purchases,
  stats,
} from './anomalyFixtures';

export const backendDown = () =>
  new LakehouseUnavailableError(
    'http://localhost:7007/api/lakehouse',
    new TypeError('Failed to fetch'),
  );

/** The ResponseError LakehouseClient builds from the backend's 404 answer. */
export function notFound(message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message },
        request: { method: 'GET', url: '/api/lakehouse/anomalies/…' },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'application/json; charset=utf-8' },
      },
    ),
  );
}

/** GET /anomalies over an in-memory list, as the backend filters it; offset cursors. */
export function pageOfAnomalies(
  all: ScoredPurchase[],
  query: ListAnomaliesQuery = {},
): AnomaliesPage {
  const decision = query.decision ?? 'anomaly';
  const matching = all.filter(
    p =>
      (decision === 'all' || p.decision === decision) &&
      (query.minScore === undefined || p.score >= query.minScore) &&
      (query.since === undefined ||
        Date.parse(p.eventTs) > Date.parse(query.since)) &&
      (query.pattern === undefined ||
        (query.pattern === 'unlabelled'
          ? p.label === null
          : p.label?.pattern === query.pattern)),
  );
  const offset = query.cursor ? Number(atob(query.cursor)) : 0;
  const limit = query.limit ?? 50;
  const next = offset + limit;
  return {
    items: matching.slice(offset, next),
    nextCursor: next < matching.length ? btoa(String(next)) : null,
  };
}

const unused = (method: string) => () =>
  Promise.reject(new Error(`${method} is not used by the Anomalies view`));

/**
 * A LakehouseApi answering the anomaly calls from the fixtures (the rest reject); every
 * method a jest.fn, so tests can check the calls.
 */
export function fakeAnomalyApi(
  overrides: Partial<LakehouseApi> = {},
  data: { purchases?: ScoredPurchase[]; details?: AnomalyDetail[] } = {},
): jest.Mocked<LakehouseApi> {
  const all = data.purchases ?? purchases;
  const details = data.details ?? [amountSpikeDetail, normalDetail];
  const api: LakehouseApi = {
    getHealth: unused('getHealth'),
    listJobs: unused('listJobs'),
    triggerRun: unused('triggerRun'),
    getRun: unused('getRun'),
    cancelRun: unused('cancelRun'),
    listRuns: unused('listRuns'),
    listTables: unused('listTables'),
    getTable: unused('getTable'),
    listSnapshots: unused('listSnapshots'),
    previewTable: unused('previewTable'),
    getFreshness: unused('getFreshness'),
    getLineage: unused('getLineage'),
    getPipelineMetrics: unused('getPipelineMetrics'),
    listDbtModels: unused('listDbtModels'),
    getDbtModel: unused('getDbtModel'),
    listDbtRuns: unused('listDbtRuns'),
    getDbtFreshness: unused('getDbtFreshness'),
    getProfitability: unused('getProfitability'),
    listAnomalies: async query => structuredClone(pageOfAnomalies(all, query)),
    getAnomaly: async eventId => {
      const detail = details.find(d => d.purchase.eventId === eventId);
      if (!detail) throw await notFound(`purchase ${eventId} is not scored`);
      return structuredClone(detail);
    },
    getAnomalyStats: async () => structuredClone(stats),
    getAnomalyModel: async () => structuredClone(modelResponse),
    ...overrides,
  };
  const mocked: Record<string, jest.Mock> = {};
  for (const [name, impl] of Object.entries(api))
    mocked[name] = jest.fn(impl as (...args: unknown[]) => unknown);
  return mocked as unknown as jest.Mocked<LakehouseApi>;
}

/** Every call fails as when the backend is not running. */
export function downAnomalyApi(): jest.Mocked<LakehouseApi> {
  const api = fakeAnomalyApi();
  for (const fn of Object.values(api) as jest.Mock[])
    fn.mockImplementation(() => Promise.reject(backendDown()));
  return api;
}
