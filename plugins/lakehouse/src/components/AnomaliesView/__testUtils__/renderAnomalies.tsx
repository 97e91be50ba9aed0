import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';
import { lakehouseApiRef } from '../../../api';
import type { LakehouseApi } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { AnomaliesView } from '../AnomaliesView';

/** Renders the Anomalies tab as the page mounts it: under `/lakehouse/anomalies`. */
export function renderAnomalies(
  api: LakehouseApi,
  path = '/lakehouse/anomalies',
) {
  return renderInTestApp(
    <TestApiProvider apis={[[lakehouseApiRef, api]]}>
      <Routes>
        <Route path="/lakehouse/anomalies/*" element={<AnomaliesView />} />
      </Routes>
    </TestApiProvider>,
    { mountedRoutes: { '/lakehouse': rootRouteRef }, routeEntries: [path] },
  );
}
