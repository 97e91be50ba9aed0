import { ByteReader, ByteWriter } from './binary';
import { compileSchema, type AvroValue } from './codec';
import type { AvroSchema } from './schema';

function roundTrip(schema: AvroSchema, value: AvroValue): AvroValue {
  const codec = compileSchema(schema);
  const w = new ByteWriter(8);
  codec.encode(w, value);
  const r = new ByteReader(w.bytes());
  const out = codec.decode(r);
  expect(r.remaining).toBe(0);
  return out;
}

const encodeError = (schema: AvroSchema, value: AvroValue): string => {
  try {
    compileSchema(schema).encode(new ByteWriter(), value);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('compileSchema', () => {
  it('round-trips every supported type inside a record', () => {
    const schema: AvroSchema = {
      type: 'record',
      name: 'all',
      fields: [
        { name: 'n', type: 'null' },
        { name: 'b', type: 'boolean' },
        { name: 'i', type: 'int' },
        { name: 'l', type: 'long' },
        { name: 'f', type: 'float' },
        { name: 'd', type: 'double' },
        { name: 'by', type: 'bytes' },
        { name: 's', type: 'string' },
        { name: 'fx', type: { type: 'fixed', name: 'f3', size: 3 } },
        { name: 'arr', type: { type: 'array', items: ['null', 'long'] } },
        { name: 'map', type: { type: 'map', values: 'int' } },
        { name: 'opt', type: ['null', 'string'], default: null },
        {
          name: 'e',
          type: { type: 'enum', name: 'color', symbols: ['R', 'G'] },
        },
        {
          name: 'kv',
          type: {
            type: 'array',
            logicalType: 'map',
            items: {
              type: 'record',
              name: 'k1_v2',
              fields: [
                { name: 'key', type: 'int', 'field-id': 1 },
                { name: 'value', type: 'bytes', 'field-id': 2 },
              ],
            },
          },
        },
        { name: 'fx2', type: 'f3' },
      ],
    };
    const value: AvroValue = {
      n: null,
      b: false,
      i: -7,
      l: 7_000_000_000_000_000_001n,
      f: 0.25,
      d: 1e300,
      by: Uint8Array.of(0, 255),
      s: 'ünïcode',
      fx: Uint8Array.of(1, 2, 3),
      arr: [1n, null, -(2n ** 63n)],
      map: new Map([
        ['a', 1],
        ['b', -1],
      ]),
      opt: 'x',
      e: 'G',
      kv: Array.from({ length: 1000 }, (_, k) => ({
        key: k,
        value: Uint8Array.of(k % 256),
      })),
      fx2: Uint8Array.of(9, 9, 9),
    };
    expect(roundTrip(schema, value)).toEqual(value);
  });

  it('writes ["null", T] as branch index then value', () => {
    const codec = compileSchema(['null', 'long']);
    const w = new ByteWriter();
    codec.encode(w, null);
    codec.encode(w, 1n);
    expect(Array.from(w.bytes())).toEqual([0, 2, 2]);
  });

  it('picks the first accepting branch of a general union', () => {
    const schema: AvroSchema = ['null', 'string', 'long', 'bytes'];
    for (const v of [null, 'a', 5n, Uint8Array.of(1)]) {
      expect(roundTrip(schema, v)).toEqual(v);
    }
    expect(encodeError(schema, true)).toMatch(/expected a value for union/);
  });

  it('supports recursive named records', () => {
    const schema: AvroSchema = {
      type: 'record',
      name: 'node',
      namespace: 'x.y',
      fields: [
        { name: 'v', type: 'int' },
        { name: 'next', type: ['null', 'node'] },
      ],
    };
    const list: AvroValue = {
      v: 1,
      next: { v: 2, next: { v: 3, next: null } },
    };
    expect(roundTrip(schema, list)).toEqual(list);
  });

  it('fills missing fields from defaults and names the path of bad values', () => {
    const schema: AvroSchema = {
      type: 'record',
      name: 'outer',
      fields: [
        { name: 'opt', type: ['null', 'long'], default: null },
        { name: 'count', type: 'int', default: 3 },
        {
          name: 'inner',
          type: {
            type: 'record',
            name: 'inner',
            fields: [{ name: 'xs', type: { type: 'array', items: 'int' } }],
          },
        },
      ],
    };
    expect(roundTrip(schema, { inner: { xs: [] } })).toEqual({
      opt: null,
      count: 3,
      inner: { xs: [] },
    });
    expect(encodeError(schema, { inner: { xs: [1, 'two'] } })).toBe(
      'inner.xs[1]: expected an int, got "two"',
    );
    expect(encodeError(schema, {})).toBe('inner: missing required field');
    expect(encodeError('long', 1.5)).toMatch(/expected a long/);
    expect(
      encodeError({ type: 'fixed', name: 'f', size: 2 }, Uint8Array.of(1)),
    ).toMatch(/expected 2 fixed bytes/);
  });

  it('reads arrays and maps written in several blocks, including negative counts', () => {
    // Block of 2 items, then a block with count -1 and its byte size, then the end marker.
    const w = new ByteWriter();
    w.writeLong(2);
    w.writeLong(10n);
    w.writeLong(20n);
    w.writeLong(-1);
    w.writeLong(1);
    w.writeLong(-3n);
    w.writeLong(0);
    const codec = compileSchema({ type: 'array', items: 'long' });
    expect(codec.decode(new ByteReader(w.bytes()))).toEqual([10n, 20n, -3n]);
  });

  it('rejects unknown types and out-of-range union branches', () => {
    expect(() => compileSchema('nope')).toThrow(/unknown Avro type "nope"/);
    const w = new ByteWriter();
    w.writeLong(5);
    expect(() =>
      compileSchema(['null', 'int']).decode(new ByteReader(w.bytes())),
    ).toThrow(/union branch 5 out of range/);
  });
});
