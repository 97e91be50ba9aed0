/**
 * Rows of the anomaly SQL as API values. The rows come from our own SQL, but the
 * feature JSON inside them was written by the scorer, so both are parsed, not cast.
 */
import {
  ANOMALY_PATTERN_NAMES,
  type AnomalyFeature,
  type AnomalyLabel,
  type AnomalyPattern,
  type ModelFeatureInfo,
  type ScoredPurchase,
} from '@medallion/plugin-lakehouse-common';
import { z } from 'zod';
import { engineInteger } from '../lakehouse/engineValues';

/** ISO-8601 in UTC from µs since the epoch: milliseconds, or µs when they are not 0. */
export function isoFromMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  const rest = micros - ms * 1000;
  return rest === 0
    ? iso
    : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

const text = z
  .string()
  .nullable()
  .transform(v => v ?? '');
const count = engineInteger.pipe(z.number().nonnegative());

export const purchaseRowSchema = z.object({
  event_id: z.string(),
  event_us: engineInteger,
  customer_id: text,
  customer_country: text,
  order_country: text,
  membership: text,
  product_id: text,
  product_category: text,
  currency: text,
  amount: z.string(),
  score: z.number(),
  decision: z.enum(['anomaly', 'normal']),
  top_features: text,
  model_version: text,
  scored_us: engineInteger,
  label_pattern: z
    .enum(
      ANOMALY_PATTERN_NAMES as readonly [AnomalyPattern, ...AnomalyPattern[]],
    )
    .nullable(),
  label_incident: z.string().nullable(),
});
export type PurchaseRow = z.infer<typeof purchaseRowSchema>;

export const detailRowSchema = purchaseRowSchema.extend({
  features: z.string().nullable(),
  contributions: z.string().nullable(),
});

export function toScoredPurchase(row: PurchaseRow): ScoredPurchase {
  const label: AnomalyLabel | null =
    row.label_pattern !== null && row.label_incident !== null
      ? { pattern: row.label_pattern, incidentId: row.label_incident }
      : null;
  return {
    eventId: row.event_id,
    eventTs: isoFromMicros(row.event_us),
    customerId: row.customer_id,
    customerCountry: row.customer_country,
    orderCountry: row.order_country,
    membership: row.membership,
    productId: row.product_id,
    productCategory: row.product_category,
    currency: row.currency,
    amount: row.amount,
    score: row.score,
    decision: row.decision,
    topFeatures: row.top_features
      .split(',')
      .map(f => f.trim())
      .filter(f => f.length > 0),
    modelVersion: row.model_version,
    scoredAt: isoFromMicros(row.scored_us),
    label,
  };
}

/** The finite numbers of a JSON object string; anything else reads as no entries. */
export function numberEntries(json: string | null): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = json === null ? undefined : JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  const out = new Map<string, number>();
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return out;
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'number' && Number.isFinite(value))
      out.set(name, value);
  }
  return out;
}

/**
 * Every feature the model saw, largest contribution first (then in the model's
 * order), described from the model that scored the purchase.
 */
export function purchaseFeatures(
  values: Map<string, number>,
  contributions: Map<string, number>,
  modelFeatures: readonly ModelFeatureInfo[],
): AnomalyFeature[] {
  const described = new Map(modelFeatures.map((f, i) => [f.name, { f, i }]));
  const position = (name: string) =>
    described.get(name)?.i ?? Number.MAX_SAFE_INTEGER;
  return [...values]
    .map(([name, value]) => {
      const info = described.get(name)?.f;
      return {
        name,
        description: info?.description ?? '',
        value,
        typical: info?.typical ?? null,
        contribution: contributions.get(name) ?? 0,
      };
    })
    .sort(
      (a, b) =>
        b.contribution - a.contribution ||
        position(a.name) - position(b.name) ||
        (a.name < b.name ? -1 : 1),
    );
}

export const histogramRowSchema = z.object({
  bin: count,
  scored: count,
  labelled: count,
  flagged: count,
  latest_us: engineInteger.nullable(),
});

export const qualityRowSchema = z.object({
  pattern: z.string(),
  labelled: count,
  detected: count,
  wins2: count,
});

export const precisionRowSchema = z.object({
  k: count,
  before_n: count,
  before_nl: count,
  n: count,
  nl: count,
});
