/**
 * gold.purchase_anomalies: one row per scored silver purchase (flagged or not, so the
 * score distribution and the detection quality can be measured), with the purchase's
 * context for listing, the model's verdict, and why. The scorer's watermark (the silver
 * snapshot absorbed) lives in this table's snapshot summary, which makes scoring
 * exactly once across crashes and restarts.
 */
import type { Catalog } from '../iceberg/catalog/catalog';
import type { Table } from '../iceberg/table';
import type {
  IcebergType,
  NestedField,
  PartitionSpec,
  Schema,
  TableMetadata,
} from '../iceberg/types';
import { ensureTable, STREAMING_TABLE_PROPERTIES } from '../layers/bronzeTable';
import { ANOMALIES_TABLE, SCORING_WATERMARK_KEY } from '../layers/streamTables';
import { watermarkIn } from '../layers/watermarkCommit';

export { ANOMALIES_TABLE, SCORING_WATERMARK_KEY };

export type AnomalyDecision = 'anomaly' | 'normal';

const column = (
  id: number,
  name: string,
  type: IcebergType,
  doc: string,
): NestedField => ({ id, name, type, required: true, doc });

export const anomaliesSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  'identifier-field-ids': [1],
  fields: [
    column(1, 'event_id', 'uuid', 'The scored purchase (silver.purchases).'),
    column(2, 'event_ts', 'timestamptz', 'When the purchase happened (UTC).'),
    column(3, 'customer_id', 'string', 'Customer identifier.'),
    column(4, 'customer_country', 'string', "Customer's home country."),
    column(5, 'order_country', 'string', 'Country the order came from.'),
    column(6, 'membership', 'string', 'member or non_member.'),
    column(7, 'product_id', 'string', 'Product identifier.'),
    column(8, 'product_category', 'string', 'Product category slug.'),
    column(9, 'currency', 'string', 'ISO 4217 currency of amount.'),
    column(10, 'amount', 'decimal(16, 2)', 'unit_price × quantity.'),
    column(
      11,
      'score',
      'double',
      "Isolation Forest anomaly score in (0, 1]: 2^(−E[h(x)]/c(n)), scikit-learn's −score_samples; higher is more anomalous.",
    ),
    column(
      12,
      'decision',
      'string',
      'anomaly when the score exceeds the model threshold, else normal.',
    ),
    column(
      13,
      'top_features',
      'string',
      'The features that contributed most, most first, comma-separated.',
    ),
    column(
      14,
      'features',
      'string',
      'JSON object: every feature value the model saw.',
    ),
    column(
      15,
      'contributions',
      'string',
      "JSON object: each feature's share of the isolation (sums to 1).",
    ),
    column(16, 'model_version', 'string', 'The model that scored the row.'),
    column(17, 'scored_at', 'timestamptz', 'When the row was scored.'),
  ],
};

export const anomaliesSpec: PartitionSpec = {
  'spec-id': 0,
  fields: [
    {
      'source-id': 2,
      'field-id': 1000,
      name: 'event_ts_day',
      transform: 'day',
    },
  ],
};

export function ensureAnomaliesTable(catalog: Catalog): Promise<Table> {
  return ensureTable(
    catalog,
    ANOMALIES_TABLE,
    anomaliesSchema,
    anomaliesSpec,
    STREAMING_TABLE_PROPERTIES,
  );
}

/** The silver snapshot a scored table has absorbed, from its newest ancestor that says so. */
export function scoringWatermarkOf(meta: TableMetadata): bigint | undefined {
  return watermarkIn(meta, SCORING_WATERMARK_KEY);
}
