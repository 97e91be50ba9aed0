/**
 * The anomaly model's features, computed by one extractor in training and in the
 * stream, so a purchase gets the same vector either way. Per-customer rolling state
 * (order times, small-order times) gives the velocity features; what the training
 * window taught (product price medians, the small-amount cut-off) travels in the model.
 *
 * Amounts are compared in EUR through fixed reference rates, since silver holds many
 * currencies; the local hour uses the customer's home country's UTC offset. The hour
 * enters as its rarity (cyclic: neighbouring hours round midnight share), because an
 * Isolation Forest isolates extremes along one feature at a time, and a night hour is
 * in the middle of sine/cosine encodings' ranges, never extreme.
 */
import { COUNTRIES, EUR_PER_UNIT } from '../events/catalog';
import type { FeatureReference } from './model';

/** A silver purchase as the features need it. */
export interface ScoringPurchase {
  eventId: string;
  /** Event time, epoch ms. */
  eventMs: number;
  customerId: string;
  customerCountry: string;
  orderCountry: string;
  membership: string;
  productId: string;
  productCategory: string;
  currency: string;
  unitPrice: number;
  quantity: number;
}

export interface FeatureInfo {
  name: string;
  description: string;
}

export const FEATURES: readonly FeatureInfo[] = [
  {
    name: 'amount_eur_log',
    description: 'log(1 + order amount in EUR)',
  },
  { name: 'quantity_log', description: 'log(1 + units ordered)' },
  {
    name: 'price_ratio_log',
    description:
      "log of the unit price over the product's median unit price in training",
  },
  {
    name: 'hour_rarity',
    description:
      "how unusual the local hour of day is (customer's home country): −log of its share of training purchases, hours wrapping round midnight",
  },
  {
    name: 'orders_10m_log',
    description:
      "log(1 + the customer's orders in the 10 minutes up to this one)",
  },
  {
    name: 'burst_vs_day_log',
    description:
      "log of the customer's orders in the last 10 minutes over their own 10-minute average (last 24 hours, or the history there is): a burst stands out even for a busy customer",
  },
  {
    name: 'orders_1h_log',
    description: "log(1 + the customer's orders in the hour up to this one)",
  },
  {
    name: 'orders_24h_log',
    description:
      "log(1 + the customer's orders in the 24 hours up to this one)",
  },
  {
    name: 'since_prev_log',
    description:
      "log(1 + seconds since the customer's previous order); 7 days if none",
  },
  {
    name: 'country_mismatch',
    description: 'order country differs from the home country (1) or not (0)',
  },
  {
    name: 'small_orders_10m_log',
    description:
      "log(1 + the customer's small orders in the 10 minutes up to this one)",
  },
  { name: 'member', description: 'loyalty member (1) or not (0)' },
];

export const FEATURE_COUNT = FEATURES.length;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The short window of the burst features (orders, small orders). */
const SMALL_WINDOW_MS = 10 * 60_000;
const NO_PREVIOUS_SECONDS = 7 * 86_400;

const OFFSET_HOURS = new Map(COUNTRIES.map(c => [c.code, c.utcOffsetHours]));

/** EUR per unit of a currency; an unknown currency is taken at par (and is rare). */
export function eurRate(currency: string): number {
  return EUR_PER_UNIT[currency] ?? 1;
}

export function amountEur(p: ScoringPurchase): number {
  return p.unitPrice * p.quantity * eurRate(p.currency);
}

const localHour = (p: ScoringPurchase) =>
  Math.floor(
    (((p.eventMs / HOUR_MS + (OFFSET_HOURS.get(p.customerCountry) ?? 0)) % 24) +
      24) %
      24,
  );

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[mid]!
    : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The q-quantile (0..1) by the nearest-rank rule. */
function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const i = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil(q * sorted.length) - 1),
  );
  return sorted[i]!;
}

/** Learns the reference values from the training purchases. */
export function buildFeatureReference(
  purchases: readonly ScoringPurchase[],
): FeatureReference {
  const byProduct = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  const amounts = new Float64Array(purchases.length);
  const hours = new Array<number>(24).fill(0);
  const push = (m: Map<string, number[]>, key: string, v: number) => {
    let values = m.get(key);
    if (!values) m.set(key, (values = []));
    values.push(v);
  };
  purchases.forEach((p, i) => {
    const eur = p.unitPrice * eurRate(p.currency);
    push(byProduct, p.productId, eur);
    push(byCategory, p.productCategory, eur);
    amounts[i] = amountEur(p);
    hours[localHour(p)]!++;
  });
  // Each hour shares with its neighbours (round midnight) and gets a floor, so an
  // hour never seen in training is rare, not infinitely so.
  const total = Math.max(1, purchases.length);
  const hourShare = hours.map(
    (_, h) =>
      (0.5 * hours[h]! +
        0.25 * hours[(h + 23) % 24]! +
        0.25 * hours[(h + 1) % 24]! +
        1) /
      (total + 24),
  );
  const positiveMedians = (m: Map<string, number[]>) =>
    Object.fromEntries(
      [...m].map(([k, v]) => [k, median(v)] as const).filter(([, v]) => v > 0),
    );
  return {
    productMedianPriceEur: positiveMedians(byProduct),
    categoryMedianPriceEur: positiveMedians(byCategory),
    smallAmountEur: quantile(amounts, 0.05),
    hourShare,
  };
}

/** Sorted insert (event times mostly arrive in order, so this is usually a push). */
function insertSorted(times: number[], t: number): void {
  let i = times.length;
  while (i > 0 && times[i - 1]! > t) i--;
  times.splice(i, 0, t);
}

