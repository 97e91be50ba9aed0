import { coerceValue, ValueError } from './conversions';
import {
  bindPartitioner,
  defaultPartitionName,
  isUnpartitioned,
  partitionPath,
  PartitionSpecBuilder,
  PartitionSpecError,
  partitionTuple,
  partitionType,
  quotePlus,
  specsEquivalent,
  unpartitionedSpec,
  validatePartitionSpec,
} from './partitioning';
import { applyTransform } from './transforms';
import type { PartitionSpec, Schema } from './types';

const schema: Schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: 'event_ts', required: true, type: 'timestamptz' },
    { id: 3, name: 'customer', required: false, type: 'string' },
    { id: 4, name: 'amount', required: false, type: 'decimal(9,2)' },
    { id: 5, name: 'flag', required: false, type: 'boolean' },
    {
      id: 6,
      name: 'address',
      required: false,
      type: {
        type: 'struct',
        fields: [
          { id: 7, name: 'city', required: false, type: 'string' },
          { id: 8, name: 'zip', required: false, type: 'int' },
        ],
      },
    },
    {
      id: 9,
      name: 'tags',
      required: false,
      type: {
        type: 'list',
        'element-id': 10,
        element: 'string',
        'element-required': false,
      },
    },
    { id: 11, name: 'event_date', required: false, type: 'date' },
  ],
};

const tstz = (iso: string) => coerceValue('timestamptz', iso) as bigint;
const day = (iso: string) => coerceValue('date', iso) as number;

/** day(event_ts), bucket[16](customer), truncate[3](address.city), identity(event_date). */
const spec: PartitionSpec = {
  'spec-id': 0,
  fields: [
    {
      'source-id': 2,
      'field-id': 1000,
      name: 'event_ts_day',
      transform: 'day',
    },
    {
      'source-id': 3,
      'field-id': 1001,
      name: 'customer_bucket_16',
      transform: 'bucket[16]',
    },
    {
      'source-id': 7,
      'field-id': 1002,
      name: 'address.city_trunc_3',
      transform: 'truncate[3]',
    },
    {
      'source-id': 11,
      'field-id': 1003,
      name: 'event_date',
      transform: 'identity',
    },
  ],
};

describe('isUnpartitioned', () => {
  it('is true without fields or with only void fields', () => {
    expect(isUnpartitioned(unpartitionedSpec())).toBe(true);
    expect(
      isUnpartitioned({
        'spec-id': 1,
        fields: [
          { 'source-id': 2, 'field-id': 1000, name: 'x', transform: 'void' },
        ],
      }),
    ).toBe(true);
    expect(isUnpartitioned(spec)).toBe(false);
  });
});

describe('partitionType', () => {
  it('has the partition field ids, names and result types, all optional', () => {
    expect(partitionType(spec, schema)).toEqual({
      type: 'struct',
      fields: [
        { id: 1000, name: 'event_ts_day', required: false, type: 'date' },
        { id: 1001, name: 'customer_bucket_16', required: false, type: 'int' },
        {
          id: 1002,
          name: 'address.city_trunc_3',
          required: false,
          type: 'string',
        },
        { id: 1003, name: 'event_date', required: false, type: 'date' },
      ],
    });
  });

  it('types void fields by their source, or int when it was dropped', () => {
    const voids: PartitionSpec = {
      'spec-id': 1,
      fields: [
        { 'source-id': 1, 'field-id': 1000, name: 'a', transform: 'void' },
        { 'source-id': 99, 'field-id': 1001, name: 'b', transform: 'void' },
      ],
    };
    expect(partitionType(voids, schema).fields.map(f => f.type)).toEqual([
      'long',
      'int',
    ]);
  });

  it('rejects a field whose source is missing or unsuitable', () => {
    const dropped: PartitionSpec = {
      'spec-id': 1,
      fields: [
        { 'source-id': 99, 'field-id': 1000, name: 'x', transform: 'day' },
      ],
    };
    expect(() => partitionType(dropped, schema)).toThrow(
      'partition field x=day(99): source field id 99 is not in the schema',
    );
    const badType: PartitionSpec = {
      'spec-id': 1,
      fields: [
        { 'source-id': 5, 'field-id': 1000, name: 'x', transform: 'day' },
      ],
    };
    expect(() => partitionType(badType, schema)).toThrow(
      /transform day cannot be applied to boolean values/,
    );
  });
});

