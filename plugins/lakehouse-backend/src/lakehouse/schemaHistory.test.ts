import type { StructType } from '@medallion/pipeline';
import { diffSchemas, tableFields } from './schemaHistory';

const base: StructType = {
  type: 'struct',
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    {
      id: 2,
      name: 'items',
      required: false,
      type: {
        type: 'list',
        'element-id': 3,
        'element-required': true,
        element: {
          type: 'struct',
          fields: [
            { id: 4, name: 'sku', required: true, type: 'string' },
            { id: 5, name: 'qty', required: false, type: 'int' },
          ],
        },
      },
    },
    {
      id: 6,
      name: 'attrs',
      required: false,
      type: {
        type: 'map',
        'key-id': 7,
        key: 'string',
        'value-id': 8,
        'value-required': false,
        value: 'float',
      },
    },
    {
      id: 9,
      name: 'geo',
      required: false,
      type: {
        type: 'struct',
        fields: [{ id: 10, name: 'lat', required: false, type: 'double' }],
      },
    },
  ],
};

describe('tableFields', () => {
  it('shows struct members, and those of list elements that are structs', () => {
    const [, items, attrs, geo] = tableFields(base);
    expect(items).toEqual({
      id: 2,
      name: 'items',
      type: 'list',
      required: false,
      doc: null,
      fields: [
        { id: 4, name: 'sku', type: 'string', required: true, doc: null },
        { id: 5, name: 'qty', type: 'int', required: false, doc: null },
      ],
    });
    expect(attrs).toEqual({
      id: 6,
      name: 'attrs',
      type: 'map',
      required: false,
      doc: null,
    });
    expect(geo!.fields).toEqual([
      { id: 10, name: 'lat', type: 'double', required: false, doc: null },
    ]);
  });
});

describe('diffSchemas', () => {
  it('finds nothing between a schema and itself, even with other decimal spacing', () => {
    expect(diffSchemas(base, structuredClone(base))).toEqual([]);
    const a: StructType = {
      type: 'struct',
      fields: [{ id: 1, name: 'x', required: true, type: 'decimal(9,2)' }],
    };
    const b: StructType = {
      type: 'struct',
      fields: [{ id: 1, name: 'x', required: true, type: 'decimal(9, 2)' }],
    };
    expect(diffSchemas(a, b)).toEqual([]);
  });

  it('names nested changes by dotted path, including list elements and map values', () => {
    const next = structuredClone(base);
    const items = next.fields[1]!;
    if (typeof items.type === 'string' || items.type.type !== 'list')
      throw new Error('fixture');
    const element = items.type.element as StructType;
    element.fields[1] = {
      id: 5,
      name: 'quantity',
      required: false,
      type: 'long',
      doc: 'units',
    };
    const attrs = next.fields[2]!;
    if (typeof attrs.type === 'string' || attrs.type.type !== 'map')
      throw new Error('fixture');
    attrs.type.value = 'double';
    expect(diffSchemas(base, next)).toEqual([
      {
        kind: 'renamed',
        fieldId: 5,
        name: 'items.element.quantity',
        from: 'items.element.qty',
        to: 'items.element.quantity',
      },
      {
        kind: 'type-changed',
        fieldId: 5,
        name: 'items.element.quantity',
        from: 'int',
        to: 'long',
      },
      {
        kind: 'doc-changed',
        fieldId: 5,
        name: 'items.element.quantity',
        from: null,
        to: 'units',
      },
      {
        kind: 'type-changed',
        fieldId: 8,
        name: 'attrs.value',
        from: 'float',
        to: 'double',
      },
    ]);
  });

  it('reports a struct added or removed once, not each of its members', () => {
    const next: StructType = {
      type: 'struct',
      fields: [
        base.fields[0]!,
        base.fields[1]!,
        base.fields[2]!,
        {
          id: 11,
          name: 'shipping',
          required: false,
          type: {
            type: 'struct',
            fields: [
              { id: 12, name: 'carrier', required: false, type: 'string' },
            ],
          },
        },
      ],
    };
    expect(diffSchemas(base, next)).toEqual([
      {
        kind: 'added',
        fieldId: 11,
        name: 'shipping',
        from: null,
        to: 'struct',
      },
      { kind: 'removed', fieldId: 9, name: 'geo', from: 'struct', to: null },
    ]);
  });

  it('keeps children paths under a renamed parent without calling them renamed', () => {
    const next = structuredClone(base);
    next.fields[3] = { ...next.fields[3]!, name: 'location' };
    expect(diffSchemas(base, next)).toEqual([
      {
        kind: 'renamed',
        fieldId: 9,
        name: 'location',
        from: 'geo',
        to: 'location',
      },
    ]);
  });
});
