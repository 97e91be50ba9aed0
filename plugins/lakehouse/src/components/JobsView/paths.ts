import { useRouteRef } from '@backstage/core-plugin-api';
import type { JobName } from '@medallion/plugin-lakehouse-common';
import { useMemo } from 'react';
import { rootRouteRef } from '../../routes';

/** Absolute paths of the pages the Jobs view links to. */
export interface JobsPaths {
  /** The Jobs tab, optionally with the runs list filtered to one job. */
  jobs(job?: JobName): string;
  run(runId: string): string;
  /** A table of the catalog, from its `namespace.table` id. */
  table(id: string): string;
}

export function jobsPaths(root: string): JobsPaths {
  // A page mounted at `/` yields `/`; without this every link would start with `//`.
  const base = root.replace(/\/+$/, '');
  return {
    jobs: job => `${base}/jobs${job ? `?job=${encodeURIComponent(job)}` : ''}`,
    run: runId => `${base}/jobs/runs/${encodeURIComponent(runId)}`,
    table: id => {
      const dot = id.indexOf('.');
      const namespace = dot < 0 ? id : id.slice(0, dot);
      const table = dot < 0 ? '' : id.slice(dot + 1);
      return `${base}/catalog/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(table)}`;
    },
  };
}

/** {@link JobsPaths} under the lakehouse page's mount point. */
export function useJobsPaths(): JobsPaths {
  const root = useRouteRef(rootRouteRef)();
  return useMemo(() => jobsPaths(root), [root]);
}
