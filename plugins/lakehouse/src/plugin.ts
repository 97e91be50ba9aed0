import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { LakehouseClient, lakehouseApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The lakehouse frontend plugin (legacy frontend system).
 *
 * @public
 */
export const lakehousePlugin = createPlugin({
  id: 'lakehouse',
  apis: [
    createApiFactory({
      api: lakehouseApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new LakehouseClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The lakehouse page, to mount under a route such as `/lakehouse`.
 *
 * @public
 */
export const LakehousePage = lakehousePlugin.provide(
  createRoutableExtension({
    name: 'LakehousePage',
    component: () =>
      import('./components/LakehousePage').then(m => m.LakehousePage),
    mountPoint: rootRouteRef,
  }),
);