describe('partitionTuple', () => {
  const row = {
    id: 1n,
    event_ts: tstz('2026-11-27T10:30:00Z'),
    customer: 'alice',
    address: { city: 'Berlin', zip: 10115 },
    event_date: day('2026-11-27'),
  };
  const expected = [
    day('2026-11-27'),
    applyTransform('bucket[16]', 'string', 'alice'),
    'Ber',
    day('2026-11-27'),
  ];

  it('transforms top-level and nested source values of a row record', () => {
    expect(partitionTuple(spec, schema, row)).toEqual(expected);
  });

  it('reads sources through a field-id accessor', () => {
    const byId = new Map<number, bigint | number | string>([
      [2, row.event_ts],
      [3, 'alice'],
      [7, 'Berlin'],
      [11, row.event_date],
    ]);
    expect(partitionTuple(spec, schema, id => byId.get(id))).toEqual(expected);
  });

  it('gives null for missing, undefined and null sources and parents', () => {
    expect(
      partitionTuple(spec, schema, {
        event_ts: null,
        customer: undefined,
        address: null,
      }),
    ).toEqual([null, null, null, null]);
  });

  it('rejects values not in the internal representation', () => {
    expect(() =>
      partitionTuple(spec, schema, { ...row, event_ts: new Date() }),
    ).toThrow(ValueError);
    expect(() =>
      partitionTuple(spec, schema, { ...row, event_ts: new Date() }),
    ).toThrow(/partition source "event_ts" holds object/);
    expect(() => partitionTuple(spec, schema, { ...row, customer: 5 })).toThrow(
      'partition field customer_bucket_16=bucket[16](3): cannot hash number 5 as a string',
    );
  });

  it('binds once for many rows', () => {
    const partitioner = bindPartitioner(spec, schema);
    expect(partitioner(row)).toEqual(expected);
    expect(partitioner({ ...row, customer: 'bob' })[1]).toBe(
      applyTransform('bucket[16]', 'string', 'bob'),
    );
  });

  it('is empty for an unpartitioned spec', () => {
    expect(partitionTuple(unpartitionedSpec(), schema, row)).toEqual([]);
  });
});

describe('partitionPath', () => {
  it('joins escaped names and human strings', () => {
    const tuple = partitionTuple(spec, schema, {
      event_ts: tstz('2026-11-27T10:30:00Z'),
      customer: 'alice',
      address: { city: 'Berlin' },
      event_date: day('2026-11-27'),
    });
    expect(partitionPath(spec, schema, tuple)).toBe(
      `event_ts_day=2026-11-27/customer_bucket_16=${String(
        tuple[1],
      )}/address.city_trunc_3=Ber/event_date=2026-11-27`,
    );
    expect(partitionPath(spec, schema, [null, null, null, null])).toBe(
      'event_ts_day=null/customer_bucket_16=null/address.city_trunc_3=null/event_date=null',
    );
  });

  it('escapes names and values like PyIceberg (quote_plus)', () => {
    const identity: PartitionSpec = {
      'spec-id': 0,
      fields: [
        {
          'source-id': 3,
          'field-id': 1000,
          name: 'cust omer',
          transform: 'identity',
        },
        { 'source-id': 2, 'field-id': 1001, name: 'ts', transform: 'identity' },
        {
          'source-id': 2,
          'field-id': 1002,
          name: 'ts_hour',
          transform: 'hour',
        },
      ],
    };
    const ts = tstz('2026-11-27T10:00:00Z');
    expect(
      partitionPath(identity, schema, [
        'a b/c=d&e?f%😀~*',
        ts,
        applyTransform('hour', 'timestamptz', ts),
      ]),
    ).toBe(
      'cust+omer=a+b%2Fc%3Dd%26e%3Ff%25%F0%9F%98%80~%2A/ts=2026-11-27T10%3A00%3A00%2B00%3A00/ts_hour=2026-11-27-10',
    );
  });

  it('is empty for an unpartitioned spec and checks the tuple size', () => {
    expect(partitionPath(unpartitionedSpec(), schema, [])).toBe('');
    expect(() => partitionPath(spec, schema, [1])).toThrow(
      'partition tuple has 1 values for 4 partition fields',
    );
  });

  it('quotePlus keeps only letters, digits and _.-~', () => {
    expect(quotePlus("AZaz09_.-~ !'()*")).toBe('AZaz09_.-~+%21%27%28%29%2A');
    expect(quotePlus('é')).toBe('%C3%A9');
  });
});

