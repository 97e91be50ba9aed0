import { parseIdentifier } from './catalog/catalog';
import { loadTable, createTable } from './table';
import { SchemaEvolutionError, SchemaUpdate } from './schemaUpdate';
import { indexFields, type Schema } from './types';
import {
  createTestCatalog,
  type TestCatalog,
} from './__testUtils__/localCatalog';

const base: Schema = {
  type: 'struct',
  'schema-id': 0,
  'identifier-field-ids': [1],
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: 'qty', required: true, type: 'int' },
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
  ],
};

describe('SchemaUpdate', () => {
  it('adds optional columns (top level and nested) with fresh ids', () => {
    const { schema, lastColumnId } = new SchemaUpdate()
      .addColumn('coupon_code', 'string', { doc: 'v2 field' })
      .addColumn('address.zip', 'string')
      .addColumn('tags', {
        type: 'list',
        'element-id': 0,
        element: 'string',
        'element-required': false,
      })
      .apply(base, 6);
    const fields = indexFields(schema);
    expect(fields.get(7)).toMatchObject({
      path: 'coupon_code',
      required: false,
      type: 'string',
    });
    expect(fields.get(8)).toMatchObject({ path: 'address.zip' });
    expect(fields.get(9)).toMatchObject({ path: 'tags' });
    expect(fields.get(10)).toMatchObject({ path: 'tags.element' });
    expect(lastColumnId).toBe(10);
  });

  it('renames, widens, relaxes and reorders', () => {
    const { schema } = new SchemaUpdate()
      .renameColumn('qty', 'quantity')
      .updateColumnType('quantity', 'long')
      .updateColumnType('score', 'double')
      .updateColumnType('price', 'decimal(18, 2)')
      .makeOptional('quantity')
      .moveFirst('price')
      .moveAfter('address', 'price')
      .apply(base, 6);
    expect(schema.fields.map(f => [f.id, f.name, f.type, f.required])).toEqual([
      [4, 'price', 'decimal(18, 2)', false],
      [5, 'address', base.fields[4]!.type, false],
      [1, 'id', 'long', true],
      [2, 'quantity', 'long', false],
      [3, 'score', 'double', false],
    ]);
  });

  it('rejects incompatible changes with a reason', () => {
    const attempt = (u: SchemaUpdate) => () => u.apply(base, 6);
    expect(attempt(new SchemaUpdate().updateColumnType('id', 'int'))).toThrow(
      /only int→long/,
    );
    expect(
      attempt(new SchemaUpdate().updateColumnType('price', 'decimal(9, 3)')),
    ).toThrow(SchemaEvolutionError);
    expect(
      attempt(new SchemaUpdate().updateColumnType('score', 'string')),
    ).toThrow(SchemaEvolutionError);
    expect(
      attempt(new SchemaUpdate().addColumn('x', 'int', { required: true })),
    ).toThrow(/add it as optional/);
    expect(attempt(new SchemaUpdate().addColumn('id', 'int'))).toThrow(
      /already exists/,
    );
    expect(attempt(new SchemaUpdate().makeRequired('score'))).toThrow(
      /may contain nulls/,
    );
    expect(attempt(new SchemaUpdate().makeOptional('id'))).toThrow(
      /identifier column/,
    );
    expect(attempt(new SchemaUpdate().renameColumn('qty', 'score'))).toThrow(
      /a column with that name exists/,
    );
    expect(attempt(new SchemaUpdate().renameColumn('nope', 'x'))).toThrow(
      /does not exist/,
    );
    expect(
      attempt(new SchemaUpdate().updateColumnType('address', 'long')),
    ).toThrow(/nested column/);
  });

  it('never reuses a field id, also after a delete', () => {
    const { schema, lastColumnId } = new SchemaUpdate()
      .deleteColumn('score')
      .addColumn('score', 'double')
      .apply(base, 6);
    expect(schema.fields.find(f => f.name === 'score')!.id).toBe(7);
    expect(lastColumnId).toBe(7);
  });

  describe('committed to a table', () => {
    let t: TestCatalog;
    beforeEach(async () => {
      t = await createTestCatalog();
      await t.catalog.createNamespace(['ns']);
    });
    afterEach(() => t.cleanup());

    it('adds a schema version and keeps the history', async () => {
      const id = parseIdentifier('ns.evolving');
      const table = await createTable(t.catalog, id, { schema: base });
      const next = await new SchemaUpdate()
        .addColumn('device', 'string')
        .commit(table);
      expect(next.metadata.schemas.map(s => s['schema-id'])).toEqual([0, 1]);
      expect(next.metadata['current-schema-id']).toBe(1);
      expect(next.metadata['last-column-id']).toBe(7);
      const reloaded = await loadTable(t.catalog, id);
      expect(reloaded.schema().fields.map(f => f.name)).toContain('device');
      // Going back to an identical earlier schema reuses its id.
      const back = await new SchemaUpdate()
        .deleteColumn('device')
        .commit(reloaded);
      expect(back.metadata['current-schema-id']).toBe(0);
      expect(back.metadata['last-column-id']).toBe(7);
    });
  });
});
