import { PurchaseGenerator } from '../events/generator';
import { EXPECTED_REJECTION } from '../events/malformed';
import { writeDataFile } from '../iceberg/parquet';
import {
  classify,
  rejectedSchema,
  silverSchema,
  V2_COLUMNS,
  type BronzeRow,
} from './silverRows';

const NOW = 1_795_000_000_000_000n;
const bronze = (value: string | Uint8Array | null, offset = 0): BronzeRow => ({
  kafka_topic: 'purchases',
  kafka_partition: 2,
  kafka_offset: BigInt(offset),
  kafka_ts: null,
  kafka_key: 'C1',
  value: typeof value === 'string' ? new TextEncoder().encode(value) : value,
  ingest_ts: NOW,
});

const valid = {
  schema_version: 1,
  event_id: '0b7c8f5e-2d7a-4c1b-9f1e-3a2b1c0d9e8f',
  event_ts: '2026-11-27T23:59:59.999Z',
  customer_id: 'C1',
  customer_country: 'DE',
  order_country: 'DE',
  membership: 'member',
  product_id: 'P1',
  product_category: 'books',
  unit_price: 19.99,
  unit_cost: 12.1,
  discount_rate: 0.05,
  quantity: 3,
  currency: 'EUR',
  payment_method: 'card',
  channel: 'web',
};

describe('silver rows', () => {
  it('types a valid event with exact derived money columns and the UTC event date', () => {
    const result = classify(bronze(JSON.stringify(valid), 41), NOW);
    expect(result.kind).toBe('accepted');
    expect(result.row).toMatchObject({
      event_ts: 1795823999999000n,
      event_date: 20784,
      // decimal(12, 2) as Iceberg's unscaled value: exact cents.
      unit_price: 1999n,
      unit_cost: 1210n,
      amount: 5997n,
      cost: 3630n,
      margin: 2367n,
      kafka_offset: 41n,
      schema_version: 1,
    });
    expect(result.row).not.toHaveProperty('coupon_code');
    // The typed row fits the silver schema as a Parquet file would store it.
    expect(() => writeDataFile(silverSchema, [result.row])).not.toThrow();
  });

  it('carries v2 fields for the evolved schema', () => {
    const result = classify(
      bronze(
        JSON.stringify({
          ...valid,
          schema_version: 2,
          coupon_code: 'LOYAL5',
          device: 'mobile',
        }),
      ),
      NOW,
    );
    expect(result.row).toMatchObject({
      coupon_code: 'LOYAL5',
      device: 'mobile',
      schema_version: 2,
    });
    expect(V2_COLUMNS.map(c => c.name)).toEqual(['coupon_code', 'device']);
  });

  it('quarantines money it cannot represent exactly, with a reason', () => {
    const result = classify(
      bronze(JSON.stringify({ ...valid, unit_price: 19.999 })),
      NOW,
    );
    expect(result).toMatchObject({ kind: 'rejected', code: 'invalid_amount' });
    expect(String(result.row.error_reason)).toContain('2 decimal places');
  });

  it('maps every generated record to exactly one table, malformed ones with the expected code', () => {
    const records = new PurchaseGenerator({
      seed: 'silver',
      schemaVersion: 2,
      rate: 100,
      startMs: Date.parse('2026-11-27T00:00:00Z'),
      anomalyRate: 0.02,
      malformedRate: 0.1,
    }).take(3000);
    const outcomes = records.map((r, i) => ({
      r,
      c: classify(bronze(r.value, i), NOW),
    }));
    const wrong = outcomes.filter(({ r, c }) =>
      r.malformed
        ? c.kind !== 'rejected' || c.code !== EXPECTED_REJECTION[r.malformed]
        : c.kind !== 'accepted',
    );
    expect(wrong).toEqual([]);
    const rejected = outcomes
      .filter(o => o.c.kind === 'rejected')
      .map(o => o.c.row);
    expect(rejected.length).toBeGreaterThan(200);
    expect(() => writeDataFile(rejectedSchema, rejected)).not.toThrow();
  });

  it('keeps random bytes and empty values with a reason', () => {
    const garbage = new Uint8Array([0xff, 0xfe, 0x00, 0x41]);
    const r = classify(bronze(garbage), NOW);
    expect(r).toMatchObject({ kind: 'rejected', code: 'invalid_json' });
    expect(r.row.value).toBe(garbage);
    expect(classify(bronze(null), NOW)).toMatchObject({
      kind: 'rejected',
      code: 'empty_payload',
    });
  });
});
