import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the lakehouse root page; shared by the legacy plugin and the
 * new frontend system plugin in `./alpha`.
 */
export const rootRouteRef = createRouteRef({
  id: 'lakehouse',
});
