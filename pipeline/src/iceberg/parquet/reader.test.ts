import type { StructType } from '../types';
import { ReadSchemaError, readDataFile } from './reader';
import { rowsFromTable } from './rows';
import { writeDataFile } from './writer';

const v1: StructType = {
  type: 'struct',
  fields: [
    { id: 1, name: 'id', required: true, type: 'int' },
    { id: 2, name: 'name', required: false, type: 'string' },
    { id: 3, name: 'score', required: false, type: 'float' },
    { id: 4, name: 'price', required: false, type: 'decimal(9, 2)' },
    {
      id: 5,
      name: 'address',
      required: false,
      type: {
        type: 'struct',
        fields: [{ id: 6, name: 'city', required: false, type: 'string' }],
      },
    },
    {
      id: 7,
      name: 'tags',
      required: false,
      type: {
        type: 'list',
        'element-id': 8,
        element: 'int',
        'element-required': false,
      },
    },
  ],
};
const rows = [
  {
    id: 1,
    name: 'a',
    score: 0.5,
    price: 1.25,
    address: { city: 'Oslo' },
    tags: [1, 2],
  },
  { id: 2, name: null, score: null, price: null, address: null, tags: null },
];
const file = writeDataFile(v1, rows).bytes;

/** v1 after evolution: renames, promotions, added top-level and nested fields. */
const v2: StructType = {
  type: 'struct',
  fields: [
    { id: 1, name: 'key', required: true, type: 'long' },
    { id: 9, name: 'added', required: false, type: 'string' },
    { id: 2, name: 'label', required: false, type: 'string' },
    { id: 3, name: 'score', required: false, type: 'double' },
    { id: 4, name: 'price', required: false, type: 'decimal(18, 2)' },
    {
      id: 5,
      name: 'addr',
      required: false,
      type: {
        type: 'struct',
        fields: [
          { id: 10, name: 'zip', required: false, type: 'string' },
          { id: 6, name: 'town', required: false, type: 'string' },
        ],
      },
    },
    {
      id: 7,
      name: 'tags',
      required: false,
      type: {
        type: 'list',
        'element-id': 8,
        element: 'long',
        'element-required': false,
      },
    },
    {
      id: 11,
      name: 'newList',
      required: false,
      type: {
        type: 'list',
        'element-id': 12,
        element: 'string',
        'element-required': false,
      },
    },
  ],
};

describe('readDataFile', () => {
  it('reads by field id through renames, promotions and added fields', async () => {
    const table = await readDataFile(file, { schema: v2 });
    expect(table.schema.fields.map(f => f.name)).toEqual(
      v2.fields.map(f => f.name),
    );
    expect(rowsFromTable(table, v2)).toEqual([
      {
        key: 1n,
        added: null,
        label: 'a',
        score: 0.5,
        price: 125n,
        addr: { zip: null, town: 'Oslo' },
        tags: [1n, 2n],
        newList: null,
      },
      {
        key: 2n,
        added: null,
        label: null,
        score: null,
        price: null,
        addr: null,
        tags: null,
        newList: null,
      },
    ]);
  });

  it('projects columns by field id, in the order asked', async () => {
    const table = await readDataFile(file, { schema: v2, columns: [5, 1, 9] });
    const projected: StructType = {
      type: 'struct',
      fields: [v2.fields[5]!, v2.fields[0]!, v2.fields[1]!],
    };
    expect(table.schema.fields.map(f => f.name)).toEqual([
      'addr',
      'key',
      'added',
    ]);
    expect(rowsFromTable(table, projected)[0]).toEqual({
      addr: { zip: null, town: 'Oslo' },
      key: 1n,
      added: null,
    });
  });

  it('returns nulls when no asked column is in the file', async () => {
    const table = await readDataFile(file, { schema: v2, columns: [9, 11] });
    expect(table.numRows).toBe(2);
    expect(
      rowsFromTable(table, {
        type: 'struct',
        fields: [v2.fields[1]!, v2.fields[7]!],
      }),
    ).toEqual([
      { added: null, newList: null },
      { added: null, newList: null },
    ]);
  });

  it('rejects an unknown field id and an impossible type change', async () => {
    await expect(
      readDataFile(file, { schema: v2, columns: [99] }),
    ).rejects.toThrow(ReadSchemaError);
    const bad: StructType = {
      type: 'struct',
      fields: [{ id: 2, name: 'name', required: false, type: 'int' }],
    };
    await expect(readDataFile(file, { schema: bad })).rejects.toThrow(
      'name: cannot read Utf8 as int',
    );
  });
});
