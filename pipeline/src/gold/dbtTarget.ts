/**
 * The dbt target a gold build runs (dbt/profiles.yml) for the configured query engine,
 * and the environment its profile reads. Secrets are not passed here: dbt-trino reads
 * MEDALLION_TRINO_PASSWORD and dbt-athena the AWS credential chain from the
 * environment the build inherits.
 */
import type { LakehouseSettings } from '../config';
import { GOLD_NAMESPACE, GOLD_STAGING_NAMESPACE } from './goldNamespaces';

export type DbtTargetName = 'local' | 'aws' | 'trino';

/** The dbt target for the configured query engine, and what its profile reads. */
export function dbtTarget(
  lakehouse: Pick<LakehouseSettings, 'warehouse'> &
    Partial<Pick<LakehouseSettings, 'queryEngine' | 'aws'>>,
): {
  target: DbtTargetName;
  env: Record<string, string>;
} {
  const engine = lakehouse.queryEngine;
  if (engine?.type === 'trino') {
    const url = new URL(engine.server);
    return {
      target: 'trino',
      env: {
        MEDALLION_TRINO_HOST: url.hostname,
        MEDALLION_TRINO_PORT:
          url.port || (url.protocol === 'https:' ? '443' : '80'),
        MEDALLION_TRINO_SCHEME: url.protocol.replace(':', ''),
        MEDALLION_TRINO_USER: engine.user,
        MEDALLION_TRINO_CATALOG: engine.catalog,
        MEDALLION_GOLD_SCHEMA: GOLD_STAGING_NAMESPACE,
      },
    };
  }
  if (engine?.type === 'athena') {
    const warehouse = lakehouse.warehouse.replace(/\/+$/, '');
    return {
      target: 'aws',
      env: {
        MEDALLION_ATHENA_WORKGROUP: engine.workgroup,
        MEDALLION_ATHENA_S3_STAGING:
          engine.outputLocation ?? `${warehouse}/_athena/`,
        MEDALLION_ATHENA_S3_DATA: `${warehouse}/`,
        MEDALLION_GOLD_SCHEMA: GOLD_STAGING_NAMESPACE,
        ...(lakehouse.aws ? { AWS_REGION: lakehouse.aws.region } : {}),
      },
    };
  }
  return { target: 'local', env: { MEDALLION_GOLD_SCHEMA: GOLD_NAMESPACE } };
}
