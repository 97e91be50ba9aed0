/**
 * The purchase event contract, versioned. v1 is the original event; v2 adds optional
 * fields (coupon_code, device). Both are strict: an unknown field is a contract
 * violation, so a producer that drifts is caught at the silver boundary, not later.
 *
 * The JSON Schema documents under pipeline/schemas/ are generated from these
 * (`npm run schemas -w pipeline`) and a test keeps them in step.
 */
import { z } from 'zod';

export const MEMBERSHIPS = ['member', 'non_member'] as const;
export const PAYMENT_METHODS = [
  'card',
  'paypal',
  'apple_pay',
  'google_pay',
  'bank_transfer',
  'gift_card',
] as const;
export const CHANNELS = ['web', 'mobile_app', 'marketplace', 'store'] as const;
export const DEVICES = [
  'desktop',
  'mobile',
  'tablet',
  'pos',
  'unknown',
] as const;
export const SCHEMA_VERSIONS = [1, 2] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

/** Largest accepted serialized event; anything bigger is quarantined as oversized. */
export const MAX_EVENT_BYTES = 64 * 1024;

const countryCode = z
  .string()
  .regex(
    /^[A-Z]{2}$/,
    'expected an ISO 3166-1 alpha-2 country code such as "DE"',
  );
const identifier = z.string().min(1).max(64);
/**
 * Money in the event's own currency, up to what silver stores (decimal(12, 2)): a cap in
 * dollars would reject ordinary prices in JPY, INR or IDR and the generator's price spikes.
 */
const money = z.number().finite().nonnegative().max(9_999_999_999.99);

const v1Fields = {
  schema_version: z.literal(1).describe('Version of this event contract.'),
  event_id: z
    .uuid()
    .describe('Unique id of the purchase event (UUID); the deduplication key.'),
  event_ts: z.iso
    .datetime({ offset: true })
    .describe(
      'When the purchase happened, ISO-8601 with a UTC offset (event time).',
    ),
  customer_id: identifier.describe('Customer identifier.'),
  customer_country: countryCode.describe(
    "The customer's home country (ISO 3166-1 alpha-2).",
  ),
  order_country: countryCode.describe(
    'Country the order was placed from (ISO 3166-1 alpha-2).',
  ),
  membership: z
    .enum(MEMBERSHIPS)
    .describe('Loyalty membership of the customer at purchase time.'),
  product_id: identifier.describe('Product identifier.'),
  product_category: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a lower-case category slug')
    .describe('Product category slug.'),
  unit_price: money
    .positive()
    .describe('Price charged per unit, after any discount, in `currency`.'),
  unit_cost: money.describe('Cost of goods per unit, in `currency`.'),
  discount_rate: z
    .number()
    .min(0)
    .max(1)
    .describe(
      'Discount off the list price already applied to unit_price (0.1 = 10%).',
    ),
  quantity: z.int().min(1).max(100_000).describe('Units purchased.'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as "EUR"')
    .describe('ISO 4217 currency of unit_price and unit_cost.'),
  payment_method: z.enum(PAYMENT_METHODS).describe('How the order was paid.'),
  channel: z.enum(CHANNELS).describe('Sales channel the order came through.'),
};

export const purchaseEventV1 = z.strictObject(v1Fields).meta({
  title: 'PurchaseEvent v1',
  description: 'A purchase in the Medallion shop (v1).',
});

export const purchaseEventV2 = z
  .strictObject({
    ...v1Fields,
    schema_version: z.literal(2).describe('Version of this event contract.'),
    coupon_code: z
      .string()
      .min(1)
      .max(32)
      .nullable()
      .optional()
      .describe('Coupon redeemed with the order, if any.'),
    device: z
      .enum(DEVICES)
      .optional()
      .describe('Device class the order was placed from.'),
  })
  .meta({
    title: 'PurchaseEvent v2',
    description: 'A purchase in the Medallion shop (v2).',
  });

export const purchaseEvent = z.discriminatedUnion('schema_version', [
  purchaseEventV1,
  purchaseEventV2,
]);

export type PurchaseEventV1 = z.infer<typeof purchaseEventV1>;
export type PurchaseEventV2 = z.infer<typeof purchaseEventV2>;
export type PurchaseEvent = z.infer<typeof purchaseEvent>;

export const ANOMALY_PATTERNS = [
  'amount_spike',
  'unusual_quantity',
  'velocity_burst',
  'odd_hour',
  'country_mismatch',
  'card_testing',
] as const;
export type AnomalyPattern = (typeof ANOMALY_PATTERNS)[number];

/**
 * Ground truth for one injected anomaly, published to `purchases.labels` keyed by
 * event_id. It never travels inside the event, so a detector cannot peek.
 */
export const purchaseLabel = z.strictObject({
  label_version: z.literal(1),
  event_id: z.uuid(),
  is_anomaly: z.literal(true),
  pattern: z.enum(ANOMALY_PATTERNS),
  /** Events injected together (a burst) share an incident id. */
  incident_id: z.string().min(1),
  event_ts: z.iso.datetime({ offset: true }),
});
export type PurchaseLabel = z.infer<typeof purchaseLabel>;
