/**
 * Deliberately broken records, so that downstream quarantine can be tested against
 * every way a producer gets it wrong. Each kind maps to the rejection code that
 * `parsePurchaseEvent` must give it.
 */
import type { Random } from './random';
import { MAX_EVENT_BYTES, type PurchaseEvent } from './schema';
import type { RejectionCode } from './validate';

export const MALFORMED_KINDS = [
  'invalid_json',
  'wrong_type',
  'missing_field',
  'oversized',
  'unknown_schema_version',
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** What the validator is expected to say about each kind. */
export const EXPECTED_REJECTION: Readonly<
  Record<MalformedKind, RejectionCode>
> = {
  invalid_json: 'invalid_json',
  wrong_type: 'wrong_type',
  missing_field: 'missing_field',
  oversized: 'oversized',
  unknown_schema_version: 'unsupported_schema_version',
};

const REQUIRED_FIELDS = [
  'schema_version',
  'event_id',
  'event_ts',
  'customer_id',
  'customer_country',
  'order_country',
  'membership',
  'product_id',
  'product_category',
  'unit_price',
  'unit_cost',
  'discount_rate',
  'quantity',
  'currency',
  'payment_method',
  'channel',
] as const;

type Loose = Record<string, unknown>;

const WRONG_TYPES: ReadonlyArray<(e: Loose) => void> = [
  e => {
    e.quantity = String(e.quantity);
  },
  e => {
    e.unit_price = `${String(e.unit_price)} EUR`;
  },
  e => {
    e.event_ts = Date.parse(String(e.event_ts));
  },
  e => {
    e.membership = true;
  },
  e => {
    e.customer_country = 276;
  },
  e => {
    e.event_id = null;
  },
];

export function corrupt(
  event: PurchaseEvent,
  kind: MalformedKind,
  random: Random,
): string {
  const loose: Loose = { ...event };
  switch (kind) {
    case 'invalid_json': {
      const text = JSON.stringify(loose);
      // Any proper prefix of a JSON object lacks its closing brace, so it never parses.
      return text.slice(0, random.int(1, text.length - 2));
    }
    case 'wrong_type':
      random.pick(WRONG_TYPES)(loose);
      return JSON.stringify(loose);
    case 'missing_field':
      delete loose[random.pick(REQUIRED_FIELDS)];
      return JSON.stringify(loose);
    case 'oversized': {
      const size = random.int(MAX_EVENT_BYTES + 1024, MAX_EVENT_BYTES * 2.5);
      loose.notes = 'x'.repeat(size);
      return JSON.stringify(loose);
    }
    case 'unknown_schema_version':
      loose.schema_version = random.pick([0, 3, 4, 7, 99]);
      return JSON.stringify(loose);
    default: {
      const never: never = kind;
      throw new Error(`unknown malformed kind ${String(never)}`);
    }
  }
}
