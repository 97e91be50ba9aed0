import { MAX_EVENT_BYTES } from './schema';
import { parsePurchaseEvent } from './validate';

const valid = {
  schema_version: 1,
  event_id: '0b7c8f5e-2d7a-4c1b-9f1e-3a2b1c0d9e8f',
  event_ts: '2026-11-27T10:15:00.123Z',
  customer_id: 'C0000042',
  customer_country: 'DE',
  order_country: 'DE',
  membership: 'member',
  product_id: 'P00017',
  product_category: 'books',
  unit_price: 15.29,
  unit_cost: 9.1,
  discount_rate: 0.05,
  quantity: 2,
  currency: 'EUR',
  payment_method: 'paypal',
  channel: 'web',
};
const json = (o: unknown) => JSON.stringify(o);
const codeOf = (raw: string | Buffer | null) => {
  const r = parsePurchaseEvent(raw);
  return r.ok ? 'ok' : r.code;
};

describe('parsePurchaseEvent', () => {
  it('accepts v1 and v2 events from strings and buffers', () => {
    expect(codeOf(json(valid))).toBe('ok');
    expect(codeOf(Buffer.from(json(valid)))).toBe('ok');
    expect(
      codeOf(
        json({
          ...valid,
          schema_version: 2,
          coupon_code: 'LOYAL5',
          device: 'mobile',
        }),
      ),
    ).toBe('ok');
    expect(
      codeOf(json({ ...valid, schema_version: 2, coupon_code: null })),
    ).toBe('ok');
    expect(
      codeOf(json({ ...valid, event_ts: '2026-11-27T11:15:00+01:00' })),
    ).toBe('ok');
  });

  it('accepts large amounts in small-unit currencies, up to what silver stores', () => {
    // A price spike in yen the generator produced (found by the crash suite): valid.
    const yen = {
      ...valid,
      currency: 'JPY',
      unit_price: 1_919_375,
      unit_cost: 52_054,
    };
    expect(codeOf(json(yen))).toBe('ok');
    expect(codeOf(json({ ...yen, unit_price: 9_999_999_999.99 }))).toBe('ok');
    expect(codeOf(json({ ...yen, unit_price: 10_000_000_000 }))).toBe(
      'invalid_value',
    );
  });

  it('gives each kind of bad input its own code and a readable reason', () => {
    expect(codeOf(null)).toBe('empty_payload');
    expect(codeOf('')).toBe('empty_payload');
    expect(codeOf('{"schema_version":1,')).toBe('invalid_json');
    expect(codeOf('[1,2]')).toBe('not_an_object');
    expect(codeOf('"hello"')).toBe('not_an_object');
    expect(codeOf(json({ ...valid, schema_version: 3 }))).toBe(
      'unsupported_schema_version',
    );
    expect(codeOf(json({ ...valid, schema_version: '1' }))).toBe(
      'unsupported_schema_version',
    );
    const { schema_version: _, ...noVersion } = valid;
    expect(codeOf(json(noVersion))).toBe('missing_field');
    const { quantity: __, ...noQuantity } = valid;
    expect(codeOf(json(noQuantity))).toBe('missing_field');
    expect(codeOf(json({ ...valid, quantity: '2' }))).toBe('wrong_type');
    expect(codeOf(json({ ...valid, membership: true }))).toBe('wrong_type');
    expect(codeOf(json({ ...valid, quantity: 1.5 }))).toBe('wrong_type');
    expect(codeOf(json({ ...valid, membership: 'gold' }))).toBe(
      'invalid_value',
    );
    expect(codeOf(json({ ...valid, event_id: 'not-a-uuid' }))).toBe(
      'invalid_value',
    );
    expect(codeOf(json({ ...valid, unit_price: 0 }))).toBe('invalid_value');
    expect(codeOf(json({ ...valid, coupon_code: 'X' }))).toBe('unknown_field'); // v2 field on a v1 event
    expect(codeOf(json({ ...valid, notes: 'x'.repeat(MAX_EVENT_BYTES) }))).toBe(
      'oversized',
    );
  });

  it('names the offending fields in the reason', () => {
    const result = parsePurchaseEvent(
      json({ ...valid, quantity: 'two', currency: 'euro' }),
    );
    expect(result).toMatchObject({ ok: false, code: 'wrong_type' });
    expect(result.ok ? '' : result.reason).toMatch(/quantity.*currency/);
    const missing = parsePurchaseEvent(json({ ...valid, event_id: undefined }));
    expect(!missing.ok && missing.reason).toBe(
      'event_id: required field is missing',
    );
  });
});
