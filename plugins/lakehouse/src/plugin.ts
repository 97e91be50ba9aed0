import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';

import { rootRouteRef } from './routes';

/**
 * The lakehouse frontend plugin (legacy frontend system).
 *
 * @public
 */
export const lakehousePlugin = createPlugin({
  id: 'lakehouse',
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
