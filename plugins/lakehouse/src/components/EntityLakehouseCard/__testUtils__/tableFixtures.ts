import type { Entity } from '@backstage/catalog-model';
import type {
  FreshnessResponse,
  TableDetail,
} from '@medallion/plugin-lakehouse-common';

/** A Resource as catalog-info.yaml registers it. */
export const silverPurchasesEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'silver-purchases',
    title: 'silver.purchases',
    annotations: { 'lakehouse.medallion.dev/table': 'silver.purchases' },
  },
  spec: { type: 'iceberg-table', owner: 'group:data-platform' },
};

export const entityWithout: Entity = {
  ...silverPurchasesEntity,
  metadata: { name: 'orders-db' },
};

export const entityNaming = (table: string): Entity => ({
  ...silverPurchasesEntity,
  metadata: {
    ...silverPurchasesEntity.metadata,
    annotations: { 'lakehouse.medallion.dev/table': table },
  },
});

export const silverPurchases: TableDetail = {
  id: 'silver.purchases',
  namespace: 'silver',
  name: 'purchases',
  layer: 'silver',
  description: 'Validated, deduplicated purchases.',
  location: 'file:///home/dev/medallion/.medallion/warehouse/silver/purchases',
  formatVersion: 2,
  currentSnapshotId: '8744836321453125831',
  rows: 1_284_310,
  files: 42,
  sizeBytes: 96_468_992,
  snapshots: 318,
  lastCommitAt: '2026-01-31T09:59:48.000Z',
  lastOperation: 'append',
  schema: { schemaId: 1, fields: [] },
  schemaHistory: [],
  partitionSpec: { specId: 0, fields: [] },
  properties: { comment: 'Validated, deduplicated purchases.' },
  currentSnapshot: null,
  metadataLocation:
    'file:///home/dev/medallion/.medallion/warehouse/silver/purchases/metadata/00318-5b1c.metadata.json',
};

export const freshness: FreshnessResponse = {
  checkedAt: '2026-01-31T10:00:00.000Z',
  tables: [
    {
      table: 'bronze.purchases_raw',
      layer: 'bronze',
      lastCommitAt: '2026-01-31T09:59:58.000Z',
      ageSeconds: 2,
      sla: { warnAfterSeconds: 120, errorAfterSeconds: 600 },
      status: 'fresh',
    },
    {
      table: 'silver.purchases',
      layer: 'silver',
      lastCommitAt: '2026-01-31T09:59:48.000Z',
      ageSeconds: 420,
      sla: { warnAfterSeconds: 300, errorAfterSeconds: 1800 },
      status: 'warn',
    },
  ],
};
