/**
 * Catalog responses as the backend sends them for a running pipeline: bronze and silver
 * streaming, gold not built yet, silver.purchases through three schema versions
 * (v2 columns added; a rename, a widened type, a doc change and a nested struct later).
 */
import type {
  SnapshotInfo,
  SnapshotsPage,
  TableDetail,
  TableField,
  TablePreview,
  TablesResponse,
  TableSummary,
} from '@medallion/plugin-lakehouse-common';

const summary = (
  t: Partial<TableSummary> & Pick<TableSummary, 'id'>,
): TableSummary => {
  const [namespace, name] = t.id.split('.') as [string, string];
  return {
    namespace,
    name,
    layer: 'other',
    description: null,
    location: `file:///var/lib/medallion/warehouse/${namespace}/${name}`,
    formatVersion: 2,
    currentSnapshotId: null,
    rows: 0,
    files: 0,
    sizeBytes: 0,
    snapshots: 0,
    lastCommitAt: null,
    lastOperation: null,
    ...t,
  };
};

export const bronzePurchases = summary({
  id: 'bronze.purchases_raw',
  layer: 'bronze',
  description:
    'Every Kafka record exactly as it arrived, with its coordinates.',
  currentSnapshotId: '5120983471239847123',
  rows: 482_113,
  files: 37,
  sizeBytes: 61_234_567,
  snapshots: 212,
  lastCommitAt: '2026-01-31T09:59:58.000Z',
  lastOperation: 'append',
});

export const bronzeLabels = summary({
  id: 'bronze.purchase_labels',
  layer: 'bronze',
  description: "The producer's anomaly ground truth.",
  currentSnapshotId: '702316498123400981',
  rows: 2_410,
  files: 9,
  sizeBytes: 201_344,
  snapshots: 61,
  lastCommitAt: '2026-01-31T09:58:40.000Z',
  lastOperation: 'append',
});

export const silverPurchases = summary({
  id: 'silver.purchases',
  layer: 'silver',
  description: 'Typed, validated, deduplicated purchases.',
  currentSnapshotId: '8744836321453125831',
  rows: 471_902,
  files: 14,
  sizeBytes: 38_911_002,
  snapshots: 5,
  lastCommitAt: '2026-01-31T09:59:50.000Z',
  lastOperation: 'append',
});

export const silverRejected = summary({
  id: 'silver.purchases_rejected',
  layer: 'silver',
  description: 'Quarantine: every record silver refused, with the reason.',
  currentSnapshotId: '3318245501229844611',
  rows: 9_655,
  files: 6,
  sizeBytes: 1_048_576,
  snapshots: 88,
  lastCommitAt: '2026-01-31T09:59:50.000Z',
  lastOperation: 'append',
});

export const goldFacts = summary({
  id: 'gold.fct_purchases',
  layer: 'gold',
});

export const opsAudit = summary({
  id: 'ops.maintenance_log',
  layer: 'other',
  description: 'What table maintenance did.',
  currentSnapshotId: '99120034556',
  rows: 31,
  files: 3,
  sizeBytes: 9_120,
  snapshots: 3,
  lastCommitAt: '2026-01-31T09:55:00.000Z',
  lastOperation: 'append',
});

/** As the backend lists them: sorted by id, which is not pipeline order. */
export const tablesResponse: TablesResponse = {
  tables: [
    bronzeLabels,
    bronzePurchases,
    goldFacts,
    opsAudit,
    silverPurchases,
    silverRejected,
  ],
};

const field = (
  id: number,
  name: string,
  type: string,
  required: boolean,
  doc: string | null = null,
  fields?: TableField[],
): TableField => ({
  id,
  name,
  type,
  required,
  doc,
  ...(fields ? { fields } : {}),
});

const schema0: TableField[] = [
  field(1, 'event_id', 'uuid', true, 'Unique purchase event id.'),
  field(2, 'event_ts', 'timestamptz', true, 'When the purchase happened.'),
  field(4, 'customer_id', 'string', true, 'Customer identifier.'),
  field(10, 'unit_price', 'decimal(10, 2)', true, 'Price per unit.'),
  field(13, 'quantity', 'int', true, 'Units purchased.'),
  field(17, 'margin', 'decimal(12, 2)', true, 'amount - cost.'),
  field(20, 'kafka_offset', 'long', true, 'Lineage: Kafka offset.'),
];

const schema1: TableField[] = [
  ...schema0,
  field(22, 'coupon_code', 'string', false, 'Coupon redeemed (v2).'),
  field(23, 'device', 'string', false, 'Device class (v2).'),
];

export const currentFields: TableField[] = [
  ...schema0.map(f => {
    if (f.name === 'quantity') return { ...f, type: 'long' };
    if (f.name === 'margin') return { ...f, doc: 'amount − cost (exact).' };
    return f;
  }),
  field(22, 'coupon_code', 'string', false, 'Coupon redeemed (v2).'),
  field(23, 'device_class', 'string', false, 'Device class (v2).'),
  field(24, 'shipping', 'struct', false, 'Where the order went.', [
    field(25, 'method', 'string', true),
    field(26, 'address', 'struct', false, null, [
      field(27, 'country', 'string', false, 'ISO 3166-1 alpha-2.'),
    ]),
  ]),
];

