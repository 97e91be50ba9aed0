import { PurchaseGenerator, type GeneratorOptions } from './generator';
import { EXPECTED_REJECTION } from './malformed';
import { localHour } from './seasonality';
import { COUNTRIES } from './catalog';
import { parsePurchaseEvent } from './validate';
import { purchaseLabel } from './schema';

const START = Date.parse('2026-11-27T00:00:00.000Z');
const options = (
  overrides: Partial<GeneratorOptions> = {},
): GeneratorOptions => ({
  seed: 'unit',
  schemaVersion: 1,
  rate: 50,
  startMs: START,
  anomalyRate: 0.02,
  malformedRate: 0,
  ...overrides,
});

describe('PurchaseGenerator', () => {
  it('gives byte-identical records for the same seed and different ones for another seed', () => {
    const a = new PurchaseGenerator(options()).take(3000).map(r => r.value);
    const b = new PurchaseGenerator(options()).take(3000).map(r => r.value);
    const c = new PurchaseGenerator(options({ seed: 'other' }))
      .take(3000)
      .map(r => r.value);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(new Set(a.map(v => JSON.parse(v).event_id)).size).toBe(a.length);
  });

  it('sells the same shop across seeds and rates: a restarted producer keeps every product and customer', () => {
    const attributes = (o: Partial<GeneratorOptions>) => {
      const products = new Map<string, string>();
      const customers = new Map<string, string>();
      for (const { event } of new PurchaseGenerator(options(o)).take(4000)) {
        products.set(event.product_id, event.product_category);
        customers.set(
          event.customer_id,
          `${event.customer_country} ${event.membership}`,
        );
      }
      return { products, customers };
    };
    const a = attributes({});
    const b = attributes({ seed: 'restarted', rate: 400 });
    const shared = <T>(x: Map<string, T>, y: Map<string, T>) =>
      [...x.keys()].filter(k => y.has(k));
    const sharedProducts = shared(a.products, b.products);
    const sharedCustomers = shared(a.customers, b.customers);
    expect(sharedProducts.length).toBeGreaterThan(100);
    expect(sharedCustomers.length).toBeGreaterThan(10);
    for (const id of sharedProducts)
      expect([id, b.products.get(id)]).toEqual([id, a.products.get(id)]);
    for (const id of sharedCustomers)
      expect([id, b.customers.get(id)]).toEqual([id, a.customers.get(id)]);
    const other = attributes({ catalogSeed: 'another shop' });
    expect(
      shared(a.products, other.products).some(
        id => other.products.get(id) !== a.products.get(id),
      ),
    ).toBe(true);
  });

  it('produces only valid v1 events when nothing is malformed, keyed by customer_id', () => {
    for (const record of new PurchaseGenerator(options()).take(5000)) {
      const parsed = parsePurchaseEvent(record.value);
      if (!parsed.ok)
        throw new Error(`${parsed.code}: ${parsed.reason}\n${record.value}`);
      expect(parsed.event.schema_version).toBe(1);
      expect(record.key).toBe(parsed.event.customer_id);
      expect(record.value).not.toContain('coupon_code');
    }
  });

  it('adds the optional v2 fields under schema v2', () => {
    const events = new PurchaseGenerator(options({ schemaVersion: 2 }))
      .take(3000)
      .map(r => r.event);
    expect(events.every(e => e.schema_version === 2 && 'device' in e)).toBe(
      true,
    );
    const coupons = events.filter(e => e.schema_version === 2 && e.coupon_code);
    expect(coupons.length).toBeGreaterThan(100);
    expect(coupons.length).toBeLessThan(500);
  });

  it('labels exactly the injected anomalies, covering every pattern, at about the requested rate', () => {
    const records = new PurchaseGenerator(options({ anomalyRate: 0.05 })).take(
      40_000,
    );
    const labelled = records.filter(r => r.label);
    for (const record of labelled) {
      expect(purchaseLabel.parse(record.label)).toBeTruthy();
      expect(record.label!.event_id).toBe(record.event.event_id);
      // Ground truth never leaks into the payload.
      expect(record.value).not.toMatch(/anomal|pattern|incident/);
    }
    const patterns = new Set(labelled.map(r => r.label!.pattern));
    expect([...patterns].sort()).toEqual([
      'amount_spike',
      'card_testing',
      'country_mismatch',
      'odd_hour',
      'unusual_quantity',
      'velocity_burst',
    ]);
    const share = labelled.length / records.length;
    expect(share).toBeGreaterThan(0.035);
    expect(share).toBeLessThan(0.065);
  });

  it('injects anomalies that look like their pattern', () => {
    const records = new PurchaseGenerator(options({ anomalyRate: 0.05 })).take(
      40_000,
    );
    const normal = records.filter(r => !r.label).map(r => r.event);
    const medianQty = normal.map(e => e.quantity).sort((a, b) => a - b)[
      Math.floor(normal.length / 2)
    ]!;
    const violations: string[] = [];
    const check = (ok: boolean, what: string, e: unknown) => {
      if (!ok) violations.push(`${what}: ${JSON.stringify(e)}`);
    };
    for (const r of records.filter(x => x.label)) {
      const e = r.event;
      const country = COUNTRIES.find(c => c.code === e.customer_country)!;
      const hour = localHour(Date.parse(e.event_ts), country);
      const orderRegion = COUNTRIES.find(
        c => c.code === e.order_country,
      )!.region;
      const checks: Record<string, () => void> = {
        unusual_quantity: () =>
          check(e.quantity >= 25 * medianQty, 'unusual quantity', e),
        odd_hour: () => check(hour >= 1 && hour < 5, 'odd hour', e),
        country_mismatch: () =>
          check(orderRegion !== country.region, 'country mismatch', e),
        card_testing: () =>
          check(
            e.quantity === 1 && e.payment_method === 'card',
            'card testing',
            e,
          ),
      };
      checks[r.label!.pattern]?.();
    }
    expect(violations).toEqual([]);
    // A burst: one customer, many orders within minutes.
    const bursts = new Map<string, typeof records>();
    for (const r of records.filter(
      x => x.label?.pattern === 'velocity_burst',
    )) {
      bursts.set(r.label!.incident_id, [
        ...(bursts.get(r.label!.incident_id) ?? []),
        r,
      ]);
    }
    for (const burst of bursts.values()) {
      expect(new Set(burst.map(r => r.event.customer_id)).size).toBe(1);
      const times = burst.map(r => r.tsMs);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(
        240_000,
      );
    }
  });

  it('mixes in malformed records that the validator rejects with the expected code', () => {
    const records = new PurchaseGenerator(
      options({ malformedRate: 0.1, schemaVersion: 2 }),
    ).take(20_000);
    const malformed = records.filter(r => r.malformed);
    expect(malformed.length).toBeGreaterThan(1500);
    expect(new Set(malformed.map(r => r.malformed)).size).toBe(5);
    const outcomes = records.map(record => {
      const parsed = parsePurchaseEvent(record.value);
      return {
        expected: record.malformed
          ? EXPECTED_REJECTION[record.malformed]
          : 'ok',
        got: parsed.ok ? 'ok' : parsed.code,
        labelled: Boolean(record.label),
      };
    });
    expect(outcomes.filter(o => o.expected !== o.got)).toEqual([]);
    expect(outcomes.filter(o => o.expected !== 'ok' && o.labelled)).toEqual([]);
  });

  it('keeps costs below the price charged and gives members their discount', () => {
    const events = new PurchaseGenerator(options())
      .take(20_000)
      .map(r => r.event);
    expect(events.every(e => e.unit_cost < e.unit_price)).toBe(true);
    const members = events.filter(e => e.membership === 'member');
    const others = events.filter(e => e.membership === 'non_member');
    const meanDiscount = (xs: typeof events) =>
      xs.reduce((s, e) => s + e.discount_rate, 0) / xs.length;
    expect(meanDiscount(members)).toBeGreaterThan(meanDiscount(others) + 0.03);
    expect(members.length / events.length).toBeGreaterThan(0.3); // members buy more often than their 30% share
  });

  it('has skewed popularity and a daily rhythm', () => {
    const events = new PurchaseGenerator(options({ rate: 1, anomalyRate: 0 }))
      .take(86_400)
      .map(r => r.event);
    const perProduct = new Map<string, number>();
    for (const e of events)
      perProduct.set(e.product_id, (perProduct.get(e.product_id) ?? 0) + 1);
    const counts = [...perProduct.values()].sort((a, b) => b - a);
    const top10 = counts.slice(0, 10).reduce((a, b) => a + b, 0);
    expect(top10 / events.length).toBeGreaterThan(0.1); // 10 of 500 products take >10% of orders
    // German customers: local evening (19-21h) far busier than the small hours (2-4h).
    const de = COUNTRIES.find(c => c.code === 'DE')!;
    const hours = new Array<number>(24).fill(0);
    for (const e of events)
      if (e.customer_country === 'DE')
        hours[Math.floor(localHour(Date.parse(e.event_ts), de))]!++;
    expect(hours[19]! + hours[20]!).toBeGreaterThan(
      5 * (hours[2]! + hours[3]!),
    );
  });
});
