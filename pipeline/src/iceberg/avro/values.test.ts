import { AvroError } from './binary';
import type { AvroValue } from './codec';
import { RecordProjection } from './projection';
import {
  asIntKeyedMap,
  asLong,
  decimalToFixed,
  fromAvroValue,
  toAvroValue,
} from './values';

describe('Iceberg values as Avro values', () => {
  it('encodes decimals as sign-extended fixed of the minimal size', () => {
    expect(toAvroValue('decimal(9, 2)', -12_345n)).toEqual(
      Uint8Array.of(0xff, 0xff, 0xcf, 0xc7),
    );
    expect(toAvroValue('decimal(9, 2)', 1n)).toEqual(Uint8Array.of(0, 0, 0, 1));
    const max38 = 10n ** 38n - 1n;
    expect(
      fromAvroValue('decimal(38, 0)', toAvroValue('decimal(38, 0)', max38)),
    ).toBe(max38);
    expect(
      fromAvroValue('decimal(38, 0)', toAvroValue('decimal(38, 0)', -max38)),
    ).toBe(-max38);
    expect(() => decimalToFixed(128n, 1)).toThrow(/does not fit 1 bytes/);
    expect(decimalToFixed(-128n, 1)).toEqual(Uint8Array.of(0x80));
    // Other writers may use Avro bytes with the minimal length.
    expect(fromAvroValue('decimal(9, 2)', Uint8Array.of(0xcf, 0xc7))).toBe(
      -12_345n,
    );
  });

  it('encodes uuids as 16 bytes and reads string uuids too', () => {
    const id = 'f79c3e09-677c-4bbd-a479-3f349cb785e7';
    const bytes = toAvroValue('uuid', id);
    expect(bytes).toHaveLength(16);
    expect(fromAvroValue('uuid', bytes)).toBe(id);
    expect(fromAvroValue('uuid', id.toUpperCase())).toBe(id);
  });

  it('keeps longs and timestamps as bigint, ints and dates as number', () => {
    expect(toAvroValue('timestamptz', 5)).toBe(5n);
    expect(fromAvroValue('long', 5)).toBe(5n);
    expect(fromAvroValue('date', 19_000)).toBe(19_000);
    expect(fromAvroValue('int', 7n)).toBe(7);
    expect(fromAvroValue('string', null)).toBeNull();
    expect(() => toAvroValue('int', 'x')).toThrow(
      'expected a value of type int, got string x',
    );
    expect(() => toAvroValue('fixed[2]', Uint8Array.of(1))).toThrow(AvroError);
  });

  it('reads int-keyed maps in logical-map or Avro-map form', () => {
    const long = (v: AvroValue | undefined) => asLong(v, 'v');
    expect(asIntKeyedMap([{ key: 1, value: 2n }], long, 'm')).toEqual(
      new Map([[1, 2n]]),
    );
    expect(asIntKeyedMap(new Map([['3', 4n]]), long, 'm')).toEqual(
      new Map([[3, 4n]]),
    );
    expect(() => asIntKeyedMap('x', long, 'm')).toThrow(
      'm: expected an array, got string x',
    );
  });
});

describe('RecordProjection', () => {
  const projection = RecordProjection.of({
    type: 'record',
    name: 'top',
    fields: [
      { name: 'renamed', type: 'int', 'field-id': 1 },
      { name: 'legacy', type: 'long' },
      {
        name: 'items',
        'field-id': 2,
        type: [
          'null',
          {
            type: 'array',
            'element-id': 3,
            items: {
              type: 'record',
              name: 'r3',
              fields: [{ name: 'x', type: 'int', 'field-id': 4 }],
            },
          },
        ],
      },
    ],
  });

  it('finds fields by id, falls back to names, and tolerates missing fields', () => {
    const record = { renamed: 1, legacy: 2n, items: null };
    expect(projection.getter(1, 'original')(record)).toBe(1);
    expect(projection.getter(9, 'legacy')(record)).toBe(2n);
    expect(projection.getter(10, 'absent')(record)).toBeUndefined();
    expect(projection.nested(2, 'items').getter(4, 'x')({ x: 5 })).toBe(5);
    expect(() => projection.nested(1, 'renamed')).toThrow(/is not a record/);
  });
});
