/**
 * The lakehouse plugin for Backstage's new frontend system.
 *
 * @packageDocumentation
 */

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { LakehouseClient, lakehouseApiRef } from './api';
import { lakehouseEntityCard, lakehouseEntityContent } from './entity';
import { rootRouteRef } from './routes';

export { lakehouseEntityCard, lakehouseEntityContent };

/**
 * The lakehouse API client extension.
 *
 * @alpha
 */
export const lakehouseApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: lakehouseApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new LakehouseClient(deps),
    }),
});

/**
 * The lakehouse page extension, mounted at `/lakehouse` by default.
 *
 * @alpha
 */
export const lakehousePage = PageBlueprint.make({
  params: {
    path: '/lakehouse',
    title: 'Lakehouse',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/LakehousePage').then(m => <m.LakehousePage />),
  },
});

/**
 * The lakehouse frontend plugin (new frontend system).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'lakehouse',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    lakehouseApi,
    lakehousePage,
    lakehouseEntityCard,
    lakehouseEntityContent,
  ],
  routes: {
    root: rootRouteRef,
  },
});
