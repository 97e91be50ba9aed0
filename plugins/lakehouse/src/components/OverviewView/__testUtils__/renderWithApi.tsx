import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReactElement } from 'react';
import { lakehouseApiRef, type LakehouseApi } from '../../../api';
import { rootRouteRef } from '../../../routes';

/** Where the tests mount the lakehouse page, so links read `/lakehouse/...`. */
export const ROOT = '/lakehouse';

export const renderWithApi = (ui: ReactElement, api: LakehouseApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[lakehouseApiRef, api]]}>{ui}</TestApiProvider>,
    { mountedRoutes: { [ROOT]: rootRouteRef } },
  );
