import type { StructType } from '../types';
import { readAvroHeader, writeAvroFile } from './container';
import { avroToIceberg, icebergToAvro, makeCompatibleName } from './iceberg';
import { validateSchema } from './schema';

const table: StructType = {
  type: 'struct',
  fields: [
    { id: 1, name: 'id', required: true, type: 'long', doc: 'row id' },
    { id: 2, name: 'event-time', required: false, type: 'timestamptz' },
    { id: 3, name: 'local', required: false, type: 'timestamp' },
    { id: 4, name: 'day', required: false, type: 'date' },
    { id: 5, name: 't', required: false, type: 'time' },
    { id: 6, name: 'u', required: false, type: 'uuid' },
    { id: 7, name: 'u2', required: false, type: 'uuid' },
    { id: 8, name: 'price', required: false, type: 'decimal(9, 2)' },
    { id: 9, name: 'f', required: false, type: 'fixed[3]' },
    { id: 10, name: 'bin', required: false, type: 'binary' },
    {
      id: 11,
      name: 'tags',
      required: false,
      type: {
        type: 'list',
        'element-id': 12,
        element: 'string',
        'element-required': false,
      },
    },
    {
      id: 13,
      name: 'attrs',
      required: true,
      type: {
        type: 'map',
        'key-id': 14,
        key: 'string',
        'value-id': 15,
        value: 'double',
        'value-required': true,
      },
    },
    {
      id: 16,
      name: 'counts',
      required: false,
      type: {
        type: 'map',
        'key-id': 17,
        key: 'int',
        'value-id': 18,
        value: 'long',
        'value-required': false,
      },
    },
    {
      id: 19,
      name: '1st',
      required: false,
      type: {
        type: 'struct',
        fields: [
          { id: 20, name: 'x', required: true, type: 'boolean' },
          { id: 21, name: 'y', required: false, type: 'float' },
        ],
      },
    },
  ],
};

describe('icebergToAvro', () => {
  const avro = icebergToAvro(table, 'table');
  const field = (name: string) => avro.fields.find(f => f.name === name)!;

  it('follows the Iceberg spec Appendix A mapping with ids', () => {
    expect(field('id')).toEqual({
      name: 'id',
      type: 'long',
      doc: 'row id',
      'field-id': 1,
    });
    expect(field('event_x2Dtime')).toEqual({
      name: 'event_x2Dtime',
      type: [
        'null',
        {
          type: 'long',
          logicalType: 'timestamp-micros',
          'adjust-to-utc': true,
        },
      ],
      default: null,
      'iceberg-field-name': 'event-time',
      'field-id': 2,
    });
    expect(field('local').type).toEqual([
      'null',
      { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': false },
    ]);
    expect(field('day').type).toEqual([
      'null',
      { type: 'int', logicalType: 'date' },
    ]);
    expect(field('t').type).toEqual([
      'null',
      { type: 'long', logicalType: 'time-micros' },
    ]);
    expect(field('u').type).toEqual([
      'null',
      { type: 'fixed', name: 'uuid_fixed', size: 16, logicalType: 'uuid' },
    ]);
    // A second uuid gets its own name: PyIceberg cannot follow by-name references.
    expect(field('u2').type).toEqual([
      'null',
      { type: 'fixed', name: 'uuid_fixed_7', size: 16, logicalType: 'uuid' },
    ]);
    expect(field('price').type).toEqual([
      'null',
      {
        type: 'fixed',
        name: 'decimal_9_2',
        size: 4,
        logicalType: 'decimal',
        precision: 9,
        scale: 2,
      },
    ]);
    expect(field('f').type).toEqual([
      'null',
      { type: 'fixed', name: 'fixed_3', size: 3 },
    ]);
    expect(field('bin').type).toEqual(['null', 'bytes']);
    expect(field('tags').type).toEqual([
      'null',
      { type: 'array', items: ['null', 'string'], 'element-id': 12 },
    ]);
    expect(field('attrs').type).toEqual({
      type: 'map',
      values: 'double',
      'key-id': 14,
      'value-id': 15,
    });
    expect(field('counts').type).toEqual([
      'null',
      {
        type: 'array',
        logicalType: 'map',
        items: {
          type: 'record',
          name: 'k17_v18',
          fields: [
            { name: 'key', type: 'int', 'field-id': 17 },
            {
              name: 'value',
              type: ['null', 'long'],
              default: null,
              'field-id': 18,
            },
          ],
        },
      },
    ]);
    expect(field('_1st')).toMatchObject({
      'iceberg-field-name': '1st',
      type: ['null', { type: 'record', name: 'r19' }],
    });
    expect(() => validateSchema(avro)).not.toThrow();
  });

  it('round-trips through avroToIceberg, also via a file header', () => {
    expect(avroToIceberg(avro)).toEqual(table);
    const header = readAvroHeader(writeAvroFile(avro, []));
    expect(avroToIceberg(header.schema)).toEqual(table);
  });

  it('resolves by-name references written by Java', () => {
    expect(
      avroToIceberg({
        type: 'record',
        name: 'r102',
        fields: [
          {
            name: 'a',
            type: [
              'null',
              {
                type: 'fixed',
                name: 'uuid_fixed',
                size: 16,
                logicalType: 'uuid',
              },
            ],
            'field-id': 1000,
          },
          { name: 'b', type: ['null', 'uuid_fixed'], 'field-id': 1001 },
        ],
      }),
    ).toEqual({
      type: 'struct',
      fields: [
        { id: 1000, name: 'a', required: false, type: 'uuid' },
        { id: 1001, name: 'b', required: false, type: 'uuid' },
      ],
    });
  });

  it('sanitizes names like Java', () => {
    expect(makeCompatibleName('ok_name1')).toBe('ok_name1');
    expect(makeCompatibleName('9lives')).toBe('_9lives');
    expect(makeCompatibleName('a.b c')).toBe('a_x2Eb_x20c');
    expect(makeCompatibleName('é')).toBe('_xE9');
  });
});
