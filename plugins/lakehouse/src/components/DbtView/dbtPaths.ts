import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** Paths the dbt views link to, under wherever the lakehouse page is mounted. */
export interface DbtPaths {
  overview: string;
  model: (name: string) => string;
  catalogTable: (namespace: string, table: string) => string;
  jobs: string;
  jobRun: (runId: string) => string;
}

export function dbtPaths(pageRoot: string): DbtPaths {
  // The root may be "/" when the page is mounted at the app's root.
  const root = pageRoot.replace(/\/+$/, '');
  const enc = encodeURIComponent;
  return {
    overview: `${root}/dbt`,
    model: name => `${root}/dbt/models/${enc(name)}`,
    catalogTable: (namespace, table) =>
      `${root}/catalog/${enc(namespace)}/${enc(table)}`,
    jobs: `${root}/jobs`,
    jobRun: runId => `${root}/jobs/runs/${enc(runId)}`,
  };
}

export function useDbtPaths(): DbtPaths {
  return dbtPaths(useRouteRef(rootRouteRef)());
}

/**
 * The Iceberg table a dbt node name stands for, when it reads like one
 * (`silver.purchases`): sources are named `source.table` after their namespace.
 */
export function tableOfNodeName(
  name: string,
): { namespace: string; table: string } | null {
  const match = /^([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$/.exec(name);
  return match ? { namespace: match[1]!, table: match[2]! } : null;
}

/** Run ids are UUIDs or timestamps with a suffix: the first group tells runs apart. */
export const shortRunId = (runId: string) => runId.split('-')[0] ?? runId;