const snapshot = (
  sequenceNumber: number,
  snapshotId: string,
  timestamp: string,
  operation: string,
  summaryValues: Record<string, string>,
): SnapshotInfo => ({
  snapshotId,
  parentId: null,
  sequenceNumber,
  timestamp,
  operation,
  schemaId: 2,
  summary: { operation, ...summaryValues },
});

/** The table's five snapshots, newest first: appends and one compaction. */
export const purchasesSnapshots: SnapshotInfo[] = [
  snapshot(5, '8744836321453125831', '2026-01-31T09:59:50.000Z', 'append', {
    'added-data-files': '1',
    'added-records': '3000',
    'added-files-size': '240011',
    'total-records': '471902',
  }),
  snapshot(4, '7001200300400500600', '2026-01-31T09:59:40.000Z', 'replace', {
    'added-data-files': '1',
    'added-records': '468902',
    'deleted-data-files': '12',
    'deleted-records': '468902',
    'total-records': '468902',
  }),
  snapshot(3, '6001200300400500600', '2026-01-31T09:59:30.000Z', 'append', {
    'added-data-files': '2',
    'added-records': '2750',
    'total-records': '468902',
  }),
  snapshot(2, '5001200300400500600', '2026-01-31T09:59:20.000Z', 'append', {
    'added-data-files': '1',
    'added-records': '1152',
    'total-records': '466152',
  }),
  // The first snapshot of an old table whose summary predates the counters.
  snapshot(1, '1234567890123456789', '2026-01-31T09:59:10.000Z', 'append', {}),
];

export const purchasesDetail: TableDetail = {
  ...silverPurchases,
  schema: { schemaId: 2, fields: currentFields },
  schemaHistory: [
    {
      schemaId: 0,
      fields: schema0,
      changes: [],
      firstUsedAt: '2026-01-30T08:00:00.000Z',
      current: false,
    },
    {
      schemaId: 1,
      fields: schema1,
      changes: [
        {
          kind: 'added',
          fieldId: 22,
          name: 'coupon_code',
          from: null,
          to: 'string',
        },
        {
          kind: 'added',
          fieldId: 23,
          name: 'device',
          from: null,
          to: 'string',
        },
      ],
      firstUsedAt: '2026-01-30T12:30:00.000Z',
      current: false,
    },
    {
      schemaId: 2,
      fields: currentFields,
      changes: [
        {
          kind: 'type-changed',
          fieldId: 13,
          name: 'quantity',
          from: 'int',
          to: 'long',
        },
        {
          kind: 'doc-changed',
          fieldId: 17,
          name: 'margin',
          from: 'amount - cost.',
          to: 'amount − cost (exact).',
        },
        {
          kind: 'renamed',
          fieldId: 23,
          name: 'device_class',
          from: 'device',
          to: 'device_class',
        },
        {
          kind: 'added',
          fieldId: 24,
          name: 'shipping',
          from: null,
          to: 'struct',
        },
      ],
      firstUsedAt: '2026-01-31T09:40:00.000Z',
      current: true,
    },
  ],
  partitionSpec: {
    specId: 0,
    fields: [
      {
        sourceId: 2,
        sourceName: 'event_ts',
        fieldId: 1000,
        name: 'event_ts_day',
        transform: 'day',
      },
    ],
  },
  properties: {
    comment: 'Typed, validated, deduplicated purchases.',
    'write.metadata.previous-versions-max': '50',
    'commit.retry.num-retries': '10',
  },
  currentSnapshot: purchasesSnapshots[0]!,
  metadataLocation:
    'file:///var/lib/medallion/warehouse/silver/purchases/metadata/00212-5b1c.metadata.json',
};

export const firstSnapshotsPage: SnapshotsPage = {
  items: purchasesSnapshots.slice(0, 3),
  nextCursor: 'eyJzIjoiMyJ9',
  total: 5,
};

export const lastSnapshotsPage: SnapshotsPage = {
  items: purchasesSnapshots.slice(3),
  nextCursor: null,
  total: 5,
};

export const LONG_SHIPPING = JSON.stringify({
  method: 'express',
  address: {
    country: 'DE',
    line1: 'Friedrichstraße 123, Hinterhaus, 3. Obergeschoss links',
  },
});

export const purchasesPreview: TablePreview = {
  columns: [
    { name: 'event_id', type: 'uuid' },
    { name: 'kafka_offset', type: 'long' },
    { name: 'margin', type: 'decimal(12, 2)' },
    { name: 'coupon_code', type: 'string' },
    { name: 'shipping', type: 'struct' },
  ],
  rows: [
    {
      event_id: '9b2f0c4e-1d3a-4e5b-8c7d-6f5e4d3c2b1a',
      // Above 2^53: as a JS number it would read 9007199254740992.
      kafka_offset: '9007199254740993',
      margin: '12.50',
      coupon_code: null,
      shipping: LONG_SHIPPING,
    },
    {
      event_id: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
      kafka_offset: '9007199254740994',
      margin: '-0.10',
      coupon_code: 'WINTER10',
      shipping: null,
    },
  ],
  truncated: true,
  snapshotId: '8744836321453125831',
};
