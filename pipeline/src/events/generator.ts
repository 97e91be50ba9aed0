/**
 * The seeded purchase stream. A pure function of its options: the same seed, start
 * time and settings give byte-identical records, which is what makes tests and
 * benchmarks repeatable and lets a replay be compared with the original.
 *
 * Time is virtual: arrivals follow a Poisson process whose rate follows the daily
 * curve (mean = `rate`). The producer paces records by these timestamps, so in live
 * mode event time tracks the wall clock; offline the stream can be generated at any
 * speed. Injected anomalies get a ground-truth label; malformed records are counted
 * but never labelled.
 */
import {
  buildCatalog,
  COUNTRIES,
  DEFAULT_CATALOG,
  paymentChoices,
  roundMoney,
  EUR_PER_UNIT,
  type Catalog,
  type CatalogOptions,
  type Country,
  type Customer,
  type Product,
} from './catalog';
import { corrupt, MALFORMED_KINDS, type MalformedKind } from './malformed';
import { Random, WeightedTable } from './random';
import type {
  AnomalyPattern,
  PurchaseEvent,
  PurchaseLabel,
  SchemaVersion,
} from './schema';
import { ANOMALY_PATTERNS, DEVICES } from './schema';
import { countryWeightsAt, isNightIn, rateFactorAt } from './seasonality';

/**
 * Seed of the shop itself (products, their categories and prices, customers). One shop
 * for every stream: a restarted producer draws new events with a new `seed` but keeps
 * selling the same products to the same customers, so gold's dimensions stay consistent.
 */
export const SHOP_SEED = 'medallion-shop';

export interface GeneratorOptions {
  /** Seed of the events: arrivals, choices, anomalies, ids. */
  seed: string | number;
  /** Seed of the products and customers. Default SHOP_SEED. */
  catalogSeed?: string | number;
  schemaVersion: SchemaVersion;
  /** Mean events per second of event time (the daily curve varies it around this). */
  rate: number;
  /** Event time of the first arrival, epoch ms. */
  startMs: number;
  /** Share of events that are injected anomalies, 0..1. */
  anomalyRate: number;
  /** Share of records that are malformed, 0..1. */
  malformedRate: number;
  catalog?: Partial<CatalogOptions>;
}

export interface GeneratedRecord {
  /** Kafka key: the customer id. */
  key: string;
  /** Serialized payload (JSON for valid events; deliberately broken for malformed ones). */
  value: string;
  tsMs: number;
  /** The event as generated (also present for malformed records, before corruption). */
  event: PurchaseEvent;
  label?: PurchaseLabel;
  malformed?: MalformedKind;
}

interface Draft {
  customer: Customer;
  tsMs: number;
  product?: Product;
  quantity?: number;
  priceMultiplier?: number;
  orderCountry?: Country;
  payment?: string;
  channel?: string;
  pattern?: AnomalyPattern;
  incidentId?: string;
}

/**
 * The customer base scales with the rate (one customer per event-second of an hour,
 * between 20,000 and 500,000): with a fixed base, a fast stream would make every
 * customer order every few seconds, and an injected velocity burst would be slower than
 * a normal customer. 500,000 customers take ~65 MB and ~0.4 s to build.
 */
export function customersFor(rate: number): number {
  return Math.min(
    500_000,
    Math.max(DEFAULT_CATALOG.customers, Math.ceil(rate * 3600)),
  );
}

/** Mean number of events per incident of each pattern (bursts emit several). */
const BURST = { velocity: [8, 20], cardTesting: [6, 15] } as const;
const MEAN_INCIDENT_SIZE =
  (4 +
    (BURST.velocity[0] + BURST.velocity[1]) / 2 +
    (BURST.cardTesting[0] + BURST.cardTesting[1]) / 2) /
  ANOMALY_PATTERNS.length;

