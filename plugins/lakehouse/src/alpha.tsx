/**
 * The lakehouse plugin for Backstage's new frontend system.
 *
 * @packageDocumentation
 */

import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { rootRouteRef } from './routes';

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
  extensions: [lakehousePage],
  routes: {
    root: rootRouteRef,
  },
});
