/**
 * OpenLineage names of our jobs and datasets.
 *
 * Decision (sources: the OpenLineage naming conventions, website/docs/spec/naming.md in
 * the OpenLineage repository, which replaced spec/Naming.md; the Java client's
 * `io.openlineage.client.dataset.Naming` and `utils.filesystem.*DatasetExtractor`; the
 * Spark integration's Iceberg handler, `spark3/.../catalog/iceberg/*CatalogTypeHandler`):
 *
 * - Kafka topic: namespace `kafka://{bootstrap server host}:{port}`, name `{topic}`. With
 *   several brokers the first one names the cluster, as the Spark integration's
 *   `KafkaBootstrapServerResolver` does.
 * - Iceberg table: OpenLineage has no naming row for Iceberg itself; its reference
 *   integrations (Spark, Flink) identify an Iceberg table by its physical location and add
 *   the catalog's name of the table as a `symlinks` dataset facet (release notes 1.14.0
 *   "add Glue symlink", 1.20.5 "properly set ARN in namespace for Iceberg Glue symlinks",
 *   1.21.1 "Iceberg tables in AWS Glue have slashes instead of dots"). We do the same, so
 *   a Spark/Flink/PyIceberg job that touches our tables produces the same dataset ids:
 *   - local file warehouse: namespace `file`, name = the table directory's absolute path
 *     (naming table: "Local file system | file | {path}"); S3: namespace
 *     `s3://{bucket}`, name = the object key prefix of the table.
 *   - symlink on AWS (Glue catalog): namespace `arn:aws:glue:{region}:{account id}`, name
 *     `table/{database}/{table}` (naming table row "AWS Glue"), type `TABLE`.
 *   - symlink for our SQL catalog (SQLite/PostgreSQL, Iceberg's JDBC catalog layout):
 *     OpenLineage defines no naming for JDBC/SQL Iceberg catalogs, so we use the form the
 *     Spark handler gives warehouse-scoped catalogs (`HadoopCatalogTypeHandler`):
 *     namespace = the warehouse location (`file:/abs/warehouse`), name `{namespace}.{table}`.
 * - Jobs: namespace configurable (default `medallion`, "usually set in OpenLineage client
 *   config"), names `lakehouse.<job>` — unique within the namespace, dotted like the
 *   convention's `{dag_id}.{task_id}`.
 */
import { fileURLToPath } from 'node:url';
import { joinLocation, parseIdentifier } from '@medallion/pipeline';
import type { JobName } from '@medallion/plugin-lakehouse-common';

/** The job namespace when the configuration names none. */
export const DEFAULT_JOB_NAMESPACE = 'medallion';

/** An OpenLineage dataset (or job) identity. */
export interface OpenLineageName {
  namespace: string;
  name: string;
}

/** One entry of the `symlinks` dataset facet: another name of the same dataset. */
export interface SymlinkIdentifier extends OpenLineageName {
  type: 'TABLE';
}

/** Where our Iceberg tables are catalogued and stored. */
export type TableNamingContext =
  | {
      /** Our SQL catalog (SQLite or PostgreSQL) over a warehouse location. */
      catalog: 'sql';
      /** Warehouse URI: `file:///abs/warehouse` locally, `s3://bucket/prefix` otherwise. */
      warehouse: string;
      /** Exact table locations (`namespace.table` → URI) when known; else the default layout. */
      locations?: Readonly<Record<string, string>>;
    }
  | {
      /** AWS Glue Data Catalog. */
      catalog: 'glue';
      warehouse: string;
      region: string;
      /** The Glue catalog id, i.e. the AWS account id. */
      accountId: string;
      locations?: Readonly<Record<string, string>>;
    };

/** Everything needed to name our datasets. */
export interface DatasetNamingContext {
  /** Kafka bootstrap brokers as `host:port`; the first one names the cluster. */
  kafkaBrokers: readonly string[];
  tables: TableNamingContext;
}

/** An Iceberg table's OpenLineage identity plus the catalog's name for it. */
export interface TableDatasetName extends OpenLineageName {
  symlinks: SymlinkIdentifier[];
}