const COUPONS = [
  'WELCOME10',
  'SPRING15',
  'LOYAL5',
  'FREESHIP',
  'BLACKFRIDAY20',
] as const;
const COUPON_DISCOUNT: Record<(typeof COUPONS)[number], number> = {
  WELCOME10: 0.1,
  SPRING15: 0.15,
  LOYAL5: 0.05,
  FREESHIP: 0,
  BLACKFRIDAY20: 0.2,
};

/** Min-heap of scheduled burst events, ordered by time then insertion. */
class Schedule {
  private readonly heap: Array<{ tsMs: number; seq: number; draft: Draft }> =
    [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }
  peekTs(): number {
    return this.heap.length > 0
      ? (this.heap[0] as { tsMs: number }).tsMs
      : Infinity;
  }
  push(draft: Draft): void {
    const node = { tsMs: draft.tsMs, seq: this.seq++, draft };
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  pop(): Draft {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top.draft;
  }
  private less(
    a: { tsMs: number; seq: number },
    b: { tsMs: number; seq: number },
  ): boolean {
    return a.tsMs < b.tsMs || (a.tsMs === b.tsMs && a.seq < b.seq);
  }
}

export class PurchaseGenerator {
  readonly catalog: Catalog;
  private readonly arrivals: Random;
  private readonly choices: Random;
  private readonly incidents: Random;
  private readonly ids: Random;
  private readonly schedule = new Schedule();
  private nextArrivalMs: number;
  private incidentSeq = 0;
  /** Per-minute cache of the country mix (the curve changes slowly). */
  private countryCache:
    | { minute: number; table: WeightedTable<Country> }
    | undefined;
  /** Probability that an arrival starts an incident, so that anomalies ≈ anomalyRate of events. */
  private readonly incidentChance: number;

  constructor(readonly options: GeneratorOptions) {
    if (!(options.rate > 0)) throw new Error('rate must be positive');
    for (const [name, value] of [
      ['anomalyRate', options.anomalyRate],
      ['malformedRate', options.malformedRate],
    ] as const) {
      if (!(value >= 0 && value <= 1))
        throw new Error(`${name} must be between 0 and 1, got ${value}`);
    }
    this.catalog = buildCatalog(options.catalogSeed ?? SHOP_SEED, {
      ...DEFAULT_CATALOG,
      customers: customersFor(options.rate),
      ...options.catalog,
    });
    const root = new Random(options.seed);
    this.arrivals = root.fork('arrivals');
    this.choices = root.fork('choices');
    this.incidents = root.fork('incidents');
    this.ids = root.fork('ids');
    this.nextArrivalMs = options.startMs;
    const f = Math.min(options.anomalyRate, 0.99);
    this.incidentChance =
      f / (MEAN_INCIDENT_SIZE - f * (MEAN_INCIDENT_SIZE - 1));
  }

  /** The next record in event-time order. The stream is endless. */
  next(): GeneratedRecord {
    if (this.schedule.peekTs() <= this.nextArrivalMs) {
      return this.emit(this.schedule.pop());
    }
    const tsMs = this.nextArrivalMs;
    const meanGapMs = 1000 / (this.options.rate * rateFactorAt(tsMs));
    this.nextArrivalMs = tsMs + this.arrivals.exponential(meanGapMs);

    if (this.incidents.chance(this.options.malformedRate)) {
      const kind = this.incidents.pick(MALFORMED_KINDS);
      const event = this.build({ customer: this.normalCustomer(tsMs), tsMs });
      return {
        key: event.customer_id,
        value: corrupt(event, kind, this.incidents),
        tsMs,
        event,
        malformed: kind,
      };
    }
    if (this.incidents.chance(this.incidentChance)) {
      return this.emit(this.startIncident(tsMs));
    }
    return this.emit({ customer: this.normalCustomer(tsMs), tsMs });
  }

  /** Convenience for tests and benchmarks. */
  take(count: number): GeneratedRecord[] {
    const out = new Array<GeneratedRecord>(count);
    for (let i = 0; i < count; i++) out[i] = this.next();
    return out;
  }

