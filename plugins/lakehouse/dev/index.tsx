import {
  configApiRef,
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { createFetchApi } from '@backstage/core-app-api';
import { createDevApp } from '@backstage/dev-utils';
import {
  IdentityPermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { lakehousePlugin, LakehousePage } from '../src/plugin';

// The standalone dev app (`npm start` at the repository root starts it with the backend;
// `npm start` in this package starts it alone): http://localhost:3000/lakehouse.
// The dev app has no sign-in, so requests carry `lakehouse.devToken` from app-config (the
// backend's local static token). Permissions come from the backend's permission setting.
// The standalone backend has no auth backend, so guest sign-in uses Backstage's local
// guest identity; remembering it here signs the dev app in without a dialog.
localStorage.setItem('@backstage/core:SignInPage:provider', 'guest');
localStorage.setItem('enableLegacyGuestToken', 'true');

createDevApp()
  .registerPlugin(lakehousePlugin)
  .registerApi(
    createApiFactory({
      api: fetchApiRef,
      deps: { configApi: configApiRef },
      factory: ({ configApi }) => {
        const token = configApi.getOptionalString('lakehouse.devToken');
        return createFetchApi({
          middleware: token
            ? {
                apply: next => (input, init) => {
                  const request = new Request(input, init);
                  if (!request.headers.has('authorization'))
                    request.headers.set('authorization', `Bearer ${token}`);
                  return next(request);
                },
              }
            : [],
        });
      },
    }),
  )
  .registerApi(
    createApiFactory({
      api: permissionApiRef,
      deps: {
        discovery: discoveryApiRef,
        identity: identityApiRef,
        config: configApiRef,
      },
      factory: deps => IdentityPermissionApi.create(deps),
    }),
  )
  .addPage({
    element: <LakehousePage />,
    title: 'Lakehouse',
    path: '/lakehouse',
  })
  .render();
