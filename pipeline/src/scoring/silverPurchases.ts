/** Silver rows (the pipeline's internal row values) as the scorer needs them. */
import type { FileScanTask } from '../iceberg/scan';
import type { Table } from '../iceberg/table';
import { readTaskRows, type Row } from '../iceberg/tableScan';
import type { Schema } from '../iceberg/types';
import type { ScoringPurchase } from './features';

/** The columns of silver.purchases the scorer reads. */
export const SILVER_SCORING_COLUMNS = [
  'event_id',
  'event_ts',
  'customer_id',
  'customer_country',
  'order_country',
  'membership',
  'product_id',
  'product_category',
  'unit_price',
  'quantity',
  'currency',
];

/** A scored purchase keeps its exact money for the anomalies table. */
export interface SilverPurchase extends ScoringPurchase {
  eventTsMicros: bigint;
  /** unit_price × quantity, unscaled at scale 2 (decimal(16, 2)). */
  amountUnscaled: bigint;
}

const MONEY_SCALE = 100;

export function purchaseFromSilverRow(row: Row): SilverPurchase {
  const ts = row.event_ts as bigint;
  const price = row.unit_price as bigint;
  const quantity = Number(row.quantity);
  return {
    eventId: String(row.event_id),
    eventMs: Number(ts / 1000n),
    eventTsMicros: ts,
    customerId: String(row.customer_id),
    customerCountry: String(row.customer_country),
    orderCountry: String(row.order_country),
    membership: String(row.membership),
    productId: String(row.product_id),
    productCategory: String(row.product_category),
    currency: String(row.currency),
    unitPrice: Number(price) / MONEY_SCALE,
    quantity,
    amountUnscaled: price * BigInt(quantity),
  };
}

/** Event-time order, ties by event id, so training and scoring see the same sequence. */
export function byEventTime(a: ScoringPurchase, b: ScoringPurchase): number {
  if (a.eventMs !== b.eventMs) return a.eventMs - b.eventMs;
  if (a.eventId === b.eventId) return 0;
  return a.eventId < b.eventId ? -1 : 1;
}

/** The purchases of `tasks` that `keep` accepts, in event-time order. */
export async function readSilverPurchases(
  silver: Table,
  tasks: readonly FileScanTask[],
  schema: Schema,
  options: { keep?: (p: SilverPurchase) => boolean; signal?: AbortSignal } = {},
): Promise<SilverPurchase[]> {
  const out: SilverPurchase[] = [];
  for (const task of tasks) {
    options.signal?.throwIfAborted();
    for (const row of await readTaskRows(
      silver,
      task,
      schema,
      SILVER_SCORING_COLUMNS,
    )) {
      const p = purchaseFromSilverRow(row);
      if (!options.keep || options.keep(p)) out.push(p);
    }
  }
  return out.sort(byEventTime);
}
