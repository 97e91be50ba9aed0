import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { Route, Routes } from 'react-router-dom';
import { lakehouseApiRef, LakehouseUnavailableError } from '../../../api';
import type { LakehouseApi } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { CatalogView } from '../CatalogView';

/** Renders the Catalog tab as the page mounts it: under `/lakehouse/catalog`. */
export function renderCatalog(api: LakehouseApi, path = '/lakehouse/catalog') {
  return renderInTestApp(
    <TestApiProvider apis={[[lakehouseApiRef, api]]}>
      <Routes>
        <Route path="/lakehouse/catalog/*" element={<CatalogView />} />
      </Routes>
    </TestApiProvider>,
    { mountedRoutes: { '/lakehouse': rootRouteRef }, routeEntries: [path] },
  );
}

/** What LakehouseClient throws when nothing answers at the backend's URL. */
export const backendDown = () =>
  Promise.reject(
    new LakehouseUnavailableError(
      'http://localhost:7007/api/lakehouse',
      new TypeError('Failed to fetch'),
    ),
  );

/**
 * What LakehouseClient throws for the backend's 404: a ResponseError read from a
 * response with Backstage's error body, as `ResponseError.fromResponse` reads it.
 */
export async function notFound(message: string): Promise<never> {
  const body = {
    error: { name: 'NotFoundError', message },
    response: { statusCode: 404 },
  };
  const response = {
    ok: false,
    status: 404,
    statusText: 'Not Found',
    headers: {
      get: (name: string) =>
        name.toLowerCase() === 'content-type' ? 'application/json' : null,
    },
    text: async () => JSON.stringify(body),
  } as unknown as Response;
  throw await ResponseError.fromResponse(response);
}