  private emit(draft: Draft): GeneratedRecord {
    const event = this.build(draft);
    const record: GeneratedRecord = {
      key: event.customer_id,
      value: JSON.stringify(event),
      tsMs: draft.tsMs,
      event,
    };
    if (draft.pattern && draft.incidentId) {
      record.label = {
        label_version: 1,
        event_id: event.event_id,
        is_anomaly: true,
        pattern: draft.pattern,
        incident_id: draft.incidentId,
        event_ts: event.event_ts,
      };
    }
    return record;
  }

  private countryTableAt(tsMs: number): WeightedTable<Country> {
    const minute = Math.floor(tsMs / 60_000);
    if (!this.countryCache || this.countryCache.minute !== minute) {
      this.countryCache = {
        minute,
        table: new WeightedTable(COUNTRIES, countryWeightsAt(tsMs)),
      };
    }
    return this.countryCache.table;
  }

  private customerIn(country: Country, random: Random): Customer {
    const table = this.catalog.customersByCountry.get(country.code);
    return table ? table.sample(random) : random.pick(this.catalog.customers);
  }

  private normalCustomer(tsMs: number): Customer {
    return this.customerIn(
      this.countryTableAt(tsMs).sample(this.choices),
      this.choices,
    );
  }

  private startIncident(tsMs: number): Draft {
    const r = this.incidents;
    let pattern = r.pick(ANOMALY_PATTERNS);
    const nightCountries = COUNTRIES.filter(
      c => isNightIn(tsMs, c) && this.catalog.customersByCountry.has(c.code),
    );
    // A few hours a day no simulated country is asleep; inject a mismatch instead.
    if (pattern === 'odd_hour' && nightCountries.length === 0)
      pattern = 'country_mismatch';
    const incidentId = `inc-${this.options.seed}-${++this.incidentSeq}`;
    const customer =
      pattern === 'odd_hour'
        ? this.customerIn(r.pick(nightCountries), r)
        : this.customerIn(this.catalog.countryTable.sample(r), r);
    const base: Draft = { customer, tsMs, pattern, incidentId };

    switch (pattern) {
      case 'amount_spike':
        return {
          ...base,
          priceMultiplier: r.uniform(8, 30),
          quantity: r.int(1, 2),
        };
      case 'unusual_quantity':
        return { ...base, quantity: r.int(25, 250) };
      case 'odd_hour': {
        const electronics = this.catalog.productsByCategory.get('electronics');
        return {
          ...base,
          product:
            electronics && r.chance(0.5) ? electronics.sample(r) : undefined,
        };
      }
      case 'country_mismatch':
        return {
          ...base,
          orderCountry: this.foreignCountry(customer.country, r),
          payment: 'card',
        };
      case 'velocity_burst':
        return this.burst(
          base,
          r.int(BURST.velocity[0], BURST.velocity[1]),
          r.uniform(60_000, 240_000),
          d => d,
        );
      case 'card_testing': {
        const foreign = r.chance(0.3)
          ? this.foreignCountry(customer.country, r)
          : undefined;
        return this.burst(
          base,
          r.int(BURST.cardTesting[0], BURST.cardTesting[1]),
          r.uniform(30_000, 120_000),
          d => ({
            ...d,
            product: r.pick(this.catalog.cheapProducts),
            quantity: 1,
            payment: 'card',
            channel: 'web',
            orderCountry: foreign,
          }),
        );
      }
      default: {
        const never: never = pattern;
        throw new Error(`unknown pattern ${String(never)}`);
      }
    }
  }

  /** Emits the first event now and schedules the rest of the burst within `spanMs`. */
  private burst(
    base: Draft,
    size: number,
    spanMs: number,
    shape: (d: Draft) => Draft,
  ): Draft {
    for (let i = 1; i < size; i++) {
      this.schedule.push(
        shape({ ...base, tsMs: base.tsMs + this.incidents.uniform(0, spanMs) }),
      );
    }
    return shape(base);
  }

