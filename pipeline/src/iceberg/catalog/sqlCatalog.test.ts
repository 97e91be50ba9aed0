import { createTable, loadTable } from '../table';
import {
  createTestCatalog,
  simpleSchema,
  type TestCatalog,
} from '../__testUtils__/localCatalog';
import {
  AlreadyExistsError,
  CommitConflictError,
  NamespaceNotEmptyError,
  NoSuchNamespaceError,
  NoSuchTableError,
  parseIdentifier,
} from './catalog';

let t: TestCatalog;
beforeEach(async () => {
  t = await createTestCatalog();
});
afterEach(async () => {
  await t.cleanup();
});

describe('SqlCatalog on SQLite', () => {
  it('manages namespaces like the JDBC catalog', async () => {
    const { catalog } = t;
    await catalog.createNamespace(['bronze']);
    await catalog.createNamespace(['silver'], { owner: 'data-platform' });
    await expect(catalog.createNamespace(['bronze'])).rejects.toThrow(
      AlreadyExistsError,
    );
    expect(await catalog.listNamespaces()).toEqual([['bronze'], ['silver']]);
    expect(await catalog.namespaceProperties(['silver'])).toEqual({
      exists: 'true',
      owner: 'data-platform',
    });
    await expect(catalog.namespaceProperties(['gold'])).rejects.toThrow(
      NoSuchNamespaceError,
    );
    await catalog.dropNamespace(['bronze']);
    expect(await catalog.namespaceExists(['bronze'])).toBe(false);
  });

  it('creates, loads, lists, renames and drops tables', async () => {
    const { catalog } = t;
    const id = parseIdentifier('silver.purchases');
    await expect(
      createTable(catalog, id, { schema: simpleSchema() }),
    ).rejects.toThrow(NoSuchNamespaceError);
    await catalog.createNamespace(['silver']);
    const table = await createTable(catalog, id, {
      schema: simpleSchema(),
      properties: { owner: 'me' },
    });
    expect(table.metadataLocation).toMatch(
      /\/silver\/purchases\/metadata\/00000-[0-9a-f-]+\.metadata\.json$/,
    );
    await expect(
      createTable(catalog, id, { schema: simpleSchema() }),
    ).rejects.toThrow(AlreadyExistsError);

    const loaded = await loadTable(catalog, id);
    expect(loaded.metadata).toEqual(table.metadata);
    expect(loaded.schema().fields.map(f => f.name)).toEqual([
      'id',
      'name',
      'ts',
    ]);
    expect(await catalog.listTables(['silver'])).toEqual([id]);
    await expect(catalog.dropNamespace(['silver'])).rejects.toThrow(
      NamespaceNotEmptyError,
    );

    const renamed = parseIdentifier('silver.orders');
    await catalog.renameTable(id, renamed);
    await expect(loadTable(catalog, id)).rejects.toThrow(NoSuchTableError);
    expect((await loadTable(catalog, renamed)).metadataLocation).toBe(
      table.metadataLocation,
    );
    await catalog.dropTable(renamed);
    expect(await catalog.tableExists(renamed)).toBe(false);
  });

  it('swaps the metadata pointer only from the expected location', async () => {
    const { catalog } = t;
    await catalog.createNamespace(['ns']);
    const id = parseIdentifier('ns.t');
    const table = await createTable(catalog, id, { schema: simpleSchema() });
    await catalog.swapMetadata(id, table.metadataLocation, 'file:///next.json');
    await expect(
      catalog.swapMetadata(id, table.metadataLocation, 'file:///other.json'),
    ).rejects.toThrow(CommitConflictError);
    expect(await catalog.loadPointer(id)).toEqual({
      identifier: id,
      metadataLocation: 'file:///next.json',
      previousMetadataLocation: table.metadataLocation,
    });
  });

  it('rejects identifiers without a namespace', () => {
    expect(() => parseIdentifier('purchases')).toThrow(
      /expected <namespace>.<table>/,
    );
  });
});