const OPENLINEAGE_JOB_NAMES: Record<JobName, string> = {
  producer: 'lakehouse.producer',
  bronze: 'lakehouse.bronze_ingester',
  silver: 'lakehouse.silver_processor',
  gold: 'lakehouse.gold_dbt_build',
  scoring: 'lakehouse.anomaly_scoring',
  training: 'lakehouse.anomaly_training',
  maintenance: 'lakehouse.table_maintenance',
};

/** The OpenLineage job name of one of our jobs, e.g. `lakehouse.bronze_ingester`. */
export function openLineageJobName(job: JobName): string {
  return OPENLINEAGE_JOB_NAMES[job];
}

/** `kafka://host:port` of the first broker. */
export function kafkaNamespace(brokers: readonly string[]): string {
  const first = brokers[0]?.trim();
  if (!first) {
    throw new Error(
      'OpenLineage naming: no Kafka broker given (expected host:port)',
    );
  }
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/\s]+):(\d{1,5})\/?$/i.exec(
    first,
  );
  if (!match) {
    throw new Error(
      `OpenLineage naming: Kafka broker "${first}" is not host:port`,
    );
  }
  return `kafka://${match[1]}:${match[2]}`;
}

export function kafkaTopicDataset(
  brokers: readonly string[],
  topic: string,
): OpenLineageName {
  return { namespace: kafkaNamespace(brokers), name: topic };
}

const trimSlashes = (s: string) => s.replace(/^\/+|\/+$/g, '');

/**
 * The OpenLineage dataset of a storage location, as the Java client's filesystem
 * extractors name it: `file` + absolute path locally, `file://host` + path for a
 * remote file system, `s3://bucket` + key (s3a/s3n normalised to s3), and
 * `scheme://authority` + path for other object stores.
 */
export function datasetFromLocation(location: string): OpenLineageName {
  if (location.startsWith('/')) {
    return { namespace: 'file', name: stripTrailingSlash(location) };
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new Error(
      `OpenLineage naming: "${location}" is neither an absolute path nor a URI`,
    );
  }
  if (url.protocol === 'file:') {
    if (url.host && url.host !== 'localhost') {
      return {
        namespace: `file://${url.host}`,
        name: stripTrailingSlash(decodeURIComponent(url.pathname)),
      };
    }
    return { namespace: 'file', name: stripTrailingSlash(fileURLToPath(url)) };
  }
  const scheme = /^s3[an]?:$/.test(url.protocol)
    ? 's3'
    : url.protocol.slice(0, -1);
  const key = trimSlashes(decodeURIComponent(url.pathname));
  return { namespace: `${scheme}://${url.host}`, name: key || '/' };
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Where a table lives: its recorded location, else `<warehouse>/<namespace>/<table>`. */
export function tableLocation(
  context: TableNamingContext,
  table: string,
): string {
  const recorded = context.locations?.[table];
  if (recorded) return recorded;
  const id = parseIdentifier(table);
  // Our tables are created at the catalog's default layout (defaultTableLocation in
  // @medallion/pipeline), the same for the SQL and the Glue catalog.
  return joinLocation(context.warehouse, id.namespace.join('.'), id.name);
}

/** The catalog's name of a table, as a `symlinks` facet entry. */
export function catalogSymlink(
  context: TableNamingContext,
  table: string,
): SymlinkIdentifier {
  const id = parseIdentifier(table);
  if (context.catalog === 'glue') {
    return {
      namespace: `arn:aws:glue:${context.region}:${context.accountId}`,
      name: `table/${id.namespace.join('.')}/${id.name}`,
      type: 'TABLE',
    };
  }
  return {
    namespace: warehouseNamespace(context.warehouse),
    name: table,
    type: 'TABLE',
  };
}

/** `file:/abs/warehouse` or `s3://bucket/prefix`, as the Spark handler writes it. */
function warehouseNamespace(warehouse: string): string {
  const place = datasetFromLocation(warehouse);
  if (place.namespace === 'file') return `file:${place.name}`;
  return place.name === '/'
    ? place.namespace
    : `${place.namespace}/${place.name}`;
}

/** The OpenLineage identity of one of our Iceberg tables (`namespace.table`). */
export function icebergTableDataset(
  context: TableNamingContext,
  table: string,
): TableDatasetName {
  const primary = datasetFromLocation(tableLocation(context, table));
  return { ...primary, symlinks: [catalogSymlink(context, table)] };
}
