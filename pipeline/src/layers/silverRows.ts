/**
 * Silver's two tables and the mapping from a bronze record to a row of one of them:
 * silver.purchases (typed, validated, with derived money columns computed exactly in
 * cents) or silver.purchases_rejected (the raw record, kept whole, with a stable error
 * code and a readable reason). Every bronze record maps to exactly one of the two.
 */
import type { PurchaseEvent } from '../events/schema';
import { parsePurchaseEvent, type RejectionCode } from '../events/validate';
import { coerceValue } from '../iceberg/conversions';
import { isoTimestampMicros } from '../iceberg/parquet/fastCoerce';
import type { PartitionSpec, Schema } from '../iceberg/types';

export const SILVER_PURCHASES = { namespace: ['silver'], name: 'purchases' };
export const SILVER_REJECTED = {
  namespace: ['silver'],
  name: 'purchases_rejected',
};

const money = 'decimal(12, 2)' as const;
const total = 'decimal(16, 2)' as const;

export const silverSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  'identifier-field-ids': [1],
  fields: [
    {
      id: 1,
      name: 'event_id',
      required: true,
      type: 'uuid',
      doc: 'Unique purchase event id; the deduplication key.',
    },
    {
      id: 2,
      name: 'event_ts',
      required: true,
      type: 'timestamptz',
      doc: 'When the purchase happened (event time, UTC).',
    },
    {
      id: 3,
      name: 'event_date',
      required: true,
      type: 'date',
      doc: 'UTC date of event_ts.',
    },
    {
      id: 4,
      name: 'customer_id',
      required: true,
      type: 'string',
      doc: 'Customer identifier.',
    },
    {
      id: 5,
      name: 'customer_country',
      required: true,
      type: 'string',
      doc: "Customer's home country (ISO 3166-1 alpha-2).",
    },
    {
      id: 6,
      name: 'order_country',
      required: true,
      type: 'string',
      doc: 'Country the order was placed from.',
    },
    {
      id: 7,
      name: 'membership',
      required: true,
      type: 'string',
      doc: 'member or non_member.',
    },
    {
      id: 8,
      name: 'product_id',
      required: true,
      type: 'string',
      doc: 'Product identifier.',
    },
    {
      id: 9,
      name: 'product_category',
      required: true,
      type: 'string',
      doc: 'Product category slug.',
    },
    {
      id: 10,
      name: 'unit_price',
      required: true,
      type: money,
      doc: 'Price charged per unit after discount, in currency.',
    },
    {
      id: 11,
      name: 'unit_cost',
      required: true,
      type: money,
      doc: 'Cost of goods per unit, in currency.',
    },
    {
      id: 12,
      name: 'discount_rate',
      required: true,
      type: 'double',
      doc: 'Discount off list price applied to unit_price.',
    },
    {
      id: 13,
      name: 'quantity',
      required: true,
      type: 'int',
      doc: 'Units purchased.',
    },
    {
      id: 14,
      name: 'currency',
      required: true,
      type: 'string',
      doc: 'ISO 4217 currency of the money columns.',
    },
    {
      id: 15,
      name: 'payment_method',
      required: true,
      type: 'string',
      doc: 'How the order was paid.',
    },
    {
      id: 16,
      name: 'channel',
      required: true,
      type: 'string',
      doc: 'Sales channel.',
    },
    {
      id: 17,
      name: 'amount',
      required: true,
      type: total,
      doc: 'unit_price × quantity (exact).',
    },
    {
      id: 18,
      name: 'cost',
      required: true,
      type: total,
      doc: 'unit_cost × quantity (exact).',
    },
    {
      id: 19,
      name: 'margin',
      required: true,
      type: total,
      doc: 'amount − cost.',
    },
    {
      id: 20,
      name: 'schema_version',
      required: true,
      type: 'int',
      doc: 'Event contract version the producer used.',
    },
    {
      id: 21,
      name: 'kafka_partition',
      required: true,
      type: 'int',
      doc: 'Lineage: Kafka partition of the bronze record.',
    },
    {
      id: 22,
      name: 'kafka_offset',
      required: true,
      type: 'long',
      doc: 'Lineage: Kafka offset of the bronze record.',
    },
    {
      id: 23,
      name: 'ingest_ts',
      required: true,
      type: 'timestamptz',
      doc: 'When bronze committed the record.',
    },
  ],
};

export const silverSpec: PartitionSpec = {
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

/** Optional columns silver gains through a schema update when v2 events first arrive. */
export const V2_COLUMNS = [
  {
    name: 'coupon_code',
    type: 'string',
    doc: 'Coupon redeemed with the order (v2).',
  },
  {
    name: 'device',
    type: 'string',
    doc: 'Device class the order was placed from (v2).',
  },
] as const;

export const rejectedSchema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'kafka_topic', required: true, type: 'string' },
    { id: 2, name: 'kafka_partition', required: true, type: 'int' },
    { id: 3, name: 'kafka_offset', required: true, type: 'long' },
    { id: 4, name: 'kafka_ts', required: false, type: 'timestamptz' },
    { id: 5, name: 'kafka_key', required: false, type: 'string' },
    {
      id: 6,
      name: 'value',
      required: false,
      type: 'binary',
      doc: 'The record exactly as it arrived.',
    },
    {
      id: 7,
      name: 'value_preview',
      required: false,
      type: 'string',
      doc: 'The first 1,000 characters of the value as UTF-8, for people.',
    },
    {
      id: 8,
      name: 'error_code',
      required: true,
      type: 'string',
      doc: 'Stable rejection code (invalid_json, wrong_type, ...).',
    },
    {
      id: 9,
      name: 'error_reason',
      required: true,
      type: 'string',
      doc: 'What was wrong, readable.',
    },
    { id: 10, name: 'ingest_ts', required: true, type: 'timestamptz' },
    { id: 11, name: 'rejected_at', required: true, type: 'timestamptz' },
  ],
};