/** Entries in (from, to]. */
function countIn(times: readonly number[], from: number, to: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0; i--) {
    const t = times[i]!;
    if (t <= from) break;
    if (t <= to) n++;
  }
  return n;
}

interface CustomerHistory {
  orders: number[];
  small: number[];
  latestMs: number;
}

/**
 * Computes feature vectors, keeping per-customer history of the last day. Feed it
 * purchases in event-time order (late ones are placed where they belong, and count for
 * the purchases after them).
 */
export class FeatureExtractor {
  private readonly customers = new Map<string, CustomerHistory>();
  private newestMs = Number.NEGATIVE_INFINITY;
  /** The first purchase seen: before a day has passed, the history is this long only. */
  private oldestMs = Number.POSITIVE_INFINITY;
  private sinceEviction = 0;

  constructor(private readonly reference: FeatureReference) {}

  /** Remembers a purchase without producing its features (warming up after a restart). */
  observe(p: ScoringPurchase): void {
    this.history(p, true);
  }

  /** The purchase's features into `out` at `offset` (and the purchase joins the history). */
  extract(p: ScoringPurchase, out: Float64Array, offset = 0): void {
    const eur = amountEur(p);
    const h = this.history(p, false);
    const t = p.eventMs;
    let previous = Number.NEGATIVE_INFINITY;
    for (let i = h.orders.length - 1; i >= 0; i--) {
      if (h.orders[i]! <= t) {
        previous = h.orders[i]!;
        break;
      }
    }
    insertSorted(h.orders, t);
    if (eur <= this.reference.smallAmountEur) insertSorted(h.small, t);

    const sincePrev = Number.isFinite(previous)
      ? (t - previous) / 1000
      : NO_PREVIOUS_SECONDS;

    const recent = countIn(h.orders, t - SMALL_WINDOW_MS, t);
    const day = countIn(h.orders, t - DAY_MS, t);
    // The order matches FEATURES.
    out[offset] = Math.log1p(eur);
    out[offset + 1] = Math.log1p(p.quantity);
    out[offset + 2] = Math.log(this.priceRatio(p));
    out[offset + 3] = -Math.log(this.reference.hourShare[localHour(p)]!);
    out[offset + 4] = Math.log1p(recent);
    // The customer's own 10-minute average over the history we have (a day, or less
    // in a young stream: otherwise every busy customer would look like a burst).
    const span = Math.min(DAY_MS, Math.max(HOUR_MS, t - this.oldestMs));
    out[offset + 5] = Math.log(recent / (1 + (day * SMALL_WINDOW_MS) / span));
    out[offset + 6] = Math.log1p(countIn(h.orders, t - HOUR_MS, t));
    out[offset + 7] = Math.log1p(day);
    out[offset + 8] = Math.log1p(Math.min(sincePrev, NO_PREVIOUS_SECONDS));
    out[offset + 9] = p.orderCountry === p.customerCountry ? 0 : 1;
    out[offset + 10] = Math.log1p(countIn(h.small, t - SMALL_WINDOW_MS, t));
    out[offset + 11] = p.membership === 'member' ? 1 : 0;
  }

  /** Features of many purchases (in order) as a row-major matrix. */
  extractAll(purchases: readonly ScoringPurchase[]): Float64Array {
    const out = new Float64Array(purchases.length * FEATURE_COUNT);
    purchases.forEach((p, i) => this.extract(p, out, i * FEATURE_COUNT));
    return out;
  }

  /** Customers currently remembered (for memory checks). */
  get customerCount(): number {
    return this.customers.size;
  }

  private priceRatio(p: ScoringPurchase): number {
    const eur = p.unitPrice * eurRate(p.currency);
    const typical =
      this.reference.productMedianPriceEur[p.productId] ??
      this.reference.categoryMedianPriceEur[p.productCategory];
    return typical === undefined ? 1 : eur / typical;
  }

  private history(p: ScoringPurchase, record: boolean): CustomerHistory {
    let h = this.customers.get(p.customerId);
    if (!h) {
      h = { orders: [], small: [], latestMs: p.eventMs };
      this.customers.set(p.customerId, h);
    }
    h.latestMs = Math.max(h.latestMs, p.eventMs);
    if (record) {
      insertSorted(h.orders, p.eventMs);
      if (amountEur(p) <= this.reference.smallAmountEur)
        insertSorted(h.small, p.eventMs);
    }
    this.newestMs = Math.max(this.newestMs, p.eventMs);
    this.oldestMs = Math.min(this.oldestMs, p.eventMs);
    // Forget what no window can reach any more, now and then.
    if (++this.sinceEviction >= 10_000) this.evict();
    const keepFrom = h.latestMs - DAY_MS;
    while (h.orders.length > 0 && h.orders[0]! < keepFrom) h.orders.shift();
    while (h.small.length > 0 && h.small[0]! < keepFrom) h.small.shift();
    return h;
  }

  private evict(): void {
    this.sinceEviction = 0;
    const horizon = this.newestMs - DAY_MS - HOUR_MS;
    for (const [id, h] of this.customers)
      if (h.latestMs < horizon) this.customers.delete(id);
  }
}

/** The median of each feature over a matrix (what is typical, for explanations). */
export function featureMedians(matrix: Float64Array, nRows: number): number[] {
  return FEATURES.map((_, j) => {
    const column = new Array<number>(nRows);
    for (let i = 0; i < nRows; i++) column[i] = matrix[i * FEATURE_COUNT + j]!;
    return median(column);
  });
}
