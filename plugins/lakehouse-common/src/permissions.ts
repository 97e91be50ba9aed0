import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Triggering or cancelling a lakehouse job run. A basic (non-resource) permission:
 * policies allow or deny it per user or group.
 *
 * @public
 */
export const lakehouseJobExecutePermission = createPermission({
  name: 'lakehouse.job.execute',
  attributes: { action: 'create' },
});

/** Every permission the lakehouse plugin defines. @public */
export const lakehousePermissions = [lakehouseJobExecutePermission];
