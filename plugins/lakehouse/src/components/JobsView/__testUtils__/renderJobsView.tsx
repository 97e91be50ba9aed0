import type { PermissionApi } from '@backstage/plugin-permission-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Route, Routes, useLocation } from 'react-router-dom';
import type { LakehouseApi } from '../../../api';
import { lakehouseApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { JobsView } from '../JobsView';

type Decision = 'ALLOW' | 'DENY' | 'pending';

/**
 * A permission API deciding every request the same way ('pending': never answers).
 * usePermission caches decisions process-wide (SWR), so each test file uses one.
 */
export function fakePermissionApi(decision: Decision) {
  return {
    authorize: jest.fn<
      ReturnType<PermissionApi['authorize']>,
      Parameters<PermissionApi['authorize']>
    >(() =>
      decision === 'pending'
        ? new Promise(() => {})
        : Promise.resolve({ result: decision }),
    ),
  };
}

/** Shows where the app navigated to. */
function CurrentLocation() {
  const { pathname, search } = useLocation();
  return <output aria-label="current location">{pathname + search}</output>;
}

/** The Jobs view as the lakehouse page mounts it: under `/lakehouse/jobs`. */
export function renderJobsView(options: {
  api: LakehouseApi;
  permission: PermissionApi;
  path?: string;
}) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [lakehouseApiRef, options.api],
        [permissionApiRef, options.permission],
      ]}
    >
      <Routes>
        <Route path="/lakehouse/jobs/*" element={<JobsView />} />
        <Route path="*" element={<p>Left the Jobs view</p>} />
      </Routes>
      <CurrentLocation />
    </TestApiProvider>,
    {
      routeEntries: [options.path ?? '/lakehouse/jobs'],
      mountedRoutes: { '/lakehouse': rootRouteRef },
    },
  );
}
