import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';
import { lakehouseApiRef, LakehouseUnavailableError } from '../../../api';
import type { LakehouseApi } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { DbtView } from '../DbtView';
import {
  dbtFreshness,
  dbtModels,
  dbtRuns,
  fctPurchasesDetail,
} from './dbtFixtures';

/** What LakehouseClient throws when nothing answers at the backend's URL. */
export const backendDown = () =>
  Promise.reject(
    new LakehouseUnavailableError(
      'http://localhost:7007/api/lakehouse',
      new TypeError('Failed to fetch'),
    ),
  );

const unused = (method: string) => () =>
  Promise.reject(new Error(`${method} is not used by the dbt view`));

/** A LakehouseApi answering the dbt calls from the fixtures; the rest reject. */
export function fakeDbtApi(
  overrides: Partial<LakehouseApi> = {},
): jest.Mocked<LakehouseApi> {
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
    getProfitability: unused('getProfitability'),
    listAnomalies: unused('listAnomalies'),
    getAnomaly: unused('getAnomaly'),
    getAnomalyStats: unused('getAnomalyStats'),
    getAnomalyModel: unused('getAnomalyModel'),
    listDbtModels: async () => dbtModels,
    getDbtModel: async () => fctPurchasesDetail,
    listDbtRuns: async () => dbtRuns,
    getDbtFreshness: async () => dbtFreshness,
    ...overrides,
  };
  // Every method a jest.fn, so tests can check the calls.
  const mocked: Record<string, jest.Mock> = {};
  for (const [name, impl] of Object.entries(api))
    mocked[name] = jest.fn(impl as (...args: unknown[]) => unknown);
  return mocked as unknown as jest.Mocked<LakehouseApi>;
}

/** Renders the dbt tab as the page mounts it: under `/lakehouse/dbt`. */
export function renderDbt(api: LakehouseApi, path = '/lakehouse/dbt') {
  return renderInTestApp(
    <TestApiProvider apis={[[lakehouseApiRef, api]]}>
      <Routes>
        <Route path="/lakehouse/dbt/*" element={<DbtView />} />
      </Routes>
    </TestApiProvider>,
    { mountedRoutes: { '/lakehouse': rootRouteRef }, routeEntries: [path] },
  );
}