describe('defaultPartitionName', () => {
  it('follows the Java UpdatePartitionSpec / PyIceberg naming', () => {
    expect(defaultPartitionName('ts', 'identity')).toBe('ts');
    expect(defaultPartitionName('ts', 'year')).toBe('ts_year');
    expect(defaultPartitionName('ts', 'month')).toBe('ts_month');
    expect(defaultPartitionName('ts', 'day')).toBe('ts_day');
    expect(defaultPartitionName('ts', 'hour')).toBe('ts_hour');
    expect(defaultPartitionName('id', 'bucket[16]')).toBe('id_bucket_16');
    expect(defaultPartitionName('name', 'truncate[3]')).toBe('name_trunc_3');
    expect(defaultPartitionName('a.b', 'void')).toBe('a.b_null');
  });
});

describe('validatePartitionSpec', () => {
  it('accepts a valid spec', () => {
    expect(() => validatePartitionSpec(spec, schema)).not.toThrow();
  });

  it('lists every problem', () => {
    const bad: PartitionSpec = {
      'spec-id': 3,
      fields: [
        { 'source-id': 99, 'field-id': 1000, name: 'a', transform: 'identity' },
        { 'source-id': 5, 'field-id': 1001, name: 'a', transform: 'bucket[2]' },
        { 'source-id': 1, 'field-id': 1001, name: '', transform: 'zorder' },
        { 'source-id': 10, 'field-id': 1002, name: 'c', transform: 'identity' },
        { 'source-id': 6, 'field-id': 1003, name: 'd', transform: 'identity' },
        { 'source-id': 99, 'field-id': 1004, name: 'e', transform: 'void' },
      ],
    };
    let message = '';
    try {
      validatePartitionSpec(bad, schema);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('invalid partition spec 3: ');
    expect(message).toContain(
      'partition field a=identity(99): unknown source field id 99',
    );
    expect(message).toContain('duplicate partition name "a"');
    expect(message).toContain(
      'transform bucket[2] cannot be applied to source field "flag" of type boolean',
    );
    expect(message).toContain('unknown partition transform "zorder"');
    expect(message).toContain(
      'source field "tags.element" is inside a list; only struct nesting is allowed',
    );
    expect(message).toContain('source field "address" is not a primitive type');
    expect(message).not.toContain('e=void');
  });
});

describe('specsEquivalent', () => {
  it('compares source ids, transforms and names in order, not ids', () => {
    const renumbered: PartitionSpec = {
      'spec-id': 7,
      fields: spec.fields.map((f, i) => ({
        ...f,
        'field-id': 2000 + i,
        transform: f.transform.toUpperCase(),
      })),
    };
    expect(specsEquivalent(spec, renumbered)).toBe(true);
    expect(
      specsEquivalent(spec, { ...spec, fields: [...spec.fields].reverse() }),
    ).toBe(false);
    expect(
      specsEquivalent(spec, { ...spec, fields: spec.fields.slice(1) }),
    ).toBe(false);
  });
});

describe('PartitionSpecBuilder: creating a spec', () => {
  it('assigns ids from 1000 and default names', () => {
    const built = new PartitionSpecBuilder(schema)
      .day('event_ts')
      .bucket('customer', 16)
      .truncate('address.city', 3)
      .identity('event_date')
      .build();
    expect(built).toEqual({ spec, lastPartitionId: 1003, existing: false });
  });

  it('takes sources by field id, explicit names and generic transforms', () => {
    const { spec: s } = new PartitionSpecBuilder(schema)
      .addField(2, 'hour', 'ts_h')
      .addField('amount', 'truncate[100]')
      .year('event_date')
      .bucket(2, 8, 'm')
      .build();
    expect(s.fields).toEqual([
      { 'source-id': 2, 'field-id': 1000, name: 'ts_h', transform: 'hour' },
      {
        'source-id': 4,
        'field-id': 1001,
        name: 'amount_trunc_100',
        transform: 'truncate[100]',
      },
      {
        'source-id': 11,
        'field-id': 1002,
        name: 'event_date_year',
        transform: 'year',
      },
      { 'source-id': 2, 'field-id': 1003, name: 'm', transform: 'bucket[8]' },
    ]);
  });

  it('builds an unpartitioned spec when nothing is added', () => {
    expect(new PartitionSpecBuilder(schema).build()).toEqual({
      spec: { 'spec-id': 0, fields: [] },
      lastPartitionId: 999,
      existing: false,
    });
  });
});

describe('PartitionSpecBuilder: validation errors', () => {
  const builder = () => new PartitionSpecBuilder(schema);

  it('rejects unknown sources and unsuitable types', () => {
    expect(() => builder().day('nope')).toThrow(
      'cannot partition by unknown source field "nope"',
    );
    expect(() => builder().identity(42)).toThrow(
      'cannot partition by unknown source field 42',
    );
    expect(() => builder().bucket('flag', 4)).toThrow(
      'cannot partition: transform bucket[4] cannot be applied to source field "flag" of type boolean',
    );
    expect(() => builder().hour('event_date')).toThrow(/of type date/);
    expect(() => builder().identity('address')).toThrow(
      'cannot partition: source field "address" is not a primitive type',
    );
    expect(() => builder().identity('tags.element')).toThrow(
      /inside a list; only struct nesting is allowed/,
    );
    expect(() => builder().addField('customer', 'zorder')).toThrow(
      /unknown partition transform "zorder"/,
    );
  });

  it('rejects duplicate fields, redundant time fields and duplicate names', () => {
    expect(() => builder().day('event_ts').day('event_ts')).toThrow(
      'cannot add partition field day(event_ts) twice (already added as "event_ts_day")',
    );
    expect(() => builder().day('event_ts').hour('event_ts')).toThrow(
      'cannot add hour(event_ts): redundant with the added day field "event_ts_day"',
    );
    expect(() =>
      builder().bucket('customer', 4, 'x').truncate('customer', 2, 'x'),
    ).toThrow(/"x": the name is already used by another added field/);
    // Different bucket counts of one column are allowed.
    expect(() =>
      builder().bucket('customer', 4).bucket('customer', 8).build(),
    ).not.toThrow();
  });

  it('rejects names that shadow another schema column', () => {
    expect(() => builder().bucket('customer', 4, 'customer').build()).toThrow(
      'partition name "customer" (bucket[4]) conflicts with schema column "customer"; pass another name',
    );
    expect(() => builder().identity('customer', 'id').build()).toThrow(
      /partition name "id" \(identity\) conflicts with schema column "id"/,
    );
    expect(() => builder().identity('customer').build()).not.toThrow();
    expect(() => builder().day('event_ts', '').build()).toThrow(
      /empty partition name/,
    );
  });
});

describe('PartitionSpecBuilder: evolving a spec', () => {
  const base: PartitionSpec = {
    'spec-id': 0,
    fields: [
      {
        'source-id': 2,
        'field-id': 1000,
        name: 'event_ts_day',
        transform: 'day',
      },
      {
        'source-id': 3,
        'field-id': 1001,
        name: 'customer_bucket_16',
        transform: 'bucket[16]',
      },
    ],
  };
  const evolve = (
    from: PartitionSpec = base,
    specs: PartitionSpec[] = [from],
    lastPartitionId?: number,
  ) => new PartitionSpecBuilder(schema, { spec: from, specs, lastPartitionId });

  it('assigns new ids after last-partition-id and a new spec id', () => {
    const built = evolve()
      .removeField('customer_bucket_16')
      .bucket('customer', 32)
      .build();
    expect(built).toEqual({
      spec: {
        'spec-id': 1,
        fields: [
          base.fields[0],
          {
            'source-id': 3,
            'field-id': 1002,
            name: 'customer_bucket_32',
            transform: 'bucket[32]',
          },
        ],
      },
      lastPartitionId: 1002,
      existing: false,
    });
    expect(
      evolve(base, [base], 1010).identity('id').build().spec.fields[2],
    ).toEqual({
      'source-id': 1,
      'field-id': 1011,
      name: 'id',
      transform: 'identity',
    });
  });

  it('reuses the id and name of a historical field with the same source and transform', () => {
    const spec1 = evolve()
      .removeField('customer_bucket_16')
      .bucket('customer', 32)
      .build().spec;
    const built = evolve(spec1, [base, spec1], 1002)
      .removeField('customer_bucket_32')
      .bucket('customer', 16)
      .build();
    // Same fields as spec 0 again: that spec is reused rather than duplicated.
    expect(built).toEqual({
      spec: base,
      lastPartitionId: 1002,
      existing: true,
    });

    // With another explicit name, Java does not recycle the historical field.
    const renamed = evolve(spec1, [base, spec1], 1002)
      .bucket('customer', 16, 'shard')
      .build();
    expect(renamed.spec.fields[2]).toEqual({
      'source-id': 3,
      'field-id': 1003,
      name: 'shard',
      transform: 'bucket[16]',
    });
    expect(renamed.spec['spec-id']).toBe(2);
    // With the historical name, it does.
    const sameName = evolve(spec1, [base, spec1], 1002)
      .bucket('customer', 16, 'customer_bucket_16')
      .build();
    expect(sameName.spec.fields[2]!['field-id']).toBe(1001);
  });

  it('allows a finer time field beside an existing one, as Java does', () => {
    const { spec: s } = evolve().hour('event_ts').build();
    expect(s.fields.map(f => [f['field-id'], f.name])).toEqual([
      [1000, 'event_ts_day'],
      [1001, 'customer_bucket_16'],
      [1002, 'event_ts_hour'],
    ]);
  });

  it('renames fields keeping their ids', () => {
    const { spec: s } = evolve().renameField('event_ts_day', 'day').build();
    expect(s.fields[0]).toEqual({
      'source-id': 2,
      'field-id': 1000,
      name: 'day',
      transform: 'day',
    });
    expect(() =>
      evolve().renameField('event_ts_day', 'customer_bucket_16').build(),
    ).toThrow(/duplicate partition name "customer_bucket_16"/);
    expect(() =>
      evolve().renameField('event_ts_day', 'customer').build(),
    ).toThrow(/conflicts with schema column "customer"/);
  });

  it('undoes a removal when the same field is added back', () => {
    expect(
      evolve().removeField('event_ts_day').day('event_ts').build(),
    ).toEqual({ spec: base, lastPartitionId: 1001, existing: true });
    const { spec: s } = evolve()
      .removeField('event_ts_day')
      .day('event_ts', 'd')
      .build();
    expect(s.fields[0]).toEqual({ ...base.fields[0], name: 'd' });
  });

  it('can drop every field, reusing an existing unpartitioned spec', () => {
    const unpartitioned = unpartitionedSpec(0);
    const current = { ...base, 'spec-id': 1 };
    expect(
      evolve(current, [unpartitioned, current], 1001)
        .removeField('event_ts_day')
        .removeField('customer_bucket_16')
        .build(),
    ).toEqual({ spec: unpartitioned, lastPartitionId: 1001, existing: true });
  });

  it('rejects conflicting edits with clear messages', () => {
    expect(() => evolve().day('event_ts')).toThrow(
      'cannot add partition field day(event_ts): the spec already has it as "event_ts_day"',
    );
    expect(() => evolve().removeField('nope')).toThrow(
      'no partition field named "nope" to remove',
    );
    expect(() => evolve().renameField('nope', 'x')).toThrow(
      'no partition field named "nope" to rename',
    );
    expect(() =>
      evolve().renameField('event_ts_day', 'x').removeField('event_ts_day'),
    ).toThrow('cannot both rename and remove partition field "event_ts_day"');
    expect(() =>
      evolve().removeField('event_ts_day').renameField('event_ts_day', 'x'),
    ).toThrow('cannot both remove and rename partition field "event_ts_day"');
    expect(() => evolve().identity('id').removeField('id')).toThrow(
      'cannot remove partition field "id": it was added in this same change',
    );
    expect(() => evolve().identity('id').renameField('id', 'x')).toThrow(
      'cannot rename partition field "id": it was added in this same change',
    );
    expect(() => evolve().bucket('customer', 8, 'event_ts_day')).toThrow(
      /the spec already has a field with that name \(event_ts_day=day\(2\)\); pass another name/,
    );
  });

  it('moves a leftover void field out of the way of a new field of its name', () => {
    const upgraded: PartitionSpec = {
      'spec-id': 0,
      fields: [
        {
          'source-id': 3,
          'field-id': 1000,
          name: 'customer_bucket_16',
          transform: 'void',
        },
      ],
    };
    const { spec: s } = evolve(upgraded).bucket('customer', 16).build();
    expect(s.fields).toEqual([
      {
        'source-id': 3,
        'field-id': 1000,
        name: 'customer_bucket_16_1000',
        transform: 'void',
      },
      {
        'source-id': 3,
        'field-id': 1001,
        name: 'customer_bucket_16',
        transform: 'bucket[16]',
      },
    ]);
  });

  it('reports specs that no longer fit the schema', () => {
    const orphan: PartitionSpec = {
      'spec-id': 0,
      fields: [
        { 'source-id': 99, 'field-id': 1000, name: 'gone', transform: 'day' },
      ],
    };
    expect(() => evolve(orphan).identity('id').build()).toThrow(
      PartitionSpecError,
    );
  });
});
