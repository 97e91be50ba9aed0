import { lakehouseJobExecutePermission } from '@medallion/plugin-lakehouse-common';
import { usePermission } from '@backstage/plugin-permission-react';

/** Whether the signed-in user may trigger and cancel runs. */
export type JobExecutePermission = 'pending' | 'allowed' | 'denied';

export function useJobExecutePermission(): JobExecutePermission {
  const { loading, allowed } = usePermission({
    permission: lakehouseJobExecutePermission,
  });
  if (loading) return 'pending';
  return allowed ? 'allowed' : 'denied';
}
