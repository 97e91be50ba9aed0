/**
 * What the backend answers for a local run in which bronze and silver are live and dbt
 * and anomaly scoring have not arrived yet (their jobs and gold tables are planned).
 */
import type {
  FreshnessResponse,
  LineageGraph,
  LineageNode,
  TableFreshness,
} from '@medallion/plugin-lakehouse-common';

const WAREHOUSE = '/home/dev/medallion/.medallion/warehouse';
const KAFKA = 'kafka://127.0.0.1:9092';

const job = (
  name: string,
  label: string,
  layer: LineageNode['layer'],
  exists = true,
): LineageNode => ({
  id: `job:medallion/lakehouse.${name}`,
  type: 'job',
  namespace: 'medallion',
  name: `lakehouse.${name}`,
  label,
  layer,
  table: null,
  exists,
});

const topic = (name: string): LineageNode => ({
  id: `dataset:${KAFKA}/${name}`,
  type: 'dataset',
  namespace: KAFKA,
  name,
  label: name,
  layer: 'source',
  table: null,
  exists: true,
});

const table = (
  id: string,
  layer: LineageNode['layer'],
  exists = true,
): LineageNode => {
  const path = `${WAREHOUSE}/${id.replace('.', '/')}`;
  return {
    id: `dataset:file/${path}`,
    type: 'dataset',
    namespace: 'file',
    name: path,
    label: id,
    layer,
    table: id,
    exists,
  };
};

export const producer = job('producer', 'event producer', 'source');
export const purchasesTopic = topic('purchases');
export const labelsTopic = topic('purchases.labels');
export const bronzeIngester = job(
  'bronze_ingester',
  'bronze ingester',
  'bronze',
);
export const bronzeRaw = table('bronze.purchases_raw', 'bronze');
export const bronzeLabels = table('bronze.purchase_labels', 'bronze');
export const silverProcessor = job(
  'silver_processor',
  'silver processor',
  'silver',
);
export const silverPurchases = table('silver.purchases', 'silver');
export const silverRejected = table('silver.purchases_rejected', 'silver');
export const goldBuild = job(
  'gold_dbt_build',
  'dbt build (gold)',
  'gold',
  false,
);
export const goldFact = table('gold.fct_purchases', 'gold', false);
export const scoring = job(
  'anomaly_scoring',
  'anomaly scoring',
  'anomalies',
  false,
);
export const anomalies = table('gold.purchase_anomalies', 'anomalies', false);
export const maintenance = job('table_maintenance', 'table maintenance', null);
export const scratch = table('scratch.tmp_import', null);

const edge = (from: LineageNode, to: LineageNode) => ({
  from: from.id,
  to: to.id,
});

/** In the backend's order: pipeline order, unknown tables last. */
export const lineage: LineageGraph = {
  nodes: [
    producer,
    purchasesTopic,
    labelsTopic,
    bronzeIngester,
    bronzeRaw,
    bronzeLabels,
    silverProcessor,
    silverPurchases,
    silverRejected,
    goldBuild,
    goldFact,
    scoring,
    anomalies,
    maintenance,
    scratch,
  ],
  edges: [
    edge(producer, purchasesTopic),
    edge(producer, labelsTopic),
    edge(purchasesTopic, bronzeIngester),
    edge(labelsTopic, bronzeIngester),
    edge(bronzeIngester, bronzeRaw),
    edge(bronzeIngester, bronzeLabels),
    edge(bronzeRaw, silverProcessor),
    edge(silverProcessor, silverPurchases),
    edge(silverProcessor, silverRejected),
    edge(silverPurchases, goldBuild),
    edge(goldBuild, goldFact),
    edge(silverPurchases, scoring),
    edge(scoring, anomalies),
  ],
};

const CHECKED_AT = '2026-01-31T10:00:00.000Z';

const fresh = (
  id: string,
  layer: TableFreshness['layer'],
  ageSeconds: number,
  status: TableFreshness['status'],
  sla = { warnAfterSeconds: 120, errorAfterSeconds: 600 },
): TableFreshness => ({
  table: id,
  layer,
  lastCommitAt: new Date(Date.parse(CHECKED_AT) - ageSeconds * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, '.000Z'),
  ageSeconds,
  sla,
  status,
});

export const freshness: FreshnessResponse = {
  checkedAt: CHECKED_AT,
  tables: [
    fresh('bronze.purchases_raw', 'bronze', 4, 'fresh'),
    fresh('bronze.purchase_labels', 'bronze', 190, 'warn'),
    fresh('silver.purchases', 'silver', 12, 'fresh', {
      warnAfterSeconds: 300,
      errorAfterSeconds: 1800,
    }),
    fresh('silver.purchases_rejected', 'silver', 2400, 'error', {
      warnAfterSeconds: 300,
      errorAfterSeconds: 1800,
    }),
    {
      table: 'scratch.tmp_import',
      layer: 'other',
      lastCommitAt: null,
      ageSeconds: null,
      sla: { warnAfterSeconds: 3600, errorAfterSeconds: 21_600 },
      status: 'unknown',
    },
  ],
};
