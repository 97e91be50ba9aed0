/**
 * Where a lineage node leads in the plugin: a table to its catalog page, a job to its
 * runs. Paths are built on the page root (`useRouteRef(rootRouteRef)()`).
 */
import {
  isJobName,
  type JobName,
  type LineageNode,
} from '@medallion/plugin-lakehouse-common';

/**
 * The OpenLineage name the backend gives each job (its `openlineage/naming.ts`); typed by
 * JobName so a new job cannot be forgotten here.
 */
const OPENLINEAGE_JOB_NAMES: Record<JobName, string> = {
  producer: 'lakehouse.producer',
  bronze: 'lakehouse.bronze_ingester',
  silver: 'lakehouse.silver_processor',
  gold: 'lakehouse.gold_dbt_build',
  scoring: 'lakehouse.anomaly_scoring',
  training: 'lakehouse.anomaly_training',
  maintenance: 'lakehouse.table_maintenance',
};

const JOB_BY_OPENLINEAGE_NAME = new Map<string, JobName>(
  Object.entries(OPENLINEAGE_JOB_NAMES).map(([job, name]) => [
    name,
    job as JobName,
  ]),
);

/** Our job behind an OpenLineage job name, or undefined for someone else's job. */
export function jobNameOf(openLineageName: string): JobName | undefined {
  const known = JOB_BY_OPENLINEAGE_NAME.get(openLineageName);
  if (known) return known;
  // dbt's per-model jobs are named under the gold build (`lakehouse.gold_dbt_build.<model>`).
  if (openLineageName.startsWith(`${OPENLINEAGE_JOB_NAMES.gold}.`))
    return 'gold';
  // `lakehouse.<job>` also names our job, should the backend ever use the plain name.
  const plain = openLineageName.replace(/^lakehouse\./, '');
  return plain !== openLineageName && isJobName(plain) ? plain : undefined;
}

/** `silver.purchases` → namespace `silver`, table `purchases` (the last dot splits). */
export function splitTableId(
  id: string,
): { namespace: string; table: string } | undefined {
  const dot = id.lastIndexOf('.');
  if (dot <= 0 || dot === id.length - 1) return undefined;
  return { namespace: id.slice(0, dot), table: id.slice(dot + 1) };
}

export const catalogPath = (root: string, tableId: string) => {
  const parts = splitTableId(tableId);
  if (!parts) return undefined;
  return `${root}/catalog/${encodeURIComponent(
    parts.namespace,
  )}/${encodeURIComponent(parts.table)}`;
};

export const jobRunsPath = (root: string, job: JobName) =>
  `${root}/jobs?job=${encodeURIComponent(job)}`;

/**
 * The page a node opens: existing tables their catalog entry, our jobs their runs.
 * Topics, planned tables (the catalog has nothing to show yet) and foreign jobs: none.
 */
export function nodeHref(node: LineageNode, root: string): string | undefined {
  if (node.type === 'job') {
    const job = jobNameOf(node.name);
    return job ? jobRunsPath(root, job) : undefined;
  }
  if (node.table === null || !node.exists) return undefined;
  return catalogPath(root, node.table);
}