  private foreignCountry(home: Country, r: Random): Country {
    const far = COUNTRIES.filter(c => c.region !== home.region);
    return r.pick(far);
  }

  private build(d: Draft): PurchaseEvent {
    const r = this.choices;
    const customer = d.customer;
    const product =
      d.product ??
      (r.chance(0.3)
        ? this.catalog.productsByCategory
            .get(customer.favouriteCategory.slug)
            ?.sample(r)
        : undefined) ??
      this.catalog.productTable.sample(r);
    const category = product.category;

    let orderCountry = d.orderCountry ?? customer.country;
    if (!d.orderCountry && r.chance(0.03)) {
      const neighbours = COUNTRIES.filter(
        c => c.region === customer.country.region && c !== customer.country,
      );
      if (neighbours.length > 0) orderCountry = r.pick(neighbours);
    }
    const currency = orderCountry.currency;
    const eurPerUnit = EUR_PER_UNIT[currency] ?? 1;

    let channel =
      d.channel ??
      (r.chance(0.7)
        ? customer.preferredChannel
        : r.pick(['web', 'web', 'mobile_app', 'marketplace']));
    if (channel === 'store' && orderCountry !== customer.country)
      channel = 'web';
    const payment =
      d.payment ??
      (r.chance(0.75)
        ? customer.preferredPayment
        : r.pick(paymentChoices(customer.country.region)));

    const v2 = this.options.schemaVersion === 2;
    const coupon = v2 && r.chance(0.08) ? r.pick(COUPONS) : null;
    let discount = customer.member ? category.memberDiscount : 0;
    if (r.chance(0.05)) discount += 0.1; // seasonal sale for everyone
    if (coupon) discount += COUPON_DISCOUNT[coupon];
    // Keep the price charged above cost: discounts never eat the whole margin.
    discount = Math.max(0, Math.min(discount, 1 - product.costRatio - 0.03));
    discount = Math.round(discount * 1000) / 1000;

    const listPrice =
      (product.listPriceEur / eurPerUnit) * (d.priceMultiplier ?? 1);
    const unitPrice = roundMoney(listPrice * (1 - discount), currency);
    const unitCost = roundMoney(
      Math.min(
        (product.listPriceEur * product.costRatio) / eurPerUnit,
        unitPrice * 0.97,
      ),
      currency,
    );
    const quantity =
      d.quantity ?? 1 + Math.min(r.poisson(category.extraUnits), 9);

    const common = {
      event_id: this.ids.uuid(),
      event_ts: new Date(Math.floor(d.tsMs)).toISOString(),
      customer_id: customer.id,
      customer_country: customer.country.code,
      order_country: orderCountry.code,
      membership: customer.member
        ? ('member' as const)
        : ('non_member' as const),
      product_id: product.id,
      product_category: category.slug,
      unit_price: unitPrice,
      unit_cost: unitCost,
      discount_rate: discount,
      quantity,
      currency,
      payment_method: payment as PurchaseEvent['payment_method'],
      channel: channel as PurchaseEvent['channel'],
    };
    if (!v2) return { schema_version: 1, ...common };
    return {
      schema_version: 2,
      ...common,
      coupon_code: coupon,
      device: deviceFor(channel, r),
    };
  }
}

const WEB_DEVICES = new WeightedTable(
  ['desktop', 'mobile', 'tablet', 'unknown'] as const,
  [55, 35, 8, 2],
);

function deviceFor(channel: string, r: Random): (typeof DEVICES)[number] {
  switch (channel) {
    case 'store':
      return 'pos';
    case 'mobile_app':
      return r.chance(0.85) ? 'mobile' : 'tablet';
    case 'web':
      return WEB_DEVICES.sample(r);
    default:
      return r.chance(0.5) ? 'desktop' : 'mobile';
  }
}