export const rejectedSpec: PartitionSpec = {
  'spec-id': 0,
  fields: [
    {
      'source-id': 10,
      'field-id': 1000,
      name: 'ingest_ts_day',
      transform: 'day',
    },
  ],
};

/** A bronze row as the silver processor reads it (internal values). */
export interface BronzeRow {
  kafka_topic: string;
  kafka_partition: number;
  kafka_offset: bigint;
  kafka_ts: bigint | null;
  kafka_key: string | null;
  value: Uint8Array | null;
  ingest_ts: bigint;
}

export type Classified =
  | { kind: 'accepted'; row: Record<string, unknown>; event: PurchaseEvent }
  | {
      kind: 'rejected';
      row: Record<string, unknown>;
      code: RejectionCode | 'invalid_amount';
    };

/** Exact cents of a money value, or undefined when it has more than two decimals. */
function cents(value: number): bigint | undefined {
  const scaled = value * 100;
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-6 ? BigInt(rounded) : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const MICROS_PER_DAY = 86_400_000_000n;

export function rejectedRow(
  bronze: BronzeRow,
  code: string,
  reason: string,
  nowMicros: bigint,
): Record<string, unknown> {
  const preview = bronze.value
    ? utf8
        .decode(bronze.value.subarray(0, Math.min(bronze.value.length, 4000)))
        .slice(0, 1000)
    : null;
  return {
    kafka_topic: bronze.kafka_topic,
    kafka_partition: bronze.kafka_partition,
    kafka_offset: bronze.kafka_offset,
    kafka_ts: bronze.kafka_ts,
    kafka_key: bronze.kafka_key,
    value: bronze.value,
    value_preview: preview,
    error_code: code,
    error_reason: reason,
    ingest_ts: bronze.ingest_ts,
    rejected_at: nowMicros,
  };
}

/** Parses, validates and types one bronze record. */
export function classify(bronze: BronzeRow, nowMicros: bigint): Classified {
  const raw =
    bronze.value === null
      ? null
      : Buffer.from(
          bronze.value.buffer,
          bronze.value.byteOffset,
          bronze.value.length,
        );
  const parsed = parsePurchaseEvent(raw);
  if (!parsed.ok)
    return {
      kind: 'rejected',
      code: parsed.code,
      row: rejectedRow(bronze, parsed.code, parsed.reason, nowMicros),
    };
  const e = parsed.event;
  const price = cents(e.unit_price);
  const cost = cents(e.unit_cost);
  if (
    price === undefined ||
    cost === undefined ||
    e.unit_price > 9_999_999_999.99
  ) {
    const reason = `money values must have at most 2 decimal places and fit decimal(12, 2): unit_price ${e.unit_price}, unit_cost ${e.unit_cost}`;
    return {
      kind: 'rejected',
      code: 'invalid_amount',
      row: rejectedRow(bronze, 'invalid_amount', reason, nowMicros),
    };
  }
  const q = BigInt(e.quantity);
  // The validated ISO text almost always takes the fast parser (Z or +00:00).
  const fast = isoTimestampMicros(e.event_ts, true);
  const tsMicros =
    fast === undefined
      ? (coerceValue('timestamptz', e.event_ts) as bigint)
      : BigInt(fast);
  const eventDay =
    fast === undefined
      ? Number(
          (tsMicros >= 0n ? tsMicros : tsMicros - MICROS_PER_DAY + 1n) /
            MICROS_PER_DAY,
        )
      : Math.floor(fast / 86_400_000_000);
  // Money as decimal(12, 2)'s unscaled value (bigint cents): exact, and no text to parse.
  const row: Record<string, unknown> = {
    event_id: e.event_id,
    event_ts: tsMicros,
    event_date: eventDay,
    customer_id: e.customer_id,
    customer_country: e.customer_country,
    order_country: e.order_country,
    membership: e.membership,
    product_id: e.product_id,
    product_category: e.product_category,
    unit_price: price,
    unit_cost: cost,
    discount_rate: e.discount_rate,
    quantity: e.quantity,
    currency: e.currency,
    payment_method: e.payment_method,
    channel: e.channel,
    amount: price * q,
    cost: cost * q,
    margin: (price - cost) * q,
    schema_version: e.schema_version,
    kafka_partition: bronze.kafka_partition,
    kafka_offset: bronze.kafka_offset,
    ingest_ts: bronze.ingest_ts,
  };
  if (e.schema_version === 2) {
    row.coupon_code = e.coupon_code ?? null;
    row.device = e.device ?? null;
  }
  return { kind: 'accepted', row, event: e };
}
